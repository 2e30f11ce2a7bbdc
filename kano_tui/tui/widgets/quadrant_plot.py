"""A scatter plot with four labelled quadrants, drawn in text: the Kano plots.

Both Kano plots are quadrant charts: Better against |Worse| (split at 0.5) and the
functional against the dysfunctional mean (split at the continuous threshold). Each
feature is a marker (``1``-``9`` then ``a``-``z``) in its category colour, explained in a
legend, so the plot reads the same with NO_COLOR; quadrants are named in their corners.
:func:`draw_quadrant_plot` is pure (no Textual): it returns the lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

MARKERS = "123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class PlotPoint:
    label: str  # the feature's name (user text)
    x: float | None
    y: float | None
    category: str | None


@dataclass(frozen=True)
class QuadrantSpec:
    title: str
    x_label: str
    y_label: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_split: float
    y_split: float
    # corner names: top-left, top-right, bottom-left, bottom-right
    quadrants: tuple[str, str, str, str]


def marker_of(index: int) -> str:
    return MARKERS[index] if index < len(MARKERS) else "*"


def _cell(value: float, low: float, high: float, size: int) -> int:
    if high <= low:
        return 0
    position = (min(max(value, low), high) - low) / (high - low)
    return min(int(round(position * (size - 1))), size - 1)


def draw_quadrant_plot(points: list[PlotPoint], spec: QuadrantSpec, width: int, height: int,
                       style_of: Callable[[str | None], Style]) -> list[Text]:
    """The plot area as ``height`` lines of ``width`` cells, y axis labels included."""
    axis_width = 5
    inner_width = max(width - axis_width - 1, 10)
    reserve = 3 if height >= 12 else 2  # x axis, tick labels, and the x title if room
    inner_height = max(height - reserve, 5)
    grid: list[list[tuple[str, Style | None]]] = [
        [(" ", None) for _ in range(inner_width)] for _ in range(inner_height)]
    dim = Style(dim=True)
    split_col = _cell(spec.x_split, *spec.x_range, inner_width)
    split_row = inner_height - 1 - _cell(spec.y_split, *spec.y_range, inner_height)
    for row in range(inner_height):
        grid[row][split_col] = ("│", dim)
    for col in range(inner_width):
        grid[split_row][col] = ("┼" if col == split_col else "─", dim)

    def put_label(text: str, row: int, left: bool) -> None:
        room = split_col - 1 if left else inner_width - split_col - 2
        text = text[: max(room, 1)]
        start = 1 if left else inner_width - len(text) - 1
        for i, char in enumerate(text):
            if 0 <= start + i < inner_width:
                grid[row][start + i] = (char, Style(italic=True, dim=True))

    top_left, top_right, bottom_left, bottom_right = spec.quadrants
    put_label(top_left, 0, True)
    put_label(top_right, 0, False)
    put_label(bottom_left, inner_height - 1, True)
    put_label(bottom_right, inner_height - 1, False)

    for index, point in enumerate(points):
        if point.x is None or point.y is None or math.isnan(point.x) or math.isnan(point.y):
            continue
        col = _cell(point.x, *spec.x_range, inner_width)
        row = inner_height - 1 - _cell(point.y, *spec.y_range, inner_height)
        char, style = grid[row][col]
        if style is not None and style.bold:  # another feature is here already
            grid[row][col] = ("+", Style(bold=True))
        else:
            grid[row][col] = (marker_of(index), style_of(point.category) + Style(bold=True))

    lines: list[Text] = []
    y_low, y_high = spec.y_range
    for row in range(inner_height):
        if row == 0:
            tick = f"{y_high:>4g} "
        elif row == inner_height - 1:
            tick = f"{y_low:>4g} "
        elif row == split_row:
            tick = f"{spec.y_split:>4g} "
        else:
            tick = " " * axis_width
        line = Text(tick[:axis_width].rjust(axis_width), style=dim, no_wrap=True)
        line.append("┤" if row in (0, split_row, inner_height - 1) else "│", style=dim)
        for char, style in grid[row]:
            line.append(char, style=style)
        lines.append(line)
    x_low, x_high = spec.x_range
    axis = Text(" " * axis_width + "└" + "─" * inner_width, style=dim, no_wrap=True)
    ticks = [" "] * (inner_width + axis_width + 1)
    for value, col in ((x_low, 0), (spec.x_split, split_col), (x_high, inner_width - 1)):
        label = f"{value:g}"
        start = min(max(axis_width + 1 + col - len(label) // 2, 0), len(ticks) - len(label))
        ticks[start:start + len(label)] = list(label)
    tick_line = Text("".join(ticks), style=dim, no_wrap=True)
    lines.append(axis)
    lines.append(tick_line)
    if reserve == 3:
        lines.append(Text(spec.x_label.center(inner_width + axis_width + 1), style=dim,
                          no_wrap=True))
    for line in lines:
        line.truncate(width)
    return lines[:height]


class QuadrantPlot(Widget):
    """The plot and its legend side by side (legend below when the space is narrow)."""

    DEFAULT_CSS = """
    QuadrantPlot {
        height: 1fr;
        width: 1fr;
    }
    """

    def __init__(self, spec: QuadrantSpec, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = spec
        self.points: list[PlotPoint] = []
        self.note = ""

    def set_points(self, points: list[PlotPoint], spec: QuadrantSpec | None = None,
                   note: str = "") -> None:
        self.points = points
        self.note = note
        if spec is not None:
            self.spec = spec
        self.refresh()

    def _style_of(self, category: str | None) -> Style:
        from kano_tui.tui.palette import category_style

        return category_style(self.app, category)

    def render(self) -> RenderableType:
        width, height = self.size.width, self.size.height
        if not self.points:
            return Text(self.note or "No features to plot.")
        legend_width = min(30, max(width // 3, 20))
        side = width >= 70
        plot_width = width - legend_width - 1 if side else width
        plot_height = height - 1 if side else max(height - len(self.points) // 2 - 2, 8)
        title = Text(self.spec.title, style="bold", no_wrap=True, overflow="ellipsis")
        title.append(f"   y: {self.spec.y_label}", style="dim")
        if self.note:  # e.g. why there is nothing to plot: on a line of its own
            title.append("\n")
            title.append(self.note, style="bold")
            plot_height -= 1
        lines = draw_quadrant_plot(self.points, self.spec, plot_width, plot_height,
                                   self._style_of)
        plot = Group(*lines)
        legend = self._legend(legend_width)
        if side:
            layout = Table.grid(padding=(0, 1))
            layout.add_column(width=plot_width)
            layout.add_column(width=legend_width)
            layout.add_row(plot, legend)
            return Group(title, layout)
        return Group(title, plot, legend)

    def _legend(self, width: int) -> Text:
        legend = Text(no_wrap=True, overflow="ellipsis")
        for index, point in enumerate(self.points):
            style = self._style_of(point.category)
            legend.append(marker_of(index), style=style + Style(bold=True))
            legend.append(f" {point.category or '–'} ", style=style)
            name = point.label if len(point.label) <= width - 5 else point.label[: width - 6] + "…"
            legend.append(name)
            if point.x is None or point.y is None:
                legend.append(" (no data)", style="dim")
            legend.append("\n")
        legend.rstrip()
        return legend
