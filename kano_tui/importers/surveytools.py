"""What the survey-tool importers share.

A survey tool's export is a grid: one or more header rows (column ids, question texts,
sub-question labels), then one row per respondent. Each tool module (``qualtrics``,
``surveymonkey``, ``googleforms``, ``typeform``) describes its layout as a
:class:`ToolLayout`: how to recognise the first rows, how many header rows there are, and
how to turn them into column names, question texts and the respondent column. The same
layout serves the CSV importers here and the spreadsheet plugin (an ``.xlsx`` download
holds the same grid).

Answers stay as the tool wrote them; the core reads them (wordings in any language the
project knows) and the column mapping proposes which question is which feature's.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from kano_tui.engine.importing.survey import RESPONDENT, ImportOptions, SurveyTable
from kano_tui.engine.importing.textfile import TextLayout, detect_layout
from kano_tui.errors import SurveyImportError
from kano_tui.importers.canonical import first_ragged_row, parse_csv

if TYPE_CHECKING:  # pandas is imported where it is used (docs/startup.md)
    import pandas as pd

SNIFF_ROWS = 3  # header rows any known tool needs to be recognised
BLOCK_SIZE = 8 << 20


@dataclass(frozen=True)
class Columns:
    """What a layout made of the header rows, one entry per column of the grid."""

    names: list[str]  # unique column names for the frame ("" drops the column)
    questions: dict[str, str] = field(default_factory=dict)
    respondent: str | None = None  # the column holding the response id, if any
    sources: dict[str, str] = field(default_factory=dict)  # name -> header cell, if it differs


@dataclass(frozen=True)
class ToolLayout:
    """A survey tool's export layout."""

    tool: str  # "Qualtrics"
    recognise: Callable[[list[list[str]]], bool]  # the first rows -> is it this tool's?
    header_rows: Callable[[list[list[str]]], int]  # the first rows -> how many header rows
    columns: Callable[[list[list[str]]], Columns]  # all header rows -> the columns

    def table(self, header: list[list[str]], body: pd.DataFrame) -> SurveyTable:
        """The SurveyTable of a grid whose body columns are in file order."""
        described = self.columns(header)
        return build_table(described, body, first_data_row=len(header) + 1)


def build_table(described: Columns, body: pd.DataFrame, first_data_row: int) -> SurveyTable:
    """Name the body's columns, drop the unwanted ones, rename the respondent id column."""
    width = body.shape[1]
    names = (described.names + [""] * width)[:width]
    keep = [i for i, name in enumerate(names) if name]
    frame = body.iloc[:, keep].copy()
    frame.columns = [names[i] for i in keep]
    source_columns = {
        name: text for name, text in described.sources.items() if name in frame.columns
    }
    questions = {name: text for name, text in described.questions.items() if name in frame.columns}
    if (
        described.respondent
        and described.respondent in frame.columns
        and RESPONDENT not in frame.columns
    ):
        frame = frame.rename(columns={described.respondent: RESPONDENT})
        source_columns[RESPONDENT] = described.sources.get(
            described.respondent, described.respondent
        )
        questions.pop(described.respondent, None)
    return SurveyTable(
        frame=frame,
        layout="wide",
        first_data_row=first_data_row,
        questions=questions,
        source_columns=source_columns,
    )


def unique_names(names: Sequence[str]) -> list[str]:
    """Names made unique the way a reader expects: the second ``Age`` becomes ``Age (2)``."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        if not name:
            out.append(name)
            continue
        count = seen.get(name, 0) + 1
        seen[name] = count
        candidate = name if count == 1 else f"{name} ({count})"
        while count > 1 and candidate in seen:
            count += 1
            candidate = f"{name} ({count})"
        seen.setdefault(candidate, 1)
        out.append(candidate)
    return out


def cell(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) and row[index] is not None else ""


# --------------------------------------------------------------------------- CSV files


def first_rows(head: bytes, count: int = SNIFF_ROWS) -> list[list[str]]:
    """The first ``count`` rows of a CSV sample, for sniffing (never raises)."""
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        return _parse_rows(text, _guess_delimiter(text), count)
    return []


def _guess_delimiter(text: str) -> str:
    line = text.split("\n", 1)[0]
    counts = {d: line.count(d) for d in ",;\t"}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _parse_rows(text: str, delimiter: str, count: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    try:
        return [list(row) for row in itertools.islice(reader, count)]
    except csv.Error:
        return []


def read_tool_csv(path: Path, options: ImportOptions, layouts: Sequence[ToolLayout]) -> SurveyTable:
    """Read a survey-tool CSV export with the first of ``layouts`` that recognises it."""
    shown = options.shown(path)
    text_layout = detect_layout(path, shown, options.encoding, options.delimiter)
    head = _parse_rows(text_layout.sample, text_layout.delimiter, SNIFF_ROWS + 1)
    layout = next((lay for lay in layouts if lay.recognise(head)), None)
    if layout is None:
        tools = " or ".join(lay.tool for lay in layouts)
        raise SurveyImportError(
            f"{shown} does not look like a {tools} export "
            "(its header rows differ); try --importer csv."
        )
    count = layout.header_rows(head)
    header = head[:count]
    if len(header) < count:
        raise SurveyImportError(
            f"{shown} ends inside its {count} header rows: it has no rows of answers."
        )
    width = max(len(row) for row in header)
    body = _read_body(path, shown, text_layout, count, width)
    return layout.table(header, body)


def _read_body(path: Path, shown: str, layout: TextLayout, skip: int, width: int) -> pd.DataFrame:
    """The rows after ``skip`` header rows, every column as text, named by position.

    The canonical reader names columns from row 1, which survey tools leave blank or
    repeat (SurveyMonkey's matrix spans); here the layout names them afterwards.
    ``skip_rows_after_names`` counts CSV records, so a header cell with line breaks
    (Qualtrics question texts) is skipped whole.
    """
    import pandas as pd

    names = [f"c{i}" for i in range(width)]
    table = parse_csv(
        path,
        shown,
        layout,
        {name: pa.string() for name in names},
        read_options={"column_names": names, "skip_rows_after_names": skip},
        ragged_row=lambda expected: first_ragged_row(path, layout, expected, skip),
        block_size=BLOCK_SIZE,
    )
    if table.num_rows == 0:
        raise SurveyImportError(f"{shown} has its header rows but no rows of answers.")
    return table.to_pandas(
        types_mapper=lambda t: pd.StringDtype("pyarrow") if pa.types.is_string(t) else None
    )


@dataclass(frozen=True)
class ToolCsvImporter:
    """A CSV importer for one survey tool's export layout."""

    name: str
    description: str
    layout: ToolLayout
    extensions: tuple[str, ...] = (".csv", ".tsv", ".txt")

    def sniff(self, path: Path, head: bytes) -> bool:
        return self.layout.recognise(first_rows(head))

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        return read_tool_csv(path, options, [self.layout])
