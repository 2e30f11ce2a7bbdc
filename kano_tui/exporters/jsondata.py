"""The ``responses-json`` exporter: every response, with the features they answer.

One JSON document that ``kano import`` reads back (``kano_tui.importers.jsonfile``):

    {"format": "kano-tui/responses", "version": 1,
     "project": {"name": ..., "description": ...},
     "features": [{"id": "calls", "name": "Calls"}, ...],
     "responses": [{"respondent": "r1", "wave": "2026-Q1", "nps": 9, "segment": "...",
                    "calls.functional": "like", "calls.dysfunctional": "dislike",
                    "calls.importance": 8, ...}, ...]}

Answers are written as the canonical tokens (like, expect, neutral, tolerate, dislike),
blanks as null. Importing it into a new project gives the same feature ids and names, the
same responses and so the same figures: the round trip the tests hold it to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kano_tui.engine.importing.answers import TOKENS
from kano_tui.engine.importing.survey import RESPONDENT, WAVE
from kano_tui.engine.project.model import ROLES
from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.engine.project.storage import SCALE_COLUMNS, answer_column
from kano_tui.importers.jsonfile import FORMAT
from kano_tui.plugins.hookspecs import hookimpl
from kano_tui.session.workspace import ExportContext

if TYPE_CHECKING:  # pandas is imported where it is used (docs/startup.md)
    import pandas as pd

VERSION = 1


def _column_values(series: pd.Series, kind: str) -> list[Any]:
    """A stored column as JSON values: tokens for answers, numbers for scales, text else."""
    import pandas as pd

    if kind in ("functional", "dysfunctional"):
        codes = series.to_numpy(dtype=np.int64)
        names = np.array([None, *TOKENS], dtype=object)
        words: list[str | None] = names[np.clip(codes, 0, len(TOKENS))].tolist()
        return words
    if kind == "scale":
        numbers = series.to_numpy(dtype=np.int64)
        return [int(v) if v >= 0 else None for v in numbers]
    return [None if pd.isna(v) else str(v) for v in series.tolist()]


def responses_document(context: ExportContext) -> dict[str, Any]:
    project = context.project
    frame = context.workspace.responses().frame
    columns: list[tuple[str, str]] = []  # (stored column, kind)
    for name in (RESPONDENT, WAVE, *SCALE_COLUMNS):
        if name in frame.columns:
            columns.append((name, "scale" if name in SCALE_COLUMNS else "text"))
    answer_names = {answer_column(f.id, role) for f in project.features for role in ROLES}
    for name in context.workspace.responses().attributes:
        if name != WAVE and name not in answer_names:
            columns.append((name, "text"))
    for feature in project.features:
        for role in ROLES:
            name = answer_column(feature.id, role)
            if name in frame.columns:
                columns.append((name, role if role != "importance" else "scale"))
    values = {name: _column_values(frame[name], kind) for name, kind in columns}
    records = [dict(zip(values, row)) for row in zip(*values.values())] if values else []
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": {"name": project.name, "description": project.description},
        "features": [{"id": f.id, "name": f.name} for f in project.features],
        "responses": records,
    }


@dataclass(frozen=True)
class ResponsesJsonExporter:
    name: str = "responses-json"
    description: str = (
        "Every response with the project's features as JSON; `kano import` reads it back"
    )
    extension: str = ".json"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        text = json.dumps(responses_document(context), indent=1, ensure_ascii=False)
        atomic_write(destination, (text + "\n").encode("utf-8"))
        return [destination]


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(ResponsesJsonExporter())
