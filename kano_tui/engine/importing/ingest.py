"""From an importer's :class:`SurveyTable` to stored responses.

:func:`prepare_import` reads and checks everything without touching the project: the
column-to-feature mapping, every answer (through ``answers``), scales, respondent ids,
waves, and whether the file was imported before. It collects every problem it finds, so
the TUI can show them all; the CLI reports the first. :func:`commit_import` then writes the
data file and ``kano.toml`` atomically: a failed import changes nothing.

The columns are read through ``columns.SurveyColumns``: Arrow data on the fast paths
(whole-number codes, text labels, respondent ids), pandas only on the general ones
(wordings, importance labels, a long file's pivot, a second import's clash check), so a
wide file of numeric codes is imported without pandas.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pyarrow as pa

from kano_tui.engine.importing.answers import (
    TOKENS,
    ImportanceScale,
    _arrow_codes,
    arrow_array,
    headerless_problem,
    importance_scale_of,
    normalize_answers,
    normalize_importance,
    normalize_scale,
)
from kano_tui.engine.importing.columns import (
    Labels,
    SurveyColumns,
    blank_texts,
    first_duplicate,
    numbered,
    stored_table,
    text_labels,
    trimmed_texts,
)
from kano_tui.engine.importing.mapping import IGNORED, propose_columns, remember_mappings
from kano_tui.engine.importing.survey import (
    CSAT,
    NPS,
    RESERVED_COLUMNS,
    RESPONDENT,
    WAVE,
    ImportOptions,
    SurveyTable,
)
from kano_tui.engine.project.model import (
    IDENTITY_ROLES,
    IGNORE,
    ROLES,
    SCALE_ROLES,
    Feature,
    ImportRecord,
    Project,
    Settings,
    slugify,
)
from kano_tui.engine.project.storage import (
    RESPONSES_DIR,
    answer_column,
    integers,
    is_answer_column,
    load_responses,
    write_table,
)
from kano_tui.errors import SurveyImportError, where
from kano_tui.wording import count

if TYPE_CHECKING:  # pandas is imported on the general paths only (see above)
    import pandas as pd

T = TypeVar("T")
_CANONICAL = re.compile(
    r"^(?P<feature>.+)\.(?P<role>functional|dysfunctional|importance)$", re.IGNORECASE
)
# A one-word key and the role written out, as survey designers name columns: F6_functional.
_KEYED = re.compile(
    r"^(?P<feature>[^\s.]+?)[_-](?P<role>functional|dysfunctional|importance)$", re.IGNORECASE
)


def named_column(column: str) -> re.Match[str] | None:
    """The feature key and role a column's name writes (``F6.functional``,
    ``F6_functional``), or None."""
    return _CANONICAL.match(column.strip()) or _KEYED.match(column.strip())


@dataclass
class ColumnPlan:
    """What one column of the file becomes."""

    column: str  # as in the file
    kind: str  # "answer", "respondent", "wave", "nps", "csat", "attribute", "ignored"
    feature: str = ""  # feature id, for answers
    role: str = ""  # functional | dysfunctional | importance
    confidence: float = 1.0  # 1.0 when named or mapped; below 1 when proposed by matching
    question: str = ""  # the question text the file carries for this column, if any


@dataclass
class PreparedImport:
    """Everything an import would do, checked, before it is committed."""

    source: Path
    shown: str
    importer: str
    sha256: str
    layout: str
    stored: pa.Table | None  # the responses to store (see ``storage``); None if unread
    plan: list[ColumnPlan]
    new_features: list[Feature]
    wave: str
    problems: list[str] = field(default_factory=list)
    already_imported: ImportRecord | None = None
    # What the import teaches the project, kept in kano.toml when it is committed.
    wordings: dict[str, list[str]] = field(default_factory=dict)  # token -> wordings
    importance_labels: dict[str, int] = field(default_factory=dict)
    importance_scale: ImportanceScale | None = None  # the label scale the file used
    # Every distinct answer of a Kano column that is no known wording, and every unknown
    # importance label, in the order met: what the TUI offers to teach.
    unknown_wordings: list[str] = field(default_factory=list)
    unknown_importance: list[str] = field(default_factory=list)
    survey: SurveyTable | None = None  # the table as read, when it was refused unread

    @property
    def rows(self) -> int:
        if self.stored is not None:
            return int(self.stored.num_rows)
        return self.survey.rows if self.survey is not None else 0

    def wave_counts(self) -> dict[str, int]:
        """Respondents per wave in the file, in wave order ("" for rows without one)."""
        if self.stored is None:
            frame = self.survey.data_frame() if self.survey is not None else None
            if frame is None or WAVE not in frame.columns:
                return {}
            counts = frame[WAVE].astype("string").fillna("").value_counts(sort=False)
            return {str(wave): int(n) for wave, n in sorted(counts.items()) if n}
        waves = self.stored.column(WAVE).combine_chunks()  # as stored: labels and codes
        labels = ["", *(str(w) for w in waves.dictionary.to_pylist())]
        found: dict[str, int] = {}
        for code, n in enumerate(np.bincount(integers(waves.indices, -1) + 1, minlength=1)):
            found[labels[code]] = found.get(labels[code], 0) + int(n)
        return {wave: n for wave, n in sorted(found.items()) if n}

    def check(self, all_problems: bool = False) -> None:
        """Raise the first problem as a SurveyImportError (one sentence); with
        ``all_problems``, every problem, one per line."""
        if self.already_imported is not None:
            record = self.already_imported
            raise SurveyImportError(
                f"{self.shown} was already imported on {record.imported_at[:10]} "
                f"(import {record.id!r}, {count(record.rows, 'respondent', grouped=False)}); "
                "nothing was changed."
            )
        if self.problems and all_problems and len(self.problems) > 1:
            lines = "\n".join(f"  {p.rstrip('.')}." for p in self.problems)
            raise SurveyImportError(
                f"{count(len(self.problems), 'problem')} in "
                f"{self.shown}; nothing was imported:\n{lines}"
            )
        if self.problems:
            more = len(self.problems) - 1
            tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
            raise SurveyImportError(self.problems[0].rstrip(".") + tail + ".")


def file_sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def in_background(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a thread; the function returned waits for its result, raising
    what it raised. For the import's work that holds no GIL (hashing, Arrow's compute
    functions), done meanwhile on the other core."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # noqa: BLE001 - handed to the caller, in its thread
            failure.append(error)

    worker = threading.Thread(target=run, name="kano-import", daemon=True)
    worker.start()

    def outcome() -> T:
        worker.join()
        if failure:
            raise failure[0]
        return result[0]

    return outcome


def hash_in_background(path: Path) -> Callable[[], str]:
    """Start hashing ``path`` (hashlib releases the GIL on each block): the import reads
    and checks the file meanwhile, so a million rows' checksum costs no time."""
    return in_background(lambda: file_sha256(path))


def _pretty_name(key: str) -> str:
    if " " in key or key != key.lower():
        return key.strip()
    words = re.sub(r"[-_]+", " ", key).strip()
    return words[:1].upper() + words[1:]


class _FeatureIndex:
    """``Project.feature`` and ``Project.new_feature_id`` in constant time: a file with
    thousands of questions made the linear look-ups quadratic (10,000 columns: minutes)."""

    def __init__(self, features: list[Feature]) -> None:
        self.features: list[Feature] = []
        self.ids: dict[str, int] = {}  # exact id -> position
        self.lowered_ids: dict[str, int] = {}
        self.names: dict[str, int] = {}  # lowered name and slug of name -> first position
        for feature in features:
            self.add(feature)

    def add(self, feature: Feature) -> None:
        position = len(self.features)
        self.features.append(feature)
        self.ids.setdefault(feature.id, position)
        self.lowered_ids.setdefault(feature.id.lower(), position)
        self.names.setdefault(feature.name.strip().lower(), position)
        self.names.setdefault(slugify(feature.name), position)

    def with_id(self, key: str) -> Feature | None:
        position = self.ids.get(key)
        return None if position is None else self.features[position]

    def feature(self, key: str) -> Feature | None:
        """What ``Project.feature(key)`` answers: an id match first, then the first
        feature whose name or slug of its name matches."""
        wanted = key.strip().lower()
        if wanted in self.lowered_ids:
            return self.features[self.lowered_ids[wanted]]
        hits = [self.names[k] for k in (wanted, slugify(key)) if k in self.names]
        return self.features[min(hits)] if hits else None

    def new_feature_id(self, name: str) -> str:
        base = slugify(name)
        candidate, number = base, 2
        while candidate in self.ids:
            candidate, number = f"{base}-{number}", number + 1
        return candidate


def plan_columns(
    columns: list[str],
    project: Project,
    mapping: Mapping[str, tuple[str, str]],
    questions: Mapping[str, str] | None = None,
    frame: SurveyColumns | pd.DataFrame | None = None,
    feature_names: Mapping[str, str] | None = None,
    wordings: Mapping[str, list[str]] | None = None,
    importance_labels: Mapping[str, int] | None = None,
) -> tuple[list[ColumnPlan], list[Feature], list[str]]:
    """Decide what each column is; new features found; problems (unpaired questions).

    A column is what ``mapping`` (the user) or the project's saved mappings say, else what
    its name says (reserved names, ``<feature>.<role>``), else what its question text
    proposes (``kano_tui.engine.importing.mapping``; confidence below 1), else an attribute.
    A feature a column's name creates has the name's key as its id, exactly as written
    (``F6.functional`` and ``F6_functional``: ``F6``); one a question's text names gets a
    slug of that name. Existing features are matched case-insensitively.
    """
    # Mapped column names compare as headers do: trimmed, runs of spaces as one.
    written = {header_key(m.column): (m.feature, m.role) for m in project.mappings}
    written.update({header_key(column): target for column, target in mapping.items()})
    saved = {c: written[header_key(c)] for c in columns if header_key(c) in written}
    questions = questions or {}
    reserved = {c.strip().lower() for c in columns} & set(RESERVED_COLUMNS)
    taken = {role for c in columns if c in saved for _, role in [saved[c]]}
    proposals = propose_columns(
        [
            c
            for c in columns
            if c not in saved
            and c.strip().lower() not in reserved
            and not named_column(c)
            and c.strip()
        ],
        questions,
        project,
        frame,
        nps_taken=NPS in reserved or NPS in taken,
        decided={c: saved[c][0] for c in columns if c in saved and saved[c][0]},
        wordings=wordings,
        importance_labels=importance_labels,
    )
    plans: list[ColumnPlan] = []
    new_features: list[Feature] = []
    scratch = _FeatureIndex(project.features)

    def feature_for(key: str, exact: bool = False, named: bool = False) -> str:
        declared = (feature_names or {}).get(key)
        if named and declared is None and (" " in key.strip() or not key.strip()):
            exact = False  # "Face recognition:functional": a name, its id a slug
        if named and declared is None and exact:
            declared_name = key.strip()
        else:
            declared_name = None
        # A file that names its features (a responses-json backup) keeps their exact ids;
        # so does a column whose name holds the feature's key.
        found = scratch.feature(key) if declared is None else scratch.with_id(key)
        if found is None:
            keep = declared is not None or exact
            found = Feature(
                id=key.strip() if keep else scratch.new_feature_id(key),
                name=declared or declared_name or _pretty_name(key),
            )
            scratch.add(found)
            new_features.append(found)
        return found.id

    for key in feature_names or {}:  # in the file's order, answered or not
        feature_for(key)
    for column in columns:
        lowered = column.strip().lower()
        question = questions.get(column, "")
        if (
            (column in saved and saved[column][1].lower() == IGNORE)
            or not column.strip()
            or re.fullmatch(r"Unnamed: \d+", column.strip())
        ):
            # left out: mapped so, or a column without a name (a spreadsheet's index)
            plans.append(ColumnPlan(column, IGNORED, question=question))
        elif column in saved and saved[column][1].lower() in (*SCALE_ROLES, *IDENTITY_ROLES):
            # the NPS question, a "Response ID" column, a "Cohort" column as the wave
            plans.append(ColumnPlan(column, saved[column][1].lower(), question=question))
        elif column in saved:
            key, role = saved[column]
            # A key the user typed (or kano.toml keeps) is the id as written, its name too.
            plans.append(
                ColumnPlan(
                    column,
                    "answer",
                    feature_for(key, exact=True, named=True),
                    role.lower(),
                    question=question,
                )
            )
        elif lowered in RESERVED_COLUMNS:
            plans.append(ColumnPlan(column, lowered, question=question))
        elif match := named_column(column):
            plans.append(
                ColumnPlan(
                    column,
                    "answer",
                    feature_for(match["feature"].strip(), exact=True),
                    match["role"].lower(),
                    question=question,
                )
            )
        elif (proposal := proposals.get(column)) is not None:
            feature = (
                feature_for(proposal.feature, proposal.exact) if proposal.kind == "answer" else ""
            )
            plans.append(
                ColumnPlan(
                    column, proposal.kind, feature, proposal.role, proposal.confidence, question
                )
            )
        else:
            plans.append(ColumnPlan(column, "attribute", question=question))

    problems: list[str] = []
    for kind in IDENTITY_ROLES:
        both = [plan.column for plan in plans if plan.kind == kind]
        if len(both) > 1:
            problems.append(
                f"columns {both[0]!r} and {both[1]!r} are both the {kind} column "
                f"(map one with --map {both[1]!r}=ignore)"
            )
    for plan in plans:
        if plan.kind == "attribute" and is_answer_column(plan.column):
            # Named like an answer, with no feature before the dot ('.functional', as
            # a spreadsheet reader leaves '\x1b.functional'): stored as it is, it would
            # be read back as answers that are not codes.
            role = plan.column.rpartition(".")[2]
            problems.append(
                f"column {plan.column!r} is named like a Kano question but names no "
                f"feature before '.{role}'; name one (<feature>.{role}) or map it with "
                f"--map {plan.column!r}=FEATURE:{role} (or =ignore to leave it out)"
            )
    for added in new_features:
        if "." in added.id or not added.id.strip():
            column = next(p.column for p in plans if p.feature == added.id)
            problems.append(
                f"column {column!r} names the feature {added.id!r}, which cannot "
                "be an id (no dots, not blank); name it with "
                f"--map {column!r}=FEATURE:ROLE"
            )
    seen: dict[tuple[str, str], str] = {}
    for plan in plans:
        if plan.kind != "answer":
            continue
        if plan.role not in ROLES:
            problems.append(f"column {plan.column!r} is mapped to the unknown role {plan.role!r}")
        elif (plan.feature, plan.role) in seen:
            problems.append(
                f"columns {seen[(plan.feature, plan.role)]!r} and {plan.column!r} "
                f"both hold the {plan.role} question of feature {plan.feature!r}"
            )
        seen[(plan.feature, plan.role)] = plan.column
    for (feature_id, role), column in seen.items():
        other = {"functional": "dysfunctional", "dysfunctional": "functional"}.get(role)
        if other and (feature_id, other) not in seen:
            problems.append(
                f"column {column!r} holds the {role} question of feature "
                f"{feature_id!r}, but no column holds its {other} question "
                f"(map that column with --map COLUMN={feature_id}:{other})"
            )
    if not seen:
        problems.append(
            "no column holds a Kano question (expected columns named "
            "'<feature>.functional' and '<feature>.dysfunctional', or a mapping)"
        )
    return plans, new_features, problems


def header_key(column: str) -> str:
    """A column name as mappings match it: trimmed, inner white space as one space."""
    return " ".join(str(column).split())


def _long_to_wide(table: SurveyTable, shown: str) -> tuple[SurveyTable, list[str]]:
    """Pivot the long layout (one row per respondent and feature) to the wide one."""
    frame = table.data_frame()
    problems: list[str] = []
    blank = frame["respondent"].isna() | (frame["respondent"].astype("str").str.strip() == "")
    if blank.any():
        position = int(np.flatnonzero(blank.to_numpy())[0])
        problems.append(
            f"{where(shown, table.row_number(position), 'respondent')}: the respondent id is blank"
        )
    dupes = frame.duplicated(["respondent", "feature"], keep="first").to_numpy()
    if dupes.any():
        position = int(np.flatnonzero(dupes)[0])
        problems.append(
            f"{where(shown, table.row_number(position), 'feature', frame['feature'].iloc[position])}: "
            f"respondent {frame['respondent'].iloc[position]!r} answers this feature twice"
        )
    roles = [r for r in ("functional", "dysfunctional", "importance") if r in frame.columns]
    values = (
        frame.pivot(index="respondent", columns="feature", values=roles)
        if not dupes.any() and not blank.any()
        else None
    )
    if values is None:
        import pandas as pd

        return SurveyTable(frame=pd.DataFrame()), problems
    values.columns = [f"{feature}.{role}" for role, feature in values.columns]
    per_respondent = [c for c in frame.columns if c not in ("respondent", "feature", *roles)]
    firsts = frame.drop_duplicates("respondent").set_index("respondent")[per_respondent]
    order = frame["respondent"].drop_duplicates()
    wide = firsts.join(values).loc[order.to_numpy()].reset_index()
    return SurveyTable(
        frame=wide,
        layout="wide",
        first_data_row=table.first_data_row,
        questions=table.questions,
        source_columns=table.source_columns,
    ), problems


def _duplicate_column(table: SurveyTable) -> str | None:
    """The problem of a header naming one column twice once trimmed (``segment`` and
    ``segment ``), or one answer column twice but for case (``Calls.functional`` and
    ``calls.functional``: feature ids differing only by case are refused), or None."""
    seen: dict[str, str] = {}
    for column in table.columns:
        shown = table.source_columns.get(column, column)
        key = column.strip()
        key = key.lower() if _CANONICAL.match(key) else key
        if key in seen:
            return (
                f"columns {seen[key]!r} and {shown!r} name the same column once "
                "trimmed (feature ids are compared without case); rename one of them"
            )
        seen[key] = shown
    return None


def prepare_import(
    project: Project,
    directory: Path,
    source: Path,
    table: SurveyTable,
    importer: str,
    options: ImportOptions,
    sha256: Callable[[], str] | None = None,
) -> PreparedImport:
    """Check and convert a read survey; the project is not modified.

    The steps below each return what they read and the problems they found, in the order
    a user reads them: the table's shape, its header and columns, the respondents, the
    importance scale, the answers, then what the project already holds. ``sha256`` gives
    the source file's checksum (:func:`hash_in_background`, started before the file was
    read); it is asked for last, so hashing overlaps the checks."""
    shown = options.shown(source)
    digest = sha256 or (lambda: file_sha256(source))

    def prepared(
        layout: str, stored: pa.Table | None, problems: list[str], **read: Any
    ) -> PreparedImport:
        sha = digest()
        already = next((r for r in project.imports if r.sha256 == sha), None)
        return PreparedImport(
            source,
            shown,
            importer,
            sha,
            layout,
            stored,
            read.pop("plans", []),
            read.pop("new_features", []),
            options.wave,
            problems,
            already,
            **read,
        )

    if clash := _duplicate_column(table):
        return prepared(table.layout, None, [f"{shown}, row 1: {clash}"], survey=table)
    wide, long_rows, problems = _wide_table(table, shown)
    if problems:
        return prepared("long", None, problems, survey=wide)
    cells = _Cells(shown, wide, long_rows)
    frame = SurveyColumns(wide)
    wordings = merge_wordings(project.settings.wordings, options.extra_wordings)
    importance_labels = {**project.settings.importance_labels, **options.importance_labels}
    plans, new_features, planned = plan_columns(
        frame.columns,
        project,
        options.mapping,
        wide.questions,
        frame,
        wide.feature_names,
        wordings,
        importance_labels,
    )
    problems = _header_problems(frame.columns, shown) + [f"{shown}, row 1: {p}" for p in planned]
    if frame.rows == 0:
        problems.append(f"{shown} has no rows of answers")
    identity = _identity(frame, plans, cells, options.wave)
    problems += identity.problems
    duplicate_at = len(problems)  # its problem's place, for the same order as ever
    scale, importance_max, ambiguous, scale_problems = _importance_scale(
        project, frame, plans, importance_labels, shown
    )
    problems += scale_problems
    answers = _answers(
        frame, plans, cells, wordings, importance_labels, scale, importance_max, ambiguous
    )
    problems += answers.problems
    if (twice := identity.duplicate()) is not None and identity.plan is not None:
        repeated = identity.ids[twice].as_py()
        repeated = "<NA>" if repeated is None else repeated  # a blank id, as pandas shows it
        problems.insert(
            duplicate_at,
            (
                f"{cells.at(twice, identity.plan.column, repeated)}: this "
                "respondent id appears twice in the file"
            ),
        )
    out = stored_table(identity.ids, identity.waves, answers.stored, RESPONDENT, WAVE)
    if identity.plan is not None and not problems and project.imports:
        problems += _already_imported(project, directory, out, cells, identity.plan.column)
    return prepared(
        wide.layout if long_rows is None else "long",
        out,
        problems,
        plans=plans,
        new_features=new_features,
        wordings=merge_wordings({}, options.extra_wordings),
        importance_labels=dict(options.importance_labels),
        importance_scale=scale if importance_max == getattr(scale, "max", 0) else None,
        unknown_wordings=answers.unknown_wordings[:MAX_UNKNOWN],
        unknown_importance=answers.unknown_importance[:MAX_UNKNOWN],
    )


@dataclass(frozen=True)
class _Cells:
    """Where the wide table's cells were in the file, for naming them in problems."""

    shown: str
    table: SurveyTable
    long_rows: np.ndarray | None  # a long file's first row per respondent, else None

    def row(self, position: int) -> int:
        if self.long_rows is not None:
            return int(self.long_rows[position])
        return self.table.row_number(position)

    def column(self, column: str) -> str:
        return self.table.source_columns.get(column, column)

    def at(self, position: int, column: str, value: object = None) -> str:
        """``file, row N, column 'C'[, value 'V']``."""
        return where(self.shown, self.row(position), self.column(column), value)


def _wide_table(table: SurveyTable, shown: str) -> tuple[SurveyTable, np.ndarray | None, list[str]]:
    """The table one row per respondent, with a long file's first row per respondent (for
    naming rows), and the problems of turning it."""
    if table.layout != "long":
        return table, None, []
    wide, problems = _long_to_wide(table, shown)
    if problems:
        return wide, None, problems
    first = table.data_frame().reset_index(drop=True).drop_duplicates("respondent").index
    return wide, first.to_numpy() + wide.first_data_row, []


@dataclass(frozen=True)
class _Identity:
    """Who answered: the respondent ids (given, or numbered by file row) and waves."""

    plan: ColumnPlan | None  # the respondent column's plan, when the file has one
    ids: pa.ChunkedArray  # as stored: stripped text
    waves: Labels
    duplicate: Callable[[], int | None]  # the first repeated id's position, found meanwhile
    problems: list[str]


def _identity(frame: SurveyColumns, plans: list[ColumnPlan], cells: _Cells, wave: str) -> _Identity:
    n = frame.rows
    problems: list[str] = []
    plan = next((p for p in plans if p.kind == RESPONDENT), None)
    if plan is not None:
        ids = _respondent_ids(frame, plan.column)
        blank = blank_texts(ids)
        if blank.any():
            first = int(np.flatnonzero(blank)[0])
            problems.append(f"{cells.at(first, plan.column)}: the respondent id is blank")
    else:
        rows = (
            cells.long_rows
            if cells.long_rows is not None
            else cells.table.first_data_row + np.arange(n)
        )
        ids = numbered("row-", rows)
    wave_plan = next((p for p in plans if p.kind == WAVE), None)
    if wave_plan is not None:
        waves = text_labels(frame, wave_plan.column, default=wave)
    else:
        waves = Labels.constant(n, wave)
    duplicate: Callable[[], int | None] = lambda: None  # noqa: E731
    if plan is not None:
        # Arrow's hash table holds no GIL: a million ids are checked while the answers
        # are read (0.4 s of a million-row import, on the other core).
        duplicate = in_background(lambda: first_duplicate(ids, waves))
    return _Identity(plan, ids, waves, duplicate, problems)


def _respondent_ids(frame: SurveyColumns, column: str) -> pa.ChunkedArray:
    """The respondent ids as stripped text."""
    array = frame.arrow(column)
    if array is not None and pa.types.is_string(array.type):
        return trimmed_texts(array)
    import pandas as pd

    text = frame[column].astype(pd.ArrowDtype(pa.string())).str.strip()
    stripped = arrow_array(text)
    assert stripped is not None  # Arrow-backed text
    return stripped


def _importance_scale(
    project: Project,
    frame: SurveyColumns,
    plans: list[ColumnPlan],
    labels: Mapping[str, int],
    shown: str,
) -> tuple[ImportanceScale | None, int, str | None, list[str]]:
    """The importance answers' scale (a label scale, or numbers), the scale's maximum they
    are read on, why the labels are ambiguous, and the problems."""
    problems: list[str] = []
    # Columns read as numbers hold no labels (a million cells each: not scanned).
    columns = [
        p.column
        for p in plans
        if p.kind == "answer" and p.role == "importance" and not frame.is_integer(p.column)
    ]
    scale, ambiguous = importance_scale_of(_distinct_values(frame, columns), labels)
    importance_max = project.settings.importance_max
    if ambiguous:
        problems.append(
            f"{shown}: {ambiguous}; teach their numbers with --importance "
            '"TEXT=N" (e.g. --importance "Very important=4")'
        )
    elif scale is not None and scale.max != importance_max:
        if project.imports:
            problems.append(
                f"{shown}: the importance answers use {scale.describe()}, but the project's "
                f"importance answers are on a scale of 1 to {importance_max} "
                f"(importance_max in kano.toml's [settings]); teach the labels' numbers on "
                f'that scale with --importance "TEXT=N"'
            )
        else:
            importance_max = scale.max  # the first import sets the scale
    return scale, importance_max, ambiguous, problems


def _distinct_values(frame: SurveyColumns, columns: list[str]) -> Iterator[object]:
    """Every distinct non-blank value of ``columns`` (pandas' ``unique``), column by column."""
    if not columns:
        return
    import pandas as pd

    for column in columns:
        yield from pd.unique(frame[column].dropna())


@dataclass(frozen=True)
class _Answers:
    """Every answer, NPS, CSAT and segment column read, and what could not be."""

    stored: dict[str, np.ndarray | Labels]
    unknown_wordings: list[str]
    unknown_importance: list[str]
    problems: list[str]


def _answers(
    frame: SurveyColumns,
    plans: list[ColumnPlan],
    cells: _Cells,
    wordings: Mapping[str, list[str]],
    labels: Mapping[str, int],
    scale: ImportanceScale | None,
    importance_max: int,
    ambiguous: str | None,
) -> _Answers:
    stored: dict[str, np.ndarray | Labels] = {}
    problems: list[str] = []
    unknown_wordings: dict[str, None] = {}
    unknown_importance: dict[str, None] = {}
    for plan in plans:
        label = cells.column(plan.column)
        if plan.kind == "answer" and plan.role != "importance":
            name = answer_column(plan.feature, plan.role)
            if (codes := _whole_codes(frame, plan.column, 1, 5, blank=0)) is not None:
                stored[name] = codes  # numeric codes, all in range: no pandas
                continue
            column = frame[plan.column]
            codes, unknown = normalize_answers(column, wordings)
            if unknown is not None:
                unknown_wordings.update(_unknown_values(column, codes < 0))
                problems.append(
                    f"{cells.at(unknown.position, plan.column, unknown.value)}: this "
                    f"is not a Kano answer kano knows (column {label!r} holds the "
                    f"{plan.role} question of feature {plan.feature!r}); teach it with "
                    f'--wording "{_quoted(unknown.value)}=TOKEN", TOKEN one of '
                    f"{', '.join(TOKENS)}"
                )
            stored[name] = codes
        elif plan.kind == "answer":
            name = answer_column(plan.feature, plan.role)
            if (codes := _whole_codes(frame, plan.column, 1, importance_max)) is not None:
                stored[name] = codes
                continue
            column = frame[plan.column]
            codes, unknown = normalize_importance(column, importance_max, scale, labels)
            if unknown is not None:
                unknown_importance.update(_unknown_values(column, codes == -2))
            if unknown is not None and not ambiguous:
                problems.append(
                    f"{cells.at(unknown.position, plan.column, unknown.value)}: "
                    f"expected an importance answer from 1 to {importance_max} or a label "
                    f"of a known importance scale; teach it with "
                    f'--importance "{_quoted(unknown.value)}=N"'
                )
            stored[name] = codes
        elif plan.kind in (NPS, CSAT):
            low, high = {NPS: (0, 10), CSAT: (1, 5)}[plan.kind]
            if (codes := _whole_codes(frame, plan.column, low, high)) is not None:
                stored[plan.kind] = codes
                continue
            codes, unknown = normalize_scale(frame[plan.column], low, high)
            if unknown is not None:
                problems.append(
                    f"{cells.at(unknown.position, plan.column, unknown.value)}: "
                    f"expected a whole number from {low} to {high}"
                )
            stored[plan.kind] = codes
        elif plan.kind == "attribute":
            stored[plan.column] = text_labels(frame, plan.column)
    return _Answers(stored, list(unknown_wordings), list(unknown_importance), problems)


def _whole_codes(
    frame: SurveyColumns, column: str, low: int, high: int, blank: int = -1
) -> np.ndarray | None:
    """A whole-number column's codes (int8, ``blank`` where empty) when every cell is in
    range -- the numeric fast path, read from its Arrow data; otherwise None, and the
    general path reads it (and names the first bad cell)."""
    array = frame.integers(column)
    return None if array is None else _arrow_codes(array, low, high, blank)


def _already_imported(
    project: Project, directory: Path, stored: pa.Table, cells: _Cells, respondent_column: str
) -> list[str]:
    """The first respondent (of a wave) the project already holds, as a problem."""
    existing = load_responses(project, directory, columns=[RESPONDENT, WAVE]).frame
    if not len(existing):
        return []
    import pandas as pd

    # As the DataFrame earlier versions stored: Arrow-backed ids, the waves a Categorical.
    out = stored.select([RESPONDENT, WAVE]).to_pandas(
        types_mapper=lambda kind: pd.ArrowDtype(kind) if kind == pa.string() else None
    )
    clash = pd.MultiIndex.from_arrays([out[RESPONDENT], out[WAVE]]).isin(
        pd.MultiIndex.from_arrays([existing[RESPONDENT], existing[WAVE]])
    )
    if not clash.any():
        return []
    position = int(np.flatnonzero(clash)[0])
    wave = out[WAVE].iloc[position]
    wave_text = f" in wave {wave!r}" if wave else ""
    return [
        f"{cells.at(position, respondent_column, out[RESPONDENT].iloc[position])}: "
        f"this respondent was already imported{wave_text}"
    ]


MAX_UNKNOWN = 50  # unknown wordings listed to teach; more means the column is not answers


def _unknown_values(column: pd.Series, bad: np.ndarray) -> dict[str, None]:
    """The distinct values of ``column`` where ``bad``, in order, as stripped text."""
    import pandas as pd

    values = pd.unique(column[bad].astype("str").str.strip())[:MAX_UNKNOWN]
    return dict.fromkeys(str(v) for v in values)


def merge_wordings(*sources: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Token -> wordings from every source, in order, each wording once."""
    merged: dict[str, list[str]] = {}
    for source in sources:
        for token, wordings in source.items():
            bucket = merged.setdefault(token, [])
            bucket.extend(w for w in wordings if w not in bucket)
    return merged


def _quoted(value: object) -> str:
    return str(value).replace('"', '\\"')[:80]


def _header_problems(columns: list[str], shown: str) -> list[str]:
    problem = headerless_problem(columns, shown)
    return [problem] if problem else []


def _highest_data_file(responses_dir: Path) -> int:
    numbers = [
        int(m.group(1))
        for path in responses_dir.iterdir()
        if (m := re.fullmatch(r"import-(\d+)\.arrow", path.name))
    ]
    return max(numbers, default=0)


def commit_import(project: Project, directory: Path, prepared: PreparedImport) -> ImportRecord:
    """Store the prepared responses and record the import; all or nothing.

    The data file is written first (atomically, under a name no file has); ``kano.toml``
    is saved last, so a crash in between leaves only an unreferenced file, which no
    later import overwrites.
    """
    from kano_tui.engine.project.projectfile import save_project

    prepared.check()
    assert prepared.stored is not None  # a table refused unread has a problem
    responses_dir = Path(directory) / RESPONSES_DIR
    created_dir = not responses_dir.exists()
    # A new import never overwrites a data file, listed in kano.toml or not (one left by
    # a lost kano.toml, or by a session whose kano.toml was recovered): its number is
    # past every id recorded and every file on disk, and the file is linked into place
    # only if that name is still free.
    number = 1 + max(
        (int(m.group(1)) for r in project.imports if (m := re.fullmatch(r"import-(\d+)", r.id))),
        default=0,
    )
    if not created_dir:
        number = max(number, 1 + _highest_data_file(responses_dir))
    imported_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    data_path = responses_dir
    try:
        responses_dir.mkdir(exist_ok=True)
        for attempt in range(1000):
            record = ImportRecord(
                id=f"import-{number + attempt:03d}",
                source=prepared.source.name,
                sha256=prepared.sha256,
                rows=prepared.rows,
                importer=prepared.importer,
                imported_at=imported_at,
                wave=prepared.wave,
            )
            data_path = Path(directory) / record.data_file
            try:
                record.data_sha256 = write_table(
                    prepared.stored,
                    data_path,
                    {"id": record.id, "rows": record.rows},
                    replace=False,
                )
                break
            except FileExistsError:
                continue
        else:
            raise OSError("no free name for the data file under responses/")
    except OSError as error:  # disk full, read-only directory, file too large
        if created_dir:
            with contextlib.suppress(OSError):
                responses_dir.rmdir()
        raise SurveyImportError(
            f"Could not write {data_path}: {error.strerror or error}; nothing was "
            "imported and the project is unchanged."
        ) from None
    updated = Project(**vars(project))
    updated.features = [*project.features, *prepared.new_features]
    updated.imports = [*project.imports, record]
    updated.mappings = remember_mappings(updated, prepared.plan)  # the next wave maps alike
    updated.settings = _taught_settings(project, prepared)
    try:
        save_project(updated, directory)
    except BaseException:
        data_path.unlink(missing_ok=True)
        if created_dir:
            with contextlib.suppress(OSError):
                responses_dir.rmdir()
        raise
    project.features = updated.features
    project.imports = updated.imports
    project.mappings = updated.mappings
    project.settings = updated.settings
    return record


def _taught_settings(project: Project, prepared: PreparedImport) -> Settings:
    """The project's settings with what the import taught: wordings, importance labels,
    and the importance scale a first import's labels set."""
    import dataclasses

    settings = project.settings
    changes: dict[str, Any] = {}
    if prepared.wordings:
        changes["wordings"] = merge_wordings(settings.wordings, prepared.wordings)
    if prepared.importance_labels:
        changes["importance_labels"] = {**settings.importance_labels, **prepared.importance_labels}
    if prepared.importance_scale is not None:
        changes["importance_max"] = prepared.importance_scale.max
    return dataclasses.replace(settings, **changes) if changes else settings
