"""The bad-input corpus through the TUI: the import dialog explains each bad file in the
same sentence the CLI prints, refuses to import it, never crashes, and the project stays
byte-for-byte the same; failing writes become notifications."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from textual.widgets import Static

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.importing import ImportScreen
from tests.reliability.conftest import tree_digest
from tests.reliability.corpus import SECOND_WAVE_TEXT, survey_cases
from tests.reliability.test_recovery import settle

BAD = [case for case in survey_cases() if not case.valid and not case.big]


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _shown(screen: ImportScreen) -> str:
    """The dialog's problem area as plain text."""
    return str(screen.query_one("#import-problems", Static).render())


def _notifications(app: KanoApp) -> list[str]:
    return [notification.message for notification in app._notifications]


@pytest.mark.parametrize("case", BAD, ids=lambda case: case.name)
async def test_a_bad_file_in_the_import_dialog_is_explained_and_changes_nothing(
    case, tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    source = tmp_path / case.filename
    case.build(source)
    before = tree_digest(project)
    workspace = Workspace.open(project, lock=True)
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.start_import(path=str(source))
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        shown = _squeezed(_shown(app.screen))
        for mention in case.mentions:
            assert _squeezed(mention.format(file=case.filename)) in shown, _shown(app.screen)
        await pilot.press("ctrl+s")  # import anyway: refused with a notification
        await settle(pilot)
        assert any("fix its problems first" in m for m in _notifications(app))
        assert app.is_running and isinstance(app.screen, ImportScreen)
    workspace.close()
    assert tree_digest(project) == before


async def test_a_disk_full_during_a_tui_import_is_a_notification_and_changes_nothing(
    tmp_path: Path, project_with_responses, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    source = tmp_path / "wave2.csv"
    source.write_text(SECOND_WAVE_TEXT, encoding="utf-8")
    before = tree_digest(project)
    workspace = Workspace.open(project, lock=True)
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.start_import(path=str(source))
        await settle(pilot)
        assert "No problems" in _shown(app.screen)

        def disk_full(_: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", disk_full)
        await pilot.press("ctrl+s")
        await settle(pilot)
        monkeypatch.undo()
        messages = _notifications(app)
        assert any(
            "No space left on device" in m and "nothing was imported" in m for m in messages
        ), messages
        assert app.is_running
    workspace.close()
    assert tree_digest(project) == before


async def test_a_disk_full_on_ctrl_s_keeps_the_file_and_the_edits(
    project_with_responses, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    before = tree_digest(project)
    workspace = Workspace.open(project, lock=True)
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.edit("Add feature Night mode", lambda p: add_feature(p, "Night mode"))
        await settle(pilot)
        real_replace = os.replace

        def disk_full(source: str, target: str) -> None:
            if str(target).endswith("kano.toml"):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            real_replace(source, target)  # the recovery journal may still be written

        monkeypatch.setattr(os, "replace", disk_full)
        await pilot.press("ctrl+s")
        await settle(pilot)
        monkeypatch.undo()
        messages = _notifications(app)
        assert any(
            "No space left on device" in m and "previous file is unchanged" in m for m in messages
        ), messages
        assert app.unsaved and app.workspace.project.feature("night-mode") is not None
    workspace.close()
    assert tree_digest(project) == before


async def test_a_fifo_import_in_the_tui_is_refused_at_once_and_q_still_quits(
    tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    """A FIFO nobody writes to: the dialog says so at once (no worker waits on it, holding
    the project), the project is unchanged, and `q` quits the app."""
    project = project_with_responses()
    fifo = tmp_path / "stream.csv"
    os.mkfifo(fifo)
    before = tree_digest(project)
    workspace = Workspace.open(project, lock=True)
    app = KanoApp(workspace, remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.start_import(path=str(fifo))
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert "notaregularfile" in _squeezed(_shown(app.screen)), _shown(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running
    workspace.close()
    assert tree_digest(project) == before
