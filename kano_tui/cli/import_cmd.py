"""`kano import` and `kano imports`: survey files in, and the list of them (imported
when one of them runs: base.LAZY_COMMANDS)."""

from __future__ import annotations

from pathlib import Path

import click

from kano_tui.cli.base import cli, open_workspace
from kano_tui.cli.plugin_commands import apply_options, option_option
from kano_tui.errors import KanoError
from kano_tui.wording import count


@cli.command("import")
@click.argument("project", type=click.Path(file_okay=False))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--importer", help="Importer to use (default: chosen from the file). See `kano plugins`."
)
@click.option("--wave", default="", help="Wave label for rows that carry none (e.g. 2026-Q3).")
@click.option("--encoding", help="Text encoding (default: detected).")
@click.option("--delimiter", help="Field separator (default: detected).")
@click.option("--sheet", help="Spreadsheet importers: the sheet to read.")
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="COLUMN=FEATURE:ROLE",
    help="Map a column to a feature question (role: functional, dysfunctional, "
    "importance), or COLUMN=respondent (a 'Response ID'), COLUMN=wave (a "
    "'Cohort'), COLUMN=nps, COLUMN=csat, or COLUMN=ignore to leave it out "
    "(an e-mail address, an IP); repeatable; saved in kano.toml for the next wave.",
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help='A mapping file, TOML ([mapping] "COLUMN" = "FEATURE:ROLE", '
    '[wordings] "TEXT" = "TOKEN", [importance] "TEXT" = N) or CSV '
    "(column,feature,role); --map, --wording, --importance win over it; saved "
    "like them.",
)
@click.option(
    "--wording",
    "wordings",
    multiple=True,
    metavar="TEXT=TOKEN",
    help="Teach an answer wording the file uses: TOKEN is like, expect, neutral, "
    'tolerate or dislike (e.g. --wording "I adore it=like"); repeatable; kept '
    "in kano.toml for the next waves.",
)
@click.option(
    "--importance",
    "importance_labels",
    multiple=True,
    metavar="TEXT=N",
    help='Teach an importance label\'s number (e.g. --importance "Crucial=5"); '
    "repeatable; kept in kano.toml. The usual 4-, 5- and 7-point label scales "
    "(English, German, French, Spanish) need no teaching.",
)
@click.option(
    "--all-problems", is_flag=True, help="List every problem the file has, not only the first."
)
@click.option("--dry-run", is_flag=True, help="Check the file and show what would be imported.")
@option_option
@click.pass_context
def import_(
    ctx: click.Context,
    project: str,
    file: Path,
    importer: str | None,
    wave: str,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
    mappings: tuple[str, ...],
    mapping_file: Path | None,
    wordings: tuple[str, ...],
    importance_labels: tuple[str, ...],
    all_problems: bool,
    dry_run: bool,
    plugin_options: tuple[str, ...],
) -> None:
    """Import survey responses from FILE into PROJECT (FILE itself is never modified).

    New features found in the file are added to the project (a column named
    F6.functional or F6_functional makes the feature F6). A file imported before is
    refused, and so is any file with a problem, such as an answer wording kano does not
    know (teach it with --wording): nothing changes unless all of it imports.
    Survey-tool exports (Qualtrics, SurveyMonkey, Google Forms, Typeform) are recognised;
    their columns are mapped to features by question text, shown here, and saved.
    FILE must be a regular file: a pipe such as <(gunzip -c x.csv.gz) is refused (save
    the stream to a file first).
    """
    from kano_tui.engine.importing.ingest import merge_wordings
    from kano_tui.engine.importing.mapping import read_mapping_file, read_teaching
    from kano_tui.engine.importing.survey import ImportOptions

    workspace = open_workspace(ctx, project, write=not dry_run)
    apply_options(workspace, plugin_options)
    file_wordings, file_labels = read_teaching(mapping_file) if mapping_file else ({}, {})
    flag_wordings, flag_labels = _parse_teaching(wordings, importance_labels)
    options = ImportOptions(
        wave=wave,
        encoding=encoding,
        delimiter=_delimiter(delimiter),
        sheet=sheet,
        mapping={
            **(read_mapping_file(mapping_file) if mapping_file else {}),
            **_parse_mappings(mappings),
        },
        extra_wordings=merge_wordings(file_wordings, flag_wordings),
        importance_labels={**file_labels, **flag_labels},
    )
    from kano_tui.cli.progress import progress_bar

    with progress_bar(f"Importing {file.name}") as report:
        report(f"reading {_size(file)}")
        prepared = workspace.prepare_import(file, importer, options)
    _echo_proposals(prepared, workspace.project)
    prepared.check(all_problems=all_problems)
    if prepared.importance_scale is not None:
        click.echo(f"Importance read as {prepared.importance_scale.describe()}.")
    new = ", ".join(f.name for f in prepared.new_features) or "none"
    if dry_run:
        respondents = count(prepared.rows, "respondent", grouped=False)
        click.echo(
            f"{file}: {respondents} would be imported with "
            f"{prepared.importer!r}; new features: {new}."
        )
        return
    with progress_bar(f"Importing {file.name}") as report:
        report("storing the responses")
        record = workspace.commit_import(prepared)
    respondents = count(record.rows, "respondent", grouped=False)
    click.echo(
        f"Imported {respondents} from {file} as {record.id} "
        f"({record.importer}); new features: {new}."
    )


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return "the file"
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} kB"


def _echo_proposals(prepared, project) -> None:  # type: ignore[no-untyped-def]
    """List the columns mapped by question text, for the user to check."""
    proposed = [plan for plan in prepared.plan if plan.confidence < 1]
    if not proposed:
        return
    names = {f.id: f.name for f in [*project.features, *prepared.new_features]}
    click.echo(
        "Mapped by question text (correct with --map COLUMN=FEATURE:ROLE or --mapping FILE):"
    )
    for plan in proposed:
        target = (
            f"{names.get(plan.feature, plan.feature)} [{plan.feature}] {plan.role}"
            if plan.kind == "answer"
            else plan.kind.upper()
        )
        click.echo(f"  {plan.column} -> {target} ({plan.confidence:.0%} sure)")


def _parse_teaching(
    wordings: tuple[str, ...], labels: tuple[str, ...]
) -> tuple[dict[str, list[str]], dict[str, int]]:
    """--wording "TEXT=TOKEN" and --importance "TEXT=N", checked."""
    from kano_tui.engine.importing.answers import parse_taught
    from kano_tui.engine.importing.mapping import taught_importance, taught_wording
    from kano_tui.errors import KanoError

    taught: dict[str, list[str]] = {}
    numbers: dict[str, int] = {}
    for flag, items in (("--wording", wordings), ("--importance", labels)):
        for item in items:
            try:
                text, value = parse_taught(item, flag)
            except ValueError:
                shape = "TOKEN" if flag == "--wording" else "N"
                raise KanoError(
                    f"{flag} {item!r} is not TEXT={shape} (e.g. "
                    f'{flag} "I adore it={"like" if shape == "TOKEN" else "5"}").'
                ) from None
            if flag == "--wording":
                wording, token = taught_wording(text, value, f"--wording {item!r}")
                taught.setdefault(token, []).append(wording)
            else:
                label, number = taught_importance(text, value, f"--importance {item!r}")
                numbers[label] = number
    return taught, numbers


def _delimiter(text: str | None) -> str | None:
    if text is None:
        return None
    return {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}.get(text, text)


def _parse_mappings(items: tuple[str, ...]) -> dict[str, tuple[str, str]]:

    from kano_tui.engine.project.model import COLUMN_ROLES, ROLES

    parsed = {}
    for item in items:
        column, _, target = item.rpartition("=")
        if column and target.strip().lower() in COLUMN_ROLES:  # Q9=nps, IP=ignore, ID=respondent
            parsed[column] = ("", target.strip().lower())
            continue
        feature, _, role = target.rpartition(":")
        if not column or not feature or role not in ROLES:
            raise KanoError(
                f"--map {item!r} is not COLUMN=FEATURE:ROLE with ROLE one of "
                f"{', '.join(ROLES)}, nor COLUMN=ROLE with ROLE one of "
                f"{', '.join(COLUMN_ROLES)}."
            )
        parsed[column] = (feature, role)
    return parsed


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.pass_context
@click.option(
    "--remove",
    "remove_id",
    metavar="IMPORT_ID",
    help="Forget this import and delete its stored responses (the source file "
    "is untouched), e.g. to import a corrected file again.",
)
def imports(ctx: click.Context, project: str, remove_id: str | None) -> None:
    """List the survey files imported into PROJECT, or remove one."""
    workspace = open_workspace(ctx, project, write=bool(remove_id))
    if remove_id:
        record = workspace.remove_import(remove_id)
        click.echo(
            f"Removed {record.id} ({count(record.rows, 'respondent', grouped=False)} from "
            f"{record.source})."
        )
        return
    if not workspace.project.imports:
        click.echo("No responses imported yet; use `kano import PROJECT FILE`.")
    for record in workspace.project.imports:
        wave = f", wave {record.wave}" if record.wave else ""
        click.echo(
            f"{record.id}  {record.imported_at}  {record.rows:>8} respondents  "
            f"{record.source} ({record.importer}{wave})"
        )
