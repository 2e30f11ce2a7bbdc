"""Respondents left out of an analysis (a wave, a segment filter, quality exclusions) are
counted in no group, rather than filtered out of a copy of the table: the figures are
those of the analysis of the kept respondents alone, grouped or not, weighted or not."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.classifiers.builtin import ModeClassifier
from kano_tui.engine.analysis.run import analysis_to_json, run_analysis
from kano_tui.testing import make_project


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("kept") / "project", respondents=80)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    keep=st.lists(st.booleans(), min_size=80, max_size=80),
    by=st.sampled_from([None, "plan", "wave"]),
    weighted=st.booleans(),
    seed=st.integers(0, 1000),
)
def test_leaving_respondents_out_gives_the_figures_of_the_others_alone(
    workspace, keep, by, weighted, seed
):
    responses = workspace.responses()
    mask = np.array(keep, dtype=bool)
    weights = np.random.default_rng(seed).uniform(0.2, 3.0, len(responses)) if weighted else None
    kept = run_analysis(
        workspace.project, responses, ModeClassifier(), by=by, keep=mask, weights=weights
    )
    alone = run_analysis(
        workspace.project,
        responses.subset(mask),
        ModeClassifier(),
        by=by,
        weights=None if weights is None else weights[mask],
    )
    assert analysis_to_json(kept) == analysis_to_json(alone)
