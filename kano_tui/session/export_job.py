"""An export that can be abandoned: the TUI's export, run in a worker thread.

The worker cannot be interrupted mid-call; cancelling means "do not deliver".
:func:`~kano_tui.session.export.run_export` already writes every export aside and moves
it into place only at the end, so a cancelled export leaves nothing behind and never
half-overwrites an earlier one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kano_tui.errors import ExportCancelled
from kano_tui.session.export import run_export
from kano_tui.session.workspace import Workspace


def export_unless_cancelled(
    workspace: Workspace,
    exporter: str,
    *,
    classifier: str | None = None,
    table: str | None = None,
    destination: Path | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[Path] | None:
    """Run ``exporter``; return the files written, or None when ``cancelled()`` became true."""
    try:
        return run_export(
            workspace, exporter, destination, classifier=classifier, cancel=cancelled, table=table
        )
    except ExportCancelled:
        return None
