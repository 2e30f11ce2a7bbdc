"""Google Forms CSV downloads (the Responses tab, or its linked Google Sheet as CSV).

One header row: ``Timestamp`` (in the form owner's language), the respondent's email
address when the form collects it, then each question's title; a multiple-choice grid
writes one column per row, titled ``Question [Row]``. The title is the question text for
the column mapping. Google Forms has no response id: respondents are numbered by row.
The timestamp and email address are not imported.
"""

from __future__ import annotations

from kano_tui.importers.surveytools import Columns, ToolCsvImporter, ToolLayout, cell, unique_names
from kano_tui.plugins.hookspecs import hookimpl

TIMESTAMPS = frozenset(
    {
        "timestamp",
        "horodateur",
        "zeitstempel",
        "marca temporal",
        "carimbo de data/hora",
        "informazioni cronologiche",
        "tijdstempel",
        "sygnatura czasowa",
        "marca de tiempo",
        "marca de temps",
        "tidsstempel",
        "tidsstämpel",
        "aikaleima",
        "časová značka",
        "časová pečiatka",
        "időbélyeg",
        "отметка времени",
        "позначка часу",
        "χρονική σήμανση",
        "zaman damgası",
        "dấu thời gian",
        "stempel waktu",
        "cap masa",
        "タイムスタンプ",
        "时间戳",
        "時間戳記",
        "타임스탬프",
        "חותמת זמן",
        "الطابع الزمني",
    }
)
DROPPED = TIMESTAMPS | frozenset(
    {
        "email address",
        "email",
        "adresse e-mail",
        "e-mail-adresse",
        "dirección de correo electrónico",
        "indirizzo email",
        "endereço de e-mail",
        "e-mailadres",
        "score",
        "punktzahl",
        "note",
        "puntuación",
        "username",
        "nom d'utilisateur",
        "nutzername",
        "nombre de usuario",
        "adresse électronique",
        "correo electrónico",
        "e-mail",
        "punteggio",
        "pontuação",
    }
)


def recognise(rows: list[list[str]]) -> bool:
    return bool(rows) and cell(rows[0], 0).lower() in TIMESTAMPS


def header_rows(rows: list[list[str]]) -> int:
    return 1


def columns(header: list[list[str]]) -> Columns:
    titles = header[0]
    names = unique_names(
        [
            title if title and title.lower() not in DROPPED else ""
            for title in (cell(titles, i) for i in range(len(titles)))
        ]
    )
    return Columns(names=names, questions={name: name for name in names if name})


LAYOUT = ToolLayout("Google Forms", recognise, header_rows, columns)


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    register(
        ToolCsvImporter(
            name="googleforms",
            description="Google Forms CSV: Timestamp, then question titles; grids as Question [Row]",
            layout=LAYOUT,
        )
    )
