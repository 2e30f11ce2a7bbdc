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

from kano_tui.engine.survey import RESPONDENT
from kano_tui.errors import KanoError

if TYPE_CHECKING:
    from kano_tui.engine.storage import Responses


def weight_column(settings: object, override: str | None = None) -> str | None:
    """The weight column: ``override`` (--weight), else ``[settings] weight``, else None.
    ``--weight ""`` switches a project's weight off for one run."""
    if override is not None:
        return override.strip() or None
    value = (getattr(settings, "extra", {}) or {}).get("weight")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise KanoError(f"kano.toml [settings] weight = {value!r} must be the name of a "
                        "respondent column, e.g. weight = \"weight\".")
    return value


def read_weights(responses: Responses, column: str) -> np.ndarray:
    """Each respondent's weight (float64), checked; raises KanoError on a bad one."""
    if column not in responses:
        choices = ", ".join(c for c in responses.attributes if c != "wave") or "none"
        raise KanoError(f"There is no respondent column {column!r} to weight by; "
                        f"available: {choices}.")
    import pandas as pd

    raw = responses.series(column)
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        shown = raw.iloc[row]
        text = "blank" if shown is None or shown is pd.NA or str(shown).strip() == "" \
            else repr(str(shown))
        problem = "is negative" if np.isfinite(values[row]) and values[row] < 0 \
            else "is not a number"
        raise KanoError(f"The weight of {_who(responses, row)} in column {column!r} is "
                        f"{text}, which {problem}; weights must be numbers, 0 or more.")
    if len(values) and not values.sum() > 0:
        raise KanoError(f"Every weight in column {column!r} is 0; at least one respondent "
                        "must count.")
    return values


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
