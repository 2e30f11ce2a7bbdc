"""Finding, loading and guarding plugins.

:func:`build_plugins` is the factory: nothing is loaded at import time. The built-ins
(``builtin.DEFAULT_PLUGINS``) register first, through the same hooks as everything else,
then every entry point of the ``kano_tui`` group, then the further discovery steps
(``loaders``: single files, trusted project plugins, ``--plugin``), then ``extra``; every
source goes through :func:`load`, each plugin in its own ``try``. What a registered object
must have is its protocol's (:mod:`kano_tui.plugins.protocols`), and what it answers is
checked (:mod:`kano_tui.plugins.checked`). Hooks are called one implementation at a time,
so one plugin raising cannot stop the others (pluggy would stop at the first exception,
llm issue #1280); an object that fails is disabled alone, a plugin that fails as a whole
is reported and disabled, and whatever was disabled is withdrawn.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

import pluggy

from kano_tui.errors import KanoError, PluginError
from kano_tui.plugins import hookspecs
from kano_tui.plugins.checked import ContractViolation, checked
from kano_tui.plugins.protocols import PROTOCOLS
from kano_tui.plugins.reach import description_of
from kano_tui.plugins.validation import (
    api_problem,
    check_hooks,
    hook_names,
    no_hook_note,
    own_version,
    problem_with,
)

if TYPE_CHECKING:
    import importlib.metadata

    from kano_tui.plugins.protocols import Classifier, EvaluationTable, Exporter, Importer

__all__ = [
    "ContractViolation",
    "PluginDisabled",
    "PluginInfo",
    "PluginState",
    "Plugins",
    "build_built_ins",
    "build_plugins",
    "hook_names",
    "problem_with",
]

# kind -> the hook that registers it; what an object of that kind is, is its protocol
# (protocols.PROTOCOLS), the one statement of the contract.
HOOKS: dict[str, str] = {
    "classifier": "register_classifiers",
    "importer": "register_importers",
    "exporter": "register_exporters",
    "evaluation_table": "register_evaluation_tables",
    "command": "register_commands",  # click commands (kano_tui.plugins.reach)
    "panel": "register_panels",
}
KINDS: dict[str, tuple[str, type]] = {  # kind -> (hook, protocol)
    kind: (hook, PROTOCOLS[kind]) for kind, hook in HOOKS.items()
}
BUILT_IN = "built-in"
BLOCK_ENV = "KANO_BLOCK_PLUGINS"  # comma-separated plugin names not to load
ALLOW_ENV = "KANO_PLUGINS"  # when set: the only plugins (besides built-ins) to load
STRICT_ENV = "KANO_STRICT_PLUGINS"  # "1": re-raise plugin errors, for plugin authors


class PluginState(StrEnum):
    """Where a plugin stands; the text is what ``kano plugins`` and its JSON show."""

    ENABLED = "enabled"
    FAILED = "failed"  # raised or broke its contract; what it registered is withdrawn
    BLOCKED = "blocked"  # the user's block or allow list kept it out; never imported
    UNTRUSTED = "untrusted"  # a project plugin the user has not trusted; never run
    INCOMPATIBLE = "incompatible"  # its kano_api excludes this kano's plugin API


ENABLED, FAILED, BLOCKED, UNTRUSTED, INCOMPATIBLE = PluginState


@dataclass
class PluginInfo:
    """What ``kano plugins`` and the Plugins view show about one plugin."""

    name: str
    origin: str  # "built-in", "entry point", "user plugins dir", "project", "--plugin", ...
    version: str = ""
    distribution: str = ""
    location: str = ""  # the file or module it came from
    provides: list[str] = field(default_factory=list)  # "classifier mode", ...
    state: PluginState = ENABLED
    error: str = ""
    traceback: str = ""
    # "classifier NAME" -> why: objects refused or disabled while the rest of the plugin
    # stays enabled (one bad classifier does not take its siblings down).
    disabled: dict[str, str] = field(default_factory=dict)

    @property
    def built_in(self) -> bool:
        return self.origin == BUILT_IN

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "origin": self.origin,
            "version": self.version,
            "distribution": self.distribution,
            "location": self.location,
            "provides": list(self.provides),
            "state": str(self.state),
            "error": self.error,
            "disabled": dict(self.disabled),
            "traceback": self.traceback,
        }


class PluginDisabled(PluginError):
    """A plugin, or one object of it, failed and was disabled. ``reason`` says so; the
    message adds where the traceback is (the TUI points at its Plugins screen instead)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}; run with {STRICT_ENV}=1 to see the traceback.")
        self.reason = reason


class Plugins:
    """The loaded plugins and everything they registered.

    Safe to call from worker threads: :meth:`fail` may run in the TUI's export worker.
    """

    def __init__(self, manager: pluggy.PluginManager, *, strict: bool = False) -> None:
        self.manager = manager
        self.strict = strict
        self.infos: dict[str, PluginInfo] = {}
        self.registry: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self.owner: dict[tuple[str, str], str] = {}  # (kind, name) -> plugin name
        # plugin name -> its declared options (kano_tui.plugins.options)
        self.options: dict[str, tuple[Any, ...]] = {}
        # Sentences for the user about plugins that were skipped (untrusted project
        # plugins, ...): the CLI prints them, the TUI notifies and lists them.
        self.notes: list[str] = []
        # Called with the PluginInfo of a plugin that was just disabled, wholly or in part
        # (the TUI refreshes its palette and switchers); may run in a worker thread.
        self.listeners: list[Callable[[PluginInfo], None]] = []
        # (kind, name) -> the error that disabled it: a call that fetched the object
        # before (another worker) and fails too says the same, not something new.
        self.withdrawn: dict[tuple[str, str], PluginDisabled] = {}
        self._failed: dict[str, PluginDisabled] = {}  # plugin -> the error that failed it
        self._lock = threading.RLock()

    # ----------------------------------------------------------------- look-ups
    @property
    def classifiers(self) -> dict[str, Classifier]:
        return self.registry["classifier"]

    @property
    def importers(self) -> dict[str, Importer]:
        return self.registry["importer"]

    @property
    def exporters(self) -> dict[str, Exporter]:
        return self.registry["exporter"]

    @property
    def evaluation_tables(self) -> dict[str, EvaluationTable]:
        return self.registry["evaluation_table"]

    def classifier(self, name: str) -> Classifier:
        """The classifier called ``name``; a KanoError naming the choices if none."""
        return cast("Classifier", self.get("classifier", name))

    def importer(self, name: str) -> Importer:
        return cast("Importer", self.get("importer", name))

    def exporter(self, name: str) -> Exporter:
        return cast("Exporter", self.get("exporter", name))

    def evaluation_table(self, name: str) -> EvaluationTable:
        return cast("EvaluationTable", self.get("evaluation_table", name))

    def get(self, kind: str, name: str) -> Any:
        """The registered ``kind`` called ``name``; a KanoError naming the choices if none."""
        found = self.registry[kind].get(name)
        if found is None:
            choices = ", ".join(sorted(self.registry[kind])) or "none"
            hint = ""
            import difflib  # a did-you-mean: only on the error path

            close = difflib.get_close_matches(name, list(self.registry[kind]), n=1)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
            disabled = [
                i.name
                for i in self.infos.values()
                if i.state != ENABLED or f"{kind} {name}" in i.disabled
            ]
            if disabled:
                hint += f"; not loaded: {', '.join(disabled)} (see `kano plugins`)"
            raise KanoError(
                f"There is no {kind.replace('_', ' ')} named {name!r}; available: {choices}{hint}."
            )
        return found

    def owner_of(self, kind: str, name: str) -> PluginInfo:
        return self.infos[self.owner[(kind, name)]]

    def provided(self, info: PluginInfo) -> list[tuple[str, str, str]]:
        """(kind, name, description) of what an enabled plugin registered."""
        rows = []
        for entry in info.provides:
            kind, _, name = entry.partition(" ")
            obj = self.registry[kind].get(name)
            rows.append((kind, name, description_of(obj)))
        return rows

    def failures(self) -> list[PluginInfo]:
        return [info for info in self.infos.values() if info.state in (FAILED, INCOMPATIBLE)]

    def skipped(self) -> list[PluginInfo]:
        return [info for info in self.infos.values() if info.state in (BLOCKED, UNTRUSTED)]

    # ----------------------------------------------------------------- loading
    def record(self, info: PluginInfo) -> None:
        """Remember a plugin that is not loaded (blocked, untrusted) so that it is listed."""
        self.infos.setdefault(info.name, info)

    def load_failed(self, info: PluginInfo, error: BaseException) -> None:
        """A plugin that could not even be imported: list it as failed."""
        if info.name in self.infos:  # never let a broken plugin hide a loaded one
            info.name = f"{info.name} ({info.origin})"
        self.infos[info.name] = info
        self.fail(info.name, error)

    def add(self, plugin: object, info: PluginInfo) -> None:
        """Check, register and collect a plugin module or object, reporting any failure."""
        if self.manager.is_registered(plugin):  # `--plugin kano_x` of an installed kano_x
            other = self.infos[str(self.manager.get_name(plugin))]
            self.notes.append(
                f"{info.origin} {info.location or info.name}: already loaded as plugin "
                f"{other.name!r} ({other.origin}); it is loaded once."
            )
            return
        if info.name in self.infos:
            other = self.infos[info.name]
            info.name = f"{info.name} ({info.origin})"
            self.infos[info.name] = info
            self.fail(
                info.name,
                PluginError(
                    f"Plugin {info.name!r}: a plugin of that name is already loaded "
                    f"({other.origin}{' ' + other.location if other.location else ''}); "
                    "rename one of them."
                ),
            )
            return
        self.infos[info.name] = info
        problem = api_problem(plugin)
        if problem is not None:
            info.state = INCOMPATIBLE
            info.error = f"Plugin {info.name!r} was not loaded: {problem}."
            if self.strict:
                raise PluginError(info.error)
            return
        try:
            check_hooks(self.manager, plugin, info.name)
            self.manager.register(plugin, name=info.name)
        except Exception as error:  # noqa: BLE001 - pluggy validates what check_hooks does not
            self.fail(info.name, error)
            return
        if not info.version and isinstance(plugin, ModuleType):
            info.version = str(getattr(plugin, "__version__", "") or "")
        if not self.manager.get_hookcallers(plugin):
            self.notes.append(no_hook_note(plugin, info.name, info.location or info.origin))
        for kind, (hook, _) in KINDS.items():
            if info.state != ENABLED:
                return
            for impl in getattr(self.manager.hook, hook).get_hookimpls():
                if impl.plugin_name == info.name:
                    self._collect(kind, impl, info)
        if info.state == ENABLED and info.disabled and not info.provides:
            # Everything it registered was refused: the plugin as a whole has failed.
            first = next(iter(info.disabled.values()))
            self.fail(info.name, PluginError(first), where=info.traceback)
        if info.state == ENABLED:
            from kano_tui.plugins import options

            options.collect(self, info)

    def _collect(self, kind: str, impl: pluggy.HookImpl, info: PluginInfo) -> None:
        found: list[Any] = []
        try:
            impl.function(register=found.append)
        except (Exception, SystemExit) as error:  # noqa: BLE001 - reported, the plugin disabled
            self.fail(info.name, error)
            return
        code = impl.function.__code__  # point the author at the registering hook
        where = f'  File "{code.co_filename}", line {code.co_firstlineno}, in {code.co_name}\n'
        taken: set[str] = set()
        for obj in found:
            problem = problem_with(obj, kind)
            name = getattr(obj, "name", "")
            if problem is None and name in taken:
                problem = f"it registered two {kind.replace('_', ' ')}s named {name!r}"
            if problem is None and name in self.registry[kind]:
                other = self.owner[(kind, name)]
                problem = (
                    f"the {kind.replace('_', ' ')} name {name!r} is already taken by "
                    f"plugin {other!r}"
                )
            if problem is not None:
                message = f"Plugin {info.name!r}: {problem}."
                if self.strict:
                    raise PluginError(message)
                info.disabled[f"{kind} {name if isinstance(name, str) else '?'}"] = message
                info.traceback += where + message + "\n"
                continue
            taken.add(name)
            with self._lock:
                self.registry[kind][name] = obj if info.built_in else checked(kind, obj)
                self.owner[(kind, name)] = info.name
                info.provides.append(f"{kind} {name}")

    def fail(self, plugin_name: str, error: BaseException, where: str = "") -> PluginDisabled:
        """Mark a plugin failed, withdraw what it registered, and return the error to show.

        ``where`` locates an error that was found rather than raised (a bad registered
        object). In strict mode (``KANO_STRICT_PLUGINS=1``) the original error is raised.
        """
        with self._lock:
            info = self.infos.setdefault(plugin_name, PluginInfo(plugin_name, origin="unknown"))
            if info.state == FAILED and plugin_name in self._failed and not self.strict:
                return self._failed[plugin_name]  # another worker met it first
            info.state = FAILED
            info.error = describe(error)
            import traceback  # only for a plugin that failed

            info.traceback = where + "".join(traceback.format_exception(error))
            first_line = info.error.splitlines()[0] if info.error else "error"
            disabled = PluginDisabled(
                f"Plugin {plugin_name!r} failed ({first_line.rstrip('.')}) and has been disabled"
            )
            self._failed[plugin_name] = disabled
            self._withdraw(
                {key for key, owner in self.owner.items() if owner == plugin_name}, disabled
            )
            info.provides.clear()
            with contextlib.suppress(Exception):
                if self.manager.has_plugin(plugin_name):
                    self.manager.unregister(name=plugin_name)
        self._tell(info)
        if self.strict:
            raise error
        return disabled

    def disable(self, kind: str, name: str, error: BaseException) -> PluginDisabled:
        """One registered object failed: withdraw it alone, unless it was all its plugin
        provided (then the plugin fails); return the error to show. Two workers failing in
        the same object get the same error (the first)."""
        with self._lock:
            already = self.withdrawn.get((kind, name))
            if already is not None and (kind, name) not in self.owner:
                return already
            plugin_name = self.owner[(kind, name)]
            info = self.infos[plugin_name]
            entry = f"{kind} {name}"
            others = [e for e in info.provides if e != entry]
            if others:
                first_line = describe(error).splitlines()[0].rstrip(".")
                disabled = PluginDisabled(
                    f"Plugin {plugin_name!r} failed ({first_line}) in its "
                    f"{kind.replace('_', ' ')} {name!r}, which has been disabled (the "
                    f"plugin's other {len(others)} stay{'s' if len(others) == 1 else ''})"
                )
                info.disabled[entry] = describe(error)
                import traceback

                info.traceback += "".join(traceback.format_exception(error))
                self._withdraw({(kind, name)}, disabled)
                info.provides.remove(entry)
        if not others:
            return self.fail(plugin_name, error)
        self._tell(info)
        if self.strict:
            raise error
        return disabled

    def _withdraw(self, keys: set[tuple[str, str]], error: PluginDisabled) -> None:
        self.withdrawn.update(dict.fromkeys(keys, error))
        # Copy on write: the TUI may be iterating a registry on another thread.
        for kind in {kind for kind, _ in keys}:
            self.registry[kind] = {
                name: obj for name, obj in self.registry[kind].items() if (kind, name) not in keys
            }
        self.owner = {key: owner for key, owner in self.owner.items() if key not in keys}

    def _tell(self, info: PluginInfo) -> None:
        for listener in list(self.listeners):
            with contextlib.suppress(Exception):  # a listener must not hide the failure
                listener(info)

    @contextlib.contextmanager
    def guard(self, kind: str, name: str) -> Iterator[None]:
        """Run code that calls into a plugin's object; a raise disables that object.

        KanoErrors (the plugin's own clear message about bad input) pass through
        untouched, and so does anything raised by a built-in: that is a bug in kano.
        """
        try:
            yield
        except KanoError:
            raise
        except Exception as error:
            plugin = self.owner.get((kind, name))
            if plugin is None and (kind, name) in self.withdrawn:
                raise self.withdrawn[(kind, name)] from None  # already disabled, once
            if plugin is None or self.infos[plugin].built_in:
                raise
            raise self.disable(kind, name, error) from None


def describe(error: BaseException) -> str:
    """The error as ``kano plugins`` shows it: a KanoError's sentence, else its type too."""
    return str(error) if isinstance(error, KanoError) else f"{type(error).__name__}: {error}"


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    import importlib.metadata  # scanning the installed packages: only when they load

    return importlib.metadata.entry_points(group=hookspecs.ENTRY_POINT_GROUP)


def names_from_env(variable: str) -> set[str] | None:
    """Comma-separated names from an environment variable; None when it is unset."""
    value = os.environ.get(variable)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


@dataclass
class Selection:
    """Which plugins (other than built-ins) may load: a block list and an allow list."""

    blocked: set[str] = field(default_factory=set)
    allowed: set[str] | None = None  # None: every plugin not blocked

    def why_not(self, *names: str) -> str | None:
        """Why a plugin known by any of ``names`` is skipped, or None when it may load."""
        for name in names:
            if name and name in self.blocked:
                return (
                    f"blocked by name {name!r} ({BLOCK_ENV} or `kano plugins block`; "
                    f"`kano plugins unblock {name}` loads it again)"
                )
        if self.allowed is not None and not any(n in self.allowed for n in names if n):
            return f"not listed in {ALLOW_ENV}"
        return None


def build_plugins(
    *,
    entry_points: bool = True,
    extra: Iterable[tuple[str, object]] = (),
    blocked: Iterable[str] = (),
    allowed: Iterable[str] | None = None,
    strict: bool | None = None,
    loaders: Iterable[Callable[[Plugins, Selection], None]] = (),
    built_ins: Iterable[str] | None = None,
) -> Plugins:
    """Build the plugin manager: built-ins, entry points, ``loaders``, then ``extra``.

    ``extra`` is (name, module-or-object) pairs, e.g. from a test. ``loaders`` are further
    discovery steps (single-file plugins, trusted project plugins). ``blocked`` and
    ``allowed`` add to the ``KANO_BLOCK_PLUGINS`` and ``KANO_PLUGINS`` environment
    variables; built-ins are always loaded: every one, or the modules ``built_ins``
    names (in ``builtin.DEFAULT_PLUGINS`` order).
    """
    from kano_tui.plugins.builtin import DEFAULT_PLUGINS

    if built_ins is not None:
        wanted = set(built_ins)
        modules = tuple(module for module in DEFAULT_PLUGINS if module in wanted)
    else:
        modules = DEFAULT_PLUGINS

    if strict is None:
        strict = os.environ.get(STRICT_ENV, "") not in ("", "0")
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager, strict=strict)
    selection = Selection(blocked=(names_from_env(BLOCK_ENV) or set()) | set(blocked))
    env_allowed = names_from_env(ALLOW_ENV)
    if allowed is not None or env_allowed is not None:
        selection.allowed = set(allowed or ()) | (env_allowed or set())

    version = own_version()
    for module_name in modules:
        load(
            plugins,
            PluginInfo(
                module_name,
                origin=BUILT_IN,
                version=version,
                distribution="kano-tui",
                location=module_name,
            ),
            partial(importlib.import_module, module_name),
        )

    if entry_points:
        for entry_point in _entry_points():
            load_entry_point(plugins, entry_point, selection)

    for loader in loaders:
        loader(plugins, selection)

    for name, plugin in extra:
        load(
            plugins,
            PluginInfo(name, origin="extra", location=getattr(plugin, "__name__", "")),
            partial(_given, plugin),
            selection,
        )
    return plugins


def build_built_ins(kind: str) -> Plugins:
    """A plugin manager of only the built-in modules that register ``kind``
    (``builtin.modules_for``): what a command needs to find a built-in classifier, table,
    importer or exporter without importing every plugin (docs/startup.md). Third-party
    plugins never load here, so none can take a built-in's name (as in the full manager,
    where the built-ins register first and win)."""
    from kano_tui.plugins.builtin import modules_for

    return build_plugins(entry_points=False, built_ins=modules_for(kind))


def load(
    plugins: Plugins,
    info: PluginInfo,
    import_plugin: Callable[[], object],
    selection: Selection | None = None,
    *also_known_as: str,
) -> None:
    """The one way a plugin is loaded, whatever its source: skipped when the user's block
    or allow list says so (``selection``; None for built-ins, which always load),
    imported in its own ``try``, then checked and registered by :meth:`Plugins.add`.

    A built-in that fails to import is a bug in kano and is raised.
    """
    skip = None if selection is None else selection.why_not(info.name, *also_known_as)
    if skip:
        info.state, info.error = BLOCKED, f"Not loaded: {skip}."
        plugins.record(info)
        return
    try:
        plugin = import_plugin()
    except (Exception, SystemExit) as error:  # a broken plugin must not take kano down
        if info.built_in:
            raise
        plugins.load_failed(info, error)
        return
    plugins.add(plugin, info)


def load_entry_point(
    plugins: Plugins, entry_point: importlib.metadata.EntryPoint, selection: Selection
) -> None:
    """Load one installed plugin (an entry point of the ``kano_tui`` group)."""
    dist = getattr(entry_point, "dist", None)
    info = PluginInfo(
        entry_point.name,
        origin="entry point",
        version=dist.version if dist else "",
        distribution=dist.name if dist else "",
        location=entry_point.value,
    )
    load(plugins, info, entry_point.load, selection, info.distribution)


def _given(plugin: object) -> object:
    """An ``extra`` plugin object, handed to :func:`load` as what its import returned."""
    return plugin
