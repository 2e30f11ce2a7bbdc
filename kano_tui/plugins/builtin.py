"""The built-in plugins, registered through the same hooks as third-party ones.

Each entry is a module with ``@hookimpl`` functions, exactly like a third party's plugin
(``docs/plugins.md``). :func:`kano_tui.plugins.manager.build_plugins` imports and
registers them first, in this order (which is also the order in which importers are
asked to ``sniff`` a file), under their module name with origin ``built-in``. Unlike a
third party's, a built-in that raises is a bug and is not hidden. To add one, append its
module here with the kinds it registers; the plugin tests then list and check it like
any other, and check that the kinds are the ones it registers.

A command that needs one built-in object (``kano analyze`` its classifier and evaluation
table) loads only the built-in modules that register that kind
(:func:`modules_for`, :func:`kano_tui.plugins.manager.build_built_ins`), through the same
:func:`~kano_tui.plugins.manager.load` as every plugin (docs/startup.md).
"""

from __future__ import annotations

# module -> the kinds (manager.KINDS) it registers. tests/plugins/test_scoped_loading.py
# loads each module alone and checks that it registers exactly these.
BUILT_IN_KINDS: dict[str, frozenset[str]] = {
    "kano_tui.classifiers.builtin": frozenset({"classifier", "evaluation_table"}),
    "kano_tui.importers.canonical": frozenset({"importer"}),
    "kano_tui.importers.qualtrics": frozenset({"importer"}),
    "kano_tui.importers.surveymonkey": frozenset({"importer"}),
    "kano_tui.importers.googleforms": frozenset({"importer"}),
    "kano_tui.importers.typeform": frozenset({"importer"}),
    "kano_tui.importers.limesurvey": frozenset({"importer"}),
    "kano_tui.importers.jsonfile": frozenset({"importer"}),
    "kano_tui.exporters.data": frozenset({"exporter"}),
    "kano_tui.exporters.jsondata": frozenset({"exporter"}),
    "kano_tui.exporters.markdown": frozenset({"exporter"}),
    "kano_tui.exporters.html": frozenset({"exporter"}),
    "kano_tui.exporters.questionnaire": frozenset({"exporter"}),
    "kano_tui.exporters.surveys.qsf": frozenset({"exporter"}),
    "kano_tui.exporters.surveys.limesurvey": frozenset({"exporter"}),
    "kano_tui.exporters.surveys.googleforms": frozenset({"exporter"}),
    "kano_tui.exporters.surveys.surveyjs": frozenset({"exporter"}),
    "kano_tui.exporters.journey": frozenset({"exporter"}),
    "kano_tui.exporters.trackers": frozenset({"exporter"}),
}

DEFAULT_PLUGINS: tuple[str, ...] = tuple(BUILT_IN_KINDS)


def modules_for(kind: str) -> tuple[str, ...]:
    """The built-in modules that register ``kind``, in loading order."""
    return tuple(module for module, kinds in BUILT_IN_KINDS.items() if kind in kinds)
