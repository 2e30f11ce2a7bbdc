"""The one way the TUI runs work off the UI thread and hands back its result.

Every screen, dialog and the app itself mix in :class:`ThreadWork`, so slow work is one
call::

    self.run_in_thread(partial(self._analyse, classifier), self._analysed,
                       group="features-analysis", key=lambda: self.kano.revision)

``work`` runs in a thread worker (Textual's ``run_worker(thread=True, exclusive=True,
exit_on_error=False)``); it returns its result and never touches a widget. ``done(result)``
then runs on the UI thread. What can go wrong is handled here, once:

- an exception in ``work`` is shown with ``app.report_error`` (a KanoError's one sentence,
  anything else as "Unexpected error: ..."), never a crash; ``failed(error)``, when given,
  runs after that (to say "the analysis failed" in a status line), or instead of it with
  ``report=False`` (a dialog that shows the error itself);
- a worker of the same ``group`` started meanwhile cancels this one (``exclusive``): its
  result is dropped, as the newer one is on its way;
- ``key`` says what the result depends on: read when the work starts and again when it
  ends, a result whose key changed meanwhile (the project was edited) is dropped.

The results come back through Textual's own ``Worker.StateChanged`` (posted to the node
that started the worker), so no screen declares a message class per result. An exception
is caught in the worker's thread and handed back like a result, so the worker ends in
the SUCCESS state: the error is handled (shown), not a failure of the app.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from textual import on
from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from kano_tui.errors import KanoError

Result = TypeVar("Result")
_FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)


@dataclass(frozen=True)
class _Job:
    """What to do with a worker's outcome (kept beside the worker until it finishes)."""

    done: Callable[[Any], object]  # may be async
    failed: Callable[[BaseException], object] | None
    report: bool
    key: Callable[[], object] | None
    started_with: object


@dataclass(frozen=True)
class _Failed:
    """What ``work`` raised: caught in its thread, so the worker itself ends well (an error
    the UI shows is handled, and ``app.workers.wait_for_complete()`` does not raise it)."""

    error: Exception


_JOBS: weakref.WeakKeyDictionary[Worker[Any], _Job] = weakref.WeakKeyDictionary()


def error_text(error: BaseException) -> str:
    """A user error's own sentence; anything else named as unexpected (never a traceback)."""
    if isinstance(error, KanoError):
        return str(error)
    return f"Unexpected error: {type(error).__name__}: {error}"


class ThreadWork(DOMNode):
    """Mixed into the app, :class:`~kano_tui.tui.base.KanoScreen` and the dialogs, as the
    *second* base (``class KanoScreen(Screen, ThreadWork)``): Textual takes a node's CSS
    type names from its first base, so first it would hide ``Screen``'s styles."""

    def run_in_thread(
        self,
        work: Callable[[], Result],
        done: Callable[[Result], object],
        *,
        group: str,
        failed: Callable[[BaseException], object] | None = None,
        report: bool = True,
        key: Callable[[], object] | None = None,
    ) -> Worker[Any]:
        """Run ``work()`` in a thread; ``done(result)`` on the UI thread (module docstring)."""

        def guarded() -> Result | _Failed:
            try:
                return work()
            except Exception as error:  # noqa: BLE001 - handed to the UI thread, shown there
                return _Failed(error)

        worker = self.run_worker(
            guarded, name=group, group=group, thread=True, exclusive=True, exit_on_error=False
        )
        _JOBS[worker] = _Job(done, failed, report, key, None if key is None else key())
        return worker

    @on(Worker.StateChanged)
    async def _thread_work_finished(self, event: Worker.StateChanged) -> None:
        if event.state not in _FINISHED:
            return
        job = _JOBS.pop(event.worker, None)
        if job is None or event.state is WorkerState.CANCELLED:
            return  # not ours, or superseded by a newer worker of its group
        if job.key is not None and job.key() != job.started_with:
            return  # what it was computed from has changed: a newer result is on its way
        outcome = event.worker.result
        if event.state is WorkerState.SUCCESS and not isinstance(outcome, _Failed):
            drawn = job.done(outcome)
            if inspect.isawaitable(drawn):  # an async ``done`` (one that mounts widgets)
                await drawn
            return
        error = (
            outcome.error
            if isinstance(outcome, _Failed)
            else event.worker.error or RuntimeError("the worker failed")
        )
        if job.report:
            report = getattr(self.app, "report_error", None)
            if callable(report):
                report(error)
            else:  # an app that is not KanoApp (a plugin's test app)
                self.app.notify(error_text(error), severity="error", markup=False)
        if job.failed is not None:
            job.failed(error)
