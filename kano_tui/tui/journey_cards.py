"""The Journey screen's stage columns and touchpoint cards.

A card shows the touchpoint's name, channel, emotion, evidence, pain points (``-``),
opportunities (``+``) and linked features with their category; a compact card (the
compact mode, the default when the stages do not fit side by side, as at 80x24) shows the
name and the emotion only: the selected card's details are in the panel below the board.
The selected card is marked with ``▶`` (and a heavy border or bar), never by colour alone.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from kano_tui.engine.customers.journey import EMOTION_LABELS, StageView, TouchpointView
from kano_tui.tui.colours import category_style

COMPACT_MIN_COLUMN = 14  # compact mode: a stage column is at least this wide
EMOTION_VARIABLES = {-2: "error", -1: "error", 0: "foreground", 1: "success", 2: "success"}


def emotion_styles(app: object) -> dict[int, Style]:
    """Each emotion's Rich style in the current theme (no colour names in code)."""
    variables = app.get_css_variables()  # type: ignore[attr-defined]
    styles = {}
    for emotion, variable in EMOTION_VARIABLES.items():
        colour = variables.get(variable)
        styles[emotion] = Style(color=colour, bold=abs(emotion) == 2) if colour else Style()
    return styles


class TouchpointCard(Static):
    """One touchpoint: name, channel, emotion, evidence, pains, opportunities, features."""

    def __init__(
        self, view: TouchpointView, emotion: int | None, width: int, compact: bool = False
    ) -> None:
        super().__init__(classes="touchpoint-card -compact" if compact else "touchpoint-card")
        self.view = view
        self.touchpoint_id = view.touchpoint.id
        self.emotion = emotion
        self.compact = compact
        self.styles.width = width

    def on_mount(self) -> None:
        self.update(self.card_text())

    def card_text(self) -> Text:
        point = self.view.touchpoint
        selected = self.has_class("-selected")
        text = Text(no_wrap=False, overflow="fold")
        text.append("▶ " if selected else "", style="bold")
        text.append(point.name, style="bold")
        head = [point.channel] if point.channel else []
        emotion = self.emotion
        text.append("\n")
        if self.compact:
            text.append(self._emotion_text())
            return text
        if head:
            text.append(f"{head[0]} · ", style="dim")
        if emotion is None:
            text.append("· not set", style="dim")
        else:
            text.append(
                f"{emotion:+d} {EMOTION_LABELS[emotion]}", style=emotion_styles(self.app)[emotion]
            )
        text.append(f" · {point.evidence}", style="dim")
        for pain in point.pain_points:
            text.append("\n- ", style="bold").append(pain)
        for opportunity in point.opportunities:
            text.append("\n+ ", style="bold").append(opportunity)
        for feature in self.view.features:
            text.append("\n")
            text.append(feature.category or "–", style=category_style(self.app, feature.category))
            text.append(" ").append(feature.name)
        return text

    def _emotion_text(self) -> Text:
        if self.emotion is None:
            return Text("· not set", style="dim")
        return Text(
            f"{self.emotion:+d} {EMOTION_LABELS[self.emotion]}",
            style=emotion_styles(self.app)[self.emotion],
        )

    def select(self, selected: bool) -> None:
        self.set_class(selected, "-selected")
        self.update(self.card_text())

    def on_click(self, event: events.Click) -> None:
        select = getattr(self.screen, "select_touchpoint", None)  # the Journey screen
        if select is not None:
            select(self.touchpoint_id)


def head_room(width: int) -> int:
    return max(width - 2, 4)  # a stage head has one cell of padding each side


def stage_name(number: int, name: str, selected: bool = False) -> Text:
    text = Text(f"{number} ", style="dim")
    return text.append(name, style=Style(bold=True, reverse=selected))


def name_lines(console: object, names: list[str], width: int, most: int = 3) -> int:
    """How many lines the stage heads need for their names at ``width`` (at most ``most``)."""
    needed = [
        len(stage_name(i, name).wrap(console, head_room(width), overflow="fold"))  # type: ignore[arg-type]
        for i, name in enumerate(names, start=1)
    ]
    return min(max(needed, default=1), most)


class StageColumn(Vertical):
    """A stage: its head (name, health) and its cards, scrolling vertically."""

    def __init__(
        self,
        view: StageView,
        number: int,
        width: int,
        emotions: dict[str, int | None],
        compact: bool = False,
        name_lines: int = 1,
    ) -> None:
        super().__init__(classes="stage-column -compact" if compact else "stage-column")
        self.view, self.number, self.width_cells, self.emotions = view, number, width, emotions
        self.compact, self.name_lines = compact, name_lines
        self.stage_id = view.stage.id
        self.styles.width = width

    def compose(self) -> ComposeResult:
        head = Static(self.head_text(False), classes="stage-head")
        head.styles.height = self.name_lines + 1
        yield head
        with VerticalScroll(classes="stage-cards", can_focus=False):
            for view in self.view.touchpoints:
                yield TouchpointCard(
                    view, self.emotions.get(view.touchpoint.id), self.width_cells - 1, self.compact
                )
            if not self.view.touchpoints:
                empty = (
                    "no touch-\npoints yet:\na adds one"
                    if self.compact
                    else "no touchpoints\npress a to add one"
                )
                yield Static(Text(empty, style="dim"), classes="stage-empty")

    def head_text(self, selected: bool) -> Text:
        health = self.view.health
        inner = head_room(self.width_cells)
        # The number (to find the stage on the curve) is always kept; the name wraps onto
        # the lines the board gives every head (the most any stage needs, up to 3), and
        # is shortened only when even that is too little.
        name = stage_name(self.number, self.view.stage.name, selected)
        wrapped = list(name.wrap(self.app.console, inner, overflow="fold"))
        if len(wrapped) > self.name_lines:
            name.truncate(inner * self.name_lines - 1, overflow="ellipsis")
            wrapped = list(name.wrap(self.app.console, inner, overflow="fold"))
        wrapped = wrapped[: self.name_lines]
        name = Text("\n").join(wrapped + [Text("")] * (self.name_lines - len(wrapped)))
        status = (
            Text("✓ healthy", style="dim") if health.ok else Text(f"! {health.label}", style="bold")
        )
        mean = "" if health.mean_emotion is None else f"  ø {health.mean_emotion:+.1f}"
        if status.cell_len + len(mean) <= inner:  # the mean is left out rather than cut
            status.append(mean, style="dim")
        status.truncate(inner, overflow="ellipsis")
        return Text("\n").join([name, status])

    def select(self, selected: bool) -> None:
        self.set_class(selected, "-selected")
        for head in self.query(".stage-head").results(Static):
            head.update(self.head_text(selected))
