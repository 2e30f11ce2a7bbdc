"""One feature up close (Enter on the Analysis screen's Results): the answer-pair table
and its figures per wave and per segment, all from kano_tui.engine.analysis.detail."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kano_tui.tui.colours import category_text
from kano_tui.tui.text import number_text
from kano_tui.tui.workers import ThreadWork

if TYPE_CHECKING:
    from kano_tui.engine.analysis.detail import FeatureDetail, GroupFigures
    from kano_tui.tui.app import KanoApp

ANSWERS = ("like", "expect", "neutral", "tolerate", "dislike")


class FeatureDetailScreen(ModalScreen[None], ThreadWork):
    """``esc`` closes; the body scrolls with the arrows, page keys, home and end."""

    BINDINGS = [Binding("escape,q,enter", "dismiss", "Close", id="detail.close")]

    def __init__(
        self, feature_id: str, classifier: str, wave: str | None, where: dict[str, str]
    ) -> None:
        super().__init__()
        self.feature_id, self.classifier, self.wave, self.where = (
            feature_id,
            classifier,
            wave,
            where,
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog--wide", id="feature-detail"):
            yield Label(
                Text(f"{self.feature_id}  (esc closes)"), id="detail-title", classes="dialog--title"
            )
            with VerticalScroll(id="detail-body"):
                yield Static(Text("loading…", style="dim"), id="detail-content")

    def on_mount(self) -> None:
        self.query_one("#detail-body").focus()
        self._load()

    def _load(self) -> None:
        from kano_tui.engine.analysis.detail import feature_detail

        app: KanoApp = self.app  # type: ignore[assignment]
        self.run_in_thread(
            partial(
                feature_detail,
                app.workspace,
                self.feature_id,
                self.classifier,
                wave=self.wave,
                where=self.where or None,
            ),
            self._ready,
            failed=lambda _: self.dismiss(),
            group="feature-detail",
        )

    def _ready(self, detail: FeatureDetail) -> None:
        title = Text.assemble(
            (detail.name, "bold"),
            f"  ({detail.feature}) · classifier {detail.classifier}  (esc closes)",
        )
        self.query_one("#detail-title", Label).update(title)
        self.query_one("#detail-content", Static).update(self._content(detail))

    # ----------------------------------------------------------------- drawing
    def _content(self, detail: FeatureDetail) -> Group:
        parts: list[object] = [self._headline(detail), Text("")]
        parts += [self._pairs(detail), Text("")]
        if detail.waves:
            parts += [self._groups("Per wave", detail.waves), Text("")]
        if detail.segments:
            parts.append(self._groups("Per segment", detail.segments))
        return Group(*parts)  # type: ignore[arg-type]

    def _headline(self, detail: FeatureDetail) -> Text:
        """The feature's figures among the respondents the Analysis screen shows."""
        figures = detail.overall
        line = Text.assemble("n ", str(figures.n), " · ")
        line.append_text(category_text(self.app, figures.category, long=True))
        line.append(f" · Better {_fmt(figures.better)} · Worse {_fmt(figures.worse)} · ")
        line.append("significant" if figures.significant else "not significant")
        return line

    def _pairs(self, detail: FeatureDetail) -> Table:
        """Functional answer (row) by dysfunctional answer (column): count and category."""
        distribution = detail.distribution
        table = Table(
            title=Text("Answer pairs: functional (rows) × dysfunctional (columns)", style="bold"),
            title_justify="left",
            padding=(0, 1),
            box=box.SIMPLE_HEAD,
            show_edge=False,
        )
        table.add_column("F \\ D", no_wrap=True)
        for answer in ANSWERS:
            table.add_column(answer, justify="right", no_wrap=True)
        for f, answer in enumerate(ANSWERS, start=1):
            cells = [Text(answer)]
            for d in range(1, 6):
                letter = distribution.pair_category(f, d)
                cell = Text(str(distribution.pairs[f - 1][d - 1]))
                cell.append(" ").append_text(category_text(self.app, letter))
                cells.append(cell)
            table.add_row(*cells)
        counts = Text("Counts: ")
        for letter, value in distribution.categories.items():
            counts.append_text(category_text(self.app, letter)).append(f" {value}  ")
        table.caption = counts
        table.caption_justify = "left"
        return table

    def _groups(self, title: str, groups: tuple[GroupFigures, ...]) -> Table:
        table = Table(
            title=Text(title, style="bold"),
            title_justify="left",
            padding=(0, 1),
            box=box.SIMPLE_HEAD,
            show_edge=False,
        )
        for name, justify in (
            ("Group", "left"),
            ("n", "right"),
            ("Cat.", "left"),
            ("Better", "right"),
            ("Worse", "right"),
            ("Sig.", "right"),
        ):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for group in groups:
            label = group.value if group.by in ("wave", "") else f"{group.by}: {group.value}"
            table.add_row(
                Text(label),
                number_text(group.n, digits=0),
                category_text(self.app, group.category, long=True),
                number_text(group.better),
                number_text(group.worse),
                Text("yes" if group.significant else "no"),
            )
        return table


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
