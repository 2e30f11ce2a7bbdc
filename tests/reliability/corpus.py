"""The bad-input corpus: survey files and project files that users really send.

Every case is generated on the fly (nothing big is kept in the repository). A case is
either *bad* -- the import must fail with one sentence naming the file and, where there
is one, the row, column and value -- or *valid* -- an awkward but correct file (UTF-16,
cp1252, semicolons, mixed codes and wordings) that must import with the right answers.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HEADER = (
    "respondent,camera.functional,camera.dysfunctional,battery.functional,battery.dysfunctional"
)
GOOD_ROWS = [
    "r1,like,dislike,expect,dislike",
    "r2,like,neutral,I expect it,I dislike it",
    "r3,I like it that way,I can live with it,must-be,dislike",
]
GOOD_TEXT = "\n".join([HEADER, *GOOD_ROWS]) + "\n"
# The same answers from other respondents (a second wave that imports cleanly).
SECOND_WAVE_TEXT = GOOD_TEXT.replace("\nr", "\ns")
# What GOOD_TEXT analyses to with the default classifier (mode): camera O, A, A -> A;
# battery M, M, M -> M.
GOOD_CATEGORIES = {"camera": "A", "battery": "M"}

FIFTY_MB = 50 * 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Callable[[Path], None]  # writes the file at the given path
    # Bad cases: substrings the one-sentence error must contain ("{file}" is the file name).
    mentions: tuple[str, ...] = ()
    # Valid cases: expected respondent count and categories.
    rows: int | None = None
    categories: dict[str, str] = field(default_factory=dict)
    big: bool = False  # generates tens of megabytes

    @property
    def valid(self) -> bool:
        return self.rows is not None


def _text(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(text.encode(encoding))


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _truncated_utf8(path: Path) -> None:
    # A UTF-8 file (accents throughout) with one multi-byte character cut in the middle,
    # as a broken copy leaves it: guessing a legacy encoding would import mojibake.
    good = (
        "respondent,city,camera.functional,camera.dysfunctional\n"
        "r1,Genève,like,dislike\nr2,Zürich,like,dislike\nr3,Köln,like,dislike\n"
    )
    data = good.encode("utf-8")
    cut = data.index("ü".encode()) + 1  # keep the first byte of "ü" only
    path.write_bytes(data[:cut] + data[cut + 1 :])


def _cut_at_end(path: Path) -> None:
    # A download that stopped inside the last character.
    data = (
        HEADER + "\nr1,like,dislike,expect,dislike\nr2,like,dislike,expect,Ich möchte es\n"
    ).encode()
    path.write_bytes(data[: data.index("ö".encode()) + 1])


def _damaged_far_down(path: Path) -> None:
    # Valid UTF-8 for 20,000 rows (beyond the detection sample), then one broken byte.
    rows = [HEADER] + [f"r{i},like,dislike,expect,dislike" for i in range(20000)]
    rows.append("r20000,like,dislike,expect,dislike\udcff")
    path.write_bytes("\n".join(rows).encode("utf-8", "surrogateescape") + b"\n")


def _fifty_mb_cell(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.write((HEADER + "\n" + GOOD_ROWS[0] + "\nr2,").encode())
        chunk = b"x" * (1 << 20)
        for _ in range(FIFTY_MB // len(chunk)):
            handle.write(chunk)
        handle.write(b",dislike,expect,dislike\n")


def _ten_thousand_columns(bad: bool) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        # 10,000 columns: 4,999 features' two questions, a respondent id and one attribute.
        features = [f"f{i:04d}" for i in range(4999)]
        header = ["respondent", "region"]
        for feature in features:
            header += [f"{feature}.functional", f"{feature}.dysfunctional"]
        rows = []
        for r in range(3):
            answers = ["like", "dislike"] * len(features)
            if bad and r == 2:
                answers[-1] = "sometimes"  # the last of 10,000 columns, third respondent
            rows.append([f"r{r}", "north", *answers])
        lines = [",".join(header)] + [",".join(row) for row in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return build


def survey_cases() -> list[Case]:
    return [
        # ------------------------------------------------------------------ bad
        Case("empty file", "empty.csv", _bytes(b""), ("{file}", "empty")),
        Case("only whitespace", "blank.csv", _bytes(b"\n\n  \n"), ("{file}", "empty")),
        Case("header only", "header-only.csv", _text(HEADER + "\n"), ("{file}", "no rows")),
        Case(
            "binary garbage",
            "garbage.csv",
            _bytes(bytes(range(256)) * 64 + b"\x00\x00\xff\xfe" * 100),
            ("{file}", "not a text file"),
        ),
        Case(
            "a PNG renamed to .csv",
            "picture.csv",
            _bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(200)) * 20),
            ("{file}",),
        ),
        Case(
            "truncated UTF-8",
            "truncated.csv",
            _truncated_utf8,
            ("{file}", "row 3", "not valid UTF-8"),
        ),
        Case(
            "UTF-8 cut off inside the last character",
            "cut.csv",
            _cut_at_end,
            ("{file}", "row 3", "not valid UTF-8"),
        ),
        Case(
            "UTF-8 damaged 20,000 rows down",
            "damaged-far.csv",
            _damaged_far_down,
            ("{file}", "row 20002", "not valid UTF-8"),
        ),
        Case(
            "duplicate column names",
            "dupe-columns.csv",
            _text(
                "respondent,camera.functional,camera.functional,camera.dysfunctional\n"
                "r1,like,like,dislike\n"
            ),
            ("{file}", "row 1", "camera.functional", "more than once"),
        ),
        Case(
            "duplicate respondent ids",
            "dupe-ids.csv",
            _text(
                HEADER + "\nr1,like,dislike,expect,dislike\nr2,like,dislike,expect,dislike\n"
                "r1,neutral,neutral,expect,dislike\n"
            ),
            ("{file}", "row 4", "respondent", "r1", "twice"),
        ),
        Case(
            "unknown answer wording",
            "unknown-wording.csv",
            _text(HEADER + "\nr1,like,dislike,expect,dislike\nr2,like,sort of,expect,dislike\n"),
            ("{file}", "row 3", "camera.dysfunctional", "sort of"),
        ),
        Case(
            "answer code out of range",
            "bad-code.csv",
            _text(HEADER + "\nr1,1,5,2,5\nr2,1,7,2,5\n"),
            ("{file}", "row 3", "camera.dysfunctional", "7"),
        ),
        Case(
            "spreadsheet formula in an answer",
            "formula.csv",
            _text(
                HEADER
                + '\nr1,like,dislike,expect,dislike\nr2,"=HYPERLINK(""http://x.example"",""like"")",dislike,expect,dislike\n'
            ),
            ("{file}", "row 3", "camera.functional", "=HYPERLINK"),
        ),
        Case(
            "a row with too many cells",
            "ragged.csv",
            _text(
                HEADER
                + "\nr1,like,dislike,expect,dislike\nr2,like,dislike,expect,dislike,extra,more\n"
            ),
            ("{file}", "row 3", "columns"),
        ),
        Case(
            "no Kano question at all",
            "no-questions.csv",
            _text("name,email\nAda,ada@example.com\n"),
            ("{file}", "Kano question"),
        ),
        Case(
            "functional without dysfunctional",
            "unpaired.csv",
            _text("respondent,camera.functional\nr1,like\n"),
            ("{file}", "camera.functional", "dysfunctional"),
        ),
        Case(
            "blank respondent id",
            "blank-id.csv",
            _text(HEADER + "\nr1,like,dislike,expect,dislike\n,like,dislike,expect,dislike\n"),
            ("{file}", "row 3", "respondent", "blank"),
        ),
        Case(
            "NPS out of range",
            "bad-nps.csv",
            _text("respondent,nps,camera.functional,camera.dysfunctional\nr1,11,like,dislike\n"),
            ("{file}", "row 2", "nps", "11"),
        ),
        Case(
            "a 50 MB cell",
            "huge-cell.csv",
            _fifty_mb_cell,
            ("{file}", "row 3", "camera.functional", "xxx"),
            big=True,
        ),
        Case(
            "10,000 columns, one bad answer",
            "wide-bad.csv",
            _ten_thousand_columns(True),
            ("{file}", "row 4", "f4998.dysfunctional", "sometimes"),
            big=True,
        ),
        Case(
            "long layout, respondent answers a feature twice",
            "long-dupe.csv",
            _text(
                "respondent,feature,functional,dysfunctional\nr1,camera,like,dislike\n"
                "r1,camera,expect,dislike\n"
            ),
            ("{file}", "row 3", "camera", "twice"),
        ),
        # ------------------------------------------------------------------ valid
        Case(
            "UTF-16 with BOM",
            "utf16.csv",
            _text(GOOD_TEXT, "utf-16"),
            rows=3,
            categories=GOOD_CATEGORIES,
        ),
        Case(
            "UTF-16 big-endian with BOM",
            "utf16be.csv",
            _bytes(codecs.BOM_UTF16_BE + GOOD_TEXT.encode("utf-16-be")),
            rows=3,
            categories=GOOD_CATEGORIES,
        ),
        Case(
            "UTF-8 with BOM",
            "bom.csv",
            _text(GOOD_TEXT, "utf-8-sig"),
            rows=3,
            categories=GOOD_CATEGORIES,
        ),
        Case(
            "cp1252 (Excel on Windows)",
            "cp1252.csv",
            _text(
                "respondent,région,camera.functional,camera.dysfunctional\n"
                "r1,Île-de-France,J'aime,Cela me déplaît\n"
                "r2,Genève,j'aime ça,ça me déplaît\n"
                "r3,Zürich,Das gefällt mir,Das würde mich stören\n",
                "cp1252",
            ),
            rows=3,
            categories={"camera": "O"},
        ),
        Case(
            "semicolon-separated (European Excel)",
            "semicolon.csv",
            _text(GOOD_TEXT.replace(",", ";")),
            rows=3,
            categories=GOOD_CATEGORIES,
        ),
        Case(
            "semicolons with commas inside quoted cells",
            "semicolon-quoted.csv",
            _text(
                "respondent;comment;camera.functional;camera.dysfunctional\n"
                'r1;"good, fast";I like it, that way;dislike\n'
                'r2;"meh; slow";like;I dislike it, that way\n'
            ),
            rows=2,
            categories={"camera": "O"},
        ),
        Case(
            "tab-separated",
            "tabs.tsv",
            _text(GOOD_TEXT.replace(",", "\t")),
            rows=3,
            categories=GOOD_CATEGORIES,
        ),
        Case(
            "numeric codes and wordings mixed",
            "mixed.csv",
            _text(
                HEADER
                + "\nr1,1,5,2,5\nr2,like,3,I expect it,5\nr3,1,I can live with it,must-be,dislike\n"
            ),
            rows=3,
            categories=GOOD_CATEGORIES,
        ),
        Case(
            "Windows line endings and padded cells",
            "crlf.csv",
            _text(GOOD_TEXT.replace("\n", "\r\n").replace(",like,", ", like ,")),
            rows=3,
            categories=GOOD_CATEGORIES,
        ),
        Case(
            "formula-looking attribute text",
            "formula-attribute.csv",
            _text(
                "respondent,comment,camera.functional,camera.dysfunctional\n"
                "r1,=1+1,like,dislike\nr2,@SUM(A1),like,dislike\n"
            ),
            rows=2,
            categories={"camera": "O"},
        ),
        Case(
            "10,000 columns",
            "wide.csv",
            _ten_thousand_columns(False),
            rows=3,
            categories={"f0000": "O", "f4998": "O"},
            big=True,
        ),
    ]


# --------------------------------------------------------------------------- kano.toml

MINIMAL_TOML = 'schema_version = 1\n\n[project]\nname = "demo"\n'


@dataclass(frozen=True)
class ProjectCase:
    name: str
    text: str  # the kano.toml
    mentions: tuple[str, ...]  # substrings of the one-sentence error
    remove_responses: bool = False
    encoding: str = "utf-8"

    @property
    def data(self) -> bytes:
        return self.text.encode(self.encoding)


def _line_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if line.startswith(text))


def project_cases(valid_toml: str) -> list[ProjectCase]:
    """Damaged variants of ``valid_toml`` (a project with one import)."""
    lines = valid_toml.splitlines()
    feature_line = next(i for i, line in enumerate(lines) if line.strip() == "[[features]]")
    broken = list(lines)
    broken[feature_line + 1] = 'id = "camera'  # unterminated string
    camera_name = _line_of(lines, 'name = "Camera"')
    return [
        ProjectCase(
            "syntax error",
            "\n".join(broken) + "\n",
            ("kano.toml", "not valid TOML", f"line {feature_line + 2}"),
        ),
        ProjectCase(
            "schema_version as text",
            valid_toml.replace("schema_version = 1", 'schema_version = "1"'),
            ("kano.toml", "line 1", "schema_version", "whole number"),
        ),
        ProjectCase(
            "newer schema_version",
            valid_toml.replace("schema_version = 1", "schema_version = 99"),
            ("kano.toml", "schema_version 99", "upgrade"),
        ),
        ProjectCase(
            "settings of the wrong type",
            valid_toml.replace("strength_threshold = 0.06", 'strength_threshold = "high"'),
            (
                "kano.toml",
                f"line {_line_of(lines, 'strength_threshold')}",
                "settings.strength_threshold",
                "number",
            ),
        ),
        ProjectCase(
            "features as a string",
            MINIMAL_TOML.replace("\n\n", '\nfeatures = "camera"\n\n', 1),
            ("kano.toml", "line 2", "features", "array of tables"),
        ),
        ProjectCase(
            "feature without id",
            MINIMAL_TOML + '\n[[features]]\nname = "Camera"\n',
            ("kano.toml", "features[0]", "id"),
        ),
        ProjectCase(
            "effort as text",
            valid_toml.replace('name = "Camera"', 'name = "Camera"\neffort = "big"'),
            ("kano.toml", f"line {camera_name + 1}", "features[0].effort", "number"),
        ),
        ProjectCase(
            "project without name", "schema_version = 1\n[project]\n", ("kano.toml", "project.name")
        ),
        ProjectCase(
            "missing response file",
            valid_toml,
            ("kano.toml", "import-001", "missing"),
            remove_responses=True,
        ),
        ProjectCase(
            "not UTF-8",
            valid_toml.replace('[project]\nname = "', '[project]\nname = "é'),
            ("kano.toml", "UTF-8"),
            encoding="cp1252",
        ),
    ]
