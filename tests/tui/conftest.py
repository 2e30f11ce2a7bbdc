"""Fixtures for driving the real app: a copy of a sample project and an app on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kano_tui.session.workspace import Workspace


@pytest.fixture
def smartphone(sample_copy: Callable[[str], Path]) -> Workspace:
    return Workspace.open(sample_copy("smartphone"))


@pytest.fixture
def make_app() -> Callable[..., object]:
    from kano_tui.tui.app import KanoApp

    def make(workspace: Workspace, **options: object) -> KanoApp:
        return KanoApp(workspace, **options)

    return make
