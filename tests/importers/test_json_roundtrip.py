"""A project's responses export to JSON (responses-json) and import back equal.

"Equal" means: the same features (ids, names, order), the same respondents with the same
waves, NPS, CSAT, attributes and answers, and so the same figures. Descriptions, stages,
the journey and settings live in kano.toml, not in the responses export (docs/importing.md).
"""

from __future__ import annotations

import json

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import ROLES
from kano_tui.session.export import run_export
from kano_tui.session.workspace import Workspace
from tests.conftest import SAMPLES, write_wide_csv

from .conftest import figures

TOKENS = ("", "I like it", "It must be that way", "neutral", "I can tolerate it", "dislike")
ATTRIBUTES = ("segment", "Region of residence", "plan")


def _values(workspace: Workspace) -> dict[str, list]:
    frame = workspace.responses().frame
    return {
        column: [None if pd.isna(v) else v for v in frame[column].tolist()]
        for column in sorted(frame.columns)
    }


@st.composite
def projects(draw):
    ids = draw(
        st.lists(
            st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,10}", fullmatch=True),
            min_size=1,
            max_size=4,
            unique_by=str.lower,
        )
    )
    names = draw(
        st.lists(
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=24)
            .map(str.strip)
            .filter(bool),
            min_size=len(ids),
            max_size=len(ids),
            unique_by=lambda name: name.lower(),
        )
    )  # two of one name are refused
    n = draw(st.integers(1, 15))
    attributes = draw(st.lists(st.sampled_from(ATTRIBUTES), unique=True, max_size=2))
    # Any text a CSV cell holds (a NUL byte makes it no text file: refused, rightly).
    cell_text = st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n"), max_size=12
    )
    rows = []
    for i in range(n):
        row = {
            "respondent": f"r-{i}",
            "wave": draw(st.sampled_from(["", "2026-03", "wave 2"])),
            "nps": draw(st.sampled_from(["", *map(str, range(11))])),
            "csat": draw(st.sampled_from(["", "1", "2", "3", "4", "5"])),
        }
        for attribute in attributes:
            row[attribute] = draw(cell_text)
        for feature_id in ids:
            row[f"{feature_id}.functional"] = draw(st.sampled_from(TOKENS))
            row[f"{feature_id}.dysfunctional"] = draw(st.sampled_from(TOKENS))
            row[f"{feature_id}.importance"] = draw(st.sampled_from(["", *map(str, range(1, 10))]))
        rows.append(row)
    return list(zip(ids, names)), rows


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(project=projects())
def test_any_project_exports_to_json_and_imports_back_equal(project, tmp_path_factory):
    features, rows = project
    directory = tmp_path_factory.mktemp("roundtrip")
    original = Workspace.create(directory / "original")
    for feature_id, name in features:
        add_feature(original.project, name, feature_id=feature_id)
    original.save()
    original.import_file(write_wide_csv(directory / "answers.csv", rows))

    written = run_export(original, "responses-json", directory / "responses.json")
    restored = Workspace.create(directory / "restored")
    restored.import_file(written[0])

    assert [(f.id, f.name) for f in restored.project.features] == features
    assert figures(restored) == figures(original)
    assert _values(restored) == _values(original)


def test_features_without_answers_and_attribute_text_survive(tmp_path):
    original = Workspace.create(tmp_path / "a")
    add_feature(original.project, "<script>alert(1)</script>", feature_id="xss")
    add_feature(original.project, "Never asked", feature_id="later")
    original.save()
    original.import_file(
        write_wide_csv(
            tmp_path / "in.csv",
            [
                {
                    "respondent": "1",
                    "segment": 'says "hi",\nthen leaves',
                    "xss.functional": "like",
                    "xss.dysfunctional": "dislike",
                }
            ],
        )
    )
    path = run_export(original, "responses-json", tmp_path / "out.json")[0]
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "kano-tui/responses"
    assert document["responses"][0]["xss.functional"] == "like"
    assert document["features"][1] == {"id": "later", "name": "Never asked"}

    restored = Workspace.create(tmp_path / "b")
    restored.import_file(path)
    assert [f.name for f in restored.project.features] == [
        "<script>alert(1)</script>",
        "Never asked",
    ]
    assert restored.responses().frame["segment"].tolist() == ['says "hi",\nthen leaves']
    assert not any(
        c.startswith("later.")
        for c in restored.responses().frame.columns
        if c.rpartition(".")[2] in ROLES
    )


def test_a_sample_project_round_trips_through_the_cli(tmp_path, kano):
    sample = SAMPLES / "smartphone"
    out = tmp_path / "smartphone.json"
    assert kano("export", sample, "-e", "responses-json", "-o", out).returncode == 0
    kano("new", tmp_path / "copy")
    done = kano("import", tmp_path / "copy", out)
    assert done.returncode == 0, done.stderr
    for args in ([], ["--by", "wave"], ["--by", "segment"]):
        left = kano("analyze", sample, "--format", "json", *args)
        right = kano("analyze", tmp_path / "copy", "--format", "json", *args)
        assert json.loads(left.stdout) == json.loads(right.stdout)
