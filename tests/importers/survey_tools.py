"""Survey tools' response exports, built from the survey file kano wrote for that tool.

Each builder reads kano's own survey file (the .qsf, the LimeSurvey .txt, the Apps Script,
the SurveyJS JSON) the way the tool would, and writes the export the tool produces from
it, in the layout the importer documents:

- Qualtrics: three header rows (export tags, question texts, ``{"ImportId": ...}``), the
  response metadata first, an NPS question adding ``<tag>_NPS_GROUP`` (1 detractor,
  2 passive, 3 promoter), "Use choice text" (or numeric recode values); UTF-8 with BOM.
- LimeSurvey: one header row, ``id``, ``submitdate``, ``lastpage``, ``startlanguage``,
  ``seed`` then the question codes ("Question code" headings), "Full answers".
- Google Forms: ``Timestamp`` then each item's title; choice text, scale numbers.
- SurveyJS: a list of ``survey.data`` objects: question name -> value, unanswered left out.

``answers`` are codes as kano stores them: Kano 0 (blank) or 1-5, importance, NPS and
CSAT -1 (blank) or their number, segments "" or the option.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field

KANO = ("functional", "dysfunctional")


@dataclass
class Sheet:
    """Answers per question code (or per title), one list entry per respondent."""

    respondents: int
    values: dict[str, list[object]] = field(default_factory=dict)


def _csv(rows: list[list[str]], bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


# --------------------------------------------------------------------------- Qualtrics


def qualtrics_export(
    qsf: dict, answers: dict[str, list[object]], respondents: int, numeric: bool = False
) -> bytes:
    """``answers``: DataExportTag -> each respondent's answer (a choice's position 1..n
    for multiple choice, the number for NPS, None for blank)."""
    tags = [
        "StartDate",
        "EndDate",
        "Status",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "DistributionChannel",
        "UserLanguage",
    ]
    texts = [
        "Start Date",
        "End Date",
        "Response Type",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "Recorded Date",
        "Response ID",
        "Distribution Channel",
        "User Language",
    ]
    ids = [json.dumps({"ImportId": t[0].lower() + t[1:]}, separators=(",", ":")) for t in tags]
    cells: list[list[str]] = []
    for element in qsf["SurveyElements"]:
        payload = element["Payload"]
        if element["Element"] != "SQ" or payload["QuestionType"] == "DB":
            continue
        tag, qid = payload["DataExportTag"], payload["QuestionID"]
        text = _plain(payload["QuestionText"])
        choices = payload.get("Choices")
        column: list[str] = []
        for answer in answers[tag]:
            if answer is None:
                column.append("")
            elif payload["Selector"] == "NPS":  # Choices is a list: 0 .. 10
                column.append(choices[int(answer) - 1]["Display"])
            elif payload["QuestionType"] == "TE":
                column.append(str(answer))
            else:
                key = payload["ChoiceOrder"][int(answer) - 1]
                column.append(
                    payload["RecodeValues"][key] if numeric else _plain(choices[key]["Display"])
                )
        tags.append(tag)
        texts.append(text)
        ids.append(json.dumps({"ImportId": qid}, separators=(",", ":")))
        cells.append(column)
        if payload["Selector"] == "NPS":
            tags.append(f"{tag}_NPS_GROUP")
            texts.append(f"{text} - Group")
            ids.append(json.dumps({"ImportId": f"{qid}_NPS_GROUP"}, separators=(",", ":")))
            cells.append(
                [
                    "" if a is None else "1" if int(a) <= 7 else "2" if int(a) <= 9 else "3"
                    for a in answers[tag]
                ]
            )  # positions 1..11 are 0..10
    rows = [tags, texts, ids]
    for r in range(respondents):
        rows.append(
            [
                "2026-05-04 10:00:00",
                "2026-05-04 10:07:00",
                "IP Address",
                "100",
                "420",
                "True",
                "2026-05-04 10:07:01",
                f"R_{r:04d}kano",
                "anonymous",
                "EN",
            ]
            + [column[r] for column in cells]
        )
    return _csv(rows, bom=True)


def qsf_questions(qsf: dict) -> dict[str, tuple[str, int]]:
    """DataExportTag -> (selector, number of choices) of every question."""
    out = {}
    for element in qsf["SurveyElements"]:
        payload = element["Payload"]
        if element["Element"] == "SQ" and payload["QuestionType"] != "DB":
            out[payload["DataExportTag"]] = (
                payload["Selector"],
                len(payload.get("ChoiceOrder") or []),
            )
    return out


# --------------------------------------------------------------------------- LimeSurvey


def limesurvey_questions(tsv: str) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Question code -> (type, [(answer code, answer text), ...]) from the .txt survey."""
    rows = list(csv.reader(io.StringIO(tsv), delimiter="\t"))
    header = rows[0]
    at = {name: i for i, name in enumerate(header)}
    questions: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    current = None
    for row in rows[1:]:
        kind = row[at["class"]]
        if kind == "Q":
            current = row[at["name"]]
            questions[current] = (row[at["type/scale"]], [])
        elif kind == "A" and current is not None:
            questions[current][1].append((row[at["name"]], _plain(row[at["text"]])))
    return questions


def limesurvey_export(tsv: str, answers: dict[str, list[object]], respondents: int) -> bytes:
    """``answers``: code -> each respondent's answer position (1..n), the number of a
    five-point choice, text for free text, None for blank. "Full answers" export."""
    questions = limesurvey_questions(tsv)
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", *questions]
    rows = [header]
    for r in range(respondents):
        row = [str(r + 1), "2026-05-04 10:07:01", "3", "en", str(1000 + r)]
        for code, (kind, options) in questions.items():
            answer = answers[code][r]
            if answer is None:
                row.append("")
            elif kind == "L":
                row.append(options[int(answer) - 1][1])
            else:
                row.append(str(answer))
        rows.append(row)
    return _csv(rows)


# --------------------------------------------------------------------------- Google Forms

_ITEM = re.compile(
    r"form\.add(?P<kind>MultipleChoice|Scale|Text)Item\(\)\.setTitle\((?P<title>\"(?:[^\"\\]|\\.)*\")\)"
)
_CHOICES = re.compile(r"\.setChoiceValues\((?P<values>\[.*\])\);")
_BOUNDS = re.compile(r"\.setBounds\((?P<low>-?\d+), (?P<high>-?\d+)\)")


def google_items(script: str) -> list[tuple[str, str, list[str]]]:
    """(kind, title, choices or the scale's numbers) of every item the script adds."""
    items: list[tuple[str, str, list[str]]] = []
    for line in script.splitlines():
        if found := _ITEM.search(line):
            items.append((found["kind"], json.loads(found["title"]), []))
        elif (found := _CHOICES.search(line)) and items:
            items[-1][2].extend(json.loads(found["values"]))
        elif (found := _BOUNDS.search(line)) and items:
            items[-1][2].extend(str(i) for i in range(int(found["low"]), int(found["high"]) + 1))
    return items


def googleforms_export(script: str, answers: dict[str, list[object]], respondents: int) -> bytes:
    """``answers``: title -> each respondent's answer position (1..n) in the item's
    choices or scale, None for blank."""
    items = google_items(script)
    rows = [["Timestamp", *(title for _, title, _ in items)]]
    for r in range(respondents):
        row = [f"5/4/2026 10:{r % 60:02d}:00"]
        for _, title, options in items:
            answer = answers[title][r]
            row.append("" if answer is None else options[int(answer) - 1])
        rows.append(row)
    return _csv(rows)


# --------------------------------------------------------------------------- SurveyJS


def surveyjs_elements(definition: dict) -> dict[str, dict]:
    return {
        element["name"]: element for page in definition["pages"] for element in page["elements"]
    }


def surveyjs_results(definition: dict, answers: dict[str, list[object]], respondents: int) -> bytes:
    """``answers``: name -> each respondent's answer position (1..n) in the choices or
    the rating's range, None for blank (SurveyJS leaves the key out)."""
    elements = surveyjs_elements(definition)
    results = []
    for r in range(respondents):
        data: dict[str, object] = {}
        for name, element in elements.items():
            answer = answers[name][r]
            if answer is None:
                continue
            if element["type"] == "rating":
                data[name] = element["rateMin"] + int(answer) - 1
            else:
                choice = element["choices"][int(answer) - 1]
                data[name] = choice["value"] if isinstance(choice, dict) else choice
        results.append(data)
    return json.dumps(results, ensure_ascii=False, indent=1).encode("utf-8")
