"""How fast are kano compare and kano quality on a million respondents?

    .venv/bin/python benchmarks/bench_compare_quality.py [RESPONDENTS]

Builds responses in memory (4 waves, 20 features, a weight column, 2% straight-liners),
then times, each best of 3 and in the same run as its pandas baseline:

- ``compare``: ``run_analysis`` by wave plus every feature's chi-square tests, Newcombe
  intervals, omnibus and pairwise changes (unweighted and weighted), against a pandas
  baseline that only classifies each answer pair with a table look-up and counts the
  categories per wave with ``groupby().value_counts()`` (no figure, no test);
- ``assess`` (every quality check), against a pandas baseline that finds only the
  straight-liners (``nunique`` of the answer pairs across features, row-wise).

Prints seconds and ratios; not a test (speed lives here, not in the test suite).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kano_tui.classifiers.builtin import ModeClassifier
from kano_tui.engine.analysis.compare import compare
from kano_tui.engine.analysis.quality import QualityRules, assess
from kano_tui.engine.analysis.run import run_analysis
from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import Project
from kano_tui.engine.project.storage import Responses

FEATURES = 20
TABLE = np.full(36, 6, dtype=np.int8)  # 6 = unanswered
for _f, _row in enumerate(("QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"), start=1):
    for _d, _letter in enumerate(_row, start=1):
        TABLE[_f * 6 + _d] = "AOMIRQ".index(_letter)


def responses(n: int, rng: np.random.Generator) -> tuple[Project, Responses, np.ndarray]:
    project = Project.create("bench")
    straight = rng.random(n) < 0.02
    columns: dict[str, object] = {
        "respondent": pd.array([f"r{i}" for i in range(n)], dtype="str"),
        "wave": pd.array(rng.choice(["2025-03", "2025-09", "2026-03", "2026-09"], n), dtype="str"),
    }
    for j in range(FEATURES):
        feature = add_feature(project, f"feature {j}")
        columns[f"{feature.id}.functional"] = np.where(straight, 1, rng.integers(0, 6, n)).astype(
            np.int8
        )
        columns[f"{feature.id}.dysfunctional"] = np.where(
            straight, 5, rng.integers(0, 6, n)
        ).astype(np.int8)
    weights = rng.uniform(0.3, 3.0, n)
    return project, Responses(pd.DataFrame(columns)), weights


def best_of(runs: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def compare_baseline(frame: pd.DataFrame, features: list[str]) -> None:
    """Category counts per wave, per feature, with pandas: the least a comparison needs."""
    for feature in features:
        pair = frame[f"{feature}.functional"].to_numpy(np.int64) * 6 + frame[
            f"{feature}.dysfunctional"
        ].to_numpy(np.int64)
        frame.assign(category=TABLE[pair]).groupby("wave")["category"].value_counts()


def quality_baseline(frame: pd.DataFrame, features: list[str]) -> None:
    """Straight-liners only, with pandas: the same answer pair on every feature."""
    pairs = pd.DataFrame(
        {
            f: frame[f"{f}.functional"].astype(np.int16) * 6 + frame[f"{f}.dysfunctional"]
            for f in features
        }
    )
    (pairs.nunique(axis=1) == 1).sum()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    project, data, weights = responses(n, np.random.default_rng(7))
    features = project.feature_ids()
    classifier = ModeClassifier()
    frame = data.frame

    def run_compare(w=None):  # type: ignore[no-untyped-def]
        return compare(run_analysis(project, data, classifier, by="wave", weights=w))

    plain = best_of(3, run_compare)
    weighted = best_of(3, lambda: run_compare(weights))
    base = best_of(3, lambda: compare_baseline(frame, features))
    rules = QualityRules()
    quality = best_of(3, lambda: assess(project, data, rules))
    flagged = int(assess(project, data, rules).flags["straight-lining"].sum())
    quality_base = best_of(3, lambda: quality_baseline(frame, features))
    print(f"{n:,} respondents, {FEATURES} features, 4 waves (3 pairwise steps)")
    print(f"compare by wave                 {plain:7.3f} s  ({plain / base:4.2f}x baseline)")
    print(f"compare by wave, weighted       {weighted:7.3f} s  ({weighted / base:4.2f}x baseline)")
    print(f"pandas counts-per-wave baseline {base:7.3f} s")
    print(
        f"quality (every check)           {quality:7.3f} s  ({quality / quality_base:4.2f}x "
        f"baseline; {flagged:,} straight-liners)"
    )
    print(f"pandas straight-lining baseline {quality_base:7.3f} s")


if __name__ == "__main__":
    main()
