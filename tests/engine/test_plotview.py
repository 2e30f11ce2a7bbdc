"""The window a Kano plot shows, the note on its quadrant lines, and short names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.engine.analysis.plotview import short_name, side_note, zoom_window

NAMES = {"A": "excitement", "O": "performance", "M": "must-be", "I": "indifferent"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=30),
    st.floats(0.1, 0.9),
)
def test_the_window_holds_every_feature_within_the_scale(points, split):
    window = zoom_window([x for x, _ in points], [y for _, y in points], (0.0, 1.0), split, 0.05)
    for low, high in (window.x, window.y):
        assert 0.0 <= low < high <= 1.0 and high - low >= 0.1 - 1e-9
    for x, y in points:
        assert window.x[0] <= x <= window.x[1] and window.y[0] <= y <= window.y[1]


def test_a_narrow_band_is_zoomed_and_the_far_quadrant_lines_are_described():
    xs, ys = [0.05, 0.1, 0.15], [0.2, 0.3, 0.35]
    window = zoom_window(xs, ys, (0.0, 1.0), 0.5, 0.05)
    assert window.zoomed and window.x == (0.0, 0.2) and window.y == (0.15, 0.4)
    assert not window.x_split_shown and not window.y_split_shown
    assert window.quadrants() == ["I"]
    assert side_note(window, "|Worse|", "Better", NAMES) == (
        "Every feature has Better below 0.5 and |Worse| below 0.5: the indifferent quadrant."
    )
    assert side_note(window, "|Worse|", "Better", NAMES, compact=True) == (
        "all: Better < 0.5, |Worse| < 0.5: indifferent"
    )


def test_a_near_quadrant_line_is_taken_in_and_features_all_over_show_the_whole_scale():
    window = zoom_window([0.42, 0.47], [0.75, 0.85], (0.0, 1.0), 0.5, 0.05)
    assert window.x_split_shown and not window.y_split_shown
    assert window.quadrants() == ["A", "O"]
    assert "excitement or performance" in side_note(window, "|Worse|", "Better", NAMES)
    spread = zoom_window([0.05, 0.95], [0.1, 0.9], (0.0, 1.0), 0.5, 0.05)
    assert not spread.zoomed and side_note(spread, "x", "y", NAMES) == ""


def test_missing_figures_are_left_out_and_nothing_gives_the_whole_scale():
    assert zoom_window([None, float("nan")], [0.3, None], (0.0, 1.0), 0.5, 0.05).zoomed is False
    assert zoom_window([0.1, None], [0.2, 0.9], (0.0, 1.0), 0.5, 0.05).x[1] <= 0.2


def test_long_names_lose_their_brackets_first_then_words():
    assert (
        short_name("Walkability and easy access to nearby assets (e.g., shops)")
        == "Walkability and easy access…"
    )
    assert short_name("Parks (green)", 10) == "Parks"
    assert short_name("Calls") == "Calls"
    assert short_name("Supercalifragilisticexpialidocious", 10) == "Supercali…"


@given(st.text(max_size=120), st.integers(4, 60))
def test_a_short_name_fits_its_limit(name, limit):
    short = short_name(name, limit)
    assert len(short) <= limit
    assert short == " ".join(name.split()) or short.endswith("…") or "(" in name
