"""A SurveyJS survey definition (JSON), for SurveyJS Form Library or Survey Creator.

Pages and elements as SurveyJS reads them: one page per feature, ``radiogroup`` elements
for the Kano questions (``choices`` as ``{"value": 1, "text": ...}`` in answer order, 1 like
... 5 dislike) and the segments (their text as value), ``rating`` elements for importance,
NPS and CSAT (``rateMin``, ``rateMax``, ``minRateDescription``, ``maxRateDescription``).
Each element's ``name`` is the question's code: SurveyJS's result (``survey.data``) is
an object keyed by those names, and a list of such objects is what ``kano import`` reads
(the ``json`` importer), mapped by the codes kept in kano.toml.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kano_tui.engine.project.model import Project
from kano_tui.engine.questionnaire.phrasing import survey_texts
from kano_tui.engine.questionnaire.questions import Question, kano_questions, survey_questions
from kano_tui.exporters.surveys.base import SurveyFileExporter
from kano_tui.plugins.hookspecs import hookimpl


def _element(question: Question) -> dict[str, Any]:
    if question.role in ("functional", "dysfunctional"):
        return {
            "type": "radiogroup",
            "name": question.code,
            "title": question.text,
            "choices": [
                {"value": i, "text": option} for i, option in enumerate(question.options, start=1)
            ],
        }
    if question.labels:
        return {
            "type": "rating",
            "name": question.code,
            "title": question.text,
            "rateMin": int(question.options[0]),
            "rateMax": int(question.options[-1]),
            "rateCount": len(question.options),
            "minRateDescription": question.labels[0],
            "maxRateDescription": question.labels[-1],
        }
    if question.options:
        return {
            "type": "radiogroup",
            "name": question.code,
            "title": question.text,
            "choices": list(question.options),
        }
    return {"type": "text", "name": question.code, "title": question.text}


def surveyjs_definition(project: Project) -> dict[str, Any]:
    kano = kano_questions(project)
    pages = [
        {
            "name": f"feature{number}",
            "title": feature.name,
            "description": feature.description,
            "elements": [_element(q) for q in kano if q.feature == feature.id],
        }
        for number, feature in enumerate(project.features, start=1)
    ]
    pages.append({"name": "about", "elements": [_element(q) for q in survey_questions(project)]})
    return {
        "title": project.name,
        "description": survey_texts(project.settings.language).intro,
        "locale": project.settings.language,
        "showProgressBar": "top",
        "pages": pages,
    }


@dataclass(frozen=True)
class SurveyJsExporter(SurveyFileExporter):
    name: str = "questionnaire-surveyjs"
    description: str = "SurveyJS survey definition (JSON) of the questionnaire"
    extension: str = ".json"

    def render(self, project: Project) -> bytes:
        return (
            json.dumps(surveyjs_definition(project), indent=2, ensure_ascii=False) + "\n"
        ).encode("utf-8")


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(SurveyJsExporter())
