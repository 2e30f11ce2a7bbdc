"""Running an exporter: choosing the destination and guarding the plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kano_tui.engine.model import slugify
from kano_tui.engine.workspace import ExportContext, Workspace
from kano_tui.errors import ExportCancelled, ExportError, KanoError

EXPORTS_DIR = "exports"


def default_destination(workspace: Workspace, extension: str, exporter: str) -> Path:
    """``PROJECT/exports/<project-slug>-<exporter><ext>``: the name comes from data, so it is
    slugified and can never leave the exports directory."""
    name = f"{slugify(workspace.project.name)}-{slugify(exporter)}{extension}"
    return workspace.directory / EXPORTS_DIR / name


def run_export(workspace: Workspace, exporter: str, destination: Path | None = None, *,
               classifier: str | None = None, by: str | None = None,
               cancel: Any = None, progress: Any = None,
               table: str | None = None) -> list[Path]:
    """Run ``exporter``; ``cancel`` (a threading.Event, or a function returning True once
    cancelled) makes a cooperating exporter stop with ExportCancelled, and a file it
    left half-written go; ``progress(step, fraction)`` hears how far it is."""
    chosen = workspace.plugins.get("exporter", exporter)
    target = destination or default_destination(workspace, chosen.extension, chosen.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"Could not create {target.parent}: {error.strerror or error}.") from None
    workspace.evaluation_table(table)  # an unknown table is refused before anything is written
    context = ExportContext(workspace, classifier, {"by": by} if by else {}, cancel, progress,
                            evaluation_table=table)
    existed = target.exists()
    try:
        with workspace.plugins.guard("exporter", chosen.name), workspace.using_table(table):
            return list(chosen.export(context, target))
    except ExportCancelled:
        if not existed:
            target.unlink(missing_ok=True)
        raise
    except KanoError:
        raise
    except OSError as error:
        raise ExportError(f"Could not write {target}: {error.strerror or error}.") from None
