"""Modal forms of the Journey and Advocacy screens: a touchpoint, its linked features, a
stage's name, what to do with a stage's touchpoints, a KPI period.

Each form is a :class:`kano_tui.tui.forms.Form`, like the feature form: fields declared as
data, esc cancels, ctrl+s saves (after every character typed before it), the engine's
one-sentence error shown in the form, saving through the undoable ``KanoApp.edit``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList

from kano_tui.engine.customers.advocacy import (
    KPI_COUNTS,
    KPI_LABELS,
    add_kpi_period,
    edit_kpi_period,
)
from kano_tui.engine.customers.journey import (
    EMOTION_LABELS,
    add_touchpoint,
    edit_touchpoint,
    set_persona_emotion,
)
from kano_tui.engine.project.model import EVIDENCE_LEVELS, KpiPeriod, Project, Touchpoint
from kano_tui.tui.forms import Field, Form
from kano_tui.tui.widgets.tick_list import TickList

SEPARATOR = ";"  # pain points and opportunities are typed on one line, separated by ;
NOT_SET = "unset"


def emotion_options() -> list[tuple[Text, int]]:
    return [
        (Text(f"{value:+d} {label}"), value)
        for value, label in sorted(EMOTION_LABELS.items(), reverse=True)
    ]


def split_items(text: str) -> list[str]:
    return [item.strip() for item in text.split(SEPARATOR) if item.strip()]


class JourneyForm(Form):
    """A form of the Journey and Advocacy screens: labels above the fields."""

    DEFAULT_CSS = """
    JourneyForm > .dialog { width: 72; }
    JourneyForm .form-fields { height: auto; max-height: 60vh; }
    JourneyForm SelectionList { height: auto; max-height: 60vh; }
    JourneyForm .form-hint { color: $text-muted; }
    """


class TouchpointForm(JourneyForm):
    """Add or edit a touchpoint (and each persona's emotion at it); dismisses with its id."""

    FORM_ID = "touchpoint-form"

    def __init__(self, project: Project, touchpoint: Touchpoint | None, stage: str) -> None:
        super().__init__()
        self.project, self.touchpoint, self.stage = project, touchpoint, stage

    def heading(self) -> str:
        return f"Edit touchpoint {self.touchpoint.name}" if self.touchpoint else "Add a touchpoint"

    def fields(self) -> list[Field]:
        point = self.touchpoint
        stages = [(Text(stage.name), stage.id) for stage in self.project.stages]
        personas = [
            Field(
                f"persona-{index}",
                f"Emotion of persona {persona.name}",
                persona.emotions.get(point.id, NOT_SET) if point else NOT_SET,
                options=[(Text("(not set)"), NOT_SET), *emotion_options()],
            )
            for index, persona in enumerate(self.project.personas)
        ]
        return [
            Field(
                "name", "Name", point.name if point else "", placeholder="e.g. First support ticket"
            ),
            Field("stage", "Stage", point.stage if point else self.stage, options=stages),
            Field("emotion", "Emotion", point.emotion if point else 0, options=emotion_options()),
            Field(
                "channel",
                "Channel",
                point.channel if point else "",
                placeholder="web, email, phone, store...",
            ),
            Field("description", "Description", point.description if point else ""),
            Field(
                "pain_points",
                f"Pain points (separate with {SEPARATOR})",
                f"{SEPARATOR} ".join(point.pain_points) if point else "",
            ),
            Field(
                "opportunities",
                f"Opportunities (separate with {SEPARATOR})",
                f"{SEPARATOR} ".join(point.opportunities) if point else "",
            ),
            Field(
                "evidence",
                "Evidence",
                point.evidence if point else EVIDENCE_LEVELS[0],
                options=[(Text(level), level) for level in EVIDENCE_LEVELS],
            ),
            *personas,
        ]

    def action_submit(self) -> None:
        values: dict[str, Any] = {
            "name": self.value("name"),
            "channel": self.value("channel"),
            "description": self.value("description"),
            "emotion": self.choice("emotion"),
            "pain_points": split_items(self.value("pain_points")),
            "opportunities": split_items(self.value("opportunities")),
            "evidence": self.choice("evidence"),
        }
        stage = self.choice("stage")
        personas = {
            persona.id: self.choice(f"persona-{i}")
            for i, persona in enumerate(self.project.personas)
        }
        existing = self.touchpoint.id if self.touchpoint else None

        def change(project: Project) -> str:
            if existing is None:
                point = add_touchpoint(project, stage, values.pop("name"), **values)
            else:
                point = edit_touchpoint(project, existing, stage=stage, **values)
            for persona_id, emotion in personas.items():
                set_persona_emotion(
                    project, persona_id, point.id, None if emotion == NOT_SET else emotion
                )
            return point.id

        name = values["name"].strip() or (existing or "")
        self.save(f"Edit touchpoint {name}" if existing else f"Add touchpoint {name}", change)


class FeatureLinkForm(JourneyForm):
    """Tick the features linked to a touchpoint (space toggles); dismisses with its id."""

    FORM_ID = "link-form"

    def __init__(
        self, project: Project, touchpoint: Touchpoint, categories: Mapping[str, str | None]
    ) -> None:
        super().__init__()
        self.project, self.touchpoint, self.categories = project, touchpoint, categories

    def heading(self) -> str:
        return f"Features linked to {self.touchpoint.name}"

    def compose_fields(self) -> ComposeResult:
        linked = set(self.touchpoint.features)
        options = []
        for feature in self.project.features:
            letter = self.categories.get(feature.id) or "–"
            options.append((Text(f"{letter} {feature.name}"), feature.id, feature.id in linked))
        if not options:
            yield Label("The project has no features yet (add them on screen 1).")
        yield TickList(*options, id="features")
        yield Label("space ticks or unticks a feature; ctrl+s saves", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#features", SelectionList).focus()

    def action_submit(self) -> None:
        chosen = list(self.query_one("#features", SelectionList).selected)
        key = self.touchpoint.id
        self.save(
            f"Link features to {self.touchpoint.name}",
            lambda project: edit_touchpoint(project, key, features=chosen),
            dismiss_with=lambda _: key,
        )


class NameForm(JourneyForm):
    """Ask for a name (a new stage, a stage's new name); ``apply`` makes the change;
    dismisses with the name."""

    FORM_ID = "name-form"

    def __init__(
        self, title: str, value: str, apply: Callable[[Project, str], Any], label: str
    ) -> None:
        super().__init__()
        self.title_text, self.initial, self.apply, self.edit_label = title, value, apply, label

    def heading(self) -> str:
        return self.title_text

    def fields(self) -> list[Field]:
        return [Field("name", "Name", self.initial)]

    def compose_fields(self) -> ComposeResult:
        yield Input(self.initial, id="name")  # one field: no label, no scrolled box

    def action_submit(self) -> None:
        name = self.value("name")
        self.save(
            f"{self.edit_label} {name.strip()}",
            lambda project: self.apply(project, name),
            dismiss_with=lambda _: name.strip(),
        )


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
            yield Label(
                Text(
                    f"The stage {self.stage!r} still has {self.touchpoints} {plural}. "
                    "Remove the stage and..."
                ),
                classes="dialog--question",
            )
            with Horizontal(classes="dialog--buttons"):
                if self.neighbour is not None:
                    yield Button(
                        Text(f"Move them to {self.neighbour} (m)"), id="move", variant="primary"
                    )
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


class KpiForm(JourneyForm):
    """Add or edit a KPI period; dismisses with its label."""

    FORM_ID = "kpi-form"
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

    def heading(self) -> str:
        return f"Edit KPI period {self.period.label}" if self.period else "Add a KPI period"

    def fields(self) -> list[Field]:
        period = self.period or KpiPeriod(label="")
        return [Field(name, label, str(getattr(period, name))) for name, label in self.FIELDS]

    def action_submit(self) -> None:
        values = {name: self.value(name) for name, _ in self.FIELDS}
        existing = self.period.label if self.period else None

        def change(project: Project) -> str:
            if existing is None:
                return add_kpi_period(project, values.pop("label"), **values).label
            return edit_kpi_period(project, existing, **values).label

        label = values["label"].strip()
        self.save(f"{'Edit' if existing else 'Add'} KPI period {label}", change)
