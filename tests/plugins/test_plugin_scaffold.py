"""``kano plugins new``: a plugin package that installs through its entry point and whose
own tests pass right away; bad names, taken names and existing folders are refused."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from plugin_sources import pip_install_target

from kano_tui.testing import run_cli

pytestmark = pytest.mark.slow  # builds a wheel and runs the package's own test suite


def test_a_scaffolded_plugin_installs_and_its_own_tests_pass(kano, tmp_path):
    created = kano("plugins", "new", "majority", "--directory", tmp_path)
    assert created.returncode == 0, created.stderr
    package = tmp_path / "kano-majority"
    assert {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()} == {
        "pyproject.toml",
        "README.md",
        ".gitignore",
        "src/kano_majority/__init__.py",
        "tests/conftest.py",
        "tests/test_kano_majority.py",
    }
    target = tmp_path / "site"
    pip_install_target(package, target)
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    env.pop("PYTEST_XDIST_WORKER", None)
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=package,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "6 passed" in tests.stdout

    listed = kano("plugins", env={"PYTHONPATH": str(target)})
    assert "majority 0.1.0 (kano-majority)  [entry point]  enabled" in listed.stdout
    for provided in (
        "classifier  majority",
        "importer    majority-psv",
        "exporter    majority-summary",
    ):
        assert provided in listed.stdout


def test_scaffold_refuses_bad_names_taken_names_and_existing_folders(tmp_path):
    bad = run_cli("plugins", "new", "Not A Name", "-d", tmp_path)
    assert bad.exit_code == 1 and "cannot name a plugin" in bad.stderr
    taken = run_cli("plugins", "new", "mode", "-d", tmp_path, "--kind", "classifier")
    assert taken.exit_code == 1 and "classifier named 'mode' is already registered" in taken.stderr
    assert run_cli("plugins", "new", "fine", "-d", tmp_path, "--kind", "exporter").exit_code == 0
    again = run_cli("plugins", "new", "fine", "-d", tmp_path)
    assert again.exit_code == 1 and "already exists; nothing was written" in again.stderr
    module = (tmp_path / "kano-fine" / "src" / "kano_fine" / "__init__.py").read_text()
    assert "register_exporters" in module and "register_classifiers" not in module


def test_the_scaffold_says_what_the_guide_says(tmp_path):
    """docs/plugins.md's five-minute path and shipping advice match what `kano plugins new`
    writes and prints: `pip install -e ".[test]"` and `kano_api = ">=1,<2"`."""
    from pathlib import Path

    guide = (Path(__file__).parents[2] / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]"' in guide and 'kano_api = ">=1,<2"' in guide
    created = run_cli("plugins", "new", "majority", "-d", tmp_path)
    assert created.exit_code == 0, created.stderr
    assert 'pip install -e ".[test]" && pytest' in created.stdout
    package = tmp_path / "kano-majority"
    module = (package / "src" / "kano_majority" / "__init__.py").read_text(encoding="utf-8")
    assert 'kano_api = ">=1,<2"' in module
    readme = (package / "README.md").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]"' in readme and "pip install -e .  " not in readme
    pyproject = (package / "pyproject.toml").read_text(encoding="utf-8")
    assert 'test = ["pytest>=8"]' in pyproject
