"""Two `kano` processes on one project: one writer at a time, the other told who holds it
(or, in the TUI, working read-only), and no save ever overwrites another's."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.lock import LOCK_FILE, ProjectLock
from kano_tui.engine.project.projectfile import load_project
from kano_tui.errors import ProjectError, ProjectLockedError
from kano_tui.session.workspace import Workspace
from tests.conftest import REPO, run_kano
from tests.reliability.conftest import run_main, tree_digest
from tests.reliability.corpus import SECOND_WAVE_TEXT
from tests.reliability.test_recovery import Terminal

HOLD = (
    "import sys; from pathlib import Path; from kano_tui.session.workspace import Workspace;"
    "w = Workspace.open(Path(sys.argv[1]), lock=True); print('locked', flush=True); "
    "sys.stdin.read()"
)


@pytest.fixture
def holder(project_with_responses):  # type: ignore[no-untyped-def]
    """Another process holding the project's write lock, as a mutating command does."""
    project = project_with_responses()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "locked"  # type: ignore[union-attr]
    yield project, process
    process.kill()
    process.wait()


def test_a_second_writer_is_told_which_process_holds_the_project(holder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, process = holder
    source = tmp_path / "wave2.csv"
    source.write_text(SECOND_WAVE_TEXT, encoding="utf-8")
    before = tree_digest(project)
    expected = (
        f"kano: {project} is being edited by another kano process "
        f"(pid {process.pid} on {socket.gethostname()}); close it there or wait"
    )
    for args in (
        ["features", "add", project, "Night mode"],
        ["import", project, source],
        ["features", "remove", project, "camera"],
    ):
        result = run_kano(*args)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(expected), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert tree_digest(project) == before
    # Reading is never blocked: analysis and exports to elsewhere work meanwhile.
    assert run_main("analyze", project, "--format", "json").returncode == 0
    assert run_main("export", project, "-e", "json", "-o", tmp_path / "out.json").returncode == 0


def test_the_lock_dies_with_its_holder_even_when_killed(holder) -> None:  # type: ignore[no-untyped-def]
    project, process = holder
    process.send_signal(signal.SIGKILL)
    process.wait()
    result = run_main("features", "add", project, "Night mode")
    assert result.returncode == 0, result.stderr
    assert load_project(project).feature("night-mode") is not None
    assert (project / LOCK_FILE).read_bytes() == b""  # released and emptied at the end


def test_concurrent_writers_never_lose_each_others_changes(tmp_path: Path) -> None:
    """Five `kano features add` started at once: each either adds its feature or is
    told the project is busy; the file ends with exactly the features reported added."""
    project = tmp_path / "project"
    Workspace.create(project, "race").close()
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kano_tui.cli.main",
                "features",
                "add",
                str(project),
                f"Feature {n}",
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(5)
    ]
    added = set()
    for n, process in enumerate(processes):
        _out, err = process.communicate(timeout=120)
        if process.returncode == 0:
            added.add(f"feature-{n}")
        else:
            assert "is being edited by another kano process" in err, err
    assert added, "no writer got through"
    assert set(load_project(project).feature_ids()) == added


def test_a_stale_workspace_never_overwrites_a_newer_file(tmp_path: Path) -> None:
    first = Workspace.create(tmp_path / "project", "stale")
    second = Workspace.open(first.directory)
    add_feature(second.project, "Night mode")
    second.save()
    add_feature(first.project, "Eco mode")
    with pytest.raises(ProjectError, match="was changed by another program"):
        first.save()
    assert load_project(first.directory).feature_ids() == ["night-mode"]


def test_two_workspaces_in_one_process_are_two_writers_too(tmp_path: Path) -> None:
    first = Workspace.create(tmp_path / "project", "twice")
    first.lock()
    second = Workspace.open(first.directory)
    with pytest.raises(ProjectLockedError, match=f"pid {os.getpid()}"):
        second.save()
    with pytest.raises(ProjectLockedError):
        Workspace.open(first.directory, lock=True)
    first.close()
    second.save()


def test_the_lock_file_is_ignored_by_git() -> None:
    result = subprocess.run(
        ["git", "check-ignore", f"sample_projects/x/{LOCK_FILE}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "the lock file would show up in git status"


def test_a_lock_file_left_with_garbage_does_not_block_anyone(tmp_path: Path) -> None:
    workspace = Workspace.create(tmp_path / "project", "garbage")
    (workspace.directory / LOCK_FILE).write_bytes(b"\x00\xff{not json")
    lock = ProjectLock(workspace.directory)
    lock.acquire()
    assert lock.held
    lock.release()


@pytest.mark.slow
def test_a_second_tui_opens_read_only_while_the_first_holds_the_project(
    project_with_responses, user_config: Path
) -> None:  # type: ignore[no-untyped-def]
    """Two real `kano` TUIs in terminals: the first holds the lock, so the CLI is refused
    and the second says at once that it cannot save, and says it again on ctrl+s."""
    project = project_with_responses()
    first = Terminal(project, user_config)
    second = None
    try:
        first.wait_for("a Add")
        result = run_main("features", "add", project, "Night mode")
        assert result.returncode == 1
        assert f"(pid {first.child.pid} on {socket.gethostname()})" in result.stderr
        before = tree_digest(project)

        second = Terminal(project, user_config)
        told = (
            f"{project} is being edited by another kano process "
            f"(pid {first.child.pid} on {socket.gethostname()})"
        )
        second.wait_for(
            f"{told}; close it there or wait until that command finishes, then "
            "try again. Changes cannot be saved in this session.",
            toast=True,
        )
        second.child.send("a")
        second.wait_for("Name")
        second.child.send("Eco mode")
        second.child.send("\x13")  # ctrl+s submits the form: an unsaved edit
        second.wait_for("unsaved")
        second.child.send("\x13")  # ctrl+s: save, refused
        refusal = "".join(
            f"{told}; close it there or wait until that command finishes, then try again.".split()
        )
        opening = "".join(["Changes", "cannot", "be", "saved", "in", "this", "session."])
        second.wait_until(
            lambda: refusal in "".join(second.toasts.split()).replace(refusal + opening, ""),
            "the refusal to save",
        )
        assert tree_digest(project) == before
    finally:
        for terminal in (first, second):
            if terminal is not None:
                terminal.child.terminate(force=True)
