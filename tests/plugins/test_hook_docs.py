"""Every hook is documented and tested, and the guide's examples work as written.

Like datasette's: a new hookspec without a section and a complete example in
docs/plugins.md, or without a ``test_hook_<name>...`` test, fails here. The examples are
copied out of the guide, loaded as plugins and used through the real ``kano`` command.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kano_tui.engine.project.model import Settings
from kano_tui.plugins import hookspecs
from kano_tui.plugins.discovery import build_for_run
from kano_tui.plugins.manager import hook_names
from kano_tui.testing import make_figures

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "plugins.md"
EXAMPLE = re.compile(r"<!-- plugin-example: (\w+) -->\s*```python\n(.*?)```", re.S)
CODE = re.compile(r"```python\n(.*?)```", re.S)


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def example(hook: str, directory: Path) -> Path:
    """Write the guide's example for ``hook`` under the file name its docstring gives."""
    source = dict(EXAMPLE.findall(guide()))[hook]
    file_name = re.match(r'"""(\w+\.py):', source).group(1)
    path = directory / file_name
    path.write_text(source, encoding="utf-8")
    return path


def test_every_hook_has_a_docstring_a_section_and_a_complete_example():
    text = guide()
    examples = dict(EXAMPLE.findall(text))
    assert hook_names() == [
        "register_classifiers",
        "register_commands",
        "register_evaluation_tables",
        "register_exporters",
        "register_importers",
        "register_options",
        "register_panels",
    ]
    for hook in hook_names():
        doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
        assert len(doc) > 200, f"{hook} needs a docstring saying how to implement it"
        assert f"## Hook `{hook}`" in text, f"docs/plugins.md has no section for {hook}"
        assert hook in examples, f"docs/plugins.md has no plugin-example for {hook}"
        assert f"def {hook}(register):" in examples[hook]
        assert "@hookimpl" in examples[hook] and "kano_api" in examples[hook]


def test_every_hook_has_a_test_of_its_own():
    names: set[str] = set()
    for path in Path(__file__).parent.glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
    for hook in hook_names():
        assert any(name.startswith(f"test_hook_{hook}") for name in names), (
            f"no test named test_hook_{hook}... in tests/plugins"
        )


def test_the_guide_lists_every_environment_variable_and_command():
    from kano_tui.cli.plugins_cmd import plugins_group
    from kano_tui.plugins import manager

    text = guide()
    for variable in (manager.BLOCK_ENV, manager.ALLOW_ENV, manager.STRICT_ENV, "KANO_CONFIG_DIR"):
        assert variable in text
    for command in plugins_group.commands:
        assert f"kano plugins {command}" in text, command


def test_hook_register_classifiers_example_from_the_guide(tmp_path, kano, sample_project):
    path = example("register_classifiers", tmp_path)
    plugins = build_for_run([path])
    info = plugins.infos["kano_significant"]
    assert (info.state, info.version) == ("enabled", "1.0.0"), info.traceback
    classifier = plugins.classifiers["significant-mode"]
    figures = make_figures({"clear": {"M": 40, "O": 5}, "close": {"M": 6, "O": 5}, "none": {}})
    result = classifier.classify(figures, Settings())
    assert (result["clear"], result["close"], result["none"]) == ("M", None, None)

    analysed = kano(
        "--plugin",
        path,
        "analyze",
        sample_project.directory,
        "--classifier",
        "significant-mode",
        "--format",
        "json",
    )
    assert analysed.returncode == 0, analysed.stderr
    categories = {f["id"]: f["category"] for f in json.loads(analysed.stdout)["features"]}
    assert categories["battery-life"] == "M"


def test_hook_register_evaluation_tables_example_from_the_guide(tmp_path, kano, sample_project):
    path = example("register_evaluation_tables", tmp_path)
    plugins = build_for_run([path])
    info = plugins.infos["kano_strict_table"]
    assert (info.state, info.version) == ("enabled", "1.0.0"), info.traceback
    assert plugins.evaluation_tables["strict"].rows[2] == "RIQIM"
    standard = kano("analyze", sample_project.directory, "--format", "json")
    strict = kano(
        "--plugin",
        path,
        "analyze",
        sample_project.directory,
        "--table",
        "strict",
        "--format",
        "json",
    )
    assert strict.returncode == 0, strict.stderr
    assert json.loads(strict.stdout)["evaluation_table"] == "strict"
    before = {f["id"]: f["counts"] for f in json.loads(standard.stdout)["features"]}
    for feature in json.loads(strict.stdout)["features"]:
        counts = before[feature["id"]]
        assert feature["counts"]["Q"] >= counts["Q"] and feature["counts"]["I"] <= counts["I"]
        assert feature["counts"]["O"] == counts["O"]


def test_hook_register_importers_example_from_the_guide(tmp_path, kano, sample_project):
    path = example("register_importers", tmp_path)
    survey = tmp_path / "pairs.csv"
    survey.write_text(
        "respondent,plan,speed,price\n"
        "p1,basic,like / dislike,I expect it / dislike\n"
        "p2,pro,I am neutral / I dislike it,\n",
        encoding="utf-8",
    )
    imported = kano(
        "--plugin", path, "import", sample_project.directory, survey, "--importer", "pairs"
    )
    assert imported.returncode == 0, imported.stderr
    assert "(pairs)" in imported.stdout
    analysed = kano("analyze", sample_project.directory, "--format", "json")
    figures = {f["id"]: f for f in json.loads(analysed.stdout)["features"]}
    assert figures["speed"]["n"] == 2 and figures["speed"]["counts"]["O"] == 1
    assert figures["price"]["n"] == 1 and figures["price"]["counts"]["M"] == 1

    broken = tmp_path / "broken.csv"
    broken.write_text("respondent,speed\np1,like / dislike\np2,like\n", encoding="utf-8")
    refused = kano(
        "--plugin", path, "import", sample_project.directory, broken, "--importer", "pairs"
    )
    assert refused.returncode == 1
    assert refused.stderr == (
        f"kano: {broken}, row 3, column 'speed', value 'like': "
        "expected 'functional answer / dysfunctional answer'.\n"
    )

    unknown = tmp_path / "unknown.csv"  # the core's message names the file's own column
    unknown.write_text(
        "respondent,speed\np1,like / dislike\np2,like / sometimes\n", encoding="utf-8"
    )
    refused = kano(
        "--plugin", path, "import", sample_project.directory, unknown, "--importer", "pairs"
    )
    assert refused.returncode == 1
    assert "column 'speed'" in refused.stderr and "speed.dysfunctional" not in refused.stderr


def test_hook_register_exporters_example_from_the_guide(tmp_path, kano, sample_project):
    path = example("register_exporters", tmp_path)
    target = tmp_path / "summary.txt"
    exported = kano(
        "--plugin",
        path,
        "export",
        sample_project.directory,
        "--exporter",
        "one-pager",
        "-o",
        target,
    )
    assert exported.returncode == 0, exported.stderr
    assert target.read_text(encoding="utf-8").splitlines() == [
        "Sample (classifier mode)",
        "excitement: Face unlock",
        "performance: Camera",
        "must-be: Battery life",
        "indifferent: Built in compass",
    ]


def test_hook_register_options_example_from_the_guide(tmp_path, kano, sample_project):
    path = example("register_options", tmp_path)
    plugins = build_for_run([path])
    assert plugins.infos["kano_share"].state == "enabled", plugins.infos["kano_share"].traceback
    assert [o.name for o in plugins.options["kano_share"]] == ["min_share"]

    def decided(*options: str) -> int:
        result = kano(
            "--plugin",
            path,
            "analyze",
            sample_project.directory,
            "--classifier",
            "share-mode",
            "--format",
            "json",
            *options,
        )
        assert result.returncode == 0, result.stderr
        return sum(f["category"] is not None for f in json.loads(result.stdout)["features"])

    assert decided("--option", "kano_share.min_share=0") == 4
    assert decided("--option", "kano_share.min_share=1") == 0
    toml = sample_project.directory / "kano.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[plugins.kano_share]\nmin_share = "most"\n',
        encoding="utf-8",
    )
    refused = kano("--plugin", path, "analyze", sample_project.directory)
    assert refused.returncode == 1
    assert '[plugins.kano_share] min_share = "most" must be a number from 0 to 1' in refused.stderr


def test_hook_register_commands_example_from_the_guide(tmp_path, kano, sample_project):
    path = example("register_commands", tmp_path)
    counted = kano("--plugin", path, "count-answers", sample_project.directory)
    assert counted.returncode == 0, counted.stderr
    analysed = kano("analyze", sample_project.directory, "--format", "json")
    expected = [f"{f['id']}: {f['n']}" for f in json.loads(analysed.stdout)["features"]]
    assert counted.stdout.splitlines() == expected
    helped = kano("--plugin", path, "--help")
    assert "count-answers" in helped.stdout.partition("Plugin commands:")[2]


def test_hook_register_panels_example_from_the_guide(tmp_path, sample_project):
    from rich.console import Console

    from kano_tui.plugins.reach import PanelContext, render_panel

    path = example("register_panels", tmp_path)
    plugins = build_for_run([path])
    sample_project.plugins = plugins
    analysis = sample_project.analyze()
    context = PanelContext({}, sample_project.project.settings, sample_project.project)
    console = Console(width=80, record=True, color_system=None)
    console.print(render_panel(plugins, "answered", analysis, context))
    text = console.export_text()
    assert "Sample: answers" in text
    for feature_id, n in analysis.overall["n"].items():
        assert any(
            analysis.feature_names[feature_id] in line and str(int(n)) in line
            for line in text.splitlines()
        )


def test_the_testing_chapter_runs_as_written(tmp_path):
    blocks = CODE.findall(guide())
    conftest = next(b for b in blocks if "def kano_plugin" in b)
    tests = next(b for b in blocks if "def test_significant_leads_are_kept" in b)
    example("register_classifiers", tmp_path)
    (tmp_path / "conftest.py").write_text(conftest, encoding="utf-8")
    (tmp_path / "test_from_the_guide.py").write_text(tests, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


@pytest.mark.parametrize("hook", hook_names())
def test_the_hookspec_is_what_the_guide_shows(hook):
    signature = inspect.signature(getattr(hookspecs, hook))
    assert list(signature.parameters) == ["register"]
