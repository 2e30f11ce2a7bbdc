"""``kano compare`` (is the change between waves or segments real?) and ``kano quality``
(which respondents answered carelessly)."""

from __future__ import annotations

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kano_tui.cli.base import WEIGHT_HELP, cli, echo_csv, echo_json, open_workspace, table_option


def _num(value: object, digits: int = 2, sign: bool = False) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def _p(value: float | None) -> str:
    if value is None:
        return "–"
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def _delta(value: float | None, ci: tuple[float, float] | None) -> str:
    if value is None or ci is None:
        return "–"
    return f"{_num(value, sign=True)} {_num(ci[0], sign=True)}..{_num(ci[1], sign=True)}"


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option(
    "--by",
    help="The respondent column whose values to compare (default: wave, "
    "when the responses have two or more).",
)
@click.option(
    "--from",
    "from_value",
    metavar="A",
    help="The group to compare from (default: the first value).",
)
@click.option(
    "--to", "to_value", metavar="B", help="The group to compare to (default: the last value)."
)
@click.option("--classifier", help="Classifier to use (default: the project's).")
@table_option
@click.option("--weight", help=WEIGHT_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.pass_context
def compare(
    ctx: click.Context,
    project: str,
    by: str | None,
    from_value: str | None,
    to_value: str | None,
    classifier: str | None,
    evaluation_table: str | None,
    weight: str | None,
    fmt: str,
) -> None:
    """Is the change real? Every feature between two waves or segments.

    For each feature: its category in each group, the change of Better and Worse with
    95% confidence intervals (Newcombe), and Pearson's chi-square test of homogeneity of
    the A O M I R Q counts (categories empty in both left out, no continuity correction),
    significant below [settings] alpha (0.05); "low expected" when an expected count is
    under 5 (Fisher's exact test is given for 2x2 tables). With more than two groups, the
    omnibus test and the pairwise changes (JSON). Steps along the lifecycle I -> A -> O -> M
    are called out when significant.
    """
    from kano_tui.engine.analysis.compare import comparison_to_json

    workspace = open_workspace(ctx, project)
    comparison = workspace.compare(
        classifier,
        by=by,
        from_value=from_value,
        to_value=to_value,
        weight=weight,
        table=evaluation_table,
    )
    if fmt == "json":
        echo_json(comparison_to_json(comparison))
        return
    if fmt == "csv":
        from kano_tui.engine.analysis.compare import COMPARE_CSV_COLUMNS, comparison_rows

        echo_csv(comparison_rows(comparison), COMPARE_CSV_COLUMNS)
        return
    console = Console(highlight=False)
    console.print(compare_table(comparison))
    for line in compare_notes(comparison):
        console.print(Text(line))


def compare_table(comparison) -> Table:  # type: ignore[no-untyped-def]
    """The table of ``kano compare``: narrow enough for 80 columns."""
    from kano_tui.cli.tables import CATEGORY_STYLES

    title = (
        f"{comparison.by}: {comparison.before} -> {comparison.after} · classifier "
        f"{comparison.analysis.classifier} · table {comparison.analysis.evaluation_table} "
        f"· alpha {comparison.alpha:g}"
    )
    table = Table(
        title=Text(title), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1)
    )
    for column in ("Feature", "Cat.", "ΔBetter (95% CI)", "ΔWorse (95% CI)", "p", "Sig."):
        table.add_column(
            column,
            justify="left" if column in ("Feature", "Cat.") else "right",
            overflow="fold" if column == "Feature" else "ellipsis",
            no_wrap=column != "Feature",
            max_width=16 if column == "Feature" else None,
        )
    for change in comparison.changes:
        a, b = change.before["category"] or "–", change.after["category"] or "–"
        cat = Text(a, style=CATEGORY_STYLES.get(a, ""))
        cat.append("→" if a != b else " ")
        cat.append(b if a != b else "", style=CATEGORY_STYLES.get(b, ""))
        if change.before["small_sample"] or change.after["small_sample"]:
            cat.append("*", style="yellow")
        ci_b, ci_w = change.better_delta_ci, change.worse_delta_ci
        sig = "yes" if change.test.significant else "no"
        if change.test.low_expected:
            sig += "!"
        table.add_row(
            Text(change.name),
            cat,
            _delta(change.better_delta, ci_b),
            _delta(change.worse_delta, ci_w),
            _p(change.test.p_value),
            Text(sig, style="bold" if change.test.significant else "dim"),
        )
    return table


def compare_notes(comparison) -> list[str]:  # type: ignore[no-untyped-def]
    notes = [
        "p: Pearson's chi-square test of homogeneity of the A O M I R Q counts; "
        "! = an expected count under 5 (read with care)."
    ]
    if any(c.before["small_sample"] or c.after["small_sample"] for c in comparison.changes):
        notes.append("* = a group with fewer respondents than [settings] small_sample (30).")
    steps = [f"{c.name}: {c.lifecycle}" for c in comparison.changes if c.lifecycle]
    if steps:
        notes.append("Lifecycle (significant): " + "; ".join(steps) + ".")
    if len(comparison.values) > 2:
        notes.append(
            f"{len(comparison.values)} groups: the omnibus test and the pairwise "
            "changes are in --format json."
        )
    analysis = comparison.analysis
    if analysis.weight:
        notes.append(f"Weighted by {analysis.weight}; tests use Kish's effective sample size.")
    if analysis.quality is not None:
        notes.append(f"Quality exclusions: {analysis.quality.summary()}.")
    return notes


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def quality(ctx: click.Context, project: str, fmt: str) -> None:
    """Respondents whose answers look careless, with the reasons.

    Reasons: straight-lining (the same answer pair on every feature), a high share of
    questionable answers, too few features answered, duplicates across imports, and
    speeders where the responses have a duration column. Thresholds and the reasons that
    exclude a respondent from every analysis live under [quality] in kano.toml; nothing
    is ever deleted.
    """
    workspace = open_workspace(ctx, project)
    report = workspace.quality()
    flagged = report.flagged()
    if fmt == "json":
        echo_json({"respondents": report.respondents, "flagged": flagged})
        return
    from kano_tui.engine.analysis.quality import exclusions
    from kano_tui.wording import count

    console = Console(highlight=False)
    console.print(
        Text(f"Quality: {count(len(flagged), 'respondent')} flagged of {report.respondents:,}.")
    )
    if not flagged:
        console.print(Text("No respondent looks careless."))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Respondent", overflow="fold", max_width=16)
    table.add_column("Wave", overflow="fold", max_width=12)
    table.add_column("Reasons", overflow="fold")
    for row in flagged:
        table.add_row(
            Text(str(row["respondent"])),
            Text(str(row["wave"] or "–")),
            Text("\n".join(row["reasons"])),
        )
    if flagged:
        console.print(table)
    rules = workspace.quality_rules()
    if rules.exclude:
        console.print(Text(f"Excluded from every analysis: {exclusions(report, rules).summary()}."))
    else:
        console.print(
            Text(
                'No exclusions: add [quality] exclude = ["straight-lining", '
                "...] to kano.toml to leave flagged respondents out of the "
                "analyses."
            )
        )
