"""The plugin system: hook specifications, protocols and the manager.

What a plugin imports::

    from kano_tui.plugins import hookimpl

Everything else (the manager, discovery, trust) is kano's own business; see
``docs/plugins.md``.
"""

from kano_tui.plugins.hookspecs import KANO_PLUGIN_API, hookimpl

__all__ = ["KANO_PLUGIN_API", "hookimpl"]
