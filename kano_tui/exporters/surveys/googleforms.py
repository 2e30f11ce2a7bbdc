"""A Google Apps Script (.gs) that creates the questionnaire as a Google Form.

Paste it into a new project at script.google.com and run ``createKanoForm``: it calls
Apps Script's FormApp service (``FormApp.create``, ``addMultipleChoiceItem`` with
``setChoiceValues`` for the Kano questions and segments, ``addScaleItem`` with
``setBounds`` and ``setLabels`` for importance, NPS and CSAT, ``addPageBreakItem`` between
features) and logs the form's edit and respondent addresses.

Google Forms' response CSV names each column by the question's title (``Timestamp``
first), so the mapping kano keeps is by title; a segment question's title is its column
name ("plan"), the question itself its help text, so the segment keeps its name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kano_tui.engine.project.model import ColumnMapping, Project
from kano_tui.engine.questionnaire.questions import (
    Question,
    kano_questions,
    questionnaire,
    survey_questions,
)
from kano_tui.exporters.surveys.base import SurveyFileExporter
from kano_tui.plugins.hookspecs import hookimpl


def _js(value: object) -> str:
    """A JavaScript literal: JSON, ASCII only (no U+2028 surprises in old engines)."""
    return json.dumps(value, ensure_ascii=True)


def title_of(question: Question, taken: dict[str, str] | None = None) -> str:
    """The form item's title, which is the response CSV's column name. Two questions
    worded alike (two features of one name) would share a column: the later one gets its
    feature's id after it, so every title is unique."""
    title = question.column if question.role == "segment" else question.text
    if taken is not None:
        if title in taken.values():
            title = f"{title} ({question.feature or question.column})"
        taken[question.column] = title
    return title


def titles(project: Project) -> dict[str, str]:
    """Question column -> its unique item title, in questionnaire order."""
    taken: dict[str, str] = {}
    for question in questionnaire(project):
        title_of(question, taken)
    return taken


def _item(question: Question, title: str) -> list[str]:
    if question.role in ("functional", "dysfunctional") or (
        question.options and not question.labels
    ):
        lines = [f"  form.addMultipleChoiceItem().setTitle({_js(title)})"]
        if question.role == "segment":
            lines.append(f"      .setHelpText({_js(question.text)})")
        lines.append(f"      .setChoiceValues({_js(list(question.options))});")
        return lines
    if question.labels:
        return [
            f"  form.addScaleItem().setTitle({_js(title)})",
            f"      .setBounds({question.options[0]}, {question.options[-1]})",
            f"      .setLabels({_js(question.labels[0])}, {_js(question.labels[-1])});",
        ]
    return [f"  form.addTextItem().setTitle({_js(title)}).setHelpText({_js(question.text)});"]


def apps_script(project: Project) -> str:
    unique = titles(project)
    lines = [
        "/**",
        " * Creates the Kano questionnaire of the kano project as a Google Form.",
        " * Run createKanoForm() at script.google.com; the form's links are logged.",
        " * Download the responses as CSV (Responses > Download responses) and",
        " * `kano import PROJECT responses.csv`: the columns map back by their titles.",
        " */",
        "function createKanoForm() {",
        f"  var form = FormApp.create({_js(project.name)});",
        f"  form.setDescription({_js(project.description)});",
        "  form.setCollectEmail(false);",
    ]
    kano = kano_questions(project)
    for number, feature in enumerate(project.features):
        if number:
            lines.append(f"  form.addPageBreakItem().setTitle({_js(feature.name)});")
        for question in (q for q in kano if q.feature == feature.id):
            lines += _item(question, unique[question.column])
    lines.append("  form.addPageBreakItem();")
    for question in survey_questions(project):
        lines += _item(question, unique[question.column])
    lines += [
        "  Logger.log('Edit the form: ' + form.getEditUrl());",
        "  Logger.log('Send this link: ' + form.getPublishedUrl());",
        "}",
        "",
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class GoogleFormsExporter(SurveyFileExporter):
    name: str = "questionnaire-googleforms"
    description: str = "Google Apps Script (.gs) that creates the questionnaire as a Google Form"
    extension: str = ".gs"

    def render(self, project: Project) -> bytes:
        return apps_script(project).encode("utf-8")

    def column_mappings(self, project: Project) -> list[ColumnMapping]:
        mappings = []
        unique = titles(project)
        for question in questionnaire(project):
            title = unique[question.column]
            if question.role in ("functional", "dysfunctional", "importance"):
                mappings.append(ColumnMapping(title, question.feature, question.role))
            elif question.role in ("nps", "csat") and title.strip().lower() != question.role:
                mappings.append(ColumnMapping(title, "", question.role))
        return mappings


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(GoogleFormsExporter())
