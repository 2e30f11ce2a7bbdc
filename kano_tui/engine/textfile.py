"""Detecting how a delimited text file is written: encoding and delimiter.

Detection is the libraries' work: byte-order marks and charset-normalizer for the
encoding, :class:`csv.Sniffer` for the delimiter. Only a sample is read, so a
million-row file costs the same as a small one.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from kano_tui.errors import SurveyImportError

SAMPLE_BYTES = 256 * 1024
DELIMITERS = ",;\t|"
TIE_PREFERENCE = {name: rank for rank, name in enumerate(
    ("utf_8", "cp1252", "iso8859_15", "latin_1", "mac_roman", "cp1250", "cp1251"))}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class TextLayout:
    encoding: str
    delimiter: str
    header: list[str]
    sample: str  # the decoded sample, for previews


def read_head(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        raise SurveyImportError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise SurveyImportError(f"{path} is a directory, not a survey file.") from None
    except OSError as error:
        raise SurveyImportError(f"Could not read {path}: {error.strerror or error}.") from None


def detect_encoding(head: bytes, shown: str) -> str:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    try:
        # A sample cut mid-character is still UTF-8: ignore an incomplete tail.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(head))
    if not matches or b"\x00" in head.replace(b"\x00\x00", b""):
        raise SurveyImportError(f"{shown} is not a text file that kano can read as CSV.")
    # charset-normalizer's ranking, with exact ties broken toward the encodings survey
    # tools write (Windows-1252 before Central European cp1250, whose letters differ).
    best = min(matches, key=lambda m: (round(m.chaos, 3), -round(m.coherence, 3),
                                       TIE_PREFERENCE.get(m.encoding, len(TIE_PREFERENCE))))
    return best.encoding


def detect_layout(
    path: Path, shown: str, encoding: str | None = None, delimiter: str | None = None
) -> TextLayout:
    head = read_head(path)
    if not head.strip():
        raise SurveyImportError(f"{shown} is empty.")
    if encoding is None:
        encoding = detect_encoding(head, shown)
    try:
        text = codecs.getincrementaldecoder(encoding)(errors="strict").decode(head, final=False)
    except (UnicodeDecodeError, LookupError) as error:
        raise SurveyImportError(
            f"{shown} cannot be read as {encoding}: {error}."
        ) from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise SurveyImportError(f"{shown} is not a text file that kano can read as CSV.")
    lines = text.splitlines()
    if delimiter is None:
        delimiter = _sniff_delimiter(text)
    header = next(csv.reader(lines[:1], delimiter=delimiter), [])
    return TextLayout(encoding=encoding, delimiter=delimiter, header=header, sample=text)


def _sniff_delimiter(text: str) -> str:
    # Sniff whole lines only; a cut last line confuses the sniffer.
    complete = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(complete, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = complete.splitlines()[0] if complete else ""
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.__getitem__)
        return best if counts[best] else ","
