"""The columns of the respondents table, drawn straight from the stored arrays.

Each feature gets one compact column: the functional and dysfunctional answers as
letters (Like, Expect, Neutral, Tolerate, Dislike; ``·`` unanswered) and the category the
evaluation table gives the pair, in the category colour: ``LD O``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from rich.text import Text

from kano_tui.engine.analysis import EVALUATION_TABLE
from kano_tui.engine.respondents import ANSWER_LETTERS
from kano_tui.engine.storage import answer_column
from kano_tui.engine.survey import CSAT, NPS, RESPONDENT, WAVE
from kano_tui.tui.palette import category_style
from kano_tui.tui.widgets.virtual_table import TableColumn

if TYPE_CHECKING:
    import pandas as pd
    from textual.app import App

    from kano_tui.engine.model import Project
    from kano_tui.engine.storage import Responses

MAX_TEXT_WIDTH = 16
WIDTH_SAMPLE = 5000


def pair_texts(app: App) -> list[Text]:
    """The 36 possible cells of a feature column, indexed functional * 6 + dysfunctional."""
    cells = []
    for f in range(6):
        for d in range(6):
            if f == 0 or d == 0:
                letters = f"{ANSWER_LETTERS[f]}{ANSWER_LETTERS[d]}"
                cells.append(Text(letters if f or d else "··", style="dim"))
                continue
            category = EVALUATION_TABLE[f - 1][d - 1]
            cell = Text(f"{ANSWER_LETTERS[f]}{ANSWER_LETTERS[d]} ")
            cell.append(category, style=category_style(app, category))
            cells.append(cell)
    return cells


def _text_width(series: pd.Series, title: str) -> int:
    """Wide enough for the values (judged on the first rows: a million need not be read;
    longer values end in an ellipsis), at most MAX_TEXT_WIDTH."""
    try:
        longest = int(series.iloc[:WIDTH_SAMPLE].astype("str").str.len().max())
    except (TypeError, ValueError):
        longest = 0
    return max(min(longest, MAX_TEXT_WIDTH), len(title), 2)


def _text_column(series: pd.Series, title: str, width: int | None = None) -> TableColumn:
    take = _taker(series)

    def cells(positions: np.ndarray) -> list[str]:
        return ["" if v is None or v != v else str(v) for v in take(positions)]

    return TableColumn(title, width or _text_width(series, title), cells)


def _taker(series: pd.Series):  # type: ignore[no-untyped-def]
    """A function giving the values at some positions, fast on a million rows.

    Arrow-backed text (how kano stores it) is taken from one contiguous Arrow array:
    ``take`` on a many-chunk column would first join the chunks, on every page.
    """
    to_arrow = getattr(series.array, "__arrow_array__", None)
    if to_arrow is not None:
        try:
            import pyarrow as pa

            arrow = to_arrow()
            if isinstance(arrow, pa.ChunkedArray):
                arrow = arrow.combine_chunks()
            return lambda positions: arrow.take(positions).to_pylist()
        except Exception:  # noqa: BLE001 - fall back to pandas below
            pass
    return lambda positions: series.take(positions).tolist()


def _scale_column(values: np.ndarray, title: str) -> TableColumn:
    def cells(positions: np.ndarray) -> list[str]:
        return ["" if v < 0 else str(int(v)) for v in values[positions]]

    return TableColumn(title, max(len(title), 2), cells, justify="right")


def _feature_column(functional: np.ndarray, dysfunctional: np.ndarray, title: str,
                    texts: list[Text]) -> TableColumn:
    def cells(positions: np.ndarray) -> list[Text]:
        index = functional[positions].astype(np.int64) * 6 + dysfunctional[positions]
        return [texts[i] for i in index]

    return TableColumn(title, max(4, min(len(title), 10)), cells)


def respondent_columns(project: Project, responses: Responses,
                       texts: list[Text]) -> list[TableColumn]:
    """respondent (frozen), wave, segment attributes, nps, csat, then one per feature.

    ``texts`` are the answer-pair cells (:func:`pair_texts`, made on the app's thread);
    the rest touches no widget, so it can run in a worker.
    """
    frame = responses.frame
    columns: list[TableColumn] = []
    if RESPONDENT in frame.columns:
        columns.append(_text_column(frame[RESPONDENT], "respondent"))
    if WAVE in frame.columns:
        columns.append(_text_column(frame[WAVE], "wave"))
    for attribute in responses.attributes:
        if attribute != WAVE:
            columns.append(_text_column(frame[attribute], attribute))
    for scale in (NPS, CSAT):
        if scale in frame.columns:
            columns.append(_scale_column(frame[scale].to_numpy(), scale))
    blank = np.zeros(len(frame), dtype=np.int8)
    for feature in project.features:
        f_name = answer_column(feature.id, "functional")
        d_name = answer_column(feature.id, "dysfunctional")
        if f_name not in frame.columns and d_name not in frame.columns:
            continue
        functional = frame[f_name].to_numpy(dtype=np.int8) if f_name in frame.columns else blank
        dysfunctional = frame[d_name].to_numpy(dtype=np.int8) if d_name in frame.columns \
            else blank
        columns.append(_feature_column(functional, dysfunctional, feature.name, texts))
    return columns
