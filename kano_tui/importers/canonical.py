"""The canonical CSV importer: the wide and long layouts of BRIEF.md section 3.

Reads with pyarrow's multi-threaded CSV reader, every column as text (so ``007`` stays
``007`` and mixed codes and wordings are read alike); the core interprets answers.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import importlib
import itertools
import mmap
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.csv as pacsv

from kano_tui.engine.importing.answers import headerless_problem
from kano_tui.engine.importing.survey import LONG_COLUMNS, ImportOptions, SurveyLayout, SurveyTable
from kano_tui.engine.importing.textfile import TextLayout, detect_layout, find_invalid_utf8
from kano_tui.errors import SurveyImportError
from kano_tui.plugins.hookspecs import hookimpl

if TYPE_CHECKING:  # pandas is imported when a DataFrame is asked for (read_delimited)
    import pandas as pd

BLOCK_SIZE = 1 << 20  # pyarrow parses blocks in parallel; a larger cell grows the block


def read_delimited(
    path: Path, options: ImportOptions, skip_rows: int = 0
) -> tuple[pd.DataFrame, TextLayout]:
    """Read a delimited text file into a DataFrame of Arrow-backed columns (see
    :func:`read_delimited_table`)."""
    table, layout = read_delimited_table(path, options, skip_rows)
    return table.to_pandas(types_mapper=_text_type), layout


def read_delimited_table(
    path: Path, options: ImportOptions, skip_rows: int = 0
) -> tuple[pa.Table, TextLayout]:
    """Read a delimited text file into an Arrow table: text columns, and whole-number
    columns (answer codes, scales) as integers.

    Raises SurveyImportError naming the file (and row, where the parser knows it) for an
    empty file, a header without rows, duplicate column names and malformed rows.
    """
    shown = options.shown(path)
    layout = detect_layout(path, shown, options.encoding, options.delimiter)
    header = layout.header
    if skip_rows == 0 and (problem := headerless_problem(header, shown)):
        raise SurveyImportError(problem + ".")
    # Compared as the importer uses them: trimmed (`segment` and `segment ` clash).
    trimmed = [h.strip() for h in header]
    duplicates = [name for name, count in Counter(trimmed).items() if count > 1]
    if duplicates and skip_rows == 0:
        name = duplicates[0]
        positions = [i + 1 for i, h in enumerate(trimmed) if h == name]
        spelt = {header[i - 1] for i in positions}
        as_written = (
            ""
            if len(spelt) == 1
            else " and ".join(repr(header[i - 1]) for i in positions) + " once trimmed, "
        )
        raise SurveyImportError(
            f"{shown}, row 1: the column name {name!r} appears more than once "
            f"({as_written}columns {', '.join(map(str, positions))})."
        )
    table = parse_csv(
        path,
        shown,
        layout,
        _column_types(header, layout, skip_rows),
        read_options={
            "skip_rows": skip_rows,
            "autogenerate_column_names": skip_rows > 0 and not header,
        },
        ragged_row=lambda expected: first_ragged_row(path, layout, expected),
    )
    if table.num_rows == 0:
        raise SurveyImportError(f"{shown} has a header but no rows of answers.")
    return table, layout


def parse_csv(
    path: Path,
    shown: str,
    layout: TextLayout,
    column_types: dict[str, pa.DataType],
    *,
    read_options: dict[str, object],
    ragged_row: Callable[[int], int | None],
    block_size: int = BLOCK_SIZE,
) -> pa.Table:
    """pyarrow's multi-threaded CSV reader, with every failure one sentence naming the
    file (and the row, where it can be known). Shared by every CSV importer.

    Reads again with larger blocks when one cell is larger than a block, and with text
    columns when a column sampled as whole numbers holds a word further down.
    ``ragged_row(expected)`` finds the file row of a record with the wrong number of
    cells, which the parser does not know when cells may hold line breaks.
    """
    bad_rows: list[pacsv.InvalidRow] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad_rows.append(row)
        return "error"

    block = block_size
    # Only a quoted cell can hold a line break: a file without a quote mark parses with
    # the reader's faster splitting into rows (a quarter of a million rows' parse).
    newlines_in_values = _may_quote(path, layout.encoding)
    _warm("pyarrow.compute")  # the checks' first need, imported while the file parses
    while True:
        try:
            return pacsv.read_csv(
                path,
                read_options=pacsv.ReadOptions(
                    encoding=layout.encoding.replace("-sig", ""), block_size=block, **read_options
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=layout.delimiter,
                    newlines_in_values=newlines_in_values,
                    invalid_row_handler=on_invalid,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=column_types,
                    strings_can_be_null=True,
                    null_values=[""],
                    quoted_strings_can_be_null=True,
                ),
            )
        except pa.ArrowInvalid as error:
            message = str(error)
            # A cell, or a header (35,000 features), larger than a block: bigger blocks.
            if (
                "straddling" in message or "cannot infer number of columns" in message
            ) and block < min(_size(path), 1 << 30):
                block = min(block * 4, 1 << 30)
                continue
            if "conversion error" in message and any(
                t != pa.string() for t in column_types.values()
            ):
                # A column that looked numeric in the sample holds text further down.
                column_types = {name: pa.string() for name in column_types}
                continue
            if bad_rows:
                row = bad_rows[0]
                number = row.number or ragged_row(row.expected_columns)
                where = f"row {number}" if number is not None else "a row"
                raise SurveyImportError(
                    f"{shown}, {where}: expected {row.expected_columns} columns "
                    f"but found {row.actual_columns}."
                ) from None
            if "utf8" in message.lower() or "utf-8" in message.lower():
                if layout.encoding.startswith("utf-8"):
                    found = find_invalid_utf8(path, shown)
                    if found is not None:
                        raise found from None
                raise SurveyImportError(
                    f"{shown} is not valid {layout.encoding} text; "
                    "pass --encoding if you know its encoding."
                ) from None
            raise SurveyImportError(f"{shown} could not be read as CSV: {message}.") from None
        except (UnicodeError, LookupError) as error:
            raise SurveyImportError(
                f"{shown} cannot be read as {layout.encoding}: {error}."
            ) from None


def _warm(module: str) -> None:
    """Import ``module`` in a thread: pyarrow's parser holds no GIL, so the import (80 ms
    for pyarrow.compute) costs no time. An import of it elsewhere meanwhile waits for
    this one (Python's import lock), so nothing sees it half made."""

    def load() -> None:
        with contextlib.suppress(BaseException):  # the real import will say what failed
            importlib.import_module(module)

    if module not in sys.modules:
        threading.Thread(target=load, name="kano-warm", daemon=True).start()


def _may_quote(path: Path, encoding: str) -> bool:
    """Whether the file may hold a quoted cell: it has a quote mark, or it is in an
    encoding whose quote mark is not the byte ``"``."""
    if codecs.lookup(encoding).name not in ("utf-8", "utf-8-sig", "ascii"):
        return True
    try:
        with (
            open(path, "rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            return data.find(b'"') >= 0
    except (OSError, ValueError):  # empty, or not mappable: parse as if it might
        return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def first_ragged_row(path: Path, layout: TextLayout, expected: int, skip: int = 0) -> int | None:
    """The file row (a record, as a spreadsheet counts it; header = 1) of the first record
    after ``skip`` with other than ``expected`` cells. Only runs on the error path."""
    try:
        with open(path, encoding=layout.encoding, newline="") as handle:
            for number, record in enumerate(csv.reader(handle, delimiter=layout.delimiter), 1):
                if number > skip and record and len(record) != expected:
                    return number
    except (OSError, UnicodeError, csv.Error):
        return None
    return None


# Cells, one a line, each blank or a whole number of up to four digits (spaces around).
_WHOLE_NUMBERS = re.compile(r"(?:[^\S\n]*(?:-?\d{1,4})?[^\S\n]*\n)*")
_DIGIT = re.compile(r"\d")
_ALWAYS_TEXT = {"respondent", "wave", "feature"}  # ids like 007 and labels stay text


def _column_types(header: list[str], layout: TextLayout, skip_rows: int) -> dict[str, pa.DataType]:
    """Text for every column, except those whose sampled cells are all whole numbers
    (answer codes, scales): those parse straight to integers, the fast path for large
    coded exports. A word further down makes the reader fall back to text."""
    if skip_rows:
        return {}
    sample = list(csv.reader(layout.sample.splitlines()[1:-1], delimiter=layout.delimiter))
    # One column at a time, all its sampled cells at once: one regex match per column,
    # not per cell (65 columns x 1,600 sampled rows took a tenth of a second).
    columns = list(itertools.zip_longest(*sample, fillvalue="")) if sample else []
    types: dict[str, pa.DataType] = {}
    for i, name in enumerate(header):
        joined = "\n".join(columns[i]) + "\n" if i < len(columns) else ""
        numeric = _WHOLE_NUMBERS.fullmatch(joined) is not None and _DIGIT.search(joined)
        text = name.strip().lower() in _ALWAYS_TEXT or not numeric
        types[name] = pa.string() if text else pa.int16()
    return types


def _text_type(arrow_type: pa.DataType) -> object:
    # Arrow-backed columns: no copy when the table becomes a DataFrame.
    import pandas as pd

    return pd.ArrowDtype(arrow_type)


def is_long_layout(columns: list[str]) -> bool:
    lowered = {c.strip().lower() for c in columns}
    return all(name in lowered for name in LONG_COLUMNS)


@dataclass(frozen=True)
class CanonicalCsvImporter:
    name: str = "csv"
    description: str = "Canonical kano CSV, wide or long layout (docs/importing.md)"
    extensions: tuple[str, ...] = (".csv", ".tsv", ".txt")

    def sniff(self, path: Path, head: bytes) -> bool:
        text = head[:4096].decode("utf-8", errors="ignore").lower()
        first = text.splitlines()[0] if text else ""
        return ".functional" in first or is_long_layout(
            [c.strip('" ') for c in first.replace(";", ",").replace("\t", ",").split(",")]
        )

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        # As Arrow columns: a wide file of numeric codes is imported without pandas.
        table, _ = read_delimited_table(path, options)
        names = [str(c).strip() for c in table.column_names]
        layout: SurveyLayout = "long" if is_long_layout(names) else "wide"
        if layout == "long":
            names = [
                c.lower()
                if c.lower() in (*LONG_COLUMNS, "importance", "wave", "nps", "csat")
                else c
                for c in names
            ]
        return SurveyTable(arrow=table.rename_columns(names), layout=layout, first_data_row=2)


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    register(CanonicalCsvImporter())
