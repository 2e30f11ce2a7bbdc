"""The Advocacy screen (key 5) through the real app: NPS with margin and significance,
CSAT, segments, KPI periods (edited, undone, saved), the lifecycle, and snapshots."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, TabbedContent

from kano_tui.engine.customers.advocacy import advocacy_report
from kano_tui.engine.project.projectfile import load_project
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.journey_forms import KpiForm
from kano_tui.tui.modals import ConfirmScreen
from kano_tui.tui.screens.advocacy import AdvocacyScreen, TrendPlot

from .pilot import press, screen_text, settle


def advocacy_app(workspace: Workspace) -> KanoApp:
    return KanoApp(workspace, first_screen="advocacy", remember_theme=False)


def rows(app: KanoApp, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [
        [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(i)]
        for i in range(table.row_count)
    ]


async def test_nps_per_wave_with_margin_significance_and_csat(support_desk):
    expected = advocacy_report(support_desk).overall
    app = advocacy_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = rows(app, "nps-table")
        first, second, total = expected.waves[0], expected.waves[1], expected.total
        assert table[0][:4] == [
            first.wave,
            str(first.nps.n),
            f"{first.nps.nps:+.1f}",
            f"{first.nps.margin:.1f}",
        ]
        assert table[1][4:6] == [
            f"{second.change.delta:+.1f}",
            "yes" if second.change.significant else "no",
        ]
        assert table[1][6:] == [f"{second.csat.top2_percent:.1f}", f"{second.csat.mean:.2f}"]
        assert table[2][0] == "all waves" and table[2][2] == f"{total.nps.nps:+.1f}"
        text = screen_text(app)
        assert "±95%" in text and "CSAT top-2 %" in text and "CSAT mean" in text
        assert len(app.screen.query(TrendPlot)) == 4


async def test_s_shows_each_segment_and_tabs_cycle_with_brackets(support_desk):
    app = advocacy_app(support_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert "segment: tier" in screen_text(app)
        segments = {row[0] for row in rows(app, "nps-table")}
        assert segments == {"all", "business", "premium", "standard"}
        tabs = app.screen.query_one(TabbedContent)
        await press(pilot, "right_square_bracket")
        assert tabs.active == "tab-kpi"
        await press(pilot, "right_square_bracket")
        assert tabs.active == "tab-lifecycle"
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert tabs.active == "tab-nps"


async def test_the_kpi_tab_shows_rates_and_the_referral_definition(support_desk):
    app = advocacy_app(support_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "right_square_bracket")
        table = rows(app, "kpi-table")
        period = support_desk.project.kpi_periods[0]
        retention = 100 * (period.customers_end - period.customers_new) / period.customers_start
        assert table[0][0] == period.label and table[0][4] == f"{retention:.1f}"
        text = screen_text(app)
        assert f"Referral: {period.referral_definition}" in text
        assert "Retention %" in text and "Referral rate %" in text


async def test_a_kpi_period_is_added_edited_and_deleted_undoably(support_desk):
    app = advocacy_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sample_labels = [p.label for p in support_desk.project.kpi_periods]
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, KpiForm)
        assert app.screen_stack[-2].query_one(TabbedContent).active == "tab-kpi"
        for field, value in {
            "label": "2027 H1",
            "start": "2027-01-01",
            "end": "2027-06-30",
            "customers_start": "200",
            "customers_new": "40",
            "customers_end": "220",
        }.items():
            form.query_one(f"#{field}", Input).value = value
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AdvocacyScreen)
        assert rows(app, "kpi-table")[-1][:5] == ["2027 H1", "200", "40", "220", "90.0"]
        table = app.screen.query_one("#kpi-table", DataTable)
        table.move_cursor(row=table.row_count - 1)
        await press(pilot, "e")
        app.screen.query_one("#customers_end", Input).value = "230"
        await press(pilot, "enter")
        assert support_desk.project.kpi_periods[-1].customers_end == 230
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert [p.label for p in support_desk.project.kpi_periods] == sample_labels
        await press(pilot, "ctrl+z", "ctrl+z")
        assert support_desk.project.kpi_periods[-1].customers_end == 220
        await press(pilot, "ctrl+s")
    assert load_project(support_desk.directory).kpi_periods[-1].label == "2027 H1"


async def test_an_unsound_kpi_period_is_refused_in_the_form_and_nothing_changes(support_desk):
    app = advocacy_app(support_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = list(support_desk.project.kpi_periods)
        await press(pilot, "a")
        app.screen.query_one("#label", Input).value = "Broken"
        app.screen.query_one("#customers_end", Input).value = "-5"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, KpiForm)
        assert "KPI period 'Broken' has customers_end = -5, which must be 0 or" in screen_text(app)
        await press(pilot, "escape")
        assert support_desk.project.kpi_periods == before and not app.unsaved


async def test_the_lifecycle_tab_shows_each_feature_path_and_trend(support_desk):
    app = advocacy_app(support_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "right_square_bracket", "right_square_bracket")
        table = {row[0]: row for row in rows(app, "lifecycle-table")}
        assert table["Personalised recommendations"][1:5] == ["A", "I", "A→I", "reverting"]
        assert table["Knowledge base"][3:5] == ["M", "stable"]
        assert "changed category" in screen_text(app)


async def test_a_project_without_responses_or_periods_says_so(tmp_path):
    workspace = Workspace.create(tmp_path / "empty", "Empty")
    app = advocacy_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app, "nps-table") == [["all waves", "0", "–", "–", "–", "", "–", "–"]]
        await press(pilot, "right_square_bracket")
        assert "No KPI periods yet: press a to add one" in screen_text(app)
        await press(pilot, "right_square_bracket")
        assert "No waves yet" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_of_the_advocacy_screen(snap_compare, sample_copy, size):
    workspace = Workspace.open(sample_copy("support-desk"))

    async def run_before(pilot) -> None:
        await settle(pilot)

    assert snap_compare(advocacy_app(workspace), terminal_size=size, run_before=run_before)


def test_snapshot_of_the_kpi_tab(snap_compare, sample_copy):
    workspace = Workspace.open(sample_copy("support-desk"))

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)

    assert snap_compare(advocacy_app(workspace), terminal_size=(80, 24), run_before=run_before)
