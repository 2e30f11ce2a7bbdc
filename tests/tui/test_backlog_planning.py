"""The Backlog tab plans: value, effort and status per feature, the status cycled with
`s` (kept in kano.toml on save), the value-against-effort view with `v`; the feature form
edits status, note and the wording of the feature's questions."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select
from tui_helpers import screen_text, settle

from kano_tui.engine.project.projectfile import load_project
from kano_tui.engine.questionnaire.questions import feature_questions
from kano_tui.tui.app import KanoApp
from kano_tui.tui.feature_form import FeatureForm


async def test_s_cycles_the_highlighted_features_status_and_ctrl_s_keeps_it(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        table = app.screen.query_one("#backlog-table", DataTable)
        first = str(table.ordered_rows[0].key.value)
        await pilot.press("s")
        await settle(pilot)
        assert app.workspace.project.feature(first).status == "planned" and app.unsaved
        assert str(table.get_cell(first, "status")) == "planned"
        await pilot.press("s", "s")
        await settle(pilot)
        assert app.workspace.project.feature(first).status == "done"
        assert str(table.get_cell(first, "rank")) in ("", "–")  # done: no rank
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load_project(smartphone.directory).feature(first).status == "done"


async def test_v_shows_value_against_effort_band_by_band_at_80x24(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b", "v")
        await settle(pilot)
        text = screen_text(app)
        assert "M must-be" in text and "O performance" in text and "★" in text
        assert text.index("M must-be") < text.index("O performance") < text.index("A excitement")
        assert "Messaging" in text and "value 0-100" in text
        await pilot.press("v")
        await settle(pilot)
        assert "fix first" in screen_text(app)


async def test_the_feature_form_edits_status_note_and_question_wording(smartphone):
    app = KanoApp(smartphone)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FeatureForm)
        key = app.screen.feature.id
        app.screen.query_one("#status", Select).value = "in-progress"
        app.screen.query_one("#note", Input).value = "pilot in Q3"
        app.screen.query_one("#phrase", Input).value = "a call button"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FeatureForm)
    feature = app.workspace.project.feature(key)
    assert (feature.status, feature.note, feature.phrase) == (
        "in-progress",
        "pilot in Q3",
        "a call button",
    )
    assert (
        feature_questions(feature)[0].text == "How would you feel if the product had a call button?"
    )
