"""The engine functions behind the screens: catalogue rows, respondent selection,
answer distributions, editing a feature and exports that can be cancelled."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.engine.analysis.overview import (
    SORT_KEYS,
    FeatureRow,
    feature_rows,
    filter_rows,
    sort_rows,
)
from kano_tui.engine.analysis.respondents import (
    answer_distribution,
    segment_values,
    select_respondents,
)
from kano_tui.engine.project.catalogue import add_feature, edit_feature
from kano_tui.engine.project.model import Project
from kano_tui.errors import KanoError
from kano_tui.session.export_job import export_unless_cancelled


def test_feature_rows_carry_the_category_and_figures_of_the_analysis(smartphone):
    analysis = smartphone.analyze()
    rows = {row.id: row for row in feature_rows(smartphone.project, analysis)}
    figures = analysis.overall
    assert rows["calls"].category == figures.at["calls", "category"] == "M"
    assert rows["calls"].better == pytest.approx(figures.at["calls", "better"])
    assert rows["calls"].worse == pytest.approx(figures.at["calls", "worse"])
    assert rows["calls"].n == figures.at["calls", "n"]
    assert rows["calls"].stage == "Purchase"


def test_feature_rows_without_an_analysis_have_no_figures(smartphone):
    rows = feature_rows(smartphone.project, None)
    assert [row.id for row in rows] == smartphone.project.feature_ids()
    assert all(row.category is None and row.better is None for row in rows)


def test_filter_matches_name_category_letter_category_name_stage_and_tag(smartphone):
    rows = feature_rows(smartphone.project, smartphone.analyze())
    assert {r.id for r in filter_rows(rows, "CAM")} == {"camera"}
    assert {r.id for r in filter_rows(rows, "m")} >= {"calls", "messaging", "internet"}
    assert {r.id for r in filter_rows(rows, "must-be")} == {"calls", "messaging", "internet"}
    assert {r.id for r in filter_rows(rows, "basic")} == {"calls", "messaging", "internet"}
    assert {r.id for r in filter_rows(rows, "post-purchase")} >= {"battery"}
    assert filter_rows(rows, "  ") == rows


def test_sort_by_worse_puts_the_strongest_dissatisfaction_first(smartphone):
    rows = sort_rows(feature_rows(smartphone.project, smartphone.analyze()), "worse")
    worse = [row.worse for row in rows]
    assert worse == sorted(worse)


def test_sort_by_category_follows_the_backlog_order(smartphone):
    rows = sort_rows(feature_rows(smartphone.project, smartphone.analyze()), "category")
    order = "MOAIRQ"
    letters = [row.category for row in rows]
    assert letters == sorted(letters, key=order.index)


optional = st.one_of(st.none(), st.floats(-1, 1, allow_nan=False))
feature_row = st.builds(
    FeatureRow,
    id=st.text(min_size=1, max_size=5),
    name=st.text(max_size=8),
    category=st.one_of(st.none(), st.sampled_from("AOMIRQ")),
    better=optional,
    worse=optional,
    importance=optional,
    n=st.integers(0, 50),
    stage=st.text(max_size=5),
    stage_position=st.integers(-1, 4),
    position=st.integers(0, 100),
)


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(feature_row, max_size=12),
    key=st.sampled_from(SORT_KEYS),
    descending=st.booleans(),
)
def test_sorting_keeps_every_row_and_puts_rows_without_a_value_last(rows, key, descending):
    ordered = sort_rows(rows, key, descending)
    assert sorted(map(id, ordered)) == sorted(map(id, rows))
    attribute = {
        "category": "category",
        "better": "better",
        "worse": "worse",
        "importance": "importance",
    }.get(key)
    if attribute:
        seen_missing = False
        for row in ordered:
            missing = getattr(row, attribute) is None
            assert not (seen_missing and not missing)
            seen_missing = seen_missing or missing


def test_sort_rejects_an_unknown_key():
    with pytest.raises(ValueError):
        sort_rows([], "colour")


def test_edit_feature_changes_only_what_is_given_and_validates():
    project = Project.create("p")
    add_feature(project, "Camera", description="A camera", tags=["x"], effort=3)
    edited = edit_feature(project, "camera", name="Better camera", stage="Purchase")
    assert (edited.name, edited.description, edited.tags, edited.effort, edited.stage) == (
        "Better camera",
        "A camera",
        ["x"],
        3,
        "purchase",
    )
    assert edit_feature(project, "camera", effort=None).effort is None
    with pytest.raises(KanoError, match="needs a name"):
        edit_feature(project, "camera", name="  ")
    with pytest.raises(KanoError, match="no journey stage"):
        edit_feature(project, "camera", stage="Moon")
    with pytest.raises(KanoError, match="Effort"):
        edit_feature(project, "camera", effort=-1)
    with pytest.raises(KanoError, match="no feature"):
        edit_feature(project, "zoom", name="Zoom")
    assert project.features[0].name == "Better camera"


def test_select_respondents_by_wave_and_segment(smartphone):
    responses = smartphone.responses()
    frame = responses.frame
    waves = responses.waves()
    rows = select_respondents(responses, wave=waves[0])
    assert len(rows) == int((frame["wave"] == waves[0]).sum()) > 0
    both = select_respondents(responses, wave=waves[0], where={"plan": "prepaid"})
    expected = np.flatnonzero(
        ((frame["wave"] == waves[0]) & (frame["plan"] == "prepaid")).to_numpy()
    )
    assert both.tolist() == expected.tolist()
    assert len(select_respondents(responses)) == len(responses)
    with pytest.raises(KanoError, match="no respondent column"):
        select_respondents(responses, where={"shoe size": "42"})


def test_segment_values_are_the_distinct_values_sorted(smartphone):
    assert segment_values(smartphone.responses(), "plan") == ["contract", "prepaid"]


def test_answer_distribution_agrees_with_the_analysis_counts(smartphone):
    responses = smartphone.responses()
    wave = responses.waves()[1]
    rows = select_respondents(responses, wave=wave)
    distribution = answer_distribution(responses, "camera", rows)
    figures = smartphone.analyze(wave=wave).overall
    assert distribution.n == figures.at["camera", "n"]
    for letter in "AOMIRQ":
        assert distribution.categories[letter] == figures.at["camera", letter]
    assert sum(distribution.functional) == len(rows)
    assert sum(map(sum, distribution.pairs)) == distribution.n
    assert distribution.pair_category(1, 5) == "O"
    assert distribution.pair_category(2, 5) == "M"


def test_a_cancelled_export_writes_nothing(smartphone):
    exports = smartphone.directory / "exports"
    assert export_unless_cancelled(smartphone, "markdown", cancelled=lambda: True) is None
    assert not exports.exists() or not [p for p in exports.rglob("*") if p.is_file()]


def test_an_export_that_is_not_cancelled_is_delivered(smartphone):
    written = export_unless_cancelled(smartphone, "markdown")
    assert written and all(path.is_file() for path in written)
    assert written[0].parent == smartphone.directory / "exports"
    assert not list((smartphone.directory / "exports").glob(".kano-export-*"))
