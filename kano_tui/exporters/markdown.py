"""The Markdown report: summary, results table, backlog, and one section per wave.

Sections are functions in ``SECTIONS``, each returning lines (or nothing when it has
nothing to say), so a section is added without touching the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from kano_tui.engine.analysis.figures import CATEGORY_NAMES, Analysis
from kano_tui.engine.analysis.run import backlog
from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.exporters.charts import Chart, Rendered, markdown_images, write_images
from kano_tui.plugins.hookspecs import hookimpl
from kano_tui.session.workspace import ExportContext

if TYPE_CHECKING:
    from kano_tui.engine.analysis.featureresult import Interval
    from kano_tui.engine.analysis.figures import GroupResult


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


def results_table(analysis: Analysis, group: GroupResult | None = None) -> list[str]:
    lines = [
        "| Feature | n | A | O | M | I | R | Q | Category | Better | Worse | Strength | Significant "
        "| Better 95% CI | Worse 95% CI |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|---|",
    ]
    small = False
    for result in analysis.results(group):
        label = f"{result.category} ({result.category_name})" if result.category else "–"
        small |= result.small_sample
        lines.append(
            f"| {md_text(result.name)} | {result.n}{'*' if result.small_sample else ''} | "
            + " | ".join(str(result.counts[k]) for k in "AOMIRQ")
            + f" | {label} | {_number(result.better)} | {_number(result.worse)} | "
            f"{_number(result.category_strength)} | {_number(result.significant)} | "
            f"{_interval(result.better_ci)} | {_interval(result.worse_ci)} |"
        )
    if small:
        lines += ["", "\\* fewer respondents than `[settings] small_sample`: read with care."]
    return lines


def _interval(interval: Interval | None) -> str:
    return "–" if interval is None else f"{interval.low:.2f} to {interval.high:.2f}"


def section_summary(context: ExportContext, analysis: Analysis) -> list[str]:
    project = context.project
    responses = context.workspace.responses()
    counts = Counter(result.category for result in analysis.results())
    lines = [f"# Kano report: {md_text(project.name)}", ""]
    if project.description:
        lines += [md_text(project.description), ""]
    lines += [
        f"- Respondents: {len(responses)}",
        f"- Features: {len(project.features)}",
        f"- Waves: {', '.join(md_text(w) for w in responses.waves()) or '–'}",
        f"- Classifier: `{analysis.classifier}`",
        f"- Evaluation table: `{analysis.evaluation_table}`",
        "- Categories: "
        + (", ".join(f"{CATEGORY_NAMES[c]} {counts[c]}" for c in "MOAIRQ" if c in counts) or "–"),
        "",
    ]
    return lines


def section_results(context: ExportContext, analysis: Analysis) -> list[str]:
    return ["## Results", "", *results_table(analysis), ""]


def section_backlog(context: ExportContext, analysis: Analysis) -> list[str]:
    from kano_tui.engine.analysis.planning import plan_lines

    lines = [
        "## Prioritised backlog",
        "",
        "Basic needs first, then performance, then excitement, each by value per "
        "effort; indifferent parked, reverse and questionable flagged, done and "
        "dropped unranked.",
        "",
        "| # | Feature | Category | Value | Effort | Value/effort | Status | Action |",
        "|---:|---|---|---:|---:|---:|---|---|",
    ]
    items = backlog(context.project, analysis)
    for item in items:
        category = CATEGORY_NAMES.get(item.category or "", "–")
        note = f" · {md_text(item.note)}" if item.note else ""
        lines.append(
            f"| {item.rank or ''} | {md_text(item.name)} | {category} | "
            f"{_number(item.value, 1)} | {_number(item.effort, 1)} | "
            f"{_number(item.value_per_effort, 1)} | {item.status} | "
            f"{item.action}{note} |"
        )
    fence = "~~~~"  # a feature name may hold backticks, never four tildes on its own line
    chart = [line.replace(fence, "~ ~ ") for line in plan_lines(items)]
    return [*lines, "", "### Value against effort", "", fence + "text", *chart, fence, ""]


def section_waves(context: ExportContext, analysis: Analysis) -> list[str]:
    waves = context.workspace.responses().waves()
    if len(waves) < 2:
        return []
    lines = ["## By wave", ""]
    by_wave = context.workspace.analyze(context.classifier, by="wave")
    for group in by_wave.groups:
        lines += [f"### Wave {md_text(group.value)}", "", *results_table(by_wave, group), ""]
    return lines


def section_journey(context: ExportContext, analysis: Analysis) -> list[str]:
    """The journey map: a Mermaid diagram, every touchpoint, and each stage's health."""
    from kano_tui.engine.customers.journey import EMOTION_LABELS, journey_map_for
    from kano_tui.exporters.journey import mermaid_journey

    if not context.project.touchpoints:
        return []
    journey = journey_map_for(context.workspace, analysis=analysis)
    lines = [
        "## Customer journey",
        "",
        "```mermaid",
        mermaid_journey(f"{context.project.name}: customer journey", journey).rstrip(),
        "```",
        "",
        "| Stage | Touchpoint | Channel | Emotion | Evidence | Pain points | "
        "Opportunities | Features |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for stage in journey.stages:
        for view in stage.touchpoints:
            point = view.touchpoint
            features = ", ".join(f"{md_text(f.name)} ({f.category or '–'})" for f in view.features)
            lines.append(
                f"| {md_text(stage.stage.name)} | {md_text(point.name)} | "
                f"{md_text(point.channel) or '–'} | {point.emotion:+d} "
                f"{EMOTION_LABELS[point.emotion]} | {point.evidence} | "
                f"{'; '.join(md_text(p) for p in point.pain_points) or '–'} | "
                f"{'; '.join(md_text(o) for o in point.opportunities) or '–'} | "
                f"{features or '–'} |"
            )
    lines += ["", "### Stage health", ""]
    for stage in journey.stages:
        lines.append(f"- **{md_text(stage.stage.name)}**: {stage.health.label}")
        lines += [f"  - {md_text(issue.message)}" for issue in stage.health.issues]
    return [*lines, ""]


def section_advocacy(context: ExportContext, analysis: Analysis) -> list[str]:
    """NPS and CSAT per wave, KPI periods and the Kano lifecycle, with their formulas."""
    from kano_tui.engine.customers.advocacy import advocacy_report

    report = advocacy_report(context.workspace, classifier=context.classifier)
    overall = report.overall
    has_scores = overall.total.nps.n or overall.total.csat.n
    if not (has_scores or report.kpis or report.lifecycle.waves):
        return []
    lines = ["## Advocacy", ""]
    if has_scores:
        lines += [
            "| Wave | n | NPS | ±95% | Change | Significant | CSAT top-2-box % | CSAT mean |",
            "|---|---:|---:|---:|---:|---|---:|---:|",
        ]
        for point in (*overall.waves, overall.total):
            change = point.change
            lines.append(
                f"| {md_text(point.wave) if point.wave is not None else 'all waves'} | "
                f"{point.nps.n} | {_signed(point.nps.nps)} | {_number(point.nps.margin, 1)} | "
                f"{_signed(change.delta) if change else '–'} | "
                f"{('yes' if change.significant else 'no') if change else '–'} | "
                f"{_number(point.csat.top2_percent, 1)} | {_number(point.csat.mean, 2)} |"
            )
        lines += [
            "",
            "NPS = 100 × (promoters − detractors) / n (promoters 9–10, detractors "
            "0–6); ±95% = 1.96 × 100 × √((p + d − (p − d)²) / n); a change is "
            "significant when |Δ| > 1.96 × √(SE₁² + SE₂²). CSAT top-2-box % = answers "
            "4 or 5 of 5; CSAT mean on the 1–5 scale.",
            "",
        ]
    if report.kpis:
        lines += [
            "### KPI periods",
            "",
            "| Period | S | N | E | Retention % | Churn % | Growth % | Referral rate % "
            "| Referral conversion % |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for k in report.kpis:
            p = k.period
            lines.append(
                f"| {md_text(p.label)} | {p.customers_start} | {p.customers_new} | "
                f"{p.customers_end} | {_number(k.retention, 1)} | "
                f"{_number(k.churn, 1)} | {_signed(k.growth)} | "
                f"{_number(k.referral_rate, 1)} | {_number(k.referral_conversion, 1)} |"
            )
        definitions = sorted({md_text(k.period.referral_definition) for k in report.kpis})
        lines += [
            "",
            "Retention = (E − N) / S; churn = 100 − retention; growth = (E − S) / S; "
            "referral rate = new customers by referral / N; referral conversion = new "
            "customers by referral / referrals made. Referral definition: "
            + "; ".join(definitions)
            + ".",
            "",
        ]
    life = report.lifecycle
    if life.waves:
        lines += [
            "### Kano lifecycle",
            "",
            "| Feature | "
            + " | ".join(md_text(w) for w in life.waves)
            + " | Path | Trend | Evidence |",
            "|---|" + "---|" * len(life.waves) + "---|---|---|",
        ]
        for row in life.rows:
            age = (
                "no answers"
                if row.last_wave is None
                else "undated"
                if row.age_days is None
                else f"{row.age_days} days"
            )
            lines.append(
                f"| {md_text(row.name)} | "
                + " | ".join(c or "–" for c in row.categories)
                + f" | {row.path or '–'} | {row.trend} | "
                + (f"**stale** ({age})" if row.stale else age)
                + " |"
            )
        lines += ["", f"Evidence older than {life.stale_after_days} days is flagged stale.", ""]
    return lines


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def section_compare(context: ExportContext, analysis: Analysis) -> list[str]:
    from kano_tui.exporters.compare_report import markdown_section, wave_comparison

    image = context.options.get("trajectory_image")
    return markdown_section(
        wave_comparison(context), md_text, quote(image) if isinstance(image, str) else None
    )


Section = Callable[[ExportContext, Analysis], list[str]]
SECTIONS: list[Section] = [
    section_summary,
    section_results,
    section_backlog,
    section_waves,
    section_compare,
    section_journey,
    section_advocacy,
]


def render_report(
    context: ExportContext,
    images: list[tuple[Chart, Path, Rendered]] | None = None,
    analysis: Analysis | None = None,
) -> str:
    analysis = analysis or context.analysis()
    lines: list[str] = []
    for section in SECTIONS:
        lines += section(context, analysis)
        if section is section_results:  # the charts, image files beside the report
            lines += markdown_images(images or [])
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class MarkdownExporter:
    name: str = "markdown"
    description: str = (
        "A Markdown report: summary, results, Kano and continuous plots "
        "(PNG files beside it), backlog, waves, journey, advocacy"
    )
    extension: str = ".md"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        analysis = context.analysis()
        images = write_images(analysis, context.project.settings, destination)
        context.check_cancelled()
        extra = _write_trajectories(context, destination)
        atomic_write(destination, render_report(context, images, analysis).encode("utf-8"))
        return [destination, *(path for _, path, _ in images), *extra]


def _write_trajectories(context: ExportContext, destination: Path) -> list[Path]:
    """The paths-across-waves chart beside the report, when there are two waves."""
    from kano_tui.exporters.compare_report import render_trajectories, wave_comparison

    comparison = wave_comparison(context)
    if comparison is None:
        return []
    path = destination.with_name(f"{destination.stem}-trajectories.png")
    atomic_write(
        path,
        render_trajectories(comparison, "png", split=context.project.settings.better_worse_split),
    )
    context.options["trajectory_image"] = path.name
    return [path]


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(MarkdownExporter())
