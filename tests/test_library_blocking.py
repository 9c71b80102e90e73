"""Matching through the blocking index: each work is scored against a short list, and the short
list still holds the entry a work cites however it is written (no author, a misspelt author,
abbreviated title words, a subtitle left out, an identifier)."""

from __future__ import annotations

import random

from checkers.library import TITLE_SHORTLIST, LibraryEntry, _Index, match_library
from citations.model import Citation
from citations.works import Work

WORDS = ("revolution war peasants empire terror party state nation memory archive letters "
         "diaries workers famine soviet union germany france empire city village church press "
         "culture science army police court prison exile border trade money").split()


def crowd(n: int, seed: int = 5) -> list[LibraryEntry]:
    """``n`` invented books whose titles share the words above, by a few hundred authors."""
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 7))).capitalize()
        csl = {"type": "book", "title": title, "author": [{"family": f"Writer{chr(97 + i % 26)}{i % 300}"}],
               "issued": {"date-parts": [[1900 + i % 120]]}}
        entries.append(LibraryEntry(key=f"k{i}", csl=csl, source="big.bib"))
    return entries


TARGETS = [
    LibraryEntry("fitz", {"type": "book", "title": "Stalin's Peasants: Resistance and Survival in the Russian Village after Collectivization",
                          "author": [{"family": "Fitzpatrick", "given": "Sheila"}], "issued": {"date-parts": [[1994]]},
                          "ISBN": "9780195104592"}, "big.bib"),
    LibraryEntry("jgo", {"type": "book", "title": "Jahrbücher für Geschichte Osteuropas",
                         "editor": [{"family": "Schlögel", "given": "Karl"}], "issued": {"date-parts": [[2001]]}}, "big.bib"),
    LibraryEntry("kotkin", {"type": "book", "title": "Magnetic Mountain: Stalinism as a Civilization",
                            "author": [{"family": "Kotkin", "given": "Stephen"}], "issued": {"date-parts": [[1995]]}}, "big.bib"),
]


def work(n: int, csl: dict) -> Work:
    return Work((n, 0), Citation(text=str(csl), csl=csl))


def test_a_work_is_scored_against_a_short_list_not_the_library():
    index = _Index(crowd(5000) + TARGETS)
    csl = {"type": "book", "title": "Famine and terror in the soviet village", "author": [{"family": "Nobody"}]}
    assert len(index.shortlist(csl)) <= TITLE_SHORTLIST


def test_the_cited_entry_is_found_among_thousands_however_the_note_writes_it():
    entries = crowd(5000) + TARGETS
    works = [
        # no author at all, subtitle left out
        work(1, {"type": "book", "title": "Stalin's Peasants", "issued": {"date-parts": [[1994]]}}),
        # misspelt author, whole title
        work(2, {"type": "book", "title": "Magnetic Mountain: Stalinism as a Civilization",
                 "author": [{"family": "Kotkn"}], "issued": {"date-parts": [[1995]]}}),
        # abbreviated title words, editor named
        work(3, {"type": "book", "title": "Jb. f. Gesch. Osteuropas", "editor": [{"family": "Schlögel"}],
                 "issued": {"date-parts": [[2001]]}}),
        # an ISBN and a garbled title
        work(4, {"type": "book", "title": "Peasant Stalinism", "ISBN": "978-0-19-510459-2"}),
    ]
    match = match_library(works, entries)
    assert [m.entry.key if m.entry else None for m in match.matches] == ["fitz", "kotkin", "jgo", "fitz"]
    assert match.matches[3].candidate.method == "isbn"
