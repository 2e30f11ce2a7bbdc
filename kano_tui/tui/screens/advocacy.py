"""The Advocacy screen (key 5): a placeholder until the journey-and-advocacy work lands.

It will show NPS per wave with its margin of error, CSAT, retention and referrals.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from kano_tui.tui.base import KanoScreen


class AdvocacyScreen(KanoScreen):
    """Placeholder: replaced by the journey-and-advocacy issue."""

    def compose_body(self) -> ComposeResult:
        yield Static("The Advocacy screen is coming: NPS per wave with its margin of error, CSAT, retention and referrals.", classes="placeholder")
