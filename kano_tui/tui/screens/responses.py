"""The Responses screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from kano_tui.tui.base import KanoScreen


class ResponsesScreen(KanoScreen):
    def compose_body(self) -> ComposeResult:
        yield Static("Responses", classes="placeholder")
