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
from typing import TYPE_CHECKING, Any

from kano_tui.engine.importing.survey import ImportOptions, SurveyLayout, SurveyTable
from kano_tui.engine.project.safeio import JSON_IMPORT_LIMIT, read_bounded
from kano_tui.errors import SurveyImportError, where
from kano_tui.importers.canonical import is_long_layout
from kano_tui.plugins.hookspecs import hookimpl

if TYPE_CHECKING:  # pandas is imported where it is used (docs/startup.md)
    import pandas as pd

FORMAT = "kano-tui/responses"
LIST_KEYS = ("responses", "respondents")
NESTED_PREFIX = "answers."


def _load(path: Path, shown: str) -> tuple[list[Any], dict[str, str], bool]:
    """The respondent records of a file, the feature names it gives, and whether it may
    hold true or false (the words appear in it)."""
    data = read_bounded(path, "JSON survey files", JSON_IMPORT_LIMIT, SurveyImportError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SurveyImportError(f"{shown} is not UTF-8 text (byte {error.start}).") from None
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        records = []
        for number, line in enumerate(text.rstrip().splitlines(), start=1):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SurveyImportError(
                    f"{shown}, line {number}: not valid JSON ({error.msg}, column {error.colno})."
                ) from None
            except (ValueError, RecursionError) as error:
                raise SurveyImportError(f"{shown}, line {number}: {_unreadable(error)}.") from None
        return records, {}, _booleans(text)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SurveyImportError(
            f"{shown} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except (ValueError, RecursionError) as error:
        raise SurveyImportError(f"{shown}: {_unreadable(error)}.") from None
    if isinstance(document, list):
        return document, {}, _booleans(text)
    if isinstance(document, dict):
        found = next((document[key] for key in LIST_KEYS if key in document), None)
        if isinstance(found, list):
            names = {
                str(f["id"]): str(f["name"])
                for f in document.get("features", [])
                if isinstance(f, dict) and _valid_id(f.get("id")) and f.get("name")
            }
            return found, names, _booleans(text)
    raise SurveyImportError(
        f"{shown} holds no list of respondents: expected a JSON list of "
        'objects, or an object with a "responses" list.'
    )


def _unreadable(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "its JSON is nested too deeply to read"
    return f"it holds a number kano cannot read ({str(error)[:60]})"


def _booleans(text: str) -> bool:
    return "true" in text or "false" in text


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
    raise SurveyImportError(
        f"{where(shown, row, column)}: expected one value, found a {type(value).__name__}."
    )


def read_json_table(path: Path, options: ImportOptions) -> SurveyTable:
    shown = options.shown(path)
    records, names, booleans = _load(path, shown)
    if not records:
        raise SurveyImportError(f"{shown} holds no respondents.")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise SurveyImportError(
                f"{shown}, row {number}: expected an object of "
                f"answers, found {json.dumps(record)[:40]}."
            )
    # pyarrow reads true/false among numbers as 1/0, which would pass for answer codes:
    # a file that may hold them (or just the words) is read one record at a time.
    frame = None if booleans else _frame_by_arrow(records)
    if frame is None:  # mixed value types in a key: one value at a time, naming any problem
        frame = _frame_by_record(records, shown)
    layout: SurveyLayout = "long" if is_long_layout([str(c) for c in frame.columns]) else "wide"
    return SurveyTable(frame=frame, layout=layout, first_data_row=1, feature_names=names)


def _frame_by_record(records: list[dict[str, Any]], shown: str) -> pd.DataFrame:
    import pandas as pd

    rows: list[dict[str, str | None]] = []
    columns: dict[str, None] = {}  # insertion-ordered union of the keys
    for number, record in enumerate(records, start=1):
        flat = _flatten(record)
        rows.append({key: _text(value, shown, number, key) for key, value in flat.items()})
        columns.update(dict.fromkeys(flat))
    return pd.DataFrame.from_records(rows, columns=list(columns)).astype(pd.StringDtype("pyarrow"))


def _frame_by_arrow(records: list[dict[str, Any]]) -> pd.DataFrame | None:
    """The same frame as :func:`_frame_by_record` (columns in first-seen order level by
    level), built by pyarrow in one pass: four times faster. None when a key's values are
    of mixed kinds (text and numbers, a list, an object here and a value there). The
    records must hold no true/false: pyarrow would read them as 1/0 among numbers."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        table = pa.array(records)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None
    columns: dict[str, pa.Array] = {}

    def add(array: pa.Array, name: str) -> bool:
        kind = array.type
        if pa.types.is_struct(kind):  # flatten(): a missing object leaves its keys null
            return all(
                add(child, f"{name}{kind.field(i).name}.")
                for i, child in enumerate(array.flatten())
            )
        name = name[:-1].removeprefix(NESTED_PREFIX)
        if pa.types.is_floating(kind):
            integral = pc.all(pc.equal(pc.floor(array), array)).as_py() is not False
            # -0.0 + 0.0 is 0.0: a whole -0.0 among fractions is "0", as record by record.
            array = array.cast(pa.int64()) if integral else pc.add(array, 0.0)
        if not (
            pa.types.is_string(kind)
            or pa.types.is_large_string(kind)
            or pa.types.is_integer(kind)
            or pa.types.is_floating(kind)
            or pa.types.is_boolean(kind)
            or pa.types.is_null(kind)
        ):
            return False  # a list: the per-record path names its row
        if name in columns:  # "a.b" as a key and as a nested object: let that path decide
            return False
        columns[name] = array.cast(pa.string())
        return True

    try:
        if not add(table, "") or not columns:
            return None
    except (pa.ArrowException, OverflowError):
        return None
    text = pd.StringDtype("pyarrow")
    return pa.table(columns).to_pandas(types_mapper=lambda _: text)


@dataclass(frozen=True)
class JsonImporter:
    name: str = "json"
    description: str = (
        "JSON list of respondents (canonical columns as keys), or a responses-json export"
    )
    extensions: tuple[str, ...] = (".json", ".jsonl", ".ndjson")

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        try:
            return read_json_table(path, options)
        except RecursionError:  # objects within objects, flattened recursively
            raise SurveyImportError(
                f"{options.shown(path)}: its JSON is nested too deeply to read."
            ) from None


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    register(JsonImporter())
