"""Driving the real app in tests: the TUI tests' helpers, waiting a little longer and past
superseded workers (the journey and advocacy screens restart exclusive workers often)."""

from __future__ import annotations

from textual.pilot import Pilot

from kano_tui.testing import screen_text
from kano_tui.testing import settle as _settle

__all__ = ["press", "screen_text", "settle"]


async def settle(pilot: Pilot, rounds: int = 8) -> None:
    await _settle(pilot, rounds, tolerate_superseded=True)


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one by one, letting the app settle after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
