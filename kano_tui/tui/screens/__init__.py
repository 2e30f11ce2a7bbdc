"""One screen per module; each is registered once, in ``kano_tui.tui.registry.SCREENS``."""
