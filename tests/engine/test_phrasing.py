"""The questionnaire's wording: grammatical per language, overridable per feature, and
every answer set read back by kano's own importer."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.engine.importing.answers import normalize_answers
from kano_tui.engine.project.catalogue import add_feature, edit_feature
from kano_tui.engine.project.model import Project
from kano_tui.engine.questionnaire.phrasing import ANSWER_SETS, LANGUAGES, phrase_questions
from kano_tui.engine.questionnaire.questions import feature_questions, questionnaire


@pytest.mark.parametrize(
    ("name", "functional", "importance"),
    [
        (
            "Confusing interface",
            "How would you feel if the product had a confusing interface?",
            "How important is the confusing interface to you?",
        ),
        (
            "Unique design",
            "How would you feel if the product had a unique design?",
            "How important is the unique design to you?",
        ),
        (
            "Calls",
            "How would you feel if the product had calls?",
            "How important are calls to you?",
        ),
        (
            "Messaging",
            "How would you feel if the product had messaging?",
            "How important is messaging to you?",
        ),
        (
            "Face recognition",
            "How would you feel if the product had face recognition?",
            "How important is face recognition to you?",
        ),
        (
            "Umbrella stand",
            "How would you feel if the product had an umbrella stand?",
            "How important is the umbrella stand to you?",
        ),
        (
            "NFC payments",
            "How would you feel if the product had NFC payments?",
            "How important are NFC payments to you?",
        ),
        (
            "Personalised follow-ups",
            "How would you feel if the product had personalised follow-ups?",
            "How important are personalised follow-ups to you?",
        ),
    ],
)
def test_english_articles_and_number(name, functional, importance):
    phrased = phrase_questions(name, "en")
    assert phrased.functional == functional
    assert phrased.importance == importance
    assert phrased.dysfunctional == functional.replace(" had ", " did not have ")


@pytest.mark.parametrize(
    ("language", "name", "functional", "dysfunctional"),
    [
        (
            "de",
            "Gesichtserkennung",
            "Wie würden Sie es finden, wenn das Produkt eine Gesichtserkennung hätte?",
            "Wie würden Sie es finden, wenn das Produkt keine Gesichtserkennung hätte?",
        ),
        (
            "de",
            "Akku",
            "Wie würden Sie es finden, wenn das Produkt einen Akku hätte?",
            "Wie würden Sie es finden, wenn das Produkt keinen Akku hätte?",
        ),
        (
            "de",
            "Lange Akkulaufzeit",
            "Wie würden Sie es finden, wenn das Produkt folgende "
            "Eigenschaft hätte: Lange Akkulaufzeit?",
            "Wie würden Sie es finden, wenn das Produkt "
            "folgende Eigenschaft nicht hätte: Lange Akkulaufzeit?",
        ),
        (
            "fr",
            "Interface déroutante",
            "Que ressentiriez-vous si le produit avait une interface déroutante\u00a0?",
            "Que ressentiriez-vous si le produit n'avait pas d'interface déroutante\u00a0?",
        ),
        (
            "fr",
            "Design unique",
            "Que ressentiriez-vous si le produit avait un design unique\u00a0?",
            "Que ressentiriez-vous si le produit n'avait pas de design unique\u00a0?",
        ),
        (
            "es",
            "Batería duradera",
            "¿Cómo se sentiría si el producto tuviera una batería duradera?",
            "¿Cómo se sentiría si el producto no tuviera batería duradera?",
        ),
        (
            "es",
            "Llamadas",
            "¿Cómo se sentiría si el producto tuviera llamadas?",
            "¿Cómo se sentiría si el producto no tuviera llamadas?",
        ),
    ],
)
def test_german_french_and_spanish_follow_the_head_nouns_gender(
    language, name, functional, dysfunctional
):
    phrased = phrase_questions(name, language)
    assert (phrased.functional, phrased.dysfunctional) == (functional, dysfunctional)


def test_french_elides_before_a_vowel_and_spanish_plural_agrees():
    assert (
        phrase_questions("Écran", "fr").importance
        == "Quelle importance accordez-vous à l'écran\u00a0?"
    )
    assert (
        phrase_questions("Llamadas", "es").importance
        == "¿Qué importancia tienen para usted las llamadas?"
    )


def test_a_feature_phrase_and_its_own_questions_win_over_the_templates():
    project = Project.create("p")
    feature = add_feature(project, "AR")
    edit_feature(project, feature.id, wording={"phrase": "an AR mode"})
    texts = [q.text for q in feature_questions(feature, settings=project.settings)]
    assert texts == [
        "How would you feel if the product had an AR mode?",
        "How would you feel if the product did not have an AR mode?",
        "How important is the AR mode to you?",
    ]
    edit_feature(project, feature.id, wording={"functional_question": "Would an AR mode  help?"})
    assert feature_questions(feature, settings=project.settings)[0].text == "Would an AR mode help?"


def test_the_project_language_and_product_reach_every_question():
    project = Project.create("p")
    add_feature(project, "Kamera")
    project.settings.language = "de"
    project.settings.product = "das Telefon"
    texts = [q.text for q in questionnaire(project)]
    assert all("Produkt" not in text for text in texts)
    assert "das Telefon" in texts[0] and texts[-1].startswith("Wie zufrieden sind Sie")


@pytest.mark.parametrize("answer_set", sorted(ANSWER_SETS))
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_answer_set_reads_back_as_the_five_answers_in_order(answer_set, language):
    wordings = pd.Series(list(ANSWER_SETS[answer_set][language]), dtype=object)
    codes, unknown = normalize_answers(wordings, {})
    assert unknown is None
    assert codes.tolist() == [1, 2, 3, 4, 5]


NAMES = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" -'"),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(name=NAMES, language=st.sampled_from(sorted(LANGUAGES)))
def test_any_name_gives_one_clean_question_per_role(name, language):
    phrased = phrase_questions(name, language)
    questions = (phrased.functional, phrased.dysfunctional, phrased.importance)
    assert len(set(questions)) == 3  # functional and dysfunctional always differ
    for text in questions:
        assert "  " not in text and text == text.strip()
        assert text.endswith("?")
        assert (
            " ".join(name.split()) in text
            or " ".join(name.split())[:1].lower() + " ".join(name.split())[1:] in text
        )
