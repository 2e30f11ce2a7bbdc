"""What ``kano --help`` lists under "Plugin commands", without importing every plugin.

Listing the plugins' commands means loading every plugin (``register_commands``), which
costs more than the rest of ``kano --help``. So the list is kept in the user's cache
directory (``plugin-commands.json`` in ``$KANO_CONFIG_DIR/cache``, else the XDG cache
dir) under a key that changes whenever what is installed could change the list:

- kano's version and its own command names (a plugin command named like one is refused);
- every entry point of the ``kano_tui`` group (name, target, distribution and version)
  with the path, mtime and size of every file of the package it names (an editable
  install keeps its version when its code changes);
- the path, mtime and size of every single-file plugin in the user's plugins directory;
- the block and allow lists (``KANO_BLOCK_PLUGINS``, ``KANO_PLUGINS``, the user config's
  ``blocked_plugins``), and the interpreter.

On a miss (or a damaged file) the plugins load and the list is written again,
atomically. Runs that load plugins of their own (``--plugin``, strict mode) never read or
write it. Nothing here imports a plugin.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kano_tui import __version__

CACHE_FILE = "plugin-commands.json"
FORMAT = 1  # bumped when the file's layout changes
SKIPPED_DIRS = frozenset({"__pycache__"})


@dataclass(frozen=True)
class CachedCommand:
    """What ``kano --help`` shows of one plugin command."""

    name: str
    owner: str  # the plugin that registered it
    help: str | None = None
    short_help: str | None = None
    deprecated: bool = False
    hidden: bool = False

    @classmethod
    def of(cls, command: Any, owner: str) -> CachedCommand:
        return cls(
            name=str(command.name),
            owner=owner,
            help=command.help,
            short_help=command.short_help,
            deprecated=bool(command.deprecated),
            hidden=bool(command.hidden),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "owner": self.owner,
            "help": self.help,
            "short_help": self.short_help,
            "deprecated": self.deprecated,
            "hidden": self.hidden,
        }


def cache_dir() -> Path:
    from kano_tui.engine.project.userconfig import APP_NAME, CONFIG_ENV

    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME))


def _files(root: Path) -> list[list[Any]]:
    """[path, mtime_ns, size] of ``root`` (a file) or of every file under it."""
    if root.is_file():
        stat = root.stat()
        return [[str(root), stat.st_mtime_ns, stat.st_size]]
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(names):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):  # removed while we look: the key differs
                stat = os.stat(path)
                found.append([path, stat.st_mtime_ns, stat.st_size])
    return found


def _package_files(target: str) -> list[list[Any]]:
    """The files of the top-level package or module an entry point names, found without
    importing it (``find_spec`` of a top-level name imports nothing)."""
    top = target.partition(":")[0].strip().split(".")[0]
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return [["missing", top]]
    roots = list(spec.submodule_search_locations or ()) or [spec.origin or ""]
    files: list[list[Any]] = []
    for root in roots:
        with contextlib.suppress(OSError):
            files += _files(Path(root))
    return files


def key(built_in_commands: Iterable[str]) -> str:
    """The digest of everything that decides which plugin commands there are."""
    from kano_tui.engine.project.userconfig import load_user_config
    from kano_tui.plugins.discovery import BLOCKED_KEY, user_plugin_files
    from kano_tui.plugins.manager import ALLOW_ENV, BLOCK_ENV, _entry_points

    entry_points = []
    for entry_point in sorted(_entry_points(), key=lambda e: (e.name, e.value)):
        dist = getattr(entry_point, "dist", None)
        entry_points.append(
            [
                entry_point.name,
                entry_point.value,
                dist.name if dist else "",
                dist.version if dist else "",
                _package_files(entry_point.value),
            ]
        )
    user_files = []
    for path in user_plugin_files():
        with contextlib.suppress(OSError):
            user_files += _files(path)
    described = {
        "format": FORMAT,
        "kano": __version__,
        "python": [sys.executable, sys.version],
        "commands": sorted(built_in_commands),
        "entry_points": entry_points,
        "user_plugins": user_files,
        "env": [os.environ.get(BLOCK_ENV), os.environ.get(ALLOW_ENV)],
        "blocked": load_user_config().get(BLOCKED_KEY),
    }
    text = json.dumps(described, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(wanted_key: str) -> list[CachedCommand] | None:
    """The cached commands for ``wanted_key``; None when there is no cache, it is for
    another key, or it is damaged in any way (then the plugins load)."""
    try:
        document = json.loads((cache_dir() / CACHE_FILE).read_text(encoding="utf-8"))
        if document["format"] != FORMAT or document["key"] != wanted_key:
            return None
        commands = [CachedCommand(**entry) for entry in document["commands"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    fields = ("name", "owner")
    if not all(isinstance(getattr(c, f), str) and getattr(c, f) for c in commands for f in fields):
        return None
    if not all(isinstance(c.help, (str, type(None))) for c in commands):
        return None
    if not all(isinstance(c.short_help, (str, type(None))) for c in commands):
        return None
    if len({c.name for c in commands}) != len(commands):
        return None
    return commands


def write(new_key: str, commands: Iterable[CachedCommand]) -> None:
    """Remember ``commands`` under ``new_key``, atomically; a cache that cannot be
    written (a read-only home) is simply not kept."""
    from kano_tui.engine.project.projectfile import atomic_write

    document = {
        "format": FORMAT,
        "key": new_key,
        "commands": [command.to_json() for command in commands],
    }
    folder = cache_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / CACHE_FILE, json.dumps(document, indent=1).encode("utf-8"))
