"""Plugin sources and packages for the plugin tests: one good plugin, one broken plugin
per way of failing, and helpers that write them as files or installable packages."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

# A plugin that works: one classifier, one importer, one exporter.
GOOD_PLUGIN = """
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kano_tui.plugins import hookimpl

__version__ = "1.2.3"


@dataclass(frozen=True)
class AlwaysExcitement:
    name: str = "always-a"
    description: str = "Every feature is an excitement feature"

    def classify(self, figures, settings):
        return pd.Series("A", index=figures.index, dtype=object)


@dataclass(frozen=True)
class FeatureCount:
    name: str = "feature-count"
    description: str = "How many features the project has"
    extension: str = ".txt"

    def export(self, context, destination: Path) -> list[Path]:
        destination.write_text(f"{len(context.project.features)} features\\n", encoding="utf-8")
        return [destination]


@dataclass(frozen=True)
class PipeSeparated:
    name: str = "pipe"
    description: str = "Wide survey tables separated by |"
    extensions: tuple = (".pipe",)

    def sniff(self, path, head):
        return b"|" in head

    def read(self, path, options):
        from kano_tui.engine.importing.survey import SurveyTable

        frame = pd.read_csv(path, sep="|", dtype="str", keep_default_na=False)
        return SurveyTable(frame=frame.replace("", None), layout="wide")


@hookimpl
def register_classifiers(register):
    register(AlwaysExcitement())


@hookimpl
def register_exporters(register):
    register(FeatureCount())


@hookimpl
def register_importers(register):
    register(PipeSeparated())
"""

# Broken plugins, one per way a plugin can fail.
BROKEN_PLUGINS: dict[str, str] = {
    "import_error": """
import kano_tui_no_such_module_anywhere  # fails at import
""",
    "bad_signature": """
from kano_tui.plugins import hookimpl

@hookimpl
def register_classifiers(register, surprise):  # pluggy refuses this at register time
    pass
""",
    "misspelt_hook": """
from kano_tui.plugins import hookimpl

@hookimpl
def register_clasifiers(register):
    pass
""",
    "raising_hook": """
from kano_tui.plugins import hookimpl

@hookimpl
def register_classifiers(register):
    raise RuntimeError("the hook blew up")
""",
    "bad_object": """
from kano_tui.plugins import hookimpl

class NoClassify:
    name = "no-classify"
    description = "forgot the method"

@hookimpl
def register_classifiers(register):
    register(NoClassify())
""",
    "raising_classifier": """
import pandas as pd
from kano_tui.plugins import hookimpl

class Explodes:
    name = "explodes"
    description = "raises while classifying"
    def classify(self, figures, settings):
        return 1 / 0

@hookimpl
def register_classifiers(register):
    register(Explodes())
""",
    "raising_exporter": """
from kano_tui.plugins import hookimpl

class ExplodingExport:
    name = "explodes-export"
    description = "raises while exporting"
    extension = ".txt"
    def export(self, context, destination):
        raise KeyError("no such key")

@hookimpl
def register_exporters(register):
    register(ExplodingExport())
""",
    "raising_importer": """
from kano_tui.plugins import hookimpl

class ExplodingImporter:
    name = "explodes-import"
    description = "raises while sniffing"
    extensions = (".boom",)
    def sniff(self, path, head):
        raise ValueError("cannot sniff")
    def read(self, path, options):
        raise ValueError("cannot read")

@hookimpl
def register_importers(register):
    register(ExplodingImporter())
""",
}


def write_module(directory: Path, name: str, source: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def build_package(
    root: Path, dist: str, modules: dict[str, str], entry_points: dict[str, str]
) -> Path:
    """A setuptools project with ``modules`` in package ``pkg`` and ``kano_tui`` entry
    points (name -> module path)."""
    package = dist.replace("-", "_")
    project = root / dist
    for name, source in modules.items():
        write_module(project / "src" / package, name, source)
    (project / "src" / package / "__init__.py").touch()
    lines = "\n".join(f'{name} = "{target}"' for name, target in entry_points.items())
    (project / "pyproject.toml").write_text(
        textwrap.dedent(f'''\
        [build-system]
        requires = ["setuptools>=64"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{dist}"
        version = "0.3.0"

        [project.entry-points.kano_tui]
        ''')
        + lines
        + '\n\n[tool.setuptools.packages.find]\nwhere = ["src"]\n',
        encoding="utf-8",
    )
    return project


def pip_install_target(project: Path, target: Path) -> None:
    """Build and install ``project`` into ``target`` offline (no build isolation)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(project),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
