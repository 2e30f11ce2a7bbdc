"""The Features screen's first figures, computed in a child process while this one imports
Textual and paints the first screen (`kano PROJECT`, on a machine with a core to spare).

Imports hold the interpreter, so a thread gains nothing beside Textual's import (measured:
docs/startup.md); a process forked before Textual is imported runs on the other core.
The child has the workspace as it was read (the fork copies it), imports numpy and
pyarrow, runs the same ``workspace.analyze(classifier)`` as the screen's worker, writes
each feature's row figures (:class:`~kano_tui.engine.analysis.overview.RowFigures`) to a
pipe as JSON and exits. It runs niced: on a busy machine it must not slow this process.

The screen's own analysis runs as before in any case (it keeps the respondents for the
other screens and the Analysis the rows are drawn from, and draws the same figures):
figures already there when the first paint is done are drawn at once, and that analysis
starts once they are on the terminal; otherwise it starts at once, the pipe is watched
on the UI thread (:meth:`FirstFigures.read_available`, never blocking), and whichever
figures come first are drawn. Anything else falls back to that analysis alone: no
``os.fork`` (Windows), a thread already running (a fork would copy its locks), a
classifier or table that needs the plugins (the child loads none), a child that fails.

This module imports no Textual and nothing heavy: it runs before both.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kano_tui.engine.analysis.overview import RowFigures
    from kano_tui.engine.project.model import Project
    from kano_tui.session.workspace import Workspace

CHILD_NICENESS = 10


class NeedsPlugins(Exception):
    """The child's plugin factory: the first figures need a plugin, which only this
    process loads (the child gives up)."""


class FirstFigures:
    """A child process computing the first analysis's row figures (:meth:`start`), read
    on the UI thread without blocking (:meth:`read_available`)."""

    def __init__(self, pid: int, reader: int, workspace: Workspace, classifier: str) -> None:
        self.pid: int | None = pid
        self.reader: int | None = reader
        os.set_blocking(reader, False)
        self._chunks: list[bytes] = []
        self.finished = False  # the child has answered (or failed: figures None)
        self.figures: dict[str, RowFigures] | None = None
        # What the figures were computed from: they apply while all of it is the same.
        self.classifier = classifier
        self._project: Project = workspace.project
        self._table = workspace.default_table
        self._exclusions = workspace.apply_exclusions

    @classmethod
    def start(cls, workspace: Workspace) -> FirstFigures | None:
        """Fork a child that computes the first figures of ``workspace``; None when it
        cannot (no ``os.fork``, or a thread running already)."""
        if not hasattr(os, "fork") or threading.active_count() != 1:
            return None
        classifier = workspace.project.settings.classifier
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:  # the child: never returns
            os.close(reader)
            _child(workspace, classifier, writer)
        os.close(writer)
        return cls(pid, reader, workspace, classifier)

    def matches(self, workspace: Workspace, classifier: str) -> bool:
        """Whether the figures are those of an analysis of ``workspace`` with
        ``classifier`` now (no edit, no other table, the same exclusions)."""
        return (
            classifier == self.classifier
            and workspace.project is self._project
            and workspace.default_table == self._table
            and workspace.apply_exclusions == self._exclusions
        )

    def fileno(self) -> int | None:
        """The pipe to watch for the answer (``loop.add_reader``); None once finished."""
        return self.reader

    def read_available(self) -> bool:
        """Read what the child has written so far, without waiting; True once it has
        answered: :attr:`figures` are then its figures by feature id, or None if it
        failed."""
        if self.finished:
            return True
        if self.reader is None:
            return False
        try:
            while chunk := os.read(self.reader, 1 << 16):
                self._chunks.append(chunk)
        except BlockingIOError:
            return False  # more to come
        except OSError:  # no answer to be had: the child is stopped
            self.finished = True
            self.discard()
            return True
        # The end of the pipe: the child has exited, or is exiting (reaped here).
        self.finished = True
        self.figures = self._answer()
        self.discard()
        return True

    def _answer(self) -> dict[str, RowFigures] | None:
        from kano_tui.engine.analysis.overview import RowFigures

        if self.pid is None:
            return None
        try:
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                return None
            return {
                feature: RowFigures(category, better, worse, importance, int(n))
                for feature, category, better, worse, importance, n in json.loads(
                    b"".join(self._chunks)
                )
            }
        except (OSError, ValueError, TypeError):
            return None

    def discard(self) -> None:
        """Stop the child if it still runs and close the pipe (once the figures are read,
        or are no use: the screen's own analysis came first, the app quits)."""
        if self.reader is not None:
            os.close(self.reader)
            self.reader = None
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:  # gone already (and reaped by someone else)
                pass
            self.pid = None


def _child(workspace: Workspace, classifier: str, writer: int) -> None:
    """In the forked child: compute, write, exit (never return into the parent's code)."""
    status = 1
    try:
        # Nothing of the child's reaches the terminal (the parent's screen).
        null = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(null, stream)
        # Second to this process (and to other work on a busy machine): its figures
        # are only of use if they come first, on a core this process does not need.
        os.nice(CHILD_NICENESS)
        data = json.dumps(compute(workspace, classifier)).encode()
        while data:
            data = data[os.write(writer, data) :]
        status = 0
    except BaseException:  # noqa: BLE001 - the parent falls back to its own analysis
        pass
    finally:
        os._exit(status)


def compute(workspace: Workspace, classifier: str) -> list[list[object]]:
    """The row figures of ``workspace.analyze(classifier)``, as JSON-ready lists, with the
    built-in classifiers and tables only (:class:`NeedsPlugins` otherwise)."""
    from kano_tui.engine.analysis.overview import row_figures
    from kano_tui.plugins.manager import build_built_ins

    def no_plugins() -> object:
        raise NeedsPlugins(classifier)

    workspace.load_plugins_with(no_plugins, built_ins=build_built_ins)  # type: ignore[arg-type]
    figures = row_figures(workspace.analyze(classifier))
    return [
        [feature, row.category, row.better, row.worse, row.importance, row.n]
        for feature, row in figures.items()
    ]
