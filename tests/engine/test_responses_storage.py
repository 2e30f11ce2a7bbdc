"""Stored respondents, read as Arrow: several imports with different columns and column
types combine into one table, and every view of it (the pandas frame, filters, distinct
values, numbers, answer matrices) agrees with a plain pandas oracle — the way the
respondents were read before they stayed in Arrow."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyarrow import feather

from kano_tui.engine.project.model import ImportRecord, Project
from kano_tui.engine.project.storage import load_responses
from kano_tui.errors import KanoError, ProjectError

FEATURES = ("camera", "battery")
ANSWERS = [f"{f}.{role}" for f in FEATURES for role in ("functional", "dysfunctional")]
IMPORTANCE = [f"{f}.importance" for f in FEATURES]
TEXTS = st.one_of(st.none(), st.sampled_from(["", "north", "south", "Zürich", " east "]))


@st.composite
def stored_import(draw, rows: int) -> pa.Table:  # type: ignore[no-untyped-def]
    """One import's data file as kano writes it, with a random choice of columns."""
    columns: dict[str, pa.Array] = {
        "respondent": pa.array([f"R{draw(st.integers(0, 10**6))}" for _ in range(rows)])
    }
    if draw(st.booleans()):
        waves = draw(
            st.lists(st.sampled_from(["2026-Q1", "2026-Q3", ""]), min_size=rows, max_size=rows)
        )
        wave = pa.array(waves, pa.large_string())
        columns["wave"] = wave.dictionary_encode() if draw(st.booleans()) else wave
    if draw(st.booleans()):
        region = pa.array(draw(st.lists(TEXTS, min_size=rows, max_size=rows)), pa.string())
        columns["region"] = region.dictionary_encode() if draw(st.booleans()) else region
    if draw(st.booleans()):
        columns["nps"] = pa.array(
            draw(st.lists(st.integers(-1, 10), min_size=rows, max_size=rows)), pa.int8()
        )
    for name in draw(st.lists(st.sampled_from(ANSWERS + IMPORTANCE), unique=True)):
        low = -1 if name.endswith("importance") else 0
        columns[name] = pa.array(
            draw(st.lists(st.integers(low, 5), min_size=rows, max_size=rows)), pa.int8()
        )
    return pa.table(columns)


def import_record(number: int, table: pa.Table) -> ImportRecord:
    """The kano.toml record of import ``number`` holding ``table``'s respondents."""
    return ImportRecord(
        id=f"import-{number:03d}",
        source=f"wave{number}.csv",
        sha256=str(number),
        rows=table.num_rows,
        importer="csv",
        imported_at="2026-11-23T10:00:00",
    )


def write_project(directory: Path, tables: list[pa.Table]) -> Project:
    project = Project.create("storage")
    for number, table in enumerate(tables, start=1):
        record = import_record(number, table)
        path = directory / record.data_file
        path.parent.mkdir(parents=True, exist_ok=True)
        feather.write_feather(table, path, compression="zstd", chunksize=3)
        project.imports.append(record)
    return project


def oracle_frame(tables: list[pa.Table]) -> pd.DataFrame:
    """What loading meant before: each file to pandas, concatenated, blanks filled."""
    frames = [
        t.to_pandas(
            types_mapper=lambda t: pd.StringDtype("pyarrow") if pa.types.is_string(t) else None
        )
        for t in tables
    ]
    frame = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
    for column in frame.columns:
        if column in ANSWERS + IMPORTANCE + ["nps"]:
            blank = 0 if column in ANSWERS else -1
            frame[column] = frame[column].fillna(blank).astype(np.int8)
    return frame


def as_texts(series: pd.Series) -> list[object]:
    return [None if v is None or v is pd.NA or v != v else str(v) for v in series.tolist()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), sizes=st.lists(st.integers(0, 12), min_size=1, max_size=3))
def test_loaded_respondents_agree_with_a_pandas_oracle(data, sizes):  # type: ignore[no-untyped-def]
    tables = [data.draw(stored_import(rows)) for rows in sizes]
    with tempfile.TemporaryDirectory() as scratch:
        project = write_project(Path(scratch), tables)
        responses = load_responses(project, Path(scratch))
    expected = oracle_frame(tables)

    assert len(responses) == len(expected) == sum(sizes)
    assert responses.columns == list(expected.columns)
    assert responses.table.schema.metadata is None  # no pandas metadata is ever read
    frame = responses.frame
    for column in expected.columns:
        if column in ANSWERS + IMPORTANCE + ["nps"]:
            assert frame[column].dtype == np.int8
            assert frame[column].tolist() == expected[column].tolist()
            assert responses.numbers(column).tolist() == expected[column].tolist()
        else:
            assert as_texts(frame[column]) == as_texts(expected[column]), column

    matrix = responses.answers(list(FEATURES), "functional")
    for j, feature in enumerate(FEATURES):
        column = f"{feature}.functional"
        wanted = expected[column] if column in expected else pd.Series(np.zeros(len(expected)))
        assert matrix[:, j].tolist() == wanted.tolist()
        assert responses.answer_codes(feature, "functional").tolist() == wanted.tolist()

    for column in ("wave", "region"):
        if column not in expected:
            continue
        texts = expected[column].astype("str")
        values = {str(v) for v in expected[column].dropna().tolist() if str(v).strip()}
        assert {str(v) for v in responses.values(column)} == values
        for value in sorted(values | {"nowhere"}):
            mask = (texts == value).to_numpy(dtype=bool, na_value=False)
            assert responses.matches(column, value).tolist() == mask.tolist()
        subset = responses.subset(responses.matches(column, "north"))
        assert len(subset) == int(responses.matches(column, "north").sum())


def test_filtering_on_a_missing_column_names_it(tmp_path: Path):
    project = write_project(tmp_path, [pa.table({"respondent": ["R1"]})])
    responses = load_responses(project, tmp_path)
    with pytest.raises(KanoError, match="no respondent column 'plan'"):
        responses.matches("plan", "prepaid")


def test_reading_some_columns_keeps_every_respondent(tmp_path: Path):
    """A one-off analysis reads only the answer columns; a file with none of them still
    counts its respondents."""
    project = write_project(
        tmp_path,
        [
            pa.table(
                {"respondent": ["R1", "R2"], "camera.functional": pa.array([1, 2], pa.int8())}
            ),
            pa.table({"respondent": ["R3"]}),
        ],
    )
    responses = load_responses(project, tmp_path, columns=["camera.functional", "nope"])
    assert responses.columns == ["camera.functional"]
    assert responses.answer_codes("camera", "functional").tolist() == [1, 2, 0]
    nothing = load_responses(project, tmp_path, columns=["battery.functional"])
    assert (nothing.columns, len(nothing)) == ([], 3)
    assert nothing.answers(["battery"], "functional").tolist() == [[0], [0], [0]]


def test_a_damaged_data_file_is_named(tmp_path: Path):
    project = write_project(tmp_path, [pa.table({"respondent": ["R1"]})])
    (tmp_path / project.imports[0].data_file).write_bytes(b"not arrow at all")
    with pytest.raises(ProjectError, match=r"import-001\.arrow is damaged"):
        load_responses(project, tmp_path)


def test_a_data_file_with_text_for_answers_is_named_damaged(tmp_path: Path):
    project = write_project(
        tmp_path, [pa.table({"respondent": ["R1"], "camera.functional": ["like"]})]
    )
    with pytest.raises(
        ProjectError,
        match=r"damaged: its column 'camera.functional' holds "
        r"string values, not answer codes\.",
    ):
        load_responses(project, tmp_path)


def test_imports_whose_dictionaries_together_outgrow_their_index_type_combine(tmp_path: Path):
    """Each import stores a text column dictionary-encoded with the narrowest index that
    holds its own values (int8 for the 91 ids of reppl's first cohort); the four cohorts
    together (363 ids) need wider indices, which loading gives them (it used to stop
    with "These dictionaries cannot be combined", an internal error of `kano quality`)."""
    ids = [[f"R{wave}-{i}" for i in range(100)] for wave in range(4)]
    tables = [
        pa.table({"respondent": pa.array(wave).dictionary_encode().cast(_int8_dictionary())})
        for wave in ids
    ]
    assert all(t.schema.field("respondent").type.index_type == pa.int8() for t in tables)
    responses = load_responses(write_project(tmp_path, tables), tmp_path)
    assert len(responses) == 400
    assert responses.table.column("respondent").to_pylist() == [i for wave in ids for i in wave]
    assert responses.matches("respondent", "R3-99").sum() == 1


def _int8_dictionary() -> pa.DataType:
    return pa.dictionary(pa.int8(), pa.string())
