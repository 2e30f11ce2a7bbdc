"""The Analysis screen's two Kano plots: their axes, ranges, splits and quadrants."""

from __future__ import annotations

from kano_tui.tui.widgets.quadrant_layout import QuadrantSpec


def kano_plot_spec(split: float = 0.5) -> QuadrantSpec:
    return QuadrantSpec(
        title="Kano plot: Better against |Worse|",
        x_label="|Worse|: dissatisfaction when absent →",
        y_label="Better: satisfaction when present",
        x_range=(0.0, 1.0),
        y_range=(0.0, 1.0),
        x_split=split,
        y_split=split,
        quadrants=("A excitement", "O performance", "I indifferent", "M must-be"),
        x_name="|Worse|",
        y_name="Better",
        step=0.05,
    )


def continuous_plot_spec(split: float = 2.0) -> QuadrantSpec:
    return QuadrantSpec(
        title="Continuous plot: functional against dysfunctional mean",
        x_label="dysfunctional mean →",
        y_label="functional mean",
        x_range=(-2.0, 4.0),
        y_range=(-2.0, 4.0),
        x_split=split,
        y_split=split,
        quadrants=("A excitement", "O performance", "I indifferent", "M must-be"),
        x_name="D mean",
        y_name="F mean",
        step=0.25,
    )
