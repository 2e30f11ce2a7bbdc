"""The project's data model: plain dataclasses, no I/O.

A :class:`Project` is what ``kano.toml`` holds: features, settings, the customer
journey (stages, touchpoints, personas), advocacy KPI periods, column mappings and the
record of every import. Responses themselves live beside it (see ``storage``).
Every dataclass keeps the keys it does not know in ``extra`` so that a newer tool's or a
hand-added key survives a load and save.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

DEFAULT_STAGES: tuple[str, ...] = (
    "Discovery",
    "Consideration",
    "Purchase",
    "Post-purchase support",
    "Advocacy",
)
EVIDENCE_LEVELS: tuple[str, ...] = ("assumption", "partly backed", "data-backed")
ROLES: tuple[str, ...] = ("functional", "dysfunctional", "importance")
SCALE_ROLES: tuple[str, ...] = ("nps", "csat")  # a column mapped to a survey-wide question
STATUSES: tuple[str, ...] = ("new", "planned", "in-progress", "done", "dropped")  # backlog
IGNORE = "ignore"  # a column mapped to nothing: left out of the import (an e-mail, an IP)
# A column mapped to the respondent id ("Response ID") or the wave ("Cohort").
IDENTITY_ROLES: tuple[str, ...] = ("respondent", "wave")
COLUMN_ROLES: tuple[str, ...] = (*SCALE_ROLES, *IDENTITY_ROLES, IGNORE)  # no feature


def slugify(text: str) -> str:
    """A stable, readable id from a name: ``"Face recognition"`` -> ``"face-recognition"``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug or "feature"


@dataclass
class Feature:
    """One product feature asked about in the Kano questionnaire."""

    id: str
    name: str
    description: str = ""
    tags: list[str] = field(default_factory=list)
    stage: str = ""  # the id of the journey stage it belongs to, "" when unplaced
    effort: float | None = None  # relative cost to build, for the backlog
    functional_question: str = ""  # overrides the generated questionnaire wording
    dysfunctional_question: str = ""
    importance_question: str = ""
    phrase: str = ""  # how a question names it, article included ("an AR mode"); "": guessed
    status: str = "new"  # where it is in the plan: one of STATUSES
    note: str = ""  # the team's note on it, for the backlog
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Settings:
    """Analysis settings; every threshold the brief calls configurable lives here."""

    classifier: str = "mode"
    strength_threshold: float = 0.06  # mode-strength: category strength at or below it is a tie
    continuous_split: float = 2.0  # continuous: where the quadrants split
    better_worse_split: float = 0.5  # better-worse: where the quadrants split
    importance_max: int = 9  # the top of the self-stated importance scale
    stale_after_days: int = 365  # lifecycle: evidence older than this is flagged
    evaluation_table: str = "standard"  # the table that turns answer pairs into categories
    wordings: dict[str, list[str]] = field(default_factory=dict)  # token -> extra wordings
    importance_labels: dict[str, int] = field(default_factory=dict)  # label -> 1..max
    language: str = "en"  # the questionnaire's language: en, de, fr, es
    answer_set: str = "berger"  # the questionnaire's answer wording (engine.phrasing)
    product: str = ""  # how the questions name the product; "": "the product"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class TableDefinition:
    """An evaluation table the project defines: five rows of five category letters, the
    functional answer choosing the row (like ... dislike), the dysfunctional the column."""

    name: str
    rows: list[str]
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Stage:
    """A stage of the customer journey, in order."""

    id: str
    name: str
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Touchpoint:
    """A moment where the customer meets the product or the company."""

    id: str
    stage: str  # stage id
    name: str
    channel: str = ""
    description: str = ""
    emotion: int = 0  # -2 (very negative) to +2 (delighted)
    pain_points: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    evidence: str = "assumption"  # one of EVIDENCE_LEVELS
    features: list[str] = field(default_factory=list)  # linked feature ids
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Persona:
    """A customer archetype with its own emotion at each touchpoint."""

    id: str
    name: str
    description: str = ""
    emotions: dict[str, int] = field(default_factory=dict)  # touchpoint id -> -2..+2
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class KpiPeriod:
    """Customer counts for one period, from which retention, churn and referral follow."""

    label: str
    start: str = ""  # ISO date
    end: str = ""  # ISO date
    customers_start: int = 0
    customers_end: int = 0
    customers_new: int = 0
    customers_new_by_referral: int = 0
    referrals_made: int = 0
    referral_definition: str = "new customers who named a referring customer, over new customers"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ColumnMapping:
    """Which column of a survey export answers which feature question."""

    column: str
    feature: str  # feature id
    role: str  # one of ROLES, or COLUMN_ROLES (then feature is "")
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class SegmentQuestion:
    """A question the questionnaire asks every respondent, whose answer is a segment."""

    column: str  # the respondent column it fills: letters and digits ("plan")
    question: str
    options: list[str] = field(default_factory=list)  # blank: a free-text answer
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class ImportRecord:
    """One imported survey file, stored as ``responses/<id>.arrow``."""

    id: str
    source: str  # the file name the user imported (never modified)
    sha256: str
    rows: int
    importer: str
    imported_at: str  # ISO timestamp
    wave: str = ""  # the wave given on import, when the file had none
    # sha256 of the stored data file: a file copied in from elsewhere is refused (None in
    # projects from before it was recorded)
    data_sha256: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def data_file(self) -> str:
        return f"responses/{self.id}.arrow"


@dataclass
class Project:
    """Everything ``kano.toml`` holds."""

    name: str
    description: str = ""
    features: list[Feature] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    stages: list[Stage] = field(default_factory=list)
    touchpoints: list[Touchpoint] = field(default_factory=list)
    personas: list[Persona] = field(default_factory=list)
    kpi_periods: list[KpiPeriod] = field(default_factory=list)
    mappings: list[ColumnMapping] = field(default_factory=list)
    segments: list[SegmentQuestion] = field(default_factory=list)
    imports: list[ImportRecord] = field(default_factory=list)
    evaluation_tables: list[TableDefinition] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, name: str, description: str = "") -> Project:
        """A new project with the default journey stages."""
        stages = [Stage(id=slugify(stage), name=stage) for stage in DEFAULT_STAGES]
        return cls(name=name, description=description, stages=stages)

    def feature(self, key: str) -> Feature | None:
        """The feature whose id, name or slug of its name is ``key`` (case-insensitive)."""
        wanted = key.strip().lower()
        for feature in self.features:
            if feature.id.lower() == wanted:
                return feature
        slug = slugify(key)
        for feature in self.features:
            if feature.name.strip().lower() == wanted or slugify(feature.name) == slug:
                return feature
        return None

    def feature_ids(self) -> list[str]:
        return [feature.id for feature in self.features]

    def new_feature_id(self, name: str) -> str:
        """A slug for ``name`` that no feature uses yet."""
        base = slugify(name)
        taken = set(self.feature_ids())
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def stage(self, key: str) -> Stage | None:
        wanted = key.strip().lower()
        for stage in self.stages:
            if stage.id.lower() == wanted or stage.name.lower() == wanted:
                return stage
        return None
