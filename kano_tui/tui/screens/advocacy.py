"""The Advocacy screen (key 5): are customers becoming advocates, wave after wave?

Three tabs:

- **NPS & CSAT**: per wave (and per segment, ``s`` cycles the segment column) the NPS with
  its 95% margin of error, the change from the previous wave and whether it is
  significant, CSAT as top-2-box percentage and as mean; plots of the NPS with its margin
  and of the CSAT top-2-box share.
- **Retention & referrals**: the KPI periods with retention, churn, growth, referral rate
  and conversion, the referral definition, plots of the retention and referral trends;
  ``a`` adds, ``e`` edits and ``d`` deletes a period (undoable, saved with ctrl+s).
- **Lifecycle**: each feature's category per wave, its migration path and trend, and how
  old its evidence is (stale evidence flagged with ``!``).

Every figure comes from ``kano_tui.engine.customers.advocacy`` in a worker; the screen only draws.
Plots are textual-plot widgets, not focusable, so the keys stay with the screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import DataTable, Static, TabbedContent, TabPane
from textual_plot import HiResMode, PlotWidget
from textual_plot.axis_formatter import CategoricalAxisFormatter

from kano_tui.engine.customers.advocacy import AdvocacyReport
from kano_tui.tui.base import KanoScreen
from kano_tui.tui.colours import category_text
from kano_tui.tui.text import number_text

if TYPE_CHECKING:
    from kano_tui.engine.project.model import KpiPeriod

TABS: tuple[str, ...] = ("tab-nps", "tab-kpi", "tab-lifecycle")


@dataclass(frozen=True)
class AdvocacyReady:
    """The report and the segment columns, from the worker."""

    report: AdvocacyReport
    segments: list[str]


class TrendPlot(PlotWidget, can_focus=False):
    """A small trend plot: narrow margins, and never focused, so the arrow keys stay with
    the screen's tables instead of panning the plot."""

    margin_top = reactive(1)
    margin_bottom = reactive(3)
    margin_left = reactive(6)


class SpacedCategories(CategoricalAxisFormatter):
    """Wave or period labels under a plot, thinned so that they never collide: when the
    plot is too narrow for all of them, every k-th is written (always the newest), the
    other ticks stay unlabelled."""

    def __init__(self, categories: list[str], width: Callable[[], int]) -> None:
        super().__init__(categories)
        self.width = width

    def step(self) -> int:
        count = len(self.categories)
        if count <= 1:
            return 1
        per_category = max(self.width(), 1) / count
        longest = max(len(label) for label in self.categories) + 1  # a space between
        return max(1, math.ceil(longest / per_category))

    def get_labels_for_ticks(self, ticks: Sequence[float]) -> list[str]:
        step, last = self.step(), len(self.categories)
        return [
            label if (last - round(tick)) % step == 0 else ""
            for tick, label in zip(ticks, super().get_labels_for_ticks(ticks))
        ]


def trend_plot(plot_id: str) -> TrendPlot:
    return TrendPlot(id=plot_id, classes="advocacy-plot", allow_pan_and_zoom=False)


class AdvocacyScreen(KanoScreen):
    """NPS, CSAT, KPI periods and the Kano lifecycle."""

    DEFAULT_CSS = """
    #advocacy-status { height: 1; padding: 0 1; color: $text-muted; }
    #advocacy-tabs { height: 1fr; }
    #advocacy-tabs TabPane { padding: 0; }
    .advocacy-table { height: auto; max-height: 9; }
    #lifecycle-table { height: 1fr; max-height: 100%; }
    .advocacy-plots { height: 1fr; min-height: 6; }
    .advocacy-plot { width: 1fr; height: 1fr; }
    .advocacy-note { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("right_square_bracket", "tab(1)", "Next tab", id="advocacy.next_tab"),
        Binding(
            "left_square_bracket", "tab(-1)", "Previous tab", show=False, id="advocacy.previous_tab"
        ),
        Binding("s", "segment", "Segment", id="advocacy.segment"),
        Binding("a", "add_period", "Add period", id="advocacy.add_period"),
        Binding("e", "edit_period", "Edit period", id="advocacy.edit_period"),
        Binding("d", "delete_period", "Delete period", id="advocacy.delete_period"),
    ]
    PALETTE_COMMANDS: ClassVar[list[tuple[str, str, str]]] = [
        ("Next tab", "tab(1)", "NPS & CSAT, Retention & referrals, Lifecycle"),
        ("Next segment", "segment", "Show NPS and CSAT per value of the next segment column"),
        ("Add KPI period", "add_period", "Add a period of customer counts"),
        ("Edit KPI period", "edit_period", "Edit the highlighted KPI period"),
        ("Delete KPI period", "delete_period", "Delete the highlighted KPI period (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: AdvocacyReport | None = None
        self.segments: list[str] = []
        self.segment: str | None = None
        self.reported_revision = -1

    def compose_body(self) -> ComposeResult:
        yield Static(id="advocacy-status")
        with TabbedContent(id="advocacy-tabs"):
            with TabPane("NPS & CSAT", id="tab-nps"):
                yield DataTable(
                    id="nps-table", classes="advocacy-table", cursor_type="row", zebra_stripes=True
                )
                with Horizontal(classes="advocacy-plots"):
                    yield trend_plot("nps-plot")
                    yield trend_plot("csat-plot")
            with TabPane("Retention & referrals", id="tab-kpi"):
                yield DataTable(
                    id="kpi-table", classes="advocacy-table", cursor_type="row", zebra_stripes=True
                )
                yield Static(id="kpi-note", classes="advocacy-note")
                with Horizontal(classes="advocacy-plots"):
                    yield trend_plot("retention-plot")
                    yield trend_plot("referral-plot")
            with TabPane("Lifecycle", id="tab-lifecycle"):
                yield DataTable(id="lifecycle-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="lifecycle-note", classes="advocacy-note")

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "classifier", lambda _: self._compute(), init=False)

    def project_changed(self, first: bool) -> None:
        self._compute()

    # ----------------------------------------------------------------- computing
    def _compute(self) -> None:
        self._show_status(computing=True)
        revision = self.kano.revision
        self.run_in_thread(
            partial(self._report, self.kano.classifier, self.segment),
            partial(self._ready, revision=revision),
            group="advocacy-report",
            key=lambda: (self.kano.revision, self.segment),
        )

    def _report(self, classifier: str, segment: str | None) -> AdvocacyReady:
        from kano_tui.engine.analysis.respondents import segment_columns
        from kano_tui.engine.customers.advocacy import advocacy_report

        segments = segment_columns(self.workspace.responses())
        report = advocacy_report(self.workspace, by=segment, classifier=classifier)
        return AdvocacyReady(report, segments)

    def _ready(self, result: AdvocacyReady, revision: int) -> None:
        self.report, self.segments = result.report, result.segments
        self.reported_revision = revision
        self._draw()

    # ----------------------------------------------------------------- drawing
    def _draw(self) -> None:
        if self.report is None:
            return
        self._show_status()
        self._draw_nps(self.report)
        self._draw_kpis(self.report)
        self._draw_lifecycle(self.report)

    def _show_status(self, computing: bool = False) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("segment: ")
        text.append(self.segment or "all respondents")
        if self.segments:
            text.append(" (s: next)", style="dim")
        text.append(f" · classifier {self.kano.classifier}")
        if computing or self.reported_revision != self.kano.revision:
            text.append(" · computing…")
        self.query_one("#advocacy-status", Static).update(text)

    def _draw_nps(self, report: AdvocacyReport) -> None:
        table = self.query_one("#nps-table", DataTable)
        table.clear(columns=True)
        segmented = report.by is not None
        if segmented:
            table.add_column("Segment", key="segment")
        table.add_column("Wave", key="wave")
        for label, key in (
            ("n", "n"),
            ("NPS", "nps"),
            ("±95%", "margin"),
            ("Change", "change"),
            ("Sig.", "significant"),
            ("CSAT top-2 %", "top2"),
            ("CSAT mean", "mean"),
        ):
            table.add_column(Text(label, justify="right"), key=key)
        for series in report.series:
            for point in (*series.waves, series.total):
                change = point.change
                cells = [] if not segmented else [Text(series.value or "all")]
                cells += [
                    Text(
                        point.wave if point.wave is not None else "all waves",
                        style="" if point.wave is not None else "bold",
                    ),
                    number_text(point.nps.n, digits=0),
                    number_text(point.nps.nps, digits=1, signed=True),
                    number_text(point.nps.margin, digits=1),
                    number_text(change.delta if change else None, digits=1, signed=True),
                    Text(
                        ("yes" if change.significant else "no") if change else "",
                        justify="right",
                        style="bold" if change and change.significant else "",
                    ),
                    number_text(point.csat.top2_percent, digits=1),
                    number_text(point.csat.mean, digits=2),
                ]
                table.add_row(*cells)
        overall = report.overall
        waves = [p.wave or "" for p in overall.waves]
        nps = [p.nps.nps for p in overall.waves]
        margins = [p.nps.margin or 0.0 for p in overall.waves]
        self._plot(
            "nps-plot",
            waves,
            nps,
            margins,
            "NPS ±95% (all respondents)",
            limits=(
                max(
                    -100.0,
                    min((v - m for v, m in zip(nps, margins) if v is not None), default=-10) - 5,
                ),
                min(
                    100.0,
                    max((v + m for v, m in zip(nps, margins) if v is not None), default=10) + 5,
                ),
            ),
        )
        self._plot(
            "csat-plot",
            waves,
            [p.csat.top2_percent for p in overall.waves],
            None,
            "CSAT top-2-box %",
            limits=(0.0, 100.0),
        )

    def _plot(
        self,
        plot_id: str,
        labels: list[str],
        values: list[float | None],
        errors: list[float] | None,
        title: str,
        limits: tuple[float, float],
    ) -> None:
        plot = self.query_one(f"#{plot_id}", PlotWidget)
        plot.clear()
        plot.set_xlabel(title)
        points = [
            (i + 1, v, errors[i] if errors else 0.0) for i, v in enumerate(values) if v is not None
        ]
        if not points:
            plot.set_xlabel(f"{title}: no data yet")
            return
        colours = self.app.get_css_variables()
        line = colours.get("primary", "")
        marker = colours.get("accent", "")
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        plot.set_x_formatter(
            SpacedCategories(labels, lambda: plot.size.width - plot.margin_left - 1)
        )
        plot.set_xlimits(0.5, len(labels) + 0.5)
        plot.set_ylimits(*limits)
        if len(points) > 1:
            plot.plot(xs, ys, line_style=line, hires_mode=HiResMode.BRAILLE)
        if errors is not None:
            plot.errorbar(xs, ys, yerr=[p[2] for p in points], marker="●", marker_style=marker)
        else:
            plot.scatter(xs, ys, marker="●", marker_style=marker)

    def _draw_kpis(self, report: AdvocacyReport) -> None:
        table = self.query_one("#kpi-table", DataTable)
        highlighted = self.highlighted_period()
        table.clear(columns=True)
        table.add_column("Period", key="label")
        for label, key in (
            ("S", "start"),
            ("N", "new"),
            ("E", "end"),
            ("Retention", "retention"),
            ("Churn", "churn"),
            ("Growth", "growth"),
            ("Referral", "referral"),
            ("Conv.", "conversion"),
        ):
            table.add_column(Text(label, justify="right"), key=key)
        for k in report.kpis:
            p = k.period
            table.add_row(
                Text(p.label),
                number_text(p.customers_start, digits=0),
                number_text(p.customers_new, digits=0),
                number_text(p.customers_end, digits=0),
                number_text(k.retention, digits=1),
                number_text(k.churn, digits=1),
                number_text(k.growth, digits=1, signed=True),
                number_text(k.referral_rate, digits=1),
                number_text(k.referral_conversion, digits=1),
                key=p.label,
            )
        labels = [k.period.label for k in report.kpis]
        if highlighted in labels:
            table.move_cursor(row=labels.index(highlighted))
        note = Text()
        if not report.kpis:
            note.append(
                "No KPI periods yet: press a to add one (customers at start, new, "
                "at end, new by referral)."
            )
        else:  # the definition first: the note has three lines at most
            for definition in sorted({k.period.referral_definition for k in report.kpis}):
                note.append("Referral: ", style="bold").append(definition).append("\n")
            note.append(
                "Rates in %: retention (E−N)/S · churn 100−retention · growth (E−S)/S "
                "· referral by-referral/N · conversion by-referral/referrals made",
                style="dim",
            )
        self.query_one("#kpi-note", Static).update(note)
        self._plot(
            "retention-plot",
            labels,
            [k.retention for k in report.kpis],
            None,
            "Retention %",
            limits=(0.0, 100.0),
        )
        referral = [k.referral_rate for k in report.kpis]
        top = max((v for v in referral if v is not None), default=10.0)
        self._plot(
            "referral-plot",
            labels,
            referral,
            None,
            "Referral rate %",
            limits=(0.0, min(100.0, top * 1.25 + 1)),
        )

    def _draw_lifecycle(self, report: AdvocacyReport) -> None:
        life = report.lifecycle
        table = self.query_one("#lifecycle-table", DataTable)
        table.clear(columns=True)
        table.add_column("Feature", key="feature", width=24)
        for index, wave in enumerate(life.waves):
            table.add_column(Text(wave), key=f"wave-{index}")
        table.add_column("Path", key="path")
        table.add_column("Trend", key="trend")
        table.add_column("Evidence", key="evidence")
        for row in life.rows:
            evidence = (
                "no answers"
                if row.last_wave is None
                else ("undated" if row.age_days is None else f"{row.age_days} days")
            )
            table.add_row(
                Text(row.name, no_wrap=True, overflow="ellipsis"),
                *(category_text(self.app, letter) for letter in row.categories),
                Text(row.path or "–"),
                Text(row.trend),
                Text(
                    f"! stale, {evidence}" if row.stale else evidence,
                    style="bold" if row.stale else "",
                ),
                key=row.feature,
            )
        note = Text(style="dim")
        if not life.waves:
            note.append("No waves yet: the lifecycle needs responses with a wave.")
        else:
            note.append(
                f"{len(life.migrations)} feature(s) changed category; "
                f"{len(life.stale)} with evidence older than {life.stale_after_days} "
                "days (settings.stale_after_days). Kano's lifecycle: I → A → O → M."
            )
        self.query_one("#lifecycle-note", Static).update(note)

    # ----------------------------------------------------------------- actions
    def action_tab(self, step: int) -> None:
        tabs = self.query_one("#advocacy-tabs", TabbedContent)
        current = TABS.index(tabs.active) if tabs.active in TABS else 0
        tabs.active = TABS[(current + step) % len(TABS)]

    def action_segment(self) -> None:
        if not self.segments:
            self.notify(
                "No segment columns: import responses with respondent attributes.",
                severity="warning",
            )
            return
        choices: list[str | None] = [None, *self.segments]
        self.segment = choices[
            (choices.index(self.segment) + 1) % len(choices) if self.segment in choices else 0
        ]
        self.query_one("#advocacy-tabs", TabbedContent).active = "tab-nps"
        self._compute()

    def highlighted_period(self) -> str | None:
        table = self.query_one("#kpi-table", DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - an empty or refreshing table has no cursor
            return None
        return str(key.value) if key.value is not None else None

    def _kpi_tab(self) -> None:
        self.query_one("#advocacy-tabs", TabbedContent).active = "tab-kpi"

    def action_add_period(self) -> None:
        from kano_tui.tui.journey_forms import KpiForm

        self._kpi_tab()
        self.app.push_screen(KpiForm(None))

    def _need_period(self) -> KpiPeriod | None:
        from kano_tui.engine.customers.advocacy import find_kpi_period
        from kano_tui.errors import KanoError

        self._kpi_tab()
        label = self.highlighted_period()
        if label is None:
            self.notify("No KPI period is highlighted.", severity="warning")
            return None
        try:
            return find_kpi_period(self.workspace.project, label)
        except KanoError as error:
            self.kano.report_error(error)
            return None

    def action_edit_period(self) -> None:
        from kano_tui.tui.journey_forms import KpiForm

        period = self._need_period()
        if period is not None:
            self.app.push_screen(KpiForm(period))

    def action_delete_period(self) -> None:
        from kano_tui.engine.customers.advocacy import remove_kpi_period
        from kano_tui.tui.modals import ConfirmScreen

        period = self._need_period()
        if period is None:
            return
        label = period.label

        def answered(yes: bool | None) -> None:
            if yes:
                self.kano.try_edit(
                    f"Delete KPI period {label}", lambda project: remove_kpi_period(project, label)
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the KPI period {label!r}? ctrl+z undoes this.", yes="Delete", no="Keep"
            ),
            answered,
        )
