"""The reports' charts, drawn with matplotlib: the Kano plot and the continuous plot.

- Kano plot: each feature at (|Worse|, Better), the Better-Worse coefficients of Berger
  et al. (1993), split at ``settings.better_worse_split`` into performance (top right),
  excitement (top left), must-be (bottom right) and indifferent (bottom left).
- Continuous plot: each feature at (dysfunctional mean, functional mean), DuMouchel's
  scores, split at ``settings.continuous_split`` into the same four quadrants.

matplotlib is imported on first use (it costs a good part of a second) and drawn through
the Agg canvas on a bare :class:`~matplotlib.figure.Figure`: no pyplot, no display, no
global backend switch, so the TUI's export worker thread can draw while the app runs.
User text reaches a chart only as text: math text is off (a feature called ``$x$`` stays
``$x$``) and SVG text is written as escaped XML text (``svg.fonttype: none``), which keeps
the SVG small and searchable. Output is reproducible: no date, a fixed id salt.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kano_tui.engine.analysis import CATEGORY_NAMES, Analysis
from kano_tui.engine.model import Settings
from kano_tui.engine.projectfile import atomic_write

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "kano-tui",
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
SIZE = (7.0, 5.2)  # inches
LABEL_CHAR, LABEL_LINE = 4.9, 10.0  # an 8 pt label's character width and height, in points
# Where a label may go around its point: offset in points and alignment, in order of taste.
LABEL_SPOTS = ((5, 3, "left", "bottom"), (5, -3, "left", "top"), (-5, 3, "right", "bottom"),
               (-5, -3, "right", "top"), (5, 11, "left", "bottom"), (5, -11, "left", "top"),
               (-5, 11, "right", "bottom"), (-5, -11, "right", "top"))


@dataclass(frozen=True)
class Point:
    label: str
    x: float
    y: float
    category: str  # "" when undecided


@dataclass(frozen=True)
class Chart:
    """One chart of a report: what it shows, for captions and alt text, and its points."""

    key: str  # file-name part: "kano-plot"
    title: str
    description: str  # one sentence: what is on the axes
    points: tuple[Point, ...]
    split: float
    limits: tuple[float, float]
    x_label: str
    y_label: str


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def charts(analysis: Analysis, settings: Settings) -> list[Chart]:
    """The report's charts for an analysis (those with at least one feature to show)."""
    figures = analysis.overall
    names = analysis.feature_names
    kano: list[Point] = []
    continuous: list[Point] = []
    for feature_id, row in figures.iterrows():  # one row per feature
        label = names.get(str(feature_id), str(feature_id))
        category = row["category"] if isinstance(row["category"], str) else ""
        better, worse = _number(row["better"]), _number(row["worse"])
        if better is not None and worse is not None:
            kano.append(Point(label, abs(worse), better, category))
        functional, dysfunctional = (_number(row["functional_mean"]),
                                     _number(row["dysfunctional_mean"]))
        if functional is not None and dysfunctional is not None:
            continuous.append(Point(label, dysfunctional, functional, category))
    out = []
    if kano:
        out.append(Chart(
            "kano-plot", "Kano plot: Better against |Worse|",
            "Each feature at its dissatisfaction coefficient |Worse| (across) and its "
            "satisfaction coefficient Better (up).",
            tuple(kano), settings.better_worse_split, (0.0, 1.0),
            "|Worse|: dissatisfaction when absent", "Better: satisfaction when present"))
    if continuous:
        out.append(Chart(
            "continuous-plot", "Continuous plot: functional against dysfunctional means",
            "Each feature at the mean of its dysfunctional answers (across) and of its "
            "functional answers (up), scored -2 to 4 (DuMouchel).",
            tuple(continuous), settings.continuous_split,
            _zoom([c for p in continuous for c in (p.x, p.y)], settings.continuous_split,
                  (-2.0, 4.0)),
            "Dysfunctional mean (how bad its absence is)",
            "Functional mean (how good its presence is)"))
    return out


def _zoom(values: list[float], split: float, scale: tuple[float, float]) -> tuple[float, float]:
    """Limits around the data and the split, within the scale: points spread out."""
    low = max(scale[0], math.floor(min(*values, split) - 0.5))
    high = min(scale[1], math.ceil(max(*values, split) + 0.5))
    return float(low), float(high)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def place_labels(points: Sequence[Point], limits: tuple[float, float],
                 box: tuple[float, float]) -> list[tuple[int, int, str, str]]:
    """A spot for each point's label that covers the fewest other labels and markers.

    Greedy, top to bottom, in points on an axes of ``box`` (width, height) points: good
    enough for the tens of features a Kano study has, and deterministic.
    """
    low, high = limits

    def at(x: float, y: float) -> tuple[float, float]:
        return ((x - low) / (high - low) * box[0], (y - low) / (high - low) * box[1])

    taken = [(px - 4, py - 4, px + 4, py + 4) for px, py in (at(p.x, p.y) for p in points)]
    spots: dict[int, tuple[int, int, str, str]] = {}
    for index in sorted(range(len(points)), key=lambda i: (-points[i].y, points[i].x)):
        px, py = at(points[index].x, points[index].y)
        width = len(points[index].label) * LABEL_CHAR
        best: tuple[float, tuple[int, int, str, str], tuple[float, ...]] | None = None
        for spot in LABEL_SPOTS:
            dx, dy, ha, va = spot
            x0 = px + dx if ha == "left" else px + dx - width
            y0 = py + dy if va == "bottom" else py + dy - LABEL_LINE
            rect = (x0, y0, x0 + width, y0 + LABEL_LINE)
            outside = max(0.0, rect[2] - box[0]) + max(0.0, -rect[0])
            cost = sum(_overlap(rect, other) for other in taken) + outside * LABEL_LINE
            if best is None or cost < best[0]:
                best = (cost, spot, rect)
            if cost == 0:
                break
        assert best is not None
        spots[index] = best[1]
        taken.append(best[2])
    return [spots[i] for i in range(len(points))]


QUADRANTS = (  # (right, top) -> category
    ((False, True), "A"), ((True, True), "O"), ((True, False), "M"), ((False, False), "I"))


def draw(chart: Chart) -> Figure:
    """The chart as a matplotlib Figure (not attached to pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE)
    # Fixed margins, not constrained layout: the axis texts are ours and fit, and layout
    # would cost a second full draw per chart.
    figure.subplots_adjust(left=0.1, right=0.97, top=0.93, bottom=0.19)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    low, high = chart.limits
    span = high - low
    axes.set_xlim(low - 0.02 * span, high + 0.02 * span)
    axes.set_ylim(low - 0.02 * span, high + 0.02 * span)
    axes.axvline(chart.split, color="#444444", linewidth=0.8)
    axes.axhline(chart.split, color="#444444", linewidth=0.8)
    for (right, top), letter in QUADRANTS:
        x = high - 0.01 * span if right else low + 0.01 * span
        y = high - 0.01 * span if top else low + 0.01 * span
        axes.text(x, y, f"{CATEGORY_NAMES[letter].capitalize()} ({letter})",
                  ha="right" if right else "left", va="top" if top else "bottom",
                  color=STYLE[letter][0], fontsize=10, fontweight="bold", alpha=0.75,
                  parse_math=False)
    shown: set[str] = set()
    box = (SIZE[0] * 72 * 0.86, SIZE[1] * 72 * 0.72)  # the axes, roughly, in points
    for point, (dx, dy, ha, va) in zip(chart.points, place_labels(chart.points, chart.limits,
                                                                   box)):
        colour, marker = STYLE.get(point.category, STYLE[""])
        legend = CATEGORY_NAMES.get(point.category, "undecided").capitalize()
        axes.scatter([point.x], [point.y], color=colour, marker=marker, s=46, zorder=3,
                     edgecolors="white", linewidths=0.6,
                     label=None if legend in shown else legend)
        shown.add(legend)
        axes.annotate(point.label, (point.x, point.y), xytext=(dx, dy), ha=ha, va=va,
                      textcoords="offset points", fontsize=8, color="#222222",
                      annotation_clip=False, parse_math=False)
    axes.set_xlabel(chart.x_label, parse_math=False)
    axes.set_ylabel(chart.y_label, parse_math=False)
    axes.set_title(chart.title, loc="left", fontsize=11, parse_math=False)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.11), ncols=min(len(shown), 6),
                frameon=False, fontsize=8)
    axes.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
    return figure


def render(chart: Chart, fmt: str = "svg", dpi: int = 150) -> bytes:
    """The chart as SVG or PNG bytes, reproducibly (no timestamp)."""
    from matplotlib import rc_context

    with rc_context(RC):
        figure = draw(chart)
        buffer = io.BytesIO()
        metadata: Mapping[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_NAMESPACES = re.compile(r'\s+xmlns(?::xlink)?="[^"]*"')


def inline_svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element for an HTML page.

    The XML prologue, the RDF metadata and the namespace declarations go: an HTML parser
    puts ``<svg>`` in its namespace itself, and the page then names no address at all.
    Element ids get the chart's prefix, so that two charts on one page stay apart.
    """
    text = render(chart, "svg").decode("utf-8")
    text = _NAMESPACES.sub("", _METADATA.sub("", _PROLOGUE.sub("", text)), count=2)
    # Two charts on a page must not share element ids (figure_1, clip paths): prefix them.
    prefix = f"{chart.key}-svg-"
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', text)
    text = re.sub(r'(xlink:href="#|url\(#)([^")]+)', rf"\1{prefix}\2", text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{chart.title}" ', 1)


def write_images(analysis: Analysis, settings: Settings, destination: Path,
                 fmt: str = "png") -> list[tuple[Chart, Path]]:
    """Write each chart beside ``destination`` as ``<stem>-<chart>.<fmt>``."""
    written = []
    for chart in charts(analysis, settings):
        path = destination.with_name(f"{destination.stem}-{chart.key}.{fmt}")
        atomic_write(path, render(chart, fmt))
        written.append((chart, path))
    return written


def markdown_images(images: Sequence[tuple[Chart, Path]]) -> list[str]:
    """Markdown lines showing images that sit beside the report."""
    lines = ["## Charts", ""]
    for chart, path in images:
        alt = chart.title.replace("|", "\\|")
        lines += [f"![{alt}]({quote(path.name)})", "", chart.description, ""]
    return lines if images else []
