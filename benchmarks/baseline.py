"""The baseline the engine is measured against: plain pandas.read_csv + a numpy table look-up.

    python benchmarks/baseline.py FILE

Reads the canonical wide CSV with numeric answer codes, classifies every answer pair
through the evaluation table with one fancy-indexing look-up per feature, and counts the
categories. It is the least a Kano tool must do; kano does more (wordings, validation,
storage, every figure).
"""

import sys

import numpy as np
import pandas as pd

TABLE = np.full(36, 6, dtype=np.int8)  # 6 = unanswered
for f, row in enumerate(("QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"), start=1):
    for d, letter in enumerate(row, start=1):
        TABLE[f * 6 + d] = "AOMIRQ".index(letter)

frame = pd.read_csv(sys.argv[1])
features = [c[: -len(".functional")] for c in frame.columns if c.endswith(".functional")]
counts = {}
for feature in features:
    f = frame[f"{feature}.functional"].fillna(0).to_numpy(dtype=np.int64)
    d = frame[f"{feature}.dysfunctional"].fillna(0).to_numpy(dtype=np.int64)
    counts[feature] = np.bincount(TABLE[f * 6 + d], minlength=7)[:6]
print(len(frame), sum(int(c.sum()) for c in counts.values()))
