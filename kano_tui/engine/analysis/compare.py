"""Is the change real? Comparing every feature between waves or segments.

:func:`compare` analyses by a column (the wave by default) through ``run_analysis``, so
classifiers, weights, exclusions and evaluation tables apply as everywhere, and then, for
each feature between two groups (``from`` and ``to``: the first and last by default):

- the figures in each group and whether the category changed;
- the change of Better and of Worse with Newcombe's 95% interval (``intervals``);
- Pearson's chi-square test of homogeneity of the A O M I R Q counts (``chisquare``),
  significant below ``alpha`` (``[settings] alpha``, 0.05), with ``low_expected`` and
  Fisher's exact test on a 2x2 table;
- the step along Kano's lifecycle (I -> A -> O -> M) when the change is significant.

With more than two groups every feature also gets the omnibus test over all groups and
the pairwise changes (consecutive waves, or every pair of segments), with Holm-adjusted
p-values. :func:`comparison_to_json` is the contract of BRIEF.md section 8.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from kano_tui.engine.analysis.chisquare import Homogeneity, holm, homogeneity
from kano_tui.engine.analysis.figures import CATEGORIES, Analysis, FigureColumns
from kano_tui.engine.analysis.intervals import newcombe
from kano_tui.engine.analysis.run import _clean, feature_records
from kano_tui.engine.importing.survey import WAVE
from kano_tui.errors import KanoError

LIFECYCLE: tuple[str, ...] = ("I", "A", "O", "M")  # Kano: features wear in this direction


@dataclass(frozen=True, kw_only=True)
class FeatureChange:
    """One feature between two groups."""

    feature: str
    name: str
    before: dict[str, Any]  # the feature's record (feature_records) in the first group
    after: dict[str, Any]
    better_delta: float | None
    better_delta_ci: tuple[float, float] | None
    worse_delta: float | None
    worse_delta_ci: tuple[float, float] | None
    test: Homogeneity

    @property
    def category_changed(self) -> bool:
        return bool(self.before["category"] != self.after["category"])

    @property
    def lifecycle(self) -> str | None:
        """'A -> O' when the category moved forward along I -> A -> O -> M, significantly."""
        a, b = self.before["category"], self.after["category"]
        if (
            self.test.significant
            and a in LIFECYCLE
            and b in LIFECYCLE
            and LIFECYCLE.index(b) > LIFECYCLE.index(a)
        ):
            return f"{a} -> {b}"
        return None

    def as_json(self, *, full: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.feature, "name": self.name}
        if full:
            out["from"] = _side(self.before)
            out["to"] = _side(self.after)
        out.update(
            {
                "category_changed": self.category_changed,
                "better_delta": self.better_delta,
                "better_delta_ci": list(self.better_delta_ci) if self.better_delta_ci else None,
                "worse_delta": self.worse_delta,
                "worse_delta_ci": list(self.worse_delta_ci) if self.worse_delta_ci else None,
                "statistic": self.test.statistic,
                "dof": self.test.dof,
                "p_value": self.test.p_value,
                "significant": self.test.significant,
                "low_expected": self.test.low_expected,
                "fisher_p_value": self.test.fisher_p_value,
                "categories_tested": list(self.test.categories),
                "lifecycle": self.lifecycle,
            }
        )
        return out


@dataclass(frozen=True)
class Pairwise:
    """Every feature's change between one pair of groups (more than two groups)."""

    before: Any
    after: Any
    changes: list[FeatureChange]
    holm: list[float | None]  # per feature, its p-value adjusted over the pairs


@dataclass
class Comparison:
    """The result of ``kano compare``."""

    by: str
    before: Any  # the "from" group's value
    after: Any
    analysis: Analysis  # by ``by``: one group per value
    alpha: float
    changes: list[FeatureChange]
    omnibus: dict[str, Homogeneity] = field(default_factory=dict)  # > 2 groups only
    pairwise: list[Pairwise] = field(default_factory=list)
    evaluation_table: str = "standard"

    @property
    def values(self) -> list[Any]:
        return [group.value for group in self.analysis.groups]

    def trajectories(self) -> dict[str, list[tuple[float | None, float | None, str | None]]]:
        """Per feature, its (|Worse|, Better, category) in each group, in group order: the
        path across waves drawn on the Kano plot."""
        paths: dict[str, list[tuple[float | None, float | None, str | None]]] = {}
        for group in self.analysis.groups:
            for result in self.analysis.results(group):
                paths.setdefault(result.id, []).append(
                    (result.abs_worse, result.better, result.category)
                )
        return paths


def _side(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ("id", "name")}


def _scaled_counts(figures: FigureColumns, j: int) -> np.ndarray:
    """A group's A..Q counts of feature ``j`` on the scale of its effective sample."""
    counts = np.array([figures[k][j] for k in CATEGORIES], dtype=np.float64)
    if "weight_sum" in figures:
        total = float(figures["weight_sum"][j])
        counts = counts * (float(figures["n_effective"][j]) / total) if total else counts
    return counts


def _shares(figures: FigureColumns, j: int) -> tuple[float, float, float]:
    """Better, (O+M)/(A+O+M+I) and the effective size of A+O+M+I of feature ``j``."""
    a, o, m, i = (float(figures[k][j]) for k in "AOMI")
    total = float(sum(float(figures[k][j]) for k in CATEGORIES))
    base = a + o + m + i
    if base <= 0:
        return np.nan, np.nan, 0.0
    return (a + o) / base, (o + m) / base, float(figures["n_effective"][j]) * base / total


def _change(
    analysis: Analysis,
    records: dict[Any, dict[str, dict[str, Any]]],
    first: int,
    second: int,
    feature: str,
    alpha: float,
) -> FeatureChange:
    g1, g2 = analysis.groups[first].columns, analysis.groups[second].columns
    j = g1.ids.index(feature)  # every group holds the same features, in the same order
    b1, d1, n1 = _shares(g1, j)
    b2, d2, n2 = _shares(g2, j)
    better_low, better_high = newcombe(b1, n1, b2, n2)
    dis_low, dis_high = newcombe(d1, n1, d2, n2)
    defined = not (np.isnan(b1) or np.isnan(b2))
    table = np.stack([_scaled_counts(g1, j), _scaled_counts(g2, j)])
    return FeatureChange(
        feature=feature,
        name=analysis.feature_names.get(feature, feature),
        before=records[first][feature],
        after=records[second][feature],
        better_delta=_clean(b2 - b1) if defined else None,
        better_delta_ci=(float(better_low), float(better_high)) if defined else None,
        # Worse is -(O+M)/(A+O+M+I): its change is minus the change of that share.
        worse_delta=_clean(-(d2 - d1) + 0.0) if defined else None,
        worse_delta_ci=(float(-dis_high) + 0.0, float(-dis_low) + 0.0) if defined else None,
        test=homogeneity(table, CATEGORIES, alpha),
    )


def _index_of(values: list[Any], wanted: str | None, default: int, by: str, flag: str) -> int:
    if wanted is None:
        return default
    labels = [str(v) for v in values]
    if wanted not in labels:
        raise KanoError(
            f"{flag} {wanted!r} is not a value of {by!r}; values: {', '.join(labels) or 'none'}."
        )
    return labels.index(wanted)


def default_by(responses: Any) -> str:
    """The wave when there are two or more; otherwise the user must say."""
    if len(responses.waves()) >= 2:
        return WAVE
    raise KanoError(
        "The responses have fewer than two waves; choose a column to compare "
        f"with --by COLUMN (available: {', '.join(responses.attributes) or 'none'})."
    )


def compare(
    analysis: Analysis,
    *,
    from_value: str | None = None,
    to_value: str | None = None,
    alpha: float = 0.05,
    evaluation_table: str = "standard",
) -> Comparison:
    """Compare the groups of ``analysis`` (a ``run_analysis`` by a column)."""
    by = analysis.by or WAVE
    values = [group.value for group in analysis.groups]
    if len(values) < 2:
        raise KanoError(
            f"Comparing needs two or more values of {by!r}; the respondents "
            f"have {len(values)}{': ' + str(values[0]) if values else ''}."
        )
    first = _index_of(values, from_value, 0, by, "--from")
    second = _index_of(values, to_value, len(values) - 1, by, "--to")
    if first == second:
        raise KanoError(
            f"--from and --to are both {str(values[first])!r}; choose two "
            f"different values of {by!r}."
        )
    records = {
        g: {r["id"]: r for r in feature_records(analysis, group)}
        for g, group in enumerate(analysis.groups)
    }
    features = list(analysis.groups[0].columns.ids)
    changes = [_change(analysis, records, first, second, f, alpha) for f in features]
    result = Comparison(
        by,
        values[first],
        values[second],
        analysis,
        alpha,
        changes,
        evaluation_table=evaluation_table,
    )
    if len(values) > 2:
        for j, feature in enumerate(features):
            table = np.stack([_scaled_counts(g.columns, j) for g in analysis.groups])
            result.omnibus[feature] = homogeneity(table, CATEGORIES, alpha)
        pairs = (
            list(zip(range(len(values) - 1), range(1, len(values))))
            if by == WAVE
            else list(combinations(range(len(values)), 2))
        )
        per_pair = [
            [_change(analysis, records, a, b, f, alpha) for f in features] for a, b in pairs
        ]
        adjusted = [
            holm([per_pair[p][j].test.p_value for p in range(len(pairs))])
            for j in range(len(features))
        ]
        for p, (a, b) in enumerate(pairs):
            result.pairwise.append(
                Pairwise(
                    values[a],
                    values[b],
                    per_pair[p],
                    [adjusted[j][p] for j in range(len(features))],
                )
            )
    return result


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """The ``kano compare --format json`` object (BRIEF.md section 8)."""
    analysis = comparison.analysis
    groups = []
    for group in analysis.groups:
        n = group.columns["n"]
        groups.append(
            {
                "value": _clean(group.value),
                "respondents_answered": int(n.max()) if len(n) else 0,
                "small_sample": bool(group.columns["small_sample"].any())
                if "small_sample" in group.columns
                else False,
            }
        )
    features = []
    for change in comparison.changes:
        record = change.as_json()
        if comparison.omnibus:
            record["omnibus"] = comparison.omnibus[change.feature].as_json()
        features.append(record)
    out: dict[str, Any] = {
        "by": comparison.by,
        "from": _clean(comparison.before),
        "to": _clean(comparison.after),
        "evaluation_table": comparison.evaluation_table,
        "classifier": analysis.classifier,
        "alpha": comparison.alpha,
        "groups": groups,
        "features": features,
    }
    if comparison.pairwise:
        out["pairwise"] = [
            {
                "from": _clean(pair.before),
                "to": _clean(pair.after),
                "features": [
                    {**change.as_json(full=False), "p_value_holm": adjusted}
                    for change, adjusted in zip(pair.changes, pair.holm)
                ],
            }
            for pair in comparison.pairwise
        ]
    if analysis.weight:
        out["weight"] = analysis.weight
    if analysis.quality is not None:
        out["quality"] = analysis.quality.as_json()
    return out


def comparison_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One flat row per feature, for CSV."""
    rows = []
    for change in comparison.changes:
        record = change.as_json()
        row: dict[str, Any] = {
            "feature": change.feature,
            "name": change.name,
            "from": comparison.before,
            "to": comparison.after,
        }
        for side in ("from", "to"):
            figures = record[side]
            row[f"{side}_n"] = figures["n"]
            row[f"{side}_category"] = figures["category"]
            row[f"{side}_better"] = figures["better"]
            row[f"{side}_worse"] = figures["worse"]
            for letter in CATEGORIES:
                row[f"{side}_{letter}"] = figures["counts"][letter]
        for key in ("better_delta", "worse_delta"):
            row[key] = record[key]
            ci = record[f"{key}_ci"]
            row[f"{key}_low"], row[f"{key}_high"] = ci if ci else (None, None)
        for key in (
            "category_changed",
            "statistic",
            "dof",
            "p_value",
            "significant",
            "low_expected",
            "fisher_p_value",
            "lifecycle",
        ):
            row[key] = record[key]
        rows.append(row)
    return rows


COMPARE_CSV_COLUMNS: tuple[str, ...] = (
    "feature",
    "name",
    "from",
    "to",
    *(
        f"{side}_{key}"
        for side in ("from", "to")
        for key in ("n", "category", "better", "worse", *CATEGORIES)
    ),
    "better_delta",
    "better_delta_low",
    "better_delta_high",
    "worse_delta",
    "worse_delta_low",
    "worse_delta_high",
    "category_changed",
    "statistic",
    "dof",
    "p_value",
    "significant",
    "low_expected",
    "fisher_p_value",
    "lifecycle",
)
