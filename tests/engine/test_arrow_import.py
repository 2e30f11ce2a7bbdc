"""The Arrow path of an import (issue 18) is the pandas path, without pandas.

The built-in CSV importer hands the core its Arrow table; a plugin hands a DataFrame. On
generated wide CSVs (numeric codes, blanks, wordings, importance numbers and labels,
waves, segments, repeated and blank ids, bad values), both give the same problems in the
same order, the same taught and unknown values, and the same stored data file, byte for
byte. And the stored table is what ``pyarrow.Table.from_pandas`` made of the DataFrame
earlier versions assembled (Arrow-backed ids, Categoricals, int8 codes): the same types,
values and ``pandas`` metadata, so a data file is what it always was.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.importing import ingest
from kano_tui.engine.importing.survey import ImportOptions, SurveyTable
from kano_tui.engine.project.storage import write_frame, write_table
from kano_tui.importers.canonical import CanonicalCsvImporter
from kano_tui.session.workspace import Workspace
from tests.conftest import run_python

CODES = st.sampled_from(["1", "2", "3", "4", "5", ""])
ODD = st.sampled_from(["7", "0", "I like it", "It must be that way", "whatever", " 3 ", "-1"])
IMPORTANCE = st.sampled_from(["", "1", "5", "9", "12", "Very important", "Not important"])
WAVES = st.sampled_from(["2026-03", "2026-09", "", " 2026-03 "])
SEGMENTS = st.sampled_from(["power user", "everyday", " everyday", "", "Zürich", "n/a"])
SCALE = st.sampled_from(["", "0", "5", "10", "11"])


@st.composite
def wide_surveys(draw: st.DrawFn) -> str:
    """A canonical wide CSV: mostly numeric codes, sometimes anything a survey holds."""
    features = draw(st.integers(1, 3))
    with_importance = draw(st.booleans())
    header = ["respondent", "wave", "segment", "nps", "csat"]
    keep = draw(st.lists(st.booleans(), min_size=5, max_size=5))
    header = [h for h, kept in zip(header, keep, strict=True) if kept]
    for j in range(features):
        header += [f"f{j}.functional", f"f{j}.dysfunctional"]
        header += [f"f{j}.importance"] if with_importance else []
    odd = draw(st.booleans())  # a file with something that is not a plain code
    rows = []
    for i in range(draw(st.integers(1, 25))):
        row = []
        for name in header:
            if name == "respondent":
                row.append(draw(st.sampled_from([f"R{i}", f"R{i}", f" R{i} ", "R0", ""])))
            elif name == "wave":
                row.append(draw(WAVES))
            elif name == "segment":
                row.append(draw(SEGMENTS))
            elif name in ("nps", "csat"):
                row.append(draw(SCALE) if odd else "")
            elif name.endswith(".importance"):
                row.append(draw(IMPORTANCE) if odd else draw(st.sampled_from(["", "3", "9"])))
            else:
                row.append(draw(st.one_of(CODES, ODD)) if odd else draw(CODES))
        rows.append(",".join(row))
    return "\n".join([",".join(header), *rows]) + "\n"


def plain_frame(table: pa.Table) -> pd.DataFrame:
    """The table as a plugin's DataFrame: object text, nullable integers -- no Arrow, so
    the import takes its pandas paths."""
    return table.to_pandas(
        types_mapper=lambda kind: pd.Int64Dtype() if pa.types.is_integer(kind) else None
    ).astype({f.name: object for f in table.schema if f.type == pa.string()})


def outcome(directory: Path, table: SurveyTable, source: Path) -> dict[str, object]:
    """What an import of ``table`` does: its problems and what it learns, and the data
    file it stores (its bytes' sha256) when it has no problem."""
    workspace = Workspace.create(directory)
    prepared = ingest.prepare_import(
        workspace.project, workspace.directory, source, table, "csv", ImportOptions()
    )
    result: dict[str, object] = {
        "problems": prepared.problems,
        "unknown": (prepared.unknown_wordings, prepared.unknown_importance),
        "scale": prepared.importance_scale,
        "rows": prepared.rows,
        "waves": prepared.wave_counts(),
        "features": [f.id for f in prepared.new_features],
    }
    if not prepared.problems:
        record = ingest.commit_import(workspace.project, workspace.directory, prepared)
        stored = workspace.directory / record.data_file
        result["sha256"] = hashlib.sha256(stored.read_bytes()).hexdigest()
        assert record.data_sha256 == result["sha256"]
    return result


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wide_surveys())
def test_the_arrow_path_imports_as_the_pandas_path(tmp_path_factory, text: str) -> None:
    scratch = tmp_path_factory.mktemp("survey")
    source = scratch / "survey.csv"
    source.write_text(text, encoding="utf-8")
    read = CanonicalCsvImporter().read(source, ImportOptions())
    assert read.frame is None and read.arrow is not None  # handed over as Arrow columns
    as_plugin = SurveyTable(frame=plain_frame(read.arrow), layout=read.layout)
    by_arrow = outcome(scratch / "a", read, source)
    by_pandas = outcome(scratch / "p", as_plugin, source)
    assert by_arrow == by_pandas


def as_earlier_versions_built_it(table: pa.Table) -> pd.DataFrame:
    """The DataFrame ``prepare_import`` assembled before it built Arrow columns: the ids
    Arrow-backed text, each label column a Categorical of its codes, the codes int8."""
    columns: dict[str, object] = {}
    for name in table.column_names:
        column = table.column(name).combine_chunks()
        if pa.types.is_dictionary(column.type):
            codes = column.indices.fill_null(-1).to_numpy(zero_copy_only=False)
            categories = [str(c) for c in column.dictionary.to_pylist()]
            columns[name] = pd.Categorical.from_codes(codes, categories=categories)
        elif pa.types.is_string(column.type):
            columns[name] = pd.Series(pd.arrays.ArrowExtensionArray(column))
        else:
            columns[name] = column.to_numpy()
    return pd.DataFrame(columns, copy=False)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wide_surveys())
def test_the_stored_table_is_what_pandas_stored(tmp_path_factory, text: str) -> None:
    scratch = tmp_path_factory.mktemp("survey")
    source = scratch / "survey.csv"
    source.write_text(text, encoding="utf-8")
    workspace = Workspace.create(scratch / "p")
    prepared = workspace.prepare_import(source)
    assert prepared.stored is not None
    expected = pa.Table.from_pandas(
        as_earlier_versions_built_it(prepared.stored), preserve_index=False
    )
    assert prepared.stored.equals(expected, check_metadata=True)
    identity = {"id": "import-001", "rows": prepared.rows}
    ours = write_table(prepared.stored, scratch / "ours.arrow", identity)
    earlier = as_earlier_versions_built_it(prepared.stored)
    theirs = write_frame(earlier, scratch / "theirs.arrow", identity)
    assert ours == theirs  # the same bytes


def test_many_labels_are_stored_as_pandas_stores_them(tmp_path: Path) -> None:
    """A segment of 200 distinct labels has int16 codes; one left blank throughout holds no
    labels at all (a null dictionary), as a Categorical without categories."""
    rows = [f"R{i},s{i % 200},,{1 + i % 5},{1 + i % 3}" for i in range(400)]
    source = tmp_path / "survey.csv"
    source.write_text("respondent,segment,empty,a.functional,a.dysfunctional\n" + "\n".join(rows))
    stored = Workspace.create(tmp_path / "p").prepare_import(source).stored
    assert stored is not None
    assert stored.schema.field("segment").type == pa.dictionary(pa.int16(), pa.large_string())
    assert stored.schema.field("empty").type == pa.dictionary(pa.int8(), pa.null())
    expected = pa.Table.from_pandas(as_earlier_versions_built_it(stored), preserve_index=False)
    assert stored.equals(expected, check_metadata=True)


def test_a_numeric_survey_imports_without_pandas(tmp_path: Path) -> None:
    """The canonical wide CSV of numeric codes -- the million-respondent path -- never
    imports pandas (a third of a second), through the real command."""
    rng = np.random.default_rng(3)
    rows = 500
    columns = {
        "respondent": [f"R{i}" for i in range(rows)],
        "wave": rng.choice(["2026-03", "2026-09"], rows),
        "segment": rng.choice(["a", "b", ""], rows),
        "nps": rng.integers(0, 11, rows),
        "a.functional": rng.integers(1, 6, rows),
        "a.dysfunctional": rng.integers(1, 6, rows),
        "a.importance": rng.integers(1, 10, rows),
    }
    source = tmp_path / "survey.csv"
    pacsv.write_csv(pa.table(columns), source)
    project = tmp_path / "p"
    Workspace.create(project)
    script = (
        "import sys\n"
        "from kano_tui.cli.main import main\n"
        f"assert main(['import', {str(project)!r}, {str(source)!r}]) == 0\n"
        "print(sorted(m for m in ('pandas', 'pyarrow.feather') if m in sys.modules))\n"
    )
    done = run_python(script)
    assert done.returncode == 0, done.stderr
    assert "Imported 500 respondents" in done.stdout
    assert done.stdout.strip().endswith("[]")  # neither pandas nor pyarrow.feather
    responses = Workspace.open(project).responses()
    assert len(responses) == rows
    assert responses.frame["segment"].isna().sum() == columns["segment"].tolist().count("")


@pytest.mark.parametrize("second", ["R1", "R7"])
def test_a_second_wave_is_still_checked_against_the_first(tmp_path: Path, second: str) -> None:
    first = tmp_path / "first.csv"
    first.write_text("respondent,wave,a.functional,a.dysfunctional\nR1,w1,1,5\nR2,w1,2,4\n")
    again = tmp_path / "again.csv"
    again.write_text(f"respondent,wave,a.functional,a.dysfunctional\n{second},w1,3,3\n")
    workspace = Workspace.create(tmp_path / "p")
    workspace.import_file(first)
    problems = workspace.prepare_import(again).problems
    if second == "R1":
        assert problems == [
            f"{again}, row 2, column 'respondent', value 'R1': this respondent was already "
            "imported in wave 'w1'"
        ]
    else:
        assert problems == []


IDS = st.lists(
    st.one_of(st.none(), st.sampled_from(["R1", "R2", " R1", "", "Zoë"]), st.text(max_size=5)),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(IDS, st.integers(1, 3), st.data())
def test_repeated_ids_are_found_as_pandas_finds_them(ids, chunks, data) -> None:
    """The first respondent whose (id, wave) came before is pandas' ``duplicated``'s (with
    one wave, or none, the ids alone), whether NumPy's hashes or Arrow's table say so."""
    from kano_tui.engine.importing.columns import Labels, _surely_distinct, first_duplicate

    step = max(1, -(-len(ids) // chunks))
    parts = [pa.array(ids[i : i + step], pa.string()) for i in range(0, len(ids), step)]
    column = pa.chunked_array(parts, pa.string())
    categories = data.draw(st.sampled_from([["w1"], ["w1", "w2"], ["w1", "w2", "w3"]]))
    codes = data.draw(
        st.lists(st.integers(-1, len(categories) - 1), min_size=len(ids), max_size=len(ids))
    )
    waves = Labels(np.asarray(codes, dtype=np.intp), categories)
    frame = pd.DataFrame({"r": pd.Series(ids, dtype=pd.ArrowDtype(pa.string())), "w": codes})
    dupes = frame["r"].duplicated() if len(categories) <= 1 else frame.duplicated()
    expected = int(np.flatnonzero(dupes.to_numpy())[0]) if dupes.any() else None
    if len(set(ids)) == len(ids):
        expected = None  # distinct ids: no wave needs looking at
    assert first_duplicate(column, waves) == expected
    if _surely_distinct(column):
        assert len(set(ids)) == len(ids)
    else:  # alike ids, a blank beside "" (hashed alike), or ids too long to hash
        long = any(len(i.encode()) > 48 for i in ids if i)
        assert len(set(ids)) < len(ids) or long or (None in ids and "" in ids)


def test_a_quoted_line_break_is_one_cell_with_or_without_quotes_elsewhere(tmp_path: Path) -> None:
    """A file with no quote mark is split into rows at every line break (the parser's
    fast path); one with a quoted cell keeps that cell's line break inside it."""
    from kano_tui.importers.canonical import _may_quote

    plain = tmp_path / "plain.csv"
    plain.write_text("respondent,note,a.functional,a.dysfunctional\nR1,fine,1,5\nR2,ok,2,4\n")
    quoted = tmp_path / "quoted.csv"
    quoted.write_text(
        'respondent,note,a.functional,a.dysfunctional\nR1,"two\nlines",1,5\nR2,ok,2,4\n'
    )
    assert not _may_quote(plain, "utf-8") and _may_quote(quoted, "utf-8")
    assert _may_quote(plain, "utf-16")  # its quote mark is not the byte '"'
    for source, note in ((plain, "fine"), (quoted, "two\nlines")):
        read = CanonicalCsvImporter().read(source, ImportOptions())
        assert read.arrow is not None
        assert read.arrow.column("note").to_pylist() == [note, "ok"]
        assert read.arrow.column("respondent").to_pylist() == ["R1", "R2"]
