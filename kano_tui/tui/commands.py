"""The command palette (ctrl+p): every screen, action, classifier, importer, exporter
and theme, plugins' included (read from ``workspace.plugins`` each time it opens)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

if TYPE_CHECKING:
    from kano_tui.tui.app import KanoApp


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    run: Callable[[], object]


def app_commands(app: KanoApp) -> Iterator[Command]:
    """Everything the palette offers, in the order it lists them."""
    from kano_tui.tui.app import SCREENS

    for name, entry in SCREENS.items():
        key = f" ({entry.key})" if entry.key else ""
        yield Command(f"Go to {entry.title}{key}", entry.description, partial(app.action_go, name))
    yield Command("Save project (ctrl+s)", "Write kano.toml atomically", app.action_save)
    yield Command("Undo (ctrl+z)", "Undo the last change", app.action_undo)
    yield Command("Redo (ctrl+y)", "Redo the last undone change", app.action_redo)
    yield Command("Help: keys (?)", "Every key binding", app.action_help)
    yield Command("Quit (q)", "Quit, asking first when there are unsaved changes",
                  app.action_request_quit)

    # Each screen's own actions: run them on that screen (switching to it first).
    for name, entry in SCREENS.items():
        try:
            screen_class = entry.load()
        except Exception:  # noqa: BLE001 - a broken screen must not break the palette
            continue
        # Not COMMANDS: that name is Textual's, for palette providers (tuples crash it).
        for title, action, description in getattr(screen_class, "PALETTE_ACTIONS", ()):
            yield Command(f"{entry.title}: {title}", description,
                          partial(app.run_screen_action, name, action))

    plugins = app.plugins
    for name, classifier in sorted(plugins.classifiers.items()):
        yield Command(f"Classifier: {name}", getattr(classifier, "description", ""),
                      partial(app.set_classifier, name))
    try:
        tables = app.workspace.evaluation_tables()
    except Exception:  # noqa: BLE001 - plugins still loading: no tables to offer yet
        tables = {}
    for name, table in tables.items():
        yield Command(f"Evaluation table: {name}", table.description,
                      partial(app.set_evaluation_table, name))
    for name, importer in sorted(plugins.importers.items()):
        extensions = ", ".join(getattr(importer, "extensions", ()))
        yield Command(f"Import with {name}", f"{importer.description} ({extensions})".strip(),
                      partial(app.start_import, name))
    for name, exporter in sorted(plugins.exporters.items()):
        yield Command(f"Export with {name}", getattr(exporter, "description", ""),
                      partial(app.start_export, name))
    if app.export_running:
        yield Command("Cancel export", "Stop waiting for the running export and discard it",
                      app.cancel_export)
    for theme in sorted(app.available_themes):
        yield Command(f"Theme: {theme}", "Use this colour theme (remembered)",
                      partial(setattr, app, "theme", theme))


class KanoCommands(Provider):
    """Fuzzy-matches :func:`app_commands` against what the user typed."""

    def _commands(self) -> list[Command]:
        return list(app_commands(self.app))  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for command in self._commands():
            # Titles and help carry plugin and theme names: never parse them as markup.
            yield DiscoveryHit(Content(command.title), command.run, text=command.title,
                               help=escape(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run,
                          text=command.title, help=escape(command.help))
