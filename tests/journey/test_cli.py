"""The journey and advocacy commands, run as real `kano` processes on real project files."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.projectfile import load_project


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """The `kano` entry point in this process (the real code path, without the start-up
    cost of a new interpreter): exit code, stdout, stderr."""
    from kano_tui.cli.main import main

    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


EDIT_COMMANDS = [
    ("stage", "list"),
    ("stage", "add"),
    ("stage", "rename"),
    ("stage", "move"),
    ("stage", "remove"),
    ("touchpoint", "list"),
    ("touchpoint", "add"),
    ("touchpoint", "edit"),
    ("touchpoint", "move"),
    ("touchpoint", "remove"),
    ("touchpoint", "link"),
    ("touchpoint", "unlink"),
    ("persona", "list"),
    ("persona", "add"),
    ("persona", "remove"),
    ("persona", "emotion"),
    ("kpi", "list"),
    ("kpi", "add"),
    ("kpi", "edit"),
    ("kpi", "remove"),
]


def test_every_journey_command_has_a_useful_help(kano):
    from kano_tui.cli import journey  # noqa: F401 - registers the commands
    from kano_tui.cli.base import cli

    for group in ("stage", "touchpoint", "persona", "kpi"):
        assert cli.commands[group].help
        for name, command in cli.commands[group].commands.items():
            assert (group, name) in EDIT_COMMANDS and command.help, (group, name)
    for name in ("journey", "advocacy"):
        assert len(cli.commands[name].help) > 80
    result = kano("touchpoint", "add", "--help")
    assert result.returncode == 0 and "--emotion" in result.stdout and "-2" in result.stdout


def test_the_journey_map_is_readable_in_80_columns(kano, sample_copy):
    project = sample_copy("support-desk")
    result = kano("journey", project, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == "Support desk: customer journey"
    text = result.stdout
    for expected in (
        "Emotion curve",
        "4. Post-purchase support",
        "First support ticket",
        "pain: No idea when an answer will come",
        "[M] Ticket status tracking",
        "! Must-be feature 'Ticket status tracking' performs badly",
    ):
        assert expected in text, expected
    # the curve has one marker per touchpoint
    curve = lines[lines.index(next(l for l in lines if l.startswith("Emotion curve"))) + 2 :][:5]
    assert sum(line.count("●") for line in curve) == len(load_project(project).touchpoints)


def test_a_persona_curve_and_the_journey_as_json(capsys, sample_copy):
    project = sample_copy("support-desk")
    persona = load_project(project).personas[0]
    code, out, _ = run(capsys, "journey", project, "--persona", persona.name)
    assert code == 0 and f"persona {persona.name}" in out
    document = json.loads(run(capsys, "journey", project, "--format", "json")[1])
    assert [s["name"] for s in document["stages"]][:2] == ["Discovery", "Consideration"]
    touchpoint = document["stages"][3]["touchpoints"][0]
    assert set(touchpoint) >= {
        "id",
        "emotion",
        "pain_points",
        "opportunities",
        "evidence",
        "features",
    }
    assert {"id", "name", "category"} == set(touchpoint["features"][0])
    code, _, err = run(capsys, "journey", project, "--persona", "Nobody")
    assert code == 1 and err.startswith("kano: There is no persona")


def test_advocacy_as_table_and_json(kano, sample_copy):
    project = sample_copy("support-desk")
    table = kano("advocacy", project, env={"COLUMNS": "80"})
    assert table.returncode == 0, table.stderr
    for expected in (
        "NPS and CSAT · all respondents",
        "±95%",
        "CSAT top-2 %",
        "CSAT mean",
        "KPI periods",
        "Retention",
        "Referral definition:",
        "Kano lifecycle",
    ):
        assert expected in table.stdout, expected
    document = json.loads(kano("advocacy", project, "--format", "json", "--by", "tier").stdout)
    assert document["by"] == "tier"
    assert [s["segment"] and s["segment"]["value"] for s in document["series"]] == [
        None,
        "business",
        "premium",
        "standard",
    ]
    wave = document["series"][0]["waves"][1]
    assert wave["nps"]["margin"] > 0 and isinstance(wave["change"]["significant"], bool)
    assert document["kpi_periods"][0]["retention"] is not None
    bad = kano("advocacy", project, "--by", "shoe size")
    assert bad.returncode == 1 and "no respondent column 'shoe size'" in bad.stderr


def test_a_journey_is_built_and_edited_from_the_command_line(capsys, new_project):
    workspace = new_project("shop")
    add_feature(workspace.project, "Calls")
    workspace.save()
    project = workspace.directory
    steps = [
        ("stage", "add", project, "Onboarding", "--position", "4"),
        ("stage", "rename", project, "onboarding", "First steps"),
        ("stage", "move", project, "First steps", "5"),
        (
            "touchpoint",
            "add",
            project,
            "Purchase",
            "Checkout",
            "--emotion",
            "-1",
            "--channel",
            "web",
            "--pain-point",
            "Slow payment",
            "--opportunity",
            "One-click",
            "--evidence",
            "partly backed",
            "--feature",
            "Calls",
        ),
        ("touchpoint", "add", project, "Purchase", "Receipt", "--emotion", "+2", "--position", "1"),
        ("touchpoint", "edit", project, "checkout", "--emotion", "-2", "--no-pain-points"),
        ("touchpoint", "move", project, "receipt", "First steps"),
        ("touchpoint", "link", project, "receipt", "calls"),
        ("touchpoint", "unlink", project, "checkout", "Calls"),
        ("persona", "add", project, "Busy admin", "--description", "Hates waiting"),
        ("persona", "emotion", project, "Busy admin", "checkout", "--emotion", "-2"),
        (
            "kpi",
            "add",
            project,
            "2026 H1",
            "--start",
            "2026-01-01",
            "--end",
            "2026-06-30",
            "--customers-start",
            "200",
            "--new",
            "40",
            "--customers-end",
            "220",
        ),
        ("kpi", "edit", project, "2026 H1", "--new-by-referral", "8"),
    ]
    for step in steps:
        code, _, err = run(capsys, *step)
        assert code == 0, (step, err)
    model = load_project(project)
    assert [s.name for s in model.stages][4] == "First steps"
    checkout, receipt = model.touchpoints
    assert (checkout.emotion, checkout.pain_points, checkout.features) == (-2, [], [])
    assert checkout.opportunities == ["One-click"] and checkout.evidence == "partly backed"
    assert (receipt.stage, receipt.features) == ("onboarding", ["calls"])
    assert model.personas[0].emotions == {"checkout": -2}
    assert model.kpi_periods[0].customers_new_by_referral == 8
    advocacy = json.loads(run(capsys, "advocacy", project, "--format", "json")[1])
    assert advocacy["kpi_periods"][0]["retention"] == 90.0

    code, out, _ = run(capsys, "stage", "remove", project, "Purchase", "--move-to", "Consideration")
    assert code == 0 and "moved 1 touchpoint(s)" in out
    assert run(capsys, "touchpoint", "remove", project, "checkout")[0] == 0
    assert run(capsys, "kpi", "remove", project, "2026 H1")[0] == 0
    model = load_project(project)
    assert model.stage("purchase") is None and model.personas[0].emotions == {}
    assert model.kpi_periods == []


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ("touchpoint", "add", "{p}", "Purchase", "Checkout", "--emotion", "7"),
            "kano: The emotion 7 is out of range: it must be from -2 to +2.\n",
        ),
        (
            ("touchpoint", "add", "{p}", "Checkout", "Pay"),
            "kano: There is no journey stage 'Checkout'; stages: 'Discovery', 'Consideration', "
            "'Purchase', 'Post-purchase support', 'Advocacy'.\n",
        ),
        (
            ("kpi", "add", "{p}", "Q1", "--customers-end", "-5"),
            "kano: KPI period 'Q1' has customers_end = -5, which must be 0 or more.\n",
        ),
        (
            ("stage", "remove", "{p}", "Purchase"),
            "kano: The stage 'Purchase' still has 1 touchpoint; pass --move-to STAGE to keep it "
            "or --delete-touchpoints to delete it.\n",
        ),
        (
            ("touchpoint", "edit", "{p}", "receipt", "--evidence", "hearsay"),
            "kano: The evidence level 'hearsay' is not one of: assumption, partly backed, "
            "data-backed.\n",
        ),
        (
            ("persona", "emotion", "{p}", "nobody", "receipt"),
            "kano: Give either --emotion -2..+2 or --clear.\n",
        ),
    ],
)
def test_bad_input_is_one_sentence_and_the_project_is_untouched(capsys, new_project, args, message):
    project = new_project("shop").directory
    assert run(capsys, "touchpoint", "add", project, "Purchase", "Receipt")[0] == 0
    before = (project / "kano.toml").read_bytes()
    code, out, err = run(capsys, *(str(project) if a == "{p}" else a for a in args))
    assert (code, out, err) == (1, "", message)
    assert (project / "kano.toml").read_bytes() == before


def test_a_real_kano_process_refuses_an_emotion_of_7_without_a_traceback(kano, new_project):
    project = new_project("shop").directory
    before = (project / "kano.toml").read_bytes()
    result = kano("touchpoint", "add", project, "Purchase", "Checkout", "--emotion", "7")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == "kano: The emotion 7 is out of range: it must be from -2 to +2.\n"
    assert (project / "kano.toml").read_bytes() == before


def in_first_touchpoint(key: str, value: str) -> Callable[[str], str]:
    """A hand edit: set ``key = value`` in the first [[journey.touchpoints]] table."""

    def edit(text: str) -> str:
        head, marker, rest = text.partition("[[journey.touchpoints]]")
        body = re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", rest, count=1)
        return head + marker + body

    return edit


@pytest.mark.parametrize(
    "edit,message",
    [
        (in_first_touchpoint("emotion", "7"), "has emotion 7, which must be from -2 to +2."),
        (
            in_first_touchpoint("stage", '"checkout"'),
            "is on stage 'checkout', which does not exist.",
        ),
        (
            lambda t: re.sub(r"(?m)^customers_end = \d+", "customers_end = -1", t, count=1),
            "has customers_end = -1, which must be 0 or more.",
        ),
    ],
)
def test_a_hand_edited_kano_toml_with_a_bad_journey_is_refused_and_kept(
    kano, capsys, sample_copy, edit, message
):
    project = sample_copy("support-desk")
    path = project / "kano.toml"
    broken = edit(path.read_text(encoding="utf-8"))
    tomllib.loads(broken)
    path.write_text(broken, encoding="utf-8")
    result = kano("journey", project)  # one real process; the rest in this one
    outcomes = [(result.returncode, result.stdout, result.stderr)]
    outcomes += [
        run(capsys, *command)
        for command in (
            ("advocacy", project),
            ("touchpoint", "add", project, "Purchase", "X"),
            ("kpi", "add", project, "Q9"),
        )
    ]
    for code, out, err in outcomes:
        assert code == 1 and out == ""
        assert err.startswith(f"kano: {path}") and err.endswith(message + "\n"), err
        assert err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == broken  # nothing rewritten, nothing lost


def test_exporters_write_mermaid_and_json(capsys, sample_copy, tmp_path: Path):
    project = sample_copy("support-desk")
    mermaid = tmp_path / "journey.mmd"
    assert run(capsys, "export", project, "-e", "mermaid-journey", "-o", mermaid)[0] == 0
    lines = mermaid.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["journey", "    title Support desk: customer journey"]
    assert "    section Post-purchase support" in lines
    document = json.loads(run(capsys, "export", project, "-e", "journey-json", "-o", "-")[1])
    assert set(document) == {"project", "journey", "advocacy"}
    assert document["advocacy"]["series"][0]["waves"]
    report = run(capsys, "export", project, "-e", "markdown", "-o", "-")[1]
    for heading in (
        "## Customer journey",
        "```mermaid",
        "### Stage health",
        "## Advocacy",
        "### KPI periods",
        "### Kano lifecycle",
    ):
        assert heading in report, heading
