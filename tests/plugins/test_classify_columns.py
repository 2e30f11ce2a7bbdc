"""The optional ``classify_columns`` member of a classifier (docs/plugins.md, "Without
pandas"): kano hands such a classifier the figures' NumPy columns, builds no DataFrame and
imports no pandas for the analysis, and checks its answer like any other classifier's."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kano_tui.errors import PluginError
from kano_tui.plugins.discovery import build_for_run
from tests.conftest import SAMPLES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
EXAMPLE = re.compile(r"<!-- classify-columns-example -->\s*```python\n(.*?)```", re.S)
QUICK = EXAMPLE.search(DOCS.read_text(encoding="utf-8")).group(1)  # the guide's example


# Runs kano and writes whether pandas was imported and the JSON printed.
PROBE = """
import contextlib, io, json, sys
from kano_tui.cli.main import main
out, args = sys.argv[1], sys.argv[2:]
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    code = main(args)
with open(out, "w") as file:
    json.dump({"pandas": "pandas" in sys.modules, "stdout": printed.getvalue(), "code": code}, file)
"""


def run_probe(tmp_path, *args: str) -> dict:
    out = tmp_path / "probe.json"
    subprocess.run([sys.executable, "-c", PROBE, str(out), *args], check=False, capture_output=True)
    return json.loads(out.read_text())


def categories(printed: str) -> dict[str, str | None]:
    return {f["id"]: f["category"] for f in json.loads(printed)["features"]}


def quick_mode(tmp_path, plugin_file, *extra: str) -> dict:
    """``kano --plugin kano_quick.py analyze SAMPLE --classifier quick-mode ... --format json``."""
    path = plugin_file("kano_quick", QUICK)
    project = str(SAMPLES / "smartphone")
    args = ["analyze", project, "--classifier", "quick-mode", *extra, "--format", "json"]
    return run_probe(tmp_path, "--plugin", str(path), *args)


def test_a_plugin_classifying_columns_runs_without_pandas_and_agrees_with_mode(
    plugin_file, tmp_path
):
    quick = quick_mode(tmp_path, plugin_file)
    assert quick["code"] in (0, None) and quick["pandas"] is False
    mode = run_probe(tmp_path, "analyze", str(SAMPLES / "smartphone"), "--format", "json")
    assert categories(quick["stdout"]) == categories(mode["stdout"])
    assert len(categories(mode["stdout"])) == 11


def test_a_plugin_classifying_columns_gets_its_options_in_the_columns_attrs(plugin_file, tmp_path):
    strict = quick_mode(tmp_path, plugin_file, "--option", "kano_quick.min_n=100000")
    assert set(categories(strict["stdout"]).values()) == {None}


SLOPPY = """
import math
import numpy as np
import pandas as pd
from kano_tui.plugins import hookimpl

class Sloppy:
    description = "answers classify_columns outside the protocol"
    def __init__(self, name, answer):
        self.name, self.answer = name, answer
    def classify_columns(self, figures, settings):
        return self.answer(figures)
    def classify(self, figures, settings):
        return pd.Series("M", index=figures.index, dtype=object)

ANSWERS = {
    "short": lambda f: ["M"] * (len(f.ids) - 1),
    "nan": lambda f: [math.nan] * len(f.ids),
    "letter-z": lambda f: np.array(["Z"] * len(f.ids), dtype=object),
    "series": lambda f: pd.Series("M", index=list(f.ids)),
    "text": lambda f: "M" * len(f.ids),
    "number": lambda f: 3,
}

@hookimpl
def register_classifiers(register):
    for name, answer in ANSWERS.items():
        register(Sloppy(name, answer))
    register(Sloppy("fine", lambda f: ("M",) * len(f.ids)))
"""


@pytest.mark.parametrize(
    "classifier, problem",
    [
        ("short", "returned 3 categories from classify_columns for 4 features"),
        ("nan", "returned NaN for feature 'battery-life'; return None where"),
        ("letter-z", "returned 'Z' for feature 'battery-life'; expected one of A O M I R Q"),
        ("series", "returned Series from classify_columns, not a list of letters"),
        ("text", "returned str from classify_columns, not a list of letters"),
        ("number", "returned int from classify_columns, not a list of letters"),
    ],
)
def test_a_classify_columns_answer_outside_the_protocol_is_a_contract_violation(
    plugin_file, sample_project, classifier, problem
):
    plugins = build_for_run([plugin_file("sloppy_columns", SLOPPY)])
    sample_project._plugins = plugins
    with pytest.raises(PluginError) as raised:
        sample_project.analyze(classifier)
    assert f"ContractViolation: classifier {classifier!r} {problem}" in str(raised.value)
    assert classifier not in plugins.classifiers  # disabled; its siblings stay
    fine = sample_project.analyze("fine").results()
    assert {r.category for r in fine} == {"M"} and not math.isnan(fine[0].better or 0)
