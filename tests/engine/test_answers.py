"""Reading answer wordings: every wording of the brief, codes, and unknown values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kano_tui.engine.importing.answers import CODE, TOKENS, normalize_answers, normalize_scale

BRIEF_WORDINGS = {
    "I like it": "like",
    "I like it that way": "like",
    "i LIKE it (that way)": "like",
    "It must be that way": "expect",
    "I expect it": "expect",
    "I expect it this way": "expect",
    "Must-be": "expect",
    "I am neutral": "neutral",
    "I'm neutral": "neutral",
    "I’m neutral": "neutral",
    "I can live with it": "tolerate",
    "I can live with it (that way)": "tolerate",
    "I can tolerate it": "tolerate",
    "I can accept it": "tolerate",
    "Live with": "tolerate",
    "I dislike it": "dislike",
    "I dislike it (that way)": "dislike",
    "Das würde mich sehr freuen": "like",
    "Das setze ich voraus": "expect",
    "Das ist mir egal": "neutral",
    "Das nehme ich gerade noch hin": "tolerate",
    "Das würde mich sehr stören": "dislike",
    "J'aime": "like",
    "Cela m'est égal": "neutral",
    "Me gusta": "like",
    "No me gusta": "dislike",
    "1": "like",
    "2": "expect",
    "3": "neutral",
    "4": "tolerate",
    "5": "dislike",
    "5 - I dislike it": "dislike",
    "  neutral  ": "neutral",
}


@pytest.mark.parametrize("wording,token", BRIEF_WORDINGS.items())
def test_every_wording_of_the_brief_is_read(wording, token):
    codes, unknown = normalize_answers(pd.Series([wording]))
    assert unknown is None
    assert codes.tolist() == [CODE[token]]


def test_numbers_and_blanks():
    codes, unknown = normalize_answers(pd.Series([1, 5.0, None, "", np.nan, "3"], dtype=object))
    assert unknown is None
    assert codes.tolist() == [1, 5, 0, 0, 0, 3]


@pytest.mark.parametrize("bad", ["maybe", "6", 0, "1 - I dislike it", "likes", "true"])
def test_unknown_wording_is_reported_with_its_first_position(bad):
    _codes, unknown = normalize_answers(pd.Series(["like", "dislike", bad, bad], dtype=object))
    assert unknown is not None
    assert unknown.position == 2
    assert str(unknown.value) == str(bad)


def test_project_wordings_extend_the_table():
    series = pd.Series(["Super!", "Bof"])
    assert normalize_answers(series)[1] is not None
    codes, unknown = normalize_answers(series, {"like": ["super"], "neutral": ["bof"]})
    assert unknown is None and codes.tolist() == [1, 3]


def test_integer_columns_take_the_fast_path_with_the_same_answers():
    arrow = pd.Series([1, 2, None, 5], dtype="Int16")
    assert normalize_answers(arrow)[0].tolist() == [1, 2, 0, 5]
    _codes, unknown = normalize_answers(pd.Series([1, 7, 3], dtype="int64"))
    assert unknown is not None and unknown.position == 1 and unknown.value == 7


def test_scales_accept_leading_numbers_and_reject_out_of_range():
    codes, unknown = normalize_scale(pd.Series(["9 - extremely important", "1", None, ""]), 1, 9)
    assert unknown is None and codes.tolist() == [9, 1, -1, -1]
    _, unknown = normalize_scale(pd.Series(["3", "11"]), 0, 10)
    assert unknown is not None and unknown.position == 1


@given(st.lists(st.sampled_from([*TOKENS, *BRIEF_WORDINGS, None]), max_size=40))
def test_normalising_is_elementwise(values):
    codes, unknown = normalize_answers(pd.Series(values, dtype=object))
    assert unknown is None
    singles = [normalize_answers(pd.Series([v], dtype=object))[0][0] for v in values]
    assert codes.tolist() == singles
