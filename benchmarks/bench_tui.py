"""TUI benchmark: the whole `kano` program in a real pseudo-terminal, timed as a user sees it.

    python benchmarks/bench_tui.py [--runs 5] [--respondents 1000000] [--skip-large]

Every figure is wall time measured from outside: `kano PROJECT` runs as its own process
in a pseudo-terminal (pexpect); its output is fed to a terminal emulator (pyte), and a
step is done when what it should show is on the emulated 80x24 screen. So the figures
include Python start-up, imports, reading the project, Textual's rendering and the
terminal output — everything but the user's terminal drawing the bytes.

- cold start: from spawning the process to the Features screen painted with the
  catalogue (first paint), and to the figures of the first analysis filled in (on the
  sample, and at a million respondents: until the status line stops saying "analysing");
  also the CPU time the process used until each, which other processes on a busy machine
  barely change (wall time on a shared machine mostly measures the queue);
- screen switch: pressing each screen's key (2 Responses, 3 Analysis, 4 Journey,
  5 Advocacy, then ``b`` for the Analysis screen's Backlog tab) until that screen is
  shown (its header, bar and key hints drawn: the user sees where they are and what is
  coming), and until its figures are in (its status line no longer says it is loading);
  on the first visit (imports and builds the screen, computes what it shows) and on the
  second (the screen is kept), on the sample and at a million respondents; and, on the
  sample, the first visits of a user who reads the first figures for 3 s first (time
  the app uses to build the other screens ahead);
- Responses at a million respondents: pressing 2 right after the first paint until the
  screen is shown (saying it is loading), and until the table shows the first
  respondents of a 1,000,000-respondent project (generated once into benchmarks/.data/
  and imported with `kano import`); this includes reading the million respondents from
  disk, which the Features screen's first analysis has started by then; and the same
  after that first analysis finished, the respondents in memory;
- scrolling a page: PageDown in that table until the next page is on screen;
- the floor, in the same rounds and the same way: a bare Textual app
  (benchmarks/tui_floor.py) that paints a DataTable of a few rows, to first paint (wall
  and CPU time), and a key that adds a row until it is on screen. That is Textual's own
  cost, which no Textual program goes below.

Prints each figure, the target, the ratio figure / target (at most 1.0 meets it), the
floor figure it compares with (cold starts with the floor's cold start, CPU times with
its CPU time, keys with its key) and the ratio figure / floor. The machine's load
average is printed too: on a shared machine, read figures with it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pyte

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / ".data"
PYTHON = sys.executable
COLUMNS, LINES = 80, 24
TARGETS = {  # seconds
    "cold start to first paint": 1.0,
    "cold start CPU time to first paint": 1.0,
    "cold start to figures": 0.400,  # issue 18
    "cold start CPU time to figures": 0.400,
    "cold start to figures, 1M": 1.0,
    "screen switch (warm)": 0.100,
    "responses painted, 1M respondents": 1.0,
    "responses painted, 1M, data in memory": 1.0,
    "scroll one page, 1M respondents": 0.050,
}
SWITCH = 0.100  # a screen switch, first visit or not (issue 18)
READING = 3.0  # seconds a user reads the first figures before pressing a key
READ = f"after {READING:.0f} s"
PAGE_DOWN = "\x1b[6~"
FLOOR_APP = HERE / "tui_floor.py"
FLOOR_PAINT = "floor: cold start to first paint"
FLOOR_CPU = "floor: CPU time to first paint"
FLOOR_KEY = "floor: key to repaint"


def target_of(figure: str) -> float | None:
    """The target of a figure: its own, or a screen switch's (the figures of a first
    visit at a million respondents compare with the first figures' 1 s at that size)."""
    if figure in TARGETS:
        return TARGETS[figure]
    if figure.startswith(("first visit", "second visit")):
        return 1.0 if figure.endswith("figures, 1M") and figure.startswith("first") else SWITCH
    return None


def floor_of(figure: str) -> str | None:
    """The floor figure a figure compares with."""
    if figure.startswith("floor:"):
        return None
    if "CPU" in figure:
        return FLOOR_CPU
    if figure.startswith("cold start"):
        return FLOOR_PAINT
    return FLOOR_KEY  # everything else is the time from a key to what it shows


class Session:
    """One `kano PROJECT` process in a pseudo-terminal, with an emulated screen."""

    def __init__(self, project: Path | None, config: Path) -> None:
        env = {**os.environ, "TERM": "xterm-256color", "KANO_CONFIG_DIR": str(config)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as installed
        env.pop("NO_COLOR", None)
        self.started = time.perf_counter()
        # No project: the floor app, spawned the same way.
        arguments = (
            [str(FLOOR_APP)] if project is None else ["-m", "kano_tui.cli.main", str(project)]
        )
        self.child = pexpect.spawn(
            PYTHON,
            arguments,
            env=env,
            dimensions=(LINES, COLUMNS),
            timeout=120,
        )
        self.child.delaybeforesend = None  # pexpect sleeps 50 ms before each send otherwise
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def line(self, number: int) -> str:
        return self.screen.display[number]

    def until(self, done, timeout: float = 120) -> float:  # type: ignore[no-untyped-def]
        """Read output until ``done(self)`` is true; return the time it became true."""
        deadline = time.perf_counter() + timeout
        received = time.perf_counter()
        while not done(self):
            if time.perf_counter() > deadline:
                raise SystemExit(f"timed out; the screen shows:\n{self.text}")
            try:
                data = self.child.read_nonblocking(1 << 20, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                raise SystemExit(f"kano exited; the screen shows:\n{self.text}") from None
            # When the bytes arrived, not when the (slow, pure-Python) emulator has parsed
            # them: the emulator's time is the benchmark's, not kano's.
            received = time.perf_counter()
            self.stream.feed(data)
        return received

    def cpu_seconds(self) -> float:
        """CPU time the program has used so far: unlike wall time, barely affected by
        other processes competing for the cores. Its finished child processes count too
        (the first figures' child, kano_tui.tui.first_figures, once reaped)."""
        import psutil

        times = psutil.Process(self.child.pid).cpu_times()
        return times.user + times.system + times.children_user + times.children_system

    def shows(self, *texts: str, timeout: float = 120) -> float:
        return self.until(lambda s: all(t in s.text for t in texts), timeout)

    def press(self, keys: str, *texts: str) -> float:
        """Send keys; the seconds until every one of ``texts`` is on screen."""
        start = time.perf_counter()
        self.child.send(keys)
        return self.shows(*texts) - start

    def quit(self) -> None:
        self.child.send("q")
        try:
            self.child.expect(pexpect.EOF, timeout=30)
        finally:
            self.child.close(force=True)


def copy_project(source: Path, scratch: Path) -> Path:
    target = scratch / source.name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.kano-lock", "exports"))
    return target


@dataclass(frozen=True)
class Visit:
    """A screen (or tab) the benchmark visits: its key, when it is shown (its own key
    hints or status line on screen), and when its figures are in."""

    key: str
    name: str
    shown: Callable[[Session], bool]
    done: Callable[[Session], bool]


def visits(respondents: str, first_row: str = "") -> list[Visit]:
    """Every screen a number key shows but Features (the first); ``respondents`` is how
    the Responses screen counts them, ``first_row`` a text of its first row."""
    return [
        Visit(
            "2",
            "Responses",
            lambda s: "i Import" in s.text,
            lambda s: "i Import" in s.text and respondents in s.line(1) and first_row in s.text,
        ),
        Visit(
            "3",
            "Analysis",
            lambda s: "c Classifier" in s.text,
            lambda s: "c Classifier" in s.text and "answers per feature" in s.line(1),
        ),
        Visit(
            "4",
            "Journey",
            lambda s: "f Features" in s.text and "stages ·" in s.line(1),
            lambda s: (
                "f Features" in s.text and "stages ·" in s.line(1) and "analysing" not in s.line(1)
            ),
        ),
        Visit(
            "5",
            "Advocacy",
            lambda s: "] Next tab" in s.text,
            lambda s: (
                "] Next tab" in s.text and "all waves" in s.text and "computing" not in s.line(1)
            ),
        ),
    ]


BACKLOG = Visit(
    "b",
    "Backlog tab",
    lambda s: "V/E" in s.text,
    lambda s: "V/E" in s.text and "answers per feature" in s.line(1),
)
FEATURES = Visit(
    "1",
    "Features",
    lambda s: "a Add" in s.text and "features ·" in s.line(1),
    lambda s: "a Add" in s.text and "features ·" in s.line(1) and "analysing" not in s.line(1),
)


def visit(session: Session, screen: Visit, *, figures: bool = True) -> tuple[float, float]:
    """Press the screen's key: the seconds until it is shown, and until its figures are
    (with ``figures=False``, until it is shown: a kept screen shows what it last showed)."""
    start = time.perf_counter()
    session.child.send(screen.key)
    shown = session.until(screen.shown)
    done = session.until(screen.done) if figures else shown
    return shown - start, done - start


def first_visit(
    session: Session, screen: Visit, results: dict[str, list[float]], suffix: str = ""
) -> None:
    shown, figures = visit(session, screen)
    results.setdefault(f"first visit: {screen.name} shown{suffix}", []).append(shown)
    results.setdefault(f"first visit: {screen.name} figures{suffix}", []).append(figures)


def visit_every_screen(
    session: Session,
    results: dict[str, list[float]],
    screens: list[Visit],
    suffix: str = "",
    visited: int = 0,
) -> None:
    """The first visit of every screen (shown, figures) but the ``visited`` first of
    ``screens``, the Backlog tab's, then three second visits of each screen."""
    for screen in screens[visited:]:
        first_visit(session, screen, results, suffix)
    visit(session, screens[1])  # the Analysis screen, where b shows the Backlog tab
    first_visit(session, BACKLOG, results, suffix)
    for _ in range(3):
        for screen in [FEATURES, *screens]:
            # A kept screen shows what it showed (the respondents scrolled where left).
            _, done = visit(session, screen, figures=False)
            results.setdefault(f"second visit: {screen.name}{suffix}", []).append(done)
            if not suffix:
                results["screen switch (warm)"].append(done)


def bench_smartphone(runs: int, scratch: Path) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {
        key: []
        for key in (
            "cold start to first paint",
            "cold start CPU time to first paint",
            "cold start to figures",
            "cold start CPU time to figures",
            "screen switch (warm)",
            FLOOR_PAINT,
            FLOOR_CPU,
            FLOOR_KEY,
        )
    }
    for _ in range(runs):
        floor(results, scratch)
        project = copy_project(REPO / "sample_projects" / "smartphone", scratch)
        session = Session(project, scratch / "config")
        painted = session.shows("1 Features", "Confusing interface")
        results["cold start to first paint"].append(painted - session.started)
        results["cold start CPU time to first paint"].append(session.cpu_seconds())
        figures = session.shows("M    Calls")
        results["cold start to figures"].append(figures - session.started)
        results["cold start CPU time to figures"].append(session.cpu_seconds())
        visit_every_screen(session, results, visits("837 respondents"))
        session.quit()
        # The same first visits by a user who reads the first figures for a while.
        project = copy_project(REPO / "sample_projects" / "smartphone", scratch)
        session = Session(project, scratch / "config")
        session.shows("M    Calls")
        time.sleep(READING)
        for screen in visits("837 respondents"):
            _, figures = visit(session, screen)
            results.setdefault(f"first visit: {screen.name} figures, {READ}", []).append(figures)
        session.quit()
    return results


def floor(results: dict[str, list[float]], scratch: Path) -> None:
    """One run of the floor app (benchmarks/tui_floor.py)."""
    session = Session(None, scratch / "config")
    painted = session.shows("Confusing interface")
    results[FLOOR_PAINT].append(painted - session.started)
    results[FLOOR_CPU].append(session.cpu_seconds())
    for _ in range(3):
        rows = session.text.count("Row ")
        results[FLOOR_KEY].append(session.press("n", f"Row {6 + rows}"))
    session.quit()


def _one_batch(project: Path) -> bool:
    """Whether the project's data files are as kano writes them now, one record batch
    each with their answer counts: a project imported by an older kano (many batches, one
    copy per load; no counts, every answer counted) would time that kano's files, not
    this one's."""
    import pyarrow as pa

    from kano_tui.engine.project.storage import COUNTS_KEY

    for path in (project / "responses").glob("import-*.arrow"):
        with pa.memory_map(str(path)) as source:
            reader = pa.ipc.open_file(source)
            if reader.num_record_batches != 1 or COUNTS_KEY not in (reader.schema.metadata or {}):
                return False
    return True


def large_project(respondents: int, features: int = 20) -> Path:
    """A project with ``respondents`` respondents, generated and imported once."""
    project = DATA / f"tui-{respondents}"
    if (project / "kano.toml").exists() and _one_batch(project):
        return project
    shutil.rmtree(project, ignore_errors=True)  # none yet, or imported by an older kano
    import numpy as np
    import pandas as pd

    DATA.mkdir(parents=True, exist_ok=True)
    survey = DATA / f"tui-survey-{respondents}.csv"
    if not survey.exists():
        print(f"writing {survey} ...", flush=True)
        rng = np.random.default_rng(11)
        columns: dict[str, object] = {
            "respondent": [f"R{i:07d}" for i in range(respondents)],
            "wave": np.where(rng.random(respondents) < 0.5, "2026-Q1", "2026-Q3"),
            "segment": rng.choice(["everyday", "power user", "senior"], respondents),
            "region": rng.choice(["north", "south", "east", "west"], respondents),
            "nps": rng.integers(0, 11, respondents),
        }
        for j in range(features):
            columns[f"feature-{j:02d}.functional"] = rng.integers(1, 6, respondents)
            columns[f"feature-{j:02d}.dysfunctional"] = rng.integers(1, 6, respondents)
        pd.DataFrame(columns).to_csv(survey, index=False)
    print(f"importing into {project} ...", flush=True)
    kano = [PYTHON, "-m", "kano_tui.cli.main"]
    subprocess.run([*kano, "new", str(project)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [*kano, "import", str(project), str(survey)], check=True, stdout=subprocess.DEVNULL
    )
    return project


def bench_large(respondents: int, runs: int, scratch: Path) -> dict[str, list[float]]:
    project = large_project(respondents)
    shown = f"{respondents:,} respondents"
    results: dict[str, list[float]] = {
        "responses screen shown, 1M": [],
        "responses painted, 1M respondents": [],
        "responses painted, 1M, data in memory": [],
        "scroll one page, 1M respondents": [],
        "cold start to first paint, 1M": [],
        "cold start to figures, 1M": [],
    }
    for _ in range(runs):
        session = Session(project, scratch / "config")
        painted = session.shows("1 Features", "Feature 00")
        results["cold start to first paint, 1M"].append(painted - session.started)
        start = time.perf_counter()
        session.child.send("2")
        screen = session.shows("Respondents", "i Import")  # the screen, saying "loading…"
        rows = session.shows(shown, "R0000000")  # and its first rows
        results["responses screen shown, 1M"].append(screen - start)
        results["responses painted, 1M respondents"].append(rows - start)
        session.quit()
        # The same once the first analysis has finished (the respondents are in memory):
        # what a user who looks at the Features screen first sees.
        session = Session(project, scratch / "config")
        session.shows("1 Features", "Feature 00")
        figures = session.until(lambda s: "analysing" not in s.line(1))
        results["cold start to figures, 1M"].append(figures - session.started)
        screens = visits(shown, "R0000000")
        first_visit(session, screens[0], results, ", 1M")
        results["responses painted, 1M, data in memory"].append(
            results["first visit: Responses figures, 1M"][-1]
        )
        for _ in range(10):
            first_row = session.line(6)
            start = time.perf_counter()
            session.child.send(PAGE_DOWN)
            done = session.until(
                lambda s, before=first_row: s.line(6) != before and s.line(6).startswith("R")
            )
            results["scroll one page, 1M respondents"].append(done - start)
        # Every other screen, first and second visits, the respondents in memory.
        visit_every_screen(session, results, screens, ", 1M", visited=1)
        session.quit()
    return results


# Where a cold start's time goes: each step of the path to the first figures, in the
# order `kano PROJECT` takes it, timed in one process (no terminal: Textual's own drawing
# is the floor app's, above), the garbage collector off as there. `kano PROJECT` runs the
# numpy, pyarrow, reading and analysis steps in a child process beside Textual's import
# (kano_tui.tui.first_figures) as well as in its own worker after the first paint.
BREAKDOWN = """
import gc, sys, time
gc.disable()
steps = []
def step(name, start=[time.perf_counter()]):
    now = time.perf_counter(); steps.append((name, now - start[0])); start[0] = now
import kano_tui.cli.main
step("imports: click and kano's CLI")
from kano_tui.session.workspace import Workspace
from kano_tui.plugins.manager import build_built_ins
workspace = Workspace.open(sys.argv[1])
def every_plugin():
    from kano_tui.plugins.discovery import build_for_run
    return build_for_run([], sys.argv[1])
workspace.load_plugins_with(every_plugin, built_ins=build_built_ins)  # as `kano PROJECT`
step("kano.toml read (workspace, lock, model)")
import textual.app, textual.widgets
step("imports: Textual")
import kano_tui.tui.app, kano_tui.tui.screens.features
step("imports: kano's TUI (app, Features screen)")
import numpy, pyarrow, kano_tui.engine.project.storage, kano_tui.engine.analysis.run
step("imports: numpy, pyarrow, kano's analysis")
workspace.responses()
step("respondents read")
workspace.analyze().results()
step("first analysis (the built-in classifiers and tables only)")
print("pandas imported by then:", "pandas" in sys.modules, file=sys.stderr)
workspace.plugins
step("after the first figures: every plugin loaded")
gc.enable()
for name, seconds in steps:
    print(f"{seconds:.4f} {name}")
"""


def breakdown(project: Path, runs: int) -> None:
    interpreter = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([PYTHON, "-c", "pass"], check=True)
        interpreter.append(time.perf_counter() - start)
    steps: dict[str, list[float]] = {"python start-up (python -c pass)": interpreter}
    for _ in range(runs):
        done = subprocess.run(
            [PYTHON, "-c", BREAKDOWN, str(project)], check=True, capture_output=True, text=True
        )
        for line in done.stdout.splitlines():
            seconds, name = line.split(" ", 1)
            steps.setdefault(name, []).append(float(seconds))
    print(f"\nwhere a cold start's time goes (medians of {runs}, one process, no terminal):")
    for name, values in steps.items():
        print(f"  {statistics.median(values) * 1000:>6.0f} ms  {name}")


def report(results: dict[str, list[float]]) -> None:
    print(
        f"\n{'figure':<40} {'median':>9} {'best':>9} {'target':>8} {'ratio':>6} "
        f"{'floor':>9} {'floor x':>7}"
    )
    for name, values in results.items():
        if not values:
            continue
        median, best = statistics.median(values), min(values)
        target = target_of(name)
        ratio = f"{median / target:.2f}" if target else ""
        shown_target = f"{target * 1000:.0f} ms" if target else ""
        floor_values = results.get(floor_of(name) or "")
        floor_median = statistics.median(floor_values) if floor_values else None
        shown_floor = f"{floor_median * 1000:.0f} ms" if floor_median else ""
        times_floor = f"{median / floor_median:.2f}" if floor_median else ""
        print(
            f"{name:<40} {median * 1000:>6.0f} ms {best * 1000:>6.0f} ms "
            f"{shown_target:>8} {ratio:>6} {shown_floor:>9} {times_floor:>7}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument(
        "--skip-large",
        action="store_true",
        help="only the sample project (no million-respondent project)",
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also time each step of a cold start on the sample (imports, reading, analysis)",
    )
    args = parser.parse_args()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        results = bench_smartphone(args.runs, Path(scratch))
        if not args.skip_large:
            results.update(bench_large(args.respondents, max(args.runs // 2, 1), Path(scratch)))
        report(results)
        if args.breakdown:
            breakdown(
                copy_project(REPO / "sample_projects" / "smartphone", Path(scratch)), args.runs
            )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
