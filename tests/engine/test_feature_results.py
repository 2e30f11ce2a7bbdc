"""The typed per-feature results (``Analysis.results()``) say exactly what the figures
frame says: every figure, None exactly where the frame has NaN, the counts, the answer
pairs, the intervals, and a classifier's extra columns; and their JSON is the contract's."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kano_tui.classifiers.builtin import ModeClassifier
from kano_tui.engine.analysis.featureresult import (
    STANDARD_COLUMNS,
    add_extras,
    category_label,
    category_name,
    extra_problem,
    extra_text,
    feature_results,
    pair_code,
    split_classification,
)
from kano_tui.engine.analysis.figures import (
    CATEGORIES,
    PAIRS,
    Analysis,
    FigureColumns,
    GroupResult,
    figures_from_histograms,
)
from kano_tui.engine.analysis.intervals import add_intervals
from kano_tui.engine.project.model import Settings

FLOAT_FIGURES = (
    "better",
    "worse",
    "total_strength",
    "category_strength",
    "functional_mean",
    "dysfunctional_mean",
    "functional_sd",
    "dysfunctional_sd",
    "importance_mean",
)


def histograms(n_features: int) -> st.SearchStrategy[np.ndarray]:
    """Joint histograms, mostly sparse (zeros make the 0/0 and one-answer cases)."""
    cells = st.one_of(st.just(0), st.integers(0, 3), st.integers(0, 400))
    return arrays(np.int64, (n_features, 6, 6), elements=cells)


def analysed(joint: np.ndarray, importance: np.ndarray, *, intervals: bool) -> Analysis:
    ids = [f"F{j}" for j in range(joint.shape[0])]
    figures = figures_from_histograms(joint, importance, ids)
    figures["category"] = pd.Series(
        ModeClassifier().classify(figures, Settings()), index=figures.index, dtype=object
    )
    if intervals:
        add_intervals(figures, None, 30)
    return Analysis(
        classifier="mode",
        groups=[GroupResult(value=None, figures=figures)],
        feature_names={fid: f"Feature {fid}" for fid in ids},
    )


def same(typed: object, framed: object) -> bool:
    if isinstance(framed, float) and math.isnan(framed):
        return typed is None
    return typed == framed and type(typed) in (int, float, bool, str)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), n_features=st.integers(1, 5), intervals=st.booleans())
def test_the_typed_results_agree_with_the_figures_for_random_histograms(
    data, n_features, intervals
):
    joint = data.draw(histograms(n_features))
    importance = data.draw(arrays(np.int64, (n_features, 10), elements=st.integers(0, 20)))
    analysis = analysed(joint, importance, intervals=intervals)
    figures = analysis.overall
    results = analysis.results()
    assert [r.id for r in results] == list(figures.index)
    for result in results:
        row = figures.loc[result.id]
        assert result.name == f"Feature {result.id}"
        assert result.n == row["n"] and type(result.n) is int
        assert dict(result.counts) == {k: int(row[k]) for k in CATEGORIES}
        assert result.category == row["category"]
        assert result.category_name == category_name(row["category"])
        assert result.significant is bool(row["significant"])
        for key in FLOAT_FIGURES:
            assert same(getattr(result, key), row[key]), key
        assert result.pairs == {pair: int(row[name]) for name, pair in PAIRS.items()}
        assert result.pairs[(1, 5)] == joint[figures.index.get_loc(result.id), 1, 5]
        assert result.abs_worse == (None if result.worse is None else -result.worse)
        if not intervals:
            assert result.confidence is None and result.better_ci is None
            continue
        assert result.small_sample is bool(row["small_sample"])
        for key in ("better", "worse"):
            interval = getattr(result, f"{key}_ci")
            if math.isnan(row[f"{key}_low"]):
                assert interval is None
            else:
                assert (interval.low, interval.high) == (row[f"{key}_low"], row[f"{key}_high"])
        assert result.extra == {}


def _clean(value):
    """The JSON record's cleaning before the typed results (the oracle below)."""
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    return value


def oracle_record(fid: str, name: str, row: pd.Series) -> dict:
    """How ``feature_records`` read a frame row before the typed results."""
    record = {
        "id": fid,
        "name": name,
        "n": int(row["n"]),
        "counts": {k: int(row[k]) for k in CATEGORIES},
        "category": row["category"] if isinstance(row["category"], str) else None,
    }
    for key in (*FLOAT_FIGURES[:4], "significant", *FLOAT_FIGURES[4:]):
        record[key] = _clean(row[key])
    record["category_name"] = category_name(record["category"])
    record["importance_n"] = int(row["importance_n"])
    pair = [
        _clean(row[k])
        for k in (
            "better_low",
            "better_high",
            "worse_low",
            "worse_high",
            "support_low",
            "support_high",
        )
    ]
    record.update(
        {
            "n_effective": round(float(row["n_effective"]), 2),
            "small_sample": bool(row["small_sample"]),
            "better_ci": None if None in pair[0:2] else pair[0:2],
            "worse_ci": None if None in pair[2:4] else pair[2:4],
            "category_support": _clean(row["support"]),
            "category_support_ci": None if None in pair[4:6] else pair[4:6],
        }
    )
    return record


@settings(max_examples=40, deadline=None)
@given(data=st.data(), n_features=st.integers(1, 4))
def test_the_json_record_is_the_one_the_frame_gave(data, n_features):
    joint = data.draw(histograms(n_features))
    analysis = analysed(joint, np.zeros((n_features, 10), np.int64), intervals=True)
    for result in analysis.results():
        expected = oracle_record(result.id, result.name, analysis.overall.loc[result.id])
        assert result.to_json() == expected


def test_a_classifiers_extra_columns_are_the_results_extra_and_in_json():
    joint = np.zeros((3, 6, 6), np.int64)
    joint[:, 1, 5] = [10, 0, 4]
    analysis = analysed(joint, np.zeros((3, 10), np.int64), intervals=False)
    figures = analysis.overall
    answer = pd.DataFrame(
        {
            "category": ["O", "I", "O"],
            "confidence": [0.91, np.nan, 0.5],
            "runner_up": ["M", None, "A"],
            "decisive": [True, False, True],
        },
        index=figures.index,
    )
    categories, extras = split_classification(answer)
    assert list(categories) == ["O", "I", "O"] and extra_problem(extras, figures.index) is None
    columns = FigureColumns.from_frame(figures)
    assert add_extras(columns, extras) == ("confidence", "runner_up", "decisive")
    results = list(feature_results(columns, analysis.feature_names))
    assert columns.to_frame()["runner_up"].dtype == extras["runner_up"].dtype
    assert dict(results[0].extra) == {"confidence": 0.91, "runner_up": "M", "decisive": True}
    assert dict(results[1].extra) == {"confidence": None, "runner_up": None, "decisive": False}
    assert results[0].to_json()["extra"] == {"confidence": 0.91, "runner_up": "M", "decisive": True}
    assert [extra_text(v) for v in results[1].extra.values()] == ["–", "–", "no"]
    assert extra_text(0.905) == "0.91" and extra_text(3) == "3"


@pytest.mark.parametrize(
    "column, problem",
    [
        ("better", "which is a standard figure"),
        ("pair_15", "which is a standard figure"),
        ("", "name each with text"),
    ],
)
def test_an_extra_column_must_have_a_name_of_its_own(column, problem):
    index = pd.Index(["F1"], name="feature")
    assert problem in extra_problem(pd.DataFrame({column: [1.0]}, index=index), index)


def test_an_extra_column_must_cover_every_feature_and_hold_plain_values():
    index = pd.Index(["F1", "F2"], name="feature")
    short = pd.DataFrame({"score": [1.0]}, index=index[:1])
    assert "without a row for feature 'F2'" in extra_problem(short, index)
    odd = pd.DataFrame({"score": [object(), 1]}, index=index)
    assert "object in extra column 'score'" in extra_problem(odd, index)


def test_category_helpers_and_pair_codes():
    assert category_label("M") == "M must-be" and category_label(None) == "–"
    assert category_name("A") == "excitement" and category_name(float("nan")) is None
    assert pair_code(1, 5) == 11 and list(pair_code(np.array([0, 5]), np.array([0, 5]))) == [0, 35]
    assert {"category", "n_effective", "gof_p_value", "respondents_A"} <= STANDARD_COLUMNS
