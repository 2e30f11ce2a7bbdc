"""Formatting figures as Rich Text (never markup: user data is drawn literally)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

MISSING = "–"


def number_text(value: float | int | None, digits: int = 2, *, signed: bool = False) -> Text:
    """A right-aligned figure; ``–`` when there is none."""
    if value is None:
        return Text(MISSING, justify="right", style="dim")
    shown = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return Text(shown, justify="right")


def count_width(values: Iterable[float | int | None], minimum: int) -> int:
    """Wide enough for every whole number in ``values`` (a million answers is seven
    digits): a figure cut to fit a fixed width would read as another number."""
    digits = [len(f"{value:.0f}") for value in values if value is not None]
    return max([minimum, *digits])


def plain(text: object) -> Text:
    """User text as a Text, so ``[bold]x[/]`` stays ``[bold]x[/]`` on screen."""
    return Text(str(text), no_wrap=True, overflow="ellipsis")


def choice(label: str) -> Text:
    """A selector's choice on one line: a prompt that wrapped would leave the one-line
    selector blank (``classifier:`` with the name on an invisible second line)."""
    return Text(label, no_wrap=True, overflow="ellipsis", end="")
