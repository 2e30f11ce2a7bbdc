"""The HTML report, read back with an HTML parser: every section, no live user text,
nothing fetched from anywhere."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.analysis.run import analysis_to_json
from kano_tui.engine.project.model import KpiPeriod, Touchpoint
from kano_tui.errors import ExportCancelled
from kano_tui.session.export import run_export
from kano_tui.session.workspace import Workspace

from .conftest import IMG, MATH, QUOTES, XSS, build_project
from .page import problems, read_page

ALL_SECTIONS = (
    "summary",
    "results",
    "kano-plot",
    "continuous-plot",
    "backlog",
    "waves",
    "compare",
    "journey",
    "advocacy",
    "definitions",
)


def export_html(workspace: Workspace, tmp_path) -> str:
    written = run_export(workspace, "html", tmp_path / "report.html")
    assert written == [tmp_path / "report.html"]
    return written[0].read_text(encoding="utf-8")


def test_every_section_is_there_and_user_text_stays_text(report_project, tmp_path):
    page = read_page(export_html(report_project, tmp_path))

    assert set(ALL_SECTIONS) <= set(page.ids)
    assert problems(page) == []
    assert page.tags.count("svg") == 3  # the two charts and the wave trajectories, inline
    text = page.all_text
    for hostile in (XSS, IMG, QUOTES, MATH):
        assert hostile in text  # shown as written, never parsed as markup
    chart_text = " ".join(page.section_text["kano-plot"])
    assert XSS in chart_text and MATH in chart_text  # labels in the SVG: text, no math
    assert len(set(page.ids)) == len(page.ids)  # the SVGs share no element id
    compare_text = " ".join(page.section_text["compare"])
    assert XSS in compare_text and "Is the change real?" in compare_text


def test_the_results_table_holds_the_analysis(report_project, tmp_path):
    page = read_page(export_html(report_project, tmp_path))
    rows = {row[0]: row for row in page.tables["results"][1:]}
    for record in analysis_to_json(report_project.analyze())["features"]:
        row = rows[record["name"]]
        assert row[1] == str(record["n"])
        assert row[2:8] == [str(record["counts"][letter]) for letter in "AOMIRQ"]
        assert row[8] == (record["category"] or "–")
        assert row[9] == f"{record['better']:.2f}"


def test_journey_and_advocacy_show_what_the_project_holds(report_project, tmp_path):
    page = read_page(export_html(report_project, tmp_path))
    journey = " ".join(page.section_text["journey"])
    assert "Purchase" in journey and IMG in journey and "very negative" in journey
    assert "performs badly" in journey or "no linked feature" in journey or "issue" in journey
    advocacy = page.tables["advocacy"]
    assert advocacy[0][:3] == ["Wave", "n", "NPS"]
    assert [row[0] for row in advocacy[1:4]] == ["2026-03", "2026-09", "all waves"]
    kpi_rows = [row for row in advocacy if row and row[0] == XSS]
    assert kpi_rows and kpi_rows[0][4] == "90.0"  # retention (110 - 20) / 100


def test_sections_without_data_are_left_out(tmp_path):
    workspace = build_project(tmp_path / "plain", journey=False)
    page = read_page(export_html(workspace, tmp_path))
    assert {"summary", "results", "kano-plot", "continuous-plot", "backlog"} <= set(page.ids)
    assert not {"waves", "journey", "advocacy"} & set(page.ids)


def test_a_project_without_responses_still_reports(tmp_path):
    workspace = build_project(tmp_path / "empty", journey=False, respondents=0)
    page = read_page(export_html(workspace, tmp_path))
    assert "kano-plot" not in page.ids and "svg" not in page.tags
    assert [row[0] for row in page.tables["results"][1:]] == [XSS, "Calls", "Battery", MATH]
    assert problems(page) == []


def test_a_cancelled_export_leaves_no_file(report_project, tmp_path):
    with pytest.raises(ExportCancelled):
        run_export(report_project, "html", tmp_path / "r.html", cancel=lambda: True)
    assert not (tmp_path / "r.html").exists()


def test_the_cli_writes_the_report_of_a_sample_project(tmp_path, kano):
    from tests.conftest import SAMPLES

    done = kano("export", SAMPLES / "smartphone", "-e", "html", "-o", tmp_path / "s.html")
    assert done.returncode == 0, done.stderr
    page = read_page((tmp_path / "s.html").read_text(encoding="utf-8"))
    assert set(ALL_SECTIONS) <= set(page.ids)
    assert problems(page) == []


text = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=text, feature=text, touchpoint=text, pain=text, label=text)
def test_any_user_text_is_escaped(name, feature, touchpoint, pain, label, tmp_path_factory):
    directory = tmp_path_factory.mktemp("escape")
    workspace = Workspace.create(directory / "p", name)
    project = workspace.project
    from kano_tui.engine.project.catalogue import add_feature

    add_feature(project, feature, feature_id="f1", stage="purchase")
    project.touchpoints.append(
        Touchpoint(
            id="t1",
            stage="purchase",
            name=touchpoint,
            emotion=-1,
            pain_points=[pain],
            features=["f1"],
        )
    )
    project.kpi_periods.append(KpiPeriod(label=label, customers_start=1, customers_end=1))
    workspace.save()

    page = read_page(export_html(workspace, directory))

    assert problems(page) == []
    text_seen = " ".join(" ".join(page.all_text.split()).split())
    for value in (name, feature, touchpoint, pain, label):
        assert " ".join(value.split()) in text_seen
