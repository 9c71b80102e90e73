"""citations: read manuscripts, parse their notes into citations, resolve Ibid. and short forms.

The four verbs::

    manuscript = read_manuscript("chapter.docx")     # markers and notes
    parse_manuscript(manuscript)                     # citations in every note, resolved
    parse_note("Ibid., p. 325.")                     # one note's text -> [Citation]
    resolve(manuscript.notes)                        # Ibid./short forms -> full citations
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from citations.model import (
    ArchivalRef,
    Citation,
    Locator,
    Manuscript,
    Marker,
    Note,
)
from citations.readers import ReadError, read_manuscript

# Imported here, before ``resolve`` below is defined, so that the submodule never replaces the
# function as this package's ``resolve`` attribute (it would on a first import after this one).
import citations.resolve as _resolve_module  # noqa: E402,F401  (light: model and works only)

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from citations.model import Citation as _Citation

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


# The parser compiles hundreds of patterns (and loads the learned labeller) when imported; the
# CLI names these functions at start-up, so they import it on first use, not before.


def parse_note(text: str) -> list[_Citation]:
    """One note's text -> its citations (see :func:`citations.parse.parse_note`)."""
    from citations.parse import parse_note as parse

    return parse(text)


def parse_reference(text: str) -> list[_Citation]:
    """One reference or note on its own -> its citations (see :func:`citations.parse.parse_reference`)."""
    from citations.parse import parse_reference as parse

    return parse(text)


def resolve(notes: list[Note], *strategies: Any, **named: Any) -> list[Note]:
    """Link Ibid. and short forms to the citations they repeat, in place; returns ``notes``
    (see :func:`citations.resolve.resolve`, whose strategy arguments this passes on)."""
    from citations.resolve import resolve as link

    return link(notes, *strategies, **named)


def parse_manuscript(manuscript: Manuscript) -> Manuscript:
    """Parse every note of ``manuscript`` into citations and resolve Ibid./short forms (in place);
    a short form no note resolves is looked up in the manuscript's bibliography, if it has one."""
    from citations.bibliography import parse_bibliography
    from citations.gcpause import paused_gc
    from citations.parse import parse_note as parse
    from citations.resolve import resolve as link

    from citations.errors import InternalError

    with paused_gc():  # linear time at 100,000 notes: see citations.gcpause
        for note in manuscript.notes:
            try:
                note.citations = parse(note.text)
            except InternalError as exc:
                exc.note = note.number  # say where: "internal error — please report: … at note 12"
                raise
        link(manuscript.notes, bibliography=parse_bibliography(manuscript) if manuscript.bibliography else None)
    return manuscript


def load(path: str | os.PathLike[str], format: str | None = None) -> Manuscript:
    """Read and parse a manuscript file (``-`` for stdin); markers in a text format carry the
    body text before them (:func:`citations.context.attach_marker_context`)."""
    from citations.context import TEXT_FORMATS, attach_marker_context
    from citations.readers import decode, load_bytes

    data, source = load_bytes(path)
    manuscript = read_manuscript(path, data=data, source=source, format=format)
    if manuscript.format in TEXT_FORMATS:
        attach_marker_context(manuscript, decode(data, source))
    return parse_manuscript(manuscript)
