"""The Journey screen (key 4): a placeholder until the journey-and-advocacy work lands.

It will show stages as columns, touchpoints as cards, the emotion curve.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from kano_tui.tui.base import KanoScreen


class JourneyScreen(KanoScreen):
    """Placeholder: replaced by the journey-and-advocacy issue."""

    def compose_body(self) -> ComposeResult:
        yield Static("The Journey screen is coming: stages as columns, touchpoints as cards, the emotion curve.", classes="placeholder")
