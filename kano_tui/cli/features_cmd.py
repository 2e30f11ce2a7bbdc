"""`kano features` and `kano settings`: the catalogue and the project's settings
(imported when one of them runs: base.LAZY_COMMANDS)."""

from __future__ import annotations

import click

from kano_tui.cli.base import cli, key_value, open_workspace
from kano_tui.errors import KanoError


@cli.command("settings")
@click.argument("project", type=click.Path(file_okay=False))
@click.argument("changes", nargs=-1, metavar="[KEY=VALUE]...")
@click.pass_context
def settings_(ctx: click.Context, project: str, changes: tuple[str, ...]) -> None:
    """Show PROJECT's [settings], or change them: language (en, de, fr, es), answer_set
    (berger, expect-tolerate), product (how questions name it), classifier, thresholds.

    \b
    Examples:
      kano settings phone
      kano settings phone language=de answer_set=expect-tolerate "product=das Telefon"
    """
    import dataclasses

    workspace = open_workspace(ctx, project, write=bool(changes))
    current = workspace.project.settings
    fields = {f.name: f for f in dataclasses.fields(current) if f.name not in ("extra", "wordings")}
    for change in changes:
        key, value = key_value(change, "setting", "KEY=VALUE")
        if key not in fields:
            raise KanoError(f"There is no setting {key!r}; settings: {', '.join(fields)}.")
        kind = type(getattr(current, key))
        try:
            setattr(current, key, kind(value) if kind in (int, float) else value.strip())
        except ValueError:
            raise KanoError(f"Setting {key} must be a {kind.__name__}, not {value!r}.") from None
    if changes:
        workspace.save()
    for key in fields:
        click.echo(f"{key} = {getattr(current, key)!r}")


@cli.group()
def features() -> None:
    """List, add, edit and remove features of the catalogue."""


@features.command("list")
@click.argument("project", type=click.Path(file_okay=False))
@click.pass_context
def features_list(ctx: click.Context, project: str) -> None:
    """List the features of PROJECT: id, name, journey stage, effort and tags (the table
    fits the width; what does not fit is named)."""
    from kano_tui.cli.fit import Column, FitTable, print_fitted

    workspace = open_workspace(ctx, project)
    stages = {stage.id: stage.name for stage in workspace.project.stages}
    table = FitTable(
        None,
        (
            Column("id", "Id", 0, "left", wrap=True, min_width=12),
            Column("name", "Name", 0, "left", wrap=True),
            Column("stage", "Stage", 1, "left", wrap=True),
            Column("effort", "Effort", 2),
            Column("tags", "Tags", 2, "left", wrap=True),
        ),
    )
    for feature in workspace.project.features:
        table.add_row(
            feature.id,
            feature.name,
            stages.get(feature.stage, feature.stage),
            "" if feature.effort is None else f"{feature.effort:g}",
            ", ".join(feature.tags),
        )
    print_fitted([table])


@features.command("add")
@click.argument("project", type=click.Path(file_okay=False))
@click.argument("name")
@click.option("--id", "feature_id", help="The id used in survey columns (default: from NAME).")
@click.option("--description", default="")
@click.option("--stage", default="", help="Journey stage id or name.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--effort", type=float, help="Relative effort to build (0 or more).")
@click.pass_context
def features_add(
    ctx: click.Context,
    project: str,
    name: str,
    feature_id: str | None,
    description: str,
    stage: str,
    tags: tuple[str, ...],
    effort: float | None,
) -> None:
    """Add a feature named NAME to PROJECT."""
    from kano_tui.engine.project.catalogue import add_feature

    workspace = open_workspace(ctx, project, write=True)
    feature = add_feature(
        workspace.project,
        name,
        feature_id=feature_id,
        description=description,
        stage=stage,
        tags=list(tags),
        effort=effort,
    )
    workspace.save()
    click.echo(f"Added feature {feature.id!r} ({feature.name}).")


@features.command("edit")
@click.argument("project", type=click.Path(file_okay=False))
@click.argument("feature")
@click.option("--name", help="A new display name (the id stays: answers are keyed by it).")
@click.option("--description")
@click.option("--stage", help='Journey stage id or name ("" unplaces it).')
@click.option("--tag", "tags", multiple=True, help="Replace the tags (repeatable).")
@click.option("--effort", help='Relative effort to build (0 or more; "" clears it).')
@click.option("--status", help="Backlog status: new, planned, in-progress, done, dropped.")
@click.option("--note", help="The team's note, shown in the backlog.")
@click.option(
    "--phrase",
    help='How questions name it, article included ("an AR mode", '
    '"eine Kamera"); "" goes back to the guess.',
)
@click.option("--functional-question", help='Its own functional question ("": template).')
@click.option("--dysfunctional-question", help="Its own dysfunctional question.")
@click.option("--importance-question", help="Its own importance question.")
@click.pass_context
def features_edit(
    ctx: click.Context,
    project: str,
    feature: str,
    name: str | None,
    description: str | None,
    stage: str | None,
    tags: tuple[str, ...],
    effort: str | None,
    status: str | None,
    note: str | None,
    phrase: str | None,
    functional_question: str | None,
    dysfunctional_question: str | None,
    importance_question: str | None,
) -> None:
    """Edit FEATURE (id or name): its name, stage, effort, backlog status and note, and
    the wording of its questions.

    \b
    Examples:
      kano features edit phone ar --phrase "an AR mode" --effort 8
      kano features edit phone camera --status planned --note "Q3, needs a vendor"
    """
    from kano_tui.engine.project.catalogue import edit_feature
    from kano_tui.errors import KanoError

    changes: dict[str, object] = {}
    if effort is not None:
        try:
            changes["effort"] = float(effort) if effort.strip() else None
        except ValueError:
            raise KanoError(f"--effort must be a number, not {effort!r}.") from None
    wording = {
        key: value
        for key, value in (
            ("phrase", phrase),
            ("functional_question", functional_question),
            ("dysfunctional_question", dysfunctional_question),
            ("importance_question", importance_question),
        )
        if value is not None
    }
    workspace = open_workspace(ctx, project, write=True)
    edited = edit_feature(
        workspace.project,
        feature,
        name=name,
        description=description,
        stage=stage,
        tags=list(tags) if tags else None,
        wording=wording,
        status=status,
        note=note,
        **changes,
    )
    workspace.save()
    click.echo(f"Edited feature {edited.id!r} ({edited.name}).")


@features.command("remove")
@click.argument("project", type=click.Path(file_okay=False))
@click.argument("feature")
@click.pass_context
def features_remove(ctx: click.Context, project: str, feature: str) -> None:
    """Remove FEATURE (id or name) from PROJECT; its stored answers are kept on disk."""
    from kano_tui.engine.project.catalogue import remove_feature

    workspace = open_workspace(ctx, project, write=True)
    removed = remove_feature(workspace.project, feature)
    workspace.save()
    click.echo(f"Removed feature {removed.id!r} ({removed.name}).")
