"""Scoped loading: a command that names only built-ins loads only the built-in modules of
that kind, and every guarantee of the full manager holds whether or not the other
plugins were loaded (docs/startup.md, "Plugins load when a command first needs one").

The third-party plugins here are real single-file plugins in the user's plugins
directory, run by a real ``kano`` process; each writes a marker file when it is
imported, so a test sees whether the command loaded it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from plugin_sources import GOOD_PLUGIN, write_module

from kano_tui.engine.project.userconfig import plugins_dir
from kano_tui.plugins.builtin import BUILT_IN_KINDS, DEFAULT_PLUGINS, modules_for
from kano_tui.plugins.manager import KINDS, build_built_ins, build_plugins

MARK = """
import os as _os
from pathlib import Path as _Path

_marker = _Path(_os.environ["KANO_TEST_MARKERS"]) / __name__.split("_")[4]
_marker.write_text("imported", encoding="utf-8")
"""

# Takes the built-in names `mode` and `standard`, and offers a classifier of its own.
CLASHING = """
from dataclasses import dataclass

import pandas as pd

from kano_tui.plugins import hookimpl


@dataclass(frozen=True)
class AllA:
    name: str
    description: str = "Every feature is an excitement feature"

    def classify(self, figures, settings):
        return pd.Series("A", index=figures.index, dtype=object)


@dataclass(frozen=True)
class Everything:
    name: str = "standard"
    description: str = "Every pair is Q"
    rows: tuple = tuple(("Q",) * 5 for _ in range(5))


@hookimpl
def register_classifiers(register):
    register(AllA("mode"))
    register(AllA("all-a"))


@hookimpl
def register_evaluation_tables(register):
    register(Everything())
"""


def user_plugin(name: str, source: str) -> Path:
    """A plugin in the user's plugins directory that leaves a marker when imported."""
    return write_module(plugins_dir(), name, MARK + source)


def imported(markers: Path) -> set[str]:
    return {path.name for path in markers.iterdir()}


# ----------------------------------------------------------------- the record
@pytest.mark.parametrize("module", DEFAULT_PLUGINS)
def test_each_built_in_registers_exactly_the_kinds_recorded_for_it(module):
    plugins = build_plugins(entry_points=False, built_ins=[module])
    assert list(plugins.infos) == [module]
    registered = {kind for kind in KINDS if plugins.registry[kind]}
    assert registered == BUILT_IN_KINDS[module]


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_built_ins_of_a_kind_register_what_every_built_in_does(kind):
    everything = build_plugins(entry_points=False)
    scoped = build_built_ins(kind)
    assert list(scoped.registry[kind]) == list(everything.registry[kind])  # same order
    assert set(scoped.infos) == set(modules_for(kind))
    assert [m for m in DEFAULT_PLUGINS if m in scoped.infos] == list(scoped.infos)


# ----------------------------------------------------------------- analyze
def test_a_built_in_classifier_loads_no_third_party_plugin(kano, sample_project, markers):
    user_plugin("good", GOOD_PLUGIN)
    project = sample_project.directory
    result = kano("analyze", project, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert imported(markers) == set()
    theirs = kano("analyze", project, "--classifier", "always-a", "--format", "json")
    assert theirs.returncode == 0, theirs.stderr
    assert imported(markers) == {"good"}
    assert {f["category"] for f in json.loads(theirs.stdout)["features"]} == {"A"}


def test_a_plugin_never_takes_a_built_in_name_loaded_or_not(kano, sample_project, markers):
    project = sample_project.directory
    before = kano("analyze", project, "--format", "json")
    user_plugin("clash", CLASHING)
    scoped = kano("analyze", project, "--format", "json")
    assert imported(markers) == set()
    # Loaded (its own classifier is asked for), it still cannot replace mode or standard.
    full = kano("analyze", project, "--classifier", "mode", "--option", "x.y=1")
    assert imported(markers) == {"clash"}
    assert "no loaded plugin named 'x' has options" in full.stderr
    through_it = kano("analyze", project, "--classifier", "all-a", "--format", "json")
    assert {f["category"] for f in json.loads(through_it.stdout)["features"]} == {"A"}
    assert json.loads(through_it.stdout)["evaluation_table"] == "standard"
    assert before.returncode == scoped.returncode == 0
    assert json.loads(scoped.stdout) == json.loads(before.stdout)
    listed = json.loads(kano("plugins", "list", "--format", "json").stdout)
    clash = next(p for p in listed["plugins"] if p["name"] == "clash")
    assert clash["state"] == "enabled"
    assert "taken by plugin 'kano_tui.classifiers.builtin'" in clash["disabled"]["classifier mode"]
    assert "evaluation_table standard" in clash["disabled"]
    # And the full manager, as the TUI builds it, agrees with the scoped one.
    from kano_tui.plugins.discovery import build_for_run

    full_plugins = build_for_run()
    assert full_plugins.owner_of("classifier", "mode").built_in
    assert full_plugins.owner_of("evaluation_table", "standard").built_in


def test_a_broken_plugin_is_named_where_it_would_have_been_used(kano, sample_project, markers):
    user_plugin("broken", "raise RuntimeError('broken on import')\n")
    project = sample_project.directory
    fine = kano("analyze", project, "--format", "json")
    assert fine.returncode == 0 and "broken" not in fine.stderr
    missing = kano("analyze", project, "--classifier", "brokens-classifier")
    assert missing.returncode == 1
    assert "not loaded: broken (see `kano plugins`)" in missing.stderr
    assert imported(markers) == {"broken"}


def test_plugin_options_in_kano_toml_are_checked_as_before(kano, sample_project, markers):
    user_plugin("good", GOOD_PLUGIN)
    project = sample_project.directory
    with (project / "kano.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[plugins.good]\nnot_an_option = 1\n")
    result = kano("analyze", project, "--format", "json")
    assert result.returncode == 1
    assert "[plugins.good] not_an_option: plugin 'good' has no options." in result.stderr
    assert imported(markers) == {"good"}


def test_an_untrusted_project_plugin_is_still_reported(kano, sample_project, markers):
    project = sample_project.directory
    (project / "plugins").mkdir()
    (project / "plugins" / "theirs.py").write_text("raise SystemExit('never run')\n")
    result = kano("analyze", project, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Skipped 1 project plugin in" in result.stderr and "not trusted" in result.stderr


# ----------------------------------------------------------------- import and export
def test_import_asks_the_plugins_only_when_no_built_in_claims_the_file(kano, markers, tmp_path):
    from kano_tui.testing import sample_survey

    user_plugin("good", GOOD_PLUGIN)
    project = tmp_path / "fresh"
    assert kano("new", project).returncode == 0
    canonical = sample_survey(tmp_path / "wave3.csv", 20, seed=3)
    result = kano("import", project, canonical)
    assert result.returncode == 0, result.stderr
    assert "(csv)" in result.stdout
    assert imported(markers) == set()
    piped = tmp_path / "wave4.pipe"
    piped.write_text(
        "respondent|speed.functional|speed.dysfunctional\np1|like|dislike\n", encoding="utf-8"
    )
    result = kano("import", project, piped)
    assert result.returncode == 0, result.stderr
    assert "(pipe)" in result.stdout and imported(markers) == {"good"}


def test_a_built_in_exporter_loads_no_third_party_plugin(kano, sample_project, markers, tmp_path):
    user_plugin("good", GOOD_PLUGIN)
    project = sample_project.directory
    result = kano("export", project, "--exporter", "csv", "-o", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    assert imported(markers) == set()
    result = kano("export", project, "--exporter", "feature-count", "-o", tmp_path / "n.txt")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "n.txt").read_text(encoding="utf-8") == "4 features\n"
    assert imported(markers) == {"good"}


def test_a_built_in_questionnaire_format_loads_no_third_party_plugin(
    kano, sample_project, markers, tmp_path
):
    user_plugin("good", GOOD_PLUGIN)
    project = sample_project.directory
    result = kano("questionnaire", project, "--format", "qsf", "-o", tmp_path / "survey.qsf")
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "survey.qsf").read_text(encoding="utf-8"))["SurveyEntry"]
    assert imported(markers) == set()
    # An unknown format lists every one, the plugins' too: then they load.
    result = kano("questionnaire", project, "--format", "nosuch")
    assert result.returncode == 1 and "no questionnaire format 'nosuch'" in result.stderr
    assert "qsf" in result.stderr
    assert imported(markers) == {"good"}
