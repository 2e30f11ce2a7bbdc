"""The Plugins screen's options form (``o``): one field per option a plugin declares.

Values are read like ``--option`` values and checked like kano.toml's (the engine's
``kano_tui.plugins.options``); a wrong one is shown in the form, which stays open. Saving
goes through ``KanoApp.edit`` (undoable) into ``[plugins.NAME]``; options left at their
default are not written.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label

from kano_tui.engine.model import Project
from kano_tui.errors import KanoError
from kano_tui.tui.journey_forms import _Form


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class PluginOptionsForm(_Form):
    """Edit one plugin's options; dismisses with the plugin's name once saved."""

    def __init__(self, plugin: str, options: tuple[Any, ...], values: dict[str, Any]) -> None:
        super().__init__()
        self.plugin, self.options, self.values = plugin, options, values

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="plugin-options-form"):
            yield Label(Text(f"Options of {self.plugin} ([plugins.{self.plugin}])"),
                        classes="dialog--title")
            with VerticalScroll(classes="form-fields"):
                for option in self.options:
                    yield Label(Text(f"{option.name}: {option.help or option.describe()}"))
                    yield Input(_shown(self.values.get(option.name, option.default)),
                                id=f"option-{option.name}",
                                placeholder=f"{option.describe()}; default {_shown(option.default)}")
            yield from self.buttons()

    def action_submit(self) -> None:
        from kano_tui.plugins.options import SECTION, resolve

        chosen = {}
        for option in self.options:
            text = self.value(f"option-{option.name}")
            value = option.parse(text)
            why = option.problem(value)
            if why is not None:
                self.show_error(f"{option.name} {why} ({option.help or option.name}).")
                return
            if value != option.default:
                chosen[option.name] = value
        plugins = self.app.workspace.plugins  # type: ignore[attr-defined]

        def change(project: Project) -> None:
            section = dict(project.extra.get(SECTION) or {})
            if chosen:
                section[self.plugin] = chosen
            else:
                section.pop(self.plugin, None)
            resolve(plugins, section)  # checked as kano.toml will be read
            if section:
                project.extra[SECTION] = section
            else:
                project.extra.pop(SECTION, None)

        try:
            self.app.edit(f"options of {self.plugin}", change)  # type: ignore[attr-defined]
        except KanoError as error:
            self.show_error(str(error))
            return
        self.dismiss(self.plugin)
