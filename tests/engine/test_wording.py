"""Counted nouns in messages."""

from __future__ import annotations

from kano_tui.wording import count


def test_one_is_singular_and_everything_else_plural():
    assert count(1, "respondent") == "1 respondent"
    assert count(0, "respondent") == "0 respondents"
    assert count(1200, "respondent") == "1,200 respondents"
    assert count(1200, "respondent", grouped=False) == "1200 respondents"
    assert count(2, "analysis", "analyses") == "2 analyses"
