"""Real survey data files from public repositories, imported with the real `kano` command.

The files and their provenance are in tests/data/published/README.md. None of them prints
its own result table for these assertions (test_published.py holds those), so the
expected counts here were tallied by hand from the answers in the file with section 2's
table; each docstring says which wording set the file uses.

Each misread these files showed (custom answer sets stored as attributes, `F6_functional`
taken for a guess, R's NA as an unknown wording, no header row, pandas' unnamed index) is
a test here that kano now passes.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "published"


def _new(kano, tmp_path: Path, name: str = "p") -> Path:
    project = tmp_path / name
    assert kano("new", project).returncode == 0
    return project


def _features(kano, project: Path, *flags: str) -> dict[str, dict]:
    done = kano("analyze", project, "--format", "json", *flags)
    assert done.returncode == 0, done.stderr
    return {feature["name"]: feature for feature in json.loads(done.stdout)["features"]}


def _counts(feature: dict) -> tuple[int, ...]:
    return tuple(feature["counts"][k] for k in "AOMIRQ")


def _one_clear_error(done) -> str:
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith("kano: ") and "Traceback" not in done.stderr
    return done.stderr


# --- Reppel (2022): four storage cohorts, one answer set of Berger et al. (1993) each ----


def _storage(cohort: int) -> Path:
    return DATA / f"reppl_storage--cohort{cohort}-clean.csv"


# counts A O M I R Q per feature under the standard table, tallied from each file
COHORT_COUNTS = {
    1: {
        "F1": (13, 6, 5, 48, 15, 4),
        "F2": (8, 36, 19, 23, 4, 1),
        "F3": (7, 54, 14, 14, 2, 0),
        "F4": (6, 44, 27, 11, 3, 0),
        "F5": (16, 30, 7, 27, 7, 4),
    },
    2: {
        "F1": (15, 0, 1, 59, 16, 6),
        "F2": (34, 21, 11, 27, 2, 2),
        "F3": (20, 39, 13, 19, 3, 3),
        "F4": (7, 46, 25, 13, 3, 3),
        "F5": (31, 11, 11, 35, 5, 4),
    },
    3: {
        "F1": (14, 1, 2, 57, 12, 3),
        "F2": (25, 18, 7, 28, 6, 5),
        "F3": (8, 35, 15, 22, 5, 4),
        "F4": (3, 44, 17, 14, 7, 4),
        "F5": (16, 15, 5, 44, 6, 3),
    },
    4: {
        "F1": (17, 2, 2, 50, 12, 3),
        "F2": (11, 35, 15, 20, 2, 3),
        "F3": (15, 41, 11, 13, 1, 5),
        "F4": (2, 56, 13, 5, 3, 7),
        "F5": (19, 18, 17, 22, 4, 6),
    },
}
COHORT_RESPONDENTS = {1: 91, 2: 97, 3: 89, 4: 86}


def _assert_cohort(kano, project: Path, cohort: int) -> None:
    features = _features(kano, project)
    for name, counts in COHORT_COUNTS[cohort].items():
        assert features[name]["n"] == COHORT_RESPONDENTS[cohort], name
        assert _counts(features[name]) == counts, name


def test_storage_cohort4_conjointly_wording_with_typographic_apostrophe(kano, tmp_path):
    """REPPL/Doing-research-online-the-kano-model (d046f19, GPL-3),
    assets/data/storage--cohort4-clean.csv: "I like it", "I expect it", "I’m neutral"
    (U+2019), "I can tolerate it", "I dislike it"; importance as "9 - Extremely important";
    F4's dysfunctional column comes before its functional one."""
    project = _new(kano, tmp_path)
    done = kano("import", project, _storage(4))
    assert done.returncode == 0, done.stderr
    _assert_cohort(kano, project, 4)
    features = _features(kano, project)
    assert round(features["F4"]["importance_mean"], 4) == 7.9651  # 685 / 86


# the wordings of Berger et al. (1993, 25-26) as Reppel's ANSWERS list spells them
TAUGHT = {
    1: {"expect": ["I must be that way"]},
    2: {
        "like": ["I enjoy it that way"],
        "expect": ["It is a basic necessity or I expect it that way"],
        "tolerate": ["I dislike it, but I can live with it that way"],
        "dislike": ["I dislike it, and I can\u2019t accept it"],
    },
    3: {
        "like": ["This would be very helpful to me"],
        "expect": ["This is a basic requirement for me"],
        "neutral": ["This would not affect me"],
        "tolerate": ["This would be a minor inconvenience"],
        "dislike": ["This would be a major problem for me"],
    },
}


@pytest.mark.parametrize("cohort", [1, 2, 3])
def test_storage_cohorts_read_right_once_kano_toml_teaches_their_wordings(kano, tmp_path, cohort):
    """Cohorts 1-3 with their answer sets under [settings.wordings] (docs/importing.md):
    every pair counted as tallied by hand, including F4's swapped columns and cohort 2's
    "I dislike it, but I can live with it that way" as tolerate."""
    project = _new(kano, tmp_path)
    lines = ["", "[settings.wordings]"]
    lines += [
        f"{token} = {json.dumps(texts, ensure_ascii=False)}"
        for token, texts in TAUGHT[cohort].items()
    ]
    with (project / "kano.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    done = kano("import", project, _storage(cohort))
    assert done.returncode == 0, done.stderr
    _assert_cohort(kano, project, cohort)


def test_storage_cohort1_bergers_i_must_be_that_way_is_known(kano, tmp_path):
    """storage--cohort1-clean.csv: Berger et al. (1993)'s first answer set, "I like it that
    way", "I must be that way", "I am neutral", "I can live with it that way", "I dislike it
    that way". Before issue 11: refused at row 15, 'I must be that way' unknown."""
    project = _new(kano, tmp_path)
    done = kano("import", project, _storage(1))
    assert done.returncode == 0, done.stderr
    _assert_cohort(kano, project, 1)


def test_storage_cohort1_wording_taught_once_is_kept_for_the_next_file(kano, tmp_path):
    """The same file taught with --wording; the next cohort with that wording needs no flag."""
    project = _new(kano, tmp_path)
    done = kano("import", project, _storage(1), "--wording", "I must be that way=expect")
    assert done.returncode == 0, done.stderr
    _assert_cohort(kano, project, 1)
    assert "I must be that way" in (project / "kano.toml").read_text(encoding="utf-8")


def test_storage_cohort2_longer_wordings_never_match_the_shorter_one(kano, tmp_path):
    """storage--cohort2-clean.csv: Berger et al. (1993)'s second answer set, "I enjoy it that
    way", "It is a basic necessity or I expect it that way", "I am neutral", "I dislike it,
    but I can live with it that way" (tolerate, not dislike), "I dislike it, and I can’t
    accept it" (U+2019). Before issue 11 it was refused with "column 'F2_functional' has no matching
    dysfunctional column", which points the user at the columns, not the wordings."""
    project = _new(kano, tmp_path)
    done = kano("import", project, _storage(2))
    assert done.returncode == 0, done.stderr
    _assert_cohort(kano, project, 2)


def test_storage_cohort3_blauth_wording_is_never_stored_as_attributes(kano, tmp_path):
    """storage--cohort3-clean.csv: Blauth's answer set (Berger et al. 1993), "This would be
    very helpful to me", "This is a basic requirement for me", "This would not affect me",
    "This would be a minor inconvenience", "This would be a major problem for me".
    Before issue 11 the import succeeded, every F#_functional/F#_dysfunctional column becomes a
    respondent attribute and every feature has n = 0 (importance alone is read)."""
    project = _new(kano, tmp_path)
    done = kano("import", project, _storage(3))
    if done.returncode != 0:  # refused, naming the wording: acceptable
        error = _one_clear_error(done)
        assert "This would" in error and "F1_functional" in error
        return
    _assert_cohort(kano, project, 3)


# --- Reppel (2022): the respondent id column ---------------------------------------------


def test_transfers_id_column_mapped_as_respondent(kano, tmp_path):
    """transfers--all_cohorts-clean.csv holds its respondent ids in `ID` (ALL1-1 ...);
    today they are kept as an attribute and respondents are numbered row-2, row-3 ..."""
    project = _new(kano, tmp_path)
    done = kano(
        "import", project, DATA / "reppl_transfers--all_cohorts-clean.csv", "--map", "ID=respondent"
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "responses.json"
    assert kano("export", project, "--exporter", "responses-json", "-o", out).returncode == 0
    respondents = [row["respondent"] for row in json.loads(out.read_text())["responses"]]
    assert respondents[:2] == ["ALL1-1", "ALL1-2"] and len(set(respondents)) == 358


def test_transfers_feature_ids_are_the_header_keys(kano, tmp_path):
    """BRIEF section 8: `F6_functional` gives the id `F6`; today `f6`, proposed "by
    question text (77% sure)" although the header names the feature and the role."""
    project = _new(kano, tmp_path)
    done = kano("import", project, DATA / "reppl_transfers--all_cohorts-clean.csv")
    assert done.returncode == 0, done.stderr
    done = kano("analyze", project, "--format", "json")
    ids = [feature["id"] for feature in json.loads(done.stdout)["features"]]
    assert ids == ["F6", "F7", "F8", "F9", "F10", "F11"]


# --- Atlason & Giacalone (2018) via suntorytimed/krano: a file without a header ----------


def test_a_file_without_a_header_row_says_so(kano, tmp_path):
    """suntorytimed/krano data.csv (35c1f59): 186 rows of "functional,dysfunctional" codes,
    no header. Before issue 11: "the column name '2' appears more than once (columns 1, 2)"."""
    project = _new(kano, tmp_path)
    before = (project / "kano.toml").read_bytes()
    error = _one_clear_error(kano("import", project, DATA / "atlason2018_krano_data.csv"))
    assert "header" in error
    assert (project / "kano.toml").read_bytes() == before


# --- stp25kano (Wolfgang Peter): an R data frame with NA ---------------------------------

STP25_EXAMPLE_N = {"F1": 25, "F2": 27, "F5": 26, "F8": 26, "F10": 27}
STP25_EXAMPLE_COUNTS = {
    "F1": (3, 1, 3, 9, 7, 2),
    "F2": (1, 5, 18, 1, 1, 1),
    "F10": (0, 0, 0, 0, 27, 0),
}


def _stp25_example_maps() -> list[str]:
    flags: list[str] = []
    for number in range(1, 11):
        flags += [
            "--map",
            f"f{number}=F{number}:functional",
            "--map",
            f"d{number}=F{number}:dysfunctional",
        ]
    return flags


def test_r_na_cells_are_unanswered(kano, tmp_path):
    """stp4/stp25kano R/examples.R (1b72333, GPL-3): the `Kano()` example's data frame,
    31 rows with sex/Edu, codes 1-5 in f1/d1 ... f10/d10 and R's NA (whole rows and single
    cells), written as R's write.csv writes it (NA unquoted). Before issue 11: refused at row 7,
    "value 'NA': this is not a Kano answer kano knows"; R, SPSS-via-R and pandas all write
    missing values this way."""
    project = _new(kano, tmp_path)
    done = kano("import", project, DATA / "stp25kano_examples.csv", *_stp25_example_maps())
    assert done.returncode == 0, done.stderr
    features = _features(kano, project)
    for name, n in STP25_EXAMPLE_N.items():
        assert features[name]["n"] == n, name
    for name, counts in STP25_EXAMPLE_COUNTS.items():
        assert _counts(features[name]) == counts, name


def test_r_data_frame_with_na_as_blank_cells_reads_every_pair(kano, tmp_path):
    """The same data frame with NA written as empty cells (write.csv(na = "")): every
    figure as tallied by hand, numeric codes 1-5 read as Kano answers."""
    rows = list(csv.reader((DATA / "stp25kano_examples.csv").open()))
    blank = tmp_path / "examples-blank.csv"
    with blank.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [["" if cell == "NA" else cell for cell in row] for row in rows]
        )
    project = _new(kano, tmp_path)
    done = kano("import", project, blank, *_stp25_example_maps())
    assert done.returncode == 0, done.stderr
    assert "Imported 31 respondents" in done.stdout
    features = _features(kano, project)
    for name, n in STP25_EXAMPLE_N.items():
        assert features[name]["n"] == n, name
    for name, counts in STP25_EXAMPLE_COUNTS.items():
        assert _counts(features[name]) == counts, name


# --- Shreya-0501/Dataset kano.csv: a pandas export with its index column -----------------

SHREYA_COUNTS = {
    "feat_1": (1424, 21, 58, 595, 193, 209),
    "feat_2": (102, 24, 50, 534, 1596, 194),
    "feat_3": (52, 25, 66, 2002, 314, 41),
    "feat_4": (58, 19, 215, 214, 497, 1497),
}


def _shreya_maps() -> list[str]:
    flags: list[str] = []
    for number in range(1, 5):
        flags += [
            "--map",
            f"feat_{number}f=feat_{number}:functional",
            "--map",
            f"feat_{number}d=feat_{number}:dysfunctional",
        ]
    return flags


def test_pandas_export_feat_1f_columns_mapped(kano, tmp_path):
    """Shreya-0501/Dataset kano.csv (4a8cdc6): 2,500 rows written by pandas `to_csv` (an
    unnamed index column first), codes 1-5 in feat_1f/feat_1d ... feat_4f/feat_4d."""
    project = _new(kano, tmp_path)
    done = kano("import", project, DATA / "shreya0501_kano.csv", *_shreya_maps())
    assert done.returncode == 0, done.stderr
    features = {
        feature["id"].replace("-", "_").lower(): feature
        for feature in _features(kano, project).values()
    }
    for key, counts in SHREYA_COUNTS.items():
        assert features[key]["n"] == 2500, key
        assert _counts(features[key]) == counts, key


def test_pandas_export_mapped_feature_keeps_the_name_given(kano, tmp_path):
    """`--map feat_1f=feat_1:functional` creates a feature the user named feat_1; today
    its id is `feat-1` and its name "Feat 1"."""
    project = _new(kano, tmp_path)
    assert kano("import", project, DATA / "shreya0501_kano.csv", *_shreya_maps()).returncode == 0
    done = kano("analyze", project, "--format", "json")
    ids = [feature["id"] for feature in json.loads(done.stdout)["features"]]
    assert ids == ["feat_1", "feat_2", "feat_3", "feat_4"]


def test_pandas_index_column_is_not_an_attribute_without_a_name(kano, tmp_path):
    """The unnamed first column (pandas' index, 0..2499) becomes a respondent attribute
    whose name is the empty string; it should be left out (or taken as the respondent id),
    never a segment called ''."""
    project = _new(kano, tmp_path)
    assert kano("import", project, DATA / "shreya0501_kano.csv", *_shreya_maps()).returncode == 0
    out = tmp_path / "responses.json"
    assert kano("export", project, "--exporter", "responses-json", "-o", out).returncode == 0
    first = json.loads(out.read_text())["responses"][0]
    assert "" not in first
