"""The data model: a manuscript, its markers and notes, and the citations in each note.

Plain dataclasses with no I/O. Bibliographic fields live in a CSL-JSON item (``Citation.csl``),
the interchange format of Zotero, pandoc and citeproc; archival files carry structured
``ArchivalRef`` fields as well. A CSL item holds CSL variables only.

An Ibid. or short form keeps the fields written in it (``csl``: "Chase, Enemies" has an author
and a short title, an Ibid. none); once resolved it reaches the full citation it repeats through
``resolves_to`` (its place, written to JSON) and ``antecedent`` (the citation itself). Whoever
wants the work cited reads :attr:`Citation.resolved_csl`, never ``csl``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

#: What a citation is (``Citation.kind``): a complete reference, an Ibid., a short form (or op.
#: cit.), or text that could not be read as a citation. The strings are the JSON values.
Kind = Literal["full", "ibid", "short", "unparsed"]
FULL: Kind = "full"
IBID: Kind = "ibid"
SHORT: Kind = "short"
UNPARSED: Kind = "unparsed"
KINDS: tuple[Kind, ...] = (FULL, IBID, SHORT, UNPARSED)

#: Why an Ibid. or short form resolved or did not (``Citation.resolution``), set by
#: :func:`citations.resolve.resolve`; the structure checks and library matching read it instead
#: of working the Ibid. rule out again.
Resolution = Literal[
    "resolved", "in-bibliography", "first-note", "after-commentary", "after-several",
    "after-unparsed", "after-unresolved", "ambiguous", "ambiguous-in-bibliography", "no-match",
]
#: Resolved to an earlier full citation in the notes.
RESOLVED: Resolution = "resolved"
#: A short form no note resolves, resolved to an entry of the manuscript's bibliography.
IN_BIBLIOGRAPHY: Resolution = "in-bibliography"
#: Ibid. in the first note: nothing before it to repeat.
FIRST_NOTE: Resolution = "first-note"
#: Ibid. opening a note after a note that cites nothing (commentary only).
AFTER_COMMENTARY: Resolution = "after-commentary"
#: Ibid. opening a note after a note citing several sources: it is taken to repeat the last
#: (resolved if that one resolves), but a reader cannot tell which.
AFTER_SEVERAL: Resolution = "after-several"
#: Ibid. after a citation that could not be read.
AFTER_UNPARSED: Resolution = "after-unparsed"
#: Ibid. after an Ibid. or short form that itself resolved to no full citation in the notes.
AFTER_UNRESOLVED: Resolution = "after-unresolved"
#: A short form several earlier works match (they are its ``candidates``).
AMBIGUOUS: Resolution = "ambiguous"
#: A short form no note resolves that several bibliography entries match.
AMBIGUOUS_IN_BIBLIOGRAPHY: Resolution = "ambiguous-in-bibliography"
#: A short form that no earlier full citation (nor bibliography entry) matches.
NO_MATCH: Resolution = "no-match"


@dataclass
class Locator:
    """Where in the cited work: ``Locator("page", "52")``, ``Locator("folio", "6–7")``."""

    label: str
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "value": self.value}

    def __str__(self) -> str:
        abbreviations = {"page": "p.", "chapter": "chap.", "folio": "l.", "volume": "vol."}
        return f"{abbreviations.get(self.label, self.label)} {self.value}"


@dataclass
class ArchivalRef:
    """A file in an archive: repository, fond, opis, delo and folios (sheets).

    ``repository`` is the canonical acronym (``RGASPI``); ``folios`` keeps ranges and lists as
    written (``6–7``, ``12, 15–17``) with en dashes; ``verso`` is true when the reference ends
    on the back of a sheet (``ob.``).
    """

    repository: str | None = None
    fond: str | None = None
    opis: str | None = None
    delo: str | None = None
    folios: str | None = None
    verso: bool = False
    tom: str | None = None
    chast: str | None = None
    #: Folder (папка) between opis' and delo, as in AVP RF's ``f. 06, op. 1, p. 2, d. 15``.
    papka: str | None = None
    #: For archives that use call numbers instead of fond/opis/delo (German ``RY 1/I 2/3/45``):
    #: the whole call number; ``fond`` then holds the Bestand (``RY 1``), ``delo`` the rest.
    signature: str | None = None
    #: The word for sheets in ``location()`` when not ``l.``/``ll.`` (``Bl.`` for Blatt).
    sheet_label: str | None = None

    def location(self) -> str:
        """The shelf mark without the repository: ``f. 495, op. 18, d. 213, ll. 6–7``."""
        if self.signature:
            volume = f", t. {self.tom}" if self.tom else ""
            sheets = f", {self.sheet_label or 'fol.'} {self.folios}" if self.folios else ""
            return self.signature + volume + sheets + ("v" if self.verso and self.folios else "")
        parts = []
        if self.fond:
            parts.append(f"f. {self.fond}")
        if self.opis:
            parts.append(f"op. {self.opis}")
        if self.papka:
            parts.append(f"p. {self.papka}")
        if self.delo:
            parts.append(f"d. {self.delo}")
        if self.tom:
            parts.append(f"t. {self.tom}")
        if self.chast:
            parts.append(f"ch. {self.chast}")
        if self.folios:
            several = any(c in self.folios for c in "–-,")
            folios = self.folios + (" ob." if self.verso and not self.folios.endswith("ob.") else "")
            parts.append(f"{'ll.' if several else 'l.'} {folios}")
        return ", ".join(parts)

    def canonical(self) -> str:
        """``RGASPI f. 495, op. 18, d. 213, ll. 6–7``."""
        location = self.location()
        if self.repository and location:
            return f"{self.repository} {location}"
        return self.repository or location

    def to_dict(self) -> dict[str, Any]:
        return {
            "repository": self.repository,
            "fond": self.fond,
            "opis": self.opis,
            "delo": self.delo,
            "folios": self.folios,
            "verso": self.verso,
            "tom": self.tom,
            "chast": self.chast,
            "papka": self.papka,
            "signature": self.signature,
            "canonical": self.canonical(),
        }


@dataclass
class Citation:
    """One citation inside a note.

    ``kind`` is ``full`` (a complete reference), ``ibid``, ``short`` (a short form or op. cit.)
    or ``unparsed`` (with ``reason``). ``csl`` holds the fields written in this citation (an
    Ibid.'s none); ``resolves_to`` is ``(note number, citation index)`` of the full citation an
    Ibid. or short form repeats and ``antecedent`` that citation, so :attr:`resolved_csl` is the
    work cited; ``resolution`` says why it resolved or not. ``relation`` is e.g.
    ``"quoted-in"``; ``prefix``/``suffix`` hold the prose around the citation ("On the
    conflict see:").
    """

    text: str
    kind: Kind = FULL
    csl: dict[str, Any] = field(default_factory=dict)
    locator: Locator | None = None
    archival: ArchivalRef | None = None
    resolves_to: tuple[int, int] | None = None
    relation: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    reason: str | None = None
    #: The note a cross-reference names ("(wie Anm. 3)", "(see n. 3)"), as the parser read it:
    #: the short form repeats a citation of that note.
    points_to_note: int | None = None
    #: For an Ibid. opening a note after a note with several citations: the citations of that
    #: note other than the last (which it is taken to repeat), in order.
    siblings: list[tuple[int, int]] = field(default_factory=list)
    #: For an ambiguous short form: the earlier full citations (one per work) it could repeat.
    candidates: list[tuple[int, int]] = field(default_factory=list)
    #: How sure the parser is of this reading, 0–1: the learned labeller's probability of the
    #: whole labelling for fields it read, 1.0 for forms read by rules that cannot be ambiguous
    #: (Ibid., archival shelf marks, identifiers).
    confidence: float = 1.0
    #: Per-field confidence (CSL field name → 0–1) for the fields the labeller read.
    field_confidence: dict[str, float] = field(default_factory=dict)
    #: The index of the manuscript's bibliography entry a short form repeats, when no earlier
    #: note holds its full citation (author-date notes: "Hyndman, 1996." → the entry).
    bibliography_entry: int | None = None
    #: Why an Ibid. or short form resolved or did not (see :data:`Resolution`); None for full
    #: and unparsed citations and before resolution. Not written to JSON (``reason`` is).
    resolution: Resolution | None = None
    #: The full citation (or bibliography entry) a resolved Ibid. or short form repeats, set by
    #: the resolver with ``resolves_to`` (or ``bibliography_entry``); None otherwise. Read the
    #: work cited through :attr:`resolved_csl`.
    antecedent: Citation | None = field(default=None, repr=False, compare=False)

    @property
    def resolved_csl(self) -> dict[str, Any]:
        """The CSL item of the work cited: the antecedent's for a resolved Ibid. or short form,
        else the citation's own. The one accessor for checks, matching, reports and JSON; do
        not change the dict (it may be another citation's)."""
        antecedent = self.antecedent
        return antecedent.csl if antecedent is not None else self.csl

    @property
    def type(self) -> str | None:
        """The CSL type of the work cited (``book``, ``chapter``, ``article-journal``,
        ``manuscript``…)."""
        return self.resolved_csl.get("type")

    def __repr__(self) -> str:
        return f"<Citation {self.kind}/{self.type} {self.text[:60]!r}>"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "csl": self.resolved_csl,
            "locator": self.locator.to_dict() if self.locator else None,
            "archival": self.archival.to_dict() if self.archival else None,
            "resolves_to": (
                {"note": self.resolves_to[0], "citation": self.resolves_to[1]}
                if self.resolves_to
                else None
            ),
            "relation": self.relation,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }
        data["confidence"] = round(self.confidence, 3)
        if self.field_confidence:
            data["field_confidence"] = {k: round(v, 3) for k, v in self.field_confidence.items()}
        if self.bibliography_entry is not None:
            data["bibliography_entry"] = self.bibliography_entry
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass
class Marker:
    """A note reference in the body: ``[3]``, ``[^3]``, ``<sup>3</sup>``, a Word footnote run.

    ``line`` and ``column`` are 1-based; for DOCX/ODT ``line`` is the paragraph index.
    ``context`` is the body text just before the marker (whitespace-normalised, up to the
    paragraph's start, at most :data:`citations.context.WIDTH` characters) when it is known
    (:func:`citations.context.attach_marker_context`), else ``None``; it is not part of the
    marker's identity.
    """

    label: str
    line: int
    column: int
    context: str | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "line": self.line, "column": self.column}


@dataclass
class Note:
    """A footnote or endnote: its number, its text, the line it starts on, its citations.

    ``label`` is the note's mark as written (``"3"``, ``"note-id"``); ``number`` is its
    position-derived number used in reports.
    """

    number: int
    text: str
    line: int
    citations: list[Citation] = field(default_factory=list)
    label: str | None = None

    @property
    def key(self) -> str:
        return self.label if self.label is not None else str(self.number)


@dataclass
class Manuscript:
    """A manuscript: where it came from, its notes, the markers in its body.

    ``bibliography`` holds the entries of a bibliography section found in the manuscript
    (one string each, with their line numbers), if any.
    """

    source: str
    format: str
    notes: list[Note] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    bibliography: list[tuple[int, str]] = field(default_factory=list)
    #: True when the format numbers the notes itself (Markdown footnotes, Word and ODT notes,
    #: LaTeX ``\footnote``): a note's ``number`` is then its position in order of first
    #: reference and its ``label`` is kept as written (an identifier such as ``note-id``), so
    #: gaps and order of labels mean nothing. False for numbers typed by hand.
    auto_numbered: bool = False
    #: Lines of the bibliography entries that are recommended reading ("Further reading", an
    #: annotated reading list), not works cited: they need not be cited in the notes.
    further_reading: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        # (the list indexed, its length, the index): see _notes_by_number.
        self._note_index: tuple[list[Note], int, dict[int, Note]] | None = None
        self._marker_index: tuple[list[Marker], int, dict[str, list[Marker]]] | None = None

    def _notes_by_number(self) -> dict[int, Note]:
        """Notes by number, built once and rebuilt when the list of notes changes.

        Readers and tests build ``notes`` by appending, or replace the list; the index is keyed
        on the list object and its length so either is seen (a note renumbered in place is seen
        when its old number is asked for; nothing in the project renumbers notes). The first
        note with a number wins, as in a scan of the list.
        """
        index = self._note_index
        if index is None or index[0] is not self.notes or index[1] != len(self.notes):
            by_number: dict[int, Note] = {}
            for note in self.notes:
                by_number.setdefault(note.number, note)
            index = self._note_index = (self.notes, len(self.notes), by_number)
        return index[2]

    def _markers_by_label(self) -> dict[str, list[Marker]]:
        """Markers grouped by label, in text order, rebuilt when the list of markers changes."""
        index = self._marker_index
        if index is None or index[0] is not self.markers or index[1] != len(self.markers):
            by_label: dict[str, list[Marker]] = {}
            for marker in self.markers:
                by_label.setdefault(marker.label, []).append(marker)
            index = self._marker_index = (self.markers, len(self.markers), by_label)
        return index[2]

    def note(self, number: int) -> Note | None:
        """The note with this number (the first, if several share it), or None."""
        note = self._notes_by_number().get(number)
        if note is not None and note.number != number:  # renumbered in place since indexing
            self._note_index = None
            note = self._notes_by_number().get(number)
        return note

    def markers_for(self, note: Note) -> list[Marker]:
        """The markers in the body that refer to ``note``, in text order."""
        key = note.key
        markers = self._markers_by_label().get(key, [])
        if any(m.label != key for m in markers):  # a marker relabelled in place since indexing
            self._marker_index = None
            markers = self._markers_by_label().get(key, [])
        return list(markers)

    def citation(self, ref: tuple[int, int]) -> Citation | None:
        note = self.note(ref[0])
        if note is None or not 0 <= ref[1] < len(note.citations):
            return None
        return note.citations[ref[1]]

    def note_to_dict(self, note: Note) -> dict[str, Any]:
        """One entry of ``notes`` in :meth:`to_dict`."""
        return {
            "number": note.number,
            "label": note.key,
            "line": note.line,
            "text": note.text,
            "markers": [{"line": m.line, "column": m.column} for m in self.markers_for(note)],
            "citations": [c.to_dict() for c in note.citations],
        }

    def to_dict(self, lazy: bool = False) -> dict[str, Any]:
        """The ``sourcecheck parse --format json`` shape.

        With ``lazy``, ``notes`` is an iterator that builds each note's dict when it is reached,
        so a writer can stream a long manuscript without holding every note's dict at once.
        """
        notes = (self.note_to_dict(note) for note in self.notes)
        return {
            "source": self.source,
            "format": self.format,
            "notes": notes if lazy else list(notes),
        }
