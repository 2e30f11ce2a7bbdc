"""Kano-plot trajectories: each feature's path across waves, as a layer over the plot.

The plot itself is :func:`~kano_tui.tui.widgets.quadrant_plot.draw_quadrant_plot`, with
every feature's marker where it is in the last group; :func:`overlay_paths` then draws
the path from its first group (``∘``) through the others (``·``) with an arrow head
(``←↑→↓↖↗↘↙``) into the marker. Only blank cells are drawn on, so markers, axes and
quadrant names stay readable. Pure functions: the widget only sizes and styles.
"""

from __future__ import annotations

import itertools

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from kano_tui.tui.widgets.quadrant_plot import (
    PlotPoint,
    QuadrantSpec,
    draw_quadrant_plot,
    marker_of,
)

Path = list[tuple[float | None, float | None, str | None]]  # (|Worse|, Better, category)
ARROWS = {
    (0, 1): "→",
    (0, -1): "←",
    (-1, 0): "↑",
    (1, 0): "↓",
    (-1, 1): "↗",
    (-1, -1): "↖",
    (1, 1): "↘",
    (1, -1): "↙",
}


def _geometry(width: int, height: int) -> tuple[int, int, int]:
    """Left margin, inner width and inner height: the layout draw_quadrant_plot uses."""
    axis_width = 5
    inner_width = max(width - axis_width - 1, 10)
    inner_height = max(height - (3 if height >= 12 else 2), 5)
    return axis_width + 1, inner_width, inner_height


def _cell(value: float, low: float, high: float, size: int) -> int:
    position = (min(max(value, low), high) - low) / (high - low) if high > low else 0.0
    return min(round(position * (size - 1)), size - 1)


def _line(a: tuple[int, int], b: tuple[int, int]) -> list[tuple[int, int]]:
    """The cells from a to b (Bresenham), both ends included."""
    (r0, c0), (r1, c1) = a, b
    cells = []
    dr, dc = abs(r1 - r0), abs(c1 - c0)
    sr, sc = (1 if r1 > r0 else -1), (1 if c1 > c0 else -1)
    err = dc - dr
    while True:
        cells.append((r0, c0))
        if (r0, c0) == (r1, c1):
            return cells
        e2 = 2 * err
        if e2 > -dr:
            err -= dr
            c0 += sc
        if e2 < dc:
            err += dc
            r0 += sr


def overlay_paths(
    lines: list[Text], paths: list[Path], spec: QuadrantSpec, width: int, height: int
) -> list[Text]:
    """``lines`` of the plot with every path drawn on its blank cells."""
    left, inner_width, inner_height = _geometry(width, height)
    grid = [list(line.plain) for line in lines]
    marks: dict[tuple[int, int], tuple[str, Style]] = {}
    dim = Style(dim=True)
    for path in paths:
        cells = [
            (
                inner_height - 1 - _cell(y, *spec.y_range, inner_height),
                _cell(x, *spec.x_range, inner_width),
            )
            for x, y, _ in path
            if x is not None and y is not None
        ]
        if len(cells) < 2:
            continue
        route: list[tuple[int, int]] = []
        for a, b in itertools.pairwise(cells):
            route += _line(a, b)[:-1] if not route else _line(a, b)[1:-1]
        for index, (row, col) in enumerate(route):
            glyph = "∘" if index == 0 else "·"
            if index == len(route) - 1 and len(route) > 1:
                step = (max(-1, min(1, cells[-1][0] - row)), max(-1, min(1, cells[-1][1] - col)))
                glyph = ARROWS.get(step, "·")
            marks[(row, col)] = (glyph, dim if glyph in "∘·" else Style(bold=True))
    out = []
    for r, line in enumerate(lines):
        if r >= inner_height:
            out.append(line)
            continue
        for (row, col), (glyph, style) in marks.items():
            at = left + col
            if row == r and at < len(grid[r]) and grid[r][at] in (" ", "─", "│"):
                line = line[:at] + Text(glyph, style=style) + line[at + 1 :]
        out.append(line)
    return out


class TrajectoryPlot(Widget):
    """The Kano plot with each feature's path across the compared groups."""

    def __init__(self, spec: QuadrantSpec, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = spec
        self.groups: list[str] = []
        self.paths: list[tuple[str, Path, str | None]] = []  # name, path, lifecycle step

    def set_paths(
        self,
        groups: list[str],
        paths: list[tuple[str, Path, str | None]],
        spec: QuadrantSpec | None = None,
    ) -> None:
        self.groups, self.paths = groups, paths
        self.spec = spec or self.spec
        self.refresh()

    def render(self) -> RenderableType:
        from kano_tui.tui.colours import category_style

        if not self.paths:
            return Text("No comparison to draw.")
        spec = self.spec
        width, height = self.size.width, self.size.height
        legend_width = min(30, max(width // 3, 20))
        side = width >= 70
        plot_width = width - legend_width - 1 if side else width
        plot_height = height - 1 if side else max(height - len(self.paths) // 2 - 2, 8)
        last = [
            PlotPoint(name, *(path[-1] if path else (None, None, None)))
            for name, path, _ in self.paths
        ]
        lines = draw_quadrant_plot(
            last, spec, plot_width, plot_height, lambda c: category_style(self.app, c)
        )
        lines = overlay_paths(
            lines, [path for _, path, _ in self.paths], spec, plot_width, plot_height
        )
        title = Text(
            f"Paths across {' → '.join(self.groups)}",
            style="bold",
            no_wrap=True,
            overflow="ellipsis",
        )
        legend = Text(no_wrap=True, overflow="ellipsis")
        for index, (name, path, step) in enumerate(self.paths):
            categories = "→".join(c or "–" for _, _, c in path)
            legend.append(marker_of(index), style=Style(bold=True))
            legend.append(f" {categories} ")
            legend.append(name[: max(legend_width - len(categories) - 4, 4)])
            if step:
                legend.append(" ★", style="bold")
            legend.append("\n")
        legend.append("∘ first · path → last; ★ significant lifecycle step", style="dim")
        if side:
            from rich.table import Table

            layout = Table.grid(padding=(0, 1))
            layout.add_column(width=plot_width)
            layout.add_column(width=legend_width)
            layout.add_row(Group(*lines), legend)
            return Group(title, layout)
        return Group(title, *lines, legend)
