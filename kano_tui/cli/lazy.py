"""A click group whose commands' modules are imported the first time they are asked for."""

from __future__ import annotations

import importlib
from typing import Any

import click


class LazyGroup(click.Group):
    """A click group that imports a command's module the first time it is asked for."""

    def __init__(
        self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def built_in_names(self) -> set[str]:
        """Every command of kano's own, loaded or not."""
        return {*self.commands, *self.lazy_commands}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.built_in_names())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            importlib.import_module(self.lazy_commands[cmd_name])  # registers it
        return super().get_command(ctx, cmd_name)

    def load_all(self) -> None:
        """Import every lazy command's module (for tools that walk all commands)."""
        for module in dict.fromkeys(self.lazy_commands.values()):
            importlib.import_module(module)
