"""Value against effort: the backlog drawn as a plan, band by band.

Basic needs first still holds: the view keeps the backlog's bands (must-be, then
performance, then excitement) and, inside each, its order (value per effort). Each open
feature is a row with two bars on fixed scales, its value (0-100 points) and its effort
(0 to the largest effort in the backlog), so that a long value bar beside a short effort
bar is a cheap win at a glance; a feature whose effort is at most its band's median
effort and whose value per effort is at least its band's median is marked a *cheap win*
(★). Pure text, no
Textual: the TUI colours these rows, the reports print them.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from kano_tui.engine.analysis.figures import CATEGORY_NAMES
from kano_tui.engine.analysis.run import BACKLOG_ORDER, BacklogItem

VALUE_BAR = 20  # cells for 0..100 value points
EFFORT_BAR = 10  # cells for 0..the largest effort
CHEAP_WIN = "★"
LEGEND = "★ cheap win: effort ≤ the band's median, value per effort ≥ the band's median"


@dataclass(frozen=True)
class PlanRow:
    band: str  # M, O or A
    rank: int | None
    name: str
    value: float | None
    effort: float | None
    value_per_effort: float | None
    cheap_win: bool
    value_cells: int  # of VALUE_BAR
    effort_cells: int  # of EFFORT_BAR


def plan_rows(items: list[BacklogItem]) -> list[PlanRow]:
    """The ranked (open) must-be, performance and excitement items, in backlog order."""
    ranked = [item for item in items if item.rank is not None and item.category in BACKLOG_ORDER]
    top_effort = max((item.effort for item in ranked if item.effort is not None), default=0.0)
    rows = []
    for band in BACKLOG_ORDER:
        members = [item for item in ranked if item.category == band]
        ratios = [item.value_per_effort for item in members if item.value_per_effort is not None]
        efforts = [item.effort for item in members if item.effort is not None]
        ratio_median = statistics.median(ratios) if ratios else None
        effort_median = statistics.median(efforts) if efforts else None
        for item in members:
            cheap = (
                item.value_per_effort is not None
                and item.effort is not None
                and ratio_median is not None
                and effort_median is not None
                and item.value_per_effort >= ratio_median
                and item.effort <= effort_median
                and len(members) > 1
            )
            value_cells = round(min(max(item.value or 0.0, 0.0), 100.0) / 100 * VALUE_BAR)
            effort_cells = (
                round(item.effort / top_effort * EFFORT_BAR)
                if item.effort is not None and top_effort > 0
                else 0
            )
            rows.append(
                PlanRow(
                    band,
                    item.rank,
                    item.name,
                    item.value,
                    item.effort,
                    item.value_per_effort,
                    cheap,
                    value_cells,
                    effort_cells,
                )
            )
    return rows


def _bar(cells: int, size: int) -> str:
    return "█" * cells + "·" * (size - cells)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def plan_lines(items: list[BacklogItem], name_width: int = 18) -> list[str]:
    """The value-against-effort chart as plain text lines (72 columns at the default
    name width): a heading per band, then ``rank name value-bar value effort-bar effort``."""
    rows = plan_rows(items)
    if not rows:
        return ["(no must-be, performance or excitement feature to plan yet)"]
    lines = [
        f"{'':>3} {'feature':<{name_width}} {'value 0-100':<{VALUE_BAR + 6}} "
        f"{'effort':<{EFFORT_BAR + 6}} v/e"
    ]
    band = None
    for row in rows:
        if row.band != band:
            band = row.band
            lines.append(f"{band} {CATEGORY_NAMES[band]}")
        name = row.name if len(row.name) <= name_width else row.name[: name_width - 1] + "…"
        mark = f" {CHEAP_WIN}" if row.cheap_win else ""
        lines.append(
            f"{row.rank or '':>3} {name:<{name_width}} "
            f"{_bar(row.value_cells, VALUE_BAR)} {_number(row.value):>5} "
            f"{_bar(row.effort_cells, EFFORT_BAR)} {_number(row.effort):>5} "
            f"{_number(row.value_per_effort):>5}{mark}"
        )
    return [*lines, LEGEND]
