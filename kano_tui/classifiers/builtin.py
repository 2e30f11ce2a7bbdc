"""The classifiers of the brief and the built-in evaluation tables, each a plain object
registered like a plugin's.

All of them work on whole columns of the figures table (one row per feature).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from kano_tui.engine.analysis.figures import PRIORITY
from kano_tui.engine.project.model import Settings
from kano_tui.plugins.hookspecs import hookimpl

if TYPE_CHECKING:  # pandas is imported when a classifier runs: loading plugins is cheap
    import pandas as pd


def _ranked(figures: pd.DataFrame) -> np.ndarray:
    """Per feature, the letters M O A I R ordered by count, ties in priority order.

    A stable sort on the negated counts keeps the M > O > A > I > R order among ties.
    """
    counts = figures[list(PRIORITY)].to_numpy(dtype=np.float64)  # weighted counts are floats
    order = np.argsort(-counts, axis=1, kind="stable")
    return np.asarray(PRIORITY)[order]


def _series(figures: pd.DataFrame, letters: np.ndarray) -> pd.Series:
    """The categories as a Series of the figures' features."""
    import pandas as pd

    return pd.Series(letters, index=figures.index, dtype=object)


def _with_undecided(figures: pd.DataFrame, letters: np.ndarray) -> pd.Series:
    """No answers -> None; only questionable answers -> Q."""
    result = _series(figures, letters)
    decided = figures[list(PRIORITY)].sum(axis=1) > 0
    result[~decided & (figures["Q"] > 0)] = "Q"
    result[figures["n"] == 0] = None
    return result


@dataclass(frozen=True)
class ModeClassifier:
    """The most frequent of M, O, A, I, R; exact ties go M > O > A > I > R."""

    name: str = "mode"
    description: str = "Most frequent category (ties: M > O > A > I > R)"

    def classify(self, figures: pd.DataFrame, settings: Settings) -> pd.Series:
        return _with_undecided(figures, _ranked(figures)[:, 0])


@dataclass(frozen=True)
class ModeStrengthClassifier:
    """The mode, but a weak lead (category strength at or below the threshold) goes to
    the more important of the top two, M > O > A > I > R (Lee & Newcomb 1997; Matzler 1996).
    """

    name: str = "mode-strength"
    description: str = "Mode; a lead of at most 6% goes to the more important of the top two"

    def classify(self, figures: pd.DataFrame, settings: Settings) -> pd.Series:
        ranked = _ranked(figures)
        first, second = ranked[:, 0], ranked[:, 1]
        rank = {letter: i for i, letter in enumerate(PRIORITY)}
        second_wins = np.vectorize(rank.get)(second) < np.vectorize(rank.get)(first)
        weak = (figures["category_strength"] <= settings.strength_threshold).to_numpy()
        letters = np.where(weak & second_wins, second, first)
        return _with_undecided(figures, letters)


@dataclass(frozen=True)
class ContinuousClassifier:
    """Quadrants of (dysfunctional mean, functional mean) split at 2 (DuMouchel)."""

    name: str = "continuous"
    description: str = "Quadrants of the functional/dysfunctional means, split at 2"

    def classify(self, figures: pd.DataFrame, settings: Settings) -> pd.Series:
        split = settings.continuous_split
        f = figures["functional_mean"].to_numpy(dtype=float)
        d = figures["dysfunctional_mean"].to_numpy(dtype=float)
        letters = np.select(
            [(f >= split) & (d < split), (f >= split) & (d >= split), (f < split) & (d >= split)],
            ["A", "O", "M"],
            default="I",
        ).astype(object)
        letters[np.isnan(f) | np.isnan(d)] = None
        return _series(figures, letters)


@dataclass(frozen=True)
class BetterWorseClassifier:
    """Quadrants of Better and |Worse| split at 0.5 (Berger et al. 1993)."""

    name: str = "better-worse"
    description: str = "Quadrants of Better and |Worse|, split at 0.5"

    def classify(self, figures: pd.DataFrame, settings: Settings) -> pd.Series:
        split = settings.better_worse_split
        better = figures["better"].to_numpy(dtype=float)
        worse = np.abs(figures["worse"].to_numpy(dtype=float))
        letters = np.select(
            [(better >= split) & (worse >= split), better >= split, worse >= split],
            ["O", "A", "M"],
            default="I",
        ).astype(object)
        letters[np.isnan(better) | np.isnan(worse)] = None
        return _series(figures, letters)


@dataclass(frozen=True)
class BergerRuleClassifier:
    """Berger et al. (1993): when O + A + M > I + R + Q, the largest of M, O, A (ties
    M > O > A); otherwise the largest of I, R, Q (ties I > R > Q)."""

    name: str = "berger-rule"
    description: str = "If O+A+M > I+R+Q the largest of M O A, else of I R Q (Berger 1993)"

    def classify(self, figures: pd.DataFrame, settings: Settings) -> pd.Series:
        quality = figures[["M", "O", "A"]].to_numpy(dtype=np.int64)
        other = figures[["I", "R", "Q"]].to_numpy(dtype=np.int64)
        # argmax takes the first of equal counts: the columns are in tie order.
        first = np.asarray(["M", "O", "A"], dtype=object)[quality.argmax(axis=1)]
        second = np.asarray(["I", "R", "Q"], dtype=object)[other.argmax(axis=1)]
        letters = np.where(quality.sum(axis=1) > other.sum(axis=1), first, second)
        result = _series(figures, letters)
        result[(figures["n"] == 0).to_numpy()] = None
        return result


@hookimpl
def register_classifiers(register):  # type: ignore[no-untyped-def]
    register(ModeClassifier())
    register(ModeStrengthClassifier())
    register(ContinuousClassifier())
    register(BetterWorseClassifier())
    register(BergerRuleClassifier())


@hookimpl
def register_evaluation_tables(register):  # type: ignore[no-untyped-def]
    from kano_tui.engine.analysis.evaluation import BUILT_IN_TABLES

    for table in BUILT_IN_TABLES:
        register(table)
