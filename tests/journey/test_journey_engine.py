"""Editing the journey (stages, touchpoints, personas) and judging each stage's health."""

from __future__ import annotations

import pytest

from kano_tui.engine.customers.advocacy import NpsFigure
from kano_tui.engine.customers.journey import (
    StageNotEmptyError,
    add_persona,
    add_stage,
    add_touchpoint,
    edit_touchpoint,
    journey_map,
    journey_map_for,
    link_feature,
    move_stage,
    move_touchpoint,
    ordered_touchpoints,
    parse_emotion,
    remove_persona,
    remove_stage,
    remove_touchpoint,
    rename_stage,
    set_persona_emotion,
    shift_touchpoint,
    unlink_feature,
)
from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import Project
from kano_tui.engine.project.projectfile import validate
from kano_tui.errors import KanoError


@pytest.fixture
def project() -> Project:
    project = Project.create("Demo")
    for name in ("Calls", "Live chat", "Confusing interface"):
        add_feature(project, name)
    return project


def names(project: Project, stage: str) -> list[str]:
    return [t.name for t in ordered_touchpoints(project) if t.stage == stage]


# --------------------------------------------------------------------------- stages


def test_a_new_project_has_the_five_default_stages_in_order(project):
    assert [s.name for s in project.stages] == [
        "Discovery",
        "Consideration",
        "Purchase",
        "Post-purchase support",
        "Advocacy",
    ]


def test_stages_can_be_added_renamed_and_reordered(project):
    added = add_stage(project, "Onboarding", position=3)
    assert [s.id for s in project.stages][3] == "onboarding"
    add_touchpoint(project, "onboarding", "Welcome email")
    rename_stage(project, "Onboarding", "First steps")
    assert added.name == "First steps" and added.id == "onboarding"  # references survive
    assert project.touchpoints[0].stage == "onboarding"
    move_stage(project, "first steps", 0)
    assert project.stages[0] is added
    validate(project)


def test_duplicate_stage_names_and_bad_positions_are_refused(project):
    with pytest.raises(KanoError, match="already exists"):
        add_stage(project, "purchase")
    with pytest.raises(KanoError, match="already exists"):
        rename_stage(project, "Discovery", "Advocacy")
    with pytest.raises(KanoError, match="out of range"):
        move_stage(project, "Discovery", 9)
    with pytest.raises(KanoError, match="no journey stage 'Nowhere'"):
        rename_stage(project, "Nowhere", "x")


def test_removing_a_stage_with_touchpoints_is_refused_unless_explicit(project):
    add_touchpoint(project, "Purchase", "Checkout")
    project.features[0].stage = "purchase"
    with pytest.raises(StageNotEmptyError, match="still has 1 touchpoint"):
        remove_stage(project, "Purchase")
    assert project.stage("purchase") is not None and len(project.touchpoints) == 1

    removal = remove_stage(project, "Purchase", move_to="Consideration")
    assert removal.moved_touchpoints == 1 and removal.moved_features == 1
    assert project.touchpoints[0].stage == "consideration"
    assert project.features[0].stage == "consideration"
    validate(project)


def test_removing_a_stage_can_delete_its_touchpoints_and_their_persona_emotions(project):
    point = add_touchpoint(project, "Advocacy", "Referral")
    persona = add_persona(project, "Fan")
    set_persona_emotion(project, "Fan", point.id, 2)
    removal = remove_stage(project, "Advocacy", delete_touchpoints=True)
    assert removal.deleted_touchpoints == 1
    assert project.touchpoints == [] and persona.emotions == {}
    validate(project)


# --------------------------------------------------------------------------- touchpoints


def test_touchpoints_are_added_edited_moved_and_removed(project):
    first = add_touchpoint(
        project,
        "Post-purchase support",
        "First ticket",
        channel="email",
        emotion="-1",
        pain_points=["No reply time", " "],
        opportunities=["Show status"],
        evidence="data-backed",
        features=["Live chat"],
    )
    assert first.id == "first-ticket" and first.emotion == -1
    assert first.pain_points == ["No reply time"] and first.features == ["live-chat"]
    add_touchpoint(project, "Post-purchase support", "Escalation", emotion=-2)
    add_touchpoint(project, "Discovery", "Search")
    assert names(project, "post-purchase-support") == ["First ticket", "Escalation"]
    # journey order: Discovery's touchpoint comes first although it was added last
    assert next(t.name for t in project.touchpoints) == "Search"

    edit_touchpoint(project, "first ticket", emotion=1, channel="chat", pain_points=[])
    assert (first.emotion, first.channel, first.pain_points) == (1, "chat", [])

    move_touchpoint(project, "escalation", "Post-purchase support", 0)
    assert names(project, "post-purchase-support") == ["Escalation", "First ticket"]
    shift_touchpoint(project, "escalation", +1)
    assert names(project, "post-purchase-support") == ["First ticket", "Escalation"]

    move_touchpoint(project, "first-ticket", "Advocacy")
    assert first.stage == "advocacy"
    assert [t.name for t in ordered_touchpoints(project)] == [
        "Search",
        "Escalation",
        "First ticket",
    ]
    remove_touchpoint(project, "Search")
    assert [t.id for t in project.touchpoints] == ["escalation", "first-ticket"]
    validate(project)


def test_an_edit_with_one_bad_value_changes_nothing(project):
    point = add_touchpoint(project, "Purchase", "Checkout", emotion=1)
    with pytest.raises(KanoError, match="emotion 7 is out of range"):
        edit_touchpoint(project, "Checkout", name="Renamed", emotion=7)
    assert (point.name, point.emotion) == ("Checkout", 1)


@pytest.mark.parametrize(
    "value,message",
    [
        (7, "out of range: it must be from -2 to \\+2"),
        ("-3", "out of range"),
        ("happy", "not a whole number"),
        (1.5, "not a whole number"),
        (True, "not a whole number"),
    ],
)
def test_bad_emotions_are_refused_with_one_sentence(value, message):
    with pytest.raises(KanoError, match=message):
        parse_emotion(value)


def test_emotions_read_signs_and_a_typographic_minus():
    assert [parse_emotion(v) for v in ("+2", " -1 ", "\u22122", 0)] == [2, -1, -2, 0]


def test_a_touchpoint_on_a_missing_stage_or_with_a_missing_feature_is_refused(project):
    with pytest.raises(KanoError, match="no journey stage 'Checkout'"):
        add_touchpoint(project, "Checkout", "Pay")
    with pytest.raises(KanoError, match="no feature 'Teleport'"):
        add_touchpoint(project, "Purchase", "Pay", features=["Teleport"])
    with pytest.raises(KanoError, match="evidence level 'rumour'"):
        add_touchpoint(project, "Purchase", "Pay", evidence="rumour")
    assert project.touchpoints == []


def test_features_are_linked_once_and_unlinked(project):
    add_touchpoint(project, "Purchase", "Checkout")
    assert link_feature(project, "checkout", "Calls") is True
    assert link_feature(project, "checkout", "calls") is False
    assert project.touchpoints[0].features == ["calls"]
    unlink_feature(project, "checkout", "Calls")
    assert project.touchpoints[0].features == []
    with pytest.raises(KanoError, match="does not link the feature 'Calls'"):
        unlink_feature(project, "checkout", "Calls")


def test_personas_have_their_own_emotion_curve(project):
    a = add_touchpoint(project, "Discovery", "Ad", emotion=1)
    b = add_touchpoint(project, "Purchase", "Checkout", emotion=0)
    fan = add_persona(project, "Loyal fan", description="Recommends us")
    set_persona_emotion(project, "loyal fan", b.id, "+2")
    journey = journey_map(project)
    assert journey.curve() == [1, 0]
    assert journey.curve(fan) == [None, 2]
    set_persona_emotion(project, "loyal-fan", b.id, None)
    assert fan.emotions == {}
    with pytest.raises(KanoError, match="already exists"):
        add_persona(project, "loyal fan")
    remove_persona(project, "Loyal fan")
    assert project.personas == [] and a.emotion == 1


# --------------------------------------------------------------------------- health


def test_a_must_be_feature_at_a_negative_touchpoint_is_called_out(project):
    add_touchpoint(project, "Purchase", "Checkout", emotion=-1, features=["calls"])
    add_touchpoint(project, "Purchase", "Receipt", emotion=1, features=["live-chat"])
    journey = journey_map(project, {"calls": "M", "live-chat": "M"})
    purchase = journey.stages[2]
    assert [(i.kind, i.feature) for i in purchase.health.issues] == [
        ("must-be performing badly", "calls")
    ]
    assert "'Calls' performs badly" in purchase.health.issues[0].message
    assert journey.stages[0].health.ok and purchase.health.label == "1 issue"


def test_a_must_be_feature_whose_customers_are_clearly_detractors_is_called_out(project):
    project.features[0].stage = "purchase"
    unhappy = NpsFigure(promoters=10, passives=20, detractors=70)  # NPS -60 +- 13.9
    doubtful = NpsFigure(promoters=2, passives=1, detractors=3)  # NPS -17, margin crosses 0
    journey = journey_map(project, {"calls": "M"}, {"calls": unhappy})
    assert (
        journey.stages[2]
        .health.issues[0]
        .message.startswith(
            "Must-be feature 'Calls' performs badly: respondents who need it give an NPS of -60"
        )
    )
    assert journey_map(project, {"calls": "M"}, {"calls": doubtful}).stages[2].health.ok
    assert journey_map(project, {"calls": "O"}, {"calls": unhappy}).stages[2].health.ok


def test_a_negative_touchpoint_without_a_fix_is_called_out(project):
    add_touchpoint(project, "Post-purchase support", "Warranty repair", emotion=-1)
    add_touchpoint(
        project,
        "Post-purchase support",
        "First setup",
        emotion=-2,
        features=["confusing-interface"],
    )
    add_touchpoint(project, "Post-purchase support", "Chat", emotion=-1, features=["live-chat"])
    add_touchpoint(project, "Post-purchase support", "Call", emotion=-1, features=["calls"])
    # live chat (performance) fixes the chat; calls have no answers yet: a fix being planned
    journey = journey_map(project, {"confusing-interface": "R", "live-chat": "O"})
    messages = [i.message for i in journey.stages[3].health.issues]
    assert messages == [
        "Touchpoint 'Warranty repair' feels negative and has no linked feature.",
        "Touchpoint 'First setup' feels very negative and its linked features are "
        "indifferent or reverse (Confusing interface (R)), so none can fix it.",
    ]
    assert journey.stages[3].health.mean_emotion == pytest.approx(-5 / 4)
    indifferent = journey_map(project, {"confusing-interface": "R", "live-chat": "I", "calls": "O"})
    assert [i.touchpoint for i in indifferent.stages[3].health.issues] == [
        "warranty-repair",
        "first-setup",
        "chat",
    ]


def test_the_sample_support_desk_calls_out_its_post_purchase_problems(sample_copy):
    from kano_tui.session.workspace import Workspace

    journey = journey_map_for(Workspace.open(sample_copy("support-desk")))
    stages = {stage.stage.name: stage.health for stage in journey.stages}
    assert not stages["Post-purchase support"].ok
    assert stages["Advocacy"].ok
