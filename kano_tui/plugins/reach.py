"""What plugins add beyond classifiers, importers and exporters: commands and panels.

Both are registered like every kind (``manager.KINDS``), so a bad one disables its
plugin and a failed plugin's are withdrawn. This module checks them and runs a panel's
``render`` under the plugin guard; the CLI (``kano_tui.cli.plugin_commands``) and the
TUI (``kano_tui.tui.panels``) only show what comes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kano_tui.engine.analysis.figures import Analysis
    from kano_tui.engine.project.model import Project, Settings
    from kano_tui.plugins.manager import Plugins


def reach_problem(obj: Any, kind: str) -> str | None:
    """What a command's or panel's protocol cannot say (one clause), or None: a command is
    a click command, a panel's title has text in it. The members each needs are checked
    first, from :mod:`kano_tui.plugins.protocols`."""
    name = obj.name
    if kind == "command":
        import click

        if not isinstance(obj, click.Command):
            return (
                f"the command {name!r} is a {type(obj).__name__}, not a click command "
                "(decorate a function with @click.command())"
            )
        return None
    title = getattr(obj, "title", None)
    if not isinstance(title, str) or not title.strip():
        return f"the panel {name!r} has no title (the label of its tab)"
    return None


def description_of(obj: Any) -> str:
    """One line about a registered object: its description, or a command's short help."""
    short_help = getattr(obj, "get_short_help_str", None)
    if callable(short_help):
        return str(short_help(limit=60))
    return str(getattr(obj, "description", "") or "")


@dataclass(frozen=True)
class PanelContext:
    """What a panel's ``render(analysis, context)`` is handed besides the analysis."""

    options: dict[str, Any]  # the plugin's option values ([plugins.PLUGIN])
    settings: Settings  # the project's [settings] (unknown keys in settings.extra)
    project: Project


def render_panel(plugins: Plugins, name: str, analysis: Analysis, context: PanelContext) -> Any:
    """The panel's renderable for ``analysis``; a panel that raises disables its plugin
    (the PluginError says so), as does one that returns nothing."""
    from kano_tui.plugins.manager import ContractViolation

    panel = plugins.get("panel", name)
    with plugins.guard("panel", name):
        rendered = panel.render(analysis, context)
        if rendered is None:
            raise ContractViolation(
                f"panel {name!r} returned None, not a Rich renderable "
                "(return a Text, a Table or a string)"
            )
    return rendered


def options_of(plugins: Plugins, kind: str, name: str, resolved: Any) -> dict[str, Any]:
    """The option values of the plugin that registered the ``kind`` called ``name``."""
    owner = plugins.owner.get((kind, name))
    if owner is None or resolved is None:
        return {}
    return dict(resolved.of(owner))
