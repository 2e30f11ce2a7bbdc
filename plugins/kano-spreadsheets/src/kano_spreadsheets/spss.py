"""SPSS data files, read with their value labels.

A Kano question coded 1-5 and labelled "I like it that way" ... "I dislike it that way"
reaches the core as those wordings, so the labels decide what each code means, not the
code order. A variable's label is its question text, for the column mapping. User-defined
missing values are blanks. "Row N" in an error is case N of the file.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kano_spreadsheets.grid import cell_text
from kano_tui.engine.importing.survey import ImportOptions, SurveyTable
from kano_tui.errors import SurveyImportError
from kano_tui.importers import qualtrics
from kano_tui.importers.surveytools import Columns, build_table

if TYPE_CHECKING:  # pandas is imported where it is used (docs/startup.md)
    import pandas as pd

MAGIC = (b"$FL2", b"$FL3")  # .sav and compressed .zsav


def labelled_text(series: pd.Series, labels: dict | None) -> pd.Series:
    """A variable's values as text, through its value labels (one look-up per value)."""
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    texts = [cell_text((labels or {}).get(value, value)) for value in uniques]
    out = pd.Series([texts[c] if c >= 0 else None for c in codes], dtype=object)
    return out.astype(pd.StringDtype("pyarrow"))


def _read_in_child(path: str, out: str) -> None:
    """In the forked child: read with pyreadstat, hand back Arrow IPC and JSON (no pickle)."""
    import pyarrow as pa
    import pyreadstat
    from pyarrow import feather

    try:
        frame, meta = pyreadstat.read_sav(path, apply_value_formats=False, user_missing=False)
    except Exception as error:  # noqa: BLE001 - pyreadstat raises its own types and plain ones
        Path(out, "error.txt").write_text(str(error) or type(error).__name__, encoding="utf-8")
        return
    frame.columns = [f"c{i}" for i in range(frame.shape[1])]
    feather.write_feather(
        pa.Table.from_pandas(frame, preserve_index=False), str(Path(out, "frame.arrow"))
    )
    labels = {
        name: [[value, text] for value, text in mapping.items()]
        for name, mapping in (meta.variable_value_labels or {}).items()
    }
    Path(out, "meta.json").write_text(
        json.dumps(
            {
                "names": list(meta.column_names),
                "labels": list(meta.column_labels or []),
                "value_labels": labels,
            }
        ),
        encoding="utf-8",
    )


def read_sav_isolated(path: Path, shown: str):  # type: ignore[no-untyped-def]
    """Read a .sav in a forked child process.

    pyreadstat is C code, and a damaged file can crash it outright (a segmentation fault
    found by the fuzz tests): in a child, that crash becomes a one-sentence error instead
    of taking kano down. Returns (frame, names, column labels, value labels).
    """
    import multiprocessing

    from pyarrow import feather

    with tempfile.TemporaryDirectory(prefix="kano-sav-") as out:
        child = multiprocessing.get_context("fork").Process(
            target=_read_in_child, args=(str(path), out), daemon=True
        )
        child.start()
        child.join()
        error = Path(out, "error.txt")
        if error.exists():
            raise SurveyImportError(
                f"{shown} is not an SPSS data file kano can read "
                f"({error.read_text(encoding='utf-8')})."
            )
        if child.exitcode != 0 or not Path(out, "meta.json").exists():
            raise SurveyImportError(
                f"{shown} is a damaged SPSS data file: the SPSS reader "
                f"stopped on it (exit code {child.exitcode})."
            )
        meta = json.loads(Path(out, "meta.json").read_text(encoding="utf-8"))
        frame = feather.read_table(str(Path(out, "frame.arrow"))).to_pandas()
    frame.columns = meta["names"]
    value_labels = {name: dict(pairs) for name, pairs in meta["value_labels"].items()}
    return frame, meta["names"], meta["labels"], value_labels


@dataclass(frozen=True)
class SpssImporter:
    name: str = "spss"
    description: str = "SPSS .sav/.zsav with value labels (a Qualtrics SPSS download too)"
    extensions: tuple[str, ...] = (".sav", ".zsav")

    def sniff(self, path: Path, head: bytes) -> bool:
        return head[:4] in MAGIC

    def read(self, path: Path, options: ImportOptions) -> SurveyTable:
        import pandas as pd

        shown = options.shown(path)
        frame, names, column_labels, value_labels = read_sav_isolated(path, shown)
        if len(frame) == 0:
            raise SurveyImportError(f"{shown} has no cases (rows of answers).")
        labels = dict(zip(names, column_labels or [None] * len(names)))
        body = pd.DataFrame(
            {
                f"c{i}": labelled_text(frame[name], value_labels.get(name))
                for i, name in enumerate(names)
            }
        )
        from_qualtrics = "ResponseId" in names
        kept = [
            ""
            if from_qualtrics and (name.lower() in qualtrics.DROPPED or name.startswith("Q_"))
            else name
            for name in names
        ]
        questions = {name: labels[name] for name in kept if name and labels.get(name)}
        described = Columns(
            names=kept, questions=questions, respondent="ResponseId" if from_qualtrics else None
        )
        return build_table(described, body, first_data_row=1)
