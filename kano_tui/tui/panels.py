"""Plugins' tabs on the Analysis screen (the ``register_panels`` hook).

Each registered panel gets a tab after the built-in ones; whenever the screen has a new
analysis, every panel's ``render`` runs in a worker (``kano_tui.plugins.reach``) and its
Rich renderable is drawn in a scrollable view. A panel that raises disables its plugin:
its tab says so once, pointing at the Plugins screen, and goes when the plugin's
registrations are withdrawn.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from kano_tui.tui.workers import ThreadWork

if TYPE_CHECKING:
    from kano_tui.engine.analysis.figures import Analysis

PANE_PREFIX = "panel-"


class PluginPanelView(VerticalScroll, ThreadWork, can_focus=True):
    """One plugin panel: what its ``render`` returned for the current analysis."""

    DEFAULT_CSS = "PluginPanelView { height: 1fr; } PluginPanelView > Static { width: auto; }"

    def __init__(self, panel: str, analysis: Analysis | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.panel = panel
        self._first = analysis
        self.rendered: Any = None  # what the panel's render last returned

    def on_mount(self) -> None:
        if self._first is not None:
            self.show(self._first)

    def compose(self) -> ComposeResult:
        yield Static(Text("waiting for the analysis…", style="dim"), classes="panel-body")

    def show(self, analysis: Analysis) -> None:
        self.run_in_thread(
            partial(self._panel_renderable, analysis),
            self._rendered,
            failed=self._failed,
            group="plugin-panel",
        )

    def _panel_renderable(self, analysis: Analysis) -> Any:
        from kano_tui.plugins.reach import PanelContext, render_panel

        workspace = self.app.workspace  # type: ignore[attr-defined]
        context = PanelContext(
            workspace.options_for("panel", self.panel),
            workspace.project.settings,
            workspace.project,
        )
        return render_panel(workspace.plugins, self.panel, analysis, context)

    def _failed(self, error: BaseException) -> None:  # reported once by run_in_thread
        self.query_one(".panel-body", Static).update(
            Text(f"{error}\nThe Plugins screen (ctrl+p, Plugins) lists it.", style="bold red")
        )

    def _rendered(self, rendered: Any) -> None:
        self.rendered = rendered
        self.query_one(".panel-body", Static).update(
            Text(rendered) if isinstance(rendered, str) else rendered
        )


def pane_id(name: str) -> str:
    """A widget id for the panel ``name`` (ids allow letters, digits, - and _ only)."""
    return PANE_PREFIX + re.sub(r"[^A-Za-z0-9_-]", "_", name)


def sync_panels(tabs: TabbedContent, plugins: Any, analysis: Analysis | None) -> None:
    """One tab per registered panel (new ones added, withdrawn ones removed), each
    redrawn from ``analysis``."""
    panels = dict(plugins.registry.get("panel", {}))
    wanted = {pane_id(name): name for name in panels}
    for pane in list(tabs.query(TabPane)):
        if pane.id and pane.id.startswith(PANE_PREFIX) and pane.id not in wanted:
            tabs.remove_pane(pane.id)
    for wanted_id, name in wanted.items():
        views = tabs.query(f"#{wanted_id} PluginPanelView")
        if not views:
            view = PluginPanelView(name, analysis, id=f"{wanted_id}-view")
            tabs.add_pane(TabPane(str(panels[name].title), view, id=wanted_id))
        elif analysis is not None:
            views.first(PluginPanelView).show(analysis)


def next_panel(tabs: TabbedContent) -> bool:
    """Activate (and focus) the plugin tab after the current one; False if there is none."""
    ids = [pane.id for pane in tabs.query(TabPane) if pane.id and pane.id.startswith(PANE_PREFIX)]
    if not ids:
        return False
    current = tabs.active
    chosen = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
    tabs.active = chosen
    tabs.query_one(f"#{chosen} PluginPanelView").focus()
    return True
