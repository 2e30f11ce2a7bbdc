"""Remembered checksum verifications of the data files, so that loading a project does not
re-read every byte of its responses to hash them.

``storage.check_identity`` proves a data file is the one ``kano.toml`` records by its
sha256: at a million respondents that is 75 MB read and hashed on every ``kano analyze``,
a tenth of its time. A successful verification is remembered here, in
``responses/.verified.json``, keyed by what ``stat`` says of the file -- device, inode,
size, modification and status-change times (``st_ctime_ns``, which no user can set) --
and by the checksum kano.toml expects. The file is hashed again whenever any of those
differ: a file replaced by another import's (a new inode), copied in or restored from a
backup (a new inode and ctime), touched or rewritten in place (new times), a project
copied or moved to another disk (new device and inodes), or kano.toml expecting another
checksum. A cache file that is unreadable, damaged, a FIFO or too large counts as empty.

The trade-off: a file rewritten in place within the same tick of the file system's clock
as its last change, at the same size, would keep its key (git's "racy clean" problem).
So a verification is trusted only for a file whose ctime is strictly older than a
timestamp taken from the same file system's clock (the cache's own temporary file)
before the hashing started: any later change to the file then moves its ctime past the
recorded one. A file changed in the second before it was verified is simply hashed again
next time. The cache guards against accidents, not against someone who can write the
project: whoever can forge it can rewrite kano.toml's checksums too. Writing it is best
effort (atomic, through a temporary file and a rename); a read-only project is hashed on
every load, as before.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kano_tui.engine.project.projectfile import file_mode
from kano_tui.engine.project.safeio import MIB, read_bounded
from kano_tui.errors import KanoError

VERIFIED_FILE = ".verified.json"
_LIMIT = 4 * MIB  # a few hundred bytes per import


def stat_key(info: os.stat_result) -> list[int]:
    """What must not change for a remembered verification to hold."""
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


class Verifications:
    """The remembered verifications of one project's data files (``directory`` is its
    ``responses/`` folder). :meth:`confirms` before hashing; :meth:`read_clock` before a
    hash, :meth:`remember` after it succeeds; :meth:`save` once at the end."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / VERIFIED_FILE
        self._entries = _read(self.path)
        self._changed = False
        self._pending: tuple[int, str] | None = None  # (fd, path) of the temporary file
        self._since: int | None = None

    def confirms(self, name: str, sha256: str, info: os.stat_result) -> bool:
        """Whether ``name`` (as kano.toml records it) was verified to hash to ``sha256``
        when it had exactly this ``stat``, and had not changed since the clock read then."""
        entry = self._entries.get(name)
        if not isinstance(entry, dict):
            return False
        since = entry.get("since")
        return (
            entry.get("sha256") == sha256
            and entry.get("stat") == stat_key(info)
            and isinstance(since, int)
            and info.st_ctime_ns < since
        )

    def read_clock(self) -> None:
        """Before hashing: read the file system's clock, by creating the temporary file
        the cache is saved through (none in a read-only folder: nothing is remembered)."""
        if self._pending is not None:
            return
        import tempfile  # only before a hash: a remembered verification needs none

        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f"{VERIFIED_FILE}.", suffix=".tmp", dir=self.path.parent
            )
        except OSError:
            return
        self._pending = (fd, tmp)
        os.fchmod(fd, file_mode(self.path))  # mkstemp makes 0600; others may read it
        self._since = os.fstat(fd).st_mtime_ns

    def remember(
        self, name: str, sha256: str, before: os.stat_result, after: os.stat_result
    ) -> None:
        """Remember that ``name`` hashed to ``sha256``, if it did not change while it was
        hashed (``before`` and ``after`` its stat) and the clock was read before."""
        if self._since is None or stat_key(before) != stat_key(after):
            return
        self._entries[name] = {"sha256": sha256, "stat": stat_key(after), "since": self._since}
        self._changed = True

    def save(self) -> None:
        """Write what was remembered (atomically); a failure only means hashing again."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        fd, tmp = pending
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                if self._changed:
                    json.dump(self._entries, handle, separators=(",", ":"))
            if self._changed:
                os.replace(tmp, self.path)
        except OSError:
            pass
        finally:
            Path(tmp).unlink(missing_ok=True)
            self._changed = False


def _read(path: Path) -> dict[str, object]:
    if not os.path.lexists(path):
        return {}
    try:
        entries = json.loads(read_bounded(path, "checksum caches", _LIMIT))
    except (KanoError, ValueError):  # damaged, a FIFO, too large: hash again
        return {}
    return entries if isinstance(entries, dict) else {}
