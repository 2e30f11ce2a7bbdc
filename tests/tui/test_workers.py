"""The one worker idiom (kano_tui.tui.workers): a result reaches ``done`` on the UI thread,
an error is shown once and reaches ``failed``, a superseded or stale result is dropped."""

from __future__ import annotations

import threading

import pytest
from textual.app import App

from kano_tui.errors import KanoError
from kano_tui.testing import settle
from kano_tui.tui.workers import ThreadWork, error_text


class WorkingApp(App[None], ThreadWork):
    """The smallest app with the idiom (not KanoApp: errors go to ``notify``)."""

    def __init__(self) -> None:
        super().__init__()
        self.done: list[object] = []
        self.failed: list[BaseException] = []
        self.notes: list[str] = []
        self.version = 0
        self.ui_thread = threading.get_ident()
        self.done_threads: list[int] = []

    def notify(self, message: str, **_: object) -> None:  # type: ignore[override]
        self.notes.append(message)

    def got(self, result: object) -> None:
        self.done_threads.append(threading.get_ident())
        self.done.append(result)


async def test_a_result_comes_back_to_done_on_the_ui_thread():
    app = WorkingApp()
    async with app.run_test() as pilot:
        worker_threads: list[int] = []

        def work() -> int:
            worker_threads.append(threading.get_ident())
            return 42

        app.run_in_thread(work, app.got, group="answer")
        await settle(pilot)
        assert app.done == [42]
        assert worker_threads and worker_threads[0] != app.ui_thread
        assert app.done_threads == [app.ui_thread]
        assert app.notes == [] and app.failed == []


@pytest.mark.parametrize(
    "error, shown",
    [
        (
            KanoError("The file survey.csv has no header row."),
            "The file survey.csv has no header row.",
        ),
        (
            ZeroDivisionError("division by zero"),
            "Unexpected error: ZeroDivisionError: division by zero",
        ),
    ],
)
async def test_an_error_is_shown_once_and_handed_to_failed(error, shown):
    app = WorkingApp()
    async with app.run_test() as pilot:

        def work() -> int:
            raise error

        worker = app.run_in_thread(work, app.got, failed=app.failed.append, group="broken")
        await settle(pilot)  # the worker itself ended well: the error was handled
        assert app.done == []
        assert app.failed == [error]
        assert app.notes == [shown] == [error_text(error)]
        assert worker.error is None


async def test_report_false_leaves_the_error_to_failed_alone():
    app = WorkingApp()
    async with app.run_test() as pilot:

        def work() -> int:
            raise KanoError("Shown in the dialog instead.")

        app.run_in_thread(work, app.got, failed=app.failed.append, report=False, group="quiet")
        await settle(pilot)
        assert [str(e) for e in app.failed] == ["Shown in the dialog instead."]
        assert app.notes == []


async def test_a_result_whose_key_changed_meanwhile_is_dropped():
    app = WorkingApp()
    async with app.run_test() as pilot:
        started, release = threading.Event(), threading.Event()

        def work() -> str:
            started.set()
            release.wait(10)
            return "computed from version 0"

        app.run_in_thread(work, app.got, group="stale", key=lambda: app.version)
        await pilot.pause()
        assert started.wait(10)
        app.version += 1  # e.g. the project was edited while it ran
        release.set()
        await settle(pilot)
        assert app.done == []
        app.run_in_thread(
            lambda: "computed from version 1", app.got, group="stale", key=lambda: app.version
        )
        await settle(pilot)
        assert app.done == ["computed from version 1"]


async def test_a_newer_worker_of_the_same_group_supersedes_the_running_one():
    app = WorkingApp()
    async with app.run_test() as pilot:
        started, release = threading.Event(), threading.Event()

        def slow() -> str:
            started.set()
            release.wait(10)
            return "old"

        first = app.run_in_thread(slow, app.got, group="same")
        await pilot.pause()
        assert started.wait(10)
        app.run_in_thread(lambda: "new", app.got, group="same")
        release.set()
        await settle(pilot, tolerate_superseded=True)
        assert first.is_cancelled
        assert app.done == ["new"]
