"""Helpers for Pilot tests: wait for workers, read the screen as text."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed


async def settle(pilot: Pilot, rounds: int = 6, *, tolerate_superseded: bool = False) -> None:
    """Wait until no worker runs and no message is pending (workers start workers).

    ``tolerate_superseded``: a worker cancelled or failed because a newer one replaced it
    is waited past instead of raised (screens whose exclusive workers restart often)."""
    app = pilot.app
    for _ in range(rounds):
        try:
            await app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):
            if not tolerate_superseded:
                raise
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


async def run_palette_command(pilot: Pilot, query: str, wanted: str) -> list[str]:
    """Open the palette (ctrl+p), type ``query``, wait for ``wanted`` to be offered and run
    it with enter. Returns the prompts that were offered."""
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    from textual.widgets import Input

    pilot.app.screen.query_one(Input).value = query  # one search, not one per key
    options = pilot.app.screen.query_one(OptionList)
    hits: list[str] = []
    for _ in range(200):  # the palette searches asynchronously
        await pilot.pause()
        hits = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        if hits and hits[0].startswith(wanted):
            break
    assert hits and hits[0].startswith(wanted), hits
    await pilot.press("enter")
    await settle(pilot)
    return hits
