"""The questionnaire, ready to paste into a survey tool (Markdown) or to load (CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.engine.questionnaire.questions import questionnaire, questionnaire_markdown
from kano_tui.exporters.data import write_csv
from kano_tui.plugins.hookspecs import hookimpl
from kano_tui.session.workspace import ExportContext


@dataclass(frozen=True)
class QuestionnaireExporter:
    name: str = "questionnaire"
    description: str = "The Kano questionnaire as Markdown, ready to paste into a survey tool"
    extension: str = ".md"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        atomic_write(destination, questionnaire_markdown(context.project).encode("utf-8"))
        return [destination]


@dataclass(frozen=True)
class QuestionnaireCsvExporter:
    name: str = "questionnaire-csv"
    description: str = "The Kano questionnaire as CSV: column, feature, role, question, options"
    extension: str = ".csv"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        rows = [
            {
                "column": q.column,
                "feature": q.feature,
                "role": q.role,
                "question": q.text,
                "options": " | ".join(q.options),
            }
            for q in questionnaire(context.project)
        ]
        atomic_write(
            destination, write_csv(rows, ["column", "feature", "role", "question", "options"])
        )
        return [destination]


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(QuestionnaireExporter())
    register(QuestionnaireCsvExporter())
