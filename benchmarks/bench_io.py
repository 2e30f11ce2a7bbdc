"""What survey-tool imports and reports cost, against the canonical CSV and the JSON export.

    .venv/bin/python benchmarks/bench_io.py [--respondents 20000] [--repeat 3]

Prints medians (of --repeat runs) and ratios against a baseline:

- reading and checking (``prepare_import``) the same answers written by each survey tool's
  layout (tests/importers/exports.py), against the canonical wide CSV (the baseline);
  the tool layouts add header parsing and the column mapping from question text;
- exporting the smartphone sample (two waves, ~840 respondents) as HTML and Markdown
  (charts drawn with matplotlib, warm), against the ``json`` export (the baseline);
- ``kano export -e html`` as a separate process, cold (imports included).

Not a test: the figures depend on the machine; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kano_tui.session.export import run_export  # noqa: E402
from kano_tui.session.workspace import Workspace  # noqa: E402
from tests.importers.exports import WRITERS, random_answers, write_canonical_csv  # noqa: E402

SAMPLE = REPO / "sample_projects" / "smartphone"


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def line(label: str, ms: float, baseline: float) -> None:
    print(f"  {label:<34} {ms:9.1f} ms   x{ms / baseline:5.2f}")


def imports(respondents: int, repeat: int, scratch: Path) -> None:
    answers = random_answers(seed=1, respondents=respondents, features=6)
    print(f"prepare_import, {respondents} respondents x 6 features (3 questions each):")
    project = Workspace.create(scratch / "imports")
    canonical = write_canonical_csv(answers, scratch / "canonical.csv")
    baseline = median_ms(lambda: project.prepare_import(canonical), repeat)
    line("canonical CSV (baseline)", baseline, baseline)
    for tool, (writer, _) in WRITERS.items():
        source = writer(answers, scratch / f"{tool}.{'json' if tool == 'json' else 'csv'}")
        line(
            tool, median_ms(lambda source=source: project.prepare_import(source), repeat), baseline
        )


def exports(repeat: int, scratch: Path) -> None:
    workspace = Workspace.open(SAMPLE)
    print(f"export of {SAMPLE.name} ({len(workspace.responses())} respondents), warm:")
    run_export(workspace, "html", scratch / "warm.html")  # imports matplotlib, fonts
    baseline = median_ms(lambda: run_export(workspace, "json", scratch / "r.json"), repeat)
    line("json (baseline)", baseline, baseline)
    for name, suffix in (("html", ".html"), ("markdown", ".md"), ("responses-json", ".json")):
        line(
            name,
            median_ms(
                lambda name=name, suffix=suffix: run_export(
                    workspace, name, scratch / f"r{suffix}"
                ),
                repeat,
            ),
            baseline,
        )
    cold = median_ms(
        lambda: subprocess.run(
            [
                sys.executable,
                "-m",
                "kano_tui.cli.main",
                "export",
                str(SAMPLE),
                "-e",
                "html",
                "-o",
                str(scratch / "cold.html"),
            ],
            check=True,
            capture_output=True,
        ),
        repeat,
    )
    print(f"  {'kano export -e html (cold process)':<34} {cold:9.1f} ms")
    size = (scratch / "cold.html").stat().st_size
    print(f"  HTML report size: {size / 1024:.0f} KiB, one file")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        imports(args.respondents, args.repeat, Path(scratch))
        exports(args.repeat, Path(scratch))


if __name__ == "__main__":
    main()
