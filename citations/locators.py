"""Locators (p. 52, pp. 142–143, S. 17, с. 12, chapter 9, l. 6–7), page ranges and dates."""

from __future__ import annotations

import re
from typing import overload

from citations.lazy import LazyPattern, lazy
from citations.caseless import AnyMatch, Caseless, CaselessMatch
from citations.model import Locator

DASH = "–"
_NUM = r"(?:[A-Z]?\d+[a-z]?|[IVXLCDM]+|[ivxlcdm]+)"
_RANGE = rf"{_NUM}(?:\s*[-–—‑]\s*{_NUM})?"
_FOLLOWING = r"(?:\s*(?:e\s+|et\s+|und\s+)?(?:f{1,2}|sgg?|ss|seqq?|sqq?|seq|suiv)\.?)?"
PAGES = rf"{_RANGE}(?:\s*,\s*{_RANGE})*{_FOLLOWING}(?:\s*(?:and|&|und)\s+{_RANGE})?"

#: Locator labels as written → CSL locator label.
LABELS = {
    "p": "page", "pp": "page", "pg": "page", "page": "page", "pages": "page", "s": "page",
    "seite": "page", "seiten": "page", "с": "page", "стр": "page", "pag": "page", "pagg": "page",
    "col": "column", "cols": "column", "sp": "column", "fol": "folio", "fols": "folio",
    "f": "folio", "ff": "folio", "l": "folio", "ll": "folio", "л": "folio", "лл": "folio",
    "chapter": "chapter", "chap": "chapter", "ch": "chapter", "kap": "chapter", "cap": "chapter",
    "chapitre": "chapter", "n": "note", "nn": "note", "note": "note", "notes": "note",
    "anm": "note", "fn": "note", "vol": "volume", "bd": "volume", "t": "volume",
    "no": "issue", "nr": "issue", "doc": "document", "dok": "document",
    "sec": "section", "§": "section", "para": "paragraph", "par": "paragraph", "fig": "figure",
    "table": "table", "tab": "table", "line": "line", "lines": "line", "v": "verse",
}
_LABEL_RX = (
    r"(?:pp?|pg|pages?|S|s|Seiten?|[сС]|стр|pagg?|cols?|Sp|fols?|ff?|ll?|лл?|chapter|chap|ch|Kap|cap|chapitre"
    r"|nn?|notes?|Anm|fn|sec|§|para|par|fig|table|tab|lines?)"
)
#: A locator at the end of a citation: ", p. 52", ", hier S. 17f.", ", chapter 9", ": 45–67".
TRAILING = Caseless(
    rf"(?P<sep>(?:^|[,.;:]?\s+|[,.;:]))(?:(?:here|hier|esp\.|especially|bes\.|insbes\.|ici|qui|at|see)\s+)?"
    rf"(?P<label>{_LABEL_RX})\.?\s*(?P<value>{PAGES})\s*\.?\s*$",
)
#: The chapter/volume words that may precede page locators: "chapter 9, pp. 83–102".
CHAPTER = Caseless(r"(?P<sep>[,.;]?\s*)(?P<label>chapter|chap\.|ch\.|Kap\.|Kapitel|cap\.|chapitre)\s*(?P<value>[\dIVXLC]+)\s*$")
BARE = lazy(rf"(?P<sep>,\s*|:\s*)(?P<value>{_RANGE}{_FOLLOWING})\s*\.?\s*$")


def normalise_range(value: str) -> str:
    """``231-240`` → ``231–240``; spaces around dashes and repeated spaces removed."""
    value = re.sub(r"\s*[-–—‑]\s*", DASH, value.strip())
    value = re.sub(r"\s*,\s*", ", ", value)
    return re.sub(r"\s+", " ", value).rstrip(".").strip()


def label_of(raw: str) -> str:
    return LABELS.get(raw.lower().rstrip("."), "page")


#: How far from the end a trailing locator can start ("…, hier S. 373–385, 390 f." fits).
TAIL = 80


@overload
def search_tail(rx: re.Pattern[str] | LazyPattern, text: str, tail: int = TAIL) -> re.Match[str] | None: ...
@overload
def search_tail(rx: Caseless, text: str, tail: int = TAIL) -> CaselessMatch | None: ...
def search_tail(rx: re.Pattern[str] | LazyPattern | Caseless, text: str, tail: int = TAIL) -> AnyMatch | None:
    """``rx.search`` over the last ``tail`` characters only, for patterns anchored at the end.

    The search still sees the whole string (lookbehinds work); it just does not try to start
    a match at every earlier position, which is most of the cost on long notes.
    """
    return rx.search(text, max(0, len(text) - tail))


#: Words that may end a locator value: "17f.", "17 ff.", "17 sqq.", "17 et suiv.".
_FOLLOWING_WORDS = frozenset({"f", "ff", "sg", "sgg", "ss", "seq", "seqq", "sq", "sqq", "suiv"})
_ROMAN_LETTERS = frozenset("ivxlcdmIVXLCDM")


def ends_in_number(text: str) -> bool:
    """Whether ``text`` may end in a locator value: a number ("44", "17a", "xii", "17 ff."),
    then at most spaces and periods. Every end-anchored locator pattern needs one, so a text
    for which this is False is not searched with them (most full references end in ")" or a
    word)."""
    t = text.rstrip().rstrip(".").rstrip()
    if not t:
        return False
    if t[-1].isdigit():
        return True
    i = len(t)
    while i and t[i - 1].isalpha():
        i -= 1
    word = t[i:]
    if not word:
        return False
    return (i > 0 and t[i - 1].isdigit()) or word.lower() in _FOLLOWING_WORDS or _ROMAN_LETTERS.issuperset(word)


def take_trailing_locator(text: str, folios: bool = False) -> tuple[str, Locator | None]:
    """Split ``text`` into (the rest, the locator at its end).

    ``f.``/``l.``/``t.`` count as folio and volume labels only after an archival shelf mark, or
    when ``folios`` says so ("Ibid., l. 9" after an archival file)."""
    if not ends_in_number(text):
        return text, None
    m = search_tail(TRAILING, text)
    if not m:
        return text, None
    label = m.group("label")  # as written: Caseless gives groups from the text, not its lower case
    # "S" and "s" need their period ("S. 17"), else "Republic s 12" could be read as a page.
    if label in {"S", "s", "f", "l", "t", "n"} and not text[m.start("label") + 1 : m.start("value")].strip().startswith("."):
        return text, None
    if label.lower() in {"f", "l", "t"} and not folios and not re.search(r"\b(?:op|d)\.\s*\S+\s*,?\s*$", text[: m.start()]):
        # "f." and "l." are folios only in archival context; "t." is a volume there.
        return text, None
    return text[: m.start()].rstrip(" ,;:"), Locator(label_of(label), normalise_range(m.group("value")))


def take_chapter(text: str) -> tuple[str, str | None]:
    if not ends_in_number(text):
        return text, None
    m = search_tail(CHAPTER, text, 40)
    if not m:
        return text, None
    return text[: m.start()].rstrip(" ,;:"), m.group("value")


MONTHS = {
    # English, German, French, Italian, Spanish, Russian (transliterated and Cyrillic stems)
    "jan": 1, "janv": 1, "gen": 1, "ene": 1, "янв": 1, "feb": 2, "febr": 2, "fév": 2, "fev": 2,
    "фев": 2, "mar": 3, "mär": 3, "maerz": 3, "mars": 3, "марта": 3, "мар": 3, "apr": 4, "avr": 4,
    "abr": 4, "апр": 4, "may": 5, "mai": 5, "mag": 5, "мая": 5, "май": 5, "jun": 6, "juin": 6,
    "giu": 6, "июн": 6, "jul": 7, "juil": 7, "lug": 7, "июл": 7, "aug": 8, "août": 8, "aout": 8,
    "ago": 8, "авг": 8, "sep": 9, "sept": 9, "set": 9, "сен": 9, "oct": 10, "okt": 10, "ott": 10,
    "окт": 10, "nov": 11, "ноя": 11, "dec": 12, "dez": 12, "déc": 12, "dic": 12, "дек": 12,
}
MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Januar|Jänner|Februar|März|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin"
    r"|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|marzo|aprile|maggio"
    r"|giugno|luglio|agosto|settembre|ottobre|dicembre|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Okt"
    r"|Nov|Dec|Dez)\.?"
)
YEAR = r"(?:1[5-9]\d\d|20\d\d)"


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    for length in (5, 4, 3):
        if w[:length] in MONTHS:
            return MONTHS[w[:length]]
    return None


DMY_NUMERIC = lazy(rf"\b(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>{YEAR})\b")
ISO = lazy(rf"\b(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
DMY_WORDS = lazy(rf"\b(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th|°|er|º)?\s+(?P<m>{MONTH_WORD})\s+(?P<y>{YEAR})\b", re.IGNORECASE)
MDY_WORDS = lazy(rf"\b(?P<m>{MONTH_WORD})\s+(?P<d>[0-3]?\d),?\s+(?P<y>{YEAR})\b", re.IGNORECASE)
MY_WORDS = lazy(rf"\b(?P<m>{MONTH_WORD})(?:\s*/\s*(?P<m2>{MONTH_WORD}))?\s+(?P<y>{YEAR})\b", re.IGNORECASE)
US_NUMERIC = lazy(rf"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>{YEAR})\b")


def parse_date(text: str) -> dict | None:
    """The first date in ``text`` as CSL ``{"date-parts": [[y, m, d]]}`` (European d.m.y first)."""
    for rx in (ISO, DMY_NUMERIC, DMY_WORDS, MDY_WORDS, US_NUMERIC):
        m = rx.search(text)
        if m:
            y = int(m.group("y"))
            mo = m.group("m")
            month = int(mo) if mo.isdigit() else month_number(mo)
            d = int(m.group("d"))
            if month and 1 <= month <= 12 and 1 <= d <= 31:
                return {"date-parts": [[y, month, d]]}
    m = MY_WORDS.search(text)
    if m:
        y = int(m.group("y"))
        first = month_number(m.group("m"))
        parts = [[y, first]] if first else [[y]]
        if m.group("m2") and (second := month_number(m.group("m2"))):
            parts.append([y, second])
        return {"date-parts": parts}
    m = re.search(rf"\b({YEAR})\b", text)
    if m:
        return {"date-parts": [[int(m.group(1))]]}
    return None
