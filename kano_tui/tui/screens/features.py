"""The Features screen (key 1): the catalogue with each feature's category and figures.

The table lists the features at once; the figures (category, Better, Worse, importance,
n) arrive from an analysis worker and fill in. Add, edit and delete go through
``KanoApp.edit`` so they can be undone.
"""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static

from kano_tui.engine.analysis.overview import (
    SORT_KEYS,
    FeatureRow,
    RowFigures,
    feature_rows,
    filter_rows,
    sort_rows,
)
from kano_tui.tui.base import KanoScreen
from kano_tui.tui.colours import category_text
from kano_tui.tui.text import count_width, number_text
from kano_tui.tui.widgets.row_table import RowTable
from kano_tui.wording import count

if TYPE_CHECKING:
    from kano_tui.engine.analysis.figures import Analysis
    from kano_tui.engine.project.model import Project
    from kano_tui.tui.first_figures import FirstFigures


BATCH_POLL = 0.002  # seconds between two looks whether Textual's start is drawn


class FeaturesScreen(KanoScreen):
    """The feature catalogue."""

    BINDINGS = [
        Binding("a", "add", "Add", id="features.add"),
        Binding("e", "edit", "Edit", id="features.edit"),
        Binding("d", "delete", "Delete", id="features.delete"),
        Binding("slash", "filter", "Filter", id="features.filter"),
        Binding("s", "sort", "Sort", id="features.sort"),
        Binding("r", "reverse", "Reverse", show=False, id="features.reverse"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="features.clear"),
    ]
    PALETTE_COMMANDS: ClassVar[list[tuple[str, str, str]]] = [
        ("Add feature", "add", "Add a feature to the catalogue"),
        ("Edit feature", "edit", "Edit the highlighted feature"),
        ("Delete feature", "delete", "Delete the highlighted feature (asks first)"),
        ("Filter features", "filter", "Show only features matching a text"),
        ("Sort features", "sort", "Sort by the next column"),
        ("Reverse sort order", "reverse", "Flip the sort order"),
    ]

    AUTO_FOCUS = "#features-table"

    def __init__(self) -> None:
        super().__init__()
        self.analysis: Analysis | None = None
        # The first figures, from a child process (KanoApp.take_first_figures), drawn
        # until this screen's own first analysis replaces them with the same figures.
        self.first_figures: dict[str, RowFigures] | None = None
        self._early: FirstFigures | None = None  # the child's, until read
        self._first_figures_of = ""  # the classifier of first_figures
        self._analyses = 0  # analyses started
        self.analysed_revision = -1
        self.sort_key = "catalogue"
        self.descending = False
        self.filter_text = ""
        self.rows: list[FeatureRow] = []
        # What the table was last drawn from: the rows of (revision, project, analysis),
        # kept while those stay the same (sorting and filtering reuse them), and the
        # width (the columns shown depend on it).
        self._rows_of: tuple[int, Project, object] | None = None
        self._all_rows: list[FeatureRow] = []
        self._drawn_width = -1

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="features-bar", classes="bar"):
            yield Static(id="features-status", classes="bar--status")
            field = Input(
                placeholder="filter: name, category, stage, tag",
                id="features-filter",
                classes="bar--input",
            )
            field.display = False  # shown by `/`
            yield field
        table = RowTable(id="features-table")
        yield table
        yield Static(id="feature-detail", classes="detail")

    def on_mount(self) -> None:
        self.watch(self.app, "classifier", lambda _: self._analyse(), init=False)

    def on_resize(self) -> None:
        # The columns shown depend on the width; the same width needs no redraw (the
        # first paint sends two resizes).
        if (
            self.is_mounted
            and self.query("#features-table")
            and self.size.width != self._drawn_width
        ):
            self._render_rows()

    def project_changed(self, first: bool) -> None:
        if first:
            # The figures a child process computed while Textual was imported: already
            # there, they are in the first frame (kano_tui.tui.first_figures).
            self._early = self.kano.take_first_figures(self.kano.classifier)
            if self._early is not None and self._early.read_available():
                if self._early.figures is not None:
                    self.first_figures = self._early.figures
                    self._first_figures_of = self._early.classifier
                    self.analysed_revision = self.kano.revision
                self._early = None
        self._render_rows()
        if not first:
            self._analyse()
        elif self.first_figures is not None:  # on the screen: analysed after the frame
            self.call_after_refresh(self._analyse_once_painted)
        else:  # paint the catalogue first; the figures follow from the worker
            self.call_after_refresh(self._analyse)

    def _analyse_once_painted(self) -> None:
        """The first analysis, once the catalogue is on the terminal: its worker's imports
        would hold the interpreter while the first frame is drawn. Textual batches the
        start's updates, so the first refresh may have drawn nothing: while its batch
        lasts (Textual 8's private counter; a Textual without it: now), wait."""
        if getattr(self.app, "_batch_count", 0):
            self.set_timer(BATCH_POLL, partial(self.call_after_refresh, self._analyse_once_painted))
            return
        self._analyse()

    # ----------------------------------------------------------------- analysis
    def _analyse(self) -> None:
        classifier, revision = self.kano.classifier, self.kano.revision
        early, self._early = self._early, None
        if early is not None and not (
            revision == 0 and early.matches(self.workspace, classifier)
        ):  # the classifier changed meanwhile
            early.discard()
            early = None
        if (
            self.first_figures is not None
            and self.analysed_revision == revision
            and self._first_figures_of == classifier
        ):
            # The child's figures are on the screen already (the first frame, or one
            # since): this screen's own analysis, as without them (the rows are then
            # drawn from its Analysis), draws the same.
            self._run_analysis(classifier, revision)
            return
        self._set_status(analysing=True)
        if early is not None and early.read_available():
            if early.figures is not None:  # there by now: drawn, then analysed after
                self._draw_first_figures(early.figures, early.classifier, revision)
                # Once these are on the terminal: its imports would hold the interpreter.
                self.call_after_refresh(self._analyse_later, classifier, revision)
                return
            early = None  # the child failed
        self._run_analysis(classifier, revision)
        if early is not None:  # not there yet: whichever comes first is drawn
            self._watch_first_figures(early, revision)

    def _analyse_later(self, classifier: str, revision: int) -> None:
        if self._analyses == 0:  # none asked for meanwhile (another classifier, an edit)
            self._run_analysis(classifier, revision)

    def _draw_first_figures(
        self, figures: dict[str, RowFigures], classifier: str, revision: int
    ) -> None:
        self.first_figures = figures
        self._first_figures_of = classifier
        self.analysed_revision = revision
        self._render_rows()

    def _watch_first_figures(self, early: FirstFigures, revision: int) -> None:
        """Read the child's figures when they come, on this thread (the event loop
        watches the pipe); drawn unless this screen's analysis came first."""
        reader = early.fileno()
        try:
            loop = asyncio.get_running_loop()
            if reader is None:
                raise NotImplementedError
            loop.add_reader(reader, self._first_figures_readable, early, loop, reader, revision)
        except (NotImplementedError, RuntimeError):  # a loop that cannot watch a pipe
            early.discard()
            return
        self._early = early

    def _first_figures_readable(
        self, early: FirstFigures, loop: asyncio.AbstractEventLoop, reader: int, revision: int
    ) -> None:
        if not early.read_available():
            return
        loop.remove_reader(reader)
        self._early = None
        if early.figures is not None:
            self.call_later(self._first_figures_came, early, revision)

    def _first_figures_came(self, early: FirstFigures, revision: int) -> None:
        if (
            early.figures is not None
            and self.analysis is None
            and self.analysed_revision != revision == self.kano.revision
            and early.classifier == self.kano.classifier
        ):
            self._draw_first_figures(early.figures, early.classifier, revision)

    def _run_analysis(self, classifier: str, revision: int) -> None:
        self._analyses += 1
        self.run_in_thread(
            partial(self._analysis, classifier),
            partial(self._analysed, revision=revision),
            failed=lambda _: self._analysed(None, revision),
            group="features-analysis",
        )

    def _analysis(self, classifier: str) -> Analysis:
        # All respondents, loaded once and kept: the other screens use them too.
        self.workspace.responses()
        return self.workspace.analyze(classifier)

    def _analysed(self, analysis: Analysis | None, revision: int) -> None:
        self.analysis = analysis
        self.first_figures = None
        self._stop_watching_first_figures()
        self.analysed_revision = revision
        self._render_rows()
        self.kano.load_engine()  # the first figures are drawn: now the plugins (once)

    def _stop_watching_first_figures(self) -> None:
        """This screen's own analysis came first: the child's figures are no use."""
        early, self._early = self._early, None
        if early is None:
            return
        reader = early.fileno()
        if reader is not None:
            with contextlib.suppress(RuntimeError, ValueError):
                asyncio.get_running_loop().remove_reader(reader)
        early.discard()

    # ----------------------------------------------------------------- table
    def _render_rows(self) -> None:
        table = self.query_one("#features-table", DataTable)
        self._drawn_width = self.size.width
        wide = self.size.width >= 110  # long category names, wider name and stage
        highlighted = self.highlighted_id()
        self.rows = sort_rows(
            filter_rows(self._catalogue_rows(), self.filter_text), self.sort_key, self.descending
        )
        table.clear(columns=True)
        table.add_column("Cat", key="category", width=13 if wide else 3)
        table.add_column("Feature", key="name", width=30 if wide else 22)
        table.add_column(Text("Better", justify="right"), key="better", width=6)
        table.add_column(Text("Worse", justify="right"), key="worse", width=6)
        table.add_column(Text("Imp.", justify="right"), key="importance", width=4)
        table.add_column(
            Text("n", justify="right"), key="n", width=count_width((row.n for row in self.rows), 5)
        )
        table.add_column("Stage", key="stage", width=22 if wide else 14)
        # Effort and tags when the width allows (a scrollbar takes 2 columns).
        room = self.size.width - 2 - sum(c.get_render_width(table) for c in table.ordered_columns)
        with_effort = room >= 8
        if with_effort:
            table.add_column(Text("Effort", justify="right"), key="effort", width=6)
            room -= 8
        with_tags = room >= 10
        if with_tags:
            table.add_column("Tags", key="tags", width=min(room - 2, 30))
        for row in self.rows:
            extra = ([_effort_text(row.effort)] if with_effort else []) + (
                [Text(", ".join(row.tags) or "–", overflow="ellipsis", no_wrap=True)]
                if with_tags
                else []
            )
            table.add_row(
                category_text(self.app, row.category, long=wide),
                Text(row.name, overflow="ellipsis", no_wrap=True),
                number_text(row.better),
                number_text(row.worse),
                number_text(row.importance, digits=1),
                number_text(row.n if row.category is not None or row.n else None, digits=0),
                Text(row.stage or "–", overflow="ellipsis", no_wrap=True),
                *extra,
                key=row.id,
            )
        if highlighted is not None and highlighted in {row.id for row in self.rows}:
            table.move_cursor(row=table.get_row_index(highlighted))
        self._set_status()
        self._show_detail()

    def _catalogue_rows(self) -> list[FeatureRow]:
        """Every feature with its figures, made once per project and analysis."""
        revision, project, analysis = self.kano.revision, self.workspace.project, self.analysis
        source = analysis if analysis is not None else self.first_figures
        made = self._rows_of
        if made is None or made[0] != revision or made[1] is not project or made[2] is not source:
            self._all_rows = feature_rows(project, analysis, figures=self.first_figures)
            self._rows_of = (revision, project, source)
        return self._all_rows

    def _set_status(self, analysing: bool = False) -> None:
        total = len(self.workspace.project.features)
        shown = len(self.rows)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(
            f"{shown} of {count(total, 'feature')}" if shown != total else count(total, "feature")
        )
        text.append(f" · {self.kano.classifier} classifier")
        text.append(f" · sorted by {self.sort_key}{' (reversed)' if self.descending else ''}")
        if self.filter_text:
            text.append(" · filter: ")
            text.append(self.filter_text)
        if analysing or self.analysed_revision != self.kano.revision:
            text.append(" · analysing…")
        self.query_one("#features-status", Static).update(text)

    def highlighted_id(self) -> str | None:
        table = self.query_one("#features-table", DataTable)
        if table.row_count == 0 or table.cursor_row < 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - an empty or refreshing table has no cursor
            return None
        return str(key.value) if key.value is not None else None

    @on(DataTable.RowHighlighted, "#features-table")
    def _show_detail(self) -> None:
        feature_id = self.highlighted_id()
        row = next((r for r in self.rows if r.id == feature_id), None)
        detail = Text(no_wrap=False, overflow="ellipsis")
        if row is None:
            if not self.workspace.project.features:
                detail.append("No features yet: press a to add one, or import a survey (2).")
        else:
            detail.append(row.name, style="bold")
            detail.append(f"  ({row.id})", style="dim")
            if row.category:
                detail.append("  ")
                detail.append_text(category_text(self.app, row.category, long=True))
            if row.effort is not None:
                detail.append(f"  effort {row.effort:g}")
            if row.tags:
                detail.append("  tags: " + ", ".join(row.tags))
            if row.description:
                detail.append("\n")
                detail.append(row.description)
        self.query_one("#feature-detail", Static).update(detail)

    @on(DataTable.RowSelected, "#features-table")
    def _row_selected(self) -> None:
        self.action_edit()

    # ----------------------------------------------------------------- actions
    def action_add(self) -> None:
        from kano_tui.tui.feature_form import FeatureForm

        self.app.push_screen(FeatureForm(self.workspace.project, None), self._after_form)

    def action_edit(self) -> None:
        from kano_tui.tui.feature_form import FeatureForm

        feature_id = self.highlighted_id()
        if feature_id is None:
            self.notify("No feature is highlighted.", severity="warning")
            return
        self.app.push_screen(FeatureForm(self.workspace.project, feature_id), self._after_form)

    def _after_form(self, feature_id: str | None) -> None:
        if feature_id is not None and feature_id in {r.id for r in self.rows}:
            table = self.query_one("#features-table", DataTable)
            table.move_cursor(row=table.get_row_index(feature_id))
        self.query_one("#features-table").focus()

    def action_delete(self) -> None:
        from kano_tui.engine.project.catalogue import remove_feature
        from kano_tui.tui.modals import ConfirmScreen

        feature_id = self.highlighted_id()
        feature = self.workspace.project.feature(feature_id) if feature_id else None
        if feature is None:
            self.notify("No feature is highlighted.", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.kano.try_edit(
                    f"Delete feature {feature.name}",
                    lambda project: remove_feature(project, feature.id),
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the feature {feature.name!r}? Its stored answers stay on disk; "
                "ctrl+z undoes this.",
                yes="Delete",
                no="Keep",
            ),
            answered,
        )

    def action_filter(self) -> None:
        field = self.query_one("#features-filter", Input)
        field.display = True
        field.value = self.filter_text
        field.focus()

    @on(Input.Changed, "#features-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._render_rows()

    @on(Input.Submitted, "#features-filter")
    def _filter_done(self) -> None:
        self.query_one("#features-table").focus()
        if not self.filter_text:
            self.query_one("#features-filter").display = False

    def action_clear_filter(self) -> None:
        field = self.query_one("#features-filter", Input)
        if self.filter_text or field.display:
            self.filter_text = ""
            field.value = ""
            field.display = False
            self._render_rows()
            self.query_one("#features-table").focus()

    def action_sort(self) -> None:
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self._render_rows()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._render_rows()


def _effort_text(effort: float | None) -> Text:
    return number_text(None) if effort is None else Text(f"{effort:g}", justify="right")
