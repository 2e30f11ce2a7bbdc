"""A real pseudo-terminal for tests: the program runs as its own process (pexpect) and its
output is fed to a terminal emulator (pyte), so a test reads what an 80x24 terminal shows."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pexpect
import pyte

COLUMNS, LINES = 80, 24


class Terminal:
    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, wanted: str, timeout: float = 60) -> None:
        """Read the program's output until ``wanted`` is on screen."""
        deadline = time.monotonic() + timeout
        while wanted not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"{wanted!r} never appeared; the screen shows:\n{self.text}")
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.5))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                raise AssertionError(
                    f"kano exited before showing {wanted!r}:\n{self.text}"
                ) from None

    def wait_until_gone(self, unwanted: str, timeout: float = 60) -> None:
        """Read the program's output until ``unwanted`` is no longer on screen."""
        deadline = time.monotonic() + timeout
        while unwanted in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"{unwanted!r} stayed; the screen shows:\n{self.text}")
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.5))
            except (pexpect.TIMEOUT, pexpect.EOF):
                continue

    def drain_until_exit(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.child.isalive():
            if time.monotonic() > deadline:
                raise AssertionError(f"kano did not exit; the screen shows:\n{self.text}")
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.5))
            except (pexpect.TIMEOUT, pexpect.EOF):
                continue
        self.child.close()
        return self.child.exitstatus


def spawn_kano(project: Path, user_config: Path) -> Terminal:
    """``kano PROJECT`` in an 80x24 xterm, with its own user config and colours on."""
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "KANO_CONFIG_DIR": str(user_config),
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
    }
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kano_tui.cli.main", str(project)],
        env=env,
        dimensions=(LINES, COLUMNS),
        timeout=60,
    )
    return Terminal(child)
