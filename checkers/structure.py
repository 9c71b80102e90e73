"""Structural checks: what an attentive copy-editor sees without opening a catalogue.

Pure functions over a parsed :class:`~citations.model.Manuscript`; nothing here prints or looks
anything up. :func:`check_structure` runs every check and returns the findings;
:func:`step` is the ``checkers.run`` step that adds them to a :class:`CheckResult`.

Codes, grouped like a linter's:

- ``SC1xx`` markers and numbering (a marker with no note, a note with no marker, gaps,
  duplicates, out-of-order or repeated markers, empty notes);
- ``SC2xx`` Ibid. and short forms (Ibid. with nothing, or too much, to repeat; a short form
  with no earlier full citation, or several);
- ``SC3xx`` the same work cited with different details in different notes, field by field;
- ``SC4xx`` incomplete citations (no year, no imprint, no container, no editors, no URL, a
  book cited without a page);
- ``SC5xx`` notes without a readable citation (commentary only, or text the parser could not
  read).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from checkers.findings import ERROR, INFO, WARNING, Finding, rule
from citations.model import (
    AFTER_COMMENTARY,
    AFTER_SEVERAL,
    AFTER_UNPARSED,
    AMBIGUOUS,
    AMBIGUOUS_IN_BIBLIOGRAPHY,
    FIRST_NOTE,
    FULL,
    IBID,
    NO_MATCH,
    SHORT,
    UNPARSED,
    Citation,
    Manuscript,
    Marker,
    Note,
)
from citations.resolve import note_sources
from citations.split import FUNCTION_WORDS, is_running_prose
from citations.csl import family_names, fold, year_of  # noqa: F401  (year_of re-exported)

if TYPE_CHECKING:  # pragma: no cover - imported for annotations only
    from checkers.config import Settings
    from checkers.result import CheckResult
    from checkers.progress import Progress

# --------------------------------------------------------------------------------------------
# The codes
# --------------------------------------------------------------------------------------------

MARKER_WITHOUT_NOTE = rule(
    "SC101", ERROR, "marker-without-note",
    "A note marker in the text has no note with that number.",
    "Add the missing note, or remove or renumber the marker.",
)
NOTE_WITHOUT_MARKER = rule(
    "SC102", ERROR, "note-without-marker",
    "A note has no marker in the text that refers to it.",
    "Put the note's marker where the note belongs in the text, or delete the note.",
)
NUMBERING_GAP = rule(
    "SC103", WARNING, "numbering-gap",
    "Note numbers skip one or more numbers.",
    "Renumber the notes consecutively (a word processor's automatic notes do this for you).",
)
DUPLICATE_NOTE = rule(
    "SC104", ERROR, "duplicate-note-number",
    "Two notes carry the same number.",
    "Renumber the notes so that every number is used once.",
)
MARKER_OUT_OF_ORDER = rule(
    "SC105", WARNING, "marker-out-of-order",
    "A marker appears in the text after a marker with a higher number.",
    "Renumber the notes in the order their markers appear in the text.",
)
MARKER_REPEATED = rule(
    "SC106", WARNING, "marker-used-twice",
    "The same note is referred to from more than one place in the text.",
    "Give each place its own note; repeat the source as a short form (or Ibid.) in the new note.",
)
EMPTY_NOTE = rule(
    "SC107", WARNING, "empty-note",
    "A note has no text.",
    "Write the note, or remove it together with its marker.",
)

IBID_FIRST = rule(
    "SC201", ERROR, "ibid-in-first-note",
    "Ibid. in the first note refers to nothing.",
    "Replace Ibid. with the full citation.",
)
IBID_AFTER_SEVERAL = rule(
    "SC202", WARNING, "ibid-after-several-citations",
    "Ibid. follows a note that cites several sources, so it is ambiguous (Chicago 14.34).",
    "Use a short form (author, short title, page) to say which source is meant.",
)
IBID_AFTER_NOTHING = rule(
    "SC203", ERROR, "ibid-after-no-citation",
    "Ibid. follows a note that cites no source, so there is nothing for it to repeat.",
    "Replace Ibid. with a short form or the full citation of the source meant.",
)
IBID_AFTER_UNPARSED = rule(
    "SC204", WARNING, "ibid-after-unparsed",
    "Ibid. follows a citation that could not be read, so what it repeats cannot be checked.",
    "Check the preceding citation's form, or replace Ibid. with a short form.",
)
SHORT_WITHOUT_FULL = rule(
    "SC205", WARNING, "short-form-without-full",
    "A short form (or op. cit.) has no earlier full citation it could repeat.",
    "Give the full citation the first time the work is cited.",
)
SHORT_AMBIGUOUS = rule(
    "SC206", WARNING, "short-form-ambiguous",
    "A short form matches more than one earlier full citation.",
    "Lengthen the short title (or add the author) so that only one work matches.",
)

DIFFERENT_YEAR = rule(
    "SC301", WARNING, "inconsistent-year",
    "The same work is cited with different years in different notes.",
    "Use the year of the edition you used in every note (or cite both editions as such).",
)
DIFFERENT_PUBLISHER = rule(
    "SC302", WARNING, "inconsistent-publisher",
    "The same work is cited with different publishers in different notes.",
    "Give the publisher in the same form in every note.",
)
DIFFERENT_PLACE = rule(
    "SC303", WARNING, "inconsistent-place",
    "The same work is cited with different places of publication in different notes.",
    "Give the place of publication in the same form in every note.",
)
DIFFERENT_TITLE = rule(
    "SC304", WARNING, "inconsistent-title",
    "The same work's title is spelled differently in different notes.",
    "Spell the title the same way (as on the title page) in every note.",
)
DIFFERENT_AUTHOR = rule(
    "SC305", WARNING, "inconsistent-author",
    "The same work's author is spelled differently in different notes.",
    "Spell the author's name the same way in every note.",
)
DIFFERENT_CONTAINER = rule(
    "SC306", WARNING, "inconsistent-container",
    "The same chapter or article is cited in differently named books or journals.",
    "Name the book or journal the same way in every note.",
)

NO_YEAR = rule(
    "SC401", WARNING, "missing-year",
    "A book, chapter, article, preprint, report, thesis, conference paper, software or data set "
    "is cited without a year, or a web source with its author and address but with no date at all.",
    "Add the year of publication.",
)
NO_IMPRINT = rule(
    "SC402", WARNING, "missing-imprint",
    "A book is cited without its publisher or place of publication.",
    "Add the place and publisher (Place: Publisher Year).",
)
NO_CONTAINER = rule(
    "SC403", WARNING, "missing-container",
    "An article or chapter is cited without the journal or book it appeared in.",
    "Add the journal (with volume and issue) or the book (with its editors).",
)
NO_EDITORS = rule(
    "SC404", WARNING, "missing-editors",
    "A chapter is cited without the editors (or author) of the book it appeared in.",
    "Add the book's editors: “in: First Last (ed.), Book Title, Place: Publisher Year”.",
)
WEB_WITHOUT_URL = rule(
    "SC405", WARNING, "web-source-without-url",
    "A web source is cited without its address.",
    "Add the URL (and the date you accessed it).",
)
ONLINE_WITHOUT_LINK = rule(
    "SC406", WARNING, "online-without-link",
    "The note says the source is available online but gives no link.",
    "Add the URL (or a DOI or permanent link) where the source can be found.",
)
NO_LOCATOR = rule(
    "SC407", INFO, "missing-locator",
    "A book is cited without a page, chapter or other place in it where the text at its marker "
    "quotes it, shows a figure from it or states something it supports (not where the text names "
    "the book as a whole); or a chapter or journal article the text quotes is cited by its page "
    "range only.",
    "Add the page(s) the note refers to, unless the whole book is meant.",
)

COMMENTARY_ONLY = rule(
    "SC501", INFO, "commentary-only",
    "A note points to a source (“see …”, “quoted in”) but cites none; a note that is commentary "
    "only, with no such pointer, is not reported.",
    "Nothing to fix if the note is meant as commentary; otherwise add the source.",
)
UNRELIABLE_READING = rule(
    "SC503", INFO, "unreliable-reading",
    "A citation could not be read reliably, so its fields were not checked for completeness "
    "or consistency.",
    "Check its form (Author, Title, Place: Publisher Year, page), or ignore this code.",
)
UNPARSED_CITATION = rule(
    "SC502", INFO, "unparsed-citation",
    "Part of a note could not be read as a citation, so it was not checked (a part that names "
    "its source by a link or DOI is not reported).",
    "Check its form (Author, Title, Place: Publisher Year, page), or ignore this code.",
)

# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def check_structure(manuscript: Manuscript) -> list[Finding]:
    """Every structural finding for ``manuscript`` (parsed), in the order the checks run."""
    return [
        *check_markers(manuscript),
        *check_numbering(manuscript),
        *check_ibid(manuscript),
        *check_short_forms(manuscript),
        *check_consistency(manuscript),
        *check_completeness(manuscript),
        *check_commentary(manuscript),
    ]


def step(
    manuscript: Manuscript,
    settings: Settings,
    result: CheckResult,
    progress: Progress | None = None,
) -> None:
    """The ``checkers.run`` step: add the structural findings to ``result``."""
    result.findings.extend(check_structure(manuscript))


# --------------------------------------------------------------------------------------------
# SC1xx: markers and numbering
# --------------------------------------------------------------------------------------------


def _number(label: str) -> int | None:
    return int(label) if label.isdigit() else None


def _note_number_for_label(manuscript: Manuscript, label: str) -> int | None:
    for note in manuscript.notes:
        if note.key == label:
            return note.number
    return None


def _at(marker: Marker) -> str:
    return f"line {marker.line}, column {marker.column}"


def check_markers(manuscript: Manuscript) -> Iterator[Finding]:
    """Markers against notes: SC101, SC102, SC105 (numbers typed by hand only), SC106."""
    notes_by_label = {note.key for note in manuscript.notes}
    marker_labels = {m.label for m in manuscript.markers}

    unmarked = [n for n in manuscript.notes if n.key not in marker_labels]
    reported: set[str] = set()
    for marker in manuscript.markers:
        if marker.label not in notes_by_label and marker.label not in reported:
            reported.add(marker.label)
            hint = None
            if unmarked and manuscript.markers:
                keys = ", ".join(n.key for n in unmarked[:5]) + (", …" if len(unmarked) > 5 else "")
                hint = (
                    f"{MARKER_WITHOUT_NOTE.hint} Note{'s' if len(unmarked) > 1 else ''} {keys} "
                    f"{'have' if len(unmarked) > 1 else 'has'} no marker: is this marker meant "
                    f"for {'one of them' if len(unmarked) > 1 else 'it'}?"
                )
            yield Finding.of(
                MARKER_WITHOUT_NOTE,
                f"marker [{marker.label}] at {_at(marker)} has no note {marker.label}",
                line=marker.line,
                hint=hint or MARKER_WITHOUT_NOTE.hint,
            )

    if manuscript.notes and not manuscript.markers:
        yield Finding.of(
            NOTE_WITHOUT_MARKER,
            f"none of the {len(manuscript.notes)} notes has a marker in the text",
            hint="Check that the text carries the note markers ([1], [^1] or superscripts).",
        )
    else:
        for note in unmarked:
            yield Finding.of(
                NOTE_WITHOUT_MARKER,
                f"note {note.key} has no marker [{note.key}] in the text",
                note=note.number,
                line=note.line,
            )

    seen: dict[str, Marker] = {}
    highest: Marker | None = None
    for marker in manuscript.markers:
        first = seen.get(marker.label)
        if first is not None:
            yield Finding.of(
                MARKER_REPEATED,
                f"marker [{marker.label}] at {_at(marker)} repeats the one at {_at(first)}",
                note=_note_number_for_label(manuscript, marker.label),
                line=marker.line,
            )
            continue
        seen[marker.label] = marker
        number = _number(marker.label)
        if number is None or manuscript.auto_numbered:
            continue  # the format numbers its notes in order of reference: labels are names
        if highest is not None and number < int(highest.label):
            yield Finding.of(
                MARKER_OUT_OF_ORDER,
                f"marker [{marker.label}] at {_at(marker)} comes after marker "
                f"[{highest.label}] at {_at(highest)}",
                note=_note_number_for_label(manuscript, marker.label),
                line=marker.line,
            )
        else:
            highest = marker


def _ranges(numbers: list[int]) -> str:
    """``[5, 6, 7, 9]`` → ``5–7, 9``."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def check_numbering(manuscript: Manuscript) -> Iterator[Finding]:
    """Note numbers: SC103 gaps (numbers typed by hand only), SC104 duplicates, SC107 empty notes."""
    marker_labels = {m.label for m in manuscript.markers}
    first_by_label: dict[str, Note] = {}
    previous: int | None = None
    for note in manuscript.notes:
        if not note.text.strip():
            yield Finding.of(
                EMPTY_NOTE, f"note {note.key} is empty", note=note.number, line=note.line
            )
        earlier = first_by_label.get(note.key)
        if earlier is not None:
            yield Finding.of(
                DUPLICATE_NOTE,
                f"note {note.key} at line {note.line} repeats the number of the note at "
                f"line {earlier.line}",
                note=note.number,
                line=note.line,
            )
            continue
        first_by_label[note.key] = note
        number = _number(note.key)
        if number is None or manuscript.auto_numbered:
            continue  # numbered by the format (Markdown, Word, ODT, LaTeX): no gaps possible
        if previous is not None and number > previous + 1:
            # Numbers that have a marker are reported as markers without notes (SC101).
            missing = [n for n in range(previous + 1, number) if str(n) not in marker_labels]
            if missing:
                plural = "s" if len(missing) > 1 else ""
                yield Finding.of(
                    NUMBERING_GAP,
                    f"note{plural} {_ranges(missing)} missing: the notes go from "
                    f"{previous} to {number}",
                    note=note.number,
                    line=note.line,
                )
        if previous is None or number > previous:
            previous = number


# --------------------------------------------------------------------------------------------
# SC2xx: Ibid. and short forms
# --------------------------------------------------------------------------------------------


def _flat(value: Any) -> str:
    """A value on one line: runs of white space (newlines included) become one space."""
    return " ".join(str(value if value is not None else "").split())


def _describe(citation: Citation, limit: int = 200) -> str:
    """A short human label for a citation: author and title, or its text.

    Cut only past ``limit`` (an unparsed paragraph): reports wrap a message, they do not need it
    shortened, and an editor needs the whole title to find the note.
    """
    if citation.archival is not None and citation.archival.canonical():
        return _flat(citation.archival.canonical())
    csl = citation.resolved_csl
    names = csl.get("author") or csl.get("editor") or []
    who = "/".join(x for x in (_flat(n.get("family") or n.get("literal")) for n in names if n) if x)
    title = _flat(csl.get("title")).strip("“”\"' ")
    label = ", ".join(x for x in (who, f"“{title}”" if title else "") if x)
    if not label:
        label = f"“{_flat(citation.text)}”"
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def check_ibid(manuscript: Manuscript) -> Iterator[Finding]:
    """Ibid. with nothing, several things or something unreadable before it: SC201–SC204.

    Which it is, the resolver decided (``Citation.resolution``, :mod:`citations.resolve`); this
    only words the finding.
    """
    for position, note in enumerate(manuscript.notes):
        for index, citation in enumerate(note.citations):
            if citation.kind != IBID:
                continue
            where = {"note": note.number, "citation": index, "line": note.line}
            code = citation.resolution
            if code == FIRST_NOTE:
                yield Finding.of(
                    IBID_FIRST, f"Ibid. in note {note.key}, the first note, repeats nothing",
                    **where,
                )
            elif code == AFTER_UNPARSED and index > 0:
                yield Finding.of(
                    IBID_AFTER_UNPARSED,
                    f"Ibid. in note {note.key} follows a citation that could not be read "
                    f"({_describe(note.citations[index - 1])})",
                    **where,
                )
            elif code in (AFTER_COMMENTARY, AFTER_SEVERAL, AFTER_UNPARSED) and position > 0:
                previous = manuscript.notes[position - 1]
                if code == AFTER_COMMENTARY:
                    yield Finding.of(
                        IBID_AFTER_NOTHING,
                        f"Ibid. in note {note.key} follows note {previous.key}, which cites no source",
                        **where,
                    )
                elif code == AFTER_SEVERAL:
                    sources = note_sources(previous)
                    cited = "; ".join(_describe(c, 40) for c in sources.values())
                    yield Finding.of(
                        IBID_AFTER_SEVERAL,
                        f"Ibid. in note {note.key} follows note {previous.key}, which cites "
                        f"{len(sources)} sources ({cited})",
                        **where,
                    )
                else:
                    yield Finding.of(
                        IBID_AFTER_UNPARSED,
                        f"Ibid. in note {note.key} follows note {previous.key}, whose citation "
                        f"could not be read",
                        **where,
                    )


def _full_citations(manuscript: Manuscript) -> Iterator[tuple[Note, int, Citation]]:
    for note in manuscript.notes:
        for index, citation in enumerate(note.citations):
            if citation.kind == FULL:
                yield note, index, citation


class _LaterFull:
    """Finds the note after a short form whose full citation it seems to repeat (the hint of
    SC205), through an index of the full citations by title word built once: a lookup reads
    the few citations sharing the short title's rarest word, not every later note."""

    def __init__(self, manuscript: Manuscript) -> None:
        self.position = {id(n): i for i, n in enumerate(manuscript.notes)}
        self.full: list[tuple[int, Note, str, set[str]]] = []
        self.by_word: dict[str, list[int]] = {}
        self._built = False
        self.manuscript = manuscript

    def _build(self) -> None:
        for k, note in enumerate(self.manuscript.notes):
            for citation in note.citations:
                if citation.kind != FULL:
                    continue
                title = fold(citation.resolved_csl.get("title") or "")
                if not title:
                    continue
                self.full.append((k, note, title, set(family_names(citation.resolved_csl))))
                for word in set(title.split()):
                    self.by_word.setdefault(word, []).append(len(self.full) - 1)
        self._built = True

    def __call__(self, note: Note, short: Citation) -> Note | None:
        title = fold(short.csl.get("title") or "")
        if not title:
            return None
        if not self._built:
            self._build()
        postings = [self.by_word[w] for w in set(title.split()) if w in self.by_word]
        if not postings:
            return None
        families = set(family_names(short.csl))
        here = self.position[id(note)]
        rarest: list[int] = min(postings, key=len)
        for i in sorted(rarest):
            position, other, full_title, full_families = self.full[i]
            if position <= here or fuzz.partial_ratio(title, full_title) < 90:
                continue
            if families and not families & full_families:
                continue
            return other
        return None


def check_short_forms(manuscript: Manuscript) -> Iterator[Finding]:
    """Short forms with no full citation (in an earlier note or the bibliography), or several:
    SC205, SC206."""
    later_full = _LaterFull(manuscript)
    for note in manuscript.notes:
        for index, citation in enumerate(note.citations):
            if citation.kind != SHORT:
                continue
            where = {"note": note.number, "citation": index, "line": note.line}
            if citation.resolution == AMBIGUOUS:
                refs = citation.candidates
                listed = ", ".join(f"note {n}" for n in dict.fromkeys(r[0] for r in refs))
                yield Finding.of(
                    SHORT_AMBIGUOUS,
                    f"short form {_describe(citation)} in note {note.key} could repeat the "
                    f"citations in {listed}",
                    **where,
                )
            elif citation.resolution in (NO_MATCH, AMBIGUOUS_IN_BIBLIOGRAPHY) and not _commentary_short_form(citation):
                later = later_full(note, citation)
                hint = SHORT_WITHOUT_FULL.hint
                if later is not None:
                    hint = (
                        f"The full citation comes later, in note {later.key}: give it here "
                        f"and use the short form there."
                    )
                yield Finding.of(
                    SHORT_WITHOUT_FULL,
                    f"short form {_describe(citation)} in note {note.key} has no earlier "
                    f"full citation",
                    hint=hint,
                    **where,
                )


# --------------------------------------------------------------------------------------------
# SC3xx: the same work with different details
# --------------------------------------------------------------------------------------------

#: Two titles at least this similar (rapidfuzz ratio on folded text) may be the same work.
TITLE_SIMILARITY = 90
#: Without authors to compare, titles must be this similar.
ANONYMOUS_TITLE_SIMILARITY = 95
#: Author family names at least this similar are the same people spelled differently.
AUTHOR_SIMILARITY = 80
#: Containers (book, journal) at least this similar are the same container.
CONTAINER_SIMILARITY = 80

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
                         "„": '"', "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-"})


def _spelling(value: Any) -> str:
    """Normalise what is not spelling: case, quotes, dashes, spaces, trailing punctuation."""
    text = unicodedata.normalize("NFC", str(value or "")).translate(_QUOTES)
    return " ".join(text.split()).strip(" .,;:").casefold()


@dataclass
class _Occurrence:
    note: Note
    index: int
    citation: Citation
    title: str
    families: tuple[str, ...]
    container: str
    #: Volume and edition: volumes 3 and 5 of "Collected Works" are different books.
    volume: str
    edition: str


def _occurrence(note: Note, index: int, citation: Citation) -> _Occurrence | None:
    if citation.archival is not None or citation.type == "manuscript":
        return None
    title = fold(citation.resolved_csl.get("title") or "")
    if not title:
        return None
    csl = citation.resolved_csl
    return _Occurrence(
        note, index, citation, title, family_names(csl), fold(csl.get("container-title") or ""),
        fold(str(csl.get("volume") or "")), fold(str(csl.get("edition") or "")),
    )


#: Fields of a chapter's CSL item that describe the book it appeared in.
_BOOK_FIELDS = ("publisher", "publisher-place", "issued", "volume", "edition")


def _volume_occurrence(note: Note, index: int, citation: Citation) -> _Occurrence | None:
    """The edited volume a chapter appeared in, as a book, so it can be compared with other
    chapters of the volume and with citations of the volume itself."""
    csl = citation.resolved_csl
    if citation.type not in CHAPTER_TYPES or not csl.get("container-title"):
        return None
    book: dict[str, Any] = {"type": "book", "title": csl["container-title"]}
    if csl.get("container-author"):
        book["author"] = csl["container-author"]
    elif csl.get("editor"):
        book["editor"] = csl["editor"]
    book.update({k: csl[k] for k in _BOOK_FIELDS if csl.get(k)})
    return _occurrence(note, index, Citation(text=citation.text, csl=book))


def _same_work(a: _Occurrence, b: _Occurrence, title_score: float) -> bool:
    if (a.volume and b.volume and a.volume != b.volume) or (
        a.edition and b.edition and a.edition != b.edition
    ):
        return False
    if a.families and b.families:
        if fuzz.ratio(" ".join(sorted(a.families)), " ".join(sorted(b.families))) < AUTHOR_SIMILARITY:
            return False
    elif a.families or b.families or title_score < ANONYMOUS_TITLE_SIMILARITY:
        return False
    if a.container and b.container:
        return fuzz.ratio(a.container, b.container) >= CONTAINER_SIMILARITY
    return not (a.container or b.container)


def _name(person: dict[str, Any]) -> str:
    if person.get("literal"):
        return str(person["literal"])
    return " ".join(x for x in (person.get("given"), person.get("family")) if x)


def _given_agrees(a: str, b: str) -> bool:
    """``H.`` and ``Hermann`` agree (an initial); ``Herman`` and ``Hermann`` do not."""
    a, b = _spelling(a), _spelling(b)
    if a == b or not a or not b:
        return True
    words_a = [w for w in re.split(r"[\s.\-]+", a) if w]
    words_b = [w for w in re.split(r"[\s.\-]+", b) if w]
    abbreviated = all(len(w) == 1 for w in words_a) or all(len(w) == 1 for w in words_b)
    return abbreviated and [w[0] for w in words_a] == [w[0] for w in words_b]


def _authors_differ(a: Citation, b: Citation) -> bool:
    names_a = a.resolved_csl.get("author") or a.resolved_csl.get("editor") or []
    names_b = b.resolved_csl.get("author") or b.resolved_csl.get("editor") or []
    if len(names_a) != len(names_b):
        return bool(names_a and names_b)
    for x, y in zip(names_a, names_b, strict=True):
        if _spelling(x.get("family") or x.get("literal")) != _spelling(y.get("family") or y.get("literal")):
            return True
        if not _given_agrees(x.get("given") or "", y.get("given") or ""):
            return True
    return False


def _authors(c: Citation) -> str:
    return "/".join(_name(n) for n in (c.resolved_csl.get("author") or c.resolved_csl.get("editor") or []))


def _differences(first: Citation, later: Citation) -> Iterator[tuple[Any, str, Any, Any]]:
    """(rule, field label, value in ``first``, value in ``later``) for each field that differs."""
    a, b = first.resolved_csl, later.resolved_csl
    ya, yb = year_of(a), year_of(b)
    if ya and yb and str(ya) != str(yb):
        yield DIFFERENT_YEAR, "year", ya, yb
    for r, key, label in (
        (DIFFERENT_PUBLISHER, "publisher", "publisher"),
        (DIFFERENT_PLACE, "publisher-place", "place"),
        (DIFFERENT_TITLE, "title", "title"),
        (DIFFERENT_CONTAINER, "container-title", "container"),
    ):
        va, vb = a.get(key), b.get(key)
        if va and vb and _spelling(va) != _spelling(vb):
            yield r, label, va, vb
    if _authors_differ(first, later):
        yield DIFFERENT_AUTHOR, "author", _authors(first), _authors(later)


def check_consistency(manuscript: Manuscript) -> Iterator[Finding]:
    """The same work cited with different details in different notes: SC301–SC306.

    Full citations are the same work when their authors' family names and their titles are
    near-identical (rapidfuzz), and so are their containers where both have one. Each later
    citation is compared with the first citation of the work, field by field. A chapter is
    also a citation of the edited volume it appeared in, so two chapters of one volume (or a
    chapter and the volume) that disagree on its year, publisher, place, title or editors are
    reported too.
    """
    works: list[_Occurrence] = []  # the first full citation of each work
    titles: list[str] = []
    by_title: dict[str, list[int]] = {}  # the works of each title, in order

    def first_of(occ: _Occurrence) -> _Occurrence | None:
        """The earlier work ``occ`` is a citation of; else record it as a new work."""
        # A title met before scores 100 with its works, ahead of every other candidate (the
        # ratio is 100 only for the same text): when one of them is the work, no scan.
        for k in by_title.get(occ.title, ()):
            if _same_work(works[k], occ, 100.0):
                return works[k]
        candidates = process.extract(
            occ.title, titles, scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY, limit=None
        )
        for _, score, k in sorted(candidates, key=lambda c: (-c[1], c[2])):
            if _same_work(works[k], occ, score):
                return works[k]
        by_title.setdefault(occ.title, []).append(len(works))
        works.append(occ)
        titles.append(occ.title)
        return None

    for note, index, citation in _full_citations(manuscript):
        if not reliable(citation):
            continue  # a field misread is no inconsistency (CONFIDENCE_THRESHOLD)
        occ = _occurrence(note, index, citation)
        if occ is None:
            continue
        first = first_of(occ)
        if first is None:
            # A chapter cited for the first time: compare the volume it appeared in instead.
            volume = _volume_occurrence(note, index, citation)
            first = first_of(volume) if volume is not None else None
            occ = volume if first is not None and volume is not None else occ
        if first is None or first.note is note:
            continue
        for r, label, was, now in _differences(first.citation, occ.citation):
            yield Finding.of(
                r,
                f"note {note.key} gives the {label} of {_describe(first.citation)} as "
                f"“{_flat(now)}”, note {first.note.key} as “{_flat(was)}”",
                note=note.number,
                citation=index,
                line=note.line,
            )


# --------------------------------------------------------------------------------------------
# SC4xx: incomplete citations
# --------------------------------------------------------------------------------------------

BOOK_TYPES = frozenset({"book"})
CHAPTER_TYPES = frozenset({"chapter"})
ARTICLE_TYPES = frozenset({"article-journal", "article-newspaper", "article-magazine"})
WEB_TYPES = frozenset({"webpage", "post-weblog", "post", "motion_picture"})
#: Types that are cited with a year and nothing else asked of them here (a preprint, a report,
#: a thesis, a conference paper, software, a data set): no place of publication, no editors.
DATED_TYPES = frozenset({"article", "report", "thesis", "paper-conference", "software", "dataset"})

#: A finding that rests on a parsed field (SC3xx, SC40x, BB103) is raised only for citations
#: read with at least this confidence (``Citation.confidence``); below it, one SC503 info says
#: the citation could not be read reliably.
CONFIDENCE_THRESHOLD = 0.5

_YEAR_IN_BRACKETS = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)")
_JOURNAL_NUMBERS = re.compile(r"\b\d{1,4}\s*\(\d{1,4}\)|\bno\.\s*\d|\bvol\.\s*\d", re.IGNORECASE)


#: An initialism written with full stops ("U.S.", "e.g."): no sign of a reference, though its
#: "S. " looks like the German page abbreviation ("S. 12") to the prose test.
_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def _running_prose(text: str, min_words: int) -> bool:
    """Running prose (:func:`citations.split.is_running_prose`, a year being no sign of a
    reference), initialisms read as words."""
    return is_running_prose(_INITIALISM.sub(lambda m: m.group().replace(".", ""), text), min_words=min_words, years=False)


def unsure_reading(citation: Citation) -> bool:
    """A rule reading that is evidently unsure of itself: what should be other fields left in
    the title (a year in brackets, a link, a journal's volume and issue, whole sentences), or
    an author that is a common word."""
    csl = citation.resolved_csl
    title = str(csl.get("title") or "")
    if len(title) > 200 or re.search(r"<|https?://|www\.", title):
        return True
    if _YEAR_IN_BRACKETS.search(title) or (citation.type in BOOK_TYPES and _JOURNAL_NUMBERS.search(title)):
        return True
    if _running_prose(title, 12):
        return True
    for person in csl.get("author") or []:
        family = str(person.get("family") or "")
        if family[:1].islower() or family.lower() in FUNCTION_WORDS or family.lower() in ("ver", "see", "voir"):
            return True
    return False


_QUOTED = re.compile(r"[“„«\"][^”»\"]{0,200}[”»\"]|‘[^’]{0,200}’|<[^<>]{0,200}>")


def _commentary_short_form(citation: Citation) -> bool:
    """A "short form" that is a phrase of prose, not an author or a title ("El AC tiene una
    historia …", "todos los elementos están contenidos en el elemento raíz")."""
    title = _QUOTED.sub(" ", str(citation.csl.get("title") or ""))
    authors = citation.csl.get("author") or []
    if any(str(a.get("family") or "").lower() in FUNCTION_WORDS for a in authors):
        return True
    return not authors and (_running_prose(title, 6) or _mostly_prose(citation.text))


#: A sentence's passive verb in what was read as a title: "… were downloaded from …",
#: "… fueron descargados de …" — a title seldom has one, a remark about a source does.
_PASSIVE = re.compile(
    r"\b(?:were|was|have been|has been|fueron|fue|han sido|foram|foi|wurden|wurde|ont été|a été|sont)\s+"
    r"[a-zà-ÿ]+(?:ed|en|ado|ados|ada|adas|ido|idos|ida|idas|é|és|ée|ées|t)\b"
)


def _mostly_prose(text: str) -> bool:
    """Running prose once quoted words, bracketed links or tags and parentheses are set aside,
    or a remark about a source in a passive sentence."""
    plain = re.sub(r"\([^()]{0,80}\)", " ", _QUOTED.sub(" ", text))
    return _running_prose(plain, 12) or bool(_PASSIVE.search(text))


def _irregular(citation: Citation) -> bool:
    """An unsure reading whose form itself is in doubt (SC503): evidently unsure (see
    :func:`unsure_reading`), or unsure of its author or title — not one whose author and title
    were read surely and only a field such as the publisher is uncertain."""
    if unsure_reading(citation):
        return True
    core = [v for k, v in citation.field_confidence.items() if k in ("author", "title")]
    return min(core) < CONFIDENCE_THRESHOLD if core else citation.confidence < CONFIDENCE_THRESHOLD


def reliable(citation: Citation, fields: tuple[str, ...] = ()) -> bool:
    """Read surely enough for findings that rest on its fields (see CONFIDENCE_THRESHOLD).

    With ``fields`` (CSL keys; ``year`` means ``issued``), only the confidence of those fields
    counts: a year the labeller read surely is a difference worth reporting even when it was
    unsure of the editor's role words."""
    if unsure_reading(citation):
        return False
    keys = ["issued" if f == "year" else f for f in fields]
    known = [citation.field_confidence[k] for k in keys if k in citation.field_confidence]
    if known:
        return min(known) >= CONFIDENCE_THRESHOLD
    return citation.confidence >= CONFIDENCE_THRESHOLD

#: Phrases saying a source is online (English, German, French, Russian).
ONLINE_CLAIM = re.compile(
    r"\b(?:available\s+online|available\s+at|accessible\s+online|online\s+available|"
    r"online\s+(?:verfügbar|abrufbar|zugänglich)|abrufbar\s+unter|verfügbar\s+unter|"
    r"disponible\s+en\s+ligne|доступ(?:ен|на|но)\s+онлайн)\b",
    re.IGNORECASE,
)
LINK = re.compile(r"https?://|\bwww\.|\bdoi:\s*10\.|\b10\.\d{4,9}/\S+|\bhdl\.handle\.net", re.IGNORECASE)


def _has_locator(citation: Citation) -> bool:
    return citation.locator is not None and bool(citation.locator.value)


def check_completeness(manuscript: Manuscript) -> Iterator[Finding]:
    """Incomplete citations: SC401–SC407, for citations read reliably; one SC503 for a
    citation that would be reported incomplete but was not read reliably."""
    for note in manuscript.notes:
        for index, citation in enumerate(note.citations):
            if citation.kind != FULL or citation.archival is not None:
                continue
            found = list(_incomplete(note, index, citation, manuscript.markers_for(note)))
            if found and (_mostly_prose(citation.text) or _running_prose(str(citation.resolved_csl.get("title") or ""), 12)):
                continue  # commentary taken for a reference: nothing an editor need check
            if found and not reliable(citation):
                if not _irregular(citation):
                    continue  # only a field or two uncertain: nothing to tell the editor
                yield Finding.of(
                    UNRELIABLE_READING,
                    f"could not read {_describe(citation)} in note {note.key} reliably: check its form",
                    note=note.number, citation=index, line=note.line,
                )
                continue
            yield from found
        yield from _online_claim(note)


#: What joins the works of one list in a note: "A (2008) and B (2010)", "A; B".
_LIST_JOIN = re.compile(r"[\s,;]*(?:and|und|et|y|e|;)?[\s,;]*")


def _pointed_to(note: Note, index: int) -> bool:
    """The note points to the work as a whole with a lead ("see …", "for further reading …"):
    the citation's own prefix, or the lead of the list it continues ("For a broader discussion
    see A (Esri Press, 2008) and B (…, 2010)" points to B too)."""
    citations = note.citations
    k = index
    while citations[k].prefix is None:
        if k == 0:
            return False
        before, this = citations[k - 1], citations[k]
        end = note.text.find(before.text)
        start = note.text.find(this.text, end + len(before.text)) if end >= 0 else -1
        if start < 0 or not _LIST_JOIN.fullmatch(note.text[end + len(before.text) : start]):
            return False
        k -= 1
    return True


def _incomplete(note: Note, index: int, citation: Citation, markers: list[Marker] | None = None) -> Iterator[Finding]:
    csl, kind = citation.resolved_csl, citation.type
    where = {"note": note.number, "citation": index, "line": note.line}
    what = _describe(citation)
    versioned = kind in ("software", "dataset") and (csl.get("version") or _VERSION.search(citation.text))
    if kind in BOOK_TYPES | CHAPTER_TYPES | ARTICLE_TYPES | DATED_TYPES and not year_of(csl) and not versioned:
        noun = "book" if kind in BOOK_TYPES else "chapter" if kind in CHAPTER_TYPES else (
            "article" if kind in ARTICLE_TYPES else _NOUNS.get(kind or "", "work"))
        yield Finding.of(NO_YEAR, f"{noun} {what} in note {note.key} has no year", **where)
    # A web source cited formally (with its author) and its address asks for a date; a link
    # mentioned in passing does not.
    if kind in WEB_TYPES and (csl.get("URL") or csl.get("DOI")) and csl.get("author") and not (year_of(csl) or csl.get("accessed")):
        yield Finding.of(
            NO_YEAR,
            f"web source {what} in note {note.key} has neither a date nor an access date",
            hint="Add the date of publication, or the date you accessed it.",
            **where,
        )
    if kind in BOOK_TYPES:
        # "(No Starch Press, 2021)" read as the place "No": a common word is no place.
        missing = [label for key, label in (("publisher-place", "place"), ("publisher", "publisher"))
                   if not csl.get(key) or str(csl[key]).strip().lower() in FUNCTION_WORDS]
        if missing:
            yield Finding.of(
                NO_IMPRINT,
                f"book {what} in note {note.key} has no {' and no '.join(missing)}",
                **where,
            )
        # Not for a book a note points to as a whole ("see …", "for further reading …"), nor
        # for one the body names as a whole at the marker (see _page_wanted).
        if not _has_locator(citation) and not csl.get("page") and not _pointed_to(note, index):
            wanted = _page_wanted(citation, markers)
            if wanted != WHOLE:
                yield Finding.of(
                    NO_LOCATOR,
                    f"book {what} in note {note.key} is cited without a page{_WANTED_FOR.get(wanted or '', '')}",
                    **where,
                )
    # A chapter or a journal article is cited whole by its page range; quoting it or
    # reproducing a figure from it asks for the page, as for a book. (An article without
    # pages — an online journal's — or with one page has nothing more to give.)
    ranged = kind in CHAPTER_TYPES or (kind == "article-journal" and re.search(r"\d\s*[-–—]\s*\d", str(csl.get("page") or "")))
    if ranged and not _has_locator(citation) and not _pointed_to(note, index):
        wanted = _page_wanted(citation, markers)
        if wanted in (QUOTED, REPRODUCED):
            noun = "chapter" if kind in CHAPTER_TYPES else "article"
            yield Finding.of(
                NO_LOCATOR,
                f"{noun} {what} in note {note.key} is cited without a page{_WANTED_FOR[wanted]}",
                **where,
            )
    if kind in ARTICLE_TYPES | CHAPTER_TYPES and not csl.get("container-title"):
        noun = "article" if kind in ARTICLE_TYPES else "chapter"
        where_in = "journal or newspaper" if kind in ARTICLE_TYPES else "book"
        yield Finding.of(
            NO_CONTAINER,
            f"{noun} {what} in note {note.key} does not say which {where_in} it appeared in",
            **where,
        )
    if kind in CHAPTER_TYPES and not (csl.get("editor") or csl.get("container-author")):
        yield Finding.of(
            NO_EDITORS,
            f"chapter {what} in note {note.key} does not name the editors of its book",
            **where,
        )
    if kind in WEB_TYPES and not (csl.get("URL") or csl.get("DOI")):
        yield Finding.of(
            WEB_WITHOUT_URL, f"web source {what} in note {note.key} has no URL", **where
        )


# SC407: does the body rest on one place in the work? --------------------------------------

#: What the text at a marker does with the work (:func:`_page_wanted`).
QUOTED, REPRODUCED, CLAIM, WHOLE = "quoted", "reproduced", "claim", "whole"
_WANTED_FOR = {QUOTED: ", though the text quotes it", REPRODUCED: ", though the text reproduces a figure from it"}

#: A quotation of four words or more that ends at the marker ("… these rules can be adapted to
#: reflect similarly structured humanistic arguments.”[^2]"); a term in quotation marks
#: ("the ability to ‘distant read’ large corpora") is no quotation.
_QUOTATION_AT_END = re.compile(
    r"(?:[“„«\"]([^“”„«»\"]{12,})[”»\"]|‘([^‘’]{12,})’)[\s.,;:!?*_)\]]*$"
)
#: A page given in the text itself, right before the marker ("… game play" (336).).
#: A year in brackets ("… as Smith argued (2019).") is no page.
_PAGE_IN_TEXT = re.compile(
    r"\((?:(?:p{1,2}\.|S\.|с\.)\s*\d+|(?!(?:1[5-9]|20)\d\d\))\d+)(?:\s*[-–]\s*\d+)?\)[\s.,;:]*$"
)
#: A figure, diagram or table reproduced or drawn from the work, in the notes' languages.
_FIGURE = re.compile(
    r"\b(?:diagrams?|figures?|fig\.|illustrations?|images?|tables?|charts?|graphs?|maps?|photo(?:graph)?s?|plates?|"
    r"diagramas?|figuras?|imagen(?:es)?|ilustraci[oó]n(?:es)?|tablas?|cuadros?|gr[aá]ficos?|mapas?|fotograf[ií]as?|"
    r"sch[ée]mas?|tableaux?|graphiques?|cartes?|photographies?|"
    r"abbildung(?:en)?|abb\.|tabellen?|grafik(?:en)?|karten?|diagramme?|"
    r"рисун(?:ок|ка)|схем[аы]|таблиц[аы]|карт[аы]|диаграмм[аы])\b",
    re.IGNORECASE,
)
#: Words saying a figure is shown here: "the following", "below", "shown", "adapted from" …
_SHOWN = re.compile(
    r"\b(?:following|below|above|shown?|shows|reproduced|adapted|redrawn|taken\s+from|courtesy|source:|"
    r"siguientes?|abajo|muestra|reproducid[oa]s?|adaptad[oa]s?|tomad[oa]s?\s+de|fuente:|"
    r"suivante?s?|ci-dessous|ci-dessus|montre|reproduite?s?|adapt[ée]e?s?|d['’]apr[eè]s|"
    r"seguintes?|abaixo|mostra|"
    r"folgende[nrs]?|unten|oben|zeigt|nach|quelle:|"
    r"ниже|выше|показан[аоы]?|по)\b",
    re.IGNORECASE,
)


def _shows_a_figure(sentence: str) -> bool:
    """The sentence at the marker shows a figure, diagram or table drawn from the work: the
    marker follows the figure's noun ("The following is a simplified diagram[^3] of how …"), or the
    sentence names one as shown or reproduced ("Figure 2, adapted from …"). Prose about maps
    or tables ("scholars have integrated … into maps") is no figure."""
    trailing = _TRAILING.search(sentence)
    # The noun in quotation marks or a link is a title or a term; after a full stop the marker
    # closes the sentence, not the figure ("… into maps.[^1]").
    named = trailing is not None and re.search(r"[”’»\"'.!?]|\]\(", trailing.group())
    last = _TRAILING.sub("", sentence).split()[-1:] or [""]
    return (not named and bool(_FIGURE.fullmatch(last[0]))) or bool(_FIGURE.search(sentence) and _SHOWN.search(sentence))


#: Markup, links and punctuation that may stand between a name and its marker.
_TRAILING = re.compile(r"(?:\]\([^()\s]*\)|<[^<>\s]*>|[\s.,;:!?*_)\]”’»\"'])+$")
_SENTENCE_END = re.compile(r"[.!?…][”’»\"')\]]*\s+(?=[A-ZÀ-ÞА-ЯЁ“‘«\"(¿¡])")


def _quotes(context: str, citation: Citation) -> bool:
    """A quotation of four words or more ends at the marker, and it is not the work's own title
    ("… in their paper “A Logical Calculus of Ideas Immanent in Nervous Activity.”[^4]")."""
    m = _QUOTATION_AT_END.search(context)
    if m is None:
        return False
    quoted = fold(m.group(1) or m.group(2) or "")
    if len(quoted.split()) < 4:
        return False
    title = fold(str(citation.resolved_csl.get("title") or ""))
    return not (title and (quoted in title or title in quoted or fuzz.ratio(quoted, title) >= 85))


def _names_the_work(context: str, citation: Citation) -> bool:
    """The body names the work as a whole at the marker: the marker is on the author's name or
    follows the title ("Scholars like Kate Crawford[^5]", "Duckett's book *JavaScript and jQuery*[^2]"),
    or the sentence marks every word of the title's main part as a title or a term ("the ability
    to ‘distant read’ …" for *Distant Reading*)."""
    tail = fold(_TRAILING.sub("", context)[-200:])
    csl = citation.resolved_csl
    names = [fold(str(p.get("family") or p.get("literal") or "")) for p in csl.get("author") or csl.get("editor") or []]
    title = str(csl.get("title") or "")
    main = re.split(r"[:.?!]\s", title, maxsplit=1)[0]
    # A marker on the author's name itself ("Scholars like Kate Crawford[^5] …"); one that ends
    # a sentence ending in a name ("… as Khlevniuk showed.[^7]") closes a claim.
    trailing = _TRAILING.search(context)
    on_the_name = trailing is None or not re.search(r"[.!?]", trailing.group())
    if on_the_name and any(n and tail.endswith(n) for n in names):
        return True
    if any(t and len(t.split()) >= 2 and tail.endswith(t) for t in (fold(title), fold(main))):
        return True
    words = [w for w in fold(main).split() if len(w) > 2 and w not in FUNCTION_WORDS]
    if len(words) < 2:
        return False  # "Stalin" in a sentence about Stalin does not name Service's *Stalin*
    # Only words the sentence marks as a title or a term (quoted or in italics) name the work:
    # "the great terror began in 1936" is a claim about the event, not *The Great Terror*.
    marked = fold(" ".join(next(g for g in m.groups() if g) for m in _MARKED.finditer(_SENTENCE_END.split(context)[-1]))).split()
    stems = {w[:5] for w in marked}
    return all(w[:5] in stems or w[:4] in {s[:4] for s in marked if len(s) == 4} for w in words)


#: A title or a term marked in the text: quoted, or in Markdown/LaTeX italics.
_MARKED = re.compile(r"[“„«\"‘]([^“”„«»\"‘’]{2,120})[”»\"’]|(?<![\w*])[*_]([^*_]{2,120})[*_](?![\w*])|\\(?:emph|textit)\{([^{}]{2,120})\}")


def _page_wanted(citation: Citation, markers: list[Marker] | None) -> str | None:
    """What the body does at the note's markers with a work cited without a page: ``QUOTED``
    (a quotation from it ends at a marker), ``REPRODUCED`` (the sentence shows a figure, diagram or
    table), ``CLAIM`` (it states something the work supports), ``WHOLE`` (it names the work
    as a whole, or gives the page itself), ``None`` when no marker's context is known (the
    format does not place markers in the text, or the manuscript was built without it)."""
    known = [m.context for m in markers or [] if m.context is not None]
    if not known:
        return None
    verdicts: list[str] = []
    for context in known:
        text = context.rstrip()
        if _PAGE_IN_TEXT.search(text):
            verdicts.append(WHOLE)
        elif _quotes(text, citation):
            verdicts.append(QUOTED)
        elif text.lstrip().startswith(">"):
            verdicts.append(QUOTED)  # a block quotation (Markdown "> …") ends at the marker
        elif _shows_a_figure(_SENTENCE_END.split(text)[-1]):
            verdicts.append(REPRODUCED)
        elif _names_the_work(text, citation):
            verdicts.append(WHOLE)
        else:
            verdicts.append(CLAIM)
    for wanted in (QUOTED, REPRODUCED, CLAIM):
        if wanted in verdicts:
            return wanted
    return WHOLE


#: A release named by its version ("Version 1.1.1", "v0.10.1") needs no year to be found.
_VERSION = re.compile(r"\bversi[oó]n\s*\d|\bv\.?\s?\d+\.\d", re.IGNORECASE)
_NOUNS = {"article": "preprint", "report": "report", "thesis": "thesis", "paper-conference": "conference paper",
          "software": "software", "dataset": "data set"}


def _online_claim(note: Note) -> Iterator[Finding]:
    match = ONLINE_CLAIM.search(note.text)
    if match is None or LINK.search(note.text):
        return
    if any(c.resolved_csl.get("URL") or c.resolved_csl.get("DOI") for c in note.citations):
        return
    index = next(
        (i for i, c in enumerate(note.citations)
         if ONLINE_CLAIM.search(" ".join(x for x in (c.text, c.suffix or "") if x))),
        None,
    )
    yield Finding.of(
        ONLINE_WITHOUT_LINK,
        f"note {note.key} says “{_flat(match.group())}” but gives no link",
        note=note.number,
        citation=index,
        line=note.line,
    )


# --------------------------------------------------------------------------------------------
# SC5xx: notes without a readable citation
# --------------------------------------------------------------------------------------------


#: Words that point a reader to a source, in the notes' languages: a note holding one but no
#: citation is worth a look (SC501); an explanatory note without one is simply commentary.
SOURCE_POINTER = re.compile(
    r"(?<![\w-])(?:see|cf\.|compare|quoted|cited|according\s+to|vgl\.|siehe|zit\.|zitiert|laut|"
    r"voir|cité|citée|selon|d['’]après|véase|vé?ase|ver|vea|cfr\.|citado|citada|según|segundo|veja|"
    r"vedi|citato|см\.|ср\.|цит\.)(?![\w-])",
    re.IGNORECASE,
)
#: A pointer to another part of the manuscript itself ("the centrality section of this
#: tutorial", "esta lección"), not to a source.
INTERNAL_POINTER = re.compile(
    r"\b(?:this|these|the\s+following|the\s+next|the\s+previous|esta|este|estas|estos|cette|ce|"
    r"cet|ces|dieser|diese|diesem|dieses|questa|questo|desta|deste|nesta|neste)\s+"
    r"(?:tutorial|lesson|lessons|section|chapter|article|paper|book|leçon|section|chapitre|"
    r"lección|sección|capítulo|tutoriel|lição|seção|capítulo|Lektion|Abschnitt|Kapitel|lezione)\b",
    re.IGNORECASE,
)


#: "to see lots of …", "you can see": the verb, not a pointer.
_VERB_BEFORE = re.compile(r"(?:\bto|\bcan|\bwill|\byou|\bwe|\bI|\bcould|\bwould|\bmight|\bmay|\bshould|['’]ll)\s+$", re.IGNORECASE)
_NAMED_AFTER = re.compile(r"\s+[A-ZÄÖÜÀ-ÞА-ЯЁ“«\"]")


def _points_to_a_source(text: str) -> str | None:
    """The pointer word ("see", "véase", "quoted") of a note that points to a source, if any."""
    for m in SOURCE_POINTER.finditer(text):
        word = m.group().lower()
        if _VERB_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if word.startswith(("according", "selon", "según", "segundo", "laut", "d'", "d’")) and not _NAMED_AFTER.match(text, m.end()):
            continue  # "according to modularity class": no one is named
        if not INTERNAL_POINTER.search(text, m.end(), m.end() + 80):
            return m.group()
    return None


def _named_by_link(citation: Citation) -> bool:
    """A piece the parser could not read that still names its source by a link or DOI
    ("Traducción publicada en CNN en español (12 de enero de 2016) http://cnnespanol.cnn.com/…"):
    the link finds the source, so there is nothing unread for an editor to check (no SC502)."""
    return bool(citation.csl.get("URL") or citation.csl.get("DOI") or LINK.search(citation.text))


def check_commentary(manuscript: Manuscript) -> Iterator[Finding]:
    """Notes that point to a source but cite none (SC501) and citations the parser could not
    read (SC502). Notes that are commentary only, with no pointer to a source, are not
    reported: explaining is what notes are for."""
    for note in manuscript.notes:
        if not note.text.strip():
            continue  # reported as an empty note (SC107)
        if not note.citations:
            pointer = _points_to_a_source(note.text)
            if pointer is not None:
                yield Finding.of(
                    COMMENTARY_ONLY,
                    f"note {note.key} cites no source, though it says “{pointer}”",
                    note=note.number,
                    line=note.line,
                )
            continue
        for index, citation in enumerate(note.citations):
            if citation.kind == UNPARSED and not _named_by_link(citation):
                why = f" ({citation.reason})" if citation.reason else ""
                yield Finding.of(
                    UNPARSED_CITATION,
                    f"could not read {_describe(citation)} in note {note.key} as a citation{why}",
                    note=note.number,
                    citation=index,
                    line=note.line,
                )
