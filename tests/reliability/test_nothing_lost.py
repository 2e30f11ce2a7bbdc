"""Nothing lost: imports never overwrite a data file, recovery never drops imports made
since, unknown keys survive in every table of kano.toml, and a data file that does not
belong to its import (copied in from another import or project) is refused."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.projectfile import load_project, project_from_toml, project_to_toml
from kano_tui.engine.project.recovery import RecoveryJournal
from kano_tui.session.workspace import Workspace
from tests.reliability.conftest import run_main
from tests.reliability.corpus import GOOD_TEXT, SECOND_WAVE_TEXT
from tests.reliability.test_bad_inputs import assert_one_sentence

# --------------------------------------------------------------------------- data files


def test_an_import_after_a_lost_kano_toml_keeps_the_orphaned_data_file(
    project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    orphan = project / "responses" / "import-001.arrow"
    kept = orphan.read_bytes()
    (project / "kano.toml").unlink()  # lost: a bad merge, a deleted file
    assert run_main("new", project).returncode == 0
    source = tmp_path / "wave2.csv"
    source.write_text(SECOND_WAVE_TEXT)
    result = run_main("import", project, source)
    assert result.returncode == 0, result.stderr
    assert "import-002" in result.stdout
    assert orphan.read_bytes() == kept  # the unlisted file was not overwritten


def test_a_data_file_from_another_import_or_project_is_refused(
    project_with_responses, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses("here")
    other = Workspace.create(tmp_path / "there", "there")  # same id and size, other answers
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text(GOOD_TEXT.replace("like,dislike", "dislike,like"))
    other.import_file(elsewhere)
    other.close()
    other = other.directory
    source = tmp_path / "wave2.csv"
    source.write_text(SECOND_WAVE_TEXT + "t9,like,dislike,expect,dislike\n")
    assert run_main("import", project, source).returncode == 0
    data = project / "responses"
    cases = {
        "another project's import-001": other / "responses" / "import-001.arrow",
        "this project's import-002": data / "import-002.arrow",
    }
    original = (data / "import-001.arrow").read_bytes()
    for name, foreign in cases.items():
        (data / "import-001.arrow").write_bytes(foreign.read_bytes())
        for command in (["analyze", project], ["export", project, "-e", "csv", "-o", "-"]):
            result = run_main(*command)
            assert result.returncode == 1, (name, result)
            assert_one_sentence(
                result.stderr, ["import-001.arrow", "does not belong", "import-001"]
            )
    (data / "import-001.arrow").write_bytes(original)
    assert run_main("analyze", project).returncode == 0


def test_a_data_file_records_its_identity(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    import json

    import pyarrow as pa

    project = project_with_responses()
    record = load_project(project).imports[0]
    with pa.memory_map(str(project / record.data_file)) as source:
        identity = json.loads(pa.ipc.open_file(source).schema.metadata[b"kano.import"])
    assert identity == {"id": "import-001", "rows": record.rows}
    assert record.data_sha256 and len(record.data_sha256) == 64


# --------------------------------------------------------------------------- recovery


def test_recovering_edits_keeps_the_imports_made_since_and_never_reuses_their_ids(
    tmp_path: Path,
) -> None:
    workspace = Workspace.create(tmp_path / "project", "Phones")
    first = tmp_path / "wave1.csv"
    first.write_text(GOOD_TEXT)
    workspace.import_file(first)
    draft = load_project(workspace.directory)  # a TUI session edits, then crashes
    add_feature(draft, "Night mode")
    RecoveryJournal(workspace.directory).record(draft, "Add feature Night mode", 1)
    second = tmp_path / "wave2.csv"
    second.write_text(SECOND_WAVE_TEXT)
    assert run_main("import", workspace.directory, second).returncode == 0  # then the CLI

    pending = RecoveryJournal(workspace.directory).pending()
    assert pending is not None
    recovered = pending.project
    assert [r.id for r in recovered.imports] == ["import-001", "import-002"]
    assert recovered.feature("night-mode") is not None
    reopened = Workspace.open(workspace.directory, lock=True)
    reopened.project = recovered
    reopened.save()  # what "Recover" then ctrl+s does
    third = tmp_path / "wave3.csv"
    third.write_text(SECOND_WAVE_TEXT.replace("\ns", "\nu"))
    assert reopened.import_file(third).id == "import-003"
    assert len(reopened.responses()) == 9
    reopened.close()


# --------------------------------------------------------------------------- unknown keys

TABLES = [
    "",
    "project",
    "settings",
    "features",
    "journey.stages",
    "journey",
    "advocacy",
    "responses",
    "responses.imports",
    "plugins.mine",
]
KEYS = st.from_regex(r"x_[a-z]{1,8}", fullmatch=True)
VALUES = st.one_of(
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
    st.booleans(),
    st.lists(st.integers(0, 9), max_size=3),
)


_BASE: list[dict] = []


def _base_document(tmp_path: Path) -> dict:
    """A real project's kano.toml with an import (made once), as a fresh copy."""
    if not _BASE:
        workspace = Workspace.create(tmp_path / "keys", "Keys")
        source = tmp_path / "keys.csv"
        source.write_text(GOOD_TEXT)
        workspace.import_file(source)
        workspace.close()
        _BASE.append(tomllib.loads((workspace.directory / "kano.toml").read_text()))
    return tomllib.loads(tomli_w.dumps(_BASE[0]))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_unknown_keys_survive_a_load_and_save_in_every_table(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = _base_document(tmp_path)
    added: list[tuple[str, str, object]] = []
    for table in data.draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=4, unique=True)):
        key, value = data.draw(KEYS), data.draw(VALUES)
        node = document
        for part in filter(None, table.split(".")):
            node = node.setdefault(part, {})
        if isinstance(node, list):
            node = node[0]
        node[key] = value
        added.append((table, key, value))
    text = tomli_w.dumps(document)
    saved = tomllib.loads(project_to_toml(project_from_toml(text, Path("kano.toml"))))
    for table, key, value in added:
        node = saved
        for part in filter(None, table.split(".")):
            node = node[part]
        if isinstance(node, list):
            node = node[0]
        assert node.get(key) == value, (table, key, value)


def test_a_cli_save_keeps_unknown_project_keys(project_with_responses) -> None:  # type: ignore[no-untyped-def]
    project = project_with_responses()
    path = project / "kano.toml"
    path.write_text(path.read_text().replace("[project]\n", '[project]\nowner = "research"\n'))
    assert run_main("features", "add", project, "Night mode").returncode == 0
    assert tomllib.loads(path.read_text())["project"]["owner"] == "research"
