"""NO_COLOR with the plot widgets: Textual's Monochrome filter assumed every segment has a
style, and textual-hires-canvas emits some without one, so the Advocacy screen crashed."""

from __future__ import annotations

import shutil

from textual.filter import Monochrome

from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from tests.conftest import SAMPLES


async def test_every_screen_with_plots_draws_under_no_color(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    shutil.copytree(SAMPLES / "smartphone", tmp_path / "smartphone")
    app = KanoApp(
        Workspace.open(tmp_path / "smartphone"), first_screen="advocacy", remember_theme=False
    )
    assert any(isinstance(f, Monochrome) for f in app._filters)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10):
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "NPS" in app.export_screenshot()
        for key in ("]", "]", "3", "p", "4", "5"):
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.return_code is None  # still running: nothing crashed
        assert app.is_running
