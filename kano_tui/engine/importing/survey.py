"""What an importer hands to the core: a survey table before its answers are read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the column names below are needed where pandas is not
    import pandas as pd
    import pyarrow as pa

# Columns with a meaning of their own in the canonical layouts (BRIEF.md section 3).
RESPONDENT, WAVE, NPS, CSAT = "respondent", "wave", "nps", "csat"
RESERVED_COLUMNS: tuple[str, ...] = (RESPONDENT, WAVE, NPS, CSAT)
LONG_COLUMNS: tuple[str, ...] = ("respondent", "feature", "functional", "dysfunctional")
SurveyLayout = Literal["wide", "long"]  # one row per respondent, or per respondent and feature


@dataclass
class SurveyTable:
    """A survey as an importer read it.

    ``frame`` holds one row per respondent (``layout="wide"``: columns
    ``<feature>.functional``, ``<feature>.dysfunctional``, optional
    ``<feature>.importance``, ``respondent``, ``wave``, ``nps``, ``csat`` and attributes)
    or one row per respondent and feature (``layout="long"``). Answers stay as the file
    wrote them (wordings or codes): the core reads them, so every importer gets the same
    wording support and the same error messages.

    ``first_data_row`` is the file's 1-based row number of ``frame``'s first row, so that
    errors can name the row the user sees. ``questions`` maps a column to its question
    text when the file carries one (survey-tool exports), for column mapping.

    An importer that reads with pyarrow may hand over ``arrow``, the same table as Arrow
    columns, instead of ``frame`` (the built-in CSV importer does): a wide table of
    numeric codes is then imported without pandas, which is a third of a million-row
    import's start (docs/startup.md). ``frame`` is made from it on first use.
    """

    frame: pd.DataFrame | None = None
    layout: SurveyLayout = "wide"
    first_data_row: int = 2
    questions: dict[str, str] = field(default_factory=dict)
    # A column's name as the user sees it in the file, when the importer renamed it.
    source_columns: dict[str, str] = field(default_factory=dict)
    # Display names of the features a file's columns name by key (a backup knows them).
    feature_names: dict[str, str] = field(default_factory=dict)
    # The table as Arrow columns, when the importer read it so (text and whole numbers).
    arrow: pa.Table | None = None

    def __post_init__(self) -> None:
        if self.frame is None and self.arrow is None:
            raise TypeError("a SurveyTable holds a DataFrame (frame=...) or an Arrow table")

    def data_frame(self) -> pd.DataFrame:
        """``frame``, made from ``arrow`` on first use (text and numbers Arrow-backed:
        nothing is copied)."""
        if self.frame is None:
            import pandas as pd

            assert self.arrow is not None
            self.frame = self.arrow.to_pandas(types_mapper=pd.ArrowDtype)
        return self.frame

    @property
    def columns(self) -> list[str]:
        if self.arrow is not None and self.frame is None:
            return [str(c) for c in self.arrow.column_names]
        return [str(c) for c in self.data_frame().columns]

    @property
    def rows(self) -> int:
        if self.arrow is not None and self.frame is None:
            return int(self.arrow.num_rows)
        return len(self.data_frame())

    def row_number(self, position: int) -> int:
        """The file row of the frame's ``position``-th row."""
        return self.first_data_row + position


@dataclass
class ImportOptions:
    """What the user said about an import (CLI flags, the TUI's import form)."""

    wave: str = ""  # the wave of rows that carry none
    encoding: str | None = None  # None: detected
    delimiter: str | None = None  # None: detected
    sheet: str | None = None  # spreadsheet importers: which sheet
    # column -> (feature id or name, role); overrides what is saved in kano.toml
    mapping: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # token -> wordings taught for this import (``--wording "TEXT=TOKEN"``), kept after it
    extra_wordings: Mapping[str, list[str]] = field(default_factory=dict)
    # importance label -> number (``--importance "TEXT=N"``), kept after the import
    importance_labels: Mapping[str, int] = field(default_factory=dict)
    display_name: str = ""  # the name errors use for the file; defaults to its path
    # The importer's own plugin options ([plugins.PLUGIN] in kano.toml, --option).
    plugin_options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.encoding is not None:
            self.encoding = checked_encoding(self.encoding)
        if self.delimiter is not None:
            self.delimiter = checked_delimiter(self.delimiter)

    def shown(self, path: Path) -> str:
        return self.display_name or str(path)


def checked_encoding(name: str) -> str:
    """``name`` if it is a text encoding Python knows; otherwise one sentence. Codecs that
    are not text encodings (rot13, base64, zlib, hex) are refused here, not mid-read."""
    import codecs

    from kano_tui.errors import SurveyImportError

    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        raise SurveyImportError(
            f"--encoding {name!r} is not a text encoding kano knows "
            "(try utf-8, utf-16, cp1252 or latin-1)."
        ) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FILE_ENCODINGS:
        raise SurveyImportError(
            f"--encoding {name!r} is not a text encoding of files "
            "(try utf-8, utf-16, cp1252 or latin-1)."
        )
    return name


# Text codecs that no survey tool writes files in and that fail oddly on CSV.
_NOT_FILE_ENCODINGS = frozenset(
    {"punycode", "idna", "raw-unicode-escape", "unicode-escape", "undefined", "mbcs", "oem"}
)


def checked_delimiter(text: str) -> str:
    """A field separator: one character that is not a quote, a line break or blank."""
    from kano_tui.errors import SurveyImportError

    if len(text) != 1 or text in '"\r\n' or (text.isspace() and text != "\t") or text.isalnum():
        raise SurveyImportError(
            f"--delimiter {text!r} is not a field separator: give one "
            "character such as ',' ';' '|' or 'tab'."
        )
    return text
