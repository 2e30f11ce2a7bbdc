"""A journal of unsaved TUI edits, so that a crash (or a killed terminal) loses none.

After every edit the TUI writes the whole edited project -- it is small: the text
``kano.toml`` would hold -- to a journal in the user's state directory
(:func:`kano_tui.engine.project.userconfig.state_dir`), keyed by the project's absolute path, atomically.
Saving, or choosing to discard the changes, removes the journal. When the project is
opened again and a journal differs from what is on disk, the TUI offers it back.

The journal lives outside the project on purpose: a project directory may be shared or
under version control, while unsaved edits belong to the person who made them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from kano_tui.engine.project.model import Project
from kano_tui.engine.project.projectfile import (
    PROJECT_FILE,
    atomic_write,
    load_project,
    project_from_toml,
    project_to_toml,
)
from kano_tui.engine.project.safeio import JOURNAL_LIMIT, read_bounded, regular_file_sha256
from kano_tui.engine.project.userconfig import state_dir
from kano_tui.errors import KanoError

JOURNAL_DIR = "recovery"
FORMAT = 1


@dataclass(frozen=True, kw_only=True)
class Recovery:
    """Unsaved edits found on opening a project."""

    project: Project  # the project as it was after the last unsaved edit
    saved_at: str  # when the journal was written (local time, ISO)
    last_edit: str  # the label of the last edit, e.g. "Add feature Camera"
    edits: int  # how many edits the journal holds
    file_changed: bool  # kano.toml changed on disk after the edits were made

    def question(self) -> str:
        """The sentence the TUI asks with."""
        when = self.saved_at.replace("T", " ")[:16]
        count = (
            f"{self.edits} unsaved edit{'s' if self.edits != 1 else ''}"
            if self.edits
            else "unsaved edits"
        )
        last = f" (last: {self.last_edit})" if self.last_edit else ""
        warning = (
            (" The project file has changed since then; recovering replaces that change.")
            if self.file_changed
            else ""
        )
        return f"kano closed with {count}{last} on {when}. Recover them?{warning}"


def with_imports_of(recovered: Project, on_disk: Project) -> Project:
    """The recovered edits on top of the imports ``kano.toml`` holds now.

    An import (or its removal) is saved the moment it is made, so the file's list of
    imports is the truth: imports made after the journal was written -- by the CLI,
    another session -- are kept, with the features and column mappings they added,
    and their ids are never given out again."""
    journal_ids = {record.id for record in recovered.imports}
    since = [record for record in on_disk.imports if record.id not in journal_ids]
    recovered.imports = list(on_disk.imports)
    if since:
        known = {feature.id.lower() for feature in recovered.features}
        recovered.features += [f for f in on_disk.features if f.id.lower() not in known]
        columns = {mapping.column for mapping in recovered.mappings}
        recovered.mappings += [m for m in on_disk.mappings if m.column not in columns]
    return recovered


class RecoveryJournal:
    """The recovery journal of the project in ``directory``."""

    def __init__(self, directory: Path, state: Path | None = None) -> None:
        self.project_dir = Path(directory).resolve()
        key = hashlib.sha256(str(self.project_dir).encode("utf-8")).hexdigest()[:24]
        self.path = (state or state_dir()) / JOURNAL_DIR / f"{key}.json"

    def record(self, project: Project, last_edit: str = "", edits: int = 0) -> None:
        """Keep ``project`` (the state after an unsaved edit); raises OSError if it cannot."""
        document = {
            "format": FORMAT,
            "project_dir": str(self.project_dir),
            "saved_at": dt.datetime.now().replace(microsecond=0).isoformat(),
            "base_sha256": self._disk_digest(),
            "last_edit": last_edit,
            "edits": edits,
            "kano_toml": project_to_toml(project),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json.dumps(document, ensure_ascii=False).encode("utf-8"))

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    def pending(self) -> Recovery | None:
        """The unsaved edits to offer back, or None (no journal, nothing new in it, or a
        journal too damaged to use -- which is then removed)."""
        try:
            if not self.path.exists():
                return None
            document = json.loads(read_bounded(self.path, "recovery journals", JOURNAL_LIMIT))
        except (KanoError, OSError, ValueError, RecursionError):
            self.discard()
            return None
        if (
            not isinstance(document, dict)
            or document.get("format") != FORMAT
            or document.get("project_dir") != str(self.project_dir)
            or not isinstance(document.get("kano_toml"), str)
        ):
            self.discard()
            return None
        text = document["kano_toml"]
        try:
            project = project_from_toml(text, self.path)
        except KanoError:
            self.discard()
            return None
        try:
            disk_project = load_project(self.project_dir)
        except KanoError:
            disk_project = None  # the file is damaged or gone: the journal is all there is
        if disk_project is not None:
            project = with_imports_of(project, disk_project)
        on_disk = project_to_toml(disk_project) if disk_project is not None else None
        if on_disk == project_to_toml(project):  # saved after all: nothing to recover
            self.discard()
            return None
        edits = document.get("edits")
        return Recovery(
            project=project,
            saved_at=str(document.get("saved_at", "")),
            last_edit=str(document.get("last_edit", "")),
            edits=edits if isinstance(edits, int) and not isinstance(edits, bool) else 0,
            file_changed=document.get("base_sha256") != self._disk_digest(),
        )

    def _disk_digest(self) -> str | None:
        return regular_file_sha256(self.project_dir / PROJECT_FILE)
