"""How fast are the advocacy figures on a million respondents?

    .venv/bin/python benchmarks/bench_advocacy.py [RESPONDENTS]

Builds responses in memory (waves, a segment, nps, csat and 20 features), then times
``advocacy_series`` (NPS, margin, significance and CSAT per wave, per segment and pooled)
and ``nps_by_feature_category`` (the NPS of each feature's must-be respondents, used by
stage health) against a plain pandas baseline that only counts promoters, passives,
detractors and CSAT answers with ``groupby``. Prints seconds and the ratio; not a test.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kano_tui.engine.customers.advocacy import advocacy_series, nps_by_feature_category
from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import Project
from kano_tui.engine.project.storage import Responses

FEATURES = 20


def responses(n: int, rng: np.random.Generator) -> tuple[Project, Responses]:
    project = Project.create("bench")
    columns: dict[str, object] = {
        "respondent": pd.array([f"r{i}" for i in range(n)], dtype="str"),
        "wave": pd.array(rng.choice(["2025-03", "2025-09", "2026-03", "2026-09"], n), dtype="str"),
        "tier": pd.array(rng.choice(["standard", "premium", "business"], n), dtype="str"),
        "nps": np.where(rng.random(n) < 0.03, -1, rng.integers(0, 11, n)).astype(np.int8),
        "csat": np.where(rng.random(n) < 0.03, -1, rng.integers(1, 6, n)).astype(np.int8),
    }
    for j in range(FEATURES):
        feature = add_feature(project, f"feature {j}")
        columns[f"{feature.id}.functional"] = rng.integers(0, 6, n).astype(np.int8)
        columns[f"{feature.id}.dysfunctional"] = rng.integers(0, 6, n).astype(np.int8)
    return project, Responses(pd.DataFrame(columns))


def best_of(runs: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(frame: pd.DataFrame) -> None:
    """The least any tool must do: count NPS classes and CSAT answers per wave and tier."""
    nps = frame["nps"]
    kind = pd.cut(nps.where(nps >= 0), [-1, 6, 8, 10], labels=["d", "p", "P"])
    for keys in (["wave"], ["tier", "wave"], ["tier"]):
        frame.assign(kind=kind).groupby(keys, observed=True)["kind"].value_counts()
        frame[frame["csat"] > 0].groupby(keys, observed=True)["csat"].agg(["count", "mean"])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    project, data = responses(n, np.random.default_rng(7))
    series = best_of(3, lambda: advocacy_series(data, by="tier"))
    must_be = best_of(3, lambda: nps_by_feature_category(project, data, "M"))
    base = best_of(3, lambda: baseline(data.frame))
    print(f"{n:,} respondents, {FEATURES} features, 4 waves, 3 segments")
    print(f"advocacy_series(by='tier')      {series:7.3f} s  ({series / base:4.2f}x baseline)")
    print(f"nps_by_feature_category('M')    {must_be:7.3f} s")
    print(f"pandas groupby baseline         {base:7.3f} s")


if __name__ == "__main__":
    main()
