"""The modal form that adds or edits a feature, with validation.

The form checks what it can (a number is a number); everything else — a name is required,
an id is free and has no dot, the stage exists — is checked by the engine's catalogue
functions, and their one-sentence error is shown in the form, which stays open.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from kano_tui.engine.project.catalogue import add_feature, edit_feature
from kano_tui.engine.project.model import STATUSES, Project
from kano_tui.tui.forms import Field, Form

NO_STAGE = ""
WORDING_ROWS = (  # (field, label, placeholder): the questionnaire's wording of the feature
    ("phrase", "Phrase", 'in a sentence: "an AR mode"; blank: guessed'),
    ("functional_question", "Functional q.", "blank: the language's template"),
    ("dysfunctional_question", "Dysfunct. q.", "blank: the language's template"),
    ("importance_question", "Importance q.", "blank: the language's template"),
)


class FeatureForm(Form):
    """Dismisses with the id of the feature added or edited, or None when cancelled."""

    FORM_ID = "feature-form"
    LAYOUT = "rows"
    COMPACT = True

    def __init__(self, project: Project, feature_id: str | None) -> None:
        super().__init__()
        self.project = project
        self.feature = project.feature(feature_id) if feature_id else None

    def heading(self) -> str:
        return f"Edit feature {self.feature.id}" if self.feature else "Add a feature"

    def fields(self) -> list[Field]:
        feature = self.feature
        stages: list[tuple[Text, str]] = [(Text("(no stage)"), NO_STAGE)]
        stages += [(Text(stage.name), stage.id) for stage in self.project.stages]
        effort = "" if feature is None or feature.effort is None else f"{feature.effort:g}"
        status = feature.status if feature and feature.status in STATUSES else "new"
        return [
            Field(
                "name", "Name", feature.name if feature else "", placeholder="e.g. Face recognition"
            ),
            *(
                [Field("id", "Id", placeholder="blank: made from the name")]
                if feature is None
                else []
            ),
            Field("description", "Description", feature.description if feature else ""),
            Field(
                "stage",
                "Stage",
                feature.stage if feature and feature.stage else NO_STAGE,
                options=stages,
            ),
            Field(
                "tags",
                "Tags",
                ", ".join(feature.tags) if feature else "",
                placeholder="comma-separated",
            ),
            Field("effort", "Effort", effort, placeholder="relative cost; blank: unknown"),
            Field(
                "status", "Status", status, options=[(Text(status), status) for status in STATUSES]
            ),
            Field("note", "Note", feature.note if feature else "", placeholder="for the backlog"),
            *(
                Field(key, label, getattr(feature, key) if feature else "", placeholder=hint)
                for key, label, hint in WORDING_ROWS
            ),
        ]

    def action_submit(self) -> None:
        effort_text = self.value("effort").strip()
        try:
            effort = float(effort_text) if effort_text else None
        except ValueError:
            self.show_error(f"Effort must be a number, not {effort_text!r}.")
            self.query_one("#effort", Input).focus()
            return
        stage = self.choice("stage")
        stage = stage if isinstance(stage, str) else NO_STAGE
        tags = [tag.strip() for tag in self.value("tags").split(",") if tag.strip()]
        name, description = self.value("name"), self.value("description")
        status = self.choice("status")
        status = status if isinstance(status, str) else "new"
        note = self.value("note")
        wording = {key: self.value(key) for key, _, _ in WORDING_ROWS}
        if self.feature is None:
            feature_id = self.value("id")

            def add(project: Project) -> str:
                created = add_feature(
                    project,
                    name,
                    feature_id=feature_id,
                    description=description,
                    stage=stage,
                    tags=tags,
                    effort=effort,
                )
                edit_feature(project, created.id, wording=wording, status=status, note=note)
                return created.id

            self.save(f"Add feature {name.strip()}", add)
        else:
            key = self.feature.id
            self.save(
                f"Edit feature {name.strip() or key}",
                lambda project: edit_feature(
                    project,
                    key,
                    name=name,
                    description=description,
                    stage=stage,
                    tags=tags,
                    effort=effort,
                    wording=wording,
                    status=status,
                    note=note,
                ),
                dismiss_with=lambda _: key,
            )
