"""A DataTable of rows (a row cursor), with the keys people expect of a list."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    """home/end go to the first/last row (not the first/last column); j/k move too;
    left/right scroll sideways by one whole column (not one character).

    Cells must be ``rich.text.Text``: DataTable parses plain strings as markup.
    """

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("right", "column_right", "Next column", show=False),
        Binding("left", "column_left", "Previous column", show=False),
    ]

    def __init__(self, *, id: str | None = None, fixed_columns: int = 0) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, fixed_columns=fixed_columns)

    def _column_offsets(self) -> list[int]:
        """The scroll offsets at which each scrollable (not fixed) column starts."""
        offsets, x, fixed = [], 0, 0
        for index, column in enumerate(self.ordered_columns):
            width = column.get_render_width(self)
            if index < self.fixed_columns:
                fixed += width
            else:
                offsets.append(x)
            x += width
        return [offset - fixed for offset in offsets]

    def action_column_right(self) -> None:
        later = [x for x in self._column_offsets() if x > round(self.scroll_x)]
        if later:
            self.scroll_to(x=min(later[0], self.max_scroll_x), animate=False)

    def action_column_left(self) -> None:
        earlier = [x for x in self._column_offsets() if x < round(self.scroll_x)]
        self.scroll_to(x=earlier[-1] if earlier else 0, animate=False)
