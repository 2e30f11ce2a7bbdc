"""What a write killed midway leaves behind (a hidden temporary file beside kano.toml or a
responses file) is removed by the next process to take the project's write lock, and
only that: readers leave it, and other files are never touched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kano_tui.session.workspace import Workspace


def make_leftovers(project: Path) -> tuple[list[Path], list[Path]]:
    (project / "responses").mkdir(exist_ok=True)
    ours = [project / ".kano.toml.k2x9_q1.tmp", project / "responses/.import-001.arrow.a8c.tmp"]
    theirs = [
        project / "notes.tmp",
        project / ".kano.toml.bak",
        project / "responses/import-001.arrow.tmp",
        project / ".other.tmp",
    ]
    for path in ours + theirs:
        path.write_bytes(b"half a file")
    return ours, theirs


def test_only_a_new_writer_removes_the_temporary_files_of_killed_writes(tmp_path: Path):
    Workspace.create(tmp_path / "p", "P").close()
    project = tmp_path / "p"
    ours, theirs = make_leftovers(project)

    Workspace.open(project).responses()  # a reader: leaves everything
    assert all(path.exists() for path in ours + theirs)

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kano_tui.cli.main",
            "features",
            "add",
            str(project),
            "Battery life",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert not any(path.exists() for path in ours)
    assert all(path.exists() for path in theirs)


def test_the_tui_session_lock_removes_them_too(tmp_path: Path):
    Workspace.create(tmp_path / "p", "P").close()
    ours, _ = make_leftovers(tmp_path / "p")
    workspace = Workspace.open(tmp_path / "p", lock=True)
    try:
        assert not any(path.exists() for path in ours)
    finally:
        workspace.close()
