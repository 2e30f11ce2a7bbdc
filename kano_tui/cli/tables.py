"""Fitted tables (kano_tui.cli.fit) for the terminal output of ``kano analyze`` and ``kano backlog``."""

from __future__ import annotations

from rich.text import Text

from kano_tui.cli.fit import Column, FitTable, print_fitted
from kano_tui.engine.analysis.featureresult import category_label, extra_text
from kano_tui.engine.analysis.figures import Analysis
from kano_tui.engine.analysis.run import BacklogItem
from kano_tui.visible import visible

CATEGORY_STYLES = {
    "M": "bold red",
    "O": "bold blue",
    "A": "bold green",
    "I": "dim",
    "R": "magenta",
    "Q": "yellow",
}


def _fmt(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def category_text(letter: str | None) -> Text:
    if letter not in CATEGORY_STYLES:
        return Text("–")
    return Text(category_label(letter), style=CATEGORY_STYLES[letter])


ANALYSIS_COLUMNS: tuple[Column, ...] = (
    Column("feature", "Feature", 0, "left", wrap=True),
    Column("category", "Category", 0, "left"),
    Column("n", "n", 0),
    Column("better", "Better", 0),
    Column("worse", "Worse", 0),
    Column("significant", "Sig.", 0),
    *(Column(letter, letter, 1) for letter in "AOMIRQ"),
    Column("total_strength", "Total str.", 2),
    Column("category_strength", "Cat. str.", 2),
    Column("functional_mean", "F mean", 3),
    Column("dysfunctional_mean", "D mean", 3),
    Column("functional_sd", "F sd", 4),
    Column("dysfunctional_sd", "D sd", 4),
    Column("importance_mean", "Imp.", 5),
)
# A classifier's own columns (a confidence, a score) explain its categories: they come
# right after the core figures and, together, are left out before the counts.
EXTRA_PRIORITY = 0.5


def analysis_columns(analysis: Analysis) -> tuple[Column, ...]:
    """ANALYSIS_COLUMNS with the classifier's extra columns after the core ones."""
    extra = dict.fromkeys(name for group in analysis.groups for name in group.extra)
    if not extra:
        return ANALYSIS_COLUMNS
    core = [c for c in ANALYSIS_COLUMNS if c.priority == 0]
    rest = [c for c in ANALYSIS_COLUMNS if c.priority != 0]
    return (*core, *(Column(name, name, EXTRA_PRIORITY) for name in extra), *rest)


def analysis_tables(analysis: Analysis) -> list[FitTable]:
    """One table per group; the columns fit the width in the order of ANALYSIS_COLUMNS'
    priorities (feature, category, n, Better, Worse, significance; the classifier's
    extra columns; then the counts, strengths, means, deviations, importance)."""
    tables = []
    columns = analysis_columns(analysis)
    extra = [c.key for c in columns if c.priority == EXTRA_PRIORITY]
    for group in analysis.groups:
        title = f"classifier {analysis.classifier} · table {analysis.evaluation_table}"
        if analysis.by:
            title += f" · {visible(analysis.by)} = {visible(group.value)}"
        table = FitTable(Text(title), columns)
        for result in analysis.results(group):
            table.add_row(
                Text(visible(result.name)),
                category_text(result.category),
                str(result.n) + ("*" if result.small_sample else ""),
                _fmt(result.better),
                _fmt(result.worse),
                "yes" if result.significant else "no",
                *(Text(visible(extra_text(result.extra.get(key)))) for key in extra),
                *(str(result.counts[k]) for k in "AOMIRQ"),
                _fmt(result.total_strength),
                _fmt(result.category_strength),
                _fmt(result.functional_mean),
                _fmt(result.dysfunctional_mean),
                _fmt(result.functional_sd),
                _fmt(result.dysfunctional_sd),
                _fmt(result.importance_mean, 1),
            )
        tables.append(table)
    return tables


BACKLOG_COLUMNS: tuple[Column, ...] = (
    Column("rank", "#", 0),
    Column("feature", "Feature", 0, "left", wrap=True),
    Column("category", "Category", 0, "left"),
    Column("value", "Value", 0),
    Column("effort", "Effort", 0),
    Column("value_per_effort", "V/E", 0),
    Column("status", "Status", 0, "left"),
)


def backlog_table(items: list[BacklogItem]) -> FitTable:
    table = FitTable("Prioritised backlog", BACKLOG_COLUMNS)
    for item in items:
        table.add_row(
            str(item.rank or ""),
            Text(visible(item.name)),
            category_text(item.category),
            _fmt(item.value, 1),
            _fmt(item.effort, 1),
            _fmt(item.value_per_effort, 1),
            item.status,
        )
    return table


def print_tables(tables: list[FitTable], only: list[str] | None = None, hint: str = "") -> None:
    print_fitted(tables, only, hint)
