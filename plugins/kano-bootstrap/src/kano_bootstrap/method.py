"""Bootstrap confidence for each feature's Kano category, Better and Worse.

Method. Per feature, the ``n`` respondents who answered both questions fall into the
categories A O M I R Q with counts ``c``. The nonparametric bootstrap (Efron 1979;
Efron & Tibshirani 1993) resamples ``n`` respondents with replacement and recomputes the
statistic; as a feature's figures depend on its respondents only through their
categories, resampling respondents is exactly drawing the counts from
``Multinomial(n, c / n)``, which is what we do (``resamples`` times, default 2000, with a
fixed seed so that the same data always gives the same answer). For every resample we
compute:

- the mode category, with the brief's tie order M > O > A > I > R (as the built-in
  ``mode`` classifier); the **support** of the observed category is the share of
  resamples whose mode is that same category;
- Better = (A+O)/(A+O+M+I) and Worse = -(O+M)/(A+O+M+I) (Berger et al. 1993), whose
  2.5th and 97.5th percentiles over the resamples give the **percentile interval** at a
  95% level (Efron & Tibshirani 1993, ch. 13).

A category is *confirmed* when its support reaches the level. This complements Fong's
(1996) test, a normal approximation for the difference of the top two counts only; the
support accounts for every category at once.

References:
- Berger, C. et al. (1993). Kano's methods for understanding customer-defined quality.
  Center for Quality Management Journal 2(4), 3-36.
- Efron, B. (1979). Bootstrap methods: another look at the jackknife. The Annals of
  Statistics 7(1), 1-26.
- Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
- Fong, D. (1996). Using the self-stated importance questionnaire to interpret Kano
  questionnaire results. Center for Quality Management Journal 5(3), 21-24.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from kano_tui.errors import KanoError

if TYPE_CHECKING:  # pandas is imported where it is used (docs/startup.md)
    import pandas as pd

COLUMNS: tuple[str, ...] = ("A", "O", "M", "I", "R", "Q")
PRIORITY: tuple[str, ...] = ("M", "O", "A", "I", "R")  # the brief's tie order
_PRIORITY_COLUMNS = [COLUMNS.index(letter) for letter in PRIORITY]
_Q = len(PRIORITY)  # code of "questionable" in mode codes; -1 is "no answers"
CODE_LETTERS: tuple[str | None, ...] = (*PRIORITY, "Q")

RESULT_COLUMNS: tuple[str, ...] = (
    "n",
    "category",
    "support",
    "confirmed",
    "better",
    "better_low",
    "better_high",
    "worse",
    "worse_low",
    "worse_high",
)


@dataclass(frozen=True)
class BootstrapSettings:
    """How many resamples, at which confidence level, from which seed.

    Read from the project's ``[settings]`` in kano.toml: ``bootstrap_resamples``,
    ``bootstrap_level``, ``bootstrap_seed``.
    """

    resamples: int = 2000
    level: float = 0.95
    seed: int = 0

    @classmethod
    def from_settings(cls, settings: Any) -> BootstrapSettings:
        extra = getattr(settings, "extra", {}) or {}
        resamples = extra.get("bootstrap_resamples", cls.resamples)
        level = extra.get("bootstrap_level", cls.level)
        seed = extra.get("bootstrap_seed", cls.seed)
        if (
            isinstance(resamples, bool)
            or not isinstance(resamples, int)
            or not 100 <= resamples <= 1_000_000
        ):
            raise KanoError(
                f"kano.toml [settings] bootstrap_resamples = {resamples!r} must be "
                "a whole number from 100 to 1000000."
            )
        if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0.5 <= level < 1:
            raise KanoError(
                f"kano.toml [settings] bootstrap_level = {level!r} must be a "
                "number from 0.5 up to (not including) 1, e.g. 0.95."
            )
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise KanoError(
                f"kano.toml [settings] bootstrap_seed = {seed!r} must be a whole number, 0 or more."
            )
        return cls(resamples, float(level), seed)


def mode_codes(counts: np.ndarray) -> np.ndarray:
    """The mode category of every row of counts (last axis A O M I R Q) as a code:
    0-4 = M O A I R (ties in that order), 5 = Q (only questionable answers), -1 = none."""
    ranked = counts[..., _PRIORITY_COLUMNS]
    codes = ranked.argmax(axis=-1)  # argmax keeps the first of equal counts
    decided = ranked.sum(axis=-1) > 0
    questionable = counts[..., COLUMNS.index("Q")] > 0
    return np.where(decided, codes, np.where(questionable, _Q, -1))


def better_worse(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Better and Worse of every row of counts; NaN where A+O+M+I is 0."""
    a, o, m, i = (counts[..., COLUMNS.index(k)].astype(float) for k in "AOMI")
    base = a + o + m + i
    with np.errstate(divide="ignore", invalid="ignore"):
        better = np.where(base > 0, (a + o) / base, np.nan)
        worse = np.where(base > 0, -(o + m) / base, np.nan) + 0.0  # no -0.0
    return better, worse


def resample(counts: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """(resamples, features, 6) category counts drawn from Multinomial(n, counts / n)."""
    n = counts.sum(axis=1)
    p = counts / np.where(n > 0, n, 1)[:, None]
    p[n == 0] = np.eye(len(COLUMNS))[0]  # any valid probabilities: n = 0 draws nothing
    return rng.multinomial(n, p, size=(resamples, len(counts)))


def _interval(samples: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    tail = (1 - level) / 2 * 100
    with warnings.catch_warnings():  # features with no A O M I answers are NaN throughout
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = np.nanpercentile(samples, [tail, 100 - tail], axis=0)
    return low, high


def bootstrap_confidence(figures: pd.DataFrame, settings: BootstrapSettings) -> pd.DataFrame:
    """Per feature (the index of ``figures``): the observed mode category, its bootstrap
    support, whether it is confirmed at ``settings.level``, and percentile intervals of
    Better and Worse (:data:`RESULT_COLUMNS`)."""
    import pandas as pd

    counts = figures[list(COLUMNS)].to_numpy(dtype=np.int64)
    rng = np.random.default_rng(settings.seed)
    samples = resample(counts, settings.resamples, rng)
    observed = mode_codes(counts)
    support = (mode_codes(samples) == observed[None, :]).mean(axis=0)
    support = np.where(observed >= 0, support, np.nan)
    better, worse = better_worse(counts)
    sampled_better, sampled_worse = better_worse(samples)
    better_low, better_high = _interval(sampled_better, settings.level)
    worse_low, worse_high = _interval(sampled_worse, settings.level)
    letters = np.array((*CODE_LETTERS, None), dtype=object)[observed]  # -1 -> None
    return pd.DataFrame(
        {
            "n": counts.sum(axis=1),
            "category": pd.Series(letters, index=figures.index, dtype=object),
            "support": support,
            "confirmed": np.nan_to_num(support, nan=0.0) >= settings.level,
            "better": better,
            "better_low": better_low,
            "better_high": better_high,
            "worse": worse,
            "worse_low": worse_low,
            "worse_high": worse_high,
        },
        index=figures.index,
    )
