"""Running an analysis over a project's responses, and shaping its results.

:func:`run_analysis` turns responses into figures (``analysis``), asks a classifier for
each feature's category, overall or per group (``by`` a segment column or ``wave``).
:func:`analysis_to_json` gives the exact JSON contract of BRIEF.md section 4;
:func:`backlog` the prioritised list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from kano_tui.engine.analysis.evaluation import STANDARD_TABLE, EvaluationTable
from kano_tui.engine.analysis.featureresult import (
    add_extras,
    classify,
    plain,
)
from kano_tui.engine.analysis.figures import (
    CATEGORIES,
    Analysis,
    GroupResult,
    figure_columns,
    importance_histograms,
    joint_histograms,
)
from kano_tui.engine.importing.survey import WAVE
from kano_tui.engine.project.model import Project
from kano_tui.engine.project.storage import AnswerCounts, Responses, integers
from kano_tui.errors import KanoError


def group_codes(responses: Responses, column: str) -> tuple[np.ndarray, list[Any]]:
    """Each respondent's group index for ``column`` (-1 when blank) and the group values,
    in the order of their labels; an empty label is "no value", like a blank cell.

    Read from the Arrow column (dictionary-encoded where it is not already): the values
    respondents have, never a DataFrame."""
    if column not in responses:
        choices = ", ".join(responses.attributes) or "none (import responses first)"
        raise KanoError(
            f"There is no respondent column {column!r} to group by; available: {choices}."
        )
    data = responses.table.column(column)
    if not pa.types.is_dictionary(data.type):
        data = data.dictionary_encode()
    array = data.combine_chunks() if data.num_chunks != 1 else data.chunk(0)
    if len(array) == 0:
        return np.zeros(0, dtype=np.int64), []
    codes = integers(array.indices, -1).astype(np.int64)
    values = array.dictionary.to_pylist()
    present = np.bincount(codes[codes >= 0], minlength=len(values)) > 0
    labels = sorted({str(values[i]) for i in np.flatnonzero(present) if str(values[i]).strip()})
    position = {label: k for k, label in enumerate(labels)}
    first: dict[str, Any] = {}
    remap = np.full(len(values) + 1, -1, dtype=np.int64)  # the last slot maps -1 to -1
    for i in np.flatnonzero(present):
        label = str(values[i])
        if label in position:
            remap[i] = position[label]
            first.setdefault(label, values[i])
    return remap[codes], [first[label] for label in labels]


def _kept_groups(
    groups: np.ndarray, values: list[Any], mask: np.ndarray
) -> tuple[np.ndarray, list[Any]]:
    """``groups`` with the respondents outside ``mask`` in none (-1), and only the groups
    someone kept is in, renumbered in their order."""
    kept = np.where(mask, groups, -1)
    present = np.bincount(kept[kept >= 0], minlength=len(values)) > 0
    remap = np.full(len(values) + 1, -1, dtype=np.int64)  # the last slot maps -1 to -1
    remap[np.flatnonzero(present)] = np.arange(int(present.sum()))
    return remap[kept], [value for value, used in zip(values, present, strict=True) if used]


def run_analysis(
    project: Project,
    responses: Responses,
    classifier: Any,
    *,
    by: str | None = None,
    wave: str | None = None,
    where: dict[str, str] | None = None,
    table: EvaluationTable = STANDARD_TABLE,
    weights: np.ndarray | None = None,
    keep: np.ndarray | None = None,
) -> Analysis:
    """Figures and categories for every feature, overall or per value of ``by``.

    ``wave`` keeps only that wave's respondents; ``where`` keeps respondents whose
    columns equal the given values (a segment filter); ``table`` turns answer pairs into
    categories; ``keep`` (one flag per respondent) leaves out the others (quality
    exclusions). ``weights`` (one per respondent, checked by ``weights.read_weights``)
    weights every figure; ``n`` stays the respondent count and ``n_effective`` is Kish's
    effective sample size.
    """
    feature_ids = project.feature_ids()
    mask = np.ones(len(responses), dtype=bool) if keep is None else np.asarray(keep, bool)
    for column, wanted in {**(where or {}), **({WAVE: wave} if wave else {})}.items():
        mask &= responses.matches(column, wanted)
    everyone = bool(mask.all())
    # One array per feature, read in place from the stored columns (no matrix copies);
    # the respondents left out are in no group (-1), rather than filtered out of a copy.
    functional = [responses.answer_codes(f, "functional") for f in feature_ids]
    dysfunctional = [responses.answer_codes(f, "dysfunctional") for f in feature_ids]
    importance = [responses.answer_codes(f, "importance") for f in feature_ids]
    scale = project.settings.importance_max

    groups: np.ndarray | None
    if by is None:
        groups, values = (None, [None]) if everyone else (np.where(mask, 0, -1), [None])
    else:
        groups, values = group_codes(responses, by)
        if not everyone:
            groups, values = _kept_groups(groups, values, mask)
    n_groups = len(values)
    asked = responses.answered(feature_ids, "importance")
    joint = joint_histograms(functional, dysfunctional, groups, n_groups)
    imp = importance_histograms(
        importance, len(feature_ids), scale, groups, n_groups, answered=asked
    )
    weighted = None
    if weights is not None:  # normalised over the respondents kept; the others count 0
        from kano_tui.engine.analysis.weights import normalised

        w = np.zeros(len(responses), dtype=np.float64)
        w[mask] = normalised(np.asarray(weights, np.float64)[mask])
        weighted = _Weighted(
            joint=joint_histograms(functional, dysfunctional, groups, n_groups, weights=w),
            squares=joint_histograms(functional, dysfunctional, groups, n_groups, weights=w * w)[
                :, :, 1:, 1:
            ].sum(axis=(2, 3)),
            importance=importance_histograms(
                importance, len(feature_ids), scale, groups, n_groups, answered=asked, weights=w
            ),
        )
    return _analysis(project, classifier, joint, imp, values, by=by, table=table, weighted=weighted)


def counted(counts: AnswerCounts, *, by: str | None = None, wave: str | None = None) -> bool:
    """Whether :func:`analysis_of_counts` can make this analysis from ``counts``: of every
    respondent, of one wave, or by wave (not both), for a wave label respondents have."""
    if by is None and wave is None:
        return True
    if counts.waves is None or (by is not None and (by != WAVE or wave is not None)):
        return False
    return wave in counts.waves if wave is not None else bool(counts.waves)


def analysis_of_counts(
    project: Project,
    counts: AnswerCounts,
    classifier: Any,
    *,
    by: str | None = None,
    wave: str | None = None,
    table: EvaluationTable = STANDARD_TABLE,
) -> Analysis:
    """The analysis of every respondent, of one ``wave`` or ``by`` wave, from the counts
    the data files carry (``storage.load_counts``; :func:`counted` says when): the
    figures :func:`run_analysis` makes of the answers themselves, without reading one."""
    if not counted(counts, by=by, wave=wave):
        raise KanoError(f"The stored answer counts do not hold the analysis by {by!r} of {wave!r}.")
    feature_ids = project.feature_ids()
    scale = project.settings.importance_max
    parts = [counts]
    values: list[Any] = [None]
    if counts.waves is not None and wave is not None:
        parts = [counts.waves[wave]]
    elif counts.waves is not None and by is not None:
        values = list(counts.waves)  # the labels, sorted: group_codes' order
        parts = [counts.waves[label] for label in values]
    joint = np.concatenate([part.joint(feature_ids) for part in parts])
    imp = np.concatenate([part.importance_cells(feature_ids, scale) for part in parts])
    return _analysis(project, classifier, joint, imp, values, by=by, table=table)


@dataclass(frozen=True)
class _Weighted:
    """The weighted histograms of a weighted run: sums of weights, of squared weights
    (for Kish's effective n and the SDs), and of weights per importance answer."""

    joint: np.ndarray
    squares: np.ndarray
    importance: np.ndarray


def _analysis(
    project: Project,
    classifier: Any,
    joint: np.ndarray,
    imp: np.ndarray,
    values: list[Any],
    *,
    by: str | None,
    table: EvaluationTable,
    weighted: _Weighted | None = None,
) -> Analysis:
    """Every group's figures and categories from its histograms (``joint``: groups x
    features x 6 x 6 answer pairs; ``imp``: groups x features x importance answers)."""
    from kano_tui.engine.analysis.chisquare import goodness_of_fit
    from kano_tui.engine.analysis.intervals import add_intervals, kish, small_sample_threshold

    feature_ids = project.feature_ids()
    small = small_sample_threshold(project.settings)
    w = weighted
    results = []
    for g, value in enumerate(values):
        figures = figure_columns(joint[g], imp[g], feature_ids, table)
        n_effective = None
        if w is not None:
            from kano_tui.engine.analysis.weights import weighted_sds

            plain = figures
            figures = figure_columns(w.joint[g], w.importance[g], feature_ids, table)
            figures["weight_sum"] = figures["n"]
            figures["n"] = plain["n"]
            figures["importance_n"] = plain["importance_n"]
            sds = weighted_sds(w.joint[g], w.squares[g])
            for sd, values_sd in zip(("functional_sd", "dysfunctional_sd"), sds, strict=True):
                figures[sd] = np.where(plain["n"] > 1, values_sd, np.nan)  # needs two
            for letter in CATEGORIES:
                figures[f"respondents_{letter}"] = plain[letter]
            n_effective = kish(figures["weight_sum"], w.squares[g])
        figures.attrs["group"] = None if by is None else {"by": by, "value": _clean(value)}
        figures.attrs["evaluation_table"] = table.name
        categories, extras = classify(classifier, figures, project.settings)
        figures["category"] = categories
        extra = add_extras(figures, extras)
        add_intervals(figures, n_effective, small)
        scaled = np.stack([figures[k] for k in ("M", "O", "A", "I")], axis=1).astype(np.float64)
        if w is not None:  # test on the effective sample, not on the sum of weights
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = np.where(
                    figures["weight_sum"] > 0, figures["n_effective"] / figures["weight_sum"], 0.0
                )
            scaled = scaled * factor[:, None]
        figures["gof_statistic"], figures["gof_p_value"] = goodness_of_fit(scaled)
        results.append(GroupResult(value=value, columns=figures, extra=extra))
    return Analysis(
        classifier=classifier.name,
        groups=results,
        by=by,
        feature_names={f.id: f.name for f in project.features},
        evaluation_table=table.name,
    )


_clean = plain  # a figure as plain Python (None for NaN): one definition, featureresult's


def feature_records(analysis: Analysis, group: GroupResult) -> list[dict[str, Any]]:
    """One JSON-ready dict per feature of ``group``, keys in the order of the contract
    (:meth:`kano_tui.engine.analysis.featureresult.FeatureResult.to_json`)."""
    return [result.to_json() for result in analysis.results(group)]


def _run_keys(analysis: Analysis) -> dict[str, Any]:
    """Top-level keys of a weighted or quality-filtered run."""
    out: dict[str, Any] = {}
    if analysis.weight:
        out["weight"] = analysis.weight
    if analysis.quality is not None:
        out["quality"] = analysis.quality.as_json()
    return out


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """The ``kano analyze --format json`` object (BRIEF.md section 4)."""
    if analysis.by is None:
        return {
            "classifier": analysis.classifier,
            "evaluation_table": analysis.evaluation_table,
            "features": feature_records(analysis, analysis.groups[0]),
            **_run_keys(analysis),
        }
    return {
        "classifier": analysis.classifier,
        "evaluation_table": analysis.evaluation_table,
        "by": analysis.by,
        "groups": [
            {"value": _clean(group.value), "features": feature_records(analysis, group)}
            for group in analysis.groups
        ],
        **_run_keys(analysis),
    }


# --------------------------------------------------------------------------- backlog

BACKLOG_ORDER: tuple[str, ...] = ("M", "O", "A")
BACKLOG_ACTIONS: dict[str, str] = {
    "M": "fix first: a basic need; its absence dissatisfies",
    "O": "invest: satisfaction grows with performance",
    "A": "delight: a differentiator once basics are met",
    "I": "park: customers do not care either way",
    "R": "flag: customers prefer it absent; reconsider",
    "Q": "flag: contradictory answers; check the question",
}


OPEN_STATUSES: tuple[str, ...] = ("new", "planned", "in-progress")  # still to plan
VALUE_SCALE = 100.0  # value is in points: 100 = every respondent gains or loses by it


@dataclass(frozen=True, kw_only=True)
class BacklogItem:
    rank: int | None  # 1-based among open M, O, A items; None for parked, flagged, closed
    feature: str
    name: str
    category: str | None
    coefficient: float | None  # |worse| for M, (better+|worse|)/2 for O, better for A
    importance_mean: float | None
    score: float | None  # coefficient x importance weight, 0..1
    action: str
    value: float | None = None  # score in points (0..100); None outside M, O, A
    effort: float | None = None  # the feature's effort, as kano.toml gives it
    value_per_effort: float | None = None  # value / effort; None without a positive effort
    status: str = "new"  # new, planned, in-progress, done, dropped
    note: str = ""
    stage: str = ""  # the journey stage's name
    better: float | None = None
    worse: float | None = None
    n: int = 0


def backlog(project: Project, analysis: Analysis) -> list[BacklogItem]:
    """Basic needs first, then performance, then excitement; indifferent parked and
    reverse/questionable flagged last.

    A feature's ``value`` is 100 x coefficient x importance weight, where the coefficient
    is what its category makes matter (|Worse| for must-be: the share dissatisfied by its
    absence; the mean of Better and |Worse| for performance; Better for excitement: the
    share delighted by it) and the weight is the mean stated importance over the scale's
    top (the median of the others when a feature has none; 1 when no feature has any).
    ``value_per_effort`` is value / effort. Within a category, features with a positive
    effort rank by value per effort (the cheap wins first), then those with effort 0
    ahead of them all (free), and those without an effort after them, by value; ties
    by name. Done and dropped features keep their place but get no rank.
    """
    figures = analysis.overall_columns
    better = np.asarray(figures["better"], dtype=float)
    worse = np.abs(np.asarray(figures["worse"], dtype=float))
    importance = np.asarray(figures["importance_mean"], dtype=float)
    category_of = dict(zip(figures.ids, figures["category"], strict=True))
    known = importance[~np.isnan(importance)]
    fallback = float(np.median(known)) if len(known) else float(project.settings.importance_max)
    weight = np.where(np.isnan(importance), fallback, importance) / project.settings.importance_max
    coefficient = {
        "M": worse,
        "O": (better + worse) / 2,
        "A": better,
    }
    features = {f.id: f for f in project.features}
    stages = {s.id: s.name for s in project.stages}
    items: list[BacklogItem] = []
    rank = 0
    positions = {fid: i for i, fid in enumerate(figures.ids)}
    for category in (*BACKLOG_ORDER, "I", "R", "Q", None):
        members: list[str] = [
            fid
            for fid in figures.ids
            if category_of[fid] == category
            or (category is None and not isinstance(category_of[fid], str))
        ]

        def score_of(fid: str, category: str | None = category) -> float:
            if category not in coefficient:
                return math.nan
            return float(coefficient[category][positions[fid]] * weight[positions[fid]])

        def order(fid: str, category: str | None = category) -> tuple[float, ...]:
            feature = features.get(fid)
            effort = feature.effort if feature is not None else None
            score = score_of(fid)
            score = -1.0 if math.isnan(score) else score
            if category not in coefficient:
                return (0.0, 0.0)
            if effort is None:
                return (2.0, -score)
            if effort == 0:
                return (0.0, -score)
            return (1.0, -score / effort)

        members.sort(
            key=lambda fid: (*order(fid), analysis.feature_names.get(fid, str(fid)).lower())
        )
        for fid in members:
            i = positions[fid]
            feature = features.get(fid)
            status = feature.status if feature is not None else "new"
            planned = category in BACKLOG_ORDER
            ranked = planned and status in OPEN_STATUSES
            rank += 1 if ranked else 0
            coef = coefficient[category][i] if planned and category is not None else math.nan
            score = score_of(fid) if planned else math.nan
            value = None if math.isnan(score) else round(VALUE_SCALE * score, 1)
            effort = feature.effort if feature is not None else None
            per_effort = round(value / effort, 2) if value is not None and effort else None
            items.append(
                BacklogItem(
                    rank=rank if ranked else None,
                    feature=fid,
                    name=analysis.feature_names.get(fid, fid),
                    category=category,
                    coefficient=_clean(coef),
                    importance_mean=_clean(importance[i]),
                    score=_clean(score),
                    action=BACKLOG_ACTIONS.get(category or "", "no answers yet"),
                    value=value,
                    effort=effort,
                    value_per_effort=per_effort,
                    status=status,
                    note=feature.note if feature is not None else "",
                    stage=stages.get(feature.stage, "") if feature is not None else "",
                    better=_clean(better[i]),
                    worse=_clean(float(figures["worse"][i])),
                    n=int(figures["n"][i]),
                )
            )
    return items


BACKLOG_JSON_KEYS: tuple[str, ...] = (
    "rank",
    "feature",
    "name",
    "category",
    "value",
    "effort",
    "value_per_effort",
    "status",
    "note",
    "stage",
    "action",
    "coefficient",
    "importance_mean",
    "score",
    "better",
    "worse",
    "n",
)


# `kano backlog --format csv`: the plan's columns, up to the action (the JSON's first keys).
BACKLOG_CSV_COLUMNS: tuple[str, ...] = BACKLOG_JSON_KEYS[: BACKLOG_JSON_KEYS.index("action") + 1]


def backlog_to_json(items: list[BacklogItem]) -> list[dict[str, Any]]:
    """The ``kano backlog --format json`` items (BRIEF.md section 8), keys in that order."""
    return [{key: getattr(item, key) for key in BACKLOG_JSON_KEYS} for item in items]
