"""Importing canonical CSV into a real project directory."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.analysis.run import analysis_to_json
from kano_tui.engine.importing.answers import TOKENS
from kano_tui.engine.importing.survey import ImportOptions
from kano_tui.engine.project.verified import VERIFIED_FILE
from kano_tui.errors import SurveyImportError
from kano_tui.session.workspace import Workspace
from tests.conftest import write_wide_csv
from tests.engine import oracle

ROWS = [
    {
        "respondent": "r1",
        "wave": "2026-03",
        "plan": "pro",
        "nps": "9",
        "csat": "5",
        "Battery.functional": "I like it that way",
        "Battery.dysfunctional": "I dislike it that way",
        "Battery.importance": "9",
        "compass.functional": "I am neutral",
        "compass.dysfunctional": "I am neutral",
    },
    {
        "respondent": "r2",
        "wave": "2026-03",
        "plan": "pro",
        "nps": "10",
        "csat": "4",
        "Battery.functional": "It must be that way",
        "Battery.dysfunctional": "5",
        "Battery.importance": "7",
        "compass.functional": "3",
        "compass.dysfunctional": "tolerate",
    },
    {
        "respondent": "r3",
        "wave": "2026-09",
        "plan": "home",
        "nps": "",
        "csat": "2",
        "Battery.functional": "like",
        "Battery.dysfunctional": "neutral",
        "Battery.importance": "",
        "compass.functional": "",
        "compass.dysfunctional": "",
    },
]


def directory_digest(directory: Path) -> dict[str, str]:
    """Every file's sha256, but the checksum cache's (any load of the responses may write
    it; it holds nothing of the project: engine/project/verified.py)."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not p.name.startswith(VERIFIED_FILE)
    }


def test_wide_csv_adds_features_and_every_figure(new_project, tmp_path):
    workspace = new_project()
    source = write_wide_csv(tmp_path / "wave.csv", ROWS)
    before = source.read_bytes()
    record = workspace.import_file(source)
    assert source.read_bytes() == before  # the user's file is never modified
    assert record.rows == 3
    # ids are the headers' keys as written (BRIEF.md section 8): Battery.functional -> Battery
    assert [(f.id, f.name) for f in workspace.project.features] == [
        ("Battery", "Battery"),
        ("compass", "Compass"),
    ]
    result = {f["id"]: f for f in analysis_to_json(workspace.analyze())["features"]}
    assert result["Battery"]["counts"] == {"A": 1, "O": 1, "M": 1, "I": 0, "R": 0, "Q": 0}
    assert result["Battery"]["importance_mean"] == 8.0
    assert result["compass"]["n"] == 2
    reopened = Workspace.open(workspace.directory)
    assert analysis_to_json(reopened.analyze()) == analysis_to_json(workspace.analyze())
    assert reopened.responses().waves() == ["2026-03", "2026-09"]
    by_plan = analysis_to_json(reopened.analyze(by="plan"))
    assert [g["value"] for g in by_plan["groups"]] == ["home", "pro"]


def test_long_csv_gives_the_same_figures_as_wide(new_project, tmp_path):
    wide = new_project("wide")
    wide.import_file(write_wide_csv(tmp_path / "wide.csv", ROWS))
    long_rows = []
    for row in ROWS:
        for feature in ("Battery", "compass"):
            if row[f"{feature}.functional"]:
                long_rows.append(
                    {
                        "respondent": row["respondent"],
                        "feature": feature,
                        "functional": row[f"{feature}.functional"],
                        "dysfunctional": row[f"{feature}.dysfunctional"],
                        "importance": row.get(f"{feature}.importance", ""),
                    }
                )
    long = new_project("long")
    long.import_file(write_wide_csv(tmp_path / "long.csv", long_rows))
    assert analysis_to_json(long.analyze()) == analysis_to_json(wide.analyze())


@pytest.mark.parametrize(
    "delimiter,encoding",
    [(";", "utf-8"), ("\t", "utf-8"), (",", "utf-8-sig"), (",", "utf-16"), (";", "cp1252")],
)
def test_delimiters_and_encodings_are_detected(new_project, tmp_path, delimiter, encoding):
    rows = [
        {
            "respondent": "r1",
            "région": "Zürich",
            "café.functional": "Das würde mich sehr freuen",
            "café.dysfunctional": "Das würde mich sehr stören",
        },
        {
            "respondent": "r2",
            "région": "Genève",
            "café.functional": "J'aime",
            "café.dysfunctional": "Cela m'est égal",
        },
    ] * 20
    rows = [{**row, "respondent": f"r{i}"} for i, row in enumerate(rows)]
    workspace = new_project()
    workspace.import_file(write_wide_csv(tmp_path / "x.csv", rows, delimiter, encoding))
    figures = analysis_to_json(workspace.analyze())["features"][0]
    assert (figures["id"], figures["name"]) == ("café", "Café")  # the key as written
    assert figures["counts"]["O"] == 20 and figures["counts"]["A"] == 20
    assert sorted(workspace.responses().frame["région"].unique()) == ["Genève", "Zürich"]


@pytest.mark.parametrize(
    "rows,message",
    [
        (
            [{"respondent": "r1", "a.functional": "like", "a.dysfunctional": "maybe"}],
            "x.csv, row 2, column 'a.dysfunctional', value 'maybe': this is not a Kano answer",
        ),
        (
            [{"respondent": "r1", "a.functional": "like"}],
            "column 'a.functional' holds the functional question of feature 'a', but no column "
            "holds its dysfunctional question",
        ),
        (
            [
                {"respondent": "r1", "a.functional": "like", "a.dysfunctional": "like"},
                {"respondent": "r1", "a.functional": "like", "a.dysfunctional": "like"},
            ],
            "x.csv, row 3, column 'respondent', value 'r1': this respondent id appears twice",
        ),
        (
            [{"respondent": "r1", "nps": "11", "a.functional": "like", "a.dysfunctional": "like"}],
            "row 2, column 'nps', value '11': expected a whole number from 0 to 10",
        ),
        ([{"respondent": "r1", "segment": "x"}], "no column holds a Kano question"),
        (
            # No feature before the dot (what a spreadsheet reader leaves of
            # '\x1b.importance': the fuzz tests found it stored, then refused on load).
            [
                {
                    "respondent": "r1",
                    "a.functional": "like",
                    "a.dysfunctional": "like",
                    ".importance": "3",
                }
            ],
            "column '.importance' is named like a Kano question but names no feature "
            "before '.importance'; name one (<feature>.importance) or map it with "
            "--map '.importance'=FEATURE:importance (or =ignore to leave it out)",
        ),
    ],
)
def test_bad_files_are_refused_with_one_sentence_and_nothing_changes(
    new_project, tmp_path, rows, message
):
    workspace = new_project()
    before = directory_digest(workspace.directory)
    with pytest.raises(SurveyImportError) as caught:
        workspace.import_file(write_wide_csv(tmp_path / "x.csv", rows))
    assert message in str(caught.value)
    assert str(caught.value).count(". ") == 0 and str(caught.value).endswith(".")
    assert directory_digest(workspace.directory) == before
    assert workspace.project.features == []


def test_reimporting_the_same_file_is_detected(new_project, tmp_path):
    workspace = new_project()
    source = write_wide_csv(tmp_path / "x.csv", ROWS)
    workspace.import_file(source)
    before = directory_digest(workspace.directory)
    with pytest.raises(SurveyImportError, match="was already imported on .* nothing was changed"):
        workspace.import_file(source)
    assert directory_digest(workspace.directory) == before


def test_a_second_wave_with_the_same_respondents_is_a_panel_not_a_duplicate(new_project, tmp_path):
    workspace = new_project()
    first = [{**row, "wave": "w1"} for row in ROWS]
    second = [{**row, "wave": "w2"} for row in ROWS]
    workspace.import_file(write_wide_csv(tmp_path / "w1.csv", first))
    workspace.import_file(write_wide_csv(tmp_path / "w2.csv", second))
    assert len(workspace.responses()) == 6
    with pytest.raises(SurveyImportError, match="already imported in wave 'w1'"):
        workspace.import_file(write_wide_csv(tmp_path / "again.csv", first[:1]))


def test_the_wave_option_labels_rows_without_a_wave(new_project, tmp_path):
    workspace = new_project()
    rows = [{k: v for k, v in row.items() if k != "wave"} for row in ROWS]
    workspace.import_file(
        write_wide_csv(tmp_path / "x.csv", rows), options=ImportOptions(wave="Q3")
    )
    assert workspace.responses().waves() == ["Q3"]


answer = st.sampled_from([None, *TOKENS])


@st.composite
def surveys(draw):
    n_features = draw(st.integers(1, 3))
    n_respondents = draw(st.integers(1, 25))
    answers = [
        [
            (draw(answer), draw(answer), draw(st.none() | st.integers(1, 9)))
            for _ in range(n_features)
        ]
        for _ in range(n_respondents)
    ]
    spelling = draw(st.sampled_from(["token", "code", "wording"]))
    return answers, spelling


WORDING = dict(
    zip(
        TOKENS,
        (
            "I like it that way",
            "It must be that way",
            "I am neutral",
            "I can live with it that way",
            "I dislike it that way",
        ),
    )
)


@given(surveys())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_generated_csv_imports_to_the_figures_of_its_answers(tmp_path_factory, data):
    answers, spelling = data
    spell = {
        "token": lambda t: t,
        "code": lambda t: str(TOKENS.index(t) + 1),
        "wording": WORDING.__getitem__,
    }[spelling]
    rows = []
    for i, respondent in enumerate(answers):
        row = {"respondent": f"id-{i}"}
        for j, (f, d, imp) in enumerate(respondent):
            row[f"f{j}.functional"] = spell(f) if f else ""
            row[f"f{j}.dysfunctional"] = spell(d) if d else ""
            row[f"f{j}.importance"] = "" if imp is None else str(imp)
        rows.append(row)
    directory = tmp_path_factory.mktemp("survey")
    workspace = Workspace.create(directory / "project")
    workspace.import_file(write_wide_csv(directory / "survey.csv", rows))
    result = {f["id"]: f for f in analysis_to_json(workspace.analyze())["features"]}
    for j in range(len(answers[0])):
        expected = oracle.figures([(r[j][0], r[j][1]) for r in answers], [r[j][2] for r in answers])
        got = result[f"f{j}"]
        assert got["n"] == expected["n"]
        assert got["counts"] == expected["counts"]
        for key in ("better", "worse", "functional_mean", "dysfunctional_sd", "importance_mean"):
            if expected[key] is None:
                assert got[key] is None, key
            else:
                assert math.isclose(got[key], expected[key], abs_tol=1e-9), key
