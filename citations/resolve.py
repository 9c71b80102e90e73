"""Ibid. and short forms → the full citation they repeat.

:func:`resolve` walks the notes in order, like eyecite's resolver, with one strategy per kind
(injectable for other conventions):

- **Ibid.** repeats the citation just before it: the previous citation in the same note, else
  the previous note's (last) citation. An unparsed citation, a note with no citation, or the
  first note breaks the chain: the Ibid. then resolves to nothing and says why in ``reason``
  (for people) and in ``resolution`` (a code for the checks, :data:`citations.model.Resolution`).
  After a note citing several sources it repeats the last, and ``resolution`` says so.
- **Short forms and op. cit.** repeat the earlier full citation whose authors and title words
  they share. Several different works matching is ambiguous: nothing is chosen and the
  candidates are listed in ``candidates``. Short forms by author alone ("Gaddis, 14.",
  "Tilly et al., 7.") repeat the nearest earlier work of those authors, ambiguous when they
  have several; a short form no note resolves is looked up in the manuscript's bibliography.

A resolved citation keeps its own fields and locator and reaches the full citation it repeats
through ``resolves_to`` and ``antecedent``; ``resolved_csl`` reads the work cited. Nothing is
dropped or copied.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Callable

from citations.csl import year_of
from citations.model import (
    AFTER_COMMENTARY, AFTER_SEVERAL, AFTER_UNPARSED, AFTER_UNRESOLVED, AMBIGUOUS,
    AMBIGUOUS_IN_BIBLIOGRAPHY, FIRST_NOTE, FULL, IBID, IN_BIBLIOGRAPHY, NO_MATCH, RESOLVED, SHORT,
    UNPARSED, Citation, Note, Resolution,
)
from citations.works import family_names, fold, identity

Ref = tuple[int, int]
Strategy = Callable[[Citation, Ref, "_History"], None]

STOPWORDS = {
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "der", "die", "das", "und", "zur",
    "zum", "im", "von", "le", "la", "les", "de", "des", "du", "et", "il", "lo", "di", "del",
    "della", "e", "el", "los", "y", "ein", "eine",
}


class _History:
    """Citations seen so far, in order, for the strategies to look back on."""

    def __init__(self) -> None:
        self.order: list[tuple[Ref, Citation]] = []
        self.by_ref: dict[Ref, Citation] = {}
        self.previous_note: Note | None = None
        self.current_note: Note | None = None
        self.current_index: int = 0
        #: folded word of an author's family name or of a title → full citations carrying it,
        #: so a short form is compared with the few citations that share a word, not with all.
        #: A work cited in full again and again is kept once per word (its first full citation,
        #: which is the one a short form resolves to), so the lists grow with the number of
        #: distinct works, not with the notes.
        self.index: dict[str, dict[tuple, tuple[Ref, Citation]]] = {}
        #: the first four letters of title words → full citations: an abbreviated title word
        #: ("Rev." for "Revolution") finds its candidates here instead of in every citation.
        self.prefixes: dict[str, dict[tuple, tuple[Ref, Citation]]] = {}
        self._full: list[tuple[Ref, Citation]] = []

    def add(self, ref: Ref, citation: Citation) -> None:
        self.order.append((ref, citation))
        self.by_ref[ref] = citation
        if citation.kind != FULL:
            return
        self._full.append((ref, citation))
        words = set(_title_words(citation.csl.get("title", "")))
        words.update(_title_words(citation.csl.get("container-title", "")))
        for name in family_names(citation.csl):
            words.update(name.split())
        csl = citation.csl
        # The same work written the same way (cheap to compare; folding is left to matching).
        work = (csl.get("title"), csl.get("container-title"), year_of(csl),
                tuple(str(p.get("family") or p.get("literal") or "") for p in csl.get("author") or ()))
        for word in words:
            self.index.setdefault(word, {}).setdefault(work, (ref, citation))
        for word in {w[:4] for w in words if len(w) >= 4}:
            self.prefixes.setdefault(word, {}).setdefault(work, (ref, citation))

    def get(self, ref: Ref) -> Citation | None:
        return self.by_ref.get(ref)

    def full(self) -> list[tuple[Ref, Citation]]:
        return list(self._full)

    def sharing_a_word(self, short: Citation) -> list[tuple[Ref, Citation]]:
        """Full citations sharing the short form's rarest author or title word (in order)."""
        words = [w for n in family_names(short.csl) if n != "idem" for w in n.split()]
        words += _title_words(short.csl.get("title", ""))
        postings = [self.index.get(w) for w in words if w]
        exact = [p for p in postings if p]
        if not exact:
            # Abbreviated title words ("Rev." for "Revolution") match by prefix.
            by_prefix = [p for p in (self.prefixes.get(w[:4]) for w in words if w and len(w) >= 4) if p]
            return list(min(by_prefix, key=len).values()) if by_prefix else []
        return list(min(exact, key=len).values())


def _target(ref: Ref, history: _History) -> Ref | None:
    """Follow an Ibid./short chain back to the full citation."""
    seen = set()
    while ref not in seen:
        seen.add(ref)
        c = history.get(ref)
        if c is None or c.kind == UNPARSED:
            return None
        if c.kind == FULL:
            return ref
        if c.resolves_to is None:
            return None
        ref = c.resolves_to
    return None


def _adopt(citation: Citation, ref: Ref, history: _History) -> None:
    antecedent = history.get(ref)
    assert antecedent is not None
    citation.resolves_to = ref
    citation.antecedent = antecedent
    if antecedent.archival is not None:
        folios = citation.locator.value if citation.locator and citation.locator.label in ("folio", "page") else antecedent.archival.folios
        citation.archival = replace(antecedent.archival, folios=folios)
    citation.reason = None
    citation.resolution = RESOLVED


def note_sources(note: Note) -> dict[Ref, Citation]:
    """The distinct sources a resolved note cites (``X, p. 3; ibid., p. 5`` is one), each with
    the first citation of it: a resolved Ibid. or short form stands for the full citation it
    resolves to (the resolver links straight to it), any other citation for itself."""
    found: dict[Ref, Citation] = {}
    for i, c in enumerate(note.citations):
        found.setdefault(c.resolves_to if c.kind in (IBID, SHORT) and c.resolves_to else (note.number, i), c)
    return found


def resolve_ibid(citation: Citation, here: Ref, history: _History) -> None:
    """Default Ibid. strategy (see module docstring)."""
    note = history.current_note
    assert note is not None
    unresolved: Resolution
    if history.current_index > 0:
        previous: Ref = (here[0], history.current_index - 1)
        context = "the citation before it in this note"
        before = history.get(previous)
        unresolved = AFTER_UNPARSED if before is not None and before.kind == UNPARSED else AFTER_UNRESOLVED
    else:
        prev_note = history.previous_note
        if prev_note is None:
            citation.reason = "Ibid. in the first note repeats nothing"
            citation.resolution = FIRST_NOTE
            return
        if not prev_note.citations:
            citation.reason = f"the previous note ({prev_note.number}) has no citation"
            citation.resolution = AFTER_COMMENTARY
            return
        previous = (prev_note.number, len(prev_note.citations) - 1)
        context = f"note {prev_note.number}"
        if len(prev_note.citations) > 1:
            citation.siblings = [(prev_note.number, i) for i in range(len(prev_note.citations) - 1)]
        if len(note_sources(prev_note)) > 1:
            unresolved = AFTER_SEVERAL
        elif prev_note.citations[-1].kind == UNPARSED:
            unresolved = AFTER_UNPARSED
        else:
            unresolved = AFTER_UNRESOLVED
    target = _target(previous, history)
    if target is None:
        citation.reason = f"{context} holds no resolvable citation (unparsed or unresolved)"
        citation.resolution = unresolved
        return
    _adopt(citation, target, history)
    if unresolved == AFTER_SEVERAL:
        citation.resolution = AFTER_SEVERAL  # resolved to the last, but which was meant?


def _title_words(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in STOPWORDS]


def matches_short(short: Citation, full: Citation) -> bool:
    """Does the short form ``short`` repeat ``full`` (author family names and title words)?"""
    s_names = [n for n in family_names(short.csl) if n and n != "idem"]
    f_names = family_names(full.csl)
    s_year, f_year = year_of(short.csl), year_of(full.csl)
    if s_year and f_year and s_year != f_year:
        return False  # "Beck 1986" is not Beck's 2007 book
    if s_names and not all(any(n == f or f.endswith(" " + n) for f in f_names) for n in s_names):
        return False
    s_title = _title_words(short.csl.get("title", ""))
    if not s_title:
        return bool(s_names)  # "Weber, op. cit."
    f_title = _title_words(full.csl.get("title", "")) + _title_words(full.csl.get("container-title", ""))
    if not f_title:
        return False
    full_set = set(f_title)
    hits = sum(1 for w in s_title if w in full_set or any(f.startswith(w) for f in full_set if len(w) >= 4))
    return hits == len(s_title)


def resolve_short(citation: Citation, here: Ref, history: _History) -> None:
    """Default short-form / op. cit. strategy (see module docstring)."""
    candidates = [(r, c) for r, c in history.sharing_a_word(citation) if matches_short(citation, c)]
    pointed = citation.points_to_note  # "(wie Anm. 3)" names the note
    if pointed is not None:
        candidates = [(r, c) for r, c in candidates if r[0] == pointed] or [
            (r, c) for r, c in history.full() if r[0] == pointed
        ][:1]
    works: dict[tuple, Ref] = {}
    for r, c in candidates:
        works.setdefault(identity(c), r)
    if not works:
        citation.reason = "no earlier full citation matches this short form"
        citation.resolution = NO_MATCH
        return
    if len(works) > 1:
        citation.candidates = list(works.values())
        citation.reason = "ambiguous: several earlier works match this short form"
        citation.resolution = AMBIGUOUS
        return
    _adopt(citation, next(iter(works.values())), history)


def _entry_index(bibliography: list[Citation]) -> dict[str, list[int]]:
    """Bibliography entries (full ones) by the folded words of their authors' family names."""
    index: dict[str, list[int]] = {}
    for k, entry in enumerate(bibliography):
        if entry.kind != FULL:
            continue
        for word in {w for name in family_names(entry.csl) for w in name.split()}:
            index.setdefault(word, []).append(k)
    return index


def resolve_in_bibliography(
    citation: Citation, bibliography: list[Citation], index: dict[str, list[int]]
) -> bool:
    """A short form no note resolves, looked up in the manuscript's bibliography (author-date
    notes, or notes-and-bibliography style with every note short): the one entry whose authors
    (and year and title words, where the short form has them) match. The short form then
    reaches the entry through ``bibliography_entry`` and ``antecedent``; several matching entries leave it
    unresolved and say so."""
    names = [w for n in family_names(citation.csl) if n != "idem" for w in n.split()]
    postings = [index.get(w, []) for w in names]
    if not names or not all(postings):
        return False
    found = [k for k in min(postings, key=len) if matches_short(citation, bibliography[k])]
    works = {identity(bibliography[k]): k for k in reversed(found)}
    if len(works) != 1:
        if works:
            citation.reason = "ambiguous: several bibliography entries match this short form"
            citation.resolution = AMBIGUOUS_IN_BIBLIOGRAPHY
        return False
    k = next(iter(works.values()))
    citation.antecedent = bibliography[k]
    citation.bibliography_entry = k
    citation.reason = None
    citation.resolution = IN_BIBLIOGRAPHY
    return True


def resolve(
    notes: list[Note],
    resolve_ibid: Strategy = resolve_ibid,
    resolve_short: Strategy = resolve_short,
    bibliography: list[Citation] | None = None,
) -> list[Note]:
    """Resolve every Ibid. and short form in ``notes`` (in place); returns ``notes``.

    ``bibliography`` (the manuscript's bibliography entries, parsed) is where a short form that
    no earlier note resolves is looked up last (see :func:`resolve_in_bibliography`).
    """
    history = _History()
    entries = _entry_index(bibliography) if bibliography else {}
    for note in notes:
        history.current_note = note
        for i, citation in enumerate(note.citations):
            here = (note.number, i)
            history.current_index = i
            if citation.kind in (IBID, SHORT):
                _forget(citation)  # resolving again starts afresh
            if citation.csl.get("author") == [{"literal": "idem"}]:
                _idem(citation, history)
            if citation.kind == IBID:
                resolve_ibid(citation, here, history)
            elif citation.kind == SHORT:
                resolve_short(citation, here, history)
                if entries and citation.resolution == NO_MATCH:
                    resolve_in_bibliography(citation, bibliography or [], entries)
            history.add(here, citation)
        history.previous_note = note
    return notes


def _forget(citation: Citation) -> None:
    """Clear what an earlier resolution set on an Ibid. or short form."""
    citation.resolves_to = citation.antecedent = citation.resolution = citation.bibliography_entry = None
    citation.siblings, citation.candidates = [], []
    citation.reason = None


def _idem(citation: Citation, history: _History) -> None:
    """"Idem, Another Title": the authors of the citation just before."""
    for _, previous in reversed(history.order):
        authors = previous.resolved_csl.get("author")
        if authors and authors != [{"literal": "idem"}]:
            citation.csl["author"] = copy.deepcopy(authors)
            return
