"""The Responses screen (key 2): import surveys, browse respondents, see a feature's answers.

Loading and filtering run in a worker (a million respondents never freeze the screen);
the respondents table draws only the rows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane

from kano_tui.tui.base import KanoScreen
from kano_tui.tui.colours import category_style
from kano_tui.tui.text import choice
from kano_tui.tui.widgets.row_table import RowTable
from kano_tui.tui.widgets.virtual_table import TableColumn, VirtualTable
from kano_tui.wording import count

if TYPE_CHECKING:
    import numpy as np

    from kano_tui.engine.analysis.respondents import AnswerDistribution
    from kano_tui.engine.project.model import ImportRecord
    from kano_tui.engine.project.storage import Responses

ALL = "__all__"  # the Select value meaning "no filter"


@dataclass
class LoadedData:
    """Everything the screen shows about freshly loaded respondents, made in the worker."""

    responses: Responses
    columns: list[TableColumn]
    rows: np.ndarray
    waves: list[str]
    segments: list[str]


class ResponsesScreen(KanoScreen):
    """Imported respondents, filters by wave and segment, answer distributions, imports."""

    BINDINGS = [
        Binding("i", "import_file", "Import", id="responses.import"),
        Binding("w", "focus_filter('wave')", "Wave", id="responses.wave"),
        Binding("g", "focus_filter('segment')", "Segment", id="responses.segment"),
        Binding("v", "focus_filter('value')", "Value", show=False, id="responses.value"),
        Binding("x", "clear_filters", "Clear filters", show=False, id="responses.clear"),
        Binding(
            "r", "tab('respondents')", "Respondents", show=False, id="responses.tab_respondents"
        ),
        Binding("a", "tab('answers')", "Answers", id="responses.tab_answers"),
        Binding("m", "tab('imports')", "Imports", show=False, id="responses.tab_imports"),
        Binding(
            "delete", "remove_import", "Remove import", show=False, id="responses.remove_import"
        ),
        Binding(
            "left_square_bracket",
            "feature(-1)",
            "Prev feature",
            show=False,
            id="responses.prev_feature",
        ),
        Binding(
            "right_square_bracket",
            "feature(1)",
            "Next feature",
            show=False,
            id="responses.next_feature",
        ),
    ]
    PALETTE_COMMANDS: ClassVar[list[tuple[str, str, str]]] = [
        ("Import a survey file", "import_file", "Preview, map and import a survey"),
        ("Filter by wave", "focus_filter('wave')", "Only respondents of one wave"),
        ("Filter by segment", "focus_filter('segment')", "Only respondents of one segment"),
        ("Clear filters", "clear_filters", "Show every respondent"),
        ("Answer distribution", "tab('answers')", "One feature's answers and answer pairs"),
        ("Import history", "tab('imports')", "The survey files imported so far"),
        (
            "Remove the highlighted import",
            "remove_import",
            "Forget an imported file and its respondents (asks first)",
        ),
    ]

    AUTO_FOCUS = "#respondents-table"

    def __init__(self) -> None:
        super().__init__()
        self.responses: Responses | None = None
        self.rows: np.ndarray | None = None
        self.feature_id: str | None = None
        self._requested: tuple[object, ...] | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="responses-bar", classes="bar"):
            yield Static(Text("loading respondents…"), id="responses-status", classes="bar--status")
        with Horizontal(id="responses-filters"):
            # "all" is an option, not Select's blank prompt: the list would show it twice.
            yield Select(
                [(choice("wave: all"), ALL)],
                id="filter-wave",
                compact=True,
                allow_blank=False,
                value=ALL,
            )
            yield Select(
                [(choice("segment: none"), ALL)],
                id="filter-segment",
                compact=True,
                allow_blank=False,
                value=ALL,
            )
            yield Select(
                [(choice("value: all"), ALL)],
                id="filter-value",
                compact=True,
                allow_blank=False,
                value=ALL,
                disabled=True,
            )
        with TabbedContent(id="responses-tabs", initial="respondents"):
            with TabPane("Respondents", id="respondents"):
                yield VirtualTable(id="respondents-table")
            with TabPane("Answers", id="answers"):
                yield Select([], prompt="feature", id="answers-feature", compact=True)
                with VerticalScroll(id="answers-body"):
                    yield Static(id="answers-distribution")
            with TabPane("Imports", id="imports"):
                yield RowTable(id="imports-table")

    def on_mount(self) -> None:
        self.watch(self.app, "evaluation_table", self._table_changed, init=False)

    def _table_changed(self, _: str) -> None:
        self._build_table()  # each pair's category follows the table
        self._distribute()

    def project_changed(self, first: bool) -> None:
        self._show_imports()
        self._fill_features()
        data_revision = (
            len(self.workspace.project.imports),
            tuple(r.id for r in self.workspace.project.imports),
        )
        if first or data_revision != getattr(self, "_data_key", None) or self.responses is None:
            self._data_key = data_revision
            self._load()
        else:
            self._build_table()  # feature names may have changed
            self._select()

    # ----------------------------------------------------------------- loading
    def _load(self) -> None:
        from kano_tui.tui.respondent_columns import pair_texts

        self._status("loading respondents…")
        wave, where = self._filter_values()
        self._load_responses(pair_texts(self.app), wave, where)

    def _load_responses(self, texts: list[Text], wave: str | None, where: dict[str, str]) -> None:
        self.run_in_thread(
            partial(self._loaded_data, texts, wave, where),
            self._loaded,
            failed=lambda _: self._status("no respondents could be loaded"),
            group="responses-load",
        )

    def _loaded_data(
        self, texts: list[Text], wave: str | None, where: dict[str, str]
    ) -> LoadedData:
        """Load, and prepare everything shown, off the app's thread: at a million
        respondents only drawing the visible rows is left to it."""
        from kano_tui.engine.analysis.respondents import segment_columns, select_respondents
        from kano_tui.tui.respondent_columns import respondent_columns

        responses = self.workspace.responses()
        return LoadedData(
            responses=responses,
            columns=respondent_columns(self.workspace.project, responses, texts),
            rows=select_respondents(responses, wave=wave, where=where),
            waves=responses.waves(),
            segments=segment_columns(responses),
        )

    def _loaded(self, data: LoadedData) -> None:
        self.responses = data.responses
        self.rows = data.rows
        wave, where = self._filter_values()
        self._requested = (id(self.responses), wave, tuple(where.items()))
        self.query_one("#respondents-table", VirtualTable).set_data(data.columns, data.rows)
        self._status()
        self._fill_filters(data.waves, data.segments)
        self._distribute()

    def _build_table(self) -> None:
        from kano_tui.tui.respondent_columns import pair_texts, respondent_columns

        if self.responses is None:
            return
        table = self.query_one("#respondents-table", VirtualTable)
        columns = respondent_columns(self.workspace.project, self.responses, pair_texts(self.app))
        table.set_data(columns, table.rows if self.rows is None else self.rows)

    # ----------------------------------------------------------------- filters
    def _fill_filters(self, waves: list[str], segments: list[str]) -> None:
        wave_select = self.query_one("#filter-wave", Select)
        wave_select.set_options(
            [(choice("wave: all"), ALL)] + [(choice(f"wave: {w}"), w) for w in waves]
        )
        segment_select = self.query_one("#filter-segment", Select)
        segment_select.set_options(
            [(choice("segment: none"), ALL)] + [(choice(f"segment: {s}"), s) for s in segments]
        )

    def _filter_values(self) -> tuple[str | None, dict[str, str]]:
        wave = self.query_one("#filter-wave", Select).value
        segment = self.query_one("#filter-segment", Select).value
        value = self.query_one("#filter-value", Select).value
        where: dict[str, str] = {}
        if isinstance(segment, str) and segment != ALL and isinstance(value, str) and value != ALL:
            where[segment] = value
        return (wave if isinstance(wave, str) and wave != ALL else None), where

    @on(Select.Changed, "#filter-wave")
    @on(Select.Changed, "#filter-value")
    def _filter_changed(self) -> None:
        self._select(force=False)

    @on(Select.Changed, "#filter-segment")
    def _segment_changed(self, event: Select.Changed) -> None:
        from kano_tui.engine.analysis.respondents import segment_values

        value_select = self.query_one("#filter-value", Select)
        if self.responses is None or not isinstance(event.value, str) or event.value == ALL:
            value_select.set_options([(choice("value: all"), ALL)])
            value_select.disabled = True
        else:
            values = segment_values(self.responses, event.value)
            value_select.set_options(
                [(choice("value: all"), ALL)] + [(choice(f"{event.value}: {v}"), v) for v in values]
            )
            value_select.disabled = False
        self._select(force=False)

    def _select(self, force: bool = True) -> None:
        if self.responses is None:
            return
        wave, where = self._filter_values()
        key = (id(self.responses), wave, tuple(where.items()))
        if not force and key == self._requested:
            return  # e.g. a Select re-announcing the value it already had
        self._requested = key
        self._status("filtering…")
        self._run_selection(self.responses, wave, where)

    def _run_selection(self, responses: Responses, wave: str | None, where: dict[str, str]) -> None:
        from kano_tui.engine.analysis.respondents import select_respondents

        self.run_in_thread(
            partial(select_respondents, responses, wave=wave, where=where),
            self._selected,
            group="responses-select",
        )

    def _selected(self, rows: np.ndarray) -> None:
        self.rows = rows
        table = self.query_one("#respondents-table", VirtualTable)
        table.set_data(table.columns, rows)
        self._distribute()
        self._status()

    def _status(self, doing: str = "") -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        total = len(self.responses) if self.responses is not None else 0
        if self.responses is not None:
            shown = len(self.rows) if self.rows is not None else total
            text.append(
                f"{shown:,} of {count(total, 'respondent')}"
                if shown != total
                else count(total, "respondent")
            )
            imports = len(self.workspace.project.imports)
            text.append(f" · {count(imports, 'import')}")
            wave, where = self._filter_values()
            if wave:
                text.append(f" · wave {wave}")
            for column, value in where.items():
                text.append(f" · {column} = {value}")
            if not total:
                text.append(" · press i to import a survey file")
        if doing:
            text.append(f" · {doing}" if len(text) else doing)
        self.query_one("#responses-status", Static).update(text)

    def action_focus_filter(self, which: str) -> None:
        target = self.query_one(f"#filter-{which}", Select)
        if target.disabled:
            self.notify("Choose a segment column first (g).", severity="warning")
            return
        target.focus()
        target.action_show_overlay()

    def action_clear_filters(self) -> None:
        for which in ("wave", "segment"):
            self.query_one(f"#filter-{which}", Select).value = ALL
        self._select(force=False)

    # ----------------------------------------------------------------- answers
    def _fill_features(self) -> None:
        features = self.workspace.project.features
        select = self.query_one("#answers-feature", Select)
        select.set_options([(Text(f.name), f.id) for f in features])
        if features:
            ids = [f.id for f in features]
            self.feature_id = self.feature_id if self.feature_id in ids else ids[0]
            select.value = self.feature_id

    @on(Select.Changed, "#answers-feature")
    def _feature_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.feature_id:
            self.feature_id = event.value
            self._distribute()

    @on(TabbedContent.TabActivated, "#responses-tabs")
    def _tab_activated(self) -> None:
        self._distribute()

    def _distribute(self) -> None:
        """Count the answers of the chosen feature, only while the Answers tab shows them
        (at a million respondents it is work the respondents table need not wait for)."""
        tabs = self.query_one("#responses-tabs", TabbedContent)
        if tabs.active != "answers" or self.responses is None or self.rows is None:
            return
        if self.feature_id is None:
            self._show_distribution(None)
            return
        self._run_distribution(self.responses, self.feature_id, self.rows)

    def _run_distribution(self, responses: Responses, feature_id: str, rows: np.ndarray) -> None:
        self.run_in_thread(
            partial(self._distribution, responses, feature_id, rows),
            self._show_distribution,
            group="responses-distribution",
        )

    def _distribution(
        self, responses: Responses, feature_id: str, rows: np.ndarray
    ) -> AnswerDistribution:
        from kano_tui.engine.analysis.respondents import answer_distribution

        table = self.workspace.evaluation_table(self.kano.evaluation_table)
        return answer_distribution(responses, feature_id, rows, table)

    def action_feature(self, step: int) -> None:
        ids = [f.id for f in self.workspace.project.features]
        if not ids:
            return
        current = ids.index(self.feature_id) if self.feature_id in ids else 0
        self.query_one("#answers-feature", Select).value = ids[(current + step) % len(ids)]

    def _show_distribution(self, distribution: AnswerDistribution | None) -> None:
        from kano_tui.engine.importing.answers import TOKENS

        target = self.query_one("#answers-distribution", Static)
        if distribution is None:
            target.update(
                Text(
                    "No feature to show."
                    if not self.workspace.project.features
                    else "Choose a feature."
                )
            )
            return
        feature = self.workspace.project.feature(distribution.feature)
        title = Text(feature.name if feature else distribution.feature, style="bold")
        title.append(
            f"  {distribution.n:,} of {count(distribution.respondents, 'respondent')} "
            "answered both questions",
            style="",
        )
        totals = Text("Categories: ")
        for letter, number in distribution.categories.items():
            totals.append(f"{letter} ", style=category_style(self.app, letter))
            totals.append(f"{number:,}  ")
        answers = Table(box=None, padding=(0, 1), show_edge=False)
        answers.add_column("answer")
        answers.add_column("functional", justify="right")
        answers.add_column("dysfunctional", justify="right")
        for code, token in enumerate(TOKENS, start=1):
            answers.add_row(
                token, f"{distribution.functional[code]:,}", f"{distribution.dysfunctional[code]:,}"
            )
        answers.add_row(
            Text("(blank)", style="dim"),
            f"{distribution.functional[0]:,}",
            f"{distribution.dysfunctional[0]:,}",
        )
        pairs = Table(
            title=Text("functional ↓  dysfunctional →", style="dim"),
            title_justify="left",
            box=None,
            padding=(0, 1),
            show_edge=False,
        )
        pairs.add_column("")
        for token in TOKENS:
            pairs.add_column(token[:8], justify="right")
        for f, token in enumerate(TOKENS, start=1):
            cells: list[Text] = []
            for d in range(1, 6):
                letter = distribution.pair_category(f, d)
                cell = Text(f"{distribution.pairs[f - 1][d - 1]:,} ")
                cell.append(letter, style=category_style(self.app, letter))
                cells.append(cell)
            pairs.add_row(token, *cells)
        target.update(Group(title, totals, Text(""), answers, Text(""), pairs))

    # ----------------------------------------------------------------- imports
    def _show_imports(self) -> None:
        table = self.query_one("#imports-table", DataTable)
        table.clear(columns=True)
        for title in ("import", "file", "respondents", "importer", "wave", "imported"):
            table.add_column(title, key=title)
        for record in self.workspace.project.imports:
            table.add_row(
                Text(record.id),
                Text(record.source),
                Text(f"{record.rows:,}"),
                Text(record.importer),
                Text(record.wave or "–"),
                Text(record.imported_at[:16].replace("T", " ")),
                key=record.id,
            )

    # ----------------------------------------------------------------- actions
    def action_import_file(self) -> None:
        self.kano.start_import()

    def action_remove_import(self) -> None:
        from kano_tui.tui.modals import ConfirmScreen

        self.action_tab("imports")
        table = self.query_one("#imports-table", RowTable)
        records = self.workspace.project.imports
        if not records or table.row_count == 0:
            self.notify("No import to remove.", severity="warning")
            return
        record = records[min(max(table.cursor_row, 0), len(records) - 1)]

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove_import(record.id)

        self.app.push_screen(
            ConfirmScreen(
                f"Remove the import {record.id} of {record.source} ({record.rows:,} "
                "respondents)? The project is saved; this cannot be undone with ctrl+z.",
                yes="Remove",
                no="Keep",
            ),
            answered,
        )

    def _remove_import(self, import_id: str) -> None:
        self.run_in_thread(
            partial(self.workspace.remove_import, import_id),
            self._import_removed,
            group="responses-load",
        )

    def _import_removed(self, record: ImportRecord) -> None:
        self.kano.responses_replaced(
            f"Removed {record.id} ({record.source}, "
            f"{count(record.rows, 'respondent')}); the project "
            "was saved.",
            title="Removed",
        )

    def action_tab(self, tab: str) -> None:
        self.query_one("#responses-tabs", TabbedContent).active = tab
        focus = {
            "respondents": "#respondents-table",
            "answers": "#answers-feature",
            "imports": "#imports-table",
        }[tab]
        self.query_one(focus).focus()
