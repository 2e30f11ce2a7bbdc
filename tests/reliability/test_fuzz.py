"""Fuzzing every registered importer and the loading of ``kano.toml``.

The property: whatever the bytes, nothing but a :class:`KanoError` escapes, a refused
import leaves the project unchanged, and an accepted one stores data that loads and
analyses. Importers are taken from the plugin registry at test time (built-ins and
installed plugins alike), in strict mode so that a plugin raising anything but a
KanoError fails the test instead of being quietly disabled.

Inputs come from three families: mutations (byte flips, cuts, insertions of nasty
tokens, duplicated lines) of a valid export for that importer; generated tables of
hostile cells in the importer's own format; and raw random bytes.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.project.projectfile import load_project, project_from_toml, project_to_toml
from kano_tui.errors import KanoError
from kano_tui.plugins.manager import build_plugins
from kano_tui.session.workspace import Workspace
from tests.reliability.conftest import record_figures, tree_digest
from tests.reliability.corpus import GOOD_TEXT

PLUGINS = build_plugins(strict=True)
IMPORTERS = sorted(PLUGINS.importers)
EXAMPLES = 75  # per test: a few seconds per importer on 2 cores

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

NASTY_CELLS = [
    "",
    " ",
    '"',
    '""',
    "'",
    ",",
    ";",
    "\t",
    "\n",
    "\r\n",
    "\x00",
    "\ufeff",
    "\u202e",
    "=1+1",
    '=HYPERLINK("http://x.example")',
    "@SUM(A1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "like",
    "I dislike it",
    "It must be that way",
    "1",
    "5",
    "0",
    "6",
    "-1",
    "1.0",
    "NaN",
    "1e999",
    "99999999999999999999",
    "null",
    "true",
    "[]",
    "{}",
    "é",
    "日本語",
    "🙂",
    "a.functional",
    "respondent",
    "wave",
    "nps",
    "feature",
    "../../etc/passwd",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "__import__('os')",
    "[red]markup[/red]",
]
NASTY_HEADERS = [
    "respondent",
    "wave",
    "nps",
    "csat",
    "feature",
    "functional",
    "dysfunctional",
    "importance",
    "camera.functional",
    "camera.dysfunctional",
    "camera.importance",
    "Camera.FUNCTIONAL",
    " camera.functional ",
    ".functional",
    "a.b.functional",
    "How would you feel if the camera was good?",
    "Q1_1",
    "Q2_1",
    "StartDate",
    "ResponseId",
    "Timestamp",
    "#",
    "",
    "é.functional",
    "=1+1.functional",
]
_LONG = st.integers(200, 5000).map(lambda n: "x" * n)  # a pasted essay


def _seed(importer: Any, directory: Path) -> Path:
    """A valid export for ``importer`` (from the importer tests' writers when they know
    its format; the canonical CSV otherwise)."""
    from tests.importers import exports

    answers = exports.random_answers(seed=3, respondents=6, features=2)
    name, extension = importer.name, next(iter(importer.extensions))
    path = directory / f"seed{extension}"
    if name in exports.WRITERS:
        exports.WRITERS[name][0](answers, path)
    elif extension in (".xlsx", ".xlsm"):
        exports.write_canonical_xlsx(answers, path)
    elif extension in (".sav", ".zsav"):
        exports.write_sav(answers, path)
    else:
        exports.write_canonical_csv(answers, path)
    return path


SEEDS: dict[str, bytes] = {}


def seed_bytes(name: str) -> bytes:
    if name not in SEEDS:
        with tempfile.TemporaryDirectory() as scratch:
            SEEDS[name] = _seed(PLUGINS.importers[name], Path(scratch)).read_bytes()
    return SEEDS[name]


# --------------------------------------------------------------------------- strategies

_TOKENS = [c.encode("utf-8") for c in NASTY_CELLS[:40]] + [b"\xff", b"\xc3", b"\x80"]
_MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 200)),
    st.tuples(
        st.just("insert"),
        st.floats(0, 1),
        st.sampled_from(_TOKENS) | st.binary(min_size=1, max_size=16),
    ),
    st.tuples(st.just("truncate"), st.floats(0, 1), st.just(0)),
    st.tuples(st.just("duplicate line"), st.floats(0, 1), st.just(0)),
)


def mutate(data: bytes, mutations: list[tuple[str, float, Any]]) -> bytes:
    for kind, where, arg in mutations:
        at = int(where * len(data))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([arg]) + data[at + 1 :]
        elif kind == "delete":
            data = data[:at] + data[at + arg :]
        elif kind == "insert":
            data = data[:at] + arg + data[at:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "duplicate line":
            lines = data.split(b"\n")
            index = min(int(where * len(lines)), len(lines) - 1)
            lines.insert(index, lines[index])
            data = b"\n".join(lines)
    return data


_cells = st.sampled_from(NASTY_CELLS) | st.text(max_size=12) | _LONG
_table = st.tuples(
    st.lists(st.sampled_from(NASTY_HEADERS) | st.text(max_size=10) | _LONG, min_size=1, max_size=8),
    st.lists(st.lists(_cells, max_size=9), max_size=6),
)


def table_bytes(
    extension: str, header: list[str], rows: list[list[str]], encoding: str, delimiter: str
) -> bytes:
    """A generated table written in the importer's own format."""
    if extension in (".json", ".jsonl", ".ndjson"):
        records = [dict(zip(header, row)) for row in rows]
        return json.dumps(records, ensure_ascii=False).encode("utf-8")
    if extension in (".xlsx", ".xlsm", ".xls", ".ods"):
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        workbook = Workbook()
        for row in [header, *rows]:  # control characters cannot be stored in a workbook
            workbook.active.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in row])
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            workbook.save(handle.name)
            return Path(handle.name).read_bytes()
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue().encode(encoding, errors="replace")


# Cells a real export could hold: answers in every form, blanks, and hostile text.
PLAUSIBLE = [
    "",
    "1",
    "2",
    "3",
    "4",
    "5",
    "5.0",
    " 3 ",
    "like",
    "LIKE ",
    "I dislike it",
    "It must be that way",
    "I am neutral",
    "I can live with it that way",
    "Must-be",
    "J'aime",
    "Das setze ich voraus",
    *NASTY_CELLS,
]
_cell_edits = st.lists(
    st.tuples(st.floats(0, 1), st.floats(0, 1), st.sampled_from(PLAUSIBLE) | _LONG),
    min_size=1,
    max_size=4,
)


def mutate_cells(data: bytes, extension: str, edits: list[tuple[float, float, str]]) -> bytes:
    """Replace cells of a valid export (text and JSON formats), keeping its structure, so
    that the importer's deeper paths run rather than its first sanity check."""
    import csv
    import io

    if extension in (".json", ".jsonl", ".ndjson"):
        document = json.loads(data)
        for row_at, column_at, value in edits:
            record = document[int(row_at * len(document)) % len(document)]
            leaves = _json_leaves(record)
            holder, key = leaves[int(column_at * len(leaves)) % len(leaves)]
            holder[key] = value
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    if extension not in (".csv", ".tsv", ".txt"):
        return data
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row_at, column_at, value in edits:
        row = rows[int(row_at * len(rows)) % len(rows)]
        if row:
            row[int(column_at * len(row)) % len(row)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def _json_leaves(value: Any) -> list[tuple[Any, Any]]:
    found: list[tuple[Any, Any]] = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, inner in items:
        found += _json_leaves(inner) if isinstance(inner, (dict, list)) else [(value, key)]
    return found


_feature_names = st.lists(
    st.sampled_from(
        [
            "camera",
            "Battery life",
            "Face ID",
            "é",
            "日本語",
            "=1+1",
            "../up",
            "a b",
            "x" * 80,
            "Camera",
            "camera-2",
            "[b]bold[/b]",
            "{{7*7}}",
        ]
    )
    | st.text(min_size=1, max_size=8).filter(lambda t: "." not in t and t.strip()),
    min_size=1,
    max_size=3,
    unique=True,
)


@st.composite
def canonical_tables(draw: Any) -> tuple[list[str], list[list[str]]]:
    """A canonical wide table that is mostly valid: paired questions, unique ids, plausible
    answers, hostile attribute names and values."""
    features = draw(_feature_names)
    attributes = draw(
        st.lists(
            st.sampled_from(
                ["plan", "région", "=cmd", "wave", "nps", "csat", "comment", " spaced "]
            ),
            max_size=2,
            unique=True,
        )
    )
    header = ["respondent", *attributes]
    for feature in features:
        header += [f"{feature}.functional", f"{feature}.dysfunctional"]
    answers = st.sampled_from(
        [
            "",
            "1",
            "2",
            "3",
            "4",
            "5",
            "like",
            "I dislike it",
            "It must be that way",
            "neutral",
            "live with",
        ]
    )
    rows = []
    for index in range(draw(st.integers(1, 6))):
        row = [f"r{index}"]
        row += [
            draw(st.sampled_from(["", "7", "2024-Q1", "Pro"]) | st.sampled_from(NASTY_CELLS))
            for _ in attributes
        ]
        row += [draw(answers) for _ in range(2 * len(features))]
        rows.append(row)
    return header, rows


def inputs_for(name: str) -> st.SearchStrategy[bytes]:
    extension = next(iter(PLUGINS.importers[name].extensions))
    encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])
    delimiters = st.sampled_from([",", ";", "\t"])
    mutated = st.lists(_MUTATION, min_size=1, max_size=3).map(
        lambda ms: mutate(seed_bytes(name), ms)
    )
    cells = _cell_edits.map(lambda edits: mutate_cells(seed_bytes(name), extension, edits))
    generated = st.builds(
        lambda table, encoding, delimiter: table_bytes(extension, *table, encoding, delimiter),
        _table,
        encodings,
        delimiters,
    )
    canonical = st.builds(
        lambda table, encoding, delimiter: table_bytes(extension, *table, encoding, delimiter),
        canonical_tables(),
        encodings,
        delimiters,
    )
    return st.one_of(cells, canonical, mutated, generated, st.binary(max_size=600))


# --------------------------------------------------------------------------- the property


def exercise_import(name: str | None, data: bytes, extension: str) -> str:
    """Import ``data``; return "imported" or "refused". Only KanoError may be raised by
    the engine; a refusal must leave the project as it was."""
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.create(Path(scratch) / "project", "fuzz", plugins=PLUGINS)
        source = Path(scratch) / f"survey{extension}"
        source.write_bytes(data)
        before = tree_digest(workspace.directory)
        try:
            prepared = workspace.prepare_import(source, name)
            prepared.check()
            workspace.commit_import(prepared)
        except KanoError as error:
            assert str(error).strip(), "an empty error sentence"
            assert "\n" not in str(error).strip(), f"more than one line: {error}"
            assert tree_digest(workspace.directory) == before
            assert source.read_bytes() == data
            return "refused"
        assert source.read_bytes() == data
        reopened = Workspace.open(workspace.directory, plugins=PLUGINS)
        assert len(reopened.responses()) == prepared.rows
        try:
            reopened.analyze()
        except KanoError:
            pass  # e.g. a feature whose questions are all blank; a sentence is fine
        return "imported"


@pytest.mark.parametrize("name", IMPORTERS)
def test_no_input_makes_an_importer_raise_anything_but_a_kano_error(name: str, request) -> None:  # type: ignore[no-untyped-def]
    extension = next(iter(PLUGINS.importers[name].extensions))
    outcomes: Counter[str] = Counter()

    @FUZZ
    @given(data=inputs_for(name))
    def check(data: bytes) -> None:
        outcomes[exercise_import(name, data, extension)] += 1

    check()
    _record(request, f"importer {name}", outcomes)
    assert PLUGINS.importers.get(name) is not None, "the importer was disabled"


def test_a_question_column_naming_no_feature_is_refused() -> None:
    """What the xlsx fuzzing found: a header '\\x1b.functional' reads as '.functional' (the
    spreadsheet reader drops the control character), which was stored as a respondent
    attribute that every later full load refused as a damaged answer column."""
    header = ["respondent", "camera.functional", "camera.dysfunctional"]
    header += ["\x1b.functional", "\x1b.dysfunctional"]
    data = table_bytes(".xlsx", header, [["r0", "", "", "", ""]], "utf-8", ",")
    assert exercise_import("xlsx", data, ".xlsx") == "refused"


def test_choosing_an_importer_by_sniffing_never_crashes(request) -> None:  # type: ignore[no-untyped-def]
    outcomes: Counter[str] = Counter()

    @FUZZ
    @given(
        data=st.sampled_from(IMPORTERS).flatmap(
            lambda name: st.tuples(st.just(name), inputs_for(name))
        )
    )
    def check(data: tuple[str, bytes]) -> None:
        name, payload = data
        extension = next(iter(PLUGINS.importers[name].extensions))
        outcomes[exercise_import(None, payload, extension)] += 1

    check()
    _record(request, "importer chosen by sniffing", outcomes)


# --------------------------------------------------------------------------- kano.toml


def _valid_document() -> dict[str, Any]:
    """A project document with one of everything: features, stages, a touchpoint, a
    persona, a KPI period, a mapping, an import record, settings with wordings."""
    import tomllib

    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.create(Path(scratch) / "project", "Fuzz")
        source = Path(scratch) / "survey.csv"
        source.write_text(GOOD_TEXT, encoding="utf-8")
        workspace.import_file(source)
        text = (workspace.directory / "kano.toml").read_text(encoding="utf-8")
    document = tomllib.loads(text)
    document["settings"]["wordings"] = {"like": ["love it"]}
    document.setdefault("journey", {})["touchpoints"] = [
        {
            "id": "store",
            "stage": "purchase",
            "name": "Store",
            "emotion": 1,
            "features": ["camera"],
            "evidence": "assumption",
        }
    ]
    document["journey"]["personas"] = [{"id": "pat", "name": "Pat", "emotions": {"store": -1}}]
    document.setdefault("advocacy", {})["kpi_periods"] = [
        {
            "label": "Q1",
            "customers_start": 10,
            "customers_end": 9,
            "customers_new": 2,
            "customers_new_by_referral": 1,
            "referrals_made": 3,
        }
    ]
    document["responses"]["mappings"] = [
        {"column": "Q1", "feature": "camera", "role": "functional"}
    ]
    return document


VALID_DOCUMENT = _valid_document()
_toml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(NASTY_CELLS)
    | st.dates()
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


PATHS = [p for p in _paths(VALID_DOCUMENT) if p]


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


def apply_edits(edits: list[tuple[tuple, str, Any]]) -> dict[str, Any]:
    import copy

    document = copy.deepcopy(VALID_DOCUMENT)
    for path, kind, value in edits:
        parent: Any = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            if kind == "delete":
                del parent[last]
            elif kind == "replace":
                parent[last] = value
            elif kind == "add" and isinstance(parent, dict):
                parent[f"{last}_extra"] = value
        except (KeyError, IndexError, TypeError):
            continue
    return document


_edit = st.tuples(
    st.sampled_from(PATHS), st.sampled_from(["delete", "replace", "add"]), _toml_values
)


def test_no_kano_toml_makes_loading_raise_anything_but_a_project_error(request) -> None:  # type: ignore[no-untyped-def]
    """Structural mutations: wrong types, missing keys, unknown keys, odd values."""
    outcomes: Counter[str] = Counter()

    @FUZZ
    @given(edits=st.lists(_edit, min_size=1, max_size=4))
    def check(edits) -> None:  # type: ignore[no-untyped-def]
        document = _drop_none(apply_edits(edits))
        try:
            text = tomli_w.dumps(document)
        except (TypeError, ValueError):
            return  # not expressible in TOML, so no kano.toml can hold it
        outcomes[_load_text(text.encode("utf-8"))] += 1

    check()
    _record(request, "kano.toml structure", outcomes)


def test_no_damaged_kano_toml_bytes_make_loading_crash(request) -> None:  # type: ignore[no-untyped-def]
    """Byte-level damage: cut files, flipped bytes, stray quotes and brackets."""
    outcomes: Counter[str] = Counter()
    original = tomli_w.dumps(_drop_none(VALID_DOCUMENT)).encode("utf-8")

    @FUZZ
    @given(mutations=st.lists(_MUTATION, min_size=1, max_size=5))
    def check(mutations) -> None:  # type: ignore[no-untyped-def]
        outcomes[_load_text(mutate(original, mutations))] += 1

    check()
    _record(request, "kano.toml bytes", outcomes)


def _load_text(data: bytes) -> str:
    """Load ``data`` as a project's kano.toml; anything loaded must save, reload equal, and
    analyse its responses without a non-Kano error."""
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        (directory / "kano.toml").write_bytes(data)
        try:
            project = load_project(directory)
        except KanoError as error:
            assert str(error).strip() and "\n" not in str(error).strip()
            return "refused"
        # Saving is stable: what kano writes, it reads back and writes the same way
        # (an empty unknown table is dropped on the first save, which loses nothing).
        text = project_to_toml(project)
        assert project_to_toml(project_from_toml(text, directory / "kano.toml")) == text
        try:
            Workspace(directory, project, PLUGINS).analyze()
        except KanoError:
            pass  # e.g. the listed import's data file is missing: a sentence
        return "loaded"


def _record(request, label: str, outcomes: Counter[str]) -> None:  # type: ignore[no-untyped-def]
    record_figures(request, f"fuzz/{label}", outcomes)
