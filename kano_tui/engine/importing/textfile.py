"""Detecting how a delimited text file is written: encoding and delimiter.

Detection is the libraries' work: byte-order marks and charset-normalizer for the
encoding, :class:`csv.Sniffer` for the delimiter. Only a sample is read, so a
million-row file costs the same as a small one.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kano_tui.engine.project.safeio import check_regular
from kano_tui.errors import SurveyImportError

SAMPLE_BYTES = 256 * 1024
DELIMITERS = ",;\t|"
TIE_PREFERENCE = {
    name: rank
    for rank, name in enumerate(
        ("utf_8", "cp1252", "iso8859_15", "latin_1", "mac_roman", "cp1250", "cp1251")
    )
}
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
    check_import_file(path)
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        raise SurveyImportError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise SurveyImportError(f"{path} is a directory, not a survey file.") from None
    except OSError as error:
        raise SurveyImportError(f"Could not read {path}: {error.strerror or error}.") from None


def check_import_file(path: Path) -> None:
    """Refuse a survey file that is not a regular file -- a FIFO, a process substitution
    (``<(gunzip -c x.csv.gz)``), a device -- before anything opens it: reading one could
    wait forever or never end. One sentence, at once."""
    check_regular(
        path,
        "survey files",
        SurveyImportError,
        hint="to import a stream, save it to a file first (e.g. gunzip -c x.csv.gz > x.csv)",
    )


def detect_encoding(head: bytes, shown: str) -> str:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    try:
        # A sample cut mid-character is still UTF-8: ignore an incomplete tail.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError as error:
        if _looks_like_damaged_utf8(head):
            raise invalid_utf8_error(shown, head, error.start) from None
    from charset_normalizer import from_bytes  # only for a file that is not UTF-8

    matches = list(from_bytes(head))
    if not matches or b"\x00" in head.replace(b"\x00\x00", b""):
        raise SurveyImportError(f"{shown} is not a text file that kano can read as CSV.")
    # charset-normalizer's ranking, with exact ties broken toward the encodings survey
    # tools write (Windows-1252 before Central European cp1250, whose letters differ).
    best = min(
        matches,
        key=lambda m: (
            round(m.chaos, 3),
            -round(m.coherence, 3),
            TIE_PREFERENCE.get(m.encoding, len(TIE_PREFERENCE)),
        ),
    )
    return best.encoding


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _looks_like_damaged_utf8(head: bytes) -> bool:
    """UTF-8 with a broken or cut character, not a legacy encoding: most of its non-ASCII
    bytes form valid UTF-8 sequences (cp1252 text almost never does). Guessing an
    encoding for it would import mojibake silently."""
    valid = sum(len(m) for m in _UTF8_SEQUENCE.findall(head))
    return valid > 0 and valid >= len(_HIGH_BYTE.findall(head)) / 2


def invalid_utf8_error(
    shown: str, data: bytes, position: int, offset: int = 0, rows_before: int = 0
) -> SurveyImportError:
    """The error for an invalid UTF-8 byte at ``position`` of ``data`` (a chunk of the file
    starting at byte ``offset``, after ``rows_before`` line breaks)."""
    row = rows_before + data.count(b"\n", 0, position) + 1
    return SurveyImportError(
        f"{shown}, row {row}: byte {offset + position} (0x{data[position]:02X}) is not valid "
        "UTF-8, so the file looks damaged or cut off; export it again, or pass --encoding "
        "if it is not UTF-8."
    )


def find_invalid_utf8(path: Path, shown: str) -> SurveyImportError | None:
    """Scan the whole file (streaming) for the first byte that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = rows = 0
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(1 << 20)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                # error.start counts from the bytes the decoder held back plus this chunk
                held = len(error.object) - len(chunk)
                data = error.object
                return invalid_utf8_error(
                    shown, data, error.start, offset - held, rows - data.count(b"\n", 0, held)
                )
            if not chunk:
                return None
            offset += len(chunk)
            rows += chunk.count(b"\n")


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
    except UnicodeDecodeError as error:
        if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):  # damaged: name the row
            bom = (
                len(codecs.BOM_UTF8)
                if codecs.lookup(encoding).name == "utf-8-sig" and head.startswith(codecs.BOM_UTF8)
                else 0
            )  # utf-8-sig counts after it
            raise invalid_utf8_error(shown, head, error.start + bom) from None
        raise SurveyImportError(f"{shown} cannot be read as {encoding}: {error}.") from None
    except (UnicodeError, LookupError) as error:
        raise SurveyImportError(f"{shown} cannot be read as {encoding}: {error}.") from None
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
