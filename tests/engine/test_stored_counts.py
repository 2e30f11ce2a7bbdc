"""The answer counts each data file carries (storage.COUNTS_KEY): an analysis of everyone,
of a wave or by wave made of them is the analysis made of the answers themselves, to the
last figure, for any stored answers, several imports with different features, blanks,
waves and codes off the importance scale; a file without them (an earlier version's), or
with counts that are not what the import writes, is counted from its answers, as before;
and the files pass the same checks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.classifiers.builtin import BergerRuleClassifier, ContinuousClassifier, ModeClassifier
from kano_tui.engine.analysis.compare import comparison_to_json
from kano_tui.engine.analysis.evaluation import BUILT_IN_TABLES
from kano_tui.engine.analysis.run import (
    analysis_of_counts,
    analysis_to_json,
    counted,
    run_analysis,
)
from kano_tui.engine.importing.survey import ImportOptions
from kano_tui.engine.project import storage
from kano_tui.engine.project.model import Feature, Project
from kano_tui.engine.project.projectfile import load_project, save_project
from kano_tui.engine.project.storage import (
    COUNTS_KEY,
    answer_counts,
    file_sha256,
    load_counts,
    load_responses,
    write_table,
)
from kano_tui.errors import ProjectError
from kano_tui.session.workspace import Workspace
from tests.engine.test_responses_storage import import_record

FEATURES = ("camera", "battery", "charger")
COLUMNS = [
    f"{f}.{role}" for f in FEATURES for role in ("functional", "dysfunctional", "importance")
]
PUBLISHED = Path(__file__).parents[1] / "data" / "published"


@st.composite
def stored_answers(draw, rows: int) -> pa.Table:  # type: ignore[no-untyped-def]
    """One import's answers as any writer may store them: a random choice of columns,
    codes 0-5 (0 unanswered), importance -1 (blank) to 12 (off a 1-5 scale), and nulls."""
    columns: dict[str, pa.Array] = {"respondent": pa.array([f"R{i}" for i in range(rows)])}
    if draw(st.booleans()):  # a wave column, blanks included; stored encoded or not
        labels = st.sampled_from([None, "", " ", "2026-Q1", "2026-Q3", " 2026-Q3"])
        wave = pa.array(draw(st.lists(labels, min_size=rows, max_size=rows)), pa.string())
        columns["wave"] = wave.dictionary_encode() if draw(st.booleans()) else wave
    for name in draw(st.lists(st.sampled_from(COLUMNS), unique=True)):
        low, high = (-1, 12) if name.endswith(".importance") else (0, 5)
        codes = st.one_of(st.none(), st.integers(low, high))
        columns[name] = pa.array(draw(st.lists(codes, min_size=rows, max_size=rows)), pa.int8())
    return pa.table(columns)


def write_project(directory: Path, tables: list[pa.Table], scale: int = 5) -> Project:
    """A project of ``tables``, each written as an import writes its data file; its
    kano.toml lists one feature more (``unasked``) than any file has columns for."""
    project = Project.create("counts")
    project.features = [Feature(id=f, name=f.title()) for f in (*FEATURES, "unasked")]
    project.settings.importance_max = scale
    for number, table in enumerate(tables, start=1):
        record = import_record(number, table)
        record.data_sha256 = write_table(
            table, directory / record.data_file, {"id": record.id, "rows": record.rows}
        )
        project.imports.append(record)
    return project


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    sizes=st.lists(st.integers(0, 40), min_size=1, max_size=3),
    scale=st.integers(3, 10),
    table=st.sampled_from(BUILT_IN_TABLES),
    classifier=st.sampled_from([ModeClassifier(), ContinuousClassifier(), BergerRuleClassifier()]),
)
def test_the_counts_make_the_analysis_the_answers_make(data, sizes, scale, table, classifier):  # type: ignore[no-untyped-def]
    tables = [data.draw(stored_answers(rows)) for rows in sizes]
    with tempfile.TemporaryDirectory() as scratch:
        project = write_project(Path(scratch), tables, scale)
        counts = load_counts(project, Path(scratch))
        responses = load_responses(project, Path(scratch))
    assert counts is not None and len(counts) == len(responses) == sum(sizes)
    ids = project.feature_ids()
    assert counts.answered(ids, "importance") == responses.answered(ids, "importance")
    from_counts = analysis_of_counts(project, counts, classifier, table=table)
    from_answers = run_analysis(project, responses, classifier, table=table)
    assert analysis_to_json(from_counts) == analysis_to_json(from_answers)
    if "wave" not in responses:
        assert counts.waves == {}  # nobody has a wave: by wave counts the answers
        return
    assert counts.waves is not None and list(counts.waves) == responses.waves()
    for wave in counts.waves:  # each wave alone, and every wave as a group
        assert counted(counts, wave=wave)
        from_counts = analysis_of_counts(project, counts, classifier, wave=wave, table=table)
        from_answers = run_analysis(project, responses, classifier, wave=wave, table=table)
        assert analysis_to_json(from_counts) == analysis_to_json(from_answers)
    if counts.waves:
        from_counts = analysis_of_counts(project, counts, classifier, by="wave", table=table)
        from_answers = run_analysis(project, responses, classifier, by="wave", table=table)
        assert analysis_to_json(from_counts) == analysis_to_json(from_answers)


def test_hundreds_of_waves_and_the_whole_importance_range_count_alike(tmp_path: Path):
    """300 wave labels and importance codes from -1 to 127: cells past int16's range,
    counted in wider integers (a 300 x 129 importance grid overflowed int16)."""
    rows = 3000
    rng = np.random.default_rng(5)
    table = pa.table(
        {
            "respondent": pa.array([f"R{i}" for i in range(rows)]),
            "wave": pa.array([f"w{i % 300:03d}" for i in range(rows)]),
            "camera.functional": pa.array(rng.integers(0, 6, rows), pa.int8()),
            "camera.dysfunctional": pa.array(rng.integers(0, 6, rows), pa.int8()),
            "camera.importance": pa.array(
                np.r_[[-1, 127], rng.integers(-1, 128, rows - 2)], pa.int8()
            ),
        }
    )
    project = write_project(tmp_path, [table], scale=10)
    counts = load_counts(project, tmp_path)
    responses = load_responses(project, tmp_path)
    assert counts is not None and counts.waves is not None and len(counts.waves) == 300
    for by in (None, "wave"):
        from_counts = analysis_of_counts(project, counts, ModeClassifier(), by=by)
        from_answers = run_analysis(project, responses, ModeClassifier(), by=by)
        assert analysis_to_json(from_counts) == analysis_to_json(from_answers)


def test_an_import_writes_the_counts_of_its_answers(tmp_path: Path):
    """A real import (a published survey file, reppl storage cohort 1) stores counts in
    its data file's schema metadata that add up to every respondent, per feature."""
    project = tmp_path / "reppl"
    Workspace.create(project, "reppl")
    workspace = Workspace.open(project)
    record = workspace.import_file(PUBLISHED / "reppl_storage--cohort1-clean.csv")
    with pa.memory_map(str(project / record.data_file)) as source:
        metadata = pa.ipc.open_file(source).schema.metadata
    counts = json.loads(metadata[COUNTS_KEY])
    assert counts["rows"] == record.rows > 0
    assert set(counts["asked"]) == set(workspace.project.feature_ids())
    assert len(counts["pairs"]) == len(counts["asked"])
    for cells in counts["pairs"]:
        assert len(cells) == 36 and sum(cells) == record.rows
        assert cells[0] < record.rows  # the pairs were answered, not all blank


def test_published_waves_analyse_alike_from_counts_and_answers(tmp_path: Path):
    """The four cohorts of the reppl storage study (Kano survey data published with the
    study: tests/data/published/README.md), imported as four waves: `kano analyze` from
    the files' counts prints what it prints when it counts the answers -- overall, under
    each built-in table -- and the per-wave analysis still reads the answers."""
    project = tmp_path / "reppl"
    Workspace.create(project, "reppl")
    for cohort in range(1, 5):
        Workspace.open(project).import_file(
            PUBLISHED / f"reppl_storage--cohort{cohort}-clean.csv",
            options=ImportOptions(wave=f"cohort-{cohort}"),
        )
    for table in ("standard", "pouliot"):
        counted = Workspace.open(project)
        from_counts = analysis_to_json(counted.analyze(table=table))
        reading = Workspace.open(project)
        reading.responses()  # the respondents in memory: the analysis counts them
        assert analysis_to_json(reading.analyze(table=table)) == from_counts
        assert from_counts["features"][0]["n"] > 100
    by_wave = Workspace.open(project).analyze(by="wave")
    assert [group.value for group in by_wave.groups] == [f"cohort-{c}" for c in range(1, 5)]


def test_the_analyses_of_waves_read_no_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Workspace.analyze of every respondent, of one wave and by wave, and the comparison
    of the waves, take the counts (reading the respondents would fail here); a segment
    or a wave nobody has still read them."""
    write_sample(tmp_path)
    runs = {
        "all": lambda w: w.analyze(),
        "w1": lambda w: w.analyze(wave="w1"),
        "by wave": lambda w: w.analyze(by="wave"),
    }
    expected = {name: analysis_to_json(run(Workspace.open(tmp_path))) for name, run in runs.items()}
    compared = Workspace.open(tmp_path).compare()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the respondents were read")

    monkeypatch.setattr(storage, "load_responses", refuse)
    for name, run in runs.items():
        assert analysis_to_json(run(Workspace.open(tmp_path))) == expected[name], name
    again = Workspace.open(tmp_path).compare()
    assert (again.by, again.before, again.after) == ("wave", "w1", "w2")
    assert comparison_to_json(again) == comparison_to_json(compared)
    for reading in ({"by": "region"}, {"wave": "w9"}):
        with pytest.raises(AssertionError, match="respondents were read"):
            Workspace.open(tmp_path).analyze(**reading)


def write_sample(directory: Path) -> Project:
    tables = [
        pa.table(
            {
                "respondent": pa.array([f"R{wave}{i}" for i in range(6)]),
                "wave": pa.array([f"w{wave}"] * 6),
                "region": pa.array(["north", "south"] * 3),
                "camera.functional": pa.array([1, 1, 2, 5, 0, 3], pa.int8()),
                "camera.dysfunctional": pa.array([5, 4, 5, 1, 0, 3], pa.int8()),
                "camera.importance": pa.array([5, 4, -1, 2, 3, 9], pa.int8()),
            }
        )
        for wave in (1, 2)
    ]
    project = write_project(directory, tables)
    save_project(project, directory)
    return project


def rewrite_metadata(path: Path, counts: bytes | None) -> str:
    """Rewrite a data file with other counts in its metadata (None: none, as an earlier
    version wrote it), keeping its identity; return the new file's sha256."""
    with pa.memory_map(str(path)) as source:
        table = pa.ipc.open_file(source).read_all()
    metadata = dict(table.schema.metadata)
    metadata.pop(COUNTS_KEY)
    if counts is not None:
        metadata[COUNTS_KEY] = counts
    table = table.replace_schema_metadata(metadata)
    path.unlink()
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return file_sha256(path)


def _set(key: str, value: object) -> Callable[[dict], None]:  # type: ignore[type-arg]
    return lambda counts: counts.update({key: value})


def _bump_pair(counts: dict) -> None:  # type: ignore[type-arg]
    counts["pairs"][0][0] += 1  # one respondent too many


def _negative_pair(counts: dict) -> None:  # type: ignore[type-arg]
    cells = counts["pairs"][0]
    cells[0], cells[1] = cells[0] - 1 - cells[0], cells[1] + 1 + cells[0]  # adds up


def _ragged(counts: dict) -> None:  # type: ignore[type-arg]
    counts["pairs"][0].append(0)


def _fractions(counts: dict) -> None:  # type: ignore[type-arg]
    counts["pairs"][0][0] += 0.5
    counts["pairs"][0][1] -= 0.5


def _bump_importance(counts: dict) -> None:  # type: ignore[type-arg]
    counts["importance"][0][0] += 1


def _shifted_wave(counts: dict) -> None:  # type: ignore[type-arg]
    counts["waves"][0]["rows"] += 1


def _blank_wave(counts: dict) -> None:  # type: ignore[type-arg]
    counts["waves"][0]["value"] = " "


def _twice(counts: dict) -> None:  # type: ignore[type-arg]
    counts["waves"].append(counts["waves"][0])


def _wave_cells(counts: dict) -> None:  # type: ignore[type-arg]
    counts["waves"][0]["pairs"][0][0] += 1  # one respondent too many


DAMAGES = {
    "version": _set("version", 2),
    "no-feature": _set("asked", []),
    "other-feature": _set("asked", ["battery"]),
    "twice-named": _set("rated", ["camera", "camera"]),
    "rows": _set("rows", 7),
    "pair-sum": _bump_pair,
    "negative": _negative_pair,
    "ragged": _ragged,
    "fractions": _fractions,
    "low": _set("low", -200),
    "range": _set("high", 12),
    "importance-sum": _bump_importance,
    "wave-rows": _shifted_wave,
    "wave-blank": _blank_wave,
    "wave-twice": _twice,
    "wave-cells": _wave_cells,
    "waves-not-a-list": _set("waves", "w1"),
}


def _rewritten(tmp_path: Path, project: Project, counts: bytes | None) -> None:
    first = project.imports[0]
    first.data_sha256 = rewrite_metadata(tmp_path / first.data_file, counts)
    save_project(project, tmp_path)


def _stored(tmp_path: Path, project: Project) -> dict:  # type: ignore[type-arg]
    with pa.memory_map(str(tmp_path / project.imports[0].data_file)) as source:
        return json.loads(pa.ipc.open_file(source).schema.metadata[COUNTS_KEY])  # type: ignore[no-any-return]


@pytest.mark.parametrize("damage", list(DAMAGES.values()), ids=list(DAMAGES))
def test_counts_that_are_not_what_the_import_wrote_are_not_used(tmp_path: Path, damage):  # type: ignore[no-untyped-def]
    """Its kano.toml records the rewritten file's checksum (the file is the project's
    own): counts are not trusted unless they are what answer_counts writes -- for the
    file's features, adding up to its respondents, overall and per wave -- and the
    answers give the same figures, overall and by wave, as before."""
    project = write_sample(tmp_path)
    workspace = Workspace.open(tmp_path)
    expected = [analysis_to_json(workspace.analyze(**run)) for run in ({}, {"by": "wave"})]
    counts = _stored(tmp_path, project)
    damage(counts)
    _rewritten(tmp_path, project, json.dumps(counts).encode())
    assert load_counts(load_project(tmp_path), tmp_path) is None
    workspace = Workspace.open(tmp_path)
    assert [analysis_to_json(workspace.analyze(**run)) for run in ({}, {"by": "wave"})] == expected


@pytest.mark.parametrize("counts", [None, b"not json", b"[]"], ids=["none", "not-json", "list"])
def test_a_file_without_counts_is_counted_from_its_answers(tmp_path: Path, counts):  # type: ignore[no-untyped-def]
    """A file as an earlier version wrote it (no counts), or with counts kano cannot
    read, gives the figures its answers give."""
    project = write_sample(tmp_path)
    expected = analysis_to_json(Workspace.open(tmp_path).analyze())
    _rewritten(tmp_path, project, counts)
    assert load_counts(load_project(tmp_path), tmp_path) is None
    assert analysis_to_json(Workspace.open(tmp_path).analyze()) == expected


def test_the_counts_are_read_after_the_files_checks(tmp_path: Path):
    """A data file replaced by another import's, or missing, is refused by the analysis
    from counts with the sentence load_responses says."""
    project = write_sample(tmp_path)
    first, second = (tmp_path / record.data_file for record in project.imports)
    shutil.copyfile(second, first)
    with pytest.raises(ProjectError, match="does not belong to the import 'import-001'"):
        load_counts(project, tmp_path)
    with pytest.raises(ProjectError, match="does not belong to the import 'import-001'"):
        load_responses(project, tmp_path)
    first.unlink()
    with pytest.raises(ProjectError, match="data file responses/import-001.arrow is missing"):
        load_counts(project, tmp_path)


def test_answers_that_are_not_codes_are_not_counted():
    """A functional code outside 0-5 (no importer writes one): no counts; the file is
    then read as before."""
    table = pa.table(
        {
            "camera.functional": pa.array([1, 7], pa.int8()),
            "camera.dysfunctional": pa.array([5, 4], pa.int8()),
        }
    )
    assert answer_counts(table) is None
    wide = table.set_column(0, "camera.functional", pa.array([1, None], pa.int16()))
    counts = answer_counts(wide)  # any whole numbers in range count; a null is blank
    assert counts is not None
    assert counts["asked"] == ["camera"]
    assert counts["pairs"][0][6 * 1 + 5] == counts["pairs"][0][6 * 0 + 4] == 1
    texts = table.set_column(0, "camera.functional", pa.array(["1", "2"]))
    assert answer_counts(texts) is None


def test_kano_analyze_at_the_command_line_takes_the_counts(tmp_path: Path):
    """The whole `kano analyze --format json` process on an imported published file
    (the reppl money-transfer study's Kano answers, all cohorts) prints the same figures
    whether the data file carries counts or not (the same file rewritten as an earlier
    version wrote it)."""
    project = tmp_path / "transfers"
    Workspace.create(project, "transfers")
    Workspace.open(project).import_file(PUBLISHED / "reppl_transfers--all_cohorts-clean.csv")

    def analyze() -> str:
        command = [sys.executable, "-m", "kano_tui.cli.main", "analyze", str(project)]
        done = subprocess.run([*command, "--format", "json"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    with_counts = analyze()
    loaded = load_project(project)
    record = loaded.imports[0]
    record.data_sha256 = rewrite_metadata(project / record.data_file, None)
    save_project(loaded, project)
    assert load_counts(load_project(project), project) is None
    assert analyze() == with_counts
    assert json.loads(with_counts)["features"]
