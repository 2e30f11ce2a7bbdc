"""Smoke test in a real pseudo-terminal: `kano PROJECT` starts, switches screens, quits.

The whole program runs as a separate process (pexpect) and its output is fed to a
terminal emulator (pyte), so what is checked is what a user's 80x24 terminal shows.
"""

from __future__ import annotations

import sys

import pexpect
import pytest
from pty_terminal import COLUMNS, LINES, Terminal, spawn_kano


@pytest.mark.slow
def test_kano_opens_a_project_switches_screens_and_quits_in_a_real_terminal(
    sample_copy, user_config
):
    project = sample_copy("smartphone")
    terminal = spawn_kano(project, user_config)
    child = terminal.child
    try:
        terminal.wait_for("1 Features")
        terminal.wait_for("Confusing interface")
        terminal.wait_for("M    Calls")  # the analysis arrived from its worker
        child.send("2")
        terminal.wait_for("837 respondents")
        child.send("3")
        terminal.wait_for("classifier mode")
        terminal.wait_for("Backlog")
        terminal.wait_for("-0.78")  # Calls' Worse: the figures arrived, at 80 columns
        header = next(
            line for line in terminal.screen.display if "Feature" in line and "Cat" in line
        )
        assert {"n", "Better", "Worse", "Sig."} <= set(header.split()), header
        assert "q Quit" in terminal.screen.display[-1] and "^s Save" in terminal.screen.display[-1]
        child.send("p")
        terminal.wait_for("O performance")
        child.send("?")
        terminal.wait_for("Everywhere")
        child.send("?")  # closes the help (a lone escape would wait to be told from alt+key)
        child.send("1")
        terminal.wait_for("a Add")
        child.send("a")
        terminal.wait_for("Add a feature")
        child.send("Eco mode\x13")  # typed and saved at once, as a fast typist does
        terminal.wait_for("● unsaved")
        terminal.wait_for("Eco mode")
        child.send("q")
        terminal.wait_for("unsaved changes")
        child.send("d")  # quit without saving
        assert terminal.drain_until_exit() == 0
    finally:
        if child.isalive():
            child.terminate(force=True)
    assert "Eco mode" not in (project / "kano.toml").read_text()


@pytest.mark.slow
def test_kano_reports_a_missing_project_in_one_sentence(tmp_path, user_config):
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kano_tui.cli.main", str(tmp_path / "nope")],
        dimensions=(LINES, COLUMNS),
        timeout=60,
    )
    terminal = Terminal(child)
    try:
        assert terminal.drain_until_exit() == 1
        shown = "".join(line.strip() for line in terminal.screen.display)
        assert shown.startswith("kano:") and "nosuchcommandorproject" in shown.replace(" ", "")
        assert "Traceback" not in terminal.text
    finally:
        if child.isalive():
            child.terminate(force=True)
