"""The Plugins screen (palette: "Go to Plugins"): every plugin, where it came from, its
version, what it provides and its state; a failed plugin's error and traceback.

It reads ``workspace.plugins`` (the engine's registry) and renders it; a plugin disabled
while the app runs (a classifier raising in the analysis worker) shows up as failed the
next time the table is drawn, and at once when this screen is showing. Untrusted project
plugins are listed with how to trust them; ``t`` trusts them (after showing the files),
for the next time the project is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from kano_tui.tui.base import KanoScreen

if TYPE_CHECKING:
    from kano_tui.plugins.manager import PluginInfo, Plugins
    from kano_tui.tui.app import KanoApp

STATE_STYLES = {
    "enabled": "",
    "failed": "bold reverse",
    "incompatible": "bold reverse",
    "blocked": "italic",
    "untrusted": "italic",
}


def plugin_problems(plugins: Plugins) -> str | None:
    """One sentence about failed and skipped plugins, for a notification; None if all is well."""
    failed = plugins.failures()
    parts = []
    if failed:
        names = ", ".join(info.name for info in failed)
        parts.append(
            f"{len(failed)} plugin{'s' if len(failed) != 1 else ''} failed and "
            f"{'was' if len(failed) == 1 else 'were'} disabled ({names})"
        )
    untrusted = [info for info in plugins.infos.values() if info.state == "untrusted"]
    if untrusted:
        parts.append(
            f"{len(untrusted)} untrusted project plugin{'s' if len(untrusted) != 1 else ''} skipped"
        )
    if not parts:
        return None
    return "; ".join(parts) + ". ctrl+p, Go to Plugins for details."


def notify_plugin_problems(app: KanoApp) -> None:
    """Called once the app has started: say so when plugins failed or were skipped."""
    message = plugin_problems(app.workspace.plugins)
    if message:
        app.notify(message, title="Plugins", severity="warning", timeout=10, markup=False)


def detail_text(info: PluginInfo, plugins: Plugins, values: dict | None = None) -> Text:
    """Everything about one plugin, as plain Text (names and errors are never markup)."""
    text = Text()
    text.append(info.name, style="bold")
    if info.version:
        text.append(f" {info.version}")
    text.append(f"\nstate: {info.state}    origin: {info.origin}")
    if info.distribution:
        text.append(f"    distribution: {info.distribution}")
    if info.location:
        text.append(f"\nfrom: {info.location}")
    provided = plugins.provided(info) if info.state == "enabled" else []
    if provided:
        text.append("\n\nProvides\n", style="bold")
        for kind, name, description in provided:
            text.append(f"  {kind:<11} {name:<20} {description}\n")
    if info.disabled:
        text.append("\n\nDisabled\n", style="bold")
        for entry, why in info.disabled.items():
            text.append(f"  {entry}: {why}\n")
    options = plugins.options.get(info.name, ()) if info.state == "enabled" else ()
    if options:
        text.append("\nOptions ([plugins." + info.name + "], o edits)\n", style="bold")
        for option in options:
            value = values.get(option.name, option.default) if values else option.default
            text.append(f"  {option.name} = {value!r:<12} {option.help or option.describe()}\n")
    if info.error:
        text.append("\n\nError\n", style="bold")
        text.append(info.error)
    if info.traceback:
        text.append("\n\nTraceback\n", style="bold")
        text.append(info.traceback.rstrip())
    return text


class PluginsScreen(KanoScreen):
    """The plugin registry: a table of plugins and the highlighted one's details."""

    BINDINGS = [
        Binding("t", "trust", "Trust project plugins", id="plugins.trust"),
        Binding("o", "edit_options", "Options", id="plugins.options"),
    ]
    PALETTE_COMMANDS: ClassVar[list[tuple[str, str, str]]] = [
        (
            "Trust this project's plugins",
            "trust",
            "Review the project's plugins/*.py and allow them to run from the next start",
        ),
        (
            "Edit plugin options",
            "edit_options",
            "The highlighted plugin's options ([plugins.NAME] in kano.toml)",
        ),
    ]
    DEFAULT_CSS = """
    PluginsScreen #plugins-notes { height: auto; padding: 0 1; color: $warning; }
    PluginsScreen #plugins-table { height: 1fr; min-height: 5; }
    PluginsScreen #plugins-detail { height: 1fr; border-top: solid $primary; padding: 0 1; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static(id="plugins-notes")
        table: DataTable[Text] = DataTable(
            id="plugins-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        with VerticalScroll(id="plugins-detail"):
            yield Static(id="plugins-detail-text")

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#plugins-table", DataTable)
        for label in ("Plugin", "Origin", "Version", "State", "Provides"):
            table.add_column(label, key=label.lower())
        self.workspace.plugins.listeners.append(self._plugin_disabled)
        self.refresh_plugins()

    def on_unmount(self) -> None:
        listeners = self.workspace.plugins.listeners
        if self._plugin_disabled in listeners:
            listeners.remove(self._plugin_disabled)

    def on_screen_resume(self, event: events.ScreenResume | None = None) -> None:
        super().on_screen_resume()  # as before: restyled whenever it is shown again
        self.refresh_plugins()

    def _plugin_disabled(self, info: PluginInfo) -> None:
        # Called where the plugin failed: often a worker thread, sometimes the app's own.
        try:
            self.app.call_from_thread(self.refresh_plugins)
        except RuntimeError:  # already on the app's thread
            self.refresh_plugins()

    def refresh_plugins(self) -> None:
        plugins = self.workspace.plugins
        notes = self.query_one("#plugins-notes", Static)
        notes.update(Text("\n".join(plugins.notes)))
        notes.display = bool(plugins.notes)
        table = self.query_one("#plugins-table", DataTable)
        highlighted = table.cursor_row
        table.clear()
        for info in plugins.infos.values():
            provides = (
                ", ".join(name for _, name, _ in plugins.provided(info))
                if info.state == "enabled"
                else ""
            )
            table.add_row(
                Text(info.name),
                Text(info.origin),
                Text(info.version),
                Text(info.state, style=STATE_STYLES.get(info.state, "")),
                Text(provides, overflow="ellipsis", no_wrap=True),
                key=info.name,
            )
        if table.row_count:
            table.move_cursor(row=min(max(highlighted, 0), table.row_count - 1))
        self._show_detail()

    def _show_detail(self) -> None:
        plugins = self.workspace.plugins
        table = self.query_one("#plugins-table", DataTable)
        detail = self.query_one("#plugins-detail-text", Static)
        if not table.row_count:
            detail.update(Text("No plugins."))
            return
        names = list(plugins.infos)
        row = min(max(table.cursor_row, 0), len(names) - 1)
        info = plugins.infos[names[row]]
        values = None
        if plugins.options.get(info.name):
            try:
                values = self.workspace.plugin_options().of(info.name)
            except Exception:  # noqa: BLE001 - a bad value is reported where it is used
                values = None
        detail.update(detail_text(info, plugins, values))

    @on(DataTable.RowHighlighted, "#plugins-table")
    def _row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def selected(self) -> PluginInfo | None:
        table = self.query_one("#plugins-table", DataTable)
        names = list(self.workspace.plugins.infos)
        if not names:
            return None
        return self.workspace.plugins.infos[names[min(max(table.cursor_row, 0), len(names) - 1)]]

    def action_edit_options(self) -> None:
        from kano_tui.tui.plugin_options_form import PluginOptionsForm

        info = self.selected()
        options = self.workspace.plugins.options.get(info.name, ()) if info else ()
        if info is None or not options or info.state != "enabled":
            self.notify("The highlighted plugin has no options to edit.", markup=False)
            return
        try:
            values = self.workspace.plugin_options().of(info.name)
        except Exception as error:  # noqa: BLE001 - a bad kano.toml value: edit from defaults
            self.kano.report_error(error)
            values = {}

        def saved(name: str | None) -> None:
            if name:
                self.notify(f"Options of {name} changed; ctrl+s saves them.", markup=False)
                self.refresh_plugins()

        self.app.push_screen(PluginOptionsForm(info.name, options, values), saved)

    def action_trust(self) -> None:
        from kano_tui.plugins.trust import TRUSTED, read_project_plugins, trust_project
        from kano_tui.tui.modals import ConfirmScreen

        found = read_project_plugins(self.workspace.directory)
        if not found.plugin_files:
            self.notify("This project has no plugins/*.py files to trust.", markup=False)
            return
        if found.state == TRUSTED:
            self.notify("This project's plugins are already trusted.", markup=False)
            return
        files = ", ".join(found.files)
        question = (
            f"Trust and run {found.project / 'plugins'} ({files}) every time this "
            "project is opened? They run with your permissions; read them first."
        )

        def chosen(yes: bool | None) -> None:
            if not yes:
                return
            try:
                trust_project(self.workspace.directory)
            except Exception as error:  # noqa: BLE001 - shown, never a crash
                self.kano.report_error(error)
                return
            self.notify(
                "Trusted. The project's plugins load the next time you open it.",
                title="Plugins",
                markup=False,
            )

        self.app.push_screen(ConfirmScreen(question, yes="Trust", no="Cancel"), chosen)
