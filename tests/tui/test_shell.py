"""The app shell: screen keys, help, save, undo/redo, quit with unsaved changes, themes."""

from __future__ import annotations

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.projectfile import load_project
from kano_tui.engine.project.userconfig import load_user_config
from kano_tui.tui.app import KanoApp
from kano_tui.tui.modals import HelpScreen, QuitScreen
from kano_tui.tui.registry import SCREENS
from tests.tui.tui_helpers import press_and_settle, settle


async def test_number_keys_switch_between_every_registered_screen(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_mode == "features"
        for name, entry in SCREENS.items():
            if entry.key:
                await pilot.press(entry.key)
                await pilot.pause()
                assert app.current_mode == name
                assert type(app.screen).__name__ == entry.target.rpartition(":")[2]


async def test_help_lists_the_global_bindings_and_closes_with_escape(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        everywhere = {desc: key for key, desc in app.screen.sections[0][1]}
        for wanted in (
            "Features",
            "Responses",
            "Analysis",
            "Journey",
            "Advocacy",
            "Save",
            "Undo",
            "Redo",
            "Quit",
            "Help",
            "Command palette",
        ):
            assert wanted in everywhere
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_an_edit_marks_unsaved_undo_clears_it_and_redo_restores_it(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.edit(
            "Add feature Wireless charging",
            lambda project: add_feature(project, "Wireless charging"),
        )
        assert app.unsaved and smartphone.project.feature("wireless-charging")
        await pilot.press("ctrl+z")
        assert not app.unsaved and smartphone.project.feature("wireless-charging") is None
        await pilot.press("ctrl+y")
        assert app.unsaved and smartphone.project.feature("wireless-charging")


async def test_ctrl_s_saves_the_project_to_kano_toml(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.edit("Add feature", lambda project: add_feature(project, "Eye tracking"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.unsaved
    assert load_project(smartphone.directory).feature("eye-tracking") is not None


async def test_quit_with_unsaved_changes_asks_and_cancel_keeps_the_app(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.edit("Add feature", lambda project: add_feature(project, "Eye tracking"))
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen) and app.is_running
        await pilot.press("q", "d")
        await pilot.pause()
    assert app.return_code == 0
    assert load_project(smartphone.directory).feature("eye-tracking") is None


async def test_quit_and_save_writes_the_change(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.edit("Add feature", lambda project: add_feature(project, "Eye tracking"))
        await pilot.press("q", "s")
        await pilot.pause()
    assert load_project(smartphone.directory).feature("eye-tracking") is not None


async def test_quit_without_changes_exits_at_once(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_theme_choice_is_remembered_in_the_user_config(smartphone, user_config):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    assert load_user_config()["theme"] == "nord"
    again = KanoApp(smartphone)
    assert again.theme == "nord"


async def test_a_kept_screen_follows_a_theme_change_made_elsewhere(smartphone):
    app = KanoApp(smartphone, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        analysis = app.screen
        await pilot.press("1")
        await pilot.pause()
        app.theme = "solarized-light"
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert app.screen is analysis
        expected = app.current_theme.background
        assert analysis.styles.background.hex.lower() == expected.lower()


async def test_switching_back_to_a_screen_keeps_it_and_its_state(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3", "1")
        await pilot.pause()
        features = app.screen
        await pilot.press("s", "2", "1")
        await pilot.pause()
        assert app.screen is features and features.sort_key == "name"


async def test_a_first_visit_restyles_no_other_screen(smartphone, monkeypatch):
    """A screen opened for the first time is styled as it mounts: Textual would otherwise
    take it for a screen that missed a stylesheet change and restyle every widget of every
    screen first (a third of a first visit's time). A theme change still restyles all, and
    a screen first opened after one gets the new theme."""
    from kano_tui.tui.widgets.header import KanoHeader

    app = KanoApp(smartphone, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        restyles: list[object] = []
        refresh_css = app.refresh_css

        def counted(*args: object, **kwargs: object) -> None:
            restyles.append(app.screen)
            refresh_css(*args, **kwargs)

        monkeypatch.setattr(app, "refresh_css", counted)
        await press_and_settle(pilot, "2")
        assert app.current_mode == "responses" and restyles == []
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await settle(pilot)
        assert restyles
        await press_and_settle(pilot, "3")
        header = app.screen.query_one(KanoHeader).styles.background
        await press_and_settle(pilot, "2")
        assert app.screen.query_one(KanoHeader).styles.background == header
