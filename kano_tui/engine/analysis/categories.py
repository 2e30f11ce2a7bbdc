"""The Kano categories' letters and names, without numpy: the TUI's first screen draws
them before the analysis modules (``kano_tui.engine.analysis.figures``, which re-exports
both) are imported."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = ("A", "O", "M", "I", "R", "Q")
CATEGORY_NAMES: dict[str, str] = {
    "A": "excitement",
    "O": "performance",
    "M": "must-be",
    "I": "indifferent",
    "R": "reverse",
    "Q": "questionable",
}
