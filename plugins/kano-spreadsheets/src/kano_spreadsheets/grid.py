"""From a grid of cells (a sheet, a data file) to a SurveyTable.

A sheet downloaded from a survey tool has that tool's header rows; anything else is read
as the canonical layout, header in row 1. Cells become text the way a CSV would hold them
(``5``, not ``5.0``), so the core reads answers from every importer alike.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from kano_tui.engine.importing.survey import LONG_COLUMNS, SurveyTable
from kano_tui.errors import SurveyImportError
from kano_tui.importers import googleforms, qualtrics, surveymonkey, typeform
from kano_tui.importers.canonical import is_long_layout
from kano_tui.importers.surveytools import SNIFF_ROWS

if TYPE_CHECKING:  # pandas is imported where it is used (docs/startup.md)
    import pandas as pd

TOOL_LAYOUTS = (qualtrics.LAYOUT, surveymonkey.LAYOUT, googleforms.LAYOUT, typeform.LAYOUT)
LONG_NAMES = (*LONG_COLUMNS, "importance", "wave", "nps", "csat")


def cell_text(value: Any) -> str | None:
    """A cell as CSV text; None when blank."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def text_frame(rows: list[list[Any]], width: int) -> pd.DataFrame:
    """Rows of cells as a frame of text columns named by position."""
    import pandas as pd

    padded = [[cell_text(v) for v in row] + [None] * (width - len(row)) for row in rows]
    frame = pd.DataFrame(padded, columns=[f"c{i}" for i in range(width)], dtype=object)
    return frame.astype(pd.StringDtype("pyarrow"))


def table_from_grid(rows: list[list[Any]], shown: str) -> SurveyTable:
    """A SurveyTable from a sheet's rows (row 1 first); blank rows around are ignored."""
    start = next((i for i, row in enumerate(rows) if any(cell_text(v) for v in row)), None)
    if start is None:
        raise SurveyImportError(f"{shown} is empty.")
    end = max(i for i, row in enumerate(rows) if any(cell_text(v) for v in row)) + 1
    grid = rows[start:end]
    width = max(len(row) for row in grid)
    head = [[cell_text(v) or "" for v in row] for row in grid[:SNIFF_ROWS]]
    layout = next((lay for lay in TOOL_LAYOUTS if lay.recognise(head)), None)
    count = layout.header_rows(head) if layout else 1
    if len(grid) <= count:
        raise SurveyImportError(f"{shown} has its header but no rows of answers.")
    body = text_frame(grid[count:], width)
    if layout is not None:
        table = layout.table(head[:count], body)
    else:
        table = _canonical(head[0] + [""] * (width - len(head[0])), body, shown, start)
    table.first_data_row += start  # rows above the grid still count, as the user sees them
    return table


def _canonical(header: list[str], body: pd.DataFrame, shown: str, start: int) -> SurveyTable:
    names = [name.strip() or f"column {i + 1}" for i, name in enumerate(header)]
    duplicates = [name for name, count in Counter(names).items() if count > 1]
    if duplicates:
        positions = [str(i + 1) for i, name in enumerate(names) if name == duplicates[0]]
        raise SurveyImportError(
            f"{shown}, row {start + 1}: the column name {duplicates[0]!r} "
            f"appears more than once (columns {', '.join(positions)})."
        )
    long = is_long_layout(names)
    body.columns = [n.lower() if long and n.lower() in LONG_NAMES else n for n in names]
    empty = [
        c for c, name in zip(body.columns, header) if not name.strip() and body[c].isna().all()
    ]
    return SurveyTable(
        frame=body.drop(columns=empty), layout="long" if long else "wide", first_data_row=2
    )
