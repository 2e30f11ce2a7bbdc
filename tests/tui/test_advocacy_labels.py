"""The advocacy plots' wave labels never collide, however many waves a narrow plot has."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from kano_tui.tui.screens.advocacy import SpacedCategories


@given(
    labels=st.lists(st.text("0123456789-Qabc", min_size=1, max_size=12), min_size=1, max_size=30),
    width=st.integers(10, 200),
)
def test_written_labels_are_far_enough_apart_and_the_newest_is_always_written(labels, width):
    formatter = SpacedCategories(labels, lambda: width)
    ticks = formatter.get_ticks(0.5, len(labels) + 0.5)
    written = formatter.get_labels_for_ticks(ticks)
    assert written[-1] == labels[-1]
    per_category = width / len(labels)
    positions = [i for i, label in enumerate(written) if label]
    longest = max(len(label) for label in labels)
    for a, b in itertools.pairwise(positions):
        assert (b - a) * per_category >= longest + 1 or len(labels) == 1
    assert all(label in ("", labels[i]) for i, label in enumerate(written))
