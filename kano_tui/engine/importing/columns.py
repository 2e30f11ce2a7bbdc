"""A survey's columns as the import reads them, and the table it stores.

An importer hands over its table as Arrow columns (the built-in CSV importer) or as a
pandas DataFrame (plugins). :class:`SurveyColumns` gives the import both views of a
column: its Arrow data, read directly on the fast paths (whole-number codes, text labels,
respondent ids), and a pandas Series for the general paths (wordings, labels), made on
demand. A wide file of numeric codes read by Arrow therefore never imports pandas: at a
million respondents that is a third of a second of every import (docs/startup.md).

The stored table is built here from Arrow arrays, exactly as ``pyarrow.Table.from_pandas``
built it from the DataFrame earlier versions assembled: the same types (a label column is
what a pandas ``Categorical`` becomes: int8/16/32 indices, large_string values), the same
buffers, and the same ``pandas`` schema metadata, so a data file is byte for byte what it
was and reads back into the same DataFrame (tests/engine/test_arrow_import.py).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from kano_tui.engine.importing.answers import arrow_array, is_integer_series
from kano_tui.engine.project.storage import _validity, integers

if TYPE_CHECKING:
    import pandas as pd

    from kano_tui.engine.importing.survey import SurveyTable


class SurveyColumns:
    """A wide survey table's columns by name, as Arrow data and as pandas Series.

    ``columns`` and ``[name]`` make it read like a DataFrame where the general paths
    want one (column proposals by answers read a Series)."""

    def __init__(self, table: SurveyTable) -> None:
        self._arrow = table.arrow if table.frame is None else None
        self._frame = table.frame
        self.columns: list[str] = table.columns
        self.rows = table.rows
        self._positions = {name: i for i, name in reversed(list(enumerate(self.columns)))}
        self._series: dict[str, pd.Series] = {}

    def arrow(self, name: str) -> pa.ChunkedArray | None:
        """The column's Arrow data, when it has some (Arrow-read, or an Arrow-backed
        Series), else None."""
        if self._arrow is not None:
            return self._arrow.column(self._positions[name])
        return arrow_array(self[name])

    def __getitem__(self, name: str) -> pd.Series:
        """The column as a pandas Series (Arrow-backed when it was read by Arrow)."""
        if self._frame is not None:
            return self._frame[name]
        if name not in self._series:
            import pandas as pd

            assert self._arrow is not None
            one = self._arrow.select([self._positions[name]])
            self._series[name] = one.to_pandas(types_mapper=pd.ArrowDtype).iloc[:, 0]
        return self._series[name]

    def is_integer(self, name: str) -> bool:
        """Whether the column holds whole numbers (the fast path of answers and scales)."""
        array = self.arrow(name)
        if array is not None:
            return bool(pa.types.is_integer(array.type))
        return is_integer_series(self[name])

    def integers(self, name: str) -> pa.ChunkedArray | None:
        """The column's Arrow data when it holds whole numbers, else None."""
        array = self.arrow(name)
        return array if array is not None and pa.types.is_integer(array.type) else None


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class Labels:
    """A column of labels with few distinct values (waves, segments): per respondent the
    position of its label in ``categories`` (-1 for none), as a pandas Categorical holds
    them."""

    codes: np.ndarray
    categories: list[str]

    @classmethod
    def constant(cls, rows: int, label: str) -> Labels:
        """Every respondent the same label (the wave of a file without a wave column)."""
        return cls(np.zeros(rows, dtype=np.int8), [label])

    def to_arrow(self) -> pa.DictionaryArray:
        """What ``pa.array(pd.Categorical.from_codes(codes, categories))`` makes: indices
        of the narrowest type pandas gives the codes, -1 under the nulls (pyarrow masks
        them, it does not zero them), values as pandas' text (large_string; null type
        when there are none, as an empty object Index)."""
        codes = self.codes.astype(_codes_type(len(self.categories)), copy=False)
        indices = numbers_array(codes, codes == -1)
        values = text_array(self.categories, large=True) if self.categories else pa.nulls(0)
        return pa.DictionaryArray.from_arrays(indices, values)


def _codes_type(categories: int) -> type[np.signedinteger]:
    """The dtype pandas gives a Categorical's codes (``coerce_indexer_dtype``)."""
    for dtype in (np.int8, np.int16, np.int32):
        if categories < np.iinfo(dtype).max:
            return dtype
    return np.int64


def text_labels(columns: SurveyColumns, name: str, default: str = "") -> Labels:
    """A column's labels as stripped text; blank cells become ``default`` (none when it
    is empty). Works once per distinct value, never once per respondent."""
    codes, uniques = factorize(columns, name)
    return labels_of(codes, uniques, default)


def labels_of(codes: np.ndarray, uniques: Sequence[object], default: str = "") -> Labels:
    """:class:`Labels` from ``factorize``'s codes and distinct values: each value as
    stripped text, values alike once stripped merged, in the order first met."""
    labels = [str(u).strip() for u in uniques] + [""]  # the last slot: missing cells
    labels = [label or default for label in labels]
    positions: dict[str, int] = {}
    label_codes = np.array(
        [positions.setdefault(label, len(positions)) if label else -1 for label in labels],
        dtype=np.intp,
    )
    return Labels(label_codes[codes], list(positions))


def factorize(columns: SurveyColumns, name: str) -> tuple[np.ndarray, list[object]]:
    """``pd.factorize(column)`` (codes, -1 for missing; the distinct values in the order
    met), by Arrow's dictionary encoding for columns read by Arrow (pandas' own way for
    them, but without pandas and without the GIL held)."""
    array = columns.arrow(name)
    if array is not None and (pa.types.is_string(array.type) or pa.types.is_integer(array.type)):
        return arrow_factorize(array)
    import pandas as pd

    codes, uniques = pd.factorize(columns[name], use_na_sentinel=True)
    return codes, list(uniques)


def arrow_factorize(array: pa.ChunkedArray) -> tuple[np.ndarray, list[object]]:
    encoded = array.combine_chunks().dictionary_encode()
    return integers(encoded.indices, -1).astype(np.intp), encoded.dictionary.to_pylist()


def first_duplicate(ids: pa.ChunkedArray, waves: Labels) -> int | None:
    """The position of the first respondent whose (id, wave) appeared before, or None
    (``DataFrame.duplicated(keep="first")``). Distinct ids (the usual file) are known so
    from Arrow's hash table; only a file with a repeated id pays for finding where."""
    import pyarrow.compute as pc

    if _surely_distinct(ids) or len(pc.unique(ids)) == len(ids):
        return None
    id_codes, _ = arrow_factorize(ids)  # a blank id (null) is one value, as in pandas
    keys = id_codes.astype(np.int64) + 1
    if len(waves.categories) > 1:  # (with one wave, ids alone: a blank wave is that one)
        keys = keys * (len(waves.categories) + 1) + (waves.codes + 1)
    _, firsts = np.unique(keys, return_index=True)
    repeated = np.ones(len(keys), dtype=bool)
    repeated[firsts] = False
    return int(np.flatnonzero(repeated)[0]) if repeated.any() else None


_MULTIPLIER = np.uint64(0x100000001B3)  # FNV-1a's prime
_LONGEST_HASHED = 48  # bytes; longer ids go to Arrow's hash table


def _surely_distinct(texts: pa.ChunkedArray) -> bool:
    """True when every cell of a text column differs from every other, as NumPy shows at
    a quarter of the cost of Arrow's hash table (``pc.unique``: 0.4 s for a million ids):
    each cell hashed (FNV-1a over its bytes, one NumPy pass per byte position), the
    hashes sorted, no two alike. False when two hash alike -- equal cells, or a rare
    collision -- or the cells are long: the caller then asks Arrow, which is exact."""
    array = texts.combine_chunks() if texts.num_chunks != 1 else texts.chunk(0)
    if not pa.types.is_string(array.type):
        return False
    if len(array) < 2:
        return True
    offsets = _offsets(array).astype(np.int64)
    starts, lengths = offsets[:-1], np.diff(offsets)
    longest = int(lengths.max())
    if longest > _LONGEST_HASHED:
        return False
    data = array.buffers()[2]
    text = np.frombuffer(data, np.uint8) if data is not None else np.zeros(1, np.uint8)
    text = np.append(text, np.uint8(0))  # a cell past its end reads this byte, unused
    hashes = np.full(len(array), 0xCBF29CE484222325, dtype=np.uint64) ^ lengths.astype(np.uint64)
    for position in range(longest):
        inside = position < lengths
        byte = text[np.where(inside, starts + position, len(text) - 1)].astype(np.uint64)
        hashes = np.where(inside, (hashes ^ byte) * _MULTIPLIER, hashes)  # wraps: mod 2**64
    # (A blank id hashes as "": two blanks, or a blank and "", send the caller to Arrow.)
    hashes.sort()
    return not bool((hashes[1:] == hashes[:-1]).any())


# --------------------------------------------------------------------------- arrays
# Made from their buffers: pyarrow's own conversions (pa.array, pa.scalar) import pandas.


def numbers_array(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """``pa.array(values, mask=mask)``: the NumPy array's buffer as it is (nothing copied;
    the values under the nulls kept, as pyarrow keeps them)."""
    values = np.ascontiguousarray(values)
    nulls = 0 if mask is None else int(np.count_nonzero(mask))
    bitmap = None
    if mask is not None and nulls:
        bitmap = pa.py_buffer(np.packbits(~mask, bitorder="little"))
    kind = pa.from_numpy_dtype(values.dtype)
    return pa.Array.from_buffers(kind, len(values), [bitmap, pa.py_buffer(values)], nulls)


def text_array(texts: Sequence[str], large: bool = False) -> pa.Array:
    """``pa.array(texts, pa.string())`` (or ``large_string``) of a few texts."""
    encoded = [text.encode("utf-8") for text in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64 if large else np.int32)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    kind = pa.large_string() if large else pa.string()
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(kind, len(encoded), [None, pa.py_buffer(offsets), data])


def numbered(prefix: str, numbers: np.ndarray) -> pa.ChunkedArray:
    """The texts ``f"{prefix}{n}"`` for whole ``numbers``, as Arrow text (a million of
    them at NumPy's speed): Arrow writes the numbers, NumPy puts the prefix before each."""
    import pyarrow.compute as pc

    digits = pc.cast(numbers_array(np.asarray(numbers, dtype=np.int64)), pa.string())
    count = len(digits)
    digit_offsets = np.frombuffer(digits.buffers()[1], np.int32, count + 1)
    head = prefix.encode("utf-8")
    offsets = digit_offsets + len(head) * np.arange(count + 1, dtype=np.int32)
    data = np.empty(int(offsets[-1]), dtype=np.uint8)
    in_prefix = np.zeros(len(data), dtype=bool)
    for k, byte in enumerate(head):
        data[offsets[:-1] + k] = byte
        in_prefix[offsets[:-1] + k] = True
    data[~in_prefix] = np.frombuffer(digits.buffers()[2], np.uint8, int(digit_offsets[-1]))
    array = pa.Array.from_buffers(
        pa.string(), count, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )
    return pa.chunked_array([array], pa.string())


def blank_texts(texts: pa.ChunkedArray) -> np.ndarray:
    """Which cells of a text column are missing or empty."""
    parts = [np.zeros(0, dtype=bool)]
    for chunk in texts.chunks:
        offsets = _offsets(chunk)
        empty = offsets[1:] == offsets[:-1]
        parts.append(empty | ~_validity(chunk) if chunk.null_count else empty)
    return np.concatenate(parts)


def trimmed_texts(texts: pa.ChunkedArray) -> pa.ChunkedArray:
    """A text column without white space around its cells (Arrow's trim, which is
    pandas' ``str.strip`` of Arrow-backed text); the column as it is when no cell starts
    or ends with anything but a printable ASCII character -- the usual ids, checked at
    NumPy's speed -- for which trimming changes nothing."""
    import pyarrow.compute as pc

    for chunk in texts.chunks:
        offsets = _offsets(chunk)
        starts, ends = offsets[:-1], offsets[1:]
        filled = ends > starts
        data = chunk.buffers()[2]
        if not filled.any():
            continue
        assert data is not None  # cells hold bytes
        text = np.frombuffer(data, np.uint8)
        edges = np.concatenate([text[starts[filled]], text[ends[filled] - 1]])
        if ((edges < 0x21) | (edges > 0x7E)).any():  # a space, a control, or not ASCII
            return pc.utf8_trim_whitespace(texts)
    return texts


def _offsets(chunk: pa.Array) -> np.ndarray:
    """Where each cell of a text chunk starts in its data, and the last one ends."""
    return np.frombuffer(chunk.buffers()[1], np.int32, len(chunk) + 1, chunk.offset * 4)


# --------------------------------------------------------------------------- storing


def stored_table(
    ids: pa.ChunkedArray,
    waves: Labels,
    stored: dict[str, np.ndarray | Labels],
    respondent: str,
    wave: str,
) -> pa.Table:
    """The responses as stored: the respondent ids, the waves, then every answer, scale
    and attribute column in the file's order, with the schema metadata pandas gave them."""
    columns: dict[str, pa.Array | pa.ChunkedArray] = {respondent: ids, wave: waves.to_arrow()}
    kinds: dict[str, Labels | None] = {respondent: None, wave: waves}
    for name, values in stored.items():
        if isinstance(values, Labels):
            columns[name], kinds[name] = values.to_arrow(), values
        else:
            columns[name], kinds[name] = numbers_array(values), None
    table = pa.table(columns)
    return table.replace_schema_metadata({b"pandas": _pandas_metadata(table, kinds)})


def _pandas_metadata(table: pa.Table, kinds: dict[str, Labels | None]) -> bytes:
    """The ``pandas`` schema metadata ``pa.Table.from_pandas`` writes for the DataFrame
    earlier versions stored: Arrow-backed text, Categoricals, int8 codes. Kept because
    it is how pandas readers of the file get those types back."""

    def column(field: pa.Field) -> dict[str, object]:
        labels = kinds.get(field.name)
        if labels is not None:
            kind, numpy_type = "categorical", np.dtype(_codes_type(len(labels.categories))).name
            metadata: dict[str, object] | None = {
                "num_categories": len(labels.categories),
                "ordered": False,
            }
        elif pa.types.is_string(field.type):
            kind, numpy_type, metadata = "unicode", "string[pyarrow]", None
        else:
            kind = numpy_type = field.type.to_pandas_dtype().__name__
            metadata = None
        return {
            "name": field.name,
            "field_name": field.name,
            "pandas_type": kind,
            "numpy_type": numpy_type,
            "metadata": metadata,
        }

    return json.dumps(
        {
            "index_columns": [],
            "column_indexes": [],
            "columns": [column(field) for field in table.schema],
            "attributes": {},
            "creator": {"library": "pyarrow", "version": pa.__version__},
            "pandas_version": _pandas_version(),
        }
    ).encode()


@functools.cache
def _pandas_version() -> str:
    """``pandas.__version__`` without importing pandas (0.3 s) or importlib.metadata
    (35 ms): pandas' built version file, read as text; importlib.metadata otherwise."""
    if "pandas" in sys.modules:
        return str(sys.modules["pandas"].__version__)
    spec = importlib.util.find_spec("pandas")
    if spec is not None and spec.origin:
        try:
            text = Path(spec.origin).with_name("_version_meson.py").read_text(encoding="utf-8")
        except OSError:
            text = ""
        if found := re.search(r"^__version__\s*=\s*[\"']([^\"']+)", text, re.MULTILINE):
            return found.group(1)
    from importlib.metadata import version

    return version("pandas")
