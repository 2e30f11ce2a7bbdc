"""SVG snapshots of every screen of this issue at 80x24 and 120x40 (pytest-textual-snapshot).

The app runs on a copy of sample_projects/smartphone (fixed data, fixed import dates);
nothing time- or path-dependent is on screen. Update after a deliberate change with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import settle

from kano_tui.tui.app import KanoApp

REPO = Path(__file__).resolve().parents[2]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
VIEWS = {
    "features": ("features", []),
    "responses": ("responses", []),
    "answers": ("responses", ["a"]),
    "results": ("analysis", []),
    "kano-plot": ("analysis", ["p"]),
    "backlog": ("analysis", ["b"]),
    "backlog-plan": ("analysis", ["b", "v"]),
}


def steps(*keys: str):
    async def run(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False  # a blinking cursor would make the image flicker
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", list(VIEWS))
def test_screen(snap_compare, smartphone, view, size):
    first, keys = VIEWS[view]
    app = KanoApp(smartphone, first_screen=first)
    assert snap_compare(app, terminal_size=size, run_before=steps(*keys))


@pytest.mark.parametrize(
    "keys",
    [pytest.param(["question_mark"], id="help"), pytest.param(["down", "e"], id="feature-form")],
)
def test_dialog(snap_compare, smartphone, keys):
    app = KanoApp(smartphone)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps(*keys))


def test_import_preview(snap_compare, smartphone, monkeypatch):
    monkeypatch.chdir(REPO)  # the path on screen is relative: the image is the same anywhere
    app = KanoApp(smartphone)

    async def run(pilot) -> None:
        await settle(pilot)
        app.start_import(path="sample_projects/smartphone/survey/wave-2-2026-09-15.csv")
        await settle(pilot)
        await steps()(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run)


def test_kano_plot_without_colour(snap_compare, smartphone, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = KanoApp(smartphone, first_screen="analysis")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps("p"))


def test_feature_detail(snap_compare, smartphone):
    """Enter on a result: the answer pairs and the figures per wave, at 80x24."""
    app = KanoApp(smartphone, first_screen="analysis")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps("down", "enter"))


def test_results_scrolled_to_the_counts(snap_compare, smartphone):
    """Sideways by whole columns: Cat and Feature stay, the counts come into view."""
    app = KanoApp(smartphone, first_screen="analysis")
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=steps("right", "right", "right", "right")
    )


def test_journey_feature_checklist_without_colour(snap_compare, smartphone, monkeypatch):
    """Ticked features read as ✓ under NO_COLOR."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = KanoApp(smartphone, first_screen="journey")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps("f"))
