"""SPSS data files, read with their value labels.

A Kano question coded 1-5 and labelled "I like it that way" ... "I dislike it that way"
reaches the core as those wordings, so the labels decide what each code means, not the
code order. A variable's label is its question text, for the column mapping. User-defined
missing values are blanks. "Row N" in an error is case N of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kano_tui.engine.survey import ImportOptions, SurveyTable
from kano_tui.errors import SurveyImportError
from kano_tui.importers import qualtrics
from kano_tui.importers.surveytools import Columns, build_table

from kano_spreadsheets.grid import cell_text

MAGIC = (b"$FL2", b"$FL3")  # .sav and compressed .zsav


def labelled_text(series: pd.Series, labels: dict | None) -> pd.Series:
    """A variable's values as text, through its value labels (one look-up per value)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    texts = [cell_text((labels or {}).get(value, value)) for value in uniques]
    out = pd.Series([texts[c] if c >= 0 else None for c in codes], dtype=object)
    return out.astype(pd.StringDtype("pyarrow"))


@dataclass(frozen=True)
class SpssImporter:
    name: str = "spss"
    description: str = "SPSS .sav/.zsav with value labels (a Qualtrics SPSS download too)"
    extensions: tuple[str, ...] = (".sav", ".zsav")

    def sniff(self, path: Path, head: bytes) -> bool:
        return head[:4] in MAGIC

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        import pyreadstat

        shown = options.shown(path)
        try:
            frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False,
                                              user_missing=False)
        except Exception as error:  # pyreadstat raises its own types and plain ones
            raise SurveyImportError(f"{shown} is not an SPSS data file kano can read "
                                    f"({error}).") from None
        if len(frame) == 0:
            raise SurveyImportError(f"{shown} has no cases (rows of answers).")
        names = list(meta.column_names)
        labels = dict(zip(names, meta.column_labels or [None] * len(names)))
        value_labels = meta.variable_value_labels or {}
        body = pd.DataFrame({f"c{i}": labelled_text(frame[name], value_labels.get(name))
                             for i, name in enumerate(names)})
        from_qualtrics = "ResponseId" in names
        kept = ["" if from_qualtrics and (name.lower() in qualtrics.DROPPED
                                          or name.startswith("Q_")) else name
                for name in names]
        questions = {name: labels[name] for name in kept if name and labels.get(name)}
        described = Columns(names=kept, questions=questions,
                            respondent="ResponseId" if from_qualtrics else None)
        return build_table(described, body, first_data_row=1)
