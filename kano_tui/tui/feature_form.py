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
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from kano_tui.engine.project.catalogue import add_feature, edit_feature
from kano_tui.engine.project.model import STATUSES, Project
from kano_tui.errors import KanoError

NO_STAGE = ""
WORDING_ROWS = (  # (field, label, placeholder): the questionnaire's wording of the feature
    ("phrase", "Phrase", "in a sentence: \"an AR mode\"; blank: guessed"),
    ("functional_question", "Functional q.", "blank: the language's template"),
    ("dysfunctional_question", "Dysfunct. q.", "blank: the language's template"),
    ("importance_question", "Importance q.", "blank: the language's template"),
)


def field_row(label: str, field: Widget) -> ComposeResult:
    """A label and its field on one line (forms must fit in 80x24)."""
    with Horizontal(classes="field-row"):
        yield Label(label, classes="field-row--label")
        yield field


class FeatureForm(ModalScreen[str | None]):
    """Dismisses with the id of the feature added or edited, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        # Not a priority binding: the key then queues behind the characters typed before
        # it, so the form never reads a field before the field has them.
        Binding("ctrl+s", "submit", "Save", id="form.save"),
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
        effort = "" if feature is None or feature.effort is None else f"{feature.effort:g}"
        current = feature.stage if feature and feature.stage else NO_STAGE
        with Vertical(classes="dialog", id="feature-form"):
            yield Label(Text(title), classes="dialog--title")
            yield from field_row("Name", Input(feature.name if feature else "", id="name",
                                               placeholder="e.g. Face recognition", compact=True))
            if feature is None:
                yield from field_row("Id", Input("", id="id", compact=True,
                                                 placeholder="blank: made from the name"))
            yield from field_row("Description", Input(
                feature.description if feature else "", id="description", compact=True))
            yield from field_row("Stage", Select(stages, value=current, allow_blank=False,
                                                 id="stage", compact=True))
            yield from field_row("Tags", Input(", ".join(feature.tags) if feature else "",
                                               id="tags", placeholder="comma-separated",
                                               compact=True))
            yield from field_row("Effort", Input(effort, id="effort", compact=True,
                                                 placeholder="relative cost; blank: unknown"))
            yield from field_row("Status", Select(
                [(Text(status), status) for status in STATUSES], allow_blank=False,
                value=feature.status if feature and feature.status in STATUSES else "new",
                id="status", compact=True))
            yield from field_row("Note", Input(feature.note if feature else "", id="note",
                                               compact=True, placeholder="for the backlog"))
            for key, label, hint in WORDING_ROWS:
                yield from field_row(label, Input(getattr(feature, key) if feature else "",
                                                  id=key, compact=True, placeholder=hint))
            yield Static("", id="form-error", classes="dialog--error")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

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
        status = self.query_one("#status", Select).value
        status = status if isinstance(status, str) else "new"
        note = self.value("note")
        wording = {key: self.value(key) for key, _, _ in WORDING_ROWS}
        app = self.app
        try:
            if self.feature is None:
                feature_id = self.value("id")
                def add(project: Project) -> str:
                    created = add_feature(project, name, feature_id=feature_id,
                                          description=description, stage=stage, tags=tags,
                                          effort=effort)
                    edit_feature(project, created.id, wording=wording, status=status, note=note)
                    return created.id

                added = app.edit(f"Add feature {name.strip()}", add)  # type: ignore[attr-defined]
                self.dismiss(added)
            else:
                key = self.feature.id
                app.edit(  # type: ignore[attr-defined]
                    f"Edit feature {name.strip() or key}",
                    lambda project: edit_feature(project, key, name=name,
                                                 description=description, stage=stage,
                                                 tags=tags, effort=effort, wording=wording,
                                                 status=status, note=note))
                self.dismiss(key)
        except KanoError as error:
            self.show_error(str(error))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
