"""Terminals that cannot be hijacked: control characters from data -- an escape
sequence that retitles the terminal or clears it, in a feature name, a segment, a wave,
a touchpoint, a persona, a KPI label -- never reach the terminal raw, from any command
or any TUI screen; they are shown visibly escaped (``\\x1b``)."""

from __future__ import annotations

import contextlib
import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kano_tui.engine.project.model import KpiPeriod, Persona, Touchpoint
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.visible import visible, visible_lines
from tests.reliability.test_recovery import settle

EVIL = "\x1b]0;PWNED\x07\x1b[2J\x9b2J\u202e"  # retitle, clear (ESC and C1), reverse text
SHOWN = visible(EVIL)  # what a user sees: \x1b]0;PWNED\x07\x1b[2J\x9b2J\u202e
RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # the colours kano's own tables use


def assert_safe(output: str, where: str) -> None:
    raw = RICH_STYLE.sub("", output)
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in raw, f"{where}: {bad!r} reached the terminal raw"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A project whose every kind of name holds EVIL."""
    workspace = Workspace.create(tmp_path / "hostile", f"Phones{EVIL}")
    source = tmp_path / "survey.csv"
    rows = [f"r{i},seg{EVIL},w{i % 2}{EVIL},{i % 11},like,dislike,expect,dislike" for i in range(6)]
    source.write_text(
        "respondent,segment,wave,nps,camera.functional,camera.dysfunctional,"
        "battery.functional,battery.dysfunctional\n" + "\n".join(rows) + "\n"
    )
    workspace.import_file(source)
    project = workspace.project
    project.features[0].name = f"Camera{EVIL}"
    stage = project.stages[0].id
    project.touchpoints.append(
        Touchpoint(
            id="ad", stage=stage, name=f"Ad{EVIL}", channel=f"web{EVIL}", features=["camera"]
        )
    )
    project.personas.append(Persona(id="ada", name=f"Ada{EVIL}", emotions={"ad": 1}))
    project.kpi_periods.append(
        KpiPeriod(label=f"Q1{EVIL}", customers_start=10, customers_end=12, customers_new=3)
    )
    workspace.save()
    workspace.close()
    return workspace.directory


P = "{project}"
COMMANDS = [
    ["features", "list", P],
    ["backlog", P],
    ["journey", P],
    ["questionnaire", P],
    ["advocacy", P],
    ["advocacy", P, "--by", "segment"],
    ["analyze", P],
    ["analyze", P, "--by", "segment"],
    ["analyze", P, "--by", "wave"],
    ["imports", P],
    ["touchpoint", "list", P],
    ["persona", "list", P],
    ["kpi", "list", P],
    ["stage", "list", P],
    ["analyze", P, "--format", "csv"],
    ["export", P, "--exporter", "csv", "-o", "-"],
    ["features", "remove", P, f"Nothing{EVIL}"],  # the error names the value
]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_command_writes_datas_control_characters_to_a_terminal(hostile: Path) -> None:
    from kano_tui.cli.main import main

    shown_escaped = 0
    for command in COMMANDS:
        args = [str(hostile) if arg == P else arg for arg in command]
        out, err = FakeTerminal(), FakeTerminal()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
        assert code in (0, 1), (args, err.getvalue())
        assert_safe(out.getvalue() + err.getvalue(), " ".join(args))
        shown_escaped += "\\x1b]0;PWNED" in out.getvalue() + err.getvalue()
    assert shown_escaped >= len(COMMANDS) // 2  # shown escaped, not dropped (some wrap)


def test_output_to_a_file_or_pipe_keeps_the_data_exactly(hostile: Path) -> None:
    from tests.reliability.conftest import run_main

    result = run_main("analyze", hostile, "--format", "csv")
    assert EVIL.replace("\u202e", "") in result.stdout.replace("\u202e", "")


def test_a_real_terminal_gets_the_names_escaped(hostile: Path) -> None:
    """`kano features list` in a pty, as a user runs it."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kano_tui.cli.main", "features", "list", str(hostile)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "COLUMNS": "80"},
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    text = output.decode("utf-8", "replace")
    assert_safe(text, "features list in a pty")
    assert "Camera\\x1b]0;PWNED\\x07\\x1b[2J" in text


def _screen_text(app: KanoApp) -> str:
    return "\n".join(
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    )


async def test_no_tui_screen_draws_datas_control_characters(hostile: Path) -> None:
    workspace = Workspace.open(hostile, lock=True)
    app = KanoApp(workspace, remember_theme=False)
    seen = 0
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("1", "2", "3", "4", "5", "question_mark", "escape", "ctrl+p"):
            await pilot.press(key)
            await settle(pilot)
            text = _screen_text(app)
            assert_safe(text, f"the TUI after {key}")
            seen += "\\x1b" in text
        await pilot.press("escape", "1", "e")  # the feature form holds the name
        await settle(pilot)
        assert_safe(_screen_text(app), "the feature form")
    workspace.close()
    assert seen >= 4


def test_the_sanitiser_escapes_every_control_character_and_nothing_else() -> None:
    controls = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0)]))
    assert visible(controls).isprintable()
    assert visible("Café, 寿司 and [bold]x[/]") == "Café, 寿司 and [bold]x[/]"
    assert visible_lines("a\tb\nc\x1b") == "a\tb\nc\\x1b"
