"""Exports that cannot destroy: never onto the project's own files, written aside and
delivered whole, devices and pipes written through, ``-o -`` to standard output, and a
documented policy for an existing file (replaced; ``--no-clobber`` refuses)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from kano_tui.errors import ExportError
from kano_tui.session.export import run_export
from kano_tui.session.workspace import Workspace
from tests.conftest import run_kano
from tests.reliability.conftest import run_main, tree_digest


@pytest.mark.parametrize(
    "target",
    [
        "kano.toml",
        "responses/import-001.arrow",
        ".kano-lock",
        "responses/new.csv",
        "responses",
        ".",
    ],
)
def test_an_export_onto_the_projects_own_files_is_refused_and_changes_nothing(
    target: str, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    (project / ".kano-lock").touch()
    before = tree_digest(project)
    result = run_main("export", project, "-e", "csv", "-o", project / target)
    assert result.returncode == 1, result
    assert result.stderr.startswith("kano: ") and str(project) in result.stderr
    assert tree_digest(project) == before


def test_links_to_the_project_files_are_refused_too(project_with_responses, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    (tmp_path / "soft.csv").symlink_to(project / "kano.toml")
    os.link(project / "responses" / "import-001.arrow", tmp_path / "hard.csv")
    before = tree_digest(project)
    for link in ("soft.csv", "hard.csv"):
        result = run_main("export", project, "-e", "csv", "-o", tmp_path / link)
        assert result.returncode == 1 and "project's own file" in result.stderr, result
    assert tree_digest(project) == before


def test_a_failed_export_leaves_no_partial_file_and_no_exports_folder(
    project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    before = tree_digest(project)
    result = run_main("export", project, "-e", "csv", "--classifier", "no-such")
    assert result.returncode == 1
    assert not (project / "exports").exists() and tree_digest(project) == before
    nested = tmp_path / "new" / "deeper" / "out.csv"
    assert (
        run_main("export", project, "-e", "csv", "--classifier", "no-such", "-o", nested).returncode
        == 1
    )
    assert not (tmp_path / "new").exists()


def test_an_export_that_fails_midway_keeps_the_earlier_file(
    project_with_responses, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    target = tmp_path / "results.csv"
    target.write_text("earlier export\n")
    workspace = Workspace.open(project)
    exporter = workspace.plugins.get("exporter", "csv")

    def half_then_fail(context, destination: Path):  # type: ignore[no-untyped-def]
        destination.write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(exporter), "export", lambda self, c, d: half_then_fail(c, d))
    with pytest.raises(ExportError, match="No space left on device"):
        run_export(workspace, "csv", target)
    assert target.read_text() == "earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "project",
        "project-baseline.csv",
        "results.csv",
    ]


def test_an_existing_file_is_replaced_unless_no_clobber(
    project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    assert run_main("export", project, "-e", "csv", "-o", target).returncode == 0
    assert target.read_text().startswith("id,name,n,")
    target.write_text("old\n")
    result = run_main("export", project, "-e", "csv", "-o", target, "--no-clobber")
    assert result.returncode == 1 and "--no-clobber" in result.stderr
    assert target.read_text() == "old\n"


def test_a_device_is_written_through_not_replaced(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    result = run_main("export", project, "-e", "csv", "-o", "/dev/null")
    assert result.returncode == 0, result
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert "Wrote /dev/null" in result.stderr


def test_a_fifo_is_written_through(project_with_responses, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_kano("export", project, "-e", "csv", "-o", fifo, timeout=120)
    reader.join(30)
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith(b"id,name,n,")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dash_writes_to_standard_output(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    result = run_kano("export", project, "-e", "csv", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("id,name,n,") and "Wrote" not in result.stdout
    assert not (project / "exports").exists()
