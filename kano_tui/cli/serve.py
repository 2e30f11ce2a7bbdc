"""``kano serve``: the same TUI in a web browser, with textual-serve.

Each browser tab that connects starts its own ``kano open PROJECT`` process, drawn in the
page by textual-serve. The first session holds the project's write lock as in a
terminal; a second one opens read-only and says so.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

import click

from kano_tui.cli.base import cli, echo_err
from kano_tui.errors import KanoError

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def open_command(project: Path, plugin_paths: list[Path]) -> str:
    """The shell command textual-serve runs for each browser session."""
    words = [sys.executable, "-m", "kano_tui.cli.main"]
    for path in plugin_paths:
        words += ["--plugin", str(path)]
    return shlex.join([*words, "open", str(project)])


@cli.command()
@click.argument("project", type=click.Path(file_okay=False))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this machine (e.g. 0.0.0.0) lets "
    "whoever reaches it open and change the project: there is no password.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.pass_context
def serve(ctx: click.Context, project: str, host: str, port: int) -> None:
    """Serve PROJECT's TUI to a web browser (textual-serve), for colleagues who do not
    live in a terminal: open the printed address; every tab is its own session.

    Listens on this machine only unless --host says otherwise. Ctrl+C stops it.
    """
    import socket

    from kano_tui.errors import ProjectError
    from kano_tui.session.workspace import Workspace

    try:
        directory = Path(project).resolve()
    except OSError as error:  # a path the system cannot look up (too long, a loop)
        raise ProjectError(
            f"{project[:80]!r} is not a kano project directory: {error.strerror or error}."
        ) from None
    try:
        Workspace.open(directory).close()  # not a project: say so now, not in the browser
    except OSError as error:  # a name the system cannot look up (too long)
        raise ProjectError(
            f"{project[:80]!r} is not a kano project directory: {error.strerror or error}."
        ) from None
    try:  # an address this machine cannot listen on: one sentence before serving
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise KanoError(
            f"Cannot serve on {host[:80]!r}: it is not an address of this "
            f"machine ({getattr(error, 'strerror', None) or error}); use "
            "--host 127.0.0.1 or a name of this machine."
        ) from None
    if not is_loopback(host):
        echo_err(
            f"kano: warning: serving on {host}: anyone who can reach this machine on "
            f"port {port} can open and change {directory.name}, without a password."
        )
    from textual_serve.server import Server

    paths = (ctx.find_root().obj or {}).get("plugin_paths", [])
    server = Server(
        open_command(directory, [Path(p).resolve() for p in paths]),
        host=host,
        port=port,
        title=f"kano · {directory.name}",
    )
    try:
        server.serve()
    except (OSError, RuntimeError) as error:  # the port is taken, the address not ours
        reason = getattr(error, "strerror", None) or error
        raise KanoError(
            f"Cannot serve on {host}:{port}: {reason}; choose another with --port or --host."
        ) from None
