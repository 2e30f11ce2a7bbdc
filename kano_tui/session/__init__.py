"""An open project with its plugins (the :class:`Workspace`), and the exports run on it.

Above the plugin system and below the built-ins: the engine never imports it."""
