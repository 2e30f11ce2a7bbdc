"""Survey-tool exports import to the same figures as the canonical CSV of the same answers."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.importing.survey import ImportOptions
from kano_tui.errors import SurveyImportError
from kano_tui.plugins.manager import build_plugins
from kano_tui.session.workspace import Workspace

from .conftest import figures_by_name
from .exports import (
    FEATURES,
    PLANS,
    WRITERS,
    Answers,
    qualtrics_rows,
    random_answers,
    surveymonkey_rows,
    write_canonical_csv,
    write_qualtrics_csv,
)

TOOLS = tuple(WRITERS)
TOOL_IMPORTERS = ("qualtrics", "surveymonkey", "googleforms", "typeform")


def export(tool: str, answers: Answers, directory: Path) -> Path:
    writer, _ = WRITERS[tool]
    return writer(answers, directory / f"{tool}-export.{'json' if tool == 'json' else 'csv'}")


def canonical(tool: str, answers: Answers, directory: Path) -> Path:
    return write_canonical_csv(answers, directory / f"{tool}-canonical.csv", WRITERS[tool][1])


@pytest.mark.parametrize("tool", TOOLS)
def test_each_export_yields_the_figures_of_the_canonical_csv(tool, tmp_path, import_into):
    answers = random_answers(seed=11, respondents=80)
    source = export(tool, answers, tmp_path)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()

    from_tool = import_into(source)
    from_csv = import_into(canonical(tool, answers, tmp_path))

    assert from_tool.project.imports[0].importer == tool  # chosen from the file itself
    result = figures_by_name(from_tool)
    assert result == figures_by_name(from_csv)
    assert [f["n"] for f in result["features"]] == [
        int(((answers.functional[:, j] > 0) & (answers.dysfunctional[:, j] > 0)).sum())
        for j in range(len(answers.features))
    ]
    assert (
        from_tool.responses().frame["nps"].to_numpy()
        == from_csv.responses().frame["nps"].to_numpy()
    ).all()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest  # source untouched


@pytest.mark.parametrize("tool", TOOLS)
def test_each_export_is_recognised_by_its_own_importer_only(tool, tmp_path):
    plugins = build_plugins(entry_points=False)
    source = export(tool, random_answers(respondents=5), tmp_path)
    head = source.read_bytes()[:262144]
    claimed = [
        name
        for name, importer in plugins.importers.items()
        if source.suffix in importer.extensions and importer.sniff(source, head)
    ]
    assert claimed == [tool]
    plain = canonical(tool, random_answers(respondents=5), tmp_path)
    claimed = [
        name
        for name, importer in plugins.importers.items()
        if importer.sniff(plain, plain.read_bytes())
    ]
    assert claimed == ["csv"]


def test_the_respondent_id_and_segments_come_through_and_personal_data_stays_out(
    tmp_path, import_into
):
    answers = random_answers(respondents=12)
    workspace = import_into(write_qualtrics_csv(answers, tmp_path / "q.csv"))
    frame = workspace.responses().frame
    assert frame["respondent"].tolist() == answers.respondents
    assert frame["Q1"].tolist() == answers.plan  # "Which plan are you on?" is a segment
    assert {"Finished", "DistributionChannel", "UserLanguage"} <= set(frame.columns)
    for private in ("IPAddress", "LocationLatitude", "RecipientEmail", "StartDate"):
        assert private not in frame.columns
    assert "crashes" in frame["Q6"].iloc[0]  # a free-text answer with a line break


def test_proposals_carry_a_confidence_below_one_and_the_question(tmp_path):
    workspace = Workspace.create(tmp_path / "p")
    source = write_qualtrics_csv(random_answers(respondents=10), tmp_path / "q.csv")
    prepared = workspace.prepare_import(source)
    plan = {p.column: p for p in prepared.plan}
    assert (plan["Q2_1"].kind, plan["Q2_1"].feature, plan["Q2_1"].role) == (
        "answer",
        "face-recognition",
        "functional",
    )
    assert plan["Q3_1"].role == "dysfunctional" and plan["Q4_1"].role == "importance"
    assert plan["Q5"].kind == "nps"
    assert 0.5 <= plan["Q2_1"].confidence < 1
    assert (
        plan["Q2_1"].question == "How would you feel if the product had the following? "
        "- Face recognition"
    )
    assert plan["Q1"].kind == "attribute" and plan["Q1"].question == "Which plan are you on?"
    assert not (tmp_path / "p" / "responses").exists() or not any(
        (tmp_path / "p" / "responses").iterdir()
    )


def test_the_next_wave_imports_with_the_saved_mapping(tmp_path, import_into):
    first = import_into(
        write_qualtrics_csv(random_answers(seed=1), tmp_path / "w1.csv"), wave="2026-03"
    )
    saved = {(m.column, m.feature, m.role) for m in first.project.mappings}
    assert ("Q2_1", "face-recognition", "functional") in saved
    assert ("Q5", "", "nps") in saved
    assert len(saved) == 16  # five features x three questions, and the NPS question

    reopened = Workspace.open(first.directory)
    second = write_qualtrics_csv(random_answers(seed=2), tmp_path / "w2.csv")
    prepared = reopened.prepare_import(second, options=ImportOptions(wave="2026-09"))
    assert all(p.confidence == 1.0 for p in prepared.plan)  # nothing left to ask
    assert len([p for p in prepared.plan if p.kind == "answer"]) == 15
    assert prepared.new_features == []
    reopened.commit_import(prepared)
    assert reopened.responses().waves() == ["2026-03", "2026-09"]


def test_existing_features_are_matched_by_name(tmp_path, import_into):
    from kano_tui.engine.project.catalogue import add_feature

    workspace = Workspace.create(tmp_path / "p")
    add_feature(workspace.project, "Face recognition", feature_id="face-id")
    add_feature(workspace.project, "Battery life", feature_id="battery")
    workspace.save()
    import_into(
        write_qualtrics_csv(random_answers(features=2), tmp_path / "q.csv"), workspace=workspace
    )
    assert workspace.project.feature_ids() == ["face-id", "battery"]
    mapped = {m.column: m.feature for m in workspace.project.mappings}
    assert mapped["Q2_1"] == mapped["Q3_1"] == "face-id"
    assert mapped["Q2_2"] == "battery"  # "Long battery life" is close enough


FIRST_DATA_ROW = {"qualtrics": 4, "surveymonkey": 3, "googleforms": 2, "typeform": 2}
FIRST_FUNCTIONAL_COLUMN = {"qualtrics": 18, "surveymonkey": 10, "googleforms": 3, "typeform": 2}


def _rewrite(source: Path, row: int, column: int, value: str) -> str:
    """Put ``value`` in a cell (1-based file row); return the column's name as the
    error should show it."""
    rows = list(csv.reader(io.StringIO(source.read_bytes().decode("utf-8-sig"))))
    rows[row - 1][column] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    source.write_text(buffer.getvalue(), encoding="utf-8")
    if source.name.startswith("surveymonkey"):
        return f"{rows[0][column]} - {rows[1][column]}"
    return rows[0][column]


@pytest.mark.parametrize("tool", TOOL_IMPORTERS)
def test_an_unknown_wording_names_the_file_row_and_column(tool, tmp_path, import_into):
    source = export(tool, random_answers(respondents=6), tmp_path)
    row = FIRST_DATA_ROW[tool] + 2  # the third respondent
    column = _rewrite(source, row, FIRST_FUNCTIONAL_COLUMN[tool], "Meh")
    workspace = Workspace.create(tmp_path / "p")
    before = (workspace.directory / "kano.toml").read_bytes()

    with pytest.raises(SurveyImportError) as raised:
        import_into(source, workspace=workspace)

    assert str(raised.value).startswith(f"{source}, row {row}, column {column!r}, value 'Meh': ")
    assert (workspace.directory / "kano.toml").read_bytes() == before
    assert not list(workspace.directory.glob("responses/*"))


def test_a_short_row_is_reported_with_its_row(tmp_path, import_into):
    rows = surveymonkey_rows(random_answers(respondents=4))
    rows[3] = rows[3][:5]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    source = tmp_path / "sm.csv"
    source.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(
        SurveyImportError,
        match=r"sm\.csv, row 4: expected 26 columns "
        r"but found 5",
    ):
        import_into(source)


def test_a_file_with_only_its_header_rows_says_so(tmp_path, import_into):
    rows = qualtrics_rows(random_answers(respondents=1))[:3]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    source = tmp_path / "empty.csv"
    source.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(SurveyImportError, match="header rows but no rows of answers"):
        import_into(source)


def test_an_unrecognised_file_given_a_tool_importer_is_refused_clearly(tmp_path, import_into):
    source = write_canonical_csv(random_answers(respondents=3), tmp_path / "plain.csv")
    with pytest.raises(SurveyImportError, match="does not look like a Qualtrics export"):
        import_into(source, importer="qualtrics")


# --------------------------------------------------------------------------- properties


@st.composite
def answer_sets(draw) -> Answers:
    n = draw(st.integers(1, 12))
    k = draw(st.integers(1, 4))
    chosen = tuple(draw(st.lists(st.sampled_from(FEATURES), min_size=k, max_size=k, unique=True)))

    def matrix(values: list[int]) -> np.ndarray:
        drawn = draw(st.lists(st.sampled_from(values), min_size=n * k, max_size=n * k))
        return np.array(drawn, dtype=np.int64).reshape(n, k)

    return Answers(
        features=chosen,
        respondents=[f"r{i}" for i in range(n)],
        functional=matrix(list(range(6))),  # 0: skipped
        dysfunctional=matrix(list(range(6))),
        importance=matrix([-1, *range(1, 10)]),  # -1: skipped
        nps=np.array(draw(st.lists(st.integers(-1, 10), min_size=n, max_size=n)), dtype=np.int64),
        plan=draw(st.lists(st.sampled_from(PLANS), min_size=n, max_size=n)),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=answer_sets(), tool=st.sampled_from(TOOLS))
def test_any_answers_give_the_same_figures_through_any_export(answers, tool, tmp_path_factory):
    directory = tmp_path_factory.mktemp(tool)
    results = []
    for source in (export(tool, answers, directory), canonical(tool, answers, directory)):
        workspace = Workspace.create(directory / f"project-{source.stem}")
        workspace.import_file(source)
        results.append(figures_by_name(workspace))
    assert results[0] == results[1]


def test_a_qualtrics_tsv_download_in_utf16_reads_the_same(tmp_path, import_into):
    answers = random_answers(seed=4, respondents=30)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\r\n").writerows(qualtrics_rows(answers))
    source = tmp_path / "export.tsv"
    source.write_bytes(buffer.getvalue().encode("utf-16"))  # with its byte-order mark
    from_tsv = import_into(source)
    assert from_tsv.project.imports[0].importer == "qualtrics"
    assert figures_by_name(from_tsv) == figures_by_name(
        import_into(write_canonical_csv(answers, tmp_path / "c.csv"))
    )


@pytest.mark.parametrize("tool", TOOL_IMPORTERS)
def test_a_cell_larger_than_the_readers_block_imports(tool, tmp_path):
    """A 9 MB segment cell (a pasted document): the survey-tool reader reads again with
    larger blocks, as the canonical reader does, rather than failing."""
    source = export(tool, random_answers(seed=5, respondents=20), tmp_path)
    text = source.read_bytes()
    plan = next(p.encode() for p in PLANS if p.encode() in text.split(b"\n", 5)[-1])
    huge = b"x" * (9 << 20)
    position = text.index(plan, len(text) // 2)
    source.write_bytes(text[:position] + huge + text[position + len(plan) :])
    workspace = Workspace.create(tmp_path / "p")
    workspace.import_file(source, tool)
    assert len(workspace.responses()) == 20


@pytest.mark.parametrize("tool", TOOL_IMPORTERS)
def test_damaged_utf8_in_an_export_is_named_by_row(tool, tmp_path):
    source = export(tool, random_answers(seed=6, respondents=30), tmp_path)
    lines = source.read_bytes().split(b"\n")
    lines[-5] = (
        lines[-5].replace(PLANS[0].encode(), b"Pr\xffpaid", 1)
        if PLANS[0].encode() in lines[-5]
        else lines[-5] + b"\xff"
    )
    source.write_bytes(b"\n".join(lines))
    damaged_line = len(lines) - 4  # lines[-5], counted from 1
    with pytest.raises(
        SurveyImportError, match=rf"row {damaged_line}: byte \d+ \(0xFF\) is not valid UTF-8"
    ):
        Workspace.create(tmp_path / "p").prepare_import(source, tool)
