"""Where one `kano import` of a large survey spends its wall time, step by step.

    python benchmarks/bench_import_steps.py [--respondents 1000000] [--features 20]

Imports the survey bench_engine.py writes (benchmarks/.data/, written if missing) into a
new project, in this process, and prints the wall time of each step: the modules, the
importer's read (detection and pyarrow's parse), each check of ``prepare_import``, and
``commit_import`` (the data file written, hashed and synced; kano.toml saved). The
whole-process comparison with polars is bench_engine.py's; this says what is left.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SPENT: dict[str, float] = {}


def timed(module: Any, name: str, label: str) -> None:
    """Count the wall time of every call of ``module.name`` under ``label``."""
    work: Callable[..., Any] = getattr(module, name)

    @functools.wraps(work)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return work(*args, **kwargs)
        finally:
            SPENT[label] = SPENT.get(label, 0.0) + time.perf_counter() - start

    setattr(module, name, run)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    args = parser.parse_args()
    from bench_engine import DATA, write_survey

    survey = DATA / f"survey-{args.respondents}x{args.features}.csv"
    if not survey.exists():
        DATA.mkdir(exist_ok=True)
        write_survey(survey, args.respondents, args.features)

    start = time.perf_counter()
    from kano_tui.engine.importing import ingest
    from kano_tui.importers import canonical
    from kano_tui.session.workspace import Workspace

    modules = time.perf_counter() - start
    timed(canonical, "read_delimited_table", "read: detection, pyarrow's parse")
    for name, label in [
        ("plan_columns", "prepare: columns planned"),
        ("_identity", "prepare: respondent ids, waves"),
        ("first_duplicate", "(thread) repeated ids looked for"),
        ("_importance_scale", "prepare: importance scale"),
        ("_answers", "prepare: answers, scales, segments"),
        ("stored_table", "prepare: stored table built"),
        ("write_table", "commit: data file written, hashed, synced"),
    ]:
        timed(ingest, name, label)
    project = DATA / f"steps-project-{args.respondents}x{args.features}"
    shutil.rmtree(project, ignore_errors=True)
    workspace = Workspace.create(project)
    start = time.perf_counter()
    prepared = workspace.prepare_import(survey)
    prepare = time.perf_counter() - start
    start = time.perf_counter()
    workspace.commit_import(prepared)
    commit = time.perf_counter() - start
    print(f"{'modules (ingest, workspace)':50} {modules:6.2f} s")
    print(f"{'prepare_import (the file read and checked)':50} {prepare:6.2f} s")
    for label, seconds in SPENT.items():
        if not label.startswith("commit"):
            print(f"  {label:48} {seconds:6.2f} s")
    print(f"{'commit_import (kano.toml included)':50} {commit:6.2f} s")
    for label, seconds in SPENT.items():
        if label.startswith("commit"):
            print(f"  {label:48} {seconds:6.2f} s")
    print(f"pandas imported: {'pandas' in sys.modules}")
    shutil.rmtree(project, ignore_errors=True)


if __name__ == "__main__":
    main()
