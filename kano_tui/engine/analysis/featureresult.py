"""One feature's analysis result, typed: what screens, tables and exporters draw.

The figures of an analysis are columns (``FigureColumns`` in
``kano_tui.engine.analysis.figures``; as a DataFrame for the classifiers and plugins that
work on pandas), one value per feature in each. Everything that *shows* a feature
reads a :class:`FeatureResult` instead: plain Python values, ``None`` where a figure is
undefined (no NaN to test for), the counts by letter, the answer pairs by (F, D), the
intervals when the run made them, and ``extra``: the per-feature columns a classifier
returned beside its categories (a confidence, a score). ``Analysis.results()`` yields
them; :meth:`FeatureResult.to_json` is the ``kano analyze --format json`` record.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from kano_tui.engine.analysis.figures import CATEGORIES, CATEGORY_NAMES, FIGURES, PAIRS
from kano_tui.engine.analysis.intervals import INTERVAL_COLUMNS

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from kano_tui.engine.analysis.figures import Analysis, FigureColumns, GroupResult

# What a run adds to the classifier's figures (intervals, weights, the goodness of fit):
# every other column a classifier returns beside its categories is one of its extras.
RUN_COLUMNS: tuple[str, ...] = (
    "category",
    "weight_sum",
    *INTERVAL_COLUMNS,
    "gof_statistic",
    "gof_p_value",
    *(f"respondents_{letter}" for letter in CATEGORIES),
)
STANDARD_COLUMNS: frozenset[str] = frozenset((*FIGURES, *RUN_COLUMNS))
# The figures of a JSON record after n, counts and category, in the contract's order.
JSON_FIGURES: tuple[str, ...] = (
    "better",
    "worse",
    "total_strength",
    "category_strength",
    "significant",
    "functional_mean",
    "dysfunctional_mean",
    "functional_sd",
    "dysfunctional_sd",
    "importance_mean",
)
GOODNESS_OF_FIT_DOF = 3  # four categories (M, O, A, I) against a uniform spread


def category_name(letter: object) -> str | None:
    """``must-be`` for ``M``...; None when a feature has no category (yet)."""
    return CATEGORY_NAMES.get(letter) if isinstance(letter, str) else None


def category_label(letter: object) -> str:
    """``M must-be``, or ``–`` without a category: how tables name a category."""
    name = category_name(letter)
    return f"{letter} {name}" if name else "–"


def plain(value: Any) -> Any:
    """A figure as plain Python: numpy scalars unwrapped, NaN and pandas' NA as None."""
    import numpy as np

    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def pair_code(functional: Any, dysfunctional: Any) -> Any:
    """The cell of an answer pair (codes 0-5, 0 unanswered) among the 36 of a joint
    histogram, ``functional * 6 + dysfunctional``: for two codes or two code arrays."""
    return functional * 6 + dysfunctional


def extra_text(value: object) -> str:
    """An extra column's cell: numbers with two decimals, yes/no, text as is, ``–``."""
    value = plain(value)
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


@dataclass(frozen=True, kw_only=True)
class Interval:
    """A 95% interval."""

    low: float
    high: float

    def as_list(self) -> list[float]:
        return [self.low, self.high]

    def text(self) -> str:
        return f"{self.low:.2f}..{self.high:.2f}"


@dataclass(frozen=True, kw_only=True)
class Confidence:
    """Intervals, the effective sample and the goodness-of-fit test of one feature."""

    n_effective: float
    small_sample: bool
    better_ci: Interval | None
    worse_ci: Interval | None
    category_support: float | None
    category_support_ci: Interval | None
    gof_statistic: float | None = None
    gof_p_value: float | None = None
    has_goodness_of_fit: bool = False


@dataclass(frozen=True, kw_only=True)
class FeatureResult:
    """Every figure of one feature within one group (or overall), ``None`` where undefined.

    ``counts`` are respondents per category (A O M I R Q); on a weighted run
    ``weighted_counts`` are the sums of weights the figures come from. ``pairs`` maps
    (functional, dysfunctional) answer codes 1..5 to their count.
    """

    id: str
    name: str
    category: str | None
    n: int
    counts: Mapping[str, int]
    better: float | None
    worse: float | None
    total_strength: float | None
    category_strength: float | None
    significant: bool
    functional_mean: float | None
    dysfunctional_mean: float | None
    functional_sd: float | None
    dysfunctional_sd: float | None
    importance_mean: float | None
    importance_n: int
    pairs: Mapping[tuple[int, int], float] = field(default_factory=dict)
    weighted_counts: Mapping[str, float] | None = None
    confidence: Confidence | None = None
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def category_name(self) -> str | None:
        return category_name(self.category)

    @property
    def small_sample(self) -> bool:
        return self.confidence is not None and self.confidence.small_sample

    @property
    def better_ci(self) -> Interval | None:
        return None if self.confidence is None else self.confidence.better_ci

    @property
    def worse_ci(self) -> Interval | None:
        return None if self.confidence is None else self.confidence.worse_ci

    @property
    def abs_worse(self) -> float | None:
        """|Worse|: the Kano plot's x."""
        return None if self.worse is None else abs(self.worse)

    def to_json(self) -> dict[str, Any]:
        """The feature's record of ``kano analyze --format json`` (BRIEF.md section 4),
        keys in the order of the contract; ``extra`` only when the classifier gave any."""
        record: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "n": self.n,
            "counts": dict(self.counts),
            "category": self.category,
        }
        for key in JSON_FIGURES:
            record[key] = getattr(self, key)
        record["category_name"] = self.category_name
        record["importance_n"] = self.importance_n
        if self.weighted_counts is not None:
            record["weighted_counts"] = {k: round(v, 4) for k, v in self.weighted_counts.items()}
        c = self.confidence
        if c is not None:
            record.update(
                {
                    "n_effective": round(c.n_effective, 2),
                    "small_sample": c.small_sample,
                    "better_ci": None if c.better_ci is None else c.better_ci.as_list(),
                    "worse_ci": None if c.worse_ci is None else c.worse_ci.as_list(),
                    "category_support": c.category_support,
                    "category_support_ci": (
                        None if c.category_support_ci is None else c.category_support_ci.as_list()
                    ),
                }
            )
            if c.has_goodness_of_fit:
                record["goodness_of_fit"] = {
                    "statistic": c.gof_statistic,
                    "dof": GOODNESS_OF_FIT_DOF,
                    "p_value": c.gof_p_value,
                }
        if self.extra:
            record["extra"] = dict(self.extra)
        return record


def extra_columns(figures: Mapping[str, Any] | pd.DataFrame) -> tuple[str, ...]:
    """The columns of ``figures`` a classifier added beside the standard figures."""
    return tuple(str(c) for c in figures if c not in STANDARD_COLUMNS)


def _interval(low: Any, high: Any) -> Interval | None:
    low, high = plain(low), plain(high)
    return None if low is None or high is None else Interval(low=low, high=high)


def _confidence(row: Mapping[str, Any]) -> Confidence | None:
    if "n_effective" not in row:
        return None
    has_gof = "gof_statistic" in row
    return Confidence(
        n_effective=float(row["n_effective"]),
        small_sample=bool(row["small_sample"]),
        better_ci=_interval(row["better_low"], row["better_high"]),
        worse_ci=_interval(row["worse_low"], row["worse_high"]),
        category_support=plain(row["support"]),
        category_support_ci=_interval(row["support_low"], row["support_high"]),
        gof_statistic=plain(row["gof_statistic"]) if has_gof else None,
        gof_p_value=plain(row["gof_p_value"]) if has_gof else None,
        has_goodness_of_fit=has_gof,
    )


def feature_results(
    figures: FigureColumns | pd.DataFrame,
    names: Mapping[str, str] | None = None,
    extra: Sequence[str] | None = None,
) -> Iterator[FeatureResult]:
    """One :class:`FeatureResult` per feature of ``figures`` (a group's figures with its
    ``category`` column, as columns or as a DataFrame), in their order. ``extra`` names
    the classifier's own columns (by default every column that is not a standard figure)."""
    from kano_tui.engine.analysis.figures import FigureColumns

    if not isinstance(figures, FigureColumns):
        figures = FigureColumns.from_frame(figures)
    names = names or {}
    extra = extra_columns(figures) if extra is None else tuple(extra)
    weighted = "weight_sum" in figures
    columns = {name: _cells(values) for name, values in figures.items()}
    for i, fid in enumerate(figures.ids):
        row = {name: cells[i] for name, cells in columns.items()}
        category = row.get("category")
        counts = {k: int(row.get(f"respondents_{k}", row[k])) for k in CATEGORIES}
        yield FeatureResult(
            id=fid,
            name=names.get(fid, fid),
            category=category if isinstance(category, str) else None,
            n=int(row["n"]),
            counts=MappingProxyType(counts),
            better=plain(row["better"]),
            worse=plain(row["worse"]),
            total_strength=plain(row["total_strength"]),
            category_strength=plain(row["category_strength"]),
            significant=bool(row["significant"]),
            functional_mean=plain(row["functional_mean"]),
            dysfunctional_mean=plain(row["dysfunctional_mean"]),
            functional_sd=plain(row["functional_sd"]),
            dysfunctional_sd=plain(row["dysfunctional_sd"]),
            importance_mean=plain(row["importance_mean"]),
            importance_n=int(row["importance_n"]),
            pairs=MappingProxyType(
                {pair: plain(row[name]) for name, pair in PAIRS.items() if name in row}
            ),
            weighted_counts=(
                MappingProxyType({k: float(row[k]) for k in CATEGORIES}) if weighted else None
            ),
            confidence=_confidence(row),
            extra=MappingProxyType({key: plain(row[key]) for key in extra}),
        )


def _cells(values: Any) -> list[Any]:
    """A column's values as Python objects (``tolist`` unwraps NumPy scalars at once)."""
    tolist = getattr(values, "tolist", None)
    return tolist() if callable(tolist) else list(values)


def group_results(analysis: Analysis, group: GroupResult) -> list[FeatureResult]:
    """The typed results of one of ``analysis``'s groups."""
    return list(feature_results(group.columns, analysis.feature_names, group.extra))


# ---------------------------------------------------------------- a classifier's extras


def classify(
    classifier: Any, figures: FigureColumns, settings: Any
) -> tuple[np.ndarray, pd.DataFrame | None]:
    """Ask ``classifier`` for each feature's category: (letters or None, one per feature
    in ``figures.ids`` order, as an object array; its extra columns or None).

    A classifier with ``classify_columns`` is handed the columns themselves and answers
    a sequence of letters (no pandas, no DataFrame); any other gets the figures as the
    DataFrame of the protocol and answers a Series, or a DataFrame with ``category``
    and its extras (docs/plugins.md)."""
    import numpy as np

    by_columns = getattr(classifier, "classify_columns", None)
    if callable(by_columns):
        letters = np.empty(len(figures.ids), dtype=object)
        letters[:] = list(by_columns(figures, settings))
        return letters, None
    frame = figures.to_frame()
    categories, extras = split_classification(classifier.classify(frame, settings))
    if hasattr(categories, "reindex"):  # a Series on the features (checked for plugins)
        categories = categories.reindex(frame.index)
    letters = np.empty(len(figures.ids), dtype=object)
    letters[:] = list(categories)
    return letters, extras


def split_classification(result: Any) -> tuple[Any, pd.DataFrame | None]:
    """A classifier's answer as (categories, extra columns or None).

    A classifier returns a Series of categories, or a DataFrame whose ``category``
    column holds them and whose other columns are its extras (docs/plugins.md)."""
    import pandas as pd

    if isinstance(result, pd.DataFrame) and "category" in result.columns:
        return result["category"], result.drop(columns="category")
    return result, None


def extra_problem(extras: pd.DataFrame, index: pd.Index) -> str | None:
    """Why a classifier's extra columns cannot be shown (one clause), or None."""
    import pandas as pd

    for column in extras.columns:
        if not isinstance(column, str) or not column.strip():
            return f"an extra column named {column!r}; name each with text"
        if column in STANDARD_COLUMNS:
            return (
                f"an extra column {column!r}, which is a standard figure; give it a name of its own"
            )
    missing = index.difference(extras.index)
    if len(missing):
        return f"extra columns without a row for feature {missing[0]!r}"
    for column in extras.columns:
        series = extras[column]
        if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)):
            odd = [
                v
                for v in series
                if plain(v) is not None and not isinstance(plain(v), (str, bool, int, float))
            ]
            if odd:
                return (
                    f"{type(odd[0]).__name__} in extra column {column!r}; "
                    "expected numbers, yes/no or text"
                )
    return None


def add_extras(figures: FigureColumns, extras: pd.DataFrame | None) -> tuple[str, ...]:
    """Put a classifier's extra columns into ``figures``; their names."""
    if extras is None or (extras.empty and not len(extras.columns)):
        return ()
    aligned = extras.reindex(list(figures.ids))
    for column in aligned.columns:
        figures[str(column)] = aligned[column]
    return tuple(str(c) for c in aligned.columns)
