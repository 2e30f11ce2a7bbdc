"""The journey map and the advocacy figures as Rich renderables for the terminal.

Readable in 80 columns: the emotion curve is drawn one narrow column per touchpoint (and
split into blocks when the journey is longer than the screen is wide); stages follow one
below the other. Every piece of user text goes in as ``Text``, never as markup, and
nothing relies on colour alone (NO_COLOR): emotions carry their sign, categories their
letter, issues a ``!``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from kano_tui.cli.fit import Column, FitTable
from kano_tui.cli.tables import CATEGORY_STYLES
from kano_tui.engine.analysis.figures import CATEGORY_NAMES
from kano_tui.engine.customers.advocacy import AdvocacyReport, AdvocacySeries, KpiFigures
from kano_tui.engine.customers.journey import EMOTION_LABELS, JourneyMap, LinkedFeature
from kano_tui.engine.project.model import Persona, Project

EMOTION_STYLES = {-2: "bold red", -1: "red", 0: "", 1: "green", 2: "bold green"}
CELL = 3  # columns per touchpoint in the curve
GUTTER = 4  # the "+2 " labels on the left


def emotion_text(emotion: int | None) -> Text:
    if emotion is None:
        return Text("·", style="dim")
    return Text(f"{emotion:+d} {EMOTION_LABELS[emotion]}", style=EMOTION_STYLES[emotion])


def feature_badge(feature: LinkedFeature) -> Text:
    """``[M] Calls`` -- the letter carries the category without colour."""
    letter = feature.category or "–"
    badge = Text(f"[{letter}]", style=CATEGORY_STYLES.get(letter, "dim"))
    return badge.append(" ").append(feature.name)


# --------------------------------------------------------------------------- the curve


def emotion_curve(
    curve: Sequence[int | None], boundaries: Sequence[int], width: int, title: str
) -> list[Text]:
    """Rows +2 .. -2 with a marker per touchpoint; ``|`` marks where a stage begins.

    Touchpoints are numbered 1.. under the curve; longer journeys are split in blocks.
    """
    per_block = max(1, (width - GUTTER) // CELL)
    rows: list[Text] = [Text(title, style="bold")]
    if not curve:
        return [*rows, Text("  (no touchpoints yet)", style="dim")]
    for first in range(0, len(curve), per_block):
        block = range(first, min(first + per_block, len(curve)))
        stages = Text("stg ", style="dim")
        for index in block:
            number = sum(1 for b in boundaries if b <= index)
            starts = index in boundaries and boundaries.index(index) == number - 1
            stages.append(f"{number:<{CELL}}"[:CELL] if starts else " " * CELL, style="dim")
        rows.append(stages)
        for level in range(2, -3, -1):
            line = Text(f"{level:+d} " if level else " 0 ", style="dim")
            for index in block:
                line.append("|" if index in boundaries and index != block[0] else " ", style="dim")
                emotion = curve[index]
                if emotion == level:
                    line.append("●", style=EMOTION_STYLES[level])
                elif emotion is None and level == 0:
                    line.append("·", style="dim")
                else:
                    line.append("─" if level == 0 else " ", style="dim")
                line.append(" ")
            rows.append(line)
        numbers = Text(" " * GUTTER)
        for index in block:
            numbers.append(f"{index + 1:<{CELL}}"[:CELL], style="dim")
        rows.append(numbers)
    return rows


# --------------------------------------------------------------------------- the map


def _indented(label: Text, body: Text, width: int = 3) -> Table:
    """``label`` in a narrow column and ``body`` wrapping beside it (a hanging indent)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=width, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(label, body)
    return grid


def journey_renderables(
    project: Project, journey: JourneyMap, persona: Persona | None, width: int
) -> Iterator[RenderableType]:
    touchpoints = journey.touchpoints()
    title = Text(f"{project.name}: customer journey", style="bold")
    yield title
    yield Text(
        f"{len(journey.stages)} stages · {len(touchpoints)} touchpoints · "
        f"{len(journey.personas)} personas · {len(journey.issues)} health issues",
        style="dim",
    )
    yield Text("")
    boundaries, position = [], 0
    for stage in journey.stages:
        boundaries.append(position)
        position += len(stage.touchpoints)
    whose = f"persona {persona.name}" if persona else "shared"
    yield Group(
        *emotion_curve(
            journey.curve(persona),
            boundaries,
            width,
            f"Emotion curve ({whose}; +2 delighted, -2 very negative)",
        )
    )
    number = 0
    for index, stage in enumerate(journey.stages, start=1):
        health = stage.health
        mean = "" if health.mean_emotion is None else f", mean emotion {health.mean_emotion:+.1f}"
        status = Text(f" {health.label}{mean} ", style="green" if health.ok else "bold yellow")
        yield Text("")
        yield Rule(
            Text.assemble((f" {index}. ", "bold"), (stage.stage.name, "bold"), " ·", status),
            align="left",
            style="dim",
        )
        if stage.stage.description:
            yield Text(stage.stage.description, style="italic")
        if stage.placed_features:
            placed = Text()
            for i, feature in enumerate(stage.placed_features):
                placed.append(" · " if i else "").append_text(feature_badge(feature))
            yield _indented(Text("features:", style="dim"), placed, width=10)
        if not stage.touchpoints:
            yield Text("  no touchpoints", style="dim")
        for view in stage.touchpoints:
            number += 1
            point = view.touchpoint
            shown = persona.emotions.get(point.id) if persona else point.emotion
            head = Text.assemble((f"{number:>2} ", "dim"), (point.name, "bold"))
            if point.channel:
                head.append(f" · {point.channel}", style="dim")
            head.append(" · ").append_text(emotion_text(shown))
            head.append(f" · {point.evidence}", style="dim")
            yield head
            body = Table.grid(padding=(0, 1))
            body.add_column(width=3, no_wrap=True)
            body.add_column(ratio=1)
            if point.description:
                body.add_row("", Text(point.description, style="italic"))
            for pain in point.pain_points:
                body.add_row(Text("  -", style="red"), Text(f"pain: {pain}"))
            for opportunity in point.opportunities:
                body.add_row(Text("  +", style="green"), Text(f"opportunity: {opportunity}"))
            if view.features:
                linked = Text()
                for i, feature in enumerate(view.features):
                    linked.append(" · " if i else "").append_text(feature_badge(feature))
                body.add_row("", linked)
            yield body
        for issue in health.issues:
            yield _indented(Text("  !", style="bold yellow"), Text(issue.message))
    if journey.personas:
        yield Text("")
        yield Text("Personas (emotion at each touchpoint, in journey order)", style="bold")
        for item in journey.personas:
            line = Text(f"  {item.name}: ")
            for emotion in journey.curve(item):
                line.append(
                    " " + ("·" if emotion is None else f"{emotion:+d}"),
                    style=EMOTION_STYLES.get(emotion, "dim") if emotion is not None else "dim",
                )
            yield line
    legend = Text("Categories: ", style="dim")
    for letter, name in CATEGORY_NAMES.items():
        legend.append(f"[{letter}] {name}  ", style="dim")
    yield Text("")
    yield legend


# --------------------------------------------------------------------------- advocacy


def _num(value: float | None, digits: int = 1, sign: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def series_table(series: AdvocacySeries) -> FitTable:
    table = FitTable(
        Text(f"NPS and CSAT · {series.label}"),
        (
            Column("wave", "Wave", 0, "left", wrap=True),
            Column("n", "n", 0),
            Column("nps", "NPS", 0),
            Column("margin", "±95%", 0),
            Column("change", "Change", 1),
            Column("significant", "Sig.", 1),
            Column("csat_top2", "CSAT top-2 %", 2),
            Column("csat_mean", "CSAT mean", 2),
        ),
    )
    for point in (*series.waves, series.total):
        change, significant = "", ""
        if point.change is not None:
            change = _num(point.change.delta, sign=True)
            significant = "yes" if point.change.significant else "no"
        table.add_row(
            Text(
                point.wave if point.wave is not None else "all waves",
                style="" if point.wave is not None else "bold",
            ),
            str(point.nps.n),
            _num(point.nps.nps, sign=True),
            _num(point.nps.margin),
            change,
            significant,
            _num(point.csat.top2_percent),
            _num(point.csat.mean, 2),
        )
    return table


def kpi_table(kpis: Sequence[KpiFigures]) -> FitTable:
    table = FitTable(
        "KPI periods (rates in %)",
        (
            Column("period", "Period", 0, "left", wrap=True),
            *(Column(key, key, 2) for key in "SNE"),
            Column("retention", "Retention", 0),
            Column("churn", "Churn", 1),
            Column("growth", "Growth", 0),
            Column("referral", "Referral", 1),
            Column("conversion", "Conv.", 1),
        ),
    )
    for k in kpis:
        p = k.period
        table.add_row(
            Text(p.label),
            str(p.customers_start),
            str(p.customers_new),
            str(p.customers_end),
            _num(k.retention),
            _num(k.churn),
            _num(k.growth, sign=True),
            _num(k.referral_rate),
            _num(k.referral_conversion),
        )
    return table


def lifecycle_table(report: AdvocacyReport) -> FitTable:
    """The newest waves are kept first when not every wave fits."""
    life = report.lifecycle
    count = len(life.waves)
    table = FitTable(
        f"Kano lifecycle (classifier {report.classifier})",
        (
            Column("feature", "Feature", 0, "left", wrap=True),
            *(
                Column(wave, wave, 0 if i == count - 1 else 2 + count - i, "center")
                for i, wave in enumerate(life.waves)
            ),
            Column("path", "Path", 1, "left", wrap=True),
            Column("trend", "Trend", 0, "left"),
            Column("evidence", "Evidence", 1, "left", wrap=True),
        ),
    )
    for row in life.rows:
        cells: list[Text] = [Text(row.name)]
        for letter in row.categories:
            cells.append(Text(letter or "–", style=CATEGORY_STYLES.get(letter or "", "dim")))
        evidence = (
            "no answers"
            if row.last_wave is None
            else ("undated" if row.age_days is None else f"{row.age_days} days")
        )
        cells += [
            Text(row.path or "–"),
            Text(row.trend),
            Text(
                f"! stale: {evidence}" if row.stale else evidence,
                style="bold yellow" if row.stale else "",
            ),
        ]
        table.add_row(*cells)
    return table


def advocacy_renderables(report: AdvocacyReport) -> Iterator[RenderableType | FitTable]:
    for series in report.series:
        yield series_table(series)
    yield Text(
        "NPS = 100 (p - d); ±95% = 1.96 x 100 x sqrt((p + d - (p - d)^2) / n); a "
        "change is significant when |Δ| > 1.96 sqrt(SE1² + SE2²). CSAT top-2 % = "
        "answers 4-5 of 5; CSAT mean on 1-5.",
        style="dim",
    )
    yield Text("")
    if report.kpis:
        yield kpi_table(report.kpis)
        yield Text(
            "Retention = (E - N) / S; churn = 100 - retention; growth = (E - S) / S; "
            "referral = new by referral / N; conversion = new by referral / referrals "
            "made.",
            style="dim",
        )
        definitions = sorted({k.period.referral_definition for k in report.kpis})
        for definition in definitions:
            yield Text.assemble(("Referral definition: ", "dim"), definition)
    else:
        yield Text(
            "No KPI periods yet; add one with `kano kpi add PROJECT LABEL ...`.", style="dim"
        )
    yield Text("")
    life = report.lifecycle
    if life.waves:
        yield lifecycle_table(report)
        yield Text(
            f"Evidence older than {life.stale_after_days} days "
            "(settings.stale_after_days) is flagged stale; a wave's date comes from "
            "its label (ISO date, 2026-Q3, 2026-03) or its import.",
            style="dim",
        )
    else:
        yield Text("No waves yet: the lifecycle needs responses with a wave.", style="dim")
