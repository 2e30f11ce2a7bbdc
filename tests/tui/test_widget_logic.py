"""The pure parts of the TUI: the quadrant plot's drawing, path completion, undo history."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.style import Style

from kano_tui.tui.history import History
from kano_tui.tui.importing import PathSuggester
from kano_tui.tui.screens.analysis import kano_plot_spec
from kano_tui.tui.widgets.quadrant_layout import MARKERS, place_markers, plot_grid
from kano_tui.tui.widgets.quadrant_plot import PlotPoint, draw_quadrant_plot, plot_window


def plain(lines) -> list[str]:
    return [line.plain for line in lines]


def marker_cell(lines: list[str], marker: str) -> tuple[int, int]:
    for row, line in enumerate(lines):
        if marker in line[6:]:
            return row, line.index(marker, 6)
    raise AssertionError(f"{marker} not drawn")


def test_each_feature_lands_in_its_quadrant():
    points = [
        PlotPoint("excitement", 0.1, 0.9, "A"),
        PlotPoint("performance", 0.9, 0.9, "O"),
        PlotPoint("must-be", 0.9, 0.1, "M"),
        PlotPoint("indifferent", 0.1, 0.1, "I"),
    ]
    lines = plain(draw_quadrant_plot(points, kano_plot_spec(), 60, 20, lambda _: Style()))
    split_row = next(i for i, line in enumerate(lines) if "┼" in line)
    split_col = lines[split_row].index("┼")
    for marker, (top, left) in zip(
        "1234", [(True, True), (True, False), (False, False), (False, True)]
    ):
        row, col = marker_cell(lines, marker)
        assert (row < split_row) == top and (col < split_col) == left, marker
    assert "A excitement" in lines[0] and "M must-be" in lines[split_row + 1 :][-4]


def test_features_share_a_cell_only_when_they_coincide_and_missing_ones_are_skipped():
    points = [
        PlotPoint("a", 0.3, 0.3, "I"),
        PlotPoint("b", 0.3, 0.3, "I"),
        PlotPoint("c", None, 0.5, None),
        PlotPoint("d", float("nan"), 0.2, None),
        PlotPoint("e", 0.301, 0.302, "I"),
        PlotPoint("f", 0.31, 0.3, "I"),
    ]
    grid = plot_grid(kano_plot_spec(), 40, 12)
    placement = place_markers(points, grid)
    assert placement.markers == {0: "1", 1: "1", 4: "1", 5: "2"}  # a, b, e coincide
    assert placement.shared == {0, 1, 4}
    assert placement.cells[5] != placement.cells[0]  # f is near, not the same point
    lines = plain(draw_quadrant_plot(points, kano_plot_spec(), 40, 12, lambda _: Style()))
    plot = [line[6:] for line in lines[:-3]]
    assert sum(row.count("1") for row in plot) == 1 and sum(row.count("2") for row in plot) == 1
    assert "+" not in "".join(plot)


CLUSTER = st.tuples(st.floats(0.05, 0.95), st.floats(0.05, 0.95), st.floats(0.001, 0.1))


@st.composite
def plotted(draw) -> list[PlotPoint]:
    count = draw(st.integers(1, len(MARKERS)))
    if draw(st.booleans()):  # clustered around one spot
        cx, cy, spread = draw(CLUSTER)
        near = st.floats(-1, 1)
        places = [(cx + draw(near) * spread, cy + draw(near) * spread) for _ in range(count)]
    else:
        places = [(draw(st.floats(0, 1)), draw(st.floats(0, 1))) for _ in range(count)]
    return [
        PlotPoint(f"f{i}", min(max(x, 0), 1), min(max(y, 0), 1), "I")
        for i, (x, y) in enumerate(places)
    ]


@settings(max_examples=150, deadline=None)
@given(plotted(), st.integers(30, 120), st.integers(10, 40), st.booleans())
def test_every_feature_is_identifiable_in_the_text_plot(points, width, height, zoomed):
    spec = kano_plot_spec()
    window = plot_window(points, spec, zoomed)
    grid = plot_grid(spec, width, height, window)
    placement = place_markers(points, grid)
    lines = plain(
        draw_quadrant_plot(points, spec, width, height, lambda _: Style(), window, placement)
    )
    by_cell: dict[tuple[int, int], set[int]] = {}
    for index, cell in placement.cells.items():
        by_cell.setdefault(cell, set()).add(index)
    for cell, members in by_cell.items():
        row, col = cell
        markers = {placement.markers[i] for i in members}
        assert len(markers) == 1  # one marker per cell, drawn there
        assert lines[row][6 + col] == markers.pop()
        if len(members) > 1:  # sharing a cell: the same figures, or no free cell near
            keys = {(round(points[i].x, 2), round(points[i].y, 2)) for i in members}
            assert len(keys) == 1 or members <= placement.crowded
    assert set(placement.cells) == set(range(len(points)))
    markers_of_groups = {}
    for index, marker in placement.markers.items():
        markers_of_groups.setdefault(marker, set()).add(placement.cells[index])
    assert all(len(cells) == 1 for cells in markers_of_groups.values())  # a marker, a cell


@settings(max_examples=60, deadline=None)
@given(
    x=st.floats(-5, 5), y=st.floats(-5, 5), width=st.integers(20, 120), height=st.integers(8, 40)
)
def test_the_plot_always_has_the_asked_size_and_clamps_points(x, y, width, height):
    lines = draw_quadrant_plot(
        [PlotPoint("p", x, y, "O")], kano_plot_spec(), width, height, lambda _: Style()
    )
    assert len(lines) == height
    assert all(line.cell_len <= width for line in lines)
    plot_rows = [line.plain for line in lines if line.plain[5:6] in ("┤", "│")]
    assert any("1" in row[6:] for row in plot_rows)


def test_path_completion_offers_files_and_directories(tmp_path, monkeypatch):
    (tmp_path / "survey").mkdir()
    (tmp_path / "survey" / "wave-1.csv").write_text("x")
    (tmp_path / "summary.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    suggest = PathSuggester().get_suggestion
    assert asyncio.run(suggest("sur")) == "survey/"
    assert asyncio.run(suggest("survey/w")) == "survey/wave-1.csv"
    assert asyncio.run(suggest(str(tmp_path / "summ"))) == str(tmp_path / "summary.txt")
    assert asyncio.run(suggest("nothing-like-this")) is None


def test_history_undo_redo_and_a_new_edit_clears_redo():
    history: History[str] = History(limit=3)
    assert history.undo("now") is None
    for before in ("a", "b", "c", "d"):
        history.record(f"edit after {before}", before)
    assert [step.before for step in history.undo_stack] == ["b", "c", "d"]  # limit kept
    step = history.undo("e")
    assert step.before == "d" and history.can_redo
    assert history.redo("d").before == "e"
    history.undo("e")
    history.record("another", "d")
    assert not history.can_redo


def test_trajectories_draw_a_path_into_the_last_marker_on_blank_cells_only():
    from rich.style import Style

    from kano_tui.tui.screens.analysis import kano_plot_spec
    from kano_tui.tui.widgets.quadrant_plot import PlotPoint, draw_quadrant_plot
    from kano_tui.tui.widgets.trajectory_plot import overlay_paths

    spec = kano_plot_spec()
    path = [(0.1, 0.8, "A"), (0.9, 0.8, "O")]  # excitement wearing into performance
    lines = draw_quadrant_plot(
        [PlotPoint("f", 0.9, 0.8, "O")], spec, 60, 20, lambda category: Style()
    )
    drawn = [line.plain for line in overlay_paths(lines, [path], spec, 60, 20)]
    row = next(i for i, line in enumerate(drawn) if "∘" in line)
    assert drawn[row].index("∘") < drawn[row].index("→") < drawn[row].index("1")
    assert drawn[row].index("→") == drawn[row].index("1") - 1  # the arrow head meets it
    assert "·" in drawn[row]
    assert "A excitement" in drawn[0] and "O performance" in drawn[0]  # names untouched
    # a single point, or one with no figures, has no path
    assert [
        l.plain for l in overlay_paths(lines, [[(0.5, None, None)], path[:1]], spec, 60, 20)
    ] == [l.plain for l in lines]
