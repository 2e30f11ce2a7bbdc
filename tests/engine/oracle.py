"""The brief's definitions written out plainly, one respondent at a time: a test oracle
for the vectorised engine. Deliberately naive; never used by the product."""

from __future__ import annotations

import math
import statistics

TOKENS = ("like", "expect", "neutral", "tolerate", "dislike")
TABLE = {  # Berger et al. (1993), the brief's table
    "like": "QAAAO",
    "expect": "RIIIM",
    "neutral": "RIIIM",
    "tolerate": "RIIIM",
    "dislike": "RRRRQ",
}
# The modified table (BRIEF.md section 8): the same answer twice is Q, neutral/neutral excepted.
POULIOT = {
    "like": "QAAAO",
    "expect": "RQIIM",
    "neutral": "RIIIM",
    "tolerate": "RIIQM",
    "dislike": "RRRRQ",
}
TABLES = {"standard": TABLE, "pouliot": POULIOT}
F_SCORE = {"like": 4, "expect": 2, "neutral": 0, "tolerate": -1, "dislike": -2}
D_SCORE = {"like": -2, "expect": -1, "neutral": 0, "tolerate": 2, "dislike": 4}


def figures(
    pairs: list[tuple[str | None, str | None]],
    importance: list[int | None] = (),
    table: dict[str, str] = TABLE,
) -> dict:
    """Figures for one feature from (functional, dysfunctional) tokens; None = blank;
    ``table`` maps a functional token to its row of five letters."""
    both = [(f, d) for f, d in pairs if f is not None and d is not None]
    n = len(both)
    counts = dict.fromkeys("AOMIRQ", 0)
    for f, d in both:
        counts[table[f][TOKENS.index(d)]] += 1
    A, O, M, I, R = (counts[k] for k in "AOMIR")
    base = A + O + M + I
    ranked = sorted([M, O, A, I, R], reverse=True)
    f1, f2 = ranked[0], ranked[1]
    fs = [F_SCORE[f] for f, _ in both]
    ds = [D_SCORE[d] for _, d in both]
    stated = [i for i in importance if i is not None]
    return {
        "n": n,
        "counts": counts,
        "better": (A + O) / base if base else None,
        "worse": -(O + M) / base if base else None,
        "total_strength": (A + O + M) / n if n else None,
        "category_strength": (f1 - f2) / n if n else None,
        "significant": (abs(f1 - f2) >= 1.65 * math.sqrt((f1 + f2) * (2 * n - f1 - f2) / (2 * n)))
        if n
        else False,
        "functional_mean": statistics.fmean(fs) if fs else None,
        "dysfunctional_mean": statistics.fmean(ds) if ds else None,
        "functional_sd": statistics.stdev(fs) if len(fs) > 1 else None,
        "dysfunctional_sd": statistics.stdev(ds) if len(ds) > 1 else None,
        "importance_mean": statistics.fmean(stated) if stated else None,
    }


def berger_rule(counts: dict[str, int], n: int) -> str | None:
    """Berger et al. (1993): O+A+M > I+R+Q -> the largest of M O A, else of I R Q."""
    if n == 0:
        return None
    if counts["O"] + counts["A"] + counts["M"] > counts["I"] + counts["R"] + counts["Q"]:
        group = "MOA"
    else:
        group = "IRQ"
    return max(group, key=lambda k: (counts[k], -group.index(k)))


def mode(counts: dict[str, int]) -> str | None:
    order = "MOAIR"
    best = max(order, key=lambda k: (counts[k], -order.index(k)))
    if sum(counts[k] for k in order) == 0:
        return "Q" if counts["Q"] else None
    return best


def weighted_figures(
    pairs: list[tuple[str | None, str | None]],
    weights: list[float],
    importance: list[int | None] = (),
) -> dict:
    """The brief's figures with respondent weights, one respondent at a time.

    Weights are first rescaled to a mean of 1 over every respondent given (the engine's
    choice, docs/analysis.md); each respondent then counts as its weight: the category
    counts are sums of weights, the means weighted means, the SDs the unbiased SD for reliability
    weights, sum w (x - mean)^2 / (V1 - V2 / V1), Fong's n the sum of weights. ``n`` stays
    the number of respondents and ``n_effective`` is Kish's (sum w)^2 / sum w^2."""
    scale = len(weights) / sum(weights) if sum(weights) else 1.0
    weights = [w * scale for w in weights]
    both = [(f, d, w) for (f, d), w in zip(pairs, weights) if f is not None and d is not None]
    total = sum(w for _, _, w in both)
    counts = dict.fromkeys("AOMIRQ", 0.0)
    for f, d, w in both:
        counts[TABLE[f][TOKENS.index(d)]] += w
    A, O, M, I, R = (counts[k] for k in "AOMIR")
    base = A + O + M + I
    ranked = sorted([M, O, A, I, R], reverse=True)
    f1, f2 = ranked[0], ranked[1]

    def mean_sd(score: dict, index: int) -> tuple[float | None, float | None]:
        if not both or total <= 0:
            return None, None
        mean = sum(w * score[p[index]] for *p, w in both) / total
        if len(both) < 2:
            return mean, None
        v2 = sum(w * w for *_, w in both)
        denominator = total - v2 / total
        if denominator <= 1e-12 * max(total, 1):  # all weight on one respondent
            return mean, None
        variance = sum(w * (score[p[index]] - mean) ** 2 for *p, w in both) / denominator
        return mean, math.sqrt(max(variance, 0.0))

    f_mean, f_sd = mean_sd(F_SCORE, 0)
    d_mean, d_sd = mean_sd(D_SCORE, 1)
    stated = [(i, w) for i, w in zip(importance, weights) if i is not None]
    stated_total = sum(w for _, w in stated)
    squares = sum(w * w for _, _, w in both)
    return {
        "n": len(both),
        "n_effective": total**2 / squares if squares else 0.0,
        "counts": counts,
        "better": (A + O) / base if base else None,
        "worse": -(O + M) / base if base else None,
        "total_strength": (A + O + M) / total if total else None,
        "category_strength": (f1 - f2) / total if total else None,
        "significant": (
            abs(f1 - f2) >= 1.65 * math.sqrt((f1 + f2) * (2 * total - f1 - f2) / (2 * total))
        )
        if total
        else False,
        "functional_mean": f_mean,
        "dysfunctional_mean": d_mean,
        "functional_sd": f_sd,
        "dysfunctional_sd": d_sd,
        "importance_mean": sum(i * w for i, w in stated) / stated_total if stated_total else None,
    }


def straight_lining(answers: list[tuple[str | None, str | None]], min_features: int = 3) -> bool:
    """One respondent's answers to every feature: the same pair on all it answered."""
    both = [(f, d) for f, d in answers if f is not None and d is not None]
    return len(both) >= min_features and len(set(both)) == 1
