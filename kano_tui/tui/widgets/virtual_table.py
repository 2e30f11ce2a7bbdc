"""A table that draws only the rows on screen: a million respondents scroll like ten.

A line-API :class:`~textual.scroll_view.ScrollView` (the pattern of toolong): the data
stays in columnar arrays; :meth:`VirtualTable.render_line` formats the rows it is asked
for, a block at a time, through each column's vectorised ``cells`` function, and keeps
recent blocks in a small LRU cache. The header row and the first (frozen) column stay put
while the rest scrolls. A row cursor moves with the keyboard.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kano_tui.visible import visible

BLOCK = 32  # rows formatted together (a page or two)
CACHED_BLOCKS = 32


@dataclass(frozen=True)
class TableColumn:
    """A column: its title, its width in cells, and how to draw the rows at positions."""

    title: str
    width: int
    cells: Callable[[np.ndarray], Sequence[Text | str]]
    justify: str = "left"


class VirtualTable(ScrollView, can_focus=True):
    """Rows are positions into the data the columns read (e.g. the respondents a filter kept)."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First row", show=False),
        Binding("end", "last", "Last row", show=False),
        Binding("left,h", "columns(-1)", "Left", show=False),
        Binding("right,l", "columns(1)", "Right", show=False),
    ]
    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor", "virtual-table--frozen"}
    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
        scrollbar-gutter: stable;
    }
    VirtualTable > .virtual-table--header {
        text-style: bold;
        background: $panel;
    }
    VirtualTable > .virtual-table--frozen {
        text-style: bold;
    }
    VirtualTable > .virtual-table--cursor {
        background: $block-cursor-blurred-background;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class CursorMoved(Message):
        def __init__(self, table: VirtualTable, row: int) -> None:
            super().__init__()
            self.table, self.row = table, row

        @property
        def control(self) -> VirtualTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[TableColumn] = []
        self.rows: np.ndarray = np.zeros(0, dtype=np.int64)
        self._blocks: OrderedDict[int, list[tuple[list[Segment], list[Segment]]]] = OrderedDict()
        self._text_cells: dict[tuple[int, int, str], tuple[Text, list[Segment]]] = {}
        self._spacing = 1
        self._line_styles: tuple[Style, Style, Style, Style] | None = None

    # ----------------------------------------------------------------- data
    def set_data(self, columns: list[TableColumn], rows: np.ndarray) -> None:
        """Show ``rows`` (positions) through ``columns``; the first column is frozen."""
        self.columns = columns
        self.rows = np.asarray(rows, dtype=np.int64)
        self._blocks.clear()
        self._text_cells.clear()
        width = sum(c.width + self._spacing for c in columns)
        self.virtual_size = Size(width, len(self.rows) + 1)
        self.cursor_row = min(self.cursor_row, max(len(self.rows) - 1, 0))
        self.scroll_to(y=min(self.scroll_y, max(len(self.rows) - 1, 0)), animate=False)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def cursor_position(self) -> int | None:
        """The data position of the row under the cursor, or None when empty."""
        if not len(self.rows):
            return None
        return int(self.rows[self.cursor_row])

    def _block(self, index: int) -> list[tuple[list[Segment], list[Segment]]]:
        cached = self._blocks.get(index)
        if cached is not None:
            self._blocks.move_to_end(index)
            return cached
        positions = self.rows[index * BLOCK : (index + 1) * BLOCK]
        columns = [column.cells(positions) for column in self.columns]
        block = []
        for i in range(len(positions)):
            frozen: list[Segment] = []
            rest: list[Segment] = []
            for c, column in enumerate(self.columns):
                (frozen if c == 0 else rest).extend(self._cell(columns[c][i], column))
            block.append((frozen, rest))
        self._blocks[index] = block
        while len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    def _cell(self, cell: Text | str, column: TableColumn) -> list[Segment]:
        """A cell as segments exactly ``column.width`` cells wide, plus the spacing."""
        width = column.width
        if isinstance(cell, str):  # the common case, kept cheap: no Text, no console
            if not cell.isprintable():  # control characters shown escaped, as everywhere
                cell = "".join(ch if ch.isprintable() else "\ufffd" for ch in visible(cell))
            if cell_len(cell) > width:
                cell = set_cell_size(cell, width - 1) + "…"
            padded = (
                set_cell_size(cell, width)
                if column.justify != "right"
                else " " * (width - cell_len(cell)) + cell
            )
            return [Segment(padded + " " * self._spacing)]
        # Rich Text cells are few and shared (the 36 answer-pair cells): render each once.
        key = (id(cell), width, column.justify)
        cached = self._text_cells.get(key)
        if cached is not None:
            return cached[1]
        text = cell.copy()
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis")
        if column.justify == "right":
            text.pad_left(width - text.cell_len)
        else:
            text.pad_right(width - text.cell_len)
        text.append(" " * self._spacing)
        segments = list(text.render(self.app.console))
        if len(self._text_cells) < 4096:
            self._text_cells[key] = (cell, segments)  # holding the Text keeps its id unique
        return segments

    # ----------------------------------------------------------------- drawing
    def render_lines(self, crop: Region) -> list[Strip]:
        # The component styles are looked up once per refresh, not once per line.
        self._line_styles = (
            self.rich_style,
            self.get_component_rich_style("virtual-table--header"),
            self.get_component_rich_style("virtual-table--cursor"),
            self.get_component_rich_style("virtual-table--frozen"),
        )
        try:
            return super().render_lines(crop)
        finally:
            self._line_styles = None

    def _styles(self) -> tuple[Style, Style, Style, Style]:
        return self._line_styles or (
            self.rich_style,
            self.get_component_rich_style("virtual-table--header"),
            self.get_component_rich_style("virtual-table--cursor"),
            self.get_component_rich_style("virtual-table--frozen"),
        )

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base, header_style, cursor_style, frozen_style = self._styles()
        if not self.columns:
            return Strip.blank(width, base)
        frozen_width = self.columns[0].width + self._spacing
        scroll_x, scroll_y = self.scroll_offset
        style: Style | None
        if y == 0:
            style = header_style
            frozen, rest = self._header()
        else:
            row = scroll_y + y - 1
            if row >= len(self.rows):
                return Strip.blank(width, base)
            frozen, rest = self._block(row // BLOCK)[row % BLOCK]
            style = cursor_style if row == self.cursor_row else None
        left = Strip(frozen, frozen_width)
        right = Strip(rest).crop(scroll_x, scroll_x + max(width - frozen_width, 0))
        if y != 0 and style is None:
            left = left.apply_style(frozen_style)
        strip = Strip.join([left, right]).extend_cell_length(width).crop(0, width)
        # apply_style goes under what is there: the most specific style first.
        if style is not None:
            strip = strip.apply_style(style)
        return strip.apply_style(base)

    def _header(self) -> tuple[list[Segment], list[Segment]]:
        frozen: list[Segment] = []
        rest: list[Segment] = []
        for c, column in enumerate(self.columns):
            title = Text(column.title, style=Style(bold=True))
            (frozen if c == 0 else rest).extend(self._cell(title, column))
        return frozen, rest

    # ----------------------------------------------------------------- cursor
    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.CursorMoved(self, new))

    def _scroll_cursor_into_view(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)  # minus the header
        if self.cursor_row < self.scroll_y:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= self.scroll_y + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)

    def _move_to(self, row: int) -> None:
        if len(self.rows):
            self.cursor_row = max(0, min(row, len(self.rows) - 1))

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        page = max(self.scrollable_content_region.height - 2, 1)
        self.scroll_to(y=max(self.scroll_y + direction * page, 0), animate=False)
        self._move_to(self.cursor_row + direction * page)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self.rows) - 1)

    def action_columns(self, direction: int) -> None:
        """Scroll sideways by one column."""
        edges = np.cumsum([c.width + self._spacing for c in self.columns[1:]])
        x = self.scroll_x
        if direction > 0:
            later = edges[edges > x]
            target = later[0] if len(later) else x
        else:
            earlier = edges[edges < x]
            target = earlier[-2] if len(earlier) > 1 else 0
        self.scroll_to(x=float(target), animate=False)

    def on_click(self, event: object) -> None:
        offset = getattr(event, "y", None)
        if isinstance(offset, int) and offset > 0:
            self._move_to(int(self.scroll_y) + offset - 1)
