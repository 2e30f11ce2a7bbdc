"""SurveyMonkey CSV exports ("All responses data", expanded columns, actual answer text).

Two header rows: row 1 names the metadata columns (``Respondent ID``, ``Collector ID``,
``Start Date`` ...) and gives each question's text in the first column of the span of
columns it occupies, blank over the rest of the span; row 2 names each column inside the
span: ``Response`` or ``Open-Ended Response`` for a one-column question, the row label of
a matrix. A column is named ``Question - Row`` (or ``Question``), which is also its
question text for the column mapping. Timing and contact details are not imported.
"""

from __future__ import annotations

from kano_tui.importers.surveytools import Columns, ToolCsvImporter, ToolLayout, cell, unique_names
from kano_tui.plugins.hookspecs import hookimpl

RESPONDENT_ID = "Respondent ID"
DROPPED = frozenset(
    {"start date", "end date", "ip address", "email address", "first name", "last name"}
)
SINGLE = frozenset({"response", "responses", "open-ended response", "open-ended responses"})


def recognise(rows: list[list[str]]) -> bool:
    if len(rows) < 2:
        return False
    top = [cell(rows[0], i) for i in range(min(len(rows[0]), 12))]
    return RESPONDENT_ID in top and ("Collector ID" in top or "Response" in rows[1])


def header_rows(rows: list[list[str]]) -> int:
    return 2


def columns(header: list[list[str]]) -> Columns:
    top, sub = header[0], header[1]
    width = max(len(row) for row in header)
    names: list[str] = []
    texts: list[str] = []
    question = ""
    for i in range(width):
        title, label = cell(top, i), cell(sub, i)
        if title:
            question = title
        if not label:  # metadata and custom variables: no second row
            keep = title and title.lower() not in DROPPED
            names.append(title if keep else "")
            texts.append("")
            continue
        name = question if label.lower() in SINGLE else f"{question} - {label}"
        names.append(name)
        texts.append(name)
    names = unique_names(names)
    questions = {name: text for name, text in zip(names, texts) if name and text}
    respondent = RESPONDENT_ID if RESPONDENT_ID in names else None
    return Columns(names=names, questions=questions, respondent=respondent)


LAYOUT = ToolLayout("SurveyMonkey", recognise, header_rows, columns)


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    register(
        ToolCsvImporter(
            name="surveymonkey",
            description="SurveyMonkey CSV export: two header rows, question text spanning its columns",
            layout=LAYOUT,
        )
    )
