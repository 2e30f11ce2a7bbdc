"""A mistyped command is named as such, with a did-you-mean, never opened as a project."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("args", "word", "suggestion"),
    [
        (("anaylze", "x"), "anaylze", "Did you mean 'analyze'?"),
        (("backlg",), "backlg", "Did you mean 'backlog'?"),
        (("--plugin", "p.py", "exprot", "x"), "exprot", "Did you mean 'export'?"),
        (("frobnicate", "x"), "frobnicate", "`kano --help` lists the commands."),
    ],
)
def test_an_unknown_command_says_so_with_a_did_you_mean(kano, tmp_path, args, word, suggestion):
    result = kano(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"kano: no such command or project: {word!r}")
    assert suggestion in result.stderr and result.stderr.count("\n") == 1
    assert "Usage" not in result.stderr and "Traceback" not in result.stderr


def test_a_missing_project_is_named_and_an_existing_one_still_opens(kano, tmp_path):
    missing = kano(tmp_path / "nowhere")
    assert missing.returncode == 1 and "no such command or project" in missing.stderr
    assert str(tmp_path / "nowhere") in missing.stderr
    plain_dir = tmp_path / "plain"
    plain_dir.mkdir()  # a directory is taken as a project: `open` explains what is missing
    opened = kano(plain_dir)
    assert opened.returncode == 1 and "is not a kano project" in opened.stderr
