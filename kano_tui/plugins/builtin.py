"""The built-in plugins, registered through the same hooks as third-party ones."""

DEFAULT_PLUGINS: tuple[str, ...] = (
    "kano_tui.classifiers.builtin",
    "kano_tui.importers.canonical",
    "kano_tui.importers.qualtrics",
    "kano_tui.importers.surveymonkey",
    "kano_tui.importers.googleforms",
    "kano_tui.importers.typeform",
    "kano_tui.importers.jsonfile",
    "kano_tui.exporters.data",
    "kano_tui.exporters.jsondata",
    "kano_tui.exporters.markdown",
    "kano_tui.exporters.html",
    "kano_tui.exporters.questionnaire",
    "kano_tui.exporters.journey",
)
