"""The Analysis screen (key 3): Kano figures, the two Kano plots, the backlog, segments.

Everything shown comes from one ``workspace.analyze`` run (in a worker) for the chosen
classifier, segment and wave; the backlog is the engine's ``backlog`` of that analysis;
the Compare tab (``compare_view``) compares the groups of a respondent column (the wave
when there are two or more, or a segment) with the engine's ``compare``. ``e`` switches
the ``[quality]`` exclusions off and on (a view: no data change).

A first visit shows the screen at once and the figures as they come: the analysis runs
in a worker; the comparison (which needs pandas and scipy, seconds at a million
respondents) only when the Compare tab is shown (``CompareView.compare``); the plugins'
classifiers, tables and panels once the app has loaded the plugins
(``KanoApp.plugins_ready``), never waited for on the screen's thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane

from kano_tui.engine.analysis.featureresult import extra_text
from kano_tui.tui.base import KanoScreen
from kano_tui.tui.colours import category_text
from kano_tui.tui.panels import next_panel, sync_panels
from kano_tui.tui.plot_specs import continuous_plot_spec, kano_plot_spec
from kano_tui.tui.screens.compare_view import CompareRequest, CompareView
from kano_tui.tui.text import choice, count_width, number_text
from kano_tui.tui.widgets.quadrant_plot import PlotPoint, QuadrantPlot
from kano_tui.tui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from kano_tui.engine.analysis.featureresult import FeatureResult, Interval
    from kano_tui.engine.analysis.figures import Analysis
    from kano_tui.engine.analysis.run import BacklogItem

ALL = "__all__"
EXTRA_WIDTH = 12  # at most, for a column a classifier adds (longer cells end in …)
SEGMENT_SEPARATOR = "\x1f"  # between column and value in a segment choice


@dataclass(frozen=True)
class AnalysisReady:
    """What the analysis worker hands back."""

    analysis: Analysis
    backlog: list[BacklogItem]


@dataclass(frozen=True)
class FilterChoices:
    """The segments, waves and columns the filters offer, read off the UI thread."""

    segments: list[tuple[str, str]]
    waves: list[str]
    columns: list[str]


class AnalysisScreen(KanoScreen):
    """Results, plots and backlog for one classifier, segment and wave."""

    AUTO_FOCUS = "#results-table"
    BINDINGS = [
        Binding("c", "focus_filter('classifier')", "Classifier", id="analysis.classifier"),
        Binding("t", "focus_filter('table')", "Table", show=False, id="analysis.table"),
        Binding("g", "focus_filter('segment')", "Segment", id="analysis.segment"),
        Binding("w", "focus_filter('wave')", "Wave", id="analysis.wave"),
        Binding("x", "clear_filters", "Clear filters", show=False, id="analysis.clear"),
        Binding("r", "tab('results')", "Results", show=False, id="analysis.tab_results"),
        Binding("p", "tab('kano-plot')", "Plot", id="analysis.tab_plot"),
        Binding(
            "o", "tab('continuous-plot')", "Continuous", show=False, id="analysis.tab_continuous"
        ),
        Binding("b", "tab('backlog')", "Backlog", id="analysis.tab_backlog"),
        Binding("y", "tab('compare')", "Compare", show=False, id="analysis.tab_compare"),
        Binding(
            "z",
            "plot_zoom",
            "Plots: full view / zoom to the features",
            show=False,
            id="analysis.plot_zoom",
        ),
        Binding(
            "right_square_bracket",
            "plot_page(1)",
            "Plots: next legend page",
            show=False,
            id="analysis.plot_next_page",
        ),
        Binding(
            "left_square_bracket",
            "plot_page(-1)",
            "Plots: previous legend page",
            show=False,
            id="analysis.plot_previous_page",
        ),
        Binding("a", "compare_paths", "Paths", show=False, id="analysis.compare_paths"),
        Binding(
            "e", "toggle_exclusions", "Exclusions", show=False, id="analysis.toggle_exclusions"
        ),
        Binding("s", "cycle_status", "Status", show=False, id="analysis.cycle_status"),
        Binding("v", "toggle_plan", "Value/effort", show=False, id="analysis.toggle_plan"),
        Binding("u", "plugin_panel", "Plugin panels", show=False, id="analysis.plugin_panel"),
    ]
    PALETTE_COMMANDS: ClassVar[list[tuple[str, str, str]]] = [
        ("Results table", "tab('results')", "Counts, category, Better, Worse, strengths"),
        (
            "Feature detail",
            "feature_detail",
            "The chosen feature's answer pairs and its figures per wave and segment (enter)",
        ),
        ("Kano plot", "tab('kano-plot')", "Better against |Worse| with quadrants"),
        ("Continuous plot", "tab('continuous-plot')", "Functional against dysfunctional mean"),
        (
            "Prioritised backlog",
            "tab('backlog')",
            "Must-be first, then performance, then excitement",
        ),
        (
            "Compare waves or segments",
            "tab('compare')",
            "Is the change real? Category change, Better/Worse deltas with 95% CIs, chi-square",
        ),
        (
            "Compare: paths on the Kano plot",
            "compare_paths",
            "Each feature's trajectory across the compared groups",
        ),
        (
            "Switch quality exclusions",
            "toggle_exclusions",
            "Leave out (or keep) the respondents [quality] exclude flags",
        ),
        (
            "Next backlog status",
            "cycle_status",
            "The highlighted backlog feature: new, planned, in-progress, done, dropped",
        ),
        (
            "Value against effort",
            "toggle_plan",
            "The backlog as value and effort bars, band by band",
        ),
        (
            "Plugin panels",
            "plugin_panel",
            "The tabs plugins add to this screen (u again: the next one)",
        ),
        ("Choose classifier", "focus_filter('classifier')", "Switch the classifier"),
        (
            "Choose evaluation table",
            "focus_filter('table')",
            "Switch the table that turns answer pairs into categories",
        ),
        ("Filter by segment", "focus_filter('segment')", "Analyse one segment only"),
        ("Filter by wave", "focus_filter('wave')", "Analyse one wave only"),
        ("Clear filters", "clear_filters", "Analyse every respondent"),
        (
            "Plots: full view or zoom",
            "plot_zoom",
            "Switch the Kano and continuous plots between the features' region and the scale",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.analysis: Analysis | None = None
        self.backlog_items: list[BacklogItem] = []
        self._filters_filled = False
        self._requested: tuple[object, ...] | None = None
        self._compare: CompareRequest | None = None  # what the last analysis asked for

    def compose_body(self) -> ComposeResult:
        yield Static(Text("analysing…"), id="analysis-status", classes="bar--status")
        with Horizontal(id="analysis-filters"):
            names = self._classifier_names() or [self.kano.classifier]
            yield Select(
                [(choice(name), name) for name in names],
                id="filter-classifier",
                compact=True,
                allow_blank=False,
                value=self.kano.classifier if self.kano.classifier in names else names[0],
            )
            tables = [self.kano.evaluation_table]
            # Classifier and table by their bare names ("mode", "standard"): the status line
            # above names them, and four selectors fit 80 columns only so.
            yield Select(
                [(choice(name), name) for name in tables],
                id="filter-table",
                compact=True,
                allow_blank=False,
                value=tables[0],
            )
            yield Select(
                [(choice("segment: all"), ALL)],
                id="filter-segment",
                compact=True,
                allow_blank=False,
                value=ALL,
            )
            yield Select(
                [(choice("wave: all"), ALL)],
                id="filter-wave",
                compact=True,
                allow_blank=False,
                value=ALL,
            )
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
                yield CompareView(id="compare-view")

    def on_mount(self) -> None:
        self.watch(self.app, "classifier", self._classifier_changed, init=False)
        self.watch(self.app, "evaluation_table", self._table_changed, init=False)
        self.watch(self.app, "plugins_ready", self._plugins_ready, init=False)

    def project_changed(self, first: bool) -> None:
        if self.kano.plugins_ready:
            self._plugins_ready(True)
        else:  # filled in when they are (a session opened on this screen loads them)
            self.kano.load_engine()
        if first:  # the first analysis runs once the choices are in (compare by wave)
            self._fill_filters()
            return
        self._analyse()

    def _plugins_ready(self, ready: bool) -> None:
        """The plugins' classifiers, tables and panels, once the app has loaded them."""
        if not ready:
            return
        self._fill_classifiers()
        self._fill_tables()
        tabs = self.query_one("#analysis-tabs", TabbedContent)
        sync_panels(tabs, self.kano.plugins, self.analysis)

    # ----------------------------------------------------------------- filters
    def _classifier_names(self) -> list[str]:
        """Every classifier, once the plugins are loaded; until then none (the current
        one is shown)."""
        return sorted(self.kano.plugins.classifiers) if self.kano.plugins_ready else []

    def _fill_classifiers(self) -> None:
        names = self._classifier_names()
        select = self.query_one("#filter-classifier", Select)
        # As wide as its longest choice (and the arrow), so no classifier name is cut.
        select.styles.width = max(len(name) for name in names or ["x"]) + 4
        with self.prevent(Select.Changed):
            select.set_options([(choice(name), name) for name in names])
            if self.kano.classifier in names:
                select.value = self.kano.classifier

    def _fill_tables(self) -> None:
        try:
            names = list(self.workspace.evaluation_tables())
        except Exception:  # noqa: BLE001 - plugins not loaded yet: keep the current one
            return
        select = self.query_one("#filter-table", Select)
        select.styles.width = max(len(name) for name in names or ["x"]) + 4
        with self.prevent(Select.Changed):
            select.set_options([(choice(name), name) for name in names])
            if self.kano.evaluation_table in names:
                select.value = self.kano.evaluation_table

    def _fill_filters(self) -> None:
        self._load_filter_choices()

    def _load_filter_choices(self) -> None:
        self.run_in_thread(
            self._filter_choices_work,
            self._filter_choices,
            failed=self._analysis_failed,
            group="analysis-filters",
        )

    def _filter_choices_work(self) -> FilterChoices:
        from kano_tui.engine.analysis.respondents import segment_choices

        responses = self.workspace.responses()
        return FilterChoices(
            segment_choices(responses), responses.waves(), list(responses.attributes)
        )

    def _filter_choices(self, message: FilterChoices) -> None:
        with self.prevent(Select.Changed):
            self.query_one("#filter-segment", Select).set_options(
                [(choice("segment: all"), ALL)]
                + [
                    (choice(f"{column}: {value}"), f"{column}{SEGMENT_SEPARATOR}{value}")
                    for column, value in message.segments
                ]
            )
            self.query_one("#filter-wave", Select).set_options(
                [(choice("wave: all"), ALL)] + [(choice(f"wave: {w}"), w) for w in message.waves]
            )
            compare_by = self.query_one("#compare-by", Select)
            compare_by.set_options(
                [(Text(f"compare by {column}"), column) for column in message.columns]
            )
            if len(message.waves) >= 2 and "wave" in message.columns:
                compare_by.value = "wave"  # waves by default when there are two or more
        self._filters_filled = True
        self._analyse()

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

    @on(Select.Changed, "#filter-table")
    def _table_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.kano.evaluation_table:
            self.kano.set_evaluation_table(event.value)

    def _table_changed(self, name: str) -> None:
        select = self.query_one("#filter-table", Select)
        if select.value != name:
            with self.prevent(Select.Changed):
                select.value = name
        self._analyse()

    @on(Select.Changed, "#filter-segment")
    @on(Select.Changed, "#filter-wave")
    @on(Select.Changed, "#compare-by")
    def _filter_changed(self) -> None:
        if self._filters_filled:  # before that, the first analysis is not asked for yet
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
        table = self.kano.evaluation_table
        key = (
            self.kano.revision,
            self.kano.classifier,
            table,
            wave,
            tuple(where.items()),
            by,
            self.workspace.apply_exclusions,
        )
        if not force and key == self._requested:
            return  # e.g. a Select re-announcing the value it already had
        self._requested = key
        self._status("analysing…")
        self._run(self.kano.classifier, table, wave, where, by)

    def _run(
        self, classifier: str, table: str, wave: str | None, where: dict[str, str], by: str | None
    ) -> None:
        self._compare = CompareRequest(classifier, table, wave, where, by)  # once drawn
        self.run_in_thread(
            partial(self._analysis_work, classifier, table, wave, where),
            self._ready,
            failed=self._analysis_failed,
            group="analysis",
        )

    def _analysis_work(
        self, classifier: str, table: str, wave: str | None, where: dict[str, str]
    ) -> AnalysisReady:
        from kano_tui.engine.analysis.run import backlog

        self.workspace.responses()  # loaded once, kept for every screen
        analysis = self.workspace.analyze(classifier, wave=wave, where=where or None, table=table)
        return AnalysisReady(analysis, backlog(self.workspace.project, analysis))

    def _analysis_failed(self, _: BaseException) -> None:
        self._clear_results()  # what is still shown is not this analysis'
        self._status("the analysis failed")

    def _ready(self, message: AnalysisReady) -> None:
        assert message.analysis is not None
        self.analysis = message.analysis
        self.backlog_items = message.backlog or []
        self._show_results(message.analysis)
        self._show_plots(message.analysis)
        self._show_backlog(self.backlog_items)
        self._status()
        if self._compare is not None:  # compared when the Compare tab is shown
            self.query_one(CompareView).compare(self._compare)
        if self.kano.plugins_ready:  # the plugins' tabs (register_panels)
            tabs = self.query_one("#analysis-tabs", TabbedContent)
            sync_panels(tabs, self.kano.plugins, message.analysis)

    def _status(self, doing: str = "") -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"classifier {self.kano.classifier} · table {self.kano.evaluation_table}")
        wave, where = self._filters()
        for column, value in where.items():
            text.append(f" · {column} = {value}")
        if wave:
            text.append(f" · wave {wave}")
        if self.analysis is not None and not doing:
            answered = max((r.n for r in self.analysis.results()), default=0)
            text.append(
                f" · up to {answered:,} answers per feature"
                if answered
                else " · no answers yet: import responses (2)"
            )
            if self.analysis.weight:
                text.append(f" · weighted by {self.analysis.weight}")
            if self.analysis.quality is not None:
                text.append(f" · {self.analysis.quality.summary()} (e: keep all)")
            elif not self.workspace.apply_exclusions:
                text.append(" · quality exclusions off (e: on)")
        if doing:
            text.append(f" · {doing}")
        self.query_one("#analysis-status", Static).update(text)

    # ----------------------------------------------------------------- views
    def _clear_results(self) -> None:
        self.analysis, self.backlog_items = None, []
        for table_id in ("#results-table", "#backlog-table"):
            self.query_one(table_id, DataTable).clear()
        for plot_id in ("#kano-plot-view", "#continuous-plot-view"):
            plot = self.query_one(plot_id, QuadrantPlot)
            plot.set_points([], plot.spec, "the analysis failed")

    def _show_results(self, analysis: Analysis) -> None:

        table = self.query_one("#results-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        results = analysis.results()
        extra = analysis.groups[0].extra
        table.add_column("Cat", key="category", width=3)
        table.add_column("Feature", key="name", width=20)
        # Fixed widths (the layout does not depend on when the rows arrive), widened for
        # counts of a million respondents rather than cutting their digits. What a Kano
        # user came for fits 80 columns: n, Better, Worse and significance; the counts,
        # strengths and means follow (sideways, one column per key press), then the
        # columns the classifier added (a confidence, a score).
        n_width = count_width((r.n for r in results), 5)
        counts_width = count_width((r.counts[c] for r in results for c in "AOMIRQ"), 4)
        extra_widths = [
            min(
                max(len(name), *(len(extra_text(r.extra.get(name))) for r in results), 4),
                EXTRA_WIDTH,
            )
            for name in extra
        ]
        for key, title, width in (
            ("n", "n", n_width),
            ("better", "Better", 6),
            ("worse", "Worse", 6),
            ("sig", "Sig.", 4),
            *((c, c, counts_width) for c in "AOMIRQ"),
            ("ts", "TS", 5),
            ("cs", "CS", 5),
            ("fm", "F mean", 6),
            ("dm", "D mean", 6),
            ("imp", "Imp.", 4),
            ("bci", "Better 95%", 9),
            ("wci", "Worse 95%", 11),
            *(
                (f"extra:{name}", name, width)
                for name, width in zip(extra, extra_widths, strict=True)
            ),
        ):
            table.add_column(
                Text(title, justify="right", no_wrap=True, overflow="ellipsis"),
                key=key,
                width=width,
            )
        for result in results:
            counts = result.counts
            significant = result.significant
            table.add_row(
                category_text(self.app, result.category),
                Text(result.name, no_wrap=True, overflow="ellipsis"),
                _n_text(result),
                number_text(result.better),
                number_text(result.worse),
                Text(
                    "yes" if significant else "no",
                    justify="right",
                    style="bold" if significant else "dim",
                ),
                *(number_text(counts[letter], digits=0) for letter in "AOMIRQ"),
                number_text(result.total_strength),
                number_text(result.category_strength),
                number_text(result.functional_mean),
                number_text(result.dysfunctional_mean),
                number_text(result.importance_mean, digits=1),
                _ci_text(result.better_ci),
                _ci_text(result.worse_ci),
                *(
                    Text(
                        extra_text(result.extra.get(name)),
                        justify="right",
                        no_wrap=True,
                        overflow="ellipsis",
                    )
                    for name in extra
                ),
                key=result.id,
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _show_plots(self, analysis: Analysis) -> None:
        results = analysis.results()
        settings = self.workspace.project.settings
        kano_points = [PlotPoint(r.name, r.abs_worse, r.better, r.category) for r in results]
        continuous = [
            PlotPoint(r.name, r.dysfunctional_mean, r.functional_mean, r.category) for r in results
        ]
        note = "" if any(r.n for r in results) else "no answers yet: import responses (2)"
        self.query_one("#kano-plot-view", QuadrantPlot).set_points(
            kano_points, kano_plot_spec(settings.better_worse_split), note
        )
        self.query_one("#continuous-plot-view", QuadrantPlot).set_points(
            continuous, continuous_plot_spec(settings.continuous_split), note
        )

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
                number_text(item.rank, digits=0),
                category_text(self.app, item.category),
                Text(item.name, no_wrap=True, overflow="ellipsis"),
                number_text(item.value, digits=1),
                number_text(item.effort, digits=1),
                number_text(item.value_per_effort, digits=1),
                Text(item.status, style="dim" if item.status in ("done", "dropped") else ""),
                Text(item.action + (f" · {item.note}" if item.note else "")),
                key=item.feature,
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self._show_plan(items)

    def _show_plan(self, items: list[BacklogItem]) -> None:
        from kano_tui.engine.analysis.planning import plan_lines, plan_rows

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
        from kano_tui.engine.project.catalogue import next_status, set_status

        table = self.query_one("#backlog-table", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        feature = self.workspace.project.feature(str(key))
        if feature is None:
            return
        status = next_status(feature.status)
        self.kano.try_edit(
            f"Set {feature.name} to {status}",
            lambda project: set_status(project, feature.id, status),
        )
        self.notify(f"{feature.name}: {status}")

    @on(DataTable.RowSelected, "#results-table")
    def _feature_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open_detail(str(event.row_key.value))

    def action_feature_detail(self) -> None:
        table = self.query_one("#results-table", DataTable)
        if table.row_count:
            self.action_tab("results")
            row_key, _ = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0))
            self._open_detail(str(row_key.value))

    def _open_detail(self, feature_id: str) -> None:
        from kano_tui.tui.feature_detail import FeatureDetailScreen

        wave, where = self._filters()
        self.app.push_screen(FeatureDetailScreen(feature_id, self.kano.classifier, wave, where))

    def action_plot_zoom(self) -> None:
        for plot in self.query(QuadrantPlot):
            plot.toggle_zoom()

    def action_plot_page(self, step: int) -> None:
        for plot in self.query(QuadrantPlot):
            plot.turn_page(step)

    def action_tab(self, tab: str) -> None:
        self.query_one("#analysis-tabs", TabbedContent).active = tab
        focus = {
            "results": "#results-table",
            "backlog": "#backlog-table",
            "compare": "#compare-by",
        }.get(tab)
        if focus:
            self.query_one(focus).focus()

    def action_plugin_panel(self) -> None:
        """Show the next tab a plugin added (register_panels)."""
        tabs = self.query_one("#analysis-tabs", TabbedContent)
        if not next_panel(tabs):
            self.notify("No plugin adds a panel here; `kano plugins` lists what each adds.")

    def action_compare_paths(self) -> None:
        """Show the Compare tab's paths on the Kano plot (or its table again)."""
        tabs = self.query_one("#analysis-tabs", TabbedContent)
        view = self.query_one(CompareView)
        if tabs.active != "compare":
            tabs.active = "compare"
            view.set_class(True, "-paths")
            return
        view.toggle_paths()

    def action_toggle_exclusions(self) -> None:
        """Leave out the respondents [quality] exclude flags, or keep every one."""
        self.workspace.apply_exclusions = not self.workspace.apply_exclusions
        state = "on" if self.workspace.apply_exclusions else "off: every respondent counts"
        self.notify(f"Quality exclusions {state}.")
        self._analyse()


def _n_text(result: FeatureResult) -> Text:
    """n, marked ``*`` when under [settings] small_sample."""
    text = number_text(result.n, digits=0)
    if result.small_sample:
        text.append("*", style="bold")
    return text


def _ci_text(ci: Interval | None) -> Text:
    if ci is None:
        return Text("–", justify="right", style="dim")
    return Text(ci.text(), justify="right")
