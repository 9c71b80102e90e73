"""BibTeX reference lists, written with bibtexparser v2.

CSL types map to the standard BibTeX entry types (``@book``, ``@incollection``, ``@article``,
``@techreport``, ``@unpublished``, ``@misc``); archival files are ``@misc`` entries whose
``howpublished`` is the archival location (``RGASPI f. 495, op. 18, d. 213``). The output reads
back with ``bibtexparser.parse_string``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import bibtexparser
from bibtexparser import model
from bibtexparser.writer import BibtexFormat

from citations.model import Manuscript
from citations.works import Work
from reports.bibliography.entries import Entry, bibliography_entries, year_of

#: CSL type → BibTeX entry type (archival files are handled apart).
ENTRY_TYPES = {
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "report": "techreport",
    "thesis": "phdthesis",
    "manuscript": "unpublished",
    "webpage": "misc",
    "post-weblog": "misc",
}

#: Characters LaTeX treats specially in ordinary text, with their escapes.
_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                   "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}
_DASHES = re.compile(r"\s*[-‐‑–—]+\s*")
_SPECIAL = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))


def latex_escape(text: str) -> str:
    """Escape LaTeX specials in ordinary text (``Marx & Engels`` → ``Marx \\& Engels``)."""
    return _SPECIAL.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)


def bibtex_names(names: list[Mapping[str, str]]) -> str:
    """CSL names → ``Family, Given and Family, Given``; institutions stay whole in braces."""
    out = []
    for n in names:
        if n.get("literal"):
            out.append("{" + latex_escape(n["literal"]) + "}")
            continue
        family = latex_escape(n.get("family", ""))
        particle = n.get("non-dropping-particle")
        if particle:
            family = f"{latex_escape(particle)} {family}"
        if " " in family and not particle:
            family = "{" + family + "}"  # a compound family name is one name
        given = latex_escape(n.get("given", ""))
        out.append(f"{family}, {given}" if given else family)
    return " and ".join(out)


def _date(csl: Mapping[str, Any], field: str) -> str | None:
    """A CSL date as ISO ``YYYY[-MM[-DD]]`` (for ``urldate``)."""
    parts = (csl.get(field) or {}).get("date-parts") or []
    if not parts or not parts[0]:
        return None
    return "-".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(parts[0]) if p not in (None, ""))


def entry_fields(entry: Entry) -> tuple[str, list[tuple[str, str]]]:
    """The BibTeX entry type and its ``(field, value)`` pairs for one reference-list entry."""
    csl = entry.csl
    fields: list[tuple[str, str]] = []

    def add(name: str, value: Any, escape: bool = True) -> None:
        if value not in (None, "", []):
            text = str(value)
            fields.append((name, latex_escape(text) if escape else text))

    if entry.archival is not None:
        entry_type = "misc"
        if csl.get("author"):
            add("author", bibtex_names(csl["author"]), escape=False)
        add("title", csl.get("title"))
        add("howpublished", entry.archival.canonical())
        add("address", csl.get("archive-place"))
        add("year", year_of(csl))
        add("note", csl.get("note"))
        add("url", csl.get("URL"), escape=False)
        return entry_type, fields

    ctype = csl.get("type", "document")
    entry_type = ENTRY_TYPES.get(ctype, "misc")
    if ctype == "report" and not csl.get("publisher"):
        entry_type = "misc"  # @techreport needs an institution
    if ctype == "manuscript" and not csl.get("author"):
        entry_type = "misc"  # @unpublished needs an author
    if csl.get("author"):
        add("author", bibtex_names(csl["author"]), escape=False)
    if csl.get("editor"):
        add("editor", bibtex_names(csl["editor"]), escape=False)
    add("title", csl.get("title"))
    container = csl.get("container-title")
    if entry_type == "article":
        add("journal", container)
    elif entry_type in ("incollection", "inproceedings"):
        add("booktitle", container)
    elif container:
        add("howpublished" if entry_type == "misc" else "series", container)
    add("series", csl.get("collection-title"))
    add("edition", csl.get("edition"))
    add("volume", csl.get("volume"))
    add("number", csl.get("issue") or csl.get("number"))
    add("pages", _DASHES.sub("--", str(csl.get("page") or "")))
    publisher = csl.get("publisher")
    if entry_type == "techreport":
        add("institution", publisher)
    elif entry_type == "phdthesis":
        add("school", publisher)
    else:
        add("publisher", publisher)
    add("address", csl.get("publisher-place"))
    add("year", year_of(csl))
    add("isbn", csl.get("ISBN"), escape=False)
    add("doi", csl.get("DOI"), escape=False)
    add("url", csl.get("URL"), escape=False)
    add("urldate", _date(csl, "accessed"), escape=False)
    add("note", csl.get("note"))
    return entry_type, fields


def to_library(entries: list[Entry]) -> bibtexparser.Library:
    """A bibtexparser :class:`~bibtexparser.Library` holding one entry per reference-list entry."""
    library = bibtexparser.Library()
    for e in entries:
        entry_type, fields = entry_fields(e)
        library.add(model.Entry(entry_type, e.key, [model.Field(k, v) for k, v in fields]))
    return library


def write(source: Manuscript | list[Work], keys: Mapping[str, str] | None = None) -> str:
    """The BibTeX reference list of a manuscript (or of a list of works).

    ``keys`` maps work ids to citation keys to reuse, e.g. the keys of a user's library.
    """
    library = to_library(bibliography_entries(source, keys))
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    return bibtexparser.write_string(library, bibtex_format=fmt)
