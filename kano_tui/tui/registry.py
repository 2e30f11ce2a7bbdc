"""The app's top-level screens, in the order of their keys (the header, the palette, the
help and the bindings all read this one table).

Each :class:`ScreenEntry` names its class as ``"module:Class"``, imported the first time
the screen is shown (so starting up pays only for the first screen). To add a screen, add
one line to :data:`SCREENS`; the app makes it a Textual *mode*.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kano_tui.tui.base import KanoScreen


@dataclass(frozen=True)
class ScreenEntry:
    """A top-level screen: its key (None: reachable from the palette only), its title in
    the header, and where its class lives (``"module:Class"``, imported lazily)."""

    key: str | None
    title: str
    target: str
    description: str

    def load(self) -> type[KanoScreen]:
        module, _, name = self.target.partition(":")
        screen: type[KanoScreen] = getattr(importlib.import_module(module), name)
        return screen


SCREENS: dict[str, ScreenEntry] = {
    "features": ScreenEntry(
        "1",
        "Features",
        "kano_tui.tui.screens.features:FeaturesScreen",
        "The feature catalogue with each feature's category",
    ),
    "responses": ScreenEntry(
        "2",
        "Responses",
        "kano_tui.tui.screens.responses:ResponsesScreen",
        "Import survey files and browse respondents",
    ),
    "analysis": ScreenEntry(
        "3",
        "Analysis",
        "kano_tui.tui.screens.analysis:AnalysisScreen",
        "Kano figures, plots and the prioritised backlog",
    ),
    "journey": ScreenEntry(
        "4",
        "Journey",
        "kano_tui.tui.screens.journey:JourneyScreen",
        "The customer journey: stages, touchpoints, emotions",
    ),
    "advocacy": ScreenEntry(
        "5",
        "Advocacy",
        "kano_tui.tui.screens.advocacy:AdvocacyScreen",
        "NPS, CSAT, retention and referrals wave after wave",
    ),
    "plugins": ScreenEntry(
        None,
        "Plugins",
        "kano_tui.tui.screens.plugins:PluginsScreen",
        "Every plugin: origin, version, what it provides, failures",
    ),
}
FIRST_SCREEN = "features"
