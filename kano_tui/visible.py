"""Text from data, made safe to draw on a terminal.

A feature name, a segment value or a KPI label is data: it may hold an escape sequence
that would retitle the terminal, clear the screen or move the cursor if written as is.
:func:`visible` shows every control character as a visible escape (``ESC`` becomes the
four characters ``\\x1b``), so the text reads as written and the terminal obeys none
of it. It is the one sanitiser: the CLI's terminal output (``kano_tui.cli.terminal``)
and the TUI's text (``kano_tui.tui.text.plain``) both use it.

Escaped: the C0 controls (U+0000-U+001F), DEL, the C1 controls (U+0080-U+009F; U+009B
starts a sequence on many terminals like ``ESC [``) and the bidirectional overrides and
isolates that can make text display in another order than it is stored.
"""

from __future__ import annotations

_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ALL = {code: _escape(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), *_BIDI)}
# Multi-line text (a command's output) keeps its line breaks and tabs.
_LINES = {code: text for code, text in _ALL.items() if code not in (0x09, 0x0A)}


def visible(text: object) -> str:
    """``text`` as one line with every control character shown escaped."""
    return str(text).translate(_ALL)


def visible_lines(text: str) -> str:
    """Like :func:`visible`, but keeping line breaks and tabs (whole lines of output)."""
    return text.translate(_LINES)


def is_visible(text: str) -> bool:
    """Whether ``text`` holds no character :func:`visible_lines` would escape."""
    return text.translate(_LINES) == text
