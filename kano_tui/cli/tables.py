"""Fitted tables (kano_tui.cli.fit) for the terminal output of ``kano analyze`` and ``kano backlog``."""

from __future__ import annotations

from rich.text import Text

from kano_tui.cli.fit import Column, FitTable, print_fitted
from kano_tui.engine.analysis.figures import CATEGORY_NAMES, Analysis
from kano_tui.engine.analysis.run import BacklogItem
from kano_tui.visible import visible

CATEGORY_STYLES = {"M": "bold red", "O": "bold blue", "A": "bold green", "I": "dim",
                   "R": "magenta", "Q": "yellow"}


def _fmt(value: object, digits: int = 2) -> str:
    if value is None or value != value:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def category_text(letter: object) -> Text:
    if not isinstance(letter, str):
        return Text("–")
    return Text(f"{letter} {CATEGORY_NAMES[letter]}", style=CATEGORY_STYLES[letter])


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


def analysis_tables(analysis: Analysis) -> list[FitTable]:
    """One table per group; the columns fit the width in the order of ANALYSIS_COLUMNS'
    priorities (feature, category, n, Better, Worse, significance; then the counts,
    strengths, means, deviations, importance)."""
    tables = []
    for group in analysis.groups:
        title = f"classifier {analysis.classifier} · table {analysis.evaluation_table}"
        if analysis.by:
            title += f" · {visible(analysis.by)} = {visible(group.value)}"
        table = FitTable(Text(title), ANALYSIS_COLUMNS)
        for feature_id, row in group.figures.iterrows():
            table.add_row(
                Text(visible(analysis.feature_names.get(str(feature_id), str(feature_id)))),
                category_text(row["category"]),
                str(row["n"]) + ("*" if row.get("small_sample") else ""),
                _fmt(row["better"]), _fmt(row["worse"]),
                "yes" if row["significant"] else "no",
                *(str(row.get(f"respondents_{k}", row[k])) for k in "AOMIRQ"),
                _fmt(row["total_strength"]), _fmt(row["category_strength"]),
                _fmt(row["functional_mean"]), _fmt(row["dysfunctional_mean"]),
                _fmt(row["functional_sd"]), _fmt(row["dysfunctional_sd"]),
                _fmt(row["importance_mean"], 1),
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
        table.add_row(str(item.rank or ""), Text(visible(item.name)), category_text(item.category),
                      _fmt(item.value, 1), _fmt(item.effort, 1), _fmt(item.value_per_effort, 1),
                      item.status)
    return table


def print_tables(tables: list[FitTable], only: list[str] | None = None,
                 hint: str = "") -> None:
    print_fitted(tables, only, hint)
