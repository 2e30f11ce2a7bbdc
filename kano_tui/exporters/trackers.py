"""The backlog for a team's tracker: Jira's CSV importer and GitHub issues.

- ``backlog-jira``: a CSV with the columns Jira's "Import issues from CSV" maps by name:
  ``Summary``, ``Description``, ``Issue Type`` (Story), ``Priority`` (by Kano category:
  must-be Highest, performance High, excitement Medium, indifferent Low, reverse and
  questionable Lowest) and ``Labels`` (twice: Jira takes one label per column; labels
  hold no spaces). Formula-safe like every CSV kano writes.
- ``backlog-github``: a JSON list of ``{"title", "body", "labels"}``, the body of GitHub's
  "create an issue" call, one per feature; ``docs/reports.md`` shows the ``gh`` loop.

Done and dropped features are left out; each description carries the Kano category,
the figures (n, Better, Worse, importance, value, effort, value per effort), the
journey stage, the recommended action and the note.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from kano_tui.engine.analysis.figures import CATEGORY_NAMES
from kano_tui.engine.analysis.run import OPEN_STATUSES, BacklogItem, backlog
from kano_tui.engine.project.model import slugify
from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.exporters.safety import spreadsheet_safe
from kano_tui.plugins.hookspecs import hookimpl
from kano_tui.session.workspace import ExportContext

JIRA_COLUMNS = ("Summary", "Description", "Issue Type", "Priority", "Labels", "Labels")
JIRA_PRIORITY = {
    "M": "Highest",
    "O": "High",
    "A": "Medium",
    "I": "Low",
    "R": "Lowest",
    "Q": "Lowest",
}


def _number(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def category_label(item: BacklogItem) -> str:
    return "kano-" + slugify(CATEGORY_NAMES.get(item.category or "", "undecided"))


def description(item: BacklogItem) -> list[str]:
    """The lines every tracker's issue body holds."""
    category = CATEGORY_NAMES.get(item.category or "", "undecided")
    lines = [
        f"Kano category: {category} ({item.category or '–'})",
        f"Figures: n {item.n}, Better {_number(item.better)}, Worse {_number(item.worse)}, "
        f"importance {_number(item.importance_mean, 1)}",
        f"Value {_number(item.value, 1)}, effort {_number(item.effort, 1)}, "
        f"value per effort {_number(item.value_per_effort, 1)}"
        + (f", backlog rank {item.rank}" if item.rank else ""),
        f"Journey stage: {item.stage or 'unplaced'}",
        f"Action: {item.action}",
    ]
    if item.note:
        lines.append(f"Note: {item.note}")
    return lines


def open_items(context: ExportContext) -> list[BacklogItem]:
    return [
        item
        for item in backlog(context.project, context.analysis())
        if item.status in OPEN_STATUSES
    ]


@dataclass(frozen=True)
class JiraExporter:
    name: str = "backlog-jira"
    description: str = (
        "The backlog as CSV for Jira's importer: Summary, Description, Issue Type, Priority, Labels"
    )
    extension: str = ".csv"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(JIRA_COLUMNS)
        for item in open_items(context):
            stage = f"stage-{slugify(item.stage)}" if item.stage else ""
            row = [
                item.name,
                "\n".join(description(item)),
                "Story",
                JIRA_PRIORITY.get(item.category or "", "Low"),
                category_label(item),
                stage,
            ]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        atomic_write(destination, buffer.getvalue().encode("utf-8"))
        return [destination]


@dataclass(frozen=True)
class GitHubExporter:
    name: str = "backlog-github"
    description: str = "The backlog as GitHub issues (JSON: title, body, labels)"
    extension: str = ".json"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        issues = []
        for item in open_items(context):
            body = "\n".join(f"- {line}" for line in description(item))
            labels = [category_label(item)] + ([f"stage: {item.stage}"] if item.stage else [])
            issues.append({"title": item.name, "body": body, "labels": labels})
        atomic_write(
            destination, (json.dumps(issues, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        )
        return [destination]


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(JiraExporter())
    register(GitHubExporter())
