"""Making exported text safe for the programs that open it."""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet skips before it looks for a formula sign: blanks, and the field
# separators it may split on (a cell "x;=cmd()" opened in a ';'-splitting locale is two
# cells, the second a formula).
_LEADING = " \u00a0\t\r\n"
_SEPARATORS = (",", ";", "|", "\t")


def spreadsheet_safe(value: object) -> object:
    """Neutralise spreadsheet formula injection (OWASP CSV injection).

    Text that starts with ``= + - @`` (or a tab or carriage return), also after leading
    blanks, or that holds one of them right after a field separator a spreadsheet may
    split on (``,`` ``;`` ``|`` tab), is prefixed with a single quote so Excel,
    LibreOffice and Google Sheets show it as text; a sign after a separator is quoted
    there too. Numbers are left alone: ``-0.42`` is a number, not a formula.
    """
    if not isinstance(value, str) or not value:
        return value
    if _is_number(value):
        return value
    if value.lstrip(_LEADING).startswith(FORMULA_PREFIXES) or value.startswith(FORMULA_PREFIXES):
        value = "'" + value
    if any(sep in value for sep in _SEPARATORS):
        value = _quote_after_separators(value)
    return value


def _quote_after_separators(value: str) -> str:
    out = []
    for index, char in enumerate(value):
        out.append(char)
        if char in _SEPARATORS:
            rest = value[index + 1 :].lstrip(_LEADING)
            if rest.startswith(FORMULA_PREFIXES[:4]) and not _is_number(rest.split(char)[0]):
                out.append("'")
    return "".join(out)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
