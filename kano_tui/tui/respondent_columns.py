"""The columns of the respondents table, drawn straight from the stored arrays.

Each feature gets one compact column: the functional and dysfunctional answers as
letters (Like, Expect, Neutral, Tolerate, Dislike; ``·`` unanswered) and the category the
evaluation table gives the pair, in the category colour: ``LD O``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from rich.text import Text

from kano_tui.engine.analysis.featureresult import pair_code
from kano_tui.engine.analysis.respondents import ANSWER_LETTERS, segment_columns
from kano_tui.engine.importing.survey import CSAT, NPS, RESPONDENT, WAVE
from kano_tui.tui.colours import category_style
from kano_tui.tui.widgets.virtual_table import TableColumn

if TYPE_CHECKING:
    import pyarrow as pa
    from textual.app import App

    from kano_tui.engine.project.model import Project
    from kano_tui.engine.project.storage import Responses

MAX_TEXT_WIDTH = 16
WIDTH_SAMPLE = 5000


def pair_texts(app: App) -> list[Text]:
    """The 36 possible cells of a feature column, indexed by the engine's ``pair_code``
    (functional, then dysfunctional), each pair's category from the app's table."""
    from kano_tui.engine.analysis.evaluation import STANDARD_TABLE
    from kano_tui.errors import KanoError

    try:  # a plugin's table, asked for before the plugins loaded: the standard until then
        table = app.workspace.evaluation_table(app.evaluation_table, wait=False)  # type: ignore[attr-defined]
    except KanoError:
        table = STANDARD_TABLE
    cells = []
    for f in range(6):
        for d in range(6):
            if f == 0 or d == 0:
                letters = f"{ANSWER_LETTERS[f]}{ANSWER_LETTERS[d]}"
                cells.append(Text(letters if f or d else "··", style="dim"))
                continue
            category = table.category(f, d)
            cell = Text(f"{ANSWER_LETTERS[f]}{ANSWER_LETTERS[d]} ")
            cell.append(category, style=category_style(app, category))
            cells.append(cell)
    return cells


def _text_column(column: pa.ChunkedArray, title: str) -> TableColumn:
    """Text cells read from one contiguous Arrow array (the chunks joined once, not on
    every page). Wide enough for the values, judged on the first rows (a million need not
    be read; longer values end in an ellipsis), at most MAX_TEXT_WIDTH."""
    array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)

    def cells(positions: np.ndarray) -> list[str]:
        # A page is a few dozen cells: read one by one (pyarrow's ``take`` would import
        # pandas to convert the positions, before the first page is shown).
        values = (array[int(position)].as_py() for position in positions)
        return ["" if v is None or v != v else str(v) for v in values]

    return TableColumn(title, max(min(_longest(array), MAX_TEXT_WIDTH), len(title), 2), cells)


def _longest(array: pa.Array) -> int:
    """The longest of the first WIDTH_SAMPLE values (all the values of a dictionary)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = (
        array.dictionary if pa.types.is_dictionary(array.type) else array.slice(0, WIDTH_SAMPLE)
    )
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return max((len(str(v)) for v in values.to_pylist() if v is not None), default=0)
    longest = pc.max(pc.utf8_length(values)).as_py()
    return int(longest or 0)


def _scale_column(values: np.ndarray, title: str) -> TableColumn:
    def cells(positions: np.ndarray) -> list[str]:
        return ["" if v < 0 else str(int(v)) for v in values[positions]]

    return TableColumn(title, max(len(title), 2), cells, justify="right")


def _feature_column(
    functional: np.ndarray, dysfunctional: np.ndarray, title: str, texts: list[Text]
) -> TableColumn:
    def cells(positions: np.ndarray) -> list[Text]:
        index = pair_code(functional[positions].astype(np.int64), dysfunctional[positions])
        return [texts[i] for i in index]

    return TableColumn(title, max(4, min(len(title), 10)), cells)


def respondent_columns(
    project: Project, responses: Responses, texts: list[Text]
) -> list[TableColumn]:
    """respondent (frozen), wave, segment attributes, nps, csat, then one per feature.

    ``texts`` are the answer-pair cells (:func:`pair_texts`, made on the app's thread);
    the rest touches no widget, so it can run in a worker.
    """
    columns: list[TableColumn] = []
    table = responses.table
    if RESPONDENT in responses:
        columns.append(_text_column(table.column(RESPONDENT), "respondent"))
    if WAVE in responses:
        columns.append(_text_column(table.column(WAVE), "wave"))
    for attribute in segment_columns(responses):
        columns.append(_text_column(table.column(attribute), attribute))
    for scale in (NPS, CSAT):
        if scale in responses:
            columns.append(_scale_column(responses.numbers(scale), scale))
    for feature in project.features:
        present = responses.answered([feature.id], "functional") + responses.answered(
            [feature.id], "dysfunctional"
        )
        if not any(present):
            continue
        functional = responses.answer_codes(feature.id, "functional")
        dysfunctional = responses.answer_codes(feature.id, "dysfunctional")
        columns.append(_feature_column(functional, dysfunctional, feature.name, texts))
    return columns
