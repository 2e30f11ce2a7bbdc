"""Where a Kano plot looks, and what it calls each feature: shared by the TUI and reports.

Real surveys put most features in a narrow band (many indifferent features, Better
between 0.2 and 0.35): on the full 0-1 square they are a knot. :func:`zoom_window` gives
the region the features occupy, on a round grid, taking the quadrant lines in when they
are near; :func:`side_note` says in words where the lines are when they are off the view.
:func:`short_name` shortens long names for labels (the whole name goes in the legend).
Pure functions: no Textual, no matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

# (right of the x split, above the y split) -> category, as on every Kano plot
QUADRANT_OF: dict[tuple[bool, bool], str] = {
    (False, True): "A",
    (True, True): "O",
    (True, False): "M",
    (False, False): "I",
}
FULL_VIEW_SHARE = 0.6  # a window wider than this share of the scale shows the whole scale


@dataclass(frozen=True)
class Window:
    """The x and y ranges a plot shows, within its scale, and where its splits are."""

    x: tuple[float, float]
    y: tuple[float, float]
    scale: tuple[float, float]
    split: float

    @property
    def zoomed(self) -> bool:
        return self.x != self.scale or self.y != self.scale

    @property
    def x_split_shown(self) -> bool:
        return self.x[0] <= self.split <= self.x[1]

    @property
    def y_split_shown(self) -> bool:
        return self.y[0] <= self.split <= self.y[1]

    def quadrants(self) -> list[str]:
        """The categories whose quadrant the window shows part of (A, O, M, I order)."""
        rights = _sides(self.x, self.split)
        tops = _sides(self.y, self.split)
        return [
            letter
            for (right, top), letter in QUADRANT_OF.items()
            if right in rights and top in tops
        ]


def _sides(limits: tuple[float, float], split: float) -> set[bool]:
    """Which sides of the split (True: at or above it) a range shows."""
    sides = set()
    if limits[0] < split:
        sides.add(False)
    if limits[1] >= split:
        sides.add(True)
    return sides


def full_window(scale: tuple[float, float], split: float) -> Window:
    return Window(scale, scale, scale, split)


def _finite(values: Iterable[float | None]) -> list[float]:
    return [v for v in values if v is not None and math.isfinite(v)]


def _axis(
    values: list[float], scale: tuple[float, float], split: float, step: float
) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = max((high - low) * 0.12, step / 2)
    low, high = low - pad, high + pad
    near = max((high - low) / 2, step)  # a split this close is worth showing
    if high < split <= high + near:
        high = split + step / 2
    if low - near <= split < low:
        low = split - step / 2
    low = math.floor(round(low / step, 9)) * step
    high = math.ceil(round(high / step, 9)) * step
    least = 2 * step - 1e-9  # at least two grid steps wide
    if high - low < least:
        high = low + 2 * step
    low, high = max(low, scale[0]), min(high, scale[1])
    if high - low < least:  # pressed against an end of the scale: widen the other way
        if low <= scale[0]:
            high = min(scale[0] + 2 * step, scale[1])
        else:
            low = max(scale[1] - 2 * step, scale[0])
    return round(low, 9), round(high, 9)


def zoom_window(
    xs: Iterable[float | None],
    ys: Iterable[float | None],
    scale: tuple[float, float],
    split: float,
    step: float,
) -> Window:
    """The region the features occupy, padded and on a grid of ``step``, within ``scale``.

    A quadrant line near the features is taken in; one far away stays out (say so with
    :func:`side_note`). When the features spread over most of the scale in both
    directions, the window is the whole scale. Missing and NaN values are left out.
    """
    x_values, y_values = _finite(xs), _finite(ys)
    if not x_values or not y_values:
        return full_window(scale, split)
    x = _axis(x_values, scale, split, step)
    y = _axis(y_values, scale, split, step)
    share = FULL_VIEW_SHARE * (scale[1] - scale[0])
    if x[1] - x[0] >= share and y[1] - y[0] >= share:
        return full_window(scale, split)
    return Window(x, y, scale, split)


def side_note(
    window: Window, x_name: str, y_name: str, names: dict[str, str], compact: bool = False
) -> str:
    """One sentence for a quadrant line off the view: which side every feature is on.

    ``names`` maps a category letter to its quadrant's name ("indifferent"); empty when
    both lines are on the view. ``compact`` for a terminal line: "all: Better < 0.5...".
    """
    parts = []
    for shown, limits, name in (
        (window.y_split_shown, window.y, y_name),
        (window.x_split_shown, window.x, x_name),
    ):
        if not shown:
            below = limits[1] < window.split
            parts.append(
                f"{name} {'<' if below else '>'} {window.split:g}"
                if compact
                else f"{name} {'below' if below else 'above'} {window.split:g}"
            )
    if not parts:
        return ""
    quadrants = window.quadrants()
    if compact:
        return f"all: {', '.join(parts)}: {' or '.join(names[q] for q in quadrants)}"
    where = (
        f"the {names[quadrants[0]]} quadrant"
        if len(quadrants) == 1
        else " or ".join(names[q] for q in quadrants)
    )
    return f"Every feature has {' and '.join(parts)}: {where}."


def short_name(name: str, limit: int = 28) -> str:
    """``name`` in at most ``limit`` characters: a parenthesis dropped first, then words.

    "Walkability and easy access to nearby assets (e.g., shops, restaurants)" becomes
    "Walkability and easy access…". A name that fits is returned as it is.
    """
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    if "(" in name:  # an example in brackets is the first thing a label can do without
        bare = " ".join(name.split("(", 1)[0].split())
        if bare and len(bare) <= limit:
            return bare
        name = bare or name
    cut = name[: limit - 1]
    if name[len(cut)] != " " and " " in cut and cut.rfind(" ") >= limit // 2:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-–") + "…"
