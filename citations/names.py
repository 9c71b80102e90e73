"""Personal names in citations: recognise a list of names and split it into CSL name objects.

Handles ``Given Family``, inverted ``Family, Given`` (bibliographies), initials (``W. J.``,
``J.-P.``), particles (von, van der, de, di), lists joined by ``/``, ``and``, ``&``, ``und``,
``et``, ``e``, ``i``, ``,`` and ``et al.``/``u. a.``.
"""

from __future__ import annotations

import re

from citations.lazy import lazy
from functools import lru_cache

_DIGIT = lazy(r"\d")

PARTICLES = {
    "von", "van", "der", "den", "de", "di", "da", "du", "des", "del", "della", "dei", "degli",
    "la", "le", "zu", "zur", "ten", "ter", "vom", "dos", "das", "do", "y", "bin", "ibn", "al",
    "el", "St.", "d'", "d’", "l'",
}
#: Words that start titles or institutions, never a personal name.
NOT_NAMES = {
    "the", "a", "an", "der", "die", "das", "ein", "eine", "le", "la", "les", "il", "lo", "gli",
    "un", "une", "el", "los", "las", "report", "letter", "memorandum", "introduction", "preface",
    "foreword", "afterword", "interview", "diary", "minutes", "protocol", "resolution", "history",
    "documents", "dokumente", "geschichte", "chinese", "russian", "german", "english", "french",
    "soviet", "wikipedia", "archive", "archiv", "state", "university", "press", "verlag",
    "on", "in", "of", "and", "for", "to", "from", "with", "about", "und", "zur", "zum", "über",
    "see", "cf", "vgl", "ibid", "ebd", "ibidem", "idem", "op", "cit", "national", "central",
    "committee", "commission", "party", "institute", "institut", "library", "bibliothek",
    "society", "museum", "ministry", "office", "department", "government", "news", "times",
    "journal", "review", "revue", "zeitschrift", "rivista", "studies", "new", "old", "war",
    "communist", "kommunistische", "stalin’s", "stalin's", "terror", "revolution", "world",
    "volume", "band", "bd", "vol", "chapter", "kapitel", "part", "teil", "pp", "p", "s",
    # Common title words, which a capitalised title can otherwise pass off as names.
    "language", "practice", "memory", "society", "culture", "politics", "theory", "essays",
    "selected", "collected", "works", "papers", "letters", "writings", "studies", "state",
    "peace", "power", "people", "nation", "nations", "empire", "economy", "religion", "life",
    "lives", "death", "time", "times", "age", "europe", "europa", "america", "modern",
    "early", "social", "political", "cultural", "economic", "gesellschaft", "politik",
    "kultur", "staat", "krieg", "frieden", "leben", "zeit", "welt", "macht", "storia",
    "histoire", "société", "politique", "guerre", "società", "politica", "guerra", "vita",
    "stalinism", "communism", "socialism", "fascism", "capitalism", "marxism", "terror",
    "trouble", "order", "origins", "introduction", "handbook", "handbuch", "reader",
    "encyclopedia", "dictionary", "lexikon", "conspiracy", "purges", "gulag",
    # Months, which stand before years as names do ("21 January 1937").
    "january", "february", "march", "july", "september", "october",
    "november", "december", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
    "janvier", "février", "avril", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio",
    "settembre", "ottobre", "dicembre", "spring", "summer", "autumn", "fall", "winter",
    "nr", "no", "heft", "ed", "eds", "hg", "hrsg", "dir", "trans", "transl", "übers",
    "accessed", "abgerufen", "retrieved", "available", "online", "quoted", "cited", "zit",
}
CONJUNCTIONS = lazy(r"\s*(?:/|;|\s&\s|\band\b|\bund\b|\bet\b|\be\b|\bi\b|\by\b|\bu\.|\bwith\b|\bed(?=\s)|\s[-–]\s)\s*")
ETAL = lazy(r"[,\s]*(?:et\s+al\.?|u\.\s?a\.?|i\s+dr\.?|и\s+др\.?|e\s+altri|et\s+alii|and\s+others)\s*$", re.IGNORECASE)

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-Ω"
_LOWER = "a-zß-öø-ÿā-ſа-яёα-ω"
INITIAL = lazy(rf"^(?:[{_UPPER}][{_LOWER}]?\.(?:[-‐]?[{_UPPER}][{_LOWER}]?\.)*|[{_UPPER}]\.?)$")
WORD = lazy(rf"^(?:(?:Mc|Mac|O[’']|D[’']|d[’']|L[’'])?[{_UPPER}][{_LOWER}’'{_UPPER}]*(?:[-‐][{_UPPER}]?[{_LOWER}’']+)*\.?)$")


#: Particles written with a capital inside a name: Jacques Le Goff, Charles De Gaulle, Vincent Van Gogh.
CAPITAL_PARTICLES = {"Le", "La", "De", "Du", "Di", "Da", "Van", "Von", "Del", "Della", "Des", "Dos", "Van der", "Ter", "Ten"}


@lru_cache(maxsize=8192)
def _token_kind(token: str, inside: bool = False) -> str | None:
    """``initial``, ``particle``, ``word`` or None (not part of a personal name).

    ``inside`` is true for a token that follows another token of the same name, where a
    capitalised particle (Le Goff) belongs to the family name rather than starting a title.
    """
    if token in PARTICLES or token.lower() in PARTICLES and token[:1].islower():
        return "particle"
    if inside and token in CAPITAL_PARTICLES:
        return "particle"
    if INITIAL.match(token):
        return "initial"
    if token.lower().rstrip(".") in NOT_NAMES or any(part in NOT_NAMES for part in token.lower().split("-")[1:]):
        return None
    if token.endswith(("’s", "'s", "s’", "s'")):
        return None
    if WORD.match(token) and not token.endswith(".") and not token.isupper() or (
        WORD.match(token) and token.isupper() and len(token) > 3 and "." not in token
    ):
        return "word"
    return None


@lru_cache(maxsize=8192)
def is_person(text: str) -> bool:
    """True when ``text`` reads as one personal name (``Ivo Banac``, ``W. J. Chase``, ``Weber``)."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5:
        return False
    if len(tokens) >= 2 and tokens[0] in CAPITAL_PARTICLES and all(_token_kind(t, inside=True) for t in tokens[1:]):
        return True  # "Le Roy Ladurie", "De Felice": a family name written alone
    kinds = [_token_kind(t, inside=i > 0) for i, t in enumerate(tokens)]
    if None in kinds:
        return False
    if kinds[-1] == "particle":
        return False
    return "word" in kinds


@lru_cache(maxsize=16384)
def split_people(text: str) -> tuple[tuple[str, ...], bool] | None:
    """Split ``text`` into personal names, or None if it is not a list of names.

    Returns ``(names, et_al)``. Cached: a manuscript names the same authors again and again.
    """
    text = text.strip().rstrip(",")
    et_al = False
    m = ETAL.search(text)
    if m:
        et_al = True
        text = text[: m.start()].strip().rstrip(",")
    if not text or _DIGIT.search(text):
        return None
    parts = [p for p in CONJUNCTIONS.split(text) if p and p.strip()]
    # "A, B and C": commas between names, only when a conjunction ends the list.
    names: list[str] = []
    for part in parts:
        pieces = [x.strip() for x in part.split(",") if x.strip()]
        names.extend(pieces)
    if len(parts) == 1 and len(names) > 1 and not all(INITIAL.match(n.split()[0]) for n in names):
        # "Family, Given" or a title with commas: not a plain list (but "В. Данилова, Р. Маннинга"
        # — every name led by an initial — is one).
        return None
    # "G. e L. Cozzi", "John and Anne C. Tedeschi": a first name given by initials or alone
    # shares the family name of the next one.
    names = [
        f"{n} {names[i + 1].split()[-1]}"
        if i + 1 < len(names) and len(parts) > 1 and (INITIAL.match(n) or " " not in n) and is_person(names[i + 1])
        and len(names[i + 1].split()) > 1 and not is_person(n)
        else n
        for i, n in enumerate(names)
    ]
    if not names or not all(is_person(n) for n in names):
        return None
    return tuple(names), et_al


def person(text: str) -> dict[str, str]:
    """``Ivo Banac`` → ``{"family": "Banac", "given": "Ivo"}``; particles stay with the family name."""
    tokens = text.split()
    if len(tokens) == 1 or tokens[0] in CAPITAL_PARTICLES:
        return {"family": " ".join(tokens)}
    # Family name: the last word, with any particles right before it; a capitalised particle
    # inside the name starts a compound family name (Emmanuel Le Roy Ladurie).
    k = len(tokens) - 1
    while k - 1 >= 1 and _token_kind(tokens[k - 1], inside=True) == "particle":
        k -= 1
    for i in range(1, k):
        if tokens[i] in CAPITAL_PARTICLES:
            k = i
            break
    given = " ".join(tokens[:k])
    family = " ".join(tokens[k:])
    # All-initials given names after the family name (``Chase W. J.``) are rare in notes.
    return {"family": family, "given": given}


def inverted(family: str, given: str) -> dict[str, str]:
    """``Family, Given`` with particles written after the given name (``Given von``)."""
    given_tokens = given.split()
    particles: list[str] = []
    while given_tokens and given_tokens[-1] in PARTICLES and given_tokens[-1][:1].islower():
        particles.insert(0, given_tokens.pop())
    fam = " ".join(particles + [family.strip()])
    return {"family": fam, "given": " ".join(given_tokens)} if given_tokens else {"family": fam}


def parse_people(text: str) -> list[dict[str, str]] | None:
    """A name list → CSL names, or None. "et al." is dropped: CSL has no name for "others"
    (citeproc would print it as a person), and the named people are what can be checked."""
    split = split_people(text)
    if split is None:
        return None
    names, _et_al = split
    return [person(n) for n in names]


_WORD_TOKEN = rf"[{_UPPER}][{_LOWER}]+(?:[‐-][{_UPPER}][{_LOWER}]+)?"
_INITIAL_TOKEN = rf"[{_UPPER}]\.(?:[‐-]?[{_UPPER}]\.)*"
_PARTICLE_TAIL = r"(?:\s(?:von|van|de|di|da|van der|von der|de la|du|des))?"
#: A particle written before a family name in a bibliography ("von Oertzen, Peter").
_FAMILY_PARTICLE = r"(?:(?:von|van|de|di|da|van der|von der|de la|del|della)\s)?"
INVERTED_LIST = lazy(
    rf"^(?P<family>{_FAMILY_PARTICLE}[{_UPPER}][\w’'‐-]+),\s+"
    # Given names: full names, then initials, then (J. Arch.) one more name closed by a period.
    rf"(?P<given>(?:{_WORD_TOKEN}(?:\s+{_WORD_TOKEN}){{0,2}}(?:\s*{_INITIAL_TOKEN})*|(?:\s*{_INITIAL_TOKEN})+(?:\s{_WORD_TOKEN}(?=\.|\s*[(:,]))?){_PARTICLE_TAIL})"
    rf"(?=\s*(?:[,.:;(/]|\s(?:and|&|und|et)\s|$)|(?<=\.)\s+(?=[{_UPPER}“‘'\"«„])|\s+(?:u\.\s?a\.|et\s+al))"
)


#: "et al." / "u. a." after a list of names ("Vester, Michael u.a. (2001)").
ETAL_AFTER_NAMES = lazy(r"[,\s]*(?:et\s+al\.?|u\.\s?a\.)", re.IGNORECASE)
#: Further names after the first inverted one: ", and Given Family", " and Family, Given",
#: ", Family, G.", " & Family, G.", "/Family, Given".
MORE_INVERTED = lazy(
    rf"\s*(?:,\s*(?:and|&|und|et)?|\s(?:and|&|und|et)|;|/)\s*"
    rf"(?P<name>{_FAMILY_PARTICLE}(?:[{_UPPER}][\w’'.‐-]*\s?){{1,4}}?(?:,\s+(?:[{_UPPER}][{_LOWER}]*\.?[-‐\s]*){{1,3}})?)"
    rf"(?=\s*(?:[,.:;(/]|\s(?:and|&|und|et)\s|$))"
)


def parse_inverted_list(text: str) -> tuple[list[dict[str, str]], int] | None:
    """Bibliography-style names at the start of ``text``.

    ``Rogovin, Vadim.``; ``Weber, Hermann, and Ulrich Mählert.``; ``Chase, W. J., & Smith, A.``
    Returns (names, end offset of the names in ``text``) or None.
    """
    m = INVERTED_LIST.match(text)
    if not m:
        return None
    given = m.group("given").strip()
    family = m.group("family").strip()
    if not given or not is_person(f"{given} {family}".replace("-", " ")) and not INITIAL.match(given.replace(" ", "")):
        return None
    if _token_kind(family.split()[-1]) != "word":
        return None
    people = [inverted(family, given)]
    pos = m.end()
    while True:
        mm = MORE_INVERTED.match(text, pos)
        if not mm:
            break
        name = mm.group("name").strip()
        if name.endswith(".") and not re.search(r"(?:^|[\s,.‐-])[^\W\d_]\.$", name):
            name = name[:-1]  # a sentence period, not an initial's
        if "," in name:
            fam, giv = [x.strip() for x in name.split(",", 1)]
            if not is_person(f"{giv} {fam}"):
                break
            people.append(inverted(fam, giv))
        elif is_person(name):
            people.append(person(name))
        else:
            break
        pos = mm.end()
    tail = ETAL_AFTER_NAMES.match(text, pos)
    if tail:
        pos = tail.end()
    return people, pos
