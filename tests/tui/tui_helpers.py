"""Helpers for Pilot tests: kano_tui.testing's (the ones plugin authors get too)."""

from __future__ import annotations

from kano_tui.testing import (
    palette_hits,
    press_and_settle,
    run_palette_command,
    screen_text,
    settle,
    type_text,
)

__all__ = [
    "palette_hits",
    "press_and_settle",
    "run_palette_command",
    "screen_text",
    "settle",
    "type_text",
]
