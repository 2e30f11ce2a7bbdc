"""What the TUI's start-up does in which order (issue 18): the first figures come first."""

from __future__ import annotations

import gc
import threading

import pytest
from tui_helpers import screen_text, settle

from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.screens.features import FeaturesScreen
from tests.conftest import run_python


def hold_first_analysis(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the Features screen's analysis until the test has looked: set the event."""
    release = threading.Event()
    analysis = FeaturesScreen._analysis
    monkeypatch.setattr(
        FeaturesScreen,
        "_analysis",
        lambda screen, classifier: release.wait(30) and analysis(screen, classifier),
    )
    return release


async def test_the_plugins_load_after_the_first_figures_not_beside_the_first_analysis(
    smartphone, monkeypatch
):
    release = hold_first_analysis(monkeypatch)
    figures_drawn_when_plugins_load: list[bool] = []
    engine_work = KanoApp._engine_work

    def loading_plugins(app: KanoApp) -> None:
        figures_drawn_when_plugins_load.append(app.screen.analysis is not None)
        engine_work(app)

    monkeypatch.setattr(KanoApp, "_engine_work", loading_plugins)
    app = KanoApp(smartphone, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):  # the first paint, and the refreshes after it
            await pilot.pause()
        assert "Confusing interface" in screen_text(app)
        assert "analysing" in screen_text(app)
        assert not [worker for worker in app.workers if worker.group == "engine"]
        release.set()
        await settle(pilot)
        assert figures_drawn_when_plugins_load == [True]  # once, after the figures
        assert "M    Calls" in screen_text(app)


async def test_a_session_opened_on_another_screen_loads_the_plugins_after_its_first_paint(
    smartphone, monkeypatch
):
    loaded: list[str] = []
    engine_work = KanoApp._engine_work
    monkeypatch.setattr(
        KanoApp, "_engine_work", lambda app: loaded.append(app.current_mode) or engine_work(app)
    )
    app = KanoApp(smartphone, first_screen="journey", remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert loaded == ["journey"]
        await pilot.press("1")
        await settle(pilot)
        assert loaded == ["journey"]  # the Features screen's figures do not load them again


@pytest.mark.parametrize("plugins_fail", [False, True])
async def test_a_start_with_the_collector_paused_resumes_it_once_the_plugins_have_loaded(
    smartphone, monkeypatch, plugins_fail
):
    release = hold_first_analysis(monkeypatch)
    if plugins_fail:

        def broken(app: KanoApp) -> None:
            raise RuntimeError("no plugins today")

        monkeypatch.setattr(KanoApp, "_engine_work", broken)
    frozen_before = gc.get_freeze_count()
    gc.disable()  # as `kano PROJECT` does before it imports Textual
    try:
        app = KanoApp(smartphone, remember_theme=False, collections_paused=True)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(5):
                await pilot.pause()
            assert "Confusing interface" in screen_text(app)
            assert not gc.isenabled()  # the first paint and the first analysis: none
            release.set()
            await settle(pilot)
            assert "M    Calls" in screen_text(app)
            assert app.plugins_ready
            assert gc.isenabled()  # on again, loaded or not
            assert gc.get_freeze_count() > frozen_before  # what existed frozen first
    finally:
        gc.enable()


async def test_an_app_not_told_the_collector_is_paused_leaves_it_alone(smartphone):
    gc.disable()  # whoever disabled it (not `kano PROJECT`) enables it
    try:
        app = KanoApp(smartphone, remember_theme=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.plugins_ready
            assert not gc.isenabled()
    finally:
        gc.enable()


def test_kano_open_pauses_the_collector_for_the_app_and_enables_it_when_done(
    smartphone, monkeypatch
):
    import kano_tui.tui.app
    from kano_tui.cli.main import main

    seen: list[tuple[bool, object]] = []

    def run_app(workspace, plugins=None, *, collections_paused=False, first_figures=None, **_):
        seen.append((gc.isenabled(), collections_paused))
        if first_figures is not None:  # a child forked (a test process without threads)
            first_figures.discard()

    monkeypatch.setattr(kano_tui.tui.app, "run_app", run_app)
    assert main(["open", str(smartphone.directory)]) == 0
    assert seen == [(False, True)]
    assert gc.isenabled()


# Run in a process of its own (the test process has imported everything already): the
# real app up to its first paint, the first analysis held, then the modules it imported.
FIRST_PAINT = """
import asyncio, sys, threading
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.screens.features import FeaturesScreen

release = threading.Event()
analysis = FeaturesScreen._analysis
FeaturesScreen._analysis = lambda screen, classifier: (
    release.wait(30) and analysis(screen, classifier)
)

async def main():
    app = KanoApp(Workspace.open(sys.argv[1]), remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        shown = app.screen.query_one("#features-table").row_count
        print(shown, *sorted(sys.modules))
        release.set()
        await app.workers.wait_for_complete()

asyncio.run(main())
"""


def test_the_first_paint_imports_no_numpy_pyarrow_pandas_nor_the_plugins(sample_copy):
    project = sample_copy("smartphone")
    done = run_python(FIRST_PAINT, project)
    assert done.returncode == 0, done.stderr
    shown, *modules = done.stdout.split()
    features = Workspace.open(project).project.features
    assert int(shown) == len(features) > 0  # the catalogue is on the screen
    heavy = {"numpy", "pyarrow", "pandas", "kano_tui.plugins.discovery", "kano_tui.importers"}
    assert heavy.isdisjoint(modules), heavy & set(modules)
    screens = {m for m in modules if m.startswith("kano_tui.tui.screens.")}
    assert screens == {"kano_tui.tui.screens.features"}  # the others load on first visit


# The same process set up as `kano PROJECT` does (run_app's load_plugins_later, scoped),
# until the first figures are on the screen: the modules the first analysis imported.
FIRST_FIGURES = """
import asyncio, sys
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp, load_plugins_later
from kano_tui.tui.screens.features import FeaturesScreen

workspace = Workspace.open(sys.argv[1])
def every_plugin():
    print("every plugin", *sorted(sys.modules))
    from kano_tui.plugins.discovery import build_for_run
    return build_for_run([], sys.argv[1])
load_plugins_later(workspace, every_plugin, scoped=True)

async def main():
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()

asyncio.run(main())
"""


def test_the_first_figures_import_no_pandas_and_no_plugin_but_the_built_in_classifiers(
    sample_copy,
):
    project = sample_copy("smartphone")
    done = run_python(FIRST_FIGURES, project)
    assert done.returncode == 0, done.stderr
    # The plugins load after the first figures; what was imported until then:
    line = next(line for line in done.stdout.splitlines() if line.startswith("every plugin"))
    modules = set(line.split()[2:])
    assert "kano_tui.classifiers.builtin" in modules and "numpy" in modules
    never = {"pandas", "kano_variants", "kano_bootstrap", "kano_spreadsheets"}
    assert never.isdisjoint(modules), never & modules
    assert not {m for m in modules if m.startswith(("kano_tui.importers", "kano_tui.exporters"))}
