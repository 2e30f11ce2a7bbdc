"""95% intervals for Better, Worse and category support, and for their changes.

Method (docs/analysis.md, "Confidence"). Better, |Worse| and a category's support are
proportions: (A+O), (O+M) out of A+O+M+I, and the chosen category's count out of ``n``.
Each gets the Wilson score interval (Wilson 1927), which has closed form, stays inside
[0, 1], and keeps close to its nominal coverage down to small samples, where the normal
(Wald) interval collapses at 0 and 1 (Brown, Cai & DasGupta 2001). A change between two
independent groups gets Newcombe's (1998, method 10) hybrid score interval, built from
the two Wilson intervals. With weights, every proportion is the weighted one and the
sample size is Kish's effective size, n_eff = (sum w)^2 / sum w^2, of the respondents the
proportion counts (a first-order design-effect correction).

The bootstrap plugin (plugins/kano-bootstrap) gives percentile intervals by resampling;
these closed-form ones are what the core shows everywhere, in milliseconds, without a
seed.

References: Wilson, E. B. (1927) JASA 22, 209-212. Newcombe, R. G. (1998) Statistics in
Medicine 17, 873-890. Brown, L. D., Cai, T. T. & DasGupta, A. (2001) Statistical
Science 16, 101-133. Kish, L. (1965) Survey Sampling. Wiley.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from numpy.typing import ArrayLike

Z95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval
DEFAULT_SMALL_SAMPLE = 30  # [settings] small_sample: groups under this n are flagged
INTERVAL_COLUMNS: tuple[str, ...] = (
    "n_effective",
    "better_low",
    "better_high",
    "worse_low",
    "worse_high",
    "support",
    "support_low",
    "support_high",
    "small_sample",
)


def wilson(p: ArrayLike, n: ArrayLike, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of proportions ``p`` out of (effective) sizes ``n``; NaN
    where ``n`` is 0 or ``p`` is undefined."""
    p = np.asarray(p, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        z2n = z * z / n
        centre = (p + z2n / 2) / (1 + z2n)
        half = z / (1 + z2n) * np.sqrt(p * (1 - p) / n + z2n / (4 * n))
        ok = (n > 0) & ~np.isnan(p)
        low = np.where(ok, np.clip(centre - half, 0.0, 1.0), np.nan)
        high = np.where(ok, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high


def newcombe(
    p1: ArrayLike, n1: ArrayLike, p2: ArrayLike, n2: ArrayLike, z: float = Z95
) -> tuple[np.ndarray, np.ndarray]:
    """Newcombe's hybrid score interval of ``p2 - p1`` (two independent samples)."""
    p1, p2 = np.asarray(p1, dtype=np.float64), np.asarray(p2, dtype=np.float64)
    l1, u1 = wilson(p1, n1, z)
    l2, u2 = wilson(p2, n2, z)
    delta = p2 - p1
    low = delta - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = delta + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return low, high


def kish(weight_sum: np.ndarray, square_sum: np.ndarray) -> np.ndarray:
    """Kish's effective sample size (sum w)^2 / sum w^2 (0 where nobody counts)."""
    weight_sum = np.asarray(weight_sum, dtype=np.float64)
    square_sum = np.asarray(square_sum, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(square_sum > 0, weight_sum**2 / square_sum, 0.0)


def add_intervals(
    figures: MutableMapping[str, Any],
    n_effective: np.ndarray | None = None,
    small_sample: int = DEFAULT_SMALL_SAMPLE,
) -> None:
    """Add :data:`INTERVAL_COLUMNS` to a group's classified figures, in place.

    ``figures`` (columns by name: ``FigureColumns`` or a DataFrame) holds (possibly
    weighted) counts A..Q, ``weight_sum`` when weighted, the respondent count ``n`` and
    ``category``; ``n_effective`` defaults to ``n``."""
    letters = ("A", "O", "M", "I", "R", "Q")
    counts = np.stack([np.asarray(figures[k], dtype=np.float64) for k in letters], axis=1)
    A, O, M, I = counts[:, 0], counts[:, 1], counts[:, 2], counts[:, 3]  # noqa: E741
    total = counts.sum(axis=1)
    n = np.asarray(figures["n"], dtype=np.float64)
    n_eff = n if n_effective is None else np.asarray(n_effective, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        base = A + O + M + I
        # The share of the effective sample that Better and Worse count (A+O+M+I of n).
        base_eff = np.where(total > 0, n_eff * base / total, 0.0)
        better = np.where(base > 0, (A + O) / base, np.nan)
        dissatisfied = np.where(base > 0, (O + M) / base, np.nan)
        categories = list(figures["category"])
        chosen = np.array(
            [
                counts[i, letters.index(c)] if isinstance(c, str) and c in letters else np.nan
                for i, c in enumerate(categories)
            ],
            dtype=np.float64,
        )
        support = np.where(total > 0, chosen / total, np.nan)
    better_low, better_high = wilson(better, base_eff)
    worse_low, worse_high = wilson(dissatisfied, base_eff)
    support_low, support_high = wilson(support, n_eff)
    figures["n_effective"] = n_eff
    figures["better_low"], figures["better_high"] = better_low, better_high
    # Worse is negative: its interval is the negated interval of (O+M)/(A+O+M+I).
    figures["worse_low"], figures["worse_high"] = -worse_high + 0.0, -worse_low + 0.0
    figures["support"] = support
    figures["support_low"], figures["support_high"] = support_low, support_high
    figures["small_sample"] = np.asarray(figures["n"]) < small_sample


def small_sample_threshold(settings: object) -> int:
    """``[settings] small_sample`` (default 30), checked."""
    from kano_tui.errors import KanoError

    value = (getattr(settings, "extra", {}) or {}).get("small_sample", DEFAULT_SMALL_SAMPLE)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise KanoError(
            f"kano.toml [settings] small_sample = {value!r} must be a whole "
            "number, 0 or more (groups under it are flagged as small)."
        )
    return value
