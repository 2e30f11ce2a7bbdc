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


def figures(pairs: list[tuple[str | None, str | None]], importance: list[int | None] = (),
            table: dict[str, str] = TABLE) -> dict:
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
        if n else False,
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
