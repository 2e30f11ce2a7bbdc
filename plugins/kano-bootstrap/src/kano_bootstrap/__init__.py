"""kano-bootstrap: how sure is each feature's Kano category?

A first-party kano-tui plugin, installed like any third party's (entry point
``bootstrap`` in the ``kano_tui`` group). It provides:

- the classifier ``bootstrap``: the mode category, kept only where the bootstrap
  confirms it (at least 95% of resamples agree); other features stay undecided;
- the exporter ``bootstrap-csv``: per feature, the category, its bootstrap support and
  95% percentile intervals of Better and Worse.

The method and its references are in :mod:`kano_bootstrap.method`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kano_bootstrap.method import RESULT_COLUMNS, BootstrapSettings, bootstrap_confidence
from kano_tui.plugins import hookimpl

if TYPE_CHECKING:  # pandas is imported where it is used (docs/startup.md)
    import pandas as pd

__version__ = "0.1.0"
kano_api = ">=1,<2"


@dataclass(frozen=True)
class BootstrapClassifier:
    """The mode category where bootstrap resampling confirms it; otherwise undecided."""

    name: str = "bootstrap"
    description: str = "Mode category, kept only where 95% of bootstrap resamples agree"

    def classify(self, figures: pd.DataFrame, settings: Any) -> pd.Series:
        confidence = bootstrap_confidence(figures, BootstrapSettings.from_settings(settings))
        return confidence["category"].where(confidence["confirmed"], None)


def _cell(value: object) -> object:
    """CSV cell text: rounded numbers, blanks for undefined, no spreadsheet formulas."""
    from kano_tui.exporters.safety import spreadsheet_safe

    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return round(value, 4)
    return spreadsheet_safe(value)


@dataclass(frozen=True)
class BootstrapCsvExporter:
    """One row per feature (and group): category, support and Better/Worse intervals."""

    name: str = "bootstrap-csv"
    description: str = "Category support and 95% intervals of Better and Worse, as CSV"
    extension: str = ".csv"

    def export(self, context: Any, destination: Path) -> list[Path]:
        by = context.options.get("by")
        analysis = context.analysis(by=by)
        settings = BootstrapSettings.from_settings(context.project.settings)
        columns = (["group"] if by else []) + ["id", "name", *RESULT_COLUMNS]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        report = getattr(context, "report_progress", None)  # kano-tui 0.1 had no progress
        for number, group in enumerate(analysis.groups):
            if report is not None:  # each group is a full bootstrap: show it, let users cancel
                report(
                    f"resampling {group.value or 'all respondents'}", number / len(analysis.groups)
                )
            context.check_cancelled()
            confidence = bootstrap_confidence(group.figures, settings)
            for feature_id, row in confidence.iterrows():
                values = [
                    feature_id,
                    analysis.feature_names.get(feature_id, feature_id),
                    *(row[c] for c in RESULT_COLUMNS),
                ]
                if by:
                    values.insert(0, group.value)
                writer.writerow([_cell(v.item() if hasattr(v, "item") else v) for v in values])
        destination.write_text(buffer.getvalue(), encoding="utf-8")
        return [destination]


@hookimpl
def register_classifiers(register):  # type: ignore[no-untyped-def]
    register(BootstrapClassifier())


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(BootstrapCsvExporter())


def _interval(low: float, high: float) -> str:
    return "–" if low != low or high != high else f"{low:.2f}..{high:.2f}"


@dataclass(frozen=True)
class BootstrapPanel:
    """The Analysis screen's "Bootstrap" tab: support and intervals per feature."""

    name: str = "bootstrap"
    title: str = "Bootstrap"
    description: str = "Category support and 95% intervals of Better and Worse, per feature"

    def render(self, analysis: Any, context: Any) -> Any:
        from rich.table import Table

        settings = BootstrapSettings.from_settings(context.settings)
        confidence = bootstrap_confidence(analysis.overall, settings)
        level = f"{settings.level:.0%}"
        table = Table(
            title=f"Bootstrap: {settings.resamples} resamples, {level} intervals",
            title_justify="left",
        )
        for column in ("feature", "n", "cat", "support", f"Better {level}", f"Worse {level}"):
            table.add_column(column, justify="left" if column == "feature" else "right")
        for feature_id, row in confidence.iterrows():
            table.add_row(
                analysis.feature_names.get(feature_id, str(feature_id)),
                str(int(row["n"])),
                str(row["category"] or "–"),
                "–"
                if row["support"] != row["support"]
                else f"{row['support']:.0%}" + ("" if row["confirmed"] else " ?"),
                _interval(row["better_low"], row["better_high"]),
                _interval(row["worse_low"], row["worse_high"]),
            )
        return table


@hookimpl
def register_panels(register):  # type: ignore[no-untyped-def]
    register(BootstrapPanel())
