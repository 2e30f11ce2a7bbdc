"""The Analysis screen's Compare tab: is the change between waves or segments real?

Draws the engine's :class:`~kano_tui.engine.analysis.compare.Comparison`, computed in a
worker when the tab is shown after an analysis (it needs pandas and scipy: seconds at a
million respondents, which the rest of the screen does not wait for): per feature the category in each group, the change of Better and Worse
with its 95% interval, the chi-square p-value and whether it is significant; a ``*``
marks a group under ``[settings] small_sample`` and ``!`` an expected count under 5.
Below, the Kano plot with each feature's path across the groups (``a`` switches).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Select, Static

from kano_tui.tui.colours import category_text
from kano_tui.tui.text import number_text
from kano_tui.tui.widgets.row_table import RowTable
from kano_tui.tui.widgets.trajectory_plot import TrajectoryPlot
from kano_tui.tui.workers import ThreadWork

if TYPE_CHECKING:
    from kano_tui.engine.analysis.compare import Comparison


@dataclass(frozen=True)
class CompareRequest:
    """What the Compare tab compares: the analysis' choices and the column to compare by."""

    classifier: str
    table: str
    wave: str | None
    where: dict[str, str]
    by: str | None


WIDE = 100  # columns from which the table has room for the two 95% intervals


def _interval(ci: tuple[float, float] | None) -> Text:
    if ci is None:
        return Text("–", justify="right", style="dim")
    return Text(f"{ci[0]:+.2f}..{ci[1]:+.2f}", justify="right")


def _p_value(p: float | None) -> Text:
    if p is None:
        return Text("–", justify="right", style="dim")
    return Text("<.001" if p < 0.001 else f"{p:.3f}", justify="right")


class CompareView(Vertical, ThreadWork):
    """The Compare tab: a column to compare by, the table of changes and the paths."""

    DEFAULT_CSS = """
    CompareView { height: 1fr; }
    CompareView #compare-status { height: auto; max-height: 3; }
    CompareView #compare-table { height: 1fr; }
    CompareView TrajectoryPlot { height: 1fr; display: none; }
    CompareView.-paths TrajectoryPlot { display: block; }
    CompareView.-paths #compare-table { display: none; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._pending: CompareRequest | None = None  # to compare when shown
        self._visible = False
        self._shown: Comparison | None = None  # drawn again when the width crosses WIDE
        self._drawn_wide: bool | None = None

    def compose(self) -> ComposeResult:
        yield Select([], prompt="compare by", id="compare-by", compact=True)
        yield Static(
            Text("choose a column to compare by (the wave, a segment)"), id="compare-status"
        )
        yield RowTable(id="compare-table", fixed_columns=1)
        from kano_tui.tui.plot_specs import kano_plot_spec

        yield TrajectoryPlot(kano_plot_spec(), id="compare-paths")

    # ----------------------------------------------------------------- comparing
    def compare(self, request: CompareRequest) -> None:
        """Compare what ``request`` asks for now if the tab is shown, else when it is."""
        self._pending = request
        self._compare_pending()

    def on_show(self) -> None:
        self._visible = True
        self._compare_pending()

    def on_hide(self) -> None:
        self._visible = False

    def _compare_pending(self) -> None:
        request = self._pending
        if request is None or not self._visible:
            return
        self._pending = None
        if request.by is None:
            self.show(None)
            return
        self.show_message(f"comparing by {request.by}…")
        self.run_in_thread(
            partial(self._compare_work, request),
            self._compared,
            failed=lambda _: self.show_message("the comparison failed"),
            group="analysis-compare",  # a newer request cancels this one
        )

    def _compare_work(self, request: CompareRequest) -> Comparison | str:
        from kano_tui.errors import KanoError

        workspace = self.app.workspace  # type: ignore[attr-defined]
        try:  # comparing waves looks at every wave, whatever the wave filter
            comparison: Comparison = workspace.compare(
                request.classifier,
                by=request.by,
                where=request.where or None,
                wave=None if request.by == "wave" else request.wave,
                table=request.table,
            )
        except KanoError as reason:  # e.g. one value only: said in the tab
            return str(reason)
        return comparison

    def _compared(self, comparison: Comparison | str) -> None:
        if isinstance(comparison, str):
            self.show_message(comparison)
        else:
            self.show(comparison)

    # ----------------------------------------------------------------- drawing
    def toggle_paths(self) -> None:
        self.toggle_class("-paths")

    def show_message(self, message: str) -> None:
        self._shown = None
        self.query_one("#compare-table", DataTable).clear(columns=True)
        self.query_one("#compare-status", Static).update(Text(message))
        self.query_one(TrajectoryPlot).set_paths([], [])

    def on_resize(self) -> None:
        if self._shown is not None and (self.size.width >= WIDE) != self._drawn_wide:
            self.show(self._shown)

    def show(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.show_message("choose a column to compare by (the wave, a segment)")
            return
        self._shown = comparison
        # At 80 columns the test and the lifecycle come before the intervals: those two
        # columns only where they fit beside them (kano compare prints them all).
        wide = self._drawn_wide = self.size.width >= WIDE
        table = self.query_one("#compare-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column("Feature", key="name", width=16)
        table.add_column("From", key="from", width=4)
        table.add_column("To", key="to", width=4)
        for key, title, width in (
            ("db", "ΔBetter", 7),
            *([("dbci", "95% CI", 12)] if wide else []),
            ("dw", "ΔWorse", 6),
            *([("dwci", "95% CI", 12)] if wide else []),
            ("p", "p", 5),
            ("sig", "Sig.", 4),
            ("life", "Lifecycle", 9),
        ):
            table.add_column(
                Text(title, justify="right" if key != "life" else "left"), key=key, width=width
            )
        small = False
        low = False
        for change in comparison.changes:
            cells = []
            for side in (change.before, change.after):
                cell = category_text(self.app, side["category"])
                if side["small_sample"]:
                    cell.append("*", style="bold")
                    small = True
                cells.append(cell)
            significant = change.test.significant
            sig = Text(
                "yes" if significant else "no",
                justify="right",
                style="bold" if significant else "dim",
            )
            if change.test.low_expected:
                sig.append("!")
                low = True
            table.add_row(
                Text(change.name, no_wrap=True, overflow="ellipsis"),
                *cells,
                number_text(change.better_delta, signed=True),
                *([_interval(change.better_delta_ci)] if wide else []),
                number_text(change.worse_delta, signed=True),
                *([_interval(change.worse_delta_ci)] if wide else []),
                _p_value(change.test.p_value),
                sig,
                Text(change.lifecycle or "", style="bold"),
                key=change.feature,
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self.query_one("#compare-status", Static).update(self._summary(comparison, small, low))
        self.query_one(TrajectoryPlot).set_paths(
            [str(value) for value in comparison.values],
            [
                (change.name, comparison.trajectories()[change.feature], change.lifecycle)
                for change in comparison.changes
            ],
        )

    @staticmethod
    def _summary(comparison: Comparison, small: bool, low: bool) -> Text:
        text = Text(no_wrap=False)
        text.append(f"{comparison.by}: {comparison.before} → {comparison.after}", style="bold")
        text.append(f" · chi-square, alpha {comparison.alpha:g}")
        if len(comparison.values) > 2:
            text.append(
                f" · {len(comparison.values)} groups (omnibus in kano compare --format json)"
            )
        if small:
            text.append(" · * under [settings] small_sample", style="bold")
        if low:
            text.append(" · ! expected count < 5")
        steps = [f"{c.name} {c.lifecycle}" for c in comparison.changes if c.lifecycle]
        if steps:
            text.append(" · lifecycle: " + ", ".join(steps), style="bold")
        text.append(" · t: paths on the Kano plot", style="dim")
        return text
