"""The kano-spreadsheets plugin (plugins/kano-spreadsheets), installed through its entry
point: Excel workbooks and SPSS files import to the figures of the canonical CSV."""

from __future__ import annotations

import pytest

from kano_tui.errors import SurveyImportError
from kano_tui.plugins.manager import build_plugins
from kano_tui.session.workspace import Workspace

from .conftest import figures_by_name
from .exports import (
    canonical_rows,
    random_answers,
    write_canonical_csv,
    write_canonical_xlsx,
    write_qualtrics_xlsx,
    write_sav,
    write_xlsx,
)


def test_the_plugin_registers_through_its_entry_point():
    plugins = build_plugins()
    for name in ("xlsx", "spss"):
        info = plugins.owner_of("importer", name)
        assert (info.origin, info.distribution, info.state) == (
            "entry point",
            "kano-spreadsheets",
            "enabled",
        )


def test_a_qualtrics_workbook_in_spanish_gives_the_figures_of_the_csv(tmp_path, import_into):
    answers = random_answers(seed=5, respondents=50)
    from_xlsx = import_into(write_qualtrics_xlsx(answers, tmp_path / "encuesta.xlsx"))
    from_csv = import_into(write_canonical_csv(answers, tmp_path / "c.csv", "es"))
    assert from_xlsx.project.imports[0].importer == "xlsx"
    assert [f.name for f in from_xlsx.project.features][:2] == [
        "Reconocimiento facial",
        "Batería duradera",
    ]
    assert figures_by_name(from_xlsx) == figures_by_name(from_csv)
    assert from_xlsx.responses().frame["respondent"].tolist() == answers.respondents


def test_a_canonical_workbook_on_a_named_sheet(tmp_path, import_into):
    answers = random_answers(seed=6, respondents=30)
    book = write_canonical_xlsx(answers, tmp_path / "book.xlsx", sheet="Answers", other_sheet=True)
    from_xlsx = import_into(book, sheet="Answers")
    from_csv = import_into(write_canonical_csv(answers, tmp_path / "c.csv"))
    assert figures_by_name(from_xlsx) == figures_by_name(from_csv)
    # numbers stored as numbers in the sheet read as the codes a CSV would hold
    assert from_xlsx.responses().frame["nps"].tolist() == from_csv.responses().frame["nps"].tolist()


def test_an_unknown_sheet_names_the_sheets_there_are(tmp_path, import_into):
    book = write_canonical_xlsx(random_answers(respondents=3), tmp_path / "b.xlsx")
    with pytest.raises(
        SurveyImportError,
        match=r"b\.xlsx has no sheet 'Data'; its sheets: "
        r"Sheet1\.",
    ):
        import_into(book, sheet="Data")


def test_a_bad_answer_in_a_workbook_names_the_excel_row(tmp_path, import_into):
    rows = canonical_rows(random_answers(respondents=4), "en")
    rows[3][3] = "Meh"  # Excel row 4, the first answer column
    book = write_xlsx(rows, tmp_path / "b.xlsx")
    with pytest.raises(
        SurveyImportError,
        match=r"b\.xlsx, row 4, column 'Face recognition"
        r"\.functional', value 'Meh'",
    ):
        import_into(book)


def test_a_file_that_is_not_a_workbook_is_one_clear_sentence(tmp_path, import_into):
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 this is no workbook")
    with pytest.raises(SurveyImportError, match=r"fake\.xlsx is not a workbook kano can read"):
        import_into(fake)


def test_an_spss_file_reads_answers_through_its_value_labels(tmp_path, import_into):
    answers = random_answers(seed=8, respondents=40)
    from_sav = import_into(write_sav(answers, tmp_path / "survey.sav"))
    from_csv = import_into(write_canonical_csv(answers, tmp_path / "c.csv"))
    assert from_sav.project.imports[0].importer == "spss"
    assert figures_by_name(from_sav) == figures_by_name(from_csv)
    frame = from_sav.responses().frame
    assert frame["respondent"].tolist() == answers.respondents
    assert frame["Q1"].tolist() == answers.plan  # the plan's value labels, not its codes
    assert "IPAddress" not in frame.columns
    saved = {m.column: (m.feature, m.role) for m in from_sav.project.mappings}
    assert saved["Q2_1"] == ("face-recognition", "functional")


def test_an_spss_file_with_an_unlabelled_code_names_case_and_variable(tmp_path, import_into):
    answers = random_answers(seed=8, respondents=5)
    answers.functional[2, 0] = 7  # a code the labels do not name
    with pytest.raises(SurveyImportError, match=r"survey\.sav, row 3, column 'Q2_1', value '7'"):
        import_into(write_sav(answers, tmp_path / "survey.sav"))


def test_the_cli_imports_a_workbook_sheet(tmp_path, kano):
    answers = random_answers(seed=3, respondents=12)
    book = write_canonical_xlsx(answers, tmp_path / "book.xlsx", sheet="Answers", other_sheet=True)
    kano("new", tmp_path / "p")
    done = kano("import", tmp_path / "p", book, "--sheet", "Answers")
    assert done.returncode == 0, done.stderr
    assert "Imported 12 respondents" in done.stdout and "(xlsx)" in done.stdout
    reopened = Workspace.open(tmp_path / "p")
    assert len(reopened.responses()) == 12
