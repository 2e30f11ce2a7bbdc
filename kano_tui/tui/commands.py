"""The command palette (ctrl+p): every screen, action, classifier, importer, exporter
and theme, plugins' included (read from ``workspace.plugins`` each time it opens).

Each entry is a :class:`PaletteCommand`; :func:`palette_commands` lists them all (a
screen adds its own with ``PALETTE_COMMANDS``) and :class:`PaletteProvider` is the
Textual provider that fuzzy-matches them. ``kano_tui.testing.palette_titles`` reads the
same list, so tests see what users see."""

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
class PaletteCommand:
    """One entry of the palette: its title, a line of help, what it runs."""

    title: str
    help: str
    run: Callable[[], object]


def palette_commands(app: KanoApp) -> Iterator[PaletteCommand]:
    """Everything the palette offers, in the order it lists them."""
    from kano_tui.tui.keymap import key_display
    from kano_tui.tui.registry import SCREENS

    def key(binding_id: str, default: str) -> str:  # as the user's keymap has it
        return key_display(app, binding_id, default)

    for name, entry in SCREENS.items():
        shown = f" ({key(f'screen.{name}', entry.key)})" if entry.key else ""
        yield PaletteCommand(
            f"Go to {entry.title}{shown}", entry.description, partial(app.action_go, name)
        )
    yield PaletteCommand(
        f"Save project ({key('app.save', 'ctrl+s')})", "Write kano.toml atomically", app.action_save
    )
    yield PaletteCommand(
        f"Undo ({key('app.undo', 'ctrl+z')})", "Undo the last change", app.action_undo
    )
    yield PaletteCommand(
        f"Redo ({key('app.redo', 'ctrl+y')})", "Redo the last undone change", app.action_redo
    )
    yield PaletteCommand(
        f"Help: keys ({key('app.help', '?')})", "Every key binding", app.action_help
    )
    yield PaletteCommand(
        f"Quit ({key('app.quit', 'q')})",
        "Quit, asking first when there are unsaved changes",
        app.action_request_quit,
    )

    # Each screen's own actions: run them on that screen (switching to it first).
    for name, entry in SCREENS.items():
        try:
            screen_class = entry.load()
        except Exception:  # noqa: BLE001 - a broken screen must not break the palette
            continue
        # Not COMMANDS: that name is Textual's, for palette providers (tuples crash it).
        for title, action, description in getattr(screen_class, "PALETTE_COMMANDS", ()):
            yield PaletteCommand(
                f"{entry.title}: {title}", description, partial(app.run_screen_action, name, action)
            )

    plugins = app.plugins
    for name, classifier in sorted(plugins.classifiers.items()):
        yield PaletteCommand(
            f"Classifier: {name}",
            getattr(classifier, "description", ""),
            partial(app.set_classifier, name),
        )
    try:
        tables = app.workspace.evaluation_tables()
    except Exception:  # noqa: BLE001 - plugins still loading: no tables to offer yet
        tables = {}
    for name, table in tables.items():
        yield PaletteCommand(
            f"Evaluation table: {name}", table.description, partial(app.set_evaluation_table, name)
        )
    for name, importer in sorted(plugins.importers.items()):
        extensions = ", ".join(getattr(importer, "extensions", ()))
        yield PaletteCommand(
            f"Import with {name}",
            f"{importer.description} ({extensions})".strip(),
            partial(app.start_import, name),
        )
    for name, exporter in sorted(plugins.exporters.items()):
        yield PaletteCommand(
            f"Export with {name}",
            getattr(exporter, "description", ""),
            partial(app.start_export, name),
        )
    if app.export_running:
        yield PaletteCommand(
            "Cancel export", "Stop waiting for the running export and discard it", app.cancel_export
        )
    for theme in sorted(app.available_themes):
        yield PaletteCommand(
            f"Theme: {theme}",
            "Use this colour theme (remembered)",
            partial(setattr, app, "theme", theme),
        )


class PaletteProvider(Provider):
    """Fuzzy-matches :func:`palette_commands` against what the user typed."""

    def _commands(self) -> list[PaletteCommand]:
        return list(palette_commands(self.app))  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for command in self._commands():
            # Titles and help carry plugin and theme names: never parse them as markup.
            yield DiscoveryHit(
                Content(command.title), command.run, text=command.title, help=escape(command.help)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    command.run,
                    text=command.title,
                    help=escape(command.help),
                )
