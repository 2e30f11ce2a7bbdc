"""Typeform CSV downloads (Results > Responses > Download all responses).

One header row: ``#`` (the response token), each question's title (older exports keep
its HTML, such as ``<strong>``), hidden fields by name, then ``Response Type``,
``Start Date (UTC)``, ``Stage Date (UTC)``, ``Submit Date (UTC)``, ``Network ID`` and
``Tags``. The token is the respondent id; the title, without markup, names the column and
is the question text for the column mapping (errors still quote the title as written). Dates and the network id are not imported.
"""

from __future__ import annotations

from kano_tui.engine.importing.mapping import clean_question
from kano_tui.importers.surveytools import Columns, ToolCsvImporter, ToolLayout, cell, unique_names
from kano_tui.plugins.hookspecs import hookimpl

TOKEN = "#"
METADATA = ("Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Stage Date (UTC)")
DROPPED = frozenset(name.lower() for name in METADATA)
KEPT_METADATA = ("Response Type", "Tags")  # segments, not questions


def recognise(rows: list[list[str]]) -> bool:
    return bool(rows) and cell(rows[0], 0) == TOKEN and any(name in rows[0] for name in METADATA)


def header_rows(rows: list[list[str]]) -> int:
    return 1


def columns(header: list[list[str]]) -> Columns:
    titles = [cell(header[0], i) for i in range(len(header[0]))]
    # Named by the title without its markup: segments read "Which plan?", not "<b>...".
    names = unique_names(
        [
            clean_question(title) if title and title.lower() not in DROPPED else ""
            for title in titles
        ]
    )
    questions = {name: name for name in names if name and name not in (TOKEN, *KEPT_METADATA)}
    sources = {name: title for name, title in zip(names, titles) if name and name != title}
    return Columns(names=names, questions=questions, respondent=TOKEN, sources=sources)


LAYOUT = ToolLayout("Typeform", recognise, header_rows, columns)


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    register(
        ToolCsvImporter(
            name="typeform",
            description="Typeform CSV: # token, question titles, then dates and network id",
            layout=LAYOUT,
        )
    )
