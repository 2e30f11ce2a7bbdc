"""JSON and CSV exports of the analysis results."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kano_tui.engine.analysis.featureresult import JSON_FIGURES
from kano_tui.engine.analysis.figures import CATEGORIES
from kano_tui.engine.analysis.run import analysis_to_json, backlog, feature_records
from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.exporters.safety import spreadsheet_safe
from kano_tui.plugins.hookspecs import hookimpl
from kano_tui.session.workspace import ExportContext

if TYPE_CHECKING:
    from kano_tui.engine.analysis.figures import Analysis

# The analysis CSV's columns (BRIEF): who, the counts, the category, then the figures in the
# JSON record's order.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "n",
    *CATEGORIES,
    "category",
    "category_name",
    *JSON_FIGURES,
)


def project_document(context: ExportContext) -> dict:
    """The whole project as one JSON-ready object: settings, features, analysis, backlog."""
    from kano_tui.engine.project.projectfile import to_plain

    project = context.project
    analysis = context.analysis()
    document = {
        "project": {"name": project.name, "description": project.description},
        "features": to_plain(project.features),
        "analysis": analysis_to_json(analysis),
        "backlog": [vars(item) for item in backlog(project, analysis)],
    }
    return document


def csv_table(analysis: Analysis) -> tuple[list[dict], list[str]]:
    """The results as CSV rows (one per feature, and per group with ``--by``) and their
    columns: CSV_COLUMNS, then the classifier's extra columns."""
    rows = []
    extra: dict[str, None] = {}
    for group in analysis.groups:
        for record in feature_records(analysis, group):
            counts = record.pop("counts")
            extras = record.pop("extra", {})
            extra.update(dict.fromkeys(extras))
            rows.append(
                {**({"group": group.value} if analysis.by else {}), **record, **counts, **extras}
            )
    return rows, ["group"] * bool(analysis.by) + list(CSV_COLUMNS) + list(extra)


def analysis_rows(context: ExportContext, by: str | None = None) -> list[dict]:
    return csv_table(context.analysis(by=by))[0]


def write_csv(rows: list[dict], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_safe(row.get(key)) for key in columns})
    return buffer.getvalue().encode("utf-8")


@dataclass(frozen=True)
class JsonExporter:
    name: str = "json"
    description: str = "The project, its analysis and backlog as one JSON document"
    extension: str = ".json"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        text = json.dumps(project_document(context), indent=2, ensure_ascii=False)
        atomic_write(destination, (text + "\n").encode("utf-8"))
        return [destination]


@dataclass(frozen=True)
class CsvExporter:
    name: str = "csv"
    description: str = "The results table as CSV (one row per feature; formulas neutralised)"
    extension: str = ".csv"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        rows, columns = csv_table(context.analysis(by=context.options.get("by")))
        atomic_write(destination, write_csv(rows, columns))
        return [destination]


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(JsonExporter())
    register(CsvExporter())
