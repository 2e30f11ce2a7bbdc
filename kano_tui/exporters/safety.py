"""Making exported text safe for the programs that open it."""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Neutralise spreadsheet formula injection (OWASP CSV injection).

    Text starting with ``= + - @`` (or a tab or carriage return) is prefixed with a
    single quote so Excel, LibreOffice and Google Sheets show it as text. Numbers are
    left alone: ``-0.42`` is a number, not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
