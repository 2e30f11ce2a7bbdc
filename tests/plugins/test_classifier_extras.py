"""A classifier may return extra per-feature columns (a confidence, a score) beside its
categories: they show in ``kano analyze`` JSON (under ``extra``), CSV and table, and in
the TUI's Analysis table. Proved with a real plugin package installed through the
``kano_tui`` entry-point group; a classifier whose extras break the contract is refused."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from plugin_sources import build_package, pip_install_target

from kano_tui.errors import PluginError
from kano_tui.plugins import hookimpl
from kano_tui.plugins.discovery import build_for_run
from kano_tui.plugins.manager import build_plugins

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("plugin-packages")]

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
# The guide's example of extra columns, exactly as written there.
CONFIDENT_PLUGIN = next(
    block
    for block in re.findall(r"```python\n(.*?)```", GUIDE.read_text("utf-8"), re.S)
    if "class ModeWithConfidence" in block
)


@pytest.fixture(scope="module")
def confident_plugin(tmp_path_factory: pytest.TempPathFactory):
    """``kano-confidence`` installed into a private target directory."""
    root = tmp_path_factory.mktemp("confidence-plugin")
    project = build_package(
        root,
        "kano-confidence",
        {"plugin": CONFIDENT_PLUGIN},
        {"confidence": "kano_confidence.plugin"},
    )
    target = root / "site"
    pip_install_target(project, target)
    return target


@pytest.fixture
def kano_with(confident_plugin, kano):
    def run(*args, **options):
        env = {"PYTHONPATH": str(confident_plugin), **options.pop("env", {})}
        return kano(*args, env=env, **options)

    return run


def test_extra_columns_are_in_the_json_of_every_feature_and_group(kano_with, sample_project):
    project = str(sample_project.directory)
    result = kano_with("analyze", project, "--classifier", "mode-confidence", "--format", "json")
    assert result.returncode == 0, result.stderr
    features = json.loads(result.stdout)["features"]
    mode = json.loads(kano_with("analyze", project, "--format", "json").stdout)["features"]
    for feature, plain in zip(features, mode, strict=True):
        extra = feature["extra"]
        assert set(extra) == {"confidence", "runner_up", "decisive"}
        assert extra["confidence"] == pytest.approx(
            max(feature["counts"][k] for k in "MOAIR") / feature["n"]
        )
        assert extra["runner_up"] in "MOAIR" and extra["runner_up"] != feature["category"]
        assert extra["decisive"] is feature["significant"]
        assert "extra" not in plain  # a classifier without extras: the record is unchanged
        assert feature["category"] == plain["category"]  # same rule as the built-in mode
    grouped = json.loads(
        kano_with(
            "analyze",
            project,
            "--classifier",
            "mode-confidence",
            "--by",
            "wave",
            "--format",
            "json",
        ).stdout
    )
    assert all("confidence" in f["extra"] for g in grouped["groups"] for f in g["features"])


def test_extra_columns_are_in_the_csv_and_the_table(kano_with, sample_project):
    project = str(sample_project.directory)
    csv = kano_with("analyze", project, "--classifier", "mode-confidence", "--format", "csv")
    header = csv.stdout.splitlines()[0].split(",")
    assert header[-3:] == ["confidence", "runner_up", "decisive"], header

    wide = kano_with("analyze", project, "--classifier", "mode-confidence", env={"COLUMNS": "200"})
    assert wide.returncode == 0, wide.stderr
    lines = wide.stdout.splitlines()
    head = next(line for line in lines if "Feature" in line)
    for title in ("Sig.", "confidence", "runner_up", "decisive", "A", "Imp."):
        assert f" {title}" in head, title
    assert head.index("Sig.") < head.index("confidence") < head.index(" A ")
    document = json.loads(
        kano_with("analyze", project, "--classifier", "mode-confidence", "--format", "json").stdout
    )
    first = document["features"][0]
    row = next(line for line in lines if line.lstrip().startswith(first["name"]))
    assert f"{first['extra']['confidence']:.2f}" in row

    narrow = kano_with("analyze", project, "--classifier", "mode-confidence", env={"COLUMNS": "80"})
    out = narrow.stdout
    assert all(len(line) <= 80 for line in out.splitlines()), out
    head = next(line for line in out.splitlines() if "Feature" in line)
    assert all(title in head for title in ("n", "Better", "Worse", "Sig.")), head
    if "confidence" not in head:  # left out, and said so
        assert "confidence" in out.split("Left out to fit 80 columns:")[1]

    chosen = kano_with(
        "analyze",
        project,
        "--classifier",
        "mode-confidence",
        "--columns",
        "category,confidence",
        env={"COLUMNS": "80"},
    )
    assert chosen.returncode == 0, chosen.stderr
    head = next(line for line in chosen.stdout.splitlines() if "Feature" in line)
    assert head.split() == ["Feature", "Category", "confidence"]
    typo = kano_with(
        "analyze", project, "--classifier", "mode-confidence", "--columns", "confidance"
    )
    assert typo.returncode == 1 and "no column 'confidance'" in typo.stderr
    assert "Traceback" not in typo.stderr


async def test_extra_columns_show_in_the_tui_analysis_table(
    confident_plugin, sample_project, monkeypatch
):
    from plugin_tui_helpers import settle
    from textual.widgets import DataTable

    from kano_tui.tui.app import KanoApp

    monkeypatch.syspath_prepend(str(confident_plugin))
    sample_project._plugins = build_for_run()
    expected = sample_project.analyze("mode-confidence").results()
    app = KanoApp(sample_project, remember_theme=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.classifier = "mode-confidence"
            await pilot.press("3")
            await settle(pilot)
            table = app.screen.query_one("#results-table", DataTable)
            keys = [column.key.value for column in table.ordered_columns]
            assert keys[-3:] == ["extra:confidence", "extra:runner_up", "extra:decisive"]
            first = expected[0]
            row = table.get_row(first.id)
            assert row[-3].plain == f"{first.extra['confidence']:.2f}"
            assert row[-2].plain == first.extra["runner_up"]
            assert row[-1].plain == ("yes" if first.extra["decisive"] else "no")
    finally:
        for module in [m for m in sys.modules if m.startswith("kano_confidence")]:
            del sys.modules[module]


def _plugins_with(answer):
    class Extra:
        name = "extra"
        description = "extras of every kind"

        def classify(self, figures, settings):
            return answer(figures)

    module = types.SimpleNamespace(
        register_classifiers=hookimpl(lambda register: register(Extra()))
    )
    return build_plugins(entry_points=False, extra=[("extra", module)])


@pytest.mark.parametrize(
    "answer, problem",
    [
        (
            lambda f: pd.DataFrame({"category": "A", "better": 1.0}, index=f.index),
            "extra column 'better', which is a standard figure",
        ),
        (
            lambda f: pd.DataFrame({"category": "A", "score": 1.0}, index=f.index[:1]),
            "no category for feature",
        ),
        (lambda f: pd.DataFrame({"label": "A"}, index=f.index), "without a 'category' column"),
        (
            lambda f: pd.DataFrame({"category": "A", "score": [object()] * len(f)}, index=f.index),
            "object in extra column 'score'",
        ),
    ],
)
def test_extras_breaking_the_contract_disable_the_classifier(sample_project, answer, problem):
    plugins = _plugins_with(answer)
    sample_project._plugins = plugins
    with pytest.raises(PluginError, match=problem):
        sample_project.analyze("extra")
    assert plugins.infos["extra"].state == "failed"


def test_extras_are_aligned_to_the_features(sample_project):
    """A classifier may answer in any row order: its extras follow the feature ids."""

    def backwards(figures):
        frame = pd.DataFrame({"category": "I", "rank": range(len(figures))}, index=figures.index)
        return frame.iloc[::-1]

    sample_project._plugins = _plugins_with(backwards)
    results = sample_project.analyze("extra").results()
    assert [r.extra["rank"] for r in results] == list(range(len(results)))
