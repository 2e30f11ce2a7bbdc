"""Small commands stay small: each imports only what it needs (issue 18, docs/startup.md).

Every case runs the real ``kano`` entry point in its own Python process, with the
installed plugins, and reads ``sys.modules`` when the command is done. A top-level
``import pandas`` (or rapidfuzz, scipy...) added to a module these commands load fails
here, naming the command and the module. How fast they are is measured by
benchmarks/bench_startup.py, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

# Runs `kano ARGS...` and writes the top-level names of the loaded modules to a file.
PROBE = """
import json, sys
from kano_tui.cli.main import main
out, args = sys.argv[1], sys.argv[2:]
code = main(args)
loaded = sorted({name.split(".")[0] for name in sys.modules} | {
    name for name in sys.modules if name.startswith(("kano_tui.", "kano_"))})
with open(out, "w") as file:
    json.dump(loaded, file)
sys.exit(code)
"""

# Heavy libraries and the parts of kano that no small command needs.
HEAVY = (
    "pandas",
    "matplotlib",
    "rapidfuzz",
    "jinja2",
    "scipy",
    "textalloc",
    "openpyxl",
    "pyreadstat",
    "charset_normalizer",
    "textual",
    "textual_serve",
    "selenium",
)
LATE_KANO = (
    "kano_tui.tui",
    "kano_tui.cli.compare",
    "kano_tui.cli.journey",
    "kano_tui.cli.serve",
    "kano_tui.cli.plugins_cmd",
    "kano_tui.engine.importing.ingest",
    "kano_tui.engine.analysis.compare",
    # Each command imports its own command module only (base.LAZY_COMMANDS).
    "kano_tui.cli.import_cmd",
    "kano_tui.cli.export_cmd",
    # A project without a [quality] table, in the default wording, and without plugins
    # of its own needs neither the quality checks, nor the wordings, nor the user's
    # config (where plugin trust is remembered).
    "kano_tui.engine.analysis.quality",
    "kano_tui.engine.questionnaire",
    "kano_tui.engine.project.userconfig",
    "platformdirs",
)
RICH = ("rich",)  # tables only: a command printing JSON needs no rich
# The installed first-party plugins (`make install`): a command naming only built-ins
# (the sample's classifier is `mode`, its table `standard`) imports none of them.
THIRD_PARTY = ("kano_bootstrap", "kano_variants", "kano_spreadsheets")
# ... nor the built-in modules of kinds it does not use: an analysis needs a classifier
# and an evaluation table (kano_tui.classifiers.builtin), never an importer or exporter.
IMPORTERS_AND_EXPORTERS = ("kano_tui.importers", "kano_tui.exporters")
ANALYSIS_NEVER = (*THIRD_PARTY, *IMPORTERS_AND_EXPORTERS)

READ_ONLY_NEVER = ("hashlib", "difflib", "tempfile")

SMARTPHONE = str(SAMPLES / "smartphone")
# An analysis with a built-in classifier needs no pandas: the built-ins classify the
# figures' columns (``classify_columns``), and the JSON, tables and backlog read them.
COMMANDS = {
    "new": (["new", "{tmp}/fresh"], (*HEAVY, *RICH)),
    # Reading a project hashes nothing, suggests nothing and writes nothing.
    "features list": (["features", "list", SMARTPHONE], (*HEAVY, *READ_ONLY_NEVER)),
    "analyze --format json": (
        ["analyze", SMARTPHONE, "--format", "json"],
        (*HEAVY, *RICH, *ANALYSIS_NEVER),
    ),
    "backlog --format json": (
        ["backlog", SMARTPHONE, "--format", "json"],
        (*HEAVY, *RICH, *ANALYSIS_NEVER),
    ),
    "analyze (the table)": (["analyze", SMARTPHONE], (*HEAVY, *ANALYSIS_NEVER)),
    "backlog (the table)": (["backlog", SMARTPHONE], (*HEAVY, *ANALYSIS_NEVER)),
    "analyze --classifier continuous": (
        ["analyze", SMARTPHONE, "--classifier", "continuous", "--format", "json"],
        (*HEAVY, *RICH, *ANALYSIS_NEVER),
    ),
}


def loaded_by(args: list[str], tmp_path: Path) -> list[str]:
    out = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_small_command_imports_nothing_it_does_not_need(command, tmp_path):
    args, forbidden = COMMANDS[command]
    loaded = loaded_by([arg.format(tmp=tmp_path) for arg in args], tmp_path)
    # An analysis loads the built-in classifiers (through the plugin manager); the
    # others no plugin at all.
    analyses = command.startswith(("analyze", "backlog"))
    assert ("kano_tui.classifiers.builtin" in loaded) == analyses
    found = [
        name
        for name in (*forbidden, *LATE_KANO)
        if name in loaded or any(m.startswith(name + ".") for m in loaded)
    ]
    assert found == [], f"`kano {command}` imported {', '.join(found)}"


PLUGINS_PROBE = """
import json, sys
from kano_tui.plugins.discovery import build_for_run
plugins = build_for_run([], None)
print(json.dumps({"loaded": sorted(plugins.infos), "modules": sorted(sys.modules)}))
"""


def test_the_plugins_load_without_their_heavy_modules(tmp_path):
    """Loading the plugins (built-in and installed) imports their registration modules,
    never what only their work needs."""
    result = subprocess.run(
        [sys.executable, "-c", PLUGINS_PROBE],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "KANO_CONFIG_DIR": str(tmp_path)},
    )
    found = json.loads(result.stdout)
    assert {"bootstrap", "spreadsheets", "kano_tui.classifiers.builtin"} <= set(found["loaded"])
    top = {name.split(".")[0] for name in found["modules"]}
    assert [name for name in (*HEAVY, *RICH) if name in top] == []


REGISTERS = """
import importlib, json
from kano_tui.cli import commands
from kano_tui.cli.base import LAZY_COMMANDS, cli
found = {}
for module in dict.fromkeys(LAZY_COMMANDS.values()):
    before = set(cli.commands)
    importlib.import_module(module)
    found[module] = sorted(set(cli.commands) - before)
print(json.dumps(found))
"""


def test_every_lazy_command_is_registered_by_the_module_named_for_it():
    """LAZY_COMMANDS lists each command of the lazily loaded modules: a command added to
    one of them without an entry would be missing from `kano COMMAND` until --help."""
    from kano_tui.cli.base import LAZY_COMMANDS

    result = subprocess.run(
        [sys.executable, "-c", REGISTERS], capture_output=True, text=True, check=True, timeout=120
    )
    registered = json.loads(result.stdout)
    assert {name: module for module, names in registered.items() for name in names} == LAZY_COMMANDS


def test_a_lazy_command_runs_and_is_listed(kano, tmp_path):
    help_text = kano("--help").stdout
    for name in ("compare", "quality", "serve", "plugins", "journey", "kpi"):
        assert f"\n  {name} " in help_text
    quality = kano("quality", SMARTPHONE, "--format", "json", cwd=tmp_path)
    assert quality.returncode == 0 and json.loads(quality.stdout)["respondents"] > 0
    mistyped = kano("qualty", SMARTPHONE, cwd=tmp_path)
    assert mistyped.returncode == 1 and "Did you mean 'quality'?" in mistyped.stderr


def test_a_plugins_classifier_loads_every_plugin(tmp_path):
    """The other side of scoped loading: a classifier that is not a built-in one loads the
    installed plugins (so the modules the small commands never import are really there)."""
    from importlib.metadata import entry_points

    installed = {ep.value.split(".")[0] for ep in entry_points(group="kano_tui")}
    assert set(THIRD_PARTY) <= installed
    loaded = loaded_by(
        ["analyze", SMARTPHONE, "--classifier", "fong", "--format", "json"], tmp_path
    )
    assert set(THIRD_PARTY) <= set(loaded)
