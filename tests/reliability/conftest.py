"""Fixtures for the reliability tests: isolated user state, a project with responses, and
a fingerprint of every byte of a project directory."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kano_tui.engine.project.verified import VERIFIED_FILE
from kano_tui.session.workspace import Workspace
from tests.reliability.corpus import GOOD_TEXT


def tree_digest(directory: Path) -> dict[str, str]:
    """Every file under ``directory`` (relative path -> sha256 of its bytes and its mode).

    Comparing two of these proves the project is byte-for-byte unchanged: no file added,
    removed, rewritten or re-permissioned. The checksum cache (``responses/.verified.json`` and its temporary file,
    engine/project/verified.py) is left out: any load of the responses may write it, and
    it holds nothing of the project (deleting it only means hashing again).
    """
    found: dict[str, str] = {}
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(VERIFIED_FILE):  # and its temporary file, while hashing
                continue
            data = path.read_bytes()
            mode = oct(path.stat().st_mode & 0o777)
            found[str(path.relative_to(directory))] = f"{hashlib.sha256(data).hexdigest()} {mode}"
    return found


@pytest.fixture
def project_with_responses(tmp_path: Path) -> Callable[..., Path]:
    """A project directory with features and one import of GOOD_TEXT (import-001)."""

    def make(name: str = "project") -> Path:
        workspace = Workspace.create(tmp_path / name, name)
        source = tmp_path / f"{name}-baseline.csv"
        source.write_text(GOOD_TEXT, encoding="utf-8")
        workspace.import_file(source)
        workspace.close()
        return workspace.directory

    return make


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def run_main(*args: object) -> Outcome:
    """The `kano` entry point called in this process (same code as the console script,
    without the ~1 s interpreter start): its exit code and what it printed."""
    from kano_tui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Outcome(code, out.getvalue(), err.getvalue())


def record_figures(request: pytest.FixtureRequest, key: str, figures: dict) -> None:
    """Keep a test's counts for docs/reliability.md (`python -m tests.reliability.figures`),
    in pytest's cache when it is enabled."""
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        cache.set(f"reliability/{key}", dict(figures))
    print(f"{key}: {dict(figures)}")
