"""The Features screen through the real app: the catalogue, add, edit, delete, filter, sort."""

from __future__ import annotations

from textual.widgets import DataTable, Input
from tui_helpers import screen_text, settle, type_text

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.projectfile import load_project
from kano_tui.tui.app import KanoApp
from kano_tui.tui.feature_form import FeatureForm
from kano_tui.tui.modals import ConfirmScreen


def table_ids(app: KanoApp) -> list[str]:
    table = app.screen.query_one("#features-table", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


async def test_the_catalogue_shows_each_feature_with_its_category_and_figures(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert table_ids(app) == smartphone.project.feature_ids()
        text = screen_text(app)
        line = next(line for line in text.splitlines() if "Calls" in line)
        figures = smartphone.analyze().overall
        assert line.split()[0] == figures.at["calls", "category"] == "M"
        assert f"{figures.at['calls', 'better']:.2f}" in line
        assert f"{figures.at['calls', 'worse']:.2f}" in line
        assert "Purchase" in line
        assert "Clear voice calls that never drop" in text  # the highlighted feature's detail


async def test_adding_a_feature_through_the_form_is_undoable_and_saved_with_ctrl_s(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, FeatureForm)
        await type_text(pilot, "Wireless charging")
        app.screen.query_one("#tags", Input).value = "hardware, power"
        app.screen.query_one("#effort", Input).value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FeatureForm)
        feature = smartphone.project.feature("wireless-charging")
        assert feature is not None and feature.tags == ["hardware", "power"]
        assert feature.effort == 4
        assert "wireless-charging" in table_ids(app)
        assert "● unsaved" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "wireless-charging" not in table_ids(app)
        await pilot.press("ctrl+y", "ctrl+s")
        await settle(pilot)
    assert load_project(smartphone.directory).feature("wireless-charging") is not None


async def test_the_form_shows_validation_errors_and_stays_open(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FeatureForm)
        assert "A feature needs a name." in screen_text(app)
        await type_text(pilot, "Camera")
        app.screen.query_one("#id", Input).value = "camera"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already exists" in screen_text(app)
        app.screen.query_one("#id", Input).value = ""
        app.screen.query_one("#effort", Input).value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Effort must be a number" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FeatureForm)
        assert len(smartphone.project.features) == 11 and not app.unsaved


async def test_editing_renames_the_highlighted_feature_and_keeps_its_id(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "e")
        assert isinstance(app.screen, FeatureForm)
        name = app.screen.query_one("#name", Input)
        assert name.value == "Messaging"
        name.value = "Messaging and chat"
        await pilot.press("enter")
        await settle(pilot)
        assert smartphone.project.feature("messaging").name == "Messaging and chat"
        assert "Messaging and chat" in screen_text(app)
        assert app.history.undo_stack[-1].label == "Edit feature Messaging and chat"


async def test_enter_on_a_row_opens_the_edit_form(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, FeatureForm) and app.screen.feature.id == "calls"


async def test_delete_asks_first_and_n_keeps_the_feature(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert "calls" in table_ids(app)
        await pilot.press("d", "y")
        await settle(pilot)
        assert "calls" not in table_ids(app)
        assert smartphone.project.feature("calls") is None and app.unsaved


async def test_slash_filters_and_escape_clears(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "must-be")
        await pilot.press("enter")
        await settle(pilot)
        assert table_ids(app) == ["calls", "messaging", "internet"]
        assert "3 of 11 features" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(table_ids(app)) == 11


async def test_s_cycles_the_sort_and_r_reverses_it(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # by name
        await settle(pilot)
        names = [smartphone.project.feature(i).name.lower() for i in table_ids(app)]
        assert names == sorted(names) and "sorted by name" in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        names = [smartphone.project.feature(i).name.lower() for i in table_ids(app)]
        assert names == sorted(names, reverse=True)
        await pilot.press("r", "s")  # by category
        await settle(pilot)
        categories = [smartphone.analyze().overall.at[i, "category"] for i in table_ids(app)]
        assert categories == sorted(categories, key="MOAIRQ".index)


async def test_feature_names_are_shown_literally_never_as_markup(smartphone):
    for number, name in enumerate(("[bold]x[/]", "[/foo]", "[red]alarm")):
        add_feature(
            smartphone.project, name, feature_id=f"odd-{number}", description="[i]not italic[/i]"
        )
    smartphone.project.name = "[b]Project[/b]"
    app = KanoApp(smartphone)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        text = screen_text(app)
        for shown in ("[bold]x[/]", "[/foo]", "[red]alarm", "[i]not italic[/i]", "[b]Project[/b]"):
            assert shown in text
        await pilot.press("3")
        await settle(pilot)
        assert "[/foo]" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert "[bold]x[/]" in screen_text(app)
