"""Start-up benchmark: small `kano` commands as whole processes, against the import floor.

    python benchmarks/bench_startup.py [--runs 5]

Each command runs as its own process (the installed `kano` script, as a script or a loop
over projects calls it) on a copy of sample_projects/smartphone, interleaved with the
floors in the same rounds so that both see the same machine:

- floor: `python -c "import numpy, pyarrow"`, the least any kano command that reads
  responses costs (issue 18's target: each command within 2.5x of it);
- pandas floor: `python -c "import numpy, pyarrow, pandas"`, the least an analysis costs
  while the classifier protocol hands classifiers a DataFrame (docs/startup.md).

Prints medians of wall time and of CPU time (user + system of the child: on a shared
machine wall time mostly measures the queue, CPU time barely moves), and each command's
ratio to both floors. The machine's load average is printed too. The commands run with
bytecode caching on, as an installed kano does.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_projects" / "smartphone"
TARGET_RATIO = 2.5
FLOOR = "floor: import numpy, pyarrow"
PANDAS_FLOOR = "pandas floor: + pandas"


def kano_command() -> list[str]:
    script = Path(sys.executable).parent / "kano"  # the console script users run
    return [str(script)] if script.exists() else [sys.executable, "-m", "kano_tui.cli.main"]


def commands(scratch: Path) -> dict[str, object]:
    """Name -> argv, or a function of the run number giving argv."""
    kano = kano_command()
    project = str(scratch / "smartphone")
    python = [sys.executable, "-c"]
    return {
        FLOOR: [*python, "import numpy, pyarrow"],
        PANDAS_FLOOR: [*python, "import numpy, pyarrow, pandas"],
        "kano new": lambda run: [*kano, "new", str(scratch / f"new-{run}")],
        "kano features list": [*kano, "features", "list", project],
        "kano analyze --format json": [*kano, "analyze", project, "--format", "json"],
        "kano backlog --format json": [*kano, "backlog", project, "--format", "json"],
        "kano analyze (table)": [*kano, "analyze", project],
        "kano compare --format json": [*kano, "compare", project, "--format", "json"],
        "kano --version": [*kano, "--version"],
    }


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        shutil.copytree(
            SAMPLE, scratch / "smartphone", ignore=shutil.ignore_patterns("*.kano-lock", "exports")
        )
        env = {**os.environ, "COLUMNS": "80", "KANO_CONFIG_DIR": str(scratch / "config")}
        # As installed: bytecode is cached (pip compiles it; a sandbox's
        # PYTHONDONTWRITEBYTECODE would make kano, and only kano, compile on every run).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        table = commands(scratch)
        walls: dict[str, list[float]] = {name: [] for name in table}
        cpus: dict[str, list[float]] = {name: [] for name in table}
        for argv in table.values():  # once unmeasured: the disk cache is warm
            timed(argv(-1) if callable(argv) else argv, env)  # type: ignore[operator]
        for run in range(args.runs):
            for name, argv in table.items():
                wall, cpu = timed(argv(run) if callable(argv) else argv, env)  # type: ignore[operator]
                walls[name].append(wall)
                cpus[name].append(cpu)
    wall = {name: statistics.median(values) for name, values in walls.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    print(
        f"\nmedians of {args.runs} runs; ratios to the floor (target {TARGET_RATIO}x) "
        "and to the pandas floor"
    )
    print(
        f"{'command':<30} {'wall':>8} {'cpu':>8} {'floor x':>8} {'cpu x':>6} {'pandas cpu x':>13}"
    )
    for name in table:
        print(
            f"{name:<30} {wall[name] * 1000:>5.0f} ms {cpu[name] * 1000:>5.0f} ms "
            f"{wall[name] / wall[FLOOR]:>7.2f}x {cpu[name] / cpu[FLOOR]:>5.2f}x "
            f"{cpu[name] / cpu[PANDAS_FLOOR]:>12.2f}x"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
