"""Finding, loading and guarding plugins.

:func:`build_plugins` is the factory: nothing is loaded at import time. The built-ins
(``builtin.DEFAULT_PLUGINS``) register first, through the same hooks as everything else,
then every entry point of the ``kano_tui`` group, each in its own ``try``. Hooks are
called one implementation at a time, so one plugin raising cannot stop the others
(pluggy would stop at the first exception); a plugin that fails is reported and disabled.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pluggy

from kano_tui.errors import KanoError, PluginError
from kano_tui.plugins import hookspecs

KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    # kind -> (hook name, attributes the object needs besides name and description)
    "classifier": ("register_classifiers", ("classify",)),
    "importer": ("register_importers", ("extensions", "sniff", "read")),
    "exporter": ("register_exporters", ("extension", "export")),
}
BLOCK_ENV = "KANO_BLOCK_PLUGINS"  # comma-separated plugin names not to load
STRICT_ENV = "KANO_STRICT_PLUGINS"  # "1": re-raise plugin errors, for plugin authors


@dataclass
class PluginInfo:
    """What ``kano plugins`` and the Plugins view show about one plugin."""

    name: str
    origin: str  # "built-in", "entry point", "file", ...
    version: str = ""
    distribution: str = ""
    provides: list[str] = field(default_factory=list)  # "classifier mode", ...
    state: str = "enabled"  # enabled | failed | blocked
    error: str = ""
    traceback: str = ""


def _require(obj: Any, kind: str) -> str | None:
    """Why ``obj`` is not a valid ``kind``, or None when it is."""
    _, needs = KINDS[kind]
    name = getattr(obj, "name", None)
    if not isinstance(name, str) or not name.strip():
        return f"the {kind} has no name"
    if not isinstance(getattr(obj, "description", ""), str):
        return f"the {kind} {name!r} has a description that is not text"
    for attribute in needs:
        if not hasattr(obj, attribute):
            return f"the {kind} {name!r} has no {attribute!r}"
    return None


class Plugins:
    """The loaded plugins and everything they registered."""

    def __init__(self, manager: pluggy.PluginManager, *, strict: bool = False) -> None:
        self.manager = manager
        self.strict = strict
        self.infos: dict[str, PluginInfo] = {}
        self.registry: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self.owner: dict[tuple[str, str], str] = {}  # (kind, name) -> plugin name

    # ----------------------------------------------------------------- look-ups
    @property
    def classifiers(self) -> dict[str, Any]:
        return self.registry["classifier"]

    @property
    def importers(self) -> dict[str, Any]:
        return self.registry["importer"]

    @property
    def exporters(self) -> dict[str, Any]:
        return self.registry["exporter"]

    def get(self, kind: str, name: str) -> Any:
        """The registered ``kind`` called ``name``; a KanoError naming the choices if none."""
        found = self.registry[kind].get(name)
        if found is None:
            choices = ", ".join(sorted(self.registry[kind])) or "none"
            failed = [i.name for i in self.infos.values() if i.state != "enabled"]
            hint = f" (disabled plugins: {', '.join(failed)})" if failed else ""
            raise KanoError(f"There is no {kind} named {name!r}; available: {choices}{hint}.")
        return found

    def owner_of(self, kind: str, name: str) -> PluginInfo:
        return self.infos[self.owner[(kind, name)]]

    # ----------------------------------------------------------------- loading
    def add(self, plugin: object, info: PluginInfo) -> None:
        """Register a plugin module or object and collect what it provides."""
        self.infos[info.name] = info
        try:
            self.manager.register(plugin, name=info.name)
        except Exception as error:  # pluggy validates hook signatures here
            self.fail(info.name, error)
            return
        for kind, (hook, _) in KINDS.items():
            for impl in getattr(self.manager.hook, hook).get_hookimpls():
                if impl.plugin_name == info.name:
                    self._collect(kind, impl, info)

    def _collect(self, kind: str, impl: pluggy.HookImpl, info: PluginInfo) -> None:
        found: list[Any] = []
        try:
            impl.function(register=found.append)
        except Exception as error:
            self.fail(info.name, error)
            return
        for obj in found:
            problem = _require(obj, kind)
            name = getattr(obj, "name", "")
            if problem is None and name in self.registry[kind]:
                other = self.owner[(kind, name)]
                problem = f"the {kind} name {name!r} is already taken by plugin {other!r}"
            if problem is not None:
                self.fail(info.name, PluginError(f"Plugin {info.name!r}: {problem}."))
                return
        for obj in found:
            self.registry[kind][obj.name] = obj
            self.owner[(kind, obj.name)] = info.name
            info.provides.append(f"{kind} {obj.name}")

    def fail(self, plugin_name: str, error: BaseException) -> PluginError:
        """Mark a plugin failed, withdraw what it registered, and return the error to show."""
        info = self.infos.setdefault(plugin_name, PluginInfo(plugin_name, origin="unknown"))
        info.state = "failed"
        info.error = f"{type(error).__name__}: {error}" if not isinstance(error, KanoError) \
            else str(error)
        info.traceback = "".join(traceback.format_exception(error))
        for (kind, name), owner in list(self.owner.items()):
            if owner == plugin_name:
                del self.owner[(kind, name)]
                self.registry[kind].pop(name, None)
        info.provides.clear()
        with contextlib.suppress(Exception):
            if self.manager.has_plugin(plugin_name):
                self.manager.unregister(name=plugin_name)
        if self.strict:
            raise error
        return PluginError(
            f"Plugin {plugin_name!r} failed ({info.error.splitlines()[0] if info.error else 'error'})"
            " and has been disabled."
        )

    @contextlib.contextmanager
    def guard(self, kind: str, name: str) -> Iterator[None]:
        """Run code that calls into a plugin's object; a raise disables that plugin.

        Built-ins and KanoErrors (the plugin's own clear message about bad input) pass
        through untouched.
        """
        try:
            yield
        except KanoError:
            raise
        except Exception as error:
            plugin = self.owner.get((kind, name))
            if plugin is None or self.infos[plugin].origin == "built-in":
                raise
            raise self.fail(plugin, error) from None

    def failures(self) -> list[PluginInfo]:
        return [info for info in self.infos.values() if info.state == "failed"]


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    return importlib.metadata.entry_points(group=hookspecs.ENTRY_POINT_GROUP)


def _blocked_names(blocked: Iterable[str]) -> set[str]:
    names = {name.strip() for name in os.environ.get(BLOCK_ENV, "").split(",")}
    names.update(blocked)
    return {name for name in names if name}


def build_plugins(
    *,
    entry_points: bool = True,
    extra: Iterable[tuple[str, object]] = (),
    blocked: Iterable[str] = (),
    strict: bool | None = None,
    loaders: Iterable[Callable[[Plugins], None]] = (),
) -> Plugins:
    """Build the plugin manager: built-ins, then entry points, then ``extra`` plugins.

    ``extra`` is (name, module-or-object) pairs, e.g. from ``--plugin`` or a test.
    ``loaders`` are further discovery steps (single-file plugins, trusted project plugins).
    """
    from kano_tui.plugins.builtin import DEFAULT_PLUGINS

    if strict is None:
        strict = os.environ.get(STRICT_ENV, "") not in ("", "0")
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager, strict=strict)
    blocked_names = _blocked_names(blocked)

    for module_name in DEFAULT_PLUGINS:
        module = importlib.import_module(module_name)
        plugins.add(module, PluginInfo(module_name, origin="built-in", version=_own_version()))

    if entry_points:
        for entry_point in _entry_points():
            dist = entry_point.dist
            info = PluginInfo(
                entry_point.name,
                origin="entry point",
                version=dist.version if dist else "",
                distribution=dist.name if dist else "",
            )
            if entry_point.name in blocked_names or info.distribution in blocked_names:
                info.state = "blocked"
                plugins.infos[info.name] = info
                continue
            try:
                loaded = entry_point.load()
            except Exception as error:
                plugins.infos[info.name] = info
                plugins.fail(info.name, error)
                continue
            plugins.add(loaded, info)

    for loader in loaders:
        loader(plugins)

    for name, plugin in extra:
        if name in blocked_names:
            plugins.infos[name] = PluginInfo(name, origin="extra", state="blocked")
            continue
        version = getattr(plugin, "__version__", "") if isinstance(plugin, ModuleType) else ""
        plugins.add(plugin, PluginInfo(name, origin="extra", version=str(version)))
    return plugins


def _own_version() -> str:
    from kano_tui import __version__

    return __version__
