"""The engine: everything kano computes, with no user interface and no plugin system.

Its packages follow the pipeline: :mod:`~kano_tui.engine.project` (the model and its files),
:mod:`~kano_tui.engine.questionnaire.questions` (writing the survey), :mod:`~kano_tui.engine.importing`
(reading a survey tool's export back), :mod:`~kano_tui.engine.analysis.figures` (classifying and
comparing) and :mod:`~kano_tui.engine.customers` (the journey and advocacy). The layers
contract in ``pyproject.toml`` keeps it below the plugin system and free of Textual.
"""
