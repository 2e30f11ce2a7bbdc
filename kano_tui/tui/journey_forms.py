"""Modal forms of the Journey and Advocacy screens: a touchpoint, its linked features, a
stage's name, what to do with a stage's touchpoints, a KPI period.

Like the feature form, each form checks only what the widgets cannot (nothing, mostly):
the engine's editing functions check the values and their one-sentence error is shown in
the form, which stays open. A form that saves goes through ``KanoApp.edit``, so every
change can be undone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from kano_tui.engine.customers.advocacy import KPI_COUNTS, KPI_LABELS, add_kpi_period, edit_kpi_period
from kano_tui.engine.customers.journey import (
    EMOTION_LABELS,
    add_touchpoint,
    edit_touchpoint,
    set_persona_emotion,
)
from kano_tui.engine.project.model import EVIDENCE_LEVELS, KpiPeriod, Project, Touchpoint
from kano_tui.errors import KanoError
from kano_tui.tui.widgets.tick_list import TickList

SEPARATOR = ";"  # pain points and opportunities are typed on one line, separated by ;
NOT_SET = "unset"


def emotion_options() -> list[tuple[Text, int]]:
    return [(Text(f"{value:+d} {label}"), value) for value, label in
            sorted(EMOTION_LABELS.items(), reverse=True)]


def split_items(text: str) -> list[str]:
    return [item.strip() for item in text.split(SEPARATOR) if item.strip()]


class _Form(ModalScreen[str | None]):
    """What every form shares: esc cancels, ctrl+s saves, errors shown inline."""

    DEFAULT_CSS = """
    _Form > .dialog { width: 72; }
    _Form .form-fields { height: auto; max-height: 60vh; }
    _Form SelectionList { height: auto; max-height: 60vh; }
    _Form .form-hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="journey-form.cancel"),
        Binding("ctrl+s", "submit", "Save", priority=True, id="journey-form.save"),
    ]

    def buttons(self) -> ComposeResult:
        yield Static("", id="form-error", classes="dialog--error")
        with Horizontal(classes="dialog--buttons"):
            yield Button("Save (ctrl+s)", id="save", variant="primary")
            yield Button("Cancel (esc)", id="cancel")

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def choice(self, field: str) -> Any:
        return self.query_one(f"#{field}", Select).value

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))

    def save(self, label: str, change: Callable[[Project], Any]) -> Any:
        """Apply ``change`` through the app's undoable edit; None (form kept) on error."""
        try:
            return self.app.edit(label, change)  # type: ignore[attr-defined]
        except KanoError as error:
            self.show_error(str(error))
            return None

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_submit()

    @on(Input.Submitted)
    def _input_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TouchpointForm(_Form):
    """Add or edit a touchpoint (and each persona's emotion at it); dismisses with its id."""

    def __init__(self, project: Project, touchpoint: Touchpoint | None, stage: str) -> None:
        super().__init__()
        self.project, self.touchpoint, self.stage = project, touchpoint, stage

    def compose(self) -> ComposeResult:
        point = self.touchpoint
        title = f"Edit touchpoint {point.name}" if point else "Add a touchpoint"
        stages = [(Text(stage.name), stage.id) for stage in self.project.stages]
        with Vertical(classes="dialog", id="touchpoint-form"):
            yield Label(Text(title), classes="dialog--title")
            with VerticalScroll(classes="form-fields"):
                yield Label("Name")
                yield Input(point.name if point else "", id="name",
                            placeholder="e.g. First support ticket")
                yield Label("Stage")
                yield Select(stages, value=point.stage if point else self.stage,
                             allow_blank=False, id="stage")
                yield Label("Emotion")
                yield Select(emotion_options(), value=point.emotion if point else 0,
                             allow_blank=False, id="emotion")
                yield Label("Channel")
                yield Input(point.channel if point else "", id="channel",
                            placeholder="web, email, phone, store...")
                yield Label("Description")
                yield Input(point.description if point else "", id="description")
                yield Label(f"Pain points (separate with {SEPARATOR})")
                yield Input(f"{SEPARATOR} ".join(point.pain_points) if point else "",
                            id="pain_points")
                yield Label(f"Opportunities (separate with {SEPARATOR})")
                yield Input(f"{SEPARATOR} ".join(point.opportunities) if point else "",
                            id="opportunities")
                yield Label("Evidence")
                yield Select([(Text(level), level) for level in EVIDENCE_LEVELS],
                             value=point.evidence if point else EVIDENCE_LEVELS[0],
                             allow_blank=False, id="evidence")
                for index, persona in enumerate(self.project.personas):
                    yield Label(Text(f"Emotion of persona {persona.name}"))
                    current = persona.emotions.get(point.id, NOT_SET) if point else NOT_SET
                    options = [(Text("(not set)"), NOT_SET), *emotion_options()]
                    yield Select(options, value=current, allow_blank=False,
                                 id=f"persona-{index}")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def action_submit(self) -> None:
        values: dict[str, Any] = {
            "name": self.value("name"), "channel": self.value("channel"),
            "description": self.value("description"), "emotion": self.choice("emotion"),
            "pain_points": split_items(self.value("pain_points")),
            "opportunities": split_items(self.value("opportunities")),
            "evidence": self.choice("evidence"),
        }
        stage = self.choice("stage")
        personas = {persona.id: self.choice(f"persona-{i}")
                    for i, persona in enumerate(self.project.personas)}
        existing = self.touchpoint.id if self.touchpoint else None

        def change(project: Project) -> str:
            if existing is None:
                point = add_touchpoint(project, stage, values.pop("name"), **values)
            else:
                point = edit_touchpoint(project, existing, stage=stage, **values)
            for persona_id, emotion in personas.items():
                set_persona_emotion(project, persona_id, point.id,
                                    None if emotion == NOT_SET else emotion)
            return point.id

        name = values["name"].strip() or (existing or "")
        label = f"Edit touchpoint {name}" if existing else f"Add touchpoint {name}"
        touchpoint_id = self.save(label, change)
        if touchpoint_id is not None:
            self.dismiss(touchpoint_id)


class FeatureLinkForm(_Form):
    """Tick the features linked to a touchpoint (space toggles); dismisses with its id."""

    def __init__(self, project: Project, touchpoint: Touchpoint,
                 categories: Mapping[str, str | None]) -> None:
        super().__init__()
        self.project, self.touchpoint, self.categories = project, touchpoint, categories

    def compose(self) -> ComposeResult:
        linked = set(self.touchpoint.features)
        options = []
        for feature in self.project.features:
            letter = self.categories.get(feature.id) or "–"
            options.append((Text(f"{letter} {feature.name}"), feature.id, feature.id in linked))
        with Vertical(classes="dialog", id="link-form"):
            yield Label(Text(f"Features linked to {self.touchpoint.name}"),
                        classes="dialog--title")
            if not options:
                yield Label("The project has no features yet (add them on screen 1).")
            yield TickList(*options, id="features")
            yield Label("space ticks or unticks a feature; ctrl+s saves", classes="form-hint")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#features", SelectionList).focus()

    def action_submit(self) -> None:
        chosen = list(self.query_one("#features", SelectionList).selected)
        key = self.touchpoint.id
        if self.save(f"Link features to {self.touchpoint.name}",
                     lambda project: edit_touchpoint(project, key, features=chosen)) is not None:
            self.dismiss(key)


class NameForm(_Form):
    """Ask for a name (a new stage, a stage's new name); ``apply`` makes the change and
    returns the label of the edit; dismisses with the name."""

    def __init__(self, title: str, value: str, apply: Callable[[Project, str], Any],
                 label: str) -> None:
        super().__init__()
        self.title_text, self.initial, self.apply, self.edit_label = title, value, apply, label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="name-form"):
            yield Label(Text(self.title_text), classes="dialog--title")
            yield Input(self.initial, id="name")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def action_submit(self) -> None:
        name = self.value("name")
        if self.save(f"{self.edit_label} {name.strip()}",
                     lambda project: self.apply(project, name) or True) is not None:
            self.dismiss(name.strip())


class StageRemovalScreen(ModalScreen[str | None]):
    """A stage with touchpoints: move them to a neighbour ("move"), delete them with the
    stage ("delete"), or cancel (None)."""

    BINDINGS = [
        Binding("m", "choose('move')", "Move them", id="stage-removal.move"),
        Binding("d", "choose('delete')", "Delete them", id="stage-removal.delete"),
        Binding("escape,c", "choose(None)", "Cancel", id="stage-removal.cancel"),
    ]

    def __init__(self, stage: str, touchpoints: int, neighbour: str | None) -> None:
        super().__init__()
        self.stage, self.touchpoints, self.neighbour = stage, touchpoints, neighbour

    def compose(self) -> ComposeResult:
        plural = "touchpoint" if self.touchpoints == 1 else "touchpoints"
        with Vertical(classes="dialog"):
            yield Label(Text(f"The stage {self.stage!r} still has {self.touchpoints} {plural}. "
                             "Remove the stage and..."), classes="dialog--question")
            with Horizontal(classes="dialog--buttons"):
                if self.neighbour is not None:
                    yield Button(Text(f"Move them to {self.neighbour} (m)"), id="move",
                                 variant="primary")
                yield Button("Delete them (d)", id="delete", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(None if event.button.id == "cancel" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        if choice == "move" and self.neighbour is None:
            return
        self.dismiss(choice)


class KpiForm(_Form):
    """Add or edit a KPI period; dismisses with its label."""

    FIELDS: tuple[tuple[str, str], ...] = (
        ("label", "Label (e.g. 2026 H1)"),
        ("start", "First day (ISO date, e.g. 2026-01-01)"),
        ("end", "Last day (ISO date)"),
        *((name, KPI_LABELS[name][0].upper() + KPI_LABELS[name][1:]) for name in KPI_COUNTS),
        ("referral_definition", "What counts as a referral"),
    )

    def __init__(self, period: KpiPeriod | None) -> None:
        super().__init__()
        self.period = period

    def compose(self) -> ComposeResult:
        period = self.period or KpiPeriod(label="")
        title = f"Edit KPI period {period.label}" if self.period else "Add a KPI period"
        with Vertical(classes="dialog", id="kpi-form"):
            yield Label(Text(title), classes="dialog--title")
            with VerticalScroll(classes="form-fields"):
                for name, label in self.FIELDS:
                    yield Label(label)
                    yield Input(str(getattr(period, name)), id=name)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#label", Input).focus()

    def action_submit(self) -> None:
        values = {name: self.value(name) for name, _ in self.FIELDS}
        existing = self.period.label if self.period else None

        def change(project: Project) -> str:
            if existing is None:
                return add_kpi_period(project, values.pop("label"), **values).label
            return edit_kpi_period(project, existing, **values).label

        label = values["label"].strip()
        saved = self.save(f"{'Edit' if existing else 'Add'} KPI period {label}", change)
        if saved is not None:
            self.dismiss(saved)
