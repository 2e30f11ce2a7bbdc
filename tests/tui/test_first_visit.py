"""A screen's first visit (issue 18): shown at once, its figures filled in as they come.

What a first visit waits for is held in these tests (the analysis, the plugins) to see
the screen before it, then released to see the same numbers the engine computes.
"""

from __future__ import annotations

import threading

from textual.widgets import DataTable, Select, TabbedContent
from tui_helpers import screen_text, settle

from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.panels import PluginPanelView
from kano_tui.tui.registry import SCREENS
from kano_tui.tui.screens.analysis import AnalysisScreen
from kano_tui.tui.text import number_text
from tests.conftest import run_python


async def until(pilot, condition, rounds: int = 200) -> None:
    """Pause until ``condition()`` (for a worker this test holds: settle would wait)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the condition never became true")


async def test_the_analysis_screen_is_shown_saying_analysing_then_shows_the_engines_figures(
    smartphone, monkeypatch
):
    release = threading.Event()
    work = AnalysisScreen._analysis_work
    monkeypatch.setattr(
        AnalysisScreen,
        "_analysis_work",
        lambda screen, *args: release.wait(30) and work(screen, *args),
    )
    app = KanoApp(smartphone, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await until(pilot, lambda: app.current_mode == "analysis" and app.screen.is_mounted)
        await pilot.pause()
        table = app.screen.query_one("#results-table", DataTable)
        assert "analysing…" in screen_text(app)  # what is coming, said
        assert table.row_count == 0
        release.set()
        await settle(pilot)
        text = screen_text(app)
        assert "analysing" not in text
        results = smartphone.analyze().results()
        assert f"up to {max(r.n for r in results):,} answers per feature" in text
        assert [str(row.key.value) for row in table.ordered_rows] == [r.id for r in results]
        for result in results:
            assert str(table.get_cell(result.id, "category")) == result.category
            assert str(table.get_cell(result.id, "better")) == str(number_text(result.better))
            assert str(table.get_cell(result.id, "worse")) == str(number_text(result.worse))
            assert str(table.get_cell(result.id, "n")).rstrip("*") == f"{result.n}"


async def test_the_comparison_is_computed_only_once_the_compare_tab_is_shown(
    smartphone, monkeypatch
):
    compared: list[str | None] = []
    compare = Workspace.compare
    monkeypatch.setattr(
        Workspace,
        "compare",
        lambda workspace, *args, **options: (
            compared.append(options.get("by")) or compare(workspace, *args, **options)
        ),
    )
    app = KanoApp(smartphone, first_screen="analysis", remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.analysis is not None  # the figures are in
        assert compared == []  # and nothing compared (pandas and scipy: seconds at 1M)
        await pilot.press("y")
        await settle(pilot)
        assert compared == ["wave"]
        table = app.screen.query_one("#compare-table", DataTable)
        assert table.row_count == len(smartphone.project.features)
        assert "comparing" not in screen_text(app)
        await pilot.press("r", "y")  # the same analysis: not compared again
        await settle(pilot)
        assert compared == ["wave"]


async def test_the_analysis_screen_does_not_wait_for_the_plugins_and_fills_them_in_after(
    smartphone, monkeypatch
):
    release = threading.Event()
    engine_work = KanoApp._engine_work
    monkeypatch.setattr(KanoApp, "_engine_work", lambda app: release.wait(30) and engine_work(app))
    app = KanoApp(smartphone, first_screen="analysis", remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await until(pilot, lambda: getattr(screen, "analysis", None) is not None)
        await pilot.pause()
        assert not app.plugins_ready  # the figures came while the plugins were loading
        assert screen.query_one("#results-table", DataTable).row_count > 0
        classifiers = screen.query_one("#filter-classifier", Select)
        assert [value for _, value in classifiers._options] == [app.classifier]
        release.set()
        await settle(pilot)
        assert app.plugins_ready
        every = sorted(smartphone.plugins.classifiers)
        assert [value for _, value in classifiers._options] == every
        panes = [pane.id for pane in screen.query("TabPane") if pane.id]
        assert any(pane.startswith("panel-") for pane in panes)  # the plugins' tabs


async def test_a_plugin_panel_renders_when_its_tab_is_shown_not_before(smartphone):
    app = KanoApp(smartphone, first_screen="analysis", remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        views = list(app.screen.query(PluginPanelView))
        assert views and all(view.rendered is None for view in views)
        await pilot.press("u")  # the first plugin tab
        await settle(pilot)
        active = app.screen.query_one("#analysis-tabs", TabbedContent).active
        shown = [view for view in views if view.id == f"{active}-view"]
        assert len(shown) == 1 and shown[0].rendered is not None
        assert all(view.rendered is None for view in views if view not in shown)


async def test_screens_built_ahead_show_their_figures_on_the_first_key(smartphone):
    app = KanoApp(smartphone, remember_theme=False, warm_screens=True)
    keyed = {name for name, entry in SCREENS.items() if entry.key}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: app._built >= keyed, rounds=400)
        await settle(pilot)
        assert app.current_mode == "features"  # built off the terminal
        assert "Confusing interface" in screen_text(app)
        await pilot.press("3")
        await pilot.pause()  # no worker to wait for: the figures were computed ahead
        results = smartphone.analyze().results()
        assert f"up to {max(r.n for r in results):,} answers per feature" in screen_text(app)
        await pilot.press("5")
        await pilot.pause()
        assert "all waves" in screen_text(app) and "computing" not in screen_text(app)


# In a process of its own, set up as `kano PROJECT` is: the first visit of every screen
# (each one's figures in), then the modules imported by then.
FIRST_VISITS = """
import asyncio, sys
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp, load_plugins_later

workspace = Workspace.open(sys.argv[1])
def every_plugin():
    from kano_tui.plugins.discovery import build_for_run
    return build_for_run([], sys.argv[1])
load_plugins_later(workspace, every_plugin, scoped=True)

async def main():
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "12345":
            await pilot.press(key)
            for _ in range(6):
                await app.workers.wait_for_complete()
                await pilot.pause()
            print(key, app.current_mode, file=sys.stderr)
        print(*sorted(sys.modules))

asyncio.run(main())
"""


def test_no_first_visit_imports_pandas_or_scipy(sample_copy):
    project = sample_copy("smartphone")
    done = run_python(FIRST_VISITS, project)
    assert done.returncode == 0, done.stderr
    visited = [line.split()[1] for line in done.stderr.splitlines() if line[:1].isdigit()]
    assert visited == ["features", "responses", "analysis", "journey", "advocacy"]
    modules = set(done.stdout.split())
    assert "kano_variants" in modules  # the plugins are loaded by then
    # Only the Compare tab and the plugin panels that need them import these.
    assert {"pandas", "scipy"}.isdisjoint(modules), {"pandas", "scipy"} & modules
