"""Inputs that cannot hang: a FIFO, a device, /dev/zero or a link to one in place of
kano.toml, a data file, a mapping file or a survey file is refused at once with one
sentence; whole-file reads are bounded; an import from a pipe never holds the lock.

Each case runs the `kano` entry point in a thread given a deadline: a regression that
hangs fails the test instead of hanging the suite. (One real process proves the same
across the process boundary.)"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from kano_tui.engine.project import safeio
from kano_tui.errors import KanoError
from tests.conftest import run_kano
from tests.reliability.conftest import run_main, tree_digest
from tests.reliability.corpus import SECOND_WAVE_TEXT
from tests.reliability.test_bad_inputs import assert_one_sentence

PROMPT = 60  # seconds: a hang, not a slow machine, fails this


def run_promptly(*args: object):  # type: ignore[no-untyped-def]
    """`run_main` in a daemon thread that must finish within PROMPT seconds."""
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(run_main(*args)), daemon=True)
    worker.start()
    worker.join(PROMPT)
    assert outcome, f"kano {' '.join(map(str, args))} still runs after {PROMPT} s: it hangs"
    return outcome[0]


def _special(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "/dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "/dev/null":
        path.symlink_to("/dev/null")
    elif kind == "link to a fifo":
        os.mkfifo(path.with_name(path.name + ".pipe"))
        path.symlink_to(path.with_name(path.name + ".pipe"))


KINDS = ["fifo", "/dev/zero", "link to a fifo"]


@pytest.mark.parametrize("kind", KINDS)
def test_kano_toml_that_is_not_a_file_is_one_prompt_sentence(
    kind: str, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    (project / "kano.toml").unlink()
    _special(kind, project / "kano.toml")
    for command in (["analyze", project], ["features", "add", project, "X"]):
        result = run_promptly(*command)
        assert result.returncode == 1, result.stderr
        assert_one_sentence(result.stderr, ["kano.toml", "not a regular file"])


@pytest.mark.parametrize("kind", KINDS)
def test_a_data_file_that_is_not_a_file_is_one_prompt_sentence(
    kind: str, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    data = project / "responses" / "import-001.arrow"
    data.unlink()
    _special(kind, data)
    result = run_promptly("analyze", project)
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["import-001.arrow", "not a regular file"])


@pytest.mark.parametrize("kind", [*KINDS, "/dev/null"])
def test_a_survey_or_mapping_file_that_is_not_a_file_is_refused_without_the_lock(
    kind: str, project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    before = tree_digest(project)
    source = tmp_path / "wave.csv"
    _special(kind, source)
    mapping = tmp_path / "mapping.toml"
    _special(kind, mapping)
    good = tmp_path / "good.csv"
    good.write_text(SECOND_WAVE_TEXT)
    for command in (
        ["import", project, source],
        ["import", project, source, "--importer", "json"],
        ["import", project, good, "--mapping", mapping],
    ):
        result = run_promptly(*command)
        assert result.returncode == 1, result.stderr
        assert_one_sentence(result.stderr, ["not a regular file"])
    assert tree_digest(project) == before


def test_a_process_substitution_is_refused_at_once(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    """`kano import p <(gunzip -c x.csv.gz)`: a pipe nobody may ever write to."""
    project = project_with_responses()
    reader, writer = os.pipe()
    try:
        started = time.monotonic()
        result = run_promptly("import", project, f"/dev/fd/{reader}")
        assert result.returncode == 1, result.stderr
        assert_one_sentence(result.stderr, ["not a regular file", "save it to a file first"])
        assert time.monotonic() - started < PROMPT
    finally:
        os.close(reader)
        os.close(writer)
    # and the lock was never left held: a writer gets in straight away
    assert run_main("features", "add", project, "Night mode").returncode == 0


def test_whole_file_reads_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b"1," * 4096 + b"1]")
    with pytest.raises(KanoError, match="larger than"):
        safeio.read_bounded(big, "JSON survey files", 1024)
    assert safeio.read_bounded(big, "JSON survey files", 1 << 20).startswith(b"[1,")


def test_a_json_import_larger_than_the_limit_is_one_sentence(
    project_with_responses, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from kano_tui.importers import jsonfile

    project = project_with_responses()
    source = tmp_path / "huge.json"
    source.write_text("[" + ",".join(['{"respondent": "r1"}'] * 200) + "]")
    monkeypatch.setattr(jsonfile, "JSON_IMPORT_LIMIT", 1024)
    result = run_main("import", project, source)
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["huge.json", "larger than"])


def test_the_lock_file_as_a_fifo_is_refused(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    lock = project / ".kano-lock"
    lock.unlink(missing_ok=True)
    os.mkfifo(lock)
    result = run_promptly("features", "add", project, "X")
    assert result.returncode == 1
    assert_one_sentence(result.stderr, [".kano-lock", "not a regular file"])


def test_a_fifo_import_in_a_real_process_is_refused_at_once(
    project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    os.mkfifo(tmp_path / "stream.csv")
    result = run_kano("import", project, tmp_path / "stream.csv", timeout=PROMPT)
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["stream.csv", "named pipe"])
