"""Where plugins come from, beyond the built-ins and installed distributions.

In loading order (:func:`build_for_run`):

1. entry points of the ``kano_tui`` group (installed distributions; see ``manager``);
2. single-file plugins the user put in their config directory
   (``~/.config/kano-tui/plugins/*.py``, :func:`kano_tui.engine.project.userconfig.plugins_dir`);
3. the project's own ``PROJECT/plugins/*.py``, only when the user trusts them
   (:mod:`kano_tui.plugins.trust`); untrusted ones are listed, with a note, never run;
4. files given with ``kano --plugin PATH`` (or an importable module name) for one run.

A single-file plugin is a Python module with ``@hookimpl`` functions, named after its
file stem. Each is loaded in its own ``try``: a file that fails to import is reported and
skipped. The user's block and allow lists (``KANO_BLOCK_PLUGINS``, ``KANO_PLUGINS``,
``kano plugins block NAME``) apply to every step.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from kano_tui.errors import KanoError
from kano_tui.plugins.manager import (
    UNTRUSTED,
    PluginInfo,
    Plugins,
    Selection,
    build_plugins,
    load,
)

USER_DIR_ORIGIN = "user plugins dir"
PROJECT_ORIGIN = "project"
OPTION_ORIGIN = "--plugin"
BLOCKED_KEY = "blocked_plugins"  # user config: names never to load


def _module_name(path: Path) -> str:
    # Unique per path: two files called plugin.py (user dir and project) must not share
    # a sys.modules entry.
    tag = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:10]
    return f"kano_tui_file_plugin_{path.stem.replace('-', '_')}_{tag}"


def import_file(path: Path, source: bytes | None = None) -> ModuleType:
    """Execute a plugin file as a module; ``source`` (when given) is what runs."""
    module_name = _module_name(path)
    module = ModuleType(module_name)
    module.__file__ = str(path)
    sys.modules[module_name] = module  # dataclasses and pickling look modules up here
    try:
        code = compile(path.read_bytes() if source is None else source, str(path), "exec")
        exec(code, module.__dict__)  # noqa: S102 - running the plugin is the point
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


def load_file_plugin(
    plugins: Plugins, path: Path, origin: str, selection: Selection, source: bytes | None = None
) -> None:
    """Import ``path`` and register it under its file stem; failures are reported."""
    load(
        plugins,
        PluginInfo(path.stem, origin=origin, location=str(path)),
        lambda: import_file(path, source),
        selection,
    )


def load_module_plugin(plugins: Plugins, name: str, selection: Selection) -> None:
    """``--plugin some.module``: an importable module (handy while writing a package)."""
    load(
        plugins,
        PluginInfo(name, origin=OPTION_ORIGIN, location=name),
        lambda: importlib.import_module(name),
        selection,
    )


def user_plugin_files() -> list[Path]:
    """The single-file plugins in the user's config directory."""
    from kano_tui.engine.project.userconfig import plugins_dir

    folder = plugins_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))


def load_user_plugins(plugins: Plugins, selection: Selection) -> None:
    for path in user_plugin_files():
        load_file_plugin(plugins, path, USER_DIR_ORIGIN, selection)


def load_project_plugins(plugins: Plugins, selection: Selection, project: Path) -> None:
    """Run the project's plugins if the user trusts them; otherwise list them as skipped."""
    from kano_tui.plugins.trust import NONE, TRUSTED, read_project_plugins

    found = read_project_plugins(project)
    if found.state == NONE:
        return
    folder = found.project / "plugins"
    if found.state != TRUSTED:
        plugins.notes.append(found.skipped_note())
        for name in found.plugin_files:
            info = PluginInfo(
                Path(name).stem,
                origin=PROJECT_ORIGIN,
                location=str(folder / name),
                state=UNTRUSTED,
                error=found.skipped_note(),
            )
            plugins.record(info)
        return
    for name in found.plugin_files:
        load_file_plugin(
            plugins, folder / name, PROJECT_ORIGIN, selection, source=found.files[name]
        )


def _looks_like_module(text: str) -> bool:
    return (
        not text.endswith(".py")
        and "/" not in text
        and all(part.isidentifier() for part in text.split("."))
    )


def build_for_run(
    plugin_paths: Iterable[Path | str] = (),
    project: Path | str | None = None,
    *,
    strict: bool | None = None,
) -> Plugins:
    """The plugin manager for one run of ``kano`` (the CLI and the TUI).

    Built-ins, entry points, the user's plugins directory, the trusted plugins of
    ``project`` and the ``--plugin`` files or modules; the user config's block list joins
    ``KANO_BLOCK_PLUGINS``.
    """
    from kano_tui.engine.project.userconfig import load_user_config

    given = [str(p) for p in plugin_paths]
    configured = load_user_config().get(BLOCKED_KEY, [])
    blocked = [str(n) for n in configured] if isinstance(configured, list) else []

    def load_user(plugins: Plugins, selection: Selection) -> None:
        load_user_plugins(plugins, selection)

    def load_project(plugins: Plugins, selection: Selection) -> None:
        if project is not None:
            load_project_plugins(plugins, selection, Path(project))

    def load_given(plugins: Plugins, selection: Selection) -> None:
        for text in given:
            path = Path(text)
            if not path.exists() and _looks_like_module(text):
                load_module_plugin(plugins, text, selection)
            elif not path.is_file():
                raise KanoError(
                    f"--plugin {text}: there is no such file (give a .py file "
                    "or an importable module name)."
                )
            else:
                load_file_plugin(plugins, path, OPTION_ORIGIN, selection)

    return build_plugins(
        blocked=blocked, strict=strict, loaders=[load_user, load_project, load_given]
    )
