"""The JSON importer reads a file's respondents in one pass through pyarrow when every key
holds one kind of value, and one record at a time otherwise (naming the row of a bad
value). Both readings give the same table, whatever the values."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano_tui.engine.importing.survey import ImportOptions
from kano_tui.errors import SurveyImportError
from kano_tui.importers import jsonfile

from .exports import WRITERS, random_answers

SCALARS = st.one_of(  # no true/false: files holding them are read record by record
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(-1e6, 1e6, allow_nan=False).filter(lambda x: x == 0 or abs(x) > 1e-3),
    st.floats(-100, 100, allow_nan=False).map(round),
    st.sampled_from(["I like it", "dislike", "", "5", "Genève", '"quoted"']),
)
KEYS = st.sampled_from(["respondent", "wave", "plan", "calls.functional", "calls.importance"])
NESTED = st.dictionaries(
    st.sampled_from(["functional", "dysfunctional", "importance"]), SCALARS, max_size=3
)


@st.composite
def records(draw):  # type: ignore[no-untyped-def]
    """Respondent objects whose keys each hold one kind of value (or mixed kinds)."""
    mixed = draw(st.booleans())
    kinds = {
        key: draw(SCALARS.map(type))
        for key in ("respondent", "wave", "plan", "calls.functional", "calls.importance")
    }
    out = []
    for _ in range(draw(st.integers(1, 8))):
        record = {}
        for key in draw(st.lists(KEYS, unique=True)):
            value = draw(SCALARS)
            if mixed or value is None or isinstance(value, kinds[key]):
                record[key] = value
        if draw(st.booleans()):
            record["answers"] = {"camera": draw(NESTED)}
        out.append(record)
    return out


def sorted_columns(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[sorted(frame.columns)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_both_readings_give_the_same_table(respondents):
    by_record = jsonfile._frame_by_record(respondents, "survey.json")
    by_arrow = jsonfile._frame_by_arrow(respondents)
    if by_arrow is not None:
        pd.testing.assert_frame_equal(sorted_columns(by_arrow), sorted_columns(by_record))


def test_true_and_false_are_never_read_as_answer_codes(tmp_path: Path):
    path = tmp_path / "survey.json"
    path.write_text(
        json.dumps(
            [
                {"respondent": "r1", "calls.functional": 1},
                {"respondent": "r2", "calls.functional": True},
            ]
        )
    )
    assert jsonfile.read_json_table(path, ImportOptions()).frame["calls.functional"].tolist() == [
        "1",
        "true",
    ]


def test_a_survey_tool_sized_file_takes_the_one_pass_reading(tmp_path: Path, monkeypatch):
    source = WRITERS["json"][0](random_answers(seed=2, respondents=50), tmp_path / "s.json")
    monkeypatch.setattr(
        jsonfile, "_frame_by_record", lambda *args: pytest.fail("read one record at a time")
    )
    table = jsonfile.read_json_table(source, ImportOptions())
    assert len(table.frame) == 50 and "respondent" in table.frame.columns


@pytest.mark.parametrize(
    ("records", "message"),
    [
        (
            [
                {"respondent": "r1", "calls.functional": "like"},
                {"respondent": "r2", "calls.functional": ["like", "dislike"]},
            ],
            r"survey\.json, row 2, column 'calls\.functional': expected one value, found a list",
        ),
        (
            [{"respondent": "r1", "plan": "pro"}, {"respondent": 7, "plan": {"a": {"b": [1]}}}],
            r"row 2, column 'plan\.a\.b': expected one value, found a list",
        ),
    ],
)
def test_a_bad_value_is_named_by_row_and_column(records, message):
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "survey.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        with pytest.raises(SurveyImportError, match=message):
            jsonfile.read_json_table(path, ImportOptions())
