"""Real plugin packages, built and installed through the ``kano_tui`` entry-point group:
``kano plugins``, ``kano analyze --classifier``, ``kano export --exporter``, ``kano import``
and the TUI palette see and use them, and broken ones leave everything else working.

Packages are installed with ``pip install --target`` into a private directory on
``PYTHONPATH`` (see conftest): a real install with real metadata that other tests running
at the same time never see.
"""

from __future__ import annotations

import json
import sys

import pytest

from kano_tui.plugins.discovery import build_for_run

# Builds wheels with pip (seconds each); one xdist worker builds the shared package once.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("plugin-packages")]


@pytest.fixture
def with_fixture_plugins(installed_fixture_plugins, kano):
    """``kano`` with the fixture package on its path."""

    def run(*args, **options):
        env = {"PYTHONPATH": str(installed_fixture_plugins), **options.pop("env", {})}
        return kano(*args, env=env, **options)

    return run


def test_kano_plugins_lists_installed_plugins_and_every_failure(with_fixture_plugins):
    result = with_fixture_plugins("plugins")
    assert result.returncode == 0
    out = result.stdout
    assert "good 0.3.0 (kano-fixture-plugins)  [entry point]  enabled" in out
    assert "    classifier  always-a" in out and "    exporter    feature-count" in out
    for name in (
        "import_error",
        "bad_signature",
        "misspelt_hook",
        "raising_hook",
        "bad_object",
        "missing_module",
    ):
        assert f"{name} 0.3.0 (kano-fixture-plugins)  [entry point]  failed" in out, name
    assert "No module named 'kano_fixture_plugins.not_there'" in out
    assert "kano: 6 plugins failed and were disabled" in result.stderr
    assert "Traceback" not in out + result.stderr

    detailed = with_fixture_plugins("plugins", "list", "--traceback")
    assert 'raise RuntimeError("the hook blew up")' in detailed.stdout

    document = json.loads(with_fixture_plugins("plugins", "list", "--format", "json").stdout)
    states = {p["name"]: p["state"] for p in document["plugins"]}
    assert states["good"] == "enabled" and states["raising_hook"] == "failed"
    good = next(p for p in document["plugins"] if p["name"] == "good")
    assert {
        "kind": "classifier",
        "name": "always-a",
        "description": "Every feature is an excitement feature",
    } in good["provides"]


def test_analyze_export_and_import_use_installed_plugins(
    with_fixture_plugins, sample_project, tmp_path
):
    project = sample_project.directory
    analysed = with_fixture_plugins(
        "analyze", project, "--classifier", "always-a", "--format", "json"
    )
    assert analysed.returncode == 0, analysed.stderr
    assert {f["category"] for f in json.loads(analysed.stdout)["features"]} == {"A"}

    target = tmp_path / "count.txt"
    exported = with_fixture_plugins("export", project, "--exporter", "feature-count", "-o", target)
    assert exported.returncode == 0, exported.stderr
    assert target.read_text(encoding="utf-8") == "4 features\n"

    survey = tmp_path / "wave3.pipe"
    survey.write_text(
        "respondent|speed.functional|speed.dysfunctional\n"
        "p1|like|dislike\np2|I expect it|dislike\n",
        encoding="utf-8",
    )
    imported = with_fixture_plugins("import", project, survey)
    assert imported.returncode == 0, imported.stderr
    assert "(pipe)" in imported.stdout


def test_a_raising_plugin_fails_one_command_with_one_sentence(with_fixture_plugins, sample_project):
    project = sample_project.directory
    failed = with_fixture_plugins("analyze", project, "--classifier", "explodes")
    assert failed.returncode == 1
    assert failed.stderr.startswith(
        "kano: Plugin 'raising_classifier' failed "
        "(ZeroDivisionError: division by zero) and has been disabled"
    )
    assert "Traceback" not in failed.stderr
    exported = with_fixture_plugins("export", project, "--exporter", "explodes-export")
    assert exported.returncode == 1 and "raising_exporter" in exported.stderr
    still = with_fixture_plugins("analyze", project, "--format", "json")
    assert still.returncode == 0 and json.loads(still.stdout)["classifier"] == "mode"


def test_plugin_option_naming_an_installed_package_loads_it_once(
    with_fixture_plugins, sample_project
):
    result = with_fixture_plugins("--plugin", "kano_fixture_plugins.good", "plugins")
    assert result.returncode == 0, result.stderr
    assert (
        "kano: note: --plugin kano_fixture_plugins.good: already loaded as plugin 'good' "
        "(entry point); it is loaded once.\n"
    ) in result.stderr
    assert "good 0.3.0 (kano-fixture-plugins)  [entry point]  enabled" in result.stdout
    assert "ValueError" not in result.stdout and "already registered" not in result.stdout
    analysed = with_fixture_plugins(
        "--plugin",
        "kano_fixture_plugins.good",
        "analyze",
        sample_project.directory,
        "--classifier",
        "always-a",
    )
    assert analysed.returncode == 0, analysed.stderr


def test_strict_mode_shows_the_plugin_traceback(with_fixture_plugins):
    result = with_fixture_plugins(
        "plugins", env={"KANO_STRICT_PLUGINS": "1", "KANO_PLUGINS": "import_error"}
    )
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "No module named 'kano_tui_no_such_module_anywhere'" in result.stderr
    # a problem kano finds (rather than an exception) stays one sentence, and stops
    found = with_fixture_plugins(
        "plugins", env={"KANO_STRICT_PLUGINS": "1", "KANO_PLUGINS": "bad_object"}
    )
    assert found.returncode == 1
    assert found.stderr == (
        "kano: Plugin 'bad_object': the classifier 'no-classify' has no 'classify'.\n"
    )


def test_blocked_installed_plugins_are_not_imported(with_fixture_plugins):
    blocked = (
        "import_error,bad_signature,misspelt_hook,raising_hook,bad_object,"
        "missing_module,raising_classifier,raising_exporter,raising_importer"
    )
    result = with_fixture_plugins("plugins", env={"KANO_BLOCK_PLUGINS": blocked})
    assert result.returncode == 0 and result.stderr == ""
    assert "import_error 0.3.0 (kano-fixture-plugins)  [entry point]  blocked" in result.stdout
    by_distribution = with_fixture_plugins(
        "plugins", env={"KANO_BLOCK_PLUGINS": "kano-fixture-plugins"}
    )
    assert "good 0.3.0 (kano-fixture-plugins)  [entry point]  blocked" in by_distribution.stdout
    assert "blocked by name 'kano-fixture-plugins'" in by_distribution.stdout
    only = with_fixture_plugins("plugins", env={"KANO_PLUGINS": "good"})
    assert "good 0.3.0 (kano-fixture-plugins)  [entry point]  enabled" in only.stdout
    assert "raising_hook 0.3.0 (kano-fixture-plugins)  [entry point]  blocked" in only.stdout


async def test_the_tui_palette_offers_an_installed_plugin(
    installed_fixture_plugins, sample_project, monkeypatch
):
    from plugin_tui_helpers import palette_hits, settle

    from kano_tui.tui.app import KanoApp

    monkeypatch.syspath_prepend(str(installed_fixture_plugins))
    sample_project._plugins = build_for_run()
    assert sample_project.plugins.infos["good"].origin == "entry point"
    app = KanoApp(sample_project, remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        hits = await palette_hits(pilot, "always", "Classifier: always-a")
        assert any("Classifier: always-a" in hit for hit in hits), hits
        await pilot.press("enter")
        await settle(pilot)
        assert app.classifier == "always-a"
    for module in [m for m in sys.modules if m.startswith("kano_fixture_plugins")]:
        del sys.modules[module]
