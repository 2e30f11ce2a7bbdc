"""`kano --help` lists the plugins' commands from a cache while the installed plugins
stay the same, and never from a stale or damaged one (kano_tui.plugins.command_cache).

The package is real (built, installed with pip through the ``kano_tui`` entry-point
group into a private directory on PYTHONPATH) and so is the single-file plugin in the
user's plugins directory; both leave a marker when imported, so a test sees whether the
plugins were loaded or the cache answered.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from plugin_sources import build_package, pip_install_target, write_module

from kano_tui.engine.project.userconfig import plugins_dir
from kano_tui.plugins.command_cache import CACHE_FILE, cache_dir

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("plugin-packages")]

MARK = """
import os as _os
from pathlib import Path as _Path

(_Path(_os.environ["KANO_TEST_MARKERS"]) / "imported").write_text("yes", encoding="utf-8")
"""


def commands_plugin(*names: str) -> str:
    """A plugin registering a command per name; each prints '<name> ran'."""
    source = MARK + "\nimport click\nfrom kano_tui.plugins import hookimpl\n"
    for name in names:
        function = name.replace("-", "_")
        source += (
            f"\n\n@click.command({name!r})\ndef {function}():\n"
            f'    """Say {name} from the plugin. More words that help hides."""\n'
            f"    click.echo({name + ' ran'!r})\n"
        )
    calls = "".join(f"    register({name.replace('-', '_')})\n" for name in names)
    return source + f"\n\n@hookimpl\ndef register_commands(register):\n{calls}"


def loaded(markers: Path) -> bool:
    """Whether a plugin was imported since the last call (and forget it)."""
    marker = markers / "imported"
    found = marker.exists()
    marker.unlink(missing_ok=True)
    return found


def install(root: Path, site: Path, version: str, *names: str) -> None:
    """Build kano-cmds VERSION with these commands and install it as ``site``."""
    project = build_package(
        root / version, "kano-cmds", {"cmds": commands_plugin(*names)}, {"cmds": "kano_cmds.cmds"}
    )
    toml = project / "pyproject.toml"
    toml.write_text(toml.read_text().replace('"0.3.0"', f'"{version}"'), encoding="utf-8")
    fresh = root / f"site-{version}"
    pip_install_target(project, fresh)
    shutil.rmtree(site, ignore_errors=True)
    fresh.rename(site)  # the old version's files are gone, as pip's upgrade leaves it


def plugin_section(help_text: str) -> dict[str, str]:
    """Plugin command -> its line's text, as `kano --help` lists them."""
    rows = help_text.partition("Plugin commands:")[2].strip().splitlines()
    return {row.split()[0]: " ".join(row.split()[1:]) for row in rows}


def test_installing_upgrading_and_uninstalling_a_package_updates_the_list(kano, tmp_path, markers):
    site = tmp_path / "site"
    env = {"PYTHONPATH": str(site), "COLUMNS": "80"}
    install(tmp_path, site, "1.0.0", "hello")

    first = kano("--help", env=env)
    assert first.returncode == 0, first.stderr
    assert plugin_section(first.stdout)["hello"] == "Say hello from the plugin. [cmds]"
    assert loaded(markers)
    assert (cache_dir() / CACHE_FILE).is_file()
    again = kano("--help", env=env)
    assert again.stdout == first.stdout
    assert not loaded(markers)  # the cache answered

    install(tmp_path, site, "1.1.0", "hello", "goodbye")
    upgraded = kano("--help", env=env)
    assert plugin_section(upgraded.stdout)["goodbye"] == "Say goodbye from the plugin. [cmds]"
    assert loaded(markers)
    ran = kano("goodbye", env=env)
    assert (ran.returncode, ran.stdout) == (0, "goodbye ran\n")

    shutil.rmtree(site)  # uninstalled
    gone = kano("--help", env=env)
    assert set(plugin_section(gone.stdout)).isdisjoint({"hello", "goodbye"})
    missing = kano("hello", env=env)
    assert missing.returncode == 1 and "no such command" in missing.stderr


def test_editing_a_plugin_file_updates_the_list(kano, markers):
    path = write_module(plugins_dir(), "mine", commands_plugin("hello"))
    env = {"COLUMNS": "80"}
    assert "hello" in plugin_section(kano("--help", env=env).stdout) and loaded(markers)
    assert "hello" in plugin_section(kano("--help", env=env).stdout)
    assert not loaded(markers)

    path.write_text(commands_plugin("hello", "greet"), encoding="utf-8")
    edited = plugin_section(kano("--help", env=env).stdout)
    assert {"greet", "hello"} <= set(edited) and loaded(markers)

    path.unlink()
    assert set(plugin_section(kano("--help", env=env).stdout)).isdisjoint({"hello", "greet"})


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "{not json",
        '{"format": 1, "key": 7, "commands": []}',
        '{"format": 1, "commands": [{"name": "invented", "owner": "x"}]}',
        "[1, 2, 3]",
        "\x00\xff garbage",
    ],
)
def test_a_damaged_cache_is_never_believed(kano, markers, damage):
    write_module(plugins_dir(), "mine", commands_plugin("hello"))
    env = {"COLUMNS": "80"}
    truth = kano("--help", env=env).stdout
    loaded(markers)
    (cache_dir() / CACHE_FILE).write_text(damage, encoding="utf-8")
    shown = kano("--help", env=env)
    assert shown.returncode == 0 and shown.stdout == truth
    assert "invented" not in shown.stdout
    assert loaded(markers)  # the plugins loaded, and the cache was written again
    assert kano("--help", env=env).stdout == truth and not loaded(markers)


def test_a_cache_for_other_plugins_is_not_used(kano, markers):
    """A cache written while other plugins were installed (the key differs) is ignored,
    even when its commands look plausible."""
    write_module(plugins_dir(), "mine", commands_plugin("hello"))
    env = {"COLUMNS": "80"}
    kano("--help", env=env)
    cache = cache_dir() / CACHE_FILE
    stale = cache.read_text(encoding="utf-8").replace('"hello"', '"stale-command"')
    (plugins_dir() / "mine.py").write_text(commands_plugin("fresh"), encoding="utf-8")
    cache.write_text(stale, encoding="utf-8")  # what the old key's list would say
    shown = plugin_section(kano("--help", env=env).stdout)
    assert "fresh" in shown and "stale-command" not in shown and "hello" not in shown


def test_a_plugin_command_runs_the_first_time(kano, markers):
    write_module(plugins_dir(), "mine", commands_plugin("hello"))
    assert not (cache_dir() / CACHE_FILE).exists()
    ran = kano("hello")
    assert (ran.returncode, ran.stdout) == (0, "hello ran\n")
    kano("--help")
    assert kano("hello").stdout == "hello ran\n"


def test_the_listing_from_the_cache_matches_the_plugins(kano, markers):
    """The same help, character for character, from the cache and from the loaded
    plugins (strict mode never uses the cache), at two widths."""
    write_module(plugins_dir(), "mine", commands_plugin("hello", "a-much-longer-name"))
    for columns in ("80", "120"):
        env = {"COLUMNS": columns}
        kano("--help", env=env)
        loaded(markers)
        cached = kano("--help", env=env)
        assert not loaded(markers)
        assert cached.stdout == kano("--help", env={**env, "KANO_STRICT_PLUGINS": "1"}).stdout
        assert loaded(markers)


def test_an_unknown_word_is_told_from_the_cache_without_loading_the_plugins(kano, markers):
    write_module(plugins_dir(), "mine", commands_plugin("hello"))
    typo = kano("helo")  # no cache yet: the plugins load to find out
    assert typo.returncode == 1 and "no such command or project: 'helo'" in typo.stderr
    assert loaded(markers)
    kano("--help")  # writes the cache
    loaded(markers)
    typo = kano("helo")
    assert typo.returncode == 1 and "no such command or project: 'helo'" in typo.stderr
    assert not loaded(markers)  # the cache said: no plugin command of that name
    assert kano("hello").stdout == "hello ran\n" and loaded(markers)
    # A changed plugin file changes the key: the cache is not believed, the plugins load.
    (plugins_dir() / "mine.py").write_text(commands_plugin("hello", "helo"), encoding="utf-8")
    assert kano("helo").stdout == "helo ran\n" and loaded(markers)
