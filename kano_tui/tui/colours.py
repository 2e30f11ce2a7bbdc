"""The one set of Kano category colours, used by every screen.

Colours come from theme variables, so they follow the user's theme; each category also
has its letter, so nothing depends on colour alone (NO_COLOR, colour-blind users).
Widgets style with the CSS classes in :data:`CATEGORY_CSS`; Rich renderables (table cells,
plots) with :func:`category_style`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from textual.app import App

# Kano diagrams traditionally draw must-be red, performance blue, excitement green.
CATEGORY_VARIABLES: dict[str, str] = {
    "M": "error",
    "O": "primary",
    "A": "success",
    "I": "foreground-muted",
    "R": "warning",
    "Q": "accent",
}

CATEGORY_CSS = "\n".join(
    f".category--{letter} {{ color: ${variable}; text-style: bold; }}"
    for letter, variable in CATEGORY_VARIABLES.items()
)


def theme_variables(app: App) -> dict[str, str]:
    """The current theme's CSS variables (cached per theme: computing them is not free)."""
    cached = _VARIABLES.get(app.theme)
    if cached is None:
        cached = _VARIABLES[app.theme] = app.get_css_variables()
    return cached


_VARIABLES: dict[str, dict[str, str]] = {}


def category_colours(app: App) -> dict[str, str]:
    """Each category's colour as ``#rrggbb`` in the current theme (alpha blended onto the
    background, as Rich styles take no alpha). Cached per theme."""
    cached = _COLOURS.get(app.theme)
    if cached is not None:
        return cached
    from textual.color import Color

    variables = theme_variables(app)
    background = Color.parse(variables.get("background", "#000000"))
    colours = {}
    for letter, variable in CATEGORY_VARIABLES.items():
        try:
            colours[letter] = (background + Color.parse(variables[variable])).hex6
        except Exception:  # noqa: BLE001 - a theme without the variable: no colour
            continue
    _COLOURS[app.theme] = colours
    return colours


_COLOURS: dict[str, dict[str, str]] = {}


def category_style(app: App, letter: str | None) -> Style:
    """The Rich style of a category in the app's current theme (bold, coloured)."""
    if not letter or letter not in CATEGORY_VARIABLES:
        return Style(dim=True)
    colour = category_colours(app).get(letter)
    return Style(color=colour, bold=True) if colour else Style(bold=True)


def category_text(app: App, letter: str | None, *, long: bool = False) -> Text:
    """``M`` or ``M must-be``, styled; ``–`` when a feature has no category yet."""
    if not letter:
        return Text("–", style=Style(dim=True))
    from kano_tui.engine.analysis.categories import CATEGORY_NAMES

    label = f"{letter} {CATEGORY_NAMES.get(letter, '')}".rstrip() if long else letter
    return Text(label, style=category_style(app, letter))
