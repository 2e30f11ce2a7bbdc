"""Importing a survey from the TUI: path (with completion), preview, mapping, import.

The preview is the engine's ``prepare_import``: nothing changes until the user imports.
It shows the detected layout, what each column becomes (with the matching confidence
and the question text survey tools carry), the new features, and every problem found.
The user can map a column to a feature question and preview again; ``commit_import``
then stores the responses and saves ``kano.toml``. Both run in workers.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from kano_tui.engine.project.model import IDENTITY_ROLES, IGNORE, ROLES, SCALE_ROLES
from kano_tui.tui.widgets.row_table import RowTable
from kano_tui.tui.workers import ThreadWork, error_text
from kano_tui.wording import count

if TYPE_CHECKING:
    from kano_tui.engine.importing.ingest import PreparedImport
    from kano_tui.engine.importing.survey import ImportOptions
    from kano_tui.engine.project.model import ImportRecord
    from kano_tui.tui.app import KanoApp

AUTO = "__auto__"


class PathSuggester(Suggester):
    """Completes file and directory names as you type (accept with the right arrow)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        directory, prefix = os.path.split(expanded)
        try:
            names = sorted(os.listdir(directory or "."))
        except OSError:
            return None
        for name in names:
            if name.startswith(prefix) and name != prefix and not name.startswith("."):
                completed = os.path.join(directory, name)
                if os.path.isdir(completed):
                    completed += os.sep
                # keep what the user typed (e.g. "~") and add only the rest
                return value + completed[len(expanded) :]
        return None


class MappingForm(ModalScreen[tuple[str, str] | str | None]):
    """Map one column to a feature question, or leave it out. Dismisses with
    (feature, role), ("", "ignore"), "reset" (drop the override) or None (cancel)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="mapping.cancel"),
        Binding("ctrl+o", "ignore", "Ignore column", id="mapping.ignore"),
    ]

    def __init__(self, column: str, feature: str, role: str, features: list[str]) -> None:
        super().__init__()
        self.column, self.feature, self.role, self.features = column, feature, role, features

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="mapping-form"):
            title = Text("Map the column ")
            title.append(self.column, style="bold")
            yield Label(title, classes="dialog--title")
            yield Label("Feature (an existing id or name, or a new name)")
            yield Input(
                self.feature,
                id="mapping-feature",
                suggester=SuggestFromList(self.features, case_sensitive=False),
            )
            yield Label("Question (respondent, wave, nps and csat need no feature)")
            roles = (*ROLES, *IDENTITY_ROLES, *SCALE_ROLES)
            yield Select(
                [(Text(role), role) for role in roles],
                value=self.role if self.role in roles else ROLES[0],
                allow_blank=False,
                id="mapping-role",
            )
            yield Static("", id="mapping-error", classes="dialog--error")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Apply (enter)", id="apply", variant="primary", compact=True)
                yield Button("Ignore (^o)", id="ignore", compact=True)
                yield Button("Automatic", id="reset", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#mapping-feature", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        feature = self.query_one("#mapping-feature", Input).value.strip()
        role = str(self.query_one("#mapping-role", Select).value)
        if role not in ROLES:  # the respondent id, the wave, the NPS or CSAT question
            self.dismiss(("", role))
            return
        if not feature:
            self.query_one("#mapping-error", Static).update(Text("Name a feature."))
            return
        self.dismiss((feature, role))

    @on(Button.Pressed, "#ignore")
    def action_ignore(self) -> None:
        """Leave the column out of the import (and of the next waves')."""
        self.dismiss(("", IGNORE))

    @on(Button.Pressed, "#reset")
    def _reset(self) -> None:
        self.dismiss("reset")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class WordingForm(ModalScreen[tuple[dict[str, list[str]], dict[str, int]] | None]):
    """Teach the answer wordings (and importance labels) a file uses that kano does not
    know. Dismisses with (token -> wordings, label -> number), or None (cancel)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="wording.cancel")]

    def __init__(self, wordings: list[str], labels: list[str]) -> None:
        super().__init__()
        self.wordings, self.labels = wordings, labels

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll

        from kano_tui.engine.importing.answers import TOKENS

        with Vertical(classes="dialog dialog--wide", id="wording-form"):
            yield Label(
                "Teach the wordings this file uses (kept for the next waves)",
                classes="dialog--title",
            )
            with VerticalScroll(id="wording-rows"):
                for i, wording in enumerate(self.wordings):
                    with Horizontal(classes="form-row"):
                        yield Label(
                            Text(wording, no_wrap=True, overflow="ellipsis"), classes="wording-text"
                        )
                        yield Select(
                            [(Text(token), token) for token in TOKENS],
                            prompt="means…",
                            id=f"wording-{i}",
                            compact=True,
                        )
                for i, label in enumerate(self.labels):
                    with Horizontal(classes="form-row"):
                        yield Label(
                            Text(label, no_wrap=True, overflow="ellipsis"), classes="wording-text"
                        )
                        yield Input(
                            "",
                            placeholder="importance number",
                            id=f"label-{i}",
                            type="integer",
                            compact=True,
                        )
            yield Static("", id="wording-error", classes="dialog--error")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Apply", id="apply", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        taught: dict[str, list[str]] = {}
        for i, wording in enumerate(self.wordings):
            token = self.query_one(f"#wording-{i}", Select).value
            if isinstance(token, str):
                taught.setdefault(token, []).append(wording)
        labels: dict[str, int] = {}
        for i, label in enumerate(self.labels):
            value = self.query_one(f"#label-{i}", Input).value.strip()
            if value:
                if not value.isdigit() or int(value) < 1:
                    self.query_one("#wording-error", Static).update(
                        Text(f"The importance of {label!r} must be a whole number from 1.")
                    )
                    return
                labels[label] = int(value)
        self.dismiss((taught, labels))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ImportScreen(ModalScreen[None], ThreadWork):
    """Preview, correct and import one survey file."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="import.close"),
        # Not priority bindings: they queue behind what was typed before them.
        Binding("ctrl+r", "preview", "Preview", id="import.preview"),
        Binding("ctrl+s", "commit", "Import", id="import.commit"),
        Binding("ctrl+e", "map_column", "Map column", id="import.map"),
        Binding("ctrl+t", "teach", "Teach wordings", id="import.teach"),
    ]

    def __init__(self, importer: str | None = None, path: str = "") -> None:
        super().__init__()
        self.importer = importer
        self.initial_path = path
        self.mapping: dict[str, tuple[str, str]] = {}
        self.wordings: dict[str, list[str]] = {}  # taught in this dialog: token -> wordings
        self.importance_labels: dict[str, int] = {}
        self.prepared: PreparedImport | None = None
        self.busy = False

    @property
    def kano(self) -> KanoApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        importers = self.kano.plugins.importers
        choices = [(Text("importer: automatic"), AUTO)]
        choices += [(Text(f"importer: {name}"), name) for name in sorted(importers)]
        with Vertical(classes="dialog dialog--wide", id="import-dialog"):
            yield Label(
                "Import a survey file  (→ completes a path, enter previews)",
                classes="dialog--title",
            )
            with Horizontal(classes="form-row"):
                yield Input(
                    self.initial_path,
                    placeholder="path to a survey file",
                    id="import-path",
                    suggester=PathSuggester(),
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Select(
                    choices,
                    value=self.importer if self.importer in importers else AUTO,
                    allow_blank=False,
                    id="import-importer",
                    compact=True,
                )
                yield Input(
                    "", placeholder="wave (for rows without one)", id="import-wave", compact=True
                )
            yield Static(Text("Nothing read yet."), id="import-summary")
            yield Static("", id="import-problems", classes="dialog--error")
            yield RowTable(id="import-plan")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Preview (^r)", id="preview", compact=True)
                yield Button("Map column (^e)", id="map", compact=True)
                yield Button("Teach (^t)", id="teach", compact=True)
                yield Button(
                    "Import (^s)", id="commit", variant="primary", disabled=True, compact=True
                )
                yield Button("Close (esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()
        if self.initial_path:
            self.action_preview()

    # ----------------------------------------------------------------- preview
    @on(Input.Submitted, "#import-path")
    @on(Input.Submitted, "#import-wave")
    @on(Button.Pressed, "#preview")
    def action_preview(self) -> None:
        from kano_tui.engine.importing.survey import ImportOptions

        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self._summary("Type the path of a survey file first.")
            return
        path = Path(os.path.expanduser(raw))
        importer = self.query_one("#import-importer", Select).value
        options = ImportOptions(
            wave=self.query_one("#import-wave", Input).value.strip(),
            mapping=dict(self.mapping),
            extra_wordings=dict(self.wordings),
            importance_labels=dict(self.importance_labels),
        )
        self.prepared = None
        self.query_one("#commit", Button).disabled = True
        self._summary(f"Reading {path}…")
        self._prepare(path, None if importer == AUTO else str(importer), options)

    def _prepare(self, path: Path, importer: str | None, options: ImportOptions) -> None:
        self.run_in_thread(
            partial(self.kano.workspace.prepare_import, path, importer, options),
            self._preview_ready,
            failed=self._preview_failed,
            report=False,
            group="import",
        )

    def _preview_failed(self, error: BaseException) -> None:
        self._summary("Could not read the file.")
        self.query_one("#import-problems", Static).update(Text(error_text(error)))
        self.query_one("#import-plan", DataTable).clear(columns=True)

    def _preview_ready(self, prepared: PreparedImport) -> None:
        self.prepared = prepared
        self._show(prepared)

    def _show(self, prepared: PreparedImport) -> None:
        answers = sum(1 for p in prepared.plan if p.kind == "answer")
        summary = Text(no_wrap=False)
        summary.append(prepared.shown, style="bold")
        summary.append(
            f"\n{prepared.layout} layout · {count(prepared.rows, 'respondent')} · "
            f"importer {prepared.importer} · {answers} question columns"
        )
        waves = prepared.wave_counts()
        if waves:
            summary.append(
                "\nwaves: "
                + ", ".join(
                    f"{wave or '(none)'} ({count(n, 'respondent')})" for wave, n in waves.items()
                )
            )
        if prepared.new_features:
            summary.append("\nnew features: " + ", ".join(f.name for f in prepared.new_features))
        self._summary(summary)
        problems = list(prepared.problems)
        if prepared.already_imported is not None:
            record = prepared.already_imported
            problems.insert(
                0, f"this file was already imported as {record.id} on {record.imported_at[:10]}"
            )
        shown = Text(no_wrap=False)
        if problems:
            shown.append(f"{count(len(problems), 'problem')}:")
            if prepared.unknown_wordings or prepared.unknown_importance:
                shown.append(" ctrl+t teaches the answers kano does not know.", style="bold")
            for problem in problems:
                shown.append(f"\n• {problem}")
        else:
            shown.append("No problems: ready to import (ctrl+s).", style="bold")
        self.query_one("#import-problems", Static).update(shown)
        self.query_one("#commit", Button).disabled = bool(problems)

        table = self.query_one("#import-plan", DataTable)
        table.clear(columns=True)
        # Fixed widths: measured from the cells, they depended on when the table was laid
        # out (a column name came out as "respo…" in one run, whole in the next).
        for title, width in (
            ("column", 22),
            ("becomes", 16),
            ("feature", 16),
            ("question", 13),
            ("match", 5),
            ("question text", 40),
        ):
            table.add_column(title, key=title, width=width)
        for plan in prepared.plan:
            mapped = " (mapped)" if plan.column in self.mapping else ""
            table.add_row(
                Text(plan.column, no_wrap=True, overflow="ellipsis"),
                Text(plan.kind + mapped),
                Text(plan.feature or "–"),
                Text(plan.role or "–"),
                Text(
                    f"{plan.confidence:.0%}" if plan.kind == "answer" else "–",
                    style="bold" if plan.confidence < 0.9 and plan.kind == "answer" else "",
                ),
                Text(plan.question[:60] or "–", no_wrap=True, overflow="ellipsis"),
                key=plan.column,
            )

    def _summary(self, text: str | Text) -> None:
        self.query_one("#import-summary", Static).update(
            text if isinstance(text, Text) else Text(text)
        )

    # ----------------------------------------------------------------- mapping
    @on(DataTable.RowSelected, "#import-plan")
    @on(Button.Pressed, "#map")
    def action_map_column(self) -> None:
        if self.prepared is None:
            self._summary("Preview the file first (enter in the path).")
            return
        table = self.query_one("#import-plan", DataTable)
        if table.row_count == 0:
            return
        row = table.cursor_row
        plan = self.prepared.plan[row]
        project = self.kano.workspace.project
        features = [f.id for f in project.features] + [f.name for f in project.features]

        def mapped(result: tuple[str, str] | str | None) -> None:
            if result is None:
                return
            if result == "reset":
                self.mapping.pop(plan.column, None)
            else:
                self.mapping[plan.column] = result  # type: ignore[assignment]
            self.action_preview()

        self.app.push_screen(MappingForm(plan.column, plan.feature, plan.role, features), mapped)

    @on(Button.Pressed, "#teach")
    def action_teach(self) -> None:
        """Say what the answers kano does not know mean; preview again."""
        prepared = self.prepared
        if prepared is None or not (prepared.unknown_wordings or prepared.unknown_importance):
            self.notify("Every answer in this file is a wording kano knows.", markup=False)
            return

        def taught(result: tuple[dict[str, list[str]], dict[str, int]] | None) -> None:
            if result is None:
                return
            wordings, labels = result
            for token, texts in wordings.items():
                self.wordings.setdefault(token, []).extend(texts)
            self.importance_labels.update(labels)
            self.action_preview()

        self.app.push_screen(
            WordingForm(prepared.unknown_wordings, prepared.unknown_importance), taught
        )

    # ----------------------------------------------------------------- import
    @on(Button.Pressed, "#commit")
    def action_commit(self) -> None:
        if self.prepared is None or self.query_one("#commit", Button).disabled:
            self.notify("Preview the file and fix its problems first.", severity="warning")
            return
        if self.busy:
            return
        self.busy = True
        self._summary(f"Importing {count(self.prepared.rows, 'respondent')}…")
        self._commit(self.prepared)

    def _commit(self, prepared: PreparedImport) -> None:
        self.run_in_thread(
            partial(self.kano.workspace.commit_import, prepared),
            self._import_done,
            failed=self._import_failed,
            group="import",
        )

    def _import_failed(self, _: BaseException) -> None:
        self.busy = False
        self._summary("The import failed; nothing was changed.")

    def _import_done(self, record: ImportRecord) -> None:
        self.busy = False
        self.kano.responses_replaced(
            f"Imported {count(record.rows, 'respondent')} from {record.source} as {record.id}; "
            "the project was saved."
        )
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        if self.busy:
            self.notify("The import is still running.", severity="warning")
            return
        self.dismiss(None)
