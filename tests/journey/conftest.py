"""Fixtures for the journey and advocacy tests: real projects on disk with real responses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kano_tui.session.workspace import Workspace
from tests.conftest import write_wide_csv


@pytest.fixture
def surveyed(tmp_path: Path) -> Callable[..., Workspace]:
    """A project whose responses come from rows written as a real CSV and imported."""

    def make(rows: list[dict[str, object]], name: str = "surveyed") -> Workspace:
        workspace = Workspace.create(tmp_path / name, name)
        path = write_wide_csv(tmp_path / f"{name}.csv", rows)
        workspace.import_file(path)
        return workspace

    return make


@pytest.fixture
def support_desk(sample_copy: Callable[[str], Path]) -> Workspace:
    return Workspace.open(sample_copy("support-desk"))
