"""Print the reliability figures the last test run recorded (for docs/reliability.md).

Run the suite first (``python -m pytest tests/reliability -n 2``), then
``python -m tests.reliability.figures``. The kill and fuzz tests store their counts in
pytest's cache (``.pytest_cache/v/reliability``); the corpus sizes come from the corpus.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.reliability.corpus import project_cases, survey_cases

CACHE = Path(__file__).resolve().parents[2] / ".pytest_cache" / "v" / "reliability"


def _recorded(group: str) -> dict[str, dict[str, int]]:
    folder = CACHE / group
    if not folder.is_dir():
        return {}
    return {path.name: json.loads(path.read_text()) for path in sorted(folder.iterdir())}


def main() -> int:
    cases = survey_cases()
    bad = sum(not case.valid for case in cases)
    project = len(
        project_cases(
            'schema_version = 1\n[[features]]\nid = "c"\nname = "Camera"\n'
            "strength_threshold = 0.06\n"
        )
    )
    print(
        f"Bad-input corpus: {bad} bad survey files, {len(cases) - bad} awkward valid ones, "
        f"{project} damaged kano.toml files."
    )
    fuzz = _recorded("fuzz")
    total = sum(sum(counts.values()) for counts in fuzz.values())
    print(f"Fuzzing: {total} generated inputs")
    for label, counts in fuzz.items():
        print(
            f"  {label}: {sum(counts.values())} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})"
        )
    for label, counts in _recorded("kills").items():
        print(f"Kills ({label}): " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    sweep = _recorded("sweep")
    if sweep:
        runs = sum(counts["runs"] for counts in sweep.values())
        print(
            f"Option sweep: {runs} runs of hostile values through the options and "
            f"arguments of {len(sweep)} commands"
        )
    if not fuzz:
        print("(no fuzz figures recorded yet: run the tests first)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
