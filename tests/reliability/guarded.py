"""Run `kano` -- a command, or the TUI driven headless -- under an audit hook
(:pep:`578`) that ends the process with exit code 99 at the first forbidden event:

- any network use: connecting, resolving a name, opening a URL or a browser;
- starting another program (subprocess, os.system, exec, spawn);
- unpickling (``pickle.find_class``: what loading a pickle of anything but plain data does);
- compiling text that holds the canary string (the tests put it in project files, so a
  hit means text from a project was evaluated as code);
- running code from a file under the project directory (a project-local plugin that was
  not trusted, or a module in the project shadowing a real one).

Usage: ``python -m tests.reliability.guarded PROJECT cli ARGS... [--next ARGS...]`` (several
commands in one process) or ``... PROJECT tui``.
KANO_CANARY holds the canary; KANO_GUARD_LOG, if set, receives every event name seen.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

FORBIDDEN_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.sendto",
        "socket.sendmsg",
        "socket.bind",
        "urllib.Request",
        "http.client.connect",
        "ftplib.connect",
        "smtplib.connect",
        "imaplib.open",
        "poplib.connect",
        "webbrowser.open",
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.startfile",
        "pty.spawn",
        "pickle.find_class",
    }
)
CANARY = os.environ.get("KANO_CANARY", "")
PROJECT = str(Path(sys.argv[1]).resolve())
LOG = os.environ.get("KANO_GUARD_LOG")
NEXT = "--next"
RESULT = "guarded: exit"
seen: set[str] = set()


def stop(event: str, detail: object) -> None:
    os.write(2, f"\nFORBIDDEN {event}: {detail!r}\n".encode("utf-8", "replace"))
    os._exit(99)  # an exception could be caught by the code under test


def hook(event: str, args: tuple) -> None:  # type: ignore[type-arg]
    if LOG is not None and event not in seen:
        seen.add(event)
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(event + "\n")
    if event in FORBIDDEN_EVENTS:
        stop(event, args[:2])
    elif event == "compile" and CANARY:
        source = args[0]
        if isinstance(source, bytes):
            source = source.decode("utf-8", "replace")
        if isinstance(source, str) and CANARY in source:
            stop(event, args[1])
    elif event == "exec":
        filename = getattr(args[0], "co_filename", "")
        if isinstance(filename, str) and filename.startswith(PROJECT + os.sep):
            stop(event, filename)


async def drive_tui(project: Path) -> None:
    """Open the real app on ``project``, visit every screen, run an export and quit."""
    from kano_tui.plugins.discovery import build_for_run
    from kano_tui.session.workspace import Workspace
    from kano_tui.tui.app import KanoApp

    workspace = Workspace.open(project, lock=True)
    workspace.load_plugins_with(lambda: build_for_run(project=project))
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("1", "2", "3", "4", "5", "1"):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        for exporter in sorted(workspace.plugins.exporters):
            app.start_export(exporter)
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("ctrl+s", "q")
        await pilot.pause()
    workspace.close()


def main() -> int:
    project, mode, *rest = sys.argv[1:]
    sys.addaudithook(hook)
    if mode == "tui":
        asyncio.run(drive_tui(Path(project)))
        return 0
    from kano_tui.cli.main import main as kano

    # Several commands in one process, separated by NEXT: each runs as `kano` would.
    commands: list[list[str]] = [[]]
    for arg in rest:
        if arg == NEXT:
            commands.append([])
        else:
            commands[-1].append(arg)
    codes = []
    for command in commands:
        codes.append(kano(command))
        print(f"{RESULT} {codes[-1]} {' '.join(command)}", file=sys.stderr, flush=True)
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
