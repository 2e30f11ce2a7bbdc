"""The Kano questionnaire: a functional, a dysfunctional and an importance question per feature."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kano_tui.engine.model import Feature, Project

# The answer options, in the canonical order (BRIEF.md section 2), worded as Berger et
# al. (1993) and most survey templates do.
ANSWER_OPTIONS: tuple[str, ...] = (
    "I like it that way",
    "It must be that way",
    "I am neutral",
    "I can live with it that way",
    "I dislike it that way",
)


@dataclass(frozen=True)
class Question:
    column: str  # the column name the canonical CSV import expects for its answers
    feature: str
    role: str
    text: str
    options: tuple[str, ...]


def feature_questions(feature: Feature, importance_max: int = 9) -> list[Question]:
    subject = feature.name[:1].lower() + feature.name[1:] if feature.name[1:2].islower() \
        else feature.name
    functional = feature.functional_question or \
        f"How would you feel if the product had {subject}?"
    dysfunctional = feature.dysfunctional_question or \
        f"How would you feel if the product did not have {subject}?"
    importance = f"How important is {subject} to you?"
    scale = tuple(str(i) for i in range(1, importance_max + 1))
    return [
        Question(f"{feature.id}.functional", feature.id, "functional", functional, ANSWER_OPTIONS),
        Question(f"{feature.id}.dysfunctional", feature.id, "dysfunctional", dysfunctional,
                 ANSWER_OPTIONS),
        Question(f"{feature.id}.importance", feature.id, "importance",
                 f"{importance} (1 = not at all important, {importance_max} = extremely important)",
                 scale),
    ]


def questionnaire(project: Project) -> list[Question]:
    return [q for feature in project.features
            for q in feature_questions(feature, project.settings.importance_max)]


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
        if digits and literal[digits:digits + 1] in (".", ")"):  # "1. " starts a list
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
    for number, feature in enumerate(project.features, start=1):
        questions = feature_questions(feature, project.settings.importance_max)
        lines += [f"## {number}. {markdown_literal(feature.name)}", ""]
        if feature.description:
            lines += [markdown_literal(feature.description, block=True), ""]
        for question in questions:
            lines.append(f"**{markdown_literal(question.text)}** (`{question.column}`)")
            lines.append("")
            if question.role == "importance":
                lines.append("- " + " · ".join(question.options))
            else:
                lines += [f"- [ ] {option}" for option in question.options]
            lines.append("")
    return "\n".join(lines)
