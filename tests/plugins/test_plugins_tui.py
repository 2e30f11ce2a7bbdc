"""Plugins in the TUI: the palette and the classifier switcher offer them, the Plugins
screen lists them with failures and tracebacks, a failing plugin leaves the app working,
and a slow exporter can be cancelled."""

from __future__ import annotations

import asyncio
import threading
import types

import pytest
from plugin_sources import BROKEN_PLUGINS, GOOD_PLUGIN
from plugin_tui_helpers import palette_hits, settle
from textual.widgets import DataTable, Select, Static

from kano_tui.plugins import hookimpl
from kano_tui.plugins.discovery import build_for_run
from kano_tui.plugins.manager import build_plugins
from kano_tui.tui.app import KanoApp


@pytest.fixture
def plugged_project(sample_project, plugin_file):
    """The sample project with the good plugin and every broken one loaded."""
    paths = [plugin_file("good", GOOD_PLUGIN)]
    paths += [plugin_file(name, source) for name, source in BROKEN_PLUGINS.items()]
    sample_project._plugins = build_for_run(paths)
    return sample_project


async def test_the_palette_offers_plugins_classifiers_importers_and_exporters(plugged_project):
    app = KanoApp(plugged_project, remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for query, wanted in (
            ("always", "Classifier: always-a"),
            ("feature-count", "Export with feature-count"),
            ("import pipe", "Import with pipe"),
        ):
            hits = await palette_hits(pilot, query, wanted)
            assert any(wanted in hit for hit in hits), hits
            await pilot.press("escape")


async def test_choosing_a_plugin_classifier_in_the_palette_analyses_with_it(plugged_project):
    app = KanoApp(plugged_project, remember_theme=False, first_screen="analysis")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        switcher = app.screen.query_one("#filter-classifier", Select)
        offered = [value for _, value in switcher._options]
        assert {"always-a", "mode", "continuous"} <= set(offered)
        hits = await palette_hits(pilot, "classifier always-a", "Classifier: always-a")
        assert hits[0].startswith("Classifier: always-a"), hits
        await pilot.press("enter")
        await settle(pilot)
        assert app.classifier == "always-a"
        assert switcher.value == "always-a"


async def test_the_plugins_screen_lists_every_plugin_and_shows_a_traceback(plugged_project):
    app = KanoApp(plugged_project, remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        assert any("plugins failed and were disabled" in n and "import_error" in n for n in notices)
        app.action_go("plugins")
        await settle(pilot)
        table = app.screen.query_one("#plugins-table", DataTable)
        rows = {
            str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)]
            for i in range(table.row_count)
        }
        assert rows["good"][1:4] == ["--plugin", "1.2.3", "enabled"]
        assert "always-a" in rows["good"][4] and "feature-count" in rows["good"][4]
        assert rows["kano_tui.classifiers.builtin"][1] == "built-in"
        assert rows["raising_hook"][3] == "failed"

        table.focus()
        table.move_cursor(row=list(rows).index("raising_hook"))
        await pilot.pause()
        detail = str(app.screen.query_one("#plugins-detail-text", Static).content)
        assert "RuntimeError: the hook blew up" in detail
        assert "Traceback" in detail and 'raise RuntimeError("the hook blew up")' in detail


async def test_a_classifier_failing_in_the_tui_is_reported_and_the_app_keeps_working(
    plugged_project,
):
    app = KanoApp(plugged_project, remember_theme=False, first_screen="analysis")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        results = app.screen.query_one("#results-table", DataTable)
        assert results.row_count == 4
        app.set_classifier("explodes")
        await settle(pilot)
        failures = [n.message for n in app._notifications if "raising_classifier" in n.message]
        # Said once, pointing at the Plugins screen (not at an environment variable).
        assert failures == [
            "Plugin 'raising_classifier' failed (ZeroDivisionError: division "
            "by zero) and has been disabled; the Plugins screen (ctrl+p: Go "
            "to Plugins) shows why."
        ]
        # The mode classifier's results are not left standing as if they were these.
        assert results.row_count == 0
        assert "the analysis failed" in str(app.screen.query_one("#analysis-status").render())
        assert "explodes" not in plugged_project.plugins.classifiers
        app.set_classifier("mode")
        await settle(pilot)
        assert app.classifier == "mode"
        app.action_go("plugins")
        await settle(pilot)
        table = app.screen.query_one("#plugins-table", DataTable)
        states = {
            str(table.get_row_at(i)[0]): str(table.get_row_at(i)[3]) for i in range(table.row_count)
        }
        assert states["raising_classifier"] == "failed"


async def test_a_slow_exporter_can_be_cancelled_and_writes_nothing(sample_project):
    started, stopped = threading.Event(), threading.Event()
    steps: list[int] = []

    class Slow:
        name = "slow"
        description = "takes its time, checking for cancellation"
        extension = ".txt"

        def export(self, context, destination):
            started.set()
            try:
                for step in range(100_000):
                    context.check_cancelled()
                    steps.append(step)
                    stopped.wait(0.01)  # a slow step; never finishes on its own in time
                destination.write_text("done")
                return [destination]
            finally:
                stopped.set()

    plugin = types.SimpleNamespace(register_exporters=hookimpl(lambda register: register(Slow())))
    sample_project._plugins = build_plugins(entry_points=False, extra=[("slow-plugin", plugin)])
    app = KanoApp(sample_project, remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.start_export("slow")
        assert await asyncio.to_thread(started.wait, 30)
        assert app.export_running
        app.cancel_export()
        assert await asyncio.to_thread(stopped.wait, 30)
        await settle(pilot)
        assert len(steps) < 100_000  # it stopped early, at a check_cancelled()
        exports = sample_project.directory / "exports"
        assert not exports.exists() or list(exports.iterdir()) == []
        assert not any("Wrote" in n.message for n in app._notifications)
        app.start_export("csv")  # the next export works
        await settle(pilot)
        assert any(path.suffix == ".csv" for path in exports.iterdir())


async def test_untrusted_project_plugins_are_announced_and_can_be_trusted_from_the_tui(
    sample_project,
):
    from plugin_sources import write_module

    from kano_tui.plugins.trust import TRUSTED, read_project_plugins
    from kano_tui.tui.modals import ConfirmScreen

    write_module(sample_project.directory / "plugins", "house_rules", GOOD_PLUGIN)
    sample_project._plugins = build_for_run(project=sample_project.directory)
    app = KanoApp(sample_project, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("1 untrusted project plugin skipped" in n.message for n in app._notifications)
        app.action_go("plugins")
        await settle(pilot)
        notes = str(app.screen.query_one("#plugins-notes", Static).content)
        assert "kano plugins trust" in notes
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert read_project_plugins(sample_project.directory).state == TRUSTED
        assert "always-a" not in sample_project.plugins.classifiers  # from the next start


async def test_plugin_names_and_errors_are_never_read_as_markup(sample_project, plugin_file):
    path = plugin_file("markup_trap", "raise RuntimeError('[bold]not markup[/bold] [/oops]')\n")
    sample_project._plugins = build_for_run([path])
    app = KanoApp(sample_project, remember_theme=False, first_screen="plugins")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#plugins-table", DataTable)
        table.focus()
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        detail = str(app.screen.query_one("#plugins-detail-text", Static).content)
        assert "RuntimeError: [bold]not markup[/bold] [/oops]" in detail
