"""From an importer's :class:`SurveyTable` to stored responses.

:func:`prepare_import` reads and checks everything without touching the project: the
column-to-feature mapping, every answer (through ``answers``), scales, respondent ids,
waves, and whether the file was imported before. It collects every problem it finds, so
the TUI can show them all; the CLI reports the first. :func:`commit_import` then writes the
Parquet file and ``kano.toml`` atomically: a failed import changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from kano_tui.engine.answers import normalize_answers, normalize_scale
from kano_tui.engine.mapping import IGNORED, propose_columns, remember_mappings
from kano_tui.engine.model import (
    IGNORE,
    ROLES,
    SCALE_ROLES,
    Feature,
    ImportRecord,
    Project,
    slugify,
)
from kano_tui.engine.storage import RESPONSES_DIR, answer_column, load_responses, write_frame
from kano_tui.engine.survey import (
    CSAT,
    NPS,
    RESERVED_COLUMNS,
    RESPONDENT,
    WAVE,
    ImportOptions,
    SurveyTable,
)
from kano_tui.errors import SurveyImportError, where
from kano_tui.wording import count

_CANONICAL = re.compile(r"^(?P<feature>.+)\.(?P<role>functional|dysfunctional|importance)$",
                        re.IGNORECASE)


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
    frame: pd.DataFrame  # the frame to store (see ``storage``)
    plan: list[ColumnPlan]
    new_features: list[Feature]
    wave: str
    problems: list[str] = field(default_factory=list)
    already_imported: ImportRecord | None = None

    @property
    def rows(self) -> int:
        return len(self.frame)

    def check(self) -> None:
        """Raise the first problem as a SurveyImportError (one sentence)."""
        if self.already_imported is not None:
            record = self.already_imported
            raise SurveyImportError(
                f"{self.shown} was already imported on {record.imported_at[:10]} "
                f"(import {record.id!r}, {count(record.rows, 'respondent', grouped=False)}); "
                "nothing was changed."
            )
        if self.problems:
            more = len(self.problems) - 1
            tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
            raise SurveyImportError(self.problems[0].rstrip(".") + tail + ".")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


TEXT = pd.ArrowDtype(pa.string())


def text_categories(series: pd.Series, default: str = "") -> pd.Categorical:
    """Labels with few distinct values (waves, segments) as a categorical of stripped text;
    blank cells become ``default`` (missing when it is empty). Works once per distinct
    value, never once per respondent."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    labels = [str(u).strip() for u in uniques] + [""]  # the last slot is for missing cells
    labels = [label or default for label in labels]
    label_codes, categories = pd.factorize(pd.Series(labels, dtype=object).replace("", None),
                                           use_na_sentinel=True)
    return pd.Categorical.from_codes(label_codes[codes], categories=[str(c) for c in categories])


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
    frame: pd.DataFrame | None = None,
    feature_names: Mapping[str, str] | None = None,
) -> tuple[list[ColumnPlan], list[Feature], list[str]]:
    """Decide what each column is; new features found; problems (unpaired questions).

    A column is what ``mapping`` (the user) or the project's saved mappings say, else what
    its name says (reserved names, ``<feature>.<role>``), else what its question text
    proposes (``kano_tui.engine.mapping``; confidence below 1), else an attribute.
    """
    saved = {m.column: (m.feature, m.role) for m in project.mappings}
    saved.update(mapping)
    questions = questions or {}
    reserved = {c.strip().lower() for c in columns} & set(RESERVED_COLUMNS)
    proposals = propose_columns(
        [c for c in columns if c not in saved and c.strip().lower() not in reserved
         and not _CANONICAL.match(c.strip())],
        questions, project, frame, nps_taken=NPS in reserved,
        decided={c: saved[c][0] for c in columns if c in saved and saved[c][0]})
    plans: list[ColumnPlan] = []
    new_features: list[Feature] = []
    scratch = _FeatureIndex(project.features)

    def feature_for(key: str) -> str:
        declared = (feature_names or {}).get(key)
        # A file that names its features (a responses-json backup) keeps their exact ids.
        found = scratch.feature(key) if declared is None else scratch.with_id(key)
        if found is None:
            found = Feature(id=key if declared is not None else scratch.new_feature_id(key),
                            name=declared or _pretty_name(key))
            scratch.add(found)
            new_features.append(found)
        return found.id

    for key in feature_names or {}:  # in the file's order, answered or not
        feature_for(key)
    for column in columns:
        lowered = column.strip().lower()
        question = questions.get(column, "")
        if column in saved and saved[column][1].lower() == IGNORE:  # left out
            plans.append(ColumnPlan(column, IGNORED, question=question))
        elif column in saved and saved[column][1].lower() in SCALE_ROLES:  # the NPS question
            plans.append(ColumnPlan(column, saved[column][1].lower(), question=question))
        elif column in saved:
            key, role = saved[column]
            plans.append(ColumnPlan(column, "answer", feature_for(key), role.lower(),
                                    question=question))
        elif lowered in RESERVED_COLUMNS:
            plans.append(ColumnPlan(column, lowered, question=question))
        elif match := _CANONICAL.match(column.strip()):
            plans.append(ColumnPlan(column, "answer", feature_for(match["feature"].strip()),
                                    match["role"].lower(), question=question))
        elif (proposal := proposals.get(column)) is not None:
            feature = feature_for(proposal.feature) if proposal.kind == "answer" else ""
            plans.append(ColumnPlan(column, proposal.kind, feature, proposal.role,
                                    proposal.confidence, question))
        else:
            plans.append(ColumnPlan(column, "attribute", question=question))

    problems: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for plan in plans:
        if plan.kind != "answer":
            continue
        if plan.role not in ROLES:
            problems.append(f"column {plan.column!r} is mapped to the unknown role {plan.role!r}")
        elif (plan.feature, plan.role) in seen:
            problems.append(f"columns {seen[(plan.feature, plan.role)]!r} and {plan.column!r} "
                            f"both hold the {plan.role} question of feature {plan.feature!r}")
        seen[(plan.feature, plan.role)] = plan.column
    for (feature_id, role), column in seen.items():
        other = {"functional": "dysfunctional", "dysfunctional": "functional"}.get(role)
        if other and (feature_id, other) not in seen:
            problems.append(f"column {column!r} has no matching {other} column "
                            f"for feature {feature_id!r}")
    if not seen:
        problems.append("no column holds a Kano question (expected columns named "
                        "'<feature>.functional' and '<feature>.dysfunctional', or a mapping)")
    return plans, new_features, problems


def _long_to_wide(table: SurveyTable, shown: str) -> tuple[SurveyTable, list[str]]:
    """Pivot the long layout (one row per respondent and feature) to the wide one."""
    frame = table.frame
    problems: list[str] = []
    blank = frame["respondent"].isna() | (frame["respondent"].astype("str").str.strip() == "")
    if blank.any():
        position = int(np.flatnonzero(blank.to_numpy())[0])
        problems.append(f"{where(shown, table.row_number(position), 'respondent')}: "
                        "the respondent id is blank")
    dupes = frame.duplicated(["respondent", "feature"], keep="first").to_numpy()
    if dupes.any():
        position = int(np.flatnonzero(dupes)[0])
        problems.append(
            f"{where(shown, table.row_number(position), 'feature', frame['feature'].iloc[position])}: "
            f"respondent {frame['respondent'].iloc[position]!r} answers this feature twice"
        )
    roles = [r for r in ("functional", "dysfunctional", "importance") if r in frame.columns]
    values = frame.pivot(index="respondent", columns="feature", values=roles) if not dupes.any() \
        and not blank.any() else None
    if values is None:
        return SurveyTable(frame=pd.DataFrame()), problems
    values.columns = [f"{feature}.{role}" for role, feature in values.columns]
    per_respondent = [c for c in frame.columns
                      if c not in ("respondent", "feature", *roles)]
    firsts = frame.drop_duplicates("respondent").set_index("respondent")[per_respondent]
    order = frame["respondent"].drop_duplicates()
    wide = firsts.join(values).loc[order.to_numpy()].reset_index()
    return SurveyTable(frame=wide, layout="wide", first_data_row=table.first_data_row,
                       questions=table.questions, source_columns=table.source_columns), problems


def _duplicate_column(table: SurveyTable) -> str | None:
    """The problem of a header naming one column twice once trimmed (``segment`` and
    ``segment ``), or one answer column twice but for case (``Calls.functional`` and
    ``calls.functional``: feature ids differing only by case are refused), or None."""
    seen: dict[str, str] = {}
    for column in map(str, table.frame.columns):
        shown = table.source_columns.get(column, column)
        key = column.strip()
        key = key.lower() if _CANONICAL.match(key) else key
        if key in seen:
            return (f"columns {seen[key]!r} and {shown!r} name the same column once "
                    "trimmed (feature ids are compared without case); rename one of them")
        seen[key] = shown
    return None


def prepare_import(
    project: Project,
    directory: Path,
    source: Path,
    table: SurveyTable,
    importer: str,
    options: ImportOptions,
) -> PreparedImport:
    """Check and convert a read survey; the project is not modified."""
    shown = options.shown(source)
    sha = file_sha256(source)
    already = next((r for r in project.imports if r.sha256 == sha), None)
    problems: list[str] = []
    wordings = {**project.settings.wordings, **options.extra_wordings}
    long_rows: np.ndarray | None = None
    if clash := _duplicate_column(table):
        return PreparedImport(source, shown, importer, sha, table.layout, table.frame, [], [],
                              options.wave, [f"{shown}, row 1: {clash}"], already)
    if table.layout == "long":
        long_frame = table.frame
        table, problems = _long_to_wide(table, shown)
        if not problems:
            first = long_frame.reset_index(drop=True).drop_duplicates("respondent").index
            long_rows = first.to_numpy() + table.first_data_row
    frame = table.frame
    if problems:
        return PreparedImport(source, shown, importer, sha, "long", frame, [], [],
                              options.wave, problems, already)

    def row_of(position: int) -> int:
        return int(long_rows[position]) if long_rows is not None else table.row_number(position)

    def shown_column(column: str) -> str:
        return table.source_columns.get(column, column)

    plans, new_features, problems = plan_columns([str(c) for c in frame.columns], project,
                                                 options.mapping, table.questions, frame,
                                                 table.feature_names)
    problems = [f"{shown}, row 1: {p}" for p in problems]
    stored: dict[str, object] = {}
    n = len(frame)
    if n == 0:
        problems.append(f"{shown} has no rows of answers")

    # Respondent ids: given, or numbered by file row.
    rows = long_rows if long_rows is not None else table.first_data_row + np.arange(n)
    respondent_plan = next((p for p in plans if p.kind == RESPONDENT), None)
    if respondent_plan is not None:
        ids = frame[respondent_plan.column].astype(TEXT).str.strip()
        blank = (ids.isna() | (ids == "")).to_numpy(dtype=bool, na_value=True)
        if blank.any():
            position = int(np.flatnonzero(blank)[0])
            problems.append(f"{where(shown, row_of(position), shown_column(respondent_plan.column))}:"
                            " the respondent id is blank")
    else:
        ids = pd.Series(np.char.add("row-", rows.astype(str)), dtype=TEXT)
    wave_plan = next((p for p in plans if p.kind == WAVE), None)
    if wave_plan is not None:
        waves = text_categories(frame[wave_plan.column], default=options.wave)
    else:
        waves = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [options.wave])
    if respondent_plan is not None:
        if len(waves.categories) <= 1:
            dupes = ids.duplicated(keep="first").to_numpy()
        else:
            dupes = pd.DataFrame({"r": ids, "w": waves.codes}).duplicated(keep="first").to_numpy()
        if dupes.any():
            position = int(np.flatnonzero(dupes)[0])
            problems.append(
                f"{where(shown, row_of(position), shown_column(respondent_plan.column), ids.iloc[position])}:"
                " this respondent id appears twice in the file"
            )
    stored[RESPONDENT] = ids.reset_index(drop=True)
    stored[WAVE] = waves

    for plan in plans:
        column = frame[plan.column]
        label = shown_column(plan.column)
        if plan.kind == "answer" and plan.role != "importance":
            codes, unknown = normalize_answers(column, wordings)
            if unknown is not None:
                problems.append(
                    f"{where(shown, row_of(unknown.position), label, unknown.value)}: "
                    "this is not a Kano answer kano knows (add its wording under "
                    "[settings.wordings] in kano.toml)"
                )
            stored[answer_column(plan.feature, plan.role)] = codes
        elif plan.kind == "answer" or plan.kind in (NPS, CSAT):
            low, high = {
                "answer": (1, project.settings.importance_max), NPS: (0, 10), CSAT: (1, 5)
            }[plan.kind]
            codes, unknown = normalize_scale(column, low, high)
            if unknown is not None:
                problems.append(f"{where(shown, row_of(unknown.position), label, unknown.value)}: "
                                f"expected a whole number from {low} to {high}")
            key = answer_column(plan.feature, plan.role) if plan.kind == "answer" else plan.kind
            stored[key] = codes
        elif plan.kind == "attribute":
            stored[plan.column] = text_categories(column)
    out = pd.DataFrame(stored)

    if respondent_plan is not None and not problems and project.imports:
        existing = load_responses(project, directory, columns=[RESPONDENT, WAVE]).frame
        if len(existing):
            clash = pd.MultiIndex.from_arrays([out[RESPONDENT], out[WAVE]]).isin(
                pd.MultiIndex.from_arrays([existing[RESPONDENT], existing[WAVE]]))
            if clash.any():
                position = int(np.flatnonzero(clash)[0])
                wave_text = f" in wave {out[WAVE].iloc[position]!r}" if out[WAVE].iloc[position] else ""
                problems.append(
                    f"{where(shown, row_of(position), shown_column(respondent_plan.column), out[RESPONDENT].iloc[position])}: "
                    f"this respondent was already imported{wave_text}"
                )
    return PreparedImport(source, shown, importer, sha, table.layout if long_rows is None
                          else "long", out, plans, new_features, options.wave, problems, already)


def _highest_data_file(responses_dir: Path) -> int:
    numbers = [int(m.group(1)) for path in responses_dir.iterdir()
               if (m := re.fullmatch(r"import-(\d+)\.arrow", path.name))]
    return max(numbers, default=0)


def commit_import(project: Project, directory: Path, prepared: PreparedImport) -> ImportRecord:
    """Store the prepared responses and record the import; all or nothing.

    The data file is written first (atomically, under a name no file has); ``kano.toml``
    is saved last, so a crash in between leaves only an unreferenced file, which no
    later import overwrites.
    """
    from kano_tui.engine.projectfile import save_project

    prepared.check()
    responses_dir = Path(directory) / RESPONSES_DIR
    created_dir = not responses_dir.exists()
    # A new import never overwrites a data file, listed in kano.toml or not (one left by
    # a lost kano.toml, or by a session whose kano.toml was recovered): its number is
    # past every id recorded and every file on disk, and the file is linked into place
    # only if that name is still free.
    number = 1 + max((int(m.group(1)) for r in project.imports
                      if (m := re.fullmatch(r"import-(\d+)", r.id))), default=0)
    if not created_dir:
        number = max(number, 1 + _highest_data_file(responses_dir))
    imported_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    data_path = responses_dir
    try:
        responses_dir.mkdir(exist_ok=True)
        for attempt in range(1000):
            record = ImportRecord(id=f"import-{number + attempt:03d}",
                                  source=prepared.source.name, sha256=prepared.sha256,
                                  rows=prepared.rows, importer=prepared.importer,
                                  imported_at=imported_at, wave=prepared.wave)
            data_path = Path(directory) / record.data_file
            try:
                record.data_sha256 = write_frame(
                    prepared.frame, data_path, {"id": record.id, "rows": record.rows},
                    replace=False)
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
    updated = Project(**{**vars(project)})
    updated.features = [*project.features, *prepared.new_features]
    updated.imports = [*project.imports, record]
    updated.mappings = remember_mappings(updated, prepared.plan)  # the next wave maps alike
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
    return record
