"""JSON survey files, and kano's own ``responses-json`` export read back.

Accepted shapes (``.json``; ``.jsonl`` / ``.ndjson`` hold one respondent object a line):

- a list of respondent objects: ``[{"respondent": "r1", "calls.functional": "I like it",
  ...}, ...]``, the keys being the canonical wide (or long) CSV's columns;
- nested answers, flattened with dots: ``{"respondent": "r1", "answers": {"calls":
  {"functional": "like", "dysfunctional": 5, "importance": 8}}}``;
- an object with that list under ``"responses"`` (or ``"respondents"``) and, optionally,
  ``"features": [{"id": ..., "name": ...}]`` naming the features: the
  ``responses-json`` exporter writes exactly this, so a project's responses export and
  import back with the same feature ids, names and figures (docs/importing.md).

"Row N" in an error is the N-th respondent of the list (the line, for JSON Lines).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kano_tui.engine.survey import ImportOptions, SurveyTable
from kano_tui.errors import SurveyImportError, where
from kano_tui.importers.canonical import is_long_layout
from kano_tui.plugins.hookspecs import hookimpl

FORMAT = "kano-tui/responses"
LIST_KEYS = ("responses", "respondents")
NESTED_PREFIX = "answers."


def _load(path: Path, shown: str) -> tuple[list[Any], dict[str, str]]:
    """The respondent records of a file and the feature names it gives."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise SurveyImportError(f"Could not read {shown}: {error.strerror or error}.") from None
    except UnicodeDecodeError as error:
        raise SurveyImportError(f"{shown} is not UTF-8 text (byte {error.start}).") from None
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        records = []
        for number, line in enumerate(text.rstrip().splitlines(), start=1):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SurveyImportError(f"{shown}, line {number}: not valid JSON "
                                        f"({error.msg}, column {error.colno}).") from None
        return records, {}
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SurveyImportError(f"{shown} is not valid JSON (line {error.lineno}, column "
                                f"{error.colno}: {error.msg}).") from None
    if isinstance(document, list):
        return document, {}
    if isinstance(document, dict):
        records = next((document[key] for key in LIST_KEYS if key in document), None)
        if isinstance(records, list):
            names = {str(f["id"]): str(f["name"]) for f in document.get("features", [])
                     if isinstance(f, dict) and _valid_id(f.get("id")) and f.get("name")}
            return records, names
    raise SurveyImportError(f"{shown} holds no list of respondents: expected a JSON list of "
                            "objects, or an object with a \"responses\" list.")


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and value == value.strip() and "." not in value


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name.removeprefix(NESTED_PREFIX)] = value
    return flat


def _text(value: Any, shown: str, row: int, column: str) -> str | None:
    """A JSON value as the text a CSV cell would hold."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (str, int, float)):
        return str(value)
    raise SurveyImportError(f"{where(shown, row, column)}: expected one value, "
                            f"found a {type(value).__name__}.")


def read_json_table(path: Path, options: ImportOptions) -> SurveyTable:
    shown = options.shown(path)
    records, names = _load(path, shown)
    if not records:
        raise SurveyImportError(f"{shown} holds no respondents.")
    rows: list[dict[str, str | None]] = []
    columns: dict[str, None] = {}  # insertion-ordered union of the keys
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise SurveyImportError(f"{shown}, row {number}: expected an object of "
                                    f"answers, found {json.dumps(record)[:40]}.")
        flat = _flatten(record)
        rows.append({key: _text(value, shown, number, key) for key, value in flat.items()})
        columns.update(dict.fromkeys(flat))
    frame = pd.DataFrame.from_records(rows, columns=list(columns)).astype(
        pd.StringDtype("pyarrow"))
    layout = "long" if is_long_layout(list(columns)) else "wide"
    return SurveyTable(frame=frame, layout=layout, first_data_row=1, feature_names=names)


@dataclass(frozen=True)
class JsonImporter:
    name: str = "json"
    description: str = "JSON list of respondents (canonical columns as keys), or a responses-json export"
    extensions: tuple[str, ...] = (".json", ".jsonl", ".ndjson")

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        return read_json_table(path, options)


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    register(JsonImporter())
