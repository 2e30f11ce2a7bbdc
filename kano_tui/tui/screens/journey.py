"""The Journey screen (key 4): the customer journey map.

Stages are columns, touchpoints are cards; the emotion curve runs across the whole board
above them, one point per touchpoint at its card's column, so it scrolls with the columns
(the board scrolls sideways when the stages do not fit; compact cards, ``v``, the default
then, show every stage side by side at 80x24). Each card shows the
touchpoint's channel, emotion, evidence, pain points (``-``), opportunities (``+``) and
linked features with their Kano category badge; each column's head shows the stage's
health. The selected card is drawn with a heavy border and a ``▶``, and its point on the
curve with ``◉``, so nothing depends on colour (NO_COLOR).

The map and its health come from ``kano_tui.engine.customers.journey`` (the screen only draws); the
feature categories from an analysis run in a worker. Every edit goes through
``KanoApp.edit``, so ctrl+z undoes it and ctrl+s saves it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalScroll, Vertical
from textual.widget import Widget
from textual.widgets import Static

from kano_tui.engine.customers.journey import (
    JourneyMap,
    StageView,
    TouchpointView,
    adjacent_stage,
    journey_map,
    move_stage,
    remove_stage,
    remove_touchpoint,
    shift_touchpoint,
    stage_touchpoints,
)
from kano_tui.tui.base import KanoScreen
from kano_tui.tui.colours import category_style
from kano_tui.tui.journey_cards import (
    COMPACT_MIN_COLUMN,
    StageColumn,
    TouchpointCard,
    emotion_styles,
    name_lines,
)

if TYPE_CHECKING:
    from kano_tui.engine.project.model import Persona

MIN_COLUMN = 23  # a stage column never gets narrower than this (then the board scrolls)
CURVE_ROWS = 5  # +2 .. -2
GUTTER = 3  # the "+2" labels left of the curve


@dataclass(frozen=True)
class JourneyAnalysed:
    """The map with categories and health, from the analysis worker."""

    journey: JourneyMap
    categories: dict[str, str | None]


# --------------------------------------------------------------------------- widgets


class EmotionCurve(Widget):
    """The emotion at each touchpoint, across the board: ``●`` points joined by ``·``."""

    DEFAULT_CSS = """
    EmotionCurve { height: 5; width: auto; }
    """

    def __init__(self) -> None:
        super().__init__(id="journey-curve")
        self.points: list[tuple[int, int | None, bool]] = []  # (x, emotion, selected)
        self.boundaries: list[int] = []
        self.board_width = 0

    def show(
        self, points: list[tuple[int, int | None, bool]], boundaries: list[int], width: int
    ) -> None:
        self.points, self.boundaries, self.board_width = points, boundaries, width
        self.styles.width = width
        self.refresh(layout=True)

    def render(self) -> Text:
        width = max(self.board_width, 1)
        rows = [[" "] * width for _ in range(CURVE_ROWS)]
        for x in self.boundaries:
            if 0 < x < width:
                for row in rows:
                    row[x] = "┊"
        known = [(x, e) for x, e, _ in self.points if e is not None]
        for (x1, e1), (x2, e2) in itertools.pairwise(known):
            for x in range(x1 + 1, x2):
                level = e1 + (e2 - e1) * (x - x1) / (x2 - x1)
                rows[2 - round(level)][x] = "·"
        styles = emotion_styles(self.app)
        marks: dict[tuple[int, int], tuple[str, Style]] = {}
        for x, emotion, selected in self.points:
            if emotion is not None and 0 <= x < width:
                style = styles[emotion] + Style(reverse=selected)
                marks[(2 - emotion, x)] = ("◉" if selected else "●", style)
        text = Text(no_wrap=True, overflow="crop")
        for r, row in enumerate(rows):
            for x, char in enumerate(row):
                if (r, x) in marks:
                    mark, style = marks[(r, x)]
                    text.append(mark, style=style)
                else:
                    text.append(char, style="dim")
            if r < CURVE_ROWS - 1:
                text.append("\n")
        return text


# --------------------------------------------------------------------------- the screen


class JourneyScreen(KanoScreen):
    """The journey map: stages as columns, touchpoints as cards, the emotion curve."""

    DEFAULT_CSS = """
    #journey-status { height: 1; padding: 0 1; color: $text-muted; }
    #journey-main { height: 1fr; }
    #journey-gutter { width: 3; height: 5; color: $text-muted; }
    #journey-scroll { height: 1fr; width: 1fr; }
    #journey-board { width: auto; height: 1fr; }
    #journey-columns { width: auto; height: 1fr; }
    .stage-column { height: 1fr; }
    .stage-head { height: 2; padding: 0 1; background: $panel; }
    .stage-column.-selected .stage-head { background: $primary-muted; }
    .stage-cards { height: 1fr; scrollbar-size-vertical: 1; }
    .stage-empty { padding: 1 1; }
    .touchpoint-card { height: auto; border: round $panel-lighten-2; padding: 0 1; }
    .touchpoint-card.-selected { border: heavy $accent; }
    .touchpoint-card.-compact { border: none; border-left: outer $panel-lighten-2;
                                padding: 0 0 0 1; margin-bottom: 1; }
    .touchpoint-card.-compact.-selected { border: none; border-left: thick $accent;
                                          text-style: bold; }
    #journey-detail { height: 5; padding: 0 1; border-top: solid $panel-lighten-2; }
    """

    BINDINGS = [
        Binding("left,h", "stage(-1)", "Stage ←", show=False, id="journey.left"),
        Binding("right,l", "stage(1)", "Stage →", show=False, id="journey.right"),
        Binding("up,k", "card(-1)", "Previous touchpoint", show=False, id="journey.up"),
        Binding("down,j", "card(1)", "Next touchpoint", show=False, id="journey.down"),
        Binding("a", "add", "Add", id="journey.add"),
        Binding("e,enter", "edit", "Edit", id="journey.edit"),
        Binding("d,delete", "delete", "Delete", id="journey.delete"),
        Binding("f", "link", "Features", id="journey.link"),
        Binding("H,shift+left", "move_stage_of_card(-1)", "Move ←", id="journey.move_left"),
        Binding("L,shift+right", "move_stage_of_card(1)", "Move →", id="journey.move_right"),
        Binding("K,shift+up", "reorder(-1)", "Move up", show=False, id="journey.move_up"),
        Binding("J,shift+down", "reorder(1)", "Move down", show=False, id="journey.move_down"),
        Binding("p", "persona", "Persona", id="journey.persona"),
        Binding("v", "toggle_compact", "Compact", id="journey.compact"),
        Binding("s", "add_stage", "Add stage", show=False, id="journey.add_stage"),
        Binding("r", "rename_stage", "Rename stage", show=False, id="journey.rename_stage"),
        Binding(
            "less_than_sign",
            "shift_stage(-1)",
            "Stage earlier",
            show=False,
            id="journey.stage_earlier",
        ),
        Binding(
            "greater_than_sign",
            "shift_stage(1)",
            "Stage later",
            show=False,
            id="journey.stage_later",
        ),
        Binding("x", "remove_stage", "Remove stage", show=False, id="journey.remove_stage"),
    ]
    PALETTE_COMMANDS: ClassVar[list[tuple[str, str, str]]] = [
        ("Add touchpoint", "add", "Add a touchpoint to the selected stage"),
        ("Edit touchpoint", "edit", "Edit the selected touchpoint"),
        ("Delete touchpoint", "delete", "Delete the selected touchpoint (asks first)"),
        ("Link features", "link", "Tick the features linked to the selected touchpoint"),
        ("Move touchpoint to the previous stage", "move_stage_of_card(-1)", "Shift+left"),
        ("Move touchpoint to the next stage", "move_stage_of_card(1)", "Shift+right"),
        ("Show the next persona's emotion curve", "persona", "Cycle shared, then personas"),
        (
            "Compact cards",
            "toggle_compact",
            "Name and emotion only, every stage side by side (the default when they do not fit)",
        ),
        ("Add stage", "add_stage", "Add a stage after the selected one"),
        ("Rename stage", "rename_stage", "Rename the selected stage"),
        ("Move stage earlier", "shift_stage(-1)", "Swap with the stage before it"),
        ("Move stage later", "shift_stage(1)", "Swap with the stage after it"),
        ("Remove stage", "remove_stage", "Remove the selected stage (asks about touchpoints)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.journey: JourneyMap | None = None
        self.categories: dict[str, str | None] = {}  # every feature's, from the analysis
        self.analysed_revision = -1
        self.stage_index = 0
        self.selected_id: str | None = None
        self.persona_index = -1  # -1: the shared curve
        self.column_width = MIN_COLUMN
        self.compact_choice: bool | None = None  # None: compact when the stages do not fit
        self._drawing = False
        self._redraw = False

    def compose_body(self) -> ComposeResult:
        yield Static(id="journey-status")
        with Horizontal(id="journey-main"):
            yield Static(Text("+2\n+1\n 0\n-1\n-2"), id="journey-gutter")
            with HorizontalScroll(id="journey-scroll", can_focus=False):
                with Vertical(id="journey-board"):
                    yield EmotionCurve()
                    yield Horizontal(id="journey-columns")
        yield Static(id="journey-detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "classifier", lambda _: self._analyse(), init=False)

    def project_changed(self, first: bool) -> None:
        # Draw at once from the model, with the last categories known; the analysis
        # worker then brings this revision's categories and the stage health from data.
        self.journey = journey_map(self.workspace.project, self.categories)
        self.call_later(self._draw)
        self._analyse()

    def on_resize(self, event: events.Resize) -> None:
        drawn_compact = bool(self.query(".stage-column.-compact"))
        if self.journey is not None and (
            self._column_width() != self.column_width or drawn_compact != self.compact
        ):
            self.call_later(self._draw)

    # ----------------------------------------------------------------- analysis
    def _analyse(self) -> None:
        revision = self.kano.revision
        self.run_in_thread(
            partial(self._analysis, self.kano.classifier),
            partial(self._analysed, revision=revision),
            group="journey-analysis",
            key=lambda: self.kano.revision,
        )

    def _analysis(self, classifier: str) -> JourneyAnalysed:
        from kano_tui.engine.customers.journey import journey_map_for

        analysis = self.workspace.analyze(classifier)
        journey = journey_map_for(self.workspace, analysis=analysis)
        categories = {result.id: result.category for result in analysis.results()}
        return JourneyAnalysed(journey, categories)

    async def _analysed(self, result: JourneyAnalysed, revision: int) -> None:
        self.journey, self.categories = result.journey, result.categories
        self.analysed_revision = revision
        await self._draw()

    # ----------------------------------------------------------------- drawing
    @property
    def persona(self) -> Persona | None:
        personas = self.workspace.project.personas
        return personas[self.persona_index] if 0 <= self.persona_index < len(personas) else None

    @property
    def compact(self) -> bool:
        """Compact cards: as chosen with ``v``, else when full columns would not fit."""
        if self.compact_choice is not None:
            return self.compact_choice
        stages = max(len(self.workspace.project.stages), 1)
        return self.size.width - GUTTER - 1 < stages * MIN_COLUMN

    def _column_width(self) -> int:
        stages = max(len(self.workspace.project.stages), 1)
        narrowest = COMPACT_MIN_COLUMN if self.compact else MIN_COLUMN
        available = max(self.size.width - GUTTER - 1, narrowest)
        return max(narrowest, available // stages)

    def action_toggle_compact(self) -> None:
        self.compact_choice = not self.compact
        self.call_later(self._draw)

    async def _draw(self) -> None:
        """Rebuild the board; draws never overlap (an edit during a draw redraws after)."""
        if self._drawing:
            self._redraw = True
            return
        self._drawing = True
        try:
            self._redraw = True
            while self._redraw:
                self._redraw = False
                await self._draw_board()
        finally:
            self._drawing = False

    async def _draw_board(self) -> None:
        journey = self.journey
        if journey is None or not self.is_mounted:
            return
        self.column_width = width = self._column_width()
        self.stage_index = min(self.stage_index, max(len(journey.stages) - 1, 0))
        ids = [view.touchpoint.id for view in journey.touchpoints()]
        if self.selected_id not in ids:
            stage = journey.stages[self.stage_index] if journey.stages else None
            self.selected_id = (
                stage.touchpoints[0].touchpoint.id if stage and stage.touchpoints else None
            )
        emotions = dict(zip(ids, journey.curve(self.persona), strict=True))
        columns = self.query_one("#journey-columns", Horizontal)
        await columns.remove_children()
        compact = self.compact
        lines = name_lines(
            self.app.console,
            [v.stage.name for v in journey.stages],
            width,
            most=3 if compact else 2,
        )
        await columns.mount_all(
            StageColumn(view, number, width, emotions, compact, lines)
            for number, view in enumerate(journey.stages, start=1)
        )
        self._show_selection()

    def _curve_points(self) -> tuple[list[tuple[int, int | None, bool]], list[int]]:
        assert self.journey is not None
        curve = iter(self.journey.curve(self.persona))  # touchpoints in journey order
        points, boundaries = [], []
        for index, stage in enumerate(self.journey.stages):
            left = index * self.column_width
            boundaries.append(left)
            count = len(stage.touchpoints)
            for j, view in enumerate(stage.touchpoints):
                x = left + int((j + 0.5) * self.column_width / count)
                points.append((x, next(curve), view.touchpoint.id == self.selected_id))
        return points, boundaries

    def _show_selection(self) -> None:
        journey = self.journey
        if journey is None:
            return
        if journey.stages:
            selected_stage = journey.stages[self.stage_index].stage.id
        else:
            selected_stage = None
        for column in self.query(StageColumn):
            column.select(column.stage_id == selected_stage)
        for card in self.query(TouchpointCard):
            selected = card.touchpoint_id == self.selected_id
            if selected != card.has_class("-selected"):
                card.select(selected)
            if selected:
                card.scroll_visible(animate=False)
        for column in self.query(StageColumn):
            if column.stage_id == selected_stage:
                column.scroll_visible(animate=False)
        points, boundaries = self._curve_points()
        self.query_one(EmotionCurve).show(
            points, boundaries, self.column_width * len(journey.stages)
        )
        self._show_status()
        self._show_detail()

    def _show_status(self) -> None:
        assert self.journey is not None
        journey = self.journey
        persona = self.persona
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{len(journey.stages)} stages · {len(journey.touchpoints())} touchpoints")
        issues = len(journey.issues)
        text.append(
            f" · {issues} health issue{'' if issues == 1 else 's'}", style="bold" if issues else ""
        )
        text.append(" · curve: ")
        text.append(persona.name if persona else "shared")
        if self.workspace.project.personas:
            text.append(" (p: next persona)", style="dim")
        if self.analysed_revision != self.kano.revision:
            text.append(" · analysing…")
        self.query_one("#journey-status", Static).update(text)

    def selected_view(self) -> TouchpointView | None:
        if self.journey is None:
            return None
        return next(
            (v for v in self.journey.touchpoints() if v.touchpoint.id == self.selected_id), None
        )

    def selected_stage(self) -> StageView | None:
        if self.journey is None or not self.journey.stages:
            return None
        return self.journey.stages[self.stage_index]

    def _show_detail(self) -> None:
        stage = self.selected_stage()
        view = self.selected_view()
        text = Text(no_wrap=False, overflow="ellipsis")
        if stage is None:
            text.append("No stages: press s to add one.")
        elif view is None:
            text.append(stage.stage.name, style="bold")
            text.append(f" · {stage.health.label}")
            if stage.stage.description:
                text.append("\n").append(stage.stage.description)
        else:
            point = view.touchpoint
            text.append(point.name, style="bold")
            text.append(f"  ({point.id})", style="dim")
        if stage is not None:  # what needs attention first: the detail pane is short
            for issue in stage.health.issues:
                if view is None or issue.touchpoint in (None, self.selected_id):
                    text.append("\n! ", style="bold").append(issue.message)
        if view is not None:
            point = view.touchpoint
            if view.features:
                text.append("\nfeatures: ", style="dim")
                for i, feature in enumerate(view.features):
                    text.append(", " if i else "")
                    text.append(
                        feature.category or "–", style=category_style(self.app, feature.category)
                    )
                    text.append(f" {feature.name}")
            personas = [
                (p.name, p.emotions[point.id])
                for p in self.workspace.project.personas
                if point.id in p.emotions
            ]
            if personas:
                text.append("\npersonas: ", style="dim")
                text.append(", ".join(f"{name} {emotion:+d}" for name, emotion in personas))
            if point.description:
                text.append("\n").append(point.description)
        self.query_one("#journey-detail", Static).update(text)

    # ----------------------------------------------------------------- navigation
    def select_touchpoint(self, touchpoint_id: str) -> None:
        if self.journey is None:
            return
        for index, stage in enumerate(self.journey.stages):
            if any(v.touchpoint.id == touchpoint_id for v in stage.touchpoints):
                self.stage_index, self.selected_id = index, touchpoint_id
                self._show_selection()
                return

    def action_stage(self, step: int) -> None:
        journey = self.journey
        if journey is None or not journey.stages:
            return
        current = journey.stages[self.stage_index]
        row = next(
            (i for i, v in enumerate(current.touchpoints) if v.touchpoint.id == self.selected_id), 0
        )
        self.stage_index = max(0, min(len(journey.stages) - 1, self.stage_index + step))
        target = journey.stages[self.stage_index]
        self.selected_id = (
            target.touchpoints[min(row, len(target.touchpoints) - 1)].touchpoint.id
            if target.touchpoints
            else None
        )
        self._show_selection()

    def action_card(self, step: int) -> None:
        stage = self.selected_stage()
        if stage is None or not stage.touchpoints:
            return
        ids = [v.touchpoint.id for v in stage.touchpoints]
        index = ids.index(self.selected_id) if self.selected_id in ids else -step
        self.selected_id = ids[max(0, min(len(ids) - 1, index + step))]
        self._show_selection()

    def action_persona(self) -> None:
        personas = self.workspace.project.personas
        if not personas:
            self.notify(
                "This project has no personas (kano persona add PROJECT NAME).", severity="warning"
            )
            return
        self.persona_index = (
            self.persona_index + 1 if self.persona_index + 1 < len(personas) else -1
        )
        self.call_later(self._draw)

    # ----------------------------------------------------------------- editing
    def _need_touchpoint(self) -> TouchpointView | None:
        view = self.selected_view()
        if view is None:
            self.notify("No touchpoint is selected.", severity="warning")
        return view

    def _after_edit(self, touchpoint_id: str | None) -> None:
        if touchpoint_id:
            self.selected_id = touchpoint_id
            stage = next(
                (t.stage for t in self.workspace.project.touchpoints if t.id == touchpoint_id), None
            )
            ids = [s.id for s in self.workspace.project.stages]
            if stage in ids:
                self.stage_index = ids.index(stage)

    def action_add(self) -> None:
        from kano_tui.tui.journey_forms import TouchpointForm

        stage = self.selected_stage()
        if stage is None:
            self.notify("Add a stage first (s).", severity="warning")
            return
        self.app.push_screen(
            TouchpointForm(self.workspace.project, None, stage.stage.id), self._after_edit
        )

    def action_edit(self) -> None:
        from kano_tui.tui.journey_forms import TouchpointForm

        view = self._need_touchpoint()
        if view is not None:
            self.app.push_screen(
                TouchpointForm(self.workspace.project, view.touchpoint, view.touchpoint.stage),
                self._after_edit,
            )

    def action_link(self) -> None:
        from kano_tui.tui.journey_forms import FeatureLinkForm

        view = self._need_touchpoint()
        if view is not None:
            self.app.push_screen(
                FeatureLinkForm(self.workspace.project, view.touchpoint, self.categories),
                self._after_edit,
            )

    def action_delete(self) -> None:
        from kano_tui.tui.modals import ConfirmScreen

        view = self._need_touchpoint()
        if view is None:
            return
        point = view.touchpoint

        def answered(yes: bool | None) -> None:
            if yes:
                self.kano.try_edit(
                    f"Delete touchpoint {point.name}",
                    lambda project: remove_touchpoint(project, point.id),
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the touchpoint {point.name!r}? ctrl+z undoes this.",
                yes="Delete",
                no="Keep",
            ),
            answered,
        )

    def action_move_stage_of_card(self, step: int) -> None:
        from kano_tui.engine.customers.journey import move_touchpoint

        view = self._need_touchpoint()
        if view is None:
            return
        point = view.touchpoint
        target = adjacent_stage(self.workspace.project, point.stage, step)
        if target is None:
            self.notify("There is no stage further that way.", severity="warning")
            return
        if (
            self.kano.try_edit(
                f"Move touchpoint {point.name} to {target.name}",
                lambda project: move_touchpoint(project, point.id, target.id),
            )
            is not None
        ):
            self._after_edit(point.id)

    def action_reorder(self, step: int) -> None:
        view = self._need_touchpoint()
        if view is not None:
            point = view.touchpoint
            self.kano.try_edit(
                f"Reorder touchpoint {point.name}",
                lambda project: shift_touchpoint(project, point.id, step),
            )

    # ----------------------------------------------------------------- stages
    def action_add_stage(self) -> None:
        from kano_tui.engine.customers.journey import add_stage
        from kano_tui.tui.journey_forms import NameForm

        position = self.stage_index + 1 if self.workspace.project.stages else 0

        def added(name: str | None) -> None:
            if name is not None:
                self.stage_index = position
                self.selected_id = None

        self.app.push_screen(
            NameForm(
                "Add a stage after the selected one",
                "",
                lambda project, name: add_stage(project, name, position=position),
                "Add stage",
            ),
            added,
        )

    def action_rename_stage(self) -> None:
        from kano_tui.engine.customers.journey import rename_stage
        from kano_tui.tui.journey_forms import NameForm

        stage = self.selected_stage()
        if stage is None:
            return
        stage_id = stage.stage.id
        self.app.push_screen(
            NameForm(
                f"Rename the stage {stage.stage.name}",
                stage.stage.name,
                lambda project, name: rename_stage(project, stage_id, name),
                "Rename stage",
            )
        )

    def action_shift_stage(self, step: int) -> None:
        stage = self.selected_stage()
        if stage is None:
            return
        position = self.stage_index + step
        if not 0 <= position < len(self.workspace.project.stages):
            return
        if (
            self.kano.try_edit(
                f"Move stage {stage.stage.name}",
                lambda project: move_stage(project, stage.stage.id, position),
            )
            is not None
        ):
            self.stage_index = position

    def action_remove_stage(self) -> None:
        from kano_tui.tui.journey_forms import StageRemovalScreen
        from kano_tui.tui.modals import ConfirmScreen

        stage = self.selected_stage()
        if stage is None:
            return
        project = self.workspace.project
        stage_id, name = stage.stage.id, stage.stage.name
        held = len(stage_touchpoints(project, stage_id))
        neighbour = adjacent_stage(project, stage_id, -1) or adjacent_stage(project, stage_id, 1)

        def remove(choice: str | bool | None) -> None:
            if not choice:
                return
            move_to = neighbour.id if choice == "move" and neighbour else None
            delete = choice == "delete"
            self.kano.try_edit(
                f"Remove stage {name}",
                lambda p: remove_stage(p, stage_id, move_to=move_to, delete_touchpoints=delete),
            )

        if held:
            self.app.push_screen(
                StageRemovalScreen(name, held, neighbour.name if neighbour else None), remove
            )
        else:
            self.app.push_screen(
                ConfirmScreen(
                    f"Remove the stage {name!r}? ctrl+z undoes this.", yes="Remove", no="Keep"
                ),
                remove,
            )
