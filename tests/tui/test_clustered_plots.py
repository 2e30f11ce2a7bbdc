"""The Kano plots on a clustered survey (16 amenities in a narrow band) and on 100
features: zoomed to the features, every feature identifiable, the full view on `z`, the
legend paged; SVG snapshots at 80x24 and 120x40."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import screen_text, settle

from kano_tui.engine.analysis.plotview import short_name
from kano_tui.tui.app import KanoApp
from kano_tui.tui.widgets.quadrant_plot import QuadrantPlot
from tests.clustered import AMENITIES, clustered_project

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture
def amenities(tmp_path: Path):
    return clustered_project(tmp_path / "amenities")


def plot_rows(app: KanoApp, plot: QuadrantPlot) -> list[str]:
    """The plot area's rows as on screen: no axes, ticks, header or legend."""
    lines = screen_text(app).splitlines()[plot.region.y : plot.region.bottom]
    width = plot.region.width
    legend = min(36, max(width // 3, 20))
    return [line[6 : width - legend - 1] for line in lines if line[5:6] in ("┤", "│")]


def identified(app: KanoApp, plot: QuadrantPlot) -> dict[int, str]:
    """Each feature on the legend's page -> its marker, checked against the screen: the
    marker is drawn in the plot, and the legend line pairs it with the feature's name."""
    assert plot.drawn is not None
    marked, placement = plot.drawn
    text = screen_text(app)
    rows = plot_rows(app, plot)
    found = {}
    for index in marked:
        marker = placement.markers[index]
        point = plot.points[index]
        assert any(marker in row for row in rows), marker
        assert f"{marker} {point.category} {short_name(point.label, 8)[:-1]}" in text
        found[index] = marker
    return found


async def test_every_amenity_has_its_own_marker_in_the_zoomed_plot(amenities):
    app = KanoApp(amenities, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        plot = app.screen.query_one("#kano-plot-view", QuadrantPlot)
        text = screen_text(app)
        assert "zoomed (z: full 0–1 view)" in text
        assert "all: Better < 0.5, |Worse| < 0.5: indifferent" in text
        markers = identified(app, plot)
        assert sorted(markers) == list(range(len(AMENITIES)))
        assert len(set(markers.values())) == len(AMENITIES)  # no two share a marker
        assert "+" not in "".join(plot_rows(app, plot))
        await pilot.press("z")
        await settle(pilot)
        assert "full 0–1 view (z: zoom to the features)" in screen_text(app)
        assert "0.5 ┤───" in screen_text(app)  # the quadrant lines of the full view
        identified(app, plot)
        await pilot.press("o")
        await settle(pilot)
        continuous = app.screen.query_one("#continuous-plot-view", QuadrantPlot)
        assert "full -2 to 4 view" in screen_text(app)  # z switched both plots
        identified(app, continuous)


async def test_a_hundred_features_page_through_the_legend_and_each_is_identified(tmp_path):
    workspace = clustered_project(tmp_path / "hundred", count=100)
    app = KanoApp(workspace, first_screen="analysis")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        plot = app.screen.query_one("#kano-plot-view", QuadrantPlot)
        seen: dict[int, str] = {}
        for _ in range(plot.pages):
            assert "of 100 · [ ] page" in screen_text(app)
            seen |= identified(app, plot)
            await pilot.press("right_square_bracket")
            await settle(pilot)
        assert sorted(seen) == list(range(100))
        assert plot.page == 0  # round again to the first page
        results = app.screen.query_one("#results-table")
        await pilot.press("r")
        await settle(pilot)
        assert results.row_count == 100  # the Results table scrolls through all of them


@pytest.mark.parametrize("size", SIZES)
def test_clustered_kano_plot(snap_compare, amenities, size):
    app = KanoApp(amenities, first_screen="analysis")

    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)


def test_clustered_kano_plot_full_view(snap_compare, amenities):
    app = KanoApp(amenities, first_screen="analysis")

    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("p", "z")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run)


def test_the_help_screen_lists_the_plot_keys(amenities):
    sections = dict(KanoApp(amenities).help_sections())
    analysis = dict(sections["3 Analysis"])
    assert analysis["z"] == "Plots: full view / zoom to the features"
    assert analysis["]"] == "Plots: next legend page"
    assert analysis["["] == "Plots: previous legend page"
