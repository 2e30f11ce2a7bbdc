"""What the survey-file exporters share: the questions, their codes and the mappings."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from kano_tui.engine.project.model import IGNORE, ColumnMapping, Project
from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.engine.questionnaire.questions import Question, questionnaire
from kano_tui.session.workspace import ExportContext

KANO_ROLES = ("functional", "dysfunctional", "importance")


def code_mappings(project: Project, extra_ignored: tuple[str, ...] = ()) -> list[ColumnMapping]:
    """Mappings for a tool whose export names each column by the question's code:
    every Kano question's code -> its feature and role (``nps``, ``csat`` and the segment
    columns already say what they are), plus columns the tool adds to ignore."""
    mappings = [
        ColumnMapping(q.code, q.feature, q.role)
        for q in questionnaire(project)
        if q.role in KANO_ROLES
    ]
    return mappings + [ColumnMapping(column, "", IGNORE) for column in extra_ignored]


def html_text(text: str) -> str:
    """User text inside a tool's HTML question text: shown as written, never markup."""
    return html.escape(text, quote=False)


def scale_hint(question: Question) -> str:
    """ " (1 = Not at all important, 9 = Extremely important)" for a labelled scale."""
    if not question.labels:
        return ""
    return (
        f" ({question.options[0]} = {question.labels[0]}, "
        f"{question.options[-1]} = {question.labels[-1]})"
    )


@dataclass(frozen=True)
class SurveyFileExporter:
    """An exporter writing one survey file; subclasses say how (``render``)."""

    name: str = ""
    description: str = ""
    extension: str = ""

    def render(self, project: Project) -> bytes:  # pragma: no cover - subclasses
        raise NotImplementedError

    def column_mappings(self, project: Project) -> list[ColumnMapping]:
        return code_mappings(project)

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        atomic_write(destination, self.render(context.project))
        return [destination]
