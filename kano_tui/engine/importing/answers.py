"""Kano answers: the five canonical tokens, their codes, and the wordings survey tools use.

An answer is stored as a small integer code: 1 ``like``, 2 ``expect`` (must-be),
3 ``neutral``, 4 ``tolerate`` (live with), 5 ``dislike``; 0 means unanswered.
Reading a column of raw answers is vectorised: each distinct wording is looked up
once (``pandas.factorize``), never once per respondent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pandas is imported where it is used (docs/startup.md)
    import pandas as pd

if TYPE_CHECKING:  # pyarrow is imported where its columns are read
    import pyarrow as pa

TOKENS: tuple[str, ...] = ("like", "expect", "neutral", "tolerate", "dislike")
CODE: dict[str, int] = {token: code for code, token in enumerate(TOKENS, start=1)}
UNANSWERED = 0
MAX_WORDING_LENGTH = 1000  # far above any survey tool's wording; longer text is never one

# Wordings, grouped by token. Keys are compared after `wording_key` (case, accents,
# punctuation and "that way"/"this way" tails do not matter).
WORDINGS: dict[str, tuple[str, ...]] = {
    "like": (
        # English: Kano 1984, Berger et al. 1993, Blauth, Conjointly, Qualtrics templates
        "like",
        "i like it",
        "i like it that way",
        "i like it this way",
        "i would like it",
        "i would like it that way",
        "i like",
        "like it",
        "i enjoy it",
        "i'd like it",
        "i love it",
        "delighted",
        "i would be delighted",
        "i would be pleased",
        "pleased",
        "satisfied",
        "i would be satisfied",
        # German (Sauerwein et al. 1996; Hölzing 2008)
        "das würde mich sehr freuen",
        "das freut mich",
        "das gefällt mir",
        "das würde mich freuen",
        "gefällt mir",
        "freut mich",
        # French
        "j'aime",
        "j'aime ça",
        "j'aime cela",
        "cela me plaît",
        "ça me plaît",
        "cela me plairait",
        "je serais satisfait",
        "je serais ravi",
        "j'apprécie",
        # Spanish
        "me gusta",
        "me gustaría",
        "me gusta así",
        "me encantaría",
        "me agrada",
        "me gustaría así",
        "me gusta que sea así",
        "estaría satisfecho",
        # more English, German, French variants seen in templates
        "i would like it that way",
        "i'd like that",
        "i would enjoy it",
        "i like that",
        "ich würde mich freuen",
        "das würde mir gefallen",
        "das mag ich",
        "sehr gut",
        "j'aimerais",
        "ça me plairait",
        "j'aimerais bien",
        "j'aimerais cela",
        # Berger et al. (1993)'s alternative wordings; Blauth's "helpful" set (Zacarias,
        # "The Complete Guide to the Kano Model"); survey-tool templates
        "i enjoy it that way",
        "i enjoy having it",
        "i would enjoy having it",
        "i enjoy that",
        "this would be very helpful to me",
        "this would be very helpful",
        "very helpful",
        "it would be very helpful",
        "i like it very much",
        "like it very much",
        "i would love it",
        "i'd love it",
        "i would be very satisfied",
        "very satisfied",
        "i would like it very much",
        "das würde mich sehr freuen",
        "cela me plairait beaucoup",
        "me gustaría mucho",
        "me encantaría que fuera así",
        # Italian, Portuguese, Dutch
        "mi piace",
        "mi piacerebbe",
        "mi piace così",
        "gosto",
        "eu gosto",
        "eu gostaria",
        "gostaria",
        "dat vind ik leuk",
        "dat zou ik leuk vinden",
        "leuk",
    ),
    "expect": (
        "expect",
        "must-be",
        "must be",
        "must",
        "it must be that way",
        "it must be this way",
        "i expect it",
        "i expect it that way",
        "i expect it this way",
        "it must be",
        "must be that way",
        "i expect",
        "expected",
        "it's a basic requirement",
        "it is a basic requirement",
        "basic requirement",
        "it is necessary",
        "necessary",
        "das setze ich voraus",
        "das muss so sein",
        "das erwarte ich",
        "setze ich voraus",
        "selbstverständlich",
        "das ist selbstverständlich",
        "je m'y attends",
        "je l'attends",
        "c'est normal",
        "c'est indispensable",
        "cela doit être ainsi",
        "ça doit être comme ça",
        "c'est un minimum",
        "lo espero",
        "debe ser así",
        "es lo mínimo",
        "lo doy por hecho",
        "es imprescindible",
        "tiene que ser así",
        "lo esperaría",
        "es necesario",
        "debería ser así",
        "lo esperaba",
        "it's a must",
        "must have",
        "it's expected",
        "i'd expect it",
        "i would expect it",
        "that's a must",
        "it is a must",
        "das erwarte ich so",
        "das ist ein muss",
        "das sollte so sein",
        "cela va de soi",
        "ça va de soi",
        "c'est un dû",
        "je m'y attendrais",
        "cela devrait être ainsi",
        "me lo aspetto",
        "deve essere così",
        "è il minimo",
        "espero isso",
        "deve ser assim",
        "é o mínimo",
        "dat verwacht ik",
        "dat moet zo zijn",
        "vanzelfsprekend",
        "it is a basic necessity",
        "it's a basic necessity",
        "a basic necessity",
        "i must be",
        "it is a basic necessity or i expect it",
        "it's a basic necessity or i expect it",
        "i expect it or it is a basic necessity",
        "basic necessity",
        "this is a basic requirement for me",
        "a basic requirement",
        "i take it for granted",
        "i take it for granted that way",
        "taken for granted",
        "it should be that way",
        "it should be so",
        "it must be so",
        "i expect it to be that way",
        "i expect it to be this way",
        "i expect it to be so",
        "it is a must-have",
        "das setze ich als selbstverständlich voraus",
        "das ist für mich selbstverständlich",
        "das ist eine grundvoraussetzung",
        "cela devrait être normal",
        "c'est un minimum pour moi",
        "c'est une évidence",
        "je le considère comme normal",
        "es algo básico",
        "es lo esperado",
        "lo considero básico",
        "lo doy por supuesto",
    ),
    "neutral": (
        "neutral",
        "i am neutral",
        "i'm neutral",
        "i don't care",
        "i do not care",
        "indifferent",
        "i am indifferent",
        "i'm indifferent",
        "doesn't matter",
        "it doesn't matter",
        "it does not matter",
        "no feeling",
        "i feel neutral",
        "das ist mir egal",
        "ist mir egal",
        "egal",
        "neutral bin ich",
        "je suis neutre",
        "neutre",
        "cela m'est égal",
        "ça m'est égal",
        "indifférent",
        "peu importe",
        "me es indiferente",
        "soy neutral",
        "indiferente",
        "me da igual",
        "me es igual",
        "me da lo mismo",
        "no me importa",
        "i'm not bothered",
        "i have no opinion",
        "das wäre mir egal",
        "ich bin neutral",
        "gleichgültig",
        "je suis indifférent",
        "je suis indifférente",
        "je n'ai pas d'avis",
        "sono neutrale",
        "mi è indifferente",
        "indifferente",
        "sou neutro",
        "sou neutra",
        "tanto faz",
        "neutro",
        "neutraal",
        "dat maakt me niet uit",
        "maakt niet uit",
        "this would not affect me",
        "it would not affect me",
        "it doesn't affect me",
        "it does not affect me",
        "i don't mind",
        "i do not mind",
        "i'm neutral about it",
        "i am neutral about it",
        "it doesn't matter to me",
        "it does not matter to me",
        "no difference",
        "it makes no difference",
        "it makes no difference to me",
        "das ist mir gleich",
        "es ist mir egal",
        "je n'ai pas d'opinion",
        "cela m'indiffère",
        "me es indistinto",
        "no me afecta",
        "ni me gusta ni me disgusta",
    ),
    "tolerate": (
        "tolerate",
        "live with",
        "i can live with it",
        "i can live with it that way",
        "i can live with it this way",
        "i can tolerate it",
        "i can tolerate it that way",
        "i can accept it",
        "i can accept it that way",
        "accept",
        "i tolerate it",
        "i accept it",
        "i can live with that",
        "live with it",
        "i can tolerate",
        "das nehme ich gerade noch hin",
        "das nehme ich in kauf",
        "das nehme ich hin",
        "damit kann ich leben",
        "nehme ich hin",
        "je peux le tolérer",
        "je peux l'accepter",
        "je m'en accommode",
        "je peux m'en accommoder",
        "je peux vivre avec",
        "je le tolère",
        "lo tolero",
        "puedo tolerarlo",
        "puedo vivir con ello",
        "puedo vivir con eso",
        "lo acepto",
        "puedo aceptarlo",
        "lo toleraría",
        "lo aceptaría",
        "podría tolerarlo",
        "podría vivir con ello",
        "i could live with it",
        "i can put up with it",
        "i could tolerate it",
        "i could accept it",
        "i'd live with it",
        "damit könnte ich leben",
        "das könnte ich tolerieren",
        "das toleriere ich",
        "ich kann damit leben",
        "das würde ich hinnehmen",
        "je pourrais m'en accommoder",
        "je pourrais vivre avec",
        "je pourrais l'accepter",
        "je le tolérerais",
        "posso tollerarlo",
        "posso accettarlo",
        "posso conviverci",
        "posso tolerar",
        "posso conviver com isso",
        "posso aceitar",
        "daar kan ik mee leven",
        "dat accepteer ik",
        "dat kan ik accepteren",
        "this would be a minor inconvenience",
        "a minor inconvenience",
        "minor inconvenience",
        "it would be a minor inconvenience",
        "i can live with it this way",
        "i dislike it but i can live with it",
        "i dislike it but i can tolerate it",
        "i don't like it but i can live with it",
        "i do not like it but i can live with it",
        "i don't like it but i can accept it",
        "i can put up with it that way",
        "i can live without it",
        "das könnte ich in kauf nehmen",
        "das nehme ich notfalls in kauf",
        "das würde ich in kauf nehmen",
        "je m'en accommoderais",
        "je pourrais le tolérer",
        "je peux m'en contenter",
        "lo podría tolerar",
        "me da igual pero lo tolero",
        "puedo convivir con ello",
        "lo aceptaría sin problema",
    ),
    "dislike": (
        "dislike",
        "i dislike it",
        "i dislike it that way",
        "i dislike it this way",
        "i don't like it",
        "i do not like it",
        "i would dislike it",
        "i'd dislike it",
        "i hate it",
        "dissatisfied",
        "i would be dissatisfied",
        "das würde mich sehr stören",
        "das stört mich",
        "das gefällt mir nicht",
        "das würde mich stören",
        "stört mich",
        "gefällt mir nicht",
        "je n'aime pas",
        "je n'aime pas ça",
        "cela me déplaît",
        "ça me déplaît",
        "cela me déplairait",
        "je serais mécontent",
        "no me gusta",
        "me disgusta",
        "me desagrada",
        "no me gustaría",
        "me disgustaría",
        "me molestaría",
        "no me gusta así",
        "i wouldn't like it",
        "i would not like it",
        "i'd hate it",
        "i don't like that",
        "das würde mir nicht gefallen",
        "das mag ich nicht",
        "das würde mich ärgern",
        "je n'aimerais pas",
        "ça ne me plairait pas",
        "cela ne me plairait pas",
        "je n'aime pas cela",
        "cela me dérangerait",
        "non mi piace",
        "non mi piacerebbe",
        "não gosto",
        "eu não gosto",
        "não gostaria",
        "dat vind ik niet leuk",
        "dat zou ik niet leuk vinden",
        "this would be a major problem for me",
        "this would be a major problem",
        "a major problem",
        "major problem",
        "it would be a major problem",
        "i dislike it and i can't accept it",
        "i dislike it and cannot accept it",
        "i dislike it and i cannot accept it",
        "i dislike it and can't accept it",
        "i would not accept it",
        "i can't accept it",
        "i cannot accept it",
        "i would be very dissatisfied",
        "very dissatisfied",
        "i would hate it",
        "das würde mich sehr ärgern",
        "das fände ich schlecht",
        "cela me déplairait beaucoup",
        "je ne l'accepterais pas",
        "no lo aceptaría",
        "me molestaría mucho",
    ),
}

_TAIL = re.compile(r"\s+(that|this) way$")
_NON_WORD = re.compile(r"[^\w' -]+")
_SPACES = re.compile(r"\s+")


def wording_key(text: str) -> str:
    """Normalise a wording for comparison: lower case, no accents, no punctuation."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("`", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = _SPACES.sub(" ", text).strip(" -'")
    return _TAIL.sub("", text)


def _build_lookup(extra: Mapping[str, Iterable[str]] | None) -> dict[str, int]:
    lookup: dict[str, int] = {}
    for token, wordings in WORDINGS.items():
        for wording in (token, *wordings):
            lookup[wording_key(wording)] = CODE[token]
    for token, taught in (extra or {}).items():
        if token not in CODE:
            raise ValueError(f"unknown answer token {token!r}; expected one of {', '.join(TOKENS)}")
        for wording in taught:
            lookup[wording_key(wording)] = CODE[token]
    for code in range(1, 6):
        lookup[str(code)] = code
    return lookup


_DEFAULT_LOOKUP = _build_lookup(None)


@dataclass(frozen=True)
class UnknownValue:
    """Where normalisation failed: ``position`` is the 0-based index in the input."""

    position: int
    value: object


# How R (write.csv), SPSS via R, Stata and spreadsheets write a missing value.
MISSING_TEXTS = frozenset({"na", "n/a", "#n/a", "nan", "null", "none", "."})


def _is_blank(value: object) -> bool:
    import pandas as pd

    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and (not value.strip() or value.strip().lower() in MISSING_TEXTS)


def _code_of(value: object, lookup: Mapping[str, int]) -> int | None:
    if _is_blank(value):
        return UNANSWERED
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value) if 1 <= int(value) <= 5 else None
    if isinstance(value, (float, np.floating)):
        return int(value) if float(value).is_integer() and 1 <= value <= 5 else None
    text = str(value)
    if len(text) > MAX_WORDING_LENGTH:  # a pasted essay or a 50 MB cell: not an answer
        return None
    key = wording_key(text)
    if key in lookup:
        return lookup[key]
    # "1 - I like it", "5 = I dislike it": a leading code wins when the rest agrees or is unknown.
    head = re.match(r"^\s*([1-5])(?:\.0)?\s*(?:[-=:.)]\s*(.*))?$", text)
    if head:
        code = int(head.group(1))
        rest = wording_key(head.group(2) or "")
        if not rest or lookup.get(rest, code) == code:
            return code
    return None


def _codes_for_uniques(
    uniques: Iterable[object], lookup: Mapping[str, int]
) -> tuple[np.ndarray, int | None]:
    """Codes for each distinct value; the index of the first unknown one, if any."""
    codes = []
    first_unknown = None
    for i, value in enumerate(uniques):
        code = _code_of(value, lookup)
        if code is None:
            code = -1
            if first_unknown is None:
                first_unknown = i
        codes.append(code)
    return np.asarray(codes, dtype=np.int8), first_unknown


def normalize_answers(
    values: pd.Series | np.ndarray | list,
    extra_wordings: Mapping[str, Iterable[str]] | None = None,
) -> tuple[np.ndarray, UnknownValue | None]:
    """Turn raw answers into int8 codes (0 = unanswered).

    Returns the codes and, when some value is not a known wording, where the first
    one is (the codes there are -1). Vectorised: one lookup per distinct value.
    """
    import pandas as pd

    lookup = _DEFAULT_LOOKUP if not extra_wordings else _build_lookup(extra_wordings)
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if is_integer_series(series):
        return _integer_codes(series, 1, 5, blank=UNANSWERED)
    positions, uniques = pd.factorize(series, use_na_sentinel=True)
    unique_codes, first_unknown = _codes_for_uniques(list(uniques), lookup)
    table = np.append(unique_codes, np.int8(UNANSWERED))  # sentinel -1 indexes the last slot
    codes = table[positions]
    if first_unknown is None:
        return codes, None
    position = int(np.flatnonzero(positions == first_unknown)[0])
    return codes, UnknownValue(position, uniques[first_unknown])


def normalize_scale(
    values: pd.Series | np.ndarray | list, low: int, high: int
) -> tuple[np.ndarray, UnknownValue | None]:
    """Read an integer scale (importance 1-9, NPS 0-10, CSAT 1-5) into int8; -1 = blank.

    A leading number is enough ("9 - extremely important"); anything else is unknown.
    """
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if is_integer_series(series):
        return _integer_codes(series, low, high, blank=-1)
    return _read_scale(series, low, high, _scale_value)


def _read_scale(
    series: pd.Series, low: int, high: int, number_of: Callable[[object], int | None]
) -> tuple[np.ndarray, UnknownValue | None]:
    """Codes (int8; -1 blank, -2 unknown) of a scale column, ``number_of`` reading each
    distinct value once (None: not a number of the scale; -1: blank)."""
    import pandas as pd

    positions, uniques = pd.factorize(series, use_na_sentinel=True)
    parsed = []
    first_unknown = None
    for i, value in enumerate(uniques):
        number = number_of(value)
        if number != -1 and (number is None or not (low <= number <= high)):
            number = -2
            if first_unknown is None:
                first_unknown = i
        parsed.append(number)
    table = np.append(np.asarray(parsed, dtype=np.int8), np.int8(-1))
    codes = table[positions]
    if first_unknown is None:
        return codes, None
    position = int(np.flatnonzero(positions == first_unknown)[0])
    return codes, UnknownValue(position, uniques[first_unknown])


def is_integer_series(series: pd.Series) -> bool:
    import pandas as pd

    return pd.api.types.is_integer_dtype(series.dtype) and not pd.api.types.is_bool_dtype(
        series.dtype
    )


def _integer_codes(
    series: pd.Series, low: int, high: int, blank: int
) -> tuple[np.ndarray, UnknownValue | None]:
    """The fast path for columns read as integers: a vectorised range check."""
    if (arrow := arrow_array(series)) is not None and pa_is_integer(arrow):
        codes = _arrow_codes(arrow, low, high, blank)
        if codes is not None:
            return codes, None
    missing = series.isna().to_numpy(dtype=bool)
    raw = series.to_numpy(dtype=np.int64, na_value=low)
    bad = ~missing & ((raw < low) | (raw > high))
    codes = np.where(missing, blank, raw).astype(np.int8)
    if not bad.any():
        return codes, None
    position = int(np.flatnonzero(bad)[0])
    return np.where(bad, -2 if blank == -1 else -1, codes).astype(np.int8), UnknownValue(
        position, int(raw[position])
    )


def arrow_array(series: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow data (a ChunkedArray) of an Arrow-backed series -- the columns importers
    read with pyarrow -- or None."""
    import pandas as pd

    if isinstance(series.dtype, pd.ArrowDtype):
        return series.array.__arrow_array__()
    return None


def pa_is_integer(array: pa.ChunkedArray) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_integer(array.type))


def _arrow_codes(
    array: pa.ChunkedArray | pa.Array, low: int, high: int, blank: int
) -> np.ndarray | None:
    """Whole-number cells as int8 codes, ``blank`` where empty: the range in Arrow, then
    NumPy's narrowing (Arrow's checked cast of a CSV's many chunks cost eight times
    more); None when a cell is out of range, for the caller to find it. A million cells:
    a few milliseconds, a tenth of the pandas way."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from kano_tui.engine.project.storage import narrowed

    if isinstance(array, pa.ChunkedArray):  # the CSV's hundred blocks joined in C++ first:
        array = array.combine_chunks()  # fewer NumPy calls, half the time
    bounds = pc.min_max(array)
    smallest, largest = bounds["min"].as_py(), bounds["max"].as_py()
    if smallest is not None and (smallest < low or largest > high):
        return None
    # In range, so the narrowing is exact; a new, writable array (as pandas'), read from
    # the Arrow buffers, ``blank`` under the nulls (pyarrow's own fill_null and to_numpy
    # import pandas).
    return narrowed(array, blank)


def _scale_value(value: object) -> int | None:
    if _is_blank(value):
        return -1
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return int(value) if float(value).is_integer() else None
    match = re.match(r"^\s*(\d{1,2})(?:\.0)?(?:\s*(?:[-=:.)]\s*.*|\s+\D.*)?)?\s*$", str(value))
    return int(match.group(1)) if match else None


# --------------------------------------------------------------------------- importance


@dataclass(frozen=True)
class ImportanceScale:
    """A labelled importance scale, its labels from least to most important (1..max)."""

    name: str
    labels: tuple[str, ...]

    @property
    def max(self) -> int:
        return len(self.labels)

    def codes(self) -> dict[str, int]:
        return {wording_key(label): code for code, label in enumerate(self.labels, start=1)}

    def describe(self) -> str:
        return (
            f"the {self.max}-point scale {self.labels[0]!r} = 1 ... "
            f"{self.labels[-1]!r} = {self.max}"
        )


# The label scales survey tools offer for "how important is ...": Vagias (2006), "Likert-type
# scale response anchors", Clemson University (importance, 5 and 7 points), and the
# translations Qualtrics, SurveyMonkey and LimeSurvey ship.
IMPORTANCE_SCALES: tuple[ImportanceScale, ...] = (
    ImportanceScale(
        "en-5",
        (
            "Not at all important",
            "Slightly important",
            "Moderately important",
            "Very important",
            "Extremely important",
        ),
    ),
    ImportanceScale(
        "en-5-likert",
        (
            "Unimportant",
            "Of little importance",
            "Moderately important",
            "Important",
            "Very important",
        ),
    ),
    ImportanceScale(
        "en-5-plain",
        (
            "Not important",
            "Slightly important",
            "Moderately important",
            "Important",
            "Very important",
        ),
    ),
    ImportanceScale("en-4", ("Not important", "Somewhat important", "Important", "Very important")),
    ImportanceScale(
        "en-7",
        (
            "Not at all important",
            "Low importance",
            "Slightly important",
            "Neutral",
            "Moderately important",
            "Very important",
            "Extremely important",
        ),
    ),
    ImportanceScale(
        "de-5",
        (
            "Überhaupt nicht wichtig",
            "Wenig wichtig",
            "Mittelmäßig wichtig",
            "Sehr wichtig",
            "Äußerst wichtig",
        ),
    ),
    ImportanceScale(
        "de-5-plain", ("Sehr unwichtig", "Unwichtig", "Teils/teils", "Wichtig", "Sehr wichtig")
    ),
    ImportanceScale(
        "de-5-eher", ("Unwichtig", "Eher unwichtig", "Teils/teils", "Eher wichtig", "Wichtig")
    ),
    ImportanceScale(
        "fr-5",
        (
            "Pas du tout important",
            "Peu important",
            "Moyennement important",
            "Très important",
            "Extrêmement important",
        ),
    ),
    ImportanceScale(
        "fr-5-plain",
        ("Pas important", "Peu important", "Assez important", "Important", "Très important"),
    ),
    ImportanceScale(
        "es-5",
        (
            "Nada importante",
            "Poco importante",
            "Moderadamente importante",
            "Muy importante",
            "Extremadamente importante",
        ),
    ),
    ImportanceScale(
        "es-5-plain",
        ("Nada importante", "Poco importante", "Algo importante", "Importante", "Muy importante"),
    ),
)
_LABELLED = re.compile(r"^\s*(\d{1,2})(?:\.0)?\s*(?:[-=:.)]\s*|\s+)(?P<label>\D.*)$")


def _label_key(value: object) -> str | None:
    """The label of a text importance answer (``"1 - Not at all important"`` ->
    ``"not at all important"``); None for blanks and bare numbers."""
    if _is_blank(value) or isinstance(value, (int, float, np.integer, np.floating)):
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{1,2}(?:\.0)?", text):
        return None
    labelled = _LABELLED.match(text)
    return wording_key(labelled["label"] if labelled else text)


def importance_scale_of(
    values: Iterable[object], taught: Mapping[str, int] | None = None
) -> tuple[ImportanceScale | None, str]:
    """The label scale a file's importance answers come from, judged on all of them.

    Returns ``(scale, "")``; ``(None, "")`` when the answers hold no labels (numbers, or
    only taught labels) or labels of no known scale (those are reported one by one);
    ``(None, why)`` when the labels fit several scales that number them differently and
    none of those scales has every one of its labels in the file (only "Very important":
    4 of 5 or 5 of 5?). A scale whose every label is used wins over the larger scales
    holding the same labels (all five of a 5-point scale are not 5 of 7 points).
    """
    taught_keys = {wording_key(k) for k in (taught or {})}
    keys = {key for value in values if (key := _label_key(value)) and key not in taught_keys}
    if not keys:
        return None, ""
    covering = [s for s in IMPORTANCE_SCALES if keys <= set(s.codes())]
    if not covering:
        return None, ""
    complete = [s for s in covering if len(keys) == s.max]
    if complete:
        return complete[0], ""
    readings = {tuple(s.codes()[k] for k in sorted(keys)) for s in covering}
    if len(readings) > 1:
        labels = ", ".join(repr(k) for k in sorted(keys)[:3])
        return None, (
            f"the importance labels {labels} fit several label scales that number them differently"
        )
    return max(covering, key=lambda s: len(keys) / s.max), ""


def normalize_importance(
    values: pd.Series | np.ndarray | list,
    high: int,
    scale: ImportanceScale | None = None,
    taught: Mapping[str, int] | None = None,
) -> tuple[np.ndarray, UnknownValue | None]:
    """Read importance answers into int8 (-1 = blank): numbers from 1 to ``high``, a
    leading number ("9 - extremely important"), the labels of ``scale`` and ``taught``
    labels (``--importance "TEXT=N"``); anything else is unknown (-2)."""
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if is_integer_series(series) or (scale is None and not taught):
        return normalize_scale(series, 1, high)
    lookup = {
        **(scale.codes() if scale else {}),
        **{wording_key(k): int(v) for k, v in (taught or {}).items()},
    }

    def number_of(value: object) -> int | None:
        key = _label_key(value)
        number = lookup.get(key) if key is not None else None
        return _scale_value(value) if number is None else number

    return _read_scale(series, 1, high, number_of)


def is_importance_label(value: object) -> bool:
    """Whether ``value`` is a label of a known importance scale."""
    key = _label_key(value)
    return key is not None and any(key in s.codes() for s in IMPORTANCE_SCALES)


def parse_taught(item: str, flag: str) -> tuple[str, str]:
    """``"TEXT=VALUE"`` of ``--wording`` and ``--importance``: split at the last ``=``."""
    text, equals, value = item.rpartition("=")
    if not equals or not text.strip() or not value.strip():
        raise ValueError(f"{flag} {item!r} is not TEXT=VALUE")
    return text.strip(), value.strip()


def headerless_problem(header: list[str], shown: str) -> str:
    """The sentence for a file whose first row holds answers rather than column names
    (no header row): most of its cells are Kano wordings or numbers. "" otherwise."""
    names = [str(c).strip() for c in header]
    if len(names) < 2:
        return ""
    answers = sum(
        1
        for n in names
        if wording_key(n) in _DEFAULT_LOOKUP or re.fullmatch(r"[-+]?\d+(?:\.\d+)?", n)
    )
    if answers / len(names) < 0.6:
        return ""
    shown_names = ", ".join(repr(n) for n in names[:3])
    return (
        f"{shown}, row 1: the first row holds answers ({shown_names}, ...), not column "
        "names; add a header row naming each column (<feature>.functional, "
        "<feature>.dysfunctional, ...)"
    )
