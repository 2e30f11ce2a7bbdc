"""The bootstrap classifier and exporter, through kano's real plugin manager."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_bootstrap.method import BootstrapSettings, bootstrap_confidence
from kano_tui.classifiers.builtin import ModeClassifier
from kano_tui.engine.project.model import Settings
from kano_tui.errors import KanoError
from kano_tui.testing import make_figures

COUNTS = st.dictionaries(st.sampled_from("AOMIRQ"), st.integers(0, 60), min_size=1)


def test_plugin_registers_a_classifier_and_an_exporter(kano_plugins):
    info = kano_plugins.infos["kano_bootstrap"]
    assert info.state == "enabled", info.traceback
    assert sorted(info.provides) == [
        "classifier bootstrap",
        "exporter bootstrap-csv",
        "panel bootstrap",
    ]


def test_a_clear_majority_is_confirmed_and_a_near_tie_is_left_undecided(kano_plugins):
    figures = make_figures(
        {"clear": {"M": 90, "O": 5, "I": 5}, "near-tie": {"M": 10, "O": 9, "A": 1}}
    )
    categories = kano_plugins.classifiers["bootstrap"].classify(figures, Settings())
    assert categories["clear"] == "M"
    assert categories["near-tie"] is None
    # the plain mode still calls the near tie M: the bootstrap says it is not sure
    assert ModeClassifier().classify(figures, Settings())["near-tie"] == "M"


def test_the_same_answers_always_give_the_same_result():
    figures = make_figures({"f": {"A": 12, "O": 10, "I": 7}})
    first = bootstrap_confidence(figures, BootstrapSettings())
    second = bootstrap_confidence(figures, BootstrapSettings())
    assert first.equals(second)


def test_more_respondents_give_narrower_intervals():
    small = bootstrap_confidence(
        make_figures({"f": {"A": 6, "O": 4, "M": 3, "I": 7}}), BootstrapSettings()
    )
    large = bootstrap_confidence(
        make_figures({"f": {"A": 60, "O": 40, "M": 30, "I": 70}}), BootstrapSettings()
    )
    width = lambda frame, k: float(frame[f"{k}_high"].iloc[0] - frame[f"{k}_low"].iloc[0])  # noqa: E731
    assert width(large, "better") < width(small, "better") / 2
    assert width(large, "worse") < width(small, "worse") / 2


@settings(max_examples=60, deadline=None)
@given(st.lists(COUNTS, min_size=1, max_size=5))
def test_confidence_is_consistent_with_the_mode_and_the_coefficients(rows):
    figures = make_figures({f"f{i}": row for i, row in enumerate(rows)})
    result = bootstrap_confidence(figures, BootstrapSettings(resamples=200))
    mode = ModeClassifier().classify(figures, Settings())
    for feature in figures.index:
        row = result.loc[feature]
        assert row["category"] == mode[feature]  # same categories and tie order as `mode`
        if row["category"] is None:
            assert np.isnan(row["support"])
            continue
        assert 0 <= row["support"] <= 1
        if np.isnan(row["better"]):  # only R and Q answers: no resample has any either
            assert np.isnan(row["better_low"]) and np.isnan(row["better_high"])
            continue
        assert 0 <= row["better_low"] <= row["better_high"] <= 1
        assert -1 <= row["worse_low"] <= row["worse_high"] <= 0
        assert row["better"] == pytest.approx(figures.loc[feature, "better"])


@pytest.mark.parametrize(
    "key, value",
    [
        ("bootstrap_level", 1.5),
        ("bootstrap_resamples", 5),
        ("bootstrap_seed", -1),
        ("bootstrap_level", "high"),
    ],
)
def test_bad_settings_are_one_clear_sentence(key, value):
    with pytest.raises(KanoError, match=key):
        BootstrapSettings.from_settings(Settings(extra={key: value}))


def test_settings_choose_level_and_resamples(kano_project):
    kano_project.project.settings.extra.update(bootstrap_level=0.5, bootstrap_resamples=200)
    analysis = kano_project.analyze("bootstrap")
    # at a 50% level every feature of the sample has a confirmed category
    assert analysis.overall["category"].notna().all()


def test_analysis_cli_and_tui_use_the_classifier(kano_project, kano_cli, kano_run_tui):
    result = kano_cli(
        "analyze", kano_project.directory, "--classifier", "bootstrap", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    document = result.json()
    assert document["classifier"] == "bootstrap"
    categories = {f["id"]: f["category"] for f in document["features"]}
    assert categories["battery-life"] == "M"  # 55% must-be answers in the generated sample

    async def check(pilot):
        assert "bootstrap" in pilot.app.workspace.plugins.classifiers

    kano_run_tui(check)


def test_exporter_writes_intervals_per_feature_and_group(kano_project, kano_cli, tmp_path):
    target = tmp_path / "confidence.csv"
    result = kano_cli(
        "export",
        kano_project.directory,
        "--exporter",
        "bootstrap-csv",
        "--by",
        "plan",
        "-o",
        target,
    )
    assert result.exit_code == 0, result.stderr
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["group"] for row in rows} == {"basic", "pro"}
    assert len(rows) == 2 * len(kano_project.project.features)
    for row in rows:
        assert float(row["better_low"]) <= float(row["better"]) <= float(row["better_high"])
        assert row["confirmed"] in ("True", "False")


def test_exporter_reports_its_progress_group_by_group(kano_project, tmp_path):
    from kano_tui.session.export import run_export

    heard: list[tuple[str, float | None]] = []
    run_export(
        kano_project,
        "bootstrap-csv",
        tmp_path / "confidence.csv",
        by="plan",
        progress=lambda step, fraction=None: heard.append((step, fraction)),
    )
    assert [step for step, _ in heard] == ["resampling basic", "resampling pro"]
    assert [fraction for _, fraction in heard] == [0.0, 0.5]


def test_the_panel_shows_each_features_support_and_intervals(kano_plugins, kano_project):
    from rich.console import Console

    from kano_tui.plugins.reach import PanelContext, render_panel

    kano_project.project.settings.extra.update(bootstrap_resamples=200)
    analysis = kano_project.analyze()
    context = PanelContext({}, kano_project.project.settings, kano_project.project)
    console = Console(width=100, record=True, color_system=None)
    console.print(render_panel(kano_plugins, "bootstrap", analysis, context))
    text = console.export_text()
    assert "Bootstrap: 200 resamples, 95% intervals" in text
    for feature_id, row in bootstrap_confidence(
        analysis.overall, BootstrapSettings(resamples=200)
    ).iterrows():
        line = next(
            line for line in text.splitlines() if analysis.feature_names[feature_id] in line
        )
        assert f"{row['better_low']:.2f}..{row['better_high']:.2f}" in line
