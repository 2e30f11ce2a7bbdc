"""Every form keeps what a fast typist types: the text and ctrl+s arrive in one write to a
real terminal, and the saved kano.toml has every character (ctrl+s is not a priority
binding in kano_tui.tui.forms, so it waits for the keys typed before it)."""

from __future__ import annotations

import tomllib

import pytest
from pty_terminal import spawn_kano

CTRL_S = "\x13"
FEATURE = "Eco mode typed at speed 0123456789"
TOUCHPOINT = "Unboxing video typed at speed 0123456789"
PERIOD = "2031 H2 typed at speed 0123456789"


@pytest.mark.slow
def test_the_feature_touchpoint_and_kpi_forms_save_every_character_typed_fast(
    sample_copy, user_config
):
    project = sample_copy("smartphone")
    terminal = spawn_kano(project, user_config)
    child = terminal.child
    try:
        terminal.wait_for("a Add")
        child.send("a")
        terminal.wait_for("Add a feature")
        child.send(FEATURE + CTRL_S)  # typed and saved in one write, as a fast typist does
        terminal.wait_for("● unsaved")

        child.send("4")
        terminal.wait_for("a Add")
        child.send("a")
        terminal.wait_for("Add a touchpoint")
        child.send(TOUCHPOINT + CTRL_S)
        terminal.wait_until_gone("Add a touchpoint")  # saved: the form closed

        child.send("5")
        terminal.wait_for("Add period")
        child.send("a")
        terminal.wait_for("Add a KPI period")
        child.send(PERIOD + CTRL_S)
        terminal.wait_until_gone("Add a KPI period")

        child.send(CTRL_S)  # the project: kano.toml written
        terminal.wait_for("Saved")
        child.send("q")
        assert terminal.drain_until_exit() == 0
    finally:
        if child.isalive():
            child.terminate(force=True)
    saved = tomllib.loads((project / "kano.toml").read_text(encoding="utf-8"))
    assert FEATURE in [feature["name"] for feature in saved["features"]]
    touchpoints = [point["name"] for point in saved["journey"]["touchpoints"]]
    assert TOUCHPOINT in touchpoints, touchpoints
    periods = [period["label"] for period in saved["advocacy"]["kpi_periods"]]
    assert PERIOD in periods, periods
