"""Distinct works: the full citations of a manuscript with every note that cites them.

A work cited in full in note 4, as a short form in note 9 and as Ibid. in note 10 is one
:class:`Work` with three occurrences. Look-ups, reference lists and bibliography matching
all work on distinct works, so a book cited in twelve notes is handled once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from citations.csl import family_names, fold  # noqa: F401  (their home; re-exported)
from citations.model import FULL, Citation, Manuscript


def identity(citation: Citation) -> tuple:
    """What makes two full citations the same work (folios and pages do not)."""
    if citation.archival is not None:
        a = citation.archival
        return ("archival", a.repository, a.fond, a.opis, a.delo)
    csl = citation.csl
    title = fold(csl.get("title") or "")
    return ("work", family_names(csl), title, fold(csl.get("container-title") or ""))


@dataclass
class Work:
    """One cited work: its first full citation and every (note, citation index) citing it."""

    ref: tuple[int, int]
    citation: Citation
    occurrences: list[tuple[int, int]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.ref[0]}.{self.ref[1]}"


def distinct_works(manuscript: Manuscript) -> list[Work]:
    """The distinct works cited, in order of first citation.

    Full citations with the same :func:`identity` fold into one work; Ibid. and short forms
    join the work of the citation they resolve to. Unresolved and unparsed citations are not
    works.
    """
    works: list[Work] = []
    by_identity: dict[tuple, Work] = {}
    by_ref: dict[tuple[int, int], Work] = {}
    for note in manuscript.notes:
        for i, c in enumerate(note.citations):
            ref = (note.number, i)
            if c.kind == FULL:
                key = identity(c)
                work = by_identity.get(key)
                if work is None:
                    work = Work(ref, c)
                    by_identity[key] = work
                    works.append(work)
                work.occurrences.append(ref)
                by_ref[ref] = work
            elif c.resolves_to is not None and c.resolves_to in by_ref:
                work = by_ref[c.resolves_to]
                work.occurrences.append(ref)
                by_ref[ref] = work
    return works
