"""Plugin-test fixtures: plugin files and packages on disk, a private user config.

Packages are installed with ``pip install --target DIR`` and found through
``PYTHONPATH``/``sys.path``: a real install with real entry-point metadata, but one that
other tests (and other people's test runs sharing this virtualenv) never see, so a
deliberately broken plugin cannot disturb them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from plugin_sources import (
    BROKEN_PLUGINS,
    GOOD_PLUGIN,
    build_package,
    pip_install_target,
    write_module,
)

from kano_tui.testing import make_project


@pytest.fixture(autouse=True)
def no_plugin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("KANO_BLOCK_PLUGINS", "KANO_PLUGINS", "KANO_STRICT_PLUGINS"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def sample_project(tmp_path: Path):
    """A generated project on disk (4 features, 80 respondents)."""
    return make_project(tmp_path / "project")


@pytest.fixture
def plugin_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a single-file plugin: plugin_file("name", source) -> path."""

    def write(name: str, source: str) -> Path:
        return write_module(tmp_path / "plugin-files", name, source)

    return write


@pytest.fixture(scope="session")
def installed_fixture_plugins(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``kano-fixture-plugins`` installed into a private target directory: one good
    plugin and one entry point per way of breaking, plus one pointing nowhere."""
    root = tmp_path_factory.mktemp("fixture-plugins")
    modules = {"good": GOOD_PLUGIN, **BROKEN_PLUGINS}
    entry_points = {name: f"kano_fixture_plugins.{name}" for name in modules}
    entry_points["missing_module"] = "kano_fixture_plugins.not_there"
    project = build_package(root, "kano-fixture-plugins", modules, entry_points)
    target = root / "site"
    pip_install_target(project, target)
    yield target


@pytest.fixture
def markers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder the test plugins write a marker file into when they are imported
    (``KANO_TEST_MARKERS``): what loaded, seen from outside."""
    folder = tmp_path / "markers"
    folder.mkdir()
    monkeypatch.setenv("KANO_TEST_MARKERS", str(folder))
    return folder
