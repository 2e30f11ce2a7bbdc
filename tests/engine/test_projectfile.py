"""kano.toml: deterministic, lossless, and clear about mistakes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.project.model import (
    EVIDENCE_LEVELS,
    ColumnMapping,
    Feature,
    KpiPeriod,
    Persona,
    Project,
    Settings,
    Stage,
    Touchpoint,
)
from kano_tui.engine.project.projectfile import (
    SCHEMA_VERSION,
    load_project,
    project_from_toml,
    project_to_toml,
    save_project,
)
from kano_tui.errors import ProjectError

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
ident = st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True)


@st.composite
def projects(draw) -> Project:
    stage_ids = draw(st.lists(ident, min_size=1, max_size=5, unique=True))
    stages = [Stage(id=s, name=draw(text), description=draw(text)) for s in stage_ids]
    feature_ids = draw(st.lists(ident, max_size=6, unique=True))
    features = [
        Feature(
            id=f,
            name=draw(text),
            description=draw(text),
            tags=draw(st.lists(text, max_size=3)),
            stage=draw(st.sampled_from(["", *stage_ids])),
            effort=draw(st.none() | st.floats(0, 1e6, allow_nan=False)),
        )
        for f in feature_ids
    ]
    touchpoint_ids = draw(st.lists(ident, max_size=4, unique=True))
    touchpoints = [
        Touchpoint(
            id=t,
            stage=draw(st.sampled_from(stage_ids)),
            name=draw(text),
            channel=draw(text),
            emotion=draw(st.integers(-2, 2)),
            pain_points=draw(st.lists(text, max_size=2)),
            opportunities=draw(st.lists(text, max_size=2)),
            evidence=draw(st.sampled_from(EVIDENCE_LEVELS)),
            features=draw(st.lists(st.sampled_from(feature_ids), unique=True))
            if feature_ids
            else [],
        )
        for t in touchpoint_ids
    ]
    personas = [
        Persona(
            id=p,
            name=draw(text),
            emotions={t: draw(st.integers(-2, 2)) for t in touchpoint_ids[:2]},
        )
        for p in draw(st.lists(ident, max_size=2, unique=True))
    ]
    periods = []
    for label in draw(st.lists(ident, max_size=2, unique=True)):
        start = draw(st.integers(0, 10**6))
        new = draw(st.integers(0, 10**4))
        kept = draw(st.integers(0, start))  # customers of the start still there at the end
        periods.append(
            KpiPeriod(
                label=label,
                customers_start=start,
                customers_end=kept + new,
                customers_new=new,
                customers_new_by_referral=draw(st.integers(0, new)),
            )
        )
    mappings = [
        ColumnMapping(column=draw(text), feature=f, role="functional") for f in feature_ids[:2]
    ]
    settings_ = Settings(
        classifier=draw(ident),
        strength_threshold=draw(st.floats(0, 1)),
        wordings=draw(
            st.dictionaries(
                st.sampled_from(["like", "dislike"]), st.lists(text, max_size=2), max_size=2
            )
        ),
    )
    return Project(
        name=draw(text),
        description=draw(text),
        features=features,
        settings=settings_,
        stages=stages,
        touchpoints=touchpoints,
        personas=personas,
        kpi_periods=periods,
        mappings=mappings,
    )


@given(projects())
@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
def test_save_and_load_loses_nothing(project):
    text_ = project_to_toml(project)
    again = project_from_toml(text_, Path("kano.toml"))
    assert again == project
    assert project_to_toml(again) == text_  # deterministic: the same bytes every time


def test_saved_file_is_plain_toml_with_a_schema_version(tmp_path):
    save_project(Project.create("Demo"), tmp_path)
    document = tomllib.loads((tmp_path / "kano.toml").read_text())
    assert document["schema_version"] == SCHEMA_VERSION
    assert [s["name"] for s in document["journey"]["stages"]] == [
        "Discovery",
        "Consideration",
        "Purchase",
        "Post-purchase support",
        "Advocacy",
    ]


def test_unknown_keys_survive_a_round_trip(tmp_path):
    (tmp_path / "kano.toml").write_text(
        'schema_version = 1\nowner = "ana"\n[project]\nname = "x"\n'
        '[[features]]\nid = "calls"\nname = "Calls"\npriority_note = "ask legal"\n'
        '[journey]\nmap_colour = "blue"\n'
    )
    project = load_project(tmp_path)
    save_project(project, tmp_path)
    document = tomllib.loads((tmp_path / "kano.toml").read_text())
    assert document["owner"] == "ana"
    assert document["features"][0]["priority_note"] == "ask legal"
    assert document["journey"]["map_colour"] == "blue"


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            'schema_version = 1\n[project]\nname = "x"\n[settings]\nstrength_threshold = "high"\n',
            "(line 5): settings.strength_threshold must be a number, not 'high'",
        ),
        (
            'schema_version = 1\n[project]\nname = "x"\n[[features]]\nid = "a"\nname = "A"\n'
            '[[features]]\nid = "b"\nname = "B"\neffort = "lots"\n',
            "(line 10): features[1].effort must be a number, not 'lots'",
        ),
        (
            'schema_version = 1\n[project]\nname = "x"\n[[features]]\nname = "A"\n',
            "features[0] is missing the required key 'id'",
        ),
        ('schema_version = 1\n[project\nname = "x"\n', "is not valid TOML"),
        ('schema_version = 99\n[project]\nname = "x"\n', "schema_version 99, newer than the 1"),
    ],
)
def test_hand_editing_mistakes_name_the_line(tmp_path, body, expected):
    (tmp_path / "kano.toml").write_text(body)
    with pytest.raises(ProjectError) as caught:
        load_project(tmp_path)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_project_file_says_how_to_create_one(tmp_path):
    with pytest.raises(ProjectError, match="kano new"):
        load_project(tmp_path)


def test_a_failed_save_leaves_the_previous_file(tmp_path):
    project = Project.create("Demo")
    save_project(project, tmp_path)
    before = (tmp_path / "kano.toml").read_bytes()
    project.features.append(Feature(id="a.b", name="bad"))  # ids may not contain dots
    with pytest.raises(ProjectError, match="contains a dot"):
        save_project(project, tmp_path)
    assert (tmp_path / "kano.toml").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kano.toml"]  # no temp file left


def test_the_default_wording_is_a_known_one_so_loading_may_skip_checking_it():
    # validate() imports the wordings only for a language or answer set other than the
    # defaults (the module is not free): the defaults must therefore be valid ones.
    from kano_tui.engine.project.model import Settings
    from kano_tui.engine.questionnaire.phrasing import ANSWER_SETS, LANGUAGES

    assert Settings().language in LANGUAGES
    assert Settings().answer_set in ANSWER_SETS
    assert Settings().language in ANSWER_SETS[Settings().answer_set]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [("language", "xx", "settings.language is 'xx'"), ("answer_set", "odd", "settings.answer_set")],
)
def test_an_unknown_wording_is_still_refused(tmp_path, key, value, expected):
    project = Project.create("Demo")
    save_project(project, tmp_path)
    text = (tmp_path / "kano.toml").read_text(encoding="utf-8")
    changed = re.sub(rf'(?m)^{key} = ".*"$', f'{key} = "{value}"', text)
    assert changed != text
    (tmp_path / "kano.toml").write_text(changed, encoding="utf-8")
    with pytest.raises(ProjectError, match=expected):
        load_project(tmp_path)
