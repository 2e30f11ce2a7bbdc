"""A data file's checksum is remembered (responses/.verified.json) so that loading a project
does not hash every byte again -- but a replaced, copied-in, touched or rewritten data
file, a project copied elsewhere and a damaged cache are always hashed again, and a
foreign file is never accepted."""

from __future__ import annotations

import json
import os
import shutil
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kano_tui.engine.project import storage
from kano_tui.engine.project.verified import VERIFIED_FILE, Verifications, stat_key
from kano_tui.session.workspace import Workspace
from tests.reliability.conftest import run_main
from tests.reliability.corpus import GOOD_TEXT, SECOND_WAVE_TEXT
from tests.reliability.test_bad_inputs import assert_one_sentence


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every data file storage hashes, in order."""
    hashed: list[Path] = []
    real = storage.file_sha256

    def counting(path: Path) -> str:
        hashed.append(Path(path))
        return real(path)

    monkeypatch.setattr(storage, "file_sha256", counting)
    yield hashed


def _after_the_clock_ticks(path: Path) -> None:
    """Wait (without sleeping) until the file system's clock has moved past ``path``'s
    last change: a verification is trusted only for a file older than the clock read
    before it was hashed."""
    probe = path.parent / ".probe"
    while True:
        probe.write_bytes(b"")
        if probe.stat().st_mtime_ns > path.stat().st_ctime_ns:
            probe.unlink()
            return


def _analyze(project: Path) -> None:
    result = run_main("analyze", project, "--format", "json")
    assert result.returncode == 0, result.stderr


@pytest.fixture
def verified_project(project_with_responses, hashes: list[Path]) -> Callable[..., Path]:  # type: ignore[no-untyped-def]
    """A project whose data file was verified once (and so is remembered)."""

    def make(name: str = "project") -> Path:
        project = project_with_responses(name)
        _after_the_clock_ticks(project / "responses" / "import-001.arrow")
        _analyze(project)
        assert (project / "responses" / VERIFIED_FILE).is_file()
        hashes.clear()
        return project

    return make


def test_a_verified_data_file_is_not_hashed_again(verified_project, hashes) -> None:  # type: ignore[no-untyped-def]
    project = verified_project()
    _analyze(project)
    result = run_main("export", project, "-e", "csv", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert hashes == []


def test_a_touched_data_file_is_hashed_again_and_still_accepted(verified_project, hashes) -> None:  # type: ignore[no-untyped-def]
    project = verified_project()
    data = project / "responses" / "import-001.arrow"
    os.utime(data)
    _after_the_clock_ticks(data)
    _analyze(project)
    assert hashes == [data]
    _analyze(project)  # verified again, so remembered again
    assert hashes == [data]


def _other_import_of_the_same_size(tmp_path: Path) -> Path:
    """Another project's import-001: same id, same rows, same size, other answers."""
    other = Workspace.create(tmp_path / "there", "there")
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text(GOOD_TEXT.replace("like,dislike", "dislike,like"))
    other.import_file(elsewhere)
    other.close()
    return other.directory / "responses" / "import-001.arrow"


def _replace_by_rename(foreign: Path, data: Path) -> None:
    staged = data.with_name("staged")
    shutil.copyfile(foreign, staged)
    os.replace(staged, data)


def _copy_keeping_times(foreign: Path, data: Path) -> None:
    shutil.copy2(foreign, data)  # in place, and the foreign file's mtime


def _rewrite_with_the_old_mtime(foreign: Path, data: Path) -> None:
    before = data.stat()
    data.write_bytes(foreign.read_bytes())  # same inode, same size
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))  # only the ctime tells


@pytest.mark.parametrize(
    "swap", [_replace_by_rename, _copy_keeping_times, _rewrite_with_the_old_mtime]
)
def test_a_data_file_swapped_after_it_was_verified_is_refused(
    verified_project, hashes, tmp_path: Path, swap: Callable[[Path, Path], None]
) -> None:  # type: ignore[no-untyped-def]
    project = verified_project()
    data = project / "responses" / "import-001.arrow"
    foreign = _other_import_of_the_same_size(tmp_path)
    assert foreign.stat().st_size == data.stat().st_size
    original = data.read_bytes()
    swap(foreign, data)
    for _ in range(2):  # and the refusal is not remembered as a verification
        result = run_main("analyze", project)
        assert result.returncode == 1, result
        assert_one_sentence(result.stderr, ["import-001.arrow", "does not belong", "checksum"])
    data.write_bytes(original)
    _analyze(project)


def test_another_import_of_the_project_copied_over_is_refused(
    verified_project, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = verified_project()
    source = tmp_path / "wave2.csv"
    source.write_text(SECOND_WAVE_TEXT)
    assert run_main("import", project, source).returncode == 0
    _analyze(project)  # both verified
    data = project / "responses"
    _replace_by_rename(data / "import-002.arrow", data / "import-001.arrow")
    result = run_main("analyze", project)
    assert result.returncode == 1
    assert_one_sentence(result.stderr, ["import-001.arrow", "does not belong", "import-002"])


def test_a_project_copied_elsewhere_is_hashed_again(verified_project, hashes, tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = verified_project()
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("*.kano-lock"))  # with the cache
    _analyze(copy)
    assert hashes == [copy / "responses" / "import-001.arrow"]


@pytest.mark.parametrize(
    "damage",
    [
        b"{not json",
        b"\xff\xfe binary",
        b"[1, 2, 3]",
        json.dumps({"responses/import-001.arrow": "yes"}).encode(),
        json.dumps({"responses/import-001.arrow": {"sha256": 1, "stat": None}}).encode(),
        b"",
    ],
)
def test_a_damaged_cache_means_hashing_again(verified_project, hashes, damage: bytes) -> None:  # type: ignore[no-untyped-def]
    project = verified_project()
    cache = project / "responses" / VERIFIED_FILE
    cache.write_bytes(damage)
    _analyze(project)
    assert hashes == [project / "responses" / "import-001.arrow"]
    assert json.loads(cache.read_text())  # rewritten whole


def test_a_cache_that_is_a_fifo_is_never_waited_on(verified_project, hashes) -> None:  # type: ignore[no-untyped-def]
    project = verified_project()
    cache = project / "responses" / VERIFIED_FILE
    cache.unlink()
    os.mkfifo(cache)
    _analyze(project)
    assert hashes == [project / "responses" / "import-001.arrow"]


def test_a_cache_entry_for_another_checksum_is_not_trusted(verified_project, hashes) -> None:  # type: ignore[no-untyped-def]
    """kano.toml expecting another checksum (an edited or restored kano.toml) re-hashes."""
    project = verified_project()
    cache = project / "responses" / VERIFIED_FILE
    entries = json.loads(cache.read_text())
    entries["responses/import-001.arrow"]["sha256"] = "0" * 64
    cache.write_text(json.dumps(entries))
    _analyze(project)
    assert len(hashes) == 1


def _stat(**fields: int) -> os.stat_result:
    base = dict(st_dev=1, st_ino=2, st_size=3, st_mtime_ns=40, st_ctime_ns=50)
    return types.SimpleNamespace(**{**base, **fields})  # type: ignore[return-value]


@given(
    field=st.sampled_from(["st_dev", "st_ino", "st_size", "st_mtime_ns", "st_ctime_ns"]),
    delta=st.integers(-(10**12), 10**12).filter(bool),
)
def test_any_change_to_the_stat_key_means_hashing_again(field: str, delta: int) -> None:
    cache = Verifications(Path("/nonexistent"))
    cache._since = 100
    cache.remember("f", "abc", _stat(), _stat())
    assert cache.confirms("f", "abc", _stat())
    changed = _stat(**{field: getattr(_stat(), field) + delta})
    assert not cache.confirms("f", "abc", changed)
    assert not cache.confirms("f", "abd", _stat())


@given(since=st.integers(0, 10**18), ctime=st.integers(0, 10**18))
def test_a_file_changed_in_the_tick_it_was_verified_is_not_trusted(since: int, ctime: int) -> None:
    """git's racy-clean rule: only a file older than the clock read before hashing."""
    cache = Verifications(Path("/nonexistent"))
    cache._since = since
    cache.remember("f", "abc", _stat(st_ctime_ns=ctime), _stat(st_ctime_ns=ctime))
    assert cache.confirms("f", "abc", _stat(st_ctime_ns=ctime)) == (ctime < since)


def test_a_file_that_changed_while_it_was_hashed_is_not_remembered() -> None:
    cache = Verifications(Path("/nonexistent"))
    cache._since = 100
    cache.remember("f", "abc", _stat(), _stat(st_mtime_ns=41))
    assert not cache.confirms("f", "abc", _stat()) and not cache.confirms(
        "f", "abc", _stat(st_mtime_ns=41)
    )


def test_stat_key_names_the_five_fields(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x")
    info = path.stat()
    assert stat_key(info) == [
        info.st_dev,
        info.st_ino,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
    ]
