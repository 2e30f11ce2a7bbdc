"""The HTML report: one self-contained file that opens offline.

Summary, results table, the Kano plot and the continuous plot (inline SVG from
:mod:`kano_tui.exporters.charts`), the prioritised backlog, categories by wave, and the
customer journey and advocacy sections when the project has them. The page carries its
own CSS and no script, link, image or font from anywhere: it opens from an email
attachment on a plane.

Every piece of user text goes through Jinja2 with autoescaping on; the only markup let
through unescaped is the charts' SVG, which matplotlib writes with its text escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from jinja2 import Environment

from kano_tui import __version__
from kano_tui.engine.analysis.figures import CATEGORY_NAMES
from kano_tui.engine.analysis.planning import plan_lines
from kano_tui.engine.analysis.run import BACKLOG_ACTIONS, backlog
from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.exporters import charts
from kano_tui.plugins.hookspecs import hookimpl
from kano_tui.session.workspace import ExportContext

GROUP_TITLES: dict[str, str] = {
    "M": "Must-be: basic needs",
    "O": "Performance: more is better",
    "A": "Excitement: delighters",
    "I": "Indifferent: nobody cares",
    "R": "Reverse: better without",
    "Q": "Questionable: check the question",
}
DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Category",
        "From the evaluation table of Berger et al. (1993): each respondent's "
        "functional and dysfunctional answers give A, O, M, I, R or Q; the classifier decides "
        "the feature's category from those counts.",
    ),
    ("n", "Respondents who answered both questions of the feature."),
    ("Better", "(A + O) / (A + O + M + I): how much satisfaction the feature adds."),
    ("Worse", "−(O + M) / (A + O + M + I): how much dissatisfaction its absence causes."),
    ("Total strength", "(A + O + M) / n."),
    ("Category strength", "(f1 − f2) / n, f1 ≥ f2 the two largest counts of M, O, A, I, R."),
    ("Significant", "Fong (1996): |f1 − f2| ≥ 1.65 √((f1 + f2)(2n − f1 − f2) / (2n))."),
    (
        "Functional and dysfunctional means",
        "DuMouchel's scores: functional like 4, expect 2, "
        "neutral 0, tolerate −1, dislike −2; dysfunctional like −2, expect −1, neutral 0, "
        "tolerate 2, dislike 4.",
    ),
    ("Importance", "The mean of the self-stated importance answers (1 to the scale's top)."),
)


def num(value: Any, digits: int = 2) -> str:
    if value is None:  # the engine's results and reports have None, never NaN
        return "–"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def signed(value: Any) -> str:
    return "–" if value is None else f"{value:+.1f}"


def chip(category: str | None) -> Markup:
    if not category:
        return Markup('<span class="chip none">–</span>')
    return Markup('<span class="chip {0}" title="{1}">{0}</span>').format(
        category, CATEGORY_NAMES.get(category, category)
    )


@cache
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("kano_tui.exporters", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(num=num, signed=signed, chip=chip)
    return environment


def _css() -> str:
    from importlib.resources import files

    return files("kano_tui.exporters").joinpath("templates/report.css").read_text("utf-8")


@dataclass(frozen=True)
class _Group:
    letter: str
    title: str
    action: str
    names: list[str]


def report_values(context: ExportContext) -> dict[str, Any]:
    """Everything the template shows, computed by the engine."""
    from kano_tui.engine.customers.advocacy import advocacy_report
    from kano_tui.engine.customers.journey import EMOTION_LABELS, journey_map_for

    project = context.project
    context.report_progress("analysing", 0.0)
    analysis = context.analysis()
    responses = context.workspace.responses()
    results = analysis.results()
    items = backlog(project, analysis)
    context.report_progress("drawing the charts", 0.3)
    drawn = []
    for chart in charts.charts(analysis, project.settings):
        rendered = charts.render_chart(chart, "svg")
        drawn.append(
            {
                "key": chart.key,
                "heading": chart.title.split(":")[0],
                "description": chart.description,
                "note": rendered.drawn.note,
                "numbered": rendered.drawn.numbered,
                "x_name": chart.x_name,
                "y_name": chart.y_name,
                "key_rows": charts.chart_key(chart, rendered.drawn),
                "svg": Markup(charts.inline_svg(chart, rendered)),
            }
        )
        context.report_progress("drawing the charts", 0.3 + 0.2 * len(drawn))
    context.report_progress("journey and advocacy", 0.8)
    groups = [
        _Group(
            letter,
            GROUP_TITLES[letter],
            BACKLOG_ACTIONS[letter],
            [item.name for item in items if item.category == letter],
        )
        for letter in "MOAIRQ"
    ]
    counts = {letter: sum(1 for r in results if r.category == letter) for letter in "MOAIRQ"}
    advocacy = advocacy_report(context.workspace, classifier=context.classifier)
    overall = advocacy.overall
    has_scores = bool(overall.total.nps.n or overall.total.csat.n)
    journey = (
        journey_map_for(context.workspace, analysis=analysis)
        if project.touchpoints or any(f.stage for f in project.features)
        else None
    )
    lifecycle = advocacy.lifecycle if len(advocacy.lifecycle.waves) >= 2 else None
    from kano_tui.exporters import compare_report

    comparison = compare_report.wave_comparison(context)

    sections: list[tuple[Any, Any]] = [("summary", "Summary"), ("results", "Results")]
    sections += [(c["key"], c["heading"]) for c in drawn]
    sections.append(("backlog", "Prioritised backlog"))
    if lifecycle:
        sections.append(("waves", "By wave"))
    if comparison is not None:
        sections.append(("compare", "Is the change real?"))
    if journey:
        sections.append(("journey", "Customer journey"))
    if has_scores or advocacy.kpis:
        sections.append(("advocacy", "Advocacy"))
    sections.append(("definitions", "How the figures are computed"))
    return {
        "version": __version__,
        "project": project,
        "classifier": analysis.classifier,
        "evaluation_table": analysis.evaluation_table,
        "respondents": len(responses),
        "features": project.features,
        "waves": responses.waves(),
        "sections": sections,
        "category_names": CATEGORY_NAMES,
        "category_counts": [(letter, count) for letter, count in counts.items() if count],
        "groups": [g for g in groups if g.names],
        "results": results,
        "charts": drawn,
        "backlog": items,
        "plan_chart": "\n".join(plan_lines(items)),
        "lifecycle": lifecycle,
        "journey": journey,
        "emotion_labels": EMOTION_LABELS,
        "advocacy": advocacy if (has_scores or advocacy.kpis) else None,
        "advocacy_scores": has_scores,
        "advocacy_points": [*overall.waves, overall.total],
        "definitions": DEFINITIONS,
        "comparison": comparison,
        "compare_rows": compare_report.rows(comparison) if comparison else [],
        "compare_svg": Markup(compare_report.inline_trajectories(comparison))
        if comparison
        else None,
    }


def render_html(context: ExportContext) -> str:
    values = report_values(context)
    return _environment().get_template("report.html.j2").render(css=Markup(_css()), **values)


@dataclass(frozen=True)
class HtmlExporter:
    name: str = "html"
    description: str = (
        "A self-contained HTML report (opens offline): summary, results, "
        "Kano and continuous plots, backlog, journey, advocacy"
    )
    extension: str = ".html"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        atomic_write(destination, render_html(context).encode("utf-8"))
        return [destination]


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(HtmlExporter())
