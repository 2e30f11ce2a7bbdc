"""The Analysis screen at 80x24: the figures a Kano user came for without scrolling,
sideways scrolling by column, and a feature's detail on Enter."""

from __future__ import annotations

from textual.widgets import DataTable
from tui_helpers import screen_text, settle

from kano_tui.engine.analysis.detail import feature_detail
from kano_tui.engine.analysis.respondents import answer_distribution
from kano_tui.tui.app import KanoApp
from kano_tui.tui.feature_detail import FeatureDetailScreen


async def test_category_n_better_worse_and_significance_are_on_screen_at_80x24(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app).splitlines()
        header = next(line for line in shown if "Feature" in line and "Cat" in line)
        assert header.split()[:6] == ["Cat", "Feature", "n", "Better", "Worse", "Sig."]
        figures = smartphone.analyze().overall
        calls = next(line for line in shown if " Calls " in line)
        assert calls.split()[:6] == [
            "M",
            "Calls",
            str(figures.at["calls", "n"]),
            f"{figures.at['calls', 'better']:.2f}",
            f"{figures.at['calls', 'worse']:.2f}",
            "yes",
        ]
        footer = shown[-1]
        assert "q Quit" in footer and "^s Save" in footer and "…" not in footer


async def test_right_and_left_scroll_the_results_by_one_whole_column(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#results-table", DataTable)
        assert table.scroll_x == 0
        await pilot.press("right")
        await pilot.pause()
        first_scrollable = table.ordered_columns[2]  # n: Cat and Feature stay put
        assert table.scroll_x == first_scrollable.get_render_width(table)
        header = next(
            line for line in screen_text(app).splitlines() if "Feature" in line and "Cat" in line
        )
        assert header.split()[:4] == ["Cat", "Feature", "Better", "Worse"]
        await pilot.press("right", "left")
        await pilot.pause()
        assert table.scroll_x == first_scrollable.get_render_width(table)
        await pilot.press("left")
        await pilot.pause()
        assert table.scroll_x == 0


async def test_enter_opens_the_feature_with_its_answer_pairs_waves_and_segments(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # Messaging
        await settle(pilot)
        assert isinstance(app.screen, FeatureDetailScreen)
        shown = screen_text(app)
        assert "Messaging" in shown and "Answer pairs" in shown
        pairs = answer_distribution(smartphone.responses(), "messaging").pairs
        like_row = next(line for line in shown.splitlines() if line.strip("█ ").startswith("like"))
        assert [int(cell) for cell in like_row.strip("█ ").split()[1::2]] == list(pairs[0])
        assert "Per wave" in shown and "2026-03-15" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FeatureDetailScreen)


def test_the_detail_comes_from_the_engine_per_wave_and_segment(smartphone):
    detail = feature_detail(smartphone, "calls")
    by_wave = smartphone.analyze(by="wave")
    for group, figures in zip(by_wave.groups, detail.waves, strict=True):
        assert figures.value == str(group.value)
        assert figures.n == group.figures.at["calls", "n"]
        assert figures.better == group.figures.at["calls", "better"]
    plans = [g for g in detail.segments if g.by == "plan"]
    by_plan = smartphone.analyze(by="plan")
    assert [g.value for g in plans] == [str(g.value) for g in by_plan.groups]
    assert sum(g.n for g in plans) <= detail.overall.n
    assert sum(sum(row) for row in detail.distribution.pairs) == detail.overall.n
    filtered = feature_detail(smartphone, "calls", wave="2026-03-15")
    assert filtered.waves == () and filtered.overall.n == by_wave.groups[0].figures.at["calls", "n"]
