"""One feature up close: its answer pairs and its figures per wave and per segment.

What the Analysis screen shows when Enter is pressed on a feature: the 5x5 table of
(functional, dysfunctional) answer pairs with the evaluation table's category of each,
and the feature's n, category, Better and Worse overall, in every wave and in every value
of each segment column (columns with at most ``SEGMENT_LIMIT`` values; a free-text
column is no segment). All of it comes from the engine's analyses; nothing is
recomputed by the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kano_tui.engine.analysis.respondents import (
    AnswerDistribution,
    answer_distribution,
    segment_values,
    select_respondents,
)
from kano_tui.engine.importing.survey import WAVE

if TYPE_CHECKING:
    from kano_tui.engine.analysis.figures import Analysis
    from kano_tui.session.workspace import Workspace

SEGMENT_LIMIT = 12


@dataclass(frozen=True, kw_only=True)
class GroupFigures:
    """A feature's headline figures within one group (``by`` = ``value``)."""

    by: str
    value: str
    n: int
    category: str | None
    better: float | None
    worse: float | None
    significant: bool


@dataclass(frozen=True)
class FeatureDetail:
    feature: str
    name: str
    classifier: str
    distribution: AnswerDistribution
    overall: GroupFigures
    waves: tuple[GroupFigures, ...]
    segments: tuple[GroupFigures, ...]  # in column order, then value order


def _figures(analysis: Analysis, feature_id: str) -> list[GroupFigures]:
    out = []
    for group in analysis.groups:
        result = next((r for r in analysis.results(group) if r.id == feature_id), None)
        if result is None:
            continue
        out.append(
            GroupFigures(
                by=analysis.by or "",
                value="all" if group.value is None else str(group.value),
                n=result.n,
                category=result.category,
                better=result.better,
                worse=result.worse,
                significant=result.significant,
            )
        )
    return out


def feature_detail(
    workspace: Workspace,
    feature_id: str,
    classifier: str | None = None,
    *,
    wave: str | None = None,
    where: dict[str, str] | None = None,
) -> FeatureDetail:
    """Everything the feature-detail view shows, among the respondents of ``wave`` and
    ``where`` (the Analysis screen's filters)."""
    from kano_tui.errors import KanoError

    feature = workspace.project.feature(feature_id)
    if feature is None:
        raise KanoError(f"There is no feature {feature_id!r}.")
    responses = workspace.responses()
    rows = select_respondents(responses, wave=wave, where=where)
    distribution = answer_distribution(responses, feature.id, rows)
    overall = workspace.analyze(classifier, wave=wave, where=where)
    waves: list[GroupFigures] = []
    if WAVE in responses and not wave:
        waves = _figures(workspace.analyze(classifier, by=WAVE, where=where), feature.id)
    segments: list[GroupFigures] = []
    for column in responses.attributes:
        if column == WAVE or column in (where or {}):
            continue
        if len(segment_values(responses, column, limit=SEGMENT_LIMIT + 1)) > SEGMENT_LIMIT:
            continue
        segments += _figures(
            workspace.analyze(classifier, by=column, wave=wave, where=where), feature.id
        )
    return FeatureDetail(
        feature.id,
        feature.name,
        overall.classifier,
        distribution,
        _figures(overall, feature.id)[0],
        tuple(waves),
        tuple(segments),
    )
