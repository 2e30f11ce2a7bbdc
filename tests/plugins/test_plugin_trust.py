"""Project-local plugins never run because a project was opened: only after an explicit,
remembered trust decision for exactly those files."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plugin_sources import GOOD_PLUGIN, write_module

from kano_tui.engine.project.userconfig import load_user_config
from kano_tui.plugins.discovery import build_for_run
from kano_tui.plugins.trust import (
    CHANGED,
    NONE,
    TRUSTED,
    UNTRUSTED,
    fingerprint,
    read_project_plugins,
    trust_project,
    untrust_project,
)

# Leaves a mark when it runs: proof of whether project code was executed.
MARKING_PLUGIN = (
    GOOD_PLUGIN
    + """
from pathlib import Path as _Path
(_Path(__file__).parent.parent / "RAN").write_text("project plugin ran")
"""
)


@pytest.fixture
def project_with_plugin(sample_project):
    write_module(sample_project.directory / "plugins", "house_rules", MARKING_PLUGIN)
    return sample_project.directory


def ran(project) -> bool:
    return (project / "RAN").exists()


def test_opening_a_project_never_runs_its_untrusted_plugins(kano, project_with_plugin):
    result = kano("analyze", project_with_plugin, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert not ran(project_with_plugin)
    assert json.loads(result.stdout)["classifier"] == "mode"
    assert result.stderr == (
        f"kano: note: Skipped 1 project plugin in {project_with_plugin.resolve() / 'plugins'} "
        f"(house_rules.py): not trusted; run `kano plugins trust "
        f"{project_with_plugin.resolve()}` to review and allow them.\n"
    )
    listed = kano("plugins", "list", project_with_plugin)
    assert "house_rules  [project]  untrusted" in listed.stdout
    assert not ran(project_with_plugin)


def test_the_tui_path_skips_untrusted_plugins_too(project_with_plugin):
    plugins = build_for_run(project=project_with_plugin)
    assert plugins.infos["house_rules"].state == "untrusted"
    assert plugins.notes and "kano plugins trust" in plugins.notes[0]
    assert "always-a" not in plugins.classifiers
    assert not ran(project_with_plugin)


def test_trusted_plugins_run_and_the_decision_is_remembered(kano, project_with_plugin):
    trusted = kano("plugins", "trust", project_with_plugin, input="y\n")
    assert trusted.returncode == 0, trusted.stderr
    assert "house_rules.py" in trusted.stdout and "fingerprint sha256:" in trusted.stdout
    assert not ran(project_with_plugin)  # trusting shows the files, it runs nothing

    result = kano("analyze", project_with_plugin, "--classifier", "always-a", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert ran(project_with_plugin)
    assert result.stderr == ""
    entry = load_user_config()["plugin_trust"][0]
    assert entry["project"] == str(project_with_plugin.resolve())
    assert entry["files"] == ["house_rules.py"]


def test_declining_the_prompt_trusts_nothing(kano, project_with_plugin):
    result = kano("plugins", "trust", project_with_plugin, input="n\n")
    assert result.returncode == 1
    assert result.stderr.startswith("kano: Nothing was trusted;")
    assert read_project_plugins(project_with_plugin).state == UNTRUSTED
    assert "plugin_trust" not in load_user_config()


def test_a_changed_added_or_removed_file_needs_trust_again(project_with_plugin):
    trust_project(project_with_plugin)
    assert read_project_plugins(project_with_plugin).state == TRUSTED
    folder = project_with_plugin / "plugins"

    (folder / "house_rules.py").write_text(MARKING_PLUGIN + "\n# one more line\n")
    changed = build_for_run(project=project_with_plugin)
    assert changed.infos["house_rules"].state == "untrusted"
    assert "changed since you trusted them" in changed.notes[0]
    assert not ran(project_with_plugin)

    trust_project(project_with_plugin)
    (folder / "_shared.py").write_text("# a helper the plugins could import\n")
    assert read_project_plugins(project_with_plugin).state == CHANGED  # helpers count too

    trust_project(project_with_plugin)
    (folder / "_shared.py").unlink()
    assert read_project_plugins(project_with_plugin).state == CHANGED


def test_trust_is_per_project_directory(sample_project, tmp_path):
    write_module(sample_project.directory / "plugins", "house_rules", GOOD_PLUGIN)
    trust_project(sample_project.directory)
    copy = tmp_path / "copy"
    write_module(copy / "plugins", "house_rules", GOOD_PLUGIN)
    assert read_project_plugins(copy).state == UNTRUSTED


def test_untrust_forgets_the_decision(kano, project_with_plugin):
    trust_project(project_with_plugin)
    result = kano("plugins", "untrust", project_with_plugin)
    assert "no longer trusted" in result.stdout
    assert read_project_plugins(project_with_plugin).state == UNTRUSTED
    assert not untrust_project(project_with_plugin)


def test_a_project_without_plugins_has_nothing_to_trust(kano, sample_project):
    assert read_project_plugins(sample_project.directory).state == NONE
    result = kano("plugins", "trust", sample_project.directory, "--yes")
    assert result.returncode == 1
    assert result.stderr.startswith("kano: ") and "nothing to trust" in result.stderr


def test_a_broken_trusted_project_plugin_is_reported_like_any_other(project_with_plugin):
    (project_with_plugin / "plugins" / "house_rules.py").write_text("raise RuntimeError('no')\n")
    trust_project(project_with_plugin)
    plugins = build_for_run(project=project_with_plugin)
    info = plugins.infos["house_rules"]
    assert (info.state, info.origin) == ("failed", "project")
    assert "RuntimeError: no" in info.error


FILES = st.dictionaries(
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.binary(max_size=40),
    min_size=1,
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(FILES, st.data())
def test_the_fingerprint_changes_with_any_file_and_only_then(files, data):
    reordered = dict(reversed(list(files.items())))
    assert fingerprint(reordered) == fingerprint(files)
    name = data.draw(st.sampled_from(sorted(files)))
    changed = {**files, name: files[name] + data.draw(st.binary(min_size=1, max_size=3))}
    assert fingerprint(changed) != fingerprint(files)
    renamed = {(n + "x" if n == name else n): c for n, c in files.items()}
    if len(renamed) == len(files):
        assert fingerprint(renamed) != fingerprint(files)
    removed = {n: c for n, c in files.items() if n != name}
    if removed:
        assert fingerprint(removed) != fingerprint(files)


def test_the_fingerprint_cannot_be_fooled_by_moving_bytes_between_name_and_content():
    assert fingerprint({"a": b"bc"}) != fingerprint({"ab": b"c"})
    assert fingerprint({"a": b"", "b": b""}) != fingerprint({"ab": b""})
