"""Token features for the reference labeller, in the spirit of AnyStyle and GROBID.

Each token is described by what it is on its own — the word lower-cased, its shape, affixes,
number patterns (year, range, roman numeral, ordinal, initial), the punctuation written before
and after it, and the lexicons it belongs to (given names, places, publisher and journal words,
months in every supported language, role words such as ed./Hrsg./a cura di/под ред.) — and by
where it stands: its relative position, whether it is inside quotes or brackets, how many
sentence breaks and commas come before it, and what its neighbours are.

What a token is on its own depends only on its text, so it is computed once per distinct token
string and cached: references repeat the same words again and again, and feature extraction is
most of the labeller's time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from citations.lazy import lazy
from citations.given_names import GIVEN_NAMES
from citations.places import PLACES
from citations.tagger import lexicon
from citations.tagger.tokens import Token

_EDGE_LEAD = lazy(r"^[^\w]+")
_EDGE_TRAIL = lazy(r"[^\w]+$")
_YEAR = lazy(r"^(?:1[5-9]\d\d|20\d\d)[a-z]?$")
_YEAR_RANGE = lazy(r"^(?:1[5-9]\d\d|20\d\d)[-–/](?:\d{2}|\d{4})$")
_RANGE = lazy(r"^[A-Za-z]?\d+[a-z]?[-–—‑][A-Za-z]?\d+[a-z]?$")
_DMY = lazy(r"^[0-3]?\d\.\s?[01]?\d\.\s?(?:1[5-9]\d\d|20\d\d)$")
_ISO = lazy(r"^(?:1[5-9]\d\d|20\d\d)-[01]\d(?:-[0-3]\d)?$")
_SLASH_PAIR = lazy(r"^\d{1,4}/\d{1,4}$")
_ROMAN = lazy(r"^(?=[MDCLXVI])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$", re.IGNORECASE)
_ORDINAL = lazy(r"^\d{1,3}(?:st|nd|rd|th|e|er|re|ème|a|o|°|\.)$", re.IGNORECASE)
_INITIAL = lazy(r"^[A-ZÀ-ÞА-ЯЁ][a-zа-я]?\.(?:[-‐]?[A-ZÀ-ÞА-ЯЁ][a-zа-я]?\.)*$")
_DOI = lazy(r"10\.\d{4,9}/")
_ISBN = lazy(r"^(?:97[89][-‐]?)?(?:\d[-‐]?){9}[\dXx]$")
#: Typographic variants folded for the word features: curly and straight apostrophes, dashes.
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "–": "-", "—": "-", "‐": "-"})


_ASCII_SHAPE = str.maketrans(
    {**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}, **{c: "x" for c in "abcdefghijklmnopqrstuvwxyz"},
     **{c: "d" for c in "0123456789"}}
)
_RUNS = lazy(r"(.)\1+")


def _shape(word: str) -> str:
    """"Smith," → "Xx,", "1994)." → "d).", "pp." → "x.": character classes with runs folded."""
    if word.isascii():
        return _RUNS.sub(r"\1", word.translate(_ASCII_SHAPE))[:8]
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


_DIGITS = frozenset("0123456789")
_ROMAN_LETTERS = frozenset("IVXLCDMivxlcdm")


def _number_kind(core: str) -> str | None:
    if not core or _DIGITS.isdisjoint(core):
        return None
    if core.isdigit():
        if _YEAR.match(core):
            return "year"
        return f"num{min(len(core), 4)}"
    if _YEAR.match(core):
        return "year"
    if _YEAR_RANGE.match(core):
        return "yearrange"
    if _DMY.match(core):
        return "dmy"
    if _ISO.match(core):
        return "iso"
    if _SLASH_PAIR.match(core):
        return "slash"
    if _RANGE.match(core):
        return "range"
    if _ORDINAL.match(core):
        return "ordinal"
    return "hasdigit"


@lru_cache(maxsize=200_000)
def token_features(text: str) -> tuple[tuple[str, ...], tuple[str, str, str, str, str]]:
    """(features of the token itself, the few features its neighbours see of it)."""
    lead_m = _EDGE_LEAD.match(text)
    trail_m = _EDGE_TRAIL.search(text)
    lead = lead_m.group() if lead_m else ""
    trail = trail_m.group() if trail_m and (not lead_m or trail_m.start() > 0) else ""
    core = text[len(lead) : len(text) - len(trail)] if len(lead) + len(trail) < len(text) else ""
    w = core.lower().translate(_FOLD)  # "Stalin’s" and "Stalin's" are one word
    f: list[str] = []
    if core:
        f.append("w=" + w)
        f.append("p1=" + w[:1])
        f.append("p2=" + w[:2])
        f.append("p3=" + w[:3])
        f.append("s1=" + w[-1:])
        f.append("s2=" + w[-2:])
        f.append("s3=" + w[-3:])
        f.append("s4=" + w[-4:])
        if core[0].isupper():
            case = "allcap" if core.isupper() and len(core) > 1 else "cap"
        elif core.islower():
            case = "lower"
        else:
            case = "other"
        f.append("case=" + case)
        f.append(f"len={min(len(core), 10)}")
    else:
        case = "p"
        f.append("w=<punct>")
    f.append("shape=" + _shape(text))
    f.append("lead=" + lead[:3])
    f.append("trail=" + trail[:3])
    kind = _number_kind(core)
    if kind:
        f.append("num=" + kind)
    if core and len(core) <= 7 and _ROMAN_LETTERS.issuperset(core) and _ROMAN.match(core) and (core.isupper() or len(core) <= 4):
        f.append("roman")
    if len(core) <= 4 and _INITIAL.match(core + ("." if trail.startswith(".") else "")):
        f.append("initial")
    low = text.lower()
    if low.startswith(("http", "www.", "<http")) or "://" in text:
        f.append("url")
    digits = kind is not None
    if (digits and _DOI.search(text)) or low.startswith("doi"):
        f.append("doi")
    if digits and _ISBN.match(core.replace(" ", "")):
        f.append("isbn")
    if "@" in core:
        f.append("email")
    if core in GIVEN_NAMES:
        f.append("lex=given")
    if core in PLACES or w in lexicon.PLACE_WORDS:
        f.append("lex=place")
    for name, words in lexicon.WORD_CLASSES:
        if w in words:
            f.append("lex=" + name)
    if w[:4] in lexicon.MONTH_STEMS or w[:3] in lexicon.MONTH_STEMS:
        f.append("lex=month")
    neighbour = (
        w if core else "<punct>",
        "C" if core[:1].isupper() else ("d" if core[:1].isdigit() else ("x" if core else "p")),
        trail[:2],
        kind or "",
        case,
    )
    return tuple(f), neighbour


_OPEN_QUOTES = "“„«‹\"‘‚"
_IN_WORDS = frozenset({"in", "dans", "en", "w", "в", "im", "nel", "nella", "in:"})
_CLOSE_QUOTES = "”»›\"’"


@lru_cache(maxsize=200_000)
def _own(text: str) -> tuple[bytes, ...]:
    """:func:`token_features` of the token itself as UTF-8 bytes, the form CRFsuite reads
    without converting each string again for every reference."""
    return tuple(f.encode() for f in token_features(text)[0])


@lru_cache(maxsize=200_000)
def _views(text: str) -> tuple[tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], str, bytes]:
    """The features a token's neighbours get from it, built once per token string: (as the
    token before, as the token after, as the token two before, as two after, its trailing
    punctuation, the start of the "-1t|c=" pair feature of the token after it)."""
    w, c, t, k, _ = token_features(text)[1]
    return (
        tuple(s.encode() for s in ("-1w=" + w, "-1c=" + c, "-1t=" + t, "-1k=" + k)),
        tuple(s.encode() for s in ("+1w=" + w, "+1c=" + c, "+1t=" + t, "+1k=" + k)),
        tuple(s.encode() for s in ("-2w=" + w, "-2t=" + t)),
        (("+2w=" + w).encode(),),
        t,
        ("-1t|c=" + t + "|").encode(),
    )


_POS = tuple(f"pos={k}".encode() for k in range(10))
_INQ = (b"inq=0", b"inq=1")
_INB = (b"inb=0", b"inb=1")
_BRK = tuple(f"brk={k}".encode() for k in range(7))
_COM = tuple(f"com={k}".encode() for k in range(7))
_AIN = (b"ain=0", b"ain=1")
_QDONE = (b"qdone=0", b"qdone=1")
_YRS = (b"yrs=0", b"yrs=1", b"yrs=2")
_CASES = {case: case.encode() for case in ("allcap", "cap", "lower", "other", "p")}
_YEARISH = frozenset({"year", "yearrange", "dmy", "iso"})
_ETAL_FIRST = frozenset({"et", "u", "и", "i"})
_ETAL_SECOND = frozenset({"al", "a", "др", "alii"})


def sequence_features(tokens: Sequence[Token | str]) -> list[list[bytes]]:
    """The features of every token of one reference, in order, as UTF-8 bytes (CRFsuite's own
    form: strings would be encoded again on every call)."""
    texts = [t if isinstance(t, str) else t.text for t in tokens]
    n = len(texts)
    own = [token_features(t) for t in texts]
    views = [_views(t) for t in texts]
    out: list[list[bytes]] = []
    quote = 0
    bracket = 0
    breaks = 0
    commas = 0
    closed_quotes = 0  # quoted passages already closed: a title has been read
    after_in = False  # an "in:"/"In"/"//" before: what follows is a container
    etal = False  # "et al." before: the names are over
    years = 0  # years before this token: after the date, numbers are pages and volumes
    for i, text in enumerate(texts):
        me = own[i][1]
        # State before this token, then what it opens.
        first = text[:1]
        opens_quote = first in _OPEN_QUOTES and not (first == '"' and quote)
        if opens_quote:
            quote += 1
        if first == "(" or first == "[":
            bracket += 1
        f = [*_own(text), _POS[10 * i // n], _INQ[quote > 0], _INB[bracket > 0], _BRK[min(breaks, 6)],
             _COM[min(commas, 6)], _AIN[after_in], _QDONE[closed_quotes > 0], _YRS[min(years, 2)]]
        if i == 0:
            f.append(b"first")
        if i == n - 1:
            f.append(b"last")
        if etal:
            f.append(b"etal")
        if i > 0:
            before = views[i - 1]
            f.extend(before[0])
            f.append(before[5] + _CASES[me[4]])
            if i > 1:
                f.extend(views[i - 2][2])
        else:
            f.append(b"-1w=<s>")
        if i < n - 1:
            f.extend(views[i + 1][1])
            if i < n - 2:
                f.extend(views[i + 2][3])
        else:
            f.append(b"+1w=</s>")
        out.append(f)
        # What this token closes, for the tokens after it.
        if (i > 0 and me[0] in _IN_WORDS and (text[-1] == ":" or views[i - 1][4][-1:] in ",.:;”\"»)")) or text == "//":
            after_in = True
        if me[3] in _YEARISH:
            years += 1
        if i > 0 and me[0] in _ETAL_SECOND and own[i - 1][1][0] in _ETAL_FIRST:
            etal = True
        last = text[-1]
        if quote and (last in _CLOSE_QUOTES or text.rstrip(".,;:")[-1:] in _CLOSE_QUOTES) and not (len(text) == 1 and opens_quote):
            quote -= 1
            closed_quotes += 1
        if "(" in text or ")" in text or "[" in text or "]" in text:
            closes = text.count(")") + text.count("]")
            opens = text[1:].count("(") + text[1:].count("[")
            bracket = max(0, bracket - closes + opens)
        if last in ".?!" and len(text) > 2 and not _INITIAL.match(text):
            breaks += 1
        elif last == ":" or last == ";":
            breaks += 1
        elif last == ",":
            commas += 1
    return out
