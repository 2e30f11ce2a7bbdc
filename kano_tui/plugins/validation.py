"""What kano checks before a plugin's objects are registered: the members its protocol
requires (read off :mod:`kano_tui.plugins.protocols`, the one statement of the contract),
what a type cannot say (a name is one word, an extension starts with a dot), the hooks'
names and signatures, and the plugin API a plugin declares. Each check returns or raises
one clause naming the problem; :class:`kano_tui.plugins.manager.Plugins` reports it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pluggy

from kano_tui.errors import PluginError
from kano_tui.plugins import hookspecs
from kano_tui.plugins.protocols import PROTOCOLS, members


def problem_with(obj: Any, kind: str) -> str | None:
    """Why ``obj`` is not a valid ``kind`` (one clause), or None when it is.

    The attributes and methods it needs are its protocol's (:func:`protocols.members`);
    the checks below only add what a type annotation cannot say (a name is one word, an
    extension starts with a dot).
    """
    attributes, methods = members(PROTOCOLS[kind])
    shown = kind.replace("_", " ")
    name = getattr(obj, "name", None)
    if not isinstance(name, str) or not name.strip():
        return f"it registered a {shown} without a name (got {obj!r})"
    if name != name.strip() or any(ch.isspace() for ch in name):
        return f"the {shown} name {name!r} contains spaces"
    for attribute in (*attributes, *methods):
        if not hasattr(obj, attribute):
            return f"the {shown} {name!r} has no {attribute!r}"
    if "description" in attributes and not isinstance(obj.description, str):
        return f"the {shown} {name!r} has a description that is not text"
    for method in methods:
        if not callable(getattr(obj, method)):
            return f"the {shown} {name!r} has a {method!r} that cannot be called"
    check = VALUE_CHECKS.get(kind)
    return None if check is None else check(obj, name)


def _extensions_problem(obj: Any, name: str) -> str | None:
    extensions = obj.extensions
    if (
        isinstance(extensions, str)
        or not isinstance(extensions, (tuple, list))
        or not all(isinstance(e, str) and e.startswith(".") for e in extensions)
    ):
        return (
            f"the importer {name!r} has extensions {extensions!r}; expected a tuple like ('.csv',)"
        )
    return None


def _extension_problem(obj: Any, name: str) -> str | None:
    if isinstance(obj.extension, str) and (obj.extension == "" or obj.extension.startswith(".")):
        return None
    return f"the exporter {name!r} has extension {obj.extension!r}; expected text like '.md'"


def _rows_problem(obj: Any, name: str) -> str | None:
    from kano_tui.engine.analysis.evaluation import table_problem

    why = table_problem(obj)
    if why is None:
        return None
    return f"the evaluation table {name!r} is not five rows of five letters: {why}"


def _reach_problem(kind: str) -> Callable[[Any, str], str | None]:
    def check(obj: Any, name: str) -> str | None:
        from kano_tui.plugins.reach import reach_problem

        return reach_problem(obj, kind)

    return check


VALUE_CHECKS: dict[str, Callable[[Any, str], str | None]] = {
    "importer": _extensions_problem,
    "exporter": _extension_problem,
    "evaluation_table": _rows_problem,
    "command": _reach_problem("command"),  # a click command, not any object named so
    "panel": _reach_problem("panel"),  # a title with text in it
}


def api_problem(plugin: object) -> str | None:
    """Why the plugin's declared ``kano_api`` excludes this kano's API, or None."""
    declared = getattr(plugin, "kano_api", None)
    if declared is None:
        return None
    provided = hookspecs.KANO_PLUGIN_API
    if isinstance(declared, bool) or not isinstance(declared, (int, str)):
        return (
            f"its kano_api = {declared!r} is neither a number nor a version specifier like '>=1,<2'"
        )
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
            return (
                f"its kano_api = {declared!r} is not a version specifier (write e.g. '>=1,<2' or 1)"
            )
        if spec.contains(str(provided)):
            return None
        wanted = f"plugin API {declared}"
    return (
        f"it needs kano {wanted} but this kano ({own_version()}) provides plugin API "
        f"{provided}; install a release of the plugin made for API {provided}, or a "
        "kano-tui that provides the API it needs"
    )


def check_hooks(manager: pluggy.PluginManager, plugin: object, name: str) -> None:
    """Refuse a misspelt hook (it would silently do nothing) with a suggestion, and a hook
    taking an argument kano does not pass, naming that argument."""
    known = hook_names()
    for impl_name in dir(plugin):
        try:
            is_hook = manager.parse_hookimpl_opts(plugin, impl_name) is not None
        except Exception:  # noqa: BLE001 - an attribute that raises when read is no hook
            continue
        if not is_hook:
            continue
        if impl_name not in known:
            import difflib  # a did-you-mean: only on the error path

            close = difflib.get_close_matches(impl_name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise PluginError(
                f"Plugin {name!r} implements an unknown hook {impl_name!r}"
                f"{hint}; the hooks are {', '.join(known)}."
            )
        function = getattr(plugin, impl_name)
        spec = getattr(manager.hook, impl_name).spec
        try:
            parameters = inspect.signature(function).parameters.values()
        except (TypeError, ValueError):
            continue  # pluggy has its say when registering
        required = [
            p.name
            for p in parameters
            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        extra = [p for p in required if spec is not None and p not in spec.argnames]
        if extra:
            given = ", ".join(repr(p) for p in extra)
            raise PluginError(
                f"Plugin {name!r}: its hook {impl_name}({', '.join(required)}) takes "
                f"{given}, which kano does not pass; write {impl_name}"
                f"({', '.join(spec.argnames)})."
            )


def no_hook_note(plugin: object, name: str, where: str) -> str:
    """The warning for a plugin that implements no hook, so provides nothing."""
    unmarked = [name for name in hook_names() if callable(getattr(plugin, name, None))]
    hint = (
        f"{', '.join(unmarked)} {'is' if len(unmarked) == 1 else 'are'} not marked @hookimpl"
        if unmarked
        else "mark its hook functions with @hookimpl"
    )
    return (
        f"Plugin {name!r} ({where}) implements no hook and "
        f"provides nothing: {hint} (from kano_tui.plugins import hookimpl)."
    )


def hook_names() -> list[str]:
    """The names of every hook a plugin can implement."""
    return sorted(
        name
        for name in dir(hookspecs)
        if getattr(getattr(hookspecs, name), f"{hookspecs.PROJECT_NAME}_spec", None)
    )


def own_version() -> str:
    from kano_tui import __version__

    return __version__
