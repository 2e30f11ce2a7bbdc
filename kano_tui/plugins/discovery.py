"""Plugins beyond installed distributions: single files given with ``--plugin``.

A single-file plugin is a Python module with ``@hookimpl`` functions. It is loaded in its
own ``try``: a file that fails to import is reported and skipped.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path

from kano_tui.plugins.manager import PluginInfo, Plugins, build_plugins


def load_file_plugin(plugins: Plugins, path: Path, origin: str) -> None:
    """Import ``path`` as a module and register it under its file stem."""
    name = path.stem
    info = PluginInfo(name, origin=f"{origin} {path}")
    module_name = f"kano_tui_file_plugin_{name}"
    try:
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path} as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    except Exception as error:  # a broken plugin must not take kano down
        sys.modules.pop(module_name, None)
        plugins.infos[name] = info
        plugins.fail(name, error)
        return
    info.version = str(getattr(module, "__version__", ""))
    plugins.add(module, info)


def build_for_run(plugin_paths: Iterable[Path] = ()) -> Plugins:
    """The plugin manager for one run of ``kano``: built-ins, entry points, ``--plugin`` files."""
    paths = list(plugin_paths)

    def load_given(plugins: Plugins) -> None:
        for path in paths:
            load_file_plugin(plugins, path, "--plugin")

    return build_plugins(loaders=[load_given])
