"""Crash-safe saves: SIGKILL at random moments, full disks, files too large, read-only
directories.

The kill tests check, after every kill, with a fresh load from disk, that the project is
exactly the state before the interrupted save or the state after it: every save the
process reported as done is there, nothing is half-written, the responses load.
"""

from __future__ import annotations

import errno
import os
import random
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kano_tui.engine.project.projectfile import load_project
from kano_tui.engine.project.storage import load_responses
from kano_tui.errors import KanoError
from kano_tui.session.workspace import Workspace
from tests.conftest import REPO, run_kano
from tests.reliability import save_loop
from tests.reliability.conftest import record_figures, run_main, tree_digest
from tests.reliability.corpus import GOOD_TEXT, SECOND_WAVE_TEXT

FEATURE_ROUNDS = 200
IMPORT_ROUNDS = 60
CLI_ROUNDS = 5


class Helper:
    """The forking save-loop helper (``save_loop.py``) and its output, line by line."""

    def __init__(self, project: Path, scratch: Path) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(REPO)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.save_loop", str(project), str(scratch)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=REPO,
            env=env,
        )
        self.buffer = b""

    def lines(self, until: float) -> Iterator[str]:
        """Lines the helper and its child print, until the monotonic deadline."""
        fd = self.process.stdout.fileno()  # type: ignore[union-attr]
        while True:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                yield line.decode()
            left = until - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return
            chunk = os.read(fd, 65536)
            if not chunk:
                raise AssertionError("the save-loop helper exited")
            self.buffer += chunk

    def line_starting(self, prefix: str, seen: list[str], timeout: float = 60) -> str:
        for line in self.lines(time.monotonic() + timeout):
            if line.startswith(prefix):
                return line
            seen.append(line)
        raise AssertionError(f"no {prefix!r} from the helper; got {seen[-5:]}")

    def send(self, command: str) -> None:
        self.process.stdin.write(f"{command}\n".encode())  # type: ignore[union-attr]
        self.process.stdin.flush()  # type: ignore[union-attr]

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def _saved(lines: list[str]) -> int:
    errors = [line for line in lines if line.startswith("error")]
    assert not errors, errors
    return max((int(line.split()[1]) for line in lines if line.startswith("saved ")), default=0)


def _leftovers(project: Path) -> list[Path]:
    """Temporary files a killed atomic write leaves behind (never read by kano; the next
    process to take the write lock removes them)."""
    return [*project.glob(".*.tmp"), *project.glob("responses/.*.tmp")]


def _calibrate(helper: Helper, mode: str) -> tuple[float, float]:
    """How long a child takes to its first completed save, and per save after that."""
    helper.send(f"run calibrate-{mode}")
    seen: list[str] = []
    pid = int(helper.line_starting("pid", seen).split()[1])
    started = time.monotonic()
    helper.line_starting("saved", seen, timeout=120)
    first = time.monotonic() - started
    for _ in range(3):
        helper.line_starting("saved", seen, timeout=120)
    per_save = (time.monotonic() - started - first) / 3
    os.kill(pid, signal.SIGKILL)
    helper.send("reap")
    helper.line_starting("reaped", seen)
    return first, per_save


def _kill_rounds(tmp_path: Path, mode: str, rounds: int, check: callable) -> Counter[str]:  # type: ignore[valid-type]
    project = Workspace.create(tmp_path / mode, mode)
    project.close()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    helper = Helper(project.directory, scratch)
    figures: Counter[str] = Counter()
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    try:
        helper.line_starting("ready", [])
        first, per_save = _calibrate(helper, mode)
        done = 0  # the state on disk at the start of the round
        orphaned: set[str] = set()  # data files no import lists (left by a kill)
        for number in range(rounds):
            helper.send(f"run {mode}")
            seen: list[str] = []
            pid = int(helper.line_starting("pid", seen).split()[1])
            # Wait a random time (reading what the child reports), then kill it: every
            # other round from the start (opening, locking, the first save), the others
            # once it is saving in a loop, so that most kills land inside a save.
            if number % 2:
                seen.append(helper.line_starting("saved", seen, timeout=120))
                delay = rng.uniform(0, 2 * per_save)
            else:
                delay = rng.uniform(0, first + per_save)
            seen += helper.lines(time.monotonic() + delay)
            os.kill(pid, signal.SIGKILL)
            helper.send("reap")
            reaped = helper.line_starting("reaped", seen)
            assert reaped.split()[1:] == [str(pid), str(int(signal.SIGKILL))], reaped
            acknowledged = max(done, _saved(seen))
            on_disk = check(project.directory)  # a fresh load: raises if anything is off
            assert acknowledged <= on_disk <= acknowledged + 1, (
                f"seed {seed}: saves reported {acknowledged}, on disk {on_disk}"
            )
            figures["kills"] += 1
            figures["saves completed"] += on_disk - done
            # The kill came after the rename but before the child said so: the new state.
            figures["kills between the write and its report"] += on_disk == acknowledged + 1
            referenced = {r.data_file for r in load_project(project.directory).imports}
            stored = {f"responses/{p.name}" for p in project.directory.glob("responses/*.arrow")}
            # An import killed after storing its data but before saving kano.toml: the
            # file is unreferenced (never read), and no later import overwrites it.
            orphans = stored - referenced
            figures["kills between the data file and kano.toml"] += bool(orphans - orphaned)
            orphaned = orphans
            if leftovers := _leftovers(project.directory):
                figures["kills inside an atomic write"] += 1
                for path in leftovers:
                    path.unlink()
            done = on_disk
    finally:
        helper.close()
    figures["data lost"] = 0  # every acknowledged save was found after every kill
    return figures


def _check_features(directory: Path) -> int:
    project = load_project(directory)
    count = len(project.features)
    assert [f.id for f in project.features] == [
        save_loop.feature_id(n) for n in range(1, count + 1)
    ]
    assert project.description == (f"state {count}" if count else "")
    return count


def _check_imports(directory: Path) -> int:
    project = load_project(directory)
    count = len(project.imports)
    responses = load_responses(project, directory).frame
    expected = {f"i{n}-r{row}" for n in range(1, count + 1) for row in range(save_loop.ROWS)}
    assert set(responses["respondent"]) == expected and len(responses) == len(expected)
    # Increasing, never reused: an import killed before kano.toml was saved leaves its
    # data file, and the next import takes the number after it rather than overwrite it.
    numbers = [int(r.id.removeprefix("import-")) for r in project.imports]
    assert numbers == sorted(set(numbers)), numbers
    return count


@pytest.mark.slow
def test_killing_saves_at_random_moments_never_loses_or_corrupts_the_project(
    tmp_path: Path, request
) -> None:  # type: ignore[no-untyped-def]
    features = _kill_rounds(tmp_path / "a", "features", FEATURE_ROUNDS, _check_features)
    imports = _kill_rounds(tmp_path / "b", "import", IMPORT_ROUNDS, _check_imports)
    assert features["kills"] == FEATURE_ROUNDS and imports["kills"] == IMPORT_ROUNDS
    # The kills really landed while saving: inside the atomic write, and just after it.
    assert features["kills inside an atomic write"] > 0 and features["saves completed"] > 0
    record_figures(request, "kills/features", features)
    record_figures(request, "kills/imports", imports)


@pytest.mark.slow
def test_a_real_kano_command_killed_at_random_moments_leaves_before_or_after(
    tmp_path: Path, request
) -> None:  # type: ignore[no-untyped-def]
    """The real console script, killed while it runs `features add` or `import`."""
    project = tmp_path / "project"
    Workspace.create(project, "cli-kills").close()
    rng = random.Random()
    started = time.monotonic()
    assert run_kano("features", "add", project, "Warm-up").returncode == 0
    typical = time.monotonic() - started
    figures: Counter[str] = Counter()
    for number in range(CLI_ROUNDS):
        importing = number % 3 == 2
        if importing:
            source = tmp_path / f"wave{number}.csv"
            source.write_text(save_loop.survey_text(number), encoding="utf-8")
            args = ["import", project, source]
        else:
            args = ["features", "add", project, f"Feature {number}"]
        before = load_project(project)
        process = subprocess.Popen(
            [sys.executable, "-m", "kano_tui.cli.main", *map(str, args)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:  # give it a random share of its usual run time, then kill it
            process.wait(timeout=rng.uniform(0.3, 1.2) * typical)
            figures["finished before the kill"] += 1
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            figures["killed"] += 1
        after = load_project(project)
        kind = "imports" if importing else "features"
        grown = len(getattr(after, kind)) - len(getattr(before, kind))
        assert grown in (0, 1), (args, grown)
        assert len(load_responses(after, project)) == sum(r.rows for r in after.imports)
        figures["kills inside an atomic write"] += bool(_leftovers(project))
    # Temporary files of killed writes are left to the next writer, which removes them.
    assert run_kano("features", "add", project, "After the kills").returncode == 0
    assert _leftovers(project) == []
    record_figures(request, "kills/cli", figures)


# --------------------------------------------------------------------------- failing writes


def _failing(error_number: int):  # type: ignore[no-untyped-def]
    def fail(*_: object, **__: object) -> None:
        raise OSError(error_number, os.strerror(error_number))

    return fail


@pytest.mark.parametrize("call", ["fsync", "replace"])
def test_a_disk_full_during_save_keeps_the_previous_file_and_says_so(
    call: str, project_with_responses, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    before = tree_digest(project)
    workspace = Workspace.open(project)
    workspace.project.description = "edited"
    monkeypatch.setattr(os, call, _failing(errno.ENOSPC))
    with pytest.raises(KanoError) as raised:
        workspace.save()
    monkeypatch.undo()
    message = str(raised.value)
    assert "No space left on device" in message and "previous file is unchanged" in message
    assert tree_digest(project) == before  # and no temporary file left behind


def test_a_disk_full_while_storing_responses_imports_nothing_and_says_so(
    tmp_path: Path, project_with_responses, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    source = tmp_path / "wave2.csv"
    source.write_text(SECOND_WAVE_TEXT, encoding="utf-8")
    before = tree_digest(project)
    monkeypatch.setattr(os, "fsync", _failing(errno.ENOSPC))
    result = run_main("import", project, source)
    monkeypatch.undo()
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "nothing was imported" in result.stderr
    assert tree_digest(project) == before


def _limit_file_size(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_write_the_kernel_refuses_keeps_the_previous_file_and_says_so(
    tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    """A real `kano` process whose writes the kernel cuts off (RLIMIT_FSIZE: File too
    large), as a full disk or a quota would."""
    project = project_with_responses()
    source = tmp_path / "wave2.csv"
    source.write_text(SECOND_WAVE_TEXT, encoding="utf-8")
    before = tree_digest(project)
    limit = (project / "kano.toml").stat().st_size + 20  # too small for the next save
    for args in (
        ["features", "add", project, "A feature with a rather long name " * 3],
        ["import", project, source],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "kano_tui.cli.main", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=REPO,
            preexec_fn=_limit_file_size(limit),
        )
        assert result.returncode == 1, result.stderr
        assert "File too large" in result.stderr, result.stderr
        assert "unchanged" in result.stderr and "Traceback" not in result.stderr
        assert tree_digest(project) == before


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A 512 KiB tmpfs, mounted for the test (needs root and mount rights: skipped
    otherwise)."""
    mount_point = Path(tempfile.mkdtemp(prefix="kano-tiny-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)], capture_output=True
    )
    if mounted.returncode != 0:
        mount_point.rmdir()
        pytest.skip(
            "cannot mount a tmpfs here (needs root); the ENOSPC and RLIMIT tests "
            "cover failing writes"
        )
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)
        shutil.rmtree(mount_point, ignore_errors=True)


def test_a_really_full_disk_keeps_the_project_and_says_so(tiny_disk: Path, tmp_path: Path) -> None:
    project = tiny_disk / "project"
    source = tmp_path / "wave.csv"
    source.write_text(GOOD_TEXT, encoding="utf-8")
    workspace = Workspace.create(project)
    workspace.import_file(source)
    workspace.close()
    with open(tiny_disk / "filler", "wb", buffering=0) as filler:  # fill it to the last byte
        try:
            while True:
                filler.write(b"\0" * 1024)
        except OSError as error:
            assert error.errno == errno.ENOSPC
    before = tree_digest(project)
    big = tmp_path / "big.csv"
    big.write_text(
        save_loop.survey_text(2) + "".join(f"x{n},like,dislike\n" for n in range(20000)),
        encoding="utf-8",
    )
    for args in (["features", "add", project, "One more"], ["import", project, big]):
        result = run_kano(*args)
        assert result.returncode == 1, result.stderr
        assert "No space left on device" in result.stderr, result.stderr
        assert "unchanged" in result.stderr and "Traceback" not in result.stderr
        assert tree_digest(project) == before
    (tiny_disk / "filler").unlink()
    assert run_main("features", "add", project, "One more").returncode == 0


def _without_root_override() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set before exec,
    so that a process of root obeys permission bits like everyone else."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_read_only_project_directory_is_refused_and_left_intact(
    tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    """Tests run as root, whom permission bits do not stop: the command runs without the
    capabilities that let root ignore them (CAP_DAC_OVERRIDE), so chmod means read-only."""
    project = project_with_responses()
    source = tmp_path / "wave2.csv"
    source.write_text(SECOND_WAVE_TEXT, encoding="utf-8")
    for path in [project, *project.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    before = tree_digest(project)
    try:
        for args in (["features", "add", project, "One more"], ["import", project, source]):
            result = subprocess.run(
                [sys.executable, "-m", "kano_tui.cli.main", *map(str, args)],
                capture_output=True,
                text=True,
                cwd=REPO,
                preexec_fn=_without_root_override if os.geteuid() == 0 else None,
            )
            assert result.returncode == 1, result.stderr
            assert "Permission denied" in result.stderr, result.stderr
            assert "nothing was changed" in result.stderr or "unchanged" in result.stderr, (
                result.stderr
            )
            assert "Traceback" not in result.stderr
            assert tree_digest(project) == before
    finally:
        for path in [project, *project.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
