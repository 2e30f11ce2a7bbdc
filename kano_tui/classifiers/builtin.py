"""The classifiers of the brief and the built-in evaluation tables, each a plain object
registered like a plugin's.

All of them work on whole columns of the figures (one value per feature), through the
protocol's optional ``classify_columns``: an analysis with a built-in classifier never
imports pandas (docs/startup.md). Their ``classify`` answers the same for a DataFrame.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from kano_tui.engine.analysis.figures import PRIORITY
from kano_tui.engine.project.model import Settings
from kano_tui.plugins.hookspecs import hookimpl

if TYPE_CHECKING:  # pandas is imported when a classifier runs: loading plugins is cheap
    import pandas as pd


Columns = Mapping[str, Any]  # figure name -> one value per feature (FigureColumns)


def _stack(figures: Columns, letters: Sequence[str]) -> np.ndarray:
    """The counts of ``letters``, one row per feature (weighted counts are floats)."""
    return np.stack([np.asarray(figures[k], dtype=np.float64) for k in letters], axis=1)


def _ranked(figures: Columns) -> np.ndarray:
    """Per feature, the letters M O A I R ordered by count, ties in priority order.

    A stable sort on the negated counts keeps the M > O > A > I > R order among ties.
    """
    order = np.argsort(-_stack(figures, PRIORITY), axis=1, kind="stable")
    return np.asarray(PRIORITY)[order]


def _with_undecided(figures: Columns, letters: np.ndarray) -> np.ndarray:
    """No answers -> None; only questionable answers -> Q."""
    result = np.asarray(letters, dtype=object).copy()
    decided = _stack(figures, PRIORITY).sum(axis=1) > 0
    result[~decided & (np.asarray(figures["Q"]) > 0)] = "Q"
    result[np.asarray(figures["n"]) == 0] = None
    return result


class _ByColumns:
    """A classifier written once, on the figures' columns (``classify_columns``, no
    pandas); ``classify`` gives the same letters for the figures as a DataFrame, as the
    protocol's ``classify`` does for every plugin."""

    def classify_columns(self, figures: Columns, settings: Settings) -> np.ndarray:
        raise NotImplementedError

    def classify(self, figures: pd.DataFrame, settings: Settings) -> pd.Series:
        import pandas as pd

        from kano_tui.engine.analysis.figures import FigureColumns

        letters = self.classify_columns(FigureColumns.from_frame(figures), settings)
        return pd.Series(letters, index=figures.index, dtype=object)


@dataclass(frozen=True)
class ModeClassifier(_ByColumns):
    """The most frequent of M, O, A, I, R; exact ties go M > O > A > I > R."""

    name: str = "mode"
    description: str = "Most frequent category (ties: M > O > A > I > R)"

    def classify_columns(self, figures: Columns, settings: Settings) -> np.ndarray:
        return _with_undecided(figures, _ranked(figures)[:, 0])


@dataclass(frozen=True)
class ModeStrengthClassifier(_ByColumns):
    """The mode, but a weak lead (category strength at or below the threshold) goes to
    the more important of the top two, M > O > A > I > R (Lee & Newcomb 1997; Matzler 1996).
    """

    name: str = "mode-strength"
    description: str = "Mode; a lead of at most 6% goes to the more important of the top two"

    def classify_columns(self, figures: Columns, settings: Settings) -> np.ndarray:
        ranked = _ranked(figures)
        first, second = ranked[:, 0], ranked[:, 1]
        rank = {letter: i for i, letter in enumerate(PRIORITY)}
        second_wins = np.vectorize(rank.get)(second) < np.vectorize(rank.get)(first)
        strength = np.asarray(figures["category_strength"], dtype=np.float64)
        weak = strength <= settings.strength_threshold
        letters = np.where(weak & second_wins, second, first)
        return _with_undecided(figures, letters)


@dataclass(frozen=True)
class ContinuousClassifier(_ByColumns):
    """Quadrants of (dysfunctional mean, functional mean) split at 2 (DuMouchel)."""

    name: str = "continuous"
    description: str = "Quadrants of the functional/dysfunctional means, split at 2"

    def classify_columns(self, figures: Columns, settings: Settings) -> np.ndarray:
        split = settings.continuous_split
        f = np.asarray(figures["functional_mean"], dtype=float)
        d = np.asarray(figures["dysfunctional_mean"], dtype=float)
        letters = np.select(
            [(f >= split) & (d < split), (f >= split) & (d >= split), (f < split) & (d >= split)],
            ["A", "O", "M"],
            default="I",
        ).astype(object)
        letters[np.isnan(f) | np.isnan(d)] = None
        return letters


@dataclass(frozen=True)
class BetterWorseClassifier(_ByColumns):
    """Quadrants of Better and |Worse| split at 0.5 (Berger et al. 1993)."""

    name: str = "better-worse"
    description: str = "Quadrants of Better and |Worse|, split at 0.5"

    def classify_columns(self, figures: Columns, settings: Settings) -> np.ndarray:
        split = settings.better_worse_split
        better = np.asarray(figures["better"], dtype=float)
        worse = np.abs(np.asarray(figures["worse"], dtype=float))
        letters = np.select(
            [(better >= split) & (worse >= split), better >= split, worse >= split],
            ["O", "A", "M"],
            default="I",
        ).astype(object)
        letters[np.isnan(better) | np.isnan(worse)] = None
        return letters


@dataclass(frozen=True)
class BergerRuleClassifier(_ByColumns):
    """Berger et al. (1993): when O + A + M > I + R + Q, the largest of M, O, A (ties
    M > O > A); otherwise the largest of I, R, Q (ties I > R > Q)."""

    name: str = "berger-rule"
    description: str = "If O+A+M > I+R+Q the largest of M O A, else of I R Q (Berger 1993)"

    def classify_columns(self, figures: Columns, settings: Settings) -> np.ndarray:
        quality = _stack(figures, ("M", "O", "A")).astype(np.int64)
        other = _stack(figures, ("I", "R", "Q")).astype(np.int64)
        # argmax takes the first of equal counts: the columns are in tie order.
        first = np.asarray(["M", "O", "A"], dtype=object)[quality.argmax(axis=1)]
        second = np.asarray(["I", "R", "Q"], dtype=object)[other.argmax(axis=1)]
        letters = np.asarray(
            np.where(quality.sum(axis=1) > other.sum(axis=1), first, second), dtype=object
        )
        letters[np.asarray(figures["n"]) == 0] = None
        return letters


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
