"""The feature catalogue joined with an analysis: what the Features screen lists.

One :class:`FeatureRow` per feature (name, category, Better, Worse, importance, stage),
plus filtering and sorting, kept here so the screen only renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kano_tui.engine.project.model import Project

if TYPE_CHECKING:  # analysis needs pandas; the catalogue is listed before it loads
    from kano_tui.engine.analysis.figures import Analysis

# The order categories sort in: what to act on first (as the backlog does).
CATEGORY_ORDER: tuple[str, ...] = ("M", "O", "A", "I", "R", "Q")
SORT_KEYS: tuple[str, ...] = (
    "catalogue",
    "name",
    "category",
    "better",
    "worse",
    "importance",
    "stage",
    "n",
)


@dataclass(frozen=True, kw_only=True)
class FeatureRow:
    id: str
    name: str
    category: str | None = None
    better: float | None = None
    worse: float | None = None
    importance: float | None = None
    n: int = 0
    stage: str = ""  # stage name ("" when unplaced)
    stage_position: int = -1  # the stage's place in the journey, for sorting
    position: int = 0  # place in the catalogue
    description: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    effort: float | None = None


@dataclass(frozen=True)
class RowFigures:
    """What a row shows of a feature's results: plain values (``None``: undefined)."""

    category: str | None
    better: float | None
    worse: float | None
    importance: float | None
    n: int


def row_figures(analysis: Analysis) -> dict[str, RowFigures]:
    """Each feature's :class:`RowFigures` in ``analysis``, by feature id."""
    return {
        r.id: RowFigures(r.category, r.better, r.worse, r.importance_mean, r.n)
        for r in analysis.results()
    }


def feature_rows(
    project: Project,
    analysis: Analysis | None = None,
    *,
    figures: Mapping[str, RowFigures] | None = None,
) -> list[FeatureRow]:
    """Every feature of the catalogue, with its figures when an analysis is given (or
    only its ``figures``: the TUI's first ones, kano_tui.tui.first_figures).

    A feature added after the analysis ran simply has no figures yet.
    """
    results = row_figures(analysis) if analysis is not None else dict(figures or {})
    stages = {stage.id: (i, stage.name) for i, stage in enumerate(project.stages)}
    rows = []
    for position, feature in enumerate(project.features):
        stage_position, stage_name = stages.get(feature.stage, (-1, feature.stage))
        values: dict[str, object] = {}
        result = results.get(feature.id)
        if result is not None:
            values = {
                "category": result.category,
                "better": result.better,
                "worse": result.worse,
                "importance": result.importance,
                "n": result.n,
            }
        rows.append(
            FeatureRow(
                id=feature.id,
                name=feature.name,
                stage=stage_name,
                stage_position=stage_position,
                position=position,
                description=feature.description,
                tags=tuple(feature.tags),
                effort=feature.effort,
                **values,  # type: ignore[arg-type]
            )
        )
    return rows


def filter_rows(rows: list[FeatureRow], text: str) -> list[FeatureRow]:
    """Rows whose name, id, category (letter or name), stage or a tag contains ``text``."""
    wanted = text.strip().lower()
    if not wanted:
        return list(rows)
    from kano_tui.engine.analysis.categories import CATEGORY_NAMES

    def matches(row: FeatureRow) -> bool:
        category = row.category or ""
        haystack = [row.name, row.id, row.stage, *row.tags, CATEGORY_NAMES.get(category, "")]
        if wanted == category.lower():
            return True
        return any(wanted in item.lower() for item in haystack)

    return [row for row in rows if matches(row)]


def sort_rows(rows: list[FeatureRow], key: str, descending: bool = False) -> list[FeatureRow]:
    """Sort by one of :data:`SORT_KEYS`; rows without a value go last either way.

    Figures sort largest first by default (what matters most on top); ``descending``
    flips that, and flips text keys to Z-A.
    """
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}")
    present: list[FeatureRow] = []
    missing: list[FeatureRow] = []

    def value(row: FeatureRow) -> object:
        if key == "catalogue":
            return row.position
        if key == "name":
            return row.name.lower()
        if key == "category":
            return CATEGORY_ORDER.index(row.category) if row.category in CATEGORY_ORDER else None
        if key == "stage":
            return row.stage_position if row.stage_position >= 0 else None
        if key == "worse":  # the strongest dissatisfaction first: most negative
            return None if row.worse is None else -row.worse
        if key == "importance":
            return row.importance
        return getattr(row, key)

    for row in rows:
        (missing if value(row) is None else present).append(row)
    numeric_first = key in ("better", "worse", "importance", "n")
    reverse = numeric_first != descending
    # Python's sort is stable even reversed: ties keep catalogue order.
    present.sort(key=lambda row: row.position)
    present.sort(key=value, reverse=reverse)  # type: ignore[arg-type]
    return present + missing
