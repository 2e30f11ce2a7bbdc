"""Helpers for Pilot tests: wait for workers, read the screen as text."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot


async def settle(pilot: Pilot, rounds: int = 6) -> None:
    """Wait until no worker runs and no message is pending (workers start workers)."""
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            await pilot.pause()
            if not any(worker.is_running for worker in app.workers):
                return


def screen_text(app: App) -> str:
    """What the terminal shows, as plain lines (what a user reads)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


async def press_and_settle(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text key by key, as a user would."""
    await pilot.press(*[_key(char) for char in text])


def _key(char: str) -> str:
    names = {" ": "space", "/": "slash", ".": "full_stop", "-": "minus", "[": "left_square_bracket",
             "]": "right_square_bracket", ",": "comma", "_": "underscore", ":": "colon",
             "=": "equals_sign", "~": "tilde"}
    return names.get(char, char)
