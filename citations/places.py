"""Common places of publication, for the reference forms where nothing else marks a place.

"Berlin 2001", "Torino 1976", "…, Frankfurt a. M." (year given elsewhere): a capitalised word
before a year is usually a place, but can also end a title ("Stalin und die Deutschen 2006"
is rare, "Moskau 1937" in a title is not). Where the form alone cannot tell, a place found in
this list decides. The list holds the towns that scholarly publishing concentrates in, in the
spellings notes use (English, German, French, Italian, Russian transliterated and Cyrillic); it
is data, ``citations/data/places.txt``, whose header says where it came from.
"""

from __future__ import annotations

import re
from functools import cache

from citations.data import entries


@cache
def places() -> frozenset[str]:
    """The listed places (``citations/data/places.txt``), read on first use."""
    return frozenset(entries("places.txt"))


def __getattr__(name: str) -> frozenset[str]:
    # ``PLACES`` is read from the data file when first asked for, not when this module loads.
    if name == "PLACES":
        return places()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_STRIP = re.compile(r"\s*(?:\(.*?\)|a\.\s?M\.?|am\s+Main|an\s+der\s+\w+|/M\.?|i\.\s?Br\.|im\s+Breisgau|/Main|,\s*[A-Z]{2}|,\s*Mass\.|,\s*Calif\.)\s*$")


def is_known_place(text: str) -> bool:
    """True when every place in ``text`` ("Berlin/Boston", "Venezia-Roma", "Frankfurt a. M.") is listed."""
    parts = re.split(r"\s*(?:/|–|;|,(?=\s*[A-ZÄÖÜ][a-zäöü])|\band\b|&|\bu\.|\bund\b|\bet\b|\be\b|-(?=[A-ZÄÖÜ]))\s*", text.strip())
    found = False
    for part in parts:
        part = _STRIP.sub("", part).strip(" ,")
        if not part:
            continue
        if part not in places():
            return False
        found = True
    return found
