"""The questionnaire's wording: grammatical question templates and answer sets per language.

A Kano question names the feature inside a sentence ("How would you feel if the product
had a confusing interface?"), so the feature's name needs the article and verb form the
language asks for. :func:`phrase_questions` builds a feature's three questions:

- **English**: "a"/"an" by sound (an AR mode, a unique design, an hour), no article for a
  plural (calls), a gerund (messaging) or an uncountable noun (face recognition,
  internet access); "is"/"are" follows the number in the importance question.
- **German, French, Spanish**: the article follows the head noun's gender when its ending
  tells it reliably (German *-ung, -heit, -keit* feminine; French *-tion, -age*; Spanish
  *-ción, -o*) and the name is one word (German) or starts with the noun (French,
  Spanish). Otherwise the question names the feature after a colon ("... folgende
  Eigenschaft hätte: Kamera?"), which is grammatical whatever the gender.

A feature can say how it is named in a sentence (``phrase``: "an AR mode", "eine
Kamera"), or replace any of its questions outright (``functional_question``,
``dysfunctional_question``, ``importance_question``); both win over the templates.

Answer sets (``[settings] answer_set``) are the five answers in the canonical order
(like, expect, neutral, tolerate, dislike), each worded as the core reads it back:

- ``berger``: Berger et al. (1993), "Kano's methods for understanding customer-defined
  quality", *Center for Quality Management Journal* 2(4): "I like it that way", "It must
  be that way", "I am neutral", "I can live with it that way", "I dislike it that way";
  German as Sauerwein et al. (1996) ask it.
- ``expect-tolerate``: "I like it", "I expect it", "I am neutral", "I can tolerate it",
  "I dislike it", the set Zacarias (2015, *The Complete Guide to the Kano Model*,
  foldingburritos.com) and most online templates use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}
DEFAULT_LANGUAGE = "en"

ANSWER_SETS: dict[str, dict[str, tuple[str, str, str, str, str]]] = {
    "berger": {
        "en": (
            "I like it that way",
            "It must be that way",
            "I am neutral",
            "I can live with it that way",
            "I dislike it that way",
        ),
        "de": (
            "Das würde mich sehr freuen",
            "Das setze ich voraus",
            "Das ist mir egal",
            "Das nehme ich gerade noch hin",
            "Das würde mich sehr stören",
        ),
        "fr": (
            "J'aime cela",
            "Cela doit être ainsi",
            "Je suis neutre",
            "Je peux m'en accommoder",
            "Je n'aime pas cela",
        ),
        "es": (
            "Me gusta así",
            "Debe ser así",
            "Me es indiferente",
            "Puedo vivir con ello",
            "No me gusta así",
        ),
    },
    "expect-tolerate": {
        "en": ("I like it", "I expect it", "I am neutral", "I can tolerate it", "I dislike it"),
        "de": (
            "Das würde mich freuen",
            "Das erwarte ich",
            "Das ist mir egal",
            "Das könnte ich tolerieren",
            "Das würde mich stören",
        ),
        "fr": (
            "Cela me plairait",
            "Je m'y attendrais",
            "Cela m'est égal",
            "Je le tolérerais",
            "Cela me déplairait",
        ),
        "es": (
            "Me gustaría",
            "Lo esperaría",
            "Me es indiferente",
            "Podría tolerarlo",
            "No me gustaría",
        ),
    },
}
DEFAULT_ANSWER_SET = "berger"


@dataclass(frozen=True)
class Survey:
    """The survey-wide texts of one language."""

    product: str  # how the questions name the product when the project does not
    importance_labels: tuple[str, str]  # the ends of the importance scale
    nps: str  # {product}
    nps_labels: tuple[str, str]
    csat: str  # {product}
    csat_labels: tuple[str, str, str, str, str]
    intro: str  # shown before the questions


SURVEY: dict[str, Survey] = {
    "en": Survey(
        "the product",
        ("Not at all important", "Extremely important"),
        "How likely are you to recommend {product} to a friend or colleague?",
        ("Not at all likely", "Extremely likely"),
        "Overall, how satisfied are you with {product}?",
        (
            "Very dissatisfied",
            "Dissatisfied",
            "Neither satisfied nor dissatisfied",
            "Satisfied",
            "Very satisfied",
        ),
        "For each feature we ask two questions: how you would feel if the product "
        "had it, and how you would feel if it did not.",
    ),
    "de": Survey(
        "das Produkt",
        ("Überhaupt nicht wichtig", "Äußerst wichtig"),
        "Wie wahrscheinlich ist es, dass Sie {product} einem Freund oder Kollegen empfehlen?",
        ("Sehr unwahrscheinlich", "Sehr wahrscheinlich"),
        "Wie zufrieden sind Sie insgesamt mit {product}?",
        (
            "Sehr unzufrieden",
            "Unzufrieden",
            "Weder zufrieden noch unzufrieden",
            "Zufrieden",
            "Sehr zufrieden",
        ),
        "Zu jeder Eigenschaft stellen wir zwei Fragen: wie Sie es fänden, wenn das "
        "Produkt sie hätte, und wie, wenn es sie nicht hätte.",
    ),
    "fr": Survey(
        "le produit",
        ("Pas du tout important", "Extrêmement important"),
        "Quelle est la probabilité que vous recommandiez {product} à un ami ou un collègue\u00a0?",
        ("Pas du tout probable", "Très probable"),
        "Dans l'ensemble, dans quelle mesure êtes-vous satisfait de {product}\u00a0?",
        (
            "Très insatisfait",
            "Insatisfait",
            "Ni satisfait ni insatisfait",
            "Satisfait",
            "Très satisfait",
        ),
        "Pour chaque fonctionnalité, deux questions\u00a0: ce que vous ressentiriez "
        "si le produit l'avait, et si le produit ne l'avait pas.",
    ),
    "es": Survey(
        "el producto",
        ("Nada importante", "Extremadamente importante"),
        "¿Qué probabilidad hay de que recomiende {product} a un amigo o colega?",
        ("Nada probable", "Muy probable"),
        "En general, ¿qué tan satisfecho está con {product}?",
        (
            "Muy insatisfecho",
            "Insatisfecho",
            "Ni satisfecho ni insatisfecho",
            "Satisfecho",
            "Muy satisfecho",
        ),
        "Para cada función le hacemos dos preguntas: cómo se sentiría si el "
        "producto la tuviera y cómo se sentiría si no la tuviera.",
    ),
}


def answer_options(answer_set: str, language: str) -> tuple[str, ...]:
    """The five answers of ``answer_set`` in ``language``, in the canonical order."""
    return ANSWER_SETS.get(answer_set, ANSWER_SETS[DEFAULT_ANSWER_SET]).get(
        language, ANSWER_SETS[DEFAULT_ANSWER_SET]["en"]
    )


def survey_texts(language: str) -> Survey:
    return SURVEY.get(language, SURVEY[DEFAULT_LANGUAGE])


@dataclass(frozen=True)
class Phrased:
    functional: str
    dysfunctional: str
    importance: str


# --------------------------------------------------------------------------- English

_EN_UNCOUNTABLE = frozenset(
    """
    access advice audio authentication battery-life bluetooth connectivity content coverage
    customisation customization data delivery documentation encryption equipment feedback
    financing hardware help information insurance internet knowledge life luggage music
    navigation performance personalisation personalization power privacy quality recognition
    reliability research security shipping software sound speed storage support training
    transparency wifi wi-fi warranty
""".split()
)
_EN_AN_EXCEPTIONS = ("uni", "use", "usu", "uti", "ure", "eu", "one", "once", "ewe")
_EN_AN_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_EN_LETTER_SOUNDS_AN = set("AEFHILMNORSX")  # letters read with a vowel sound: an NFC, an SDK


def _en_subject_case(name: str) -> str:
    """ "Camera" -> "camera", but "AR mode", "NFC", "iPhone" and "Face ID" keep theirs."""
    first = name.split(" ", 1)[0]
    if first[1:2].islower() and first[1:] == first[1:].lower():
        return name[:1].lower() + name[1:]
    return name


def _en_article(subject: str) -> str:
    word = subject.split(" ", 1)[0]
    if word.isupper() and len(word) > 1:  # an acronym, read letter by letter
        return "an" if word[0] in _EN_LETTER_SOUNDS_AN else "a"
    lowered = word.lower()
    if lowered.startswith(_EN_AN_SILENT_H):
        return "an"
    if lowered[:1] in "aeio" or (lowered[:1] == "u" and not lowered.startswith(_EN_AN_EXCEPTIONS)):
        return "an"
    if lowered.startswith(("eu",)):
        return "a"
    if lowered[:1] == "e":
        return "an"
    return "a"


def en_number(subject: str) -> str:
    """ "plural", "mass" (no article, uncountable or gerund) or "count" for ``subject``."""
    last = subject.strip().split()[-1].lower() if subject.strip() else ""
    head = last.rsplit("-", 1)[-1]
    if subject.strip().lower().replace(" ", "-") in _EN_UNCOUNTABLE or head in _EN_UNCOUNTABLE:
        return "mass"
    if last.endswith("ing") and len(last) > 4:
        return "mass"
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ics")):
        return "plural"
    return "count"


def _english(name: str, product: str, phrase: str) -> Phrased:
    subject = _en_subject_case(name)
    number = en_number(subject)
    if not phrase and re.match(r"^(?:an?|the|some)\s", subject, flags=re.I):
        phrase = subject  # "An hour a day": the name brings its article
    if phrase:
        with_article = phrase
        definite = re.sub(r"^an?\s+", "the ", phrase, flags=re.I)
        number = (
            en_number(re.sub(r"^(?:an?|the|some)\s+", "", phrase, flags=re.I))
            if number != "plural"
            else number
        )
    elif number == "count":
        with_article, definite = f"{_en_article(subject)} {subject}", f"the {subject}"
    else:
        with_article = definite = subject
    verb = "are" if number == "plural" else "is"
    return Phrased(
        f"How would you feel if {product} had {with_article}?",
        f"How would you feel if {product} did not have {with_article}?",
        f"How important {verb} {definite} to you?",
    )


# --------------------------------------------------------------------------- German

_DE_FEMININE = (
    "ung",
    "heit",
    "keit",
    "schaft",
    "ion",
    "tät",
    "ik",
    "ei",
    "ie",
    "anz",
    "enz",
    "zeit",
    "app",
    "karte",
    "funktion",
    "kette",
    "garantie",
    "ade",
    "age",
)
_DE_MASCULINE = (
    "ismus",
    "ling",
    "or",
    "eur",
    "dienst",
    "service",
    "akku",
    "kompass",
    "chat",
    "modus",
    "schutz",
    "zugang",
    "versand",
)
_DE_NEUTER = (
    "chen",
    "lein",
    "ment",
    "tum",
    "um",
    "design",
    "display",
    "netz",
    "system",
    "programm",
    "konto",
    "gerät",
    "paket",
    "angebot",
)


def _de_gender(name: str) -> str | None:
    if " " in name.strip():  # an adjective in front declines with the article: leave it
        return None
    word = name.strip().lower()
    for gender, endings in (("f", _DE_FEMININE), ("m", _DE_MASCULINE), ("n", _DE_NEUTER)):
        if word.endswith(endings):
            return gender
    return None


def _german(name: str, product: str, phrase: str) -> Phrased:
    gender = _de_gender(name)
    if phrase:
        negated = _de_negate(phrase)
        return Phrased(
            f"Wie würden Sie es finden, wenn {product} {phrase} hätte?",
            f"Wie würden Sie es finden, wenn {product} {negated} hätte?",
            f"Wie wichtig ist Ihnen {_de_definite_from(phrase, name)}?",
        )
    if gender is None:
        return Phrased(
            f"Wie würden Sie es finden, wenn {product} folgende Eigenschaft hätte: {name}?",
            f"Wie würden Sie es finden, wenn {product} folgende Eigenschaft nicht hätte: {name}?",
            f"Wie wichtig ist Ihnen folgende Eigenschaft: {name}?",
        )
    indefinite = {"f": "eine", "m": "einen", "n": "ein"}[gender]
    negative = {"f": "keine", "m": "keinen", "n": "kein"}[gender]
    definite = {"f": "die", "m": "der", "n": "das"}[gender]
    return Phrased(
        f"Wie würden Sie es finden, wenn {product} {indefinite} {name} hätte?",
        f"Wie würden Sie es finden, wenn {product} {negative} {name} hätte?",
        f"Wie wichtig ist Ihnen {definite} {name}?",
    )


def _de_negate(phrase: str) -> str:
    """ "eine Kamera" -> "keine Kamera"; a phrase without an indefinite article -> "kein(e)"
    cannot be guessed, so it is said with "nicht" after it."""
    found = re.match(r"^(ein|eine|einen)\s+(.*)$", phrase)
    if found:
        return f"k{found[1]} {found[2]}"
    return f"{phrase} nicht"


def _de_definite_from(phrase: str, name: str) -> str:
    found = re.match(r"^(ein|eine|einen)\s+(.*)$", phrase)
    if found:
        return {"ein": "das", "eine": "die", "einen": "der"}[found[1]] + " " + found[2]
    return phrase


# --------------------------------------------------------------------------- French

_FR_FEMININE = (
    "tion",
    "sion",
    "ance",
    "ence",
    "té",
    "ure",
    "ette",
    "ade",
    "ise",
    "ude",
    "face",
    "ole",
    "arge",
    "ie",
    "elle",
    "aison",
    "ique",
    "euse",
    "ine",
    "esse",
    "ée",
    "application",
    "carte",
    "garantie",
    "livraison",
    "batterie",
    "caméra",
)
_FR_MASCULINE = (
    "age",
    "ment",
    "isme",
    "eau",
    "eur",
    "oir",
    "et",
    "ier",
    "on",
    "in",
    "ail",
    "at",
    "ème",
    "ign",
    "at",
    "ès",
    "us",
    "ord",
    "ran",
    "ur",
    "ut",
)
_FR_VOWEL = re.compile(r"^[aeiouyhàâäéèêëîïôöùûü]", re.I)


def _fr_head(name: str) -> str:
    return name.strip().split(" ", 1)[0].lower()


def _fr_gender(head: str) -> str | None:
    if head.endswith(_FR_FEMININE):
        return "f"
    if head.endswith(_FR_MASCULINE):
        return "m"
    return None


def _lower_first(name: str) -> str:
    first = name.split(" ", 1)[0]
    return name[:1].lower() + name[1:] if first[1:] == first[1:].lower() else name


def _french(name: str, product: str, phrase: str) -> Phrased:
    subject = _lower_first(name)
    head = _fr_head(subject)
    plural = head.endswith(("s", "x")) and len(head) > 3 and not head.endswith(("us", "ès"))
    gender = None if plural else _fr_gender(head)
    de = "d'" if _FR_VOWEL.match(subject) else "de "
    if phrase:
        bare = re.sub(r"^(?:un|une|des|la|le|les|l')\s*", "", phrase)
        de_phrase = "d'" if _FR_VOWEL.match(bare) else "de "
        return Phrased(
            f"Que ressentiriez-vous si {product} avait {phrase}\u00a0?",
            f"Que ressentiriez-vous si {product} n'avait pas {de_phrase}{bare}\u00a0?",
            f"Quelle importance accordez-vous à {phrase}\u00a0?",
        )
    if not plural and gender is None:
        return Phrased(
            f"Que ressentiriez-vous si {product} offrait la fonctionnalité suivante\u00a0: "
            f"{name}\u00a0?",
            f"Que ressentiriez-vous si {product} n'offrait pas la fonctionnalité suivante\u00a0: "
            f"{name}\u00a0?",
            f"Quelle importance accordez-vous à la fonctionnalité suivante\u00a0: {name}\u00a0?",
        )
    if plural:
        indefinite, to_the = "des ", "aux "
    else:
        indefinite = "une " if gender == "f" else "un "
        if _FR_VOWEL.match(subject):
            to_the = "à l'"
        else:
            to_the = "à la " if gender == "f" else "au "
    return Phrased(
        f"Que ressentiriez-vous si {product} avait {indefinite}{subject}\u00a0?",
        f"Que ressentiriez-vous si {product} n'avait pas {de}{subject}\u00a0?",
        f"Quelle importance accordez-vous {to_the}{subject}\u00a0?",
    )


# --------------------------------------------------------------------------- Spanish

_ES_MASCULINE_A = (
    "sistema",
    "problema",
    "programa",
    "tema",
    "esquema",
    "idioma",
    "clima",
    "mapa",
    "día",
    "diagrama",
    "sofá",
    "planeta",
)
_ES_FEMININE = (
    "ción",
    "sión",
    "dad",
    "tad",
    "tud",
    "umbre",
    "ie",
    "sis",
    "itis",
    "a",
    "interfaz",
    "app",
)
_ES_MASCULINE = (
    "o",
    "or",
    "aje",
    "ambre",
    "ma",
    "ón",
    "és",
    "ador",
    "al",
    "il",
    "el",
    "ú",
    "diseño",
    "servicio",
    "chat",
    "gps",
    "wifi",
)


def _es_gender(head: str) -> str | None:
    if head in _ES_MASCULINE_A or (
        head.endswith(("ma",)) and head not in ("cama", "forma", "plataforma")
    ):
        return "m"
    if head.endswith(_ES_FEMININE):
        return "f"
    if head.endswith(_ES_MASCULINE):
        return "m"
    return None


def _spanish(name: str, product: str, phrase: str) -> Phrased:
    subject = _lower_first(name)
    head = subject.split(" ", 1)[0].lower()
    plural = head.endswith("s") and len(head) > 3 and not head.endswith(("sis", "és", "gps"))
    gender = (
        _es_gender(
            head[:-2] if head.endswith("es") and not head[:-2].endswith(("a", "o")) else head[:-1]
        )
        if plural
        else _es_gender(head)
    )
    if phrase:
        bare = re.sub(r"^(?:un|una|unos|unas|el|la|los|las)\s+", "", phrase)
        return Phrased(
            f"¿Cómo se sentiría si {product} tuviera {phrase}?",
            f"¿Cómo se sentiría si {product} no tuviera {bare}?",
            f"¿Qué importancia tiene para usted {phrase}?",
        )
    if gender is None:
        return Phrased(
            f"¿Cómo se sentiría si {product} ofreciera la siguiente función: {name}?",
            f"¿Cómo se sentiría si {product} no ofreciera la siguiente función: {name}?",
            f"¿Qué importancia tiene para usted la siguiente función: {name}?",
        )
    if plural:  # "tuviera llamadas": a plural needs no article
        indefinite, definite, verb = "", "las " if gender == "f" else "los ", "tienen"
    else:
        indefinite = "una " if gender == "f" else "un "
        definite, verb = ("la " if gender == "f" else "el "), "tiene"
    return Phrased(
        f"¿Cómo se sentiría si {product} tuviera {indefinite}{subject}?",
        f"¿Cómo se sentiría si {product} no tuviera {subject}?",
        f"¿Qué importancia {verb} para usted {definite}{subject}?",
    )


_BUILDERS = {"en": _english, "de": _german, "fr": _french, "es": _spanish}


def phrase_questions(
    name: str, language: str = DEFAULT_LANGUAGE, *, product: str = "", phrase: str = ""
) -> Phrased:
    """A feature's functional, dysfunctional and importance question in ``language``.

    ``product`` names the product ("the phone"; the language's "the product" when blank);
    ``phrase`` is how the feature is named in a sentence, article included, when the
    templates' guess is not right ("an AR mode", "eine Kamera", "la reconnaissance
    faciale").
    """
    language = language if language in _BUILDERS else DEFAULT_LANGUAGE
    product = product.strip() or survey_texts(language).product
    name = " ".join(name.split()) or "?"
    return _BUILDERS[language](name, product, " ".join(phrase.split()))
