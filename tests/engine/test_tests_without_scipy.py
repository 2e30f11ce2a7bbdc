"""The homogeneity and Fisher tests kano computes on NumPy alone (engine/analysis/chisquare.py:
scipy.stats takes seconds to import) answer what scipy.stats answers, on tables of every
size: whole and fractional (weighted) counts, 2 to 5 groups, ties, empty cells, margins of
zero, and counts of millions."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kano_tui.engine.analysis.chisquare import fisher_exact_2x2, homogeneity
from tests.conftest import SAMPLES, run_python

LETTERS = tuple("AOMIRQ")

small = st.integers(0, 60)
large = st.integers(0, 2_000_000)


@settings(max_examples=400, deadline=None)
@given(st.tuples(small, small, small, small))
@example((3, 3, 3, 3))  # every table as likely as its mirror: ties
@example((0, 5, 5, 0))
@example((7, 3, 3, 7))
@example((0, 0, 0, 0))
@example((10, 0, 0, 0))  # margins of zero: one table only
@example((1, 0, 0, 1))
def test_fisher_is_scipys_on_small_tables(cells):
    table = np.array(cells).reshape(2, 2)
    expected = 1.0 if table.sum() == 0 else scipy.stats.fisher_exact(table).pvalue
    assert fisher_exact_2x2(table) == pytest.approx(expected, rel=1e-9, abs=1e-300)


@settings(max_examples=40, deadline=None)
@given(st.tuples(large, large, large, large).filter(lambda c: sum(c) > 0))
@example((500_000, 499_000, 501_000, 500_500))
@example((1_000_000, 1_000_000, 1_000_000, 1_000_000))
def test_fisher_is_scipys_on_millions(cells):
    table = np.array(cells).reshape(2, 2)
    expected = scipy.stats.fisher_exact(table).pvalue
    assert fisher_exact_2x2(table) == pytest.approx(expected, rel=1e-6, abs=1e-300)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda groups: st.lists(
            # Weighted cells are sums of weights normalised to a mean of 1: never
            # subnormal, whose products underflow to an expected count of 0 (which
            # scipy refuses to test at all).
            st.lists(st.one_of(small, st.just(0.0), st.floats(1e-3, 500)), min_size=6, max_size=6),
            min_size=groups,
            max_size=groups,
        )
    )
)
@example([[5, 0, 0, 0, 0, 0], [9, 0, 0, 0, 0, 0]])
@example([[12.5, 3.25, 0, 0, 0, 0], [4.75, 9.0, 0, 0, 0, 0]])
def test_homogeneity_is_scipys_pearson_test(rows):
    table = np.array(rows, dtype=np.float64)
    ours = homogeneity(table, LETTERS)
    kept = table[table.sum(axis=1) > 0]
    kept = kept[:, kept.sum(axis=0) > 0]
    if kept.shape[0] < 2 or kept.shape[1] < 2:
        assert ours.dof == 0 and not ours.significant
        return
    statistic, p_value, dof, expected = scipy.stats.chi2_contingency(kept, correction=False)
    assert ours.statistic == pytest.approx(statistic, rel=1e-9, abs=1e-9)
    assert ours.p_value == pytest.approx(p_value, rel=1e-8, abs=1e-300)
    assert ours.dof == dof
    assert ours.significant == (p_value < 0.05)
    assert ours.low_expected == bool((expected < 5).any())
    if kept.shape == (2, 2):
        whole = np.rint(kept).astype(np.int64)
        assert ours.fisher_p_value == pytest.approx(
            scipy.stats.fisher_exact(whole).pvalue, rel=1e-9, abs=1e-300
        )
    else:
        assert ours.fisher_p_value is None


def test_a_comparison_imports_no_scipy_and_no_pandas(tmp_path):
    """`kano compare` on the support-desk sample (three waves: pairwise and omnibus tests)
    runs without scipy and pandas, whose imports cost more than the comparison."""
    probe = (
        "import json, sys\n"
        "from kano_tui.cli.main import main\n"
        "code = main(['compare', sys.argv[1], '--format', 'json'])\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
        "sys.exit(code)\n"
    )
    result = run_python(probe, SAMPLES / "support-desk", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.strip().splitlines()[-1]
    assert '"scipy"' not in loaded and '"pandas"' not in loaded
