"""Engine benchmark: `kano import` and `kano analyze --format json` on a large survey,
against the fastest readers of the same data, in the same run.

    python benchmarks/bench_engine.py [--respondents 1000000] [--features 20] [--repeat 5]

Writes a canonical wide CSV (numeric answer codes, an importance column per feature,
respondent, wave, segment, nps, csat) to benchmarks/.data/, then times whole processes,
interleaved, ``--repeat`` times each, and prints medians:

- the floors and peers of ``kano import`` (benchmarks/floors.py): polars' ``read_csv`` +
  a numpy pair count of the same file (the floor), DuckDB and pandas doing the same;
- ``kano import`` into a new project;
- the floor of ``kano analyze``: pyarrow reading kano's own Arrow file + bincount;
- ``kano analyze --format json``: first right after the import (which hashes the new
  data file), then again (its verification remembered), and with ``--table pouliot``.
  These read the answer counts the import stored in the data file (storage.COUNTS_KEY),
  not the answers: the floor counts the answers, kano counted them once, at import. So
  the same analysis is timed on a copy of the project whose data file carries no counts
  (as an earlier version wrote it), which counts every answer, as the floor does; and
  with ``--by segment``, which counts them per segment;
- ``kano compare --format json``: the two waves, from their stored counts.

Peak memory is each process's maximum resident set size; CPU is user + system seconds
(on a shared machine the wall time waits for other people's processes, the CPU time
less so). The targets (issue 18): import <= 1.25x polars, analyze <= 1.1x the stored-
form floor, peak memory <= 1.5x that floor's. polars and duckdb come with the ``bench``
extra (``pip install -e .[bench]``; ``make bench`` installs it); a peer that is not
installed is left out. Where an import's time goes, step by step:
``benchmarks/bench_import_steps.py``; whether a change to the import stores the same data
files as before: ``benchmarks/check_stored.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
PYTHON = sys.executable

MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "elapsed = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(done.returncode, elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)\n"
)


# As installed: bytecode is cached (pip compiles it; a sandbox's PYTHONDONTWRITEBYTECODE
# would make kano, and only kano, compile its 0.2 s of sources on every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str]) -> tuple[float, int, float]:
    """Wall time, peak RSS (bytes) and CPU seconds of one process, measured by a wrapper
    process whose only child it is."""
    out = subprocess.run(
        [PYTHON, "-c", MEASURE, *command], capture_output=True, text=True, check=True, env=ENV
    ).stdout.split()
    code, elapsed, peak, cpu = int(out[0]), float(out[1]), int(out[2]), float(out[3])
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return elapsed, peak, cpu


def write_survey(path: Path, respondents: int, features: int, seed: int = 7) -> None:
    """The survey, written by pyarrow in slices of a million rows (10 million rows would
    take pandas minutes and gigabytes)."""
    import pyarrow.csv as pacsv

    rng = np.random.default_rng(seed)
    step = 1_000_000
    partial = path.with_name(f".{path.name}.partial")  # renamed when whole: a run cut
    with pacsv.CSVWriter(  # short never leaves a truncated survey for the next to reuse
        partial,
        _survey_slice(rng, 0, min(step, respondents), features).schema,
        write_options=pacsv.WriteOptions(quoting_style="needed"),
    ) as writer:
        for first in range(0, respondents, step):
            writer.write_table(_survey_slice(rng, first, min(first + step, respondents), features))
    partial.replace(path)


def _survey_slice(rng: np.random.Generator, first: int, last: int, features: int) -> pa.Table:

    n = last - first

    def labels(choices: list[str]) -> pa.Array:
        codes = pa.array(rng.integers(0, len(choices), n).astype(np.int8))
        return pa.DictionaryArray.from_arrays(codes, choices).cast(pa.string())

    columns: dict[str, object] = {
        "respondent": pa.array(np.char.add("R", np.arange(first, last).astype(str))),
        "wave": labels(["2026-03", "2026-09"]),
        "segment": labels(["power user", "everyday", "senior"]),
        "nps": rng.integers(0, 11, n, dtype=np.int8),
        "csat": rng.integers(1, 6, n, dtype=np.int8),
    }
    for j in range(features):
        columns[f"feature_{j:02d}.functional"] = rng.integers(1, 6, n, dtype=np.int8)
        columns[f"feature_{j:02d}.dysfunctional"] = rng.integers(1, 6, n, dtype=np.int8)
        columns[f"feature_{j:02d}.importance"] = rng.integers(1, 10, n, dtype=np.int8)
    return pa.table(columns)


PEERS = {"polars": "polars", "duckdb": "duckdb", "pandas": "pandas"}  # floor -> module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; medians count")
    parser.add_argument(
        "--no-peers",
        action="store_true",
        help="only the floors (polars, pyarrow), not DuckDB and pandas",
    )
    args = parser.parse_args()

    DATA.mkdir(exist_ok=True)
    survey = DATA / f"survey-{args.respondents}x{args.features}.csv"
    if not survey.exists():
        print(f"writing {survey.name} ...", flush=True)
        write_survey(survey, args.respondents, args.features)
    kano = [PYTHON, "-m", "kano_tui.cli.main"]
    floors = [PYTHON, str(HERE / "floors.py")]
    peers = [
        name
        for name, module in PEERS.items()
        if importlib.util.find_spec(module) is not None and (not args.no_peers or name == "polars")
    ]
    if "polars" not in peers:
        print("polars is not installed (pip install -e .[bench]): import has no floor")

    names = [
        *peers,
        *("import", "arrow", "first", "analyze", "pouliot", "compare", "uncounted", "segment"),
    ]
    results: dict[str, list[tuple[float, int, float]]] = {name: [] for name in names}
    project = DATA / f"bench-project-{args.respondents}x{args.features}"
    for _ in range(args.repeat):
        for peer in peers:
            results[peer].append(measure([*floors, peer, str(survey)]))
        shutil.rmtree(project, ignore_errors=True)
        subprocess.run([*kano, "new", str(project)], check=True, stdout=subprocess.DEVNULL, env=ENV)
        results["import"].append(measure([*kano, "import", str(project), str(survey)]))
        results["arrow"].append(measure([*floors, "arrow", str(project)]))
        # The first load of a new data file hashes it (storage.check_identity); later
        # ones find its verification remembered (engine/project/verified.py).
        results["first"].append(measure([*kano, "analyze", str(project), "--format", "json"]))
        results["analyze"].append(measure([*kano, "analyze", str(project), "--format", "json"]))
        # The modified evaluation table: the same histograms, another look-up.
        results["pouliot"].append(
            measure([*kano, "analyze", str(project), "--table", "pouliot", "--format", "json"])
        )
        results["compare"].append(measure([*kano, "compare", str(project), "--format", "json"]))
        results["segment"].append(
            measure([*kano, "analyze", str(project), "--by", "segment", "--format", "json"])
        )
        uncounted = without_counts(project)
        subprocess.run([*kano, "analyze", str(uncounted)], check=True, capture_output=True, env=ENV)
        results["uncounted"].append(measure([*kano, "analyze", str(uncounted), "--format", "json"]))
    check = json.loads(
        subprocess.run(
            [*kano, "analyze", str(project), "--format", "json"],
            capture_output=True,
            text=True,
            check=True,
            env=ENV,
        ).stdout
    )
    assert len(check["features"]) == args.features
    assert check["features"][0]["n"] == args.respondents
    counted_again = subprocess.run(
        [*kano, "analyze", str(without_counts(project)), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    ).stdout
    assert json.loads(counted_again) == check  # the counts make the figures the answers make

    median = {
        name: tuple(statistics.median(run[i] for run in runs) for i in range(3))
        for name, runs in results.items()
    }
    size = survey.stat().st_size
    stored = sum(f.stat().st_size for f in (project / "responses").glob("*.arrow"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"survey: {args.respondents:,} respondents x {args.features} features "
        f"({size / 1e6:.0f} MB CSV; kano stores {stored / 1e6:.0f} MB); "
        f"medians of {args.repeat} runs"
    )
    print(f"{'':34} {'seconds':>8} {'CPU s':>7} {'peak MB':>8} {'x floor':>8}")
    rows = [
        *((peer, f"{peer} read + pair count", "polars") for peer in peers),
        ("import", "kano import", "polars"),
        ("arrow", "pyarrow read of kano's file + count", "arrow"),
        ("first", "kano analyze, first after import", "arrow"),
        ("analyze", "kano analyze --format json", "arrow"),
        ("pouliot", "kano analyze --table pouliot", "arrow"),
        ("compare", "kano compare (the two waves)", "arrow"),
        ("uncounted", "kano analyze, file without counts", "arrow"),
        ("segment", "kano analyze --by segment", "arrow"),
    ]
    for name, label, floor in rows:
        seconds, peak, cpu = median[name]
        ratio = f"{seconds / median[floor][0]:8.2f}" if floor in median else f"{'':8}"
        print(f"{label:34} {seconds:8.2f} {cpu:7.2f} {peak / 1e6:8.0f} {ratio}")
    print("targets (wall-time medians; CPU in brackets):")
    if "polars" in median:
        print(
            f"  import  <= 1.25x polars:      {median['import'][0] / median['polars'][0]:.2f}x "
            f"({median['import'][2] / median['polars'][2]:.2f}x)"
        )
    print(
        f"  analyze <= 1.1x stored floor: {median['analyze'][0] / median['arrow'][0]:.2f}x "
        f"({median['analyze'][2] / median['arrow'][2]:.2f}x)"
    )
    print(
        f"  analyze counting the answers (no counts stored): "
        f"{median['uncounted'][0] / median['arrow'][0]:.2f}x "
        f"({median['uncounted'][2] / median['arrow'][2]:.2f}x)"
    )
    print(
        f"  analyze peak memory <= 1.5x the floor's: "
        f"{median['analyze'][1] / median['arrow'][1]:.2f}x"
    )
    if "polars" in median:
        print(f"  import peak memory: {median['import'][1] / median['polars'][1]:.2f}x polars'")


def without_counts(project: Path) -> Path:
    """A copy of ``project`` whose data files carry no answer counts, as an earlier
    version wrote them (kano.toml records their new checksums): its analysis counts
    every answer. Made with kano's own storage functions."""
    from kano_tui.engine.project.projectfile import load_project, save_project
    from kano_tui.engine.project.storage import COUNTS_KEY, file_sha256

    copy = project.with_name(project.name + "-without-counts")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy)
    loaded = load_project(copy)
    for record in loaded.imports:
        path = copy / record.data_file
        with pa.memory_map(str(path)) as source:
            table = pa.ipc.open_file(source).read_all()
        metadata = {k: v for k, v in (table.schema.metadata or {}).items() if k != COUNTS_KEY}
        table = table.replace_schema_metadata(metadata)
        path.unlink()
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table, max_chunksize=max(table.num_rows, 1))
        record.data_sha256 = file_sha256(path)
    save_project(loaded, copy)
    return copy


if __name__ == "__main__":
    main()
