"""DOCX: Word's own footnotes and endnotes.

The body is ``word/document.xml``; each ``w:footnoteReference``/``w:endnoteReference`` run is
a marker, and the note is the ``w:footnote``/``w:endnote`` with that id in
``word/footnotes.xml``/``word/endnotes.xml`` (parts located through the package's
relationships). The separator and continuation notes Word adds are skipped, as is the
automatic number (``w:footnoteRef``) at the start of each note. A reference with
``w:customMarkFollows`` takes the text of the following run as its mark ("*", "a").

Track changes are read as if accepted: insertions (``w:ins``, ``w:moveTo``) are kept,
deletions (``w:del``, ``w:delText``, ``w:moveFrom``) dropped; field instructions (Zotero's
JSON, ``HYPERLINK``…) are not text, their results are.

Notes are numbered 1..n in order of reference. Each is labelled with the mark Word shows: the
footnote and endnote number formats and start values of the document's settings or last
section (``w:footnotePr``/``w:endnotePr``), by default 1, 2, 3… for footnotes and i, ii, iii…
for endnotes. Markers carry the
body paragraph's index (1-based) as ``line`` and the offset in its text as ``column``.
The package is read with a cap on its decompressed size and its XML with DTDs and entities
refused (:mod:`citations.readers`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from citations.model import Manuscript, Marker, Note
from citations.readers import (
    ReadError,
    link_text,
    manuscript,
    normalise,
    open_zip,
    parse_xml,
    typed_notes,
    zip_member,
)

KIND = "DOCX"
_FOOTNOTES, _ENDNOTES = "/footnotes", "/endnotes"

#: Elements whose content is not text of the document as it reads with changes accepted.
SKIP = frozenset(
    {
        "del", "delText", "moveFrom", "instrText", "delInstrText", "fldData", "pPr", "rPr",
        "pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
        "Fallback", "drawing", "pict", "object", "commentReference", "annotationRef",
        "footnoteRef", "endnoteRef", "separator", "continuationSeparator", "lastRenderedPageBreak",
    }
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (transitional or strict OOXML)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _roman(n: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, numeral in numerals:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a…z, then aa…zz, aaa…"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A note number as Word shows it in ``fmt`` (``w:numFmt``): ``decimal``, ``lowerRoman``,
    ``upperRoman``, ``lowerLetter``, ``upperLetter`` or ``chicago`` (*, †, ‡, §, **…)."""
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "chicago":
        return "*†‡§"[(n - 1) % 4] * ((n - 1) // 4 + 1)
    return str(n)


#: Word's defaults: footnotes 1, 2, 3…; endnotes i, ii, iii…
DEFAULT_NUMBERING = {"footnote": ("decimal", 1), "endnote": ("lowerRoman", 1)}


def _numbering(*roots: Element | None) -> dict[str, tuple[str, int]]:
    """Number format and start of footnotes and endnotes from ``w:footnotePr``/``w:endnotePr``
    in the settings and then the document's sections (later ones win)."""
    numbering = dict(DEFAULT_NUMBERING)
    for root in roots:
        if root is None:
            continue
        for element in root.iter():
            kind = _local(element.tag)
            if kind not in ("footnotePr", "endnotePr"):
                continue
            kind = kind[: -len("Pr")]
            fmt, start = numbering[kind]
            for child in element:
                if _local(child.tag) == "numFmt":
                    fmt = _attr(child, "val") or fmt
                elif _local(child.tag) == "numStart":
                    value = _attr(child, "val") or ""
                    start = int(value) if value.isdigit() else start
            numbering[kind] = (fmt, start)
    return numbering


@dataclass
class _Reference:
    kind: str  # "footnote" or "endnote"
    id: str
    paragraph: int
    column: int
    custom: str | None = None


@dataclass
class _Paragraph:
    text: str = ""
    references: list[_Reference] = field(default_factory=list)


@dataclass
class _LinkEnd:
    """Where a hyperlink's text ends in :func:`paragraph_text` (its URL may follow)."""

    url: str
    start: int


def _superscript_texts(paragraph: Element) -> set[int]:
    """``id()`` of the ``w:t`` elements in superscript runs of ``paragraph``."""
    found: set[int] = set()
    for run in paragraph.iter():
        if _local(run.tag) != "r":
            continue
        superscript = any(
            _local(prop.tag) == "vertAlign" and _attr(prop, "val") == "superscript"
            or _local(prop.tag) == "rStyle" and (_attr(prop, "val") or "").lower() in _SUPERSCRIPT_STYLES
            for child in run
            if _local(child.tag) == "rPr"
            for prop in child
        )
        if superscript:
            found.update(id(t) for t in run if _local(t.tag) == "t")
    return found


_SUPERSCRIPT_STYLES = {"superscript", "footnotereference", "endnotereference", "hochgestellt"}


def paragraph_text(
    paragraph: Element, index: int = 0, links: dict[str, str] | None = None, *, typed_marks: bool = False
) -> _Paragraph:
    """The text of a ``w:p`` with changes accepted, and the note references in it.

    ``links`` maps the part's relationship ids to hyperlink URLs; a link to a web page keeps
    its address after its text (:func:`~citations.readers.link_text`). With ``typed_marks``,
    superscript numbers (notes an author typed by hand) become ``[N]``.
    """
    superscripts = _superscript_texts(paragraph) if typed_marks else set()
    out = _Paragraph()
    parts: list[str] = []
    length = 0
    pending: _Reference | None = None  # a reference whose custom mark follows
    stack: list[Element | _LinkEnd] = list(reversed(list(paragraph)))
    while stack:
        node = stack.pop()
        if isinstance(node, _LinkEnd):
            text = "".join(parts[node.start :])
            del parts[node.start :]
            linked = link_text(text, node.url)
            parts.append(linked)
            length += len(linked) - len(text)
            continue
        name = _local(node.tag)
        if name == "hyperlink" and links and links.get(_attr(node, "id") or ""):
            stack.append(_LinkEnd(links[_attr(node, "id") or ""], len(parts)))
        if name in SKIP:
            continue
        if name in ("footnoteReference", "endnoteReference"):
            ref = _Reference(name[: -len("Reference")], _attr(node, "id") or "", index, length + 1)
            out.references.append(ref)
            if _attr(node, "customMarkFollows") in ("1", "true", "on"):
                pending = ref
            continue
        if name == "t":
            text = node.text or ""
            if id(node) in superscripts and text.strip().isdigit():
                text = f"[{text.strip()}]" + (" " if not parts else "")
            if pending is not None:
                pending.custom = text.strip() or None
                pending = None
                continue
            parts.append(text)
            length += len(text)
        elif name in ("tab", "ptab"):
            parts.append("\t")
            length += 1
        elif name in ("br", "cr"):
            parts.append("\n")
            length += 1
        elif name == "noBreakHyphen":
            parts.append("\u2011")
            length += 1
        elif name == "p" and node is not paragraph:
            parts.append(" ")
            length += 1
        stack.extend(reversed(list(node)))
    out.text = "".join(parts)
    return out


def _paragraphs(root: Element) -> list[Element]:
    """The ``w:p`` elements of a part in document order (tables, content controls, insertions
    included; deleted or fallback content not), without paragraphs nested in paragraphs."""
    found: list[Element] = []
    stack = [root]
    while stack:
        node = stack.pop()
        name = _local(node.tag)
        if name == "p":
            found.append(node)
            continue
        if name in SKIP:
            continue
        stack.extend(reversed(list(node)))
    return found


def _relationships(package, part: str, source: str) -> tuple[dict[str, str], dict[str, str]]:  # type: ignore[no-untyped-def]
    """A part's relationships: ``type suffix → part path`` (``/footnotes`` →
    ``word/footnotes.xml``) and ``id → URL`` of its external hyperlinks."""
    directory, name = posixpath.split(part)
    rels_name = posixpath.join(directory, "_rels", name + ".rels")
    data = zip_member(package, rels_name, source, KIND, required=False)
    parts: dict[str, str] = {}
    links: dict[str, str] = {}
    if data is None:
        return parts, links
    for rel in parse_xml(data, source, rels_name):
        rel_type = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if not target:
            continue
        if rel.get("TargetMode") == "External":
            if rel_type == "hyperlink" and rel.get("Id"):
                links[rel.get("Id") or ""] = target
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(directory, target))
        parts.setdefault("/" + rel_type, path)
    return parts, links


def _notes_part(package, path: str | None, source: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """``id → note text`` of a footnotes/endnotes part (separators and continuations skipped)."""
    if path is None:
        return {}
    data = zip_member(package, path, source, KIND, required=False)
    if data is None:
        return {}
    _parts, links = _relationships(package, path, source)
    notes: dict[str, str] = {}
    for note in parse_xml(data, source, path):
        if _local(note.tag) not in ("footnote", "endnote"):
            continue
        if (_attr(note, "type") or "normal") != "normal":
            continue
        note_id = _attr(note, "id")
        if note_id is None:
            continue
        text = " ".join(paragraph_text(p, links=links).text for p in _paragraphs(note))
        notes[note_id] = normalise(text)
    return notes


def read(data: bytes, source: str) -> Manuscript:
    """Read a DOCX manuscript."""
    package = open_zip(data, source, KIND)
    with package:
        document_path = _relationships(package, "", source)[0].get("/officeDocument", "word/document.xml")
        if document_path not in package.namelist():
            raise ReadError(f"{source}: not a complete {KIND} file ({document_path} is missing)")
        root = parse_xml(zip_member(package, document_path, source, KIND) or b"", source, document_path)
        rels, links = _relationships(package, document_path, source)
        footnotes = _notes_part(package, rels.get(_FOOTNOTES, "word/footnotes.xml"), source)
        endnotes = _notes_part(package, rels.get(_ENDNOTES, "word/endnotes.xml"), source)
        settings_path = rels.get("/settings", "word/settings.xml")
        settings_xml = zip_member(package, settings_path, source, KIND, required=False)
        settings = parse_xml(settings_xml, source, settings_path) if settings_xml else None

    if _local(root.tag) != "document":
        raise ReadError(f"{source}: {document_path} is not a Word document body")
    paragraphs: list[tuple[int, str]] = []
    references: list[_Reference] = []
    for index, p in enumerate(_paragraphs(root), start=1):
        para = paragraph_text(p, index, links)
        paragraphs.append((index, para.text))
        references.extend(para.references)

    if not references:
        typed = _typed_notes(_paragraphs(root), links, source)
        if typed is not None:
            return typed

    body = next((child for child in root if _local(child.tag) == "body"), None)
    sections = [element for element in body.iter() if _local(element.tag) == "sectPr"] if body is not None else []
    numbering = _numbering(settings, *sections)
    counters = {"footnote": 0, "endnote": 0}
    by_key: dict[tuple[str, str], Note] = {}
    notes: list[Note] = []
    markers: list[Marker] = []
    for ref in references:
        key = (ref.kind, ref.id)
        note = by_key.get(key)
        if note is None:
            if ref.custom:
                label = ref.custom  # a custom mark takes no number
            else:
                fmt, start = numbering[ref.kind]
                label = format_number(start + counters[ref.kind], fmt)
                counters[ref.kind] += 1
            part = footnotes if ref.kind == "footnote" else endnotes
            if ref.id not in part:
                # A reference to a note the package does not have: Word shows the number, and
                # the structure checks report a marker without a note.
                markers.append(Marker(label=label, line=ref.paragraph, column=ref.column))
                continue
            text = part[ref.id]
            if ref.custom and text.startswith(ref.custom):
                text = text[len(ref.custom) :].lstrip()
            note = Note(number=len(notes) + 1, text=text, line=ref.paragraph, label=label)
            notes.append(note)
            by_key[key] = note
        markers.append(Marker(label=note.key, line=ref.paragraph, column=ref.column))
    return manuscript(source, "docx", notes, markers, paragraphs, auto_numbered=True)


def _list_key(paragraph: Element) -> tuple[str, str] | None:
    """``(numId, ilvl)`` of a paragraph in a Word numbered list, else None."""
    for ppr in paragraph:
        if _local(ppr.tag) != "pPr":
            continue
        for numpr in ppr:
            if _local(numpr.tag) == "numPr":
                values = {_local(c.tag): _attr(c, "val") or "0" for c in numpr}
                if values.get("numId", "0") != "0":
                    return values.get("numId", "0"), values.get("ilvl", "0")
    return None


def _typed_notes(elements: list[Element], links: dict[str, str], source: str) -> Manuscript | None:
    """Notes typed by hand in a document without Word notes: superscript numbers (or ``[N]``)
    in the body and a notes section at the end, its numbers typed or a Word numbered list.
    The paragraphs are read as plain text (:func:`~citations.readers.typed_notes`). None when
    no notes are found that way."""
    paragraphs: list[tuple[int, str]] = []
    counters: dict[tuple[str, str], int] = {}
    for index, p in enumerate(elements, start=1):
        text = paragraph_text(p, index, links, typed_marks=True).text
        key = _list_key(p)
        if key is not None:
            counters[key] = counters.get(key, 0) + 1
            text = f"{counters[key]}. {text}"  # the number Word shows but does not store
        paragraphs.append((index, text))
    return typed_notes(paragraphs, source, "docx")
