"""The charts: user text as text, labels kept apart, reproducible, drawn without pyplot."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.exporters.charts import LABEL_SPOTS, Chart, Point, inline_svg, place_labels, render

from .page import problems, read_page


def chart(*points: Point) -> Chart:
    return Chart("kano-plot", "Kano plot", "test", tuple(points), 0.5, (0.0, 1.0), "x", "y")


def test_labels_are_text_not_markup_nor_math():
    svg = inline_svg(chart(Point("<b>bold</b> & $x^2$", 0.7, 0.8, "O"),
                           Point("plain", 0.2, 0.1, "I")))
    page = read_page(svg)
    assert "<b>bold</b> & $x^2$" in page.all_text
    assert "b" not in page.tags and problems(page) == []


def test_the_same_chart_renders_to_the_same_bytes():
    data = chart(Point("a", 0.1, 0.9, "A"), Point("b", 0.9, 0.9, "O"))
    assert render(data, "svg") == render(data, "svg")
    assert render(data, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_labels_of_points_on_top_of_each_other_go_to_different_spots():
    points = [Point("Face recognition", 0.5, 0.5, "A"), Point("Fingerprint", 0.5, 0.5, "A"),
              Point("PIN", 0.51, 0.5, "A")]
    spots = place_labels(points, (0.0, 1.0), (430.0, 270.0))
    assert len(set(spots)) == 3


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.floats(0, 1), st.floats(0, 1)), max_size=15))
def test_every_label_gets_a_spot_and_the_same_one_each_time(raw):
    points = [Point(label, x, y, "M") for label, x, y in raw]
    spots = place_labels(points, (0.0, 1.0), (430.0, 270.0))
    assert len(spots) == len(points) and all(spot in LABEL_SPOTS for spot in spots)
    assert spots == place_labels(points, (0.0, 1.0), (430.0, 270.0))


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
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "False"]
