"""The journey and advocacy commands: `kano journey`, `kano advocacy`, and editing stages,
touchpoints, personas and KPI periods from scripts (`kano stage|touchpoint|persona|kpi`).

The commands are thin: every change goes through ``kano_tui.engine.customers.journey`` or
``kano_tui.engine.customers.advocacy``, which check the input and raise one-sentence errors before
anything changes; the project is saved only when the whole change is sound.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from kano_tui.cli.base import cli, echo_json, open_workspace
from kano_tui.errors import KanoError

PROJECT = click.argument("project", type=click.Path(file_okay=False))


def _position(value: int | None) -> int | None:
    """1-based on the command line, 0-based in the engine."""
    return None if value is None else value - 1


def _edit(ctx: click.Context, project: str, change: Callable[[Any], str]) -> None:
    """Open PROJECT for writing, apply ``change`` to its model, save, print what it said."""
    workspace = open_workspace(ctx, project, write=True)
    try:
        message = change(workspace.project)
        workspace.save()
    finally:
        workspace.close()
    click.echo(message)


# --------------------------------------------------------------------------- kano journey


@cli.command()
@PROJECT
@click.option("--persona", help="Draw this persona's emotion curve instead of the shared one.")
@click.option("--classifier", help="Classifier for the feature badges (default: the project's).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def journey(
    ctx: click.Context, project: str, persona: str | None, classifier: str | None, fmt: str
) -> None:
    """Print the customer journey map: the emotion curve across every touchpoint, then
    each stage with its touchpoints (channel, emotion, pain points, opportunities,
    evidence, linked features with their Kano category) and its health.

    A stage needs attention when a must-be feature on it performs badly or when a
    touchpoint feels negative with no linked feature to fix it.
    """
    from kano_tui.engine.customers.journey import find_persona, journey_map_for, journey_to_json

    workspace = open_workspace(ctx, project)
    chosen = find_persona(workspace.project, persona) if persona else None
    journey_map = journey_map_for(workspace, classifier)
    if fmt == "json":
        echo_json(journey_to_json(journey_map))
        return
    from kano_tui.cli.fit import console as fitted_console
    from kano_tui.cli.journeytext import journey_renderables

    console = fitted_console()
    for renderable in journey_renderables(workspace.project, journey_map, chosen, console.width):
        console.print(renderable)


# --------------------------------------------------------------------------- kano advocacy


@cli.command()
@PROJECT
@click.option("--by", help="Also show each value of this respondent column (a segment).")
@click.option("--classifier", help="Classifier for the lifecycle (default: the project's).")
@click.option(
    "--weight",
    help="Weight NPS, CSAT and the lifecycle by this numeric respondent "
    "column (default: [settings] weight; --weight '' for none).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def advocacy(
    ctx: click.Context,
    project: str,
    by: str | None,
    classifier: str | None,
    weight: str | None,
    fmt: str,
) -> None:
    """Are customers becoming advocates? NPS per wave with its 95% margin of error and
    whether the change from the previous wave is significant; CSAT as top-2-box % and
    mean; retention, churn, growth and referral rates of each KPI period; and the Kano
    lifecycle (how each feature's category moved between waves, stale evidence flagged).
    """
    from kano_tui.engine.customers.advocacy import advocacy_report, advocacy_to_json

    workspace = open_workspace(ctx, project)
    report = advocacy_report(workspace, by=by, classifier=classifier, weight=weight)
    if fmt == "json":
        echo_json(advocacy_to_json(report))
        return
    from kano_tui.cli.fit import print_renderables
    from kano_tui.cli.journeytext import advocacy_renderables

    print_renderables(advocacy_renderables(report))


# --------------------------------------------------------------------------- kano stage


@cli.group()
def stage() -> None:
    """List, add, rename, reorder and remove the stages of the customer journey."""


@stage.command("list")
@PROJECT
@click.pass_context
def stage_list(ctx: click.Context, project: str) -> None:
    """List the stages in journey order with their touchpoint counts."""
    from kano_tui.engine.customers.journey import stage_touchpoints

    workspace = open_workspace(ctx, project)
    for number, item in enumerate(workspace.project.stages, start=1):
        count = len(stage_touchpoints(workspace.project, item.id))
        click.echo(
            f"{number:>2}. {item.name}  [{item.id}]  {count} touchpoint"
            + ("" if count == 1 else "s")
        )


@stage.command("add")
@PROJECT
@click.argument("name")
@click.option("--description", default="", help="What happens at this stage.")
@click.option("--position", type=int, help="Where it goes, 1 being first (default: last).")
@click.pass_context
def stage_add(
    ctx: click.Context, project: str, name: str, description: str, position: int | None
) -> None:
    """Add a stage named NAME to the journey."""
    from kano_tui.engine.customers.journey import add_stage

    def change(model: Any) -> str:
        added = add_stage(model, name, description=description, position=_position(position))
        return f"Added stage {added.name!r} [{added.id}]."

    _edit(ctx, project, change)


@stage.command("rename")
@PROJECT
@click.argument("stage_key", metavar="STAGE")
@click.argument("name")
@click.pass_context
def stage_rename(ctx: click.Context, project: str, stage_key: str, name: str) -> None:
    """Rename STAGE (id or name) to NAME; its id, which touchpoints refer to, stays."""
    from kano_tui.engine.customers.journey import find_stage, rename_stage

    def change(model: Any) -> str:
        old = find_stage(model, stage_key).name
        renamed = rename_stage(model, stage_key, name)
        return f"Renamed stage {old!r} to {renamed.name!r}."

    _edit(ctx, project, change)


@stage.command("move")
@PROJECT
@click.argument("stage_key", metavar="STAGE")
@click.argument("position", type=int)
@click.pass_context
def stage_move(ctx: click.Context, project: str, stage_key: str, position: int) -> None:
    """Move STAGE to POSITION in the journey (1 is first)."""
    from kano_tui.engine.customers.journey import move_stage

    def change(model: Any) -> str:
        moved = move_stage(model, stage_key, position - 1)
        return f"Moved stage {moved.name!r} to position {position}."

    _edit(ctx, project, change)


@stage.command("remove")
@PROJECT
@click.argument("stage_key", metavar="STAGE")
@click.option(
    "--move-to", help="Move its touchpoints (and features placed on it) to this stage first."
)
@click.option("--delete-touchpoints", is_flag=True, help="Delete its touchpoints along with it.")
@click.pass_context
def stage_remove(
    ctx: click.Context, project: str, stage_key: str, move_to: str | None, delete_touchpoints: bool
) -> None:
    """Remove STAGE. A stage that still has touchpoints is refused unless you say where
    they go (--move-to) or that they go too (--delete-touchpoints); features placed on
    it follow --move-to or become unplaced."""
    from kano_tui.engine.customers.journey import StageNotEmptyError, remove_stage

    def change(model: Any) -> str:
        try:
            removal = remove_stage(
                model, stage_key, move_to=move_to, delete_touchpoints=delete_touchpoints
            )
        except StageNotEmptyError as error:
            plural = "it" if error.touchpoints == 1 else "them"
            raise KanoError(
                f"The stage {error.stage.name!r} still has {error.touchpoints} touchpoint"
                f"{'' if error.touchpoints == 1 else 's'}; pass --move-to STAGE to keep "
                f"{plural} or --delete-touchpoints to delete {plural}."
            ) from None
        parts = [f"Removed stage {removal.stage.name!r}"]
        if removal.moved_touchpoints:
            parts.append(f"moved {removal.moved_touchpoints} touchpoint(s) to {move_to!r}")
        if removal.deleted_touchpoints:
            parts.append(f"deleted {removal.deleted_touchpoints} touchpoint(s)")
        if removal.moved_features:
            parts.append(f"moved {removal.moved_features} feature(s) to {move_to!r}")
        if removal.unplaced_features:
            parts.append(f"{removal.unplaced_features} feature(s) are now unplaced")
        return "; ".join(parts) + "."

    _edit(ctx, project, change)


# --------------------------------------------------------------------------- kano touchpoint


@cli.group()
def touchpoint() -> None:
    """List, add, edit, move and remove touchpoints, and link features to them."""


@touchpoint.command("list")
@PROJECT
@click.pass_context
def touchpoint_list(ctx: click.Context, project: str) -> None:
    """List every touchpoint, stage by stage: id, emotion, name and linked features."""
    from kano_tui.engine.customers.journey import stage_touchpoints

    workspace = open_workspace(ctx, project)
    model = workspace.project
    for item in model.stages:
        click.echo(item.name)
        for point in stage_touchpoints(model, item.id):
            linked = f"  features: {', '.join(point.features)}" if point.features else ""
            click.echo(f"  {point.id:<24} {point.emotion:+d}  {point.name}{linked}")


EMOTION_HELP = "How the customer feels, from -2 (very negative) to +2 (delighted)."
EVIDENCE_HELP = "assumption, partly backed or data-backed."


@touchpoint.command("add")
@PROJECT
@click.argument("stage_key", metavar="STAGE")
@click.argument("name")
@click.option("--channel", default="", help="Where it happens: web, email, phone, store...")
@click.option("--description", default="")
@click.option("--emotion", default="0", show_default=True, help=EMOTION_HELP)
@click.option("--pain-point", "pain_points", multiple=True, help="A pain point (repeatable).")
@click.option("--opportunity", "opportunities", multiple=True, help="An opportunity (repeatable).")
@click.option("--evidence", default="assumption", show_default=True, help=EVIDENCE_HELP)
@click.option(
    "--feature", "features", multiple=True, help="Link a feature, by id or name (repeatable)."
)
@click.option("--id", "touchpoint_id", help="Its id (default: from NAME).")
@click.option("--position", type=int, help="Its place within the stage, 1 being first.")
@click.pass_context
def touchpoint_add(
    ctx: click.Context,
    project: str,
    stage_key: str,
    name: str,
    channel: str,
    description: str,
    emotion: str,
    pain_points: tuple[str, ...],
    opportunities: tuple[str, ...],
    evidence: str,
    features: tuple[str, ...],
    touchpoint_id: str | None,
    position: int | None,
) -> None:
    """Add a touchpoint named NAME to STAGE (id or name)."""
    from kano_tui.engine.customers.journey import add_touchpoint

    def change(model: Any) -> str:
        added = add_touchpoint(
            model,
            stage_key,
            name,
            channel=channel,
            description=description,
            emotion=emotion,
            pain_points=pain_points,
            opportunities=opportunities,
            evidence=evidence,
            features=features,
            touchpoint_id=touchpoint_id,
            position=_position(position),
        )
        stage_name = next(s.name for s in model.stages if s.id == added.stage)
        return f"Added touchpoint {added.id!r} ({added.name}) to {stage_name}."

    _edit(ctx, project, change)


@touchpoint.command("edit")
@PROJECT
@click.argument("touchpoint_key", metavar="TOUCHPOINT")
@click.option("--name")
@click.option("--stage", "stage_key", help="Move it to the end of this stage.")
@click.option("--channel")
@click.option("--description")
@click.option("--emotion", help=EMOTION_HELP)
@click.option("--evidence", help=EVIDENCE_HELP)
@click.option(
    "--pain-point",
    "pain_points",
    multiple=True,
    help="Replace the pain points with these (repeatable).",
)
@click.option("--no-pain-points", is_flag=True, help="Remove every pain point.")
@click.option(
    "--opportunity",
    "opportunities",
    multiple=True,
    help="Replace the opportunities with these (repeatable).",
)
@click.option("--no-opportunities", is_flag=True, help="Remove every opportunity.")
@click.pass_context
def touchpoint_edit(
    ctx: click.Context,
    project: str,
    touchpoint_key: str,
    name: str | None,
    stage_key: str | None,
    channel: str | None,
    description: str | None,
    emotion: str | None,
    evidence: str | None,
    pain_points: tuple[str, ...],
    no_pain_points: bool,
    opportunities: tuple[str, ...],
    no_opportunities: bool,
) -> None:
    """Change TOUCHPOINT (id or name); options not given stay as they are."""
    from kano_tui.engine.customers.journey import edit_touchpoint

    changes: dict[str, Any] = {
        "name": name,
        "stage": stage_key,
        "channel": channel,
        "description": description,
        "emotion": emotion,
        "evidence": evidence,
    }
    if pain_points or no_pain_points:
        changes["pain_points"] = list(pain_points)
    if opportunities or no_opportunities:
        changes["opportunities"] = list(opportunities)

    def change(model: Any) -> str:
        edited = edit_touchpoint(model, touchpoint_key, **changes)
        return f"Updated touchpoint {edited.id!r} ({edited.name})."

    _edit(ctx, project, change)


@touchpoint.command("move")
@PROJECT
@click.argument("touchpoint_key", metavar="TOUCHPOINT")
@click.argument("stage_key", metavar="STAGE")
@click.option("--position", type=int, help="Its place within STAGE, 1 being first (default: last).")
@click.pass_context
def touchpoint_move(
    ctx: click.Context, project: str, touchpoint_key: str, stage_key: str, position: int | None
) -> None:
    """Move TOUCHPOINT to STAGE (or, with --position, reorder it within its stage)."""
    from kano_tui.engine.customers.journey import move_touchpoint

    def change(model: Any) -> str:
        moved = move_touchpoint(model, touchpoint_key, stage_key, _position(position))
        stage_name = next(s.name for s in model.stages if s.id == moved.stage)
        return f"Moved touchpoint {moved.id!r} to {stage_name}."

    _edit(ctx, project, change)


@touchpoint.command("remove")
@PROJECT
@click.argument("touchpoint_key", metavar="TOUCHPOINT")
@click.pass_context
def touchpoint_remove(ctx: click.Context, project: str, touchpoint_key: str) -> None:
    """Remove TOUCHPOINT (and every persona's emotion at it)."""
    from kano_tui.engine.customers.journey import remove_touchpoint

    def change(model: Any) -> str:
        removed = remove_touchpoint(model, touchpoint_key)
        return f"Removed touchpoint {removed.id!r} ({removed.name})."

    _edit(ctx, project, change)


@touchpoint.command("link")
@PROJECT
@click.argument("touchpoint_key", metavar="TOUCHPOINT")
@click.argument("features", nargs=-1, required=True)
@click.pass_context
def touchpoint_link(
    ctx: click.Context, project: str, touchpoint_key: str, features: tuple[str, ...]
) -> None:
    """Link FEATURES (ids or names) to TOUCHPOINT: the features that shape that moment."""
    from kano_tui.engine.customers.journey import find_feature, link_feature

    def change(model: Any) -> str:
        lines = []
        for key in features:
            added = link_feature(model, touchpoint_key, key)
            name = find_feature(model, key).name
            lines.append(f"Linked {name!r}." if added else f"{name!r} was linked already.")
        return " ".join(lines)

    _edit(ctx, project, change)


@touchpoint.command("unlink")
@PROJECT
@click.argument("touchpoint_key", metavar="TOUCHPOINT")
@click.argument("features", nargs=-1, required=True)
@click.pass_context
def touchpoint_unlink(
    ctx: click.Context, project: str, touchpoint_key: str, features: tuple[str, ...]
) -> None:
    """Unlink FEATURES (ids or names) from TOUCHPOINT."""
    from kano_tui.engine.customers.journey import unlink_feature

    def change(model: Any) -> str:
        names = [unlink_feature(model, touchpoint_key, key).name for key in features]
        return "Unlinked " + ", ".join(repr(n) for n in names) + "."

    _edit(ctx, project, change)


# --------------------------------------------------------------------------- kano persona


@cli.group()
def persona() -> None:
    """List, add and remove personas, and set each one's emotion at a touchpoint."""


@persona.command("list")
@PROJECT
@click.pass_context
def persona_list(ctx: click.Context, project: str) -> None:
    """List the personas and their emotion at each touchpoint."""
    workspace = open_workspace(ctx, project)
    for item in workspace.project.personas:
        click.echo(f"{item.id:<20} {item.name}")
        for point, emotion in item.emotions.items():
            click.echo(f"    {emotion:+d}  {point}")


@persona.command("add")
@PROJECT
@click.argument("name")
@click.option("--description", default="", help="Who they are, in a sentence.")
@click.pass_context
def persona_add(ctx: click.Context, project: str, name: str, description: str) -> None:
    """Add a persona named NAME."""
    from kano_tui.engine.customers.journey import add_persona

    def change(model: Any) -> str:
        added = add_persona(model, name, description=description)
        return f"Added persona {added.id!r} ({added.name})."

    _edit(ctx, project, change)


@persona.command("remove")
@PROJECT
@click.argument("persona_key", metavar="PERSONA")
@click.pass_context
def persona_remove(ctx: click.Context, project: str, persona_key: str) -> None:
    """Remove PERSONA (id or name)."""
    from kano_tui.engine.customers.journey import remove_persona

    def change(model: Any) -> str:
        removed = remove_persona(model, persona_key)
        return f"Removed persona {removed.id!r} ({removed.name})."

    _edit(ctx, project, change)


@persona.command("emotion")
@PROJECT
@click.argument("persona_key", metavar="PERSONA")
@click.argument("touchpoint_key", metavar="TOUCHPOINT")
@click.option("--emotion", help=EMOTION_HELP)
@click.option("--clear", is_flag=True, help="Forget the persona's emotion at TOUCHPOINT.")
@click.pass_context
def persona_emotion(
    ctx: click.Context,
    project: str,
    persona_key: str,
    touchpoint_key: str,
    emotion: str | None,
    clear: bool,
) -> None:
    """Set how PERSONA feels at TOUCHPOINT (--emotion -2..+2), or --clear it."""
    from kano_tui.engine.customers.journey import set_persona_emotion

    if (emotion is None) == (not clear):
        raise KanoError("Give either --emotion -2..+2 or --clear.")

    def change(model: Any) -> str:
        changed = set_persona_emotion(
            model, persona_key, touchpoint_key, None if clear else emotion
        )
        return f"Updated persona {changed.id!r}."

    _edit(ctx, project, change)


# --------------------------------------------------------------------------- kano kpi

KPI_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--start", "start", "First day of the period (ISO date, e.g. 2026-01-01)."),
    ("--end", "end", "Last day of the period (ISO date)."),
    ("--customers-start", "customers_start", "Customers at the start (S)."),
    ("--customers-end", "customers_end", "Customers at the end (E), new ones included."),
    ("--new", "customers_new", "New customers won during the period (N)."),
    (
        "--new-by-referral",
        "customers_new_by_referral",
        "New customers who came through a referral.",
    ),
    ("--referrals-made", "referrals_made", "Referrals existing customers made."),
    (
        "--referral-definition",
        "referral_definition",
        "What counts as a referral, shown beside the referral rate.",
    ),
)


def kpi_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for flag, name, help_text in reversed(KPI_OPTIONS):
        command = click.option(flag, name, help=help_text)(command)
    return command


@cli.group()
def kpi() -> None:
    """List, add, edit and remove KPI periods: the customer counts from which retention,
    churn and referral rates follow."""


@kpi.command("list")
@PROJECT
@click.pass_context
def kpi_list(ctx: click.Context, project: str) -> None:
    """List the KPI periods with their counts."""
    workspace = open_workspace(ctx, project)
    for period in workspace.project.kpi_periods:
        dates = f" ({period.start} to {period.end})" if period.start or period.end else ""
        click.echo(
            f"{period.label}{dates}: S={period.customers_start} "
            f"E={period.customers_end} N={period.customers_new} "
            f"by referral={period.customers_new_by_referral} "
            f"referrals made={period.referrals_made}"
        )


@kpi.command("add")
@PROJECT
@click.argument("label")
@kpi_options
@click.pass_context
def kpi_add(ctx: click.Context, /, project: str, label: str, **values: str | None) -> None:
    """Add a KPI period labelled LABEL (counts not given are 0)."""
    from kano_tui.engine.customers.advocacy import add_kpi_period

    def change(model: Any) -> str:
        added = add_kpi_period(model, label, **values)
        return f"Added KPI period {added.label!r}."

    _edit(ctx, project, change)


@kpi.command("edit")
@PROJECT
@click.argument("label")
@click.option("--label", "new_label", help="A new label.")
@kpi_options
@click.pass_context
def kpi_edit(
    ctx: click.Context, /, project: str, label: str, new_label: str | None, **values: str | None
) -> None:
    """Change the KPI period LABEL; options not given stay as they are."""
    from kano_tui.engine.customers.advocacy import edit_kpi_period

    def change(model: Any) -> str:
        edited = edit_kpi_period(model, label, label=new_label, **values)
        return f"Updated KPI period {edited.label!r}."

    _edit(ctx, project, change)


@kpi.command("remove")
@PROJECT
@click.argument("label")
@click.pass_context
def kpi_remove(ctx: click.Context, project: str, label: str) -> None:
    """Remove the KPI period LABEL."""
    from kano_tui.engine.customers.advocacy import remove_kpi_period

    def change(model: Any) -> str:
        removed = remove_kpi_period(model, label)
        return f"Removed KPI period {removed.label!r}."

    _edit(ctx, project, change)
