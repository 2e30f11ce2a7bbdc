"""Properties of the advocacy figures and of the journey's trip through kano.toml."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.customers.advocacy import (
    KpiFigures,
    NpsFigure,
    add_kpi_period,
    kpi_problem,
    nps_from_scores,
    retention_rate,
)
from kano_tui.engine.customers.journey import (
    add_persona,
    add_stage,
    add_touchpoint,
    journey_map,
    journey_to_json,
    set_persona_emotion,
)
from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import EVIDENCE_LEVELS, KpiPeriod, Project
from kano_tui.engine.project.projectfile import load_project, save_project

counts = st.integers(0, 5000)


@given(counts, counts, counts)
def test_nps_lies_within_minus_100_and_100(promoters, passives, detractors):
    figure = NpsFigure(promoters, passives, detractors)
    if figure.n == 0:
        assert figure.nps is None
    else:
        assert -100.0 <= figure.nps <= 100.0
        assert figure.margin >= 0.0


@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_nps_from_scores_agrees_with_its_definition(scores):
    figure = nps_from_scores(np.array(scores))
    expected = 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)
    assert figure.nps == expected if expected != 0 else abs(figure.nps) < 1e-12


@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 500), st.integers(2, 50))
def test_the_margin_shrinks_as_the_sample_grows_with_the_same_shares(p, a, d, factor):
    small = NpsFigure(p, a, d)
    large = NpsFigure(p * factor, a * factor, d * factor)
    if small.n == 0:
        return
    assert large.nps == small.nps or abs(large.nps - small.nps) < 1e-9
    if small.margin == 0:  # everyone a promoter (or a detractor): no uncertainty to shrink
        assert large.margin == 0
    else:
        assert large.margin < small.margin
        assert (
            large.margin * np.sqrt(factor) == small.margin
            or abs(large.margin * np.sqrt(factor) - small.margin) < 1e-9
        )


@st.composite
def sound_periods(draw) -> KpiPeriod:
    start = draw(st.integers(0, 10**7))
    kept = draw(st.integers(0, start))
    new = draw(st.integers(0, 10**6))
    return KpiPeriod(
        label="p",
        customers_start=start,
        customers_new=new,
        customers_end=kept + new,
        customers_new_by_referral=draw(st.integers(0, new)),
        referrals_made=draw(st.integers(0, 10**6)),
    )


@given(sound_periods())
def test_retention_lies_within_0_and_100_for_valid_periods(period):
    assert kpi_problem(period) is None
    figures = KpiFigures.of(period)
    if period.customers_start == 0:
        assert figures.retention is None
    else:
        assert 0.0 <= figures.retention <= 100.0
        assert figures.churn == 100.0 - figures.retention
    if figures.referral_rate is not None:
        assert 0.0 <= figures.referral_rate <= 100.0


@given(st.integers(1, 10**6), st.integers(0, 10**6), st.integers(-(10**6), 3 * 10**6))
def test_a_period_is_sound_exactly_when_its_retention_is_a_percentage(start, new, end):
    period = KpiPeriod(label="p", customers_start=start, customers_new=new, customers_end=end)
    retention = retention_rate(start, new, end)
    assert (kpi_problem(period) is None) == (end >= 0 and 0.0 <= retention <= 100.0)


# --------------------------------------------------------------------------- round trip

text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=16
).filter(lambda s: s.strip())


@st.composite
def journeys(draw) -> Project:
    """A project built through the editing functions, as the CLI and the TUI build it."""
    project = Project.create(draw(text))
    for name in draw(st.lists(text, max_size=3, unique_by=lambda s: " ".join(s.split()).lower())):
        if project.stage(" ".join(name.split())) is None:
            add_stage(
                project,
                name,
                description=draw(text),
                position=draw(st.integers(0, len(project.stages))),
            )
    features = [add_feature(project, f"feature {i}").id for i in range(draw(st.integers(0, 3)))]
    for _ in range(draw(st.integers(0, 6))):
        stage = draw(st.sampled_from(project.stages)).id
        siblings = sum(t.stage == stage for t in project.touchpoints)
        add_touchpoint(
            project,
            stage,
            draw(text),
            channel=draw(text),
            description=draw(text),
            emotion=draw(st.integers(-2, 2)),
            pain_points=draw(st.lists(text, max_size=2)),
            opportunities=draw(st.lists(text, max_size=2)),
            evidence=draw(st.sampled_from(EVIDENCE_LEVELS)),
            features=draw(st.lists(st.sampled_from(features), max_size=2)) if features else [],
            position=draw(st.integers(0, siblings)),
        )
    for i in range(draw(st.integers(0, 2))):
        persona = add_persona(project, f"persona {i}", description=draw(text))
        for point in project.touchpoints:
            if draw(st.booleans()):
                set_persona_emotion(project, persona.id, point.id, draw(st.integers(-2, 2)))
    for i in range(draw(st.integers(0, 2))):
        period = draw(sound_periods())
        add_kpi_period(
            project,
            f"period {i}",
            start="2026-01-01",
            end="2026-06-30",
            customers_start=period.customers_start,
            customers_new=period.customers_new,
            customers_end=period.customers_end,
            customers_new_by_referral=period.customers_new_by_referral,
            referrals_made=period.referrals_made,
            referral_definition=draw(text),
        )
    return project


@given(journeys())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_journey_survives_a_trip_through_kano_toml(project):
    with tempfile.TemporaryDirectory() as scratch:
        save_project(project, Path(scratch))
        again = load_project(Path(scratch))
    assert again.stages == project.stages
    assert again.touchpoints == project.touchpoints
    assert again.personas == project.personas
    assert again.kpi_periods == project.kpi_periods
    assert journey_to_json(journey_map(again)) == journey_to_json(journey_map(project))
