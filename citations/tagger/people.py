"""The people in a span the labeller marked as names: "Romero, C., Paunesku, D., & Dweck, C.",
"Pérez-Higueras JJ, Arias A", "Hobsbawm, Eric, and Terence Ranger", "Иванов И. И.", "World Bank".

The labeller has already decided that the span holds names, so this only has to tell where one
person ends and the next begins and which part is the family name — by the forms name lists
take: separators (and, &, und, et, e, y, и, ;, /), inverted pairs ("Family, Given"), initials
after the family name ("Smith JA", "Heidegger M."), natural order ("E. P. Thompson"), particles
("de la Macorra", "van der Linden"). A span that reads as an institution is one literal name.
"""

from __future__ import annotations

import re

from citations.lazy import lazy
from citations.caseless import Caseless
from citations.given_names import GIVEN_NAMES

_ROLE = Caseless(
    r"\(\s*(?:eds?|editors?|hrsg|hg|hgg|dir|éds?|coord|comp|red|ред|trans|transl|tr|übers|a\s+cura\s+di)\.?\s*\)"
    r"|\[\s*(?:eds?|hrsg|hg)\.?\s*\]"
    r"|^\s*(?:in|dans|en|w|в)\s*:?\s+(?=\S)"
    r"|\b(?:edited|translated|compiled|introduced|selected)\s+(?:and\s+\w+\s+)?by\b"
    r"|\bwith\s+(?:(?:contributions?|assistance|help)\s+(?:from|by|of)|the\s+(?:assistance|collaboration)\s+of)\b"
    r"|\b(?:ed|eds|hrsg|hg|hgg|dir|éd|éds|coord|comp|trans|transl|trad|übers|tr)\.(?:\s*(?:v|von|by|de|di|par|and\s+trans)\.?)?"
    r"|\b(?:herausgegeben|übersetzt|besorgt|traduit|tradotto|traducido)\s+(?:von|par|da|por)\b"
    r"|\b(?:sous\s+la\s+direction\s+de|dirigé\s+par|a\s+cura\s+di|под\s+ред(?:акцией|\.)|pod\s+red\.|пер\.\s*с\s+\w+\.?)"
    r"|\b(?:editor|editors|edited|eds|ed|Hrsg|Hg|by|von)\b(?=\s*[,.:]?\s*$)"
)
_ETAL = Caseless(r"[,\s]*\b(?:et\s*al|u\.\s?a|и\s+др|i\s+dr|e\s+altri|et\s+alii|and\s+others|others)\b\.?")
_SEPARATORS = lazy(r"\s*(?:;|\s&\s|&|\band\b|\bund\b|\bet\b|\be\b|\by\b|\bи\b|\bi\b|(?<=\w)\s*/\s*(?=\w)|\s[–—]\s)\s*")
_INITIALS = lazy(r"^(?:[A-ZÀ-ÞĀ-ſА-ЯЁ][a-zа-яё]?\.?[-‐]?)+$")
_INITIALS_NODOT = lazy(r"^[A-ZÀ-ÞА-ЯЁ]{1,3}$")
_PARTICLES = {"von", "van", "der", "den", "de", "di", "da", "del", "della", "des", "du", "la", "le", "zu", "vom", "zur", "dos", "das", "ten", "ter", "d'", "l'", "dei", "degli", "y", "bin", "ibn", "al"}
_INSTITUTION = Caseless(
    r"\b(?:Commission|Committee|Bank|Council|Ministry|Ministerium|Office|Bureau|Department|Agency|"
    r"Organi[sz]ation|Programme|Program|Institute|Institut|Association|Society|Foundation|Stiftung|"
    r"Nations|Union|Party|Partei|Parliament|Government|Regierung|Senate|Congress|Academy|Akademie|"
    r"Center|Centre|Gesellschaft|Verein|Amt|Fund|Service|Court|University|Universität|Université|"
    r"Library|Museum|Archive|Archives|Group|Team|Project|Consortium|Network|Board|Authority|Corporation|"
    r"Inc|Ltd|GmbH|Wikipedia|Contributors|Staff|Team|Collective|Core|Development)\b"
)
_WORD = lazy(r"\S+")
_FAMILY_INITIALS = lazy(r"^(?:\w+\s+)*[\w'’-]{2,}\s+[A-ZÀ-ÞА-ЯЁ]{1,3}\.?$")


def _is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word)) and (word.endswith(".") or len(word) <= 2 or "." in word or "-" in word)


def _whole_name(text: str) -> bool:
    """A name that needs nothing after a comma: "Thomas A Caswell", "J. R. Smith" (given name
    or initials first, then more), "Karthikeyan NG" (a family name with its initials)."""
    words = text.split()
    if len(words) < 2 or words[0].lower() in _PARTICLES:  # "Le Goff", "de Certeau": a family name
        return False
    return words[0].rstrip(".") in GIVEN_NAMES or _is_initials(words[0]) or bool(_FAMILY_INITIALS.match(text))


def _given_like(text: str) -> bool:
    """"C.", "J. A.", "Eric", "Jean-Paul", "JA", "Michel de": what stands after the comma of an
    inverted name."""
    words = text.split()
    while len(words) > 1 and words[-1].lower() in _PARTICLES:
        words.pop()
    if not words or len(words) > 3:
        return False
    return all(
        _is_initials(w) or _INITIALS_NODOT.match(w) or w.rstrip(".") in GIVEN_NAMES
        or (w[:1].isupper() and w[1:].replace("-", "").isalpha() and w[1:].islower() and len(words) <= 2)
        for w in words
    )


def _natural(text: str) -> dict[str, str]:
    """One person written given name first, or family name first with initials after."""
    words = text.split()
    if not words:
        return {}
    if len(words) == 1:
        return {"family": words[0]}
    # "Smith JA", "Heidegger M.", "Иванов И. И.": family name, then initials.
    if not _is_initials(words[0]) and all(_is_initials(w) or _INITIALS_NODOT.match(w) for w in words[1:]) \
            and not (len(words) == 2 and words[1].isupper() and len(words[1]) > 3):
        return {"family": words[0], "given": " ".join(words[1:])}
    if _INITIALS_NODOT.match(words[-1].rstrip(".")) and not any(_is_initials(w) for w in words[:-1]):
        return {"family": " ".join(words[:-1]), "given": words[-1].rstrip(".")}  # "de la Macorra JC"
    # Given names, then the family name with any particles before it.
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES:
        k -= 1
    if k >= 1 and words[k - 1].lower() in _PARTICLES and k - 1 >= 1:
        k -= 1
    given = " ".join(words[:k])
    family = " ".join(words[k:])
    return {"family": family, "given": given} if given else {"family": family}


def _inverted(family: str, given: str) -> dict[str, str]:
    given = given.strip(" ,.") + ("." if given.strip(" ,").endswith(".") else "")
    given_words = given.split()
    # "Certeau, Michel de": particles after the given name belong to the family name.
    particles: list[str] = []
    while given_words and given_words[-1].lower() in _PARTICLES:
        particles.insert(0, given_words.pop())
    family = " ".join(particles + [family.strip(" ,")])
    given = " ".join(given_words)
    return {"family": family, "given": given} if given else {"family": family}


def split_names(span: str) -> list[dict[str, str]]:
    """The people named in ``span``; institutions as ``{"literal": …}``; [] for nothing."""
    text = _ROLE.sub(" ", span)
    text = _ETAL.sub("", text)
    text = " ".join(text.split()).strip(" ,;:()[]")
    if text.endswith(".") and not re.search(r"(?:^|[\s.-])[^\W\d_]{1,2}\.$", text):
        text = text[:-1]  # the period that ends the names, not an initial's ("William J.")
    text = text.strip(" ,;:()[]")
    if not text or not any(ch.isalpha() for ch in text):
        return []
    if _INSTITUTION.search(text) and not re.search(r",\s*[A-Z]\.", text):
        return [{"literal": text}]
    people: list[dict[str, str]] = []
    for part in _SEPARATORS.split(text):
        part = part.strip(" ,;:")
        if part.endswith(".") and not re.search(r"(?:^|[\s.-])[^\W\d_]{1,2}\.$", part):
            part = part[:-1]
        if not part:
            continue
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) == 1:
            people.append(_natural(pieces[0]))
            continue
        # "Pérez-Higueras JJ, Arias A": every piece a family name with its initials after it.
        if all(_FAMILY_INITIALS.match(p) for p in pieces):
            people.extend(_natural(p) for p in pieces)
            continue
        # Alternating "Family, Given, Family, Given" (each given part initials or given names),
        # unless what would be a family name is a whole name already ("Thomas A Caswell, Michael
        # Droettboom", "Karthikeyan NG, Arun Padmanabhan") or every piece is two words or more
        # ("Haley Di Pressi, Stephanie Gorman"): then the names are in natural order.
        if len(pieces) % 2 == 0 and all(_given_like(pieces[i]) for i in range(1, len(pieces), 2)) \
                and not any(_whole_name(pieces[i]) for i in range(0, len(pieces), 2)) \
                and not all(len(p.split()) >= 2 for p in pieces) \
                and not any(_is_initials(pieces[i].split()[0]) and len(pieces[i].split()) == 1 for i in range(0, len(pieces), 2)):
            people.extend(_inverted(pieces[i], pieces[i + 1]) for i in range(0, len(pieces), 2))
            continue
        # "Family, Given" then natural names ("Hobsbawm, Eric, Terence Ranger").
        if len(pieces) >= 2 and _given_like(pieces[1]) and len(pieces[0].split()) <= 3 and not people \
                and not _whole_name(pieces[0]) and not (len(pieces[0].split()) >= 2 and len(pieces[1].split()) >= 2) \
                and all(len(p.split()) >= 2 for p in pieces[2:]):
            people.append(_inverted(pieces[0], pieces[1]))
            people.extend(_natural(p) for p in pieces[2:])
            continue
        # Natural-order names separated by commas ("Eric Hobsbawm, Terence Ranger").
        people.extend(_natural(p) for p in pieces)
    # "G. e L. Cozzi", "J. and M. Smith": initials alone share the family name that follows.
    for k in range(len(people) - 1):
        lone = people[k]
        if "given" not in lone and _is_initials(lone.get("family", "")) and people[k + 1].get("given"):
            people[k] = {"family": people[k + 1]["family"], "given": lone["family"]}
    return [p for p in people if p.get("family") or p.get("literal")]
