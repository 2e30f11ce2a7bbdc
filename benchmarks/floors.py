"""The floors kano's import and analysis are measured against: the least a fast reader does.

    python benchmarks/floors.py polars FILE      # polars.read_csv + numpy pair count
    python benchmarks/floors.py duckdb FILE      # DuckDB reads the CSV, counts the pairs
    python benchmarks/floors.py pandas FILE      # pandas.read_csv + numpy pair count
    python benchmarks/floors.py arrow PROJECT    # pyarrow reads kano's own Arrow files + bincount

Each reads the canonical wide CSV with numeric answer codes (benchmarks/bench_engine.py
writes it) or, for ``arrow``, the answer columns of a project's stored responses, and
counts every feature's (functional, dysfunctional) answer pairs -- the 36 cells the
evaluation table turns into categories -- and the importance answers. Nothing is checked,
nothing is stored: kano does more (wordings, validation, respondent ids, storage, every
figure). Needs the ``bench`` extra (``pip install -e .[bench]``) for polars and duckdb.
Prints the respondents and the answer pairs counted, so a run can be checked.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np


def pair_counts(functional: np.ndarray, dysfunctional: np.ndarray) -> np.ndarray:
    """The 36 cells of one feature's answer pairs (codes 0-5, 0 blank)."""
    return np.bincount(
        functional.astype(np.int8) * np.int8(6) + dysfunctional.astype(np.int8), minlength=36
    )


def _features(columns: list[str]) -> list[str]:
    return [c[: -len(".functional")] for c in columns if c.endswith(".functional")]


def with_polars(path: str) -> tuple[int, int]:
    import polars as pl

    frame = pl.read_csv(path)
    total = 0
    for feature in _features(frame.columns):
        f = frame[f"{feature}.functional"].fill_null(0).to_numpy()
        d = frame[f"{feature}.dysfunctional"].fill_null(0).to_numpy()
        total += int(pair_counts(f, d).sum())
        if f"{feature}.importance" in frame.columns:
            np.bincount(frame[f"{feature}.importance"].fill_null(0).to_numpy(), minlength=10)
    return frame.height, total


def with_pandas(path: str) -> tuple[int, int]:
    import pandas as pd

    frame = pd.read_csv(path)
    total = 0
    for feature in _features(list(frame.columns)):
        f = frame[f"{feature}.functional"].fillna(0).to_numpy(dtype=np.int64)
        d = frame[f"{feature}.dysfunctional"].fillna(0).to_numpy(dtype=np.int64)
        total += int(pair_counts(f, d).sum())
        if f"{feature}.importance" in frame.columns:
            np.bincount(frame[f"{feature}.importance"].fillna(0).to_numpy(np.int64), minlength=10)
    return len(frame), total


def with_duckdb(path: str) -> tuple[int, int]:
    import duckdb

    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE survey AS SELECT * FROM read_csv_auto('{path}')")
    columns = [row[0] for row in connection.execute("DESCRIBE survey").fetchall()]
    rows = connection.execute("SELECT count(*) FROM survey").fetchone()[0]
    total = 0
    for feature in _features(columns):
        f, d = f'"{feature}.functional"', f'"{feature}.dysfunctional"'
        cells = connection.execute(
            f"SELECT coalesce({f}, 0) * 6 + coalesce({d}, 0) AS pair, count(*) "
            "FROM survey GROUP BY pair"
        ).fetchall()
        total += sum(n for _, n in cells)
        if f"{feature}.importance" in columns:
            connection.execute(
                f'SELECT "{feature}.importance", count(*) FROM survey GROUP BY 1'
            ).fetchall()
    return rows, total


def with_arrow(project: str) -> tuple[int, int]:
    """pyarrow reads the answer columns of every data file under responses/ (memory
    mapped, as kano does) and bincounts them: the stored-form floor of ``kano analyze``."""
    import pyarrow as pa
    from pyarrow import feather

    rows = total = 0
    for path in sorted((Path(project) / "responses").glob("import-*.arrow")):
        with pa.memory_map(str(path)) as source:
            names = pa.ipc.open_file(source).schema.names
        answers = [
            n
            for n in names
            if n.rpartition(".")[2] in ("functional", "dysfunctional", "importance")
        ]
        table = feather.read_table(path, columns=answers, memory_map=True)
        rows += table.num_rows
        for feature in _features(answers):
            f = table.column(f"{feature}.functional").to_numpy()
            d = table.column(f"{feature}.dysfunctional").to_numpy()
            total += int(pair_counts(f, d).sum())
            if f"{feature}.importance" in names:
                np.bincount(table.column(f"{feature}.importance").to_numpy() + 1, minlength=11)
    return rows, total


FLOORS = {"polars": with_polars, "pandas": with_pandas, "duckdb": with_duckdb, "arrow": with_arrow}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in FLOORS:
        raise SystemExit(f"usage: floors.py {{{','.join(FLOORS)}}} FILE-OR-PROJECT")
    respondents, pairs = FLOORS[sys.argv[1]](sys.argv[2])
    print(respondents, pairs)
