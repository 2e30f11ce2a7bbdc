"""The CLI's one guard between data and the terminal.

When standard output or standard error is a terminal, :func:`guard_terminal` wraps it
so that everything written -- every command's text, tables, errors, even JSON or CSV
printed to the screen -- has its control characters shown escaped
(:func:`kano_tui.visible.visible_lines`): a feature name holding ``ESC ] 0 ;`` cannot
retitle the terminal, one holding ``ESC [ 2 J`` cannot clear it. Output to a file or a
pipe is left byte-for-byte as it is (a CSV export piped to a file keeps its data).

Rich tables style their output with escape sequences of their own, so they are printed
by :func:`console`, whose text is escaped segment by segment before Rich adds styles.
"""

from __future__ import annotations

import io
import sys
from typing import TYPE_CHECKING, Any, TextIO

from kano_tui.visible import visible_lines

if TYPE_CHECKING:
    from rich.console import Console


class TerminalText(io.TextIOBase):
    """A text stream that escapes control characters on their way to a terminal."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(visible_lines(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.raw.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.raw.errors

    @property
    def buffer(self) -> Any:
        """Bytes written to the terminal are decoded and escaped like text."""
        return _TerminalBytes(self)

    def writable(self) -> bool:
        return True


class _TerminalBytes(io.RawIOBase):
    def __init__(self, text: TerminalText) -> None:
        self.text = text

    def write(self, data: Any) -> int:
        self.text.write(bytes(data).decode(self.text.encoding or "utf-8", errors="replace"))
        return len(data)

    def flush(self) -> None:
        self.text.flush()

    def writable(self) -> bool:
        return True


def guard_terminal() -> None:
    """Wrap ``sys.stdout`` and ``sys.stderr`` when they are terminals (idempotent)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, TerminalText):
            continue
        try:
            terminal = stream.isatty()
        except (AttributeError, ValueError):
            continue
        if terminal:
            setattr(sys, name, TerminalText(stream))


def raw_stream(stream: TextIO) -> TextIO:
    return stream.raw if isinstance(stream, TerminalText) else stream


def console(**options: Any) -> Console:
    """A Rich console for the CLI's tables: writes to the terminal itself, with every
    text segment escaped before Rich styles it (Rich's own control codes pass)."""
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def _render_buffer(self, buffer: Any) -> str:
            return super()._render_buffer(
                segment
                if segment.control
                else Segment(visible_lines(segment.text), segment.style, segment.control)
                for segment in buffer
            )

    options.setdefault("file", raw_stream(sys.stdout))
    return SafeConsole(**options)
