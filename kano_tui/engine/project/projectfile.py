"""Reading and writing ``kano.toml``.

Read with :mod:`tomllib`, written with :mod:`tomli_w`; deterministic (fields in model
order, lists in user order) so that a diff shows what changed. Conversion between the
dataclasses and plain TOML values is generic and happens here only: numpy scalars become
Python numbers and ``None`` is dropped (TOML has no null) in :func:`to_plain`.
Unknown keys are kept in each object's ``extra`` and written back -- those of the
``[project]`` table under ``Project.extra["project"]``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import math
import os
import re
import stat
import tomllib
import types
import typing
from pathlib import Path
from typing import Any

from kano_tui.engine.project import model
from kano_tui.engine.project.model import (
    EVIDENCE_LEVELS,
    ROLES,
    STATUSES,
    ColumnMapping,
    Feature,
    ImportRecord,
    KpiPeriod,
    Persona,
    Project,
    SegmentQuestion,
    Settings,
    Stage,
    TableDefinition,
    Touchpoint,
)
from kano_tui.engine.project.safeio import PROJECT_FILE_LIMIT, read_bounded
from kano_tui.errors import ProjectError

SCHEMA_VERSION = 1
PROJECT_FILE = "kano.toml"
MAX_DEPTH = 32  # tables and arrays within each other; deeper is refused (it cannot be saved)

# Where each part of the model lives in the file, in the order it is written. Lists of
# small tables (stages, mappings) are nested under a table of their own, because tomli-w
# writes short tables inline and TOML puts top-level values before every [table].
_SECTIONS: dict[str, tuple[tuple[str, ...], type]] = {
    "settings": (("settings",), Settings),
    "features": (("features",), Feature),
    "stages": (("journey", "stages"), Stage),
    "touchpoints": (("journey", "touchpoints"), Touchpoint),
    "personas": (("journey", "personas"), Persona),
    "kpi_periods": (("advocacy", "kpi_periods"), KpiPeriod),
    "mappings": (("responses", "mappings"), ColumnMapping),
    "segments": (("questionnaire", "segments"), SegmentQuestion),
    "imports": (("responses", "imports"), ImportRecord),
    "evaluation_tables": (("evaluation_tables",), TableDefinition),
}
_CONTAINERS = ("journey", "advocacy", "responses", "questionnaire")


# --------------------------------------------------------------------------- writing


def to_plain(value: Any) -> Any:
    """Turn model values into what tomli-w writes: no None, no numpy, no dataclasses."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if f.name == "extra":
                continue
            plain = to_plain(getattr(value, f.name))
            if plain is not None:
                out[f.name] = plain
        for key, extra in getattr(value, "extra", {}).items():
            plain = to_plain(extra)
            if plain is not None and key not in out:
                out[key] = plain
        return out
    if isinstance(value, dict):
        plain = {str(k): p for k, v in value.items() if (p := to_plain(v)) is not None}
        return plain or None  # an empty table is noise in the file
    if isinstance(value, (list, tuple)):
        return [p for v in value if (p := to_plain(v)) is not None]
    if value is None or isinstance(value, (str, bool, dt.date, dt.datetime, dt.time)):
        return value
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, int):
        return value
    raise TypeError(f"cannot write {type(value).__name__} to kano.toml")


def project_to_toml(project: Project) -> str:
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "project": to_plain(
            {"name": project.name, "description": project.description, **_header_extra(project)}
        ),
    }
    for attribute, (path, _) in _SECTIONS.items():
        value = to_plain(getattr(project, attribute))
        if not value and attribute != "settings":
            continue
        table = document
        for key in path[:-1]:
            table = table.setdefault(key, {})
        table[path[-1]] = value if value is not None else {}
    for key, value in project.extra.items():
        plain = to_plain(value)
        if key in _CONTAINERS and isinstance(plain, dict):
            document.setdefault(key, {})
            for inner, inner_value in plain.items():
                document[key].setdefault(inner, inner_value)
        elif key not in document and plain is not None:
            document[key] = plain
    try:
        import tomli_w  # only to write: reading a project needs none

        return tomli_w.dumps(document, multiline_strings=False, indent=2)
    except RecursionError:
        raise ProjectError(
            f"The project cannot be saved: a value in it is nested more "
            f"than {MAX_DEPTH} levels deep."
        ) from None


def _header_extra(project: Project) -> dict[str, Any]:
    """The unknown keys of the ``[project]`` table (kept under ``extra["project"]``)."""
    header = project.extra.get("project")
    if not isinstance(header, dict):
        return {}
    return {k: v for k, v in header.items() if k not in ("name", "description")}


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    Temp file in the same directory, fsync, rename, fsync the directory. On failure the
    old file is untouched and the temp file is removed.
    """
    path = Path(path)
    import tempfile  # shutil and friends: only a command that writes pays for them

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, file_mode(path))  # mkstemp makes 0600; keep what the file had
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def file_mode(path: Path) -> int:
    """The permission bits a rewrite of ``path`` should get: its current ones, or the
    umask's default for a new file."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def save_project(project: Project, directory: Path) -> None:
    """Validate and atomically write ``kano.toml``; a failure leaves the old file intact.

    A read-only ``kano.toml`` is not replaced (a rename would do it whatever its mode);
    a ``kano.toml`` that is a symbolic link is written where the link points."""
    validate(project)
    path = Path(directory) / PROJECT_FILE
    text = project_to_toml(project)
    if path.is_symlink():
        path = path.resolve()
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and not mode & stat.S_IWUSR:
        raise ProjectError(
            f"Could not save {path}: the file is read-only; nothing was saved "
            f"(make it writable with `chmod u+w {path}` to save)."
        )
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        raise ProjectError(
            f"Could not save {path}: {reason}; the previous file is unchanged."
        ) from None


# --------------------------------------------------------------------------- reading


class _Reader:
    """Converts a parsed TOML document to the model, naming the line of any mistake."""

    def __init__(self, text: str, path: Path) -> None:
        self.lines = text.splitlines()
        self.path = path

    def line_of(self, dotted: str) -> int | None:
        """Best-effort line of the key ``dotted`` names (``journey.touchpoints[2].emotion``)."""
        match = re.match(
            r"^(?P<table>[^\[]+?)(?:\[(?P<index>\d+)\])?(?:\.(?P<leaf>[^.\[]+))?$", dotted
        )
        if not match:
            return None
        table, index, leaf = match["table"], match["index"], match["leaf"]
        if index is None and leaf is None and "." in table:
            table, _, leaf = table.rpartition(".")
        start = 0
        if index is not None:
            headers = [i for i, line in enumerate(self.lines) if line.strip() == f"[[{table}]]"]
            if int(index) < len(headers):
                start = headers[int(index)]
            else:  # an inline array: key = [ ... ], one item a line
                parent, _, key = table.rpartition(".")
                start = self._find(key, self._table_start(parent)) or 0
                start += int(index) + 1 if start else 0
        else:
            start = self._table_start(table) if leaf else 0
            leaf = leaf or table
        if leaf is None:
            return start + 1
        found = self._find(leaf, start)
        return (found if found is not None else start) + 1

    def _table_start(self, table: str) -> int:
        for i, line in enumerate(self.lines):
            if line.strip() == f"[{table}]":
                return i
        return 0

    def _find(self, key: str, start: int) -> int | None:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for i in range(start, len(self.lines)):
            if pattern.match(self.lines[i]):
                return i
        return None

    def fail(self, dotted: str, message: str) -> typing.NoReturn:
        line = self.line_of(dotted)
        at = f" (line {line})" if line else ""
        raise ProjectError(f"{self.path}{at}: {dotted} {message}.")

    def convert(self, hint: Any, value: Any, dotted: str) -> Any:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(hint) if a is not type(None)]
            return self.convert(options[0], value, dotted)
        if origin is list:
            if not isinstance(value, list):
                self.fail(dotted, f"must be a list, not {_shown(value)}")
            (item,) = typing.get_args(hint)
            return [self.convert(item, v, f"{dotted}[{i}]") for i, v in enumerate(value)]
        if origin is dict:
            if not isinstance(value, dict):
                self.fail(dotted, f"must be a table, not {_shown(value)}")
            _, item = typing.get_args(hint)
            return {k: self.convert(item, v, f"{dotted}.{k}") for k, v in value.items()}
        if hint is Any:
            return value
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.build(hint, value, dotted)
        if hint is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.fail(dotted, f"must be a number, not {_shown(value)}")
            return float(value)
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(dotted, f"must be a whole number, not {_shown(value)}")
            return value
        if hint is str:
            if isinstance(value, (dt.date, dt.datetime)):
                return value.isoformat()
            if not isinstance(value, str):
                self.fail(dotted, f"must be text, not {_shown(value)}")
            return value
        if hint is bool:
            if not isinstance(value, bool):
                self.fail(dotted, f"must be true or false, not {_shown(value)}")
            return value
        raise TypeError(f"unsupported type {hint!r}")

    def build(self, cls: type, data: Any, dotted: str) -> Any:
        if not isinstance(data, dict):
            self.fail(dotted, f"must be a table, not {_shown(data)}")
        hints, names = _fields_of(cls)
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            if key in names:
                kwargs[key] = self.convert(hints[key], value, f"{dotted}.{key}")
            else:
                extra[key] = value
        for f in dataclasses.fields(cls):
            no_default = (
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            )
            if no_default and f.name not in kwargs:
                self.fail(dotted, f"is missing the required key {f.name!r}")
        return cls(**kwargs, extra=extra)


@functools.cache
def _fields_of(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    """A model class's field types and names but ``extra``, worked out once per class
    (typing.get_type_hints evaluates every annotation's text again on each call: a
    project of a hundred features would pay for it a hundred times)."""
    hints = typing.get_type_hints(cls, vars(model))
    return hints, frozenset(f.name for f in dataclasses.fields(cls)) - {"extra"}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_toml(
    text: str, path: Path | str, error: type[Exception] = ProjectError, what: str = ""
) -> dict[str, Any]:
    """``tomllib.loads`` with every failure one sentence: a syntax error, a number too
    long to read, nesting too deep to read or to write back."""
    name = f"{what} {path}" if what else f"{path}"
    try:
        document = tomllib.loads(text.removeprefix("\ufeff"))  # a BOM some editors write
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{name} is not valid TOML: {problem}.") from None
    except ValueError as problem:  # an integer of more than 4,300 digits
        raise error(f"{name} holds a number kano cannot read: {str(problem)[:80]}.") from None
    except RecursionError:
        raise error(
            f"{name} is nested too deeply to read (more than {MAX_DEPTH} "
            "levels of tables and arrays)."
        ) from None
    if _depth(document) > MAX_DEPTH:
        raise error(
            f"{name} is nested too deeply (more than {MAX_DEPTH} levels of tables and arrays)."
        )
    return document


def _depth(value: Any) -> int:
    """How deeply tables and arrays nest in ``value`` (iterative: no recursion limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            items: Any = item.values()
        elif isinstance(item, list):
            items = item
        else:
            continue
        deepest = max(deepest, level)
        if level <= MAX_DEPTH:
            stack.extend((child, level + 1) for child in items)
    return deepest


def project_from_toml(text: str, path: Path) -> Project:
    document = parse_toml(text, path)
    reader = _Reader(text, path)
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        reader.fail("schema_version", f"must be a whole number, not {_shown(version)}")
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{path} has schema_version {version}, newer than the {SCHEMA_VERSION} this "
            "version of kano reads; upgrade kano-tui to open it."
        )
    header = document.get("project", {})
    if not isinstance(header, dict) or not isinstance(header.get("name"), str):
        reader.fail("project.name", "must be text naming the project")
    kwargs: dict[str, Any] = {
        "name": header["name"],
        "description": str(header.get("description", "")),
    }
    header_extra = {k: v for k, v in header.items() if k not in ("name", "description")}
    for container in _CONTAINERS:
        if container in document and not isinstance(document[container], dict):
            reader.fail(container, "must be a table")
    for attribute, (keys, cls) in _SECTIONS.items():
        value: Any = document
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            continue
        dotted = ".".join(keys)
        if attribute == "settings":
            kwargs[attribute] = reader.build(cls, value, dotted)
        else:
            if not isinstance(value, list):
                reader.fail(dotted, "must be an array of tables ([[" + dotted + "]])")
            kwargs[attribute] = [
                reader.build(cls, item, f"{dotted}[{i}]") for i, item in enumerate(value)
            ]
    known_paths = {keys for keys, _ in _SECTIONS.values()}
    extra: dict[str, Any] = {}
    for key, value in document.items():
        if key in ("schema_version", "project") or (key,) in known_paths:
            continue
        if key in _CONTAINERS and isinstance(value, dict):
            unknown = {k: v for k, v in value.items() if (key, k) not in known_paths}
            if unknown:
                extra[key] = unknown
        else:
            extra[key] = value
    if header_extra:
        extra["project"] = header_extra
    kwargs["extra"] = extra
    project = Project(**kwargs)
    _check_tables(project, reader)
    validate(project, path)
    return project


def _check_tables(project: Project, reader: _Reader) -> None:
    """Each ``[[evaluation_tables]]`` entry: a new name and five rows of five letters,
    normalised (``"q a a a o"`` is ``"QAAAO"``); a mistake names its line."""
    from kano_tui.engine.analysis.evaluation import BUILT_IN_TABLES, parse_rows

    seen = {table.name for table in BUILT_IN_TABLES}
    for i, table in enumerate(project.evaluation_tables):
        dotted = f"evaluation_tables[{i}]"
        name = table.name.strip()
        if not name or any(ch.isspace() for ch in name):
            reader.fail(
                f"{dotted}.name",
                f"is {table.name!r}; a table's name is one word (what `--table NAME` takes)",
            )
        if name in seen:
            built_in = (
                " is built in" if name in {t.name for t in BUILT_IN_TABLES} else " is defined twice"
            )
            reader.fail(f"{dotted}.name", f"{name!r}{built_in}; give the table another name")
        seen.add(name)
        rows, why = parse_rows(table.rows)
        if rows is None:
            reader.fail(f"{dotted}.rows", why)
        table.name, table.rows = name, list(rows)


# [settings] keys the engine reads from Settings.extra (checked where they are read).
SETTINGS_READ_FROM_EXTRA: tuple[str, ...] = ("alpha", "small_sample", "weight")


def unknown_settings(project: Project) -> list[str]:
    """One sentence per key of ``[settings]`` that kano does not know (kept in the file,
    used by no built-in: a typo, or a plugin's option), with the closest known key."""
    unknown = [k for k in project.settings.extra if k not in SETTINGS_READ_FROM_EXTRA]
    if not unknown:
        return []
    import difflib

    known = [f.name for f in dataclasses.fields(Settings) if f.name != "extra"]
    known += list(SETTINGS_READ_FROM_EXTRA)
    notes = []
    for key in unknown:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        notes.append(
            f"kano.toml: [settings] has the key {key!r}, which kano does not "
            f"know{hint}; it is kept, but nothing built in reads it."
        )
    return notes


def load_project(directory: Path) -> Project:
    path = Path(directory) / PROJECT_FILE
    if not os.path.lexists(path):
        raise ProjectError(
            f"{directory} is not a kano project: it has no {PROJECT_FILE} "
            f"(create one with `kano new {directory}`)."
        )
    # A FIFO, a device or /dev/zero behind the name is refused before it is read.
    data = read_bounded(path, "project files", PROJECT_FILE_LIMIT, ProjectError)
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark some editors write is fine
    except UnicodeDecodeError as error:
        raise ProjectError(f"{path} is not UTF-8 text (byte {error.start}).") from None
    return project_from_toml(text, path)


# --------------------------------------------------------------------------- validation


_SEGMENT_COLUMN = re.compile(r"[A-Za-z][A-Za-z0-9]{0,19}")
_SAFE_FILE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def validate(project: Project, path: Path | str = PROJECT_FILE) -> None:
    """Check the cross-references and ranges that types alone cannot; raise ProjectError."""

    def fail(message: str) -> typing.NoReturn:
        raise ProjectError(f"{path}: {message}.")

    _unique("feature", [f.id for f in project.features], fail)
    _unique_without_case([f.id for f in project.features], fail)
    _unique("stage", [s.id for s in project.stages], fail)
    _unique("touchpoint", [t.id for t in project.touchpoints], fail)
    _unique("persona", [p.id for p in project.personas], fail)
    _unique("import", [i.id for i in project.imports], fail)
    for record in project.imports:  # the id names a file: it must stay under responses/
        if not _SAFE_FILE_ID.fullmatch(record.id):
            fail(
                f"import id {record.id!r} must be letters, digits, '-', '_' or '.', starting "
                "with a letter or digit (it names the file responses/<id>)"
            )
    for feature in project.features:
        if not feature.id.strip():
            fail(f"feature {feature.name!r} has an empty id")
        if "." in feature.id:
            fail(f"feature id {feature.id!r} contains a dot, which survey columns use as separator")
        if feature.stage and project.stage(feature.stage) is None:
            fail(
                f"feature {feature.id!r} is placed on stage {feature.stage!r}, which does not exist"
            )
        if feature.effort is not None and (not math.isfinite(feature.effort) or feature.effort < 0):
            fail(
                f"feature {feature.id!r} has effort {feature.effort}, which must be a "
                "number, 0 or more"
            )
        if feature.status not in STATUSES:
            fail(
                f"feature {feature.id!r} has status {feature.status!r}, which must be one of "
                + ", ".join(STATUSES)
            )
    features = set(project.feature_ids())
    stages = {s.id for s in project.stages}
    touchpoints = {t.id for t in project.touchpoints}
    for touchpoint in project.touchpoints:
        label = f"touchpoint {touchpoint.id!r}"
        if touchpoint.stage not in stages:
            fail(f"{label} is on stage {touchpoint.stage!r}, which does not exist")
        if not -2 <= touchpoint.emotion <= 2:
            fail(f"{label} has emotion {touchpoint.emotion}, which must be from -2 to +2")
        if touchpoint.evidence not in EVIDENCE_LEVELS:
            fail(
                f"{label} has evidence {touchpoint.evidence!r}, which must be one of "
                + ", ".join(EVIDENCE_LEVELS)
            )
        for linked in touchpoint.features:
            if linked not in features:
                fail(f"{label} links feature {linked!r}, which does not exist")
    for persona in project.personas:
        for touchpoint_id, emotion in persona.emotions.items():
            if touchpoint_id not in touchpoints:
                fail(
                    f"persona {persona.id!r} has an emotion for touchpoint "
                    f"{touchpoint_id!r}, which does not exist"
                )
            if not -2 <= emotion <= 2:
                fail(
                    f"persona {persona.id!r} has emotion {emotion} at {touchpoint_id!r}, "
                    "which must be from -2 to +2"
                )
    from kano_tui.engine.customers.kpi import kpi_problem  # counts, E - N within [0, S], dates

    labels: set[str] = set()
    for period in project.kpi_periods:
        if problem := kpi_problem(period):
            fail(problem)
        if period.label.strip().lower() in labels:
            fail(f"two KPI periods share the label {period.label!r}")
        labels.add(period.label.strip().lower())
    for mapping in project.mappings:
        if mapping.role not in (*ROLES, *model.COLUMN_ROLES):
            fail(
                f"the mapping of column {mapping.column!r} has role {mapping.role!r}, "
                "which must be one of " + ", ".join((*ROLES, *model.COLUMN_ROLES))
            )
    columns: set[str] = set()
    for segment in project.segments:
        if not _SEGMENT_COLUMN.fullmatch(segment.column):
            fail(
                f"the segment question column {segment.column!r} must be a letter followed "
                "by up to 19 letters or digits (survey tools name their columns so)"
            )
        if segment.column.lower() in columns:
            fail(f"two segment questions fill the column {segment.column!r}")
        columns.add(segment.column.lower())
    settings = project.settings
    _check_wording(settings, fail)
    if not 0 <= settings.strength_threshold <= 1:
        fail(
            f"settings.strength_threshold is {settings.strength_threshold}, "
            "which must be from 0 to 1"
        )
    if not 2 <= settings.importance_max <= IMPORTANCE_MAX_LIMIT:
        fail(
            f"settings.importance_max is {_shown(settings.importance_max)}, which must be "
            f"from 2 to {IMPORTANCE_MAX_LIMIT}"
        )
    for name in ("continuous_split", "better_worse_split"):
        if not math.isfinite(getattr(settings, name)):
            fail(f"settings.{name} is {getattr(settings, name)}, which must be a number")


IMPORTANCE_MAX_LIMIT = 100  # importance answers are stored as small integers


def _check_wording(settings: model.Settings, fail: typing.Callable[[str], typing.NoReturn]) -> None:
    """The questionnaire's language and answer set must be known ones. The defaults are
    (tests/engine/test_projectfile.py holds them to it), so a project that keeps them
    never imports the wordings."""
    if (settings.language, settings.answer_set) == (
        model.Settings.language,
        model.Settings.answer_set,
    ):
        return
    from kano_tui.engine.questionnaire.phrasing import ANSWER_SETS, LANGUAGES

    if settings.language not in LANGUAGES:
        fail(
            f"settings.language is {settings.language!r}, which must be one of "
            + ", ".join(LANGUAGES)
        )
    if settings.answer_set not in ANSWER_SETS:
        fail(
            f"settings.answer_set is {settings.answer_set!r}, which must be one of "
            + ", ".join(ANSWER_SETS)
        )


def _unique_without_case(ids: list[str], fail: typing.Callable[[str], typing.NoReturn]) -> None:
    """Feature ids are matched without case (survey columns, --map): two that differ
    only by case could not be told apart."""
    seen: dict[str, str] = {}
    for item in ids:
        if item.lower() in seen and seen[item.lower()] != item:
            fail(f"the feature ids {seen[item.lower()]!r} and {item!r} differ only by case")
        seen.setdefault(item.lower(), item)


def _unique(kind: str, ids: list[str], fail: typing.Callable[[str], typing.NoReturn]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            fail(f"two {kind}s share the id {item!r}")
        seen.add(item)
