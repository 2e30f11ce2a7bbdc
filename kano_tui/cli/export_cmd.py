"""`kano export` and `kano questionnaire`: reports and survey files out (imported when
one of them runs: base.LAZY_COMMANDS)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kano_tui.cli.base import cli, open_workspace, table_option
from kano_tui.cli.plugin_commands import apply_options, option_option
from kano_tui.errors import KanoError
from kano_tui.wording import count


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
        import tempfile

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
        with workspace.plugins_with("exporter", exporter.name).guard("exporter", exporter.name):
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
    aliases = {
        "qualtrics": "qsf",
        "lss": "limesurvey",
        "gs": "googleforms",
        "google": "googleforms",
        "json-survey": "surveyjs",
    }
    name = QUESTIONNAIRE_PREFIX + aliases.get(fmt, fmt)
    exporters = workspace.plugins_with("exporter", name).exporters  # a built-in: no plugin
    if name not in exporters or name == QUESTIONNAIRE_PREFIX + "csv":
        exporters = workspace.plugins.exporters  # the formats listed include the plugins'
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
