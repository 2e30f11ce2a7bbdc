"""Kano figures, computed from a joint histogram of answers.

For each feature (and each group, when analysing by segment or wave) we count how many
respondents gave each (functional, dysfunctional) answer pair: a 6x6 histogram, index 0
being "unanswered". Every figure of the brief follows from those 36 numbers: the category
counts through an evaluation table (``evaluation``; Berger et al. 1993 by default), ``n``,
Better/Worse, strengths, Fong's significance and the DuMouchel continuous scores. Building the histograms is one
``numpy.bincount`` per feature; nothing loops over respondents.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from kano_tui.engine.analysis.categories import CATEGORIES, CATEGORY_NAMES  # noqa: F401 - re-exported
from kano_tui.engine.analysis.evaluation import STANDARD_TABLE, EvaluationTable

if TYPE_CHECKING:  # imported where a DataFrame is made: browsing respondents needs none
    import pandas as pd

    from kano_tui.engine.analysis.featureresult import FeatureResult
    from kano_tui.engine.analysis.quality import Exclusions

# Tie order of the brief: M > O > A > I > R.
PRIORITY: tuple[str, ...] = ("M", "O", "A", "I", "R")

# The standard table (Berger et al. 1993): functional answer = row, dysfunctional
# answer = column, both in answer order like, expect, neutral, tolerate, dislike.
EVALUATION_TABLE: tuple[str, ...] = STANDARD_TABLE.rows

# DuMouchel's scores (Berger et al. 1993), indexed by answer code (0 = unanswered).
FUNCTIONAL_SCORES = np.array([0.0, 4.0, 2.0, 0.0, -1.0, -2.0])
DYSFUNCTIONAL_SCORES = np.array([0.0, -2.0, -1.0, 0.0, 2.0, 4.0])

# The answer-pair counts among the figures: pair_FD for functional F, dysfunctional D.
PAIRS: dict[str, tuple[int, int]] = {
    f"pair_{f}{d}": (f, d) for f in range(1, 6) for d in range(1, 6)
}

FIGURES: tuple[str, ...] = (
    "n",
    "A",
    "O",
    "M",
    "I",
    "R",
    "Q",
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
    "importance_n",
    *PAIRS,
)


CATEGORY_MASKS = STANDARD_TABLE.masks()  # masks[k]: the answer pairs of category k


def classify_pair(
    functional: str, dysfunctional: str, table: EvaluationTable = STANDARD_TABLE
) -> str:
    """The category of one answer pair (tokens), straight from the evaluation table."""
    from kano_tui.engine.importing.answers import TOKENS  # answers reads wordings with pandas

    return table.rows[TOKENS.index(functional)][TOKENS.index(dysfunctional)]


def _shape(answers: np.ndarray | Sequence[np.ndarray]) -> tuple[int, int]:
    """(respondents, features) of a matrix or of a list of per-feature columns."""
    if isinstance(answers, np.ndarray):
        rows, columns = answers.shape
        return int(rows), int(columns)
    return (len(answers[0]) if len(answers) else 0), len(answers)


def _column(answers: np.ndarray | Sequence[np.ndarray], j: int) -> np.ndarray:
    return answers[:, j] if isinstance(answers, np.ndarray) else answers[j]


def joint_histograms(
    functional: np.ndarray | Sequence[np.ndarray],
    dysfunctional: np.ndarray | Sequence[np.ndarray],
    groups: np.ndarray | None = None,
    n_groups: int = 1,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Histograms of shape (n_groups, n_features, 6, 6).

    ``functional`` and ``dysfunctional`` are (respondents, features) int8 codes 0-5, as
    matrices or as one array per feature (the stored columns, read in place);
    ``groups`` gives each respondent's group index (or -1 to leave it out). With
    ``weights`` (one float per respondent) the cells are sums of weights (float64).
    """
    n_respondents, n_features = _shape(functional)
    dtype = np.int64 if weights is None else np.float64
    out = np.zeros((n_groups, n_features, 36), dtype=dtype)
    if n_respondents == 0:
        return out.reshape(n_groups, n_features, 6, 6)
    if groups is None:
        for j in range(n_features):
            # Pair codes 0-35 fit in int8: computed on one byte per respondent.
            pair = _column(functional, j) * np.int8(6) + _column(dysfunctional, j)
            out[0, j, :] = np.bincount(pair, weights=weights, minlength=36)
        return out.reshape(n_groups, n_features, 6, 6)
    keep = groups >= 0
    everyone = bool(keep.all())
    base = (groups if everyone else groups[keep]).astype(np.intp) * 36
    kept_weights = weights if weights is None or everyone else weights[keep]
    for j in range(n_features):
        f, d = _column(functional, j), _column(dysfunctional, j)  # contiguous
        if not everyone:
            f, d = f[keep], d[keep]
        pair = base + (f * np.int8(6) + d)
        out[:, j, :] = np.bincount(pair, weights=kept_weights, minlength=36 * n_groups).reshape(
            n_groups, 36
        )
    return out.reshape(n_groups, n_features, 6, 6)


def importance_histograms(
    importance: np.ndarray | Sequence[np.ndarray] | None,
    n_features: int,
    scale_max: int,
    groups: np.ndarray | None = None,
    n_groups: int = 1,
    answered: Sequence[bool] | None = None,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Histograms (n_groups, n_features, scale_max + 1) of importance answers (-1 = blank).

    ``answered`` (one flag per feature) skips the features nobody was asked about;
    ``weights`` makes the cells sums of weights (float64)."""
    width = scale_max + 1
    out = np.zeros((n_groups, n_features, width), dtype=np.int64 if weights is None else np.float64)
    if importance is None or _shape(importance)[0] == 0:
        return out
    for j in range(n_features):
        if answered is not None and not answered[j]:
            continue
        column = _column(importance, j)
        if groups is None and column.dtype == np.int8:
            # One pass: every int8 value has its own slot as a byte (blank -1 is 255);
            # the scale's answers are slots 1..scale_max, whatever else is left out.
            counts = np.bincount(column.view(np.uint8), weights=weights, minlength=256)
            out[0, j, 1:] = counts[1:width]
            continue
        valid = (column >= 1) & (column <= scale_max)
        if groups is None:
            out[0, j, :] = np.bincount(
                np.where(valid, column, 0), weights=weights, minlength=width
            )[:width]
            out[0, j, 0] = 0  # blanks were counted in the unused slot 0
            continue
        keep = (groups >= 0) & valid
        index = groups[keep].astype(np.intp) * width + column[keep]
        out[:, j, :] = np.bincount(
            index, weights=None if weights is None else weights[keep], minlength=width * n_groups
        ).reshape(n_groups, width)
    return out


def figures_from_histograms(
    histograms: np.ndarray,
    importance: np.ndarray,
    feature_ids: Sequence[str],
    table: EvaluationTable = STANDARD_TABLE,
) -> pd.DataFrame:
    """Every figure of the brief for one group: a DataFrame indexed by feature id
    (:func:`figure_columns` as pandas)."""
    return figure_columns(histograms, importance, feature_ids, table).to_frame()


def figure_columns(
    histograms: np.ndarray,
    importance: np.ndarray,
    feature_ids: Sequence[str],
    table: EvaluationTable = STANDARD_TABLE,
) -> FigureColumns:
    """Every figure of the brief for one group, one NumPy column per figure.

    ``histograms`` is (n_features, 6, 6); ``importance`` is (n_features, scale_max + 1).
    The category counts, and every figure made of them, follow ``table``; the
    continuous scores are read from the answers themselves. Undefined figures (0/0, an SD
    of fewer than two answers) are NaN. The 25 answer-pair counts are the columns
    ``pair_FD`` (F, D = 1..5: functional answer F with dysfunctional answer D).
    Weighted (float) histograms give weighted counts, kept as floats.
    """
    count_type = np.int64 if np.issubdtype(histograms.dtype, np.integer) else np.float64

    h = histograms.astype(np.float64)
    counts = np.einsum("fij,kij->fk", h, table.masks().astype(np.float64))
    A, O, M, I, R, _Q = counts.T  # noqa: E741 - the letters are the Kano categories
    n = h[:, 1:, 1:].sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        base = A + O + M + I
        better = np.where(base > 0, (A + O) / base, np.nan)
        worse = np.where(base > 0, -(O + M) / base, np.nan) + 0.0  # no -0.0
        total_strength = np.where(n > 0, (A + O + M) / n, np.nan)
        top = np.sort(np.stack([M, O, A, I, R], axis=1), axis=1)
        f1, f2 = top[:, -1], top[:, -2]
        category_strength = np.where(n > 0, (f1 - f2) / n, np.nan)
        threshold = 1.65 * np.sqrt((f1 + f2) * (2 * n - f1 - f2) / (2 * n))
        significant = np.where(n > 0, np.abs(f1 - f2) >= threshold, False)

        answered = h[:, 1:, 1:]  # only respondents who answered both questions
        f_marginal = answered.sum(axis=2)  # (features, 5) over functional answers
        d_marginal = answered.sum(axis=1)
        f_mean, f_sd = _mean_sd(f_marginal, FUNCTIONAL_SCORES[1:], n)
        d_mean, d_sd = _mean_sd(d_marginal, DYSFUNCTIONAL_SCORES[1:], n)

        scale = np.arange(importance.shape[1], dtype=np.float64)
        importance_n = importance.sum(axis=1)
        importance_mean = np.where(
            importance_n > 0, (importance * scale).sum(axis=1) / importance_n, np.nan
        )
    return FigureColumns(
        feature_ids,
        {
            "n": n.astype(count_type),
            **{letter: counts[:, k].astype(count_type) for k, letter in enumerate(CATEGORIES)},
            "better": better,
            "worse": worse,
            "total_strength": total_strength,
            "category_strength": category_strength,
            "significant": significant.astype(bool),
            "functional_mean": f_mean,
            "dysfunctional_mean": d_mean,
            "functional_sd": f_sd,
            "dysfunctional_sd": d_sd,
            "importance_mean": importance_mean,
            "importance_n": importance_n.astype(count_type),
            **{name: histograms[:, f, d].astype(count_type) for name, (f, d) in PAIRS.items()},
        },
    )


def _mean_sd(
    marginal: np.ndarray, scores: np.ndarray, n: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    total = marginal @ scores
    mean = np.where(n > 0, total / n, np.nan)
    squares = marginal @ (scores**2)
    variance = np.where(n > 1, (squares - n * mean**2) / (n - 1), np.nan)
    sd = np.sqrt(np.clip(variance, 0, None))
    return mean, np.where(n > 1, sd, np.nan)


class FigureColumns(MutableMapping[str, "np.ndarray"]):
    """One group's figures as columns: figure name -> one value per feature.

    What an analysis computes and what its tables, JSON and backlog read, without pandas
    (importing it costs more than a small project's whole analysis). ``ids`` are the
    feature ids, in order; each column is a NumPy array of ``len(ids)`` values (a
    classifier's extra columns may be pandas Series on that index). ``attrs`` is what
    ``DataFrame.attrs`` carries to a classifier (``group``, ``evaluation_table``,
    ``options``). :meth:`to_frame` is the same figures as the DataFrame indexed by
    ``feature`` that classifiers and plugins receive (BRIEF.md section 8).
    """

    __slots__ = ("_columns", "attrs", "ids")

    def __init__(
        self,
        ids: Sequence[str],
        columns: Mapping[str, object] | None = None,
        attrs: Mapping[str, object] | None = None,
    ) -> None:
        self.ids: tuple[str, ...] = tuple(str(i) for i in ids)
        self.attrs: dict[str, object] = dict(attrs or {})
        self._columns: dict[str, np.ndarray] = {}
        for name, values in (columns or {}).items():
            self[name] = values

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> FigureColumns:
        """A figures DataFrame (indexed by feature id) as columns."""
        columns = cls(list(frame.index), attrs=frame.attrs)
        for name in frame.columns:
            series = frame[name]
            numpy_dtype = isinstance(series.dtype, np.dtype)
            columns[str(name)] = series.to_numpy() if numpy_dtype else series
        return columns

    def __getitem__(self, name: str) -> np.ndarray:
        return self._columns[name]

    def __setitem__(self, name: str, values: object) -> None:
        if not hasattr(values, "dtype"):
            values = np.asarray(values)
        if len(values) != len(self.ids):  # type: ignore[arg-type]
            raise ValueError(
                f"figure column {name!r} has {len(values)} values for "  # type: ignore[arg-type]
                f"{len(self.ids)} features"
            )
        self._columns[name] = values  # type: ignore[assignment]

    def __delitem__(self, name: str) -> None:
        del self._columns[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def to_frame(self) -> pd.DataFrame:
        """The figures as a DataFrame indexed by feature id (pandas is imported here)."""
        import pandas as pd

        index = pd.Index(list(self.ids), name="feature")
        frame = pd.DataFrame(
            {name: _series(values, index, pd) for name, values in self._columns.items()},
            index=index,
        )
        frame.attrs = dict(self.attrs)
        return frame


def _series(values: object, index: pd.Index, pd: Any) -> pd.Series:
    """A column as a Series on ``index``: object columns (the categories) stay objects,
    with None, rather than becoming pandas' text columns."""
    if isinstance(values, pd.Series):
        return values.set_axis(index)
    dtype = object if isinstance(values, np.ndarray) and values.dtype.kind == "O" else None
    return pd.Series(values, index=index, dtype=dtype)


class GroupResult:
    """The figures and categories of every feature within one group (or overall).

    ``columns`` are the figures as computed (:class:`FigureColumns`, with ``category``);
    ``figures`` is the same as a DataFrame indexed by feature id, made on first use.
    Built from either."""

    def __init__(
        self,
        *,
        value: object,
        figures: pd.DataFrame | None = None,
        columns: FigureColumns | None = None,
        extra: tuple[str, ...] = (),
    ) -> None:
        if (figures is None) == (columns is None):
            raise TypeError("GroupResult takes figures (a DataFrame) or columns")
        self.value = value  # the group's value; None for the overall analysis
        self.extra = extra  # the columns the classifier returned beside its categories
        self._figures = figures
        self._columns = columns

    @property
    def columns(self) -> FigureColumns:
        if self._columns is None:
            assert self._figures is not None
            self._columns = FigureColumns.from_frame(self._figures)
        return self._columns

    @property
    def figures(self) -> pd.DataFrame:
        """FIGURES plus "category" (and what the run added), indexed by feature id."""
        if self._figures is None:
            self._figures = self.columns.to_frame()
        return self._figures

    def __repr__(self) -> str:
        return f"GroupResult(value={self.value!r}, features={len(self.columns.ids)})"


@dataclass(kw_only=True)
class Analysis:
    """The result of one analysis run."""

    classifier: str
    groups: list[GroupResult]
    by: str | None = None
    feature_names: dict[str, str] = field(default_factory=dict)
    evaluation_table: str = STANDARD_TABLE.name
    weight: str | None = None  # the weight column, when the figures are weighted
    quality: Exclusions | None = None  # the exclusions applied, when respondents were left out

    @property
    def overall(self) -> pd.DataFrame:
        """The first group's figures as a DataFrame (imports pandas)."""
        return self.groups[0].figures

    @property
    def overall_columns(self) -> FigureColumns:
        """The first group's figures as columns (no pandas)."""
        return self.groups[0].columns

    def results(self, group: GroupResult | None = None) -> list[FeatureResult]:
        """The typed per-feature results of ``group`` (overall by default), in feature
        order: what screens, tables and exporters draw."""
        from kano_tui.engine.analysis.featureresult import group_results

        return group_results(self, self.groups[0] if group is None else group)
