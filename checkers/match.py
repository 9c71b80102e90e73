"""Candidate vs citation, field by field: a score, the agreements and the differences.

Similarity comes from rapidfuzz; what this module adds is the normalisation a bibliographer
applies before comparing:

- titles are folded (case, diacritics, punctuation), transliterated (Cyrillic → Latin) and
  reduced to a *skeleton* that makes common transliteration variants equal
  (``Grečeskaja operacija`` = ``Grecheskaya operatsiya``); a title cited without its subtitle,
  or a record without one, still matches (subtitle-tolerant);
- author family names are compared the same way, each cited name against every name on the
  record;
- a different year is a *difference* (a reprint or a new edition), never a match; a record of
  a work with several editions matches a year any edition has;
- publishers lose their generic words (``Verlag``, ``Press``, ``GmbH``…), so ``Akademie`` ~
  ``Akademie Verlag`` and ``Yale University Press`` ~ ``Yale U.P.``; places are split
  (``New Haven/London``) and common exonyms unified (``München`` ~ ``Munich``).

The functions are pure; :func:`compare` is the entry point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from checkers.providers import Candidate
from checkers.result import Difference
from citations.csl import year_of as csl_year
from citations.translit import skeleton, transliterate  # noqa: F401  (transliterate re-exported)
from citations.works import fold

#: Title similarity (0–100) at or above which two titles are the same title.
TITLE_SAME = 90.0
#: Below this (but at or above TITLE_SAME) the titles are the same but spelled differently.
TITLE_SPELLING = 97.0
#: Name similarity at or above which two family names are the same name.
NAME_SAME = 92.0
#: Container-title (journal, edited volume) similarity for agreement.
CONTAINER_SAME = 85.0

_SUBTITLE = re.compile(r"\s*(?:[:.?!;]\s+|\s[–—-]\s)")
_PUBLISHER_NOISE = {
    "verlag", "verl", "verlagsbuchhandlung", "buchhandlung", "press", "pr", "p", "publishing",
    "publishers", "publisher", "pub", "publ", "books", "book", "co", "inc", "ltd", "llc", "gmbh",
    "kg", "ag", "company", "editions", "edition", "editore", "editrice", "editorial", "the", "and",
    "und", "of", "sons", "son", "group", "media", "imprint", "an", "limited", "a", "s",
}
_PUBLISHER_ALIASES = {"university": "u", "univ": "u", "universitaet": "u", "universitat": "u", "up": "u"}
_EXONYMS = {
    "munchen": "munich", "koln": "cologne", "wien": "vienna", "moskva": "moscow", "moskau": "moscow",
    "praha": "prague", "prag": "prague", "warszawa": "warsaw", "warschau": "warsaw", "roma": "rome",
    "firenze": "florence", "napoli": "naples", "milano": "milan", "lisboa": "lisbon",
    "kobenhavn": "copenhagen", "kopenhagen": "copenhagen", "athina": "athens", "athen": "athens",
    "genf": "geneva", "geneve": "geneva", "st petersburg": "saint petersburg",
    "sankt peterburg": "saint petersburg", "sankt petersburg": "saint petersburg",
    "leningrad": "saint petersburg", "zurich": "zurich", "frankfurt am main": "frankfurt",
    "frankfurt m": "frankfurt", "frankfurt a m": "frankfurt", "hague": "den haag", "the hague": "den haag",
}


# -- normalisation ------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def skeletons(text: str) -> frozenset[str]:
    """Spelling-tolerant forms of ``text`` for comparison: its one :func:`skeleton`
    (``Džucha`` = ``Dzhukha``, ``Hlevnjuk`` = ``Khlevniuk``)."""
    return frozenset((skeleton(text),))


def similarity(a: str, b: str) -> float:
    """0–100: how alike two strings are after folding and transliteration skeletons."""
    if not a or not b:
        return 0.0
    return max(fuzz.ratio(x, y) for x in skeletons(a) for y in skeletons(b))


def main_title(title: str) -> str:
    """The title without its subtitle: ``Enemies within the Gates? The Comintern…`` → ``Enemies within the Gates``."""
    parts = _SUBTITLE.split(title or "", maxsplit=1)
    return parts[0].strip() if parts and parts[0].strip() else (title or "")


def title_similarity(cited: str, found: str) -> float:
    """Title similarity, tolerant of a subtitle left out on either side."""
    score = similarity(cited, found)
    cited_main, found_main = main_title(cited), main_title(found)
    cited_has_sub = fold(cited_main) != fold(cited)
    found_has_sub = fold(found_main) != fold(found)
    if cited_has_sub != found_has_sub:
        # one side has no subtitle: compare the main titles
        main = similarity(cited_main if cited_has_sub else cited, found_main if found_has_sub else found)
        score = max(score, main)
    return score


def family(name: dict[str, Any]) -> str:
    """A CSL name's family name (for ``literal`` names, the last word)."""
    if name.get("family"):
        return str(name["family"])
    literal = str(name.get("literal") or "").strip()
    if "," in literal:
        return literal.split(",")[0]
    return literal.split(" ")[-1] if literal else ""


def names_of(csl: dict[str, Any], *roles: str) -> list[str]:
    names = []
    for role in roles:
        for n in csl.get(role) or []:
            if isinstance(n, dict) and family(n):
                names.append(family(n))
    return names


def same_name(a: str, b: str) -> bool:
    """Family names agree (``Mählert`` ~ ``Mahlert``, ``Džucha`` ~ ``Dzhukha``)."""
    if not a or not b:
        return False
    fa, fb = skeletons(a), skeletons(b)
    if fa & fb:
        return True
    # compound family names: "de Gruyter" / "Gruyter", "Müller-Lüdenscheidt" / "Müller"
    ta = {t for s in fa for t in s.split() if len(t) > 2}
    tb = {t for s in fb for t in s.split() if len(t) > 2}
    if ta and tb and (ta <= tb or tb <= ta):
        return True
    return similarity(a, b) >= NAME_SAME and min(len(a), len(b)) >= 5


def publisher_tokens(name: str) -> frozenset[str]:
    tokens = [_PUBLISHER_ALIASES.get(t, t) for t in fold(name).split()]
    return frozenset(t for t in tokens if t not in _PUBLISHER_NOISE)


def same_publisher(cited: str, found: str) -> bool:
    """``Akademie`` ~ ``Akademie Verlag``; ``Macmillan`` ~ ``Palgrave Macmillan``; ``Yale UP`` ~ ``Yale University Press``."""
    a, b = publisher_tokens(cited), publisher_tokens(found)
    if not a or not b:
        return fold(cited) == fold(found)
    if a <= b or b <= a:
        return True
    return fuzz.token_sort_ratio(" ".join(sorted(a)), " ".join(sorted(b))) >= 90


def places(value: str) -> list[str]:
    """``New Haven/London`` → ``["new haven", "london"]``, exonyms unified."""
    out = []
    for part in re.split(r"\s*(?:/|;|,|\band\b|\bund\b|&|\[|\])\s*", value or ""):
        folded = fold(part)
        if folded and len(folded) > 1:
            out.append(_EXONYMS.get(folded, folded))
    return out


def same_place(cited: str, found: str) -> bool:
    a, b = places(cited), places(found)
    if not a or not b:
        return False
    return any(x == y or fuzz.ratio(x, y) >= 88 for x in a for y in b)


def page_range(value: Any) -> tuple[int, int] | None:
    numbers = [int(n) for n in re.findall(r"\d+", str(value or ""))[:2]]
    if not numbers:
        return None
    first = numbers[0]
    last = numbers[1] if len(numbers) > 1 else first
    if last < first:  # "231-40" style
        width = len(str(last))
        last = int(str(first)[:-width] + str(last)) if width < len(str(first)) else first
    return first, last


def year_from_csl(csl: dict[str, Any]) -> int | None:
    return csl_year(csl)


# -- comparison ---------------------------------------------------------------------------

@dataclass
class Match:
    """How one candidate compares with a citation.

    ``same_work`` is true when title and names agree (the record is the cited work, maybe in
    another edition); ``differences`` lists every field that disagrees; ``unchecked`` the
    fields the record could not confirm (e.g. it names no author).
    """

    candidate: Candidate
    score: float
    title_score: float
    names_agree: bool | None
    same_work: bool
    differences: list[Difference] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        """Same work, nothing differs, and the names were confirmed (or none were cited)."""
        return self.same_work and not self.differences and self.names_agree is not None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def compare(cited: dict[str, Any], candidate: Candidate) -> Match:
    """Compare a cited CSL item with a candidate record, field by field."""
    found = candidate.csl
    differences: list[Difference] = []
    agreements: list[str] = []
    unchecked: list[str] = []
    weights: list[tuple[float, float]] = []

    # title
    title_score = title_similarity(cited.get("title") or "", found.get("title") or "")
    weights.append((0.5, title_score))
    if title_score >= TITLE_SPELLING:
        agreements.append("title")
    elif cited.get("title") and found.get("title"):
        differences.append(Difference("title", cited.get("title"), found.get("title")))

    # names
    cited_names = names_of(cited, "author") or names_of(cited, "editor")
    found_names = names_of(found, "author", "editor")
    names_agree: bool | None
    if not cited_names:
        names_agree = True
    elif not found_names:
        names_agree = None
        unchecked.append("author")
    else:
        missing = [n for n in cited_names if not any(same_name(n, f) for f in found_names)]
        # the first author found makes it the same work, with the others listed as a difference
        names_agree = not missing or (len(missing) < len(cited_names) and same_name_any(cited_names[0], found_names))
        if missing:
            role = "author" if names_of(cited, "author") else "editor"
            differences.append(Difference(role, ", ".join(cited_names), ", ".join(found_names)))
        else:
            agreements.append("author")
    weights.append((0.25, 100.0 if names_agree else 50.0 if names_agree is None else 0.0))

    # year: a different year is a different edition (or a wrong year), never a match
    cited_year = year_from_csl(cited)
    found_years = [y for y in _as_list(candidate.variants.get("year")) if isinstance(y, int)]
    found_year = year_from_csl(found)
    if cited_year:
        if found_years or found_year:
            pool = set(found_years) | ({found_year} if found_year else set())
            if cited_year in pool:
                agreements.append("year")
                weights.append((0.1, 100.0))
            else:
                nearest = min(pool, key=lambda y: (abs(y - cited_year), y))
                differences.append(Difference("year", cited_year, nearest))
                weights.append((0.1, 0.0))
        else:
            unchecked.append("year")

    # publisher and place (any edition's, for multi-edition records)
    for key, same in (("publisher", same_publisher), ("publisher-place", same_place)):
        mine = cited.get(key)
        theirs = [v for v in _as_list(candidate.variants.get(key)) + _as_list(found.get(key)) if v]
        if not mine:
            continue
        if not theirs:
            unchecked.append(key)
            continue
        if any(same(str(mine), str(t)) for t in theirs):
            agreements.append(key)
            weights.append((0.05, 100.0))
        else:
            differences.append(Difference(key, mine, theirs[0]))
            weights.append((0.05, 0.0))

    # container, volume, issue, pages (articles and chapters)
    if cited.get("container-title") and found.get("container-title"):
        score = title_similarity(cited["container-title"], found["container-title"])
        if score >= CONTAINER_SAME:
            agreements.append("container-title")
        else:
            differences.append(Difference("container-title", cited["container-title"], found["container-title"]))
        weights.append((0.1, score))
    for key in ("volume", "issue"):
        cited_value, found_value = cited.get(key), found.get(key)
        if cited_value and found_value:
            if fold(str(cited_value)) == fold(str(found_value)):
                agreements.append(key)
            else:
                differences.append(Difference(key, cited_value, found_value))
    if cited.get("page") and found.get("page"):
        mine_range, their_range = page_range(cited["page"]), page_range(found["page"])
        if mine_range and their_range:
            if their_range[0] <= mine_range[0] and mine_range[1] <= their_range[1]:
                agreements.append("page")
            else:
                differences.append(Difference("page", cited["page"], found["page"]))

    total = sum(w for w, _ in weights) or 1.0
    score = sum(w * s for w, s in weights) / total
    same_work = title_score >= TITLE_SAME and names_agree is not False
    return Match(candidate, round(score, 1), round(title_score, 1), names_agree, same_work,
                 differences, agreements, unchecked)


def same_name_any(name: str, others: list[str]) -> bool:
    return any(same_name(name, o) for o in others)


def distinct_records(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates describe different works (not two editions of one)."""
    ta, tb = a.csl.get("title") or "", b.csl.get("title") or ""
    if title_similarity(ta, tb) < TITLE_SAME:
        return True
    na, nb = names_of(a.csl, "author", "editor"), names_of(b.csl, "author", "editor")
    return bool(na and nb and not any(same_name(x, y) for x in na for y in nb))
