"""The core commands, always loaded: new and open. The others live in modules imported
when their command runs (base.LAZY_COMMANDS); `kano plugins` in plugins_cmd."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kano_tui.cli.base import cli

if TYPE_CHECKING:
    from kano_tui.plugins.manager import Plugins


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option("--name", help="The project's display name (default: the directory name).")
@click.option("--description", default="", help="A sentence on what the project studies.")
@click.pass_context
def new(ctx: click.Context, project: str, name: str | None, description: str) -> None:
    """Create a project directory with an empty kano.toml and the default journey stages."""
    from kano_tui.session.workspace import Workspace

    workspace = Workspace.create(project, name, description)  # needs no plugin
    click.echo(f"Created {workspace.directory / 'kano.toml'} ({workspace.project.name}).")


@cli.command("open")
@click.argument("project", type=click.Path(file_okay=False), default=".")
@click.pass_context
def open_(ctx: click.Context, project: str) -> None:
    """Open PROJECT in the terminal interface (the same as `kano PROJECT`)."""
    import gc

    # No garbage collection until the plugins have loaded after the first figures (the
    # app then freezes what exists and resumes it): importing Textual and building the
    # first screen set off a full collection of some 100,000 objects, and the young
    # generations' collections add as much again (docs/startup.md).
    gc.disable()
    try:
        _open(ctx, project)
    finally:
        gc.enable()  # whatever happened: the app resumed it already, or never started


def _open(ctx: click.Context, project: str) -> None:
    from kano_tui.session.workspace import Workspace

    workspace = Workspace.open(Path(project))
    paths = (ctx.find_root().obj or {}).get("plugin_paths", [])

    def plugins() -> Plugins:
        from kano_tui.plugins.discovery import build_for_run  # importlib.metadata, ...

        return build_for_run(paths, project)

    # Plugins load in a worker once the first figures are drawn; the TUI reports their
    # problems itself (notes on stderr would be drawn over). The first analysis finds a
    # built-in classifier among the built-ins alone, as the CLI's commands do (unless
    # this run or the project brings plugins of its own: open_workspace's rule).
    from kano_tui.plugins.trust import has_plugin_files

    scoped = not paths and not has_plugin_files(project)
    # The first figures computed in a child process on the other core while this one
    # imports Textual and paints (only with the built-ins: the child loads no plugin).
    from kano_tui.tui.first_figures import FirstFigures

    first_figures = FirstFigures.start(workspace) if scoped else None
    from kano_tui.tui.app import run_app  # Textual

    run_app(
        workspace,
        plugins=plugins,
        scoped=scoped,
        collections_paused=True,
        first_figures=first_figures,
    )
