"""Drawing one report chart with matplotlib: the zoomed view, its labels, the full view.

The main axes show the region the features occupy (:func:`kano_tui.engine.analysis.plotview.
zoom_window`) with the quadrant lines where they fall; when that region is smaller than
the scale, a small second axes beside it shows the whole scale with the region outlined,
and a note says where the quadrant lines are when they are off the main view.

Labels are placed by textalloc (Kjellson's greedy allocation over candidate spots, which
never lets two labels, a label and a marker, or a label and a quadrant line overlap; it
leaves out what cannot fit). Measured against adjustText on clustered surveys
(``benchmarks/bench_labels.py``): textalloc left no overlap, adjustText left overlaps and
labels over markers at 16 features already. When a name cannot be placed, every point is
numbered instead and the numbers are listed beside the chart (:class:`Drawn.numbered`);
a number that still finds no spot is left off the chart, and its feature stays in the
list and in the SVG's tooltip. Each marker and label carries an id (``point-N``,
``label-N``) so that the SVG can be read back (tooltips, tests).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kano_tui.engine.analysis.figures import CATEGORY_NAMES
from kano_tui.engine.analysis.plotview import QUADRANT_OF, Window, short_name, side_note

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from kano_tui.exporters.charts import Chart

# Okabe-Ito colours (readable with colour-blindness) and a marker per category, so the
# chart reads in grey print too.
STYLE: dict[str, tuple[str, str]] = {
    "M": ("#D55E00", "s"),
    "O": ("#0072B2", "o"),
    "A": ("#009E73", "^"),
    "I": ("#7F7F7F", "D"),
    "R": ("#CC79A7", "v"),
    "Q": ("#E69F00", "X"),
    "": ("#000000", "."),
}
SIZE = (7.0, 5.2)  # inches
MARKER_AREA = 46  # points², each feature's marker
MARKER_RADIUS = 4.5  # points: half a marker's extent, its white edge and a little air
LABEL_SIZE = 8  # points
NAME_LIMIT = 28  # characters of a label; the whole name is in the list and the tooltip
NAMES_UP_TO = 40  # features; more are numbered straight away (names never all fit)
MAIN_ZOOMED = (0.085, 0.19, 0.60, 0.73)  # axes rectangles, in figure fractions
MAIN_FULL = (0.1, 0.19, 0.87, 0.74)
OVERVIEW = (0.755, 0.6, 0.215, 0.29)
QUADRANT_NAMES = {letter: CATEGORY_NAMES[letter] for letter in "AOMI"}


@dataclass(frozen=True)
class Drawn:
    """What a drawing decided, for the text around it."""

    labels: tuple[str | None, ...]  # per point: the text drawn beside it, None if none
    numbered: bool  # points carry numbers; the list beside the chart names them
    shortened: bool  # some label is shorter than its feature's name
    note: str  # where the quadrant lines are when they are off the view; "" if shown


def _quadrant_names(axes: Axes, window: Window) -> list[tuple[float, float, float, float]]:
    """Each visible quadrant's name in its corner; returns their boxes in data units."""
    (x_low, x_high), (y_low, y_high) = window.x, window.y
    x_pad, y_pad = 0.012 * (x_high - x_low), 0.012 * (y_high - y_low)
    texts = []
    for (right, top), letter in QUADRANT_OF.items():
        if letter not in window.quadrants():
            continue
        texts.append(
            axes.text(
                x_high - x_pad if right else x_low + x_pad,
                y_high - y_pad if top else y_low + y_pad,
                f"{CATEGORY_NAMES[letter].capitalize()} ({letter})",
                ha="right" if right else "left",
                va="top" if top else "bottom",
                color=STYLE[letter][0],
                fontsize=10,
                fontweight="bold",
                alpha=0.75,
                parse_math=False,
                gid=f"quadrant-{letter}",
            )
        )
    renderer = axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    inverse = axes.transData.inverted()
    boxes = []
    for text in texts:
        extent = text.get_window_extent(renderer)
        (x0, y0), (x1, y1) = inverse.transform([(extent.x0, extent.y0), (extent.x1, extent.y1)])
        boxes.append((x0, y0, x1, y1))
    return boxes


def _obstacles(
    boxes: list[tuple[float, float, float, float]], window: Window
) -> tuple[list[float], list[float]]:
    """Points filling each box, for textalloc to keep labels off (it avoids points)."""
    xs: list[float] = []
    ys: list[float] = []
    for x0, y0, x1, y1 in boxes:  # about 4 points apart: no label slips between them
        for i in range(25):
            for j in range(5):
                xs.append(x0 + (x1 - x0) * i / 24)
                ys.append(y0 + (y1 - y0) * j / 4)
    return xs, ys


def _allocate(
    axes: Axes, chart: Chart, texts: list[str], obstacles: tuple[list, list], window: Window
) -> list:
    """textalloc's placement of ``texts`` beside the chart's points; None where none fits."""
    import textalloc

    xs = [p.x for p in chart.points]
    ys = [p.y for p in chart.points]
    # Half the extent of what to keep clear, in points (the figure is at 72 dpi): a marker
    # and its white edge; an obstacle point (they tile the quadrant names).
    sizes = [MARKER_RADIUS] * len(xs) + [2.0] * len(obstacles[0])
    lines_x, lines_y = [], []
    if window.x_split_shown:
        lines_x.append([chart.split, chart.split])
        lines_y.append(list(window.y))
    if window.y_split_shown:
        lines_x.append(list(window.x))
        lines_y.append([chart.split, chart.split])
    with contextlib.redirect_stdout(io.StringIO()):  # it prints when nothing fits
        _, _, text_objects, line_objects = textalloc.allocate(
            axes,
            xs,
            ys,
            texts,
            x_scatter=xs + obstacles[0],
            y_scatter=ys + obstacles[1],
            scatter_sizes=sizes,
            x_lines=lines_x or None,
            y_lines=lines_y or None,
            textsize=LABEL_SIZE,
            draw_all=False,
            linecolor="#9a9a9a",
            linewidth=0.5,
            margin=0.004,
            min_distance=0.008,
            max_distance=0.22,
            nbr_candidates=200,
            xlims=window.x,
            ylims=window.y,
            color="#222222",
            parse_math=False,
        )
    for index, (text, line) in enumerate(zip(text_objects, line_objects)):
        if text is not None:
            text.set_gid(f"label-{index}")
        if line is not None:
            line.set_gid(f"leader-{index}")
    return list(zip(text_objects, line_objects))


def _overview(figure: Figure, chart: Chart, window: Window, note: str) -> None:
    """The whole scale, small, with the zoomed region outlined and the note under it."""
    from matplotlib.patches import Rectangle

    axes = figure.add_axes(OVERVIEW, gid="overview")
    low, high = chart.limits
    axes.set_xlim(low, high)
    axes.set_ylim(low, high)
    axes.axvline(chart.split, color="#444444", linewidth=0.6)
    axes.axhline(chart.split, color="#444444", linewidth=0.6)
    for point in chart.points:
        axes.scatter(
            [point.x],
            [point.y],
            s=6,
            color=STYLE.get(point.category, STYLE[""])[0],
            linewidths=0,
            zorder=3,
        )
    (x0, x1), (y0, y1) = window.x, window.y
    axes.add_patch(
        Rectangle(
            (x0, y0),
            x1 - x0,
            y1 - y0,
            fill=False,
            edgecolor="#222222",
            linewidth=0.8,
            linestyle="--",
            zorder=4,
        )
    )
    axes.set_xticks([low, chart.split, high])
    axes.set_yticks([low, chart.split, high])
    axes.tick_params(labelsize=6, length=2)
    axes.set_title(
        f"Full view ({low:g} to {high:g});\nthe dashed box is the chart", fontsize=7, loc="left"
    )
    if note:
        import textwrap

        figure.text(
            OVERVIEW[0],
            OVERVIEW[1] - 0.07,
            textwrap.fill(note, 30),
            fontsize=7,
            va="top",
            ha="left",
            color="#333333",
            parse_math=False,
            gid="side-note",
        )


def draw(chart: Chart) -> tuple[Figure, Drawn]:
    """The chart as a matplotlib Figure (not attached to pyplot), and what it decided."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    window = chart.window
    figure = Figure(figsize=SIZE, dpi=72)
    FigureCanvasAgg(figure)
    axes = figure.add_axes(MAIN_ZOOMED if window.zoomed else MAIN_FULL)
    axes.set_xlim(*window.x)
    axes.set_ylim(*window.y)
    if window.x_split_shown:
        axes.axvline(chart.split, color="#444444", linewidth=0.8)
    if window.y_split_shown:
        axes.axhline(chart.split, color="#444444", linewidth=0.8)
    quadrant_boxes = _quadrant_names(axes, window)
    shown: set[str] = set()
    for index, point in enumerate(chart.points):
        colour, marker = STYLE.get(point.category, STYLE[""])
        legend = CATEGORY_NAMES.get(point.category, "undecided").capitalize()
        axes.scatter(
            [point.x],
            [point.y],
            color=colour,
            marker=marker,
            s=MARKER_AREA,
            zorder=3,
            edgecolors="white",
            linewidths=0.6,
            gid=f"point-{index}",
            label=None if legend in shown else legend,
        )
        shown.add(legend)
    names = [short_name(p.label, NAME_LIMIT) or str(i + 1) for i, p in enumerate(chart.points)]
    obstacles = _obstacles(quadrant_boxes, window)
    placed = (
        _allocate(axes, chart, names, obstacles, window)
        if 0 < len(chart.points) <= NAMES_UP_TO
        else []
    )
    numbered = len(chart.points) > NAMES_UP_TO or any(text is None for text, _ in placed)
    if numbered:
        for text, line in placed:
            for artist in (text, line):
                if artist is not None:
                    artist.remove()
        numbers = [str(i + 1) for i in range(len(chart.points))]
        placed = _allocate(axes, chart, numbers, obstacles, window)
    labels = tuple(None if text is None else text.get_text() for text, _ in placed)
    note = side_note(window, chart.x_name, chart.y_name, QUADRANT_NAMES)
    if window.zoomed:
        _overview(figure, chart, window, note)
    axes.set_xlabel(chart.x_label, parse_math=False)
    axes.set_ylabel(chart.y_label, parse_math=False)
    axes.set_title(chart.title, loc="left", fontsize=11, parse_math=False)
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.11),
        ncols=min(len(shown), 6),
        frameon=False,
        fontsize=8,
    )
    axes.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
    axes.spines[["top", "right"]].set_visible(False)
    shortened = any(name != " ".join(p.label.split()) for name, p in zip(names, chart.points))
    return figure, Drawn(labels, numbered, shortened, note)
