"""Plugin reach in the TUI: the Plugins screen shows and edits a plugin's options (saved
under [plugins.NAME], undoable), and the Analysis screen follows them."""

from __future__ import annotations

import tomllib

from plugin_tui_helpers import settle
from test_plugin_reach import REACH_PLUGIN
from textual.widgets import DataTable, Input, Static

from kano_tui.plugins.discovery import build_for_run
from kano_tui.tui.app import KanoApp
from kano_tui.tui.plugin_options_form import PluginOptionsForm


async def test_the_plugins_screen_edits_a_plugins_options(sample_project, plugin_file):
    sample_project._plugins = build_for_run([plugin_file("reachy", REACH_PLUGIN)])
    app = KanoApp(sample_project, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_go("plugins")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#plugins-table", DataTable)
        table.move_cursor(row=list(sample_project.plugins.infos).index("reachy"))
        await pilot.pause()
        detail = str(screen.query_one("#plugins-detail-text", Static).content)
        assert "Options ([plugins.reachy], o edits)" in detail
        assert "min_share = 0.0" in detail
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PluginOptionsForm)
        field = app.screen.query_one("#option-min_share", Input)
        assert field.value == "0.0"
        field.value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PluginOptionsForm)  # refused, the form stays open
        error = str(app.screen.query_one("#form-error", Static).content)
        assert "min_share must be a number from 0 to 1" in error
        field.value = "0.5"
        app.screen.query_one("#option-label", Input).value = "fancy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PluginOptionsForm)
        detail = str(screen.query_one("#plugins-detail-text", Static).content)
        assert "min_share = 0.5" in detail
        assert sample_project.plugin_options().of("reachy") == {
            "min_share": 0.5,
            "label": "fancy",
            "verbose": False,
        }
        await pilot.press("ctrl+s")  # save the project
        await settle(pilot)
    saved = tomllib.loads((sample_project.directory / "kano.toml").read_text("utf-8"))
    assert saved["plugins"]["reachy"] == {"min_share": 0.5, "label": "fancy"}
