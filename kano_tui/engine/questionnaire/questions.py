"""The Kano questionnaire: a functional, a dysfunctional and an importance question per feature."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kano_tui.engine.importing.survey import CSAT, NPS
from kano_tui.engine.project.model import ColumnMapping, Feature, Project, Settings
from kano_tui.engine.questionnaire.phrasing import (
    DEFAULT_ANSWER_SET,
    DEFAULT_LANGUAGE,
    answer_options,
    phrase_questions,
    survey_texts,
)

# The answer options of Berger's standard set, in the canonical order (BRIEF.md section 2);
# a project chooses its language and set in [settings] (kano_tui.engine.questionnaire.phrasing).
ANSWER_OPTIONS: tuple[str, ...] = answer_options(DEFAULT_ANSWER_SET, DEFAULT_LANGUAGE)
SURVEY_ROLES: tuple[str, ...] = ("nps", "csat", "segment")


@dataclass(frozen=True)
class Question:
    column: str  # the column name the canonical CSV import expects for its answers
    feature: str  # the feature id; "" for the survey-wide questions (NPS, CSAT, segments)
    role: str  # functional | dysfunctional | importance | nps | csat | segment
    text: str
    options: tuple[str, ...]  # the answers in order; a scale's numbers; () free text
    code: str = ""  # the question's id in a survey tool: letters and digits, <= 20
    labels: tuple[str, ...] = ()  # a scale's end labels (low, high)


# --------------------------------------------------------------------------- codes

CODE_LENGTH = 20  # LimeSurvey's limit for a question code, the strictest of the tools
ROLE_SUFFIX = {"functional": "F", "dysfunctional": "D", "importance": "I"}
# Survey tools' own column names, which a question code must not take.
RESERVED_CODES = frozenset(
    {
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        "token",
        "nps",
        "csat",
        "respondent",
        "wave",
        "responseid",
        "status",
    }
)


def feature_codes(project: Project) -> dict[str, str]:
    """Each feature's question-code stem: its id in letters and digits, starting with a
    letter, unique, short enough for the role letter after it (``face-recognition`` ->
    ``facerecognition``, whose questions are ``facerecognitionF``, ``...D``, ``...I``).
    Derived from the id alone, so a feature keeps its codes when others come and go."""
    taken = {segment.column.lower() for segment in project.segments} | RESERVED_CODES
    codes: dict[str, str] = {}
    for feature in project.features:
        stem = (
            re.sub(
                r"[^A-Za-z0-9]",
                "",
                unicodedata.normalize("NFKD", feature.id).encode("ascii", "ignore").decode(),
            )
            or "feature"
        )
        if not stem[0].isalpha():
            stem = "f" + stem
        stem = stem[: CODE_LENGTH - 1]
        candidate, number = stem, 2
        while candidate.lower() in taken:
            suffix = str(number)
            candidate, number = stem[: CODE_LENGTH - 1 - len(suffix)] + suffix, number + 1
        taken.add(candidate.lower())
        codes[feature.id] = candidate
    return codes


# --------------------------------------------------------------------------- questions


def feature_questions(
    feature: Feature, importance_max: int = 9, *, settings: Settings | None = None, code: str = ""
) -> list[Question]:
    """A feature's functional, dysfunctional and importance question, worded in the
    project's language unless the feature words them itself."""
    settings = settings or Settings(importance_max=importance_max)
    language = settings.language
    phrased = phrase_questions(
        feature.name, language, product=settings.product, phrase=feature.phrase
    )
    options = answer_options(settings.answer_set, language)
    scale = tuple(str(i) for i in range(1, importance_max + 1))
    code = code or feature.id
    return [
        Question(
            f"{feature.id}.functional",
            feature.id,
            "functional",
            feature.functional_question.strip() or phrased.functional,
            options,
            code + ROLE_SUFFIX["functional"],
        ),
        Question(
            f"{feature.id}.dysfunctional",
            feature.id,
            "dysfunctional",
            feature.dysfunctional_question.strip() or phrased.dysfunctional,
            options,
            code + ROLE_SUFFIX["dysfunctional"],
        ),
        Question(
            f"{feature.id}.importance",
            feature.id,
            "importance",
            feature.importance_question.strip() or phrased.importance,
            scale,
            code + ROLE_SUFFIX["importance"],
            survey_texts(language).importance_labels,
        ),
    ]


def survey_questions(project: Project) -> list[Question]:
    """The questions every respondent answers once: NPS (0-10), CSAT (1-5) and the
    project's segment questions (``[[questionnaire.segments]]``)."""
    texts = survey_texts(project.settings.language)
    product = project.settings.product.strip() or texts.product
    questions = [
        Question(
            NPS,
            "",
            "nps",
            texts.nps.format(product=product),
            tuple(str(i) for i in range(11)),
            NPS,
            texts.nps_labels,
        ),
        Question(
            CSAT,
            "",
            "csat",
            texts.csat.format(product=product),
            tuple(str(i) for i in range(1, 6)),
            CSAT,
            (texts.csat_labels[0], texts.csat_labels[-1]),
        ),
    ]
    questions += [
        Question(
            segment.column,
            "",
            "segment",
            segment.question.strip(),
            tuple(o for o in segment.options if o.strip()),
            segment.column,
        )
        for segment in project.segments
    ]
    return questions


def kano_questions(project: Project) -> list[Question]:
    """Every feature's three questions, in catalogue order."""
    codes = feature_codes(project)
    return [
        q
        for feature in project.features
        for q in feature_questions(
            feature,
            project.settings.importance_max,
            settings=project.settings,
            code=codes[feature.id],
        )
    ]


def questionnaire(project: Project) -> list[Question]:
    """The whole questionnaire: the Kano questions, then NPS, CSAT and the segments."""
    return kano_questions(project) + survey_questions(project)


# Markdown that user text could start by accident: emphasis, code, links, HTML, tables,
# a heading's closing #s.
_MARKUP = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|#~"})
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # "&amp;" would render as "&"
_BLOCK_START = ("-", "+", ">", "=")


def markdown_literal(text: str, *, block: bool = False) -> str:
    """User text (a name, a description, a question) shown as written when the Markdown is
    rendered: a feature named ``<b>Face ID</b>`` or ``*new*`` stays those characters.
    ``block`` also keeps a paragraph from starting a list or a quote."""
    literal = _ENTITY.sub(r"\\&", " ".join(text.translate(_MARKUP).split()))
    if block:
        digits = len(literal) - len(literal.lstrip("0123456789"))
        if digits and literal[digits : digits + 1] in (".", ")"):  # "1. " starts a list
            literal = f"{literal[:digits]}\\{literal[digits:]}"
        elif literal.startswith(_BLOCK_START):
            literal = "\\" + literal
    return literal


def questionnaire_markdown(project: Project) -> str:
    """The questionnaire as a Markdown document, to read, print or share. User text is
    escaped so that it renders as written; survey tools take ``questionnaire-csv`` (plain
    text, one row per question), which is not escaped."""
    lines = [f"# Kano questionnaire: {markdown_literal(project.name)}", ""]
    lines += [
        "Ask both questions of every feature; answer columns named as below import "
        "straight into kano (`kano import`).",
        "",
    ]
    codes = feature_codes(project)
    for number, feature in enumerate(project.features, start=1):
        questions = feature_questions(
            feature,
            project.settings.importance_max,
            settings=project.settings,
            code=codes[feature.id],
        )
        lines += [f"## {number}. {markdown_literal(feature.name)}", ""]
        if feature.description:
            lines += [markdown_literal(feature.description, block=True), ""]
        for question in questions:
            lines += _markdown_question(question)
    survey = survey_questions(project)
    lines += [f"## {len(project.features) + 1}. About you", ""]
    for question in survey:
        lines += _markdown_question(question)
    return "\n".join(lines)


def _markdown_question(question: Question) -> list[str]:
    lines = [f"**{markdown_literal(question.text)}** (`{question.column}`)", ""]
    if question.labels:
        scale = " · ".join(question.options)
        lines.append(
            f"- {scale} ({markdown_literal(question.options[0])} = "
            f"{markdown_literal(question.labels[0])}, "
            f"{markdown_literal(question.options[-1])} = "
            f"{markdown_literal(question.labels[-1])})"
        )
    elif question.options:
        lines += [f"- [ ] {markdown_literal(option)}" for option in question.options]
    else:
        lines.append("- ______")
    lines.append("")
    return lines


def keep_survey_mappings(project: Project, mappings: list[ColumnMapping]) -> int:
    """Add a survey file's column mappings to the project's saved ones (a column mapped
    before is re-mapped); the number of mappings that changed."""
    by_column = {m.column: m for m in project.mappings}
    changed = 0
    for mapping in mappings:
        old = by_column.get(mapping.column)
        if old is not None and (old.feature, old.role) == (mapping.feature, mapping.role):
            continue
        by_column[mapping.column] = ColumnMapping(
            mapping.column, mapping.feature, mapping.role, extra=dict(old.extra) if old else {}
        )
        changed += 1
    project.mappings = list(by_column.values())
    return changed
