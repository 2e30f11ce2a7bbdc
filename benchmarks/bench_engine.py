"""Engine benchmark: `kano import` and `kano analyze --format json` on a large survey.

    python benchmarks/bench_engine.py [--respondents 1000000] [--features 20]

Writes a canonical wide CSV (numeric answer codes, an importance column per feature,
respondent, wave, segment, nps, csat) to benchmarks/.data/, then times as whole
processes, in the same run: the baseline (benchmarks/baseline.py: pandas.read_csv + numpy
table look-up), `kano import` and `kano analyze --format json`. Peak memory is each
process's maximum resident set size. Prints the figures and the ratios to the targets:
analyze <= 1.0x baseline, import <= 2.0x baseline, peak memory <= 4x the answers'
in-memory size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
PYTHON = sys.executable

MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "elapsed = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
    "print(done.returncode, elapsed, peak)\n"
)


def measure(command: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (bytes) of one process, measured by a wrapper process whose
    only child it is."""
    out = subprocess.run([PYTHON, "-c", MEASURE, *command], capture_output=True, text=True,
                         check=True).stdout.split()
    code, elapsed, peak = int(out[0]), float(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return elapsed, peak


def write_survey(path: Path, respondents: int, features: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    columns: dict[str, object] = {
        "respondent": np.char.add("R", np.arange(respondents).astype(str)),
        "wave": rng.choice(["2026-03", "2026-09"], respondents),
        "segment": rng.choice(["power user", "everyday", "senior"], respondents),
        "nps": rng.integers(0, 11, respondents),
        "csat": rng.integers(1, 6, respondents),
    }
    for j in range(features):
        columns[f"feature_{j:02d}.functional"] = rng.integers(1, 6, respondents)
        columns[f"feature_{j:02d}.dysfunctional"] = rng.integers(1, 6, respondents)
        columns[f"feature_{j:02d}.importance"] = rng.integers(1, 10, respondents)
    pd.DataFrame(columns).to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    args = parser.parse_args()

    DATA.mkdir(exist_ok=True)
    survey = DATA / f"survey-{args.respondents}x{args.features}.csv"
    if not survey.exists():
        print(f"writing {survey.name} ...", flush=True)
        write_survey(survey, args.respondents, args.features)
    kano = [PYTHON, "-m", "kano_tui.cli.main"]
    answers = pd.read_csv(survey, usecols=lambda c: "." in c)
    answers_bytes = int(answers.memory_usage(index=False, deep=True).sum())
    answers_int8 = answers.size  # the same answers held as one byte each, as kano stores them
    del answers

    results: dict[str, list[tuple[float, int]]] = {"baseline": [], "import": [], "analyze": [],
                                                   "pouliot": []}
    project = DATA / "bench-project"
    for _ in range(args.repeat):
        results["baseline"].append(measure([PYTHON, str(HERE / "baseline.py"), str(survey)]))
        shutil.rmtree(project, ignore_errors=True)
        subprocess.run([*kano, "new", str(project)], check=True, stdout=subprocess.DEVNULL)
        results["import"].append(measure([*kano, "import", str(project), str(survey)]))
        results["analyze"].append(measure([*kano, "analyze", str(project), "--format", "json"]))
        # The modified evaluation table: the same histograms, another look-up.
        results["pouliot"].append(measure([*kano, "analyze", str(project), "--table", "pouliot",
                                           "--format", "json"]))
    check = json.loads(subprocess.run([*kano, "analyze", str(project), "--format", "json"],
                                      capture_output=True, text=True, check=True).stdout)
    assert len(check["features"]) == args.features

    best = {name: min(runs) for name, runs in results.items()}
    peak = {name: max(p for _, p in runs) for name, runs in results.items()}
    size = sum(f.stat().st_size for f in survey.parent.glob(survey.name))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, pandas {pd.__version__}")
    print(f"survey: {args.respondents:,} respondents x {args.features} features "
          f"({size / 1e6:.0f} MB CSV); answers in memory: {answers_bytes / 1e6:.0f} MB as "
          f"pandas reads them, {answers_int8 / 1e6:.0f} MB as int8; best of {args.repeat}")
    print(f"{'':10} {'seconds':>8} {'peak MB':>8} {'x baseline':>11}")
    for name in ("baseline", "import", "analyze", "pouliot"):
        seconds = best[name][0]
        print(f"{name:10} {seconds:8.2f} {peak[name] / 1e6:8.0f} "
              f"{seconds / best['baseline'][0]:11.2f}")
    print("targets:")
    print(f"  analyze <= 1.0x baseline: {best['analyze'][0] / best['baseline'][0]:.2f}x")
    print(f"  import  <= 2.0x baseline: {best['import'][0] / best['baseline'][0]:.2f}x")
    print(f"  analyze --table pouliot = analyze: "
          f"{best['pouliot'][0] / best['analyze'][0]:.2f}x the standard table's time")
    worst = max(peak["import"], peak["analyze"])
    print(f"  peak memory <= 4x answers: {worst / answers_bytes:.2f}x the answers as pandas "
          f"holds them ({worst / answers_int8:.2f}x as int8)")


if __name__ == "__main__":
    main()
