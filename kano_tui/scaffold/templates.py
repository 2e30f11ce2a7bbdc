"""The files of a new plugin package, as ``string.Template`` texts.

Placeholders: ``$name`` (plugin and entry-point name, ``majority``), ``$dist``
(distribution, ``kano-majority``), ``$module`` (import name, ``kano_majority``),
``$title`` (``Majority``), ``$kano_version``, ``$api`` (the plugin API range,
``>=1,<2``). Each kind (classifier, importer,
exporter) has a code part and a test part; the package gets the parts asked for.
"""

from __future__ import annotations

PYPROJECT = """\
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "$dist"
version = "0.1.0"
description = "$title: a kano-tui plugin"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["kano-tui>=$kano_version"]

[project.optional-dependencies]
test = ["pytest>=8"]

# This table is what makes kano find the plugin once the package is installed.
[project.entry-points.kano_tui]
$name = "$module"

[tool.setuptools.packages.find]
where = ["src"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

README = """\
# $dist

$title: a [kano-tui](https://pypi.org/project/kano-tui/) plugin. It provides:

$provides_list

## Install

```sh
pip install -e ".[test]"  # from this directory, into the environment kano runs in
kano plugins              # "$name" is listed, with what it provides
```

## Use

$usage

## Develop

```sh
pip install -e ".[test]"
pytest                            # the fixtures come from kano_tui.testing
kano --plugin $module plugins     # try a change without reinstalling
KANO_STRICT_PLUGINS=1 kano ...    # see the full traceback when the plugin raises
```

The plugin guide is `docs/plugins.md` in the kano-tui repository.
"""

MODULE_HEAD = '''\
"""$title: a kano-tui plugin.

Registered through the `kano_tui` entry point in pyproject.toml. Each hook below receives
a `register` callback and calls it once per object it provides.
"""

from __future__ import annotations

$imports
$api_import

__version__ = "0.1.0"
kano_api = "$api"  # the kano plugin API this plugin was written for
'''

CLASSIFIER_IMPORTS = (
    "import numpy as np",
    "import pandas as pd",
    "from dataclasses import dataclass",
)

CLASSIFIER = '''

# -- classifier -------------------------------------------------------------------------
# Category letters in the brief's tie order: must-be first.
LETTERS = ("M", "O", "A", "I", "R")


@dataclass(frozen=True)
class ${class_prefix}Classifier:
    """The most frequent category, but only when it holds a clear share of the answers.

    Features where no category reaches the share (``[settings] ${module}_share`` in
    kano.toml, default 0.5) are left undecided (``None``).
    """

    name: str = "$name"
    description: str = "Most frequent category, only when it holds at least half the answers"

    def classify(self, figures: pd.DataFrame, settings) -> pd.Series:
        share = float(settings.extra.get("${module}_share", 0.5))
        counts = figures[list(LETTERS)].to_numpy(dtype=float)
        # argmax picks the first of equal counts, so ties follow the M > O > A > I > R order.
        best = counts.argmax(axis=1)
        top = counts.max(axis=1)
        n = figures["n"].to_numpy(dtype=float)
        letters = np.asarray(LETTERS, dtype=object)[best]
        clear = (n > 0) & (top >= share * np.maximum(n, 1))
        return pd.Series(np.where(clear, letters, None), index=figures.index, dtype=object)


@hookimpl
def register_classifiers(register):
    register(${class_prefix}Classifier())
'''

IMPORTER_IMPORTS = (
    "from dataclasses import dataclass",
    "from pathlib import Path",
    "import pandas as pd",
)

IMPORTER = '''

# -- importer ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ${class_prefix}Importer:
    """Pipe-separated survey tables (``.psv``) in kano's wide layout: one row per
    respondent, columns ``<feature>.functional``, ``<feature>.dysfunctional``, optional
    ``<feature>.importance``, ``respondent``, ``wave``... (see ``kano import --help``).
    """

    name: str = "$name-psv"
    description: str = "Pipe-separated survey tables (.psv), wide layout"
    extensions: tuple[str, ...] = (".psv",)

    def sniff(self, path: Path, head: bytes) -> bool:
        first = head.split(b"\\n", 1)[0]
        return b"|" in first and b".functional" in first

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        try:
            # Every cell as text, blanks as missing: the core reads wordings and codes,
            # so every importer gets the same answer checks and error messages.
            frame = pd.read_csv(path, sep="|", dtype="str", keep_default_na=False,
                                na_values=[""], encoding=options.encoding or "utf-8")
        except (ValueError, UnicodeDecodeError) as error:  # pandas parse errors included
            raise SurveyImportError(
                f"{options.shown(path)} could not be read as pipe-separated text: {error}."
            ) from None
        if frame.empty:
            raise SurveyImportError(f"{options.shown(path)} has a header but no rows of answers.")
        return SurveyTable(frame=frame, layout="wide", first_data_row=2)


@hookimpl
def register_importers(register):
    register(${class_prefix}Importer())
'''

EXPORTER_IMPORTS = ("from dataclasses import dataclass", "from pathlib import Path")

# What each kind imports from the public plugin API, ``kano_tui.plugins``, besides hookimpl.
API_NAMES = {
    "classifier": (),
    "importer": ("ImportOptions", "SurveyImportError", "SurveyTable"),
    "exporter": ("CATEGORY_NAMES",),
}

EXPORTER = '''

# -- exporter ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ${class_prefix}Exporter:
    """A plain-text list of the features and their categories."""

    name: str = "$name-summary"
    description: str = "Plain-text list of features and their categories"
    extension: str = ".txt"

    def export(self, context, destination: Path) -> list[Path]:
        analysis = context.analysis()
        lines = [f"{context.project.name}: classifier {analysis.classifier}", ""]
        for feature_id, row in analysis.overall.iterrows():
            context.check_cancelled()  # lets the user cancel a long export in the TUI
            letter = row["category"]
            category = f"{letter} {CATEGORY_NAMES[letter]}" if letter else "undecided"
            name = analysis.feature_names.get(feature_id, feature_id)
            lines.append(f"{name}: {category} (n={row['n']})")
        destination.write_text("\\n".join(lines) + "\\n", encoding="utf-8")
        return [destination]


@hookimpl
def register_exporters(register):
    register(${class_prefix}Exporter())
'''

CONFTEST = '''\
"""The kano_tui.testing fixtures (kano_plugins, kano_project, kano_cli, kano_run_tui)
work with the plugin that the `kano_plugin` fixture returns."""

import pytest

import $module


@pytest.fixture
def kano_plugin():
    return $module
'''

TESTS_HEAD = '''\
"""Tests of the $name plugin, using the fixtures of kano_tui.testing."""

from __future__ import annotations

from kano_tui.testing import make_figures, palette_titles


def test_plugin_loads_and_provides_everything(kano_plugins):
    info = kano_plugins.infos["$module"]
    assert info.state == "enabled", info.traceback
    assert sorted(info.provides) == $provides
'''

CLASSIFIER_TESTS = """

def test_classifier_decides_clear_majorities_only(kano_plugins):
    from kano_tui.plugins import Settings

    figures = make_figures({
        "clear": {"M": 8, "O": 2},
        "split": {"A": 4, "I": 4, "O": 2},
        "tie": {"M": 5, "O": 5},
    })
    result = kano_plugins.classifiers["$name"].classify(figures, Settings())
    assert result["clear"] == "M"
    assert result["split"] is None
    assert result["tie"] == "M"  # half is enough; ties go M > O > A > I > R


def test_analysis_and_cli_use_the_classifier(kano_project, kano_cli):
    analysis = kano_project.analyze("$name")
    assert analysis.classifier == "$name"
    assert set(analysis.overall["category"].dropna()) <= set("AOMIRQ")

    result = kano_cli("analyze", kano_project.directory, "--classifier", "$name",
                      "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["classifier"] == "$name"


def test_tui_offers_the_classifier(kano_run_tui):
    async def check(pilot):
        assert "Classifier: $name" in palette_titles(pilot.app)  # the command palette

    kano_run_tui(check)
"""

IMPORTER_TESTS = """

def test_importer_reads_pipe_separated_tables(kano_project, tmp_path):
    source = tmp_path / "wave3.psv"
    source.write_text("respondent|speed.functional|speed.dysfunctional\\n"
                      "r1|like|dislike\\nr2|I expect it|5\\nr3||\\n", encoding="utf-8")
    record = kano_project.import_file(source)
    assert record.importer == "$name-psv"
    assert kano_project.analyze().overall.loc["speed", "n"] == 2  # r3 left it blank
"""

EXPORTER_TESTS = """

def test_exporter_lists_every_feature(kano_project, kano_cli, tmp_path):
    target = tmp_path / "summary.txt"
    result = kano_cli("export", kano_project.directory, "--exporter", "$name-summary",
                      "-o", target)
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    for feature in kano_project.project.features:
        assert feature.name in text
"""
