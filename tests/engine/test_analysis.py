"""The Kano figures and the built-in classifiers, against the brief and the literature."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.classifiers.builtin import (
    BetterWorseClassifier,
    ContinuousClassifier,
    ModeClassifier,
    ModeStrengthClassifier,
)
from kano_tui.engine.analysis.figures import (
    classify_pair,
    figures_from_histograms,
    importance_histograms,
    joint_histograms,
)
from kano_tui.engine.importing.answers import CODE, TOKENS
from kano_tui.engine.project.model import Settings
from tests.engine import oracle

# One answer pair per category cell of the brief's evaluation table.
PAIR_FOR = {
    "A": ("like", "neutral"),
    "O": ("like", "dislike"),
    "M": ("expect", "dislike"),
    "I": ("neutral", "neutral"),
    "R": ("dislike", "like"),
    "Q": ("like", "like"),
}


def figures_for(pairs, importance=None, scale=9) -> pd.DataFrame:
    """Engine figures for one feature from (functional, dysfunctional) tokens (None = blank)."""
    functional = np.array([[CODE[f] if f else 0] for f, _ in pairs], dtype=np.int8).reshape(-1, 1)
    dysfunctional = np.array([[CODE[d] if d else 0] for _, d in pairs], dtype=np.int8).reshape(
        -1, 1
    )
    joint = joint_histograms(functional, dysfunctional)
    stated = None
    if importance is not None:
        stated = np.array([[-1 if i is None else i] for i in importance], dtype=np.int8).reshape(
            -1, 1
        )
    imp = importance_histograms(stated, 1, scale)
    return figures_from_histograms(joint[0], imp[0], ["f"])


def pairs_from_counts(counts: dict[str, int]) -> list[tuple[str, str]]:
    return [PAIR_FOR[letter] for letter, count in counts.items() for _ in range(count)]


def test_evaluation_table_is_exactly_the_briefs():
    expected = {
        "like": "QAAAO",
        "expect": "RIIIM",
        "neutral": "RIIIM",
        "tolerate": "RIIIM",
        "dislike": "RRRRQ",
    }
    for functional, row in expected.items():
        assert "".join(classify_pair(functional, d) for d in TOKENS) == row


def test_worked_example_from_the_lookup_table_guide():
    """Proof of the Pudding, "Classic Kano survey analysis" (kano-model.proofofthepudding.be,
    step-by-step guide, 4. Analysing the results, lookup-table analysis): 25 respondents;
    feature #1 tallies M 9, O 10, A 1, I 2, R 3, Q 0 and is one-dimensional by majority;
    feature #2 tallies M 9, O 5, A 4, I 2, R 4, Q 1 and is must-be."""
    first = figures_for(pairs_from_counts({"M": 9, "O": 10, "A": 1, "I": 2, "R": 3, "Q": 0}))
    second = figures_for(pairs_from_counts({"M": 9, "O": 5, "A": 4, "I": 2, "R": 4, "Q": 1}))
    assert first.loc["f", "n"] == 25 and second.loc["f", "n"] == 25
    assert ModeClassifier().classify(first, Settings()).iloc[0] == "O"
    assert ModeClassifier().classify(second, Settings()).iloc[0] == "M"
    # Berger et al. (1993) coefficients of feature #1: (A+O)/(A+O+M+I), -(O+M)/(A+O+M+I)
    assert first.loc["f", "better"] == pytest.approx(11 / 22)
    assert first.loc["f", "worse"] == pytest.approx(-19 / 22)
    # Fong (1996): |10 - 9| = 1 < 1.65 * sqrt(19 * 31 / 50) = 5.66: not significant.
    assert not first.loc["f", "significant"]
    assert first.loc["f", "category_strength"] == pytest.approx(1 / 25)


def test_fong_significance_when_one_category_dominates():
    # f1 = 30 (M), f2 = 5 (O), n = 40: 25 >= 1.65*sqrt(35*45/80) = 7.32
    result = figures_for(pairs_from_counts({"M": 30, "O": 5, "A": 3, "I": 2}))
    assert bool(result.loc["f", "significant"])
    threshold = 1.65 * math.sqrt(35 * (80 - 35) / 80)
    assert threshold <= 25


def test_continuous_scores_use_dumouchels_weights_and_sample_sd():
    pairs = [("like", "dislike"), ("expect", "tolerate"), ("dislike", "like"), ("neutral", None)]
    result = figures_for(pairs).loc["f"]
    # answered both: F scores 4, 2, -2 ; D scores 4, 2, -2
    assert result["n"] == 3
    assert result["functional_mean"] == pytest.approx(4 / 3)
    assert result["dysfunctional_mean"] == pytest.approx(4 / 3)
    assert result["functional_sd"] == pytest.approx(np.std([4, 2, -2], ddof=1))


def test_undefined_figures_are_missing_not_zero():
    result = figures_for([("like", None), (None, "dislike")]).loc["f"]
    assert result["n"] == 0
    for key in (
        "better",
        "worse",
        "total_strength",
        "category_strength",
        "functional_mean",
        "functional_sd",
        "importance_mean",
    ):
        assert math.isnan(result[key]), key
    one = figures_for([("like", "dislike")]).loc["f"]
    assert math.isnan(one["functional_sd"])  # below 2 answers


def test_importance_mean_ignores_blanks():
    result = figures_for([("like", "dislike")] * 3, importance=[9, None, 6]).loc["f"]
    assert result["importance_mean"] == pytest.approx(7.5)
    assert result["importance_n"] == 2


def _figures_with_counts(rows: dict[str, dict[str, int]]) -> pd.DataFrame:
    frames = [
        figures_for(pairs_from_counts(c)).rename(index={"f": name}) for name, c in rows.items()
    ]
    return pd.concat(frames)


def test_mode_ties_go_m_then_o_then_a_then_i_then_r():
    figures = _figures_with_counts(
        {
            "mo": {"M": 5, "O": 5},
            "oa": {"O": 4, "A": 4},
            "ai": {"A": 3, "I": 3},
            "ir": {"I": 2, "R": 2},
            "ar": {"A": 2, "R": 2, "Q": 9},
            "only-q": {"Q": 3},
        }
    )
    assert ModeClassifier().classify(figures, Settings()).to_dict() == {
        "mo": "M",
        "oa": "O",
        "ai": "A",
        "ir": "I",
        "ar": "A",
        "only-q": "Q",
    }


def test_mode_strength_gives_a_weak_lead_to_the_more_important_category():
    figures = _figures_with_counts(
        {
            "weak": {"I": 38, "A": 35, "M": 27},  # strength 0.03 <= 0.06: top two I, A -> A
            "strong": {"A": 40, "M": 20, "I": 40},  # A ties I: tie order gives A anyway
            "clear": {"I": 60, "A": 30, "M": 10},  # strength 0.30: the mode
            "edge": {"O": 53, "M": 47},  # strength exactly 0.06 -> M
        }
    )
    result = ModeStrengthClassifier().classify(figures, Settings()).to_dict()
    assert result["weak"] == "A"
    assert ModeClassifier().classify(figures, Settings())["weak"] == "I"
    assert result["strong"] == "A"
    assert result["clear"] == "I"
    assert result["edge"] == "M"
    loose = ModeStrengthClassifier().classify(figures, Settings(strength_threshold=0.01))
    assert loose["weak"] == "I"


def test_continuous_quadrants_split_at_two_and_are_configurable():
    figures = pd.DataFrame(
        {
            "functional_mean": [3.0, 2.0, 1.0, 0.5, np.nan],
            "dysfunctional_mean": [1.0, 2.0, 3.0, 0.5, 1.0],
        },
        index=["a", "o", "m", "i", "none"],
    )
    result = ContinuousClassifier().classify(figures, Settings()).to_dict()
    assert result == {"a": "A", "o": "O", "m": "M", "i": "I", "none": None}
    shifted = ContinuousClassifier().classify(figures, Settings(continuous_split=0.5))
    assert shifted["i"] == "O"


def test_better_worse_quadrants_split_at_half():
    figures = pd.DataFrame(
        {"better": [0.5, 0.7, 0.2, 0.1, np.nan], "worse": [-0.5, -0.2, -0.8, -0.3, np.nan]},
        index=["o", "a", "m", "i", "none"],
    )
    result = BetterWorseClassifier().classify(figures, Settings()).to_dict()
    assert result == {"o": "O", "a": "A", "m": "M", "i": "I", "none": None}


answer = st.sampled_from([None, *TOKENS])
survey = st.lists(st.tuples(answer, answer), min_size=0, max_size=60)


@given(survey)
@settings(max_examples=150)
def test_engine_matches_the_plain_definitions(pairs):
    expected = oracle.figures(pairs)
    got = figures_for(pairs).loc["f"]
    assert got["n"] == expected["n"]
    assert {k: int(got[k]) for k in "AOMIRQ"} == expected["counts"]
    for key in (
        "better",
        "worse",
        "total_strength",
        "category_strength",
        "functional_mean",
        "dysfunctional_mean",
        "functional_sd",
        "dysfunctional_sd",
    ):
        if expected[key] is None:
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(expected[key], abs=1e-9), key
    assert bool(got["significant"]) == expected["significant"]
    category = ModeClassifier().classify(figures_for(pairs), Settings()).iloc[0]
    assert category == oracle.mode(expected["counts"])


@given(survey)
@settings(max_examples=150)
def test_counts_sum_to_n_and_coefficients_stay_in_range(pairs):
    got = figures_for(pairs).loc["f"]
    assert sum(int(got[k]) for k in "AOMIRQ") == got["n"]
    if not math.isnan(got["better"]):
        assert 0 <= got["better"] <= 1
        assert -1 <= got["worse"] <= 0
    if got["n"]:
        assert 0 <= got["total_strength"] <= 1
        assert 0 <= got["category_strength"] <= 1


@given(survey, st.randoms(use_true_random=False))
@settings(max_examples=100)
def test_shuffling_respondents_changes_nothing(pairs, random):
    shuffled = list(pairs)
    random.shuffle(shuffled)
    pd.testing.assert_frame_equal(figures_for(pairs), figures_for(shuffled))


def test_groups_are_counted_separately():
    functional = np.array([[1], [2], [1], [0]], dtype=np.int8)
    dysfunctional = np.array([[5], [5], [3], [5]], dtype=np.int8)
    groups = np.array([0, 1, 0, -1])
    joint = joint_histograms(functional, dysfunctional, groups, 2)
    assert joint[0, 0, 1, 5] == 1 and joint[0, 0, 1, 3] == 1
    assert joint[1, 0, 2, 5] == 1
    assert joint.sum() == 3  # the blank-group respondent is left out


@settings(max_examples=80, deadline=None)
@given(
    data=st.data(),
    n=st.integers(0, 40),
    n_features=st.integers(1, 4),
    n_groups=st.integers(1, 4),
    order=st.sampled_from("CF"),
)
def test_grouped_histograms_are_the_histograms_of_each_group(data, n, n_features, n_groups, order):
    """Counting by group (blank group -1 left out) equals counting each group's respondents
    alone; and neither depends on how the answer matrices are laid out in memory."""
    codes = st.lists(st.integers(0, 5), min_size=n * n_features, max_size=n * n_features)
    functional = np.array(data.draw(codes), dtype=np.int8).reshape(n, n_features, order=order)
    dysfunctional = np.array(data.draw(codes), dtype=np.int8).reshape(n, n_features, order=order)
    groups = np.array(
        data.draw(st.lists(st.integers(-1, n_groups - 1), min_size=n, max_size=n)), dtype=np.int64
    )
    joint = joint_histograms(functional, dysfunctional, groups, n_groups)
    for g in range(n_groups):
        alone = joint_histograms(functional[groups == g], dysfunctional[groups == g])
        assert (joint[g] == alone[0]).all()
    assert joint.sum() == int((groups >= 0).sum()) * n_features
