"""The one error type users see.

Every failure a user can cause (a bad file, a bad project, a bad option) is a
:class:`KanoError` whose message is one sentence naming what went wrong and where.
The CLI prints it to stderr without a traceback; the TUI shows it as a notification.
Anything else escaping is a bug.
"""

from __future__ import annotations


class KanoError(Exception):
    """A user-facing error: ``str(error)`` is one clear sentence."""


class ProjectError(KanoError):
    """The project directory or its ``kano.toml`` cannot be used."""


class SurveyImportError(KanoError):
    """A survey file cannot be imported; nothing was changed."""


class ExportError(KanoError):
    """A report or export cannot be written."""


class ExportCancelled(ExportError):
    """The user cancelled an export while it ran."""


class PluginError(KanoError):
    """A plugin failed to load, failed validation, or raised inside a hook."""


class ProjectLockedError(ProjectError):
    """Another ``kano`` process holds the project's write lock."""


def where(
    file: object | None = None,
    row: int | None = None,
    column: str | None = None,
    value: object | None = None,
) -> str:
    """Format the location part of an error sentence: ``file x.csv, row 3, column "a"``."""
    parts: list[str] = []
    if file is not None:
        parts.append(f"{file}")
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    if value is not None:
        shown = str(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        parts.append(f"value {shown!r}")
    return ", ".join(parts)
