"""The `kano` command end to end: real processes, real files, the JSON contract."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from tests.conftest import SAMPLES, write_wide_csv
from tests.engine.test_import import ROWS

CONTRACT_KEYS = [
    "id",
    "name",
    "n",
    "counts",
    "category",
    "better",
    "worse",
    "total_strength",
    "category_strength",
    "significant",
    "functional_mean",
    "dysfunctional_mean",
    "functional_sd",
    "dysfunctional_sd",
    "importance_mean",
]


@pytest.fixture
def project(tmp_path, kano):
    """A project with one imported wave, made through the command itself."""
    directory = tmp_path / "demo"
    assert kano("new", directory).returncode == 0
    result = kano("import", directory, write_wide_csv(tmp_path / "wave.csv", ROWS))
    assert result.returncode == 0, result.stderr
    assert "Imported 3 respondents" in result.stdout
    return directory


def test_analyze_json_follows_the_contract(project, kano):
    result = kano("analyze", project, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["classifier"] == "mode"
    battery = document["features"][0]
    assert list(battery)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert battery["counts"] == {"A": 1, "O": 1, "M": 1, "I": 0, "R": 0, "Q": 0}
    assert battery["category"] == "M"  # a three-way tie goes to must-be
    assert battery["worse"] < 0


def test_analyze_by_a_segment_groups_the_features(project, kano):
    document = json.loads(kano("analyze", project, "--by", "plan", "--format", "json").stdout)
    assert document["by"] == "plan"
    assert [group["value"] for group in document["groups"]] == ["home", "pro"]
    assert all(len(group["features"]) == 2 for group in document["groups"])


@pytest.mark.parametrize("classifier", ["mode", "mode-strength", "continuous", "better-worse"])
def test_every_builtin_classifier_runs(project, kano, classifier):
    document = json.loads(
        kano("analyze", project, "--classifier", classifier, "--format", "json").stdout
    )
    assert document["classifier"] == classifier
    assert {f["category"] for f in document["features"]} <= set("AOMIRQ") | {None}


def test_table_and_csv_formats(project, kano):
    table = kano("analyze", project)
    assert table.returncode == 0 and "Battery" in table.stdout and "must-be" in table.stdout
    rows = list(csv.DictReader(io.StringIO(kano("analyze", project, "--format", "csv").stdout)))
    # Ids are the headers' keys as written (BRIEF.md section 8): Battery.functional -> Battery
    assert [row["id"] for row in rows] == ["Battery", "compass"]
    assert rows[0]["category"] == "M"


def test_errors_are_one_sentence_on_stderr_with_a_nonzero_exit(tmp_path, kano, project):
    for args, expected in [
        (("analyze", tmp_path / "nowhere"), "is not a kano project directory"),
        (("analyze", project, "--classifier", "nope"), "There is no classifier named 'nope'"),
        (("analyze", project, "--by", "shoe-size"), "There is no respondent column 'shoe-size'"),
        (("import", project, tmp_path / "missing.csv"), "does not exist"),
        (("export", project, "--exporter", "pdf"), "There is no exporter named 'pdf'"),
    ]:
        result = kano(*args)
        assert result.returncode != 0, args
        assert expected in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    "exporter,needle",
    [
        ("json", '"analysis"'),
        ("csv", "id,name,n,A,O,M,I,R,Q,category"),
        ("markdown", "## Prioritised backlog"),
        ("questionnaire", "How would you feel if the product had"),
        ("questionnaire-csv", "Battery.functional"),
    ],
)
def test_builtin_exporters_write_files(project, kano, tmp_path, exporter, needle):
    target = tmp_path / f"out-{exporter}"
    result = kano("export", project, "--exporter", exporter, "-o", target)
    assert result.returncode == 0, result.stderr
    assert needle in target.read_text(encoding="utf-8")


def test_export_to_standard_output_and_default_location(project, kano):
    result = kano("export", project, "--exporter", "json", "-o", "-")
    assert json.loads(result.stdout)["project"]["name"] == "demo"
    result = kano("export", project, "--exporter", "csv")
    written = project / "exports" / "demo-csv.csv"
    assert written.exists() and f"Wrote {written}" in result.stdout


def test_csv_export_neutralises_formulas(tmp_path, kano):
    directory = tmp_path / "p"
    kano("new", directory)
    rows = [
        {
            "respondent": "r1",
            '=HYPERLINK("x").functional': "like",
            '=HYPERLINK("x").dysfunctional': "dislike",
        }
    ]
    assert kano("import", directory, write_wide_csv(tmp_path / "f.csv", rows)).returncode == 0
    text = kano("export", directory, "--exporter", "csv", "-o", "-").stdout
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_questionnaire_and_features_commands(tmp_path, kano):
    directory = tmp_path / "p"
    kano("new", directory)
    assert (
        kano(
            "features",
            "add",
            directory,
            "Face recognition",
            "--stage",
            "Discovery",
            "--effort",
            "5",
        ).returncode
        == 0
    )
    assert "face-recognition" in kano("features", "list", directory).stdout
    markdown = kano("questionnaire", directory).stdout
    assert "How would you feel if the product had face recognition?" in markdown
    assert "did not have face recognition?" in markdown
    rows = list(
        csv.DictReader(io.StringIO(kano("questionnaire", directory, "--format", "csv").stdout))
    )
    assert [r["column"] for r in rows] == [
        "face-recognition.functional",
        "face-recognition.dysfunctional",
        "face-recognition.importance",
        "nps",
        "csat",
    ]
    assert [r["code"] for r in rows][:3] == [
        "facerecognitionF",
        "facerecognitionD",
        "facerecognitionI",
    ]
    bad = kano("features", "add", directory, "X", "--stage", "Mars")
    assert bad.returncode != 0 and "There is no journey stage 'Mars'" in bad.stderr


def test_backlog_puts_basic_needs_first_on_the_sample(kano, tmp_path):
    directory = tmp_path / "smartphone"
    shutil.copytree(SAMPLES / "smartphone", directory)
    items = json.loads(kano("backlog", directory, "--format", "json").stdout)
    categories = [item["category"] for item in items if item["rank"]]
    assert categories == sorted(categories, key="MOA".index)
    assert items[0]["name"] in ("Calls", "Messaging", "Internet")
    flagged = {item["name"]: item["category"] for item in items if not item["rank"]}
    assert flagged["Confusing interface"] == "R" and flagged["Built-in compass"] == "I"


def test_every_command_has_help(kano):
    top = kano("--help")
    assert top.returncode == 0
    for command in (
        "new",
        "open",
        "import",
        "imports",
        "analyze",
        "backlog",
        "export",
        "questionnaire",
        "features",
        "plugins",
    ):
        result = kano(command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout, command


def test_an_import_can_be_removed_and_the_file_imported_again(project, kano, tmp_path):
    listing = kano("imports", project).stdout
    assert "import-001" in listing and "wave.csv" in listing
    removed = kano("imports", project, "--remove", "import-001")
    assert removed.returncode == 0, removed.stderr
    assert not (project / "responses" / "import-001.arrow").exists()
    assert json.loads(kano("analyze", project, "--format", "json").stdout)["features"][0]["n"] == 0
    again = kano("import", project, tmp_path / "wave.csv")
    assert again.returncode == 0, again.stderr
    missing = kano("imports", project, "--remove", "import-999")
    assert missing.returncode != 0 and "There is no import 'import-999'" in missing.stderr


def test_new_keeps_the_name_and_description(tmp_path, kano):
    import tomllib

    assert (
        kano(
            "new",
            tmp_path / "p",
            "--name",
            "Support desk",
            "--description",
            "Post-purchase support study",
        ).returncode
        == 0
    )
    header = tomllib.loads((tmp_path / "p" / "kano.toml").read_text())["project"]
    assert header == {"name": "Support desk", "description": "Post-purchase support study"}
