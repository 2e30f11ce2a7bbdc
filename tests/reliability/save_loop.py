"""A long-lived helper for the kill tests: it imports kano once, then forks a child per
round that saves in a loop until the test kills it with SIGKILL.

Forking from a process that already imported pandas and pyarrow makes a round cost a few
milliseconds instead of an interpreter start, so hundreds of kills fit in seconds.

Protocol (one line each, on stdin / stdout):
    test -> helper: ``run features`` or ``run import`` (``run calibrate-MODE``: the same
                    on a scratch project, to time it)
    helper -> test: ``pid N``; then the child writes ``saved K`` after each completed save
    test -> helper: ``reap`` (after killing N); helper -> test: ``reaped N SIGNAL``

Run as ``python -m tests.reliability.save_loop PROJECT SCRATCH``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.plugins.manager import build_plugins
from kano_tui.session.workspace import Workspace

PLUGINS = build_plugins()  # once, before forking: children start with it loaded

ROWS = 3


def feature_id(number: int) -> str:
    return f"f{number:05d}"


def survey_text(number: int) -> str:
    """The survey file of the ``number``-th import: its own respondents."""
    lines = ["respondent,camera.functional,camera.dysfunctional"]
    lines += [f"i{number}-r{row},like,dislike" for row in range(ROWS)]
    return "\n".join(lines) + "\n"


def _say(text: str) -> None:
    os.write(1, (text + "\n").encode())  # unbuffered: what is said before a kill is read


def save_features_forever(project: Path) -> None:
    """State K = features f00001..fK and the description "state K", saved atomically."""
    workspace = Workspace.open(project, lock=True)
    number = len(workspace.project.features)
    while True:
        number += 1
        add_feature(workspace.project, f"Feature {number}", feature_id=feature_id(number))
        workspace.project.description = f"state {number}"
        workspace.save()
        _say(f"saved {number}")


def import_forever(project: Path, scratch: Path) -> None:
    """State K = K imports of ROWS respondents each."""
    workspace = Workspace.open(project, PLUGINS, lock=True)
    number = len(workspace.project.imports)
    while True:
        number += 1
        source = scratch / f"wave-{number}.csv"
        source.write_text(survey_text(number), encoding="utf-8")
        workspace.import_file(source)
        _say(f"saved {number}")


def main(project: Path, scratch: Path) -> None:
    _say("ready")
    for line in sys.stdin:
        command = line.split()
        if command[:1] == ["run"]:
            pid = os.fork()
            if pid == 0:
                try:
                    mode = command[1]
                    target = project
                    if mode.startswith("calibrate-"):  # the same work on a project of its own
                        mode = mode.removeprefix("calibrate-")
                        target = scratch / f"calibration-{mode}"
                        if not target.exists():
                            Workspace.create(target).close()
                    if mode == "features":
                        save_features_forever(target)
                    else:
                        import_forever(target, scratch)
                except BaseException as error:  # noqa: BLE001 - shown to the test, which fails on it
                    _say(f"error {type(error).__name__}: {error}")
                os._exit(1)
            _say(f"pid {pid}")
        elif command[:1] == ["reap"]:
            pid, status = os.wait()
            _say(f"reaped {pid} {os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
