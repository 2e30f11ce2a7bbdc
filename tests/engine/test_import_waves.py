"""The import preview names the waves in the file with their respondents."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import write_wide_csv

WAVES = st.lists(st.sampled_from(["2026-03", "2026-09", "2027-Q1", ""]), min_size=1, max_size=30)
NAMES = itertools.count()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(waves=WAVES)
def test_wave_counts_are_the_respondents_of_each_wave_in_the_file(
    new_project, tmp_path_factory, waves
):
    workspace = new_project(f"p{next(NAMES)}")
    rows = [
        {
            "respondent": f"r{i}",
            "wave": wave,
            "calls.functional": "like",
            "calls.dysfunctional": "dislike",
        }
        for i, wave in enumerate(waves)
    ]
    survey = write_wide_csv(tmp_path_factory.mktemp("survey") / "wave.csv", rows)
    prepared = workspace.prepare_import(survey)
    counts = prepared.wave_counts()
    expected = {wave: waves.count(wave) for wave in sorted(set(waves))}
    assert counts == expected
    assert sum(counts.values()) == prepared.rows


def test_a_file_without_a_wave_column_counts_under_the_wave_given(new_project, tmp_path):
    workspace = new_project()
    rows = [{"respondent": "r1", "calls.functional": "like", "calls.dysfunctional": "dislike"}]
    survey = write_wide_csv(tmp_path / "plain.csv", rows)
    from kano_tui.engine.importing.survey import ImportOptions

    assert workspace.prepare_import(
        survey, options=ImportOptions(wave="2026-Q3")
    ).wave_counts() == {"2026-Q3": 1}
