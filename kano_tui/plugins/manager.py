"""Finding, loading and guarding plugins.

:func:`build_plugins` is the factory: nothing is loaded at import time. The built-ins
(``builtin.DEFAULT_PLUGINS``) register first, through the same hooks as everything else,
then every entry point of the ``kano_tui`` group, each in its own ``try``, then the
further discovery steps (``loaders``: single files, trusted project plugins), then
``extra``. Hooks are called one implementation at a time, so one plugin raising cannot
stop the others (pluggy would stop at the first exception, llm issue #1280); a plugin
that fails is reported and disabled, and whatever it registered is withdrawn.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import importlib.metadata
import os
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pluggy

from kano_tui.errors import KanoError, PluginError
from kano_tui.plugins import hookspecs

KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    # kind -> (hook name, callables/attributes the object needs besides name, description)
    "classifier": ("register_classifiers", ("classify",)),
    "importer": ("register_importers", ("extensions", "sniff", "read")),
    "exporter": ("register_exporters", ("extension", "export")),
    "evaluation_table": ("register_evaluation_tables", ("rows",)),
}
BUILT_IN = "built-in"
BLOCK_ENV = "KANO_BLOCK_PLUGINS"  # comma-separated plugin names not to load
ALLOW_ENV = "KANO_PLUGINS"  # when set: the only plugins (besides built-ins) to load
STRICT_ENV = "KANO_STRICT_PLUGINS"  # "1": re-raise plugin errors, for plugin authors
CATEGORY_LETTERS = frozenset("AOMIRQ")

# PluginInfo.state values
ENABLED, FAILED, BLOCKED, UNTRUSTED, INCOMPATIBLE = (
    "enabled", "failed", "blocked", "untrusted", "incompatible")


@dataclass
class PluginInfo:
    """What ``kano plugins`` and the Plugins view show about one plugin."""

    name: str
    origin: str  # "built-in", "entry point", "user plugins dir", "project", "--plugin", ...
    version: str = ""
    distribution: str = ""
    location: str = ""  # the file or module it came from
    provides: list[str] = field(default_factory=list)  # "classifier mode", ...
    state: str = ENABLED  # enabled | failed | blocked | untrusted | incompatible
    error: str = ""
    traceback: str = ""

    @property
    def built_in(self) -> bool:
        return self.origin == BUILT_IN

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "origin": self.origin, "version": self.version,
            "distribution": self.distribution, "location": self.location,
            "provides": list(self.provides), "state": self.state, "error": self.error,
            "traceback": self.traceback,
        }


class ContractViolation(Exception):
    """A plugin object answered something its protocol does not allow."""


def problem_with(obj: Any, kind: str) -> str | None:
    """Why ``obj`` is not a valid ``kind`` (one clause), or None when it is."""
    _, needs = KINDS[kind]
    name = getattr(obj, "name", None)
    if not isinstance(name, str) or not name.strip():
        return f"it registered a {kind} without a name (got {obj!r})"
    if name != name.strip() or any(ch.isspace() for ch in name):
        return f"the {kind} name {name!r} contains spaces"
    if not isinstance(getattr(obj, "description", ""), str):
        return f"the {kind} {name!r} has a description that is not text"
    for attribute in needs:
        if not hasattr(obj, attribute):
            return f"the {kind} {name!r} has no {attribute!r}"
    if kind == "importer":
        extensions = obj.extensions
        if isinstance(extensions, str) or not all(
                isinstance(e, str) and e.startswith(".") for e in extensions):
            return (f"the importer {name!r} has extensions {extensions!r}; expected a tuple "
                    "like ('.csv',)")
    if kind == "evaluation_table":
        from kano_tui.engine.evaluation import table_problem

        why = table_problem(obj)
        if why is not None:
            return f"the evaluation table {name!r} is not five rows of five letters: {why}"
    if kind == "exporter" and not (isinstance(obj.extension, str)
                                   and (obj.extension == "" or obj.extension.startswith("."))):
        return f"the exporter {name!r} has extension {obj.extension!r}; expected text like '.md'"
    for attribute in needs:
        if attribute in ("classify", "sniff", "read", "export") and not callable(
                getattr(obj, attribute)):
            return f"the {kind} {name!r} has a {attribute!r} that cannot be called"
    return None


class CheckedClassifier:
    """A third party's classifier, with its answers checked against the protocol.

    A classifier returning a letter that is not a Kano category (or a Series that misses
    features) would otherwise break the tables, plots and exports much later.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.description: str = getattr(inner, "description", "")

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

    def __repr__(self) -> str:
        return f"CheckedClassifier({self.inner!r})"

    def classify(self, figures: Any, settings: Any) -> Any:
        import pandas as pd

        from kano_tui.engine.featureresult import extra_problem, split_classification

        result, extras = split_classification(self.inner.classify(figures, settings))
        if extras is not None:
            categories = self._checked(result, figures)
            why = extra_problem(extras, figures.index)
            if why is not None:
                raise ContractViolation(f"classifier {self.name!r} returned {why}")
            return pd.concat([categories.rename("category"), extras.reindex(figures.index)],
                             axis=1)
        return self._checked(result, figures)

    def _checked(self, result: Any, figures: Any) -> Any:
        import pandas as pd

        if isinstance(result, pd.DataFrame):
            raise ContractViolation(
                f"classifier {self.name!r} returned a DataFrame without a 'category' column "
                "(its categories; the other columns are extras)")
        if not isinstance(result, pd.Series):
            try:
                result = pd.Series(list(result), index=figures.index, dtype=object)
            except Exception:
                raise ContractViolation(
                    f"classifier {self.name!r} returned {type(result).__name__}, "
                    "not a pandas Series indexed by feature id") from None
        missing = figures.index.difference(result.index)
        if len(missing):
            raise ContractViolation(f"classifier {self.name!r} returned no category for "
                                    f"feature {missing[0]!r}")
        result = result.reindex(figures.index).astype(object)
        result = result.where(result.notna(), None)
        bad = [v for v in result if v is not None and v not in CATEGORY_LETTERS]
        if bad:
            raise ContractViolation(f"classifier {self.name!r} returned {bad[0]!r}; "
                                    "expected one of A O M I R Q or None")
        return result


def api_problem(plugin: object) -> str | None:
    """Why the plugin's declared ``kano_api`` excludes this kano's API, or None."""
    declared = getattr(plugin, "kano_api", None)
    if declared is None:
        return None
    provided = hookspecs.KANO_PLUGIN_API
    if isinstance(declared, bool) or not isinstance(declared, (int, str)):
        return (f"its kano_api = {declared!r} is neither a number nor a version "
                "specifier like '>=1,<2'")
    if isinstance(declared, int):
        if declared == provided:
            return None
        wanted = f"plugin API {declared}"
    else:
        from packaging.specifiers import InvalidSpecifier, SpecifierSet

        text = declared.strip()
        if text.isdigit():
            text = f"=={text}"
        try:
            spec = SpecifierSet(text)
        except InvalidSpecifier:
            return (f"its kano_api = {declared!r} is not a version specifier "
                    "(write e.g. '>=1,<2' or 1)")
        if spec.contains(str(provided)):
            return None
        wanted = f"plugin API {declared}"
    return (f"it needs kano {wanted} but this kano ({_own_version()}) provides plugin API "
            f"{provided}; install a release of the plugin made for API {provided}, or a "
            "kano-tui that provides the API it needs")


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
        # Sentences for the user about plugins that were skipped (untrusted project
        # plugins, ...): the CLI prints them, the TUI notifies and lists them.
        self.notes: list[str] = []
        # Called with the PluginInfo of a plugin that was just disabled (the TUI refreshes
        # its palette and switchers); may run in a worker thread.
        self.listeners: list[Callable[[PluginInfo], None]] = []
        self._lock = threading.RLock()

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

    @property
    def evaluation_tables(self) -> dict[str, Any]:
        return self.registry["evaluation_table"]

    def get(self, kind: str, name: str) -> Any:
        """The registered ``kind`` called ``name``; a KanoError naming the choices if none."""
        found = self.registry[kind].get(name)
        if found is None:
            choices = ", ".join(sorted(self.registry[kind])) or "none"
            hint = ""
            close = difflib.get_close_matches(name, list(self.registry[kind]), n=1)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
            disabled = [i.name for i in self.infos.values() if i.state != ENABLED]
            if disabled:
                hint += f"; not loaded: {', '.join(disabled)} (see `kano plugins`)"
            raise KanoError(f"There is no {kind} named {name!r}; available: {choices}{hint}.")
        return found

    def owner_of(self, kind: str, name: str) -> PluginInfo:
        return self.infos[self.owner[(kind, name)]]

    def provided(self, info: PluginInfo) -> list[tuple[str, str, str]]:
        """(kind, name, description) of what an enabled plugin registered."""
        rows = []
        for entry in info.provides:
            kind, _, name = entry.partition(" ")
            obj = self.registry[kind].get(name)
            rows.append((kind, name, str(getattr(obj, "description", "") or "")))
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
        if info.name in self.infos:
            other = self.infos[info.name]
            info.name = f"{info.name} ({info.origin})"
            self.infos[info.name] = info
            self.fail(info.name, PluginError(
                f"Plugin {info.name!r}: a plugin of that name is already loaded "
                f"({other.origin}{' ' + other.location if other.location else ''}); "
                "rename one of them."))
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
            self.manager.register(plugin, name=info.name)
            self._check_hook_names(plugin, info.name)
        except Exception as error:  # pluggy validates hook signatures here
            self.fail(info.name, error)
            return
        if not info.version and isinstance(plugin, ModuleType):
            info.version = str(getattr(plugin, "__version__", "") or "")
        for kind, (hook, _) in KINDS.items():
            if info.state != ENABLED:
                return
            for impl in getattr(self.manager.hook, hook).get_hookimpls():
                if impl.plugin_name == info.name:
                    self._collect(kind, impl, info)

    def _check_hook_names(self, plugin: object, name: str) -> None:
        """A misspelt hook would silently do nothing: refuse it with a suggestion."""
        known = hook_names()
        for impl_name in dir(plugin):
            try:
                is_hook = self.manager.parse_hookimpl_opts(plugin, impl_name) is not None
            except Exception:  # an attribute that raises when read is no hook
                continue
            if is_hook and impl_name not in known:
                close = difflib.get_close_matches(impl_name, known, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise pluggy.PluginValidationError(
                    plugin,
                    f"Plugin {name!r} implements an unknown hook {impl_name!r}{hint}; "
                    f"the hooks are {', '.join(known)}.")

    def _collect(self, kind: str, impl: pluggy.HookImpl, info: PluginInfo) -> None:
        found: list[Any] = []
        try:
            impl.function(register=found.append)
        except (Exception, SystemExit) as error:
            self.fail(info.name, error)
            return
        for obj in found:
            problem = problem_with(obj, kind)
            name = getattr(obj, "name", "")
            if problem is None and name in self.registry[kind]:
                other = self.owner[(kind, name)]
                problem = f"the {kind} name {name!r} is already taken by plugin {other!r}"
            if problem is None and sum(getattr(o, "name", None) == name for o in found) > 1:
                problem = f"it registered two {kind}s named {name!r}"
            if problem is not None:
                code = impl.function.__code__  # point the author at the registering hook
                self.fail(info.name, PluginError(f"Plugin {info.name!r}: {problem}."),
                          where=f'  File "{code.co_filename}", line {code.co_firstlineno}, '
                                f"in {code.co_name}\n")
                return
        with self._lock:
            for obj in found:
                if kind == "classifier" and not info.built_in:
                    obj = CheckedClassifier(obj)
                self.registry[kind][obj.name] = obj
                self.owner[(kind, obj.name)] = info.name
                info.provides.append(f"{kind} {obj.name}")

    def fail(self, plugin_name: str, error: BaseException, where: str = "") -> PluginError:
        """Mark a plugin failed, withdraw what it registered, and return the error to show.

        ``where`` locates an error that was found rather than raised (a bad registered
        object). In strict mode (``KANO_STRICT_PLUGINS=1``) the original error is raised.
        """
        with self._lock:
            info = self.infos.setdefault(plugin_name, PluginInfo(plugin_name, origin="unknown"))
            info.state = FAILED
            info.error = str(error) if isinstance(error, KanoError) else \
                f"{type(error).__name__}: {error}"
            info.traceback = where + "".join(traceback.format_exception(error))
            # Copy on write: the TUI may be iterating a registry on another thread.
            withdrawn = {key for key, owner in self.owner.items() if owner == plugin_name}
            for kind in {kind for kind, _ in withdrawn}:
                self.registry[kind] = {name: obj for name, obj in self.registry[kind].items()
                                       if (kind, name) not in withdrawn}
            self.owner = {key: owner for key, owner in self.owner.items()
                          if key not in withdrawn}
            info.provides.clear()
            with contextlib.suppress(Exception):
                if self.manager.has_plugin(plugin_name):
                    self.manager.unregister(name=plugin_name)
        for listener in list(self.listeners):
            with contextlib.suppress(Exception):  # a listener must not hide the failure
                listener(info)
        if self.strict:
            raise error
        first_line = info.error.splitlines()[0] if info.error else "error"
        return PluginError(f"Plugin {plugin_name!r} failed ({first_line.rstrip('.')}) and has "
                           f"been disabled; run with {STRICT_ENV}=1 to see the traceback.")

    @contextlib.contextmanager
    def guard(self, kind: str, name: str) -> Iterator[None]:
        """Run code that calls into a plugin's object; a raise disables that plugin.

        KanoErrors (the plugin's own clear message about bad input) pass through
        untouched, and so does anything raised by a built-in: that is a bug in kano.
        """
        try:
            yield
        except KanoError:
            raise
        except Exception as error:
            plugin = self.owner.get((kind, name))
            if plugin is None or self.infos[plugin].built_in:
                raise
            raise self.fail(plugin, error) from None


def hook_names() -> list[str]:
    """The names of every hook a plugin can implement."""
    return sorted(name for name in dir(hookspecs)
                  if getattr(getattr(hookspecs, name), f"{hookspecs.PROJECT_NAME}_spec", None))


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
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
                return (f"blocked by name {name!r} ({BLOCK_ENV} or `kano plugins block`; "
                        f"`kano plugins unblock {name}` loads it again)")
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
) -> Plugins:
    """Build the plugin manager: built-ins, entry points, ``loaders``, then ``extra``.

    ``extra`` is (name, module-or-object) pairs, e.g. from a test. ``loaders`` are further
    discovery steps (single-file plugins, trusted project plugins). ``blocked`` and
    ``allowed`` add to the ``KANO_BLOCK_PLUGINS`` and ``KANO_PLUGINS`` environment
    variables; built-ins are always loaded.
    """
    from kano_tui.plugins.builtin import DEFAULT_PLUGINS

    if strict is None:
        strict = os.environ.get(STRICT_ENV, "") not in ("", "0")
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager, strict=strict)
    selection = Selection(blocked=(names_from_env(BLOCK_ENV) or set()) | set(blocked))
    env_allowed = names_from_env(ALLOW_ENV)
    if allowed is not None or env_allowed is not None:
        selection.allowed = set(allowed or ()) | (env_allowed or set())

    version = _own_version()
    for module_name in DEFAULT_PLUGINS:
        module = importlib.import_module(module_name)
        plugins.add(module, PluginInfo(module_name, origin=BUILT_IN, version=version,
                                       distribution="kano-tui", location=module_name))

    if entry_points:
        for entry_point in _entry_points():
            load_entry_point(plugins, entry_point, selection)

    for loader in loaders:
        loader(plugins, selection)

    for name, plugin in extra:
        info = PluginInfo(name, origin="extra", location=getattr(plugin, "__name__", ""))
        skip = selection.why_not(name)
        if skip:
            info.state, info.error = BLOCKED, f"Not loaded: {skip}."
            plugins.record(info)
            continue
        plugins.add(plugin, info)
    return plugins


def load_entry_point(plugins: Plugins, entry_point: importlib.metadata.EntryPoint,
                     selection: Selection) -> None:
    """Load one installed plugin in its own ``try``."""
    dist = getattr(entry_point, "dist", None)
    info = PluginInfo(
        entry_point.name,
        origin="entry point",
        version=dist.version if dist else "",
        distribution=dist.name if dist else "",
        location=entry_point.value,
    )
    skip = selection.why_not(info.name, info.distribution)
    if skip:
        info.state, info.error = BLOCKED, f"Not loaded: {skip}."
        plugins.record(info)
        return
    try:
        loaded = entry_point.load()
    except (Exception, SystemExit) as error:  # a broken plugin must not take kano down
        plugins.load_failed(info, error)
        return
    plugins.add(loaded, info)


def _own_version() -> str:
    from kano_tui import __version__

    return __version__
