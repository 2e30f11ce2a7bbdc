"""A progress bar for long work, on stderr, only when stderr is a terminal.

In a pipe, a file or CI nothing is drawn: the output stays the data. The bar is
transient (it clears itself when the work ends) and ``KANO_NO_PROGRESS=1`` turns it off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Report = Callable[..., None]  # report(step, fraction=None)
NO_PROGRESS_ENV = "KANO_NO_PROGRESS"


def wanted() -> bool:
    return sys.stderr.isatty() and os.environ.get(NO_PROGRESS_ENV, "") in ("", "0")


@contextmanager
def progress_bar(description: str) -> Iterator[Report]:
    """``with progress_bar("Importing x.csv") as report: report("checking", 0.5)``;
    a fraction of None (or none reported yet) pulses: the length is unknown."""
    if not wanted():
        yield lambda step, fraction=None: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True, highlight=False),
        transient=True,
    )
    with bar:
        task = bar.add_task(description, total=None)

        def report(step: str, fraction: float | None = None) -> None:
            label = f"{description}: {step}" if step else description
            if fraction is None:
                bar.update(task, description=label, total=None)
            else:
                bar.update(
                    task, description=label, total=1.0, completed=min(max(fraction, 0.0), 1.0)
                )

        yield report
