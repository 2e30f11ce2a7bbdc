"""Where plugins come from: the user's plugins folder, ``--plugin`` files and modules,
block and allow lists, plugin API versions."""

from __future__ import annotations

import json
import sys
import types

import pytest
from plugin_sources import GOOD_PLUGIN, write_module

from kano_tui.engine.project.userconfig import plugins_dir, update_user_config
from kano_tui.errors import KanoError, PluginError
from kano_tui.plugins import KANO_PLUGIN_API, hookimpl
from kano_tui.plugins.discovery import build_for_run
from kano_tui.plugins.manager import build_plugins
from kano_tui.testing import run_cli


def test_single_file_plugins_in_the_user_plugins_folder_load(kano, sample_project):
    write_module(plugins_dir(), "mine", GOOD_PLUGIN)
    write_module(plugins_dir(), "_helper", "raise RuntimeError('helpers are not plugins')")
    plugins = build_for_run()
    info = plugins.infos["mine"]
    assert (info.state, info.origin, info.version) == ("enabled", "user plugins dir", "1.2.3")
    assert "_helper" not in plugins.infos
    result = kano(
        "analyze", sample_project.directory, "--classifier", "always-a", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert {f["category"] for f in json.loads(result.stdout)["features"]} == {"A"}


def test_plugin_option_loads_a_file_for_one_run(kano, plugin_file, sample_project):
    path = plugin_file("one_run", GOOD_PLUGIN)
    target = sample_project.directory / "count.txt"
    result = kano(
        "--plugin",
        path,
        "export",
        sample_project.directory,
        "--exporter",
        "feature-count",
        "-o",
        target,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == "4 features\n"
    without = kano("export", sample_project.directory, "--exporter", "feature-count")
    assert without.returncode == 1
    assert without.stderr.startswith("kano: There is no exporter named 'feature-count'")


def test_plugin_option_takes_an_importable_module(tmp_path, monkeypatch):
    write_module(tmp_path / "modules", "kano_dev_plugin", GOOD_PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path / "modules"))
    plugins = build_for_run(["kano_dev_plugin"])
    assert plugins.infos["kano_dev_plugin"].state == "enabled"
    assert "always-a" in plugins.classifiers
    sys.modules.pop("kano_dev_plugin", None)


def test_plugin_option_naming_a_missing_file_is_one_sentence(kano, tmp_path):
    result = kano("--plugin", tmp_path / "nope.py", "plugins")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"kano: --plugin {tmp_path / 'nope.py'}: there is no "
        "such file (give a .py file or an importable module name)."
    )


def test_two_plugin_files_with_the_same_stem_do_not_replace_each_other(tmp_path):
    first = write_module(tmp_path / "a", "same", GOOD_PLUGIN)
    second = write_module(tmp_path / "b", "same", GOOD_PLUGIN)
    plugins = build_for_run([first, second])
    assert plugins.infos["same"].state == "enabled"
    clash = plugins.infos["same (--plugin)"]
    assert clash.state == "failed" and "already loaded" in clash.error


def test_block_list_from_the_environment_and_the_user_config(plugin_file, monkeypatch):
    paths = [
        plugin_file("first", GOOD_PLUGIN),
        plugin_file(
            "second",
            GOOD_PLUGIN.replace('"always-a"', '"always-a2"')
            .replace('"feature-count"', '"fc2"')
            .replace('"pipe"', '"pipe2"'),
        ),
    ]
    monkeypatch.setenv("KANO_BLOCK_PLUGINS", "first")
    plugins = build_for_run(paths)
    assert plugins.infos["first"].state == "blocked"
    assert "KANO_BLOCK_PLUGINS" in plugins.infos["first"].error
    assert "always-a" not in plugins.classifiers and "always-a2" in plugins.classifiers

    monkeypatch.delenv("KANO_BLOCK_PLUGINS")
    update_user_config(blocked_plugins=["second"])
    plugins = build_for_run(paths)
    assert plugins.infos["second"].state == "blocked"
    assert plugins.infos["first"].state == "enabled"


def test_allow_list_loads_only_the_named_plugins_and_always_the_built_ins(plugin_file, monkeypatch):
    path = plugin_file("extra_one", GOOD_PLUGIN)
    monkeypatch.setenv("KANO_PLUGINS", "someone_else")
    plugins = build_for_run([path])
    assert plugins.infos["extra_one"].state == "blocked"
    assert "not listed in KANO_PLUGINS" in plugins.infos["extra_one"].error
    assert {"mode", "continuous"} <= set(plugins.classifiers)
    monkeypatch.setenv("KANO_PLUGINS", "extra_one")
    assert build_for_run([path]).infos["extra_one"].state == "enabled"


def test_block_and_unblock_commands_are_remembered(plugin_file):
    path = plugin_file("blockme", GOOD_PLUGIN)
    assert run_cli("plugins", "block", "blockme").stdout == "Blocked: blockme.\n"
    listed = run_cli("--plugin", path, "plugins")
    assert "blockme  [--plugin]  blocked" in listed.stdout
    assert "kano plugins unblock blockme" in listed.stdout
    assert run_cli("plugins", "unblock", "blockme", "other").stdout == (
        "Not blocked: other.\nUnblocked: blockme.\n"
    )
    assert "blockme 1.2.3  [--plugin]  enabled" in run_cli("--plugin", path, "plugins").stdout


def _module_with_api(declared: object) -> types.ModuleType:
    module = types.ModuleType("versioned")
    module.kano_api = declared
    module.register_classifiers = hookimpl(lambda register: None)
    return module


@pytest.mark.parametrize(
    "declared",
    [KANO_PLUGIN_API, str(KANO_PLUGIN_API), ">=1", ">=1,<2", f"=={KANO_PLUGIN_API}", None],
)
def test_a_plugin_requiring_this_api_loads(declared):
    module = _module_with_api(declared)
    if declared is None:
        del module.kano_api
    plugins = build_plugins(entry_points=False, extra=[("versioned", module)])
    assert plugins.infos["versioned"].state == "enabled"


@pytest.mark.parametrize(
    "declared, message",
    [
        (2, "it needs kano plugin API 2 but this kano (0.1.0) provides plugin API 1"),
        (">=2", "it needs kano plugin API >=2 but this kano (0.1.0) provides plugin API 1"),
        ("banana", "its kano_api = 'banana' is not a version specifier"),
        (True, "its kano_api = True is neither a number nor a version specifier"),
    ],
)
def test_a_plugin_requiring_another_api_is_not_loaded_and_says_why(declared, message):
    plugins = build_plugins(entry_points=False, extra=[("versioned", _module_with_api(declared))])
    info = plugins.infos["versioned"]
    assert info.state == "incompatible"
    assert message in info.error
    assert plugins.failures() == [info]


def test_strict_mode_raises_on_an_api_mismatch(monkeypatch):
    monkeypatch.setenv("KANO_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError, match="plugin API >=9"):
        build_plugins(entry_points=False, extra=[("versioned", _module_with_api(">=9"))])


def test_an_unknown_name_suggests_the_closest_and_lists_disabled_plugins(plugin_file):
    from plugin_sources import BROKEN_PLUGINS

    plugins = build_for_run([plugin_file("import_error", BROKEN_PLUGINS["import_error"])])
    with pytest.raises(KanoError) as raised:
        plugins.get("classifier", "mod")
    text = str(raised.value)
    assert "There is no classifier named 'mod'" in text
    assert "did you mean 'mode'?" in text
    assert "not loaded: import_error (see `kano plugins`)" in text


def test_every_plugins_command_has_useful_help():
    from kano_tui.cli.plugins_cmd import plugins_group

    for name in ["", *plugins_group.commands]:
        result = run_cli(*(["plugins", name] if name else ["plugins"]), "--help")
        assert result.exit_code == 0 and "Usage: kano plugins" in result.stdout, name
        description = result.stdout.split("\n\n")[1].strip()
        assert len(description) > 20, name
