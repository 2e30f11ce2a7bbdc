"""Browsing respondents: selecting them by wave and segment, and one feature's answers.

What the Responses screen shows, computed here on whole columns (a million respondents
take milliseconds): the positions of the respondents a filter keeps, the values a segment
column takes, and a feature's answer distribution — each question's answers and the 5x5
table of answer pairs with the category the evaluation table gives each pair.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from kano_tui.engine.analysis.evaluation import STANDARD_TABLE, EvaluationTable
from kano_tui.engine.analysis.figures import CATEGORIES, joint_histograms
from kano_tui.engine.importing.survey import WAVE
from kano_tui.engine.project.storage import Responses
from kano_tui.errors import KanoError

# One letter per answer, for compact cells: Like, Expect, Neutral, Tolerate, Dislike.
ANSWER_LETTERS: tuple[str, ...] = ("·", "L", "E", "N", "T", "D")  # index = answer code


def select_respondents(
    responses: Responses, *, wave: str | None = None, where: Mapping[str, str] | None = None
) -> np.ndarray:
    """Positions (int64, ascending) of the respondents in ``wave`` whose columns equal
    ``where``'s values; every respondent when both are empty."""
    conditions = dict(where or {})
    if wave:
        conditions[WAVE] = wave
    mask = np.ones(len(responses), dtype=bool)
    for column, value in conditions.items():
        mask &= responses.matches(column, value)
    return np.flatnonzero(mask)


def segment_values(responses: Responses, column: str, limit: int = 500) -> list[str]:
    """The distinct non-blank values of a respondent column, sorted (at most ``limit``)."""
    if column not in responses:
        raise KanoError(f"There is no respondent column {column!r}.")
    cleaned = sorted({str(v) for v in responses.values(column)})
    return cleaned[:limit]


# A column with more distinct values than this is free text (a comment, an e-mail), not
# a segment: the Analysis screen offers no choice of its values.
SEGMENT_MOST_VALUES = 50


def segment_columns(responses: Responses) -> list[str]:
    """The respondent columns one can segment by: every attribute but the wave (which
    has its own choice)."""
    return [column for column in responses.attributes if column != WAVE]


def segment_choices(responses: Responses, most: int = SEGMENT_MOST_VALUES) -> list[tuple[str, str]]:
    """(column, value) for each value of each segment column with at most ``most``
    distinct values, columns in their order, values sorted."""
    choices: list[tuple[str, str]] = []
    for column in segment_columns(responses):
        values = segment_values(responses, column, limit=most + 1)
        if len(values) <= most:
            choices += [(column, value) for value in values]
    return choices


@dataclass(frozen=True, kw_only=True)
class AnswerDistribution:
    """One feature's answers among the selected respondents."""

    feature: str
    respondents: int  # respondents selected
    n: int  # of them, answered both questions
    functional: tuple[int, ...]  # counts per answer code 0 (blank) to 5
    dysfunctional: tuple[int, ...]
    pairs: tuple[tuple[int, ...], ...]  # 5x5: functional answer (row) x dysfunctional
    categories: dict[str, int]  # A O M I R Q counts, under ``table``
    table: EvaluationTable = STANDARD_TABLE

    def pair_category(self, functional: int, dysfunctional: int) -> str:
        """The evaluation-table category of an answer pair (codes 1-5)."""
        return self.table.category(functional, dysfunctional)


def answer_distribution(
    responses: Responses,
    feature_id: str,
    rows: np.ndarray | None = None,
    table: EvaluationTable = STANDARD_TABLE,
) -> AnswerDistribution:
    """The distribution of ``feature_id``'s answers over ``rows`` (all when None), its
    categories under ``table``."""
    functional = responses.answers([feature_id], "functional")[:, 0]
    dysfunctional = responses.answers([feature_id], "dysfunctional")[:, 0]
    if rows is not None:
        functional, dysfunctional = functional[rows], dysfunctional[rows]
    joint = joint_histograms(functional[:, None], dysfunctional[:, None])[0, 0]  # 6x6
    pairs = joint[1:, 1:]
    categories = dict.fromkeys(CATEGORIES, 0)
    for f in range(5):
        for d in range(5):
            categories[table.rows[f][d]] += int(pairs[f, d])
    return AnswerDistribution(
        feature=feature_id,
        respondents=len(functional),
        n=int(pairs.sum()),
        functional=tuple(int(c) for c in np.bincount(functional.astype(np.int64), minlength=6)[:6]),
        dysfunctional=tuple(
            int(c) for c in np.bincount(dysfunctional.astype(np.int64), minlength=6)[:6]
        ),
        pairs=tuple(tuple(int(c) for c in row) for row in pairs),
        categories=categories,
        table=table,
    )


__all__ = [
    "ANSWER_LETTERS",
    "SEGMENT_MOST_VALUES",
    "AnswerDistribution",
    "answer_distribution",
    "segment_choices",
    "segment_columns",
    "segment_values",
    "select_respondents",
]
