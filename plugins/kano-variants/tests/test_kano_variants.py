"""The variants' classifiers, options, command and panel, through kano's real plugin
manager, the real ``kano`` command and the real TUI."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from kano_variants import method

from kano_tui.engine.analysis.evaluation import BUILT_IN_TABLES
from kano_tui.engine.analysis.figures import figures_from_histograms
from kano_tui.engine.project.model import Settings

PAIR_COUNTS = st.lists(st.integers(0, 30), min_size=25, max_size=25)


def figures_of(*features: list[int], table=BUILT_IN_TABLES[0]) -> pd.DataFrame:
    """Figures as kano computes them, from 25 answer-pair counts per feature."""
    histograms = np.zeros((len(features), 6, 6), dtype=np.int64)
    for i, counts in enumerate(features):
        histograms[i, 1:, 1:] = np.asarray(counts).reshape(5, 5)
    return figures_from_histograms(
        histograms,
        np.zeros((len(features), 10), np.int64),
        [f"f{i}" for i in range(len(features))],
        table,
    )


def with_options(figures: pd.DataFrame, **options) -> pd.DataFrame:
    figures.attrs["options"] = options
    return figures


def test_the_plugin_registers_its_classifiers_options_command_and_panel(kano_plugins):
    info = kano_plugins.infos["kano_variants"]
    assert info.state == "enabled", info.traceback
    assert sorted(info.provides) == [
        "classifier fong",
        "classifier modified-mode",
        "command variants",
        "panel variants",
    ]
    assert [o.name for o in kano_plugins.options["kano_variants"]] == ["z", "fallback", "min_n"]


@given(PAIR_COUNTS)
def test_recounting_with_a_table_matches_kanos_own_counts_under_it(pairs):
    for table in BUILT_IN_TABLES:
        figures = figures_of(pairs, table=table)
        counts = method.recount(figures, table.rows)
        for letter in method.CATEGORIES:
            assert counts[letter].iloc[0] == figures[letter].iloc[0]


@given(PAIR_COUNTS)
def test_the_modified_mode_is_the_mode_under_the_pouliot_table(pairs):
    from kano_tui.classifiers.builtin import ModeClassifier

    standard = with_options(figures_of(pairs), z=1.65, fallback="none", min_n=0)
    pouliot = figures_of(pairs, table=BUILT_IN_TABLES[1])
    ours = method.mode(method.recount(standard, method.MODIFIED_ROWS)).iloc[0]
    assert ours == ModeClassifier().classify(pouliot, Settings()).iloc[0]


def test_fong_keeps_a_clear_leader_and_leaves_a_near_tie_to_the_fallback(kano_plugins):
    clear = [0] * 25
    clear[4], clear[14] = 40, 5  # like/dislike O 40, neutral/dislike M 5
    close = [0] * 25
    close[4], close[14] = 6, 5
    fong = kano_plugins.classifiers["fong"]
    figures = figures_of(clear, close)
    none = fong.classify(with_options(figures, z=1.65, fallback="none", min_n=0), Settings())
    assert list(none) == ["O", None]
    priority = fong.classify(
        with_options(figures, z=1.65, fallback="priority", min_n=0), Settings()
    )
    assert list(priority) == ["O", "M"]  # M ranks before O
    loose = fong.classify(with_options(figures, z=0.0, fallback="none", min_n=0), Settings())
    assert list(loose) == ["O", "O"]
    few = fong.classify(with_options(figures, z=0.0, fallback="none", min_n=20), Settings())
    assert list(few) == ["O", None]


def test_the_options_reach_the_classifier_from_kano_toml(kano_plugins, kano_project, kano_cli):
    directory = kano_project.directory
    loose = kano_cli(
        "analyze",
        directory,
        "--classifier",
        "fong",
        "--format",
        "json",
        "--option",
        "kano_variants.z=0",
    )
    assert loose.exit_code == 0, loose.stderr
    strict = kano_cli(
        "analyze",
        directory,
        "--classifier",
        "fong",
        "--format",
        "json",
        "--option",
        "kano_variants.z=10",
    )
    decided = [
        sum(f["category"] is not None for f in json.loads(r.stdout)["features"])
        for r in (loose, strict)
    ]
    assert decided[0] == 4 and decided[1] < 4
    bad = kano_cli("analyze", directory, "--option", "kano_variants.fallback=coin")
    assert bad.exit_code == 1
    assert "fallback must be one of none, priority" in bad.stderr


def test_the_installed_command_prints_each_reading(kano_project):
    """Through the real console script: the entry point ``variants`` is installed."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kano_tui.cli.main",
            "variants",
            str(kano_project.directory),
            "--format",
            "json",
            "--option",
            "variants.z=1.96",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["options"]["z"] == 1.96
    analysed = subprocess.run(
        [
            sys.executable,
            "-m",
            "kano_tui.cli.main",
            "analyze",
            str(kano_project.directory),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    modes = {f["id"]: f["category"] for f in json.loads(analysed.stdout)["features"]}
    assert {f["feature"]: f["mode"] for f in document["features"]} == modes
    helped = subprocess.run(
        [sys.executable, "-m", "kano_tui.cli.main", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Plugin commands:" in helped.stdout and "variants" in helped.stdout


async def test_the_panel_is_a_tab_of_the_analysis_screen(kano_project):
    from rich.console import Console
    from textual.widgets import TabbedContent

    from kano_tui.plugins.manager import build_plugins
    from kano_tui.tui.app import KanoApp
    from kano_tui.tui.panels import PluginPanelView

    kano_project.plugins = build_plugins(
        entry_points=False, extra=[("variants", __import__("kano_variants"))]
    )
    app = KanoApp(kano_project, remember_theme=False, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(40):
            await app.workers.wait_for_complete()
            await pilot.pause()
            views = app.screen.query(PluginPanelView)
            if views and views.first().rendered is not None:
                break
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.query_one("#analysis-tabs", TabbedContent).active == "panel-variants"
        console = Console(width=80, record=True, color_system=None)
        console.print(app.screen.query_one(PluginPanelView).rendered)
        text = console.export_text()
        assert "Readings of the answer pairs (Fong z = 1.65)" in text
        assert "modified" in text and "margin" in text
