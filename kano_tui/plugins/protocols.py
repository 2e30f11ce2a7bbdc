"""What a classifier, an importer, an exporter and an evaluation table are: the plugin
contract, stated here once.

Plugins do not subclass anything: any object with these attributes works (structural
typing). Registration reads what each kind needs off these classes (:func:`members`,
used by :func:`kano_tui.plugins.validation.problem_with`), the registry is typed by them
(``plugins.classifier(name) -> Classifier``), :mod:`kano_tui.plugins.checked` holds
their methods to the return types written here, and ``docs/plugins.md`` lists the same
members (a test compares). They are ``runtime_checkable`` so a plugin's own tests can
``assert isinstance(obj, Classifier)``.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from kano_tui.engine.analysis.figures import Analysis
    from kano_tui.engine.importing.survey import ImportOptions, SurveyTable
    from kano_tui.engine.project.model import Settings
    from kano_tui.plugins.reach import PanelContext
    from kano_tui.session.workspace import ExportContext


@runtime_checkable
class Classifier(Protocol):
    """Decides each feature's Kano category from its figures."""

    name: str
    description: str

    def classify(self, figures: pd.DataFrame, settings: Settings) -> pd.Series:
        """A Series indexed by feature id (``figures.index``): ``A O M I R Q`` or ``None``.

        ``figures`` has one row per feature and the columns of
        ``kano_tui.plugins.FIGURES`` (counts, n, better, worse, strengths,
        continuous means and SDs, importance). Work on whole columns, not row by row.
        A DataFrame with a ``category`` column may be returned instead: its other
        columns (a confidence, a score) are extras shown beside the figures.

        Optional beside it, ``classify_columns(figures, settings)``: when a classifier
        has it, kano calls it instead and builds no DataFrame (nor imports pandas) for
        the analysis. There ``figures`` maps each column name to a NumPy array, one
        value per feature in the order of ``figures.ids``, with ``figures.attrs`` as
        above; it returns a list (or array) of ``A O M I R Q`` or ``None`` in that
        order. Keep ``classify`` answering the same: the built-ins do
        (``kano_tui/classifiers/builtin.py``).
        """
        ...


@runtime_checkable
class Importer(Protocol):
    """Reads a survey file into a :class:`~kano_tui.engine.importing.survey.SurveyTable`."""

    name: str
    description: str
    extensions: tuple[str, ...]  # lower case, with the dot: (".csv",)

    def sniff(self, path: Path, head: bytes) -> bool:
        """True when this importer recognises the file from its first bytes."""
        ...

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        """Read the file; raise ``SurveyImportError`` with one clear sentence on bad input."""
        ...


@runtime_checkable
class Exporter(Protocol):
    """Writes a report, a data file or a questionnaire."""

    name: str
    description: str
    extension: str  # the default file extension, with the dot

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        """Write to ``destination`` (a file path) and return every file written."""
        ...


@runtime_checkable
class EvaluationTable(Protocol):
    """Which Kano category each (functional, dysfunctional) answer pair is."""

    name: str
    description: str
    # Five rows of five letters from A O M I R Q: the functional answer (like ... dislike)
    # chooses the row, the dysfunctional answer the letter.
    rows: tuple[str, ...]


@runtime_checkable
class Command(Protocol):
    """A ``kano`` subcommand: a click command (``@click.command()``); its help is its
    description, so the protocol asks for the name only, and validation for a click type."""

    name: str


@runtime_checkable
class Panel(Protocol):
    """A tab of the Analysis screen that draws a Rich renderable from the analysis."""

    name: str
    title: str  # the tab's label
    description: str

    def render(self, analysis: Analysis, context: PanelContext) -> RenderableType:
        """What the tab shows for ``analysis`` (run in a worker thread: no widgets)."""
        ...


def members(protocol: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The attributes and the methods ``protocol`` requires, read off its definition.

    This is the one list: :func:`kano_tui.plugins.validation.problem_with` refuses an object
    that lacks any of them, and ``docs/plugins.md`` lists the same (a test compares them).
    """
    attributes: list[str] = []
    methods: list[str] = []
    for base in reversed(protocol.__mro__):
        if base in (object, Protocol, Generic) or not getattr(base, "_is_protocol", False):
            continue
        for name in inspect.get_annotations(base):
            if not name.startswith("_") and name not in attributes:
                attributes.append(name)
        for name, value in base.__dict__.items():
            if callable(value) and not name.startswith("_") and name not in methods:
                methods.append(name)
    return tuple(attributes), tuple(methods)


# What each kind of registered object is, by the name kano uses for the kind.
PROTOCOLS: dict[str, type] = {
    "classifier": Classifier,
    "importer": Importer,
    "exporter": Exporter,
    "evaluation_table": EvaluationTable,
    "command": Command,
    "panel": Panel,
}
