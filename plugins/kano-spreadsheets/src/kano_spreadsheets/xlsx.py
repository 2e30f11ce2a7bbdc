"""Excel workbooks (and other calamine-readable sheets: .xlsm, .xls, .ods)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kano_spreadsheets.grid import table_from_grid
from kano_tui.engine.importing.survey import ImportOptions, SurveyTable
from kano_tui.errors import SurveyImportError

ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods are zip files
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls


@dataclass(frozen=True)
class XlsxImporter:
    name: str = "xlsx"
    description: str = (
        "Excel workbook: canonical layout or a survey tool's download "
        "(--sheet NAME; default the first sheet)"
    )
    extensions: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".ods")

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.startswith((ZIP_MAGIC, OLE_MAGIC))

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        from python_calamine import CalamineError, CalamineWorkbook

        shown = options.shown(path)
        try:
            workbook = CalamineWorkbook.from_path(str(path))
        except FileNotFoundError:
            raise SurveyImportError(f"{shown} does not exist.") from None
        except (CalamineError, OSError, ValueError) as error:
            raise SurveyImportError(
                f"{shown} is not a workbook kano can read ({type(error).__name__}: {error})."
            ) from None
        names = workbook.sheet_names
        sheet = options.sheet or (names[0] if names else None)
        if sheet not in names:
            raise SurveyImportError(
                f"{shown} has no sheet {sheet!r}; its sheets: {', '.join(names) or 'none'}."
            )
        try:
            rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except (CalamineError, ValueError) as error:
            raise SurveyImportError(f"{shown}, sheet {sheet!r} cannot be read: {error}.") from None
        label = shown if len(names) == 1 else f"{shown} (sheet {sheet})"
        return table_from_grid(rows, label)
