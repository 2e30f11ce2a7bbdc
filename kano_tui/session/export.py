"""Running an exporter: choosing the destination, guarding the plugin, delivering safely.

Every export is written aside first -- the exporter writes into a private staging
directory -- and delivered only when it is complete:

- a regular file (or a new path) is replaced by a rename, atomically: a failed export
  leaves the earlier file as it was, no partial file and no empty ``exports/`` folder;
  an existing file is overwritten (``no_clobber=True``, the CLI's ``--no-clobber``,
  refuses instead);
- a target that exists and is not a regular file -- a character device such as
  ``/dev/null`` or a terminal, a FIFO, ``/dev/stdout``, a process substitution -- is
  written through, never replaced by a regular file;
- ``-`` (:data:`STDOUT`) writes to standard output.

A device, a pipe or standard output takes the export's main file; side files some
exporters add (chart images) need a file path.

The project's own files (``kano.toml``, the lock, anything under ``responses/``) are
never a destination, by name, through a link or as a hard link.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from kano_tui.engine.project.lock import LOCK_FILE
from kano_tui.engine.project.model import slugify
from kano_tui.engine.project.projectfile import PROJECT_FILE
from kano_tui.engine.project.safeio import non_regular_kind
from kano_tui.errors import ExportCancelled, ExportError, KanoError
from kano_tui.session.workspace import ExportContext, Workspace

EXPORTS_DIR = "exports"
RESPONSES_DIR = "responses"  # storage.RESPONSES_DIR, without importing pyarrow here
STDOUT = Path("-")


def default_destination(workspace: Workspace, extension: str, exporter: str) -> Path:
    """``PROJECT/exports/<project-slug>-<exporter><ext>``: the name comes from data, so it is
    slugified and can never leave the exports directory."""
    name = f"{slugify(workspace.project.name)}-{slugify(exporter)}{extension}"
    return workspace.directory / EXPORTS_DIR / name


def check_destination(workspace: Workspace, target: Path) -> None:
    """Refuse a destination that is one of the project's own files."""
    directory = workspace.directory.resolve()
    resolved = target.resolve()
    protected = [directory / PROJECT_FILE, directory / LOCK_FILE]
    responses = directory / RESPONSES_DIR
    hit = next((path for path in protected if resolved == path), None)
    if hit is None and (resolved == responses or responses in resolved.parents):
        hit = resolved
    if hit is None and resolved == directory:
        raise ExportError(f"{target} is the project directory; give a file to export to.")
    if hit is None and target.exists():  # a hard link to a project file
        candidates = [*protected, *(responses.iterdir() if responses.is_dir() else [])]
        hit = next(
            (path for path in candidates if path.exists() and os.path.samefile(path, target)), None
        )
    if hit is not None:
        raise ExportError(
            f"{target} is the project's own file {hit}; an export never "
            "overwrites it (choose another -o file)."
        )


def run_export(
    workspace: Workspace,
    exporter: str,
    destination: Path | None = None,
    *,
    classifier: str | None = None,
    by: str | None = None,
    cancel: Any = None,
    no_clobber: bool = False,
    stdout: BinaryIO | None = None,
    progress: Any = None,
    table: str | None = None,
) -> list[Path]:
    """Run ``exporter`` and deliver what it wrote (see the module docstring); return the
    files delivered. ``cancel`` (a threading.Event, or a function returning True once
    cancelled) makes a cooperating exporter stop with ExportCancelled; nothing is then
    delivered. ``progress(step, fraction)`` hears how far it is; ``table`` is the
    evaluation table every analysis of the export uses."""
    chosen = workspace.exporter(exporter)
    target = destination or default_destination(workspace, chosen.extension, chosen.name)
    to_stdout = target == STDOUT
    through = to_stdout or _written_through(target)
    if not to_stdout:
        try:
            check_destination(workspace, target)
        except OSError as error:  # a name too long, a loop of links
            raise ExportError(
                f"Cannot write {str(target)[:80]}: {error.strerror or error}."
            ) from None
        if not through and target.is_symlink():
            target = target.resolve()  # a link to a file: the file is replaced, not the link
        if target.is_dir():
            raise ExportError(f"{target} is a directory; give a file to export to.")
        if no_clobber and not through and target.exists():
            raise ExportError(f"{target} exists; nothing was written (--no-clobber).")
    created = None if through else _make_parents(target.parent)
    try:
        staging = Path(
            tempfile.mkdtemp(prefix=".kano-export-", dir=None if through else target.parent)
        )
    except OSError as error:
        _remove_created(created)
        raise ExportError(f"Could not write beside {target}: {error.strerror or error}.") from None
    delivered = False
    try:
        context = ExportContext(
            workspace,
            classifier,
            {"by": by} if by else {},
            cancel,
            progress,
            evaluation_table=table,
            exporter=chosen.name,
        )
        staged_target = staging / (target.name if not to_stdout else f"export{chosen.extension}")
        try:
            with (
                workspace.plugins_with("exporter", chosen.name).guard("exporter", chosen.name),
                workspace.using_table(table),
            ):
                written = [Path(p) for p in chosen.export(context, staged_target)]
        except KanoError:
            raise
        except OSError as error:
            raise ExportError(f"Could not write {target}: {error.strerror or error}.") from None
        if _cancelled(cancel):
            raise ExportCancelled("The export was cancelled.")
        result = _deliver(
            written, staging, target, through, to_stdout, no_clobber, stdout, staged_target.name
        )
        delivered = True
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not delivered:
            _remove_created(created)


def _written_through(target: Path) -> bool:
    """Whether ``target`` exists and is not a regular file (a device, a FIFO)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    kind = non_regular_kind(mode)
    return kind is not None and kind != "a directory"


def _make_parents(directory: Path) -> Path | None:
    """Create ``directory`` (and missing parents); return the topmost one created."""
    missing = [d for d in (directory, *directory.parents) if not d.exists()]
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"Could not create {directory}: {error.strerror or error}.") from None
    return missing[-1] if missing else None


def _remove_created(created: Path | None) -> None:
    if created is not None:
        shutil.rmtree(created, ignore_errors=True)


def _cancelled(cancel: Any) -> bool:
    if cancel is None:
        return False
    return bool(cancel.is_set() if hasattr(cancel, "is_set") else cancel())


def _deliver(
    written: list[Path],
    staging: Path,
    target: Path,
    through: bool,
    to_stdout: bool,
    no_clobber: bool,
    stdout: BinaryIO | None,
    staged_name: str,
) -> list[Path]:
    staged = []
    for path in written:
        try:
            staged.append(path.resolve().relative_to(staging.resolve()))
        except ValueError:  # the exporter wrote elsewhere on its own: leave it be
            continue
    outside = [path for path in written if not _inside(path, staging)]
    if through:
        # One stream takes one file: the report itself (its side files, such as chart
        # images, need a file path for -o).
        main = next((p for p in staged if p.name == staged_name), staged[0] if staged else None)
        if main is None:
            raise ExportError(f"The exporter wrote nothing to send to {target}.")
        data_path = staging / main
        try:
            if to_stdout:
                out = stdout or getattr(sys.stdout, "buffer", None)
                if out is None:  # a text-only stream (a test's StringIO)
                    sys.stdout.write(data_path.read_bytes().decode("utf-8", "replace"))
                    return [STDOUT]
                with open(data_path, "rb") as handle:
                    shutil.copyfileobj(handle, out)
                out.flush()
                return [STDOUT]
            with open(data_path, "rb") as handle, open(target, "wb") as sink:
                shutil.copyfileobj(handle, sink)
        except OSError as error:
            raise ExportError(f"Could not write {target}: {error.strerror or error}.") from None
        return [target, *outside]
    delivered = []
    for relative in staged:
        final = target.parent / relative
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            if no_clobber:
                os.link(staging / relative, final)  # refuses a file that appeared meanwhile
            else:
                os.replace(staging / relative, final)
        except FileExistsError:
            raise ExportError(f"{final} exists; nothing was written (--no-clobber).") from None
        except OSError as error:
            raise ExportError(f"Could not write {final}: {error.strerror or error}.") from None
        delivered.append(final)
    return [*delivered, *outside]


def _inside(path: Path, directory: Path) -> bool:
    try:
        path.resolve().relative_to(directory.resolve())
        return True
    except ValueError:
        return False
