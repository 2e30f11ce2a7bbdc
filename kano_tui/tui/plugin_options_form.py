"""The Plugins screen's options form (``o``): one field per option a plugin declares.

Values are read like ``--option`` values and checked like kano.toml's (the engine's
``kano_tui.plugins.options``); a wrong one is shown in the form, which stays open. Saving
goes through ``KanoApp.edit`` (undoable) into ``[plugins.NAME]``; options left at their
default are not written.
"""

from __future__ import annotations

from typing import Any

from kano_tui.engine.project.model import Project
from kano_tui.tui.forms import Field, Form


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class PluginOptionsForm(Form):
    """Edit one plugin's options; dismisses with the plugin's name once saved."""

    FORM_ID = "plugin-options-form"

    def __init__(self, plugin: str, options: tuple[Any, ...], values: dict[str, Any]) -> None:
        super().__init__()
        self.plugin, self.options, self.values = plugin, options, values

    def heading(self) -> str:
        return f"Options of {self.plugin} ([plugins.{self.plugin}])"

    def fields(self) -> list[Field]:
        return [
            Field(
                f"option-{option.name}",
                f"{option.name}: {option.help or option.describe()}",
                _shown(self.values.get(option.name, option.default)),
                placeholder=f"{option.describe()}; default {_shown(option.default)}",
            )
            for option in self.options
        ]

    def action_submit(self) -> None:
        from kano_tui.plugins.options import SECTION, resolve

        chosen = {}
        for option in self.options:
            value = option.parse(self.value(f"option-{option.name}"))
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

        self.save(f"options of {self.plugin}", change, lambda _: self.plugin)
