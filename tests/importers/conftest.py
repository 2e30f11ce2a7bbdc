"""Fixtures of the importer tests: real projects on disk, imported through the Workspace."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kano_tui.engine.analysis.run import analysis_to_json
from kano_tui.engine.importing.survey import ImportOptions
from kano_tui.session.workspace import Workspace

_numbers = itertools.count()


@pytest.fixture
def import_into(tmp_path: Path) -> Callable[..., Workspace]:
    """Import a file into a new project (importer chosen from the file unless given)."""

    def run(
        path: Path, importer: str | None = None, workspace: Workspace | None = None, **options: Any
    ) -> Workspace:
        target = workspace or Workspace.create(tmp_path / f"project-{next(_numbers)}")
        target.import_file(path, importer, ImportOptions(**options))
        return target

    return run


def figures(workspace: Workspace) -> dict:
    return analysis_to_json(workspace.analyze())


def figures_by_name(workspace: Workspace) -> dict:
    """The figures without feature ids: a canonical file's ids are its headers' keys as
    written ("Face recognition"), a survey tool's are slugs of the question's words."""
    document = figures(workspace)
    document["features"] = [{k: v for k, v in f.items() if k != "id"} for f in document["features"]]
    return document
