"""``kano plugins new NAME``: a plugin package whose own tests pass right away.

The package is a normal setuptools project: ``pyproject.toml`` with the ``kano_tui``
entry point, ``src/kano_NAME/__init__.py`` with one example per kind asked for
(classifier, importer, exporter), a README, and tests that use the fixtures of
:mod:`kano_tui.testing`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from kano_tui.errors import KanoError
from kano_tui.scaffold import templates

KINDS: tuple[str, ...] = ("classifier", "importer", "exporter")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class PluginNames:
    """The names one plugin goes by."""

    name: str  # the entry-point and plugin name: "majority"
    dist: str  # the distribution: "kano-majority"
    module: str  # the import name: "kano_majority"
    title: str  # "Majority"
    class_prefix: str  # "Majority"

    @classmethod
    def from_name(cls, name: str) -> PluginNames:
        name = name.strip().lower()
        if name.startswith("kano-"):
            name = name[len("kano-") :]
        if not NAME_PATTERN.match(name):
            raise KanoError(
                f"{name!r} cannot name a plugin; use lower-case letters, digits "
                "and single hyphens, starting with a letter (e.g. 'majority')."
            )
        words = name.split("-")
        return cls(
            name=name,
            dist=f"kano-{name}",
            module="kano_" + "_".join(words),
            title=" ".join(words).capitalize(),
            class_prefix="".join(w.capitalize() for w in words),
        )

    def provided(self, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
        """(kind, registered name) of what the package provides."""
        names = {
            "classifier": self.name,
            "importer": f"{self.name}-psv",
            "exporter": f"{self.name}-summary",
        }
        return [(kind, names[kind]) for kind in KINDS if kind in kinds]


def _render(text: str, values: dict[str, str]) -> str:
    return Template(text).substitute(values)


def _module_source(names: PluginNames, kinds: tuple[str, ...], values: dict[str, str]) -> str:
    imports: list[str] = []
    parts = {
        "classifier": (templates.CLASSIFIER_IMPORTS, templates.CLASSIFIER),
        "importer": (templates.IMPORTER_IMPORTS, templates.IMPORTER),
        "exporter": (templates.EXPORTER_IMPORTS, templates.EXPORTER),
    }
    body = ""
    for kind in KINDS:
        if kind in kinds:
            kind_imports, code = parts[kind]
            imports += [line for line in kind_imports if line not in imports]
            body += _render(code, values)

    def module_of(line: str) -> str:
        return line.split()[1]

    third_party = ("pandas", "numpy")
    stdlib = sorted(
        (line for line in imports if not module_of(line).startswith((*third_party, "kano_tui"))),
        key=module_of,
    )
    third = sorted((line for line in imports if module_of(line) in third_party), key=module_of)
    own = sorted(
        (line for line in imports if module_of(line).startswith("kano_tui")), key=module_of
    )
    import_block = (
        "\n".join(stdlib)
        + ("\n\n" + "\n".join(third) if third else "")
        + ("\n" + "\n".join(own) if own else "")
    )
    api = sorted({"hookimpl", *(n for kind in kinds for n in templates.API_NAMES[kind])})
    api_import = f"from kano_tui.plugins import {', '.join(api)}"
    if len(api_import) > 88:
        api_import = f"from kano_tui.plugins import (\n    {', '.join(api)},\n)"
    head = _render(
        templates.MODULE_HEAD, {**values, "imports": import_block, "api_import": api_import}
    )
    return head + body


def plugin_files(
    names: PluginNames, kinds: tuple[str, ...], kano_version: str, api: int
) -> dict[str, str]:
    """Relative path -> text of every file of the new package."""
    provided = names.provided(kinds)
    usage = []
    for kind, name in provided:
        usage.append(
            {
                "classifier": f"```sh\nkano analyze PROJECT --classifier {name}\n```\n\nIn the TUI, "
                f"pick `{name}` in the Analysis screen's classifier switcher or "
                "the command palette (ctrl+p).",
                "importer": f"```sh\nkano import PROJECT answers.psv   # or --importer {name}\n```",
                "exporter": f"```sh\nkano export PROJECT --exporter {name} -o summary.txt\n```",
            }[kind]
        )
    values = {
        "name": names.name,
        "dist": names.dist,
        "module": names.module,
        "title": names.title,
        "class_prefix": names.class_prefix,
        "kano_version": kano_version,
        "api": f">={api},<{api + 1}",
        "provides": repr(sorted(f"{kind} {name}" for kind, name in provided)),
        "provides_list": "\n".join(f"- a {kind}, `{name}`" for kind, name in provided),
        "usage": "\n\n".join(usage),
    }
    tests = _render(templates.TESTS_HEAD, values)
    test_parts = {
        "classifier": templates.CLASSIFIER_TESTS,
        "importer": templates.IMPORTER_TESTS,
        "exporter": templates.EXPORTER_TESTS,
    }
    for kind in KINDS:
        if kind in kinds:
            tests += _render(test_parts[kind], values)
    if "classifier" not in kinds:
        tests = tests.replace("from kano_tui.testing import make_figures, palette_titles\n", "")
    return {
        "pyproject.toml": _render(templates.PYPROJECT, values),
        "README.md": _render(templates.README, values),
        f"src/{names.module}/__init__.py": _module_source(names, kinds, values),
        "tests/conftest.py": _render(templates.CONFTEST, values),
        f"tests/test_{names.module}.py": tests,
        ".gitignore": "__pycache__/\n*.egg-info/\nbuild/\ndist/\n.pytest_cache/\n",
    }


def create_plugin(
    name: str,
    parent: Path | str = ".",
    kinds: tuple[str, ...] = KINDS,
    taken: dict[str, set[str]] | None = None,
) -> tuple[Path, list[Path]]:
    """Write a new plugin package ``kano-NAME`` under ``parent``.

    ``taken`` maps a kind to the names already registered (refused: the plugin would fail
    to load). Returns the package directory and the files written; nothing is written when
    the directory exists.
    """
    from kano_tui import __version__
    from kano_tui.plugins.hookspecs import KANO_PLUGIN_API

    names = PluginNames.from_name(name)
    kinds = tuple(kind for kind in KINDS if kind in kinds) or KINDS
    for kind, provided in names.provided(kinds):
        if taken and provided in taken.get(kind, set()):
            raise KanoError(
                f"A {kind} named {provided!r} is already registered; pick another plugin name."
            )
    directory = Path(parent) / names.dist
    if directory.exists():
        raise KanoError(f"{directory} already exists; nothing was written.")
    files = plugin_files(names, kinds, __version__, KANO_PLUGIN_API)
    written = []
    try:
        for relative, text in files.items():
            path = directory / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as error:
        raise KanoError(f"Could not write {directory}: {error.strerror or error}.") from None
    return directory, written
