"""The core commands: new, open, import, imports, analyze, backlog, export, questionnaire,
features (`kano plugins` lives in plugins_cmd)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kano_tui.cli.base import cli, open_workspace, table_option
from kano_tui.cli.plugin_commands import apply_options, option_option
from kano_tui.errors import KanoError
from kano_tui.wording import count

if TYPE_CHECKING:
    from kano_tui.plugins.manager import Plugins

FORMATS = click.Choice(["table", "json", "csv"])
WEIGHT_HELP = (
    "Weight every figure by this numeric respondent column (default: [settings] "
    "weight in kano.toml; --weight '' for none); n stays the respondent count."
)


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option("--name", help="The project's display name (default: the directory name).")
@click.option("--description", default="", help="A sentence on what the project studies.")
@click.pass_context
def new(ctx: click.Context, project: str, name: str | None, description: str) -> None:
    """Create a project directory with an empty kano.toml and the default journey stages."""
    from kano_tui.session.workspace import Workspace

    workspace = Workspace.create(project, name, description)  # needs no plugin
    click.echo(f"Created {workspace.directory / 'kano.toml'} ({workspace.project.name}).")


@cli.command("open")
@click.argument("project", type=click.Path(file_okay=False), default=".")
@click.pass_context
def open_(ctx: click.Context, project: str) -> None:
    """Open PROJECT in the terminal interface (the same as `kano PROJECT`)."""
    from kano_tui.session.workspace import Workspace
    from kano_tui.tui.app import run_app

    workspace = Workspace.open(Path(project))
    paths = (ctx.find_root().obj or {}).get("plugin_paths", [])

    def plugins() -> Plugins:
        from kano_tui.plugins.discovery import build_for_run  # importlib.metadata, ...

        return build_for_run(paths, project)

    # Plugins load in a worker once the first figures are drawn; the TUI reports their
    # problems itself (notes on stderr would be drawn over). The first analysis finds a
    # built-in classifier among the built-ins alone, as the CLI's commands do (unless
    # this run or the project brings plugins of its own: open_workspace's rule).
    from kano_tui.plugins.trust import has_plugin_files

    scoped = not paths and not has_plugin_files(project)
    run_app(workspace, plugins=plugins, scoped=scoped)


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


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option("--classifier", help="Classifier to use (default: the project's, `mode`).")
@click.option("--by", help="Analyse each value of this respondent column (a segment or wave).")
@click.option("--wave", help="Only respondents of this wave.")
@table_option
@click.option("--weight", help=WEIGHT_HELP)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@option_option
@click.option(
    "--columns",
    metavar="KEY,KEY,...|all",
    help="Table format: the columns to show, e.g. `n,better,worse,A,O,M` or `all` "
    "(keys: feature, category, n, better, worse, significant, A, O, M, I, R, Q, "
    "total_strength, category_strength, functional_mean, dysfunctional_mean, "
    "functional_sd, dysfunctional_sd, importance_mean, and the names of the "
    "classifier's own columns). Default: as many as fit the width, in that "
    "order, the classifier's columns after Sig.",
)
@click.pass_context
def analyze(
    ctx: click.Context,
    project: str,
    classifier: str | None,
    by: str | None,
    wave: str | None,
    evaluation_table: str | None,
    weight: str | None,
    fmt: str,
    plugin_options: tuple[str, ...],
    columns: str | None,
) -> None:
    """Classify every feature and print its Kano figures.

    Category, n, Better/Worse and Fong's significance, then as the width allows the
    counts (A O M I R Q), strengths, continuous scores and importance, overall or per
    value of --by. The table fits $COLUMNS, the terminal, or 80 columns in a pipe; no
    figure is ever cut: the columns that do not fit are left out and named. JSON adds
    Better/Worse 95% intervals and the chi-square goodness-of-fit test; columns a
    classifier adds (a confidence, a score) show in the table, the CSV and, per feature,
    under "extra" in JSON. Groups under
    [settings] small_sample (30) respondents are flagged; [quality] exclusions in
    kano.toml apply and are reported.
    """
    from kano_tui.engine.analysis.run import analysis_to_json

    chosen, extra_named = None, False
    if columns:  # a typo fails before the work (the tables import rich: only then)
        from kano_tui.cli.fit import parse_columns
        from kano_tui.cli.tables import ANALYSIS_COLUMNS

        try:
            chosen = parse_columns(columns, ANALYSIS_COLUMNS)
        except KanoError:  # perhaps a classifier's own column: known after the work
            extra_named = True
    from kano_tui.cli.progress import progress_bar

    workspace = open_workspace(ctx, project)
    apply_options(workspace, plugin_options)
    with progress_bar("Analysing") as report:  # a bootstrap classifier takes a while
        report("reading the responses")
        analysis = workspace.analyze(
            classifier, by=by, wave=wave, table=evaluation_table, weight=weight
        )
    if fmt == "json":
        json.dump(analysis_to_json(analysis), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt == "csv":
        from kano_tui.exporters.data import csv_table, write_csv

        rows, csv_columns = csv_table(analysis)
        sys.stdout.write(write_csv(rows, csv_columns).decode("utf-8"))
    else:
        from kano_tui.cli.tables import analysis_tables, print_tables

        if extra_named:
            from kano_tui.cli.fit import parse_columns
            from kano_tui.cli.tables import analysis_columns

            chosen = parse_columns(columns, analysis_columns(analysis))
        print_tables(analysis_tables(analysis), chosen, hint="--columns chooses")
        _echo_run_notes(analysis)


def _echo_run_notes(analysis) -> None:  # type: ignore[no-untyped-def]
    """Under a table: the weight and the exclusions, so nobody misreads the figures."""
    if any(result.small_sample for group in analysis.groups for result in analysis.results(group)):
        click.echo("* fewer respondents than [settings] small_sample (30): read with care.")
    if analysis.weight:
        click.echo(
            f"Weighted by {analysis.weight}; n counts respondents, n_eff (Kish) "
            "their effective number."
        )
    if analysis.quality is not None:
        click.echo(f"Quality exclusions: {analysis.quality.summary()}.")


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option("--classifier", help="Classifier to use (default: the project's).")
@table_option
@click.option("--weight", help=WEIGHT_HELP)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option(
    "--set-status",
    "statuses",
    multiple=True,
    metavar="FEATURE=STATUS",
    help="Set a feature's status first: new, planned, in-progress, done or "
    "dropped (repeatable); kept in kano.toml.",
)
@click.option(
    "--note",
    "notes",
    multiple=True,
    metavar="FEATURE=TEXT",
    help="Set a feature's note first (repeatable); kept in kano.toml.",
)
@click.pass_context
def backlog(
    ctx: click.Context,
    project: str,
    classifier: str | None,
    evaluation_table: str | None,
    weight: str | None,
    fmt: str,
    statuses: tuple[str, ...],
    notes: tuple[str, ...],
) -> None:
    """The prioritised backlog: must-be first, then performance, then excitement; within
    each, the most value per effort first.

    value = 100 x the category's coefficient (|Worse| for must-be, the mean of Better and
    |Worse| for performance, Better for excitement) x mean importance / scale top;
    value_per_effort = value / effort (a feature's effort: `kano features edit --effort`).
    Done and dropped features stay listed without a rank.

    \b
    Examples:
      kano backlog phone
      kano backlog phone --set-status face-recognition=planned --note "face-recognition=Q3"
      kano backlog phone --format csv > backlog.csv
    """
    if statuses or notes:
        from kano_tui.engine.project.catalogue import set_status

        workspace = open_workspace(ctx, project, write=True)
        for item in statuses:
            key, status = _pair(item, "--set-status", "FEATURE=STATUS")
            set_status(workspace.project, key, status)
        for item in notes:
            key, note = _pair(item, "--note", "FEATURE=TEXT")
            feature = workspace.project.feature(key)
            set_status(workspace.project, key, feature.status if feature else "new", note)
        workspace.save()
    else:
        workspace = open_workspace(ctx, project)
    items = workspace.backlog(classifier, table=evaluation_table, weight=weight)
    from kano_tui.engine.analysis.run import BACKLOG_CSV_COLUMNS, backlog_to_json

    if fmt == "json":
        json.dump(backlog_to_json(items), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    if fmt == "csv":
        from kano_tui.exporters.data import write_csv

        sys.stdout.write(
            write_csv(backlog_to_json(items), list(BACKLOG_CSV_COLUMNS)).decode("utf-8")
        )
        return
    from kano_tui.cli.tables import backlog_table, print_tables

    print_tables([backlog_table(items)])


def _pair(text: str, option: str, form: str) -> tuple[str, str]:

    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise KanoError(f"{option} {text!r} must be {form}.")
    return key.strip(), value


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option("--exporter", "-e", required=True, help="Exporter to use; see `kano plugins`.")
@click.option(
    "-o",
    "--output",
    help="File to write; `-` for standard output "
    "(default: PROJECT/exports/<project>-<exporter><ext>). An existing file is "
    "replaced (atomically); a device or a pipe is written through.",
)
@click.option("--no-clobber", is_flag=True, help="Refuse to replace a file that exists.")
@click.option("--classifier", help="Classifier to use (default: the project's).")
@click.option("--by", help="Exporters that support it: group results by this column.")
@table_option
@option_option
@click.pass_context
def export(
    ctx: click.Context,
    project: str,
    exporter: str,
    output: str | None,
    no_clobber: bool,
    classifier: str | None,
    by: str | None,
    evaluation_table: str | None,
    plugin_options: tuple[str, ...],
) -> None:
    """Export a report, the results or the questionnaire with an exporter plugin.

    The export is written aside and moved into place only when complete: a failed
    export leaves no partial file. It never writes over the project's own files.
    """
    from kano_tui.cli.progress import progress_bar
    from kano_tui.session.export import STDOUT, run_export

    workspace = open_workspace(ctx, project)
    apply_options(workspace, plugin_options)
    if output == "-":
        with progress_bar(f"Exporting {exporter}") as report:
            run_export(
                workspace,
                exporter,
                STDOUT,
                classifier=classifier,
                by=by,
                stdout=getattr(sys.stdout, "buffer", None),
                progress=report,
                table=evaluation_table,
            )
        return
    if output == "":
        from kano_tui.errors import ExportError

        raise ExportError("-o needs a file name (or `-` for standard output).")
    with progress_bar(f"Exporting {exporter}") as report:
        written = run_export(
            workspace,
            exporter,
            Path(output) if output else None,
            classifier=classifier,
            by=by,
            no_clobber=no_clobber,
            progress=report,
            table=evaluation_table,
        )
    for path in written:  # a device or a pipe may be this very output: tell stderr
        click.echo(f"Wrote {path}", err=not path.is_file())


QUESTIONNAIRE_PREFIX = "questionnaire-"
PLAIN_QUESTIONNAIRES = ("markdown", "csv", "json")


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option(
    "--format",
    "fmt",
    default="markdown",
    show_default=True,
    metavar="FORMAT",
    help="markdown, csv, json, or a survey tool's file: qsf (Qualtrics), "
    "limesurvey (LimeSurvey .txt), googleforms (Apps Script .gs), surveyjs "
    "(SurveyJS JSON), or any plugin's questionnaire-FORMAT exporter.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output).",
)
@click.pass_context
def questionnaire(ctx: click.Context, project: str, fmt: str, output: Path | None) -> None:
    """Print or write the Kano questionnaire: both Kano questions and the importance of
    every feature, then NPS (0-10), CSAT (1-5) and the project's segment questions.

    Worded in the project's language and answer set ([settings] language, answer_set;
    a feature's own wording wins). Markdown is a document to read or share; CSV and JSON
    hold the plain texts, one question per row. A survey tool's file (qsf, limesurvey,
    googleforms, surveyjs) is imported into that tool; kano keeps in kano.toml which of
    its columns is which feature's question, so the tool's response export imports back
    with `kano import PROJECT FILE` and no mapping.

    \b
    Examples:
      kano questionnaire phone
      kano questionnaire phone --format qsf -o phone.qsf
      kano questionnaire phone --format googleforms > form.gs
    """
    from kano_tui.engine.questionnaire.questions import questionnaire as questions

    fmt = fmt.strip().lower()
    if fmt in PLAIN_QUESTIONNAIRES:
        workspace = open_workspace(ctx, project)
        text = _plain_questionnaire(workspace.project, fmt, questions)
        if output is None:
            sys.stdout.write(text)
        else:
            _write_questionnaire(workspace, output, text)
            click.echo(f"Wrote {output}", err=True)
        return
    workspace = open_workspace(ctx, project, write=True)
    exporter = _survey_exporter(workspace, fmt)
    from kano_tui.engine.questionnaire.questions import keep_survey_mappings
    from kano_tui.session.export import run_export

    if output is None:
        with tempfile.TemporaryDirectory() as scratch:
            target = Path(scratch) / f"questionnaire{exporter.extension}"
            written = run_export(workspace, exporter.name, target)
            sys.stdout.buffer.write(written[0].read_bytes())
            sys.stdout.flush()
    else:
        for path in run_export(workspace, exporter.name, output):
            click.echo(f"Wrote {path}", err=True)
    mappings = getattr(exporter, "column_mappings", None)
    if callable(mappings):
        with workspace.plugins.guard("exporter", exporter.name):
            wanted = list(mappings(workspace.project))
        changed = keep_survey_mappings(workspace.project, wanted)
        if changed:
            workspace.save()
        click.echo(
            f"kano.toml maps the {count(len(wanted), 'column', grouped=False)} of its "
            "response export; import it with no mapping.",
            err=True,
        )


def _write_questionnaire(workspace, output: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    """Write a plain questionnaire the way exports are written: never onto the project's
    own files, atomically, and any failure one sentence."""
    from kano_tui.engine.project.projectfile import atomic_write
    from kano_tui.errors import ExportError
    from kano_tui.session.export import check_destination

    if not str(output).strip() or output.name in ("", ".", ".."):
        raise ExportError("-o needs a file name (or leave it out for standard output).")
    try:
        check_destination(workspace, output)
        atomic_write(output, text.encode("utf-8"))
    except OSError as error:
        raise ExportError(
            f"Could not write {str(output)[:120]}: {error.strerror or error}."
        ) from None


def _plain_questionnaire(project, fmt: str, questions) -> str:  # type: ignore[no-untyped-def]
    from kano_tui.engine.questionnaire.questions import questionnaire_markdown

    if fmt == "markdown":
        return questionnaire_markdown(project) + "\n"
    if fmt == "json":
        return (
            json.dumps([vars(q) for q in questions(project)], indent=2, ensure_ascii=False) + "\n"
        )
    from kano_tui.exporters.data import write_csv

    rows = [
        {
            "column": q.column,
            "feature": q.feature,
            "role": q.role,
            "question": q.text,
            "options": " | ".join(q.options),
            "code": q.code,
        }
        for q in questions(project)
    ]
    return write_csv(rows, ["column", "feature", "role", "question", "options", "code"]).decode(
        "utf-8"
    )


def _survey_exporter(workspace, fmt: str):  # type: ignore[no-untyped-def]

    exporters = workspace.plugins.exporters
    aliases = {
        "qualtrics": "qsf",
        "lss": "limesurvey",
        "gs": "googleforms",
        "google": "googleforms",
        "json-survey": "surveyjs",
    }
    name = QUESTIONNAIRE_PREFIX + aliases.get(fmt, fmt)
    if name not in exporters or name == QUESTIONNAIRE_PREFIX + "csv":
        known = [
            *PLAIN_QUESTIONNAIRES,
            *sorted(
                n[len(QUESTIONNAIRE_PREFIX) :]
                for n in exporters
                if n.startswith(QUESTIONNAIRE_PREFIX) and n != QUESTIONNAIRE_PREFIX + "csv"
            ),
        ]
        raise KanoError(f"There is no questionnaire format {fmt!r}; formats: {', '.join(known)}.")
    return exporters[name]


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
        key, value = _pair(change, "setting", "KEY=VALUE")
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
