"""The backlog plans: value from the Kano figures and importance, effort, value per
effort, status and note kept in kano.toml, the CLI, the trackers' exports and the
value-against-effort view."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.analysis.planning import plan_lines, plan_rows
from kano_tui.engine.analysis.run import backlog
from kano_tui.engine.project.model import STATUSES
from kano_tui.session.workspace import Workspace
from tests.conftest import SAMPLES

CONTRACT_KEYS = {
    "rank",
    "feature",
    "name",
    "category",
    "value",
    "effort",
    "value_per_effort",
    "status",
}


def test_value_is_the_category_coefficient_times_the_importance_weight(sample_copy):
    workspace = Workspace.open(sample_copy("smartphone"))
    analysis = workspace.analyze()
    figures = analysis.overall
    top = workspace.project.settings.importance_max
    for item in backlog(workspace.project, analysis):
        if item.category not in ("M", "O", "A"):
            assert item.value is None and item.rank is None
            continue
        better, worse = figures.at[item.feature, "better"], abs(figures.at[item.feature, "worse"])
        coefficient = {"M": worse, "O": (better + worse) / 2, "A": better}[item.category]
        weight = figures.at[item.feature, "importance_mean"] / top
        assert math.isclose(item.value, round(100 * coefficient * weight, 1))
        assert item.value_per_effort == round(item.value / item.effort, 2)


@pytest.fixture(scope="module")
def smartphone_workspace(tmp_path_factory):  # type: ignore[no-untyped-def]
    directory = tmp_path_factory.mktemp("backlog") / "smartphone"
    shutil.copytree(SAMPLES / "smartphone", directory)
    return Workspace.open(directory)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    efforts=st.lists(
        st.none() | st.sampled_from([0.0, 0.5, 1.0, 3.0, 8.0, 13.0]), min_size=11, max_size=11
    ),
    statuses=st.lists(st.sampled_from(STATUSES), min_size=11, max_size=11),
)
def test_basic_needs_first_and_cheap_wins_first_within_a_band(
    smartphone_workspace, efforts, statuses
):
    project = smartphone_workspace.project
    for feature, effort, status in zip(project.features, efforts, statuses):
        feature.effort, feature.status = effort, status
    items = backlog(project, smartphone_analysis(smartphone_workspace))
    ranked = [item for item in items if item.rank is not None]
    assert [item.rank for item in ranked] == list(range(1, len(ranked) + 1))
    assert [item.category for item in ranked] == sorted(
        (i.category for i in ranked), key="MOA".index
    )
    assert all(item.status in ("new", "planned", "in-progress") for item in ranked)
    for band in "MOA":
        members = [item for item in items if item.category == band]
        groups = [0 if m.effort == 0 else 1 if m.effort is not None else 2 for m in members]
        assert groups == sorted(groups)  # free, then costed, then not estimated
        costed = [m.value_per_effort for m in members if m.effort]
        assert costed == sorted(costed, reverse=True)


_ANALYSES: dict[int, object] = {}


def smartphone_analysis(workspace):  # type: ignore[no-untyped-def]
    key = id(workspace)
    if key not in _ANALYSES:
        _ANALYSES[key] = workspace.analyze()
    return _ANALYSES[key]


def test_the_plan_view_keeps_the_bands_and_marks_cheap_wins(sample_copy):
    workspace = Workspace.open(sample_copy("smartphone"))
    items = workspace.backlog()
    rows = plan_rows(items)
    assert [row.band for row in rows] == sorted((r.band for r in rows), key="MOA".index)
    lines = plan_lines(items)
    assert all(len(line) <= 80 for line in lines)
    cheap = [row for row in rows if row.cheap_win]
    assert cheap and all(row.effort is not None for row in cheap)
    for band in "MOA":  # the band's best value per effort is a cheap win
        members = [row for row in rows if row.band == band]
        if len(members) > 1:
            best = max(members, key=lambda r: (r.value_per_effort or 0, -(r.effort or 0)))
            assert best.cheap_win or best.effort is None


def test_kano_backlog_json_csv_and_set_status(kano, sample_copy):
    directory = sample_copy("smartphone")
    result = kano(
        "backlog",
        directory,
        "--set-status",
        "camera=planned",
        "--note",
        "camera=Q3 spike, =needs a vendor",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert all(set(item) >= CONTRACT_KEYS for item in items)
    camera = next(item for item in items if item["feature"] == "camera")
    assert camera["status"] == "planned" and camera["note"] == "Q3 spike, =needs a vendor"
    saved = tomllib.loads((directory / "kano.toml").read_text(encoding="utf-8"))
    stored = next(f for f in saved["features"] if f["id"] == "camera")
    assert stored["status"] == "planned" and stored["note"] == "Q3 spike, =needs a vendor"
    rows = list(csv.DictReader(io.StringIO(kano("backlog", directory, "--format", "csv").stdout)))
    # formula-safe like every CSV kano writes: a sign after a separator is quoted
    # (docs/reliability.md: spreadsheets that split on , or ; would see a formula)
    assert next(r for r in rows if r["feature"] == "camera")["note"] == "Q3 spike,' =needs a vendor"
    assert set(rows[0]) >= CONTRACT_KEYS
    done = kano("backlog", directory, "--set-status", "messaging=done", "--format", "json")
    messaging = next(i for i in json.loads(done.stdout) if i["feature"] == "messaging")
    assert messaging["rank"] is None and messaging["status"] == "done"


def test_a_bad_status_is_one_sentence_and_changes_nothing(kano, sample_copy):
    directory = sample_copy("smartphone")
    before = (directory / "kano.toml").read_bytes()
    result = kano("backlog", directory, "--set-status", "camera=someday")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "kano: Status 'someday' of feature 'camera' must be one "
        "of new, planned, in-progress, done, dropped."
    )
    assert kano("backlog", directory, "--set-status", "nothing").returncode == 1
    assert (directory / "kano.toml").read_bytes() == before


def test_the_backlog_table_fits_80_columns(kano, sample_copy):
    result = kano("backlog", sample_copy("smartphone"), env={"COLUMNS": "80"})
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Value" in result.stdout and "Status" in result.stdout


def test_jira_csv_has_the_columns_jira_maps_and_is_formula_safe(kano, sample_copy):
    directory = sample_copy("smartphone")
    assert (
        kano(
            "features", "edit", directory, "camera", "--name", '=HYPERLINK("x")', "--note", "@risk"
        ).returncode
        == 0
    )
    kano("backlog", directory, "--set-status", "messaging=dropped")
    result = kano("export", directory, "-e", "backlog-jira", "-o", "-")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["Summary", "Description", "Issue Type", "Priority", "Labels", "Labels"]
    by_summary = {row[0]: row for row in rows[1:]}
    assert "Messaging" not in by_summary  # dropped: not for the tracker
    camera = by_summary['\'=HYPERLINK("x")']
    assert camera[2] == "Story" and camera[3] == "High" and camera[4] == "kano-performance"
    assert "Kano category: performance (O)" in camera[1] and "Note: @risk" in camera[1]
    assert "Journey stage: Consideration" in camera[1] and "Better" in camera[1]
    assert by_summary["Calls"][3] == "Highest"


def test_github_issues_carry_category_figures_and_stage(kano, sample_copy):
    result = kano("export", sample_copy("smartphone"), "-e", "backlog-github", "-o", "-")
    issues = json.loads(result.stdout)
    calls = next(issue for issue in issues if issue["title"] == "Calls")
    assert set(calls) == {"title", "body", "labels"}
    assert "kano-must-be" in calls["labels"] and "stage: Purchase" in calls["labels"]
    assert "Kano category: must-be (M)" in calls["body"] and "Worse" in calls["body"]
