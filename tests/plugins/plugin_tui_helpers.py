"""Driving the real app in plugin tests: kano_tui.testing's helpers, as plugin authors use
them (wait for workers, search the command palette)."""

from __future__ import annotations

from kano_tui.testing import palette_hits, settle

__all__ = ["palette_hits", "settle"]
