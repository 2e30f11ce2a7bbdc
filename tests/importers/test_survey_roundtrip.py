"""The loop closes: kano writes a tool's survey file, the tool's response export of that
survey imports back into the same project with no flags and no mapping question, adds no
feature, and holds exactly the answers put in (hypothesis draws the answers).

Each tool's export is built from kano's own survey file (``survey_tools``), in the layout
its importer documents; every tool is tried in another language and answer set.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.cli.main import main
from kano_tui.engine.importing.survey import ImportOptions
from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import SegmentQuestion
from kano_tui.engine.questionnaire.questions import Question, questionnaire
from kano_tui.exporters.surveys.googleforms import titles
from kano_tui.session.workspace import Workspace
from tests.importers import survey_tools

FEATURES = (
    "Calls",
    "Face recognition",
    "Long battery life",
    "Confusing interface",
    "Unique design",
)
PLANS = ["Prepaid", "Contract", "Business"]
TOOLS = {  # format -> (language, answer set, file name)
    "qsf": ("en", "berger", "survey.qsf"),
    "limesurvey": ("de", "berger", "survey.txt"),
    "googleforms": ("fr", "expect-tolerate", "form.gs"),
    "surveyjs": ("es", "expect-tolerate", "survey.json"),
}


def make_project(directory: Path, language: str, answer_set: str) -> None:
    workspace = Workspace.create(directory, "Phone study")
    project = workspace.project
    for name in FEATURES:
        add_feature(project, name)
    project.settings.language = language
    project.settings.answer_set = answer_set
    project.segments = [
        SegmentQuestion(column="plan", question="Which plan are you on?", options=list(PLANS))
    ]
    workspace.save()
    workspace.close()


@pytest.fixture(scope="module")
def surveys(tmp_path_factory) -> dict[str, Path]:
    """Per tool: a project whose survey file kano has written (and mapped)."""
    made = {}
    for fmt, (language, answer_set, file_name) in TOOLS.items():
        directory = tmp_path_factory.mktemp(fmt) / "project"
        make_project(directory, language, answer_set)
        assert (
            main(
                [
                    "questionnaire",
                    str(directory),
                    "--format",
                    fmt,
                    "-o",
                    str(directory.parent / file_name),
                ]
            )
            == 0
        )
        made[fmt] = directory
    return made


def _size(question: Question) -> int:
    return len(question.options)


def answer_strategy(questions: list[Question], respondents: int, somebody_answers: bool = False):  # type: ignore[no-untyped-def]
    """Per question, each respondent's answer position (1..options) or None.
    ``somebody_answers``: at least one respondent answers each question (SurveyJS leaves
    an unanswered question out of its results, so a question nobody answered has no
    column at all; docs/questionnaire.md says so)."""

    def answered(values: list[int | None]) -> list[int | None]:
        return values if any(v is not None for v in values) else [1, *values[1:]]

    return st.fixed_dictionaries(
        {
            q.column: st.lists(
                st.none() | st.integers(1, _size(q)), min_size=respondents, max_size=respondents
            ).map(answered if somebody_answers else list)
            for q in questions
        }
    )


def expected_codes(question: Question, positions: list[int | None]) -> list[object]:
    if question.role in ("functional", "dysfunctional"):
        return [0 if p is None else p for p in positions]
    if question.role == "segment":
        return [None if p is None else question.options[p - 1] for p in positions]
    return [-1 if p is None else int(question.options[p - 1]) for p in positions]


def import_export(project_dir: Path, export: Path, scratch: Path):  # type: ignore[no-untyped-def]
    """Import ``export`` into a fresh copy of the project, as `kano import` would."""
    target = scratch / "copy"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(project_dir / "kano.toml", target / "kano.toml")
    workspace = Workspace.open(target)
    prepared = workspace.prepare_import(export, None, ImportOptions())
    workspace.commit_import(prepared)
    return workspace, prepared


def check_round_trip(
    project_dir: Path,
    export: Path,
    scratch: Path,
    answers: dict[str, list[int | None]],
    respondents: int,
) -> None:
    before = Workspace.open(project_dir).project
    workspace, prepared = import_export(project_dir, export, scratch)
    assert not prepared.new_features
    assert [f.id for f in workspace.project.features] == [f.id for f in before.features]
    proposed = [p for p in prepared.plan if p.confidence < 1]
    assert not proposed, f"columns needing a mapping question: {proposed}"
    responses = workspace.responses()
    assert len(responses) == respondents
    for question in questionnaire(before):
        want = expected_codes(question, answers[question.column])
        if question.role in ("functional", "dysfunctional", "importance"):
            got = responses.answer_codes(question.feature, question.role).tolist()
        elif question.role in ("nps", "csat"):
            got = responses.numbers(question.role).tolist()
        else:
            got = (
                [
                    None if v is None or v != v else str(v)
                    for v in responses.series(question.column).tolist()
                ]
                if question.column in responses
                else [None] * respondents
            )
        assert got == want, f"{question.column}: {got} != {want}"


RESPONDENTS = 6
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _questions(project_dir: Path) -> list[Question]:
    return questionnaire(Workspace.open(project_dir).project)


@SETTINGS
@given(data=st.data())
def test_a_qualtrics_export_of_kanos_qsf_imports_back_unmapped(surveys, tmp_path, data):
    directory = surveys["qsf"]
    questions = _questions(directory)
    answers = data.draw(answer_strategy(questions, RESPONDENTS))
    numeric = data.draw(st.booleans())
    qsf = json.loads((directory.parent / "survey.qsf").read_text(encoding="utf-8"))
    by_tag = {q.code: answers[q.column] for q in questions}
    export = tmp_path / "Phone study_May 4, 2026_10.07.csv"
    export.write_bytes(survey_tools.qualtrics_export(qsf, by_tag, RESPONDENTS, numeric=numeric))
    if numeric:  # "Use numeric values": Kano answers as recodes (a segment as its number)
        before = Workspace.open(directory).project
        workspace, prepared = import_export(directory, export, tmp_path)
        assert not prepared.new_features and not [p for p in prepared.plan if p.confidence < 1]
        for question in questions:
            if question.role in ("functional", "dysfunctional", "importance"):
                want = expected_codes(question, answers[question.column])
                assert (
                    workspace.responses().answer_codes(question.feature, question.role).tolist()
                    == want
                )
        assert [f.id for f in workspace.project.features] == [f.id for f in before.features]
        return
    check_round_trip(directory, export, tmp_path, answers, RESPONDENTS)


@SETTINGS
@given(data=st.data())
def test_a_limesurvey_export_of_kanos_survey_imports_back_unmapped(surveys, tmp_path, data):
    directory = surveys["limesurvey"]
    questions = _questions(directory)
    answers = data.draw(answer_strategy(questions, RESPONDENTS))
    tsv = (directory.parent / "survey.txt").read_text(encoding="utf-8")
    kinds = survey_tools.limesurvey_questions(tsv)
    by_code = {}
    for q in questions:  # a five-point choice (CSAT) exports its number
        by_code[q.code] = (
            answers[q.column]
            if kinds[q.code][0] == "L"
            else [None if p is None else q.options[p - 1] for p in answers[q.column]]
        )
    export = tmp_path / "results-survey123456.csv"
    export.write_bytes(survey_tools.limesurvey_export(tsv, by_code, RESPONDENTS))
    check_round_trip(directory, export, tmp_path, answers, RESPONDENTS)


@SETTINGS
@given(data=st.data())
def test_a_google_forms_export_of_kanos_form_imports_back_unmapped(surveys, tmp_path, data):
    directory = surveys["googleforms"]
    questions = _questions(directory)
    answers = data.draw(answer_strategy(questions, RESPONDENTS))
    script = (directory.parent / "form.gs").read_text(encoding="utf-8")
    unique = titles(Workspace.open(directory).project)
    by_title = {unique[q.column]: answers[q.column] for q in questions}
    export = tmp_path / "Phone study (Responses) - Form responses 1.csv"
    export.write_bytes(survey_tools.googleforms_export(script, by_title, RESPONDENTS))
    check_round_trip(directory, export, tmp_path, answers, RESPONDENTS)


@SETTINGS
@given(data=st.data())
def test_surveyjs_results_of_kanos_definition_import_back_unmapped(surveys, tmp_path, data):
    directory = surveys["surveyjs"]
    questions = _questions(directory)
    answers = data.draw(answer_strategy(questions, RESPONDENTS, somebody_answers=True))
    definition = json.loads((directory.parent / "survey.json").read_text(encoding="utf-8"))
    by_name = {q.code: answers[q.column] for q in questions}
    export = tmp_path / "results.json"
    export.write_bytes(survey_tools.surveyjs_results(definition, by_name, RESPONDENTS))
    check_round_trip(directory, export, tmp_path, answers, RESPONDENTS)


def test_every_survey_file_carries_both_kano_questions_importance_nps_csat_and_segments(surveys):
    for fmt, (_, _, file_name) in TOOLS.items():
        directory = surveys[fmt]
        questions = _questions(directory)
        text = (directory.parent / file_name).read_text(encoding="utf-8")
        for question in questions:
            shown = json.dumps(question.text)[1:-1] if fmt == "googleforms" else question.text
            if fmt in ("qsf", "limesurvey"):
                shown = shown.replace("&", "&amp;").replace("<", "&lt;")
            assert shown in text, f"{fmt} lacks {question.column}"
        roles = {q.role for q in questions}
        assert roles == {"functional", "dysfunctional", "importance", "nps", "csat", "segment"}


def test_the_qsf_has_qualtrics_structure_and_choices_in_answer_order(surveys):
    qsf = json.loads((surveys["qsf"].parent / "survey.qsf").read_text(encoding="utf-8"))
    assert set(qsf) == {"SurveyEntry", "SurveyElements"}
    kinds = [e["Element"] for e in qsf["SurveyElements"]]
    assert {"BL", "FL", "SO", "QC", "RS", "SQ"} <= set(kinds)
    questions = survey_tools.qsf_questions(qsf)
    assert questions["callsF"] == ("SAVR", 5) and questions["nps"] == ("NPS", 11)
    calls = next(
        e["Payload"]
        for e in qsf["SurveyElements"]
        if e["Element"] == "SQ" and e["Payload"].get("DataExportTag") == "callsF"
    )
    assert [calls["Choices"][k]["Display"] for k in calls["ChoiceOrder"]] == [
        "I like it that way",
        "It must be that way",
        "I am neutral",
        "I can live with it that way",
        "I dislike it that way",
    ]
    assert calls["RecodeValues"] == {str(i): str(i) for i in range(1, 6)}
    blocks = next(e["Payload"] for e in qsf["SurveyElements"] if e["Element"] == "BL")
    listed = {el["QuestionID"] for b in blocks for el in b["BlockElements"]}
    sq = {e["PrimaryAttribute"] for e in qsf["SurveyElements"] if e["Element"] == "SQ"}
    assert listed == sq  # every question sits in a block, every block's question exists


def test_making_the_survey_keeps_its_mapping_in_kano_toml(surveys):
    text = (surveys["qsf"] / "kano.toml").read_text(encoding="utf-8")
    assert 'column = "facerecognitionF"' in text and 'role = "dysfunctional"' in text
    assert 'column = "nps_NPS_GROUP"' in text and 'role = "ignore"' in text


def test_google_form_titles_stay_unique_when_two_features_share_a_name(tmp_path):
    from kano_tui.engine.project.model import Feature

    workspace = Workspace.create(tmp_path / "p", "p")
    # The CLI and the TUI refuse a second feature of one name; a hand-edited kano.toml
    # (or an older project) may still hold two, and their titles must not clash.
    workspace.project.features += [Feature("camera", "Camera"), Feature("camera-2", "Camera")]
    unique = titles(workspace.project)
    assert len(set(unique.values())) == len(unique)
    assert unique["camera-2.functional"].endswith("(camera-2)")


def test_codes_fit_every_tool_and_stay_with_their_feature(tmp_path):
    workspace = Workspace.create(tmp_path / "p", "p")
    project = workspace.project
    for name in ("Über-cool ID", "2-factor login", "x" * 40, "x" * 41):
        add_feature(project, name)
    codes = {q.code for q in questionnaire(project)}
    assert all(len(c) <= 20 and c[0].isalpha() and c.isalnum() for c in codes)
    assert len(codes) == len(questionnaire(project))
    first = {q.column: q.code for q in questionnaire(project)}
    add_feature(project, "Another")
    assert {c: q.code for q in questionnaire(project) if (c := q.column) in first} == first
    assert np.all([len(c) for c in codes])
