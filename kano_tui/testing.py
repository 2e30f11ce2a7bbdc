"""Fixtures and helpers for testing kano-tui plugins.

This module is a pytest plugin, registered by kano-tui's ``pytest11`` entry point: in any
environment where kano-tui is installed, a plugin's tests can use these fixtures without
importing anything. Tell them about your plugin with a ``kano_plugin`` fixture in your
``conftest.py``::

    import pytest
    import kano_majority

    @pytest.fixture
    def kano_plugin():
        return kano_majority

Fixtures:

``kano_plugin``
    Your plugin module or object (override it; the default ``None`` means built-ins only).
``kano_plugins``
    A fresh plugin manager with the built-ins and ``kano_plugin`` registered, in strict
    mode (your plugin's errors are raised, with their traceback, instead of disabling it).
    Installed plugins are *not* loaded, so other plugins cannot disturb your tests.
``kano_project``
    A :class:`~kano_tui.session.workspace.Workspace` of a small project generated on the
    fly (:func:`sample_survey`: 4 features, 2 waves, a segment, NPS and CSAT) that uses
    ``kano_plugins``.
``kano_cli``
    ``kano_cli("analyze", kano_project.directory, "--classifier", "mine")`` runs the real
    ``kano`` command in-process with ``kano_plugins``; returns a :class:`CliResult`.
``kano_app`` / ``kano_run_tui``
    The TUI on ``kano_project``: ``kano_app`` is a ``KanoApp`` to drive with
    ``async with kano_app.run_test() as pilot`` (with pytest-asyncio);
    ``kano_run_tui(check)`` runs ``async def check(pilot)`` for you from a plain test.
``kano_config_dir``
    A private user-config directory (``KANO_CONFIG_DIR``), so tests never read or write
    yours; every fixture above uses it.

Helpers: :func:`make_figures` builds the figures table a classifier receives from plain
counts; :func:`sample_survey` writes the generated survey CSV; :func:`palette_titles`
lists what the TUI's command palette offers; :func:`build_test_plugins` is what
``kano_plugins`` calls.

Driving the TUI with a Pilot: :func:`settle` waits for the workers and the messages they
post (never sleep); :func:`press_and_settle` and :func:`type_text` press keys as a user
does; :func:`palette_hits` searches the command palette and :func:`run_palette_command`
runs what it found; :func:`screen_text` reads the terminal as plain lines.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import pandas as pd
    from textual.pilot import Pilot

    from kano_tui.plugins.manager import Plugins
    from kano_tui.session.workspace import Workspace

# One (functional, dysfunctional) answer pair per category, by answer code
# (1 like, 2 expect, 3 neutral, 4 tolerate, 5 dislike), per Berger et al.'s table.
REPRESENTATIVE_PAIRS: dict[str, tuple[int, int]] = {
    "A": (1, 3),
    "O": (1, 5),
    "M": (3, 5),
    "I": (3, 3),
    "R": (5, 1),
    "Q": (1, 1),
}

# The generated sample: per feature, how likely each category's answer pair is.
SAMPLE_FEATURES: dict[str, dict[str, float]] = {
    "battery-life": {"M": 0.55, "O": 0.25, "I": 0.15, "Q": 0.05},
    "camera": {"O": 0.5, "A": 0.2, "M": 0.2, "I": 0.1},
    "face-unlock": {"A": 0.55, "I": 0.3, "O": 0.1, "R": 0.05},
    "built-in-compass": {"I": 0.6, "A": 0.2, "R": 0.15, "Q": 0.05},
}
TOKENS = ("", "like", "expect", "neutral", "tolerate", "dislike")


# ----------------------------------------------------------------------------- helpers
def make_figures(
    counts: Mapping[str, Mapping[str, int]], importance: Mapping[str, Iterable[int]] | None = None
) -> pd.DataFrame:
    """The figures table a classifier receives, from category counts per feature.

    ``make_figures({"camera": {"O": 6, "A": 3}})`` builds the table as if 6 respondents
    gave the answer pair of O (like / dislike) and 3 that of A (like / neutral), so every
    figure (n, Better, Worse, strengths, significance, continuous means) is consistent.
    ``importance`` gives each feature's self-stated importance answers (1-9).
    """
    import numpy as np

    from kano_tui.engine.analysis.figures import figures_from_histograms

    ids = list(counts)
    histograms = np.zeros((len(ids), 6, 6), dtype=np.int64)
    for i, feature in enumerate(ids):
        for letter, count in counts[feature].items():
            if letter not in REPRESENTATIVE_PAIRS:
                raise ValueError(f"{letter!r} is not a Kano category (A O M I R Q)")
            f, d = REPRESENTATIVE_PAIRS[letter]
            histograms[i, f, d] += int(count)
    scale = np.zeros((len(ids), 10), dtype=np.int64)
    for i, feature in enumerate(ids):
        for answer in (importance or {}).get(feature, ()):
            scale[i, int(answer)] += 1
    return figures_from_histograms(histograms, scale, ids)


def sample_survey(path: Path, respondents: int = 80, seed: int = 7) -> Path:
    """Write a small, deterministic wide survey CSV (the canonical layout) to ``path``.

    Four features with clear but noisy categories (battery-life M, camera O,
    face-unlock A, built-in-compass I), two waves, a ``plan`` segment, NPS, CSAT and
    importance answers.
    """
    import csv

    import numpy as np

    rng = np.random.default_rng(seed)
    letters = list(REPRESENTATIVE_PAIRS)
    rows = []
    for r in range(respondents):
        row: dict[str, object] = {
            "respondent": f"r{r + 1:03d}",
            "wave": "2026-Q1" if r < respondents // 2 else "2026-Q2",
            "plan": "pro" if rng.random() < 0.4 else "basic",
            "nps": int(rng.integers(0, 11)),
            "csat": int(rng.integers(1, 6)),
        }
        for feature, weights in SAMPLE_FEATURES.items():
            p = np.array([weights.get(letter, 0.0) for letter in letters])
            letter = letters[rng.choice(len(letters), p=p / p.sum())]
            f, d = REPRESENTATIVE_PAIRS[letter]
            row[f"{feature}.functional"] = TOKENS[f]
            row[f"{feature}.dysfunctional"] = TOKENS[d]
            row[f"{feature}.importance"] = int(rng.integers(3, 10))
        rows.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def plugin_name(plugin: object) -> str:
    """The name a plugin is registered under in tests: its module name."""
    return str(getattr(plugin, "__name__", None) or type(plugin).__name__)


def build_test_plugins(*plugins: object, strict: bool = True) -> Plugins:
    """Built-ins plus ``plugins`` (not installed ones), each under :func:`plugin_name`."""
    from kano_tui.plugins.manager import build_plugins

    return build_plugins(
        entry_points=False, strict=strict, extra=[(plugin_name(p), p) for p in plugins]
    )


def make_project(
    directory: Path, plugins: Plugins | None = None, respondents: int = 80, seed: int = 7
) -> Workspace:
    """A project in ``directory`` with :func:`sample_survey` imported."""
    from kano_tui.session.workspace import Workspace

    workspace = Workspace.create(
        directory, "Sample", "Generated by kano_tui.testing", plugins=plugins
    )
    survey = sample_survey(directory.parent / f"{directory.name}-survey.csv", respondents, seed)
    workspace.import_file(survey)
    return workspace


@dataclass
class CliResult:
    """What a ``kano`` run printed and returned."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: object, plugins: Plugins | None = None, input: str | None = None) -> CliResult:
    """Run ``kano ARGS`` in this process (as the console script does) and capture it."""
    from click.testing import CliRunner

    from kano_tui.cli.main import main

    runner = CliRunner()
    with runner.isolation(input=input) as (out, err, _):
        code = main([str(a) for a in args], plugins=plugins)
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return CliResult(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


def palette_titles(app: Any) -> list[str]:
    """Every command the TUI's command palette (ctrl+p) offers right now, by title:
    ``"Classifier: NAME"``, ``"Import with NAME"``, ``"Export with NAME"``, ..."""
    from kano_tui.tui.commands import palette_commands

    return [command.title for command in palette_commands(app)]


# ----------------------------------------------------------------------------- Pilot
# Textual is imported inside the helpers: this module is a pytest plugin, loaded by every
# test session, and most of them never start the TUI.
KEY_NAMES = {
    " ": "space",
    "/": "slash",
    ".": "full_stop",
    "-": "minus",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    ",": "comma",
    "_": "underscore",
    ":": "colon",
    "=": "equals_sign",
    "~": "tilde",
}


async def settle(pilot: Pilot, rounds: int = 6, *, tolerate_superseded: bool = False) -> None:
    """Wait until no worker runs and no message is pending (workers start workers), never
    by sleeping. ``tolerate_superseded``: a worker cancelled or failed because a newer one
    of its group replaced it is waited past instead of raised (screens whose exclusive
    workers restart often, e.g. after each key)."""
    from textual.worker import WorkerCancelled, WorkerFailed

    app = pilot.app
    for _ in range(rounds):
        try:
            await app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):
            if not tolerate_superseded:
                raise
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            await pilot.pause()
            if not any(worker.is_running for worker in app.workers):
                return


async def press_and_settle(pilot: Pilot, *keys: str) -> None:
    """Press keys one by one, letting the app settle after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` key by key, as a user would."""
    await pilot.press(*[KEY_NAMES.get(char, char) for char in text])


def screen_text(app: Any) -> str:
    """What the terminal shows, as plain lines (what a user reads)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


async def palette_hits(pilot: Pilot, query: str, wanted: str, *, first: bool = False) -> list[str]:
    """Open the command palette (ctrl+p), search ``query`` and return the prompts it
    offers once one contains ``wanted`` (with ``first``: once the first starts with it),
    or after ample time: the palette searches asynchronously. The palette stays open."""
    from textual.command import CommandPalette
    from textual.widgets import Input, OptionList

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    pilot.app.screen.query_one(Input).value = query  # one search, not one per key
    options = pilot.app.screen.query_one(OptionList)
    hits: list[str] = []
    for _ in range(200):
        await pilot.pause()
        hits = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        if (hits and hits[0].startswith(wanted)) if first else any(wanted in hit for hit in hits):
            break
    return hits


async def run_palette_command(pilot: Pilot, query: str, wanted: str) -> list[str]:
    """Search the palette (:func:`palette_hits`), run the first command (which must start
    with ``wanted``) with enter, and :func:`settle`. Returns the prompts offered."""
    hits = await palette_hits(pilot, query, wanted, first=True)
    assert hits and hits[0].startswith(wanted), hits
    await pilot.press("enter")
    await settle(pilot)
    return hits


def run_tui(
    workspace: Workspace,
    check: Callable[[Any], Awaitable[None]],
    *,
    size: tuple[int, int] = (100, 30),
    screen: str | None = None,
) -> None:
    """Run the TUI on ``workspace`` headless and call ``await check(pilot)``."""
    from kano_tui.tui.app import KanoApp

    async def main() -> None:
        options: dict[str, Any] = {"remember_theme": False}
        if screen:
            options["first_screen"] = screen
        app = KanoApp(workspace, **options)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await check(pilot)

    asyncio.run(main())


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture
def kano_config_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A private user-config directory for this test (``KANO_CONFIG_DIR``)."""
    directory = tmp_path_factory.mktemp("kano-config")
    monkeypatch.setenv("KANO_CONFIG_DIR", str(directory))
    return directory


@pytest.fixture
def kano_plugin() -> object | None:
    """Override in your conftest.py to return your plugin module (or object)."""
    return None


@pytest.fixture
def kano_plugins(kano_plugin: object | None, kano_config_dir: Path) -> Plugins:
    """Built-ins plus your plugin, strict: a plugin error fails the test with its traceback."""
    return build_test_plugins(*([kano_plugin] if kano_plugin is not None else []))


@pytest.fixture
def kano_project(tmp_path: Path, kano_plugins: Plugins) -> Workspace:
    """A generated sample project using ``kano_plugins``."""
    return make_project(tmp_path / "sample-project", kano_plugins)


@pytest.fixture
def kano_cli(kano_plugins: Plugins) -> Callable[..., CliResult]:
    """Run ``kano`` in-process with ``kano_plugins``: ``kano_cli("plugins")``."""

    def invoke(*args: object, input: str | None = None) -> CliResult:
        return run_cli(*args, plugins=kano_plugins, input=input)

    return invoke


@pytest.fixture
def kano_app(kano_project: Workspace) -> Any:
    """The TUI app on ``kano_project``, not started: ``async with kano_app.run_test()``."""
    from kano_tui.tui.app import KanoApp

    return KanoApp(kano_project, remember_theme=False)


@pytest.fixture
def kano_run_tui(kano_project: Workspace) -> Callable[..., None]:
    """``kano_run_tui(check)`` runs ``async def check(pilot)`` against the TUI."""

    def run(
        check: Callable[[Any], Awaitable[None]],
        *,
        size: tuple[int, int] = (100, 30),
        screen: str | None = None,
    ) -> None:
        run_tui(kano_project, check, size=size, screen=screen)

    return run
