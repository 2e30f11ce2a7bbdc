"""The plugin system: hook specifications, protocols and the manager.

What a plugin imports::

    from kano_tui.plugins import PluginOption, hookimpl  # PluginOption: register_options

Everything else (the manager, discovery, trust) is kano's own business; see
``docs/plugins.md``.
"""

from kano_tui.plugins.hookspecs import KANO_PLUGIN_API, hookimpl
from kano_tui.plugins.options import PluginOption

__all__ = ["KANO_PLUGIN_API", "PluginOption", "hookimpl"]
