"""The figures as NumPy columns (``FigureColumns``) and as the protocol's DataFrame are
the same figures: each built-in classifier answers the same on both, and the columns
round-trip through the DataFrame, dtypes and attrs included."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kano_tui.classifiers.builtin import (
    BergerRuleClassifier,
    BetterWorseClassifier,
    ContinuousClassifier,
    ModeClassifier,
    ModeStrengthClassifier,
)
from kano_tui.engine.analysis.figures import (
    FIGURES,
    FigureColumns,
    GroupResult,
    figure_columns,
    figures_from_histograms,
)
from kano_tui.engine.project.model import Settings

BUILT_INS = [
    ModeClassifier(),
    ModeStrengthClassifier(),
    ContinuousClassifier(),
    BetterWorseClassifier(),
    BergerRuleClassifier(),
]


def histograms(n_features: int, weighted: bool) -> st.SearchStrategy[np.ndarray]:
    """Joint histograms, mostly sparse (zeros make the ties and the empty features)."""
    if weighted:
        cells = st.one_of(st.just(0.0), st.floats(0, 3), st.floats(0, 400))
        return arrays(np.float64, (n_features, 6, 6), elements=cells)
    cells = st.one_of(st.just(0), st.integers(0, 3), st.integers(0, 400))
    return arrays(np.int64, (n_features, 6, 6), elements=cells)


@settings(max_examples=80, deadline=None)
@given(data=st.data(), n_features=st.integers(1, 6), weighted=st.booleans())
def test_every_built_in_answers_the_same_on_the_columns_and_on_the_dataframe(
    data, n_features, weighted
):
    joint = data.draw(histograms(n_features, weighted))
    ids = [f"F{j}" for j in range(n_features)]
    columns = figure_columns(joint, np.zeros((n_features, 10), np.int64), ids)
    frame = columns.to_frame()
    for classifier in BUILT_INS:
        by_columns = list(classifier.classify_columns(columns, Settings()))
        by_frame = classifier.classify(frame, Settings())
        assert list(by_frame.index) == ids
        assert by_columns == list(by_frame), classifier.name
        assert all(v is None or v in "AOMIRQ" for v in by_columns)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), n_features=st.integers(0, 5))
def test_the_columns_round_trip_through_the_dataframe(data, n_features):
    joint = data.draw(histograms(n_features, weighted=False))
    ids = [f"F{j}" for j in range(n_features)]
    columns = figure_columns(joint, np.zeros((n_features, 10), np.int64), ids)
    columns["category"] = np.array([None, *["M"] * (n_features - 1)][:n_features], dtype=object)
    columns.attrs["group"] = {"by": "wave", "value": "Q1"}
    frame = columns.to_frame()
    assert list(frame.columns) == [*FIGURES, "category"]
    assert frame.index.name == "feature" and list(frame.index) == ids
    assert frame["category"].dtype == object  # None stays None, not pandas' NaN text
    assert frame["n"].dtype == np.int64 and frame["significant"].dtype == bool
    assert frame.attrs == {"group": {"by": "wave", "value": "Q1"}}
    again = FigureColumns.from_frame(frame).to_frame()
    pd.testing.assert_frame_equal(frame, again)
    assert again.attrs == frame.attrs
    pd.testing.assert_frame_equal(
        figures_from_histograms(joint, np.zeros((n_features, 10), np.int64), ids),
        frame.drop(columns="category"),
    )


def test_a_group_built_from_either_form_gives_the_same_results():
    joint = np.zeros((2, 6, 6), np.int64)
    joint[0, 1, 5], joint[1, 3, 3] = 12, 7
    columns = figure_columns(joint, np.zeros((2, 10), np.int64), ["a", "b"])
    columns["category"] = ModeClassifier().classify_columns(columns, Settings())
    from_columns = GroupResult(value=None, columns=columns)
    from_frame = GroupResult(value=None, figures=columns.to_frame())
    assert list(from_columns.figures["category"]) == ["O", "I"]
    assert list(from_frame.columns["category"]) == ["O", "I"]
    pd.testing.assert_frame_equal(from_columns.figures, from_frame.figures)


def test_a_column_of_the_wrong_length_is_refused():
    columns = FigureColumns(["a", "b"])
    with pytest.raises(ValueError, match="figure column 'n' has 3 values for 2 features"):
        columns["n"] = [1, 2, 3]
    with pytest.raises(TypeError):
        GroupResult(value=None)
