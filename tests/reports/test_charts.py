"""The charts: zoomed to the features, labels that never collide, user text as text,
reproducible, drawn without pyplot."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kano_tui.exporters.charts import (
    Chart,
    Point,
    chart_key,
    inline_svg,
    needs_key,
    render,
    render_chart,
)

from .page import problems, read_page
from .svg_boxes import collisions, svg_boxes

NAME = st.text(
    st.sampled_from("abcdefghij klmnopqrstuvwxyz(),.-ÄéW"), min_size=1, max_size=70
).filter(str.strip)  # a feature always has a name
# Each example draws a chart (about a second): no shrinking, which would take minutes.
HEAVY = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


def chart(*points: Point) -> Chart:
    return Chart(
        "kano-plot",
        "Kano plot",
        "test",
        tuple(points),
        0.5,
        (0.0, 1.0),
        "|Worse|",
        "Better",
        "|Worse|",
        "Better",
    )


@st.composite
def features(draw, clustered: bool) -> list[Point]:
    count = draw(st.integers(1, 40))
    if clustered:
        cx, cy = draw(st.floats(0.05, 0.95)), draw(st.floats(0.05, 0.95))
        spread = draw(st.floats(0.005, 0.12))
        coordinate = st.floats(-1, 1).map(lambda u: u * spread)
        places = [
            (min(max(cx + draw(coordinate), 0.0), 1.0), min(max(cy + draw(coordinate), 0.0), 1.0))
            for _ in range(count)
        ]
    else:
        places = [(draw(st.floats(0, 1)), draw(st.floats(0, 1))) for _ in range(count)]
    return [Point(draw(NAME), x, y, draw(st.sampled_from("AOMIR"))) for x, y in places]


def assert_readable(points: list[Point]) -> None:
    data = chart(*points)
    rendered = render_chart(data, "svg")
    boxes = svg_boxes(rendered.data.decode())
    assert collisions(boxes.labels, boxes.markers) == []
    assert set(boxes.markers) == set(range(len(points)))  # every feature is drawn
    key = dict(enumerate(chart_key(data, rendered.drawn)))
    for index, point in enumerate(points):
        text = boxes.texts.get(index)
        if text is None or rendered.drawn.numbered or text != " ".join(point.label.split()):
            # not named in full on the chart: the list beside it names it, with its number
            assert key[index].name == point.label
            assert key[index].label == (text or "")
        if rendered.drawn.numbered and text is not None:
            assert text == str(index + 1)
    titles = inline_svg(data, rendered)
    for point in points:
        assert read_page(titles).all_text.count(point.label) >= 1  # the <title> tooltip


@settings(HEAVY, max_examples=12)
@given(features(clustered=True))
def test_clustered_features_get_labels_that_never_collide(points):
    assert_readable(points)


@settings(HEAVY, max_examples=8)
@given(features(clustered=False))
def test_spread_features_get_labels_that_never_collide(points):
    assert_readable(points)


def test_a_cluster_is_zoomed_in_with_the_full_view_beside_it_and_a_note():
    points = [Point(f"Amenity {i}", 0.05 + 0.01 * i, 0.2 + 0.015 * i, "I") for i in range(10)]
    data = chart(*points)
    assert data.window.zoomed and data.window.x[1] <= 0.25 and data.window.y[1] <= 0.45
    rendered = render_chart(data, "svg")
    svg = rendered.data.decode()
    assert 'id="overview"' in svg and "Full view (0 to 1)" in svg
    assert rendered.drawn.note == (
        "Every feature has Better below 0.5 and |Worse| below 0.5: the indifferent quadrant."
    )
    assert "Indifferent (I)" in svg and "Performance (O)" not in svg


def test_features_over_the_whole_square_are_shown_on_the_whole_square():
    data = chart(
        Point("a", 0.1, 0.9, "A"),
        Point("b", 0.9, 0.9, "O"),
        Point("c", 0.9, 0.1, "M"),
        Point("d", 0.1, 0.1, "I"),
    )
    assert not data.window.zoomed
    rendered = render_chart(data, "svg")
    assert 'id="overview"' not in rendered.data.decode() and rendered.drawn.note == ""
    assert rendered.drawn.labels == ("a", "b", "c", "d") and not needs_key(rendered.drawn)


def test_long_names_are_shortened_on_the_chart_and_whole_in_the_list_and_tooltip():
    long = "Walkability and easy access to nearby assets (e.g., shops, restaurants, transport)"
    data = chart(Point(long, 0.1, 0.3, "I"), Point("Parks", 0.3, 0.2, "I"))
    rendered = render_chart(data, "svg")
    assert rendered.drawn.labels[0] == "Walkability and easy access…"
    assert [row.name for row in chart_key(data, rendered.drawn)] == [long, "Parks"]
    assert f"<title>{long}: indifferent (I)" in inline_svg(data, rendered)


def test_labels_are_text_not_markup_nor_math():
    svg = inline_svg(
        chart(Point("<b>bold</b> & $x^2$", 0.7, 0.8, "O"), Point("plain", 0.2, 0.1, "I"))
    )
    page = read_page(svg)
    assert "<b>bold</b> & $x^2$" in page.all_text
    assert "b" not in page.tags and problems(page) == []


def test_the_same_chart_renders_to_the_same_bytes():
    data = chart(Point("a", 0.1, 0.9, "A"), Point("b", 0.9, 0.9, "O"))
    assert render(data, "svg") == render(data, "svg")
    assert render(data, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_loading_the_plugins_does_not_import_matplotlib_and_drawing_needs_no_pyplot():
    code = (
        "import sys\n"
        "from kano_tui.plugins.manager import build_plugins\n"
        "build_plugins(entry_points=False)\n"
        "print('matplotlib' in sys.modules)\n"
        "from kano_tui.exporters.charts import Chart, Point, render\n"
        "render(Chart('k', 't', 'd', (Point('a', .5, .5, 'M'),), .5, (0., 1.), 'x', 'y'))\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
