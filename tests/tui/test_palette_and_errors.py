"""The command palette (every screen, action, classifier, importer, exporter, theme),
cancellable exports, errors shown instead of crashes, and NO_COLOR."""

from __future__ import annotations

import asyncio
import threading

import pytest
from tui_helpers import run_palette_command, screen_text, settle

from kano_tui.tui.app import KanoApp
from kano_tui.tui.commands import palette_commands
from kano_tui.tui.feature_form import FeatureForm
from kano_tui.tui.importing import ImportScreen


def titles(app: KanoApp) -> list[str]:
    return [command.title for command in palette_commands(app)]


async def test_the_palette_lists_screens_actions_classifiers_importers_exporters_themes(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        offered = titles(app)
        plugins = smartphone.plugins
        for title in (
            "Go to Features (1)",
            "Go to Responses (2)",
            "Go to Analysis (3)",
            "Go to Journey (4)",
            "Go to Advocacy (5)",
            "Save project (ctrl+s)",
            "Undo (ctrl+z)",
            "Redo (ctrl+y)",
            "Help: keys (?)",
            "Quit (q)",
            "Features: Add feature",
            "Responses: Import a survey file",
            "Analysis: Kano plot",
            "Theme: nord",
        ):
            assert title in offered
        for name in plugins.classifiers:
            assert f"Classifier: {name}" in offered
        for name in plugins.importers:
            assert f"Import with {name}" in offered
        for name in plugins.exporters:
            assert f"Export with {name}" in offered


async def test_palette_commands_switch_screens_and_run_screen_actions(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_palette_command(pilot, "go to analysis", "Go to Analysis")
        assert app.current_mode == "analysis"
        await run_palette_command(pilot, "features add", "Features: Add feature")
        assert app.current_mode == "features" and isinstance(app.screen, FeatureForm)


async def test_palette_classifier_theme_and_importer(smartphone, user_config):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_palette_command(pilot, "classifier continuous", "Classifier: continuous")
        assert app.classifier == "continuous"
        await run_palette_command(pilot, "theme gruvbox", "Theme: gruvbox")
        assert app.theme == "gruvbox"
        assert "gruvbox" in (user_config / "config.toml").read_text()
        importer = sorted(smartphone.plugins.importers)[0]
        await run_palette_command(pilot, f"import with {importer}", f"Import with {importer}")
        assert isinstance(app.screen, ImportScreen) and app.current_mode == "responses"


async def test_exporting_from_the_palette_writes_the_file_in_a_worker(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_palette_command(pilot, "export with markdown", "Export with markdown")
        await settle(pilot)
        written = [p for p in (smartphone.directory / "exports").rglob("*") if p.is_file()]
        reports = [p for p in written if p.suffix == ".md"]
        assert len(reports) == 1 and "Calls" in reports[0].read_text()
        assert not [p for p in written if p.name.startswith(".kano-export-")]


class SlowExporter:
    """An exporter that waits until the test lets it go: cancellation happens meanwhile."""

    name = "slow"
    description = "Waits for the test"
    extension = ".txt"

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def export(self, context, destination):
        self.started.set()
        self.release.wait(10)
        destination.write_text("late")
        return [destination]


async def test_a_running_export_can_be_cancelled_and_writes_nothing(smartphone):
    slow = SlowExporter()
    smartphone.plugins.registry["exporter"]["slow"] = slow
    smartphone.plugins.owner[("exporter", "slow")] = next(iter(smartphone.plugins.infos))
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_export("slow")
        assert await asyncio.to_thread(slow.started.wait, 10)
        assert app.export_running and "Cancel export" in titles(app)
        await run_palette_command(pilot, "cancel export", "Cancel export")
        assert not app.export_running
        slow.release.set()
        await settle(pilot)
        assert app.is_running
    exports = smartphone.directory / "exports"
    assert not exports.exists() or not [p for p in exports.rglob("*") if p.is_file()]


async def test_an_engine_error_becomes_a_notification_not_a_crash(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_export("no-such-exporter")
        await settle(pilot)
        assert app.is_running
        assert any("no-such-exporter" in str(n.message) for n in app._notifications)
        app.set_classifier("no-such-classifier")
        assert app.classifier == "mode" and app.is_running


async def test_a_damaged_responses_file_is_reported_and_the_app_keeps_working(smartphone):
    for path in (smartphone.directory / "responses").iterdir():
        path.write_bytes(b"not arrow")
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("damaged" in str(n.message) for n in app._notifications)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.is_running and app.current_mode == "analysis"
        assert "the analysis failed" in screen_text(app)


async def test_modal_dialogs_block_the_screen_keys_underneath(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, FeatureForm)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.press("3")
        assert app.current_mode == "features"


async def test_no_color_is_honoured(smartphone, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        text = screen_text(app)
        assert "M    Calls" in text  # categories keep their letter without colour


async def test_help_lists_each_screens_bindings(smartphone):
    app = KanoApp(smartphone)
    sections = dict(app.help_sections())
    assert ("a", "Add") in sections["1 Features"]
    assert ("i", "Import") in sections["2 Responses"]
    assert ("c", "Classifier") in sections["3 Analysis"]
    assert ("home", "First row") in sections["In tables"]
