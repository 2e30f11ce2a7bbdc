"""Long work shows a progress bar in a terminal and nothing in a pipe."""

from __future__ import annotations

import os
import sys

import pexpect
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def in_a_terminal(*args: object) -> str:
    """Run `kano ARGS` with a pseudo-terminal as its stdin, stdout and stderr."""
    env = {**os.environ, "COLUMNS": "100", "LINES": "30", "TERM": "xterm-256color"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kano_tui.cli.main", *map(str, args)],
        env=env,
        cwd=str(REPO),
        encoding="utf-8",
        timeout=180,
        dimensions=(30, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return child.before


def test_an_html_report_and_an_import_show_progress_in_a_terminal(sample_copy, tmp_path):
    project = sample_copy("smartphone")
    shown = in_a_terminal("export", project, "--exporter", "html", "-o", tmp_path / "r.html")
    assert "Exporting html" in shown and "Wrote" in shown
    wave = tmp_path / "wave.csv"
    wave.write_text("respondent,calls.functional,calls.dysfunctional\nnew-1,like,dislike\n")
    shown = in_a_terminal("import", project, wave)
    assert "Importing wave.csv" in shown and "Imported 1 respondent" in shown


def test_nothing_but_the_result_in_a_pipe(sample_copy, tmp_path, kano):
    project = sample_copy("smartphone")
    result = kano("export", project, "--exporter", "html", "-o", tmp_path / "r.html")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Wrote ")
    wave = tmp_path / "wave.csv"
    wave.write_text("respondent,calls.functional,calls.dysfunctional\nnew-1,like,dislike\n")
    imported = kano("import", project, wave)
    assert imported.stderr == "" and "Importing" not in imported.stdout
