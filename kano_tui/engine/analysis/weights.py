"""Respondent weights: reading a weight column, checking it, and which column to use.

A weight column is a respondent attribute (``weight = COLUMN`` under ``[settings]`` in
kano.toml, or ``--weight COLUMN``). Its values must be numbers, none negative and not all
zero; a blank cell is an error too (a respondent without a weight has no place in a
weighted figure). The check names the first bad row and value in one sentence.

Weights are used as frequency weights after rescaling to a mean of 1 over the
respondents analysed, so weighted counts stay on the scale of the respondent counts
(Fong's test and the standard deviations then read as with unweighted data), and the
precision is carried by Kish's effective sample size (``intervals.kish``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from kano_tui.engine.importing.survey import RESPONDENT
from kano_tui.errors import KanoError

if TYPE_CHECKING:
    from kano_tui.engine.project.storage import Responses


def weight_column(settings: object, override: str | None = None) -> str | None:
    """The weight column: ``override`` (--weight), else ``[settings] weight``, else None.
    ``--weight ""`` switches a project's weight off for one run."""
    if override is not None:
        return override.strip() or None
    value = (getattr(settings, "extra", {}) or {}).get("weight")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise KanoError(
            f"kano.toml [settings] weight = {value!r} must be the name of a "
            'respondent column, e.g. weight = "weight".'
        )
    return value


def read_weights(responses: Responses, column: str) -> np.ndarray:
    """Each respondent's weight (float64), checked; raises KanoError on a bad one."""
    if column not in responses:
        choices = ", ".join(c for c in responses.attributes if c != "wave") or "none"
        raise KanoError(
            f"There is no respondent column {column!r} to weight by; available: {choices}."
        )
    import pandas as pd

    raw = responses.series(column)
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        shown = raw.iloc[row]
        text = "blank" if pd.isna(shown) or str(shown).strip() == "" else repr(str(shown))
        problem = (
            "is negative" if np.isfinite(values[row]) and values[row] < 0 else "is not a number"
        )
        raise KanoError(
            f"The weight of {_who(responses, row)} in column {column!r} is "
            f"{text}, which {problem}; weights must be numbers, 0 or more."
        )
    if len(values) and not values.sum() > 0:
        raise KanoError(
            f"Every weight in column {column!r} is 0; at least one respondent must count."
        )
    return np.asarray(values)


def normalised(weights: np.ndarray) -> np.ndarray:
    """Weights rescaled to a mean of 1 over the respondents given (all zero stays zero)."""
    total = float(weights.sum())
    if not len(weights) or not math.isfinite(total) or total <= 0:
        return weights.astype(np.float64)
    return weights * (len(weights) / total)


def _who(responses: Responses, row: int) -> str:
    """A respondent as the user can find them: the row, and the id when there is one."""
    if RESPONDENT in responses:
        respondent = responses.table.column(RESPONDENT)[row].as_py()
        if respondent not in (None, ""):
            return f"respondent {respondent} (row {row + 1})"
    return f"the respondent of row {row + 1}"


def weighted_sds(histograms: np.ndarray, square_sums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Functional and dysfunctional SDs of weighted (features, 6, 6) histograms.

    The unbiased estimator for reliability weights, sum w (x - mean)^2 / (V1 - V2 / V1)
    with V1 = sum w and V2 = sum w^2: with equal weights it is the usual sample SD (n - 1)
    whatever their scale; NaN where fewer than two respondents (V1^2 = V2) answered."""
    from kano_tui.engine.analysis.figures import DYSFUNCTIONAL_SCORES, FUNCTIONAL_SCORES

    answered = histograms[:, 1:, 1:]
    v1 = answered.sum(axis=(1, 2))
    out = []
    for marginal, scores in (
        (answered.sum(axis=2), FUNCTIONAL_SCORES[1:]),
        (answered.sum(axis=1), DYSFUNCTIONAL_SCORES[1:]),
    ):
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = (marginal @ scores) / v1
            # Two passes, sum w (x - mean)^2: sum w x^2 - V1 mean^2 cancels to a few ulps
            # of x^2 where every answer is the same, and its root is then not 0.
            spread = (marginal * (scores[None, :] - mean[:, None]) ** 2).sum(axis=1)
            denominator = v1 - square_sums / v1
            variance = np.where(
                denominator > 1e-12 * np.maximum(v1, 1), spread / denominator, np.nan
            )
        out.append(np.sqrt(np.clip(variance, 0, None)))
    return out[0], out[1]
