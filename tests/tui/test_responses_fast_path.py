"""The Responses screen shows the first respondents without waiting for pandas.

Importing pandas takes about half a second, and at start-up it runs beside the first
analysis; the respondents table reads the stored Arrow columns directly, so a user who
opens the Responses screen at once does not wait for it (benchmarks/bench_tui.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import SAMPLES

PROBE = """
import sys
from rich.text import Text
from kano_tui.engine.analysis.respondents import select_respondents
from kano_tui.session.workspace import Workspace
from kano_tui.tui.respondent_columns import respondent_columns

workspace = Workspace.open(sys.argv[1])
responses = workspace.responses()
columns = respondent_columns(workspace.project, responses, [Text(str(i)) for i in range(36)])
rows = select_respondents(responses)
page = [column.cells(rows[:20]) for column in columns]
print(len(responses), len(columns), responses.waves(), page[0][0], page[1][-1])
print("pandas" if "pandas" in sys.modules else "no pandas")
"""


def test_the_first_page_of_respondents_needs_no_pandas():
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(SAMPLES / "smartphone")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    counts, verdict = result.stdout.strip().splitlines()
    assert counts.startswith("837 18 ['2026-03-15', '2026-09-15'] SP-10001"), counts
    assert verdict == "no pandas"
