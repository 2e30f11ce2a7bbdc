"""Formatting figures as Rich Text (never markup: user data is drawn literally)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.color import Color
from textual.filter import LineFilter

from kano_tui.visible import is_visible, visible

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
    """User text as a Text, so ``[bold]x[/]`` stays ``[bold]x[/]`` on screen, with its
    control characters shown escaped (``\x1b``), at their true width."""
    return Text(visible(text), no_wrap=True, overflow="ellipsis")


class VisibleControls(LineFilter):
    """The TUI's guard between data and the terminal: every line any widget draws has
    its control characters shown escaped (:func:`kano_tui.visible.visible`), so a name
    holding ``ESC ] 0 ;`` cannot retitle the terminal nor ``ESC [ 2 J`` clear it, on
    every screen, modal, notification and input. Widgets that draw user text through
    :func:`plain` are already escaped at the right width; for the rest the cells the
    escapes add are taken back from the line's trailing blanks."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.control or is_visible(segment.text) for segment in segments):
            return segments
        out: list[Segment] = []
        grown = 0
        for text, style, control in segments:
            if not control and not is_visible(text):
                safe = visible(text)
                grown += cell_len(safe) - cell_len(text)
                text = safe
            out.append(Segment(text, style, control))
        while grown > 0 and out and not out[-1].control:
            text, style, control = out[-1]
            cut = min(grown, len(text) - len(text.rstrip(" ")))
            if cut == 0:
                break
            grown -= cut
            if cut == len(text):
                out.pop()
            else:
                out[-1] = Segment(text[:-cut], style, control)
        return out


def choice(label: str) -> Text:
    """A selector's choice on one line: a prompt that wrapped would leave the one-line
    selector blank (``classifier:`` with the name on an invisible second line)."""
    return Text(visible(label), no_wrap=True, overflow="ellipsis", end="")
