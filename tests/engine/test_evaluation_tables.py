"""Evaluation tables (standard, pouliot, a project's own, a plugin's) and Berger's rule.

The standard table is Berger et al. (1993), "Kano's methods for understanding
customer-defined quality", Center for Quality of Management Journal 2(4), table 1. The
modified ("Pouliot") table of BRIEF.md section 8 also makes expect/expect and
tolerate/tolerate questionable: a respondent who gives the same answer to the
functional and the dysfunctional question contradicts themself, except when neutral.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.classifiers.builtin import BergerRuleClassifier
from kano_tui.engine.analysis.evaluation import BUILT_IN_TABLES, EvaluationTable, parse_rows
from kano_tui.engine.analysis.figures import (
    classify_pair,
    figures_from_histograms,
    importance_histograms,
    joint_histograms,
)
from kano_tui.engine.importing.answers import CODE, TOKENS
from kano_tui.engine.project.model import Settings
from kano_tui.engine.project.projectfile import load_project, project_from_toml, project_to_toml
from kano_tui.errors import ProjectError
from tests.conftest import run_kano
from tests.engine import oracle

TABLES = {table.name: table for table in BUILT_IN_TABLES}


@pytest.fixture
def kano_cli():
    """The real `kano` process; fails the test on a non-zero exit unless check=False."""

    def run(*args, check=True, env=None):
        result = run_kano(*args, env=env)
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return run


def engine_figures(pairs, table):
    functional = np.array([CODE[f] if f else 0 for f, _ in pairs], dtype=np.int8).reshape(-1, 1)
    dysfunctional = np.array([CODE[d] if d else 0 for _, d in pairs], dtype=np.int8).reshape(-1, 1)
    joint = joint_histograms(functional, dysfunctional)
    return figures_from_histograms(joint[0], importance_histograms(None, 1, 9)[0], ["f"], table)


def test_the_pouliot_table_differs_from_the_standard_on_the_diagonal_only():
    standard, pouliot = TABLES["standard"], TABLES["pouliot"]
    differences = {
        (f, d)
        for f in TOKENS
        for d in TOKENS
        if classify_pair(f, d, standard) != classify_pair(f, d, pouliot)
    }
    assert differences == {("expect", "expect"), ("tolerate", "tolerate")}
    for token in TOKENS:  # the diagonal: Q everywhere but neutral/neutral
        assert classify_pair(token, token, pouliot) == ("I" if token == "neutral" else "Q")


answer = st.sampled_from([None, *TOKENS])
survey = st.lists(st.tuples(answer, answer), max_size=60)


@given(survey, st.sampled_from(sorted(oracle.TABLES)))
@settings(max_examples=200)
def test_every_figure_follows_the_table_and_the_continuous_scores_do_not(pairs, name):
    expected = oracle.figures(pairs, table=oracle.TABLES[name])
    got = engine_figures(pairs, TABLES[name]).loc["f"]
    assert {k: int(got[k]) for k in "AOMIRQ"} == expected["counts"]
    assert got["n"] == expected["n"]
    for key in (
        "better",
        "worse",
        "total_strength",
        "category_strength",
        "functional_mean",
        "dysfunctional_mean",
        "functional_sd",
        "dysfunctional_sd",
    ):
        if expected[key] is None:
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(expected[key], abs=1e-9), key
    assert bool(got["significant"]) == expected["significant"]
    standard = engine_figures(pairs, TABLES["standard"]).loc["f"]
    for key in ("functional_mean", "dysfunctional_mean", "n"):  # answers, not categories
        assert (math.isnan(got[key]) and math.isnan(standard[key])) or got[key] == standard[key]


@given(survey)
@settings(max_examples=100)
def test_pair_counts_are_the_answer_pairs(pairs):
    got = engine_figures(pairs, TABLES["standard"]).loc["f"]
    for f, functional in enumerate(TOKENS, start=1):
        for d, dysfunctional in enumerate(TOKENS, start=1):
            assert got[f"pair_{f}{d}"] == pairs.count((functional, dysfunctional))


@given(st.dictionaries(st.sampled_from("AOMIRQ"), st.integers(0, 30), min_size=6))
def test_berger_rule_against_its_definition(counts):
    import pandas as pd

    n = sum(counts.values())
    figures = pd.DataFrame([{**counts, "n": n}], index=["f"])
    got = BergerRuleClassifier().classify(figures, Settings()).iloc[0]
    assert got == oracle.berger_rule(counts, n)


def test_berger_rule_worked_cases():
    """O+A+M = 12 > I+R+Q = 10: the largest of M O A (M, tie with O broken M > O);
    O+A+M = 10 = I+R+Q: the largest of I R Q (R on a tie with Q... I > R > Q)."""
    import pandas as pd

    figures = pd.DataFrame(
        [
            {"A": 2, "O": 5, "M": 5, "I": 9, "R": 1, "Q": 0, "n": 22},
            {"A": 5, "O": 3, "M": 2, "I": 4, "R": 4, "Q": 2, "n": 20},
            {"A": 0, "O": 0, "M": 0, "I": 0, "R": 0, "Q": 0, "n": 0},
        ],
        index=["quality-wins", "tie-goes-to-others", "unanswered"],
    )
    got = BergerRuleClassifier().classify(figures, Settings()).to_dict()
    assert got == {"quality-wins": "M", "tie-goes-to-others": "I", "unanswered": None}


@pytest.mark.parametrize(
    ("rows", "why"),
    [
        (["QAAAO", "RIIIM", "RIIIM", "RIIIM"], "has 4 rows; it needs five"),
        (["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRX"], "the letter 'X'"),
        (["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRR"], "has 4 letters"),
        ("QAAAO", "must be a list of five rows"),
        ([1, 2, 3, 4, 5], "not five letters"),
    ],
)
def test_a_bad_table_is_one_clause(rows, why):
    parsed, message = parse_rows(rows)
    assert parsed is None and why in message


def test_rows_may_be_spaced_and_lower_case():
    parsed, _ = parse_rows(["q a a a o", "R,I,I,I,M", "riiim", "RIIIM", "RRRRQ"])
    assert parsed == TABLES["standard"].rows


def _project_text(table_lines: str) -> str:
    return (
        'schema_version = 1\n[project]\nname = "p"\n[settings]\n'
        'evaluation_table = "strict"\n' + table_lines
    )


def test_a_project_table_round_trips_through_kano_toml(tmp_path):
    text = _project_text(
        '[[evaluation_tables]]\nname = "strict"\n'
        'description = "every repeated answer is Q"\n'
        'rows = ["QAAAO", "RQIIM", "RIQIM", "RIIQM", "RRRRQ"]\n'
    )
    project = project_from_toml(text, tmp_path / "kano.toml")
    assert project.evaluation_tables[0].rows == ["QAAAO", "RQIIM", "RIQIM", "RIIQM", "RRRRQ"]
    again = project_from_toml(project_to_toml(project), tmp_path / "kano.toml")
    assert again.evaluation_tables == project.evaluation_tables
    assert again.settings.evaluation_table == "strict"


@given(
    st.lists(st.text("AOMIRQ", min_size=5, max_size=5), min_size=5, max_size=5),
    st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12),
)
@settings(max_examples=60)
def test_any_valid_table_round_trips(rows, name):
    from pathlib import Path

    if name in TABLES:
        return
    text = (
        'schema_version = 1\n[project]\nname = "p"\n[[evaluation_tables]]\n'
        f'name = "{name}"\nrows = {json.dumps(rows)}\n'
    )
    project = project_from_toml(text, Path("kano.toml"))
    again = project_from_toml(project_to_toml(project), Path("kano.toml"))
    assert again.evaluation_tables[0].rows == rows and again.evaluation_tables[0].name == name


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            '[[evaluation_tables]]\nname = "strict"\nrows = ["QAAAO", "RIIIM"]\n',
            "(line 8): evaluation_tables[0].rows has 2 rows; it needs five.",
        ),
        (
            '[[evaluation_tables]]\nname = "strict"\n'
            'rows = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRZ"]\n',
            "evaluation_tables[0].rows row 5 ('RRRRZ') has the letter 'Z'",
        ),
        (
            '[[evaluation_tables]]\nname = "standard"\n'
            'rows = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]\n',
            "evaluation_tables[0].name 'standard' is built in",
        ),
    ],
)
def test_a_bad_project_table_names_its_line(tmp_path, lines, message):
    with pytest.raises(ProjectError) as raised:
        project_from_toml(_project_text(lines), tmp_path / "kano.toml")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


# --------------------------------------------------------------------------- end to end


def test_analyze_reports_and_follows_the_table(kano_cli, sample_copy):
    project = sample_copy("smartphone")
    standard = json.loads(kano_cli("analyze", project, "--format", "json").stdout)
    pouliot = json.loads(
        kano_cli("analyze", project, "--table", "pouliot", "--format", "json").stdout
    )
    assert standard["evaluation_table"] == "standard"
    assert pouliot["evaluation_table"] == "pouliot"
    by_id = {f["id"]: f for f in standard["features"]}
    moved = 0
    for feature in pouliot["features"]:
        before = by_id[feature["id"]]
        assert feature["n"] == before["n"]
        assert feature["functional_mean"] == before["functional_mean"]
        # only I (expect/expect, tolerate/tolerate) can become Q
        assert (
            feature["counts"]["Q"] - before["counts"]["Q"]
            == before["counts"]["I"] - feature["counts"]["I"]
        )
        for letter in "AOMR":
            assert feature["counts"][letter] == before["counts"][letter]
        moved += feature["counts"]["Q"] != before["counts"]["Q"]
    assert moved  # the sample has expect/expect and tolerate/tolerate answers
    table = kano_cli("analyze", project, "--table", "pouliot", env={"COLUMNS": "200"}).stdout
    assert "table pouliot" in table


def test_the_project_setting_chooses_the_table_and_an_unknown_one_is_named(kano_cli, sample_copy):
    project = sample_copy("smartphone")
    path = project / "kano.toml"
    path.write_text(
        path.read_text().replace("[settings]\n", '[settings]\nevaluation_table = "pouliot"\n', 1)
    )
    assert (
        json.loads(kano_cli("analyze", project, "--format", "json").stdout)["evaluation_table"]
        == "pouliot"
    )
    failed = kano_cli("analyze", project, "--table", "pouliott", check=False)
    assert failed.returncode == 1
    assert "no evaluation table named 'pouliott'" in failed.stderr
    assert "did you mean 'pouliot'" in failed.stderr


def test_backlog_and_export_take_the_table(kano_cli, sample_copy, tmp_path):
    project = sample_copy("smartphone")
    kano_cli("backlog", project, "--table", "pouliot", "--format", "json")
    out = tmp_path / "analysis.json"
    kano_cli("export", project, "--exporter", "json", "--table", "pouliot", "-o", out)
    assert json.loads(out.read_text())["analysis"]["evaluation_table"] == "pouliot"


def test_a_plugins_table_is_used_like_a_built_in(tmp_path, kano_cli, sample_copy):
    plugin = tmp_path / "strict_table.py"
    plugin.write_text(
        "from kano_tui.engine.analysis.evaluation import EvaluationTable\n"
        "from kano_tui.plugins.hookspecs import hookimpl\n\n"
        "@hookimpl\n"
        "def register_evaluation_tables(register):\n"
        "    register(EvaluationTable('all-questionable', ('QQQQQ',) * 5, 'every pair Q'))\n"
    )
    project = sample_copy("smartphone")
    result = json.loads(
        kano_cli(
            "--plugin",
            plugin,
            "analyze",
            project,
            "--table",
            "all-questionable",
            "--format",
            "json",
        ).stdout
    )
    assert all(f["counts"]["Q"] == f["n"] for f in result["features"])
    broken = tmp_path / "broken_table.py"
    broken.write_text(
        "from types import SimpleNamespace\n"
        "from kano_tui.plugins.hookspecs import hookimpl\n\n"
        "@hookimpl\n"
        "def register_evaluation_tables(register):\n"
        "    register(SimpleNamespace(name='wrong', description='', rows=('QAAAO',)))\n"
    )
    listed = kano_cli("--plugin", broken, "plugins", "list", "--format", "json")
    info = next(p for p in json.loads(listed.stdout)["plugins"] if "broken_table" in p["name"])
    assert info["state"] == "failed" and "five rows" in info["error"]


def test_load_keeps_a_project_tables_normalised_rows(tmp_path):
    (tmp_path / "kano.toml").write_text(
        _project_text(
            '[[evaluation_tables]]\nname = "strict"\n'
            'rows = ["q a a a o", "RQIIM", "RIQIM", "RIIQM", "RRRRQ"]\n'
        )
    )
    project = load_project(tmp_path)
    assert project.evaluation_tables[0].rows[0] == "QAAAO"
    assert EvaluationTable("strict", tuple(project.evaluation_tables[0].rows)).category(2, 2) == "Q"


def test_compare_takes_and_reports_the_table(kano_cli, sample_copy):
    project = sample_copy("smartphone")
    standard = json.loads(kano_cli("compare", project, "--format", "json").stdout)
    pouliot = json.loads(
        kano_cli("compare", project, "--table", "pouliot", "--format", "json").stdout
    )
    assert (standard["evaluation_table"], pouliot["evaluation_table"]) == ("standard", "pouliot")
    before = {f["id"]: f for f in standard["features"]}
    assert any(
        f["to"]["counts"]["Q"] > before[f["id"]]["to"]["counts"]["Q"] for f in pouliot["features"]
    )
