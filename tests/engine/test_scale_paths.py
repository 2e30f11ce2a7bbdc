"""The fast paths of a large import (issue 18) give what the general paths give.

- whole-number answer columns read by Arrow become codes in Arrow (min/max, then a cast),
  and anything out of range still falls back to the path that names the first bad cell;
- text labels are factorized by Arrow's dictionary encoding, like ``pandas.factorize``;
- duplicate respondent ids are found by Arrow's hash table, their problem listed where it always was;
- the file's checksum is computed while the file is read, and is the file's sha256;
- data files are written uncompressed in one batch, so they read back as one chunk per
  column, in place.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyarrow import feather

from kano_tui.engine.importing.answers import _integer_codes, normalize_answers, normalize_scale
from kano_tui.engine.importing.columns import SurveyColumns, factorize, text_labels
from kano_tui.engine.importing.ingest import hash_in_background
from kano_tui.engine.importing.survey import SurveyTable
from kano_tui.engine.project.storage import write_frame
from kano_tui.errors import SurveyImportError
from kano_tui.session.workspace import Workspace

CELLS = st.lists(st.one_of(st.none(), st.integers(-3, 12)), max_size=40)


INT16 = pa.int16()


def arrow_series(values: list[int | None], kind: pa.DataType = INT16, chunks: int = 1) -> pd.Series:
    """A column as the canonical importer reads it: Arrow-backed, maybe in chunks."""
    step = max(1, -(-len(values) // chunks))
    parts = [pa.array(values[i : i + step], kind) for i in range(0, len(values), step)]
    return pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array(parts, kind)))


def numpy_way(
    values: list[int | None], low: int, high: int, blank: int
) -> tuple[np.ndarray, object]:
    """The general path: the same cells as a nullable pandas column."""
    return _integer_codes(pd.Series(values, dtype="Int64"), low, high, blank)


@settings(max_examples=150, deadline=None)
@given(
    CELLS,
    st.sampled_from([(1, 5, 0), (0, 10, -1), (1, 9, -1)]),
    st.integers(1, 3),
    st.sampled_from([pa.int8(), pa.int16(), pa.int64()]),
)
def test_arrow_integer_codes_are_the_general_paths(values, scale, chunks, kind) -> None:
    low, high, blank = scale
    codes, unknown = _integer_codes(arrow_series(values, kind, chunks), low, high, blank)
    expected, expected_unknown = numpy_way(values, low, high, blank)
    assert codes.dtype == np.int8
    np.testing.assert_array_equal(codes, expected)
    assert unknown == expected_unknown
    codes[:] = 0  # writable, as the general path's are


def test_an_out_of_range_code_is_still_named_with_its_row() -> None:
    codes, unknown = normalize_answers(arrow_series([1, 5, None, 7, 9]))
    assert unknown is not None and (unknown.position, unknown.value) == (3, 7)
    assert codes.tolist() == [1, 5, 0, -1, -1]
    codes, unknown = normalize_scale(arrow_series([0, 10, 11]), 0, 10)
    assert unknown is not None and unknown.position == 2


LABELS = st.lists(
    st.one_of(st.none(), st.sampled_from(["north", " north", "", "Zürich", "south ", "n/a"])),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(LABELS, st.integers(1, 3))
def test_arrow_factorize_is_pandas_factorize(values, chunks) -> None:
    step = max(1, -(-len(values) // chunks))
    parts = [pa.array(values[i : i + step], pa.string()) for i in range(0, len(values), step)]
    read = SurveyColumns(SurveyTable(arrow=pa.table({"c": pa.chunked_array(parts, pa.string())})))
    codes, uniques = factorize(read, "c")
    expected_codes, expected_uniques = pd.factorize(pd.Series(values, dtype=object))
    np.testing.assert_array_equal(codes, expected_codes)
    assert uniques == list(expected_uniques)
    plain = SurveyColumns(SurveyTable(frame=pd.DataFrame({"c": pd.Series(values, dtype=object)})))
    labels, expected = text_labels(read, "c", default="w1"), text_labels(plain, "c", default="w1")
    np.testing.assert_array_equal(labels.codes, expected.codes)
    assert labels.categories == expected.categories


def test_the_checksum_taken_while_reading_is_the_files(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(b"x" * (3 << 20) + b"tail")
    assert hash_in_background(path)() == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(FileNotFoundError):
        hash_in_background(tmp_path / "missing.csv")()


def survey(path: Path, ids: list[str], answers: str = "1") -> Path:
    lines = ["respondent,wave,a.functional,a.dysfunctional"]
    lines += [f"{r},2026-Q1,{answers},5" for r in ids]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_repeated_id_is_found_and_listed_in_its_place(tmp_path: Path) -> None:
    project = Workspace.create(tmp_path / "p")
    source = survey(tmp_path / "s.csv", ["R1", "R2", "R3", "R2"], answers="1")
    prepared = project.prepare_import(source)
    assert len(prepared.problems) == 1
    assert "row 5" in prepared.problems[0] and "'R2'" in prepared.problems[0]
    assert "appears twice" in prepared.problems[0]
    # Before the answers' problems, as ever: the CLI shows the first problem.
    bad = survey(tmp_path / "t.csv", ["R1", "R1"], answers="9")
    prepared = project.prepare_import(bad)
    assert "appears twice" in prepared.problems[0]
    assert "not a Kano answer" in prepared.problems[1]
    with pytest.raises(SurveyImportError, match="appears twice"):
        prepared.check()


def test_distinct_ids_import_and_the_record_keeps_the_sources_checksum(tmp_path: Path) -> None:
    project = Workspace.create(tmp_path / "p")
    source = survey(tmp_path / "s.csv", [f"R{i}" for i in range(5000)])
    record = project.import_file(source)
    assert record.rows == 5000
    assert record.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    with pytest.raises(SurveyImportError, match="already imported"):
        project.prepare_import(source).check()


def test_data_files_are_one_uncompressed_batch(tmp_path: Path) -> None:
    rows = 200_000  # more than Feather's default batch of 65,536 rows
    frame = pd.DataFrame(
        {"respondent": [f"R{i}" for i in range(rows)], "a.functional": np.ones(rows, np.int8)}
    )
    path = tmp_path / "import-001.arrow"
    write_frame(frame, path, {"id": "import-001", "rows": rows})
    with pa.memory_map(str(path)) as source:
        reader = pa.ipc.open_file(source)
        assert reader.num_record_batches == 1
        batch = reader.get_batch(0)
        assert batch.num_rows == rows
    table = feather.read_table(path, memory_map=True)
    assert all(column.num_chunks == 1 for column in table.columns)
    # Uncompressed: the stored bytes hold the int8 answers as they are.
    assert path.stat().st_size > rows


CELL = st.one_of(
    st.sampled_from(["", " ", "7", " 12 ", "-3", "12345", "1.5", "x", "007", "- 1", "9999", "1 2"]),
    st.from_regex(r"-?\d{1,6}", fullmatch=True),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELL, min_size=0, max_size=4), max_size=12))
def test_sampled_columns_are_typed_by_the_per_cell_rule(rows) -> None:
    """A column parses straight to integers when every sampled non-blank cell is a whole
    number of up to four digits -- the rule as it was written per cell."""
    import re

    from kano_tui.engine.importing.textfile import TextLayout
    from kano_tui.importers.canonical import _column_types

    header = ["respondent", "a", "b", "c"]
    lines = [",".join(header), *(",".join(row) for row in rows), "cut-off"]
    layout = TextLayout("utf-8", ",", header, "\n".join(lines))
    types = _column_types(header, layout, 0)
    for i, name in enumerate(header):
        cells = [row[i] for row in rows if i < len(row) and row[i].strip()]
        numeric = bool(cells) and all(re.match(r"^\s*-?\d{1,4}\s*$", c) for c in cells)
        expected = pa.int16() if numeric and name != "respondent" else pa.string()
        assert types[name] == expected, (name, cells)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(-128, 127), min_size=1, max_size=60),
    st.sampled_from([4, 5, 7, 9]),
    st.booleans(),
)
def test_importance_counted_as_bytes_is_the_range_checked_count(cells, scale, weighted) -> None:
    """The one-pass count of int8 importance answers (every byte its own slot) equals
    the range-checked count of the same answers held wider."""
    from kano_tui.engine.analysis.figures import importance_histograms

    matrix = np.asarray(cells, dtype=np.int8).reshape(-1, 1)
    weights = np.linspace(0.5, 2.0, len(cells)) if weighted else None
    fast = importance_histograms(matrix, 1, scale, weights=weights)
    general = importance_histograms(matrix.astype(np.int16), 1, scale, weights=weights)
    np.testing.assert_allclose(fast, general)
    assert fast[0, 0, 0] == 0
