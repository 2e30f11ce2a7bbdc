"""Unsaved TUI edits survive a crash: the recovery journal, and the real app killed with
SIGKILL in a real terminal, then opened again."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest
from textual.pilot import Pilot

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.projectfile import load_project
from kano_tui.engine.project.recovery import RecoveryJournal
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.modals import ConfirmScreen
from tests.conftest import REPO

COLUMNS, LINES = 80, 24


async def settle(pilot: Pilot) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


# --------------------------------------------------------------------------- the journal


def test_a_journal_offers_back_exactly_the_unsaved_project(tmp_path: Path) -> None:
    workspace = Workspace.create(tmp_path / "project", "Phones")
    journal = RecoveryJournal(workspace.directory)
    assert journal.pending() is None
    add_feature(workspace.project, "Night mode")
    journal.record(workspace.project, last_edit="Add feature Night mode", edits=1)

    pending = RecoveryJournal(tmp_path / "project" / ".." / "project").pending()  # same path
    assert pending is not None and pending.project == workspace.project
    assert pending.edits == 1 and not pending.file_changed
    assert "1 unsaved edit (last: Add feature Night mode)" in pending.question()
    assert RecoveryJournal(tmp_path / "other").pending() is None  # keyed by project

    workspace.save()  # saved after all: nothing left to recover, and the journal goes
    assert journal.pending() is None and not journal.path.exists()


def test_a_journal_says_when_the_file_changed_after_the_edits(tmp_path: Path) -> None:
    workspace = Workspace.create(tmp_path / "project", "Phones")
    journal = RecoveryJournal(workspace.directory)
    draft = load_project(workspace.directory)
    add_feature(draft, "Night mode")
    journal.record(draft, last_edit="Add feature Night mode", edits=1)
    add_feature(workspace.project, "Eco mode")  # another program changes the file
    workspace.save()
    pending = journal.pending()
    assert pending is not None and pending.file_changed
    assert "has changed since then" in pending.question()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"format": 1}',
        b"[1, 2]",
        b'{"format": 1, "project_dir": "X", "kano_toml": "= ="}',
    ],
)
def test_a_damaged_journal_is_ignored_and_removed(tmp_path: Path, damage: bytes) -> None:
    workspace = Workspace.create(tmp_path / "project", "Phones")
    journal = RecoveryJournal(workspace.directory)
    journal.path.parent.mkdir(parents=True, exist_ok=True)
    journal.path.write_bytes(damage.replace(b"X", str(journal.project_dir).encode()))
    assert journal.pending() is None
    assert not journal.path.exists()


def test_the_journal_lives_in_the_user_config_directory_not_the_project(
    tmp_path: Path, user_config: Path
) -> None:
    workspace = Workspace.create(tmp_path / "project", "Phones")
    journal = RecoveryJournal(workspace.directory)
    journal.record(workspace.project)
    assert journal.path.is_relative_to(user_config)
    assert json.loads(journal.path.read_text())["project_dir"] == str(workspace.directory.resolve())


# --------------------------------------------------------------------------- in the app


async def test_the_app_offers_unsaved_edits_back_and_saving_keeps_them(tmp_path: Path) -> None:
    workspace = Workspace.create(tmp_path / "project", "Phones")
    draft = load_project(workspace.directory)
    add_feature(draft, "Night mode")
    RecoveryJournal(workspace.directory).record(draft, last_edit="Add feature Night mode", edits=1)
    workspace.lock()
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Add feature Night mode" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert app.unsaved and app.workspace.project.feature("night-mode") is not None
        await pilot.press("ctrl+z")  # recovering is an undoable edit like any other
        await settle(pilot)
        assert app.workspace.project.feature("night-mode") is None
        await pilot.press("ctrl+y", "ctrl+s")
        await settle(pilot)
    workspace.close()
    assert load_project(workspace.directory).feature("night-mode") is not None
    assert not RecoveryJournal(workspace.directory).path.exists()


async def test_not_now_keeps_the_edits_for_the_next_time(tmp_path: Path) -> None:
    workspace = Workspace.create(tmp_path / "project", "Phones")
    draft = load_project(workspace.directory)
    add_feature(draft, "Night mode")
    journal = RecoveryJournal(workspace.directory)
    journal.record(draft, last_edit="Add feature Night mode", edits=1)
    workspace.lock()
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert not app.unsaved and app.workspace.project.feature("night-mode") is None
    workspace.close()
    assert journal.pending() is not None


async def test_a_read_only_session_neither_journals_nor_is_offered_the_writers_edits(
    tmp_path: Path,
) -> None:
    writer = Workspace.create(tmp_path / "project", "Phones")
    writer.lock()
    draft = load_project(writer.directory)
    add_feature(draft, "Night mode")
    journal = RecoveryJournal(writer.directory)
    journal.record(draft, last_edit="Add feature Night mode", edits=1)
    before = journal.path.read_bytes()
    reader = Workspace.open(writer.directory)  # the lock is taken: a read-only session
    app = KanoApp(reader, remember_theme=False)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        app.edit("Add feature Eco mode", lambda project: add_feature(project, "Eco mode"))
        await settle(pilot)
    assert journal.path.read_bytes() == before
    writer.close()


# --------------------------------------------------------------------------- a real crash


class Terminal:
    """A `kano` process in a pseudo-terminal, its screen emulated by pyte."""

    def __init__(self, project: Path, config: Path) -> None:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "KANO_CONFIG_DIR": str(config),
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            "PYTHONPATH": str(REPO),
        }
        env.pop("NO_COLOR", None)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "kano_tui.cli.main", str(project)],
            env=env,
            dimensions=(LINES, COLUMNS),
            timeout=60,
        )
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    @property
    def toasts(self) -> str:
        """The notifications on screen, their wrapped lines joined back into sentences."""
        # What follows a toast's left edge (U+258C), without the rule drawn beside it.
        parts = [
            line.split("\u258c", 1)[1].rstrip(" \u2500").strip()
            for line in self.screen.display
            if "\u258c" in line
        ]
        return " ".join(part for part in parts if part)

    def wait_for(self, wanted: str, timeout: float = 60, toast: bool = False) -> None:
        """Read output until ``wanted`` is on screen (``toast``: in a notification, where
        lines wrap anywhere, so whitespace is ignored)."""
        squeezed = "".join(wanted.split())
        self.wait_until(
            (lambda: squeezed in "".join(self.toasts.split()))
            if toast
            else (lambda: wanted in self.text),
            repr(wanted),
            timeout,
        )

    def wait_until(self, check, wanted: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"{wanted} never appeared; the screen shows:\n{self.text}")
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.5))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                raise AssertionError(f"kano exited before showing {wanted}:\n{self.text}") from None


@pytest.mark.slow
async def test_edits_made_before_the_tui_is_killed_are_offered_back_on_the_next_open(
    tmp_path: Path, user_config: Path
) -> None:
    workspace = Workspace.create(tmp_path / "project", "Phones")
    workspace.close()
    terminal = Terminal(workspace.directory, user_config)
    try:
        terminal.wait_for("a Add")
        terminal.child.send("a")  # the Features screen's add form
        terminal.wait_for("Name")
        terminal.child.send("Night mode")
        terminal.child.send("\x13")  # ctrl+s submits the form
        terminal.wait_for("unsaved")
        os.kill(terminal.child.pid, signal.SIGKILL)  # no chance to save or clean up
        terminal.child.wait()
    finally:
        if terminal.child.isalive():
            terminal.child.terminate(force=True)
    assert load_project(workspace.directory).feature("night-mode") is None  # never saved

    reopened = Workspace.open(workspace.directory, lock=True)  # the lock died with it
    app = KanoApp(reopened, remember_theme=False)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen), "no recovery offered"
        assert "Add feature" in app.screen.question or "unsaved edit" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    reopened.close()
    assert load_project(workspace.directory).feature("night-mode") is not None
