"""Plugins' tabs on the Analysis screen (the ``register_panels`` hook).

Each registered panel gets a tab after the built-in ones; whenever the screen has a new
analysis, the panel's ``render`` runs in a worker (``kano_tui.plugins.reach``) once its
tab is shown (a panel's work, and what it imports, waits until someone looks at it) and
its Rich renderable is drawn in a scrollable view. A panel that raises disables its plugin:
its tab says so once, pointing at the Plugins screen, and goes when the plugin's
registrations are withdrawn.
"""

from __future__ import annotations

import re
import weakref
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
        self._pending = analysis  # to render when the tab is shown
        self._visible = False
        self.rendered: Any = None  # what the panel's render last returned

    def on_show(self) -> None:
        self._visible = True
        self._render_pending()

    def on_hide(self) -> None:
        self._visible = False

    def compose(self) -> ComposeResult:
        yield Static(Text("waiting for the analysis…", style="dim"), classes="panel-body")

    def show(self, analysis: Analysis) -> None:
        """Render ``analysis`` now if the tab is shown, else when it is."""
        self._pending = analysis
        self._render_pending()

    def _render_pending(self) -> None:
        analysis = self._pending
        if analysis is None or not self._visible or not self.is_mounted:
            return
        self._pending = None
        self.query_one(".panel-body", Static).update(Text("rendering…", style="dim"))
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


# The panel views each TabbedContent was given (a pane is added asynchronously: a query
# right after add_pane does not find it yet, and a second sync would add it twice).
_VIEWS: weakref.WeakKeyDictionary[TabbedContent, dict[str, PluginPanelView]] = (
    weakref.WeakKeyDictionary()
)


def sync_panels(tabs: TabbedContent, plugins: Any, analysis: Analysis | None) -> None:
    """One tab per registered panel (new ones added, withdrawn ones removed), each
    redrawn from ``analysis``."""
    panels = dict(plugins.registry.get("panel", {}))
    wanted = {pane_id(name): name for name in panels}
    views = _VIEWS.setdefault(tabs, {})
    for pane in list(tabs.query(TabPane)):
        if pane.id and pane.id.startswith(PANE_PREFIX) and pane.id not in wanted:
            tabs.remove_pane(pane.id)
    for gone in set(views) - set(wanted):
        del views[gone]
    for wanted_id, name in wanted.items():
        view = views.get(wanted_id)
        if view is None:
            views[wanted_id] = view = PluginPanelView(name, analysis, id=f"{wanted_id}-view")
            tabs.add_pane(TabPane(str(panels[name].title), view, id=wanted_id))
        elif analysis is not None:
            view.show(analysis)


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
