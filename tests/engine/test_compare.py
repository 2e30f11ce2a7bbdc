"""kano compare, the intervals and the chi-square tests, against scipy and the oracle."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.classifiers.builtin import ModeClassifier
from kano_tui.engine.analysis.chisquare import goodness_of_fit, holm, homogeneity
from kano_tui.engine.analysis.compare import compare, comparison_to_json
from kano_tui.engine.analysis.intervals import newcombe, wilson
from kano_tui.engine.analysis.run import run_analysis
from kano_tui.engine.importing.answers import CODE, TOKENS
from kano_tui.engine.project.model import Feature, Project
from kano_tui.engine.project.storage import Responses
from tests.engine import oracle

answer = st.sampled_from([None, *TOKENS])
pair = st.tuples(answer, answer)


def responses_of(
    groups: dict[str, list[tuple[str | None, str | None]]],
    weights: dict[str, list[float]] | None = None,
) -> Responses:
    """One feature ``f`` answered by the respondents of each wave."""
    rows = []
    for wave, pairs in groups.items():
        for i, (f, d) in enumerate(pairs):
            row = {
                "respondent": f"{wave}-{i}",
                "wave": wave,
                "f.functional": CODE[f] if f else 0,
                "f.dysfunctional": CODE[d] if d else 0,
            }
            if weights is not None:
                row["w"] = str(weights[wave][i])
            rows.append(row)
    frame = pd.DataFrame(
        rows,
        columns=[
            "respondent",
            "wave",
            "f.functional",
            "f.dysfunctional",
            *(["w"] if weights is not None else []),
        ],
    )
    frame["f.functional"] = frame["f.functional"].astype(np.int8)
    frame["f.dysfunctional"] = frame["f.dysfunctional"].astype(np.int8)
    return Responses(frame)


def project() -> Project:
    return Project(name="p", features=[Feature(id="f", name="F")])


def compared(groups, **kwargs):
    analysis = run_analysis(project(), responses_of(groups), ModeClassifier(), by="wave")
    return compare(analysis, **kwargs)


# --------------------------------------------------------------------------- scipy


@settings(max_examples=120, deadline=None)
@given(st.lists(pair, min_size=1, max_size=50), st.lists(pair, min_size=1, max_size=50))
def test_homogeneity_is_scipys_pearson_test_on_the_non_empty_categories(first, second):
    change = compared({"w1": first, "w2": second}).changes[0]
    counts = [oracle.figures(first)["counts"], oracle.figures(second)["counts"]]
    table = np.array([[c[k] for k in "AOMIRQ"] for c in counts], dtype=float)
    table = table[table.sum(axis=1) > 0]
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        assert change.test.dof == 0 and not change.test.significant
        return
    statistic, p_value, dof, expected = scipy.stats.chi2_contingency(table, correction=False)
    assert change.test.statistic == pytest.approx(statistic, rel=1e-9, abs=1e-12)
    assert change.test.p_value == pytest.approx(p_value, rel=1e-9, abs=1e-12)
    assert change.test.dof == dof
    assert change.test.significant == (p_value < 0.05)
    assert change.test.low_expected == bool((expected < 5).any())
    if table.shape == (2, 2):
        assert change.test.fisher_p_value == pytest.approx(
            scipy.stats.fisher_exact(table.astype(int)).pvalue
        )
    else:
        assert change.test.fisher_p_value is None


@settings(max_examples=120, deadline=None)
@given(st.lists(st.integers(0, 200), min_size=4, max_size=4).filter(lambda c: sum(c) > 0))
def test_goodness_of_fit_is_scipys_chisquare_against_equal_shares(counts):
    statistic, p_value = goodness_of_fit(np.array([counts]))
    expected = scipy.stats.chisquare(counts)
    assert statistic[0] == pytest.approx(expected.statistic)
    assert p_value[0] == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-300)


def test_goodness_of_fit_reproduces_stp25kanos_readme():
    # stp25kano's README: M O A I of "Service app" and "Hotline" and their Chi-squared Test.
    statistic, _ = goodness_of_fit(np.array([[95, 123, 45, 33], [15, 24, 121, 124]]))
    assert statistic == pytest.approx([72.49, 150.06], abs=0.005)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_is_scipys_wilson_interval(kn):
    k, n = kn
    low, high = wilson(np.array([k / n]), np.array([n]))
    ci = scipy.stats.binomtest(k, n).proportion_ci(method="wilson")
    assert low[0] == pytest.approx(ci.low, abs=1e-9)
    assert high[0] == pytest.approx(ci.high, abs=1e-9)


def test_newcombe_reproduces_the_worked_example_of_his_paper():
    # Newcombe (1998), Table II example (56/70 vs 48/80): method 10 gives 0.0524 to 0.3339.
    low, high = newcombe(np.array(48 / 80), np.array(80), np.array(56 / 70), np.array(70))
    assert float(low) == pytest.approx(0.0524, abs=5e-5)
    assert float(high) == pytest.approx(0.3339, abs=5e-5)


@settings(max_examples=100, deadline=None)
@given(st.lists(pair, min_size=1, max_size=40), st.lists(pair, min_size=1, max_size=40))
def test_deltas_are_the_oracles_differences_and_lie_inside_their_intervals(first, second):
    change = compared({"w1": first, "w2": second}).changes[0]
    a, b = oracle.figures(first), oracle.figures(second)
    if a["better"] is None or b["better"] is None:
        assert change.better_delta is None and change.better_delta_ci is None
        return
    assert change.better_delta == pytest.approx(b["better"] - a["better"])
    assert change.worse_delta == pytest.approx(b["worse"] - a["worse"])
    low, high = change.better_delta_ci
    assert -1 <= low <= change.better_delta + 1e-12 <= high + 2e-12 <= 1 + 2e-12
    low, high = change.worse_delta_ci
    assert -1 <= low <= change.worse_delta + 1e-12 <= high + 2e-12 <= 1 + 2e-12


def test_holm_adjusts_step_down_and_keeps_order():
    assert holm([0.01, 0.04, 0.03, None]) == pytest.approx([0.03, 0.06, 0.06, None])


def test_a_one_category_table_is_no_evidence_of_change():
    test = homogeneity(np.array([[5, 0, 0, 0, 0, 0], [9, 0, 0, 0, 0, 0]]), tuple("AOMIRQ"))
    assert (test.statistic, test.dof, test.p_value, test.significant) == (0.0, 0, 1.0, False)


# --------------------------------------------------------------------------- the comparison


def test_a_feature_wearing_from_attractive_to_performance_is_a_significant_lifecycle_step():
    early = [("like", "neutral")] * 60 + [("like", "dislike")] * 20
    late = [("like", "neutral")] * 15 + [("like", "dislike")] * 65
    change = compared({"2026-01": early, "2026-07": late}).changes[0]
    assert (change.before["category"], change.after["category"]) == ("A", "O")
    assert change.category_changed and change.test.significant
    assert change.lifecycle == "A -> O"
    assert change.test.dof == 1 and change.test.fisher_p_value is not None
    # a tiny sample with the same shape is not significant: no lifecycle call
    small = compared({"a": early[::20] + early[-1:], "b": late[::20] + late[-1:]}).changes[0]
    assert small.lifecycle is None and small.before["small_sample"]


def test_three_waves_give_the_omnibus_test_and_consecutive_pairs():
    waves = {
        "w1": [("like", "neutral")] * 40,
        "w2": [("like", "dislike")] * 40,
        "w3": [("expect", "dislike")] * 40,
    }
    comparison = compared(waves)
    document = comparison_to_json(comparison)
    assert (document["from"], document["to"]) == ("w1", "w3")
    assert document["features"][0]["omnibus"]["dof"] == 4
    assert [(p["from"], p["to"]) for p in document["pairwise"]] == [("w1", "w2"), ("w2", "w3")]
    step = document["pairwise"][0]["features"][0]
    assert step["lifecycle"] == "A -> O" and step["p_value_holm"] >= step["p_value"]
    chosen = compare(comparison.analysis, from_value="w2", to_value="w1")
    assert (chosen.before, chosen.after) == ("w2", "w1")


def test_unknown_or_equal_groups_are_one_sentence_errors():
    from kano_tui.errors import KanoError

    one = run_analysis(
        project(), responses_of({"a": [("like", "like")], "b": []}), ModeClassifier(), by="wave"
    )
    with pytest.raises(KanoError, match=r"two or more values of 'wave'; .* have 1: a\."):
        compare(one)
    two = run_analysis(
        project(),
        responses_of({"a": [("like", "like")], "b": [("like", "like")]}),
        ModeClassifier(),
        by="wave",
    )
    with pytest.raises(KanoError, match="both 'a'"):
        compare(two, from_value="a", to_value="a")
    with pytest.raises(KanoError, match=r"--to 'zz' is not a value of 'wave'; values: a, b\."):
        compare(two, to_value="zz")


def test_every_contract_key_is_in_the_json():
    document = comparison_to_json(
        compared({"a": [("like", "dislike")] * 5, "b": [("expect", "dislike")] * 5})
    )
    assert {"by", "from", "to", "evaluation_table", "features"} <= set(document)
    feature = document["features"][0]
    assert {
        "id",
        "name",
        "from",
        "to",
        "category_changed",
        "better_delta",
        "better_delta_ci",
        "worse_delta",
        "worse_delta_ci",
        "statistic",
        "dof",
        "p_value",
        "significant",
        "low_expected",
    } <= set(feature)
    assert feature["from"]["counts"]["O"] == 5 and feature["to"]["counts"]["M"] == 5
    assert math.isclose(feature["better_delta"], -1.0)
