"""Remembered trust decisions for project-local plugins.

A project can carry plugins of its own in ``PROJECT/plugins/*.py``. Opening a project
someone sent you must never run their code, so those files load only after the user
said ``kano plugins trust PROJECT``. The decision is stored in the user's config (not in
the project, which the sender controls) as the project's resolved path and a SHA-256
fingerprint of every file under ``plugins/``; when any file changes, is added or is
removed, the fingerprint no longer matches and the plugins are skipped until trusted
again. The bytes that were fingerprinted are the bytes that run (:class:`ProjectPlugins`
keeps them), so a file swapped between the check and the import is never executed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kano_tui.errors import KanoError

PROJECT_PLUGINS_DIR = "plugins"
TRUST_KEY = "plugin_trust"  # user config: a list of {project, fingerprint, files, trusted_at}
IGNORED_DIRS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"})

# ProjectPlugins.state values
NONE, TRUSTED, UNTRUSTED, CHANGED = "none", "trusted", "untrusted", "changed"


@dataclass
class ProjectPlugins:
    """The plugin files of one project, read once, and whether the user trusts them."""

    project: Path  # resolved
    files: dict[str, bytes] = field(default_factory=dict)  # relative posix path -> content
    fingerprint: str = ""
    state: str = NONE  # none | trusted | untrusted | changed

    @property
    def plugin_files(self) -> list[str]:
        """The files that are plugins: top-level ``*.py`` not starting with ``_``."""
        return [
            name
            for name in self.files
            if "/" not in name and name.endswith(".py") and not name.startswith("_")
        ]

    def skipped_note(self) -> str:
        """The sentence the CLI and the TUI show when these plugins were not run."""
        count = len(self.plugin_files)
        names = ", ".join(self.plugin_files)
        why = "changed since you trusted them" if self.state == CHANGED else "not trusted"
        return (
            f"Skipped {count} project plugin{'s' if count != 1 else ''} in "
            f"{self.project / PROJECT_PLUGINS_DIR} ({names}): {why}; run "
            f"`kano plugins trust {self.project}` to review and allow them."
        )


def has_plugin_files(project: Path | str) -> bool:
    """Whether the project has plugin files (trusted or not), without reading them."""
    folder = Path(project) / PROJECT_PLUGINS_DIR
    try:
        return any(
            path.suffix == ".py" and not path.name.startswith("_") for path in folder.iterdir()
        )
    except OSError:  # no plugins/ folder (or not one that can be listed)
        return False


def _project_files(project: Path) -> dict[str, bytes]:
    folder = project / PROJECT_PLUGINS_DIR
    if not folder.is_dir():
        return {}
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part in IGNORED_DIRS for part in relative.parts) or not path.is_file():
            continue
        if path.suffix in (".pyc", ".pyo"):
            continue
        try:
            files[relative.as_posix()] = path.read_bytes()
        except OSError as error:
            raise KanoError(
                f"Could not read the project plugin {path}: {error.strerror or error}."
            ) from None
    return files


def fingerprint(files: dict[str, bytes]) -> str:
    """SHA-256 over every file's relative path and content, in path order."""
    import hashlib

    digest = hashlib.sha256()
    for name in sorted(files):
        encoded = name.encode("utf-8")
        digest.update(len(encoded).to_bytes(4, "big") + encoded)
        digest.update(len(files[name]).to_bytes(8, "big") + files[name])
    return "sha256:" + digest.hexdigest()


# The user's config (platformdirs, TOML) is read only when a decision is asked for: every
# command asks `has_plugin_files`, and most projects have no plugins to decide on.
def _user_config() -> dict[str, Any]:
    from kano_tui.engine.project import userconfig

    return userconfig.load_user_config()


def _save_user_config(config: dict[str, Any]) -> None:
    from kano_tui.engine.project import userconfig

    userconfig.save_user_config(config)


def _decisions(config: dict[str, Any]) -> list[dict[str, Any]]:
    entries = config.get(TRUST_KEY, [])
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _key(project: Path) -> str:
    return str(project.resolve())


def read_project_plugins(project: Path | str) -> ProjectPlugins:
    """Read ``PROJECT/plugins`` and compare it with the remembered trust decision."""
    resolved = Path(project).resolve()
    files = _project_files(resolved)
    found = ProjectPlugins(resolved, files, fingerprint(files) if files else "")
    if not found.plugin_files:
        found.state = NONE
        return found
    decision = next(
        (e for e in _decisions(_user_config()) if e.get("project") == _key(resolved)), None
    )
    if decision is None:
        found.state = UNTRUSTED
    elif decision.get("fingerprint") == found.fingerprint:
        found.state = TRUSTED
    else:
        found.state = CHANGED
    return found


def trust_project(project: Path | str) -> ProjectPlugins:
    """Remember that the user trusts the project's plugin files exactly as they are now."""
    found = read_project_plugins(project)
    if not found.plugin_files:
        raise KanoError(f"{found.project} has no plugins/*.py files; there is nothing to trust.")
    config = _user_config()
    entries = [e for e in _decisions(config) if e.get("project") != _key(found.project)]
    entries.append(
        {
            "project": _key(found.project),
            "fingerprint": found.fingerprint,
            "files": sorted(found.files),
            "trusted_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
    )
    config[TRUST_KEY] = entries
    _save_user_config(config)
    found.state = TRUSTED
    return found


def untrust_project(project: Path | str) -> bool:
    """Forget the trust decision for a project; False when there was none."""
    key = _key(Path(project))
    config = _user_config()
    entries = _decisions(config)
    kept = [e for e in entries if e.get("project") != key]
    if len(kept) == len(entries):
        return False
    config[TRUST_KEY] = kept
    _save_user_config(config)
    return True


def trusted_projects() -> list[dict[str, Any]]:
    """Every remembered decision (for ``kano plugins trust --list``)."""
    return _decisions(_user_config())
