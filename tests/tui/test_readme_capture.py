"""The README's screenshot is what the app draws at 80x24: it cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path

from tui_helpers import screen_text, settle

from kano_tui.tui.app import KanoApp

README = Path(__file__).resolve().parents[2] / "README.md"


async def test_the_readme_shows_the_analysis_screen_as_drawn_at_80x24(smartphone, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    shown = re.search(r"captured at 80×24.*?```text\n(.*?)\n```", README.read_text(), re.S)
    assert shown, "the README's 80x24 capture"
    app = KanoApp(smartphone, first_screen="analysis", remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        drawn = [line.rstrip() for line in screen_text(app).splitlines()]
    assert shown.group(1).splitlines() == drawn
    assert all(len(line) <= 80 for line in drawn) and len(drawn) == 24
