"""The built-in plugins, registered through the same hooks as third-party ones.

Each entry is a module with ``@hookimpl`` functions, exactly like a third party's plugin
(``docs/plugins.md``). :func:`kano_tui.plugins.manager.build_plugins` imports and
registers them first, in this order (which is also the order in which importers are
asked to ``sniff`` a file), under their module name with origin ``built-in``. Unlike a
third party's, a built-in that raises is a bug and is not hidden. To add one, append its
module here; the plugin tests then list and check it like any other.
"""

DEFAULT_PLUGINS: tuple[str, ...] = (
    "kano_tui.classifiers.builtin",
    "kano_tui.importers.canonical",
    "kano_tui.importers.qualtrics",
    "kano_tui.importers.surveymonkey",
    "kano_tui.importers.googleforms",
    "kano_tui.importers.typeform",
    "kano_tui.importers.limesurvey",
    "kano_tui.importers.jsonfile",
    "kano_tui.exporters.data",
    "kano_tui.exporters.jsondata",
    "kano_tui.exporters.markdown",
    "kano_tui.exporters.html",
    "kano_tui.exporters.questionnaire",
    "kano_tui.exporters.surveys.qsf",
    "kano_tui.exporters.surveys.limesurvey",
    "kano_tui.exporters.surveys.googleforms",
    "kano_tui.exporters.surveys.surveyjs",
    "kano_tui.exporters.journey",
    "kano_tui.exporters.trackers",
)
