"""`kano import` on survey-tool exports, as a user runs it: a real process."""

from __future__ import annotations

import tomllib

from .exports import random_answers, write_googleforms_csv, write_qualtrics_csv


def test_import_recognises_the_tool_and_lists_what_it_mapped(tmp_path, kano):
    source = write_qualtrics_csv(random_answers(respondents=30), tmp_path / "export.csv")
    assert kano("new", tmp_path / "p").returncode == 0

    done = kano("import", tmp_path / "p", source, "--wave", "2026-03")

    assert done.returncode == 0, done.stderr
    assert "Q2_1 -> Face recognition [face-recognition] functional (" in done.stdout
    assert "Q5 -> NPS" in done.stdout
    assert f"Imported 30 respondents from {source} as import-001 (qualtrics)" in done.stdout
    saved = tomllib.loads((tmp_path / "p" / "kano.toml").read_text())["responses"]["mappings"]
    assert {"column": "Q3_1", "feature": "face-recognition", "role": "dysfunctional"} in saved

    again = kano(
        "import",
        tmp_path / "p",
        write_qualtrics_csv(random_answers(seed=9, respondents=30), tmp_path / "w2.csv"),
        "--wave",
        "2026-09",
    )
    assert again.returncode == 0, again.stderr
    assert "Mapped by question text" not in again.stdout  # the saved mapping answers it all
    assert {"column": "Q5", "feature": "", "role": "nps"} in saved


def test_a_mapping_file_and_map_flags_correct_the_proposals(tmp_path, kano):
    source = write_googleforms_csv(random_answers(respondents=20), tmp_path / "form.csv")
    functional = "Wenn das Produkt Folgendes hätte, wie würden Sie sich fühlen? [Gesichtserkennung]"
    dysfunctional = functional.replace("hätte", "nicht hätte")
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(
        f'column,feature,role\n"{functional}",Face ID,functional\n'
        f'"{dysfunctional}",Face ID,dysfunctional\n',
        encoding="utf-8",
    )
    kano("new", tmp_path / "p")

    done = kano(
        "import",
        tmp_path / "p",
        source,
        "--mapping",
        mapping,
        "--map",
        "Welchen Tarif nutzen Sie?=Tariff:importance",
        "--dry-run",
    )
    assert done.returncode == 1
    assert done.stderr.startswith("kano: ") and "Traceback" not in done.stderr
    assert "'Welchen Tarif nutzen Sie?'" in done.stderr  # "Prepaid" is no importance

    done = kano("import", tmp_path / "p", source, "--mapping", mapping)
    assert done.returncode == 0, done.stderr
    # the importance row of the same feature follows the correction
    assert "[Gesichtserkennung] -> Face ID [face-id] importance" in done.stdout
    features = tomllib.loads((tmp_path / "p" / "kano.toml").read_text())["features"]
    assert [f["name"] for f in features][:1] == ["Face ID"]
    assert "Gesichtserkennung" not in [f["name"] for f in features]


def test_a_bad_mapping_file_is_one_line_and_changes_nothing(tmp_path, kano):
    source = write_qualtrics_csv(random_answers(respondents=5), tmp_path / "export.csv")
    mapping = tmp_path / "bad.toml"
    mapping.write_text('[mapping]\n"Q2_1" = "face:sideways"\n', encoding="utf-8")
    kano("new", tmp_path / "p")
    before = (tmp_path / "p" / "kano.toml").read_bytes()

    done = kano("import", tmp_path / "p", source, "--mapping", mapping)

    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"kano: {mapping}, mapping of 'Q2_1': column 'Q2_1' has role 'sideways', which must "
        "be one of functional, dysfunctional, importance, nps, csat, respondent, wave, ignore."
    ]
    assert (tmp_path / "p" / "kano.toml").read_bytes() == before


def test_map_ignore_leaves_personal_data_out_and_is_remembered(tmp_path, kano):
    """Columns nobody wants in the project (the Qualtrics importer already drops IP and
    e-mail addresses; a free-text comment may name people): `--map COLUMN=ignore` keeps
    them out, and the next wave leaves them out without being told."""
    from kano_tui.session.workspace import Workspace

    source = write_qualtrics_csv(random_answers(respondents=12), tmp_path / "export.csv")
    kano("new", tmp_path / "p")
    done = kano(
        "import",
        tmp_path / "p",
        source,
        "--map",
        "Q6=ignore",
        "--map",
        "DistributionChannel=IGNORE",
    )
    assert done.returncode == 0, done.stderr
    saved = tomllib.loads((tmp_path / "p" / "kano.toml").read_text())["responses"]["mappings"]
    assert {"column": "Q6", "feature": "", "role": "ignore"} in saved
    again = kano(
        "import",
        tmp_path / "p",
        write_qualtrics_csv(random_answers(seed=3, respondents=12), tmp_path / "w2.csv"),
    )
    assert again.returncode == 0, again.stderr
    columns = Workspace.open(tmp_path / "p").responses().columns
    assert "Q6" not in columns and "DistributionChannel" not in columns
    assert "UserLanguage" in columns  # the others are kept
    assert kano("import", tmp_path / "p", source, "--map", "Q6=").returncode == 1
