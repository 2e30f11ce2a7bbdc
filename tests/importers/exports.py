"""Realistic survey-tool exports of the same answers, for the importer tests.

Each writer follows its tool's documented export layout:

- Qualtrics (support page "Understanding your dataset"): three header rows — export tags
  (``StartDate`` ... ``ResponseId`` ... ``Q2_1``), question texts (a matrix statement as
  ``Question - Statement``), ``{"ImportId": ...}`` objects; UTF-8 with a byte-order mark.
- SurveyMonkey ("All responses data", expanded, actual answer text): two header rows —
  metadata names and each question's text over the first column of its span (blank over
  the rest), then ``Response`` / ``Open-Ended Response`` / the matrix row labels.
- Google Forms (Responses > Download CSV): ``Timestamp`` (``Zeitstempel`` in a German
  form), ``Email Address``, question titles, grid rows as ``Question [Row]``.
- Typeform (Download all responses, CSV): ``#`` token, question titles, hidden fields,
  ``Response Type``, ``Start Date (UTC)``, ``Stage Date (UTC)``, ``Submit Date (UTC)``,
  ``Network ID``, ``Tags``.

Every export is in a different language and answer wording (English Conjointly and
Berger, German Sauerwein, French, Spanish), so that the column mapping and the wording
tables are exercised, and :func:`write_canonical_csv` writes the same answers as the
canonical wide CSV the figures are compared with.

Run ``python tests/importers/exports.py DIR`` to write one of each into DIR.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TOKENS = ("like", "expect", "neutral", "tolerate", "dislike")

WORDINGS: dict[str, tuple[str, ...]] = {
    "conjointly": ("I like it", "I expect it", "I am neutral", "I can tolerate it", "I dislike it"),
    "berger": (
        "I like it that way",
        "It must be that way",
        "I am neutral",
        "I can live with it that way",
        "I dislike it that way",
    ),
    "de": (
        "Das würde mich sehr freuen",
        "Das setze ich voraus",
        "Das ist mir egal",
        "Das nehme ich gerade noch hin",
        "Das würde mich sehr stören",
    ),
    "fr": (
        "Cela me plairait",
        "Je m'y attends",
        "Cela m'est égal",
        "Je peux m'en accommoder",
        "Cela me déplairait",
    ),
    "es": (
        "Me gustaría",
        "Lo doy por hecho",
        "Me es indiferente",
        "Puedo tolerarlo",
        "No me gustaría",
    ),
}


@dataclass(frozen=True)
class FeatureWords:
    """One feature, named and phrased in each survey language."""

    en: str
    de: str
    fr: str
    fr_article: str  # la, une, un
    es: str
    es_article: str  # el, la

    def name(self, language: str) -> str:
        return {"en": self.en, "de": self.de, "fr": self.fr, "es": self.es}[language]


FEATURES: tuple[FeatureWords, ...] = (
    FeatureWords(
        "Face recognition",
        "Gesichtserkennung",
        "Reconnaissance faciale",
        "la",
        "Reconocimiento facial",
        "el",
    ),
    FeatureWords(
        "Long battery life",
        "Lange Akkulaufzeit",
        "Longue autonomie",
        "une",
        "Batería duradera",
        "la",
    ),
    FeatureWords(
        "Built-in compass",
        "Eingebauter Kompass",
        "Boussole intégrée",
        "une",
        "Brújula integrada",
        "la",
    ),
    FeatureWords(
        "Unique design", "Einzigartiges Design", "Design unique", "un", "Diseño único", "el"
    ),
    FeatureWords(
        "Wireless charging", "Kabelloses Laden", "Recharge sans fil", "la", "Carga sin cables", "la"
    ),
    FeatureWords(
        "Confusing interface",
        "Verwirrende Bedienung",
        "Interface déroutante",
        "une",
        "Interfaz confusa",
        "la",
    ),
)
PLANS = ("Prepaid", "Contract", "Business")


@dataclass
class Answers:
    """Every respondent's answers: codes as stored (0 blank; importance and NPS -1 blank)."""

    features: tuple[FeatureWords, ...]
    respondents: list[str]
    functional: np.ndarray  # (respondents, features) 0..5
    dysfunctional: np.ndarray
    importance: np.ndarray  # -1 or 1..9
    nps: np.ndarray  # -1 or 0..10
    plan: list[str]

    def __len__(self) -> int:
        return len(self.respondents)

    def wording(self, code: int, wordings: str) -> str:
        return "" if code == 0 else WORDINGS[wordings][code - 1]


def random_answers(seed: int = 7, respondents: int = 60, features: int = 5) -> Answers:
    """Answers with the structure real ones have: each feature leans to a category."""
    rng = np.random.default_rng(seed)
    chosen = FEATURES[:features]
    n = respondents
    lean_f = rng.integers(1, 6, size=features)
    lean_d = rng.integers(1, 6, size=features)
    functional = np.where(
        rng.random((n, features)) < 0.6, lean_f, rng.integers(1, 6, (n, features))
    )
    dysfunctional = np.where(
        rng.random((n, features)) < 0.6, lean_d, rng.integers(1, 6, (n, features))
    )
    functional[rng.random((n, features)) < 0.05] = 0  # skipped questions
    dysfunctional[rng.random((n, features)) < 0.05] = 0
    importance = rng.integers(1, 10, (n, features))
    importance[rng.random((n, features)) < 0.1] = -1
    nps = rng.integers(0, 11, n)
    nps[rng.random(n) < 0.1] = -1
    return Answers(
        features=chosen,
        respondents=[f"R_{seed:03d}{i:05d}x" for i in range(n)],
        functional=functional.astype(np.int64),
        dysfunctional=dysfunctional.astype(np.int64),
        importance=importance.astype(np.int64),
        nps=nps.astype(np.int64),
        plan=[PLANS[i] for i in rng.integers(0, len(PLANS), n)],
    )


def _number(value: int) -> str:
    return "" if value < 0 else str(int(value))


def _csv_bytes(rows: list[list[str]], *, bom: bool = True, newline: str = "\r\n") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


# --------------------------------------------------------------------------- canonical


def canonical_rows(answers: Answers, language: str, wordings: str = "berger") -> list[list[str]]:
    header = ["respondent", "plan", "nps"]
    for feature in answers.features:
        name = feature.name(language)
        header += [f"{name}.functional", f"{name}.dysfunctional", f"{name}.importance"]
    rows = [header]
    for r, respondent in enumerate(answers.respondents):
        row = [respondent, answers.plan[r], _number(answers.nps[r])]
        for j in range(len(answers.features)):
            row += [
                answers.wording(answers.functional[r, j], wordings),
                answers.wording(answers.dysfunctional[r, j], wordings),
                _number(answers.importance[r, j]),
            ]
        rows.append(row)
    return rows


def write_canonical_csv(answers: Answers, path: Path, language: str = "en") -> Path:
    path.write_bytes(_csv_bytes(canonical_rows(answers, language), bom=False, newline="\n"))
    return path


# --------------------------------------------------------------------------- Qualtrics

QUALTRICS_METADATA = (
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"America/Denver"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"America/Denver"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"America/Denver"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
    ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
    ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
    ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
    ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
    ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
)
QUALTRICS_TEXT = {
    "en": {
        "plan": "Which plan are you on?",
        "functional": "How would you feel if the product had the following?",
        "dysfunctional": "How would you feel if the product did NOT have the following?",
        "importance": "How important are the following to you?",
        "nps": "How likely are you to recommend Acme to a friend or colleague?\n"
        "(0 = not at all likely, 10 = extremely likely)",
        "comment": "Anything else you would like to tell us?",
    },
    "es": {
        "plan": "¿Qué plan tiene?",
        "functional": "¿Cómo se sentiría si el producto tuviera lo siguiente?",
        "dysfunctional": "¿Cómo se sentiría si el producto no tuviera lo siguiente?",
        "importance": "¿Qué tan importante es para usted lo siguiente?",
        "nps": "¿Qué tan probable es que recomiende Acme a un amigo o colega?",
        "comment": "¿Algo más que quiera decirnos?",
    },
}


def qualtrics_rows(
    answers: Answers, language: str = "en", wordings: str = "conjointly"
) -> list[list[str]]:
    text = QUALTRICS_TEXT[language]
    tags = [m[0] for m in QUALTRICS_METADATA]
    labels = [m[1] for m in QUALTRICS_METADATA]
    ids = [m[2] for m in QUALTRICS_METADATA]
    tags.append("Q1")
    labels.append(text["plan"])
    ids.append('{"ImportId":"QID1"}')
    for block, role in ((2, "functional"), (3, "dysfunctional"), (4, "importance")):
        for j, feature in enumerate(answers.features, start=1):
            tags.append(f"Q{block}_{j}")
            labels.append(f"{text[role]} - {feature.name(language)}")
            ids.append(json.dumps({"ImportId": f"QID{block}_{j}"}, separators=(",", ":")))
    tags += ["Q5", "Q6"]
    labels += [text["nps"], text["comment"]]
    ids += ['{"ImportId":"QID5"}', '{"ImportId":"QID6_TEXT"}']
    rows = [tags, labels, ids]
    for r, respondent in enumerate(answers.respondents):
        day = 1 + r % 28
        row = [
            f"2026-03-{day:02d} 10:{r % 60:02d}:00",
            f"2026-03-{day:02d} 10:{r % 60:02d}:59",
            "IP Address",
            f"203.0.113.{r % 250}",
            "100",
            str(120 + r),
            "True",
            f"2026-03-{day:02d} 10:{r % 60:02d}:59",
            respondent,
            "",
            "",
            "",
            "",
            "39.7392",
            "-104.9903",
            "anonymous",
            language.upper(),
            answers.plan[r],
        ]
        row += [answers.wording(c, wordings) for c in answers.functional[r]]
        row += [answers.wording(c, wordings) for c in answers.dysfunctional[r]]
        row += [_number(v) for v in answers.importance[r]]
        row += [
            _number(answers.nps[r]),
            'Great phone, but "the app", sadly,\ncrashes' if r % 7 == 0 else "",
        ]
        rows.append(row)
    return rows


def write_qualtrics_csv(answers: Answers, path: Path) -> Path:
    path.write_bytes(_csv_bytes(qualtrics_rows(answers)))
    return path


# --------------------------------------------------------------------------- SurveyMonkey

SURVEYMONKEY_METADATA = (
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
)


def surveymonkey_rows(answers: Answers, wordings: str = "berger") -> list[list[str]]:
    k = len(answers.features)
    names = [f.en for f in answers.features]
    top = [*list(SURVEYMONKEY_METADATA), "Which plan are you on?"]
    sub = [""] * len(SURVEYMONKEY_METADATA) + ["Response"]
    for stem in (
        "How would you feel if the product had the following features?",
        "How would you feel if the product did not have the following features?",
        "How important is each feature to you?",
    ):
        top += [stem] + [""] * (k - 1)
        sub += names
    top += ["How likely is it that you would recommend this product to a friend or colleague?"]
    sub += ["Response"]
    rows = [top, sub]
    for r in range(len(answers)):
        row = [
            str(11400000000 + r),
            "452331027",
            "03/15/2026 10:14:22 AM",
            "03/15/2026 10:19:02 AM",
            f"198.51.100.{r % 250}",
            "",
            "",
            "",
            "",
            answers.plan[r],
        ]
        row += [answers.wording(c, wordings) for c in answers.functional[r]]
        row += [answers.wording(c, wordings) for c in answers.dysfunctional[r]]
        row += [_number(v) for v in answers.importance[r]]
        row += [_number(answers.nps[r])]
        rows.append(row)
    return rows


def write_surveymonkey_csv(answers: Answers, path: Path) -> Path:
    path.write_bytes(_csv_bytes(surveymonkey_rows(answers)))
    return path


# --------------------------------------------------------------------------- Google Forms


def googleforms_rows(answers: Answers, wordings: str = "de") -> list[list[str]]:
    names = [f.de for f in answers.features]
    header = ["Zeitstempel", "E-Mail-Adresse", "Welchen Tarif nutzen Sie?"]
    header += [
        f"Wenn das Produkt Folgendes hätte, wie würden Sie sich fühlen? [{n}]" for n in names
    ]
    header += [
        f"Wenn das Produkt Folgendes nicht hätte, wie würden Sie sich fühlen? [{n}]" for n in names
    ]
    header += [f"Wie wichtig sind Ihnen die folgenden Funktionen? [{n}]" for n in names]
    header += [
        "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?"
    ]
    rows = [header]
    for r in range(len(answers)):
        row = [
            f"{1 + r % 28:02d}.03.2026 10:{r % 60:02d}:22",
            f"person{r}@example.org",
            answers.plan[r],
        ]
        row += [answers.wording(c, wordings) for c in answers.functional[r]]
        row += [answers.wording(c, wordings) for c in answers.dysfunctional[r]]
        row += [_number(v) for v in answers.importance[r]]
        row += [_number(answers.nps[r])]
        rows.append(row)
    return rows


def write_googleforms_csv(answers: Answers, path: Path) -> Path:
    path.write_bytes(_csv_bytes(googleforms_rows(answers), bom=False))
    return path


# --------------------------------------------------------------------------- Typeform


def _fr_phrases(feature: FeatureWords) -> tuple[str, str, str]:
    lower = feature.fr[:1].lower() + feature.fr[1:]
    had = f"{feature.fr_article} {lower}"
    had_not = f"d'{lower}" if lower[:1] in "aeiouyéh" else f"de {lower}"
    importance = {"la": f"à la {lower}", "une": f"à une {lower}", "un": f"à un {lower}"}[
        feature.fr_article
    ]
    return had, had_not, importance


def typeform_rows(answers: Answers, wordings: str = "fr") -> list[list[str]]:
    header = ["#", "Quelle <strong>formule</strong> utilisez-vous ?"]
    for feature in answers.features:
        had, had_not, importance = _fr_phrases(feature)
        header += [
            f"Si le produit avait {had}, que ressentiriez-vous ?",
            f"Si le produit n'avait pas {had_not}, que ressentiriez-vous ?",
            f"Quelle importance accordez-vous {importance} ?",
        ]
    header += [
        "Quelle est la probabilité que vous recommandiez notre produit à un ami ou un collègue ?",
        "utm_source",
        "Response Type",
        "Start Date (UTC)",
        "Stage Date (UTC)",
        "Submit Date (UTC)",
        "Network ID",
        "Tags",
    ]
    rows = [header]
    for r in range(len(answers)):
        row = [f"k3v8x{r:06d}qz{answers.respondents[r][-6:]}", answers.plan[r]]
        for j in range(len(answers.features)):
            row += [
                answers.wording(answers.functional[r, j], wordings),
                answers.wording(answers.dysfunctional[r, j], wordings),
                _number(answers.importance[r, j]),
            ]
        row += [
            _number(answers.nps[r]),
            "newsletter" if r % 2 else "",
            "completed",
            f"2026-03-15 10:{r % 60:02d}:01",
            "",
            f"2026-03-15 10:{r % 60:02d}:57",
            f"{r:010x}",
            "",
        ]
        rows.append(row)
    return rows


def write_typeform_csv(answers: Answers, path: Path) -> Path:
    path.write_bytes(_csv_bytes(typeform_rows(answers), bom=False, newline="\n"))
    return path


# --------------------------------------------------------------------------- JSON


def write_json(answers: Answers, path: Path) -> Path:
    """A JSON list of respondents with nested answers, as an API dump would give them."""
    records = []
    for r, respondent in enumerate(answers.respondents):
        nested = {}
        for j, feature in enumerate(answers.features):
            f, d, i = (
                answers.functional[r, j],
                answers.dysfunctional[r, j],
                answers.importance[r, j],
            )
            nested[feature.en] = {
                "functional": TOKENS[f - 1] if f else None,
                "dysfunctional": int(d) if d else None,
                "importance": int(i) if i >= 0 else None,
            }
        records.append(
            {
                "respondent": respondent,
                "plan": answers.plan[r],
                "nps": int(answers.nps[r]) if answers.nps[r] >= 0 else None,
                "answers": nested,
            }
        )
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- spreadsheets


def _cell(value: str) -> object:
    """A cell as a spreadsheet holds it: numbers as numbers, text as text, blank as None."""
    if value == "":
        return None
    return int(value) if value.lstrip("-").isdigit() else value


def write_xlsx(
    rows: list[list[str]], path: Path, sheet: str = "Sheet1", other_sheet: bool = False
) -> Path:
    """Write rows to an .xlsx workbook with openpyxl (as Excel and the tools' downloads do)."""
    from openpyxl import Workbook

    workbook = Workbook()
    if other_sheet:  # a first sheet of notes, as people add them
        workbook.active.title = "Notes"
        workbook.active.append(["Exported from Qualtrics; answers on the next sheet"])
        worksheet = workbook.create_sheet(sheet)
    else:
        worksheet = workbook.active
        worksheet.title = sheet
    for row in rows:
        worksheet.append([_cell(v) for v in row])
    workbook.save(path)
    return path


def write_qualtrics_xlsx(answers: Answers, path: Path) -> Path:
    """A Qualtrics download as Excel, of a Spanish survey (same three header rows)."""
    return write_xlsx(qualtrics_rows(answers, "es", "es"), path)


def write_canonical_xlsx(answers: Answers, path: Path, **options: object) -> Path:
    return write_xlsx(canonical_rows(answers, "en", "conjointly"), path, **options)


def write_sav(answers: Answers, path: Path) -> Path:
    """An SPSS file as Qualtrics downloads it: codes 1-5 with value labels, variable labels
    holding the question text."""
    import pandas as pd
    import pyreadstat

    text = QUALTRICS_TEXT["en"]
    columns: dict[str, list] = {
        "ResponseId": answers.respondents,
        "IPAddress": ["203.0.113.9"] * len(answers),
        "Q1": [PLANS.index(p) + 1 for p in answers.plan],
    }
    labels = {"ResponseId": "Response ID", "IPAddress": "IP Address", "Q1": text["plan"]}
    value_labels: dict[str, dict[float, str]] = {"Q1": {i + 1.0: p for i, p in enumerate(PLANS)}}
    kano = {float(i + 1): w for i, w in enumerate(WORDINGS["berger"])}
    for block, role, data in (
        (2, "functional", answers.functional),
        (3, "dysfunctional", answers.dysfunctional),
        (4, "importance", answers.importance),
    ):
        for j, feature in enumerate(answers.features):
            name = f"Q{block}_{j + 1}"
            blank = 0 if role != "importance" else -1
            columns[name] = [float(v) if v != blank else None for v in data[:, j]]
            labels[name] = f"{text[role]} - {feature.en}"
            if role != "importance":
                value_labels[name] = kano
    columns["Q5"] = [float(v) if v >= 0 else None for v in answers.nps]
    labels["Q5"] = text["nps"].replace("\n", " ")
    frame = pd.DataFrame(columns)
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=[labels[c] for c in frame.columns],
        variable_value_labels=value_labels,
    )
    return path


WRITERS = {
    "qualtrics": (write_qualtrics_csv, "en"),
    "surveymonkey": (write_surveymonkey_csv, "en"),
    "googleforms": (write_googleforms_csv, "de"),
    "typeform": (write_typeform_csv, "fr"),
    "json": (write_json, "en"),
}


def main(directory: str) -> None:
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    answers = random_answers()
    for tool, (writer, language) in WRITERS.items():
        suffix = ".json" if tool == "json" else ".csv"
        writer(answers, out / f"{tool}{suffix}")
        write_canonical_csv(answers, out / f"{tool}-canonical.csv", language)
    print(f"wrote {len(WRITERS)} exports of {len(answers)} respondents to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "exports")
