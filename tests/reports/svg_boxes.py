"""Reading a chart's SVG back: the box of every label and marker, and which ones collide.

The charts give each feature's marker the id ``point-N`` and its label ``label-N`` (with
an optional prefix, as the HTML report adds ``kano-plot-svg-``). :func:`svg_boxes` reads
them from the SVG text alone: a label's box from its ``x``/``y`` anchor, ``text-anchor``
and font size, measured with the font matplotlib lays text out with (DejaVu Sans, which
the SVG names); a marker's box from its position and the charts' marker size.

:func:`collisions` works on boxes from anywhere, so a browser test can hand it the boxes
``getBBox()`` measures in headless Chromium and make the same check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from xml.etree import ElementTree

from kano_tui.exporters.chart_drawing import MARKER_AREA

MARKER_HALF = math.sqrt(MARKER_AREA) / 2  # points: half a marker's side
_ID = re.compile(r"(?:^|-)(point|label)-(\d+)$")


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float  # top, in SVG coordinates (y grows downwards)
    x1: float
    y1: float

    def intersects(self, other: Box) -> bool:
        return min(self.x1, other.x1) > max(self.x0, other.x0) and min(self.y1, other.y1) > max(
            self.y0, other.y0
        )


@dataclass(frozen=True)
class ChartBoxes:
    labels: dict[int, Box]  # feature index -> its label's box
    markers: dict[int, Box]
    texts: dict[int, str]  # feature index -> the label's text


@cache
def _renderer():  # type: ignore[no-untyped-def]
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, 72)  # 72 dpi: one SVG unit (pt) is one pixel


def text_box(text: str, x: float, y: float, size: float, anchor: str) -> Box:
    """The box of ``text`` drawn at (x, y) as SVG does: y the baseline."""
    from matplotlib.font_manager import FontProperties

    width, height, descent = _renderer().get_text_width_height_descent(
        text, FontProperties(family="DejaVu Sans", size=size), ismath=False
    )
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - (height - descent), left + width, y + descent)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _style(element: ElementTree.Element) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in element.get("style", "").split(";") if ":" in part)
    return {key.strip(): value.strip() for key, value in pairs}


def svg_boxes(svg: str) -> ChartBoxes:
    """The label and marker boxes of a chart, by feature index, read from its SVG."""
    if "xlink:" in svg and "xmlns:xlink" not in svg:  # an inline SVG, as HTML holds it
        svg = svg.replace("<svg ", '<svg xmlns:xlink="http://www.w3.org/1999/xlink" ', 1)
    root = ElementTree.fromstring(svg)
    labels: dict[int, Box] = {}
    markers: dict[int, Box] = {}
    texts: dict[int, str] = {}
    for group in root.iter():
        if _local(group.tag) != "g":
            continue
        found = _ID.search(group.get("id", ""))
        if not found:
            continue
        kind, index = found.group(1), int(found.group(2))
        for element in group.iter():
            tag = _local(element.tag)
            if kind == "label" and tag == "text":
                style = _style(element)
                size = float(style.get("font-size", "8px").removesuffix("px"))
                texts[index] = "".join(element.itertext())
                labels[index] = text_box(
                    texts[index],
                    float(element.get("x", 0)),
                    float(element.get("y", 0)),
                    size,
                    style.get("text-anchor", "start"),
                )
            elif kind == "point" and tag == "use":
                x, y = float(element.get("x", 0)), float(element.get("y", 0))
                markers[index] = Box(
                    x - MARKER_HALF, y - MARKER_HALF, x + MARKER_HALF, y + MARKER_HALF
                )
    return ChartBoxes(labels, markers, texts)


def collisions(labels: Mapping[int, Box], markers: Mapping[int, Box]) -> list[str]:
    """Every pair of labels that intersect and every label over a marker, in words."""
    found = []
    items = sorted(labels.items())
    for i, (a, box_a) in enumerate(items):
        for b, box_b in items[i + 1 :]:
            if box_a.intersects(box_b):
                found.append(f"label {a} intersects label {b}")
        for m, marker in markers.items():
            if box_a.intersects(marker):
                found.append(f"label {a} covers marker {m}")
    return found
