"""A third party's registered objects, with their answers checked against the protocols.

The protocols (:mod:`kano_tui.plugins.protocols`) say what each method returns; a plugin
answering something else would otherwise break the tables, plots and files much later,
or surface as kano's own "internal error". Each wrapper here checks one kind's answers
and raises :class:`ContractViolation` with one clause naming the problem;
:meth:`kano_tui.plugins.manager.Plugins.guard` turns that into the plugin's failure.
Built-ins are not wrapped: their contract is kept by kano's own tests.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

CATEGORY_LETTERS = frozenset("AOMIRQ")


class ContractViolation(Exception):
    """A plugin object answered something its protocol does not allow."""


class Checked:
    """Forwards everything to the plugin's object; subclasses check what it returns."""

    kind = "object"

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.description: str = inner.description

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.inner!r})"

    def violation(self, problem: str) -> ContractViolation:
        return ContractViolation(f"{self.kind} {self.name!r} {problem}")


class CheckedClassifier(Checked):
    """``classify`` must return a Series indexed by feature id, of letters or None; or a
    DataFrame whose ``category`` column is that Series and whose other columns are extras
    (plain values, a row per feature, no standard figure's name)."""

    kind = "classifier"

    def __init__(self, inner: Any) -> None:
        super().__init__(inner)
        if callable(getattr(inner, "classify_columns", None)):  # the optional member
            self.classify_columns = self._classify_columns

    def _classify_columns(self, figures: Any, settings: Any) -> list[Any]:
        """``classify_columns`` must return one letter or None per feature, in
        ``figures.ids`` order, as a list, tuple or NumPy array."""
        result = self.inner.classify_columns(figures, settings)
        if hasattr(result, "reindex") or isinstance(result, (str, bytes, dict)):
            raise self.violation(
                f"returned {type(result).__name__} from classify_columns, not a list "
                "of letters in the order of figures.ids"
            )
        try:
            letters = list(result)
        except TypeError:
            raise self.violation(
                f"returned {type(result).__name__} from classify_columns, not a list "
                "of letters in the order of figures.ids"
            ) from None
        if len(letters) != len(figures.ids):
            raise self.violation(
                f"returned {len(letters)} categories from classify_columns for "
                f"{len(figures.ids)} features"
            )
        for feature, value in zip(figures.ids, letters, strict=True):
            self._check_letter(feature, value)
        return letters

    def _check_letter(self, feature: object, value: Any) -> None:
        if value is None or (isinstance(value, str) and value in CATEGORY_LETTERS):
            return
        if isinstance(value, float) and math.isnan(value):
            raise self.violation(
                f"returned NaN for feature {feature!r}; return None where the figures do not decide"
            )
        raise self.violation(
            f"returned {value!r} for feature {feature!r}; expected one of A O M I R Q or None"
        )

    def classify(self, figures: Any, settings: Any) -> Any:
        import pandas as pd

        from kano_tui.engine.analysis.featureresult import extra_problem, split_classification

        result, extras = split_classification(self.inner.classify(figures, settings))
        if isinstance(result, pd.DataFrame):
            raise self.violation(
                "returned a DataFrame without a 'category' column (its "
                "categories; the other columns are extras)"
            )
        categories = self._categories(result, figures)
        if extras is None:
            return categories
        why = extra_problem(extras, figures.index)
        if why is not None:
            raise self.violation(f"returned {why}")
        return pd.concat([categories.rename("category"), extras.reindex(figures.index)], axis=1)

    def _categories(self, result: Any, figures: Any) -> Any:
        import pandas as pd

        if not isinstance(result, pd.Series):
            raise self.violation(
                f"returned {type(result).__name__}, not a pandas Series "
                "indexed by feature id (figures.index)"
            )
        wanted = figures.index
        if not result.index.equals(wanted):
            if (
                len(wanted)
                and not len(wanted.intersection(result.index))
                and list(result.index) == list(range(len(result)))
            ):
                raise self.violation(
                    f"returned a Series with index 0..{len(result) - 1} "
                    "instead of feature ids (use index=figures.index)"
                )
            missing = wanted[~wanted.isin(result.index)]  # in the figures' order
            if len(missing):
                raise self.violation(f"returned no category for feature {missing[0]!r}")
            unknown = result.index[~result.index.isin(wanted)]
            if len(unknown):
                raise self.violation(
                    f"returned a category for {unknown[0]!r}, which is "
                    "not a feature id of the figures"
                )
            if result.index.has_duplicates:
                raise self.violation("returned a Series with a feature id twice")
            result = result.reindex(wanted)
        # A string Series' missing values are pandas' own None; anywhere else NaN is a
        # number where a letter or None belongs.
        text = pd.api.types.is_string_dtype(result.dtype) and result.dtype != object
        values = (
            result.astype(object).where(result.notna(), None) if text else result.astype(object)
        )
        for feature, value in values.items():
            self._check_letter(feature, value)
        return values


class CheckedImporter(Checked):
    """``read`` must return a :class:`~kano_tui.engine.importing.survey.SurveyTable`."""

    kind = "importer"

    def sniff(self, path: Path, head: bytes) -> bool:
        return bool(self.inner.sniff(path, head))

    def read(self, path: Path, options: Any) -> Any:
        from kano_tui.engine.importing.survey import SurveyTable

        table = self.inner.read(path, options)
        if not isinstance(table, SurveyTable):
            raise self.violation(
                f"returned {type(table).__name__} from read(), not a "
                "SurveyTable (kano_tui.plugins.SurveyTable(frame=..., "
                "layout='wide'))"
            )
        return table


class CheckedExporter(Checked):
    """``export`` must return the list of files it wrote."""

    kind = "exporter"

    def export(self, context: Any, destination: Path) -> list[Path]:
        written = self.inner.export(context, destination)
        if (
            isinstance(written, (str, Path))
            or not isinstance(written, (list, tuple))
            or not all(isinstance(p, (str, Path)) for p in written)
        ):
            raise self.violation(
                f"returned {type(written).__name__} from export(), not "
                "the list of paths it wrote ([destination])"
            )
        return [Path(p) for p in written]


WRAPPERS: dict[str, type[Checked]] = {
    "classifier": CheckedClassifier,
    "importer": CheckedImporter,
    "exporter": CheckedExporter,
}


def checked(kind: str, obj: Any) -> Any:
    """``obj`` wrapped so that its answers are checked (evaluation tables need nothing:
    their rows are checked when registered)."""
    wrapper = WRAPPERS.get(kind)
    return obj if wrapper is None else wrapper(obj)
