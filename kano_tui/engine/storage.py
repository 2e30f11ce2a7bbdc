"""Imported responses on disk: one Arrow IPC (Feather v2, zstd) file per import, under
``responses/``.

Stored columns: ``respondent`` and ``wave`` (text), ``nps`` and ``csat`` (int8, -1 when
blank), one text column per respondent attribute, and per feature
``<id>.functional`` / ``<id>.dysfunctional`` (int8 answer codes, 0 unanswered) and
``<id>.importance`` (int8, -1 blank). Columnar and typed, so loading a million
respondents takes a fraction of a second and reads only the columns asked for. Feather
rather than Parquet: at a million respondents it writes four times faster at the same size
(benchmarks/bench_engine.py) and reads without decoding.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

from kano_tui.engine.model import ROLES, Project
from kano_tui.engine.projectfile import file_mode
from kano_tui.engine.survey import CSAT, NPS, RESPONDENT, WAVE
from kano_tui.errors import ProjectError

RESPONSES_DIR = "responses"
SCALE_COLUMNS = (NPS, CSAT)


def answer_column(feature_id: str, role: str) -> str:
    return f"{feature_id}.{role}"


def is_answer_column(name: str) -> bool:
    return name.rpartition(".")[2] in ROLES and "." in name


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as Feather atomically (temp file in the same directory, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, file_mode(path))  # mkstemp makes 0600; data files get the umask default
    os.close(fd)
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        feather.write_feather(table, tmp, compression="zstd")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Responses:
    """Every imported respondent of a project, as one DataFrame."""

    frame: pd.DataFrame

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def attributes(self) -> list[str]:
        """Columns usable as segments: the respondent attributes, then wave."""
        names = [c for c in self.frame.columns
                 if c not in (RESPONDENT, WAVE, *SCALE_COLUMNS) and not is_answer_column(c)]
        return [*names, WAVE] if WAVE in self.frame.columns else names

    def waves(self) -> list[str]:
        if WAVE not in self.frame.columns:
            return []
        values = self.frame[WAVE].dropna()
        return sorted(v for v in values.unique().tolist() if v != "")

    def answers(self, feature_ids: Sequence[str], role: str) -> np.ndarray:
        """A (respondents, features) int8 matrix of one role; missing columns are blank."""
        blank = 0 if role != "importance" else -1
        out = np.full((len(self.frame), len(feature_ids)), blank, dtype=np.int8)
        for j, feature_id in enumerate(feature_ids):
            column = answer_column(feature_id, role)
            if column in self.frame.columns:
                out[:, j] = self.frame[column].to_numpy(dtype=np.int8)
        return out

    def subset(self, mask: np.ndarray) -> Responses:
        return Responses(self.frame.loc[mask].reset_index(drop=True))


def empty_responses() -> Responses:
    return Responses(pd.DataFrame({RESPONDENT: pd.Series([], dtype="str"),
                                   WAVE: pd.Series([], dtype="str")}))


def load_responses(project: Project, directory: Path,
                   columns: Sequence[str] | None = None) -> Responses:
    """Every import of the project, concatenated; feature columns an import lacks are blank."""
    frames = []
    for record in project.imports:
        path = Path(directory) / record.data_file
        if not path.exists():
            raise ProjectError(
                f"{Path(directory) / 'kano.toml'} lists the import {record.id!r} of "
                f"{record.source}, but its data file {record.data_file} is missing; "
                f"restore it or remove the import with `kano imports {directory} --remove {record.id}`."
            )
        try:
            table = feather.read_table(path, memory_map=True)
            if columns is not None:
                stored = set(table.column_names)  # a set: 10,000 columns made the list slow
                table = table.select([c for c in columns if c in stored])
            frame = table.to_pandas(types_mapper=_text_type, self_destruct=False)
        except (pa.ArrowException, OSError, ValueError, TypeError, KeyError) as error:
            # ValueError covers undecodable pandas metadata (UnicodeDecodeError, bad JSON)
            raise ProjectError(f"The data file {path} is damaged: {error}.") from None
        frames.append(frame)
    if not frames:
        return empty_responses()
    frame = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
    for column in frame.columns:
        if (is_answer_column(column) or column in SCALE_COLUMNS) \
                and frame[column].dtype != np.int8:  # only columns some import lacked
            blank = 0 if column.rpartition(".")[2] in ("functional", "dysfunctional") else -1
            frame[column] = frame[column].fillna(blank).astype(np.int8)
    return Responses(frame)


def _text_type(arrow_type: pa.DataType) -> object:
    return pd.StringDtype("pyarrow") if pa.types.is_string(arrow_type) else None
