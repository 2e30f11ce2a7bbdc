"""The Markdown report: summary, results table, backlog, and one section per wave.

Sections are functions in ``SECTIONS``, each returning lines (or nothing when it has
nothing to say), so a section is added without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kano_tui.engine.analysis import CATEGORY_NAMES, Analysis
from kano_tui.engine.projectfile import atomic_write
from kano_tui.engine.results import backlog
from kano_tui.engine.workspace import ExportContext
from kano_tui.plugins.hookspecs import hookimpl


def md_text(text: object) -> str:
    """User text made safe for a Markdown table cell or line: no markup, no table breaks."""
    escaped = str(text)
    for char in "\\`*_{}[]<>()#+!|":
        escaped = escaped.replace(char, "\\" + char)
    return " ".join(escaped.split())


def _number(value: object, digits: int = 2) -> str:
    if value is None or value != value:  # NaN
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def results_table(analysis: Analysis, figures) -> list[str]:
    lines = [
        "| Feature | n | A | O | M | I | R | Q | Category | Better | Worse | Strength | Significant |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for feature_id, row in figures.iterrows():
        category = row["category"] if isinstance(row["category"], str) else None
        label = f"{category} ({CATEGORY_NAMES[category]})" if category else "–"
        lines.append(
            f"| {md_text(analysis.feature_names.get(feature_id, feature_id))} | {row['n']} | "
            + " | ".join(str(row[k]) for k in "AOMIRQ")
            + f" | {label} | {_number(row['better'])} | {_number(row['worse'])} | "
            f"{_number(row['category_strength'])} | {_number(bool(row['significant']))} |"
        )
    return lines


def section_summary(context: ExportContext, analysis: Analysis) -> list[str]:
    project = context.project
    responses = context.workspace.responses()
    figures = analysis.overall
    counts = figures["category"].value_counts()
    lines = [f"# Kano report: {md_text(project.name)}", ""]
    if project.description:
        lines += [md_text(project.description), ""]
    lines += [
        f"- Respondents: {len(responses)}",
        f"- Features: {len(project.features)}",
        f"- Waves: {', '.join(md_text(w) for w in responses.waves()) or '–'}",
        f"- Classifier: `{analysis.classifier}`",
        "- Categories: " + (", ".join(
            f"{CATEGORY_NAMES[c]} {counts[c]}" for c in "MOAIRQ" if c in counts) or "–"),
        "",
    ]
    return lines


def section_results(context: ExportContext, analysis: Analysis) -> list[str]:
    return ["## Results", "", *results_table(analysis, analysis.overall), ""]


def section_backlog(context: ExportContext, analysis: Analysis) -> list[str]:
    lines = ["## Prioritised backlog", "",
             "Basic needs first, then performance, then excitement; indifferent parked, "
             "reverse and questionable flagged.", "",
             "| # | Feature | Category | Score | Action |", "|---:|---|---|---:|---|"]
    for item in backlog(context.project, analysis):
        category = CATEGORY_NAMES.get(item.category or "", "–")
        lines.append(f"| {item.rank or ''} | {md_text(item.name)} | {category} | "
                     f"{_number(item.score)} | {item.action} |")
    return [*lines, ""]


def section_waves(context: ExportContext, analysis: Analysis) -> list[str]:
    waves = context.workspace.responses().waves()
    if len(waves) < 2:
        return []
    lines = ["## By wave", ""]
    by_wave = context.workspace.analyze(context.classifier, by="wave")
    for group in by_wave.groups:
        lines += [f"### Wave {md_text(group.value)}", "", *results_table(by_wave, group.figures), ""]
    return lines


Section = Callable[[ExportContext, Analysis], list[str]]
SECTIONS: list[Section] = [section_summary, section_results, section_backlog, section_waves]


def render_report(context: ExportContext) -> str:
    analysis = context.analysis()
    lines: list[str] = []
    for section in SECTIONS:
        lines += section(context, analysis)
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class MarkdownExporter:
    name: str = "markdown"
    description: str = "A Markdown report: summary, results, backlog, waves"
    extension: str = ".md"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        atomic_write(destination, render_report(context).encode("utf-8"))
        return [destination]


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(MarkdownExporter())
