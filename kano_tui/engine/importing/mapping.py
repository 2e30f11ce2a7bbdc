"""Which survey column holds which feature's question: proposals from question text.

Survey tools name columns by question id (Qualtrics ``Q5_1``) or by the question text
itself (SurveyMonkey, Google Forms, Typeform), never ``<feature>.functional``.
:func:`propose_columns` reads each column's question text, in English, German, French or
Spanish, for

- the role: "if the product had ..." is functional, "... did not have ..." dysfunctional,
  "how important ..." importance, "how likely ... recommend" the NPS question;
- the feature: a matrix row (``Question [Row]``, ``Question - Row``) or the words after
  "had" / "did not have" / "how important is", matched to the project's features with
  rapidfuzz, else the name of a new feature;
- and checks the answers: a column proposed as a Kano question must hold Kano wordings.

Every proposal carries a confidence below 1 and its question text, so that the user can
confirm or correct it (``--map``, ``--mapping FILE``, the TUI's import form).
:func:`remember_mappings` keeps the mapping used in ``kano.toml`` for the next wave, and
:func:`read_mapping_file` reads a mapping the user wrote (TOML or CSV).
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from kano_tui.engine.importing.answers import (
    is_importance_label,
    normalize_answers,
    normalize_scale,
    wording_key,
)
from kano_tui.engine.project.model import (
    COLUMN_ROLES,
    IDENTITY_ROLES,
    IGNORE,
    ROLES,
    SCALE_ROLES,
    ColumnMapping,
    Feature,
    Project,
)
from kano_tui.errors import KanoError

if TYPE_CHECKING:  # pandas and rapidfuzz are imported where columns are read and matched
    import pandas as pd

MIN_CONFIDENCE = 0.5  # below this, a column is left alone (a respondent attribute)
FEATURE_MATCH = 86  # rapidfuzz WRatio from which a text names an existing feature
SAME_NEW_FEATURE = 90  # two new feature names this close are one feature
SPLIT_PAIR_MATCH = 85  # rapidfuzz partial_ratio from which side-by-side names are one feature
MAX_UNIQUES = 500  # answers checked per column (distinct values, not rows)

_CANONICAL = re.compile(
    r"^(?P<feature>.+)\.(?P<role>functional|dysfunctional|importance)$", re.IGNORECASE
)


@dataclass(frozen=True)
class Proposal:
    """What a column probably is."""

    column: str
    kind: str  # "answer" or "nps"
    feature: str = ""  # an existing feature's id, or the name of a new feature
    role: str = ""  # functional | dysfunctional | importance, for answers
    confidence: float = 0.0  # 0..1, always below 1: a proposal, not a fact
    question: str = ""
    # The column's name carries the feature's key (``F6_functional``): the key is the id
    # of a new feature exactly as written, like ``F6.functional``'s.
    exact: bool = False
    # The answers are not wordings kano knows (a custom answer set): the import names
    # them and says how to teach them, rather than dropping the column as an attribute.
    unknown_answers: bool = False


# --------------------------------------------------------------------------- text

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower case without accents, *the same length* as ``text``, so that a span found in
    the folded text cuts the original (names keep their case and accents)."""
    out = []
    for char in text.translate(_QUOTES):
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).lower()
        out.append(base if len(base) == 1 else (char.lower()[:1] or char))
    return "".join(out)


_HTML_TAG = re.compile(r"<[^<>]{1,200}>")
_SPACES = re.compile(r"\s+")


def clean_question(text: str) -> str:
    """Question text without markup and runs of white space (Typeform keeps <strong>)."""
    return _SPACES.sub(" ", _HTML_TAG.sub("", text)).strip()


def split_row(question: str) -> tuple[str, str]:
    """``(stem, row)`` of a matrix question: Google Forms writes ``Question [Row]``,
    Qualtrics and SurveyMonkey ``Question - Row``; ``(question, "")`` otherwise."""
    grid = re.fullmatch(r"(?s)(?P<stem>.*\S)\s*\[(?P<row>[^\[\]]+)\]\s*", question)
    if grid:
        return grid["stem"].strip(), grid["row"].strip()
    stem, dash, row = question.rpartition(" - ")
    if dash and stem.strip() and row.strip():
        return stem.strip(), row.strip()
    return question.strip(), ""


# --------------------------------------------------------------------------- vocabulary
# Patterns run on folded text (lower case, no accents). ``f`` captures the feature.

_OBJECT = r"(?P<f>[^?!.;:,()\[\]]+)"
_OBJECT_LAZY = r"(?P<f>[^?!.;:,()\[\]]+?)"
_DE_SUBJECT = (
    r"(?:wenn|falls)\s+(?:das|die|der|ihr|ihre|sein|seine|unser|unsere|ein|eine)?\s*\w+\s+"
)
_DE_HAVE = (
    r"(?:hatte|hat|hatten|haben wurde|bote|bietet|bieten wurde|anbieten wurde|"
    r"enthielte|enthalt|enthalten wurde|besasse|besitzt|verfugen wurde|verfugte)\b"
)

DYSFUNCTIONAL_PATTERNS: tuple[str, ...] = (
    # English
    r"\b(?:did not|didn't|does not|doesn't|do not|don't|would not|wouldn't|could not|"
    r"couldn't|cannot|can't)\s+(?:have|offer|include|support|provide|come with|feature|"
    r"let you|allow you to|allow)\s+" + _OBJECT,
    r"\b(?:had|has|have|with|offered|offers)\s+no\s+" + _OBJECT,
    r"\bwithout\s+" + _OBJECT,
    r"\bif\s+" + _OBJECT_LAZY + r"\s+(?:were|was|is|are)(?:\s+not|n't)\b",
    r"\b(?:lacked|lacks|lacking|missing)\s+" + _OBJECT,
    # German
    _DE_SUBJECT + r"(?:kein|keine|keinen|keinem|keiner)\s+" + _OBJECT_LAZY + r"\s+" + _DE_HAVE,
    _DE_SUBJECT + _OBJECT_LAZY + r"\s+nicht\s+" + _DE_HAVE,
    r"\bnicht\s+uber\s+(?:ein|eine|einen|einem|einer|den|die|das)?\s*"
    + _OBJECT_LAZY
    + r"\s+verfug\w*",
    r"\bohne\s+" + _OBJECT,
    # French
    r"\b(?:n'avait pas|n'aurait pas|ne disposait pas|ne proposait pas|n'offrait pas|"
    r"n'incluait pas|ne comportait pas|ne possedait pas|ne permettait pas)\s+"
    r"(?:de\s+|d'|du\s+|des\s+)?" + _OBJECT,
    # "ne vous permettait pas de ...", "n'offre pas de ...": ne ... pas around the verb
    r"\b(?:ne|n')\s*(?:[\w']+\s+){0,3}?(?:pas|plus|jamais)\s+(?:de\s+|d'|du\s+|des\s+|"
    r"la\s+|le\s+|les\s+|l')?" + _OBJECT,
    r"\bsans\s+" + _OBJECT,
    r"\b(?:pas de|pas d'|aucun|aucune)\s*" + _OBJECT,
    # Spanish
    r"\b(?:no tuviera|no tenia|no tuviese|no contara con|no contase con|no ofreciera|"
    r"no incluyera|no dispusiera de|no tendria|careciera de|no tiene|no ofrece|no incluye|"
    r"no cuenta con|no dispone de|no permite|no trae|carece de)\s+" + _OBJECT,
    r"\bsin\s+" + _OBJECT,
)

FUNCTIONAL_PATTERNS: tuple[str, ...] = (
    r"\b(?:had|has|have|offered|offers|included|includes|supported|supports|provided|"
    r"provides|came with|comes with|featured|let you|allowed you to|allows you to)\s+" + _OBJECT,
    r"\bif\s+" + _OBJECT_LAZY + r"\s+(?:were|was|is|are)\s+(?:available|included|offered|"
    r"provided|supported|possible|there)\b",
    r"\bif you could\s+" + _OBJECT,
    _DE_SUBJECT + _OBJECT_LAZY + r"\s+" + _DE_HAVE,
    r"\buber\s+(?:ein|eine|einen|einem|einer|den|die|das)?\s*" + _OBJECT_LAZY + r"\s+verfug\w*",
    r"\b(?:avait|aurait|disposait|proposait|offrait|incluait|comportait|possedait|"
    r"permettait|offre|propose|inclut|comporte|possede|permet|dispose|contient)\s+"
    r"(?:de\s+|d'|du\s+|des\s+)?" + _OBJECT,
    r"\b(?:tuviera|tenia|tuviese|contara con|contase con|ofreciera|incluyera|"
    r"dispusiera de|tendria|tiene|ofrece|incluye|cuenta con|dispone de|permite|trae)\s+" + _OBJECT,
    r"\b(?:with|mit|avec|con)\s+" + _OBJECT,
)

IMPORTANCE_PATTERNS: tuple[str, ...] = (
    r"\bhow important (?:is|are|would be|was|were)\s+"
    + _OBJECT_LAZY
    + r"(?:\s+(?:to|for) (?:you|your \w+))?\s*(?:[?!.;:,(]|$)",
    r"\bimportance of\s+" + _OBJECT,
    r"\bwie wichtig (?:ist|sind|ware|waren)\s+(?:ihnen\s+|dir\s+|fur sie\s+)?"
    + _OBJECT_LAZY
    + r"(?:\s+fur sie)?\s*(?:[?!.;:,(]|$)",
    r"\bwichtigkeit (?:von|der|des)\s+" + _OBJECT,
    r"\bimportance\s+(?:accordez-vous|attachez-vous|a pour vous|revet pour vous)?\s*"
    r"(?:a\s+la\s+|a\s+l'|au\s+|aux\s+|a\s+|de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')" + _OBJECT,
    r"\b(?:a quel point|dans quelle mesure)\s+"
    + _OBJECT_LAZY
    + r"\s+est[- ](?:il|elle)\s+important",
    r"\b(?:que tan|cuan|que) importante (?:es|seria|son|serian)\s+(?:para (?:usted|ti)\s+)?"
    + _OBJECT_LAZY
    + r"(?:\s+para (?:usted|ti))?\s*(?:[?!.;:,(]|$)",
    r"\bimportancia (?:de|del|tiene|le da a|le concede a)\s+" + _OBJECT,
)

# A question that asks how the respondent would feel, in any of the four languages.
KANO_CONTEXT = re.compile(
    r"how would you feel|how do you feel|how would you react|what would you think|"
    r"how would you rate|wie wurden sie|wie fanden sie|wie wurde es ihnen|was halten sie|"
    r"wie wurdest du|que ressentiriez|comment vous sentiriez|que penseriez|"
    r"comment reagiriez|como se sentiria|que opinaria|como le pareceria|como reaccionaria|"
    r"como te sentirias|^if\b|\bif (?:the|your|this|our|it|you|there|a|an)\b|\bwenn\b|"
    r"\bfalls\b|\bsi\b|\bs'il\b|\bsuppose\b"
)
NEGATION = re.compile(
    r"\b(?:not|no|without|n't)\b|n't\b|\b(?:nicht|kein\w*|ohne)\b|\b(?:pas|sans|aucun\w*)\b|"
    r"\b(?:no|sin|nunca)\b"
)
IMPORTANCE = re.compile(
    r"how important|\bimportance\b|wie wichtig|wichtigkeit|\bimportan(?:te|cia)\b|"
    r"est[- ](?:il|elle) important"
)
NPS = re.compile(
    r"(?:likely|likelihood|wahrscheinlich|probab|probable)[^?]*"
    r"(?:recommend|empfehl|recommand|recomend|recomiend)"
)
EXPLICIT_ROLE = re.compile(
    r"^(?P<f>.+?)[\s._-]+\(?(?P<r>functional|dysfunctional|importance|funktional|dysfunktional|"
    r"wichtigkeit|fonctionnel(?:le)?|dysfonctionnel(?:le)?|funcional|disfuncional|"
    r"importancia|positive|negative|func|dysfunc|dysf|dys|imp|f|d)\)?$"
)
_ROLE_WORDS = {
    "functional": "functional",
    "funktional": "functional",
    "fonctionnel": "functional",
    "fonctionnelle": "functional",
    "funcional": "functional",
    "positive": "functional",
    "func": "functional",
    "f": "functional",
    "dysfunctional": "dysfunctional",
    "dysfunktional": "dysfunctional",
    "dysfonctionnel": "dysfunctional",
    "dysfonctionnelle": "dysfunctional",
    "disfuncional": "dysfunctional",
    "negative": "dysfunctional",
    "dysfunc": "dysfunctional",
    "dysf": "dysfunctional",
    "dys": "dysfunctional",
    "d": "dysfunctional",
    "importance": "importance",
    "wichtigkeit": "importance",
    "importancia": "importance",
    "imp": "importance",
}
_LEADING_WORDS = re.compile(
    r"^(?:(?:a|an|the|some|any|its|it's|their|your|our|this|these|that|those|"
    r"ein|eine|einen|einem|einer|der|die|das|den|dem|des|ihr|ihre|ihren|uber|"
    r"un|une|le|la|les|l'|des|du|de|d'|son|sa|ses|votre|vos|"
    r"el|los|las|una|unos|unas|su|sus)\s+|l'|d')+"
)
_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:to you|for you|at all|in the product|in this product|"
    r"fur sie|pour vous|para usted|para ti|available|there))+$"
)
_NEGATED_SUBJECT = re.compile(
    r"^\s*(?:not|pas de|pas d'|pas|nicht uber|nicht|kein\w*|no|sin)\s+|^\s*pas d'"
)
_KEY = re.compile(r"[^\s.]+")  # one word: a question id or a feature key, not a phrase
_DEICTIC = re.compile(
    r"^(?:the following|following|these|this|it|them|folgende\w*|suivant\w*|"
    r"siguiente\w*|ceci|cela|esto|eso)\b"
)


@dataclass(frozen=True)
class _Reading:
    kind: str  # answer | nps
    role: str
    subject: str  # the feature as the text names it ("" when the text does not)
    confidence: float
    exact: bool = False  # the subject is the key the column's name writes (F6_functional)


def _first_capture(patterns: Iterable[str], folded: str, original: str) -> str | None:
    for pattern in patterns:
        found = re.search(pattern, folded)
        if found:
            return _tidy_subject(original[found.start("f") : found.end("f")])
    return None


def _earliest_capture(folded: str, original: str) -> tuple[str, str] | None:
    """(role, feature) from the earliest "had ..." / "did not have ..." in the text.

    The earliest wins, dysfunctional on a tie ("had no X" against "had X"): a feature
    whose name holds a negation ("recharge sans fil", "do not disturb mode") comes after
    the verb that says the role.
    """
    best: tuple[int, str, re.Match[str]] | None = None
    for role, patterns in (
        ("dysfunctional", DYSFUNCTIONAL_PATTERNS),
        ("functional", FUNCTIONAL_PATTERNS),
    ):
        for pattern in patterns:
            found = re.search(pattern, folded)
            if found and (best is None or found.start() < best[0]):
                best = (found.start(), role, found)
    if best is None:
        return None
    _, role, found = best
    subject = original[found.start("f") : found.end("f")]
    negated = _NEGATED_SUBJECT.match(fold(subject))
    if negated:  # "... had not X", "nicht über X": the negation is the role, not the name
        role, subject = "dysfunctional", subject[negated.end() :]
    subject = _tidy_subject(subject)
    return (role, subject) if subject else None


def _tidy_subject(text: str) -> str:
    text = _SPACES.sub(" ", text).strip(" '\"-*")
    for _ in range(2):  # "the a" never happens; two passes cover "of the"
        folded = fold(text)
        lead = _LEADING_WORDS.match(folded)
        if lead:
            text = text[lead.end() :]
        folded = fold(text)
        tail = _TRAILING_WORDS.search(folded)
        if tail:
            text = text[: tail.start()]
        text = text.strip(" '\"-*")
    return "" if _DEICTIC.match(fold(text)) else text


def read_question(column: str, question: str) -> _Reading | None:
    """The role a column's question asks and the feature it names, or None if it is not
    recognisably a Kano, importance or NPS question."""
    text = clean_question(question or column)
    stem, row = split_row(text)
    folded_stem = fold(stem)
    if NPS.search(folded_stem):
        return _Reading("nps", "", "", 0.9)
    explicit = EXPLICIT_ROLE.match(fold(column.strip()))
    if explicit and (len(explicit["r"]) > 1 or not question):
        role = _ROLE_WORDS[explicit["r"]]
        key = column.strip()[: explicit.end("f")].strip()
        exact = not row and bool(_KEY.fullmatch(key))
        subject = row or (key if exact else _tidy_subject(key))
        return _Reading("answer", role, subject, 0.9 if len(explicit["r"]) > 3 else 0.75, exact)
    explicit_text = EXPLICIT_ROLE.match(fold(text))
    if explicit_text and len(explicit_text["r"]) > 3:
        role = _ROLE_WORDS[explicit_text["r"]]
        return _Reading("answer", role, row or _tidy_subject(text[: explicit_text.end("f")]), 0.9)
    if IMPORTANCE.search(folded_stem):
        subject = row or _first_capture(IMPORTANCE_PATTERNS, folded_stem, stem) or ""
        return _Reading("answer", "importance", subject, 0.9)
    if not KANO_CONTEXT.search(folded_stem):
        return None
    if row:  # a matrix: the stem says the role, the row the feature
        role = "dysfunctional" if NEGATION.search(folded_stem) else "functional"
        return _Reading("answer", role, row, 0.9)
    captured = _earliest_capture(folded_stem, stem)
    if captured:
        role, subject = captured
        return _Reading("answer", role, subject, 0.9 if role == "dysfunctional" else 0.85)
    role = "dysfunctional" if NEGATION.search(folded_stem) else "functional"
    return _Reading("answer", role, "", 0.7)


# --------------------------------------------------------------------------- features


class _FeatureMatcher:
    """Matches the feature a question names to the project's features, or to the new
    features proposed so far (so a file's functional and dysfunctional columns agree)."""

    def __init__(self, project: Project) -> None:
        self.labels: list[str] = []
        self.ids: list[str] = []
        for feature in project.features:
            for label in {feature.name, re.sub(r"[-_]+", " ", feature.id)}:
                self.labels.append(label)
                self.ids.append(feature.id)
        self.new_names: list[str] = []
        self.aliases: dict[str, str] = {}  # a subject the user mapped -> the feature key

    def alias(self, subject: str, feature: str) -> None:
        if subject:
            self.aliases[subject] = feature

    def match(self, subject: str, question: str) -> tuple[str, float] | None:
        """(feature id or new name, confidence), or None when the text names nothing."""
        from rapidfuzz import fuzz, process, utils

        if subject and self.aliases:
            same = process.extractOne(
                subject,
                list(self.aliases),
                scorer=fuzz.token_sort_ratio,
                processor=utils.default_process,
                score_cutoff=SAME_NEW_FEATURE,
            )
            if same is not None:
                return self.aliases[same[0]], 0.95
        if subject and self.labels:
            best = process.extractOne(
                subject,
                self.labels,
                scorer=fuzz.WRatio,
                processor=utils.default_process,
                score_cutoff=FEATURE_MATCH,
            )
            if best is not None:
                return self.ids[best[2]], min(best[1], 99.0) / 100
        if not subject:
            named = self._named_in(question)
            return (named, 0.9) if named else None
        if self.new_names:
            same = process.extractOne(
                subject,
                self.new_names,
                scorer=fuzz.token_sort_ratio,
                processor=utils.default_process,
                score_cutoff=SAME_NEW_FEATURE,
            )
            if same is not None:
                return same[0], 0.85
        self.new_names.append(subject[:1].upper() + subject[1:])
        return self.new_names[-1], 0.85

    def _named_in(self, question: str) -> str | None:
        """The existing feature whose name appears, as whole words, in the question."""
        folded = fold(question)
        found = [
            (len(label), fid)
            for label, fid in zip(self.labels, self.ids)
            if len(label) >= 3 and re.search(rf"\b{re.escape(fold(label))}\b", folded)
        ]
        return max(found)[1] if found else None


# --------------------------------------------------------------------------- answers


def _known_share(values: pd.Series, check) -> float | None:  # type: ignore[no-untyped-def]
    """The share of a column's distinct non-blank values that ``check`` accepts."""
    import pandas as pd

    uniques = pd.unique(values.dropna().astype("str").str.strip())
    uniques = [u for u in uniques[:MAX_UNIQUES] if u]
    if not uniques:
        return None
    return float(np.mean(check(pd.Series(uniques, dtype=object))))


def _answer_check(wordings: Mapping[str, list[str]]):  # type: ignore[no-untyped-def]
    def check(values: pd.Series) -> np.ndarray:
        return normalize_answers(values, wordings)[0] > 0  # -1: not a Kano answer

    return check


def _scale_check(low: int, high: int):  # type: ignore[no-untyped-def]
    def check(values: pd.Series) -> np.ndarray:
        return normalize_scale(values, low, high)[0] >= 0

    return check


def _importance_check(high: int, taught: Mapping[str, int]):  # type: ignore[no-untyped-def]
    taught_keys = {wording_key(k) for k in taught}

    def check(values: pd.Series) -> np.ndarray:
        numbers = normalize_scale(values, 1, high)[0] >= 0
        labels = np.array(
            [is_importance_label(v) or wording_key(str(v)) in taught_keys for v in values],
            dtype=bool,
        )
        return np.asarray(numbers | labels)

    return check


# --------------------------------------------------------------------------- proposals


def propose_columns(
    columns: Iterable[str],
    questions: Mapping[str, str],
    project: Project,
    frame: pd.DataFrame | None = None,
    *,
    nps_taken: bool = False,
    decided: Mapping[str, str] | None = None,
    wordings: Mapping[str, list[str]] | None = None,
    importance_labels: Mapping[str, int] | None = None,
) -> dict[str, Proposal]:
    """Proposals for ``columns`` (the ones no name or saved mapping decides), in order.

    ``questions`` holds each column's question text (a column without one is read by its
    name); ``frame``, when given, holds the answers, which must fit the role proposed.
    ``nps_taken``: the file has an ``nps`` column already, so no other is proposed.
    ``decided`` maps the columns the user mapped to their feature: a column asking about the
    same thing follows them (map a matrix row's functional column, its importance follows).
    ``wordings`` and ``importance_labels``: what this import teaches (and the project
    knows), so that taught answers count as known.
    """
    columns = list(columns)
    matcher = _FeatureMatcher(project)
    for column, feature in (decided or {}).items():
        reading = read_question(column, clean_question(questions.get(column, "") or ""))
        if reading is not None:
            matcher.alias(reading.subject, feature)
    wordings = wordings if wordings is not None else project.settings.wordings
    labels = (
        importance_labels if importance_labels is not None else project.settings.importance_labels
    )
    checks = {
        "functional": _answer_check(wordings),
        "dysfunctional": _answer_check(wordings),
        # A label scale sets its own top: "Extremely important" is 5, or 7, not 9.
        "importance": _importance_check(max(project.settings.importance_max, 11), labels),
        "nps": _scale_check(0, 10),
    }
    proposals: dict[str, Proposal] = {}
    unknown: list[tuple[str, str, _Reading, float]] = []  # custom answer sets, decided last
    for column in columns:
        question = clean_question(questions.get(column, "") or "")
        reading = read_question(column, question)
        if reading is None:
            continue
        confidence = reading.confidence
        if frame is not None and column in frame.columns:
            share = _known_share(frame[column], checks[reading.role or reading.kind])
            if share is not None:
                if share < 0.5:
                    if reading.kind == "answer" and _looks_like_answer_set(
                        frame[column], reading.role
                    ):
                        unknown.append((column, question, reading, confidence))
                    continue
                confidence *= 0.5 + share / 2
        if reading.kind == "nps":
            if nps_taken or confidence < MIN_CONFIDENCE:
                continue
            nps_taken = True
            proposals[column] = Proposal(
                column, "nps", confidence=round(confidence, 2), question=question
            )
            continue
        proposal = _proposal(matcher, column, question, reading, confidence)
        if proposal is not None and proposal.confidence >= MIN_CONFIDENCE:
            proposals[column] = proposal
    # A column asking a Kano question whose answers are a small set of texts kano does not
    # know (a custom answer set) is still that question when its pair is there: proposed,
    # so that the import names the wordings and how to teach them, never made an attribute.
    candidates = {
        column: _proposal(
            matcher, column, question, reading, confidence * 0.7, unknown_answers=True
        )
        for column, question, reading, confidence in unknown
    }
    asked = {
        (p.feature.lower(), p.role)
        for p in [*proposals.values(), *candidates.values()]
        if p is not None
    }
    partner = {
        "functional": ("dysfunctional",),
        "dysfunctional": ("functional",),
        "importance": ("functional", "dysfunctional"),
    }
    for column, candidate in candidates.items():
        if candidate is not None and any(
            (candidate.feature.lower(), role) in asked for role in partner[candidate.role]
        ):
            proposals[column] = candidate
    order = {column: i for i, column in enumerate(columns)}
    proposals = dict(sorted(proposals.items(), key=lambda item: order[item[0]]))
    return _joined_pairs(proposals)


def _joined_pairs(proposals: dict[str, Proposal]) -> dict[str, Proposal]:
    """Never split one feature's pair across two features: a functional and a
    dysfunctional question side by side whose texts named the feature a little
    differently ("über eine Offline-Funktion", "Offline-Funktion"), each the only question
    of its feature, are one feature's pair."""
    roles: dict[str, set[str]] = {}
    for proposal in proposals.values():
        if proposal.kind == "answer":
            roles.setdefault(proposal.feature, set()).add(proposal.role)
    ordered = list(proposals.values())
    for first, second in itertools.pairwise(ordered):
        if (
            first.kind != "answer"
            or second.kind != "answer"
            or first.feature == second.feature
            or {first.role, second.role} != {"functional", "dysfunctional"}
            or first.exact
            or second.exact
        ):
            continue
        # Here only, for columns matched by their text: a canonical file's named columns
        # never import rapidfuzz (50 ms of every import's start).
        from rapidfuzz import fuzz, utils

        alike = (
            fuzz.partial_ratio(first.feature, second.feature, processor=utils.default_process)
            >= SPLIT_PAIR_MATCH
        )
        if (
            alike
            and roles.get(first.feature) == {first.role}
            and roles.get(second.feature) == {second.role}
        ):
            roles[second.feature] = set()
            roles[first.feature] = {"functional", "dysfunctional"}
            proposals[second.column] = dataclasses.replace(
                second, feature=first.feature, confidence=round(min(second.confidence, 0.75), 2)
            )
    return proposals


def _proposal(
    matcher: _FeatureMatcher,
    column: str,
    question: str,
    reading: _Reading,
    confidence: float,
    *,
    unknown_answers: bool = False,
) -> Proposal | None:
    """The proposal for a column read as a feature's question, or None when its text
    names no feature. A key from the column's name is taken as written (``F6``)."""
    if reading.exact:
        feature, feature_confidence = reading.subject, 1.0
    else:
        matched = matcher.match(reading.subject, question or column)
        if matched is None:
            return None
        feature, feature_confidence = matched
    return Proposal(
        column,
        "answer",
        feature,
        reading.role,
        round(min(confidence * feature_confidence, 0.99), 2),
        question,
        exact=reading.exact,
        unknown_answers=unknown_answers,
    )


ANSWER_SET_MAX = {"functional": 5, "dysfunctional": 5, "importance": 11}


def _looks_like_answer_set(values: pd.Series, role: str) -> bool:
    """Whether a column holds a small set of short answer texts (a five-point Kano answer
    set, an importance label scale) rather than free text or numbers."""
    import pandas as pd

    uniques = [u for u in pd.unique(values.dropna().astype("str").str.strip())[:50] if u]
    if not 2 <= len(uniques) <= ANSWER_SET_MAX.get(role, 5):
        return False
    return all(len(u) <= 120 and not re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?", u) for u in uniques)


# --------------------------------------------------------------------------- saved mappings


IGNORED = "ignored"  # the plan kind of a column mapped to "ignore"


def remember_mappings(project: Project, plans: Iterable) -> list[ColumnMapping]:
    """The project's saved mappings updated with the columns an import mapped.

    A column whose name already says its feature and role (``calls.functional``) needs no
    mapping; every other answer column is remembered, and so is the NPS (or CSAT) question
    (``role = "nps"``, no feature), so the next wave maps the same way.
    ``project`` must already hold the features the import added.
    """
    by_column = {m.column: m for m in project.mappings}
    first_by_id: dict[str, Feature] = {}  # Project.feature's id look-up in constant time:
    for feature in project.features:  # 10,000 columns made the linear one take seconds
        first_by_id.setdefault(feature.id.lower(), feature)
    for plan in plans:
        if plan.kind == IGNORED:
            by_column[plan.column] = ColumnMapping(plan.column, "", IGNORE)
            continue
        if (
            plan.kind in (*SCALE_ROLES, *IDENTITY_ROLES)
            and plan.column.strip().lower() != plan.kind
        ):
            old = by_column.get(plan.column)
            if old is None or old.role != plan.kind:
                by_column[plan.column] = ColumnMapping(plan.column, "", plan.kind)
            continue
        if plan.kind != "answer":
            continue
        from kano_tui.engine.importing.ingest import named_column

        canonical = named_column(plan.column)
        if canonical and canonical["role"].lower() == plan.role:
            key = canonical["feature"].strip()
            named = first_by_id.get(key.lower()) or project.feature(key)
            if named is not None and named.id == plan.feature:
                continue
        old = by_column.get(plan.column)
        if old is not None and (old.feature, old.role) == (plan.feature, plan.role):
            continue
        by_column[plan.column] = ColumnMapping(
            plan.column, plan.feature, plan.role, extra=dict(old.extra) if old else {}
        )
    return list(by_column.values())


def read_mapping_file(path: Path) -> dict[str, tuple[str, str]]:
    """Read a mapping the user wrote: TOML or CSV, ``column -> (feature, role)``.

    TOML: ``[mapping]`` with ``"COLUMN" = "FEATURE:ROLE"`` lines, or ``[[mappings]]``
    tables with ``column``, ``feature`` and ``role`` (also as ``[[responses.mappings]]``,
    the way ``kano.toml`` saves them). CSV: a header ``column,feature,role``. The roles
    ``nps``, ``csat`` and ``ignore`` need no feature: ``"Q9" = "nps"``, ``"IP" = "ignore"``.
    """
    from kano_tui.engine.project.safeio import MAPPING_FILE_LIMIT, read_bounded

    path = Path(path)  # a FIFO, a device or a giant file: one sentence, never a hang
    raw = read_bounded(path, "mapping files", MAPPING_FILE_LIMIT)
    text = raw.decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".csv":
        return _mapping_from_csv(text, path)
    return _mapping_from_toml(text, path)


_TOKEN_ALIASES = {
    "must-be": "expect",
    "must be": "expect",
    "must": "expect",
    "live with": "tolerate",
    "live-with": "tolerate",
    "accept": "tolerate",
    "indifferent": "neutral",
}


def taught_wording(text: str, token: str, where: str) -> tuple[str, str]:
    """``(wording, token)`` of one ``--wording "TEXT=TOKEN"`` (or a mapping file's
    ``[wordings]`` line); TOKEN is like, expect, neutral, tolerate or dislike (or 1-5)."""
    from kano_tui.engine.importing.answers import TOKENS

    wanted = " ".join(token.strip().lower().split())
    wanted = _TOKEN_ALIASES.get(wanted, wanted)
    if wanted.isdigit() and 1 <= int(wanted) <= len(TOKENS):
        wanted = TOKENS[int(wanted) - 1]
    if wanted not in TOKENS:
        raise KanoError(
            f"{where}: {token!r} is not a Kano answer; teach {text!r} as one of "
            f"{', '.join(TOKENS)}."
        )
    if not text.strip():
        raise KanoError(f"{where}: the wording to teach is blank.")
    return text.strip(), wanted


def taught_importance(text: str, number: object, where: str) -> tuple[str, int]:
    """``(label, N)`` of one ``--importance "TEXT=N"`` (or an ``[importance]`` line)."""
    value = str(number).strip()
    if isinstance(number, bool) or not value.isdigit() or int(value) < 1 or int(value) > 99:
        raise KanoError(
            f"{where}: {number!r} is not a whole number from 1 up for the "
            f"importance label {text!r}."
        )
    if not text.strip():
        raise KanoError(f"{where}: the importance label to teach is blank.")
    return text.strip(), int(value)


def read_teaching(path: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    """The wordings and importance labels a TOML mapping file teaches:
    ``[wordings]`` lines ``"I adore it" = "like"`` and ``[importance]`` lines
    ``"Crucial" = 5``. A CSV mapping file teaches none."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return {}, {}
    document = _toml_document(path)
    wordings: dict[str, list[str]] = {}
    labels: dict[str, int] = {}
    for key, example in (("wordings", '"TOKEN"'), ("importance", "N")):
        if not isinstance(document.get(key, {}), dict):
            raise KanoError(f'{path}: [{key}] must be a table of "TEXT" = {example} lines.')
    for text, token in document.get("wordings", {}).items():
        wording, answer = taught_wording(text, str(token), f"{path}, [wordings]")
        wordings.setdefault(answer, []).append(wording)
    for text, number in document.get("importance", {}).items():
        label, value = taught_importance(text, number, f"{path}, [importance]")
        labels[label] = value
    return wordings, labels


def _toml_document(path: Path) -> dict:
    """The mapping file as TOML, read like read_mapping_file (bounded, never a hang)."""
    from kano_tui.engine.project.projectfile import parse_toml
    from kano_tui.engine.project.safeio import MAPPING_FILE_LIMIT, read_bounded

    raw = read_bounded(path, "mapping files", MAPPING_FILE_LIMIT)
    return parse_toml(raw.decode("utf-8-sig", errors="replace"), path, KanoError)


def _checked(
    path: Path, where: str, column: object, feature: object, role: object
) -> tuple[str, tuple[str, str]]:
    if not isinstance(column, str) or not column.strip():
        raise KanoError(f"{path}, {where}: the column name is missing.")
    if (not isinstance(feature, str) or not feature.strip()) and str(
        role
    ).strip().lower() not in COLUMN_ROLES:
        raise KanoError(f"{path}, {where}: column {column!r} has no feature.")
    role_text = str(role).strip().lower()
    if role_text in COLUMN_ROLES:  # "Q9" = "nps": the NPS question; "IP" = "ignore"
        return column, ("", role_text)
    if role_text not in ROLES:
        raise KanoError(
            f"{path}, {where}: column {column!r} has role {role!r}, which must "
            f"be one of {', '.join((*ROLES, *COLUMN_ROLES))}."
        )
    return column, (str(feature).strip(), role_text)


def _mapping_from_toml(text: str, path: Path) -> dict[str, tuple[str, str]]:
    from kano_tui.engine.project.projectfile import parse_toml

    document = parse_toml(text, path, KanoError)
    mapping: dict[str, tuple[str, str]] = {}
    simple = document.get("mapping", {})
    if not isinstance(simple, dict):
        raise KanoError(f'{path}: [mapping] must be a table of "COLUMN" = "FEATURE:ROLE".')
    for column, target in simple.items():
        if isinstance(target, dict):
            feature, role = target.get("feature"), target.get("role")
        else:
            feature, _, role = str(target).rpartition(":")
        key, value = _checked(path, f"mapping of {column!r}", column, feature, role)
        mapping[key] = value
    saved = document.get("responses")
    tables = document.get("mappings", saved.get("mappings", []) if isinstance(saved, dict) else [])
    if not isinstance(tables, list):
        raise KanoError(f"{path}: mappings must be an array of tables ([[mappings]]).")
    for number, item in enumerate(tables, start=1):
        if not isinstance(item, dict):
            raise KanoError(f"{path}: mapping {number} must be a table.")
        key, value = _checked(
            path, f"mapping {number}", item.get("column"), item.get("feature"), item.get("role")
        )
        mapping[key] = value
    if not mapping and not document.get("wordings") and not document.get("importance"):
        raise KanoError(
            f"{path} holds no mapping; write [mapping] lines such as "
            '"Q5_1" = "face-recognition:functional", or [wordings] lines '
            'such as "I adore it" = "like".'
        )
    return mapping


def _mapping_from_csv(text: str, path: Path) -> dict[str, tuple[str, str]]:
    reader = csv.DictReader(text.splitlines())
    fields = {name.strip().lower(): name for name in reader.fieldnames or []}
    missing = [name for name in ("column", "feature", "role") if name not in fields]
    if missing:
        raise KanoError(
            f"{path}, row 1: expected the columns column, feature and role "
            f"(missing: {', '.join(missing)})."
        )
    mapping: dict[str, tuple[str, str]] = {}
    for number, row in enumerate(reader, start=2):
        key, value = _checked(
            path,
            f"row {number}",
            row.get(fields["column"]),
            row.get(fields["feature"]),
            row.get(fields["role"]),
        )
        mapping[key] = value
    return mapping
