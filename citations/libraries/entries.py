"""What reading a library gives: entries carrying CSL-JSON items, and the problems met.

Shared by the readers of each format (:mod:`citations.libraries.bibtex`, ``csl_json``, ``ris``)
and by the matching in :mod:`checkers.library`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from citations.archival import parse_archival
from citations.csl import who, year_of  # noqa: F401  (year_of re-exported)
from citations.model import ArchivalRef

#: Source labels for the two kinds of collection.
BIBLIOGRAPHY, LIBRARY = "bibliography", "library"


class LibraryError(Exception):
    """A library file that cannot be read at all; the message is one line for the user."""


@dataclass
class LibraryEntry:
    """One entry of a library file or of the manuscript's bibliography.

    ``csl`` is a CSL-JSON item; ``key`` the citation key (BibTeX key, CSL-JSON ``id``, RIS
    ``ID``; ``line N`` for bibliography entries); ``source`` the file it came from (or
    ``bibliography``); ``line`` its 1-based line (paragraph index for DOCX); ``archival`` the
    parsed shelf mark of an archival entry; ``crossref`` the key of the entry it inherits from.
    """

    key: str
    csl: dict[str, Any]
    source: str
    line: int | None = None
    archival: ArchivalRef | None = None
    crossref: str | None = None
    text: str | None = None
    #: True when the author list ends in "and others"/"et al.".
    et_al: bool = False

    @property
    def where(self) -> str:
        """``refs.bib:12`` or ``bibliography line 40``."""
        if self.source == BIBLIOGRAPHY:
            return f"bibliography line {self.line}" if self.line else "bibliography"
        return f"{self.source}:{self.line}" if self.line else self.source

    def ref(self) -> str:
        """Where to find the entry: ``refs.bib:12 (rogovin2009)`` or ``bibliography line 40``."""
        return self.where if self.source == BIBLIOGRAPHY else f"{self.where} ({self.key})"

    def label(self) -> str:
        """A short human label: ``Rogovin 2009, Stalin's Terror of 1937–1938``."""
        return describe(self.csl, self.archival)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "source": self.source,
            "line": self.line,
            "ref": self.ref(),
            "label": self.label(),
            "text": self.text,
            "csl": self.csl,
            "archival": self.archival.to_dict() if self.archival else None,
        }


@dataclass
class LibraryFile:
    """What :func:`read_library` read: the entries and the problems met on the way."""

    path: str
    format: str
    entries: list[LibraryEntry] = field(default_factory=list)
    #: (line, message) for blocks or records that could not be read.
    problems: list[tuple[int | None, str]] = field(default_factory=list)


def describe(csl: dict[str, Any], archival: ArchivalRef | None = None) -> str:
    """``Müller 2006, Denunziation und Terror`` or ``RGASPI f. 495, op. 18, d. 213``."""
    if archival is not None:
        return archival.canonical()
    year = year_of(csl)
    head = " ".join(str(x) for x in (who(csl, ", ", 2), year) if x)
    title = csl.get("title") or csl.get("container-title") or ""
    return ", ".join(x for x in (head, title) if x) or "(untitled)"


def _date_parts(text: str | None, month: Any = None) -> dict[str, Any] | None:
    """``2009``, ``2009-02-13``, ``2009/02``, ``1937/1938`` → CSL ``{"date-parts": [[…]]}``."""
    if not text:
        return None
    m = re.match(r"\s*(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?", str(text))
    if not m:
        y = re.search(r"\b(\d{4})\b", str(text))
        return {"date-parts": [[int(y.group(1))]]} if y else {"literal": str(text)}
    parts = [int(m.group(1))]
    if m.group(2):
        parts.append(int(m.group(2)))
        if m.group(3):
            parts.append(int(m.group(3)))
    elif isinstance(month, int) or (isinstance(month, str) and month.isdigit()):
        parts.append(int(month))
    return {"date-parts": [parts]}


def _archival_of(csl: dict[str, Any], *candidates: str | None) -> ArchivalRef | None:
    """The shelf mark of an archival entry, from ``archive`` + ``archive_location`` or from a
    field that is a whole shelf mark (``howpublished``, ``title``)."""
    archive, location = csl.get("archive"), csl.get("archive_location")
    texts = []
    if location:
        texts.append(f"{archive} {location}" if archive else location)
    texts.extend(c for c in candidates if c)
    for t in texts:
        ref = parse_archival(t)
        if ref is not None and ref.fond:
            if archive and not ref.repository:
                ref.repository = archive
            return ref
    return None
