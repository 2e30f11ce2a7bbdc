"""The Analysis screen: results, plots, backlog, compare, and the classifier, segment and
wave switchers."""

from __future__ import annotations

from textual.widgets import DataTable, Select, TabbedContent
from tui_helpers import screen_text, settle

from kano_tui.engine.analysis.run import backlog
from kano_tui.tui.app import KanoApp
from kano_tui.tui.widgets.quadrant_plot import MARKERS


def column(app: KanoApp, table_id: str, key: str) -> dict[str, str]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return {str(row.key.value): str(table.get_cell(row.key, key)) for row in table.ordered_rows}


async def test_the_results_table_shows_every_figure_of_the_analysis(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        figures = smartphone.analyze().overall
        categories = column(app, "results-table", "category")
        assert categories == {fid: figures.at[fid, "category"] for fid in figures.index}
        assert column(app, "results-table", "M")["calls"] == str(figures.at["calls", "M"])
        assert (
            column(app, "results-table", "better")["camera"]
            == f"{figures.at['camera', 'better']:.2f}"
        )
        assert column(app, "results-table", "sig")["calls"] == (
            "yes" if figures.at["calls", "significant"] else "no"
        )
        assert "classifier mode" in screen_text(app)


async def test_switching_the_classifier_reanalyses_every_screen(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#filter-classifier", Select).value = "better-worse"
        await settle(pilot)
        assert app.classifier == "better-worse"
        expected = smartphone.analyze("better-worse").overall["category"].to_dict()
        assert column(app, "results-table", "category") == expected
        await pilot.press("1")
        await settle(pilot)
        assert "better-worse classifier" in screen_text(app)
        table = app.screen.query_one("#features-table", DataTable)
        shown = {
            str(r.key.value): str(table.get_cell(r.key, "category")) for r in table.ordered_rows
        }
        assert shown == expected


async def test_switching_the_evaluation_table_reanalyses_and_reports_it(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "table standard" in screen_text(app)
        app.screen.query_one("#filter-table", Select).value = "pouliot"
        await settle(pilot)
        assert app.evaluation_table == "pouliot"
        expected = smartphone.analyze(table="pouliot").overall
        assert column(app, "results-table", "Q") == {
            fid: str(expected.at[fid, "Q"]) for fid in expected.index
        }
        assert column(app, "results-table", "Q") != {
            fid: str(v) for fid, v in smartphone.analyze(table="standard").overall["Q"].items()
        }
        assert "table pouliot" in screen_text(app)
        await pilot.press("1")  # every screen follows the table chosen
        await settle(pilot)
        table = app.screen.query_one("#features-table", DataTable)
        shown = {
            str(r.key.value): str(table.get_cell(r.key, "category")).split()[0]
            for r in table.ordered_rows
        }  # "O performance" where the width allows
        assert shown == expected["category"].to_dict()


async def test_segment_and_wave_filters_analyse_only_those_respondents(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        wave = smartphone.responses().waves()[0]
        app.screen.query_one("#filter-segment", Select).value = "plan\x1fprepaid"
        await settle(pilot)
        app.screen.query_one("#filter-wave", Select).value = wave
        await settle(pilot)
        figures = smartphone.analyze(wave=wave, where={"plan": "prepaid"}).overall
        assert column(app, "results-table", "n") == {
            fid: str(figures.at[fid, "n"]) for fid in figures.index
        }
        text = screen_text(app)
        assert "plan = prepaid" in text and f"wave {wave}" in text


async def test_the_kano_plot_marks_each_feature_in_its_quadrant_with_a_legend(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert app.screen.query_one("#analysis-tabs", TabbedContent).active == "kano-plot"
        text = screen_text(app)
        for label in ("A excitement", "O performance", "I indifferent", "M must-be", "|Worse|"):
            assert label in text
        for index, feature in enumerate(smartphone.project.features):
            assert f"{MARKERS[index]} " in text and feature.name in text
        await pilot.press("o")
        await settle(pilot)
        assert "dysfunctional mean" in screen_text(app)


async def test_the_backlog_is_the_engines_prioritised_list(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        table = app.screen.query_one("#backlog-table", DataTable)
        expected = [item.feature for item in backlog(smartphone.project, smartphone.analyze())]
        assert [str(row.key.value) for row in table.ordered_rows] == expected
        assert "fix first" in screen_text(app)


async def test_compare_starts_on_waves_and_shows_deltas_tests_and_the_lifecycle(smartphone):
    from kano_tui.engine.analysis.compare import comparison_to_json

    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.query_one("#compare-by", Select).value == "wave"  # two waves
        expected = comparison_to_json(smartphone.compare())
        table = app.screen.query_one("#compare-table", DataTable)
        face = next(f for f in expected["features"] if f["id"] == "face_recognition")
        assert str(table.get_cell("face_recognition", "from")).startswith("A")
        assert str(table.get_cell("face_recognition", "to")).startswith("O")
        assert str(table.get_cell("face_recognition", "dw")) == f"{face['worse_delta']:+.2f}"
        low, high = face["worse_delta_ci"]
        assert str(table.get_cell("face_recognition", "dwci")) == f"{low:+.2f}..{high:+.2f}"
        assert str(table.get_cell("face_recognition", "sig")).startswith("yes")
        assert str(table.get_cell("face_recognition", "life")) == "A -> O"
        assert "lifecycle: Face recognition A -> O" in screen_text(app)
        await pilot.press("a")  # the paths on the Kano plot
        await settle(pilot)
        assert "Paths across 2026-03-15 → 2026-09-15" in screen_text(app)


async def test_compare_by_a_segment_with_one_value_says_why_in_the_tab(new_project, tmp_path):
    from tests.conftest import write_wide_csv

    workspace = new_project("one-plan")
    rows = [
        {
            "respondent": f"r{i}",
            "plan": "pro",
            "cam.functional": "like",
            "cam.dysfunctional": "dislike",
        }
        for i in range(5)
    ]
    workspace.import_file(write_wide_csv(tmp_path / "s.csv", rows))
    app = KanoApp(workspace, first_screen="analysis")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        app.screen.query_one("#compare-by", Select).value = "plan"
        await settle(pilot)
        assert "Comparing needs two or more values of 'plan'" in screen_text(app)


async def test_results_show_intervals_and_flag_small_samples(smartphone):
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        record = smartphone.analyze().overall.loc["calls"]
        table = app.screen.query_one("#results-table", DataTable)
        assert (
            str(table.get_cell("calls", "bci"))
            == f"{record['better_low']:.2f}..{record['better_high']:.2f}"
        )
        assert not str(table.get_cell("calls", "n")).endswith("*")
    smartphone.project.settings.extra["small_sample"] = 10_000
    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#results-table", DataTable)
        assert str(table.get_cell("calls", "n")).endswith("*")


async def test_e_switches_the_quality_exclusions_off_and_on(sample_copy):
    from kano_tui.session.workspace import Workspace

    directory = sample_copy("smartphone")
    with (directory / "kano.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[quality]\nexclude = ["too-few-answers"]\n')
    workspace = Workspace.open(directory)
    summary = workspace.exclusions().summary()
    app = KanoApp(workspace, first_screen="analysis")
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert summary.split(";")[0] in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        assert "quality exclusions off" in screen_text(app)
        assert not workspace.apply_exclusions


async def test_a_project_without_responses_says_what_to_do(new_project):
    from kano_tui.engine.project.catalogue import add_feature

    workspace = new_project("empty")
    add_feature(workspace.project, "Camera")
    app = KanoApp(workspace, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "no answers yet" in screen_text(app)
        assert app.is_running


async def test_counts_of_a_large_survey_keep_every_digit(tmp_path):
    """240,000 respondents: the count columns widen to six digits (they were cut to five,
    so 120000 read as 12000) on the Analysis and Features screens."""
    import re

    import numpy as np

    from kano_tui.session.workspace import Workspace

    rows = 240_000
    survey = tmp_path / "survey.csv"
    pairs = np.tile(np.array([[1, 5], [2, 5]]), (rows // 2, 1))  # half O, half M
    survey.write_text(
        "respondent,camera.functional,camera.dysfunctional\n"
        + "".join(f"R{i},{f},{d}\n" for i, (f, d) in enumerate(pairs))
    )
    workspace = Workspace.create(tmp_path / "large", "Large")
    workspace.import_file(survey)
    app = KanoApp(workspace, first_screen="analysis")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert column(app, "results-table", "M")["camera"] == "120000"
        # n (then Better, Worse, significance), A, O, M on screen with every digit:
        assert re.search(r" 240000 +0\.50 +-1\.00 +no +0 +120000 +120000 ", screen_text(app))
        await pilot.press("1")
        await settle(pilot)
        assert " 240000 " in screen_text(app)


async def test_compare_at_80_columns_shows_every_test_whole_and_the_intervals_when_wider(
    smartphone,
):
    """At 80x24 the p-value, the significance and the lifecycle are on screen, whole; the
    two 95% intervals join them from 100 columns (and come back when the window grows)."""
    from kano_tui.engine.analysis.compare import comparison_to_json

    app = KanoApp(smartphone, first_screen="analysis")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        shown = screen_text(app)
        header = next(line for line in shown.splitlines() if "ΔBetter" in line)
        assert "Sig." in header and "Lifecycle" in header and "95% CI" not in header
        expected = comparison_to_json(smartphone.compare())
        for feature in expected["features"]:
            p = feature["p_value"]
            assert ("<.001" if p < 0.001 else f"{p:.3f}") in shown  # whole, not cut
        assert "A -> O" in shown
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        header = next(line for line in screen_text(app).splitlines() if "ΔBetter" in line)
        assert header.count("95% CI") == 2
