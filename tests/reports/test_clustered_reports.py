"""Reports on a clustered survey (16 amenities in a narrow band; 100 features): charts
zoomed to the features, labels that never collide, every feature named somewhere."""

from __future__ import annotations

import re

import pytest

from kano_tui.session.export import run_export
from tests.clustered import AMENITIES, clustered_project, feature_names

from .page import problems, read_page
from .svg_boxes import collisions, svg_boxes


def inline_svgs(html: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", html, re.S)


@pytest.fixture(scope="module")
def amenities(tmp_path_factory):
    return clustered_project(tmp_path_factory.mktemp("amenities") / "project")


def test_the_html_report_zooms_to_the_cluster_and_names_every_amenity(amenities, tmp_path):
    html = run_export(amenities, "html", tmp_path / "report.html")[0].read_text("utf-8")
    page = read_page(html)
    assert problems(page) == []
    svgs = inline_svgs(html)
    assert len(svgs) == 2
    for svg in svgs:
        boxes = svg_boxes(svg)
        assert collisions(boxes.labels, boxes.markers) == []
        assert len(boxes.markers) == 16
        assert "Full view" in svg  # the whole scale beside the zoomed chart
        for name in AMENITIES:  # each marker's tooltip (and its label's) has the whole name
            assert svg.count(f"<title>{name}:") == 1 + (AMENITIES.index(name) in boxes.labels)
    kano = " ".join(page.section_text["kano-plot"])
    assert "Every feature has Better below 0.5 and |Worse| below 0.5" in kano
    key = page.tables["kano-plot"]
    assert [row[1] for row in key[1:]] == AMENITIES


def test_the_markdown_report_lists_the_whole_names_under_each_chart(amenities, tmp_path):
    target = tmp_path / "report.md"
    run_export(amenities, "markdown", target)
    text = target.read_text("utf-8")
    charts = text[text.index("## Charts") : text.index("## Prioritised")]
    assert "Every feature has Better below 0.5" in charts
    assert (
        charts.count(
            "Walkability and easy access to nearby assets \\(e.g., shops, "
            "restaurants, transportation\\)"
        )
        == 2
    )


def test_a_hundred_clustered_features_are_numbered_and_listed(tmp_path):
    workspace = clustered_project(tmp_path / "hundred", count=100)
    html = run_export(workspace, "html", tmp_path / "report.html")[0].read_text("utf-8")
    page = read_page(html)
    key = page.tables["kano-plot"]
    assert key[0][:2] == ["On the chart", "Feature"]
    assert [row[1] for row in key[1:]] == feature_names(100)
    kano_svg = inline_svgs(html)[0]
    boxes = svg_boxes(kano_svg)
    assert collisions(boxes.labels, boxes.markers) == []
    assert len(boxes.markers) == 100
    for index, text in boxes.texts.items():  # the numbers drawn are the list's numbers
        assert text == str(index + 1) == key[index + 1][0]
    assert len(boxes.texts) >= 20  # most clustered points still carry their number
