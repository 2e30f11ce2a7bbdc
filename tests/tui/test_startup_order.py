"""What the TUI's start-up does in which order (issue 18): the first figures come first."""

from __future__ import annotations

import threading

from tui_helpers import screen_text, settle

from kano_tui.tui.app import KanoApp
from kano_tui.tui.screens.features import FeaturesScreen


async def test_the_plugins_load_after_the_first_figures_not_beside_the_first_analysis(
    smartphone, monkeypatch
):
    release = threading.Event()  # holds the first analysis until the test has looked
    analysis = FeaturesScreen._analysis
    monkeypatch.setattr(
        FeaturesScreen,
        "_analysis",
        lambda screen, classifier: release.wait(30) and analysis(screen, classifier),
    )
    figures_drawn_when_plugins_load: list[bool] = []
    engine_work = KanoApp._engine_work

    def loading_plugins(app: KanoApp) -> None:
        figures_drawn_when_plugins_load.append(app.screen.analysis is not None)
        engine_work(app)

    monkeypatch.setattr(KanoApp, "_engine_work", loading_plugins)
    app = KanoApp(smartphone, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):  # the first paint, and the refreshes after it
            await pilot.pause()
        assert "Confusing interface" in screen_text(app)
        assert "analysing" in screen_text(app)
        assert not [worker for worker in app.workers if worker.group == "engine"]
        release.set()
        await settle(pilot)
        assert figures_drawn_when_plugins_load == [True]  # once, after the figures
        assert "M    Calls" in screen_text(app)


async def test_a_session_opened_on_another_screen_loads_the_plugins_after_its_first_paint(
    smartphone, monkeypatch
):
    loaded: list[str] = []
    engine_work = KanoApp._engine_work
    monkeypatch.setattr(
        KanoApp, "_engine_work", lambda app: loaded.append(app.current_mode) or engine_work(app)
    )
    app = KanoApp(smartphone, first_screen="journey", remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert loaded == ["journey"]
        await pilot.press("1")
        await settle(pilot)
        assert loaded == ["journey"]  # the Features screen's figures do not load them again
