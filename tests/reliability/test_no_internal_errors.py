"""Internal errors become sentences: every case that once ended in exit 70 ("internal
error") is one sentence with exit 1, and a sweep of hostile values through every
option and argument of every command finds no exit 70 and no traceback."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import click
import pytest

from kano_tui.cli.base import cli
from kano_tui.cli.main import _load_command_modules
from kano_tui.plugins.discovery import build_for_run
from tests.reliability.conftest import Outcome, record_figures, run_main, tree_digest
from tests.reliability.corpus import GOOD_TEXT, HEADER
from tests.reliability.test_bad_inputs import assert_one_sentence

# --------------------------------------------------------------------------- the cases


@pytest.mark.parametrize(
    "encoding",
    ["rot13", "base64", "zlib", "hex", "punycode", "utf-16", "utf-32", "no-such-codec", ""],
)
def test_a_bad_encoding_is_one_sentence(
    encoding: str, project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    source = tmp_path / "wave.csv"
    source.write_text(GOOD_TEXT.replace("\nr", "\ns"))
    before = tree_digest(project)
    result = run_main("import", project, source, "--encoding", encoding)
    assert result.returncode == 1, result
    assert_one_sentence(result.stderr, [])
    assert tree_digest(project) == before


@pytest.mark.parametrize("delimiter", ["ab", "", "\n", "\r", '"', "x", "1", " ", "tabs"])
def test_a_bad_delimiter_is_one_sentence(
    delimiter: str, project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    source = tmp_path / "wave.csv"
    source.write_text(GOOD_TEXT.replace("\nr", "\ns"))
    result = run_main("import", project, source, "--delimiter", delimiter)
    assert result.returncode == 1, result
    assert_one_sentence(result.stderr, ["--delimiter"])


def test_duplicate_headers_after_trimming_are_one_sentence(
    project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    source = tmp_path / "wave.csv"
    source.write_text(
        "respondent,segment,segment ,camera.functional,camera.dysfunctional\ns1,a,b,like,dislike\n"
    )
    result = run_main("import", project, source)
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["wave.csv", "row 1", "'segment '", "more than once"])
    source.write_text(
        "respondent,Camera.functional,Camera.dysfunctional,camera.functional,"
        "camera.dysfunctional\ns1,like,dislike,like,like\n"
    )
    result = run_main("import", project, source)
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["'Camera.functional'", "'camera.functional'"])


DEEP_TOML = (
    'schema_version = 1\n[project]\nname = "x"\n[settings]\nfoo = ' + "[" * 2000 + "]" * 2000
)
TOML_CASES = {
    "importance_max absurd": ("[settings]\nimportance_max = 99999999999999\n", "importance_max"),
    "a number too long": ("[settings]\nimportance_max = " + "9" * 5000 + "\n", "number"),
    "nested too deeply": (None, "nested too deeply"),
    "effort = inf": ('[[features]]\nid = "a"\nname = "A"\neffort = inf\n', "effort"),
    "ids differing by case": (
        '[[features]]\nid = "a"\nname = "A"\n[[features]]\nid = "A"\nname = "B"\n',
        "differ only by case",
    ),
}


@pytest.mark.parametrize("case", list(TOML_CASES))
def test_a_hostile_kano_toml_is_one_sentence(case: str, tmp_path: Path) -> None:
    body, mention = TOML_CASES[case]
    project = tmp_path / "p"
    project.mkdir()
    text = DEEP_TOML if body is None else 'schema_version = 1\n[project]\nname = "x"\n' + body
    (project / "kano.toml").write_text(text)
    for command in (["analyze", project], ["features", "add", project, "X"]):
        result = run_main(*command)
        assert result.returncode == 1, result
        assert_one_sentence(result.stderr, ["kano.toml", mention])


def test_a_bom_in_kano_toml_loads(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    path = project / "kano.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_main("analyze", project).returncode == 0


def test_a_read_only_kano_toml_is_reported_and_not_replaced(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    path = project / "kano.toml"
    path.chmod(0o444)
    before = tree_digest(project)
    result = run_main("features", "add", project, "Night mode")
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["kano.toml", "read-only"])
    assert tree_digest(project) == before


@pytest.mark.parametrize(
    "json_text", ["[" * 100_000 + "]" * 100_000, '[{"respondent": ' + "1" * 5000 + "}]"]
)
def test_hostile_json_is_one_sentence(
    json_text: str, project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    source = tmp_path / "survey.json"
    source.write_text(json_text)
    result = run_main("import", project, source)
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["survey.json"])


def test_a_35000_feature_header_reads(tmp_path: Path) -> None:
    """A header longer than pyarrow's read block (1.1 MB): parsed, not refused as an
    'empty' file (the DataFrame of 70,000 columns is the slow, unchanged part)."""
    from kano_tui.engine.importing.textfile import detect_layout
    from kano_tui.importers.canonical import parse_csv

    source = tmp_path / "wide.csv"
    header = [
        "respondent",
        *(f"f{i}.{role}" for i in range(35_000) for role in ("functional", "dysfunctional")),
    ]
    source.write_text(",".join(header) + "\n" + ",".join(["r1", *["1", "5"] * 35_000]) + "\n")
    layout = detect_layout(source, "wide.csv")
    table = parse_csv(
        source, "wide.csv", layout, {}, read_options={}, ragged_row=lambda expected: None
    )
    assert table.num_columns == 70_001 and table.num_rows == 1


def test_features_of_one_name_are_refused_and_removing_by_it_lists_them(
    project_with_responses,
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    assert run_main("features", "add", project, "Night mode").returncode == 0
    result = run_main("features", "add", project, "night mode", "--id", "night-2")
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["Night mode", "already exists"])
    result = run_main("features", "add", project, "Camera again", "--id", "CAMERA")
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["'CAMERA'", "differs only by case"])
    assert run_main("features", "add", project, "Dark", "--effort", "inf").returncode == 1
    text = (project / "kano.toml").read_text()  # two of one name, written by hand
    (project / "kano.toml").write_text(text.replace('name = "Night mode"', 'name = "Camera"'))
    result = run_main("features", "remove", project, "Camera")
    assert result.returncode == 1
    assert_one_sentence(
        result.stderr, ["2 features are named 'Camera'", "'camera'", "'night-mode'"]
    )


# --------------------------------------------------------------------------- the sweep

HOSTILE_VALUES = [
    "",
    "-",
    "0",
    "-1",
    "1e309",
    "nan",
    "99999999999999999999999",
    "9" * 5000,
    "x" * 5000,
    "=",
    "a=b:c",
    "rot13",
    "\x1b[2J",
    "../../../../etc/passwd",
    "/dev/zero",
    "[",
    "%s{0}",
    "é ü",
]


def _values_for(index: int, params: int) -> list[str]:
    """Every hostile value for a command's only parameter; with several, each gets a
    rotating half of them (every value still meets every command), to keep it fast."""
    if params <= 2:
        return HOSTILE_VALUES
    half = len(HOSTILE_VALUES) // 2
    start = (index * half) % len(HOSTILE_VALUES)
    return (HOSTILE_VALUES * 2)[start : start + half]


def _run(args: list[str], plugins: object) -> Outcome:
    from kano_tui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args, plugins=plugins)
    return Outcome(code, out.getvalue(), err.getvalue())


SKIPPED = {
    ("open",),
    ("plugins", "new"),
    ("plugins", "dir"),
    ("plugins", "block"),
    ("plugins", "unblock"),
    ("plugins", "trust"),
    ("plugins", "untrust"),
}


def _commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list:
    _load_command_modules()
    found = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        if isinstance(command, click.Group):
            found += _commands(command, path)
        elif path not in SKIPPED:
            found.append((path, command))
    return found


COMMAND_PATHS = [" ".join(path) for path, _ in _commands()]


def _sane(param: click.Parameter, project: Path, source: Path) -> list[str]:
    """A value that works for an argument or a required option."""
    name = param.name or ""
    if name == "project":
        return [str(project)]
    if name == "file":
        return [str(source)]
    if name == "exporter":
        return ["--exporter", "csv"]
    if name in ("position",):
        return ["1"]
    if name in ("features", "names"):
        return ["camera"]
    return {
        "stage_key": ["discovery"],
        "touchpoint_key": ["ad"],
        "persona_key": ["ada"],
        "feature": ["camera"],
        "label": ["Q1"],
    }.get(name, ["Thing"])


@pytest.mark.parametrize("command_path", COMMAND_PATHS)
def test_no_value_of_any_option_or_argument_is_an_internal_error(
    command_path: str,
    tmp_path: Path,
    project_with_responses,
    request,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    path, command = next((p, c) for p, c in _commands() if " ".join(p) == command_path)
    # Values such as "" or "nan" are relative paths: `kano new ""` makes a project in
    # the working directory, `export -o =` a file there. Work in a directory of its own.
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    template = project_with_responses("template")
    (template / "kano.toml").write_text(
        (template / "kano.toml").read_text()
        + (
            '\n[[journey.touchpoints]]\nid = "ad"\nstage = "discovery"\nname = "Ad"\n'
            '\n[[journey.personas]]\nid = "ada"\nname = "Ada"\n'
            '\n[[advocacy.kpi_periods]]\nlabel = "Q1"\n'
        )
    )
    source = tmp_path / "wave.csv"
    source.write_text(HEADER + "\ns1,like,dislike,expect,dislike\n")
    runs, failures = 0, []
    fuzzed = [
        p
        for p in command.params
        if p.name != "help" and not (isinstance(p, click.Option) and p.is_flag)
    ]
    plugins = build_for_run([], None)  # built once: the sweep is about values, not plugins
    for index, param in enumerate(fuzzed):
        for value in _values_for(index, len(fuzzed)):
            project = tmp_path / f"p{index}"
            if not project.exists():
                shutil.copytree(template, project)
            args: list[str] = [*path]
            for other in command.params:
                if isinstance(other, click.Argument):
                    args += [value] if other is param else _sane(other, project, source)
                elif other is param:
                    args += [other.opts[-1], value]
                elif isinstance(other, click.Option) and other.required:
                    args += _sane(other, project, source)
            result = _run(args, plugins)
            runs += 1
            if result.returncode == 70 or "Traceback" in result.stderr:
                failures.append(f"kano {' '.join(args)[:200]}: {result.stderr[:300]}")
    assert not failures, "\n".join(failures)
    record_figures(request, f"sweep/{command_path}", {"runs": runs})
