"""The reports' compare section: is the change between waves real?

The engine's :func:`~kano_tui.engine.analysis.compare.compare` between the first and the last
wave (when there are two or more): a table of category change, Better/Worse deltas with
95% intervals and the chi-square test, the significant lifecycle steps, and the Kano
plot with each feature's path across the waves (an arrow per step), drawn with
matplotlib as a layer of its own beside ``charts`` (same style, same reproducible
output).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kano_tui.engine.analysis.figures import CATEGORY_NAMES
from kano_tui.exporters import charts

if TYPE_CHECKING:
    from kano_tui.engine.analysis.compare import Comparison
    from kano_tui.session.workspace import ExportContext

TRAJECTORY_KEY = "trajectories"
TRAJECTORY_TITLE = "Kano plot: paths across waves"


def wave_comparison(context: ExportContext) -> Comparison | None:
    """The comparison of the first and last wave, or None with fewer than two waves."""
    if len(context.workspace.responses().waves()) < 2:
        return None
    comparison: Comparison = context.workspace.compare(context.classifier, by="wave")
    return comparison


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _ci(ci: tuple[float, float] | None) -> str:
    return "–" if ci is None else f"{ci[0]:+.2f} to {ci[1]:+.2f}"


def _p(p: float | None) -> str:
    return "–" if p is None else ("< 0.001" if p < 0.001 else f"{p:.3f}")


def rows(comparison: Comparison) -> list[dict[str, str]]:
    """One row of display strings per feature (Markdown and HTML share them)."""
    out = []
    for change in comparison.changes:
        a, b = change.before["category"], change.after["category"]
        small = change.before["small_sample"] or change.after["small_sample"]
        out.append(
            {
                "name": change.name,
                "categories": f"{a or '–'} → {b or '–'}" if a != b else (a or "–"),
                "better_delta": _signed(change.better_delta),
                "better_ci": _ci(change.better_delta_ci),
                "worse_delta": _signed(change.worse_delta),
                "worse_ci": _ci(change.worse_delta_ci),
                "p_value": _p(change.test.p_value),
                "significant": ("yes" if change.test.significant else "no")
                + (" (expected < 5)" if change.test.low_expected else "")
                + (" (small sample)" if small else ""),
                "lifecycle": change.lifecycle or "",
            }
        )
    return out


def markdown_section(
    comparison: Comparison | None, md_text: Any, image: str | None = None
) -> list[str]:
    if comparison is None:
        return []
    lines = [
        "## Is the change real?",
        "",
        f"Wave {md_text(comparison.before)} against wave {md_text(comparison.after)}: "
        f"Pearson's chi-square test of homogeneity of the category counts (alpha "
        f"{comparison.alpha:g}), and the change of Better and Worse with 95% intervals "
        "(Newcombe).",
        "",
        "| Feature | Category | ΔBetter | 95% CI | ΔWorse | 95% CI | p | Significant | Lifecycle |",
        "|---|---|---:|---|---:|---|---:|---|---|",
    ]
    for row in rows(comparison):
        lines.append(
            f"| {md_text(row['name'])} | {row['categories']} | {row['better_delta']} "
            f"| {row['better_ci']} | {row['worse_delta']} | {row['worse_ci']} | "
            f"{row['p_value']} | {row['significant']} | {row['lifecycle']} |"
        )
    steps = [f"{md_text(c.name)} ({c.lifecycle})" for c in comparison.changes if c.lifecycle]
    lines += [
        "",
        "Significant steps along Kano's lifecycle (I → A → O → M): "
        + (", ".join(steps) if steps else "none")
        + ".",
        "",
    ]
    if image:
        lines += [f"![{TRAJECTORY_TITLE}]({image})", ""]
    return lines


def draw_trajectories(comparison: Comparison, split: float = 0.5):  # type: ignore[no-untyped-def]
    """The Kano plot with each feature's path across the compared groups."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=charts.SIZE)
    figure.subplots_adjust(left=0.1, right=0.97, top=0.93, bottom=0.12)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_xlim(-0.02, 1.02)
    axes.set_ylim(-0.02, 1.02)
    axes.axvline(split, color="#444444", linewidth=0.8)
    axes.axhline(split, color="#444444", linewidth=0.8)
    lifecycle = {c.feature: c.lifecycle for c in comparison.changes}
    names = comparison.analysis.feature_names
    for feature, path in comparison.trajectories().items():
        points = [(x, y, c) for x, y, c in path if x is not None and y is not None]
        if not points:
            continue
        colour = charts.STYLE.get(points[-1][2] or "", charts.STYLE[""])[0]
        for (x0, y0, _), (x1, y1, _) in itertools.pairwise(points):
            axes.annotate(
                "",
                (x1, y1),
                xytext=(x0, y0),
                annotation_clip=False,
                arrowprops={
                    "arrowstyle": "->",
                    "color": colour,
                    "linewidth": 2.0 if lifecycle.get(feature) else 1.0,
                },
            )
        x, y, category = points[-1]
        marker = charts.STYLE.get(category or "", charts.STYLE[""])[1]
        axes.scatter([x], [y], color=colour, marker=marker, s=40, zorder=3)
        label = names.get(feature, feature)
        if lifecycle.get(feature):
            label += f" ({lifecycle[feature]})"
        axes.annotate(
            label,
            (x, y),
            xytext=(5, 3),
            textcoords="offset points",
            fontsize=8,
            fontweight="bold" if lifecycle.get(feature) else "normal",
            parse_math=False,
        )
    axes.set_xlabel("|Worse|: dissatisfaction when absent", parse_math=False)
    axes.set_ylabel("Better: satisfaction when present", parse_math=False)
    groups = " → ".join(str(v) for v in comparison.values)
    axes.set_title(f"{TRAJECTORY_TITLE} ({groups})", loc="left", fontsize=11, parse_math=False)
    axes.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
    return figure


def render_trajectories(
    comparison: Comparison, fmt: str = "svg", dpi: int = 150, split: float = 0.5
) -> bytes:
    from matplotlib import rc_context

    with rc_context(charts.RC):
        figure = draw_trajectories(comparison, split)
        buffer = io.BytesIO()
        metadata: Mapping[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def inline_trajectories(comparison: Comparison) -> str:
    """The trajectory chart as an ``<svg>`` element (as ``charts.inline_svg`` does)."""
    import re

    text = render_trajectories(comparison, "svg").decode("utf-8")
    text = charts._NAMESPACES.sub(
        "", charts._METADATA.sub("", charts._PROLOGUE.sub("", text)), count=2
    )
    prefix = f"{TRAJECTORY_KEY}-svg-"
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', text)
    text = re.sub(r'(xlink:href="#|url\(#)([^")]+)', rf"\1{prefix}\2", text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{TRAJECTORY_TITLE}" ', 1)


__all__ = [
    "CATEGORY_NAMES",
    "draw_trajectories",
    "inline_trajectories",
    "markdown_section",
    "render_trajectories",
    "rows",
    "wave_comparison",
]
