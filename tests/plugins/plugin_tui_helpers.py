"""Driving the real app in plugin tests: wait for workers, search the command palette."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList


async def settle(pilot) -> None:
    """Wait until no worker runs and no message is pending."""
    for _ in range(8):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


async def palette_hits(pilot, query: str, wanted: str) -> list[str]:
    """Open the palette, type ``query`` and read the commands it offers (once ``wanted``
    is among them, or when the search has had ample time)."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*["minus" if c == "-" else "space" if c == " " else c for c in query])
    options = pilot.app.screen.query_one(OptionList)
    hits: list[str] = []
    for _ in range(100):  # the palette searches asynchronously
        await pilot.pause()
        hits = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        if any(wanted in hit for hit in hits):
            break
    return hits
