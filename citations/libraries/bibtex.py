"""Reading BibTeX/BibLaTeX libraries with bibtexparser v2 and its middlewares: ``@string`` and
``#`` concatenation, LaTeX accents → Unicode, months, name splitting, ``crossref`` inheritance.
Each entry becomes a :class:`~citations.libraries.entries.LibraryEntry` with a CSL-JSON item.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.library import Library
from bibtexparser.middlewares.middleware import LibraryMiddleware
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field, ParsingFailedBlock

from citations.libraries.entries import LibraryEntry, LibraryFile, _archival_of, _date_parts

# bibtexparser logs unreadable blocks; they are reported as BB107 findings instead of printed.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


BIBTEX_TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "collection": "book",
    "mvcollection": "book", "proceedings": "book", "mvproceedings": "book", "reference": "book",
    "booklet": "pamphlet", "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter",
    "suppbook": "chapter", "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "manual": "report",
    "unpublished": "manuscript", "manuscript": "manuscript", "online": "webpage",
    "www": "webpage", "electronic": "webpage", "misc": "document", "periodical": "periodical",
    "newspaper": "article-newspaper", "dataset": "dataset", "software": "software",
}

#: BibLaTeX crossref inheritance: parent field → child field for chapter-like children.
_INHERIT_AS = {"title": "booktitle", "subtitle": "booksubtitle", "author": "bookauthor"}


def _bibtex_middlewares() -> list[Any]:
    """The parse stack: strings, concatenation, enclosing, crossref, accents, months, names."""
    return [
        middlewares.ResolveStringReferencesMiddleware(True),
        ConcatenationMiddleware(),
        middlewares.RemoveEnclosingMiddleware(True),
        CrossrefMiddleware(),
        middlewares.SeparateCoAuthors(True),
        middlewares.SplitNameParts(True),  # before decoding: braces keep "{Robert Service}" whole
        PlainAwareLatexDecoding(True),
        middlewares.MonthIntMiddleware(True),
    ]


#: Text without these needs no LaTeX decoding (dashes, quotes, accents, braces, specials).
_LATEX_TRIGGER = re.compile(r"[\\{}~$%&]|--|``|''")


class PlainAwareLatexDecoding(middlewares.LatexDecodingMiddleware):
    """bibtexparser's LaTeX → Unicode decoding, skipped for values with no LaTeX in them
    (most Zotero/CSL-derived fields): pylatexenc is the slowest step of reading a library."""

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not _LATEX_TRIGGER.search(python_string):
            return python_string, ""
        return super()._transform_python_value_string(python_string)

    def transform_entry(self, entry: Any, library: Library) -> Any:
        """Decode split name lists too (bibtexparser decodes single ``NameParts`` only)."""
        for f in entry.fields:
            if isinstance(f.value, list) and all(isinstance(n, NameParts) for n in f.value):
                for n in f.value:
                    for part in ("first", "von", "last", "jr"):
                        setattr(n, part, [self._transform_python_value_string(x)[0]
                                          for x in getattr(n, part)])
        return super().transform_entry(entry, library)


def _split_concatenation(value: str) -> list[str] | None:
    """``dg # " Oldenbourg"`` → ``['dg', '" Oldenbourg"']``; None when there is no ``#``."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    if not parts:
        return None
    parts.append(value[start:].strip())
    return parts


def _unenclose(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] + value[-1] in ("{}", '""') else value


class ConcatenationMiddleware(LibraryMiddleware):
    """Resolve ``#`` concatenations of ``@string`` macros and literals (bibtexparser v2
    resolves a value that is a single macro, not a concatenation); the result is braced, so
    the enclosing middleware that follows unwraps it."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    def transform(self, library: Library) -> Library:
        strings = {k.lower(): _unenclose(str(s.value)) for k, s in library.strings_dict.items()}
        for entry in library.entries:
            for f in entry.fields:
                if not isinstance(f.value, str):
                    continue
                parts = _split_concatenation(f.value)
                if parts is None:
                    continue
                f.value = "{" + "".join(strings.get(p.lower(), _unenclose(p)) for p in parts) + "}"
        return library


_CHAPTER_LIKE = ("incollection", "inbook", "inproceedings", "bookinbook", "suppbook",
                 "suppcollection", "inreference")


class CrossrefMiddleware(LibraryMiddleware):
    """BibLaTeX ``crossref``/``xdata`` inheritance (a TODO in bibtexparser v2): a child takes
    every field it lacks from its parent; a chapter-like child takes the parent's ``title`` as
    ``booktitle`` and its ``author`` as ``bookauthor``. The parent stays an entry of its own."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    def transform(self, library: Library) -> Library:
        by_key = {e.key.lower(): e for e in library.entries}
        for entry in library.entries:
            link = entry.fields_dict.get("crossref") or entry.fields_dict.get("xdata")
            parent = by_key.get(str(link.value).strip().lower()) if link is not None else None
            if parent is None or parent is entry:
                continue
            have = {k.lower() for k in entry.fields_dict}
            chapter_like = entry.entry_type.lower() in _CHAPTER_LIKE
            for pf in parent.fields:
                name = pf.key.lower()
                if chapter_like and name in _INHERIT_AS:
                    name = _INHERIT_AS[name]
                if name in have or name in ("crossref", "xdata", "ids", "key"):
                    continue
                entry.set_field(Field(name, pf.value))
                have.add(name)
        return library


def _bibtex_name(parts: Any) -> dict[str, str] | None:
    """bibtexparser ``NameParts`` → a CSL name; ``others`` → None (it means et al.)."""
    last = " ".join(parts.last).strip()
    first = " ".join(parts.first).strip()
    von = " ".join(parts.von).strip()
    jr = " ".join(parts.jr).strip()
    if last.lower() == "others" and not first:
        return None
    if not first and not von and " " in last:
        return {"literal": last}  # {Institute of Marxism-Leninism}
    name: dict[str, str] = {"family": last}
    if first:
        name["given"] = first
    if von:
        name["non-dropping-particle"] = von
    if jr:
        name["suffix"] = jr
    return name


def bibtex_to_csl(entry_type: str, fields: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A parsed BibTeX entry (type, field name → value) → (CSL-JSON item, et al. flag)."""
    t = entry_type.lower()
    f = {k.lower(): v for k, v in fields.items()}
    csl: dict[str, Any] = {"type": BIBTEX_TYPES.get(t, "document")}
    if t == "article" and str(f.get("entrysubtype", "")).lower() == "newspaper":
        csl["type"] = "article-newspaper"
    if t == "misc" and f.get("url") and not f.get("publisher"):
        csl["type"] = "webpage"
    et_al = False
    for bib_role, csl_role in (("author", "author"), ("editor", "editor"),
                               ("bookauthor", "container-author"), ("translator", "translator")):
        value = f.get(bib_role)
        if not value:
            continue
        names = []
        for parts in value if isinstance(value, list) else []:
            name = _bibtex_name(parts)
            if name is None:
                et_al = et_al or bib_role == "author" or (bib_role == "editor" and "author" not in f)
            else:
                names.append(name)
        if names:
            csl[csl_role] = names

    def text(*keys: str) -> str | None:
        for k in keys:
            v = f.get(k)
            if v not in (None, ""):
                return " ".join(str(v).split())
        return None

    title = text("title")
    subtitle = text("subtitle")
    if title:
        csl["title"] = f"{title}: {subtitle}" if subtitle else title
    container = text("journaltitle", "journal", "booktitle", "maintitle")
    booksub = text("booksubtitle")
    if container:
        csl["container-title"] = f"{container}: {booksub}" if booksub else container
    publisher = text("publisher", "institution", "school", "organization")
    if publisher:
        csl["publisher"] = publisher
    place = text("location", "address")
    if place:
        csl["publisher-place"] = place
    issued = _date_parts(text("date", "year"), f.get("month"))
    if issued:
        csl["issued"] = issued
    for bib, key in (("volume", "volume"), ("edition", "edition"), ("series", "collection-title"),
                     ("url", "URL"), ("isbn", "ISBN"), ("doi", "DOI"), ("note", "note"),
                     ("issn", "ISSN"), ("archive", "archive"), ("howpublished", "medium")):
        v = text(bib)
        if v:
            csl[key] = v
    number = text("number", "issue")
    if number:
        csl["issue" if csl["type"].startswith("article") else "number"] = number
    pages = text("pages")
    if pages:
        csl["page"] = re.sub(r"\s*[-‐‑–—]+\s*", "–", pages)
    accessed = _date_parts(text("urldate"))
    if accessed and "date-parts" in accessed:
        csl["accessed"] = accessed
    location = text("archive_location", "archivelocation", "shelfmark")
    if location:
        csl["archive_location"] = location
    return csl, et_al


#: Characters of BibTeX handed to bibtexparser at a time. bibtexparser holds 30–50 times the
#: text it parses as Python objects; in parts, a 50,000-entry library costs a few times the
#: file, not 50 times (a 256 KB part is about 1,500 entries).
PART_CHARS = 256 * 1024

#: A block start (``@book{``, ``@misc (``) at the start of a line: where bibtexparser's splitter
#: begins a block after a closed one, and where it abandons a block left open (it then reports
#: the open block as failed). Only there is the text cut into parts.
_BLOCK_AT_LINE_START = re.compile(r"(?<=\n)@\w*[ \t]*[{(]")
#: ``@string`` macros and ``crossref``/``xdata`` inheritance reach across the whole file:
#: a file using them is parsed in one piece.
_WHOLE_FILE = re.compile(r"@\s*string|crossref|xdata", re.IGNORECASE)
#: bibtexparser's reason for a block still open at the end of the text it was given.
_RAN_OFF_THE_END = "Unexpectedly reached end of file."


def _next_cut(text: str, after: int) -> int:
    """The first place at or after ``after`` where the text may be cut (``len(text)`` if none).

    A line ending in a backslash does not count as a line break for bibtexparser's line
    numbers, so no cut is made after one (the line offsets of the parts stay exact).
    """
    for m in _BLOCK_AT_LINE_START.finditer(text, after):
        i = m.start()
        if i < 2 or text[i - 2] != "\\":
            return i
    return len(text)


def _ran_off_the_end(library: Library) -> bool:
    return any(getattr(b.error, "abort_reason", None) == _RAN_OFF_THE_END for b in library.failed_blocks)


def _parts(text: str, part_chars: int) -> Iterator[tuple[Library, int]]:
    """``(parsed library, line offset)`` for each part of ``text``, with the results of parsing
    the whole text at once: every part ends where a block starts at a line start, so a block
    closed before it is split alike, and one still open there is abandoned there by a whole-file
    parse too. A part that ends inside an open block (bibtexparser ran off its end) is parsed
    again with the next part joined to it, so that the block fails with the same reason."""
    if len(text) <= part_chars or _WHOLE_FILE.search(text):
        yield bibtexparser.parse_string(text, parse_stack=_bibtex_middlewares()), 0
        return
    start, offset = 0, 0
    while start < len(text):
        end = _next_cut(text, start + part_chars)
        while True:
            library = bibtexparser.parse_string(text[start:end], parse_stack=_bibtex_middlewares())
            if end == len(text) or not _ran_off_the_end(library):
                break
            end = _next_cut(text, end + 1)
        yield library, offset
        del library
        # bibtexparser counts a line break only where no backslash stands before it
        offset += text.count("\n", start, end) - text.count("\\\n", start, end)
        start = end


def read_bibtex(text: str, source: str, part_chars: int = PART_CHARS) -> LibraryFile:
    """Read BibTeX/BibLaTeX text; unparseable blocks become problems with their lines.

    A large file is parsed in parts of about ``part_chars`` characters (see :func:`_parts`);
    the entries and problems are those of parsing it whole. An entry whose key an earlier
    part already used is a duplicate, as bibtexparser reports it within one part.
    """
    out = LibraryFile(source, "bibtex")
    keys: set[str] = set()
    problems: list[tuple[int | None, str]] = []
    for library, offset in _parts(text, part_chars):
        for block in library.blocks:
            if isinstance(block, ParsingFailedBlock):
                problems.append(_problem(block, offset))
            elif isinstance(block, Entry):
                if block.key in keys:  # the same key in an earlier part
                    problems.append(_problem(DuplicateBlockKeyBlock(
                        block.key, block, block, start_line=block.start_line, raw=block.raw), offset))
                    continue
                keys.add(block.key)
                out.entries.append(_entry(block, source, offset))
    out.problems.extend(problems)
    return out


def _problem(block: ParsingFailedBlock, offset: int) -> tuple[int, str]:
    line = (block.start_line or 0) + offset + 1
    head = (block.raw or "").strip().split("\n", 1)[0][:50]
    why = " ".join(str(getattr(block.error, "abort_reason", "") or "").split()) or "malformed BibTeX"
    return line, f"cannot read “{head}”: {why}"


def _entry(entry: Entry, source: str, offset: int) -> LibraryEntry:
    fields = {f.key: f.value for f in entry.fields}
    csl, et_al = bibtex_to_csl(entry.entry_type, fields)
    csl["id"] = entry.key
    archival = None
    if csl["type"] in ("manuscript", "document", "webpage") or csl.get("archive"):
        archival = _archival_of(csl, csl.get("medium"), csl.get("title"))
        if archival is not None:
            csl["type"] = "manuscript"
            csl.setdefault("archive", archival.repository)
            csl.setdefault("archive_location", archival.location())
            csl.pop("medium", None)
    crossref = fields.get("crossref")
    return LibraryEntry(
        key=entry.key, csl=csl, source=source, line=(entry.start_line or 0) + offset + 1,
        archival=archival, crossref=str(crossref).strip() if crossref else None, et_al=et_al,
    )
