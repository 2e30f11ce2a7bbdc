"""The reports' charts, drawn with matplotlib: the Kano plot and the continuous plot.

- Kano plot: each feature at (|Worse|, Better), the Better-Worse coefficients of Berger
  et al. (1993), split at ``settings.better_worse_split`` into performance (top right),
  excitement (top left), must-be (bottom right) and indifferent (bottom left).
- Continuous plot: each feature at (dysfunctional mean, functional mean), DuMouchel's
  scores, split at ``settings.continuous_split`` into the same four quadrants.

Each chart shows the region its features occupy, with the full scale beside it when that
region is smaller (:mod:`kano_tui.exporters.chart_drawing` draws them). Long names are
shortened on the chart; :func:`chart_key` lists every feature with its whole name (and
its number, when the chart numbers its points), and the SVG gives each marker its name
as a ``<title>`` tooltip.

matplotlib is imported on first use (it costs a good part of a second) and drawn through
the Agg canvas on a bare :class:`~matplotlib.figure.Figure`: no pyplot, no display, no
global backend switch, so the TUI's export worker thread can draw while the app runs.
User text reaches a chart only as text: math text is off (a feature called ``$x$`` stays
``$x$``) and SVG text is written as escaped XML text (``svg.fonttype: none``), which keeps
the SVG small and searchable. Output is reproducible: no date, a fixed id salt.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kano_tui.engine.analysis.figures import CATEGORY_NAMES, Analysis
from kano_tui.engine.analysis.plotview import Window, zoom_window
from kano_tui.engine.project.model import Settings
from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.exporters.chart_drawing import SIZE, STYLE, Drawn, draw

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "kano-tui",
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 9,
}
__all__ = [
    "SIZE",
    "STYLE",
    "Chart",
    "Point",
    "Rendered",
    "chart_key",
    "charts",
    "draw",
    "inline_svg",
    "needs_key",
    "render",
    "render_chart",
]


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
    limits: tuple[float, float]  # the scale: the full view
    x_label: str
    y_label: str
    x_name: str = "x"  # short axis names, for the note on the quadrant lines
    y_name: str = "y"
    step: float = 0.05  # the grid the zoomed view snaps to

    @cached_property
    def window(self) -> Window:
        """The region the main axes show: around the features, or the whole scale."""
        return zoom_window(
            (p.x for p in self.points),
            (p.y for p in self.points),
            self.limits,
            self.split,
            self.step,
        )


def charts(analysis: Analysis, settings: Settings) -> list[Chart]:
    """The report's charts for an analysis (those with at least one feature to show)."""
    kano: list[Point] = []
    continuous: list[Point] = []
    for result in analysis.results():
        category = result.category or ""
        if result.better is not None and result.abs_worse is not None:
            kano.append(Point(result.name, result.abs_worse, result.better, category))
        if result.functional_mean is not None and result.dysfunctional_mean is not None:
            continuous.append(
                Point(result.name, result.dysfunctional_mean, result.functional_mean, category)
            )
    out = []
    if kano:
        out.append(
            Chart(
                "kano-plot",
                "Kano plot: Better against |Worse|",
                "Each feature at its dissatisfaction coefficient |Worse| (across) and its "
                "satisfaction coefficient Better (up).",
                tuple(kano),
                settings.better_worse_split,
                (0.0, 1.0),
                "|Worse|: dissatisfaction when absent",
                "Better: satisfaction when present",
                "|Worse|",
                "Better",
                0.05,
            )
        )
    if continuous:
        out.append(
            Chart(
                "continuous-plot",
                "Continuous plot: functional against dysfunctional means",
                "Each feature at the mean of its dysfunctional answers (across) and of its "
                "functional answers (up), scored -2 to 4 (DuMouchel).",
                tuple(continuous),
                settings.continuous_split,
                (-2.0, 4.0),
                "Dysfunctional mean (how bad its absence is)",
                "Functional mean (how good its presence is)",
                "the dysfunctional mean",
                "the functional mean",
                0.25,
            )
        )
    return out


@dataclass(frozen=True)
class Rendered:
    """A chart's image and what its drawing decided (numbers, shortened names, a note)."""

    data: bytes
    drawn: Drawn


@dataclass(frozen=True)
class KeyRow:
    """One line of the list beside a chart: a feature, its marker's label, its figures."""

    label: str  # the number or short name on the chart; "" when none fitted
    name: str  # the whole name
    category: str
    x: float
    y: float


def needs_key(drawn: Drawn) -> bool:
    """Whether the chart alone does not name every feature in full (numbers, shortened
    names, a label left out): then the list beside it is needed to read it."""
    return drawn.numbered or drawn.shortened or None in drawn.labels


def chart_key(chart: Chart, drawn: Drawn) -> list[KeyRow]:
    """The list beside a chart: every feature, the label it has on the chart, its whole
    name and its figures (the HTML report always shows it; Markdown when needed)."""
    return [
        KeyRow(label or "", point.label, point.category, point.x, point.y)
        for point, label in zip(chart.points, drawn.labels)
    ]


def render_chart(chart: Chart, fmt: str = "svg", dpi: int = 150) -> Rendered:
    """The chart as SVG or PNG bytes, reproducibly (no timestamp), with its decisions."""
    from matplotlib import rc_context

    with rc_context(RC):
        figure, drawn = draw(chart)
        buffer = io.BytesIO()
        metadata: Mapping[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return Rendered(buffer.getvalue(), drawn)


def render(chart: Chart, fmt: str = "svg", dpi: int = 150) -> bytes:
    """The chart as SVG or PNG bytes, reproducibly (no timestamp)."""
    return render_chart(chart, fmt, dpi).data


def _tooltip(chart: Chart, index: int) -> str:
    point = chart.points[index]
    category = CATEGORY_NAMES.get(point.category, "undecided")
    return (
        f"{point.label}: {category} ({point.category or '–'}), "
        f"{chart.x_name} {point.x:.2f}, {chart.y_name} {point.y:.2f}"
    )


def with_tooltips(svg: str, chart: Chart) -> str:
    """Each marker's and label's group in the SVG gets its feature as a ``<title>``."""
    from xml.sax.saxutils import escape  # imports urllib.request: only for a chart

    def add(match: re.Match[str]) -> str:
        title = escape(_tooltip(chart, int(match.group(2))))
        return f"{match.group(0)}\n   <title>{title}</title>"

    return re.sub(r'<g id="(point|label)-(\d+)"[^>]*>', add, svg)


_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_NAMESPACES = re.compile(r'\s+xmlns(?::xlink)?="[^"]*"')


def inline_svg(chart: Chart, rendered: Rendered | None = None) -> str:
    """The chart as an ``<svg>`` element for an HTML page.

    The XML prologue, the RDF metadata and the namespace declarations go: an HTML parser
    puts ``<svg>`` in its namespace itself, and the page then names no address at all.
    Element ids get the chart's prefix, so that two charts on one page stay apart.
    """
    rendered = rendered or render_chart(chart, "svg")
    text = with_tooltips(rendered.data.decode("utf-8"), chart)
    text = _NAMESPACES.sub("", _METADATA.sub("", _PROLOGUE.sub("", text)), count=2)
    # Two charts on a page must not share element ids (figure_1, clip paths): prefix them.
    prefix = f"{chart.key}-svg-"
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', text)
    text = re.sub(r'(xlink:href="#|url\(#)([^")]+)', rf"\1{prefix}\2", text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{chart.title}" ', 1)


def write_images(
    analysis: Analysis, settings: Settings, destination: Path, fmt: str = "png"
) -> list[tuple[Chart, Path, Rendered]]:
    """Write each chart beside ``destination`` as ``<stem>-<chart>.<fmt>``."""
    written = []
    for chart in charts(analysis, settings):
        path = destination.with_name(f"{destination.stem}-{chart.key}.{fmt}")
        rendered = render_chart(chart, fmt)
        atomic_write(path, rendered.data)
        written.append((chart, path, rendered))
    return written


def markdown_images(images: Sequence[tuple[Chart, Path, Rendered]]) -> list[str]:
    """Markdown lines showing images that sit beside the report, each with its list."""
    from kano_tui.exporters.markdown import md_text

    lines = ["## Charts", ""]
    for chart, path, rendered in images:
        alt = chart.title.replace("|", "\\|")
        lines += [f"![{alt}]({quote(path.name)})", "", chart.description, ""]
        if rendered.drawn.note:
            lines += [rendered.drawn.note, ""]
        rows = chart_key(chart, rendered.drawn) if needs_key(rendered.drawn) else []
        for row in rows:
            label = f"**{md_text(row.label)}** " if rendered.drawn.numbered and row.label else ""
            lines.append(
                f"- {label}{md_text(row.name)}: {row.category or '–'}, "
                f"{chart.x_name} {row.x:.2f}, {chart.y_name} {row.y:.2f}"
            )
        if rows:
            lines.append("")
    return lines if images else []
