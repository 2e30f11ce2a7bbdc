"""Evaluation tables: which Kano category each (functional, dysfunctional) answer pair is.

A table is five rows of five letters, the functional answer choosing the row and the
dysfunctional answer the column, both in answer order like, expect, neutral, tolerate,
dislike. Every figure computed from category counts (the counts themselves, Better and
Worse, the strengths, Fong's test) follows the table in use; the continuous scores, read
from the answers directly, do not.

Two tables are built in:

- ``standard``: Berger et al. (1993), "Kano's methods for understanding
  customer-defined quality", *Center for Quality of Management Journal* 2(4), table 1:
  today's usual table, where only like/like and dislike/dislike are questionable.
- ``pouliot``: the modified table the Kano literature attributes to Fred Pouliot and
  BRIEF.md section 8 fixes: a respondent who gives the same answer to both questions
  contradicts themself, so like/like, expect/expect, tolerate/tolerate and
  dislike/dislike are all questionable; neutral/neutral stays indifferent.

Projects define their own in ``kano.toml`` (``[[evaluation_tables]]``) and plugins through
the ``register_evaluation_tables`` hook.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is imported where an array is made: reading kano.toml needs none
    import numpy as np

CATEGORIES: tuple[str, ...] = ("A", "O", "M", "I", "R", "Q")
ANSWERS: tuple[str, ...] = ("like", "expect", "neutral", "tolerate", "dislike")
STANDARD, POULIOT = "standard", "pouliot"


@dataclass(frozen=True)
class EvaluationTable:
    """A named evaluation table: ``rows[f][d]`` is the category of functional answer
    ``f`` with dysfunctional answer ``d`` (0-based, in :data:`ANSWERS` order)."""

    name: str
    rows: tuple[str, ...]
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def category(self, functional: int, dysfunctional: int) -> str:
        """The category of answer codes ``functional`` and ``dysfunctional`` (1-5)."""
        return self.rows[functional - 1][dysfunctional - 1]

    def masks(self) -> np.ndarray:
        """``masks[k]`` is a 6x6 0/1 matrix selecting the answer pairs of category k
        (index 0 is "unanswered", in no category)."""
        return _masks(self.rows)

    def lookup(self) -> np.ndarray:
        """A 36-slot array: the category index (0-5, :data:`CATEGORIES`) of pair code
        ``f * 6 + d``, -1 where either answer is missing."""
        import numpy as np

        out = np.full(36, -1, dtype=np.int8)
        for f, row in enumerate(self.rows, start=1):
            for d, letter in enumerate(row, start=1):
                out[f * 6 + d] = CATEGORIES.index(letter)
        return out


_MASK_CACHE: dict[tuple[str, ...], np.ndarray] = {}


def _masks(rows: tuple[str, ...]) -> np.ndarray:
    cached = _MASK_CACHE.get(rows)
    if cached is None:
        import numpy as np

        cached = np.zeros((len(CATEGORIES), 6, 6), dtype=np.int64)
        for f, row in enumerate(rows, start=1):
            for d, letter in enumerate(row, start=1):
                cached[CATEGORIES.index(letter), f, d] = 1
        cached.setflags(write=False)
        _MASK_CACHE[rows] = cached
    return cached


BUILT_IN_TABLES: tuple[EvaluationTable, ...] = (
    EvaluationTable(
        STANDARD,
        ("QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"),
        "Berger et al. (1993): like/like and dislike/dislike are questionable",
    ),
    EvaluationTable(
        POULIOT,
        ("QAAAO", "RQIIM", "RIIIM", "RIIQM", "RRRRQ"),
        "Modified table (Pouliot): the same answer twice is Q, neutral/neutral excepted",
    ),
)
STANDARD_TABLE = BUILT_IN_TABLES[0]


_ROW_SEPARATORS = re.compile(r"[\s,;|/]+")


def parse_rows(rows: object) -> tuple[tuple[str, ...] | None, str]:
    """Normalise what a user or plugin wrote for a table's rows.

    Returns ``(rows, "")`` — five upper-case strings of five letters — or ``(None, why)``
    with one clause saying what is wrong. Each row may separate its letters with spaces
    or commas (``"Q A A A O"``), and letters may be lower case.
    """
    if isinstance(rows, str) or not isinstance(rows, Sequence):
        return None, (
            f"must be a list of five rows of five letters (A O M I R Q), not {_shown(rows)}"
        )
    if len(rows) != 5:
        return None, f"has {len(rows)} row{'s' if len(rows) != 1 else ''}; it needs five"
    parsed = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, str):
            return None, f"row {number} is {_shown(row)}, not five letters such as 'QAAAO'"
        letters = _ROW_SEPARATORS.sub("", row).upper()
        unknown = sorted({ch for ch in letters if ch not in CATEGORIES})
        if unknown:
            return None, (
                f"row {number} ({row!r}) has the letter {unknown[0]!r}, which is "
                "not a Kano category (A O M I R Q)"
            )
        if len(letters) != 5:
            return None, (
                f"row {number} ({row!r}) has {len(letters)} letters; each row "
                "needs five, one per dysfunctional answer"
            )
        parsed.append(letters)
    return tuple(parsed), ""


def table_problem(obj: object) -> str | None:
    """Why ``obj`` (a registered or configured table) is not a valid evaluation table."""
    rows, why = parse_rows(getattr(obj, "rows", None))
    if rows is None:
        return f"its rows {why}"
    return None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
