"""The Analysis screen (key 3): Kano figures, the two Kano plots, the backlog, segments.

Everything shown comes from one ``workspace.analyze`` run (in a worker) for the chosen
classifier, segment and wave; the backlog is the engine's ``backlog`` of that analysis;
the Compare tab analyses by a respondent column (a segment or the wave).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane

from kano_tui.tui.base import KanoScreen
from kano_tui.tui.widgets.row_table import RowTable
from kano_tui.tui.palette import category_text
from kano_tui.tui.text import count_width, number_text
from kano_tui.tui.widgets.quadrant_plot import PlotPoint, QuadrantPlot, QuadrantSpec

if TYPE_CHECKING:
    from kano_tui.engine.analysis import Analysis
    from kano_tui.engine.results import BacklogItem

ALL = "__all__"
SEGMENT_SEPARATOR = "\x1f"  # between column and value in a segment choice


def kano_plot_spec(split: float = 0.5) -> QuadrantSpec:
    return QuadrantSpec(
        title="Kano plot: Better against |Worse|",
        x_label="|Worse|: dissatisfaction when absent →",
        y_label="Better: satisfaction when present",
        x_range=(0.0, 1.0), y_range=(0.0, 1.0), x_split=split, y_split=split,
        quadrants=("A excitement", "O performance", "I indifferent", "M must-be"),
    )


def continuous_plot_spec(split: float = 2.0) -> QuadrantSpec:
    return QuadrantSpec(
        title="Continuous plot: functional against dysfunctional mean",
        x_label="dysfunctional mean →",
        y_label="functional mean",
        x_range=(-2.0, 4.0), y_range=(-2.0, 4.0), x_split=split, y_split=split,
        quadrants=("A excitement", "O performance", "I indifferent", "M must-be"),
    )


class AnalysisReady(Message):
    def __init__(self, analysis: Analysis | None, backlog: list[BacklogItem] | None,
                 compare: Analysis | None, error: BaseException | None) -> None:
        super().__init__()
        self.analysis, self.backlog, self.compare, self.error = analysis, backlog, compare, error


class FilterChoices(Message):
    def __init__(self, segments: list[tuple[str, str]], waves: list[str],
                 columns: list[str]) -> None:
        super().__init__()
        self.segments, self.waves, self.columns = segments, waves, columns


class AnalysisScreen(KanoScreen):
    """Results, plots and backlog for one classifier, segment and wave."""

    AUTO_FOCUS = "#results-table"
    BINDINGS = [
        Binding("c", "focus_filter('classifier')", "Classifier", id="analysis.classifier"),
        Binding("g", "focus_filter('segment')", "Segment", id="analysis.segment"),
        Binding("w", "focus_filter('wave')", "Wave", id="analysis.wave"),
        Binding("x", "clear_filters", "Clear filters", show=False, id="analysis.clear"),
        Binding("r", "tab('results')", "Results", show=False, id="analysis.tab_results"),
        Binding("p", "tab('kano-plot')", "Plot", id="analysis.tab_plot"),
        Binding("o", "tab('continuous-plot')", "Continuous", show=False,
                id="analysis.tab_continuous"),
        Binding("b", "tab('backlog')", "Backlog", id="analysis.tab_backlog"),
        Binding("y", "tab('compare')", "Compare", show=False, id="analysis.tab_compare"),
        Binding("s", "cycle_status", "Status", show=False, id="analysis.cycle_status"),
        Binding("v", "toggle_plan", "Value/effort", show=False, id="analysis.toggle_plan"),
    ]
    PALETTE_ACTIONS: ClassVar[list[tuple[str, str, str]]] = [
        ("Results table", "tab('results')", "Counts, category, Better, Worse, strengths"),
        ("Kano plot", "tab('kano-plot')", "Better against |Worse| with quadrants"),
        ("Continuous plot", "tab('continuous-plot')", "Functional against dysfunctional mean"),
        ("Prioritised backlog", "tab('backlog')",
         "Must-be first, then performance, then excitement"),
        ("Compare segments", "tab('compare')", "Each feature's category per segment or wave"),
        ("Next backlog status", "cycle_status",
         "The highlighted backlog feature: new, planned, in-progress, done, dropped"),
        ("Value against effort", "toggle_plan", "The backlog as value and effort bars, band by band"),
        ("Choose classifier", "focus_filter('classifier')", "Switch the classifier"),
        ("Filter by segment", "focus_filter('segment')", "Analyse one segment only"),
        ("Filter by wave", "focus_filter('wave')", "Analyse one wave only"),
        ("Clear filters", "clear_filters", "Analyse every respondent"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.analysis: Analysis | None = None
        self.backlog_items: list[BacklogItem] = []
        self._filters_filled = False
        self._requested: tuple[object, ...] | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(Text("analysing…"), id="analysis-status", classes="bar--status")
        with Horizontal(id="analysis-filters"):
            names = sorted(self.kano.plugins.classifiers) or [self.kano.classifier]
            yield Select([(Text(f"classifier: {name}"), name) for name in names],
                         id="filter-classifier", compact=True, allow_blank=False,
                         value=self.kano.classifier if self.kano.classifier in names
                         else names[0])
            yield Select([(Text("segment: all"), ALL)], id="filter-segment", compact=True,
                         allow_blank=False, value=ALL)
            yield Select([(Text("wave: all"), ALL)], id="filter-wave", compact=True,
                         allow_blank=False, value=ALL)
        with TabbedContent(id="analysis-tabs", initial="results"):
            with TabPane("Results", id="results"):
                yield RowTable(id="results-table", fixed_columns=2)
            with TabPane("Kano plot", id="kano-plot"):
                yield QuadrantPlot(kano_plot_spec(), id="kano-plot-view")
            with TabPane("Continuous", id="continuous-plot"):
                yield QuadrantPlot(continuous_plot_spec(), id="continuous-plot-view")
            with TabPane("Backlog", id="backlog"):
                yield RowTable(id="backlog-table")
                yield Static(Text(""), id="backlog-plan")
            with TabPane("Compare", id="compare"):
                yield Select([], prompt="compare by", id="compare-by", compact=True)
                yield RowTable(id="compare-table", fixed_columns=1)

    def on_mount(self) -> None:
        self.watch(self.app, "classifier", self._classifier_changed, init=False)

    def project_changed(self, first: bool) -> None:
        self._fill_classifiers()
        if first:
            self._fill_filters()
        self._analyse()

    # ----------------------------------------------------------------- filters
    def _fill_classifiers(self) -> None:
        names = sorted(self.kano.plugins.classifiers)
        select = self.query_one("#filter-classifier", Select)
        with self.prevent(Select.Changed):
            select.set_options([(Text(f"classifier: {name}"), name) for name in names])
            if self.kano.classifier in names:
                select.value = self.kano.classifier

    def _fill_filters(self) -> None:
        self._load_filter_choices()

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-filters")
    def _load_filter_choices(self) -> None:
        from kano_tui.engine.respondents import segment_values

        try:
            responses = self.workspace.responses()
            segments: list[tuple[str, str]] = []
            for column in responses.attributes:
                if column == "wave":
                    continue
                values = segment_values(responses, column, limit=51)
                if len(values) <= 50:  # a free-text column is no segment
                    segments += [(column, value) for value in values]
            waves = responses.waves()
            columns = list(responses.attributes)
        except Exception as error:  # noqa: BLE001 - shown as a notification
            self.post_message(AnalysisReady(None, None, None, error))
            return
        self.post_message(FilterChoices(segments, waves, columns))

    @on(FilterChoices)
    def _filter_choices(self, message: FilterChoices) -> None:
        with self.prevent(Select.Changed):
            self.query_one("#filter-segment", Select).set_options(
                [(Text("segment: all"), ALL)] +
                [(Text(f"{column}: {value}"), f"{column}{SEGMENT_SEPARATOR}{value}")
                 for column, value in message.segments])
            self.query_one("#filter-wave", Select).set_options(
                [(Text("wave: all"), ALL)] + [(Text(f"wave: {w}"), w) for w in message.waves])
            self.query_one("#compare-by", Select).set_options(
                [(Text(f"compare by {column}"), column) for column in message.columns])
        self._filters_filled = True

    def _filters(self) -> tuple[str | None, dict[str, str]]:
        wave = self.query_one("#filter-wave", Select).value
        segment = self.query_one("#filter-segment", Select).value
        where: dict[str, str] = {}
        if isinstance(segment, str) and segment != ALL:
            column, _, value = segment.partition(SEGMENT_SEPARATOR)
            where[column] = value
        return (wave if isinstance(wave, str) and wave != ALL else None), where

    @on(Select.Changed, "#filter-classifier")
    def _classifier_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.kano.classifier:
            self.kano.set_classifier(event.value)

    def _classifier_changed(self, name: str) -> None:
        select = self.query_one("#filter-classifier", Select)
        if select.value != name:
            with self.prevent(Select.Changed):
                select.value = name
        self._analyse()

    @on(Select.Changed, "#filter-segment")
    @on(Select.Changed, "#filter-wave")
    @on(Select.Changed, "#compare-by")
    def _filter_changed(self) -> None:
        self._analyse(force=False)

    def action_focus_filter(self, which: str) -> None:
        select = self.query_one(f"#filter-{which}", Select)
        select.focus()
        select.action_show_overlay()

    def action_clear_filters(self) -> None:
        for which in ("segment", "wave"):
            self.query_one(f"#filter-{which}", Select).value = ALL

    # ----------------------------------------------------------------- analysis
    def _analyse(self, force: bool = True) -> None:
        wave, where = self._filters()
        by = self.query_one("#compare-by", Select).value
        by = by if isinstance(by, str) else None
        key = (self.kano.revision, self.kano.classifier, wave, tuple(where.items()), by)
        if not force and key == self._requested:
            return  # e.g. a Select re-announcing the value it already had
        self._requested = key
        self._status("analysing…")
        self._run(self.kano.classifier, wave, where, by)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def _run(self, classifier: str, wave: str | None, where: dict[str, str],
             by: str | None) -> None:
        from kano_tui.engine.results import backlog

        try:
            self.workspace.responses()  # loaded once, kept for every screen
            analysis = self.workspace.analyze(classifier, wave=wave, where=where or None)
            items = backlog(self.workspace.project, analysis)
            compare = self.workspace.analyze(classifier, by=by, wave=wave, where=where or None) \
                if by else None
        except Exception as error:  # noqa: BLE001 - shown as a notification
            self.post_message(AnalysisReady(None, None, None, error))
            return
        self.post_message(AnalysisReady(analysis, items, compare, None))

    @on(AnalysisReady)
    def _ready(self, message: AnalysisReady) -> None:
        if message.error is not None:
            self.kano.report_error(message.error)
            self._status("the analysis failed")
            return
        assert message.analysis is not None
        self.analysis = message.analysis
        self.backlog_items = message.backlog or []
        self._show_results(message.analysis)
        self._show_plots(message.analysis)
        self._show_backlog(self.backlog_items)
        self._show_compare(message.compare)
        self._status()

    def _status(self, doing: str = "") -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"classifier {self.kano.classifier}")
        wave, where = self._filters()
        for column, value in where.items():
            text.append(f" · {column} = {value}")
        if wave:
            text.append(f" · wave {wave}")
        if self.analysis is not None and not doing:
            figures = self.analysis.overall
            answered = int(figures["n"].max()) if len(figures) else 0
            text.append(f" · up to {answered:,} answers per feature" if answered
                        else " · no answers yet: import responses (2)")
        if doing:
            text.append(f" · {doing}")
        self.query_one("#analysis-status", Static).update(text)

    # ----------------------------------------------------------------- views
    def _show_results(self, analysis: Analysis) -> None:
        from kano_tui.engine.results import feature_records

        table = self.query_one("#results-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        records = feature_records(analysis, analysis.overall)
        table.add_column("Cat", key="category", width=3)
        table.add_column("Feature", key="name", width=20)
        # Fixed widths (the layout does not depend on when the rows arrive), widened for
        # counts of a million respondents rather than cutting their digits.
        n_width = count_width((r["n"] for r in records), 7)
        counts_width = count_width((r["counts"][c] for r in records for c in "AOMIRQ"), 5)
        for key, title, width in (("n", "n", n_width), *((c, c, counts_width) for c in "AOMIRQ"),
                                  ("better", "Better", 6), ("worse", "Worse", 6),
                                  ("ts", "TS", 5), ("cs", "CS", 5), ("sig", "Sig.", 4),
                                  ("fm", "F mean", 6), ("dm", "D mean", 6), ("imp", "Imp.", 4)):
            table.add_column(Text(title, justify="right"), key=key, width=width)
        for record in records:
            counts = record["counts"]
            significant = record["significant"]
            table.add_row(
                category_text(self.app, record["category"]),
                Text(record["name"], no_wrap=True, overflow="ellipsis"),
                number_text(record["n"], digits=0),
                *(number_text(counts[letter], digits=0) for letter in "AOMIRQ"),
                number_text(record["better"]), number_text(record["worse"]),
                number_text(record["total_strength"]), number_text(record["category_strength"]),
                Text("yes" if significant else "no", justify="right",
                     style="bold" if significant else "dim"),
                number_text(record["functional_mean"]), number_text(record["dysfunctional_mean"]),
                number_text(record["importance_mean"], digits=1),
                key=record["id"],
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _show_plots(self, analysis: Analysis) -> None:
        from kano_tui.engine.results import feature_records

        records = feature_records(analysis, analysis.overall)
        settings = self.workspace.project.settings
        kano_points = [PlotPoint(r["name"], None if r["worse"] is None else abs(r["worse"]),
                                 r["better"], r["category"]) for r in records]
        continuous = [PlotPoint(r["name"], r["dysfunctional_mean"], r["functional_mean"],
                                r["category"]) for r in records]
        note = "" if any(r["n"] for r in records) else "no answers yet: import responses (2)"
        self.query_one("#kano-plot-view", QuadrantPlot).set_points(
            kano_points, kano_plot_spec(settings.better_worse_split), note)
        self.query_one("#continuous-plot-view", QuadrantPlot).set_points(
            continuous, continuous_plot_spec(settings.continuous_split), note)

    def _show_backlog(self, items: list[BacklogItem]) -> None:
        table = self.query_one("#backlog-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(Text("#", justify="right"), key="rank", width=3)
        table.add_column("Cat", key="category", width=3)
        table.add_column("Feature", key="name", width=20)
        table.add_column(Text("Value", justify="right"), key="value", width=5)
        table.add_column(Text("Effort", justify="right"), key="effort", width=6)
        table.add_column(Text("V/E", justify="right"), key="per_effort", width=5)
        table.add_column("Status", key="status", width=11)
        table.add_column("Action", key="action", width=50)
        for item in items:
            table.add_row(
                number_text(item.rank, digits=0), category_text(self.app, item.category),
                Text(item.name, no_wrap=True, overflow="ellipsis"),
                number_text(item.value, digits=1), number_text(item.effort, digits=1),
                number_text(item.value_per_effort, digits=1),
                Text(item.status, style="dim" if item.status in ("done", "dropped") else ""),
                Text(item.action + (f" · {item.note}" if item.note else "")), key=item.feature)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self._show_plan(items)

    def _show_plan(self, items: list[BacklogItem]) -> None:
        from kano_tui.engine.planning import plan_lines, plan_rows

        rows = plan_rows(items)
        lines = plan_lines(items)
        text = Text(no_wrap=True, overflow="ellipsis")
        by_name = iter(rows)
        for line in lines:
            if line[:1] in "MOA" and line[1:2] == " ":
                text.append_text(category_text(self.app, line[0]))
                text.append(line[1:] + "\n", style="bold")
            elif line.startswith("  ") and line.strip()[:1].isdigit():
                row = next(by_name, None)
                text.append(line + "\n", style="bold" if row and row.cheap_win else "")
            else:
                text.append(line + "\n", style="dim")
        self.query_one("#backlog-plan", Static).update(text)

    def action_toggle_plan(self) -> None:
        """Between the backlog table and the value-against-effort view."""
        self.action_tab("backlog")
        plan = self.query_one("#backlog-plan", Static)
        table = self.query_one("#backlog-table", DataTable)
        plan.display, table.display = not plan.display, plan.display
        if table.display:
            table.focus()

    def action_cycle_status(self) -> None:
        """The highlighted backlog feature's next status (new, planned, in-progress, done,
        dropped, new...), kept in kano.toml on save."""
        from kano_tui.engine.catalogue import next_status, set_status

        table = self.query_one("#backlog-table", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        feature = self.workspace.project.feature(str(key))
        if feature is None:
            return
        status = next_status(feature.status)
        self.kano.try_edit(f"Set {feature.name} to {status}",
                           lambda project: set_status(project, feature.id, status))
        self.notify(f"{feature.name}: {status}")

    def _show_compare(self, compare: Analysis | None) -> None:
        table = self.query_one("#compare-table", DataTable)
        table.clear(columns=True)
        if compare is None:
            return
        table.add_column("Feature", key="name", width=20)
        for index, group in enumerate(compare.groups):
            table.add_column(Text(str(group.value)), key=f"group-{index}")
        for feature in self.workspace.project.features:
            cells: list[Text] = [Text(feature.name, no_wrap=True, overflow="ellipsis")]
            for group in compare.groups:
                figures = group.figures
                if feature.id not in figures.index:
                    cells.append(Text("–", style="dim"))
                    continue
                category = figures.at[feature.id, "category"]
                cell = category_text(self.app, category if isinstance(category, str) else None)
                n = int(figures.at[feature.id, "n"])
                cell.append(f" n={n}", style="dim")
                cells.append(cell)
            table.add_row(*cells, key=feature.id)

    def action_tab(self, tab: str) -> None:
        self.query_one("#analysis-tabs", TabbedContent).active = tab
        focus = {"results": "#results-table", "backlog": "#backlog-table",
                 "compare": "#compare-by"}.get(tab)
        if focus:
            self.query_one(focus).focus()
