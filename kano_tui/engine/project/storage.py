"""Imported responses on disk: one Arrow IPC (Feather v2) file per import, under
``responses/``, uncompressed and in one record batch.

Stored columns: ``respondent`` and ``wave`` (text), ``nps`` and ``csat`` (int8, -1 when
blank), one text column per respondent attribute, and per feature
``<id>.functional`` / ``<id>.dysfunctional`` (int8 answer codes, 0 unanswered) and
``<id>.importance`` (int8, -1 blank). Columnar and typed, so loading a million
respondents takes a fraction of a second and reads only the columns asked for. Feather
rather than Parquet: at a million respondents it writes four times faster at the same size
(benchmarks/bench_engine.py) and reads without decoding. Uncompressed, in one batch: the
file is memory-mapped and every column is read in place, one NumPy view, with nothing to
decompress or concatenate (zstd made files 2.7x smaller -- one byte per answer becomes
about three bits -- but writing them cost 10x and reading them 10x more, the largest
cost of an import and of an analysis at a million respondents). Files written
compressed or in several batches by earlier versions read as before.

Each file also carries, in its schema metadata, the counts an overall analysis is made
of (:data:`COUNTS_KEY`): per feature, how many respondents gave each (functional,
dysfunctional) answer pair and each importance answer. Written with the file, in the same
atomic rename and under the same checksum, so they can never disagree with its answers;
``kano analyze`` of the whole project then reads the counts, not a million answers
(:func:`load_counts`). A file without them (an earlier version's) is counted as before.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

import numpy as np
import pyarrow as pa

from kano_tui.engine.importing.survey import CSAT, NPS, RESPONDENT, WAVE
from kano_tui.engine.project.model import ROLES, ImportRecord, Project
from kano_tui.engine.project.projectfile import file_mode
from kano_tui.engine.project.safeio import check_regular
from kano_tui.engine.project.verified import Verifications
from kano_tui.errors import KanoError, ProjectError

if TYPE_CHECKING:  # made on demand: the respondents table is shown without pandas
    import pandas as pd

RESPONSES_DIR = "responses"
SCALE_COLUMNS = (NPS, CSAT)


def answer_column(feature_id: str, role: str) -> str:
    return f"{feature_id}.{role}"


def is_answer_column(name: str) -> bool:
    return name.rpartition(".")[2] in ROLES and "." in name


IDENTITY_KEY = b"kano.import"  # schema metadata: {"id": ..., "rows": ...} of its import
COUNTS_KEY = b"kano.counts"  # schema metadata: the answer counts of every feature (below)
COUNTS_VERSION = 1
PAIR_CELLS = 36  # (functional, dysfunctional) codes 0-5 each: 0 * 6 + 0 is "unanswered"
BYTE_CELLS = 256  # the int8 importance codes, counted as bytes (blank -1 is 255)


def write_frame(
    frame: pd.DataFrame,
    path: Path,
    identity: dict[str, object] | None = None,
    *,
    replace: bool = True,
) -> str:
    """:func:`write_table` of a DataFrame (``pa.Table.from_pandas``, without its index)."""
    return write_table(
        pa.Table.from_pandas(frame, preserve_index=False), path, identity, replace=replace
    )


def write_table(
    table: pa.Table,
    path: Path,
    identity: dict[str, object] | None = None,
    *,
    replace: bool = True,
) -> str:
    """Write ``table`` as Feather atomically (temp file in the same directory, rename);
    return the file's sha256. ``identity`` (the import's id and row count) is stored in
    the file's schema metadata. ``replace=False`` never overwrites a file already at
    ``path``: FileExistsError instead (a hard link is created, which fails if it exists)."""
    import tempfile  # only to write: reading a project needs none (shutil, random, bz2...)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, file_mode(path))  # mkstemp makes 0600; data files get the umask default
    os.close(fd)
    try:
        # One batch, uncompressed: read back in place, see above. chunksize only caps a
        # batch: a table read by the CSV reader is in 1 MB blocks, and the file would be
        # too (148 batches at a million respondents, each load then copying every column
        # to join them), so its chunks are joined first.
        table = table.combine_chunks()
        metadata = dict(table.schema.metadata or {})
        metadata.pop(COUNTS_KEY, None)  # counted again below: never another table's
        if identity is not None:
            metadata[IDENTITY_KEY] = json.dumps(identity).encode()
        counts = answer_counts(table)
        if counts is not None:
            metadata[COUNTS_KEY] = json.dumps(counts, separators=(",", ":")).encode()
        table = table.replace_schema_metadata(metadata)
        # Feather v2 is the Arrow IPC file format: pa.ipc writes the bytes
        # feather.write_feather(compression="uncompressed") writes, without importing
        # pyarrow.feather (and the pandas glue it brings).
        with pa.OSFile(tmp, "wb") as sink:
            with pa.ipc.new_file(
                sink, table.schema, options=pa.ipc.IpcWriteOptions(compression=None)
            ) as writer:
                writer.write_table(table, max_chunksize=max(table.num_rows, 1))
        # Hashed while it is flushed to disk: neither holds the GIL while it waits.
        hashed: list[str | OSError] = []

        def read_back() -> None:
            try:
                hashed.append(file_sha256(Path(tmp)))
            except OSError as error:  # raised below, in this thread
                hashed.append(error)

        hasher = threading.Thread(target=read_back, name="kano-hash", daemon=True)
        hasher.start()
        try:
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
        finally:
            hasher.join()
        if isinstance(hashed[0], OSError):
            raise hashed[0]
        digest = hashed[0]
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # atomic, and refuses to overwrite
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links: check, then rename
                if os.path.lexists(path):
                    raise FileExistsError(path) from None
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def answer_counts(table: pa.Table) -> dict[str, object] | None:
    """What an analysis of every respondent, of one wave or by wave reads of ``table``'s
    answers, counted once, as the file is written:

    - ``asked``: the features with a functional or dysfunctional column, and ``pairs``,
      for each, the 36 answer-pair cells (``6 * functional + dysfunctional``; a role
      without a column is unanswered, 0);
    - ``rated``: the features with an importance column, and ``importance``, for each,
      how many respondents gave each code from ``low`` to ``high`` (blank is -1);
    - ``waves``: ``{"value", "rows", "pairs", "importance"}`` for each wave label
      respondents have (none for a blank wave), when the table has a text wave column.

    One ``bincount`` per column gives every wave's cells at once (the blank wave's too,
    which complete the overall ones), with the pair codes ``joint_histograms`` counts.
    None if an answer column is not whole numbers (0-5 for the pair, int8 for
    importance): such a file is counted when it is read.
    """
    names = table.schema.names
    present = set(names)  # a set: 10,000 features have 30,000 columns
    asked, rated = _answer_features(names)
    waves = _wave_groups(table)
    groups, labels = waves if waves is not None else (None, [])
    n_groups = len(labels) + 1  # the last: no wave (and everyone, without a wave column)
    wave = None  # each respondent's group (the blank wave last), in the narrowest type
    if groups is not None:
        wave = np.where(groups >= 0, groups, len(labels)).astype(_index_type(n_groups))
        groups = wave * PAIR_CELLS
    blank = np.zeros(table.num_rows, dtype=np.int8)
    pairs = np.zeros((len(asked), n_groups, PAIR_CELLS), dtype=np.int64)
    for j, feature in enumerate(asked):
        roles = (answer_column(feature, "functional"), answer_column(feature, "dysfunctional"))
        f, d = (_codes(table, column, 0, 5) if column in present else blank for column in roles)
        if f is None or d is None:
            return None
        pair = f * np.int8(6) + d  # 0-35: one byte per respondent, as joint_histograms
        index = pair if groups is None else groups + pair
        pairs[j] = np.bincount(index, minlength=n_groups * PAIR_CELLS).reshape(n_groups, -1)
    codes = []
    for feature in rated:
        column = _codes(table, answer_column(feature, "importance"), -128, 127)
        if column is None:
            return None
        codes.append(column)
    low = min((int(c.min()) for c in codes if len(c)), default=0)
    high = max((int(c.max()) for c in codes if len(c)), default=low)
    width = high - low + 1
    importance = np.zeros((len(rated), n_groups, width), dtype=np.int64)
    kind = _index_type(n_groups, width)
    scaled = None if wave is None else wave.astype(kind) * width
    for j, column in enumerate(codes):
        index = column.astype(kind) - low
        if scaled is not None:
            index += scaled
        importance[j] = np.bincount(index, minlength=n_groups * width).reshape(n_groups, -1)
    counts: dict[str, object] = {
        "version": COUNTS_VERSION,
        "rows": int(table.num_rows),
        "asked": asked,
        "rated": rated,
        "low": low,
        "high": high,
        "pairs": pairs.sum(axis=1).tolist(),
        "importance": importance.sum(axis=1).tolist(),
    }
    if wave is not None:
        rows = np.bincount(wave, minlength=n_groups)
        counts["waves"] = [
            {
                "value": label,
                "rows": int(rows[g]),
                "pairs": pairs[:, g].tolist(),
                "importance": importance[:, g].tolist(),
            }
            for g, label in enumerate(labels)
        ]
    return counts


def _index_type(n_groups: int, width: int = PAIR_CELLS) -> type[np.signedinteger]:
    """int16 for cell indexes below 32,768 (half the memory traffic of intp), else intp."""
    return np.int16 if n_groups * max(width, PAIR_CELLS) < 2**15 else np.intp


def _answer_features(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """The features asked (a functional or dysfunctional column) and rated (an
    importance column) among the columns ``names``, in their order: what
    :func:`answer_counts` counts, and what the counts read back must name."""
    asked: dict[str, None] = {}
    rated: list[str] = []
    for name in names:
        if is_answer_column(name):
            feature, _, role = name.rpartition(".")
            if role == "importance":
                rated.append(feature)
            else:
                asked.setdefault(feature)
    return list(asked), rated


def _wave_groups(table: pa.Table) -> tuple[np.ndarray, list[str]] | None:
    """Each respondent's wave as an index into the wave labels respondents have (-1 for
    a blank one: none, whitespace or empty), or None if the table has no text wave."""
    if WAVE not in table.schema.names:
        return None
    column = table.column(WAVE)
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return None
    encoded = column.combine_chunks().dictionary_encode() if len(column) else None
    if encoded is None:
        return np.zeros(0, dtype=np.int64), []
    values = encoded.dictionary.to_pylist()
    labels = sorted({v for v in values if v is not None and v.strip()})
    position = {label: k for k, label in enumerate(labels)}
    remap = np.array([position.get(v, -1) if v is not None else -1 for v in values] + [-1])
    codes = integers(encoded.indices, -1).astype(np.int64)
    return remap[codes], labels


def _codes(table: pa.Table, column: str, low: int, high: int) -> np.ndarray | None:
    """A stored answer column as int8 (blanks as :func:`_combine` fills them), or None
    if it is not whole numbers from ``low`` to ``high``."""
    data = table.column(column)
    if not pa.types.is_integer(data.type):
        return None
    values = _to_numpy(data, _blank(column.rpartition(".")[2]))
    if len(values) and (values.min() < low or values.max() > high):
        return None
    return values.astype(np.int8, copy=False)


def file_sha256(path: Path) -> str:
    import hashlib  # only when a checksum is computed: a remembered verification needs none

    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Responses:
    """Every imported respondent of a project.

    Held as an Arrow table, as stored: counting respondents, filtering them, listing waves
    and building the answer matrices read it directly, so browsing a million respondents
    never waits for pandas to be imported or for a DataFrame to be built. :attr:`frame` is
    the same data as a pandas DataFrame, made on first use (classifiers and exporters work
    on DataFrames). ``Responses(frame)`` wraps a DataFrame.
    """

    def __init__(self, frame: pd.DataFrame | None = None, *, table: pa.Table | None = None) -> None:
        if (frame is None) == (table is None):
            raise TypeError("Responses takes a DataFrame or an Arrow table")
        if table is None:
            table = pa.Table.from_pandas(frame, preserve_index=False)
        self.table: pa.Table = table
        self._frame = frame
        self._making_frame = threading.Lock()

    @property
    def frame(self) -> pd.DataFrame:
        """The respondents as a DataFrame (text Arrow-backed, answers int8)."""
        if self._frame is None:
            with self._making_frame:  # two threads asking at once convert once
                if self._frame is None:
                    self._frame = self.table.to_pandas(types_mapper=_text_type)
        return self._frame

    def series(self, column: str) -> pd.Series:
        """One column as a pandas Series (without making the whole DataFrame)."""
        if self._frame is not None:
            return self._frame[column]
        index = self.table.schema.get_field_index(column)
        return self.table.select([index]).to_pandas(types_mapper=_text_type).iloc[:, 0]

    def __len__(self) -> int:
        return int(self.table.num_rows)

    @property
    def columns(self) -> list[str]:
        return list(self.table.column_names)

    def __contains__(self, column: object) -> bool:
        return column in self.table.schema.names

    @property
    def attributes(self) -> list[str]:
        """Columns usable as segments: the respondent attributes, then wave."""
        names = [
            c
            for c in self.columns
            if c not in (RESPONDENT, WAVE, *SCALE_COLUMNS) and not is_answer_column(c)
        ]
        return [*names, WAVE] if WAVE in self else names

    def values(self, column: str) -> list[object]:
        """The distinct values of a column, blanks left out, in no particular order."""
        import pyarrow.compute as pc

        return [
            v
            for v in pc.unique(self.table.column(column)).to_pylist()
            if v is not None and v == v and str(v).strip()
        ]

    def waves(self) -> list[str]:
        if WAVE not in self:
            return []
        return sorted(str(v) for v in self.values(WAVE))

    def numbers(self, column: str, blank: int = -1) -> np.ndarray:
        """A numeric column as int64, ``blank`` where empty; all blank if it is missing."""
        if column not in self:
            return np.full(len(self), blank, dtype=np.int64)
        return _to_numpy(self.table.column(column), blank).astype(np.int64)

    def answers(self, feature_ids: Sequence[str], role: str) -> np.ndarray:
        """A (respondents, features) int8 matrix of one role; missing columns are blank.

        Column-major, so that each feature's answers are contiguous."""
        out = np.full((len(self), len(feature_ids)), _blank(role), dtype=np.int8, order="F")
        for j, feature_id in enumerate(feature_ids):
            if answer_column(feature_id, role) in self:
                out[:, j] = self.answer_codes(feature_id, role)
        return out

    def answer_codes(self, feature_id: str, role: str) -> np.ndarray:
        """One feature's answers of one role (int8, read-only; blank if not asked)."""
        column = answer_column(feature_id, role)
        if column not in self:
            return np.full(len(self), _blank(role), dtype=np.int8)
        return _to_numpy(self.table.column(column), _blank(role))

    def answered(self, feature_ids: Sequence[str], role: str) -> list[bool]:
        """Whether each feature has a column of this role at all."""
        return [answer_column(feature_id, role) in self for feature_id in feature_ids]

    def matches(self, column: str, value: object) -> np.ndarray:
        """A boolean mask: the respondents whose ``column`` reads as ``str(value)``
        (blank cells never match)."""
        import pyarrow.compute as pc

        if column not in self:
            raise KanoError(f"There is no respondent column {column!r} to filter on.")
        data, text = self.table.column(column), str(value)
        if pa.types.is_dictionary(data.type):
            # Compare the few dictionary values, then the codes: comparing a million
            # dictionary-encoded cells directly decodes every one of them first.
            array = data.combine_chunks() if data.num_chunks != 1 else data.chunk(0)
            if len(array) == 0:
                return np.zeros(0, dtype=bool)
            labels = array.dictionary
            if not pa.types.is_string(labels.type) and not pa.types.is_large_string(labels.type):
                labels = labels.cast(pa.string())
            # The few labels compared in Python: a compute call on them imports pandas.
            hits = [i for i, label in enumerate(labels.to_pylist()) if label == text]
            return np.isin(_to_numpy(array.indices, -1), hits)
        if not pa.types.is_string(data.type) and not pa.types.is_large_string(data.type):
            data = data.cast(pa.string())
        return booleans(pc.equal(data, text))

    def subset(self, mask: np.ndarray) -> Responses:
        return Responses(table=self.table.filter(pa.array(np.asarray(mask, dtype=bool))))


def _blank(role: str) -> int:
    """The code of an unanswered question: 0 for the Kano pair, -1 for importance."""
    return -1 if role == "importance" else 0


_INTEGERS = {pa.int8(): np.int8, pa.int16(): np.int16, pa.int32(): np.int32, pa.int64(): np.int64}


def _to_numpy(column: pa.ChunkedArray | pa.Array, blank: int) -> np.ndarray:
    """Integer cells as a NumPy array, ``blank`` where empty.

    Read straight from the Arrow buffers: pyarrow's own conversion imports pandas, which
    would make the respondents table wait half a second for it."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    parts = []
    for chunk in chunks:
        dtype = _INTEGERS.get(chunk.type)
        if dtype is None:
            if chunk.null_count:
                chunk = chunk.fill_null(blank)
            parts.append(chunk.to_numpy(zero_copy_only=False))
            continue
        width = np.dtype(dtype).itemsize
        values = np.frombuffer(
            chunk.buffers()[1], dtype=dtype, count=len(chunk), offset=chunk.offset * width
        )
        if chunk.null_count:  # blank under the nulls (fill_null would import pandas)
            values = np.where(_validity(chunk), values, blank).astype(dtype, copy=False)
        parts.append(values)
    if not parts:
        return np.zeros(0, dtype=np.int8)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


integers = _to_numpy  # for the engine's other readers of Arrow columns


def narrowed(column: pa.ChunkedArray | pa.Array, blank: int) -> np.ndarray:
    """Whole numbers known to fit int8 (answer codes) as a new, writable int8 array,
    ``blank`` where empty: each chunk narrowed straight into its place, in one pass
    (a CSV's column is a hundred chunks of int16)."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    out = np.empty(sum(len(chunk) for chunk in chunks), dtype=np.int8)
    position = 0
    for chunk in chunks:
        target = out[position : position + len(chunk)]
        position += len(chunk)
        dtype = _INTEGERS.get(chunk.type)
        if dtype is None:
            np.copyto(target, _to_numpy(chunk, blank), casting="unsafe")
            continue
        width = np.dtype(dtype).itemsize
        values = np.frombuffer(
            chunk.buffers()[1], dtype=dtype, count=len(chunk), offset=chunk.offset * width
        )
        np.copyto(target, values, casting="unsafe")  # in range: exact
        if chunk.null_count:
            np.copyto(target, blank, where=~_validity(chunk))
    return out


def _validity(chunk: pa.Array) -> np.ndarray:
    """Which cells of ``chunk`` hold a value (its validity bitmap, unpacked)."""
    bitmap = chunk.buffers()[0]
    if bitmap is None:
        return np.ones(len(chunk), dtype=bool)
    bits = np.unpackbits(np.frombuffer(bitmap, dtype=np.uint8), bitorder="little")
    return bits[chunk.offset : chunk.offset + len(chunk)].astype(bool)


def booleans(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A boolean Arrow column as NumPy bools (nulls False), unpacked from its bits: no
    pyarrow conversion, which imports pandas."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    parts = []
    for chunk in chunks:
        if chunk.null_count:
            chunk = chunk.fill_null(False)
        bits = np.frombuffer(chunk.buffers()[1], dtype=np.uint8)
        unpacked = np.unpackbits(bits, bitorder="little")
        parts.append(unpacked[chunk.offset : chunk.offset + len(chunk)].astype(bool))
    if not parts:
        return np.zeros(0, dtype=bool)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def empty_responses() -> Responses:
    return Responses(
        table=pa.table({RESPONDENT: pa.array([], pa.string()), WAVE: pa.array([], pa.string())})
    )


def load_responses(
    project: Project, directory: Path, columns: Sequence[str] | None = None
) -> Responses:
    """Every import of the project, concatenated; feature columns an import lacks are blank.

    ``columns`` keeps only those (the ones a file lacks are left out): a one-off analysis
    never pages in the respondents' ids and attributes (a file compressed by an earlier
    version is decompressed whole).
    """
    verified = Verifications(Path(directory) / RESPONSES_DIR) if project.imports else None
    try:
        tables = [_import_table(record, directory, columns, verified) for record in project.imports]
    finally:
        if verified is not None:
            verified.save()  # what was verified before a refusal too
    if not tables:
        return empty_responses()
    # One chunk per column (Feather stores 64k-row batches): every later read of a
    # column is then one NumPy view, not a loop over chunks.
    return Responses(table=_combine(tables).combine_chunks())


def _import_table(
    record: ImportRecord,
    directory: Path,
    columns: Sequence[str] | None,
    verified: Verifications | None,
) -> pa.Table:
    """One import's table (``columns`` of it), refused when missing, foreign or damaged."""
    path = _data_path(record, directory)
    try:
        check_identity(record, path, directory, verified)
        table = _read_table(path, columns)
    except (pa.ArrowException, OSError, ValueError, TypeError, KeyError) as error:
        raise ProjectError(f"The data file {path} is damaged: {error}.") from None
    _check_table(table, record, path, directory)
    return table


def _data_path(record: ImportRecord, directory: Path) -> Path:
    """The data file of ``record``, refused when it is missing or not a regular file."""
    path = Path(directory) / record.data_file
    if not path.exists():
        raise ProjectError(
            f"{Path(directory) / 'kano.toml'} lists the import {record.id!r} of "
            f"{record.source}, but its data file {record.data_file} is missing; "
            f"restore it or remove the import with `kano imports {directory} --remove {record.id}`."
        )
    check_regular(path, "data files", ProjectError)  # never a FIFO or a device
    return path


def _check_table(table: pa.Table, record: ImportRecord, path: Path, directory: Path) -> None:
    """Refuse a data file with another row count than kano.toml's, or answers not codes."""
    if table.num_rows != record.rows:
        raise _foreign(
            record, path, directory, f"it holds {table.num_rows} respondents, not {record.rows}"
        )
    for schema_field in table.schema:
        if (
            is_answer_column(schema_field.name) or schema_field.name in SCALE_COLUMNS
        ) and not pa.types.is_integer(schema_field.type):
            raise ProjectError(
                f"The data file {path} is damaged: its column "
                f"{schema_field.name!r} holds {schema_field.type} values, "
                "not answer codes."
            )


class AnswerCounts:
    """Every import's answer counts together (:func:`load_counts`): the respondents, and
    per feature the (functional, dysfunctional) pair cells and the importance cells an
    overall analysis is made of -- the same numbers ``joint_histograms`` and
    ``importance_histograms`` count from the answers. An import without a feature's
    columns counts its respondents as unanswered, as :func:`load_responses` does.
    ``waves`` holds the same for each wave label respondents have, in label order (None
    when an import has a wave column whose counts it does not carry)."""

    def __init__(
        self,
        rows: int,
        pairs: dict[str, np.ndarray],
        importance: dict[str, np.ndarray],
        waves: dict[str, AnswerCounts] | None = None,
    ) -> None:
        self.rows = rows
        self.pairs = pairs  # feature -> 36 cells (int64)
        self.importance = importance  # feature -> 256 cells of the codes as bytes
        self.waves = waves

    def __len__(self) -> int:
        return self.rows

    def answered(self, feature_ids: Sequence[str], role: str) -> list[bool]:
        """Whether some import has a column of this role for each feature (as
        :meth:`Responses.answered`)."""
        held = self.importance if role == "importance" else self.pairs
        return [feature_id in held for feature_id in feature_ids]

    def joint(self, feature_ids: Sequence[str]) -> np.ndarray:
        """Histograms (1, n_features, 6, 6), as ``joint_histograms`` without groups."""
        out = np.zeros((1, len(feature_ids), PAIR_CELLS), dtype=np.int64)
        for j, feature_id in enumerate(feature_ids):
            cells = self.pairs.get(feature_id)
            if cells is None:
                out[0, j, 0] = self.rows  # no import asked it: everyone unanswered
            else:
                out[0, j] = cells
        return out.reshape(1, len(feature_ids), 6, 6)

    def importance_cells(self, feature_ids: Sequence[str], scale_max: int) -> np.ndarray:
        """Histograms (1, n_features, scale_max + 1), as ``importance_histograms``
        without groups: the scale's answers 1..scale_max, every other code left out."""
        width = scale_max + 1
        out = np.zeros((1, len(feature_ids), width), dtype=np.int64)
        for j, feature_id in enumerate(feature_ids):
            cells = self.importance.get(feature_id)
            if cells is not None:
                out[0, j, 1:] = cells[1:width]
        return out


# One import's counts, parsed: (respondents, pair cells (asked x 36), importance cells as
# bytes (rated x 256)); and a file's: that, its asked and rated features, and the same
# per wave label (None for the waves when its wave column's are not stored).
_Part = tuple[int, np.ndarray, np.ndarray]
_FileCounts = tuple[_Part, list[str], list[str], dict[str, _Part] | None]


def load_counts(project: Project, directory: Path) -> AnswerCounts | None:
    """The answer counts of every import, read from the data files' own metadata, without
    reading an answer: what ``kano analyze`` of the whole project, or of its waves, needs.
    Each file is checked as :func:`load_responses` checks it (present, a regular file, its
    identity and checksum, its row count, its column types); None when the project has no
    import or a file carries no counts that add up (an earlier version's file), so that
    the caller counts the answers instead."""
    if not project.imports:
        return None
    verified = Verifications(Path(directory) / RESPONSES_DIR)
    files: list[_FileCounts] = []
    try:
        for record in project.imports:
            counted = _import_counts(record, directory, verified)
            if counted is None:
                return None
            files.append(counted)
    finally:
        verified.save()
    asked = sorted({feature for file in files for feature in file[1]})
    rated = sorted({feature for file in files for feature in file[2]})
    every = _summed([(file[0], file[1], file[2]) for file in files], asked, rated)
    waves: dict[str, AnswerCounts] | None = None
    if all(file[3] is not None for file in files):
        by_label: dict[str, list[tuple[_Part, list[str], list[str]]]] = {}
        for _, file_asked, file_rated, file_waves in files:
            for label, part in (file_waves or {}).items():
                by_label.setdefault(label, []).append((part, file_asked, file_rated))
        waves = {label: _summed(by_label[label], asked, rated) for label in sorted(by_label)}
    every.waves = waves
    return every


def _summed(
    parts: list[tuple[_Part, list[str], list[str]]], asked: list[str], rated: list[str]
) -> AnswerCounts:
    """The counts of ``parts`` (each with the features its file asked and rated) added
    up, for the features ``asked`` and ``rated`` by any import: where a file lacks one,
    its respondents are unanswered (blank importance)."""
    row_of = {feature: k for k, feature in enumerate(asked)}
    rate_of = {feature: k for k, feature in enumerate(rated)}
    pairs = np.zeros((len(asked), PAIR_CELLS), dtype=np.int64)
    importance = np.zeros((len(rated), BYTE_CELLS), dtype=np.int64)
    for (rows, part_pairs, part_importance), part_asked, part_rated in parts:
        pairs[:, 0] += rows  # unanswered, unless the part's own cells say otherwise:
        into = np.array([row_of[f] for f in part_asked], dtype=np.intp)
        pairs[into, 0] -= rows
        pairs[into] += part_pairs
        importance[:, BYTE_CELLS - 1] += rows  # blank (-1), likewise
        into = np.array([rate_of[f] for f in part_rated], dtype=np.intp)
        importance[into, BYTE_CELLS - 1] -= rows
        importance[into] += part_importance
    rows = sum(part[0][0] for part in parts)
    return AnswerCounts(
        rows,
        dict(zip(asked, pairs, strict=True)),
        dict(zip(rated, importance, strict=True)),
    )


def _import_counts(
    record: ImportRecord, directory: Path, verified: Verifications
) -> _FileCounts | None:
    """One import's counts, checked as :func:`_import_table` checks its table; None if
    the file carries no counts, or counts that do not add up to its respondents or name
    other columns than it has."""
    path = _data_path(record, directory)
    try:
        with pa.memory_map(str(path)) as source:
            reader = pa.ipc.open_file(source)
            metadata = reader.schema.metadata or {}
            if COUNTS_KEY not in metadata:
                return None  # checked (and hashed) by the load that counts its answers
            table = reader.read_all()  # one batch, uncompressed: nothing is read
        check_identity(record, path, directory, verified)
    except (pa.ArrowException, OSError, ValueError, TypeError, KeyError) as error:
        raise ProjectError(f"The data file {path} is damaged: {error}.") from None
    _check_table(table, record, path, directory)
    try:
        counts = json.loads(metadata[COUNTS_KEY])
    except ValueError:
        return None
    return _parsed_file(counts, table.schema.names, table.num_rows)


def _parsed_file(counts: object, names: list[str], rows: int) -> _FileCounts | None:
    """:func:`answer_counts`'s counts of a file with columns ``names`` and ``rows``
    respondents, as arrays; None unless they are exactly that: this version's, naming the
    features the columns hold, every feature's cells adding up to its respondents."""
    if not isinstance(counts, dict) or counts.get("version") != COUNTS_VERSION:
        return None
    if counts.get("rows") != rows:
        return None
    asked, rated = counts.get("asked"), counts.get("rated")
    if not _names(asked) or not _names(rated):
        return None
    paired, given = _answer_features(names)
    if set(asked) != set(paired) or set(rated) != set(given):
        return None
    low, high = counts.get("low"), counts.get("high")
    if not _whole(low) or not _whole(high) or not -128 <= low <= high <= 127:
        return None
    shape = (len(asked), len(rated), high - low + 1)
    overall = _parsed_part(counts, rows, shape, low)
    if overall is None:
        return None
    if WAVE not in names:
        return (overall, asked, rated, {}) if "waves" not in counts else None
    if "waves" not in counts:
        return (overall, asked, rated, None)  # a wave column whose counts are not kept
    entries = counts["waves"]
    if not isinstance(entries, list):
        return None
    waves: dict[str, _Part] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            return None
        label, wave_rows = entry.get("value"), entry.get("rows")
        if not isinstance(label, str) or not label.strip() or label in waves:
            return None
        if not _whole(wave_rows) or wave_rows < 0:
            return None
        part = _parsed_part(entry, wave_rows, shape, low)
        if part is None:
            return None
        waves[label] = part
    if sum(part[0] for part in waves.values()) > rows:
        return None
    return (overall, asked, rated, waves)


def _parsed_part(
    counts: dict[str, object], rows: int, shape: tuple[int, int, int], low: int
) -> _Part | None:
    """The ``pairs`` and ``importance`` of one part (a file, a wave) as arrays: pairs
    (asked x 36), importance (rated x 256, each code in its byte's cell); None unless
    they have ``shape`` and every feature's cells are counts adding up to ``rows``."""
    pairs = _matrix(counts.get("pairs"), shape[0], PAIR_CELLS)
    given = _matrix(counts.get("importance"), shape[1], shape[2])
    if pairs is None or given is None:
        return None
    if (pairs.sum(axis=1) != rows).any() or (given.sum(axis=1) != rows).any():
        return None
    importance = np.zeros((shape[1], BYTE_CELLS), dtype=np.int64)
    importance[:, np.arange(low, low + shape[2]) % BYTE_CELLS] = given
    return rows, pairs, importance


def _matrix(value: object, height: int, width: int) -> np.ndarray | None:
    """A list of ``height`` lists of ``width`` non-negative whole numbers, as an array."""
    if not isinstance(value, list) or len(value) != height:
        return None
    if height == 0:
        return np.zeros((0, width), dtype=np.int64)
    try:
        array = np.array(value)
    except (ValueError, TypeError, OverflowError):  # ragged, or not numbers
        return None
    if array.dtype.kind not in "iu" or array.shape != (height, width) or (array < 0).any():
        return None
    return array.astype(np.int64)


def _names(value: object) -> TypeGuard[list[str]]:
    return (
        isinstance(value, list)
        and all(isinstance(v, str) for v in value)
        and len(set(value)) == len(value)
    )


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def check_identity(
    record: ImportRecord, path: Path, directory: Path, verified: Verifications | None = None
) -> None:
    """Refuse a data file that is not the one kano.toml records for ``record``: one
    copied in from another import or another project would silently change every
    figure. The file's own identity (import id, rows) names what it is; its checksum,
    recorded in kano.toml, proves it is the file written then. Projects from before
    identities were recorded are checked only for their row count.

    Hashing reads the whole file, so with ``verified`` a successful check is remembered
    under the file's stat (device, inode, size, mtime, ctime) and the file is hashed
    again only when one of those differs: a replaced, copied-in, touched or rewritten
    file is always hashed. The trade-off is explained in ``verified``."""
    with pa.memory_map(str(path)) as source:
        metadata = pa.ipc.open_file(source).schema.metadata or {}
    try:
        identity = json.loads(metadata.get(IDENTITY_KEY, b"{}"))
    except ValueError:
        identity = {}
    if not isinstance(identity, dict):
        identity = {}
    if identity.get("id", record.id) != record.id:
        raise _foreign(
            record,
            path,
            directory,
            f"it is the data file of import {str(identity.get('id'))[:40]!r}",
        )
    if identity.get("rows", record.rows) != record.rows:
        raise _foreign(
            record,
            path,
            directory,
            f"it holds {identity.get('rows')} respondents, not {record.rows}",
        )
    if not record.data_sha256:
        return
    before = os.stat(path)
    if verified is not None and verified.confirms(record.data_file, record.data_sha256, before):
        return
    if verified is not None:
        verified.read_clock()  # before hashing: a change from now on moves the ctime
    if file_sha256(path) != record.data_sha256:
        raise _foreign(record, path, directory, "its checksum is not the one recorded")
    if verified is not None:
        verified.remember(record.data_file, record.data_sha256, before, os.stat(path))


def _foreign(record: ImportRecord, path: Path, directory: Path, why: str) -> ProjectError:
    return ProjectError(
        f"The data file {path} does not belong to the import {record.id!r} of "
        f"{record.source} that kano.toml records ({why}): it was replaced or copied in from "
        f"another import or project; restore the original, or remove the import with "
        f"`kano imports {directory} --remove {record.id}`."
    )


def _read_table(path: Path, columns: Sequence[str] | None) -> pa.Table:
    """The file's table, without the schema's pandas metadata: kano's own column types
    say how to make a DataFrame, and a damaged (or crafted) file's metadata is not read."""
    # Every column memory-mapped, then the ones asked for selected: nothing is copied
    # (feather.read_table(columns=...) copies each column it reads, 57 MB at a million
    # respondents), and the columns left out are never paged in. pa.ipc reads Feather v2
    # files as they are (pyarrow.feather would import its pandas glue: 10 ms).
    with pa.memory_map(str(path)) as source:
        table = pa.ipc.open_file(source).read_all().replace_schema_metadata(None)
    if columns is None:
        return table
    stored = set(table.schema.names)  # a set: 10,000 columns
    # None of them stored here: no columns, but the respondents still count.
    return table.select([c for c in dict.fromkeys(columns) if c in stored])


def _combine(tables: list[pa.Table]) -> pa.Table:
    """One table of every import's respondents: a column an import lacks is blank there
    (answers 0, scales and importance -1, text null)."""
    if not any(table.num_columns for table in tables):  # none of the columns asked for
        rows = sum(table.num_rows for table in tables)  # (concatenating would lose rows)
        return pa.table({"": pa.nulls(rows)}).select([])
    if len(tables) > 1:
        kinds: dict[str, set[pa.DataType]] = {}
        for table in tables:
            for schema_field in table.schema:
                kinds.setdefault(schema_field.name, set()).add(schema_field.type)
        mixed = {name for name, types in kinds.items() if len(types) > 1}
        if mixed:  # e.g. a wave stored dictionary-encoded by one import, plain by another
            tables = [_decoded(table, mixed) for table in tables]
        tables = [_widened(table) for table in tables]
        table = pa.concat_tables(tables, promote_options="permissive")
    else:
        table = tables[0]
    for index, name in enumerate(table.column_names):
        column = table.column(index)
        if (is_answer_column(name) or name in SCALE_COLUMNS) and (
            column.null_count or column.type != pa.int8()
        ):
            blank = 0 if name.rpartition(".")[2] in ("functional", "dysfunctional") else -1
            table = table.set_column(index, name, column.fill_null(blank).cast(pa.int8()))
    return table


def _widened(table: pa.Table) -> pa.Table:
    """``table`` with 32-bit dictionary indices: each import stores the narrowest that
    holds its own values (int8 for 91 respondent ids), and the imports' dictionaries
    joined may need more (363 ids of the four reppl cohorts would not fit int8)."""
    for index, schema_field in enumerate(table.schema):
        kind = schema_field.type
        if pa.types.is_dictionary(kind) and kind.index_type.bit_width < 32:
            wide = pa.dictionary(pa.int32(), kind.value_type, kind.ordered)
            table = table.set_column(index, schema_field.name, table.column(index).cast(wide))
    return table


def _decoded(table: pa.Table, names: set[str]) -> pa.Table:
    for index, name in enumerate(table.column_names):
        column = table.column(index)
        if name in names and pa.types.is_dictionary(column.type):
            table = table.set_column(index, name, column.cast(column.type.value_type))
    return table


def _text_type(arrow_type: pa.DataType) -> object:
    if not pa.types.is_string(arrow_type):
        return None
    import pandas as pd

    return pd.StringDtype("pyarrow")
