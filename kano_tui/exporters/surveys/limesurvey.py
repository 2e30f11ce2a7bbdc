"""LimeSurvey's tab-separated survey format (.txt), for LimeSurvey's "Import survey".

One row per survey setting, group, question and answer, under a header row; the
columns used here are the first of LimeSurvey's own TSV export (``class``,
``type/scale``, ``name``, ``relevance``, ``text``, ``help``, ``language``,
``validation``, ``mandatory``, ``other``, ``default``, ``same_default``):

- ``S`` survey settings (``language``, ``format`` G = group by group) and ``SL`` the
  title, description and welcome text in the survey's language;
- ``G`` a group: one per feature, then one for the questions about the respondent;
- ``Q`` a question, ``name`` its code (letters and digits, at most 20: the column name
  of LimeSurvey's response export with "Question code" headings); type ``L`` (list,
  radio), ``5`` (five-point choice, CSAT) or ``S`` (short free text);
- ``A`` an answer of the question above it: ``name`` its code (the number a "Answer
  codes" export writes: 1 like ... 5 dislike, the scale's own numbers), ``text`` what the
  respondent reads (a "Full answers" export writes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kano_tui.engine.project.model import ColumnMapping, Project
from kano_tui.engine.questionnaire.phrasing import survey_texts
from kano_tui.engine.questionnaire.questions import Question, kano_questions, survey_questions
from kano_tui.exporters.surveys.base import SurveyFileExporter, code_mappings, html_text, scale_hint
from kano_tui.plugins.hookspecs import hookimpl

COLUMNS = (
    "id",
    "related_id",
    "class",
    "type/scale",
    "name",
    "relevance",
    "text",
    "help",
    "language",
    "validation",
    "mandatory",
    "other",
    "default",
    "same_default",
)
_CONTROL = re.compile(r"[\t\r\n]+")


def _row(**cells: str) -> str:
    values = dict.fromkeys(COLUMNS, "")
    values.update({key.replace("_scale", "/scale"): value for key, value in cells.items()})
    return "\t".join(_CONTROL.sub(" ", values[column]) for column in COLUMNS)


def _question_rows(question: Question, language: str) -> list[str]:
    text = f"<p>{html_text(question.text + scale_hint(question))}</p>"
    if question.role == "csat":
        return [
            _row(
                **{"class": "Q"},
                type_scale="5",
                name=question.code,
                relevance="1",
                text=text,
                language=language,
                mandatory="N",
            )
        ]
    if not question.options:
        return [
            _row(
                **{"class": "Q"},
                type_scale="S",
                name=question.code,
                relevance="1",
                text=text,
                language=language,
                mandatory="N",
            )
        ]
    rows = [
        _row(
            **{"class": "Q"},
            type_scale="L",
            name=question.code,
            relevance="1",
            text=text,
            language=language,
            mandatory="N",
            other="N",
        )
    ]
    if question.role in ("functional", "dysfunctional"):
        codes = [str(i) for i in range(1, 6)]
    elif question.labels:
        codes = list(question.options)
    else:  # a segment's answers: codes A1, A2 ...; the full answer is the text
        codes = [f"A{i}" for i in range(1, len(question.options) + 1)]
    for code, option in zip(codes, question.options):
        rows.append(
            _row(
                **{"class": "A"},
                type_scale="0",
                name=code,
                text=html_text(option),
                language=language,
            )
        )
    return rows


def limesurvey_tsv(project: Project) -> str:
    """The project's questionnaire in LimeSurvey's tab-separated survey format."""
    language = project.settings.language
    texts = survey_texts(language)
    rows = ["\t".join(COLUMNS)]
    for key, value in (
        ("language", language),
        ("format", "G"),
        ("anonymized", "N"),
        ("datestamp", "Y"),
        ("showprogress", "Y"),
        ("allowprev", "Y"),
    ):
        rows.append(_row(**{"class": "S"}, name=key, text=value))
    for key, value in (
        ("surveyls_title", project.name),
        ("surveyls_description", project.description),
        ("surveyls_welcometext", texts.intro),
    ):
        rows.append(_row(**{"class": "SL"}, name=key, text=html_text(value), language=language))
    kano = kano_questions(project)
    for feature in project.features:
        rows.append(
            _row(
                **{"class": "G"},
                name=feature.name,
                text=html_text(feature.description),
                language=language,
            )
        )
        for question in (q for q in kano if q.feature == feature.id):
            rows += _question_rows(question, language)
    about = {"de": "Über Sie", "fr": "À propos de vous", "es": "Sobre usted"}.get(
        language, "About you"
    )
    rows.append(_row(**{"class": "G"}, name=about, language=language))
    for question in survey_questions(project):
        rows += _question_rows(question, language)
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class LimeSurveyExporter(SurveyFileExporter):
    name: str = "questionnaire-limesurvey"
    description: str = (
        "LimeSurvey survey (tab-separated .txt) of the questionnaire, for "
        "LimeSurvey's Import survey"
    )
    extension: str = ".txt"

    def render(self, project: Project) -> bytes:
        return limesurvey_tsv(project).encode("utf-8")

    def column_mappings(self, project: Project) -> list[ColumnMapping]:
        return code_mappings(project)


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(LimeSurveyExporter())
