"""A survey tool's questionnaire file goes to standard output when no -o is given (it
was an internal error, exit 70: kano_tui/cli/commands.py used tempfile unimported)."""

from __future__ import annotations

import json


def test_a_qualtrics_file_is_printed_to_standard_output(kano, sample_copy):
    project = sample_copy("smartphone")
    result = kano("questionnaire", project, "--format", "qsf")
    assert result.returncode == 0, result.stderr
    survey = json.loads(result.stdout)
    assert "SurveyEntry" in survey and "SurveyElements" in survey
    assert "kano.toml maps" in result.stderr
