"""Grouping respondents by a column (``--by``) from the Arrow column: the same groups, in
the same order, as pandas' factorize gave, for plain and dictionary-encoded columns and
for filtered respondents (a dictionary keeps values nobody filtered in has)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.engine.analysis.run import group_codes
from kano_tui.engine.project.storage import Responses

CELLS = st.one_of(st.none(), st.sampled_from(["", " ", "north", "south", "Ost", "b", "a b"]))


def oracle(values: list[object]) -> tuple[list[int], list[object]]:
    """The groups as the pandas version computed them (kano before it read Arrow)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    labels = [str(value) for value in uniques]
    order = sorted((label, i) for i, label in enumerate(labels) if label.strip())
    remap = np.full(len(labels) + 1, -1, dtype=np.int64)
    remap[[i for _, i in order]] = np.arange(len(order))
    return remap[codes].tolist(), [uniques[i] for _, i in order]


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(CELLS, max_size=40),
    encoded=st.booleans(),
    keep=st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_the_groups_are_the_ones_pandas_gave(cells, encoded, keep):
    column = pa.array(cells, pa.string())
    if encoded:
        column = column.dictionary_encode()
    table = pa.table({"respondent": [f"R{i}" for i in range(len(cells))], "region": column})
    responses = Responses(table=table)
    mask = np.array(keep[: len(cells)], dtype=bool)
    for chosen, kept in (
        (responses, cells),
        (responses.subset(mask), np.array(cells, object)[mask]),
    ):
        codes, values = group_codes(chosen, "region")
        expected_codes, expected_values = oracle(list(kept))
        assert codes.tolist() == expected_codes
        assert values == expected_values


@settings(max_examples=150, deadline=None)
@given(
    chunks=st.lists(st.lists(st.one_of(st.none(), st.booleans()), max_size=30), max_size=4),
    start=st.integers(0, 5),
)
def test_boolean_and_integer_columns_read_from_their_buffers_match_arrow(chunks, start):
    """The readers that spare the pandas import pyarrow's conversion brings: nulls as the
    blank, sliced chunks (an offset into the buffer) and several chunks."""
    from kano_tui.engine.project.storage import booleans, integers

    column = pa.chunked_array([pa.array(c, pa.bool_()) for c in chunks], pa.bool_())
    column = column.slice(min(start, len(column)))
    expected = [bool(v) for v in column.to_pylist()]  # None -> False
    assert booleans(column).tolist() == expected
    codes = pa.chunked_array(
        [pa.array([None if v is None else int(v) * 3 for v in c], pa.int8()) for c in chunks],
        pa.int8(),
    ).slice(min(start, len(column)))
    assert integers(codes, -1).tolist() == [-1 if v is None else v for v in codes.to_pylist()]
