"""The floor of the TUI benchmark: a bare Textual app that paints a DataTable of a few rows.

    python benchmarks/tui_floor.py

What any Textual program pays before its first screen is on the terminal: Python's
start-up, importing Textual, building the widgets and drawing them. It reads no file and
imports nothing else. Pressing ``n`` adds a row (the floor of a key's repaint); ``q``
quits. ``benchmarks/bench_tui.py`` runs it in the same pseudo-terminal as ``kano``.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

ROWS = [
    ("M", "Calls", "0.31", "-0.89"),
    ("O", "Battery life", "0.62", "-0.71"),
    ("A", "Face recognition", "0.68", "-0.22"),
    ("I", "Built-in compass", "0.18", "-0.12"),
    ("R", "Confusing interface", "0.05", "-0.02"),
]


class Floor(App[None]):
    BINDINGS = [("n", "add_row", "Add row"), ("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Cat", "Feature", "Better", "Worse")
        for row in ROWS:
            table.add_row(*row)

    def action_add_row(self) -> None:
        table = self.query_one(DataTable)
        table.add_row("A", f"Row {table.row_count + 1}", "0.50", "-0.50")


if __name__ == "__main__":
    Floor().run()
