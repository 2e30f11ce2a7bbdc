"""kano-tui importers for Excel workbooks and SPSS data files (a first-party plugin)."""

from __future__ import annotations

from kano_tui.plugins.hookspecs import hookimpl

__version__ = "0.1.0"


@hookimpl
def register_importers(register):  # type: ignore[no-untyped-def]
    # Imported here, not at module level: kano loads every plugin at start-up, and
    # pyreadstat and calamine are only needed when a spreadsheet is imported.
    from kano_spreadsheets.spss import SpssImporter
    from kano_spreadsheets.xlsx import XlsxImporter

    register(XlsxImporter())
    register(SpssImporter())
