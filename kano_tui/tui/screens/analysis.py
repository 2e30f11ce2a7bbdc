"""The Analysis screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from kano_tui.tui.base import KanoScreen


class AnalysisScreen(KanoScreen):
    def compose_body(self) -> ComposeResult:
        yield Static("Analysis", classes="placeholder")
