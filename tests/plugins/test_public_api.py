"""``kano_tui.plugins`` is the one import a plugin needs: every public name resolves, is
what kano uses inside, and the guide's examples import nothing from kano's internals."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kano_tui.plugins as api

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("name", api.__all__)
def test_every_public_name_resolves_to_what_kano_uses(name):
    value = getattr(api, name)
    assert value is not None
    if name in api._LAZY:
        assert value is getattr(importlib.import_module(api._LAZY[name]), name)


def test_all_names_every_lazily_loaded_name_once():
    assert set(api._LAZY) <= set(api.__all__)
    assert len(api.__all__) == len(set(api.__all__))


def test_the_type_checking_imports_agree_with_the_lazy_table():
    tree = ast.parse(Path(api.__file__).read_text(encoding="utf-8"))
    imported = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.col_offset > 0:
            imported.update({alias.name: node.module for alias in node.names})
    assert imported == api._LAZY


def test_importing_hookimpl_does_not_load_the_engine():
    code = (
        "import sys; from kano_tui.plugins import hookimpl; "
        "print(any(m.startswith('kano_tui.engine') or m == 'pandas' for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_guide_imports_only_the_public_api():
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    imports = re.findall(r"^\s*from (kano_tui[\w.]*) import", guide, flags=re.MULTILINE)
    assert imports, "the guide has examples"
    allowed = {"kano_tui.plugins", "kano_tui.testing"}
    assert set(imports) <= allowed, sorted(set(imports) - allowed)


def test_the_guides_protocol_table_is_what_registration_checks():
    from kano_tui.plugins import protocols

    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for protocol in protocols.PROTOCOLS.values():
        attributes, methods = protocols.members(protocol)
        title = protocol.__name__
        row = re.search(rf"^\| `{title}` \|([^|]*)\|([^|]*)\|$", guide, re.MULTILINE)
        assert row is not None, title
        assert re.findall(r"`(\w+)`", row.group(1)) == list(attributes), title
        assert re.findall(r"`(\w+)\(", row.group(2)) == list(methods), title
