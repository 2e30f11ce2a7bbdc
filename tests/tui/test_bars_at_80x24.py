"""At 80x24 the selectors never go blank, the footer keeps quit and save whole, the title
keeps the unsaved marker, and the import dialog shows focus and names the waves."""

from __future__ import annotations

import pytest
from textual.widgets import Select
from tui_helpers import screen_text, settle

from kano_tui.engine.project.catalogue import edit_feature
from kano_tui.tui.app import KanoApp

REPO_SURVEY = "sample_projects/smartphone/survey/wave-2-2026-09-15.csv"


def select_line(app: KanoApp, select: Select) -> str:
    region = select.region
    line = screen_text(app).splitlines()[region.y]
    return line[region.x : region.x + region.width]


async def test_every_choice_of_every_analysis_selector_is_readable_at_80_columns(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for which in ("classifier", "segment", "wave"):
            select = app.screen.query_one(f"#filter-{which}", Select)
            for prompt, value in list(select._options):  # every choice offered
                select.value = value
                await settle(pilot, tolerate_superseded=True)
                shown = select_line(app, select)
                assert shown.split("▼")[0].strip(), (which, value, shown)
                assert str(prompt).split(": ")[-1][:8] in shown, (which, prompt, shown)
            select.value = select._options[0][1]
            await settle(pilot, tolerate_superseded=True)


@pytest.mark.parametrize("screen", ["features", "responses", "analysis", "journey", "advocacy"])
async def test_the_footer_keeps_quit_and_save_and_the_title_its_unsaved_marker(smartphone, screen):
    smartphone.project.name = "A project with a rather long name for a title bar"
    app = KanoApp(smartphone, first_screen=screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.edit(
            "Rename a feature", lambda project: edit_feature(project, "calls", name="Voice calls")
        )
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert "● unsaved" in lines[0] and "5 Advocacy" in lines[0]
        assert "q Quit" in lines[-1] and "^s Save" in lines[-1] and "? Help" in lines[-1]
        assert "…" not in lines[-1]


async def test_the_import_preview_names_the_waves_and_the_focus_is_visible(smartphone, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_import(path=REPO_SURVEY)
        await settle(pilot)
        assert "waves: 2026-09-15 (437 respondents)" in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, Select)
        current = focused.query_one("SelectCurrent")
        assert current.styles.text_style.reverse  # seen without colour too


async def test_features_show_effort_and_tags_when_the_width_allows(smartphone):
    for size, shown in (((80, 24), False), ((120, 30), True)):
        app = KanoApp(smartphone, first_screen="features")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            header = next(
                line
                for line in screen_text(app).splitlines()
                if "Feature" in line and "Cat" in line
            )
            assert ("Effort" in header and "Tags" in header) is shown, (size, header)
            if shown:
                calls = next(line for line in screen_text(app).splitlines() if " Calls " in line)
                assert "basic" in calls  # its tag


async def test_v_switches_the_journey_between_compact_and_full_cards(smartphone):
    from kano_tui.tui.journey_cards import StageColumn

    app = KanoApp(smartphone, first_screen="journey")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        columns = list(app.screen.query(StageColumn))
        assert len(columns) == 5 and all(c.compact for c in columns)
        text = screen_text(app)
        for number in range(1, 6):  # every stage's number, side by side at 80 columns
            assert f" {number} " in text.splitlines()[7] + " ", text
        assert sum(c.region.width for c in columns) <= 80
        await pilot.press("v")
        await settle(pilot)
        assert not any(c.compact for c in app.screen.query(StageColumn))
        assert "Face recognition" in screen_text(app)  # the full card lists its features
