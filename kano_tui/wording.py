"""Counted nouns in messages: "1 respondent", "1,200 respondents" (CLI, TUI and engine)."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None, *, grouped: bool = True) -> str:
    """``number`` and ``noun``, made plural unless it is one; ``grouped`` writes
    thousands separators (the TUI does; the CLI's output stays plain for scripts)."""
    shown = f"{number:,}" if grouped else str(number)
    return f"{shown} {noun if number == 1 else plural or noun + 's'}"
