"""Column mapping: reading question texts in four languages, matching features, mapping files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.engine.importing.answers import WORDINGS, normalize_answers, wording_key
from kano_tui.engine.importing.mapping import propose_columns, read_mapping_file, read_question
from kano_tui.engine.project.model import Feature, Project
from kano_tui.errors import KanoError

from .exports import FEATURES
from .exports import WORDINGS as EXPORT_WORDINGS

QUESTIONS = [
    # English: single questions, matrices, a feature name holding a negation
    ("How would you feel if the product had face recognition?", "functional", "face recognition"),
    (
        "How would you feel if the product did not have face recognition?",
        "dysfunctional",
        "face recognition",
    ),
    ("If your phone had a built-in compass, how would you feel?", "functional", "built-in compass"),
    ("How would you feel if the product had no headphone jack?", "dysfunctional", "headphone jack"),
    (
        "How would you feel if the product had a do not disturb mode?",
        "functional",
        "do not disturb mode",
    ),
    ("How would you feel if the product had the following? - Battery", "functional", "Battery"),
    (
        "How would you feel if the product did NOT have the following? - Battery",
        "dysfunctional",
        "Battery",
    ),
    ("How important is a built-in compass to you?", "importance", "built-in compass"),
    ("How important are the following to you? [Camera]", "importance", "Camera"),
    # German
    (
        "Wenn das Produkt Gesichtserkennung hätte, wie würden Sie sich fühlen?",
        "functional",
        "Gesichtserkennung",
    ),
    (
        "Wenn das Produkt keine Gesichtserkennung hätte, wie würden Sie sich fühlen?",
        "dysfunctional",
        "Gesichtserkennung",
    ),
    ("Wie wichtig ist Ihnen die Gesichtserkennung?", "importance", "Gesichtserkennung"),
    (
        "Wenn das Produkt Folgendes nicht hätte, wie würden Sie sich fühlen? [Akku]",
        "dysfunctional",
        "Akku",
    ),
    # French, with "sans" inside a feature name
    (
        "Si le produit avait la recharge sans fil, que ressentiriez-vous ?",
        "functional",
        "recharge sans fil",
    ),
    (
        "Si le produit n'avait pas de recharge sans fil, que ressentiriez-vous ?",
        "dysfunctional",
        "recharge sans fil",
    ),
    (
        "Quelle importance accordez-vous à la reconnaissance faciale ?",
        "importance",
        "reconnaissance faciale",
    ),
    # Spanish
    (
        "Si el producto tuviera reconocimiento facial, ¿cómo se sentiría?",
        "functional",
        "reconocimiento facial",
    ),
    (
        "Si el producto no tuviera carga sin cables, ¿cómo se sentiría?",
        "dysfunctional",
        "carga sin cables",
    ),
    (
        "¿Qué tan importante es para usted el reconocimiento facial?",
        "importance",
        "reconocimiento facial",
    ),
]


@pytest.mark.parametrize(("question", "role", "subject"), QUESTIONS)
def test_a_question_text_tells_the_role_and_the_feature(question, role, subject):
    reading = read_question("Q1", question)
    assert reading is not None
    assert (reading.kind, reading.role, reading.subject) == ("answer", role, subject)


@pytest.mark.parametrize(
    "question",
    [
        "How likely are you to recommend Acme to a friend or colleague?",
        "Wie wahrscheinlich ist es, dass Sie uns einem Freund weiterempfehlen?",
        "Quelle est la probabilité que vous recommandiez notre produit à un ami ?",
        "¿Qué tan probable es que recomiende Acme a un amigo o colega?",
    ],
)
def test_the_recommendation_question_is_the_nps(question):
    assert read_question("Q9", question).kind == "nps"


@pytest.mark.parametrize(
    "question",
    [
        "Which plan are you on?",
        "What is your age?",
        "Anything else you would like to tell us?",
        "Welchen Tarif nutzen Sie?",
        "Region",
    ],
)
def test_other_questions_are_left_alone(question):
    assert read_question("Q1", question) is None


@pytest.mark.parametrize(
    ("column", "role", "subject"),
    [
        ("camera_functional", "functional", "camera"),
        ("camera_dysfunctional", "dysfunctional", "camera"),
        ("camera_importance", "importance", "camera"),
        ("Camera (dysfunctional)", "dysfunctional", "Camera"),
        ("camera_f", "functional", "camera"),
        ("camera_d", "dysfunctional", "camera"),
    ],
)
def test_column_names_that_say_the_role_are_read(column, role, subject):
    reading = read_question(column, "")
    assert (reading.role, reading.subject) == (role, subject)


def test_proposals_match_existing_features_and_share_new_ones():
    project = Project("p", features=[Feature("face-id", "Face recognition")])
    questions = {
        "a": "How would you feel if the product had face recognition?",
        "b": "How would you feel if the product did not have face recognition?",
        "c": "How would you feel if the product had a long battery life?",
        "d": "How would you feel if the product did not have a long-battery life?",
    }
    proposals = propose_columns(list(questions), questions, project)
    assert proposals["a"].feature == proposals["b"].feature == "face-id"
    assert proposals["c"].feature == proposals["d"].feature == "Long battery life"
    assert all(0 < p.confidence < 1 for p in proposals.values())
    assert proposals["a"].question == questions["a"]


def test_a_column_whose_answers_are_not_kano_answers_is_not_proposed():
    questions = {"a": "How would you feel if the product had a newsletter?"}
    frame = pd.DataFrame({"a": ["Yes", "No", "Yes", None]})
    assert propose_columns(["a"], questions, Project("p"), frame) == {}
    frame = pd.DataFrame({"a": ["I like it", "I dislike it", None, "Yes"]})
    proposal = propose_columns(["a"], questions, Project("p"), frame)["a"]
    assert proposal.confidence < propose_columns(["a"], questions, Project("p"))["a"].confidence


@pytest.mark.parametrize("wordings", sorted(EXPORT_WORDINGS))
def test_each_language_wording_set_reads_in_canonical_order(wordings):
    codes, unknown = normalize_answers(list(EXPORT_WORDINGS[wordings]))
    assert unknown is None and codes.tolist() == [1, 2, 3, 4, 5]


def test_no_wording_stands_for_two_answers():
    owner: dict[str, str] = {}
    for token, wordings in WORDINGS.items():
        for wording in (token, *wordings):
            assert owner.setdefault(wording_key(wording), token) == token, wording


@settings(max_examples=60, deadline=None)
@given(
    feature=st.sampled_from(FEATURES),
    language=st.sampled_from(["en", "de", "es"]),
    role=st.sampled_from(["functional", "dysfunctional", "importance"]),
)
def test_matrix_questions_in_any_language_name_their_row(feature, language, role):
    stems = {
        "en": {
            "functional": "How would you feel if the product had the following?",
            "dysfunctional": "How would you feel if the product did not have the following?",
            "importance": "How important are the following to you?",
        },
        "de": {
            "functional": "Wenn das Produkt Folgendes hätte, wie würden Sie sich fühlen?",
            "dysfunctional": "Wenn das Produkt Folgendes nicht hätte, wie würden Sie sich fühlen?",
            "importance": "Wie wichtig sind Ihnen die folgenden Funktionen?",
        },
        "es": {
            "functional": "¿Cómo se sentiría si el producto tuviera lo siguiente?",
            "dysfunctional": "¿Cómo se sentiría si el producto no tuviera lo siguiente?",
            "importance": "¿Qué tan importante es para usted lo siguiente?",
        },
    }
    name = feature.name(language)
    for question in (f"{stems[language][role]} - {name}", f"{stems[language][role]} [{name}]"):
        reading = read_question("Q", question)
        assert (reading.role, reading.subject) == (role, name)


# --------------------------------------------------------------------------- mapping files


def test_a_toml_mapping_file_in_every_accepted_form(tmp_path: Path):
    path = tmp_path / "map.toml"
    path.write_text(
        '[mapping]\n"Q2_1" = "face-id:functional"\n"Q3_1" = { feature = "face-id", '
        'role = "dysfunctional" }\n\n[[mappings]]\ncolumn = "Q4_1"\nfeature = "face-id"\n'
        'role = "importance"\n',
        encoding="utf-8",
    )
    assert read_mapping_file(path) == {
        "Q2_1": ("face-id", "functional"),
        "Q3_1": ("face-id", "dysfunctional"),
        "Q4_1": ("face-id", "importance"),
    }


def test_columns_without_a_feature_nps_csat_and_ignore(tmp_path: Path):
    toml = tmp_path / "map.toml"
    toml.write_text(
        '[mapping]\n"Q9" = "nps"\n"IP Address" = "Ignore"\n"Q10" = "csat"\n', encoding="utf-8"
    )
    assert read_mapping_file(toml) == {
        "Q9": ("", "nps"),
        "IP Address": ("", "ignore"),
        "Q10": ("", "csat"),
    }
    csv = tmp_path / "map.csv"
    csv.write_text("column,feature,role\nEmail,,ignore\n", encoding="utf-8")
    assert read_mapping_file(csv) == {"Email": ("", "ignore")}


def test_a_csv_mapping_file(tmp_path: Path):
    path = tmp_path / "map.csv"
    path.write_text("Column,Feature,Role\nQ2_1,face-id,functional\n", encoding="utf-8")
    assert read_mapping_file(path) == {"Q2_1": ("face-id", "functional")}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "m.csv",
            "column,feature,role\nQ2_1,face-id,sideways\n",
            r"m\.csv, row 2: column 'Q2_1' has role 'sideways', which must be one of functional",
        ),
        ("m.csv", "column,feature\nQ2_1,face-id\n", r"m\.csv, row 1: expected the columns"),
        ("m.toml", "[mapping\n", r"m\.toml is not valid TOML"),
        ("m.toml", "title = 'nothing'\n", r"m\.toml holds no mapping"),
        ("m.toml", '[mapping]\n"Q2_1" = "functional"\n', r"column 'Q2_1' has no feature"),
    ],
)
def test_a_bad_mapping_file_is_one_sentence_naming_where(tmp_path: Path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KanoError, match=message):
        read_mapping_file(path)
