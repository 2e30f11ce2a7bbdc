"""What a classifier, an importer, an exporter and an evaluation table are.

Plugins do not subclass anything: any object with these attributes works
(structural typing). :func:`kano_tui.plugins.manager.problem_with` checks them at
registration and reports what is missing; the protocols are ``runtime_checkable`` so a
plugin's own tests can ``assert isinstance(obj, Classifier)``. ``docs/plugins.md``
explains each in full.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd

    from kano_tui.engine.model import Settings
    from kano_tui.engine.survey import ImportOptions, SurveyTable
    from kano_tui.engine.workspace import ExportContext


@runtime_checkable
class Classifier(Protocol):
    """Decides each feature's Kano category from its figures."""

    name: str
    description: str

    def classify(self, figures: pd.DataFrame, settings: Settings) -> pd.Series:
        """Map each feature id (``figures.index``) to ``A O M I R Q`` or ``None``.

        ``figures`` has one row per feature and the columns of
        ``kano_tui.engine.analysis.FIGURES`` (counts, n, better, worse, strengths,
        continuous means and SDs, importance). Work on whole columns, not row by row.
        A DataFrame with a ``category`` column may be returned instead: its other
        columns (a confidence, a score) are extras shown beside the figures.
        """
        ...


@runtime_checkable
class Importer(Protocol):
    """Reads a survey file into a :class:`~kano_tui.engine.survey.SurveyTable`."""

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
