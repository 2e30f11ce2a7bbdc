"""``kano plugins``: list, scaffold, trust and block plugins."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kano_tui.cli.base import cli, echo_err, echo_json, plugins_for

if TYPE_CHECKING:
    from kano_tui.plugins.manager import Plugins

STATE_STYLES = {
    "enabled": "green",
    "failed": "bold red",
    "incompatible": "bold red",
    "blocked": "yellow",
    "untrusted": "yellow",
}


@cli.group("plugins", invoke_without_command=True)
@click.pass_context
def plugins_group(ctx: click.Context) -> None:
    """List plugins (the same as `kano plugins list`), or manage them.

    Plugins come from installed packages (entry-point group `kano_tui`), single files in
    the user's plugins folder (`kano plugins dir`), a project's own plugins/ folder once
    you trust it, and `kano --plugin FILE` for one run. Set KANO_BLOCK_PLUGINS=a,b to
    skip plugins, KANO_PLUGINS=a,b to load only those, KANO_STRICT_PLUGINS=1 to see
    a failing plugin's traceback instead of disabling it.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(plugins_list)


@plugins_group.command("list")
@click.argument("project", required=False, type=click.Path(file_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--traceback",
    "show_traceback",
    is_flag=True,
    help="Show the full traceback of every failed plugin.",
)
@click.pass_context
def plugins_list(
    ctx: click.Context, project: str | None = None, fmt: str = "table", show_traceback: bool = False
) -> None:
    """List every plugin: origin, version, state, what it provides and any error.

    With PROJECT, also that project's own plugins (loaded when trusted, listed as
    untrusted otherwise).
    """
    loaded = plugins_for(ctx, project)
    values = _option_values(ctx, project, loaded)
    if fmt == "json":
        document = [
            {
                **info.to_json(),
                "provides": [
                    {"kind": kind, "name": name, "description": description}
                    for kind, name, description in loaded.provided(info)
                ],
                "options": [
                    option_json(o, values.get(info.name, {}))
                    for o in loaded.options.get(info.name, ())
                ],
            }
            for info in loaded.infos.values()
        ]
        echo_json({"plugins": document, "notes": loaded.notes})
        return
    from rich.text import Text

    from kano_tui.cli.terminal import console as safe_console

    console = safe_console(highlight=False, soft_wrap=True)
    for info in loaded.infos.values():
        line = Text(info.name, style="bold")
        if info.version:
            line.append(f" {info.version}")
        if info.distribution and info.distribution != info.name:
            line.append(f" ({info.distribution})", style="dim")
        line.append(f"  [{info.origin}]  ")
        line.append(info.state, style=STATE_STYLES.get(info.state, ""))
        console.print(line)
        if info.location and not info.built_in:
            console.print(Text(f"    from {info.location}", style="dim"))
        for kind, name, description in loaded.provided(info):
            console.print(Text(f"    {_shown(kind):<11} {name:<22} {description}"))
        for entry, why in info.disabled.items():
            kind, _, name = entry.partition(" ")
            console.print(
                Text(
                    f"    {_shown(kind):<11} {name:<22} disabled: {why}",
                    style=STATE_STYLES["failed"],
                )
            )
        if info.state == "enabled":
            for option in loaded.options.get(info.name, ()):
                console.print(Text(option_line(info.name, option, values.get(info.name, {}))))
        if info.error:
            console.print(
                Text(f"    {info.error.splitlines()[0]}", style=STATE_STYLES.get(info.state, ""))
            )
        if show_traceback and info.traceback:
            console.print(Text(_indent(info.traceback, "      "), style="dim"))
    failed = loaded.failures()
    if failed and not show_traceback:
        were = "plugin failed and was" if len(failed) == 1 else "plugins failed and were"
        echo_err(f"kano: {len(failed)} {were} disabled; `kano plugins list --traceback` shows why.")


def _shown(kind: str) -> str:
    return {"evaluation_table": "table"}.get(kind, kind)  # as in "--table NAME"


def _option_values(
    ctx: click.Context, project: str | None, loaded: Plugins
) -> dict[str, dict[str, Any]]:
    """Each plugin's option values: PROJECT's when given, else the defaults."""
    from kano_tui.plugins.options import resolve

    if project is None:
        return dict(resolve(loaded, None).values)
    from kano_tui.cli.base import open_workspace

    return dict(open_workspace(ctx, project).plugin_options().values)


def option_json(option, values: dict) -> dict:  # type: ignore[no-untyped-def]
    return {
        "name": option.name,
        "type": option.type.__name__,
        "default": option.default,
        "value": values.get(option.name, option.default),
        "help": option.help,
        "choices": list(option.choices),
        "minimum": option.minimum,
        "maximum": option.maximum,
    }


def option_line(plugin: str, option, values: dict) -> str:  # type: ignore[no-untyped-def]
    """``    option      variants.level = 0.8   a number from 0.5 to 1; help``."""
    from kano_tui.plugins.options import toml_text

    value = values.get(option.name, option.default)
    setting = f"{plugin}.{option.name} = {toml_text(value)}"
    return f"    {'option':<11} {setting:<22} {option.help or option.describe()}"


def _indent(text: str, prefix: str) -> str:
    return "".join(prefix + line for line in text.rstrip().splitlines(keepends=True)) + "\n"


@plugins_group.command("new")
@click.argument("name")
@click.option(
    "-d",
    "--directory",
    type=click.Path(file_okay=False),
    default=".",
    show_default=True,
    help="Where to create the kano-NAME folder.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["classifier", "importer", "exporter"]),
    help="What the plugin provides (repeatable; default: all three, one example each).",
)
@click.pass_context
def plugins_new(ctx: click.Context, name: str, directory: str, kinds: tuple[str, ...]) -> None:
    """Create a plugin package kano-NAME, ready to install and test.

    It holds a pyproject.toml with the `kano_tui` entry point, the module with one
    example per kind, a README and tests (using kano_tui.testing) that pass right away:

      cd kano-NAME && pip install -e ".[test]" && pytest
    """
    from kano_tui.scaffold import KINDS, create_plugin

    registered = plugins_for(ctx).registry
    taken = {kind: set(registered[kind]) for kind in registered}
    folder, written = create_plugin(name, Path(directory), tuple(kinds) or KINDS, taken)
    click.echo(f"Created {folder}:")
    for path in written:
        click.echo(f"  {path.relative_to(folder)}")
    click.echo(
        f'\nNext: cd {folder} && pip install -e ".[test]" && pytest\n'
        "Then `kano plugins` lists it. The guide: docs/plugins.md."
    )


@plugins_group.command("trust")
@click.argument("project", type=click.Path(file_okay=False, exists=True))
@click.option("-y", "--yes", is_flag=True, help="Do not ask; trust the files as they are.")
def plugins_trust(project: str, yes: bool) -> None:
    """Allow PROJECT's own plugins (PROJECT/plugins/*.py) to run.

    Project plugins are code that came with the project: kano never runs them until you
    trust them here. The decision is remembered for these exact files; when any of them
    changes, they are skipped again until you trust them again.
    """
    from kano_tui.errors import KanoError
    from kano_tui.plugins.trust import TRUSTED, read_project_plugins, trust_project

    found = read_project_plugins(project)
    if not found.plugin_files:
        raise KanoError(f"{found.project} has no plugins/*.py files; there is nothing to trust.")
    click.echo(f"{found.project / 'plugins'} holds:")
    for name, content in found.files.items():
        click.echo(f"  {name}  ({len(content)} bytes)")
    click.echo(f"fingerprint {found.fingerprint}")
    if found.state == TRUSTED:
        click.echo("These files are already trusted.")
        return
    if not yes:
        click.echo(
            "These files will run with your permissions every time the project is "
            "opened. Read them first."
        )
        if not click.confirm("Trust them?", default=False):
            raise KanoError(f"Nothing was trusted; {found.project}'s plugins stay skipped.")
    trusted = trust_project(project)
    click.echo(
        f"Trusted {len(trusted.plugin_files)} plugin file"
        f"{'s' if len(trusted.plugin_files) != 1 else ''} of {trusted.project}."
    )


@plugins_group.command("untrust")
@click.argument("project", type=click.Path(file_okay=False))
def plugins_untrust(project: str) -> None:
    """Stop running PROJECT's own plugins (forget the trust decision)."""
    from kano_tui.plugins.trust import untrust_project

    if untrust_project(project):
        click.echo(f"{Path(project).resolve()}: project plugins are no longer trusted.")
    else:
        click.echo(f"{Path(project).resolve()} was not trusted; nothing changed.")


@plugins_group.command("block")
@click.argument("names", nargs=-1, required=True)
def plugins_block(names: tuple[str, ...]) -> None:
    """Never load the plugins NAMES (plugin or distribution names), until unblocked.

    Remembered in your config; for one run use KANO_BLOCK_PLUGINS=NAME instead.
    """
    from kano_tui.engine.project.userconfig import load_user_config, update_user_config
    from kano_tui.plugins.discovery import BLOCKED_KEY

    current = [str(n) for n in load_user_config().get(BLOCKED_KEY, []) or []]
    update_user_config(**{BLOCKED_KEY: sorted(set(current) | set(names))})
    click.echo(f"Blocked: {', '.join(names)}.")


@plugins_group.command("unblock")
@click.argument("names", nargs=-1, required=True)
def plugins_unblock(names: tuple[str, ...]) -> None:
    """Load the plugins NAMES again."""
    from kano_tui.engine.project.userconfig import load_user_config, update_user_config
    from kano_tui.plugins.discovery import BLOCKED_KEY

    current = [str(n) for n in load_user_config().get(BLOCKED_KEY, []) or []]
    missing = [n for n in names if n not in current]
    update_user_config(**{BLOCKED_KEY: [n for n in current if n not in names]})
    if missing:
        click.echo(f"Not blocked: {', '.join(missing)}.")
    unblocked = [n for n in names if n in current]
    if unblocked:
        click.echo(f"Unblocked: {', '.join(unblocked)}.")


@plugins_group.command("dir")
def plugins_dir_cmd() -> None:
    """Print the folder for your own single-file plugins (*.py files found there load)."""
    from kano_tui.engine.project.userconfig import plugins_dir

    click.echo(str(plugins_dir()))
