"""Plugin options: declared with a schema, set in kano.toml or with ``--option``.

A plugin declares its options through the ``register_options`` hook, one
:class:`PluginOption` (name, type, default, help) each. Users set them in kano.toml::

    [plugins.variants]
    confidence = 0.8

or for one run with ``--option variants.confidence=0.8`` (``analyze``, ``export``,
``import``). :func:`resolve` checks both against the schema and gives every declared
option a value (its default when unset): a value of the wrong type, an unknown key or
an unknown plugin is one sentence naming the line of kano.toml (or the ``--option``),
the key and the value. Classifiers read their plugin's options from
``figures.attrs["options"]``, exporters from ``context.plugin_options``, importers from
``options.plugin_options``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kano_tui.errors import KanoError, PluginError

if TYPE_CHECKING:
    from kano_tui.plugins.manager import PluginInfo, Plugins

HOOK = "register_options"
SECTION = "plugins"  # kano.toml: [plugins.NAME]
TYPES: dict[type, str] = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "text",
}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class PluginOption:
    """One setting a plugin offers: ``[plugins.PLUGIN] name = value`` in kano.toml.

    ``type`` is ``bool``, ``int``, ``float`` or ``str``; ``choices`` (text options)
    lists the values allowed; ``minimum`` and ``maximum`` (numbers) bound them.
    """

    name: str
    type: type
    default: Any
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def describe(self) -> str:
        """What a value must be, as the end of a sentence ("a number from 0 to 1")."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        text = TYPES[self.type]
        if self.minimum is not None and self.maximum is not None:
            return f"{text} from {_plain(self.minimum)} to {_plain(self.maximum)}"
        if self.minimum is not None:
            return f"{text} of at least {_plain(self.minimum)}"
        if self.maximum is not None:
            return f"{text} of at most {_plain(self.maximum)}"
        return text

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not a valid value of this option, or None."""
        if self.type is bool:
            ok = isinstance(value, bool)
        elif self.type is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif self.type is float:
            ok = (
                isinstance(value, (int, float))
                and not isinstance(value, bool)
                and math.isfinite(value)
            )
        else:
            ok = isinstance(value, str)
        if ok and self.choices and value not in self.choices:
            ok = False
        if ok and self.type in (int, float):
            ok = (self.minimum is None or value >= self.minimum) and (
                self.maximum is None or value <= self.maximum
            )
        return None if ok else f"must be {self.describe()}"

    def parse(self, text: str) -> Any:
        """The value a ``--option`` (or a TUI field) wrote as text; the text when it
        does not read as this option's type (then :meth:`problem` says why)."""
        stripped = text.strip()
        if self.type is bool:
            return {
                "true": True,
                "yes": True,
                "on": True,
                "1": True,
                "false": False,
                "no": False,
                "off": False,
                "0": False,
            }.get(stripped.lower(), text)
        if self.type is int:
            try:
                return int(stripped)
            except ValueError:
                return text
        if self.type is float:
            try:
                return float(stripped)
            except ValueError:
                return text
        return text


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def declaration_problem(option: Any) -> str | None:
    """Why a registered object is not a usable :class:`PluginOption`, or None."""
    name = getattr(option, "name", None)
    if not isinstance(name, str) or not _NAME.match(name):
        return (
            f"it declared an option named {name!r}; an option name is a letter "
            "followed by letters, digits or underscores"
        )
    kind = getattr(option, "type", None)
    if kind not in TYPES:
        return f"its option {name!r} has type {kind!r}; expected bool, int, float or str"
    if not isinstance(getattr(option, "help", ""), str):
        return f"its option {name!r} has a help that is not text"
    why = option.problem(option.default) if isinstance(option, PluginOption) else "?"
    if why is not None:
        return f"the default {option.default!r} of its option {name!r} {why}"
    return None


def collect(plugins: Plugins, info: PluginInfo) -> None:
    """Ask one just-registered plugin for its options (the ``register_options`` hook);
    a bad declaration fails the plugin like any bad registration."""
    for impl in getattr(plugins.manager.hook, HOOK).get_hookimpls():
        if impl.plugin_name != info.name:
            continue
        found: list[Any] = []
        try:
            impl.function(register=found.append)
        except (Exception, SystemExit) as error:  # noqa: BLE001 - the plugin's failure, reported
            plugins.fail(info.name, error)
            return
        for option in found:
            problem = declaration_problem(option)
            if problem is None and sum(getattr(o, "name", None) == option.name for o in found) > 1:
                problem = f"it declared two options named {option.name!r}"
            if problem is not None:
                plugins.fail(info.name, PluginError(f"Plugin {info.name!r}: {problem}."))
                return
        plugins.options[info.name] = tuple(found)


@dataclass
class Override:
    """One ``--option PLUGIN.KEY=VALUE``."""

    plugin: str
    key: str
    text: str

    @property
    def shown(self) -> str:
        return f"--option {self.plugin}.{self.key}={self.text}"


def parse_overrides(items: Iterable[str]) -> list[Override]:
    """``--option`` values; one sentence for one that is not ``PLUGIN.KEY=VALUE``."""
    found = []
    for item in items:
        head, equals, text = item.partition("=")
        plugin, dot, key = head.strip().partition(".")
        if not equals or not dot or not plugin or not key:
            raise KanoError(
                f"--option {item!r} is not PLUGIN.KEY=VALUE "
                "(e.g. --option variants.confidence=0.8)."
            )
        found.append(Override(plugin, key.strip(), text))
    return found


@dataclass
class Resolved:
    """Every plugin's options with their values (defaults filled in)."""

    values: dict[str, dict[str, Any]] = field(default_factory=dict)

    def of(self, plugin: str) -> dict[str, Any]:
        return dict(self.values.get(plugin, {}))


def resolve(
    plugins: Plugins,
    section: Mapping[str, Any] | None,
    overrides: Iterable[Override] = (),
    *,
    source: Path | None = None,
    text: str | None = None,
) -> Resolved:
    """Check ``[plugins.*]`` of kano.toml (``section``) and the overrides against the
    declared options; ``source``/``text`` (the kano.toml and its text) locate errors.

    A ``[plugins.NAME]`` table of a plugin that is not loaded is left alone (it may be
    installed elsewhere); one of a loaded plugin that declares nothing, an unknown key,
    or a value of the wrong kind is refused."""
    where = str(source) if source is not None else "kano.toml"
    declared = {
        name: {o.name: o for o in options}
        for name, options in plugins.options.items()
        if _enabled(plugins, name)
    }
    loaded = {name for name in plugins.infos if _enabled(plugins, name)}
    values = {
        name: {key: o.default for key, o in options.items()} for name, options in declared.items()
    }
    for name, table in (section or {}).items():
        if name not in loaded:
            continue
        if not isinstance(table, Mapping):
            raise KanoError(
                f"{where}{_line(text, name)}: [{SECTION}] {name} = {table!r} "
                f"must be a table ([{SECTION}.{name}])."
            )
        for key, value in table.items():
            option = _option(
                declared, name, key, f"{where}{_line(text, name, key)}: [{SECTION}.{name}] {key}"
            )
            why = option.problem(value)
            if why is not None:
                raise KanoError(
                    f"{where}{_line(text, name, key)}: [{SECTION}.{name}] "
                    f"{key} = {toml_text(value)} {why} ({option.help or key})."
                )
            values[name][key] = value
    for override in overrides:
        if override.plugin not in declared:
            raise KanoError(f"{override.shown}: {_no_plugin(declared, override.plugin)}")
        option = _option(declared, override.plugin, override.key, override.shown)
        value = option.parse(override.text)
        why = option.problem(value)
        if why is not None:
            raise KanoError(
                f"{override.shown}: {override.key} {why} ({option.help or override.key})."
            )
        values[override.plugin][override.key] = value
    return Resolved(values)


def _enabled(plugins: Plugins, name: str) -> bool:
    info = plugins.infos.get(name)
    return info is not None and info.state == "enabled"


def _option(
    declared: dict[str, dict[str, PluginOption]], plugin: str, key: str, shown: str
) -> PluginOption:
    options = declared.get(plugin)
    if not options:
        raise KanoError(f"{shown}: plugin {plugin!r} has no options.")
    if key not in options:
        import difflib  # a did-you-mean: only on the error path

        close = difflib.get_close_matches(key, list(options), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise KanoError(
            f"{shown}: plugin {plugin!r} has no option {key!r}{hint}; its "
            f"options: {', '.join(options)}."
        )
    return options[key]


def _no_plugin(declared: Mapping[str, Any], plugin: str) -> str:
    import difflib  # a did-you-mean: only on the error path

    close = difflib.get_close_matches(plugin, list(declared), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    with_options = ", ".join(sorted(declared)) or "none"
    return (
        f"no loaded plugin named {plugin!r} has options{hint}; plugins with options: "
        f"{with_options} (see `kano plugins`)."
    )


def toml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        import json

        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _line(text: str | None, plugin: str, key: str | None = None) -> str:
    """ ", line N" of the ``[plugins.PLUGIN]`` header or of ``key`` under it, if found."""
    if not text:
        return ""
    header = re.compile(rf"\s*\[\s*{SECTION}\s*\.\s*[\"']?{re.escape(plugin)}[\"']?\s*\]")
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if header.match(line):
            if key is None:
                return f", line {number}"
            inside = True
        elif line.lstrip().startswith("["):
            inside = False
        elif inside and key is not None and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return f", line {number}"
    return ""


class _WithOptions:
    """A classifier that finds its plugin's option values in ``figures.attrs["options"]``
    (of the DataFrame ``classify`` gets, or of the columns ``classify_columns`` gets)."""

    def __init__(self, inner: Any, options: dict[str, Any]) -> None:
        self.inner = inner
        self.options = dict(options)
        self.name: str = inner.name
        self.description: str = getattr(inner, "description", "")
        if callable(getattr(inner, "classify_columns", None)):  # the optional member
            self.classify_columns = self._classify_columns

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

    def _classify_columns(self, figures: Any, settings: Any) -> Any:
        from kano_tui.engine.analysis.figures import FigureColumns

        given = FigureColumns(
            figures.ids, figures, {**figures.attrs, "options": dict(self.options)}
        )
        return self.inner.classify_columns(given, settings)

    def classify(self, figures: Any, settings: Any) -> Any:
        figures = figures.copy(deep=False)  # the caller's attrs stay as they were
        figures.attrs = {**figures.attrs, "options": dict(self.options)}
        return self.inner.classify(figures, settings)


def with_options(classifier: Any, options: dict[str, Any]) -> Any:
    """``classifier``, handed ``options`` with every figures it classifies."""
    return _WithOptions(classifier, options)
