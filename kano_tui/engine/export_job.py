"""An export that can be abandoned: written aside first, moved into place at the end.

The TUI runs exports in a worker thread that cannot be interrupted mid-call; cancelling
means "do not deliver". The exporter writes into a staging directory beside the
destination; only if the job was not cancelled are its files moved into place, so a
cancelled export leaves nothing behind and never half-overwrites an earlier export.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from kano_tui.engine.export import default_destination, run_export
from kano_tui.engine.workspace import Workspace
from kano_tui.errors import ExportCancelled, ExportError


def export_unless_cancelled(workspace: Workspace, exporter: str, *,
                            classifier: str | None = None,
                            table: str | None = None,
                            destination: Path | None = None,
                            cancelled: Callable[[], bool] = lambda: False) -> list[Path] | None:
    """Run ``exporter``; return the files written, or None when ``cancelled()`` became true."""
    chosen = workspace.plugins.get("exporter", exporter)
    target = destination or default_destination(workspace, chosen.extension, chosen.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".kano-export-", dir=target.parent))
    except OSError as error:
        raise ExportError(f"Could not create {target.parent}: {error.strerror or error}.") from None
    try:
        try:  # a cooperating exporter stops early (ExportContext.check_cancelled)
            written = run_export(workspace, exporter, staging / target.name,
                                 classifier=classifier, cancel=cancelled, table=table)
        except ExportCancelled:
            return None
        if cancelled():
            return None
        delivered = []
        for path in written:
            try:
                relative = Path(path).resolve().relative_to(staging.resolve())
            except ValueError:  # the exporter wrote elsewhere on its own: leave it be
                delivered.append(Path(path))
                continue
            final = target.parent / relative
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, final)
            delivered.append(final)
        return delivered
    finally:
        shutil.rmtree(staging, ignore_errors=True)
