"""Qualtrics survey files (.qsf), for Qualtrics' "Import survey".

A .qsf is JSON: ``SurveyEntry`` (the survey's id, name, language, dates) and
``SurveyElements``, a list of elements each with ``Element`` (its kind), a
``PrimaryAttribute`` and a ``Payload``. What this writes, element by element, follows
surveys Qualtrics itself exported (docs/questionnaire.md names the files studied):

- ``BL`` "Survey Blocks": a Default block (the introduction), a Trash block, then one
  Standard block per feature and one for the questions about the respondent;
- ``FL`` "Survey Flow": the blocks in order (``FL_1`` is the root);
- ``SO`` "Survey Options", ``QC`` "Survey Question Count", ``RS`` the default response
  set;
- ``SQ`` one per question, its ``Payload`` holding ``QuestionID`` (``QID1``...),
  ``DataExportTag`` (the export's column name: the question's code), ``QuestionText``
  (HTML), ``QuestionType`` ``MC`` with ``Selector`` ``SAVR`` (vertical single answer),
  ``SAHR`` (horizontal, the scales) or ``NPS``, ``Choices`` keyed ``"1"``... in answer
  order with ``ChoiceOrder`` and ``RecodeValues`` (the numbers a "numeric values" export
  writes: 1 like ... 5 dislike, the scale's own numbers), and a descriptive text ``DB``/``TB``.

Qualtrics' response export names each column by its ``DataExportTag`` (an NPS question
adds ``<tag>_NPS_GROUP``), which is why the tags are kano's codes and the mapping is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from kano_tui.engine.project.model import ColumnMapping, Project
from kano_tui.engine.questionnaire.phrasing import survey_texts
from kano_tui.engine.questionnaire.questions import (
    Question,
    feature_codes,
    kano_questions,
    survey_questions,
)
from kano_tui.exporters.surveys.base import (
    SurveyFileExporter,
    code_mappings,
    html_text,
    scale_hint,
)
from kano_tui.plugins.hookspecs import hookimpl

NPS_GROUP_SUFFIX = "_NPS_GROUP"  # the NPS question's extra export column


def _survey_id(project: Project) -> str:
    digest = hashlib.sha256(project.name.encode("utf-8")).hexdigest()[:15]
    return f"SV_{digest}"


def _element(
    survey_id: str,
    kind: str,
    primary: str,
    payload: Any,
    secondary: Any = None,
    tertiary: Any = None,
) -> dict[str, Any]:
    return {
        "SurveyID": survey_id,
        "Element": kind,
        "PrimaryAttribute": primary,
        "SecondaryAttribute": secondary,
        "TertiaryAttribute": tertiary,
        "Payload": payload,
    }


def _choices(options: tuple[str, ...], recode: tuple[str, ...]) -> dict[str, Any]:
    keys = [str(i) for i in range(1, len(options) + 1)]
    return {
        "Choices": {key: {"Display": html_text(option)} for key, option in zip(keys, options)},
        "ChoiceOrder": keys,
        "RecodeValues": dict(zip(keys, recode)),
        "NextChoiceId": len(options) + 1,
    }


def _question(qid: str, question: Question) -> dict[str, Any]:
    text = question.text + scale_hint(question)
    payload: dict[str, Any] = {
        "QuestionText": html_text(text),
        "DataExportTag": question.code,
        "QuestionType": "MC",
        "Selector": "SAVR",
        "SubSelector": "TX",
        "Configuration": {"QuestionDescriptionOption": "UseText"},
        "QuestionDescription": text[:100],
        "Validation": {
            "Settings": {"ForceResponse": "OFF", "ForceResponseType": "ON", "Type": "None"}
        },
        "GradingData": [],
        "Language": [],
        "NextAnswerId": 1,
        "QuestionID": qid,
        "DataVisibility": {"Private": False, "Hidden": False},
    }
    if question.role in ("functional", "dysfunctional"):
        payload.update(_choices(question.options, tuple(str(i) for i in range(1, 6))))
    elif question.role == "nps":
        payload.update(
            {
                "Selector": "NPS",
                "Choices": [{"Display": option} for option in question.options],
                "ChoiceOrder": list(question.options),
                "ColumnLabels": [
                    {"Display": html_text(label), "IsLabelDefault": False}
                    for label in question.labels
                ],
                "NextChoiceId": len(question.options),
            }
        )
        payload.pop("SubSelector")
    elif question.labels:  # importance, CSAT: a horizontal scale of numbers
        payload.update(_choices(question.options, question.options))
        payload["Selector"] = "SAHR"
    else:  # a segment question: its answers are text
        payload.update(
            _choices(question.options, tuple(str(i) for i in range(1, len(question.options) + 1)))
        )
        if not question.options:
            payload.update({"QuestionType": "TE", "Selector": "SL", "SubSelector": None})
            for key in ("Choices", "ChoiceOrder", "RecodeValues"):
                payload.pop(key, None)
    return payload


def qsf_document(project: Project, now: dt.datetime | None = None) -> dict[str, Any]:
    """The .qsf of the project's questionnaire as a JSON-ready dict."""
    survey_id = _survey_id(project)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M:%S")
    language = project.settings.language.upper()
    codes = feature_codes(project)
    kano = kano_questions(project)
    groups: list[tuple[str, list[Question]]] = [
        (feature.name, [q for q in kano if q.feature == feature.id])
        for feature in project.features
        if feature.id in codes
    ]
    groups.append((_about_you(project.settings.language), survey_questions(project)))

    elements: list[dict[str, Any]] = []
    blocks: list[dict[str, Any]] = [
        {
            "Type": "Default",
            "Description": "Introduction",
            "ID": "BL_kano0",
            "BlockElements": [{"Type": "Question", "QuestionID": "QID0"}],
        },
        {
            "Type": "Trash",
            "Description": "Trash / Unused Questions",
            "ID": "BL_kanotrash",
            "BlockElements": [],
        },
    ]
    questions: list[dict[str, Any]] = [
        _element(
            survey_id,
            "SQ",
            "QID0",
            {
                "QuestionText": html_text(survey_texts(project.settings.language).intro),
                "DefaultChoices": False,
                "DataExportTag": "intro",
                "QuestionType": "DB",
                "Selector": "TB",
                "Configuration": {"QuestionDescriptionOption": "UseText"},
                "QuestionDescription": "Introduction",
                "ChoiceOrder": [],
                "Validation": {"Settings": {"Type": "None"}},
                "GradingData": [],
                "Language": [],
                "NextChoiceId": 4,
                "NextAnswerId": 1,
                "QuestionID": "QID0",
            },
            "Introduction",
        )
    ]
    number = 0
    for index, (title, members) in enumerate(groups, start=1):
        block_elements = []
        for question in members:
            number += 1
            qid = f"QID{number}"
            payload = _question(qid, question)
            questions.append(
                _element(survey_id, "SQ", qid, payload, payload["QuestionDescription"])
            )
            block_elements.append({"Type": "Question", "QuestionID": qid})
        blocks.append(
            {
                "Type": "Standard",
                "SubType": "",
                "Description": title[:100],
                "ID": f"BL_kano{index}",
                "BlockElements": block_elements,
            }
        )
    flow = [{"ID": "BL_kano0", "Type": "Block", "FlowID": "FL_2"}]
    flow += [
        {"ID": block["ID"], "Type": "Standard", "FlowID": f"FL_{i + 3}"}
        for i, block in enumerate(blocks[2:])
    ]
    elements.append(_element(survey_id, "BL", "Survey Blocks", blocks))
    elements.append(
        _element(
            survey_id,
            "FL",
            "Survey Flow",
            {
                "Flow": flow,
                "Properties": {"Count": len(flow) + 1},
                "FlowID": "FL_1",
                "Type": "Root",
            },
        )
    )
    elements.append(
        _element(
            survey_id,
            "SO",
            "Survey Options",
            {
                "BackButton": "true",
                "SaveAndContinue": "true",
                "SurveyProtection": "PublicSurvey",
                "BallotBoxStuffingPrevention": "false",
                "NoIndex": "Yes",
                "SecureResponseFiles": "true",
                "SurveyExpiration": "None",
                "SurveyTermination": "DefaultMessage",
                "Header": "",
                "Footer": "",
                "ProgressBarDisplay": "Text",
                "PartialData": "+1 week",
                "ValidationMessage": "",
                "PreviousButton": " ← ",
                "NextButton": " → ",
                "SurveyLanguage": language,
                "NewScoring": 1,
            },
        )
    )
    elements.append(_element(survey_id, "QC", "Survey Question Count", None, str(number)))
    elements.append(_element(survey_id, "RS", f"RS_{survey_id[3:]}", None, "Default Response Set"))
    elements += questions
    return {
        "SurveyEntry": {
            "SurveyID": survey_id,
            "SurveyName": project.name,
            "SurveyDescription": project.description or None,
            "SurveyOwnerID": "",
            "SurveyBrandID": "",
            "DivisionID": None,
            "SurveyLanguage": language,
            "SurveyActiveResponseSet": f"RS_{survey_id[3:]}",
            "SurveyStatus": "Inactive",
            "SurveyStartDate": "0000-00-00 00:00:00",
            "SurveyExpirationDate": "0000-00-00 00:00:00",
            "SurveyCreationDate": stamp,
            "CreatorID": "",
            "LastModified": stamp,
            "LastAccessed": "0000-00-00 00:00:00",
            "LastActivated": "0000-00-00 00:00:00",
            "Deleted": None,
        },
        "SurveyElements": elements,
    }


def _about_you(language: str) -> str:
    return {"de": "Über Sie", "fr": "À propos de vous", "es": "Sobre usted"}.get(
        language, "About you"
    )


@dataclass(frozen=True)
class QsfExporter(SurveyFileExporter):
    name: str = "questionnaire-qsf"
    description: str = (
        "Qualtrics survey file (.qsf) of the questionnaire, for Qualtrics' Import survey"
    )
    extension: str = ".qsf"

    def render(self, project: Project) -> bytes:
        return (json.dumps(qsf_document(project), indent=2, ensure_ascii=False) + "\n").encode()

    def column_mappings(self, project: Project) -> list[ColumnMapping]:
        return code_mappings(project, extra_ignored=(f"nps{NPS_GROUP_SUFFIX}",))


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(QsfExporter())
