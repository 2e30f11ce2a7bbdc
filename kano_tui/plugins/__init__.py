"""The public plugin API: everything a plugin imports, from one place.

::

    from kano_tui.plugins import PluginOption, SurveyTable, hookimpl, where

These names are the API that ``kano_api`` versions (``KANO_PLUGIN_API``); where kano keeps
them inside (``kano_tui.engine...``) may change between releases, this module does not.
``docs/plugins.md`` documents each. The manager, discovery and trust are kano's own
business.

The engine's names load on first use (PEP 562), so that ``from kano_tui.plugins import
hookimpl`` stays cheap and the engine can import the plugin manager without a cycle.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kano_tui.plugins.hookspecs import KANO_PLUGIN_API, hookimpl
from kano_tui.plugins.options import PluginOption

if TYPE_CHECKING:
    from kano_tui.engine.analysis.evaluation import EvaluationTable
    from kano_tui.engine.analysis.figures import CATEGORY_NAMES, FIGURES, FigureColumns
    from kano_tui.engine.importing.survey import RESERVED_COLUMNS, ImportOptions, SurveyTable
    from kano_tui.engine.project.model import Feature, Project, Settings
    from kano_tui.errors import (
        ExportCancelled,
        ExportError,
        KanoError,
        PluginError,
        SurveyImportError,
        where,
    )
    from kano_tui.plugins.checked import ContractViolation
    from kano_tui.plugins.protocols import Classifier, Exporter, Importer
    from kano_tui.session.workspace import ExportContext, Workspace

# name -> the module that defines it today (the TYPE_CHECKING imports above say the same
# for type checkers; tests/plugins/test_public_api.py checks that both agree).
_LAZY: dict[str, str] = {
    # what the hooks register (the protocols) and the ready evaluation-table dataclass
    "Classifier": "kano_tui.plugins.protocols",
    "Importer": "kano_tui.plugins.protocols",
    "Exporter": "kano_tui.plugins.protocols",
    "EvaluationTable": "kano_tui.engine.analysis.evaluation",
    # what a classifier reads
    "FIGURES": "kano_tui.engine.analysis.figures",
    "CATEGORY_NAMES": "kano_tui.engine.analysis.figures",
    "FigureColumns": "kano_tui.engine.analysis.figures",
    "Settings": "kano_tui.engine.project.model",
    # what an importer reads and returns
    "SurveyTable": "kano_tui.engine.importing.survey",
    "ImportOptions": "kano_tui.engine.importing.survey",
    "RESERVED_COLUMNS": "kano_tui.engine.importing.survey",
    # what an exporter is given
    "ExportContext": "kano_tui.session.workspace",
    "Workspace": "kano_tui.session.workspace",
    "Project": "kano_tui.engine.project.model",
    "Feature": "kano_tui.engine.project.model",
    # errors: a KanoError's sentence reaches the user and keeps the plugin enabled
    "KanoError": "kano_tui.errors",
    "SurveyImportError": "kano_tui.errors",
    "ExportError": "kano_tui.errors",
    "ExportCancelled": "kano_tui.errors",
    "PluginError": "kano_tui.errors",
    "ContractViolation": "kano_tui.plugins.checked",
    "where": "kano_tui.errors",
}

# Spelt out for linters and readers; tests/plugins/test_public_api.py checks it names
# every lazily loaded name.
__all__ = [
    "CATEGORY_NAMES",
    "FIGURES",
    "KANO_PLUGIN_API",
    "RESERVED_COLUMNS",
    "Classifier",
    "ContractViolation",
    "EvaluationTable",
    "ExportCancelled",
    "ExportContext",
    "ExportError",
    "Exporter",
    "Feature",
    "FigureColumns",
    "ImportOptions",
    "Importer",
    "KanoError",
    "PluginError",
    "PluginOption",
    "Project",
    "Settings",
    "SurveyImportError",
    "SurveyTable",
    "Workspace",
    "hookimpl",
    "where",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kano_tui.plugins' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
