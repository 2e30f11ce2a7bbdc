"""Advocacy figures: NPS with its margin and significance, CSAT, KPI periods, lifecycle."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kano_tui.engine.customers.advocacy import (
    KpiFigures,
    NpsFigure,
    add_kpi_period,
    advocacy_report,
    advocacy_series,
    advocacy_to_json,
    edit_kpi_period,
    kpi_problem,
    nps_by_feature_category,
    nps_change,
    nps_from_scores,
    nps_margin,
    remove_kpi_period,
    retention_rate,
    wave_date,
)
from kano_tui.engine.project.model import ImportRecord, KpiPeriod, Project
from kano_tui.errors import KanoError

# --------------------------------------------------------------------------- known values


def test_nps_of_400_answers_with_half_promoters_and_a_fifth_detractors_is_30_plus_minus_7_7():
    figure = NpsFigure(promoters=200, passives=120, detractors=80)
    assert figure.nps == pytest.approx(30.0)
    assert round(figure.margin, 1) == 7.7
    assert nps_margin(0.5, 0.2, 400) == pytest.approx(1.96 * 100 * (0.61 / 400) ** 0.5)


def test_retention_with_200_at_start_40_new_and_220_at_end_is_90_percent():
    assert retention_rate(200, 40, 220) == pytest.approx(90.0)
    figures = KpiFigures.of(
        KpiPeriod(
            label="Q1",
            customers_start=200,
            customers_new=40,
            customers_end=220,
            customers_new_by_referral=10,
            referrals_made=25,
        )
    )
    assert figures.retention == pytest.approx(90.0)
    assert figures.churn == pytest.approx(10.0)
    assert figures.growth == pytest.approx(10.0)
    assert figures.referral_rate == pytest.approx(25.0)  # 10 of 40 new customers
    assert figures.referral_conversion == pytest.approx(40.0)  # 10 of 25 referrals


def test_rates_are_undefined_rather_than_divided_by_zero():
    figures = KpiFigures.of(KpiPeriod(label="empty"))
    assert (figures.retention, figures.churn, figures.referral_rate) == (None, None, None)
    assert NpsFigure().nps is None and NpsFigure().margin is None


def test_nps_from_raw_scores_counts_9_and_10_as_promoters_and_0_to_6_as_detractors():
    figure = nps_from_scores([0, 6, 7, 8, 9, 10, -1])  # -1: blank, left out
    assert (figure.detractors, figure.passives, figure.promoters, figure.n) == (2, 2, 2, 6)
    assert figure.nps == 0.0


def test_a_change_is_significant_only_beyond_1_96_combined_standard_errors():
    before = NpsFigure(promoters=200, passives=120, detractors=80)  # 30, SE 3.905
    small = NpsFigure(promoters=210, passives=115, detractors=75)  # 33.75
    large = NpsFigure(promoters=260, passives=90, detractors=50)  # 52.5
    threshold = 1.96 * (before.standard_error**2 + small.standard_error**2) ** 0.5
    change = nps_change(before, small, "w1")
    assert change.threshold == pytest.approx(threshold)
    assert change.delta == pytest.approx(3.75) and not change.significant
    assert nps_change(before, large).significant
    assert nps_change(NpsFigure(), large) is None


# --------------------------------------------------------------------------- from responses

ROWS = [
    # wave 1: 2 promoters, 1 passive, 1 detractor; csat 5, 4, 2, blank
    {
        "respondent": "a",
        "wave": "2026-01",
        "tier": "pro",
        "nps": "10",
        "csat": "5",
        "calls.functional": "expect",
        "calls.dysfunctional": "dislike",
    },
    {
        "respondent": "b",
        "wave": "2026-01",
        "tier": "pro",
        "nps": "9",
        "csat": "4",
        "calls.functional": "expect",
        "calls.dysfunctional": "dislike",
    },
    {
        "respondent": "c",
        "wave": "2026-01",
        "tier": "home",
        "nps": "7",
        "csat": "2",
        "calls.functional": "like",
        "calls.dysfunctional": "dislike",
    },
    {
        "respondent": "d",
        "wave": "2026-01",
        "tier": "home",
        "nps": "3",
        "csat": "",
        "calls.functional": "neutral",
        "calls.dysfunctional": "dislike",
    },
    # wave 2: 1 promoter, 2 detractors, one blank nps
    {
        "respondent": "e",
        "wave": "2026-07",
        "tier": "pro",
        "nps": "0",
        "csat": "1",
        "calls.functional": "expect",
        "calls.dysfunctional": "dislike",
    },
    {
        "respondent": "f",
        "wave": "2026-07",
        "tier": "home",
        "nps": "6",
        "csat": "3",
        "calls.functional": "like",
        "calls.dysfunctional": "neutral",
    },
    {
        "respondent": "g",
        "wave": "2026-07",
        "tier": "home",
        "nps": "9",
        "csat": "5",
        "calls.functional": "like",
        "calls.dysfunctional": "neutral",
    },
    {
        "respondent": "h",
        "wave": "2026-07",
        "tier": "",
        "nps": "",
        "csat": "4",
        "calls.functional": "like",
        "calls.dysfunctional": "neutral",
    },
]


def oracle(
    rows: list[dict[str, object]], **where: str
) -> tuple[float | None, float | None, float | None]:
    """NPS, CSAT top-2-box % and CSAT mean computed the slow, obvious way."""
    chosen = [r for r in rows if all(r.get(k) == v for k, v in where.items())]
    nps = [int(r["nps"]) for r in chosen if r["nps"] != ""]
    csat = [int(r["csat"]) for r in chosen if r["csat"] != ""]
    score = (
        (100 * (sum(s >= 9 for s in nps) - sum(s <= 6 for s in nps)) / len(nps)) if nps else None
    )
    top2 = 100 * sum(c >= 4 for c in csat) / len(csat) if csat else None
    mean = sum(csat) / len(csat) if csat else None
    return score, top2, mean


def test_nps_and_csat_per_wave_and_segment_match_a_direct_count(surveyed):
    workspace = surveyed(ROWS)
    series = advocacy_series(workspace.responses(), by="tier")
    assert [(s.column, s.value) for s in series] == [
        (None, None),
        ("tier", "home"),
        ("tier", "pro"),
    ]
    for s in series:
        where = {} if s.column is None else {"tier": s.value}
        for point in s.waves:
            expected = oracle(ROWS, wave=point.wave, **where)
            assert (point.nps.nps, point.csat.top2_percent, point.csat.mean) == pytest.approx(
                expected
            )
        assert (s.total.nps.nps, s.total.csat.top2_percent, s.total.csat.mean) == pytest.approx(
            oracle(ROWS, **where)
        )
    overall = series[0]
    assert [p.wave for p in overall.waves] == ["2026-01", "2026-07"]
    assert overall.waves[0].change is None
    assert overall.waves[1].change.from_wave == "2026-01"
    assert overall.waves[1].change.delta == pytest.approx(-100 / 3 - 25)


def test_the_nps_of_respondents_for_whom_a_feature_is_must_be(surveyed):
    workspace = surveyed(ROWS)
    figures = nps_by_feature_category(workspace.project, workspace.responses(), "M")
    # must-be pairs (expect/neutral, dislike): a 10, b 9, d 3, e 0
    assert figures["calls"] == NpsFigure(promoters=2, passives=0, detractors=2)


def test_the_report_lists_series_kpis_and_lifecycle_as_json(surveyed):
    workspace = surveyed(ROWS)
    add_kpi_period(
        workspace.project, "H1", customers_start=200, customers_new=40, customers_end=220
    )
    document = advocacy_to_json(advocacy_report(workspace, by="tier", today=dt.date(2026, 8, 1)))
    assert document["series"][0]["segment"] is None
    assert document["series"][1]["segment"] == {"column": "tier", "value": "home"}
    wave2 = document["series"][0]["waves"][1]
    assert set(wave2) == {"wave", "nps", "csat", "change"}
    assert set(wave2["change"]) == {"from", "delta", "threshold", "significant"}
    assert document["kpi_periods"][0]["retention"] == 90.0
    assert document["kpi_periods"][0]["referral_definition"]
    lifecycle = document["lifecycle"]["features"][0]
    assert lifecycle["categories"] == ["M", "A"] and lifecycle["path"] == "M→A"
    assert set(document["definitions"]) >= {"nps", "nps_margin", "nps_change", "retention"}


# --------------------------------------------------------------------------- lifecycle

PAIRS = {
    "A": ("like", "neutral"),
    "O": ("like", "dislike"),
    "M": ("expect", "dislike"),
    "I": ("neutral", "neutral"),
}


def lifecycle_rows(waves: dict[str, str]) -> list[dict[str, object]]:
    rows = []
    for w, (wave, category) in enumerate(waves.items()):
        functional, dysfunctional = PAIRS[category]
        for i in range(3):
            rows.append(
                {
                    "respondent": f"r{w}{i}",
                    "wave": wave,
                    "face.functional": functional,
                    "face.dysfunctional": dysfunctional,
                    "compass.functional": "neutral" if w == 0 else "",
                    "compass.dysfunctional": "neutral" if w == 0 else "",
                }
            )
    return rows


def test_a_feature_that_wears_from_excitement_to_must_be_shows_its_path(surveyed):
    workspace = surveyed(lifecycle_rows({"2024-01-15": "A", "2025-01-15": "O", "2026-01-15": "M"}))
    workspace.project.settings.stale_after_days = 365
    report = advocacy_report(workspace, today=dt.date(2026, 6, 1))
    rows = {row.feature: row for row in report.lifecycle.rows}
    face, compass = rows["face"], rows["compass"]
    assert face.categories == ("A", "O", "M") and face.path == "A→O→M"
    assert face.trend == "maturing" and face.changed
    assert face.last_wave == "2026-01-15" and face.age_days == 137 and not face.stale
    # the compass was only asked in the first wave: its evidence is old
    assert compass.categories == ("I", None, None) and compass.path == "I"
    assert compass.trend == "stable" and compass.stale and compass.age_days == 868
    assert [row.feature for row in report.lifecycle.stale] == ["compass"]
    assert [row.feature for row in report.lifecycle.migrations] == ["face"]


@pytest.mark.parametrize(
    "label,expected",
    [
        ("2026-03-15", dt.date(2026, 3, 15)),
        ("2026-03-15T10:00:00+00:00", dt.date(2026, 3, 15)),
        ("2026-03", dt.date(2026, 3, 31)),
        ("2026-Q3", dt.date(2026, 9, 30)),
        ("2026-q4", dt.date(2026, 12, 31)),
        ("2026-H1", dt.date(2026, 6, 30)),
        ("2026", dt.date(2026, 12, 31)),
        ("spring", None),
    ],
)
def test_wave_labels_that_are_dates_or_periods_give_the_date_of_their_evidence(label, expected):
    assert wave_date(label) == expected


def test_a_wave_label_that_is_no_date_takes_the_date_of_its_import():
    imports = [
        ImportRecord(
            id="import-001",
            source="a.csv",
            sha256="x",
            rows=1,
            importer="csv",
            imported_at="2025-05-02T09:00:00+00:00",
            wave="spring",
        ),
        ImportRecord(
            id="import-002",
            source="b.csv",
            sha256="y",
            rows=1,
            importer="csv",
            imported_at="2025-05-09T09:00:00+00:00",
            wave="spring",
        ),
    ]
    assert wave_date("spring", imports) == dt.date(2025, 5, 9)
    assert wave_date("autumn", imports) is None


# --------------------------------------------------------------------------- KPI editing


def test_kpi_periods_are_added_edited_and_removed_with_checks():
    project = Project.create("Demo")
    add_kpi_period(
        project,
        "2026 H1",
        start="2026-01-01",
        end="2026-06-30",
        customers_start="200",
        customers_new="40",
        customers_end="220",
        customers_new_by_referral="10",
    )
    edit_kpi_period(project, "2026 h1", customers_end=230, label="H1")
    assert project.kpi_periods[0].label == "H1" and project.kpi_periods[0].customers_end == 230
    with pytest.raises(KanoError, match="already exists"):
        add_kpi_period(project, "h1")
    remove_kpi_period(project, "H1")
    assert project.kpi_periods == []


@pytest.mark.parametrize(
    "values,message",
    [
        ({"customers_end": -5}, "has customers_end = -5, which must be 0 or more"),
        ({"customers_end": "many"}, "customers at end \\(E\\) 'many' is not a whole number"),
        (
            {"customers_start": 100, "customers_new": 50, "customers_end": 40},
            "has 50 new customers but only 40 customers at the end",
        ),
        (
            {"customers_start": 100, "customers_new": 10, "customers_end": 150},
            "keeps 140 customers from the start .* but started with only 100",
        ),
        (
            {"customers_new": 5, "customers_end": 5, "customers_new_by_referral": 6},
            "more new customers by referral \\(6\\) than new customers \\(5\\)",
        ),
        ({"start": "2026-02-30"}, "has start '2026-02-30', which is not a date"),
        ({"start": "2026-06-01", "end": "2026-01-01"}, "ends \\(2026-01-01\\) before it starts"),
    ],
)
def test_unsound_kpi_periods_are_refused_and_nothing_is_added(values, message):
    project = Project.create("Demo")
    with pytest.raises(KanoError, match=message):
        add_kpi_period(project, "Q1", **values)
    assert project.kpi_periods == []


def test_an_edit_that_makes_a_kpi_period_unsound_leaves_it_as_it_was():
    project = Project.create("Demo")
    period = add_kpi_period(project, "Q1", customers_start=200, customers_new=40, customers_end=220)
    with pytest.raises(KanoError):
        edit_kpi_period(project, "Q1", customers_end=-1)
    assert project.kpi_periods == [period] and period.customers_end == 220
    assert kpi_problem(period) is None


def test_a_frame_without_nps_or_csat_gives_empty_figures(surveyed):
    rows = [{k: v for k, v in row.items() if k not in ("nps", "csat")} for row in ROWS]
    workspace = surveyed(rows)
    series = advocacy_series(workspace.responses())
    assert series[0].total.nps.n == 0 and series[0].total.csat.mean is None
    assert isinstance(workspace.responses().frame, pd.DataFrame)
