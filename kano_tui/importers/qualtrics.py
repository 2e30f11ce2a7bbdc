"""Qualtrics CSV/TSV exports.

Qualtrics writes three header rows (Qualtrics support, "Understanding your dataset"):
row 1 the export tag of each column (``StartDate``, ``ResponseId``, ``Q1``, matrix
statements as ``Q5_1``, ``Q5_2``), row 2 the question text (a matrix statement as
``Question - Statement``), row 3 a JSON object per column such as
``{"ImportId":"QID5_1"}``. Legacy exports have two header rows (``ResponseID``,
``ResponseSet`` ...). Columns keep their export tag as name; the question text goes to
the column mapping. Timing, location and contact details are not imported.
"""

from __future__ import annotations

import re

from kano_tui.importers.surveytools import Columns, ToolCsvImporter, ToolLayout, cell, unique_names
from kano_tui.plugins.hookspecs import hookimpl

RESPONSE_IDS = ("responseid",)
# Personal data and timing: useless as segments, and not ours to keep.
DROPPED = frozenset(
    {
        "startdate",
        "enddate",
        "ipaddress",
        "progress",
        "duration (in seconds)",
        "recordeddate",
        "recipientlastname",
        "recipientfirstname",
        "recipientemail",
        "externalreference",
        "externaldatareference",
        "locationlatitude",
        "locationlongitude",
        "name",
        "emailaddress",
        "responseset",
    }
)
_INTERNAL = re.compile(r"^Q_[A-Za-z]")  # Q_RecaptchaScore, Q_RelevantIDDuplicate, ...


def _is_import_id_row(row: list[str]) -> bool:
    return any(cell(row, i).startswith('{"ImportId"') for i in range(min(len(row), 40)))


def _is_legacy(rows: list[list[str]]) -> bool:
    names = {cell(row, i).lower() for row in rows[:2] for i in range(min(len(row), 20))}
    return "responseid" in names and "responseset" in names


def recognise(rows: list[list[str]]) -> bool:
    return (len(rows) >= 3 and _is_import_id_row(rows[2])) or (len(rows) >= 2 and _is_legacy(rows))


def header_rows(rows: list[list[str]]) -> int:
    return 3 if len(rows) >= 3 and _is_import_id_row(rows[2]) else 2


def columns(header: list[list[str]]) -> Columns:
    tags, texts = header[0], header[1]
    width = max(len(row) for row in header)
    names: list[str] = []
    questions: dict[str, str] = {}
    respondent = None
    for i in range(width):
        tag, text = cell(tags, i), cell(texts, i)
        if re.fullmatch(r"V\d+", tag) and text:  # legacy exports tag metadata V1..V10
            tag = text
        if not tag or tag.lower() in DROPPED or _INTERNAL.match(tag):
            names.append("")
            continue
        names.append(tag)
        if tag.lower() in RESPONSE_IDS:
            respondent = tag
    names = unique_names(names)
    for i, name in enumerate(names):
        text = cell(texts, i)
        if name and text and name not in (respondent, text):
            questions[name] = text
    return Columns(names=names, questions=questions, respondent=respondent)


LAYOUT = ToolLayout("Qualtrics", recognise, header_rows, columns)


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    register(
        ToolCsvImporter(
            name="qualtrics",
            description="Qualtrics CSV/TSV export: three header rows, matrix columns like Q5_1",
            layout=LAYOUT,
        )
    )
