"""The engine stands alone: running it never imports Textual (harlequin's runtime check,
beside the import-linter contract in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import SAMPLES

PROBE = """
import sys
from kano_tui.session.workspace import Workspace
from kano_tui.engine.analysis.run import analysis_to_json, backlog
from kano_tui.session.export import run_export
workspace = Workspace.open(sys.argv[1])
analysis = workspace.analyze(by="wave")
backlog(workspace.project, workspace.analyze())
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(leaked))
"""


def test_the_engine_never_imports_textual():
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(SAMPLES / "smartphone")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""


def test_headless_commands_do_not_load_the_tui():
    probe = (
        "import sys, runpy; sys.argv=['kano','analyze',sys.argv[1],'--format','json'];"
        "from kano_tui.cli.main import main; code=main();"
        "print('TUI' if any(m.startswith(('textual', 'kano_tui.tui')) for m in sys.modules)"
        " else 'OK', file=sys.stderr); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(SAMPLES / "smartphone")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "OK"
