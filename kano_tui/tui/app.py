"""The Textual app: screens, keys, the edit history, saving and quitting.

Screens are Textual *modes*: each one in :data:`kano_tui.tui.registry.SCREENS` is a
:class:`KanoScreen` class in its own module, imported the first time it is shown (so
starting up only pays for the first screen) and kept alive afterwards (so switching back
is instant). ``kano PROJECT`` also builds the screens not visited yet ahead, off the
terminal, while the app is idle after the first figures (``warm_screens``).

Every change to the project goes through :meth:`KanoApp.edit`: it applies the change to a
deep copy, validates it, and keeps the previous project for undo. ``unsaved`` compares the
current project with the last saved one by identity, so undoing back to the saved state
clears the marker.
"""

from __future__ import annotations

import copy
import gc
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from rich.segment import Segment
from textual.app import App
from textual.binding import Binding
from textual.color import Color
from textual.filter import Monochrome, monochrome_style
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, get_current_worker

from kano_tui.errors import KanoError
from kano_tui.tui.colours import CATEGORY_CSS
from kano_tui.tui.history import History
from kano_tui.tui.keymap import key_in_effect, unknown_ids, user_keymap
from kano_tui.tui.registry import FIRST_SCREEN, SCREENS, ScreenEntry
from kano_tui.tui.text import VisibleControls
from kano_tui.tui.workers import ThreadWork, error_text

if TYPE_CHECKING:
    from textual.command import Provider

    from kano_tui.engine.project.model import Project
    from kano_tui.plugins.manager import Plugins
    from kano_tui.session.workspace import Workspace
    from kano_tui.tui.first_figures import FirstFigures

Result = TypeVar("Result")
DEFAULT_THEME = "textual-dark"
WARM_PAUSE = 0.1  # seconds between two checks whether to build a screen ahead
WARM_IDLE = 1.0  # seconds since the last screen switch before building one ahead


class _SafeMonochrome(Monochrome):
    """Monochrome that passes segments without a style through unchanged."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None else monochrome_style(style), None)
            for text, style, _ in segments
        ]


def _palette_provider() -> type[Provider]:
    from kano_tui.tui.commands import PaletteProvider

    return PaletteProvider


def _screen_bindings() -> list[Binding]:
    # Not in the footer: the header shows each screen's key already.
    return [
        Binding(entry.key, f"go('{name}')", entry.title, show=False, id=f"screen.{name}")
        for name, entry in SCREENS.items()
        if entry.key
    ]


class KanoApp(App[None], ThreadWork):
    """kano-tui: one open project."""

    CSS_PATH = "app.tcss"
    CSS = CATEGORY_CSS
    TITLE = "kano"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_palette_provider}
    BINDINGS = [
        *_screen_bindings(),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+s", "save", "Save", id="app.save"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="app.redo"),
        Binding("q", "request_quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True, id="app.quit_now"),
    ]
    # Actions a modal dialog must not trigger underneath itself.
    BLOCKED_IN_DIALOGS = frozenset({"go", "help", "save", "undo", "redo", "request_quit"})

    unsaved: reactive[bool] = reactive(False)
    revision: reactive[int] = reactive(0)  # bumped on every change to the project
    classifier: reactive[str] = reactive("mode")  # the one the screens analyse with
    evaluation_table: reactive[str] = reactive("standard")  # answer pairs -> categories
    # Every plugin loaded (load_engine): until then a screen offers the built-ins it has
    # and fills in the plugins' choices when this turns True, rather than wait for them.
    plugins_ready: reactive[bool] = reactive(False)

    def __init__(
        self,
        workspace: Workspace,
        *,
        first_screen: str = FIRST_SCREEN,
        remember_theme: bool = True,
        warm_screens: bool = False,
        collections_paused: bool = False,
        first_figures: FirstFigures | None = None,
    ) -> None:
        super().__init__()
        # NO_COLOR: Textual's Monochrome filter assumes every segment has a style, but the
        # plot widgets (textual-hires-canvas) emit some without one, which crashed the
        # Advocacy screen. Swap in a filter that leaves unstyled segments alone.
        self._filters = [_SafeMonochrome() if type(f) is Monochrome else f for f in self._filters]
        # Data's control characters never reach the terminal raw, on any screen.
        self._filters.insert(0, VisibleControls())
        self.workspace = workspace
        self.history: History[Project] = History()
        self._saved_project = workspace.project
        self._first_screen = first_screen
        self._remember_theme = remember_theme
        self._export_worker: Worker | None = None
        self._plugin_failures_shown: set[str] = set()  # said once each (report_error)
        self._engine_requested = False  # load_engine runs once
        self._warm_screens = warm_screens  # build the other screens while the user reads
        self._built: set[str] = set()  # the screens built so far (shown or warmed)
        self._last_switch = 0.0  # time.monotonic() of the last screen switch
        # The garbage collector was disabled for the start (`kano PROJECT`): resumed once the
        # plugins have loaded after the first figures, what exists frozen first.
        self._collections_paused = collections_paused
        # The Features screen's first figures, computed in a child process meanwhile.
        self._first_figures = first_figures
        self.startup_warnings: list[str] = []
        from kano_tui.engine.project.recovery import RecoveryJournal

        self.recovery = RecoveryJournal(workspace.directory)  # unsaved edits survive a crash
        self.set_reactive(KanoApp.classifier, workspace.project.settings.classifier)
        self.set_reactive(KanoApp.evaluation_table, workspace.project.settings.evaluation_table)
        for name, entry in SCREENS.items():
            self.add_mode(name, self._screen_factory(name, entry))
        user_config = self._user_config()
        self.theme = self._initial_theme(user_config)
        # The user's [keymap] (binding id -> keys); Textual's keymap once running.
        self.keymap, problems = user_keymap(user_config)
        self.startup_warnings += problems

    def _screen_factory(self, name: str, entry: ScreenEntry) -> Callable[[], Screen]:
        def make() -> Screen:
            self._built.add(name)
            screen = entry.load()()
            screen.SCREEN_NAME = name  # the header marks this screen's tab
            # A new screen is styled as it mounts. Without this, Textual takes it for a
            # screen that missed a stylesheet change and restyles every widget of every
            # screen (twice) before showing it: a third of a first visit's time. (Textual
            # 8's private counter: a Textual without it restyles, as it did before.)
            if hasattr(self, "_css_update_count"):
                screen._css_update_count = self._css_update_count
            return screen

        return make

    def _user_config(self) -> dict[str, object]:
        """The user's config (theme, keymap); none for a session that must not read it."""
        from kano_tui.engine.project.userconfig import load_user_config

        return load_user_config() if self._remember_theme else {}

    def _initial_theme(self, user_config: dict[str, object]) -> str:
        chosen = user_config.get("theme")
        return (
            chosen if isinstance(chosen, str) and chosen in self.available_themes else DEFAULT_THEME
        )

    def on_mount(self) -> None:
        self.title = self.workspace.project.name
        self.theme_changed_signal.subscribe(self, self._remember_theme_choice)
        if self.keymap:
            self.set_keymap(self.keymap)
        self.switch_mode(self._first_screen)
        self._offer_recovery()
        if self._first_screen != FIRST_SCREEN:
            # Only once the first screen is on the terminal: the worker's imports would
            # compete with the first paint for the interpreter. (The Features screen asks
            # for it once its first figures are drawn: see load_engine.)
            self.call_after_refresh(self.load_engine)
        for warning in self.startup_warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)

    def take_first_figures(self, classifier: str) -> FirstFigures | None:
        """The first figures computed in a child process (``run_app``), for the Features
        screen's first analysis: once, and only while they are those of an analysis with
        ``classifier`` now (nothing edited, the same table); None otherwise."""
        early, self._first_figures = self._first_figures, None
        if early is None:
            return None
        if self.revision != 0 or not early.matches(self.workspace, classifier):
            early.discard()
            return None
        return early

    # ----------------------------------------------------------------- engine
    @property
    def plugins(self) -> Plugins:
        """The workspace's plugins (loaded on first use, once, whichever thread asks)."""
        return self.workspace.plugins

    def load_engine(self) -> None:
        """Load every plugin and import the analysis modules in a worker, once: after the
        first screen's first figures (the Features screen calls this when its first
        analysis is drawn), so that neither the first paint nor the first analysis waits
        for plugins it does not use. Whatever needs a plugin sooner loads them itself
        (``workspace.plugins`` loads on first use, once, whichever thread asks)."""
        if self._engine_requested:
            return
        self._engine_requested = True
        self.run_in_thread(
            self._engine_work,
            self._engine_ready,
            group="engine",
            failed=self._engine_failed,
        )

    def _engine_work(self) -> None:
        self.workspace.plugins  # noqa: B018 - loads them
        import kano_tui.engine.analysis.run  # noqa: F401 - pandas and numpy

    def _engine_failed(self, _: BaseException) -> None:
        self.plugins_ready = True  # what uses them says why
        self._resume_collections()

    def _resume_collections(self) -> None:
        """The garbage collector back on, if the start paused it (``collections_paused``):
        what exists now frozen first, so its first full collection does not walk it."""
        if self._collections_paused:
            self._collections_paused = False
            keep_out_of_collections()
            gc.enable()

    def _engine_ready(self, _: None) -> None:
        from kano_tui.tui.screens.plugins import notify_plugin_problems

        self.plugins_ready = True
        keep_out_of_collections()
        self._resume_collections()
        notify_plugin_problems(self)  # failed or skipped plugins: say so, once
        if self._warm_screens:
            self.set_timer(WARM_PAUSE, self._warm_next_screen)
        for note in self.workspace.notes():  # unknown [settings] keys: a typo does nothing
            self.notify(note, severity="warning", timeout=10, markup=False)
        if self.keymap:  # a keymap id no binding has: a typo does nothing either
            for problem in unknown_ids(self.keymap, type(self)):
                self.notify(problem, severity="warning", timeout=10, markup=False)

    def _warm_next_screen(self) -> None:
        """Build the next screen the user has not visited yet, off the terminal (Textual
        composes and mounts a mode's screen without showing it), so its first visit is as
        quick as a second: its data is computed then too, in its workers. One screen per
        pause, and only while the app is idle (no worker running, no screen shown in the
        last second), so that it never competes with what the user asked for."""
        waiting = [name for name, entry in SCREENS.items() if entry.key and name not in self._built]
        if not waiting or not self.is_running:
            keep_out_of_collections()  # the last one built
            return
        # Textual's own first step of switch_mode (private: Textual 8). Should a later
        # Textual not have it, screens are simply built on their first visit, as before.
        init_mode = getattr(self, "_init_mode", None)
        if init_mode is None:
            return
        busy = any(worker.is_running for worker in self.workers)
        if not busy and time.monotonic() - self._last_switch > WARM_IDLE:
            keep_out_of_collections()  # what was built before this one
            try:
                init_mode(waiting[0])
            except KanoError as error:  # said now; its visit will say it again
                self.report_error(error)
        self.set_timer(WARM_PAUSE, self._warm_next_screen)

    def _remember_theme_choice(self, theme: object) -> None:
        if not self._remember_theme:
            return
        from kano_tui.engine.project.userconfig import update_user_config

        try:
            update_user_config(theme=self.theme)
        except OSError as error:  # a read-only home must not break the app
            self.notify(
                f"Could not remember the theme: {error.strerror or error}.", severity="warning"
            )

    # ----------------------------------------------------------------- editing
    def edit(self, label: str, change: Callable[[Project], Result]) -> Result:
        """Apply ``change`` to a copy of the project; keep the old one for undo.

        A KanoError raised by ``change`` or by validation propagates and nothing changes.
        """
        from kano_tui.engine.project.projectfile import PROJECT_FILE, validate

        before = self.workspace.project
        draft = copy.deepcopy(before)
        result = change(draft)
        if draft == before:  # nothing changed: no undo step, no unsaved marker
            return result
        validate(draft, PROJECT_FILE)
        self.history.record(label, before)
        self._set_project(draft)
        return result

    def try_edit(self, label: str, change: Callable[[Project], Result]) -> Result | None:
        """:meth:`edit`, showing a KanoError as a notification instead of raising it."""
        try:
            return self.edit(label, change)
        except KanoError as error:
            self.report_error(error)
            return None

    def _set_project(self, project: Project) -> None:
        self.workspace.project = project
        self.unsaved = project is not self._saved_project
        self.revision += 1
        self._journal_edits()

    def _journal_edits(self) -> None:
        """Keep the unsaved project in the recovery journal (only the session that may
        save it: a read-only one would overwrite the writer's journal)."""
        if not self.workspace.locked:
            return
        try:
            if self.unsaved:
                steps = self.history.undo_stack
                self.recovery.record(
                    self.workspace.project,
                    last_edit=steps[-1].label if steps else "",
                    edits=len(steps),
                )
            else:
                self.recovery.discard()
        except OSError as error:
            self.notify(
                f"Could not keep a recovery copy of your edits: {error.strerror or error}.",
                severity="warning",
                markup=False,
            )

    def _offer_recovery(self) -> None:
        """Unsaved edits from a session that crashed: ask whether to bring them back."""
        if not self.workspace.locked:
            return
        pending = self.recovery.pending()
        if pending is None:
            return
        from kano_tui.tui.modals import ConfirmScreen

        def chosen(recover: bool | None) -> None:
            if recover:
                self.history.record("Recover unsaved edits", self.workspace.project)
                self._set_project(pending.project)
                self.notify(
                    "Recovered the unsaved edits; save with ctrl+s to keep them.",
                    title="Recovered",
                    markup=False,
                )
            # "Not now" keeps the journal (an accidental key must not lose edits); the
            # next edit or save replaces it.

        self.push_screen(ConfirmScreen(pending.question(), yes="Recover", no="Not now"), chosen)

    def responses_replaced(self, message: str, title: str = "Imported") -> None:
        """After an import or its removal: the engine saved the project, so the history
        before it is gone (undoing past it would lose track of the stored responses)."""
        self.history.clear()
        self._saved_project = self.workspace.project
        self.unsaved = False
        self.revision += 1
        self.recovery.discard()
        self.notify(message, title=title, markup=False)

    def report_error(self, error: BaseException) -> None:
        """Show a user error; anything else is shown too, rather than crashing the app."""
        from kano_tui.plugins.manager import PluginDisabled

        text = error_text(error)
        if isinstance(error, PluginDisabled):  # the traceback is one screen away
            if error.reason in self._plugin_failures_shown:
                return  # two workers met the same failure: say it once
            self._plugin_failures_shown.add(error.reason)
            text = f"{error.reason}; the Plugins screen (ctrl+p: Go to Plugins) shows why."
        self.notify(text, severity="error", timeout=8, markup=False)

    # ----------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.BLOCKED_IN_DIALOGS and isinstance(self.screen, ModalScreen))

    def action_go(self, name: str) -> None:
        if name not in SCREENS:
            return
        self._last_switch = time.monotonic()
        try:
            self.switch_mode(name)
        except KanoError as error:
            self.report_error(error)

    @property
    def current_screen_name(self) -> str:
        return self.current_mode

    def action_save(self) -> None:
        try:
            self.workspace.save()
        except KanoError as error:
            self.report_error(error)
            return
        self._saved_project = self.workspace.project
        self.unsaved = False
        self.recovery.discard()
        self.notify(f"Saved {self.workspace.directory / 'kano.toml'}", title="Saved", markup=False)

    def action_undo(self) -> None:
        step = self.history.undo(self.workspace.project)
        if step is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self._set_project(step.before)
        self.notify(f"Undid: {step.label}", markup=False)

    def action_redo(self) -> None:
        step = self.history.redo(self.workspace.project)
        if step is None:
            self.notify("Nothing to redo.", severity="warning")
            return
        self._set_project(step.before)
        self.notify(f"Redid: {step.label}", markup=False)

    def action_request_quit(self) -> None:
        from kano_tui.tui.modals import QuitScreen

        if not self.unsaved:
            self.exit()
            return
        if isinstance(self.screen, QuitScreen):
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                if not self.unsaved:
                    self.exit()
            elif choice == "discard":
                self.recovery.discard()
                self.exit()

        self.push_screen(QuitScreen(), chosen)

    async def action_quit(self) -> None:  # the palette's "Quit" and ctrl+c's hint
        self.action_request_quit()

    def action_help(self) -> None:
        from kano_tui.tui.modals import HelpScreen

        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every binding: the app's, then each screen's (importing them to read them)."""
        sections = [("Everywhere", self._describe(type(self)))]
        sections[0][1].append((self.get_key_display(Binding("ctrl+p", "")), "Command palette"))
        for entry in SCREENS.values():
            try:
                rows = self._describe(entry.load())
            except Exception:  # noqa: BLE001 - a screen that fails to import still gets listed
                rows = []
            if rows:
                sections.append((f"{entry.key or '-'} {entry.title}", rows))
        from kano_tui.tui.widgets.row_table import RowTable
        from kano_tui.tui.widgets.virtual_table import VirtualTable

        tables = self._describe(VirtualTable)
        tables += [row for row in self._describe(RowTable) if row not in tables]
        sections.append(("In tables", tables))
        return sections

    def _describe(self, node_class: type) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for cls in node_class.__mro__:
            if cls.__module__.startswith("textual."):
                continue
            for declared in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                binding = key_in_effect(self, declared)  # the user's keymap, if any
                if not binding.description or binding.key in seen:
                    continue
                seen.add(binding.key)
                rows.append((self.get_key_display(binding), binding.description))
        return rows

    async def run_screen_action(self, name: str, action: str) -> None:
        """Show screen ``name`` and run one of its actions (palette commands)."""
        if name not in SCREENS:
            return
        await self.switch_mode(name)
        await self.screen.run_action(action)

    # ----------------------------------------------------------------- classifier
    def set_classifier(self, name: str) -> None:
        try:
            self.plugins.classifier(name)
        except KanoError as error:
            self.report_error(error)
            return
        self.classifier = name
        self.notify(f"Analysing with the {name} classifier.", markup=False)

    def set_evaluation_table(self, name: str) -> None:
        try:
            self.workspace.evaluation_table(name)
        except KanoError as error:
            self.report_error(error)
            return
        self.workspace.default_table = name  # every screen's analysis follows it
        self.evaluation_table = name
        self.notify(f"Reading answer pairs with the {name} evaluation table.", markup=False)

    # ----------------------------------------------------------------- import
    def start_import(self, importer: str | None = None, path: str = "") -> None:
        """Open the import dialog (on the Responses screen), optionally with an importer."""
        from kano_tui.tui.importing import ImportScreen

        self.action_go("responses")
        self.push_screen(ImportScreen(importer=importer, path=path))

    # ----------------------------------------------------------------- export
    @property
    def export_running(self) -> bool:
        return self._export_worker is not None and self._export_worker.is_running

    def start_export(self, exporter: str) -> None:
        if self.export_running:
            self.notify(
                "An export is already running; cancel it from the palette first.",
                severity="warning",
            )
            return
        self._export_worker = self.run_in_thread(
            partial(self._export, exporter, self.classifier, self.evaluation_table),
            partial(self._export_finished, exporter),
            group="export",
            failed=lambda _: setattr(self, "_export_worker", None),
        )
        self.notify(f"Exporting with {exporter}... (ctrl+p, Cancel export to stop)", markup=False)

    def cancel_export(self) -> None:
        if self._export_worker is not None and self._export_worker.is_running:
            self._export_worker.cancel()
            self.notify("Export cancelled; nothing will be written.")
        self._export_worker = None

    def _export(self, exporter: str, classifier: str, table: str) -> list | None:
        from kano_tui.session.export_job import export_unless_cancelled

        worker = get_current_worker()
        return export_unless_cancelled(
            self.workspace,
            exporter,
            classifier=classifier,
            table=table,
            cancelled=lambda: worker.is_cancelled,
        )

    def _export_finished(self, exporter: str, paths: list | None) -> None:
        self._export_worker = None
        if paths is not None:
            shown = ", ".join(str(path) for path in paths) or "nothing"
            self.notify(
                f"Wrote {shown}", title=f"Exported with {exporter}", markup=False, timeout=8
            )
            self._keep_survey_mappings(exporter)

    def _keep_survey_mappings(self, exporter_name: str) -> None:
        """A survey file's columns, mapped in kano.toml (an undoable edit), so that the
        tool's response export imports with no mapping (docs/questionnaire.md)."""
        from kano_tui.engine.questionnaire.questions import keep_survey_mappings

        exporter = self.workspace.plugins.exporters.get(exporter_name)
        mappings = getattr(exporter, "column_mappings", None)
        if not callable(mappings):
            return
        try:
            with self.workspace.plugins.guard("exporter", exporter_name):
                wanted = list(mappings(self.workspace.project))
        except Exception as error:  # noqa: BLE001 - a plugin's failure is reported
            self.report_error(error)
            return
        self.try_edit(
            f"Map the columns of {exporter_name}'s responses",
            lambda project: keep_survey_mappings(project, wanted),
        )


def keep_out_of_collections() -> None:
    """What exists now (modules, plugins, screens: the session's long-lived objects) out
    of the garbage collector's full collections (``gc.freeze``). With Textual, numpy,
    pyarrow and the plugins imported, one full collection walks 100,000 objects, about
    0.15 s here, and Textual's drawing allocates enough to set one off on most first
    visits: the screen then froze for that long. Frozen objects are still freed when
    nothing refers to them; only cycles among them wait."""
    gc.freeze()


def load_plugins_later(
    workspace: Workspace, plugins: Callable[[], Plugins] | None, *, scoped: bool
) -> None:
    """What :func:`run_app` sets up: ``plugins`` built when first needed (the app's
    worker after the first figures); with ``scoped``, built-in names found before that
    among the built-in modules of their kind alone."""
    if plugins is not None:
        from kano_tui.plugins.manager import build_built_ins

        workspace.load_plugins_with(plugins, built_ins=build_built_ins if scoped else None)


def run_app(
    workspace: Workspace,
    plugins: Callable[[], Plugins] | None = None,
    *,
    scoped: bool = False,
    collections_paused: bool = False,
    first_figures: FirstFigures | None = None,
) -> None:
    """Open ``workspace`` in the terminal interface (what ``kano PROJECT`` calls).

    ``plugins`` builds the plugin manager; it is called in a worker after the first
    figures. ``scoped``: until then a built-in name (the first analysis's classifier and
    table) is found among the built-in modules of its kind alone (docs/startup.md).
    ``collections_paused``: the caller disabled the garbage collector for the start; the
    app enables it again once the plugins have loaded. ``first_figures``: the child
    process computing the first screen's figures meanwhile (``FirstFigures.start``).
    The project's write lock is held for the session, so a second ``kano`` that would
    change the project is told instead of racing; if another process holds it, the app
    still opens and saving says why it cannot.
    """
    load_plugins_later(workspace, plugins, scoped=scoped)
    app = KanoApp(
        workspace,
        warm_screens=True,
        collections_paused=collections_paused,
        first_figures=first_figures,
    )
    try:
        if not workspace.locked:
            workspace.lock()
    except KanoError as error:  # held by another kano, or a read-only directory
        app.startup_warnings.append(f"{error} Changes cannot be saved in this session.")
    # Workers (loading respondents, importing pandas, analysing) hold the interpreter
    # between their switches; the screen thread waits at most 1 ms for it, not 5.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, 0.001))
    try:
        app.run()
    finally:
        sys.setswitchinterval(interval)
        if first_figures is not None:  # the app quit before they were read
            first_figures.discard()
        workspace.close()
