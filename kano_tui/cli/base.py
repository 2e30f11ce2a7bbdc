"""The ``kano`` click group and what every command shares."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kano_tui import __version__
from kano_tui.cli.plugin_commands import PluginCommandGroup, refuse_clashes

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
Command = TypeVar("Command", bound=Callable[..., Any])  # a click command function

# Commands whose module is imported only when the command runs (or --help lists them):
# a script calling `kano analyze` never pays for defining `kano import`, `kano compare`
# or `kano serve`. Each module registers its commands with @cli.command() when imported;
# the core commands (kano_tui.cli.commands: new, open) are always loaded.
# tests/cli/test_startup.py checks the list.
LAZY_COMMANDS: dict[str, str] = {
    **dict.fromkeys(("import", "imports"), "kano_tui.cli.import_cmd"),
    **dict.fromkeys(("analyze", "backlog"), "kano_tui.cli.analyze_cmd"),
    **dict.fromkeys(("export", "questionnaire"), "kano_tui.cli.export_cmd"),
    **dict.fromkeys(("features", "settings"), "kano_tui.cli.features_cmd"),
    "plugins": "kano_tui.cli.plugins_cmd",
    **dict.fromkeys(
        ("journey", "advocacy", "stage", "touchpoint", "persona", "kpi"), "kano_tui.cli.journey"
    ),
    "serve": "kano_tui.cli.serve",
    **dict.fromkeys(("compare", "quality"), "kano_tui.cli.compare"),
}


@click.group(cls=PluginCommandGroup, lazy_commands=LAZY_COMMANDS, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="kano")
# --plugin is eager so that `kano --plugin FILE --help` lists that plugin's commands.
@click.option(
    "--plugin",
    "plugin_paths",
    multiple=True,
    type=click.Path(dir_okay=False),
    is_eager=True,
    help="Load a plugin for this run: a .py file or an importable module name (repeatable).",
)
@click.pass_context
def cli(ctx: click.Context, plugin_paths: tuple[str, ...]) -> None:
    """Kano-model analysis and customer-journey mapping in the terminal.

    Run `kano PROJECT` to open a project in the TUI; the commands below work headless,
    for scripts. Every command takes --help.
    """
    # Keep what the caller passed in (kano_tui.testing hands over a ready plugin manager).
    ctx.obj = {**(ctx.obj or {}), "plugin_paths": [Path(p) for p in plugin_paths]}


FORMATS = click.Choice(["table", "json", "csv"])
WEIGHT_HELP = (
    "Weight every figure by this numeric respondent column (default: [settings] "
    "weight in kano.toml; --weight '' for none); n stays the respondent count."
)


def echo_json(document: object) -> None:
    """A command's ``--format json`` answer on stdout: indented, UTF-8 as is, one newline."""
    import json

    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def echo_csv(rows: list[dict[str, Any]], columns: list[str] | tuple[str, ...]) -> None:
    """A command's ``--format csv`` answer on stdout, written as the CSV exports are."""
    from kano_tui.exporters.data import write_csv

    sys.stdout.write(write_csv(rows, list(columns)).decode("utf-8"))


def key_value(text: str, option: str, form: str) -> tuple[str, str]:
    """``KEY=VALUE`` as (key, value), or one sentence naming the option and the form."""
    from kano_tui.errors import KanoError

    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise KanoError(f"{option} {text!r} must be {form}.")
    return key.strip(), value


def check_project_path(project: str | Path) -> None:
    """Refuse a PROJECT path the system cannot even look up (too long, a loop of links)
    with one sentence, before anything touches it."""
    import errno
    import os

    try:
        os.stat(project)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            return  # the command says what is missing, in its own words
        from kano_tui.errors import ProjectError

        shown = str(project) if len(str(project)) <= 80 else str(project)[:77] + "..."
        raise ProjectError(
            f"{shown} cannot be used as a project directory: {error.strerror or error}."
        ) from None


def table_option(command: Command) -> Command:
    """``--table NAME``: the evaluation table, on every command that analyses."""
    return click.option(
        "--table",
        "evaluation_table",
        metavar="NAME",
        help="Evaluation table turning answer pairs into categories: standard "
        "(Berger et al. 1993), pouliot, or one defined in kano.toml or by a plugin "
        "(default: the project's, standard).",
    )(command)


def plugins_for(ctx: click.Context, project: str | Path | None = None):  # type: ignore[no-untyped-def]
    """The plugin manager for this run (built once per command), with the trusted
    plugins of ``project``; notes about skipped plugins go to stderr."""
    from kano_tui.plugins.discovery import build_for_run

    if project is not None:
        check_project_path(project)

    obj = ctx.find_root().obj or {}
    if "plugins" not in obj:
        obj["plugins"] = build_for_run(obj.get("plugin_paths", []), project)
        ctx.find_root().obj = obj
        refuse_clashes(obj["plugins"], cli.built_in_names())
        for note in obj["plugins"].notes:
            echo_err(f"kano: note: {note}")
    return obj["plugins"]


def open_workspace(ctx: click.Context, project: str, *, write: bool = False):  # type: ignore[no-untyped-def]
    """Open PROJECT; ``write=True`` (commands that change it) holds the project's write
    lock for the whole command, so a second writer is told instead of racing.

    The plugins load when the command first needs one (a classifier, an exporter): a
    command such as `kano features list` never imports them, and one that names only
    built-ins (`kano analyze` with the default classifier) loads only the built-in modules
    of that kind, unless this run loads plugins anyway (--plugin, a plugin manager handed
    over) or the project has plugins of its own (docs/startup.md)."""
    from kano_tui.plugins.manager import build_built_ins
    from kano_tui.plugins.trust import has_plugin_files
    from kano_tui.session.workspace import Workspace

    check_project_path(project)
    workspace = Workspace.open(Path(project), lock=write)
    obj = ctx.find_root().obj or {}
    scoped = "plugins" not in obj and not obj.get("plugin_paths") and not has_plugin_files(project)
    workspace.load_plugins_with(
        lambda: plugins_for(ctx, project), built_ins=build_built_ins if scoped else None
    )
    ctx.call_on_close(workspace.close)  # release the lock when the command ends
    for note in workspace.notes():
        echo_err(f"kano: note: {note}")
    return workspace


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
