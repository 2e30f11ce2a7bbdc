"""Checking a KPI period: pure Python, so that reading kano.toml does not load pandas.

(The figures computed from KPI periods are in ``advocacy``.)
"""

from __future__ import annotations

import datetime as dt

from kano_tui.engine.project.model import KpiPeriod

KPI_COUNTS: tuple[str, ...] = (
    "customers_start",
    "customers_end",
    "customers_new",
    "customers_new_by_referral",
    "referrals_made",
)


def parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def kpi_problem(period: KpiPeriod) -> str | None:
    """What is wrong with a KPI period, as the body of a sentence; None when it is sound.

    Counts are whole numbers of 0 or more; new customers by referral are among the new
    customers; the customers at the end are those kept from the start plus the new ones,
    so E - N lies between 0 and S; dates are ISO dates with the start before the end.
    """
    label = f"KPI period {period.label!r}"
    if not period.label.strip():
        return "a KPI period has an empty label"
    for name in KPI_COUNTS:
        value = getattr(period, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"{label} has {name} = {value}, which must be 0 or more"
    start, new, end = period.customers_start, period.customers_new, period.customers_end
    if period.customers_new_by_referral > new:
        return (
            f"{label} has more new customers by referral "
            f"({period.customers_new_by_referral}) than new customers ({new})"
        )
    if end < new:
        return (
            f"{label} has {new} new customers but only {end} customers at the end, "
            "which include the new ones"
        )
    if end - new > start:
        return (
            f"{label} keeps {end - new} customers from the start (customers at end "
            f"minus new customers) but started with only {start}"
        )
    for name in ("start", "end"):
        text = getattr(period, name)
        if text and parse_day(text) is None:
            return f"{label} has {name} {text!r}, which is not a date like 2026-01-31"
    if period.start and period.end and period.start > period.end:
        return f"{label} ends ({period.end}) before it starts ({period.start})"
    return None
