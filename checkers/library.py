"""Footnotes against the bibliography or the author's library (BibTeX, CSL-JSON, RIS).

Editors ask: does every work cited in the notes appear in the bibliography, is every entry
cited, and do note and entry agree? This module answers it fully offline.

* Reading is :mod:`citations.libraries` (one module per format: BibTeX/BibLaTeX, CSL-JSON,
  RIS), whose names are re-exported here: :func:`read_library` gives :class:`LibraryEntry`
  objects, each carrying a CSL-JSON item, its key and where it stands in the file;
  :func:`bibliography_library` does the same for the manuscript's own bibliography section.
* Matching: :func:`match_library` matches each distinct work of the manuscript
  (:func:`citations.works.distinct_works`) to at most one entry — identifiers first (ISBN,
  DOI), archival files by archive + fond + opis + delo, then author family names + title words
  + year, tolerant of subtitles, diacritics, transliteration variants and abbreviations. A
  blocking index (:class:`_Index`) gives each work a short list of candidates, so matching
  costs works × candidates, not works × entries. A close second candidate is reported, never
  silently chosen.
* Findings (:func:`library_findings`): ``BB101`` cited but missing, ``BB102`` never cited
  (info; a warning with ``--strict``), ``BB103`` note and entry disagree (one finding per
  field), ``BB104`` duplicate entries for one work, ``BB105`` ambiguous match, ``BB106`` a
  library file that cannot be read, ``BB107`` an entry that cannot be read.
* :func:`check_library` is the ``run_checks`` step; it stores the mapping in
  ``result.extras["library"]``.

Everything here is pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rapidfuzz import fuzz

from citations.archival import transliterate_id
from citations.gcpause import paused_gc
# Reading a library lives in citations.libraries (one module per format); the names are kept
# here too, so ``checkers.library`` stays the one import for matching and its inputs.
from citations.libraries import (  # noqa: F401  (re-exported)
    BIBLIOGRAPHY,
    LIBRARY,
    LIBRARY_SUFFIXES,
    MAX_LIBRARY_BYTES,
    LibraryEntry,
    LibraryError,
    LibraryFile,
    describe,
    parse_library_text,
    read_library,
    sniff_library,
    year_of,
)
from citations.libraries.bibtex import BIBTEX_TYPES, bibtex_to_csl, read_bibtex  # noqa: F401
from citations.libraries.csl_json import read_csl_json, sanitise_csl  # noqa: F401
from citations.libraries.ris import RIS_TYPES, read_ris, ris_to_csl  # noqa: F401
from citations.model import AFTER_UNRESOLVED, FULL, IBID, SHORT, ArchivalRef, Citation, Manuscript
from citations.works import Work, distinct_works, fold
from checkers.findings import INFO, WARNING, ERROR, Finding, rule
from checkers.isbn import check as check_isbn
from checkers.result import Difference
from citations.csl import normalise_doi
from citations.translit import skeleton

if TYPE_CHECKING:
    from checkers.config import Settings
    from checkers.result import CheckResult

# ---------------------------------------------------------------------------------------------
# Finding codes

MISSING = rule(
    "BB101", WARNING, "cited-not-in-library",
    "A work cited in the notes is not in the bibliography or library.",
    "add the work to the bibliography/library, or correct the note if the entry exists "
    "under another author, title or year",
)
UNCITED = rule(
    "BB102", INFO, "entry-never-cited",
    "An entry of the bibliography or library is never cited in the notes "
    "(a warning with --strict).",
    "cite it in a note or remove the entry (for a whole library, --ignore BB102)",
)
DIFFERS = rule(
    "BB103", WARNING, "note-entry-differ",
    "A note and its bibliography/library entry disagree on a field (year, title, publisher, "
    "place, editors, pages of a chapter…).",
    "make the note and the entry agree",
)
DUPLICATE = rule(
    "BB104", WARNING, "duplicate-entry",
    "The bibliography or library holds more than one entry for the same work.",
    "merge the duplicate entries",
)
AMBIGUOUS = rule(
    "BB105", WARNING, "ambiguous-entry",
    "A cited work matches two entries almost equally well; the better one was taken, the "
    "other is named.",
    "make the note more specific or tell the two entries apart (title, year)",
)
UNREADABLE = rule(
    "BB106", ERROR, "library-unreadable",
    "A --library file cannot be read (unknown format, malformed JSON/RIS, a binary file, no "
    "entry of its format, more than 100 MB).",
    "export the library again as BibTeX, CSL-JSON or RIS",
)
BAD_ENTRY = rule(
    "BB107", WARNING, "entry-unreadable",
    "An entry of the bibliography or library cannot be read and takes no part in matching.",
    "fix the entry's syntax (BibTeX braces, RIS tags) or its wording",
)

#: Below this score a candidate is no match.
THRESHOLD = 0.75
#: A second candidate within this distance of the best is "close".
MARGIN = 0.05


# ---------------------------------------------------------------------------------------------
# Small normalisers


def _family(name: dict[str, Any]) -> str:
    return skeleton(
        " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
        or name.get("literal") or ""
    )


def _names(csl: dict[str, Any], role: str | None = None) -> list[str]:
    """Skeletons of the family names in ``role`` (default: authors, else editors)."""
    names = csl.get(role) if role else (csl.get("author") or csl.get("editor"))
    return [f for f in (_family(n) for n in names or []) if f and f not in ("others", "et al")]


@lru_cache(maxsize=1 << 14)
def _split_title(title: str) -> tuple[str, str]:
    """(main title, full title), both as skeletons; the main title ends at ``:``, ``. `` or ``?``."""
    main = re.split(r"\s*[:.?!]\s+|\s+[–—]\s+", title.strip(), maxsplit=1)[0]
    full = skeleton(title)
    return full if main == title else skeleton(main), full


_STOPWORDS = {
    "a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "der", "die", "das", "des", "dem",
    "den", "und", "fur", "im", "zur", "zum", "von", "vom", "le", "la", "les", "de", "du", "et",
    "i", "v", "o", "na", "po", "s", "k",
}


_STOP_SKELETONS: set[str] = set()  # filled below, once skeleton() exists


@dataclass(frozen=True)
class _Word:
    """A word of a title or name as a spelling skeleton; ``abbreviated`` when written with a
    full stop (``Hist.``, ``Jb.``)."""

    text: str
    abbreviated: bool = False


_WORD_RE = re.compile(r"([^\W_]+)(\.(?!\d))?")


@lru_cache(maxsize=1 << 16)
def _word_parts(word: str, stop: bool) -> tuple[_Word, ...]:
    """The skeleton words of one written word (``stop``: written with a full stop). Titles share
    most of their words, so a library of 50,000 titles asks for a few thousand distinct words."""
    return tuple(_Word(part, stop and len(part) <= 8) for part in skeleton(word).split())


@lru_cache(maxsize=1 << 14)
def _words(text: str, keep_stopwords: bool = False) -> tuple[_Word, ...]:
    """The words of ``text`` as skeletons, stop words left out (unless nothing else is left)."""
    words: list[_Word] = []
    for m in _WORD_RE.finditer(text or ""):
        words.extend(_word_parts(m.group(1), bool(m.group(2))))
    content = [w for w in words if w.abbreviated or w.text not in _STOP_SKELETONS]
    return tuple(words if keep_stopwords or not content else content)


def _is_subsequence(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(ch in it for ch in short)


def _words_agree(a: _Word, b: _Word) -> bool:
    """Equal words, an abbreviation and its word (``hist.``/``historical``, ``jb.``/
    ``jahrbuch``), a shared stem of four letters or more, or near spellings."""
    if a.text == b.text:
        return True
    short, long_ = (a, b) if len(a.text) <= len(b.text) else (b, a)
    if short.abbreviated and short.text[:1] == long_.text[:1] and _is_subsequence(short.text, long_.text):
        return True
    if len(short.text) >= 4 and long_.text.startswith(short.text):
        return True
    return min(len(a.text), len(b.text)) >= 5 and fuzz.ratio(a.text, b.text) >= 85


def _token_agreement(a: Sequence[_Word], b: Sequence[_Word]) -> float:
    """Share of words that agree (:func:`_words_agree`), each word used once; 1.0 when every
    word of both sides is accounted for."""
    if not a or not b:
        return 0.0
    # Equal words first (a multiset intersection), then the rest pairwise.
    common = Counter(a) & Counter(b)
    matched = sum(common.values())
    if matched == min(len(a), len(b)):
        return 2 * matched / (len(a) + len(b))
    left = Counter(common)
    unused = []
    for word in b:
        if left[word]:
            left[word] -= 1
        else:
            unused.append(word)
    left = Counter(common)
    rest = []
    for word in a:
        if left[word]:
            left[word] -= 1
        else:
            rest.append(word)
    for word in rest:
        for k, other in enumerate(unused):
            if _words_agree(word, other):
                matched += 1
                del unused[k]
                break
    return 2 * matched / (len(a) + len(b))


_STOP_SKELETONS.update(skeleton(w) for w in _STOPWORDS)


def title_similarity(a: str, b: str) -> float:
    """0–1: how alike two titles are, tolerant of subtitles, case, punctuation, diacritics,
    transliteration variants and abbreviated words."""
    if not a or not b:
        return 0.0
    main_a, full_a = _split_title(a)
    main_b, full_b = _split_title(b)
    if not full_a or not full_b:
        return 0.0
    scores = [
        fuzz.ratio(full_a, full_b) / 100,
        _token_agreement(_words(a), _words(b)),
    ]
    if main_a and main_b:
        scores.append(0.97 * fuzz.ratio(main_a, main_b) / 100)
        # A subtitle left out on one side: the other's main title is this side's full title.
        if main_a == full_b or main_b == full_a:
            scores.append(0.97)
    return max(scores)


def short_title_similarity(short: str, full: str) -> float:
    """0–1: how well a short title (Chicago's "up to four words of the main title",
    ``Stalin's Terror``) stands for a full title (``Stalin's Terror of 1937–1938: Political
    Genocide``): 0.95 when its words agree, in order, with words of the full title's main title
    (or of the whole title), otherwise :func:`title_similarity`."""
    words = _words(short)
    if words:
        for target in (_split_title(full)[0], full):
            candidates = iter(_words(target))
            if all(any(_words_agree(w, other) for other in candidates) for w in words):
                return max(0.95, title_similarity(short, full))
    return title_similarity(short, full)


def _last_word_agrees(a: str, b: str) -> bool:
    """A name written whole (``{Robert Service}``, literal) against a family name (``Service``)."""
    if " " not in a and " " not in b:
        return False
    return a.split()[-1] == b.split()[-1] and (" " not in a or " " not in b)


def names_similarity(a: Sequence[str], b: Sequence[str], et_al: bool = False) -> float | None:
    """0–1: share of family names (skeletons) that agree; None when either side has none.

    With ``et_al`` (one list ends in "and others"), only the shorter list must agree.
    """
    if not a or not b:
        return None
    unused = list(b)
    matched = 0
    for name in a:
        for k, other in enumerate(unused):
            if name == other or fuzz.ratio(name, other) >= 80 or _last_word_agrees(name, other):
                matched += 1
                del unused[k]
                break
    return matched / (min(len(a), len(b)) if et_al else max(len(a), len(b)))


def normalise_isbn(value: str) -> str | None:
    """An ISBN-13 without hyphens, or None if ``value`` is no valid ISBN."""
    return check_isbn(value).isbn13


def isbns(csl: dict[str, Any]) -> set[str]:
    """Every valid ISBN of an item (Zotero joins several with spaces)."""
    raw = csl.get("ISBN") or ""
    found = set()
    for token in re.split(r"[\s,;]+", str(raw)):
        token = re.sub(r"^(?:isbn(?:-1[03])?:?)", "", token, flags=re.IGNORECASE)
        isbn = normalise_isbn(token) if token else None
        if isbn:
            found.add(isbn)
    return found


def archival_identity(ref: ArchivalRef | None) -> tuple[str, str, str, str] | None:
    """(archive, fond, opis, delo) of a shelf mark, spelled uniformly; None without a fond."""
    if ref is None or not ref.fond:
        return None
    norm = lambda v: transliterate_id(v or "").upper()  # noqa: E731
    return ((ref.repository or "").upper(), norm(ref.fond), norm(ref.opis), norm(ref.delo))


def bibliography_library(manuscript: Manuscript) -> LibraryFile:
    """The manuscript's own bibliography section as library entries (parsed like the notes)."""
    from citations.bibliography import parse_bibliography

    out = LibraryFile(BIBLIOGRAPHY, BIBLIOGRAPHY)
    for (line, text), citation in zip(manuscript.bibliography, parse_bibliography(manuscript), strict=True):
        if citation.kind != FULL:
            out.problems.append((line, f"cannot parse the entry “{text[:60]}”"
                                       + (f" ({citation.reason})" if citation.reason else "")))
            continue
        out.entries.append(LibraryEntry(
            key=f"line {line}", csl=dict(citation.resolved_csl), source=BIBLIOGRAPHY, line=line,
            archival=citation.archival, text=text,
        ))
    return out


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass
class Candidate:
    """An entry scored against a work; ``method`` is ``isbn``, ``doi``, ``archival``, ``fuzzy``
    or ``container`` (a chapter matched to the entry of its volume)."""

    entry: LibraryEntry
    score: float
    method: str

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.entry.key, "ref": self.entry.ref(), "score": round(self.score, 3),
                "method": self.method}


@dataclass
class WorkMatch:
    """A cited work and the entry it matched (or None), with score and differences."""

    work: Work
    candidate: Candidate | None
    differences: list[Difference] = field(default_factory=list)
    #: A close second candidate (within MARGIN), reported rather than chosen.
    runner_up: Candidate | None = None

    @property
    def entry(self) -> LibraryEntry | None:
        return self.candidate.entry if self.candidate else None

    def to_dict(self) -> dict[str, Any]:
        c = self.work.citation
        return {
            "work": self.work.id,
            "note": self.work.ref[0],
            "citation": self.work.ref[1],
            "notes": sorted({n for n, _ in self.work.occurrences}),
            "cited": describe(c.resolved_csl, c.archival),
            "kind": c.kind,
            "entry": self.entry.to_dict() if self.entry else None,
            "key": self.entry.key if self.entry else None,
            "score": round(self.candidate.score, 3) if self.candidate else None,
            "method": self.candidate.method if self.candidate else None,
            # the one Difference class; here ``found`` is what the library entry holds
            "differences": [{"field": d.field, "cited": d.cited, "entry": d.found} for d in self.differences],
            "runner_up": self.runner_up.to_dict() if self.runner_up else None,
        }


@dataclass
class LibraryMatch:
    """The outcome of matching a manuscript's works against one collection of entries."""

    collection: str  # "bibliography" or "library"
    sources: list[str]
    entries: list[LibraryEntry]
    matches: list[WorkMatch]
    #: Entries no work matched (crossref parents of matched entries excluded).
    uncited: list[LibraryEntry]
    #: Groups of entries that describe one work.
    duplicates: list[list[LibraryEntry]]
    problems: list[tuple[str, int | None, str]] = field(default_factory=list)

    def keys(self) -> dict[str, str]:
        """Work id → entry key, for works matched to an entry of their own (what ``refs
        --format bibtex`` reuses; a chapter matched through its volume keeps a key of its own)."""
        return {m.work.id: m.entry.key for m in self.matches
                if m.entry is not None and m.candidate is not None
                and m.candidate.method != "container" and m.work.citation.kind == FULL}

    def to_dict(self) -> dict[str, Any]:
        return {
            "collection": self.collection,
            "sources": self.sources,
            "entries": len(self.entries),
            "matched": sum(1 for m in self.matches if m.entry is not None),
            "works": len(self.matches),
            "matches": [m.to_dict() for m in self.matches],
            "uncited": [e.to_dict() for e in self.uncited],
            "duplicates": [[e.key for e in group] for group in self.duplicates],
            "problems": [{"source": s, "line": ln, "message": msg} for s, ln, msg in self.problems],
        }


@dataclass
class _Prepared:
    """Per-entry values computed once for matching."""

    entry: LibraryEntry
    names: list[str]
    year: int | None
    isbns: set[str]
    doi: str | None
    archival: tuple[str, str, str, str] | None
    #: The title the skeletons below are made of (the container's, for an item without a title).
    written_title: str = ""
    #: Whether that is the entry's own title.
    own_title: bool = False
    _skeletons: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    def _split(self) -> tuple[str, str]:
        # made when first asked for: only entries that share an author and year with another
        # are compared as possible duplicates, and most of a large library shares neither
        if self._skeletons is None:
            self._skeletons = _split_title(self.written_title)
        return self._skeletons

    @property
    def title(self) -> str:
        """The full title as a skeleton (the container's, for an item without a title)."""
        return self._split()[1]

    @property
    def main(self) -> str:
        """The main title (before a subtitle) of the entry's own title, as a skeleton."""
        return self._split()[0] if self.own_title else ""


def _prepare(entry: LibraryEntry) -> _Prepared:
    csl = entry.csl
    own = csl.get("title") or ""
    return _Prepared(entry, _names(csl), year_of(csl), isbns(csl), normalise_doi(csl.get("DOI")),
                     archival_identity(entry.archival), own or csl.get("container-title") or "",
                     bool(own))


def similarity(a: dict[str, Any], b: dict[str, Any], et_al: bool = False, short: bool = False) -> float:
    """0–1 score of two CSL items: family names, title words and year.

    Returns 0 unless the titles agree well (≥ 0.8) and, where both name people, the
    names agree at least half; a different year lowers the score without ruling a match out.
    With ``short``, ``a`` is a short form whose title may be a short title.
    """
    ta = a.get("title") or a.get("container-title") or ""
    tb = b.get("title") or b.get("container-title") or ""
    title = short_title_similarity(ta, tb) if short else title_similarity(ta, tb)
    if title < 0.8:
        return 0.0
    names = names_similarity(_names(a), _names(b), et_al)
    if names is not None and names < 0.5:
        return 0.0
    ya, yb = year_of(a), year_of(b)
    parts = [(0.45, title)]
    if names is not None:
        parts.append((0.4, names))
    elif _names(a) or _names(b):
        parts.append((0.4, 0.5))  # one side names people, the other does not
    if ya is not None and yb is not None:
        parts.append((0.15, 1.0 if ya == yb else 0.0))
    total = sum(w for w, _ in parts)
    return sum(w * s for w, s in parts) / total


#: How many entries found through their title words are scored in full, besides entries that
#: share an identifier or an author's name.
TITLE_SHORTLIST = 25


def _title_keys(title: str) -> set[str]:
    """Blocking keys of a title: the first four letters of each word's skeleton (shorter words
    whole), stop words and abbreviations left out.

    Two titles that :func:`title_similarity` rates ≥ 0.8 agree on most words; words that agree
    (equal, a shared stem of four letters or more, a near spelling) nearly always open with the
    same four letters, so a matching entry shares keys with the work. An abbreviation (``Jb.``
    for ``Jahrbuch``) need not, so it gives no key; the rest of the title, or the names, find it.
    """
    return _keys_of(_words(title))


def _keys_of(words: Sequence[_Word]) -> set[str]:
    return {w.text[:4] for w in words if not w.abbreviated and w.text}


class _Index:
    """A blocking index over the entries, built once: identifiers by value, archival files by
    fond/opis/delo, entries by family name, and an inverted index of title-word keys. A work is
    scored in full only against the short list of entries these blocks name, so matching costs
    works × (candidates per work), not works × entries."""

    def __init__(self, entries: list[LibraryEntry], prepared: list[_Prepared] | None = None) -> None:
        self.prepared = prepared if prepared is not None else [_prepare(e) for e in entries]
        self.by_name: dict[str, list[int]] = {}
        self.by_title_key: dict[str, list[int]] = {}
        self.title_keys: list[frozenset[str]] = []
        #: Whether an entry's title has abbreviated words (which give no key).
        self.abbreviated: list[bool] = []
        self.by_year: dict[int, list[int]] = {}
        self.by_isbn: dict[str, list[int]] = {}
        self.by_doi: dict[str, list[int]] = {}
        self.by_archival: dict[tuple[str, str, str], list[int]] = {}
        for i, p in enumerate(self.prepared):
            if p.archival is not None:
                self.title_keys.append(frozenset())
                self.abbreviated.append(False)
                self.by_archival.setdefault(p.archival[1:], []).append(i)
                continue
            for name in dict.fromkeys(p.names):
                self.by_name.setdefault(name, []).append(i)
            csl = p.entry.csl
            title = csl.get("title") or csl.get("container-title") or ""
            words = _words(title)
            keys = frozenset(_keys_of(words))
            self.title_keys.append(keys)
            self.abbreviated.append(any(w.abbreviated for w in words))
            for key in keys:
                self.by_title_key.setdefault(key, []).append(i)
            if p.year is not None:
                self.by_year.setdefault(p.year, []).append(i)
            for isbn in p.isbns:
                self.by_isbn.setdefault(isbn, []).append(i)
            if p.doi:
                self.by_doi.setdefault(p.doi, []).append(i)

    def archival(self, ident: tuple[str, str, str, str]) -> list[_Prepared]:
        """Entries for the same archival file (see :func:`_same_archival`)."""
        return [self.prepared[i] for i in self.by_archival.get(ident[1:], ())
                if _same_archival(ident, self.prepared[i].archival)]  # type: ignore[arg-type]

    def by_identifier(self, doi: str | None, work_isbns: set[str]) -> list[_Prepared]:
        """Entries with the DOI or one of the ISBNs, in library order."""
        found: set[int] = set(self.by_doi.get(doi, ())) if doi else set()
        for isbn in work_isbns:
            found.update(self.by_isbn.get(isbn, ()))
        return [self.prepared[i] for i in sorted(found)]

    def shortlist(self, csl: dict[str, Any]) -> list[_Prepared]:
        """The entries worth scoring against ``csl``: the :data:`TITLE_SHORTLIST` entries sharing
        the most title keys with it (a same year counting as one more), and those sharing an
        author's (or editor's) family name whose title could agree with the work's.

        Shared keys are counted over the posting lists of the work's keys (in C, by
        :class:`collections.Counter`); a key held by more than a twentieth of the library (a
        "history" in a library of histories) is skipped while rarer ones exist, so a work costs
        what its distinctive words cost, not a pass over the library.
        """
        title = csl.get("title") or csl.get("container-title") or ""
        words = _words(title)
        keys = _title_keys(title)
        postings = [self.by_title_key[k] for k in keys if k in self.by_title_key]
        shared: Counter[int] = Counter()
        if postings:
            common = max(500, len(self.prepared) // 20)
            for posting in [p for p in postings if len(p) <= common] or [min(postings, key=len)]:
                shared.update(posting)
            year = year_of(csl)
            if year is not None and len(shared) > TITLE_SHORTLIST:
                for i in self.by_year.get(year, ()):
                    if i in shared:
                        shared[i] += 1
        # A title that agrees with the work's shares most of its words, and so at least half
        # of its keys (unless abbreviations, which give none, stand for some of them).
        enough = 1 if any(w.abbreviated for w in words) else max(1, len(keys) // 2)
        picked: set[int] = {
            i for i, count in shared.most_common(TITLE_SHORTLIST)
            if count >= enough or self.abbreviated[i]
        }
        # Entries by the same author are scored unless their title shares no key with the
        # work's while neither title has words that give no key (abbreviations): such titles
        # cannot agree, and skipping them keeps a prolific author's block cheap.
        open_ended = not keys or any(w.abbreviated for w in words)
        for name in _names(csl):
            for i in self.by_name.get(name, ()):
                if open_ended or i in shared or self.abbreviated[i] or not self.title_keys[i]:
                    picked.add(i)
        return [self.prepared[i] for i in sorted(picked)]


def _candidates(c: Citation, index: _Index) -> list[Candidate]:
    """Every entry that could be the work ``c`` cites, best first."""
    if c.archival is not None or c.type == "manuscript" and c.resolved_csl.get("archive_location"):
        ident = archival_identity(c.archival)
        if ident is None:
            return []
        return [Candidate(p.entry, 1.0, "archival") for p in index.archival(ident)]
    found: list[Candidate] = []
    work_isbns = isbns(c.resolved_csl)
    work_doi = normalise_doi(c.resolved_csl.get("DOI"))
    by_id: set[int] = set()
    if work_isbns or work_doi:
        for p in index.by_identifier(work_doi, work_isbns):
            if work_doi and p.doi == work_doi:
                found.append(Candidate(p.entry, 1.0, "doi"))
                by_id.add(id(p.entry))
            elif work_isbns & p.isbns and c.type in ("book", None) and p.entry.csl.get("type") == "book":
                found.append(Candidate(p.entry, 1.0, "isbn"))
                by_id.add(id(p.entry))
    for p in index.shortlist(c.resolved_csl):
        if p.archival is not None or id(p.entry) in by_id:
            continue
        score = similarity(c.resolved_csl, p.entry.csl, p.entry.et_al or bool(c.resolved_csl.get("et-al")),
                           short=c.kind == SHORT)
        if score >= THRESHOLD:
            found.append(Candidate(p.entry, score, "fuzzy"))
    found.sort(key=lambda cand: -cand.score)
    return found


def _same_archival(a: tuple[str, str, str, str], b: tuple[str, str, str, str]) -> bool:
    """Same file: fond, opis and delo equal; archives equal where both are named."""
    return a[1:] == b[1:] and (not a[0] or not b[0] or a[0] == b[0])


# -- differences ------------------------------------------------------------------------------

_PUBLISHER_NOISE = {"press", "verlag", "publishers", "publisher", "publishing", "publ", "books",
                    "co", "inc", "ltd", "gmbh", "and", "und", "the", "company", "verlagsgesellschaft",
                    "izdatelstvo", "izd", "ag", "kg", "sons", "son", "up", "university", "univ"}
_PAGED = ("chapter", "article-journal", "article-magazine", "article-newspaper",
          "paper-conference", "entry-encyclopedia", "entry-dictionary")


def _publisher_words(text: str) -> list[_Word]:
    noise = {skeleton(n) for n in _PUBLISHER_NOISE}
    return [w for w in _words(text, keep_stopwords=True) if w.text not in noise]


def _subset_agrees(a: list[_Word], b: list[_Word]) -> bool:
    """All words of the shorter side found (abbreviation-tolerant) in the longer."""
    short, long_ = sorted((a, b), key=len)
    if not short:
        return True
    return _token_agreement(short, long_) * (len(short) + len(long_)) / 2 >= len(short)


def _places(text: str) -> list[str]:
    return [skeleton(p) for p in re.split(r"\s*(?:/|;|&|,|\band\b|\bund\b|\bi\b)\s*", text) if p.strip()]


def _pages(text: Any) -> str:
    return re.sub(r"\s*[-‐‑–—]+\s*", "-", str(text)).strip()


def _family_list(names: list[dict[str, Any]]) -> str:
    return "; ".join(n.get("family") or n.get("literal") or "" for n in names)


def differences(
    cited: dict[str, Any], entry: dict[str, Any], ctype: str | None = None, et_al: bool = False
) -> list[Difference]:
    """The fields on which a cited item and a library item disagree (fields given on both sides).

    Compared: year, title, container title, publisher, place, authors and editors (family
    names, spelling variants agree; ``et_al`` when one list ends in "and others"), volume and
    issue, and the pages of a chapter or article. Case, punctuation, diacritics and dash styles do not count;
    publishers agree when one name contains the other ("Yale University Press" / "Yale UP");
    places agree when one list contains the other ("Berlin/Boston" / "Berlin").
    """
    diffs: list[Difference] = []
    ya, yb = year_of(cited), year_of(entry)
    if ya is not None and yb is not None and ya != yb:
        diffs.append(Difference("year", ya, yb))
    for key in ("title", "container-title"):
        a, b = cited.get(key), entry.get(key)
        if a and b and fold(str(a)) != fold(str(b)):
            diffs.append(Difference(key, a, b))
    a, b = cited.get("publisher"), entry.get("publisher")
    if a and b and not _subset_agrees(_publisher_words(str(a)), _publisher_words(str(b))):
        diffs.append(Difference("publisher", a, b))
    a, b = cited.get("publisher-place"), entry.get("publisher-place")
    if a and b:
        pa, pb = _places(str(a)), _places(str(b))
        if not (set(pa) <= set(pb) or set(pb) <= set(pa)):
            diffs.append(Difference("publisher-place", a, b))
    for role in ("author", "editor"):
        na, nb = _names(cited, role), _names(entry, role)
        if na and nb and names_similarity(na, nb, et_al) != 1.0:
            diffs.append(Difference(role, _family_list(cited[role]), _family_list(entry[role])))
    for key in ("volume", "issue"):
        a, b = cited.get(key), entry.get(key)
        if a and b and fold(str(a)) != fold(str(b)):
            diffs.append(Difference(key, a, b))
    if (ctype or cited.get("type")) in _PAGED:
        a, b = cited.get("page"), entry.get("page")
        if a and b and _pages(a) != _pages(b):
            diffs.append(Difference("page", a, b))
    return diffs


# -- duplicates -------------------------------------------------------------------------------


def find_duplicates(entries: list[LibraryEntry], prepared: list[_Prepared] | None = None) -> list[list[LibraryEntry]]:
    """Groups of entries describing one work: same DOI, same ISBN (books), same archival file,
    or the same authors, title and year (compared within blocks of first author and year):
    titles and names may be spelled differently, but no other field may disagree, so that
    volumes 1 and 2, or two introductions to different books, stay apart."""
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(j)] = root(i)

    if prepared is None:
        prepared = [_prepare(e) for e in entries]
    by_key: dict[tuple, int] = {}
    blocks: dict[str, list[int]] = {}
    for i, p in enumerate(prepared):
        keys: list[tuple] = []
        if p.doi:
            keys.append(("doi", p.doi))
        if p.isbns and p.entry.csl.get("type") == "book":
            keys.extend(("isbn", x) for x in p.isbns)
        if p.archival:
            keys.append(("archival",) + p.archival)
        for k in keys:
            if k in by_key:
                join(by_key[k], i)
            else:
                by_key[k] = i
        if p.archival is None:
            block = p.names[0] if p.names else "title:" + (p.main.split() or [""])[0]
            blocks.setdefault(f"{block}|{p.year}", []).append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                a, b = prepared[i], prepared[j]
                if a.entry.crossref == b.entry.key or b.entry.crossref == a.entry.key:
                    continue
                if fuzz.token_set_ratio(a.title, b.title) < 60:  # cheap gate before scoring
                    continue
                if similarity(a.entry.csl, b.entry.csl) >= 0.92 and not [
                    d for d in differences(a.entry.csl, b.entry.csl) if d.field not in ("title", "author")
                ]:
                    join(i, j)
    groups: dict[int, list[LibraryEntry]] = {}
    for i, e in enumerate(entries):
        groups.setdefault(root(i), []).append(e)
    return [g for g in groups.values() if len(g) > 1]


# -- the whole match --------------------------------------------------------------------------


#: CSL types cited inside a volume that a bibliography may list instead of the part.
_IN_VOLUME = ("chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary")


def container_item(csl: dict[str, Any]) -> dict[str, Any] | None:
    """The edited volume a chapter appears in, as a CSL book item (None for other types).

    Bibliographies in some styles, and many libraries, list the volume rather than each
    chapter; a chapter with no entry of its own then matches its volume's entry.
    """
    if csl.get("type") not in _IN_VOLUME or not csl.get("container-title"):
        return None
    item: dict[str, Any] = {"type": "book", "title": csl["container-title"]}
    if csl.get("container-author"):
        item["author"] = csl["container-author"]
    for key in ("editor", "issued", "publisher", "publisher-place"):
        if csl.get(key):
            item[key] = csl[key]
    return item


def match_library(
    works: list[Work],
    entries: list[LibraryEntry],
    collection: str = LIBRARY,
    sources: Iterable[str] = (),
    problems: Iterable[tuple[str, int | None, str]] = (),
) -> LibraryMatch:
    """Match each work to at most one entry; collect uncited entries and duplicate groups.

    The best candidate is taken when it scores at least :data:`THRESHOLD`; a second candidate
    within :data:`MARGIN` of it that is not a duplicate of it is kept as ``runner_up``. A
    chapter with no entry of its own matches the entry of its volume (method ``container``).
    """
    with paused_gc():  # see citations.gcpause
        return _match_library(works, entries, collection, sources, problems)


def _match_library(
    works: list[Work],
    entries: list[LibraryEntry],
    collection: str,
    sources: Iterable[str],
    problems: Iterable[tuple[str, int | None, str]],
) -> LibraryMatch:
    index = _Index(entries)
    duplicates = find_duplicates(entries, index.prepared)
    group_of = {id(e): k for k, g in enumerate(duplicates) for e in g}
    matches: list[WorkMatch] = []
    used: set[int] = set()
    for work in works:
        cands = _candidates(work.citation, index)
        container = container_item(work.citation.resolved_csl) if not cands else None
        if container is not None:
            cands = [Candidate(c.entry, c.score, "container")
                     for c in _candidates(Citation(text="", csl=container), index)]
        if not cands:
            matches.append(WorkMatch(work, None))
            continue
        best = cands[0]
        runner = None
        for other in cands[1:]:
            if best.score - other.score > MARGIN:
                break
            same_group = group_of.get(id(other.entry), -1) == group_of.get(id(best.entry), -2)
            if not same_group:
                runner = other
                break
        for cand in cands:
            if id(cand.entry) == id(best.entry) or (
                group_of.get(id(cand.entry), -1) == group_of.get(id(best.entry), -2)
            ):
                used.add(id(cand.entry))
        if work.citation.kind == SHORT:
            diffs = []  # a short form gives too little to disagree with
        elif best.method == "container":
            diffs = [Difference("container-title" if d.field == "title" else d.field, d.cited, d.found)
                     for d in differences(cast("dict[str, Any]", container), best.entry.csl, "book")]
        else:
            diffs = differences(work.citation.resolved_csl, best.entry.csl, work.citation.type,
                                best.entry.et_al)
        matches.append(WorkMatch(work, best, diffs, runner))
    parents = {m.entry.crossref.lower() for m in matches if m.entry is not None and m.entry.crossref}
    uncited = [e for e in entries if id(e) not in used and e.key.lower() not in parents]
    return LibraryMatch(collection, list(sources), entries, matches, uncited, duplicates,
                        list(problems))


def short_form_works(manuscript: Manuscript) -> list[Work]:
    """Works cited only by short forms that no full citation in the notes resolves.

    In the notes-and-bibliography style every note may be a short form ("Rogovin, *Stalin's
    Terror*, 307."), the full reference standing only in the bibliography. Such short forms
    (and the Ibid. that follow them) are grouped by author family names and short title into
    works, so they can be matched to the bibliography or library.
    """
    works: list[Work] = []
    by_key: dict[tuple, Work] = {}
    by_ref: dict[tuple[int, int], Work] = {}
    previous: list[tuple[int, int]] = []  # the citations of the note before
    for note in manuscript.notes:
        current: list[tuple[int, int]] = []
        for i, c in enumerate(note.citations):
            ref = (note.number, i)
            if c.kind == SHORT and c.resolves_to is None and c.resolved_csl.get("title"):
                key = (tuple(_names(c.resolved_csl)), skeleton(c.resolved_csl["title"]))
                work = by_key.get(key)
                if work is None:
                    work = by_key[key] = Work(ref, c)
                    works.append(work)
                work.occurrences.append(ref)
                by_ref[ref] = work
            elif c.kind == IBID:
                # Ibid. repeats the citation before it: the resolver leaves it unresolved, and
                # says so (AFTER_UNRESOLVED), when that is a short form it could not resolve.
                target = c.resolves_to or (
                    (current[-1] if current else previous[-1]) if c.resolution == AFTER_UNRESOLVED else None)
                if target in by_ref:
                    work = by_ref[target]
                    work.occurrences.append(ref)
                    by_ref[ref] = work
            current.append(ref)
        previous = current
    return works


def match_manuscript(
    manuscript: Manuscript, library_files: Sequence[LibraryFile], collection: str = LIBRARY
) -> LibraryMatch:
    """Match the distinct works of a parsed manuscript (and works cited by short forms only,
    :func:`short_form_works`) against the entries of some files."""
    entries = [e for f in library_files for e in f.entries]
    problems = [(f.path, line, msg) for f in library_files for line, msg in f.problems]
    works = distinct_works(manuscript) + short_form_works(manuscript)
    works.sort(key=lambda w: w.ref)
    return match_library(works, entries, collection, [f.path for f in library_files], problems)


# ---------------------------------------------------------------------------------------------
# Findings


def _where(work: Work, manuscript: Manuscript | None) -> dict[str, Any]:
    note, index = work.ref
    line = None
    if manuscript is not None:
        n = manuscript.note(note)
        line = n.line if n else None
    return {"note": note, "citation": index, "line": line}


def _in(collection: str, sources: Sequence[str]) -> str:
    if collection == BIBLIOGRAPHY:
        return "the bibliography"
    names = ", ".join(Path(s).name for s in sources)
    return f"the library ({names})" if names else "the library"


def library_findings(match: LibraryMatch, manuscript: Manuscript | None = None,
                     strict: bool = False) -> list[Finding]:
    """The ``BB1xx`` findings for one match of a manuscript against a collection."""
    from checkers.structure import reliable

    findings: list[Finding] = []
    where_all = _in(match.collection, match.sources)
    # A reading list ("Further reading", annotated entries) is not a list of works cited.
    reading = manuscript.further_reading if manuscript is not None and match.collection == BIBLIOGRAPHY else set()
    for source, line, message in match.problems:
        is_bib = match.collection == BIBLIOGRAPHY
        if is_bib and line in reading:
            continue  # an annotation in a reading list is not an entry to read
        findings.append(Finding.of(
            BAD_ENTRY, f"{'bibliography' if is_bib else Path(source).name}"
                       f"{'' if is_bib or line is None else f':{line}'}: {message}",
            line=line if is_bib else None,
        ))
    only_reading = bool(manuscript and manuscript.bibliography) and all(
        line in reading for line, _ in (manuscript.bibliography if manuscript else []))
    for m in match.matches:
        cited = describe(m.work.citation.resolved_csl, m.work.citation.archival)
        if m.work.citation.kind == SHORT:
            cited += " (a short form with no full citation in the notes)"
        where = _where(m.work, manuscript)
        if not reliable(m.work.citation, ("author", "title")):
            continue  # what a misread note "cites" is no finding (structure.CONFIDENCE_THRESHOLD)
        if m.entry is None:
            if not only_reading:
                findings.append(Finding.of(MISSING, f"{cited} is cited but not in {where_all}", **where))
            continue
        for d in m.differences:
            if not reliable(m.work.citation, (d.field,)):
                continue  # a difference in a field the labeller was unsure of is no finding
            findings.append(Finding.of(
                DIFFERS,
                f"{d.field}: the note has “{d.cited}”, {m.entry.ref()} has “{d.found}”",
                **where,
            ))
        if m.runner_up is not None:
            findings.append(Finding.of(
                AMBIGUOUS,
                f"{cited} matches {m.entry.ref()} (score {cast(Candidate, m.candidate).score:.2f}) and almost as "
                f"well {m.runner_up.entry.ref()} (score {m.runner_up.score:.2f})",
                **where,
            ))
    # Notes citing the bibliography author-date ("Hyndman, 1996.") say the text cites it so too:
    # an entry the notes do not cite may be cited in the text, which is not read here.
    author_date = manuscript is not None and match.collection == BIBLIOGRAPHY and sum(
        1 for n in manuscript.notes for c in n.citations if c.bibliography_entry is not None and c.resolved_csl.get("issued")) >= 3
    for e in match.uncited:
        if e.source == BIBLIOGRAPHY and (e.line in reading or author_date):
            continue  # recommended reading need not be cited; author-date text cites in the text
        f = Finding.of(UNCITED, f"{e.ref()} is never cited in the notes: {e.label()}",
                       line=e.line if e.source == BIBLIOGRAPHY else None)
        if strict:
            f.severity = WARNING
        findings.append(f)
    for group in match.duplicates:
        first = group[0]
        others = ", ".join(e.ref() for e in group[1:])
        findings.append(Finding.of(
            DUPLICATE, f"{first.label()}: {first.ref()} duplicated by {others}",
            line=first.line if first.source == BIBLIOGRAPHY else None,
        ))
    return findings


# ---------------------------------------------------------------------------------------------
# The run_checks step and helpers for the CLI


def read_libraries(paths: Sequence[str | Path]) -> tuple[list[LibraryFile], list[str]]:
    """Read every file; return (files read, one-line errors for files that could not be)."""
    files, errors = [], []
    for path in paths:
        try:
            files.append(read_library(_shown(path)))
        except LibraryError as exc:
            errors.append(str(exc))
    return files, errors


def _shown(path: str | Path) -> str:
    """A library path as the user would write it: relative to the working directory when it
    lies below it (settings hold absolute paths)."""
    p = Path(path)
    try:
        return str(p.relative_to(Path.cwd())) if p.is_absolute() else str(p)
    except ValueError:
        return str(p)


def match_all(manuscript: Manuscript, libraries: Sequence[str | Path] = ()) -> tuple[list[LibraryMatch], list[str]]:
    """Match a parsed manuscript against its own bibliography (if any) and the library files
    (if any). Returns the matches and one-line errors for unreadable files."""
    results: list[LibraryMatch] = []
    if manuscript.bibliography:
        results.append(match_manuscript(manuscript, [bibliography_library(manuscript)], BIBLIOGRAPHY))
    errors: list[str] = []
    if libraries:
        files, errors = read_libraries(libraries)
        if files:
            results.append(match_manuscript(manuscript, files, LIBRARY))
    return results, errors


def library_keys(manuscript: Manuscript, libraries: Sequence[str | Path]) -> dict[str, str]:
    """Work id → library key for every matched work (the keys ``refs --format bibtex`` reuses;
    ids that are no usable citation key, such as Zotero item URLs, are left out). Raises :class:`LibraryError` for a file that cannot be read."""
    files = [read_library(p) for p in libraries]
    keys = match_manuscript(manuscript, files, LIBRARY).keys()
    return {work: key for work, key in keys.items() if _CITATION_KEY.fullmatch(key) and "://" not in key}


#: What a BibTeX citation key may hold (Zotero's CSL-JSON item URLs are not keys).
_CITATION_KEY = re.compile(r"[^\s,{}()#%\"'=\\~]+")


def check_library(manuscript: Manuscript, settings: "Settings", result: "CheckResult",
                  progress: Any = None) -> None:
    """The ``run_checks`` step: runs when ``--library`` files are given or the manuscript has
    a bibliography section; adds ``BB1xx`` findings and ``result.extras["library"]``."""
    if not settings.libraries and not manuscript.bibliography:
        return
    matches, errors = match_all(manuscript, settings.libraries)
    for message in errors:
        result.findings.append(Finding.of(UNREADABLE, message))
    for m in matches:
        result.findings.extend(library_findings(m, manuscript, strict=settings.strict))
    result.extras["library"] = {m.collection: m.to_dict() for m in matches}
