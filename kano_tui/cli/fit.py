"""Tables that fit the terminal without cutting a figure.

Every table of the ``kano`` command is described as columns with a priority. Given the
width, :class:`FitTable` keeps the columns whose priority fits, in priority order (a
priority shared by several columns — the six counts — keeps or drops them together),
wraps the columns that hold names (never an ellipsis: a long word folds), and never
narrows a number: a column of figures is as wide as its widest figure, or left out.
Whatever is left out is named under the table.

The width is ``$COLUMNS`` when set, the terminal's when standard output is one, and 80
otherwise (a pipe or a file): output that goes to a file does not depend on the window
it was typed in.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from kano_tui.visible import visible

PIPE_WIDTH = 80
LONGEST_WORD = 16  # a name's column is at least this wide when a word needs it
GAP = 2  # a divider and one space between two columns (collapsed padding, no edges)


def output_width() -> int:
    """The width tables are fitted to (see the module's docstring)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
    return PIPE_WIDTH


def console(width: int | None = None) -> Console:
    """A console for the command's output; never wider content is cropped by Rich,
    because every table is fitted to this width first. Data's control characters are
    shown escaped (kano_tui.cli.terminal)."""
    from kano_tui.cli.terminal import console as safe_console

    return safe_console(width=width or output_width(), highlight=False, soft_wrap=False)


@dataclass(frozen=True)
class Column:
    """One column: ``key`` is the name ``--columns`` takes; lower ``priority`` is kept
    first (0: always shown); ``wrap`` columns (names) may wrap down to ``min_width``."""

    key: str
    header: str
    priority: float = 0
    justify: str = "right"
    wrap: bool = False
    min_width: int = 10

    @property
    def label(self) -> str:
        return self.header or self.key


def _width(cell: Text) -> int:
    return max((cell_len(line) for line in cell.plain.split("\n")), default=0)


def _longest_word(cell: Text) -> int:
    return max((cell_len(word) for word in cell.plain.split()), default=0)


@dataclass
class Fitted:
    """The outcome of fitting: the columns kept (display order) with their widths."""

    columns: list[tuple[Column, int]]
    left_out: list[Column]
    width: int  # the table's total width

    @property
    def keys(self) -> list[str]:
        return [column.key for column, _ in self.columns]


class FitTable:
    """Rows of cells under :class:`Column`s, rendered to fit a width."""

    def __init__(
        self,
        title: str | Text | None,
        columns: Sequence[Column],
        *,
        notes: Iterable[str | Text] = (),
    ) -> None:
        self.title = title
        self.columns = list(columns)
        self.rows: list[list[Text]] = []
        self.notes = list(notes)

    def add_row(self, *cells: str | Text) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        # Text cells are the caller's (escaped there); plain ones may be data: their
        # control characters are shown escaped, at the width they then take.
        self.rows.append([c if isinstance(c, Text) else Text(visible(str(c))) for c in cells])

    # ----------------------------------------------------------------- fitting
    def _natural(self, index: int) -> int:
        column = self.columns[index]
        widths = [_width(row[index]) for row in self.rows]
        header = (
            max((len(w) for w in column.label.split()), default=0)
            if column.wrap
            else len(column.label)
        )
        return max([header, *widths])

    def _minimum(self, index: int) -> int:
        """A number's column: its widest cell. A name's: its longest word (up to
        LONGEST_WORD, a longer word folds) or ``min_width``, whichever is more."""
        column = self.columns[index]
        natural = self._natural(index)
        if not column.wrap:
            return natural
        longest = max((_longest_word(row[index]) for row in self.rows), default=0)
        header = max((len(word) for word in column.label.split()), default=0)
        return min(natural, max(column.min_width, header, min(longest, LONGEST_WORD)))

    def fit(self, width: int, only: Sequence[str] | None = None) -> Fitted:
        """The columns to show at ``width``; ``only`` (keys) chooses them explicitly."""
        indices = range(len(self.columns))
        if only is not None:
            chosen = [i for i in indices if self.columns[i].key in only]
        else:
            chosen = []
            for priority in sorted({c.priority for c in self.columns}):
                group = [i for i in indices if self.columns[i].priority == priority]
                trial = sorted(chosen + group)
                if priority > 0 and _total(self._minimum(i) for i in trial) > width:
                    break
                chosen = trial
        widths = {i: self._minimum(i) for i in chosen}
        natural = {i: self._natural(i) for i in chosen}
        spare = width - _total(widths.values())
        while spare > 0:  # the room left goes to the names, the most squeezed first
            growing = [i for i in chosen if widths[i] < natural[i]]
            if not growing:
                break
            neediest = min(growing, key=lambda i: widths[i] / natural[i])
            widths[neediest] += 1
            spare -= 1
        left_out = [self.columns[i] for i in indices if i not in chosen]
        return Fitted(
            [(self.columns[i], widths[i]) for i in chosen], left_out, _total(widths.values())
        )

    def render(self, width: int, only: Sequence[str] | None = None) -> Table:
        fitted = self.fit(width, only)
        table = Table(
            title=self.title,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
            padding=(0, 1),
        )
        for column, column_width in fitted.columns:
            table.add_column(
                Text(column.label),
                justify=column.justify,  # type: ignore[arg-type]
                width=column_width,
                no_wrap=not column.wrap,
                overflow="fold",
            )
        positions = [self.columns.index(column) for column, _ in fitted.columns]
        for row in self.rows:
            table.add_row(*(row[i] for i in positions))
        return table

    def left_out_note(self, width: int, hint: str = "") -> Text | None:
        """Which columns did not fit ``width``, and how wide a terminal shows them all."""
        left_out = self.fit(width).left_out
        if not left_out:
            return None
        names = ", ".join(c.label for c in left_out)
        whole = self.fit(10_000).width
        return Text(
            f"Left out to fit {width} columns: {names} ({whole} columns show them "
            f"all{'; ' + hint if hint else ''}).",
            style="dim",
        )


def _total(widths: Iterable[int]) -> int:
    widths = list(widths)
    return sum(widths) + GAP * max(0, len(widths) - 1)


def print_fitted(
    tables: Sequence[FitTable], only: Sequence[str] | None = None, hint: str = ""
) -> None:
    """Print ``tables`` fitted to the output width, a blank line between them."""
    items: list[FitTable | RenderableType] = []
    for number, table in enumerate(tables):
        items += [Text("")] if number else []
        items.append(table)
    print_renderables(items, only, hint)


def print_renderables(
    items: Iterable[FitTable | RenderableType], only: Sequence[str] | None = None, hint: str = ""
) -> None:
    """Print each item, fitting every :class:`FitTable` (with its notes) to the output
    width, and which columns were left out (once when several tables leave out the same). Columns chosen explicitly
    (``only``) are printed whole even when wider than the terminal: the terminal wraps
    them, nothing is cut."""
    width = output_width()
    notes: list[str] = []
    plain = console(width)
    for item in items:
        if not isinstance(item, FitTable):
            plain.print(item)
            continue
        out = console(max(width, item.fit(width, only).width))
        out.print(item.render(width, only))
        for text in item.notes:
            plain.print(Text(text, style="dim") if isinstance(text, str) else text)
        note = None if only is not None else item.left_out_note(width, hint)
        if note is not None and note.plain not in notes:  # --by: once, not per group
            notes.append(note.plain)
            plain.print(note)


def parse_columns(text: str | None, columns: Sequence[Column]) -> list[str] | None:
    """The keys ``--columns`` names (comma-separated, any case, or ``all``); the first
    column (what a row is about: the feature) is always kept."""
    from kano_tui.errors import KanoError

    if not text:
        return None
    keys = [c.key for c in columns]
    if text.strip().lower() == "all":
        return keys
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    lowered = {k.lower(): k for k in keys}
    chosen = []
    for part in wanted:
        if part.lower() not in lowered:
            raise KanoError(
                f"--columns: there is no column {part!r}; the columns are "
                f"{', '.join(keys)} (or all)."
            )
        chosen.append(lowered[part.lower()])
    return [keys[0], *(key for key in chosen if key != keys[0])]
