"""Reading files that may not be files: FIFOs, devices, endless streams, giant files.

Every file kano reads that a user or a project names (``kano.toml``, data files,
mapping files, survey files, the recovery journal) is checked here first. A FIFO, a
device, ``/dev/zero``, a socket -- or a symbolic link to one -- is refused with one
sentence before it is opened, so nothing ever waits on a pipe nobody writes to (and
so never holds the project's write lock while waiting). Whole-file reads are bounded:
a file larger than the limit of its kind is refused instead of filling the memory.

``stat`` never blocks on a FIFO, and the file is then opened with ``O_NONBLOCK`` and
checked again with ``fstat``, so a file swapped for a FIFO in between is caught too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kano_tui.errors import KanoError

MIB = 1 << 20
# The largest whole-file reads, by kind of file (a million respondents' kano.toml is a
# few hundred KiB; 35,000 features about 4 MiB).
PROJECT_FILE_LIMIT = 64 * MIB
MAPPING_FILE_LIMIT = 16 * MIB
JSON_IMPORT_LIMIT = 1024 * MIB
JOURNAL_LIMIT = 128 * MIB


def non_regular_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO) or stream"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refusal(path: Path, kind: str, what: str) -> str:
    link = " (through a symbolic link)" if os.path.islink(path) else ""
    return f"{path}{link} is {kind}, not a regular file; kano reads {what} only from regular files"


def check_regular(
    path: Path | str, what: str, error: type[KanoError] = KanoError, hint: str = ""
) -> os.stat_result:
    """``os.stat(path)`` when it is a regular file (or a link to one); otherwise raise
    ``error`` with one sentence. ``hint`` is appended to the refusal of a non-file."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise error(f"{path} is a symbolic link to a file that does not exist.") from None
        raise error(f"{path} does not exist.") from None
    except OSError as problem:
        raise error(f"Could not read {path}: {problem.strerror or problem}.") from None
    kind = non_regular_kind(info.st_mode)
    if kind is not None:
        raise error(_refusal(path, kind, what) + (f"; {hint}" if hint else "") + ".")
    return info


def read_bounded(
    path: Path | str, what: str, limit: int, error: type[KanoError] = KanoError
) -> bytes:
    """The whole of a regular file, refused with one sentence when it is not one or when
    it holds more than ``limit`` bytes (even a file that grows while it is read)."""
    path = Path(path)
    check_regular(path, what, error)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise error(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise error(_refusal(path, "a directory", what) + ".") from None
    except OSError as problem:
        raise error(f"Could not read {path}: {problem.strerror or problem}.") from None
    with os.fdopen(fd, "rb") as handle:
        kind = non_regular_kind(os.fstat(fd).st_mode)
        if kind is not None:  # swapped for a pipe or device after the check
            raise error(_refusal(path, kind, what) + ".")
        try:
            data = handle.read(limit + 1)
        except OSError as problem:
            raise error(f"Could not read {path}: {problem.strerror or problem}.") from None
    if len(data) > limit:
        raise error(f"{path} is larger than {limit // MIB} MiB, more than kano reads as {what}.")
    return data


def regular_file_bytes(path: Path | str, limit: int = PROJECT_FILE_LIMIT) -> bytes | None:
    """The content of a regular file of at most ``limit`` bytes; None for anything else
    (missing, a FIFO, a device: never opened)."""
    try:
        return read_bounded(path, "files", limit)
    except KanoError:
        return None


def regular_file_sha256(path: Path | str, limit: int = PROJECT_FILE_LIMIT) -> str | None:
    """The sha256 of a regular file of at most ``limit`` bytes; None for anything else."""
    import hashlib

    data = regular_file_bytes(path, limit)
    return None if data is None else hashlib.sha256(data).hexdigest()
