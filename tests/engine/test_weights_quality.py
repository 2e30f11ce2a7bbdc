"""Weights against the weighted oracle, quality flags and exclusions against a filtered
oracle, and the CLI of both on real projects."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kano_tui.classifiers.builtin import ModeClassifier
from kano_tui.engine.analysis.run import feature_records, run_analysis
from kano_tui.engine.importing.answers import CODE, TOKENS
from kano_tui.engine.project.model import Feature, Project
from kano_tui.engine.project.storage import Responses
from tests.conftest import write_wide_csv
from tests.engine import oracle

answer = st.sampled_from([None, *TOKENS])
weight = st.floats(0, 5, allow_nan=False).map(lambda w: round(w, 3))
respondent = st.tuples(answer, answer, weight, st.one_of(st.none(), st.integers(1, 9)))

FIGURES = (
    "better",
    "worse",
    "total_strength",
    "category_strength",
    "functional_mean",
    "dysfunctional_mean",
    "functional_sd",
    "dysfunctional_sd",
    "importance_mean",
)


def one_feature(rows) -> Responses:
    frame = pd.DataFrame(
        {
            "f.functional": np.array([CODE[f] if f else 0 for f, *_ in rows], dtype=np.int8),
            "f.dysfunctional": np.array([CODE[d] if d else 0 for _, d, *_ in rows], dtype=np.int8),
            "f.importance": np.array([-1 if i is None else i for *_, i in rows], dtype=np.int8),
        }
    )
    return Responses(frame)


@settings(max_examples=150, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=40).filter(lambda r: sum(x[2] for x in r) > 0))
@example(  # every dysfunctional answer the same: its SD is 0, not a cancellation's 4e-08
    rows=[
        (None, None, 0.0, None),
        (None, None, 0.75, None),
        ("like", "like", 0.5, None),
        ("expect", "like", 2.0, None),
        ("neutral", "like", 5.0, None),
    ]
)
def test_weighted_figures_match_the_weighted_oracle(rows):
    project = Project(name="p", features=[Feature(id="f", name="F")])
    weights = np.array([w for _, _, w, _ in rows])
    analysis = run_analysis(project, one_feature(rows), ModeClassifier(), weights=weights)
    got = analysis.overall.loc["f"]
    expected = oracle.weighted_figures(
        [(f, d) for f, d, *_ in rows], list(weights), [i for *_, i in rows]
    )
    assert got["n"] == expected["n"]  # still the respondents
    assert got["n_effective"] == pytest.approx(expected["n_effective"])
    for letter in "AOMIRQ":
        assert got[letter] == pytest.approx(expected["counts"][letter], abs=1e-9)
    for key in FIGURES:
        if expected[key] is None:
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(expected[key], abs=1e-9), key
    if not math.isclose(expected["significant"] and 1, got["significant"] and 1):
        pytest.fail("Fong's test differs")
    record = feature_records(analysis, analysis.groups[0])[0]
    assert record["counts"] == oracle.figures([(f, d) for f, d, *_ in rows])["counts"]


@settings(max_examples=60, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=30))
def test_equal_weights_change_nothing(rows):
    project = Project(name="p", features=[Feature(id="f", name="F")])
    plain = run_analysis(project, one_feature(rows), ModeClassifier()).overall
    weighted = run_analysis(
        project, one_feature(rows), ModeClassifier(), weights=np.full(len(rows), 2.5)
    ).overall
    for key in (
        "A",
        "O",
        "M",
        "better",
        "worse",
        "functional_sd",
        "category",
        "better_low",
        "support_high",
        "n_effective",
    ):
        left, right = plain.at["f", key], weighted.at["f", key]
        assert (
            (left == right)
            or (isinstance(left, float) and math.isclose(left, right))
            or (left != left and right != right)
        ), key


# --------------------------------------------------------------------------- real projects


def survey_rows(seed: int = 3, n: int = 60, wave: str = "w1", prefix: str = "r") -> list[dict]:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        row: dict[str, object] = {
            "respondent": f"{prefix}{i}",
            "wave": wave,
            "weight": f"{rng.uniform(0.5, 2):.3f}",
            "duration": str(int(rng.integers(200, 400))),
        }
        for feature in ("alpha", "beta", "gamma", "delta"):
            row[f"{feature}.functional"] = TOKENS[int(rng.integers(0, 5))]
            row[f"{feature}.dysfunctional"] = TOKENS[int(rng.integers(0, 5))]
        rows.append(row)
    return rows


def make_project(new_project, tmp_path, rows: list[dict], second: list[dict] | None = None):
    workspace = new_project("quality")
    workspace.import_file(write_wide_csv(tmp_path / "one.csv", rows))
    if second is not None:
        workspace.import_file(write_wide_csv(tmp_path / "two.csv", second))
    return workspace


def careless(rows: list[dict]) -> list[dict]:
    """Make respondents 0-4 straight-liners, 5 a speeder and 6 answer only one feature."""
    for row in rows[:5]:
        for feature in ("alpha", "beta", "gamma", "delta"):
            row[f"{feature}.functional"], row[f"{feature}.dysfunctional"] = "like", "dislike"
    rows[5]["duration"] = "20"
    for feature in ("beta", "gamma", "delta"):
        rows[6][f"{feature}.functional"] = rows[6][f"{feature}.dysfunctional"] = ""
    return rows


def test_quality_flags_each_reason_with_a_readable_sentence(new_project, tmp_path, kano):
    rows = careless(survey_rows())
    again = [dict(rows[10], wave="w2")]  # the same respondent imported again
    workspace = make_project(new_project, tmp_path, rows, again)
    result = kano("quality", workspace.directory, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["respondents"] == 61
    flagged = {(row["respondent"], row["wave"]): row["reasons"] for row in document["flagged"]}
    for i in range(5):
        assert any(
            "straight-lining" in reason and "like/dislike on all 4" in reason
            for reason in flagged[(f"r{i}", "w1")]
        )
    assert any(reason.startswith("speeder: 20 s") for reason in flagged[("r5", "w1")])
    assert flagged[("r6", "w1")] == ["too few features answered: 1 of 4"]
    assert flagged[("r10", "w2")] == ["duplicate: respondent r10 was imported before"]
    assert ("r10", "w1") not in flagged  # the first import keeps its respondent
    table = kano("quality", workspace.directory, env={"COLUMNS": "80"})
    assert "straight-lining" in table.stdout and "flagged of 61" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80


def test_exclusions_match_the_filtered_oracle_and_are_reported(new_project, tmp_path, kano):
    rows = careless(survey_rows(n=50))
    workspace = make_project(new_project, tmp_path, rows)
    with (workspace.directory / "kano.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[quality]\nexclude = ["straight-lining", "speeder"]\n')
    result = kano("analyze", workspace.directory, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["quality"]["summary"] == (
        "44 of 50 respondents; 6 excluded: 5 straight-lining, 1 speeder"
    )
    kept = [
        row
        for row in rows
        if not oracle.straight_lining(
            [
                (row[f"{x}.functional"], row[f"{x}.dysfunctional"])
                for x in ("alpha", "beta", "gamma", "delta")
            ]
        )
        and row["duration"] != "20"
    ]
    assert len(kept) == 44
    for feature in document["features"]:
        pairs = [
            (
                row[f"{feature['id']}.functional"] or None,
                row[f"{feature['id']}.dysfunctional"] or None,
            )
            for row in kept
        ]
        expected = oracle.figures(pairs)
        assert feature["n"] == expected["n"]
        assert feature["counts"] == expected["counts"]
        assert feature["better"] == pytest.approx(expected["better"])
    table = kano("analyze", workspace.directory)
    assert "Quality exclusions: 44 of 50 respondents; 6 excluded" in table.stdout
    # the data on disk are untouched: the quality report still sees every respondent
    assert (
        json.loads(kano("quality", workspace.directory, "--format", "json").stdout)["respondents"]
        == 50
    )


def test_weighted_analysis_compare_backlog_and_advocacy(new_project, tmp_path, kano):
    rows = survey_rows(n=40) + survey_rows(seed=9, n=40, wave="w2", prefix="s")
    for row in rows:
        row["nps"] = str(int(float(row["weight"]) * 4))
    workspace = make_project(new_project, tmp_path, rows)
    for command in ("analyze", "compare", "backlog", "advocacy"):
        result = kano(command, workspace.directory, "--weight", "weight", "--format", "json")
        assert result.returncode == 0, (command, result.stderr)
    analysis = json.loads(
        kano("analyze", workspace.directory, "--weight", "weight", "--format", "json").stdout
    )
    feature = analysis["features"][0]
    assert analysis["weight"] == "weight"
    assert feature["n"] == 80 and isinstance(feature["counts"]["A"], int)
    assert sum(feature["weighted_counts"].values()) == pytest.approx(80, abs=1e-6)
    assert 0 < feature["n_effective"] < 80
    advocacy = json.loads(
        kano("advocacy", workspace.directory, "--weight", "weight", "--format", "json").stdout
    )
    assert advocacy["series"][0]["total"]["nps"]["n"] == 80
    assert 0 < advocacy["series"][0]["total"]["nps"]["n_effective"] < 80
    # [settings] weight is the default, and --weight "" switches it off
    text = (workspace.directory / "kano.toml").read_text(encoding="utf-8")
    (workspace.directory / "kano.toml").write_text(
        text.replace("[settings]\n", '[settings]\nweight = "weight"\n', 1), encoding="utf-8"
    )
    default = json.loads(kano("analyze", workspace.directory, "--format", "json").stdout)
    assert default["features"][0]["weighted_counts"] == feature["weighted_counts"]
    off = json.loads(
        kano("analyze", workspace.directory, "--weight", "", "--format", "json").stdout
    )
    assert "weight" not in off and "weighted_counts" not in off["features"][0]


@pytest.mark.parametrize(
    "value, message",
    [
        (
            "-1",
            r"The weight of respondent r3 \(row 4\) in column 'weight' is '-1', which is "
            r"negative",
        ),
        (
            "heavy",
            r"The weight of respondent r3 \(row 4\) in column 'weight' is 'heavy', which is "
            r"not a number",
        ),
        ("", r"The weight of respondent r3 \(row 4\) in column 'weight' is blank"),
    ],
)
def test_a_bad_weight_is_one_sentence_naming_row_and_value(
    new_project, tmp_path, kano, value, message
):
    rows = survey_rows(n=8)
    rows[3]["weight"] = value
    workspace = make_project(new_project, tmp_path, rows)
    for command in ("analyze", "compare"):
        result = kano(command, workspace.directory, "--weight", "weight", "--by", "wave")
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert __import__("re").search(message, result.stderr), result.stderr


def test_all_zero_weights_and_a_missing_column_are_refused(new_project, tmp_path, kano):
    rows = survey_rows(n=5)
    for row in rows:
        row["weight"] = "0"
    workspace = make_project(new_project, tmp_path, rows)
    result = kano("analyze", workspace.directory, "--weight", "weight")
    assert result.returncode == 1 and "Every weight in column 'weight' is 0" in result.stderr
    result = kano("analyze", workspace.directory, "--weight", "nope")
    assert result.returncode == 1 and "no respondent column 'nope' to weight by" in result.stderr


def test_compare_cli_defaults_to_waves_and_prints_csv_and_an_80_column_table(sample_copy, kano):
    project = sample_copy("smartphone")
    document = json.loads(kano("compare", project, "--format", "json").stdout)
    assert document["by"] == "wave"
    assert (document["from"], document["to"]) == ("2026-03-15", "2026-09-15")
    face = next(f for f in document["features"] if f["id"] == "face_recognition")
    assert face["lifecycle"] == "A -> O" and face["significant"]
    csv = kano("compare", project, "--by", "plan", "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("feature,name,from,to,from_n,") and len(csv) == 12
    table = kano("compare", project, env={"COLUMNS": "80"})
    assert table.returncode == 0
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    assert "Lifecycle (significant): Face recognition: A -> O." in table.stdout
    bad = kano("compare", project, "--from", "2020")
    assert bad.returncode == 1 and "--from '2020' is not a value of 'wave'" in bad.stderr


def test_bad_quality_rules_are_one_sentence(new_project, tmp_path, kano):
    workspace = make_project(new_project, tmp_path, survey_rows(n=5))
    with (workspace.directory / "kano.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[quality]\nexclude = ["sloppy"]\n')
    result = kano("analyze", workspace.directory)
    assert result.returncode == 1
    assert "[quality] exclude = ['sloppy'] must list reasons among straight-lining" in result.stderr
