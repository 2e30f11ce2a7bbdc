"""Rich tables for the terminal output of ``kano analyze`` and ``kano backlog``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kano_tui.engine.analysis import CATEGORY_NAMES, Analysis
from kano_tui.engine.results import BacklogItem

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


def analysis_tables(analysis: Analysis) -> list[Table]:
    tables = []
    for group in analysis.groups:
        title = f"classifier {analysis.classifier}"
        if analysis.by:
            title += f" · {analysis.by} = {group.value}"
        table = Table(title=title, title_justify="left")
        for column in ("Feature", "n", "A", "O", "M", "I", "R", "Q", "Category", "Better",
                       "Worse", "Strength", "Sig.", "F mean", "D mean", "Imp."):
            table.add_column(column, justify="left" if column in ("Feature", "Category")
                             else "right")
        for feature_id, row in group.figures.iterrows():
            table.add_row(
                Text(analysis.feature_names.get(str(feature_id), str(feature_id))),
                str(row["n"]), *(str(row[k]) for k in "AOMIRQ"),
                category_text(row["category"]),
                _fmt(row["better"]), _fmt(row["worse"]), _fmt(row["category_strength"]),
                "yes" if row["significant"] else "no",
                _fmt(row["functional_mean"]), _fmt(row["dysfunctional_mean"]),
                _fmt(row["importance_mean"], 1),
            )
        tables.append(table)
    return tables


def backlog_table(items: list[BacklogItem]) -> Table:
    table = Table(title="Prioritised backlog", title_justify="left")
    for column in ("#", "Feature", "Category", "Value", "Effort", "V/E", "Status"):
        table.add_column(column, justify="right" if column in ("#", "Value", "Effort", "V/E")
                         else "left")
    for item in items:
        table.add_row(str(item.rank or ""), Text(item.name), category_text(item.category),
                      _fmt(item.value, 1), _fmt(item.effort, 1), _fmt(item.value_per_effort, 1),
                      item.status)
    return table


def print_tables(tables: list[Table]) -> None:
    console = Console()
    for table in tables:
        console.print(table)
