"""The text Kano plots, pure: where each feature goes on a grid of cells, then the lines.

Placing and drawing are apart so that other marks (a feature's path across waves, say)
can be added on the same :class:`Grid`. :func:`place_markers` gives every feature a cell
of its own, as near its true position as a free cell is and on the same side of both
quadrant lines; features share a cell, and a marker, only when they truly coincide (equal
to two decimals, as the Results table shows them). :func:`draw_quadrant_plot` draws the
window it is given (zoomed to the features or the full scale), the quadrant lines where
they fall and each visible quadrant's name in its corner. No Textual here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from kano_tui.engine.analysis.plotview import QUADRANT_OF, Window, full_window

MARKERS = "123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
CONTEXT_MARK = "·"  # a feature of another legend page: there, but not named on this one
AXIS_WIDTH = 5
SEARCH_RADIUS = 12  # cells: how far a displaced marker may look for a free cell


@dataclass(frozen=True)
class PlotPoint:
    label: str  # the feature's name (user text)
    x: float | None
    y: float | None
    category: str | None

    @property
    def plotted(self) -> bool:
        return (
            self.x is not None
            and self.y is not None
            and math.isfinite(self.x)
            and math.isfinite(self.y)
        )


@dataclass(frozen=True)
class QuadrantSpec:
    title: str
    x_label: str
    y_label: str
    x_range: tuple[float, float]  # the scale: what the full view shows
    y_range: tuple[float, float]
    x_split: float
    y_split: float
    # corner names: top-left, top-right, bottom-left, bottom-right
    quadrants: tuple[str, str, str, str]
    x_name: str = "x"  # short axis names for notes: "|Worse|"
    y_name: str = "y"
    step: float = 0.05  # the grid a zoomed window snaps to


def marker_of(index: int) -> str:
    return MARKERS[index] if index < len(MARKERS) else "*"


def _cell(value: float, low: float, high: float, size: int) -> int:
    if high <= low:
        return 0
    position = (min(max(value, low), high) - low) / (high - low)
    return min(round(position * (size - 1)), size - 1)


@dataclass(frozen=True)
class Grid:
    """The plot area: ``width`` x ``height`` cells showing ``window``."""

    window: Window
    width: int
    height: int

    def column(self, x: float) -> int:
        return _cell(x, *self.window.x, self.width)

    def row(self, y: float) -> int:
        return self.height - 1 - _cell(y, *self.window.y, self.height)

    def cell(self, x: float, y: float) -> tuple[int, int]:
        return self.row(y), self.column(x)

    @property
    def split_column(self) -> int | None:
        return self.column(self.window.split) if self.window.x_split_shown else None

    @property
    def split_row(self) -> int | None:
        return self.row(self.window.split) if self.window.y_split_shown else None


@dataclass
class Placement:
    """Where each marked feature is drawn, by its index among the points."""

    cells: dict[int, tuple[int, int]] = field(default_factory=dict)
    markers: dict[int, str] = field(default_factory=dict)
    shared: set[int] = field(default_factory=set)  # indices of features that coincide
    # indices sharing a cell without coinciding: no free cell near (a very full plot)
    crowded: set[int] = field(default_factory=set)
    context: dict[int, tuple[int, int]] = field(default_factory=dict)  # unnamed dots

    def moved(self, grid: Grid, points: list[PlotPoint]) -> dict[int, int]:
        """How many cells each marked feature sits from its true cell (0 for most)."""
        out = {}
        for index, (row, col) in self.cells.items():
            point = points[index]
            assert point.x is not None and point.y is not None
            true_row, true_col = grid.cell(point.x, point.y)
            out[index] = max(abs(row - true_row), abs(col - true_col))
        return out


def _coincide_key(point: PlotPoint) -> tuple[float, float]:
    assert point.x is not None and point.y is not None
    return round(point.x, 2), round(point.y, 2)


def _side(value: int, split: int | None) -> int:
    if split is None or value == split:
        return 0
    return 1 if value > split else -1


def _free_cell(
    grid: Grid,
    row: int,
    col: int,
    taken: Collection[tuple[int, int]],
    true_pos: tuple[float, float],
) -> tuple[int, int] | None:
    """The free cell nearest (row, col) on the same side of both quadrant lines.

    Terminal cells are about twice as tall as wide, so a row counts as two columns; ties
    go towards the feature's true position within its cell.
    """
    split_row, split_col = grid.split_row, grid.split_column
    side = (_side(row, split_row), _side(col, split_col))
    best: tuple[float, tuple[int, int]] | None = None
    for d_row in range(-SEARCH_RADIUS // 2, SEARCH_RADIUS // 2 + 1):
        for d_col in range(-SEARCH_RADIUS, SEARCH_RADIUS + 1):
            r, c = row + d_row, col + d_col
            if not (0 <= r < grid.height and 0 <= c < grid.width) or (r, c) in taken:
                continue
            if (side[0] and _side(r, split_row) != side[0]) or (
                side[1] and _side(c, split_col) != side[1]
            ):
                continue
            exact_r, exact_c = true_pos
            cost = (2 * d_row) ** 2 + d_col**2 + 0.01 * ((r - exact_r) ** 2 + (c - exact_c) ** 2)
            if best is None or cost < best[0]:
                best = (cost, (r, c))
    return None if best is None else best[1]


def place_markers(
    points: list[PlotPoint], grid: Grid, marked: Collection[int] | None = None
) -> Placement:
    """A cell and a marker for each point in ``marked`` (all by default), then dots.

    Markers go ``1``-``9``, ``a``-``z``, ``A``-``Z`` in the order of the points, one per
    cell; the other plotted points become context dots on cells still free.
    """
    marked = range(len(points)) if marked is None else marked
    placement = Placement()
    groups: dict[tuple[float, float], int] = {}  # coinciding figures -> first index
    taken: dict[tuple[int, int], int] = {}
    next_marker = 0
    for index in sorted(marked):
        point = points[index]
        if not point.plotted:
            continue
        key = _coincide_key(point)
        if key in groups:
            first = groups[key]
            placement.cells[index] = placement.cells[first]
            placement.markers[index] = placement.markers[first]
            placement.shared |= {index, first}
            continue
        assert point.x is not None and point.y is not None
        row, col = grid.cell(point.x, point.y)
        if (row, col) in taken:
            exact = _exact_cell(grid, point.x, point.y)
            found = _free_cell(grid, row, col, taken, exact)
            if found is None:  # share the cell, and its marker, with its occupant
                occupant = taken[(row, col)]
                groups[key] = index
                placement.cells[index] = (row, col)
                placement.markers[index] = placement.markers[occupant]
                placement.crowded |= {index, occupant}
                continue
            row, col = found
        groups[key] = index
        taken[(row, col)] = index
        placement.cells[index] = (row, col)
        placement.markers[index] = marker_of(next_marker)
        next_marker += 1
    for index, point in enumerate(points):
        if index in placement.cells or not point.plotted:
            continue
        assert point.x is not None and point.y is not None
        cell = grid.cell(point.x, point.y)
        if cell not in taken:
            placement.context[index] = cell
    return placement


def _exact_cell(grid: Grid, x: float, y: float) -> tuple[float, float]:
    (x_low, x_high), (y_low, y_high) = grid.window.x, grid.window.y
    col = (x - x_low) / (x_high - x_low) * (grid.width - 1) if x_high > x_low else 0.0
    row = (grid.height - 1) - (
        (y - y_low) / (y_high - y_low) * (grid.height - 1) if y_high > y_low else 0.0
    )
    return row, col


def plot_grid(spec: QuadrantSpec, width: int, height: int, window: Window | None = None) -> Grid:
    """The grid of the plot area of a ``width`` x ``height`` plot (axes included)."""
    inner_width = max(width - AXIS_WIDTH - 1, 10)
    reserve = 3 if height >= 12 else 2  # x axis, tick labels, and the x title if room
    inner_height = max(height - reserve, 5)
    window = window or full_window(spec.x_range, spec.x_split)
    return Grid(window, inner_width, inner_height)


def _tick(value: float) -> str:
    return f"{round(value, 4):g}"


def draw_quadrant_plot(
    points: list[PlotPoint],
    spec: QuadrantSpec,
    width: int,
    height: int,
    style_of: Callable[[str | None], Style],
    window: Window | None = None,
    placement: Placement | None = None,
    marked: Collection[int] | None = None,
) -> list[Text]:
    """The plot area as ``height`` lines of ``width`` cells, y axis labels included."""
    grid = plot_grid(spec, width, height, window)
    inner_width, inner_height = grid.width, grid.height
    reserve = 3 if height >= 12 else 2
    cells: list[list[tuple[str, Style | None]]] = [
        [(" ", None) for _ in range(inner_width)] for _ in range(inner_height)
    ]
    dim = Style(dim=True)
    split_col, split_row = grid.split_column, grid.split_row
    if split_col is not None:
        for row in range(inner_height):
            cells[row][split_col] = ("│", dim)
    if split_row is not None:
        for col in range(inner_width):
            cells[split_row][col] = ("┼" if col == split_col else "─", dim)

    def put_label(text: str, row: int, left: bool) -> None:
        if split_col is None:
            room = inner_width - 2
        else:
            room = split_col - 1 if left else inner_width - split_col - 2
        text = text[: max(room, 1)]
        start = 1 if left else inner_width - len(text) - 1
        for i, char in enumerate(text):
            if 0 <= start + i < inner_width:
                cells[row][start + i] = (char, Style(italic=True, dim=True))

    visible = set(grid.window.quadrants())
    corners = dict(
        zip(((False, True), (True, True), (False, False), (True, False)), spec.quadrants)
    )
    for (right, top), name in corners.items():
        if QUADRANT_OF[(right, top)] in visible:
            put_label(name, 0 if top else inner_height - 1, not right)

    placement = placement or place_markers(points, grid, marked)
    for row, col in placement.context.values():
        cells[row][col] = (CONTEXT_MARK, dim)
    for index, (row, col) in placement.cells.items():
        point = points[index]
        cells[row][col] = (placement.markers[index], style_of(point.category) + Style(bold=True))

    lines: list[Text] = []
    (x_low, x_high), (y_low, y_high) = grid.window.x, grid.window.y
    for row in range(inner_height):
        if row == 0:
            tick = f"{_tick(y_high):>4} "
        elif row == inner_height - 1:
            tick = f"{_tick(y_low):>4} "
        elif row == split_row:
            tick = f"{_tick(spec.y_split):>4} "
        else:
            tick = " " * AXIS_WIDTH
        line = Text(tick[:AXIS_WIDTH].rjust(AXIS_WIDTH), style=dim, no_wrap=True)
        line.append("┤" if row in (0, split_row, inner_height - 1) else "│", style=dim)
        for char, style in cells[row]:
            line.append(char, style=style)
        lines.append(line)
    axis = Text(" " * AXIS_WIDTH + "└" + "─" * inner_width, style=dim, no_wrap=True)
    ticks = [" "] * (inner_width + AXIS_WIDTH + 1)
    x_ticks = [(x_low, 0), (x_high, inner_width - 1)]
    if split_col is not None:
        x_ticks.insert(1, (spec.x_split, split_col))
    for value, col in x_ticks:
        label = _tick(value)
        start = min(max(AXIS_WIDTH + 1 + col - len(label) // 2, 0), len(ticks) - len(label))
        ticks[start : start + len(label)] = list(label)
    lines.append(axis)
    lines.append(Text("".join(ticks), style=dim, no_wrap=True))
    if reserve == 3:
        lines.append(
            Text(spec.x_label.center(inner_width + AXIS_WIDTH + 1), style=dim, no_wrap=True)
        )
    for line in lines:
        line.truncate(width)
    return lines[:height]
