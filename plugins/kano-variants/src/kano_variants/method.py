"""Kano classification variants computed from the answer-pair counts ``pair_FD``.

Every function works on the figures a classifier receives (one row per feature, the
25 columns ``pair_FD``: respondents whose functional answer was F and dysfunctional
answer D, codes 1 like, 2 expect, 3 neutral, 4 tolerate, 5 dislike), on whole columns.

- :func:`recount`: the A O M I R Q counts under any evaluation table, from the pairs,
  whatever table the analysis used. The *modified* reading (the table the literature
  attributes to Fred Pouliot, kano-tui's ``pouliot``) makes the
  same answer twice questionable (like/like, expect/expect, tolerate/tolerate,
  dislike/dislike), neutral/neutral excepted.
- :func:`mode`: the most frequent of M O A I R, ties M > O > A > I > R (the brief's
  order); None without answers, Q when every answer is questionable.
- :func:`fong_margin`: Fong's (1996) test of the two most frequent categories:
  ``|f1 - f2| >= z * sqrt((f1 + f2)(2n - f1 - f2) / (2n))``; the margin is the left side
  minus the right (>= 0: the leader is significant at that ``z``).

References: Berger, C. et al. (1993), Kano's methods for understanding customer-defined
quality, Center for Quality Management Journal 2(4), 3-36; Fong, D. (1996), Using the
self-stated importance questionnaire to interpret Kano questionnaire results, CQM
Journal 5(3), 21-24; Lee, M. C. & Newcomb, J. F. (1997), Applying the Kano methodology
to meet customer requirements: NASA's microgravity science program, Quality Management
Journal 4(3), 95-106.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PRIORITY: tuple[str, ...] = ("M", "O", "A", "I", "R")
CATEGORIES: tuple[str, ...] = ("A", "O", "M", "I", "R", "Q")
PAIR_COLUMNS: tuple[str, ...] = tuple(f"pair_{f}{d}" for f in range(1, 6) for d in range(1, 6))

STANDARD_ROWS: tuple[str, ...] = ("QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ")
MODIFIED_ROWS: tuple[str, ...] = ("QAAAO", "RQIIM", "RIIIM", "RIIQM", "RRRRQ")


def pairs(figures: pd.DataFrame) -> np.ndarray:
    """The answer-pair counts as an array (features, 5, 5): ``[:, F-1, D-1]``."""
    missing = [c for c in PAIR_COLUMNS if c not in figures.columns]
    if missing:
        raise ValueError(
            f"the figures have no {missing[0]} column: this kano is older "
            "than the answer-pair counts (kano-tui with pair_FD needed)"
        )
    values = figures[list(PAIR_COLUMNS)].to_numpy(dtype=np.float64)
    return values.reshape(len(figures), 5, 5)


def recount(figures: pd.DataFrame, rows: tuple[str, ...]) -> pd.DataFrame:
    """A O M I R Q counts per feature when the pairs are read with table ``rows``."""
    grid = pairs(figures)
    letters = np.array([list(row) for row in rows])
    counts = {letter: (grid * (letters == letter)).sum(axis=(1, 2)) for letter in CATEGORIES}
    return pd.DataFrame(counts, index=figures.index)


def mode(counts: pd.DataFrame) -> pd.Series:
    """The most frequent of M O A I R per feature (ties in that order)."""
    values = counts[list(PRIORITY)].to_numpy(dtype=np.float64)
    order = np.argsort(-values, axis=1, kind="stable")
    letters = np.asarray(PRIORITY)[order[:, 0]] if len(values) else np.array([], dtype=str)
    result = pd.Series(letters, index=counts.index, dtype=object)
    decided = values.sum(axis=1) > 0
    total = counts[list(CATEGORIES)].sum(axis=1).to_numpy()
    result[~decided & (total > 0)] = "Q"
    result[total == 0] = None
    return result


def top_two(counts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per feature: f1 >= f2, the two largest counts among M O A I R, and n."""
    values = np.sort(counts[list(PRIORITY)].to_numpy(dtype=np.float64), axis=1)
    n = counts[list(CATEGORIES)].sum(axis=1).to_numpy(dtype=np.float64)
    return values[:, -1], values[:, -2], n


def fong_margin(counts: pd.DataFrame, z: float) -> pd.Series:
    """``|f1 - f2| - z * sqrt((f1 + f2)(2n - f1 - f2) / (2n))``; NaN without answers."""
    f1, f2, n = top_two(counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = z * np.sqrt((f1 + f2) * (2 * n - f1 - f2) / (2 * n))
        margin = np.where(n > 0, np.abs(f1 - f2) - bound, np.nan)
    return pd.Series(margin, index=counts.index, dtype=np.float64)


def runner_up(counts: pd.DataFrame) -> pd.Series:
    """The second most frequent of M O A I R (ties in priority order)."""
    values = counts[list(PRIORITY)].to_numpy(dtype=np.float64)
    order = np.argsort(-values, axis=1, kind="stable")
    letters = np.asarray(PRIORITY)[order[:, 1]] if len(values) else np.array([], dtype=str)
    return pd.Series(letters, index=counts.index, dtype=object)


def fong(counts: pd.DataFrame, z: float, fallback: str = "none") -> pd.Series:
    """The mode where Fong's test separates it from the runner-up. Otherwise
    ``fallback``: ``"none"`` leaves the feature undecided; ``"priority"`` takes the
    higher of the two in the order M > O > A > I > R (the tie rule of Lee & Newcomb 1997
    for a weak category strength)."""
    leader = mode(counts)
    significant = (fong_margin(counts, z) >= 0).to_numpy()
    if fallback == "priority":
        second = runner_up(counts)
        better = [
            a
            if PRIORITY.index(a) < PRIORITY.index(b)
            else b
            if a in PRIORITY and b in PRIORITY
            else a
            for a, b in zip(leader, second, strict=True)
        ]
        undecided_value = pd.Series(better, index=counts.index, dtype=object)
    else:
        undecided_value = pd.Series([None] * len(counts), index=counts.index, dtype=object)
    keep = significant | leader.isin(["Q"]).to_numpy() | leader.isna().to_numpy()
    return leader.where(keep, undecided_value)


def share(counts: pd.DataFrame) -> pd.Series:
    """f1 / n: the share of respondents in the leading category (NaN without answers)."""
    f1, _, n = top_two(counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.Series(np.where(n > 0, f1 / n, np.nan), index=counts.index)
