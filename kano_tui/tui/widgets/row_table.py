"""A DataTable of rows (a row cursor), with the keys people expect of a list."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    """home/end go to the first/last row (not the first/last column); j/k move too.

    Cells must be ``rich.text.Text``: DataTable parses plain strings as markup.
    """

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None, fixed_columns: int = 0) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True,
                         fixed_columns=fixed_columns)
