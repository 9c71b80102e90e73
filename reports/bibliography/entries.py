"""Reference-list entries: one per distinct work, with a stable key, sorted as a bibliography.

Every reference-list writer (BibTeX, CSL-JSON, RIS, Chicago) starts from
:func:`bibliography_entries`, so they agree on which works are listed, in which order and
under which keys. Pure functions: nothing here reads files or looks anything up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from checkers.match import transliterate
from citations.csl import names_of, year_of  # noqa: F401  (their home; re-exported)
from citations.model import ArchivalRef, Manuscript
from citations.works import Work, distinct_works, fold

#: Leading words skipped when a title word goes into a key ("The Comintern" → ``comintern``).
STOPWORDS = frozenset(
    ["a", "an", "the", "of", "on", "in", "to", "and", "for", "from", "with", "at", "by", "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "zur", "zum", "und", "le", "la", "les", "un", "une", "des", "du", "de", "et", "il", "lo", "gli", "i", "el", "los", "las", "o", "oi", "ta", "to"]
)
_APOSTROPHES = re.compile(r"['’ʼ`]")
_NUMBER = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Entry:
    """One work of the reference list.

    ``csl`` is the work's CSL-JSON item with ``id`` set to ``key``; for an archival file,
    ``archival`` is the file itself (folios dropped: they belong to the notes, not the list).
    """

    key: str
    work: Work
    csl: dict[str, Any]
    archival: ArchivalRef | None = None

    @property
    def is_archival(self) -> bool:
        return self.archival is not None


def _ascii_words(text: str) -> list[str]:
    """``“Stalin’s Terror”`` → ``["stalins", "terror"]``; Cyrillic is romanised first
    (``Джуха`` → ``dzhukha``); what is left outside ASCII letters and digits is dropped."""
    words = fold(transliterate(_APOSTROPHES.sub("", text or ""))).split()
    return [w for w in (re.sub(r"[^a-z0-9]", "", w) for w in words) if w]


def _title_word(title: str, skip: str = "") -> str:
    for word in _ascii_words(title):
        if word not in STOPWORDS and not word.isdigit() and word != skip:
            return word
    return ""


def base_key(csl: Mapping[str, Any], archival: ArchivalRef | None = None) -> str:
    """A readable key before de-duplication.

    ``rogovin2009stalins`` (first author or editor, year, first significant title word);
    ``rgaspi495_18_213`` for an archival file; ``report1956commission`` with no name.
    """
    if archival is not None and (archival.repository or archival.fond):
        parts = [archival.repository or "archive", archival.fond, archival.opis, archival.delo]
        words = ["".join(_ascii_words(p)) for p in parts if p]
        head, rest = words[0], [w for w in words[1:] if w]
        return head + "_".join(rest) if rest else head
    names = names_of(csl)
    who = ""
    if names:
        first = names[0]
        who = "".join(_ascii_words(first.get("family") or first.get("literal") or ""))
    title = str(csl.get("title") or csl.get("container-title") or "")
    if not who:
        who = _title_word(title)
    year = year_of(csl)
    word = _title_word(title, skip=who)
    key = f"{who or 'anon'}{year or ''}{word}"
    return key


def _suffixes() -> Iterable[str]:
    """``a``, ``b``, … ``z``, ``aa``, ``ab``, …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for a in letters:
        yield a
    for a in letters:
        for b in letters:
            yield a + b


def assign_keys(bases: list[str], reserved: Iterable[str] = ()) -> list[str]:
    """De-duplicate keys: when several entries share a key, each gets ``a``, ``b``… in order.

    Keys in ``reserved`` (e.g. keys taken from a user's library) are never produced.
    """
    taken = set(reserved)
    counts: dict[str, int] = {}
    for b in bases:
        counts[b] = counts.get(b, 0) + 1
    result = []
    for b in bases:
        if counts[b] == 1 and b not in taken:
            key = b
        else:
            key = next(b + s for s in _suffixes() if b + s not in taken)
        taken.add(key)
        result.append(key)
    return result


def _natural(text: str | None) -> tuple:
    """Sort ``"2"`` before ``"10"`` and ``"P-54560"`` among them."""
    return tuple(int(p) if p.isdigit() else p.lower() for p in _NUMBER.split(text or "") if p)


def sort_key(entry: Entry) -> tuple:
    """Published works first, by name (or title), year and title; then archival files by shelf mark."""
    if entry.archival is not None:
        a = entry.archival
        return (1, (a.repository or "").lower(), _natural(a.fond), _natural(a.opis), _natural(a.delo))
    csl = entry.csl
    names = names_of(csl)
    name = ""
    if names:
        name = fold(names[0].get("family") or names[0].get("literal") or "")
    title = fold(_title_sortable(str(csl.get("title") or "")))
    return (0, name or title, year_of(csl) or 0, title, entry.key)


def _title_sortable(title: str) -> str:
    """Titles file without a leading article: "The Diary of …" under D."""
    words = title.split(" ", 1)
    if len(words) == 2 and words[0].lower() in {"the", "a", "an", "der", "die", "das", "le", "la", "les"}:
        return words[1]
    return title


def work_item(work: Work) -> tuple[dict[str, Any], ArchivalRef | None]:
    """The CSL-JSON item describing ``work`` itself (no ``id`` yet), and its archival file.

    Empty values are dropped; an archival file becomes type ``manuscript`` with ``archive`` and
    ``archive_location`` describing the file (fond, opis, delo), not the folios of one note.
    """
    csl = {k: v for k, v in work.citation.resolved_csl.items() if v not in (None, "", [], {})}
    archival = work.citation.archival
    if archival is not None:
        archival = replace(archival, folios=None, verso=False)
        csl["type"] = "manuscript"
        if archival.repository:
            csl["archive"] = csl.get("archive") or archival.repository
        location = archival.location()
        if location:
            csl["archive_location"] = location
    csl.setdefault("type", "document")
    return csl, archival


def bibliography_entries(
    source: Manuscript | list[Work], keys: Mapping[str, str] | None = None
) -> list[Entry]:
    """One :class:`Entry` per distinct work, sorted as a bibliography.

    ``keys`` maps work ids (:attr:`Work.id`, ``"4.0"``) to keys to reuse (from a library);
    a key given for two works goes to the first only. The other works get readable keys,
    de-duplicated with ``a``/``b`` suffixes.
    """
    works = distinct_works(source) if isinstance(source, Manuscript) else list(source)
    given = dict(keys or {})
    keys = {}
    for w in works:
        if w.id in given and given[w.id] not in keys.values():
            keys[w.id] = given[w.id]
    items = [work_item(w) for w in works]
    fresh = [i for i, w in enumerate(works) if w.id not in keys]
    generated = assign_keys([base_key(*items[i]) for i in fresh], reserved=keys.values())
    chosen = {works[i].id: k for i, k in zip(fresh, generated, strict=True)}
    chosen.update({w.id: keys[w.id] for w in works if w.id in keys})
    entries = [
        Entry(chosen[w.id], w, {"id": chosen[w.id], **csl}, archival)
        for w, (csl, archival) in zip(works, items, strict=True)
    ]
    return sorted(entries, key=sort_key)
