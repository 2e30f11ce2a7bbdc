"""Real surveys are not generated data: custom answer sets, importance as text labels,
``F6_functional`` headers, localised exports. No answer column is ever read silently wrong:
kano refuses, names the value and says how to teach it, and remembers what it was taught.

Every test runs the real `kano` command on files written the way the tools write them.
"""

from __future__ import annotations

import csv
import json
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano_tui.engine.importing.answers import (
    _DEFAULT_LOOKUP,
    WORDINGS,
    normalize_answers,
    wording_key,
)
from tests.conftest import run_kano


def kano_ok(*args, **kwargs):
    result = run_kano(*args, **kwargs)
    assert result.returncode == 0, result.stderr
    return result


def kano_fails(*args, **kwargs):
    result = run_kano(*args, **kwargs)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.startswith("kano: ")
    return result


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def analysis(project, *args):
    return {
        f["id"]: f
        for f in json.loads(kano_ok("analyze", project, "--format", "json", *args).stdout)[
            "features"
        ]
    }


# A SurveyMonkey-style export (question text headers) whose answers are a custom set:
# Blauth's "helpful" wordings would be known, so these are a team's own.
FUNCTIONAL = "How would you feel if the app had offline maps?"
DYSFUNCTIONAL = "How would you feel if the app did not have offline maps?"
CUSTOM = {
    "Love it": "like",
    "Need it": "expect",
    "Whatever": "neutral",
    "Fine either way": "tolerate",
    "Hate it": "dislike",
}
CUSTOM_ROWS = [
    ["r1", "Love it", "Hate it"],
    ["r2", "Need it", "Hate it"],
    ["r3", "Love it", "Whatever"],
    ["r4", "Whatever", "Whatever"],
]


@pytest.fixture
def project(tmp_path):
    kano_ok("new", tmp_path / "p")
    return tmp_path / "p"


def test_a_custom_answer_set_is_refused_naming_the_wording_and_how_to_teach_it(tmp_path, project):
    source = write_csv(
        tmp_path / "custom.csv", ["respondent", FUNCTIONAL, DYSFUNCTIONAL], CUSTOM_ROWS
    )
    before = (project / "kano.toml").read_bytes()
    failed = kano_fails("import", project, source)
    message = failed.stderr
    assert f"{source}, row 2, column '{FUNCTIONAL}', value 'Love it'" in message
    assert '--wording "Love it=TOKEN"' in message
    assert "no matching" not in message  # not the misleading "no dysfunctional column"
    assert (project / "kano.toml").read_bytes() == before  # nothing imported, no features
    every = kano_fails("import", project, source, "--all-problems").stderr
    assert "'Love it'" in every and "'Hate it'" in every and every.count("\n  ") >= 2


def test_taught_wordings_import_and_the_next_wave_needs_no_flags(tmp_path, project):
    source = write_csv(
        tmp_path / "custom.csv", ["respondent", FUNCTIONAL, DYSFUNCTIONAL], CUSTOM_ROWS
    )
    flags = [arg for text, token in CUSTOM.items() for arg in ("--wording", f"{text}={token}")]
    kano_ok("import", project, source, "--wave", "w1", *flags)
    settings = tomllib.loads((project / "kano.toml").read_text())["settings"]
    assert "Love it" in settings["wordings"]["like"]
    assert "Hate it" in settings["wordings"]["dislike"]
    offline = analysis(project)["offline-maps"]
    # Love/Hate O, Need/Hate M, Love/Whatever A, Whatever/Whatever I
    assert offline["counts"] == {"A": 1, "O": 1, "M": 1, "I": 1, "R": 0, "Q": 0}
    second = write_csv(
        tmp_path / "wave2.csv",
        ["respondent", FUNCTIONAL, DYSFUNCTIONAL],
        [["s1", "Fine either way", "Hate it"], ["s2", "Love it", "Love it"]],
    )
    kano_ok("import", project, second, "--wave", "w2")
    assert analysis(project)["offline-maps"]["n"] == 6


def test_half_known_answers_name_the_unknown_wording(tmp_path, project):
    rows = [["r1", "I like it", "Hate it"], ["r2", "I expect it", "Whatever"]]
    source = write_csv(tmp_path / "half.csv", ["respondent", FUNCTIONAL, DYSFUNCTIONAL], rows)
    message = kano_fails("import", project, source).stderr
    assert f"column '{DYSFUNCTIONAL}', value 'Hate it'" in message
    assert "dysfunctional question of feature" in message


def test_free_text_is_not_taken_for_a_kano_question(tmp_path, project):
    header = ["respondent", FUNCTIONAL, DYSFUNCTIONAL, "If you could change one thing, what?"]
    rows = [
        ["r1", "I like it", "I dislike it", "faster sync, please"],
        ["r2", "I expect it", "I dislike it", "nothing"],
        ["r3", "I like it", "I am neutral", "the colours"],
        ["r4", "I am neutral", "I am neutral", "dark mode for the map view"],
        ["r5", "I like it", "I dislike it", "cheaper plans"],
        ["r6", "I like it", "I dislike it", "more languages"],
    ]
    kano_ok("import", project, write_csv(tmp_path / "f.csv", header, rows))
    assert list(analysis(project)) == ["offline-maps"]


@given(
    st.sampled_from(sorted({(t, w) for t, ws in WORDINGS.items() for w in ws})),
    st.sampled_from(sorted({(t, w) for t, ws in WORDINGS.items() for w in ws})),
    st.sampled_from([", but ", " but ", " and ", " – "]),
)
@settings(max_examples=300)
def test_a_wording_holding_another_never_matches_the_shorter(first, second, joint):
    """ "I dislike it, but I can live with it" is not "I dislike it": a text that contains
    known wordings is read only if it is itself a known wording, else refused."""
    (_, first_text), (_, second_text) = first, second
    text = f"{first_text}{joint}{second_text}"
    codes, unknown = normalize_answers([text])
    known = _DEFAULT_LOOKUP.get(wording_key(text))
    if known is None:
        assert codes[0] == -1 and unknown is not None
    else:
        assert codes[0] == known


def test_the_literatures_answer_sets_are_known():
    """Berger et al. (1993) and its alternative wordings; Blauth's set as quoted by Zacarias
    ("The Complete Guide to the Kano Model"): helpful, basic requirement, would not affect
    me, minor inconvenience, major problem."""
    sets = {
        (
            "I like it that way",
            "It must be that way",
            "I am neutral",
            "I can live with it that way",
            "I dislike it that way",
        ),
        (
            "I enjoy it that way",
            "It is a basic necessity",
            "I am neutral",
            "I can live with it",
            "I dislike it",
        ),
        (
            "This would be very helpful to me",
            "This is a basic requirement for me",
            "This would not affect me",
            "This would be a minor inconvenience",
            "This would be a major problem for me",
        ),
        (
            "Das würde mich sehr freuen",
            "Das setze ich voraus",
            "Das ist mir egal",
            "Das könnte ich in Kauf nehmen",
            "Das würde mich sehr stören",
        ),
        (
            "Cela me plairait",
            "Je m'y attends",
            "Cela m'est égal",
            "Je peux m'en accommoder",
            "Cela me déplairait",
        ),
        ("Me gusta", "Lo espero", "Me es indiferente", "Lo tolero", "No me gusta"),
    }
    for wordings in sets:
        codes, unknown = normalize_answers(list(wordings))
        assert unknown is None and list(codes) == [1, 2, 3, 4, 5], wordings
    codes, _ = normalize_answers(["I dislike it, but I can live with it"])
    assert codes[0] == 4  # tolerate, never the shorter "I dislike it"


# --------------------------------------------------------------------------- importance


IMPORTANCE = "How important is offline maps to you?"


def test_importance_labels_are_read_and_the_scale_is_reported(tmp_path, project):
    labels = [
        "Not at all important",
        "Slightly important",
        "Moderately important",
        "Very important",
        "Extremely important",
    ]
    rows = [
        ["r1", "I like it", "I dislike it", labels[4]],
        ["r2", "I expect it", "I dislike it", labels[3]],
        ["r3", "I like it", "I am neutral", labels[0]],
        ["r4", "I am neutral", "I am neutral", labels[1]],
        ["r5", "I like it", "I dislike it", labels[2]],
    ]
    source = write_csv(
        tmp_path / "imp.csv", ["respondent", FUNCTIONAL, DYSFUNCTIONAL, IMPORTANCE], rows
    )
    done = kano_ok("import", project, source)
    assert (
        "Importance read as the 5-point scale 'Not at all important' = 1 ... "
        "'Extremely important' = 5."
    ) in done.stdout
    assert analysis(project)["offline-maps"]["importance_mean"] == pytest.approx(3.0)
    settings = tomllib.loads((project / "kano.toml").read_text())["settings"]
    assert settings["importance_max"] == 5


def test_numbered_labels_and_other_languages(tmp_path, project):
    rows = [
        ["r1", "I like it", "I dislike it", "5 - Äußerst wichtig"],
        ["r2", "I like it", "I dislike it", "1 - Überhaupt nicht wichtig"],
        ["r3", "I like it", "I dislike it", "Wenig wichtig"],
        ["r4", "I like it", "I dislike it", "Mittelmäßig wichtig"],
        ["r5", "I like it", "I dislike it", "Sehr wichtig"],
    ]
    kano_ok(
        "import",
        project,
        write_csv(tmp_path / "de.csv", ["respondent", FUNCTIONAL, DYSFUNCTIONAL, IMPORTANCE], rows),
    )
    assert analysis(project)["offline-maps"]["importance_mean"] == pytest.approx(3.0)


def test_unknown_importance_labels_are_refused_then_taught(tmp_path, project):
    rows = [
        ["r1", "I like it", "I dislike it", "Crucial"],
        ["r2", "I like it", "I dislike it", "Nice to have"],
    ]
    source = write_csv(
        tmp_path / "imp.csv", ["respondent", FUNCTIONAL, DYSFUNCTIONAL, IMPORTANCE], rows
    )
    message = kano_fails("import", project, source).stderr
    assert f"column '{IMPORTANCE}', value 'Crucial'" in message
    assert '--importance "Crucial=N"' in message
    kano_ok(
        "import", project, source, "--importance", "Crucial=9", "--importance", "Nice to have=3"
    )
    assert analysis(project)["offline-maps"]["importance_mean"] == pytest.approx(6.0)
    labels = tomllib.loads((project / "kano.toml").read_text())["settings"]["importance_labels"]
    assert labels == {"Crucial": 9, "Nice to have": 3}


def test_labels_that_fit_scales_numbering_them_differently_are_refused(tmp_path, project):
    rows = [["r1", "I like it", "I dislike it", "Very important"]]
    source = write_csv(
        tmp_path / "imp.csv", ["respondent", FUNCTIONAL, DYSFUNCTIONAL, IMPORTANCE], rows
    )
    assert "several label scales" in kano_fails("import", project, source).stderr


# --------------------------------------------------------------------------- columns


def test_feature_ids_are_the_headers_keys_as_written(tmp_path, project):
    header = [
        "respondent",
        "F6_functional",
        "F6_dysfunctional",
        "service_app.functional",
        "service_app.dysfunctional",
    ]
    rows = [["r1", "1", "5", "I like it", "I dislike it"], ["r2", "2", "5", "3", "3"]]
    kano_ok("import", project, write_csv(tmp_path / "a.csv", header, rows))
    assert set(analysis(project)) == {"F6", "service_app"}
    # matching stays case-insensitive: the next wave's f6_functional is F6, not a new feature
    lower = [
        "respondent",
        "f6_functional",
        "f6_dysfunctional",
        "SERVICE_APP.functional",
        "SERVICE_APP.dysfunctional",
    ]
    kano_ok("import", project, write_csv(tmp_path / "b.csv", lower, [["r9", "1", "5", "1", "5"]]))
    figures = analysis(project)
    assert set(figures) == {"F6", "service_app"} and figures["F6"]["n"] == 3


def test_two_keys_differing_only_by_case_are_one_feature_and_refused_as_two_columns(
    tmp_path, project
):
    header = ["F6.functional", "F6.dysfunctional", "f6.functional", "f6.dysfunctional"]
    message = kano_fails(
        "import", project, write_csv(tmp_path / "a.csv", header, [["1", "5", "1", "5"]])
    ).stderr
    # refused as the same question twice: ids compare without case
    assert (
        "both hold the functional question of feature 'F6'" in message
        or "feature ids are compared without case" in message
    )


def test_respondent_and_wave_columns_can_be_mapped_and_are_remembered(tmp_path, project):
    header = ["Response ID", "Cohort", "calls.functional", "calls.dysfunctional"]
    rows = [["R_1", "2026-Q1", "2", "5"], ["R_2", "2026-Q2", "1", "5"]]
    source = write_csv(tmp_path / "a.csv", header, rows)
    kano_ok("import", project, source, "--map", "Response ID=respondent", "--map", "Cohort=wave")
    grouped = json.loads(kano_ok("analyze", project, "--by", "wave", "--format", "json").stdout)
    assert [g["value"] for g in grouped["groups"]] == ["2026-Q1", "2026-Q2"]
    exported = tmp_path / "responses.json"
    kano_ok("export", project, "--exporter", "responses-json", "-o", exported)
    assert "R_1" in exported.read_text()
    again = write_csv(tmp_path / "b.csv", header, [["R_3", "2026-Q3", "2", "5"]])
    kano_ok("import", project, again)  # no flags: the mapping was kept
    grouped = json.loads(kano_ok("analyze", project, "--by", "wave", "--format", "json").stdout)
    assert [g["value"] for g in grouped["groups"]] == ["2026-Q1", "2026-Q2", "2026-Q3"]


def test_a_mapping_file_matches_headers_as_they_are_normalised(tmp_path, project):
    header = ["Q1 ", "Q2", "id"]
    source = write_csv(tmp_path / "a.csv", header, [["Love it", "5", "x1"]])
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[mapping]\n"Q1" = "maps:functional"\n"Q2   " = "maps:dysfunctional"\n'
        '"id" = "respondent"\n[wordings]\n"Love it" = "like"\n',
        encoding="utf-8",
    )
    kano_ok("import", project, source, "--mapping", mapping)
    assert analysis(project)["maps"]["counts"]["O"] == 1


def test_a_file_without_a_header_row_says_so(tmp_path, project):
    source = tmp_path / "noheader.csv"
    source.write_text("I like it,I dislike it,3\nI expect it,I dislike it,5\n", encoding="utf-8")
    message = kano_fails("import", project, source).stderr
    assert "row 1: the first row holds answers ('I like it', 'I dislike it', '3', ...)" in message


@pytest.mark.parametrize(
    ("timestamp", "functional", "dysfunctional", "importer"),
    [
        (
            "Horodateur",
            "Si l'application proposait la recharge sans fil, que ressentiriez-vous ?",
            "Si l'application ne vous permettait pas la recharge sans fil, que ressentiriez-vous ?",
            "googleforms",
        ),
        (
            "Zeitstempel",
            "Wie würden Sie sich fühlen, wenn das Produkt über eine Offline-Funktion "
            "verfügen würde?",
            "Wie würden Sie sich fühlen, wenn das Produkt nicht über eine "
            "Offline-Funktion verfügen würde?",
            "googleforms",
        ),
        (
            "Marca temporal",
            "Si la aplicación incluye chat en vivo, ¿qué opinaría?",
            "Si la aplicación no incluye chat en vivo, ¿qué opinaría?",
            "googleforms",
        ),
    ],
)
def test_localised_exports_with_negation_keep_each_pair_together(
    tmp_path, project, timestamp, functional, dysfunctional, importer
):
    rows = [
        ["2026/03/01 10:00:00", "J'aime", "Je n'aime pas"],
        ["2026/03/01 10:05:00", "Me gusta", "No me gusta"],
        ["2026/03/01 10:07:00", "Das setze ich voraus", "Das würde mich sehr stören"],
    ]
    source = write_csv(tmp_path / "form.csv", [timestamp, functional, dysfunctional], rows)
    done = kano_ok("import", project, source)
    assert f"({importer})" in done.stdout
    features = analysis(project)
    assert len(features) == 1  # one feature: the pair is never split
    (feature,) = features.values()
    assert feature["counts"] == {"A": 0, "O": 2, "M": 1, "I": 0, "R": 0, "Q": 0}


def test_unknown_settings_keys_are_kept_and_named(tmp_path, project):
    path = project / "kano.toml"
    path.write_text(
        path.read_text().replace("[settings]\n", '[settings]\nevaluation_tabel = "pouliot"\n', 1)
    )
    result = kano_ok("analyze", project, "--format", "json")
    assert (
        "'evaluation_tabel', which kano does not know (did you mean "
        "'evaluation_table'?)" in result.stderr
    )
    kano_ok("features", "add", project, "Calls")  # a save keeps the key
    assert 'evaluation_tabel = "pouliot"' in path.read_text()
