"""citations: read manuscripts, parse their notes into citations, resolve Ibid. and short forms.

The four verbs::

    manuscript = read_manuscript("chapter.docx")     # markers and notes
    parse_manuscript(manuscript)                     # citations in every note, resolved
    parse_note("Ibid., p. 325.")                     # one note's text -> [Citation]
    resolve(manuscript.notes)                        # Ibid./short forms -> full citations
"""

from __future__ import annotations

import os

from citations.model import (
    ArchivalRef,
    Citation,
    Locator,
    Manuscript,
    Marker,
    Note,
)
from citations.parse import parse_note, parse_reference
from citations.readers import ReadError, read_manuscript
from citations.resolve import resolve

__all__ = [
    "ArchivalRef",
    "Citation",
    "Locator",
    "Manuscript",
    "Marker",
    "Note",
    "ReadError",
    "load",
    "parse_manuscript",
    "parse_note",
    "parse_reference",
    "read_manuscript",
    "resolve",
]


def parse_manuscript(manuscript: Manuscript) -> Manuscript:
    """Parse every note of ``manuscript`` into citations and resolve Ibid./short forms (in place)."""
    for note in manuscript.notes:
        note.citations = parse_note(note.text)
    resolve(manuscript.notes)
    return manuscript


def load(path: str | os.PathLike[str], format: str | None = None) -> Manuscript:
    """Read and parse a manuscript file (``-`` for stdin)."""
    return parse_manuscript(read_manuscript(path, format=format))
