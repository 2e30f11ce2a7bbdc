"""The modal form that adds or edits a feature, with validation.

The form checks what it can (a number is a number); everything else — a name is required,
an id is free and has no dot, the stage exists — is checked by the engine's catalogue
functions, and their one-sentence error is shown in the form, which stays open.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from kano_tui.engine.catalogue import add_feature, edit_feature
from kano_tui.engine.model import Project
from kano_tui.errors import KanoError

NO_STAGE = ""


class FeatureForm(ModalScreen[str | None]):
    """Dismisses with the id of the feature added or edited, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", priority=True, id="form.save"),
    ]

    def __init__(self, project: Project, feature_id: str | None) -> None:
        super().__init__()
        self.project = project
        self.feature = project.feature(feature_id) if feature_id else None

    def compose(self) -> ComposeResult:
        feature = self.feature
        title = f"Edit feature {feature.id}" if feature else "Add a feature"
        stages: list[tuple[Text, str]] = [(Text("(no stage)"), NO_STAGE)]
        stages += [(Text(stage.name), stage.id) for stage in self.project.stages]
        with Vertical(classes="dialog", id="feature-form"):
            yield Label(Text(title), classes="dialog--title")
            yield Label("Name")
            yield Input(feature.name if feature else "", id="name", placeholder="e.g. Face recognition")
            if feature is None:
                yield Label("Id (used in survey columns; blank: from the name)")
                yield Input("", id="id", placeholder="face-recognition")
            yield Label("Description")
            yield Input(feature.description if feature else "", id="description")
            yield Label("Journey stage")
            current = feature.stage if feature and feature.stage else NO_STAGE
            yield Select(stages, value=current, allow_blank=False, id="stage")
            yield Label("Tags (comma-separated)")
            yield Input(", ".join(feature.tags) if feature else "", id="tags")
            yield Label("Effort (relative cost to build, blank: unknown)")
            effort = "" if feature is None or feature.effort is None else f"{feature.effort:g}"
            yield Input(effort, id="effort")
            yield Static("", id="form-error", classes="dialog--error")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        effort_text = self.value("effort").strip()
        try:
            effort = float(effort_text) if effort_text else None
        except ValueError:
            self.show_error(f"Effort must be a number, not {effort_text!r}.")
            self.query_one("#effort", Input).focus()
            return
        stage = self.query_one("#stage", Select).value
        stage = stage if isinstance(stage, str) else NO_STAGE
        tags = [tag.strip() for tag in self.value("tags").split(",") if tag.strip()]
        name, description = self.value("name"), self.value("description")
        app = self.app
        try:
            if self.feature is None:
                feature_id = self.value("id")
                added = app.edit(  # type: ignore[attr-defined]
                    f"Add feature {name.strip()}",
                    lambda project: add_feature(project, name, feature_id=feature_id,
                                                description=description, stage=stage,
                                                tags=tags, effort=effort).id)
                self.dismiss(added)
            else:
                key = self.feature.id
                app.edit(  # type: ignore[attr-defined]
                    f"Edit feature {name.strip() or key}",
                    lambda project: edit_feature(project, key, name=name,
                                                 description=description, stage=stage,
                                                 tags=tags, effort=effort))
                self.dismiss(key)
        except KanoError as error:
            self.show_error(str(error))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
