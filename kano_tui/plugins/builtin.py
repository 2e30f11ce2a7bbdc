"""The built-in plugins, registered through the same hooks as third-party ones."""

DEFAULT_PLUGINS: tuple[str, ...] = (
    "kano_tui.classifiers.builtin",
    "kano_tui.importers.canonical",
    "kano_tui.exporters.data",
    "kano_tui.exporters.markdown",
    "kano_tui.exporters.questionnaire",
    "kano_tui.exporters.journey",
)
