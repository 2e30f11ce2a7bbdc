"""`kano analyze` and `kano backlog`: the figures and the plan (imported when one of
them runs: base.LAZY_COMMANDS)."""

from __future__ import annotations

import click

from kano_tui.cli.base import (
    FORMATS,
    WEIGHT_HELP,
    cli,
    echo_csv,
    echo_json,
    key_value,
    open_workspace,
    table_option,
)
from kano_tui.cli.plugin_commands import apply_options, option_option
from kano_tui.errors import KanoError


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
        echo_json(analysis_to_json(analysis))
    elif fmt == "csv":
        from kano_tui.exporters.data import csv_table

        echo_csv(*csv_table(analysis))
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
            key, status = key_value(item, "--set-status", "FEATURE=STATUS")
            set_status(workspace.project, key, status)
        for item in notes:
            key, note = key_value(item, "--note", "FEATURE=TEXT")
            feature = workspace.project.feature(key)
            set_status(workspace.project, key, feature.status if feature else "new", note)
        workspace.save()
    else:
        workspace = open_workspace(ctx, project)
    items = workspace.backlog(classifier, table=evaluation_table, weight=weight)
    from kano_tui.engine.analysis.run import BACKLOG_CSV_COLUMNS, backlog_to_json

    if fmt == "json":
        echo_json(backlog_to_json(items))
        return
    if fmt == "csv":
        echo_csv(backlog_to_json(items), BACKLOG_CSV_COLUMNS)
        return
    from kano_tui.cli.tables import backlog_table, print_tables

    print_tables([backlog_table(items)])
