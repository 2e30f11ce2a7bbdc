"""Every table of the `kano` command fits the width and never cuts a figure or a name."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from kano_tui.cli.fit import Column, FitTable, console
from tests.conftest import SAMPLES

SMARTPHONE = SAMPLES / "smartphone"
SUPPORT = SAMPLES / "support-desk"


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def assert_fits(text: str, width: int) -> None:
    widest = max(lines_of(text), key=cell_len)
    assert cell_len(widest) <= width, widest
    assert "…" not in text and "..." not in text


def test_analyze_at_80_columns_shows_the_figures_a_kano_user_came_for(kano):
    result = kano("analyze", SMARTPHONE, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    assert_fits(result.stdout, 80)
    header = next(line for line in lines_of(result.stdout) if line.startswith("Feature"))
    assert header.split() == ["Feature", "Category", "n", "Better", "Worse", "Sig."]
    figures = json.loads(kano("analyze", SMARTPHONE, "--format", "json").stdout)
    for feature in figures["features"]:  # every figure whole, on the feature's own line
        row = next(line for line in lines_of(result.stdout) if line.startswith(feature["name"]))
        assert f" {feature['n']} " in row
        assert f"{feature['better']:.2f}" in row and f"{feature['worse']:.2f}" in row
    assert "Left out to fit 80 columns: A, O, M, I, R, Q, Total str." in " ".join(
        lines_of(result.stdout)
    )


def test_a_pipe_without_columns_gets_80_and_a_wide_terminal_gets_more(kano):
    piped = kano("analyze", SMARTPHONE, env={"COLUMNS": ""})
    assert_fits(piped.stdout, 80)
    assert "Left out to fit 80 columns" in piped.stdout
    wide = kano("analyze", SMARTPHONE, env={"COLUMNS": "200"})
    assert "Left out" not in wide.stdout
    assert_fits(wide.stdout, 200)
    header = next(line for line in lines_of(wide.stdout) if line.startswith("Feature"))
    assert {"A", "Q", "Imp.", "F", "sd"} <= set(header.split())


def test_columns_chooses_and_names_a_typo(kano):
    chosen = kano("analyze", SMARTPHONE, "--columns", "n,Better,worse,A,O,M", env={"COLUMNS": "80"})
    header = next(line for line in lines_of(chosen.stdout) if line.startswith("Feature"))
    assert header.split() == ["Feature", "n", "Better", "Worse", "A", "O", "M"]
    assert "Left out" not in chosen.stdout
    every = kano("analyze", SMARTPHONE, "--columns", "all", env={"COLUMNS": "80"})
    assert every.returncode == 0 and "…" not in every.stdout and "Imp." in every.stdout
    typo = kano("analyze", SMARTPHONE, "--columns", "n,beter", env={"COLUMNS": "80"})
    assert typo.returncode == 1 and typo.stderr.count("\n") == 1
    assert "no column 'beter'" in typo.stderr and "better" in typo.stderr


def test_analyze_by_a_segment_fits_and_notes_the_left_out_columns_once(kano):
    result = kano("analyze", SMARTPHONE, "--by", "plan", env={"COLUMNS": "80"})
    assert_fits(result.stdout, 80)
    assert result.stdout.count("Left out to fit") == 1
    assert result.stdout.count("Better") >= 2  # one table per plan


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize(
    "command",
    [
        ("backlog", SMARTPHONE),
        ("advocacy", SMARTPHONE, "--by", "plan"),
        ("features", "list", SUPPORT),
        ("journey", SUPPORT),
        ("analyze", SUPPORT, "--by", "wave"),
    ],
    ids=["backlog", "advocacy", "features", "journey", "analyze-by-wave"],
)
def test_every_table_fits_the_width(kano, command, width):
    result = kano(*command, env={"COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    assert_fits(result.stdout, width)


def test_features_list_names_stage_effort_and_tags_when_wide(kano):
    result = kano("features", "list", SUPPORT, env={"COLUMNS": "140"})
    header = lines_of(result.stdout)[0].split()
    assert header == ["Id", "Name", "Stage", "Effort", "Tags"]
    assert "knowledge_base" in result.stdout and "Knowledge base" in result.stdout


# --------------------------------------------------------------------------- the layer

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé-", min_size=1, max_size=24)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
numbers = st.floats(-10_000, 100_000, allow_nan=False).map(lambda x: f"{x:.2f}")


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(names, numbers, numbers, numbers, numbers), min_size=1, max_size=8),
    width=st.integers(40, 160),
)
def test_fitted_tables_never_cut_a_number_and_never_exceed_the_width(rows, width):
    columns = (
        Column("name", "Name", 0, "left", wrap=True),
        Column("a", "Alpha", 0),
        Column("b", "Beta value", 1),
        Column("c", "C", 2),
        Column("d", "D", 2),
    )
    table = FitTable("title", columns)
    for row in rows:
        table.add_row(*row)
    fitted = table.fit(width)
    out = console(max(width, fitted.width))
    with out.capture() as captured:
        out.print(table.render(width))
    text = captured.get()
    if fitted.width <= width:  # the always-shown columns fit: so does the table
        assert_fits(text, width)
    assert "…" not in text
    shown = fitted.keys
    assert shown[:2] == ["name", "a"]
    assert set(shown) | {c.key for c in fitted.left_out} == {c.key for c in columns}
    assert not ({"c", "d"} & set(shown)) or {"c", "d"} <= set(shown)  # a group stays whole
    for row in rows:
        for key, value in zip("abcd", row[1:]):
            if key in shown:
                assert re.search(rf"(^|\s){re.escape(value)}(\s|$)", text, re.M), value
    words_shown = set(" ".join(text.split()).split())
    for row in rows:  # long words may fold, but every short word of a name is whole
        for word in row[0].split():
            if len(word) <= 10:
                assert word in words_shown or any(word in line for line in text.splitlines())


def test_a_name_column_wraps_instead_of_an_ellipsis():
    table = FitTable(None, (Column("name", "Name", 0, "left", wrap=True), Column("n", "n")))
    table.add_row(Text("Satisfaction survey after every contact"), "1234567")
    out = console(30)
    with out.capture() as captured:
        out.print(table.render(30))
    text = captured.get()
    assert "1234567" in text and "Satisfaction" in text and "contact" in text
    assert_fits(text, 30)
