"""The one base of the app's forms (feature, touchpoint, linked features, stage name, KPI
period): fields declared as data, esc cancels, ctrl+s saves, errors shown in the form.

A form lists its fields in :meth:`Form.fields` (a :class:`Field` each: an ``Input``, or a
``Select`` when it has ``options``) and implements :meth:`Form.action_submit`, which reads
them with :meth:`Form.value` and :meth:`Form.choice` and calls :meth:`Form.save`. The
form checks only what the widgets cannot; the engine's editing functions check the values
and their one-sentence error is shown in the form, which stays open. Saving goes through
``KanoApp.edit``, so every change can be undone.

ctrl+s is deliberately *not* a priority binding: a priority binding runs as soon as the
key arrives, before the characters typed just before it have reached their field, so a
fast typist's last keys were lost. As an ordinary binding it queues behind them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from kano_tui.engine.project.model import Project
from kano_tui.errors import KanoError


@dataclass(frozen=True)
class Field:
    """One field: its widget id (what :meth:`Form.value` reads), label and initial value;
    with ``options`` ((label, value) pairs) a Select, otherwise an Input."""

    id: str
    label: str
    value: Any = ""
    placeholder: str = ""
    options: Sequence[tuple[Text, Any]] = ()


def field_row(label: str, field: Widget) -> ComposeResult:
    """A label and its field on one line (a long form must fit in 80x24)."""
    with Horizontal(classes="field-row"):
        yield Label(Text(label), classes="field-row--label")
        yield field


class Form(ModalScreen[str | None]):
    """What every form shares. Dismisses with what :meth:`save` was told, None on esc."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        # Not priority=True: see the module docstring.
        Binding("ctrl+s", "submit", "Save", id="form.save"),
    ]
    FORM_ID: ClassVar[str] = "form"  # the dialog's id (styles and tests find it by it)
    # "rows": label and field on one line; "stacked": the label above, in a scrolled box
    LAYOUT: ClassVar[Literal["rows", "stacked"]] = "stacked"
    COMPACT: ClassVar[bool] = False  # compact widgets (the long feature form)

    def heading(self) -> str:
        """The dialog's title line."""
        return ""

    def fields(self) -> list[Field]:
        """The form's fields, in order (the first one has the focus)."""
        return []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id=self.FORM_ID):
            yield Label(Text(self.heading()), classes="dialog--title")
            yield from self.compose_fields()
            yield Static("", id="form-error", classes="dialog--error")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=self.COMPACT)
                yield Button("Cancel (esc)", id="cancel", compact=self.COMPACT)

    def compose_fields(self) -> ComposeResult:
        """The fields from :meth:`fields`; a form with other widgets overrides this."""
        fields = self.fields()
        if self.LAYOUT == "rows":
            for field in fields:
                yield from field_row(field.label, self.widget(field))
            return
        with VerticalScroll(classes="form-fields"):
            for field in fields:
                yield Label(Text(field.label))
                yield self.widget(field)

    def widget(self, field: Field) -> Widget:
        if field.options:
            return Select(
                field.options,
                value=field.value,
                allow_blank=False,
                id=field.id,
                compact=self.COMPACT,
            )
        return Input(
            str(field.value), id=field.id, placeholder=field.placeholder, compact=self.COMPACT
        )

    def on_mount(self) -> None:
        fields = self.fields()
        if fields:
            self.query_one(f"#{fields[0].id}").focus()

    # ----------------------------------------------------------------- values
    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def choice(self, field: str) -> Any:
        return self.query_one(f"#{field}", Select).value

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))

    def save(
        self,
        label: str,
        change: Callable[[Project], Any],
        dismiss_with: Callable[[Any], str | None] = lambda result: result,
    ) -> bool:
        """Apply ``change`` through the app's undoable edit and close the form with
        ``dismiss_with(what change returned)``; on a KanoError the form stays open with the
        error shown, and False is returned."""
        try:
            result = self.app.edit(label, change)  # type: ignore[attr-defined]
        except KanoError as error:
            self.show_error(str(error))
            return False
        self.dismiss(dismiss_with(result))
        return True

    # ----------------------------------------------------------------- actions
    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def _save_asked(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        """Read the fields and :meth:`save` (each form its own)."""
        raise NotImplementedError

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
