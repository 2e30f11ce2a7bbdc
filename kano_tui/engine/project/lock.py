"""The project write lock: at most one ``kano`` process changes a project at a time.

A writer (a mutating CLI command, the TUI) holds an exclusive OS lock (``flock`` through
:mod:`filelock`) on ``PROJECT/.kano-lock``. The kernel drops the lock when the holder
exits or is killed, so a crash never leaves a project locked. While held, the file names
its holder (pid, host, command) so the next process can say who it is waiting for; the
file is emptied on release, so an idle project's files stay byte-for-byte the same.
"""

from __future__ import annotations

import json
import os
import sys
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kano_tui.errors import ProjectLockedError

if TYPE_CHECKING:  # filelock is imported when a lock is first taken: reading takes none
    from filelock import FileLock

LOCK_FILE = ".kano-lock"  # `*.kano-lock` is in .gitignore


@dataclass(frozen=True, kw_only=True)
class LockHolder:
    """Who holds a project's lock, as the holder wrote it."""

    pid: int | None = None
    host: str = ""
    command: str = ""
    since: str = ""

    def describe(self) -> str:
        if self.pid is None:
            return "another kano process"
        host = f" on {self.host}" if self.host else ""
        return f"another kano process (pid {self.pid}{host})"


def read_holder(directory: Path) -> LockHolder:
    """What the lock file says about its holder; an empty or damaged file says nothing."""
    try:
        data = json.loads((Path(directory) / LOCK_FILE).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return LockHolder()
    if not isinstance(data, dict):
        return LockHolder()
    pid = data.get("pid")
    return LockHolder(
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        host=str(data.get("host", "")),
        command=str(data.get("command", "")),
        since=str(data.get("since", "")),
    )


def _describe_self() -> bytes:
    import socket  # only when a lock is taken: a reading command never pays for it

    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv[:4]))
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": command[:200],
        "since": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    return json.dumps(holder).encode("utf-8")


def _write_holder(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, _describe_self(), 0)
    except OSError:  # a full disk must not stop the lock; the holder just goes unnamed
        pass


def _release(lock: FileLock, path: Path) -> None:
    """Empty the lock file (an idle project names no holder), then unlock."""
    if not lock.is_locked:
        return
    try:
        with open(path, "r+b") as handle:
            handle.truncate(0)
    except OSError:
        pass
    lock.release(force=True)


# The temporary files of kano's atomic writes (``projectfile.atomic_write``,
# ``storage.write_frame``): written only by the lock's holder, renamed when complete.
INTERRUPTED_WRITES = (
    ".kano.toml.*.tmp",
    "responses/.import-*.arrow.*.tmp",
    "responses/.verified.json.*.tmp",  # verified.Verifications, saved by any reader
)


def remove_interrupted_writes(directory: Path) -> list[Path]:
    """Delete what writes killed midway left behind. Only a new holder of the lock calls
    this: no one else writes these files, so any present belong to a dead process."""
    removed = []
    for pattern in INTERRUPTED_WRITES:
        for path in Path(directory).glob(pattern):
            try:
                path.unlink()
            except OSError:  # a read-only directory: harmless, kano never reads them
                continue
            removed.append(path)
    return removed


class ProjectLock:
    """The write lock of the project in ``directory``; not re-entrant across objects.

    ``acquire`` never waits: when another process (or another open Workspace of this
    process) holds the lock it raises :class:`ProjectLockedError` naming the holder.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / LOCK_FILE
        self._lock: FileLock | None = None  # made on the first acquire (filelock is imported then)
        self._finalizer: weakref.finalize | None = None

    @property
    def held(self) -> bool:
        return self._lock is not None and self._lock.is_locked

    def _file_lock(self) -> FileLock:
        if self._lock is None:
            from filelock import FileLock

            self._lock = FileLock(
                self.path,
                blocking=False,
                thread_local=False,
                preserve_lock_file=True,
                on_acquired=_write_holder,
            )
        return self._lock

    def acquire(self) -> None:
        from filelock import Timeout

        lock = self._file_lock()
        if lock.is_locked:
            return
        if (os.path.lexists(self.path) and not os.path.isfile(self.path)) or os.path.islink(
            self.path
        ):
            from kano_tui.errors import ProjectError

            raise ProjectError(
                f"{self.path} is not a regular file (a link, a pipe or a "
                "device); remove it so kano can lock the project, then "
                "try again."
            )
        try:
            lock.acquire()
            # Released when this object is collected or the interpreter exits, too.
            self._finalizer = weakref.finalize(self, _release, lock, self.path)
            remove_interrupted_writes(self.directory)
        except Timeout:
            holder = read_holder(self.directory)
            raise ProjectLockedError(
                f"{self.directory} is being edited by {holder.describe()}; close it there "
                "or wait until that command finishes, then try again."
            ) from None
        except OSError as error:
            # A directory we cannot create files in cannot be written to either.
            from kano_tui.errors import ProjectError

            raise ProjectError(
                f"Could not lock {self.directory} for writing: {error.strerror or error}; "
                "nothing was changed."
            ) from None

    def release(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # runs _release once
            self._finalizer = None

    def __enter__(self) -> ProjectLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()
