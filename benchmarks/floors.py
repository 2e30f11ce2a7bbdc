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
    """pyarrow memory-maps every data file under responses/ and bincounts its answer
    columns read in place (one NumPy view of each chunk's buffer: nothing copied, no
    pandas; kano's files hold int8 codes without nulls): the stored-form floor of
    ``kano analyze``."""
    import pyarrow as pa

    def column(table: pa.Table, name: str) -> np.ndarray:
        # The int8 values buffer as a NumPy view: pyarrow's own to_numpy imports pandas.
        chunks = [
            np.frombuffer(chunk.buffers()[1], np.int8, len(chunk), chunk.offset)
            for chunk in table.column(name).chunks
        ]
        return chunks[0] if len(chunks) == 1 else np.concatenate(chunks)

    rows = total = 0
    for path in sorted((Path(project) / "responses").glob("import-*.arrow")):
        with pa.memory_map(str(path)) as source:
            table = pa.ipc.open_file(source).read_all()
        names = table.schema.names
        answers = [
            n
            for n in names
            if n.rpartition(".")[2] in ("functional", "dysfunctional", "importance")
        ]
        rows += table.num_rows
        for feature in _features(answers):
            f = column(table, f"{feature}.functional")
            d = column(table, f"{feature}.dysfunctional")
            total += int(pair_counts(f, d).sum())
            if f"{feature}.importance" in names:
                np.bincount(column(table, f"{feature}.importance") + 1, minlength=11)
    return rows, total


FLOORS = {"polars": with_polars, "pandas": with_pandas, "duckdb": with_duckdb, "arrow": with_arrow}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in FLOORS:
        raise SystemExit(f"usage: floors.py {{{','.join(FLOORS)}}} FILE-OR-PROJECT")
    respondents, pairs = FLOORS[sys.argv[1]](sys.argv[2])
    print(respondents, pairs)
