"""Chart labels: textalloc against adjustText on clustered features, and the report charts.

    python benchmarks/bench_labels.py          # adjustText is optional: pip install adjustText

For 16, 40 and 100 features packed as real surveys pack them (|Worse| 0.05-0.15, Better
0.2-0.35, names of 12-28 characters) on the zoomed axes the reports draw, each library
places 8 pt labels; then, from the drawn text extents: how many labels were placed, how
many pairs of labels overlap, how many labels cover a marker, and the time. Last, the
time of a whole report chart (kano_tui.exporters.charts.render_chart, SVG) and whether it
named or numbered its points. Why textalloc: it never overlapped; adjustText did.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MARKER_HALF = 3.4  # points: half the side of a 46 pt² marker


def cluster(count: int, seed: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    names = [f"Amenity number {i} long name"[: 12 + i % 17] for i in range(count)]
    return rng.uniform(0.05, 0.15, count), rng.uniform(0.2, 0.35, count), names


def axes_for(x: np.ndarray, y: np.ndarray):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 5.2), dpi=72)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.085, 0.19, 0.60, 0.73))
    axes.set_xlim(0.0, 0.2)
    axes.set_ylim(0.15, 0.4)
    markers = axes.scatter(x, y, s=46, zorder=3)
    return figure, axes, markers


def judge(figure, axes, texts, x, y) -> tuple[int, int, int]:
    renderer = figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts if t is not None]
    centres = axes.transData.transform(np.c_[x, y])
    overlaps = sum(boxes[i].overlaps(boxes[j]) for i in range(len(boxes)) for j in range(i))
    covers = sum(
        1
        for b in boxes
        for px, py in centres
        if b.x0 - MARKER_HALF < px < b.x1 + MARKER_HALF
        and b.y0 - MARKER_HALF < py < b.y1 + MARKER_HALF
    )
    return len(boxes), overlaps, covers


def with_textalloc(x, y, names):
    import textalloc

    figure, axes, _markers = axes_for(x, y)
    start = time.perf_counter()
    _, _, texts, _ = textalloc.allocate(
        axes,
        x,
        y,
        names,
        x_scatter=x,
        y_scatter=y,
        scatter_sizes=[4.5] * len(x),
        textsize=8,
        draw_all=False,
        margin=0.004,
        min_distance=0.008,
        max_distance=0.22,
        nbr_candidates=200,
    )
    return time.perf_counter() - start, judge(figure, axes, texts, x, y)


def with_adjusttext(x, y, names):
    from adjustText import adjust_text

    figure, axes, markers = axes_for(x, y)
    texts = [axes.text(a, b, s, fontsize=8) for a, b, s in zip(x, y, names)]
    start = time.perf_counter()
    adjust_text(texts, ax=axes, objects=markers)
    return time.perf_counter() - start, judge(figure, axes, texts, x, y)


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    libraries = [("textalloc", with_textalloc)]
    try:
        import adjustText  # noqa: F401

        libraries.append(("adjustText", with_adjusttext))
    except ImportError:
        print("adjustText not installed: only textalloc measured")
    print(f"{'features':>8} {'library':<10} {'ms':>6} {'placed':>6} {'overlaps':>8} {'covers':>6}")
    for count in (16, 40, 100):
        for seed in (1, 2, 3):
            x, y, names = cluster(count, seed)
            for name, run in libraries:
                seconds, (placed, overlaps, covers) = run(x, y, names)
                print(
                    f"{count:>8} {name:<10} {seconds * 1000:>6.0f} {placed:>6} "
                    f"{overlaps:>8} {covers:>6}"
                )
    from kano_tui.exporters.charts import Chart, Point, render_chart

    for count in (16, 40, 100):
        x, y, names = cluster(count, 1)
        chart = Chart(
            "kano-plot",
            "Kano plot",
            "",
            tuple(Point(n, a, b, "I") for n, a, b in zip(names, x, y)),
            0.5,
            (0.0, 1.0),
            "x",
            "y",
        )
        start = time.perf_counter()
        drawn = render_chart(chart, "svg").drawn
        print(
            f"report chart, {count} features: {time.perf_counter() - start:.2f} s, "
            f"{'numbered' if drawn.numbered else 'named'}, "
            f"{sum(label is not None for label in drawn.labels)} labels drawn"
        )


if __name__ == "__main__":
    main()
