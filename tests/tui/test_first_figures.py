"""The first figures from a child process (kano_tui.tui.first_figures): the same figures,
used when they come first, and the screen's own analysis whenever they do not."""

from __future__ import annotations

import json
import os
import threading

import pytest
from tui_helpers import screen_text, settle

from kano_tui.engine.analysis.overview import RowFigures, row_figures
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.first_figures import FirstFigures
from kano_tui.tui.screens.features import FeaturesScreen
from tests.conftest import run_python

# In a process of its own: the test process runs threads, and FirstFigures forks only
# a process that runs none. ``mode``: "as is", a classifier only a plugin could have,
# a child that fails, a child that never answers (discarded).
CHILD = """
import json, os, select, sys, time
import kano_tui.tui.first_figures as first
from kano_tui.session.workspace import Workspace

project, mode = sys.argv[1:]
workspace = Workspace.open(project)
if mode == "plugin classifier":
    workspace.project.settings.classifier = "from-a-plugin"
if mode == "failing":
    first.compute = lambda workspace, classifier: 1 / 0
if mode == "silent":
    first.compute = lambda workspace, classifier: time.sleep(60)
early = first.FirstFigures.start(workspace)
pid = early.pid
if mode == "silent":
    time.sleep(0.2)
    early.discard()
else:
    while not early.read_available():
        select.select([early.fileno()], [], [], 60)
try:
    os.waitpid(pid, os.WNOHANG)
    reaped = False
except ChildProcessError:
    reaped = True
figures = None if early.figures is None else {
    feature: [f.category, f.better, f.worse, f.importance, f.n]
    for feature, f in early.figures.items()
}
print(json.dumps({"figures": figures, "reaped": reaped, "closed": early.fileno() is None}))
"""


def run_child(project, mode: str) -> dict:
    done = run_python(CHILD, project, mode)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_child_computes_the_figures_the_screen_would(sample_copy):
    project = sample_copy("smartphone")
    answer = run_child(project, "as is")
    expected = row_figures(Workspace.open(project).analyze())
    assert answer["figures"] == {
        feature: [f.category, f.better, f.worse, f.importance, f.n]
        for feature, f in expected.items()
    }
    assert answer["reaped"] and answer["closed"]


@pytest.mark.parametrize("mode", ["plugin classifier", "failing", "silent"])
def test_a_child_without_figures_answers_none_and_is_gone(sample_copy, mode):
    answer = run_child(sample_copy("smartphone"), mode)
    assert answer == {"figures": None, "reaped": True, "closed": True}


def test_no_child_is_forked_beside_a_running_thread(smartphone):
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert FirstFigures.start(smartphone) is None
    finally:
        release.set()
        thread.join()


class Given:
    """A stand-in for the child: its figures there at once, after a byte is written to
    its pipe (``ready=False``), or none (a failed child)."""

    def __init__(self, workspace: Workspace, figures, *, ready: bool = True) -> None:
        self.classifier = workspace.project.settings.classifier
        self._figures = figures
        self.ready = ready
        self.finished = False
        self.figures = None
        self.discarded = False
        self.reader, self.writer = os.pipe()

    def matches(self, workspace: Workspace, classifier: str) -> bool:
        return classifier == self.classifier

    def fileno(self) -> int | None:
        return None if self.finished or self.discarded else self.reader

    def read_available(self) -> bool:
        if not self.ready:
            return False
        self.finished, self.figures = True, self._figures
        return True

    def answer(self) -> None:
        self.ready = True
        os.write(self.writer, b"x")

    def discard(self) -> None:
        self.discarded = True

    def close(self) -> None:
        os.close(self.reader)
        os.close(self.writer)


def hold_the_screens_analysis(monkeypatch) -> threading.Event:
    release = threading.Event()
    analysis = FeaturesScreen._analysis
    monkeypatch.setattr(
        FeaturesScreen,
        "_analysis",
        lambda screen, classifier: release.wait(30) and analysis(screen, classifier),
    )
    return release


async def first_paint(pilot) -> None:
    for _ in range(5):
        await pilot.pause()


@pytest.mark.parametrize("ready", [True, False])
async def test_the_childs_figures_are_drawn_before_the_screens_own_analysis(
    smartphone, monkeypatch, ready
):
    figures = row_figures(Workspace.open(smartphone.directory).analyze())
    given = Given(smartphone, figures, ready=ready)
    release = hold_the_screens_analysis(monkeypatch)
    app = KanoApp(smartphone, remember_theme=False, first_figures=given)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await first_paint(pilot)
            if not ready:  # the figures come while the screen's analysis runs
                assert "analysing" in screen_text(app)
                given.answer()
                await first_paint(pilot)
            screen = app.screen
            assert screen.analysis is None  # still held
            assert "M    Calls" in screen_text(app)
            assert "analysing" not in screen_text(app)
            shown = screen_text(app)
            release.set()
            await settle(pilot)
            assert screen.analysis is not None and screen.first_figures is None
            assert screen_text(app) == shown  # its own analysis: the same figures
    finally:
        release.set()
        given.close()


async def test_figures_in_the_first_frame_are_analysed_again_once_it_is_drawn(
    smartphone, monkeypatch
):
    figures = row_figures(Workspace.open(smartphone.directory).analyze())
    given = Given(smartphone, figures)
    batching: list[int] = []  # Textual's start batches updates: nothing drawn meanwhile
    analysis = FeaturesScreen._analysis
    monkeypatch.setattr(
        FeaturesScreen,
        "_analysis",
        lambda screen, classifier: (
            batching.append(getattr(screen.app, "_batch_count", 0)) or analysis(screen, classifier)
        ),
    )
    app = KanoApp(smartphone, remember_theme=False, first_figures=given)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "M    Calls" in screen_text(app)
            assert batching == [0]
            assert app.screen.analysis is not None
    finally:
        given.close()


async def test_another_classifier_chosen_over_the_childs_figures_is_analysed(
    smartphone, monkeypatch
):
    figures = row_figures(Workspace.open(smartphone.directory).analyze())
    given = Given(smartphone, figures)
    chosen: list[str] = []
    analysis = FeaturesScreen._analysis
    monkeypatch.setattr(
        FeaturesScreen,
        "_analysis",
        lambda screen, classifier: chosen.append(classifier) or analysis(screen, classifier),
    )
    release = hold_the_screens_analysis(monkeypatch)
    app = KanoApp(smartphone, remember_theme=False, first_figures=given)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await first_paint(pilot)
            assert "M    Calls" in screen_text(app) and "analysing" not in screen_text(app)
            app.classifier = "continuous"
            await first_paint(pilot)
            assert "continuous classifier · sorted by catalogue · analysing" in screen_text(app)
            release.set()
            await settle(pilot)
            assert "analysing" not in screen_text(app)
            assert "continuous" in chosen
            assert app.screen.analysis.classifier == "continuous"
    finally:
        release.set()
        given.close()


async def test_a_child_that_failed_leaves_the_figures_to_the_screens_analysis(
    smartphone, monkeypatch
):
    given = Given(smartphone, None)
    release = hold_the_screens_analysis(monkeypatch)
    app = KanoApp(smartphone, remember_theme=False, first_figures=given)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await first_paint(pilot)
            assert "analysing" in screen_text(app)
            release.set()
            await settle(pilot)
            assert "M    Calls" in screen_text(app)
            assert "analysing" not in screen_text(app)
    finally:
        release.set()
        given.close()


async def test_the_screens_analysis_first_stops_the_child(smartphone):
    given = Given(smartphone, {"calls": RowFigures("A", 0.5, -0.5, None, 1)}, ready=False)
    app = KanoApp(smartphone, remember_theme=False, first_figures=given)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "M    Calls" in screen_text(app)
            assert given.discarded
            given.answer()  # too late: not drawn
            await settle(pilot)
            assert "M    Calls" in screen_text(app)
    finally:
        given.close()


async def test_figures_of_another_classifier_are_not_used(smartphone):
    given = Given(smartphone, {"calls": RowFigures("A", 0.5, -0.5, None, 1)})
    given.classifier = "another"
    app = KanoApp(smartphone, remember_theme=False, first_figures=given)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert given.discarded and not given.finished
            assert "M    Calls" in screen_text(app)
    finally:
        given.close()


OPEN = """
import json, select, sys
import kano_tui.tui.app
from kano_tui.cli.main import main

def run_app(workspace, plugins=None, *, scoped=False, collections_paused=False,
            first_figures=None):
    if first_figures is None:
        print(json.dumps(None))
        return
    while not first_figures.read_available():
        select.select([first_figures.fileno()], [], [], 60)
    print(json.dumps(sorted(first_figures.figures)))

kano_tui.tui.app.run_app = run_app
sys.exit(main(["open", sys.argv[1]]))
"""


def test_kano_open_starts_the_child_before_the_app(sample_copy):
    project = sample_copy("smartphone")
    done = run_python(OPEN, project)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == sorted(Workspace.open(project).project.feature_ids())


def test_kano_open_starts_none_for_a_project_with_plugins_of_its_own(sample_copy):
    project = sample_copy("smartphone")
    (project / "plugins").mkdir(exist_ok=True)
    (project / "plugins" / "mine.py").write_text("")
    done = run_python(OPEN, project)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) is None


def test_the_module_that_forks_imports_neither_textual_nor_numpy():
    done = run_python(
        "import sys, kano_tui.cli.main, kano_tui.tui.first_figures;"
        "print(sorted({'textual', 'numpy', 'pyarrow'} & set(sys.modules)))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]"]
