"""LimeSurvey response exports (Responses > Export > CSV).

One header row. With "Question code" headings (the layout kano's LimeSurvey survey is
made for) each column is a question's code (``callsF``, ``nps``); with "Full question
text" headings the question text, which the column mapping reads. The export starts with
the response metadata LimeSurvey keeps: ``id`` (the response id), ``submitdate``,
``lastpage``, ``startlanguage``, ``seed``, and ``token``, ``startdate``, ``datestamp``,
``ipaddr``, ``refurl`` when the survey records them; the id becomes the respondent, the
rest is not imported. Answers are the answer codes or the full answers, as exported.
"""

from __future__ import annotations

from kano_tui.importers.surveytools import Columns, ToolCsvImporter, ToolLayout, cell, unique_names
from kano_tui.plugins.hookspecs import hookimpl

METADATA = frozenset(
    {
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "token",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
    }
)
DROPPED = METADATA - {"id"}
# The headings LimeSurvey writes in the survey's language for "Full question text".
RESPONSE_IDS = frozenset({"id", "response id", "antwort id", "id de la réponse", "id de respuesta"})


def recognise(rows: list[list[str]]) -> bool:
    """``id`` first, then LimeSurvey's ``submitdate`` (or "Date submitted") and
    ``lastpage`` (or "Last page") among the next columns."""
    if not rows or cell(rows[0], 0).lower() not in RESPONSE_IDS:
        return False
    names = {cell(rows[0], i).lower() for i in range(1, min(len(rows[0]), 8))}
    return bool(names & {"submitdate", "date submitted"}) and bool(
        names & {"lastpage", "last page"}
    )


def header_rows(rows: list[list[str]]) -> int:
    return 1


def columns(header: list[list[str]]) -> Columns:
    titles = header[0]
    names = []
    respondent = None
    for i in range(len(titles)):
        title = cell(titles, i)
        lowered = title.lower()
        if i == 0 and lowered in RESPONSE_IDS:
            respondent = title
            names.append(title)
        elif lowered in DROPPED or lowered in (
            "date submitted",
            "last page",
            "start language",
            "seed",
            "date started",
            "date last action",
            "ip address",
            "referrer url",
        ):
            names.append("")
        else:
            names.append(title)
    names = unique_names(names)
    return Columns(
        names=names, questions={n: n for n in names if n and n != respondent}, respondent=respondent
    )


LAYOUT = ToolLayout("LimeSurvey", recognise, header_rows, columns)


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    register(
        ToolCsvImporter(
            name="limesurvey",
            description="LimeSurvey CSV export: id, submitdate, lastpage, startlanguage, then "
            "question codes",
            layout=LAYOUT,
        )
    )
