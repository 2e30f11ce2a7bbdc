"""The Journey screen (key 4) through the real app: the map, keyboard navigation, every
edit (add, edit, move, delete, link, stages) undoable and saved, and snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, SelectionList

from kano_tui.engine.customers.journey import (
    add_touchpoint,
    journey_map_for,
    ordered_touchpoints,
    stage_touchpoints,
)
from kano_tui.engine.project.projectfile import load_project
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.journey_forms import FeatureLinkForm, NameForm, StageRemovalScreen, TouchpointForm
from kano_tui.tui.modals import ConfirmScreen
from kano_tui.tui.screens.journey import EmotionCurve, JourneyScreen, TouchpointCard

from .pilot import press, screen_text, settle


def journey_app(workspace: Workspace) -> KanoApp:
    return KanoApp(workspace, first_screen="journey", remember_theme=False)


def screen(app: KanoApp) -> JourneyScreen:
    assert isinstance(app.screen, JourneyScreen)
    return app.screen


def stage_of(workspace: Workspace, touchpoint: str) -> str:
    return next(t.stage for t in workspace.project.touchpoints if t.id == touchpoint)


async def test_the_map_shows_stages_cards_the_curve_categories_and_health(support_desk):
    expected_map = journey_map_for(support_desk)
    touchpoints = ordered_touchpoints(support_desk.project)
    app = journey_app(support_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        issues = len(expected_map.stages[3].health.issues)
        assert issues >= 2
        for expected in (
            "1 Discovery",
            "4 Post-purchase",
            f"! {issues} issues",
            "▶ Help centre",
            "M Knowledge base",
            "+2",
            "-2",
            "+ Show response",
            "- Premium benefits",
            f"5 stages · {len(touchpoints)} touchpoints · "
            f"{len(expected_map.issues)} health issues · curve: shared",
        ):
            assert expected in text, expected
        cards = app.screen.query(TouchpointCard)
        assert len(cards) == len(touchpoints)
        curve = app.screen.query_one(EmotionCurve)
        assert [emotion for _, emotion, _ in curve.points] == [t.emotion for t in touchpoints]
        assert curve.render().plain.count("◉") == 1  # the selected touchpoint


async def test_arrows_and_hjkl_move_the_selection_and_the_detail_follows(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        journey = screen(app)
        assert journey.selected_id == "help-centre-search"
        support = [t.id for t in stage_touchpoints(support_desk.project, "post-purchase-support")]
        await press(pilot, "l", "right", "l")
        assert journey.selected_id == support[0]
        # 80 columns: compact cards, every stage side by side, the long name wrapped
        assert "Post-purchase" in screen_text(app) and "support" in screen_text(app)
        await press(pilot, *["j"] * support.index("first-ticket"))
        assert journey.selected_id == "first-ticket"
        assert "! Must-be feature 'Ticket status tracking' performs badly" in screen_text(app)
        await press(
            pilot, *["down"] * (support.index("survey-fatigue") - support.index("first-ticket"))
        )
        assert journey.selected_id == "survey-fatigue"
        assert "! Touchpoint 'Survey emails' feels negative" in screen_text(app)
        await press(pilot, *["k", "up"] * len(support))  # stops at the first card
        assert journey.selected_id == support[0]
        await press(pilot, "h", "left", "left", "left", "left")
        assert journey.selected_id == "help-centre-search" and journey.stage_index == 0


async def test_a_touchpoint_is_added_with_the_form_undone_and_saved(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l", "a")
        assert isinstance(app.screen, TouchpointForm)
        form = app.screen
        form.query_one("#name", Input).value = "Delivery tracking"
        form.query_one("#channel", Input).value = "sms"
        form.query_one("#emotion", Select).value = -1
        form.query_one("#pain_points", Input).value = "No delivery window; Parcel lost"
        form.query_one("#evidence", Select).value = "data-backed"
        form.query_one("#persona-0", Select).value = -2
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, JourneyScreen) and app.unsaved
        added = next(t for t in support_desk.project.touchpoints if t.id == "delivery-tracking")
        assert (added.stage, added.channel, added.emotion, added.evidence) == (
            "purchase",
            "sms",
            -1,
            "data-backed",
        )
        assert added.pain_points == ["No delivery window", "Parcel lost"]
        assert support_desk.project.personas[0].emotions["delivery-tracking"] == -2
        assert screen(app).selected_id == "delivery-tracking"
        assert "Delivery tracking" in screen_text(app)
        # a negative touchpoint without a feature is called out at once
        assert "! Touchpoint 'Delivery tracking' feels negative" in screen_text(app)
        await press(pilot, "ctrl+z")
        assert all(t.id != "delivery-tracking" for t in support_desk.project.touchpoints)
        await press(pilot, "ctrl+y", "ctrl+s")
    saved = load_project(support_desk.directory)
    assert any(t.id == "delivery-tracking" for t in saved.touchpoints)


async def test_the_form_keeps_an_error_in_view_and_changes_nothing(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = list(support_desk.project.touchpoints)
        await press(pilot, "a", "ctrl+s")
        assert isinstance(app.screen, TouchpointForm)
        assert "A touchpoint needs a name." in screen_text(app)
        await press(pilot, "escape")
        assert support_desk.project.touchpoints == before and not app.unsaved


async def test_editing_the_selected_touchpoint_changes_it_in_place(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, TouchpointForm)
        assert form.query_one("#name", Input).value == "Help centre search"
        form.query_one("#name", Input).value = "Help centre"
        form.query_one("#emotion", Select).value = 1
        await press(pilot, "enter")
        point = support_desk.project.touchpoints[0]
        assert (point.id, point.name, point.emotion) == ("help-centre-search", "Help centre", 1)
        assert app.history.undo_stack[-1].label == "Edit touchpoint Help centre"


async def test_shift_arrows_move_a_touchpoint_between_stages_and_within_one(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "shift+right")
        assert stage_of(support_desk, "help-centre-search") == "consideration"
        journey = screen(app)
        assert journey.selected_id == "help-centre-search" and journey.stage_index == 1
        await press(pilot, "L")
        assert stage_of(support_desk, "help-centre-search") == "purchase"
        await press(pilot, "shift+up")  # first in Purchase now
        purchase = [t.id for t in support_desk.project.touchpoints if t.stage == "purchase"]
        assert purchase == ["help-centre-search", "onboarding-call"]
        await press(pilot, "H", "ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z")
        assert stage_of(support_desk, "help-centre-search") == "discovery"
        assert not app.unsaved


async def test_delete_asks_and_removes_the_touchpoint(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        count = len(support_desk.project.touchpoints)
        await press(pilot, "n")
        assert len(support_desk.project.touchpoints) == count
        await press(pilot, "d", "y")
        assert next(t.id for t in support_desk.project.touchpoints) == "plan-comparison"
        assert screen(app).selected_id is None  # Discovery is empty now
        assert "a adds one" in screen_text(app)  # compact cards at 80 columns


async def test_features_are_linked_and_unlinked_with_their_categories_shown(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        form = app.screen
        assert isinstance(form, FeatureLinkForm)
        options = form.query_one(SelectionList)
        assert options.selected == ["knowledge_base"]
        assert "M Knowledge base" in screen_text(app)  # the category badge in the list
        options.select("live_chat")
        options.deselect("knowledge_base")
        await press(pilot, "ctrl+s")
        assert support_desk.project.touchpoints[0].features == ["live_chat"]
        assert "O Live chat" in screen_text(app)


async def test_stages_are_added_renamed_reordered_and_removed(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, NameForm)
        app.screen.query_one("#name", Input).value = "Research"
        await press(pilot, "enter")
        stages = [s.name for s in support_desk.project.stages]
        assert stages[:2] == ["Discovery", "Research"] and screen(app).stage_index == 1
        await press(pilot, "r")
        app.screen.query_one("#name", Input).value = "Evaluation"
        await press(pilot, "enter", "less_than_sign")
        assert next(s.name for s in support_desk.project.stages) == "Evaluation"
        await press(pilot, "x", "y")  # empty: a plain confirmation
        assert support_desk.project.stage("evaluation") is None
        await press(pilot, "l", "x")  # Consideration holds a touchpoint
        assert isinstance(app.screen, StageRemovalScreen)
        await press(pilot, "m")
        assert support_desk.project.stage("consideration") is None
        assert stage_of(support_desk, "plan-comparison") == "discovery"


async def test_p_shows_each_persona_curve_in_turn(support_desk):
    app = journey_app(support_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        assert "curve: Busy IT admin" in screen_text(app)
        curve = app.screen.query_one(EmotionCurve)
        admin = support_desk.project.personas[0]
        assert [emotion for _, emotion, _ in curve.points] == [
            admin.emotions.get(t.id) for t in ordered_touchpoints(support_desk.project)
        ]
        assert None in [emotion for _, emotion, _ in curve.points]  # gaps stay gaps
        await press(pilot, "p", "p")
        assert "curve: shared" in screen_text(app)


async def test_user_text_is_never_read_as_markup(support_desk):
    add_touchpoint(
        support_desk.project,
        "Discovery",
        "[bold]Ad[/] [link=x]y[/link]",
        pain_points=["[red]pain[/]"],
        position=0,
    )
    app = journey_app(support_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold]Ad[/] [link=x]y[/link]" in text and "[red]pain[/]" in text


async def test_an_empty_project_shows_empty_stages_and_adds_its_first_touchpoint(tmp_path):
    workspace = Workspace.create(tmp_path / "empty", "Empty")
    app = journey_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "points yet:" in screen_text(app)  # compact at 80 columns: "no touch-points"
        await press(pilot, "v")  # full cards: the board scrolls sideways
        assert "no touchpoints" in screen_text(app) and not screen(app).compact
        await press(pilot, "a")
        app.screen.query_one("#name", Input).value = "First visit"
        await press(pilot, "ctrl+s")
        assert [t.stage for t in workspace.project.touchpoints] == ["discovery"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_of_the_journey_screen(snap_compare, sample_copy, size):
    workspace = Workspace.open(sample_copy("support-desk"))

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("l", "l", "l")
        await settle(pilot)

    assert snap_compare(journey_app(workspace), terminal_size=size, run_before=run_before)


def test_the_journey_screen_module_has_no_analysis_of_its_own():
    source = Path(JourneyScreen.__module__.replace(".", "/") + ".py")
    text = (Path(__file__).resolve().parents[2] / source).read_text(encoding="utf-8")
    assert "import pandas" not in text and "import numpy" not in text


async def test_every_journey_and_advocacy_action_is_in_the_palette_and_the_help(support_desk):
    from kano_tui.tui.commands import palette_commands

    app = journey_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = {command.title for command in palette_commands(app)}
        for title in (
            "Journey: Add touchpoint",
            "Journey: Link features",
            "Journey: Remove stage",
            "Advocacy: Add KPI period",
            "Advocacy: Next segment",
            "Export with mermaid-journey",
            "Export with journey-json",
        ):
            assert title in titles, title
        sections = dict(app.help_sections())
        journey_keys = {description: key for key, description in sections["4 Journey"]}
        assert {"Add", "Edit", "Delete", "Features", "Persona", "Add stage"} <= set(journey_keys)
        advocacy = {description for _, description in sections["5 Advocacy"]}
        assert {"Next tab", "Segment", "Add period"} <= advocacy


async def test_a_palette_command_runs_on_the_journey_screen(support_desk):
    app = KanoApp(support_desk, remember_theme=False)  # starts on the Features screen
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.run_screen_action("journey", "move_stage_of_card(1)")
        await settle(pilot)
        assert isinstance(app.screen, JourneyScreen)
        assert stage_of(support_desk, "help-centre-search") == "consideration"
