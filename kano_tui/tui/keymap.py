"""The user's own keys: ``[keymap]`` in the user config maps binding ids to keys.

Every binding of the app has an id, ``<where>.<what>`` (``app.save``, ``screen.features``,
``features.add``, ``form.save``...; docs/tui.md lists them all). The user config
(``~/.config/kano-tui/config.toml``, or ``$KANO_CONFIG_DIR``) may remap any of them::

    [keymap]
    "app.save" = "ctrl+w"
    "features.add" = "n,insert"    # several keys: comma-separated

The keymap is Textual's (``App.set_keymap``): the footer, the help (``?``) and the header's
screen tabs show the keys in effect. A value that is not a key string, or an id no binding
has (a typo), is reported once as a warning and ignored.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App

KEYMAP = "keymap"  # the user config's table
# Modules whose classes carry bindings beside the app and the screens of the registry.
BINDING_MODULES = (
    "kano_tui.tui.forms",
    "kano_tui.tui.journey_forms",
    "kano_tui.tui.feature_detail",
    "kano_tui.tui.importing",
    "kano_tui.tui.modals",
    "kano_tui.tui.widgets.row_table",
    "kano_tui.tui.widgets.virtual_table",
)


def user_keymap(config: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """The ``[keymap]`` of a user config, and a sentence for each entry left out."""
    table = config.get(KEYMAP, {})
    if not isinstance(table, Mapping):
        return {}, [
            "The user config's keymap must be a table of binding ids and keys; it is ignored."
        ]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[str(binding_id)] = keys.replace(" ", "")
        else:
            problems.append(
                f"The user config's keymap gives {binding_id!r} the value "
                f'{keys!r}, not a key (e.g. "ctrl+w"); it is ignored.'
            )
    return keymap, problems


def bindings(app_class: type) -> Iterator[tuple[type, Binding]]:
    """Every binding of the app, its screens and dialogs, with the class declaring it."""
    from kano_tui.tui.registry import SCREENS

    classes: list[type] = [app_class]
    for entry in SCREENS.values():
        try:
            classes.append(entry.load())
        except Exception:  # noqa: BLE001 - a screen that fails to import has no keys
            continue
    for name in BINDING_MODULES:
        module = importlib.import_module(name)
        classes += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == name and "BINDINGS" in value.__dict__
        ]
    seen: set[type] = set()
    for cls in classes:
        for owner in cls.__mro__:
            if owner.__module__.startswith("textual.") or owner in seen:
                continue
            seen.add(owner)
            for binding in Binding.make_bindings(owner.__dict__.get("BINDINGS", [])):
                yield owner, binding


def binding_ids(app_class: type) -> set[str]:
    return {binding.id for _, binding in bindings(app_class) if binding.id}


def unknown_ids(keymap: Mapping[str, str], app_class: type) -> list[str]:
    """A sentence for each keymap id that no binding has."""
    known = binding_ids(app_class)
    return [
        f"The user config's keymap names {binding_id!r}, which no key binding has "
        "(docs/tui.md lists them); it is ignored."
        for binding_id in keymap
        if binding_id not in known
    ]


def key_in_effect(app: App, binding: Binding) -> Binding:
    """The binding as it answers now: with the keymap's keys in place of its own."""
    mapped = _keymap(app).get(binding.id) if binding.id else None
    return (
        binding
        if not mapped
        else Binding(
            mapped.split(",")[0],
            binding.action,
            binding.description,
            show=binding.show,
            id=binding.id,
        )
    )


def key_display(app: App, binding_id: str, default: str) -> str:
    """How to show the key of the binding ``binding_id`` (``default`` without a keymap
    entry): ``"1"``, ``"^s"``... (the header's screen tabs, the palette's titles)."""
    mapped = _keymap(app).get(binding_id)
    if not mapped:
        return default
    return app.get_key_display(Binding(mapped.split(",")[0], ""))


def _keymap(app: App) -> Mapping[str, str]:
    keymap = getattr(app, "keymap", None)  # KanoApp's (another app: none)
    return keymap if isinstance(keymap, Mapping) else {}
