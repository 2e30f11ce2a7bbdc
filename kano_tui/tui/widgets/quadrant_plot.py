"""A scatter plot with four labelled quadrants, drawn in text: the Kano plots.

Both Kano plots are quadrant charts: Better against |Worse| (split at 0.5) and the
functional against the dysfunctional mean (split at the continuous threshold). Each
feature is a marker (``1``-``9`` then ``a``-``z``, ``A``-``Z``) in its category colour,
explained in a legend, so the plot reads the same with NO_COLOR; quadrants are named in
their corners. The plot shows the region the features occupy (``z`` switches to the full
scale and back); with more features than the legend has lines, the legend is paged and
the features of other pages are dots. The drawing itself is pure:
:mod:`kano_tui.tui.widgets.quadrant_layout`.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from kano_tui.engine.analysis.plotview import (
    Window,
    full_window,
    short_name,
    side_note,
    zoom_window,
)
from kano_tui.tui.widgets.quadrant_layout import (
    MARKERS,
    Placement,
    PlotPoint,
    QuadrantSpec,
    draw_quadrant_plot,
    marker_of,
    place_markers,
    plot_grid,
)

__all__ = [
    "MARKERS",
    "PlotPoint",
    "QuadrantPlot",
    "QuadrantSpec",
    "draw_quadrant_plot",
    "marker_of",
    "plot_window",
]

QUADRANT_NAMES = {"A": "excitement", "O": "performance", "M": "must-be", "I": "indifferent"}


def plot_window(points: list[PlotPoint], spec: QuadrantSpec, zoomed: bool = True) -> Window:
    """The window a plot shows: around the features when ``zoomed``, else the full scale."""
    if not zoomed:
        return full_window(spec.x_range, spec.x_split)
    return zoom_window(
        (p.x for p in points), (p.y for p in points), spec.x_range, spec.x_split, spec.step
    )


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
        self.zoomed = True
        self.page = 0
        self.pages = 1  # as last drawn
        self.drawn: tuple[list[int], Placement] | None = None  # the legend's features, cells

    def set_points(
        self, points: list[PlotPoint], spec: QuadrantSpec | None = None, note: str = ""
    ) -> None:
        self.points = points
        self.note = note
        if spec is not None:
            self.spec = spec
        self.refresh()

    def toggle_zoom(self) -> None:
        self.zoomed = not self.zoomed
        self.refresh()

    def turn_page(self, step: int) -> None:
        self.page = (self.page + step) % max(self.pages, 1)
        self.refresh()

    def _style_of(self, category: str | None) -> Style:
        from kano_tui.tui.colours import category_style

        return category_style(self.app, category)

    def _header(self, window: Window, zoomable: bool) -> Text:
        title = Text(self.spec.title, style="bold", no_wrap=True, overflow="ellipsis")
        title.append(f"   y: {self.spec.y_label}", style="dim")
        lines = [title]
        if self.note:  # e.g. why there is nothing to plot
            lines.append(Text(self.note, style="bold"))
        elif zoomable:
            low, high = self.spec.x_range
            scale = f"{low:g} to {high:g}" if low < 0 else f"{low:g}–{high:g}"
            if self.zoomed:
                line = Text("zoomed", style="bold")
                line.append(f" (z: full {scale} view)", style="dim")
                note = side_note(
                    window, self.spec.x_name, self.spec.y_name, QUADRANT_NAMES, compact=True
                )
                if note:
                    line.append(f" · {note}")
            else:
                line = Text(f"full {scale} view", style="bold")
                line.append(" (z: zoom to the features)", style="dim")
            line.no_wrap, line.overflow = False, "fold"
            lines.append(line)
        return Text("\n").join(lines)

    def render(self) -> RenderableType:
        width, height = self.size.width, self.size.height
        if not self.points:
            return Text(self.note or "No features to plot.")
        window = plot_window(self.points, self.spec, self.zoomed)
        zoomable = plot_window(self.points, self.spec, True).zoomed
        header = self._header(window, zoomable)
        header_lines = len(header.wrap(self.app.console, max(width, 1)))
        legend_width = min(36, max(width // 3, 20))
        side = width >= 70
        if side:
            plot_width, plot_height = width - legend_width - 1, height - header_lines
            legend_rows = plot_height
        else:
            plot_width = width
            legend_rows = max(min(len(self.points), (height - header_lines) // 3), 1)
            plot_height = height - header_lines - legend_rows
        marked = self._page_of(legend_rows)
        grid = plot_grid(self.spec, plot_width, plot_height, window)
        placement = place_markers(self.points, grid, marked)
        self.drawn = (marked, placement)
        lines = draw_quadrant_plot(
            self.points, self.spec, plot_width, plot_height, self._style_of, window, placement
        )
        legend = self._legend(legend_width if side else width, marked, placement)
        plot = Group(*lines)
        if side:
            layout = Table.grid(padding=(0, 1))
            layout.add_column(width=plot_width)
            layout.add_column(width=legend_width)
            layout.add_row(plot, legend)
            return Group(header, layout)
        return Group(header, plot, legend)

    def _page_of(self, rows: int) -> list[int]:
        """The indices of the features the legend names on the current page."""
        count = len(self.points)
        size = min(rows, len(MARKERS))
        if count > size:
            size = max(min(rows - 1, len(MARKERS)), 1)  # a line says which page this is
        self.pages = -(-count // size)
        self.page = min(self.page, self.pages - 1)
        start = self.page * size
        return list(range(start, min(start + size, count)))

    def _legend(self, width: int, marked: list[int], placement: Placement) -> Text:
        legend = Text(no_wrap=True, overflow="ellipsis")
        if self.pages > 1:
            legend.append(
                f"features {marked[0] + 1}–{marked[-1] + 1} of {len(self.points)} · [ ] page",
                style="bold",
            )
            legend.append("\n")
        for index in marked:
            point = self.points[index]
            style = self._style_of(point.category)
            marker = placement.markers.get(index, "·")
            legend.append(marker, style=style + Style(bold=True))
            legend.append(f" {point.category or '–'} ", style=style)
            suffix = (
                " (no data)"
                if not point.plotted
                else " (same point)"
                if index in placement.shared
                else " (same cell)"
                if index in placement.crowded
                else ""
            )
            room = width - 4 - len(suffix)
            legend.append(short_name(point.label, max(room, 4)))
            if suffix:
                legend.append(suffix, style="dim")
            legend.append("\n")
        legend.rstrip()
        return legend
