"""The chi-square survival function of every analysis's goodness of fit is scipy's
(kano computes it in closed form so that `kano analyze` never imports scipy)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import chdtrc

from kano_tui.engine.analysis.chisquare import chi2_survival, goodness_of_fit

statistics = st.lists(
    st.floats(min_value=0, max_value=2000, allow_nan=False), min_size=1, max_size=20
)


@given(dof=st.integers(min_value=1, max_value=12), values=statistics)
def test_the_closed_form_equals_scipys_chi_square_survival(dof, values):
    x = np.array(values)
    ours, theirs = chi2_survival(dof, x), chdtrc(dof, x)
    assert np.allclose(ours, theirs, rtol=1e-9, atol=1e-300)
    assert ((ours >= 0) & (ours <= 1)).all()


def test_a_blank_statistic_stays_blank_and_zero_is_certain():
    p = chi2_survival(3, np.array([np.nan, 0.0]))
    assert np.isnan(p[0]) and p[1] == 1.0


@given(st.lists(st.lists(st.integers(0, 500), min_size=4, max_size=4), min_size=1, max_size=10))
def test_the_goodness_of_fit_p_value_is_scipys(rows):
    counts = np.array(rows, dtype=float)
    statistic, p_value = goodness_of_fit(counts)
    answered = counts.sum(axis=1) > 0
    assert np.isnan(p_value[~answered]).all()
    assert np.allclose(p_value[answered], chdtrc(3, statistic[answered]), rtol=1e-9, atol=1e-300)
