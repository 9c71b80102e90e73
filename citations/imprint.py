"""Publication data ("imprint"): place, publisher and year, in the forms notes write them.

"Place: Publisher Year", "(Place: Publisher, Year)", "Paris, Gallimard, 2002", "Berlin 2001",
"Publisher, Year" (MLA), ". Publisher." (APA), "(n.p., n.d.)", a reprint in the imprint, and a
place alone after an author-date year. :func:`find_imprint` finds the block that closes a
reference and says what it holds; the note parser (:mod:`citations.parse`) calls it on what is
left of a reference once names, title and locator are read.
"""

from __future__ import annotations

import re
from typing import Any

from citations.lazy import lazy
from citations.clean import depth_map
from citations.data import any_entry
from citations.locators import YEAR, search_tail
from citations.places import is_known_place
from citations.split import PROSE_WORDS

_UP = "A-ZÄÖÜÀ-ÞĀ-ſА-ЯЁΑ-Ω"
_PW = rf"(?:СПб\.|[{_UP}][\w'’\-]*|[{_UP}][a-zäöüа-яё]{{0,2}}\.|St\.|a\.\s?M\.?|a\.\s?d\.|i\.\s?Br\.|am|an|im|bei|upon|on|sur|del|de|di|la|le|Main|Oder|u\.\s?a\.|etc\.)"
PLACE = (
    rf"(?:{_PW}(?:[ ]{_PW}){{0,3}}(?:\s*\([^()]{{2,20}}\))?"
    rf"(?:\s*(?:/|–|-|;|\band\b|&|\bu\.|\bund\b|\bet\b|\be\b)\s*{_PW}(?:[ ]{_PW}){{0,3}}){{0,3}}"
    rf"(?:,\s*(?:[A-Z]{{2}}|Mass\.|Calif\.|Conn\.|N\.\s?J\.|N\.\s?Y\.|Ill\.|Mich\.|Md\.|Pa\.|Ind\.|Wis\.|Minn\.|Ont\.|N\.C\.|Va\.))?)"
)
YEAR_ED = rf"(?P<year>{YEAR}[a-z]?)(?:\s*[-–]\s*{YEAR})?(?:\s*\[(?P<orig>{YEAR})\])?"
#: "(Place: Publisher, Year)" — Chicago notes.
PUB_PAREN = lazy(
    rf"\((?P<place>{PLACE})\s*:\s*(?P<pub>[^():]+?),?\s+{YEAR_ED}\)"
    rf"|\((?P<place2>{PLACE}),\s+{YEAR_ED.replace('year', 'year2').replace('orig', 'orig2')}\)"
)
#: "Place: Publisher Year" / "Place: Publisher, Year" — also "Publisher: Place"? no.
PUB_COLON = lazy(
    rf"(?:^|(?<=[,.?!])\s+|\s+//\s+|(?<=[”\"»])\s+)(?P<place>{PLACE})\s*:\s*(?P<pub>[^:;]+?),?\s+{YEAR_ED}(?=$|[\s,.;)])"
)
#: "Place: Publisher" with the year elsewhere (APA, MLA).
PUB_COLON_NOYEAR = lazy(rf"(?:^|(?<=[,.?!])\s+)(?P<place>{PLACE})\s*:\s*(?P<pub>[^:;,]+?)\.?$")
#: "Paris, Gallimard, 2002" — French and Italian notes.
PUB_COMMAS = lazy(rf"(?:^|,\s+)(?P<place>{PLACE}),\s+(?P<pub>[^,()]{{2,60}}?),\s+{YEAR_ED}$")
#: "Berlin 2001", "Moscow 2018", "Frankfurt a. M. 1990" — German notes without a publisher.
PUB_PLACE_YEAR = lazy(rf"(?:^|,\s+|[.?!]\s+)(?P<place>{PLACE}),?\s+{YEAR_ED}$")
#: "Yale University Press, 2001" — MLA: publisher and year, no place.
PUB_PUBLISHER_YEAR = lazy(rf"(?:^|(?P<sep>[,.])\s+)(?P<pub>[{_UP}][^,.:;()]{{1,60}}?),\s+{YEAR_ED}$")
#: "…. Simon & Schuster" — APA 7: the publisher alone closes the reference (the year came first).
PUB_PUBLISHER_ONLY = lazy(rf"\.\s+(?P<pub>[{_UP}][^.:;()\d]{{1,60}}?)$")
PLACE_ONLY = lazy(rf"(?:,|\.)\s+(?P<place>{PLACE})\.?$")
YEAR_ONLY = lazy(rf"(?:^|[,.(]\s*|\s+){YEAR_ED}\)?$")

def publisher_words() -> re.Pattern[str]:
    """Any word that marks a publisher's name (``citations/data/publishers.txt``), as a whole
    word; built on first use."""
    return any_entry("publishers.txt")


#: "(n.p., n.d.)", "o. O. u. J.", "s.l., s.d.": the reference says it has no place or date.
NO_IMPRINT = lazy(
    r"[,.]?\s*\(?\b(?:n\.\s?p\.|s\.\s?l\.|o\.\s?O\.)(?:,?\s*(?:u\.\s*)?(?:n\.\s?d\.|s\.\s?d\.|o\.\s?J\.))?\)?"
    r"|[,.]?\s*\(?\b(?:n\.\s?d\.|s\.\s?d\.|o\.\s?J\.)\)?"
)


#: "(New York: Knopf, 1973; repr., Oxford: Oxford University Press, 1980)": the edition cited is
#: the reprint; the first imprint gives the original date.
REPRINT = lazy(
    rf"\((?P<first>[^();]*?\b(?P<orig>{YEAR})[^();]*);\s*(?:repr(?:int(?:ed)?)?\.?|rpt\.|Nachdr(?:uck)?\.?|reimpr\.?|réimpr\.?|ristampa)"
    rf"\s*(?:,|by|in)?\s*(?P<second>[^();]*?)\)"
)


def take_reprint(text: str) -> tuple[str, int | None]:
    """"(New York: Knopf, 1973; repr., Oxford: OUP, 1980)" → the text with the reprint's imprint
    only ("(Oxford: OUP, 1980)"), and the original year (1973); ``(text, None)`` without one."""
    m = REPRINT.search(text) if ";" in text else None
    if not m:
        return text, None
    return text[: m.start()] + f"({m.group('second').strip()})" + text[m.end() :], int(m.group("orig"))


def take_no_imprint(text: str) -> tuple[str, str | None]:
    """"… (n.p., n.d.)" at the end → the text before it and the words ("n.p., n.d.")."""
    if text.rstrip(" .")[-1:] not in ("p", "l", "O", "d", "J", ")"):
        return text, None  # the words end the text, so its last letter is one of theirs
    m = search_tail(NO_IMPRINT, text, 24)
    if m and m.end() >= len(text.rstrip(" .")):
        return text[: m.start()].rstrip(" ,."), m.group(0).strip(" ,.()")
    return text, None


def find_imprint(text: str, year_known: bool = False) -> tuple[str, dict[str, Any], str]:
    """Find the publication block: (text before it, fields, text after it)."""
    reprinted, original = take_reprint(text)
    if original is not None:
        before, fields, after = find_imprint(reprinted, year_known)
        if fields:
            fields["original-date"] = {"date-parts": [[original]]}
            return before, fields, after
    rest, no_imprint = take_no_imprint(text)
    if no_imprint is not None:
        return rest, {"note": no_imprint}, ""
    m: re.Match[str] | None
    for m in reversed(list(PUB_PAREN.finditer(text))):
        fields = _pub_fields(m)
        if fields:
            return text[: m.start()].rstrip(" ,."), fields, text[m.end() :].strip(" ,.")
    candidates = []
    depth = depth_map(text)
    for rx in (PUB_COLON, PUB_COMMAS, PUB_PLACE_YEAR, PUB_PUBLISHER_YEAR, PUB_COLON_NOYEAR):
        # Publication data closes a reference: the end-anchored patterns need only its tail.
        start = 0 if rx is PUB_COLON else max(0, len(text) - 160)
        for m in rx.finditer(text, start):
            if depth[m.start()] != 0 and text[m.start()] not in "([":
                continue
            fields = _pub_fields(m)
            if fields:
                candidates.append((m, fields, rx))
        # A "Place: Publisher Year" that the text goes on after ("Internal Colonialism: The Celtic
        # Fringe …, 1536–1966. London: Routledge") yields to a later block that ends the text.
        if candidates and (rx is not PUB_COLON or max(c[0].end() for c in candidates) >= len(text.rstrip(" .)")) - 2):
            m, fields, rx = max(candidates, key=lambda c: c[0].start())
            # Prefer the match that ends the text: publication data closes a book reference.
            before = text[: m.start()].rstrip(" ,.")
            # "Frankfurt/M., New York: Campus": places listed with a comma.
            head = text[: m.start()].rstrip()
            if "publisher-place" in fields and head.endswith((",", ";")):
                previous = re.split(r"[,;]\s+|\.\s+", head.rstrip(",; "))[-1]
                if is_known_place(previous):
                    fields["publisher-place"] = f"{previous}, {fields['publisher-place']}"
                    before = head.rstrip(",; ")[: -len(previous)].rstrip(" ,.")
            return before, fields, text[m.end() :].strip(" ,.")
    m = search_tail(YEAR_ONLY, text)
    if m:
        return text[: m.start()].rstrip(" ,.("), {"issued": {"date-parts": [[int(m.group("year")[:4])]]}}, ""
    m = PUB_PUBLISHER_ONLY.search(text) if year_known else None
    if m and _plausible_publisher(m.group("pub")):
        key = "publisher-place" if is_known_place(m.group("pub")) else "publisher"
        return text[: m.start()].rstrip(" ,."), {key: m.group("pub").strip()}, ""
    m = search_tail(PLACE_ONLY, text)
    if m and is_known_place(m.group("place")):
        # "…, Frankfurt a. M." — the year stood before the title (author-date references).
        place = m.group("place").strip()
        if re.search(r"\b[A-Z]$", place):
            place += "."  # "Frankfurt a. M." lost its period with the reference's final one
        return text[: m.start()].rstrip(" ,."), {"publisher-place": place}, ""
    return text, {}, ""


def _pub_fields(m: re.Match[str]) -> dict[str, Any]:
    g = m.groupdict()
    place = (g.get("place") or g.get("place2") or "").strip(" ,")
    pub = (g.get("pub") or "").strip(" ,")
    year = g.get("year") or g.get("year2")
    fields: dict[str, Any] = {}
    if place:
        if not _plausible_place(place):
            return {}
        fields["publisher-place"] = place
    if pub:
        if re.search(r"\d{3}|[“”\"«»]|[a-zäöü]{2}\.\s+[A-ZÄÖÜ]", pub) or len(pub.split()) > 8 or not re.search(r"[^\W\d_]", pub):
            return {}
        tail = pub.rsplit(",", 1)
        if len(tail) == 2 and is_known_place(tail[1].strip()):
            return {}  # "Venice: A Maritime Republic, Baltimore-London 1973": a subtitle, then the place
        fields["publisher"] = pub
    if year:
        fields["issued"] = {"date-parts": [[int(year[:4])]]}
        orig = g.get("orig") or g.get("orig2")
        if orig:
            fields["original-date"] = {"date-parts": [[int(orig)]]}
    if m.re is PUB_PLACE_YEAR.compiled() and not is_known_place(place):
        if not _known_place_shape(place):
            return {}
        if "," in m.group(0).rstrip(",").rsplit(place, 1)[-1]:
            # "Culture and Imperialism. Knopf, 1993": MLA's publisher, comma, year.
            return {"publisher": place, "issued": fields["issued"]} if _plausible_publisher(place) else {}
    if m.re is PUB_PUBLISHER_YEAR.compiled() and not (publisher_words().search(pub) or m.group("sep") == "." and _plausible_publisher(pub)):
        return {}
    if m.re is PUB_COMMAS.compiled() and not (publisher_words().search(pub) or len(pub.split()) <= 3 or is_known_place(place)):
        return {}
    return fields


def _plausible_publisher(pub: str) -> bool:
    """"Knopf", "Simon & Schuster", "U of Chicago P", "Oxford University Press" — not a sentence."""
    words = pub.split()
    if not words or len(words) > 6 or PROSE_WORDS.search(pub) and not publisher_words().search(pub):
        return False
    return all(w[0].isupper() or w in {"&", "and", "of", "de", "für", "und", "the", "für"} or w[0] == "-" for w in words)


def _plausible_place(place: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’.-]*", place)
    if not words or len(words) > 8:
        return False
    lowers = [w for w in words if w[0].islower() and "." not in w and w not in {"am", "an", "im", "bei", "u.a.", "u. a.", "etc.", "upon", "on", "sur", "del", "de", "di", "la", "le", "a.", "d.", "i.", "u.", "and", "und", "et", "e"}]
    return not lowers


def _known_place_shape(place: str) -> bool:
    """"Berlin", "New York", "Frankfurt a. M.", "St. Petersburg", "М." — not "Terror", "Stalin"."""
    return len(place.split()) <= 4 and not re.search(r"\d", place)
