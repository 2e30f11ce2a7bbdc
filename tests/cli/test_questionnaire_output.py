"""A survey tool's questionnaire printed to standard output, as `kano questionnaire --help`
shows (`kano questionnaire phone --format googleforms > form.gs`). It crashed with an
internal error until ruff's F821 (undefined name) pointed at the missing import."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import SAMPLES

STARTS = {
    "qsf": "{",
    "surveyjs": "{",
    "googleforms": "",
    "limesurvey": "",
}


@pytest.fixture
def project(tmp_path):
    directory = tmp_path / "smartphone"
    shutil.copytree(SAMPLES / "smartphone", directory)
    return directory


@pytest.mark.parametrize("fmt", sorted(STARTS))
def test_a_survey_tools_file_prints_to_standard_output(project, kano, fmt):
    result = kano("questionnaire", project, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    assert result.stdout.strip().startswith(STARTS[fmt])
    assert "Battery" in result.stdout or "battery" in result.stdout
    assert not list(project.glob("questionnaire.*"))  # the scratch file stays out of it


def test_the_printed_qsf_is_the_one_written_to_a_file(project, kano, tmp_path):
    printed = json.loads(kano("questionnaire", project, "--format", "qsf").stdout)
    written = tmp_path / "phone.qsf"
    assert kano("questionnaire", project, "--format", "qsf", "-o", written).returncode == 0
    on_disk = json.loads(written.read_text(encoding="utf-8"))
    assert set(printed) >= {"SurveyEntry", "SurveyElements"}
    assert printed["SurveyElements"] == on_disk["SurveyElements"]
