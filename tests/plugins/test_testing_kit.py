"""kano_tui.testing, the kit plugin authors test with, does what the guide promises."""

from __future__ import annotations

import types

import pytest
from plugin_sources import BROKEN_PLUGINS

from kano_tui.testing import build_test_plugins, make_figures, run_cli, sample_survey


def test_make_figures_gives_figures_consistent_with_the_counts():
    figures = make_figures(
        {"camera": {"O": 6, "A": 3, "M": 1}, "empty": {}}, importance={"camera": [9, 7]}
    )
    camera = figures.loc["camera"]
    assert (camera["n"], camera["A"], camera["O"], camera["M"]) == (10, 3, 6, 1)
    assert camera["better"] == pytest.approx(9 / 10)
    assert camera["worse"] == pytest.approx(-7 / 10)
    assert camera["importance_mean"] == pytest.approx(8.0)
    assert figures.loc["empty", "n"] == 0
    with pytest.raises(ValueError, match="'X' is not a Kano category"):
        make_figures({"f": {"X": 1}})


def test_the_sample_survey_is_deterministic(tmp_path):
    first = sample_survey(tmp_path / "a.csv").read_bytes()
    assert sample_survey(tmp_path / "b.csv").read_bytes() == first
    assert sample_survey(tmp_path / "c.csv", seed=8).read_bytes() != first
    header = first.decode().splitlines()[0].split(",")
    assert header[:5] == ["respondent", "wave", "plan", "nps", "csat"]


def test_the_sample_project_has_the_categories_it_was_built_for(kano_project):
    categories = kano_project.analyze().overall["category"].to_dict()
    assert categories == {
        "battery-life": "M",
        "camera": "O",
        "face-unlock": "A",
        "built-in-compass": "I",
    }
    assert kano_project.responses().waves() == ["2026-Q1", "2026-Q2"]


def test_test_plugins_are_strict_so_errors_reach_the_author():
    module = types.ModuleType("raising_hook")
    exec(BROKEN_PLUGINS["raising_hook"], module.__dict__)  # noqa: S102
    with pytest.raises(RuntimeError, match="the hook blew up"):
        build_test_plugins(module)
    assert build_test_plugins(module, strict=False).infos["raising_hook"].state == "failed"


def test_installed_plugins_do_not_leak_into_test_plugins():
    plugins = build_test_plugins()
    assert all(info.built_in for info in plugins.infos.values())


def test_run_cli_captures_output_errors_and_exit_codes(kano_project):
    ok = run_cli(
        "analyze", kano_project.directory, "--format", "json", plugins=kano_project.plugins
    )
    assert ok.exit_code == 0 and ok.json()["classifier"] == "mode"
    failed = run_cli(
        "analyze", kano_project.directory, "--classifier", "nope", plugins=kano_project.plugins
    )
    assert failed.exit_code == 1 and failed.stdout == ""
    assert failed.stderr.startswith("kano: There is no classifier named 'nope'")


def test_kano_cli_uses_the_test_plugins(kano_cli, kano_plugins, kano_project):
    listed = kano_cli("plugins")
    assert listed.exit_code == 0
    assert all(name in listed.stdout for name in kano_plugins.infos)


def test_kano_run_tui_drives_the_real_app(kano_run_tui, kano_project):
    seen = {}

    async def check(pilot):
        seen["title"] = pilot.app.title
        seen["screen"] = pilot.app.current_mode

    kano_run_tui(check, screen="analysis")
    assert seen == {"title": "Sample", "screen": "analysis"}
