"""The bad-input corpus through the real `kano` command.

Every bad survey file and every damaged ``kano.toml`` gets one sentence on stderr naming
what is wrong and where (file, row, column, value), exit code 1, no traceback, and leaves
the project byte-for-byte as it was (and the source file too). Awkward but valid files
(UTF-16, cp1252, semicolons, mixed codes and wordings) import with the right answers.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from kano_tui.engine.analysis.run import analysis_to_json
from kano_tui.errors import KanoError
from kano_tui.session.workspace import Workspace
from tests.conftest import run_kano
from tests.reliability.conftest import run_main, tree_digest
from tests.reliability.corpus import SECOND_WAVE_TEXT, project_cases, survey_cases

BAD = [case for case in survey_cases() if not case.valid]
VALID = [case for case in survey_cases() if case.valid]
PROJECT_CASES = [
    case.name
    for case in project_cases(
        'schema_version = 1\n[project]\nname = "x"\n[settings]\nstrength_threshold = 0.06\n'
        '[[features]]\nid = "camera"\nname = "Camera"\n'
    )
]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_sentence(stderr: str, mentions: list[str]) -> str:
    """stderr is exactly one `kano: ...` line, short, naming everything in ``mentions``."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    line = lines[0]
    assert line.startswith("kano: ") and line.endswith("."), line
    assert "Traceback" not in stderr and "Error:" not in line.split(":", 2)[1], line
    assert len(line) < 600, f"the error echoes too much input ({len(line)} characters)"
    for mention in mentions:
        assert mention in line, f"{mention!r} missing from: {line}"
    return line


def _mark(case):  # type: ignore[no-untyped-def]
    return pytest.param(case, id=case.name, marks=[pytest.mark.slow] if case.big else [])


# A few cases also run as a real `kano` process, to prove the exit code and the absence of
# a traceback across the process boundary; the rest call the same entry point in-process.
SUBPROCESS_CASES = {
    "binary garbage",
    "unknown answer wording",
    "a 50 MB cell",
    "truncated UTF-8",
    "syntax error",
    "missing response file",
}


def run_cli(case_name: str, *args: object):  # type: ignore[no-untyped-def]
    return run_kano(*args) if case_name in SUBPROCESS_CASES else run_main(*args)


@pytest.mark.parametrize("case", [_mark(c) for c in BAD])
def test_a_bad_survey_file_is_refused_in_one_sentence_and_nothing_changes(
    case, tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    source = tmp_path / case.filename
    case.build(source)
    source_before = _sha(source)
    before = tree_digest(project)

    result = run_cli(case.name, "import", project, source)

    assert result.returncode == 1, result.stdout + result.stderr
    assert_one_sentence(result.stderr, [m.format(file=case.filename) for m in case.mentions])
    assert tree_digest(project) == before
    assert _sha(source) == source_before
    if not case.big:  # what the TUI calls: a KanoError subclass, never anything else
        with pytest.raises(KanoError):
            Workspace.open(project).import_file(source)
        assert tree_digest(project) == before


@pytest.mark.parametrize("case", [_mark(c) for c in VALID])
def test_an_awkward_but_valid_file_imports_with_the_right_answers(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "project"
    Workspace.create(project).close()
    source = tmp_path / case.filename
    case.build(source)
    source_before = _sha(source)

    result = run_cli(case.name, "import", project, source)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    workspace = Workspace.open(project)
    assert len(workspace.responses()) == case.rows
    figures = {f["id"]: f for f in analysis_to_json(workspace.analyze())["features"]}
    for feature, category in case.categories.items():
        assert figures[feature]["category"] == category, (feature, figures[feature])
        assert figures[feature]["n"] == case.rows
    assert _sha(source) == source_before


def test_cp1252_attribute_text_is_stored_as_the_user_wrote_it(tmp_path: Path) -> None:
    case = next(c for c in VALID if c.filename == "cp1252.csv")
    workspace = Workspace.create(tmp_path / "project")
    case.build(tmp_path / case.filename)
    workspace.import_file(tmp_path / case.filename)
    cities = workspace.responses().frame["région"].tolist()
    assert cities == ["Île-de-France", "Genève", "Zürich"]


def test_a_formula_in_a_cell_is_stored_as_inert_text(tmp_path: Path) -> None:
    case = next(c for c in VALID if c.filename == "formula-attribute.csv")
    workspace = Workspace.create(tmp_path / "project")
    case.build(tmp_path / case.filename)
    workspace.import_file(tmp_path / case.filename)
    assert workspace.responses().frame["comment"].tolist() == ["=1+1", "@SUM(A1)"]


# --------------------------------------------------------------------------- kano.toml


@pytest.mark.parametrize("name", PROJECT_CASES)
def test_a_damaged_project_file_is_named_with_its_line_and_left_alone(
    name: str, tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    case = next(c for c in project_cases((project / "kano.toml").read_text()) if c.name == name)
    (project / "kano.toml").write_bytes(case.data)
    if case.remove_responses:
        shutil.rmtree(project / "responses")
    another = tmp_path / "wave2.csv"
    another.write_text(SECOND_WAVE_TEXT)
    before = tree_digest(project)

    commands = [
        ["analyze", project],
        ["import", project, another],
        ["export", project, "--exporter", "json"],
    ]
    if not case.remove_responses:  # editing the catalogue needs no responses
        commands.append(["features", "add", project, "Night mode"])
    for command in commands:
        result = run_cli(name if command[0] == "analyze" else "", *command)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert_one_sentence(result.stderr, list(case.mentions))
        assert tree_digest(project) == before, command

    with pytest.raises(KanoError):
        Workspace.open(project).analyze()
