"""Plugins' reach into the ``kano`` command: their subcommands and ``--option``.

:class:`PluginCommandGroup` is the ``kano`` group: a name that is not a built-in command
is looked up among the plugins' commands (``register_commands``), which ``kano --help``
lists under "Plugin commands" (from a cache of them while the installed plugins stay
the same: ``kano_tui.plugins.command_cache``). Plugins load only then, so the built-in
commands start as fast as before. A plugin command cannot shadow a built-in one (its plugin is
reported and disabled), and one that raises is its plugin's failure: one sentence,
exit 1, never kano's internal error.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kano_tui.cli.lazy import LazyGroup
from kano_tui.errors import KanoError, PluginError

if TYPE_CHECKING:
    from kano_tui.plugins.command_cache import CachedCommand

OPTION_HELP = (
    "A plugin's option for this run, PLUGIN.KEY=VALUE (repeatable; over "
    "kano.toml's [plugins.PLUGIN]; `kano plugins` lists them)."
)


class PluginCommandGroup(LazyGroup):
    """The ``kano`` group: kano's commands, loaded lazily, and the plugins' commands."""

    def _plugins(self, ctx: click.Context) -> Any:
        from kano_tui.cli.base import plugins_for

        root = ctx.find_root()
        obj = root.obj or {}
        if "plugins" not in obj and "plugin_paths" not in obj:  # before cli() ran
            paths = root.params.get("plugin_paths") or ()
            root.obj = {**obj, "plugin_paths": [Path(p) for p in paths]}
        return plugins_for(ctx)

    def plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        try:
            plugins = self._plugins(ctx)
        except KanoError:  # a bad --plugin: the command itself will say so
            return {}
        refuse_clashes(plugins, self.built_in_names())
        return dict(plugins.registry.get("command", {}))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None:
            return found
        return self.plugin_commands(ctx).get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.plugin_commands(ctx)})

    def listed_plugin_commands(self, ctx: click.Context) -> list[CachedCommand]:
        """The plugin commands ``kano --help`` lists: from the cache of them when it is
        for the plugins installed now (``kano_tui.plugins.command_cache``), else from the
        plugins, loaded (and the cache written again)."""
        from kano_tui.plugins import command_cache
        from kano_tui.plugins.manager import STRICT_ENV

        root = ctx.find_root()
        obj = root.obj or {}
        own = (
            "plugins" in obj  # a plugin manager handed over (kano_tui.testing)
            or obj.get("plugin_paths")
            or root.params.get("plugin_paths")
            or os.environ.get(STRICT_ENV, "") not in ("", "0")
        )
        wanted = None if own else command_cache.key(self.built_in_names())
        if wanted is not None:
            cached = command_cache.read(wanted)
            if cached is not None:
                return cached
        commands = self.plugin_commands(ctx)
        owners = self._plugins(ctx).owner if commands else {}
        listed = [
            command_cache.CachedCommand.of(command, owners.get(("command", name), "?"))
            for name, command in sorted(commands.items())
        ]
        if wanted is not None:
            command_cache.write(wanted, listed)
        return listed

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        found = {name: self.get_command(ctx, name) for name in sorted(self.built_in_names())}
        built_in = {
            name: command
            for name, command in found.items()
            if command is not None and not command.hidden
        }
        listed = self.listed_plugin_commands(ctx)
        plugins = {entry.name: _stand_in(entry) for entry in listed}
        owners = {entry.name: entry.owner for entry in listed}
        limit = formatter.width - 6 - max(map(len, [*built_in, *plugins]), default=0)
        for title, commands in (("Commands", built_in), ("Plugin commands", plugins)):
            rows = [
                (name, command.get_short_help_str(limit))
                for name, command in sorted(commands.items())
                if not command.hidden
            ]
            if title == "Plugin commands":
                rows = [(name, f"{text} [{owners[name]}]") for name, text in rows]
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (
            KanoError,
            click.exceptions.ClickException,
            click.exceptions.Exit,
            click.exceptions.Abort,
            KeyboardInterrupt,
            BrokenPipeError,
        ):
            raise
        except Exception as error:
            name = ctx.invoked_subcommand
            obj = ctx.find_root().obj or {}
            plugins = obj.get("plugins")
            owner = (
                None
                if plugins is None or name in self.built_in_names()
                else plugins.owner.get(("command", name))
            )
            if owner is None or plugins is None:
                raise
            raise plugins.fail(owner, error) from None


def _stand_in(entry: CachedCommand) -> click.Command:
    """A command that shows in help as the plugin's does (it is never run)."""
    return click.Command(
        entry.name,
        help=entry.help,
        short_help=entry.short_help,
        deprecated=entry.deprecated,
        hidden=entry.hidden,
    )


def refuse_clashes(plugins: Any, built_in: set[str]) -> None:
    """Disable a plugin whose command is named like a built-in one (it cannot replace
    ``analyze``), once, where every command can see it (``kano plugins`` included)."""
    for name in list(plugins.registry.get("command", {})):
        if name in built_in:
            owner = plugins.owner[("command", name)]
            with contextlib.suppress(PluginError):  # fail() raises it in strict mode
                plugins.fail(
                    owner,
                    PluginError(
                        f"Plugin {owner!r}: its command {name!r} has the name of a built-in "
                        "kano command; rename it."
                    ),
                )


def option_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--option PLUGIN.KEY=VALUE`` (repeatable), as ``plugin_options``."""
    return click.option(
        "--option", "plugin_options", multiple=True, metavar="PLUGIN.KEY=VALUE", help=OPTION_HELP
    )(command)


def apply_options(workspace: Any, items: tuple[str, ...]) -> None:
    """Give the workspace this run's ``--option`` values and check them, with
    kano.toml's ``[plugins.*]``, before anything runs. With neither there is nothing to
    check (no built-in declares options), and the plugins need not load for it."""
    from kano_tui.plugins.options import parse_overrides

    workspace.option_overrides = tuple(parse_overrides(items))
    if workspace.configures_plugins:
        workspace.plugin_options()


def is_plugin_command(word: str, plugin_paths: list[str]) -> bool:
    """Whether ``word`` names a plugin's command (``kano WORD``): from the cache of the
    plugin commands when it is for the plugins installed now (a typo is then told without
    loading any), else by loading the plugins (with these ``--plugin`` paths)."""
    from kano_tui.cli.base import cli
    from kano_tui.plugins import command_cache
    from kano_tui.plugins.discovery import build_for_run
    from kano_tui.plugins.manager import STRICT_ENV

    if not plugin_paths and os.environ.get(STRICT_ENV, "") in ("", "0"):
        cached = command_cache.read(command_cache.key(cli.built_in_names()))
        if cached is not None:
            return any(command.name == word for command in cached)
    try:
        plugins = build_for_run([Path(p) for p in plugin_paths], None)
    except KanoError:
        return False
    return word in plugins.registry.get("command", {}) and word not in cli.built_in_names()
