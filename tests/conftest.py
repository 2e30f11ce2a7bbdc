"""Shared fixtures: real project directories on disk and a real `kano` process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from kano_tui.session.workspace import Workspace

# Speed is measured in benchmarks/, never in tests: no hypothesis deadline (on a loaded
# machine an example's time says nothing about the code).
settings.register_profile("kano", deadline=None)
settings.load_profile("kano")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_projects"


@pytest.fixture(autouse=True)
def user_config(kano_config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user-config directory (themes, plugin trust and blocks,
    recovery journals), from kano_tui.testing's ``kano_config_dir``; subprocesses inherit
    it. NO_COLOR is cleared: the tests that want it set it."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    return kano_config_dir


@pytest.fixture
def new_project(tmp_path: Path) -> Callable[..., Workspace]:
    """Create a real project directory under tmp_path."""

    def make(name: str = "demo") -> Workspace:
        return Workspace.create(tmp_path / name, name)

    return make


def run_kano(
    *args: object,
    cwd: Path | None = None,
    env: dict | None = None,
    input: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """Run the installed `kano` command as a separate process."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kano_tui.cli.main", *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_python(
    source: str, *args: object, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run ``python -c SOURCE ARGS...`` in a process of its own (what a fresh process
    imports, or does, is the test's point); the caller checks its exit code."""
    return subprocess.run(
        [sys.executable, "-c", source, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def kano() -> Callable[..., subprocess.CompletedProcess]:
    return run_kano


@pytest.fixture
def sample_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a sample project (with its responses) into tmp_path; the original stays untouched."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(SAMPLES / name, target, ignore=shutil.ignore_patterns("*.kano-lock"))
        return target

    return copy


def write_wide_csv(
    path: Path, rows: list[dict[str, object]], delimiter: str = ",", encoding: str = "utf-8"
) -> Path:
    """Write rows (dicts) as a wide CSV with the union of their keys as header."""
    import csv
    import io

    header: list[str] = []
    for row in rows:
        header += [k for k in row if k not in header]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
