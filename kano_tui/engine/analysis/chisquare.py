"""Chi-square tests of Kano category counts, on NumPy alone.

The distributions are computed here rather than by scipy.stats, whose import takes two
to three seconds on a small machine (more than a whole `kano compare`): the chi-square
survival function in closed form (:func:`chi2_survival`, held to scipy.special.chdtrc)
and the hypergeometric probabilities of Fisher's exact test from log factorials
(:func:`fisher_exact_2x2`, held to scipy.stats.fisher_exact). tests/engine/test_compare.py
and test_chi2_survival.py check both against scipy, which the tests import.

- :func:`goodness_of_fit`: per feature, Pearson's chi-square test that the counts of
  M, O, A and I are equal (R and Q left out, 3 degrees of freedom), as the stp25kano R
  package reports beside Fong's test: a significant result says the answers favour some
  categories, not which one (Fong's test says whether the top two differ).
- :func:`homogeneity`: Pearson's chi-square test of homogeneity of the A O M I R Q counts
  of two or more groups, categories empty in every group left out, no continuity
  correction; ``low_expected`` when an expected count is under 5, and Fisher's exact test
  when the table left is 2x2.

Weighted counts are scaled to Kish's effective sample size before testing (each group's
counts times n_eff / sum of weights), so a weight never inflates the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GOF_CATEGORIES: tuple[str, ...] = ("M", "O", "A", "I")
DEFAULT_ALPHA = 0.05


def goodness_of_fit(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Statistic and p-value (3 degrees of freedom) for rows of M O A I counts;
    NaN where a row has no answers."""
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum(axis=1)
    expected = total / counts.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        statistic = np.where(
            total > 0, ((counts - expected[:, None]) ** 2).sum(axis=1) / expected, np.nan
        )
    p_value = np.where(total > 0, chi2_survival(counts.shape[1] - 1, statistic), np.nan)
    return statistic, p_value


def chi2_survival(dof: int, statistic: np.ndarray) -> np.ndarray:
    """P(X >= statistic) for a chi-square X of ``dof`` (a whole number) degrees of freedom.

    The closed form for whole degrees of freedom (Abramowitz & Stegun 26.4.4-5), equal
    to scipy.special.chdtrc (a property test holds it to that): importing scipy.special
    costs more than numpy and pyarrow together, and every `kano analyze` needs this.
    """
    import math

    given = np.asarray(statistic, dtype=np.float64)
    x = np.where(np.isnan(given), 0.0, np.maximum(given, 0.0))
    if dof % 2 == 0:  # e^(-x/2) * sum of (x/2)^i / i! for i < dof/2
        term = np.exp(-x / 2)
        total = term.copy()
        for i in range(1, dof // 2):
            term = term * (x / 2) / i
            total = total + term
    else:  # erfc(sqrt(x/2)) + sqrt(2x/pi) e^(-x/2) * sum of x^i / (1*3*...*(2i+1))
        total = np.vectorize(math.erfc, otypes=[float])(np.sqrt(x / 2))
        term = np.sqrt(2 * x / math.pi) * np.exp(-x / 2)
        for i in range(1, (dof + 1) // 2):
            total = total + term
            term = term * x / (2 * i + 1)
    return np.where(np.isnan(given), np.nan, np.clip(total, 0.0, 1.0))


@dataclass(frozen=True)
class Homogeneity:
    """One homogeneity test of category counts across groups."""

    statistic: float | None
    dof: int
    p_value: float | None
    significant: bool
    low_expected: bool  # some expected count is under 5: read the p-value with care
    categories: tuple[str, ...]  # the categories tested (those not empty everywhere)
    fisher_p_value: float | None = None  # Fisher's exact test, when the table is 2x2

    def as_json(self) -> dict[str, object]:
        return {
            "statistic": self.statistic,
            "dof": self.dof,
            "p_value": self.p_value,
            "significant": self.significant,
            "low_expected": self.low_expected,
            "categories": list(self.categories),
            "fisher_p_value": self.fisher_p_value,
        }


def homogeneity(
    table: np.ndarray, letters: tuple[str, ...], alpha: float = DEFAULT_ALPHA
) -> Homogeneity:
    """Pearson's test on ``table`` (groups x categories, possibly fractional): what
    ``scipy.stats.chi2_contingency(table, correction=False)`` answers."""
    table = np.asarray(table, dtype=np.float64)
    table = table[table.sum(axis=1) > 0]  # a group without answers tells nothing
    keep = table.sum(axis=0) > 0 if len(table) else np.zeros(len(letters), dtype=bool)
    table = table[:, keep]
    kept = tuple(letter for letter, k in zip(letters, keep) if k)
    if table.shape[0] < 2 or table.shape[1] < 2:
        # One group or one category: nothing can differ (the statistic is 0 on 0 dof).
        return Homogeneity(
            0.0 if table.size else None, 0, 1.0 if table.size else None, False, False, kept
        )
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    statistic = float(((table - expected) ** 2 / expected).sum())
    dof = (table.shape[0] - 1) * (table.shape[1] - 1)
    p_value = float(chi2_survival(dof, np.array([statistic]))[0])
    fisher = None
    if table.shape == (2, 2):
        fisher = fisher_exact_2x2(np.rint(table).astype(np.int64))
    return Homogeneity(
        float(statistic),
        int(dof),
        float(p_value),
        bool(p_value < alpha),
        bool((expected < 5).any()),
        kept,
        fisher,
    )


# Tables as likely as the observed one within this relative margin count as as extreme
# (R's fisher.test uses 1e-7 too): the probabilities are computed, not exact.
FISHER_TIES = 1e-7


def _log_factorials(n: int, block: int = 4096) -> np.ndarray:
    """ln k! for k = 0..n: running sums of logs, anchored on math.lgamma every ``block``
    terms so that rounding does not pile up (a relative error of about 1e-9 in a
    probability at millions of respondents, the precision of the logs themselves)."""
    import math

    logs = np.log(np.arange(1, n + 1, dtype=np.float64))
    out = np.empty(n + 1, dtype=np.float64)
    out[0] = 0.0
    for start in range(0, n, block):
        stop = min(start + block, n)
        out[start + 1 : stop + 1] = math.lgamma(start + 1) + np.cumsum(logs[start:stop])
    return out


def fisher_exact_2x2(table: np.ndarray) -> float:
    """The two-sided p-value of Fisher's exact test of a 2x2 table of whole counts: the
    probability, with the margins fixed, of every table at most as likely as this one
    (scipy.stats.fisher_exact's ``pvalue``)."""
    (a, b), (c, d) = (int(v) for v in table[0]), (int(v) for v in table[1])
    row, other, column = a + b, c + d, a + c
    total = row + other
    if 0 in (row, other, column, total - column):
        return 1.0  # a margin of 0: every table is this one
    # The hypergeometric log-probabilities of every value the top-left cell can take with
    # the margins of the table.
    log_factorial = _log_factorials(total)
    cells = np.arange(max(0, column - other), min(column, row) + 1)

    def log_choose(n: int, k: np.ndarray) -> np.ndarray:
        return np.asarray(log_factorial[n] - log_factorial[k] - log_factorial[n - k])

    log_p = log_choose(row, cells) + log_choose(other, column - cells)
    log_p -= log_choose(total, np.array([column]))[0]
    observed = log_p[a - cells[0]]
    extreme = log_p <= observed + np.log1p(FISHER_TIES)
    return float(min(1.0, np.exp(log_p[extreme]).sum()))


def holm(p_values: list[float | None]) -> list[float | None]:
    """Holm's step-down adjustment of a family of p-values (None stays None)."""
    known = [(p, i) for i, p in enumerate(p_values) if p is not None]
    known.sort()
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    m = len(known)
    for rank, (p, i) in enumerate(known):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted


def alpha_setting(settings: object) -> float:
    """``[settings] alpha`` (default 0.05), checked."""
    from kano_tui.errors import KanoError

    value = (getattr(settings, "extra", {}) or {}).get("alpha", DEFAULT_ALPHA)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise KanoError(
            f"kano.toml [settings] alpha = {value!r} must be a number between 0 and 1, e.g. 0.05."
        )
    return float(value)
