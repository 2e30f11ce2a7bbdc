"""Respondent quality: who answered carelessly, and which respondents an analysis leaves out.

Checks, each on whole columns (no loop over respondents):

- ``straight-lining``: the same answer pair on every feature answered (at least
  ``min_features``, default 3, answered);
- ``questionable``: at least ``max_questionable`` (default 0.5) of the answered pairs
  are contradictory (Q in the evaluation table), with at least 2 answered;
- ``too-few-answers``: fewer than ``min_answered`` (default 0.5) of the features asked
  were answered (both questions);
- ``duplicate``: a respondent id already imported by an earlier import (the later rows
  are flagged; the first stays);
- ``speeder``: where the responses have a duration column (``duration_column``, or one
  named like ``duration``/``duration_seconds``/``duration (in seconds)``), a duration
  under ``speeder_ratio`` (default 0.3) of the median.

``[quality] exclude = ["straight-lining", ...]`` in kano.toml leaves the flagged
respondents out of every analysis; the data are never touched (an exclusion is a view,
and ``kano quality`` lists who and why).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from kano_tui.engine.analysis.figures import CATEGORIES, CATEGORY_MASKS
from kano_tui.engine.importing.survey import RESPONDENT, WAVE
from kano_tui.errors import KanoError
from kano_tui.wording import count

if TYPE_CHECKING:
    from kano_tui.engine.project.model import Project
    from kano_tui.engine.project.storage import Responses

REASONS: tuple[str, ...] = (
    "straight-lining",
    "questionable",
    "too-few-answers",
    "duplicate",
    "speeder",
)
DURATION_NAMES = re.compile(
    r"^(duration|duration[ _]?\(?in[ _]seconds\)?|duration[ _]?s(ec"
    r"onds)?|time[ _]?taken|seconds|completion[ _]?time)$",
    re.I,
)
TOKENS = ("like", "expect", "neutral", "tolerate", "dislike")


@dataclass(frozen=True)
class QualityRules:
    """``[quality]`` of kano.toml: thresholds, and which reasons exclude a respondent."""

    exclude: tuple[str, ...] = ()
    min_features: int = 3
    max_questionable: float = 0.5
    min_answered: float = 0.5
    speeder_ratio: float = 0.3
    duration_column: str = ""

    @classmethod
    def of(cls, project: Project) -> QualityRules:
        table = project.extra.get("quality", {}) or {}
        if not isinstance(table, Mapping):
            raise KanoError(
                'kano.toml [quality] must be a table, e.g. [quality] exclude = ["straight-lining"].'
            )
        exclude = table.get("exclude", [])
        if isinstance(exclude, str):
            exclude = [exclude]
        if not isinstance(exclude, list) or any(r not in REASONS for r in exclude):
            raise KanoError(
                f"kano.toml [quality] exclude = {exclude!r} must list reasons "
                f"among {', '.join(REASONS)}."
            )
        rules = cls(tuple(exclude))
        numbers = {
            "min_features": (int, 1, 10_000),
            "max_questionable": (float, 0, 1),
            "min_answered": (float, 0, 1),
            "speeder_ratio": (float, 0, 1),
        }
        values: dict[str, Any] = {}
        for key, (kind, low, high) in numbers.items():
            value = table.get(key, getattr(rules, key))
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or (kind is int and not isinstance(value, int))
                or not low <= value <= high
            ):
                raise KanoError(
                    f"kano.toml [quality] {key} = {value!r} must be a "
                    f"{'whole number' if kind is int else 'number'} from {low} "
                    f"to {high}."
                )
            values[key] = kind(value)
        column = table.get("duration_column", "")
        if not isinstance(column, str):
            raise KanoError(
                f"kano.toml [quality] duration_column = {column!r} must be a column name."
            )
        return cls(tuple(exclude), duration_column=column, **values)


@dataclass
class QualityReport:
    """Every respondent's flags (one boolean array per reason) and their details."""

    respondents: int
    flags: dict[str, np.ndarray]
    ids: list[str]  # respondent ids (the row number where a file had none)
    waves: list[str | None]
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def any_flag(self) -> np.ndarray:
        out = np.zeros(self.respondents, dtype=bool)
        for flag in self.flags.values():
            out |= flag
        return out

    def reasons_of(self, row: int) -> list[str]:
        return [
            self._reason(name, row)
            for name in REASONS
            if name in self.flags and self.flags[name][row]
        ]

    def _reason(self, name: str, row: int) -> str:
        d = self.details
        if name == "straight-lining":
            f, dys = divmod(int(d["pair"][row]), 6)
            return (
                f"straight-lining: {TOKENS[f - 1]}/{TOKENS[dys - 1]} on all "
                f"{int(d['answered'][row])} features answered"
            )
        if name == "questionable":
            return (
                f"questionable: {int(d['questionable'][row])} of "
                f"{int(d['answered'][row])} answer pairs are contradictory (Q)"
            )
        if name == "too-few-answers":
            return f"too few features answered: {int(d['answered'][row])} of {d['asked']}"
        if name == "duplicate":
            return f"duplicate: respondent {self.ids[row]} was imported before"
        return (
            f"speeder: {d['duration'][row]:g} s, under {d['speeder_ratio']:g} x the "
            f"median {d['median']:g} s"
        )

    def flagged(self) -> list[dict[str, Any]]:
        """The ``kano quality --format json`` rows: flagged respondents, in file order."""
        return [
            {
                "respondent": self.ids[row],
                "wave": self.waves[row],
                "reasons": self.reasons_of(int(row)),
            }
            for row in np.flatnonzero(self.any_flag)
        ]


@dataclass(frozen=True)
class Exclusions:
    """Which respondents an analysis leaves out, and why (for the summary line)."""

    keep: np.ndarray
    by_reason: dict[str, int]  # each excluded respondent under the first rule it breaks

    @property
    def respondents(self) -> int:
        return len(self.keep)

    @property
    def excluded(self) -> int:
        return int(self.respondents - self.keep.sum())

    def summary(self) -> str:
        """'1,412 of 1,478 respondents; 66 excluded: 52 straight-lining, 14 speeder'."""
        kept = self.respondents - self.excluded
        text = f"{kept:,} of {count(self.respondents, 'respondent', grouped=True)}"
        if not self.excluded:
            return text + "; none excluded"
        parts = ", ".join(f"{n:,} {reason}" for reason, n in self.by_reason.items() if n)
        return f"{text}; {self.excluded:,} excluded: {parts}"

    def as_json(self) -> dict[str, Any]:
        return {
            "respondents": self.respondents,
            "excluded": self.excluded,
            "by_reason": dict(self.by_reason),
            "summary": self.summary(),
        }


def duration_column(responses: Responses, rules: QualityRules) -> str | None:
    if rules.duration_column:
        if rules.duration_column not in responses:
            raise KanoError(
                f"kano.toml [quality] duration_column = "
                f"{rules.duration_column!r} is not a respondent column."
            )
        return rules.duration_column
    return next((c for c in responses.attributes if DURATION_NAMES.match(c.strip())), None)


def quality_columns(project: Project, responses_columns: list[str] | None = None) -> list[str]:
    """The columns the checks read (for loading only those)."""
    wanted = [
        f"{f}.{role}" for f in project.feature_ids() for role in ("functional", "dysfunctional")
    ]
    return [*wanted, RESPONDENT, WAVE, *(responses_columns or [])]


def assess(
    project: Project, responses: Responses, rules: QualityRules | None = None
) -> QualityReport:
    """Flag every respondent of ``responses`` (all imports, in import order)."""
    rules = rules or QualityRules.of(project)
    n = len(responses)
    feature_ids = [
        f
        for f, asked in zip(
            project.feature_ids(), responses.answered(project.feature_ids(), "functional")
        )
        if asked
    ]
    questionable_mask = CATEGORY_MASKS[CATEGORIES.index("Q")].astype(bool).ravel()
    answered = np.zeros(n, dtype=np.int32)
    questionable = np.zeros(n, dtype=np.int32)
    first = np.full(n, -1, dtype=np.int16)  # the first answered pair code
    same = np.ones(n, dtype=bool)
    for feature_id in feature_ids:  # one pass per feature over contiguous columns
        f = responses.answer_codes(feature_id, "functional")
        d = responses.answer_codes(feature_id, "dysfunctional")
        pair = f.astype(np.int16) * 6 + d
        both = (f > 0) & (d > 0)
        answered += both
        questionable += both & questionable_mask[pair]
        unset = both & (first < 0)
        first[unset] = pair[unset]
        same &= ~both | (pair == first)
    flags = {
        "straight-lining": same & (answered >= rules.min_features),
        "questionable": (answered >= 2) & (questionable >= rules.max_questionable * answered),
        "too-few-answers": answered < rules.min_answered * len(feature_ids)
        if feature_ids
        else np.zeros(n, dtype=bool),
    }
    ids = _ids(responses)
    flags["duplicate"] = _duplicates(project, responses, ids)
    details: dict[str, Any] = {
        "pair": first,
        "answered": answered,
        "questionable": questionable,
        "asked": len(feature_ids),
    }
    column = duration_column(responses, rules)
    if column is not None:
        import pandas as pd

        seconds = pd.to_numeric(responses.series(column), errors="coerce").to_numpy(
            dtype=np.float64, na_value=np.nan
        )
        known = seconds[np.isfinite(seconds) & (seconds > 0)]
        median = float(np.median(known)) if len(known) else np.nan
        flags["speeder"] = np.isfinite(seconds) & (seconds < rules.speeder_ratio * median)
        details.update(duration=seconds, median=median, speeder_ratio=rules.speeder_ratio)
    waves = responses.table.column(WAVE).to_pylist() if WAVE in responses else [None] * n
    return QualityReport(n, flags, ids, [w or None for w in waves], details)


def exclusions(report: QualityReport, rules: QualityRules) -> Exclusions:
    """The respondents ``rules.exclude`` leaves out of the analyses."""
    out = np.zeros(report.respondents, dtype=bool)
    by_reason: dict[str, int] = {}
    for reason in rules.exclude:
        flag = report.flags.get(reason)
        if flag is None:
            by_reason[reason] = 0
            continue
        new = flag & ~out
        by_reason[reason] = int(new.sum())
        out |= new
    return Exclusions(~out, by_reason)


def _ids(responses: Responses) -> list[str]:
    rows = [str(i + 1) for i in range(len(responses))] if RESPONDENT not in responses else None
    if rows is not None:
        return rows
    values = responses.table.column(RESPONDENT).to_pylist()
    return [str(v) if v not in (None, "") else str(i + 1) for i, v in enumerate(values)]


def _duplicates(project: Project, responses: Responses, ids: list[str]) -> np.ndarray:
    """Rows whose respondent id an earlier import already holds (ids repeated within one
    import are the file's own business: a long layout has one row per feature)."""
    n = len(responses)
    if RESPONDENT not in responses or not n:
        return np.zeros(n, dtype=bool)
    import pandas as pd

    sizes = [record.rows for record in project.imports]
    if sum(sizes) != n:  # not loaded from these imports: no import boundaries known
        return np.zeros(n, dtype=bool)
    codes, _ = pd.factorize(responses.series(RESPONDENT), use_na_sentinel=True)
    source = np.repeat(np.arange(len(sizes)), sizes)
    # The first import holding each id; a row is a duplicate when it comes from a later one.
    order = np.lexsort((source, codes))
    first_source = np.full(codes.max() + 1 if len(codes) and codes.max() >= 0 else 0, -1)
    sorted_codes = codes[order]
    starts = np.r_[True, sorted_codes[1:] != sorted_codes[:-1]] if n else np.zeros(0, bool)
    valid = sorted_codes >= 0
    first_source[sorted_codes[starts & valid]] = source[order][starts & valid]
    later: np.ndarray = (codes >= 0) & (source > first_source[np.maximum(codes, 0)])
    return later
