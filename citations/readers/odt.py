"""ODT: OpenDocument text (LibreOffice, OpenOffice, Google Docs and Word exports).

Each ``text:note`` in ``content.xml`` is a marker and its note at once: the mark as shown is
``text:note-citation`` (its ``text:label`` when the author set a custom mark), the note is
``text:note-body``; footnotes and endnotes alike (``text:note-class``). Notes are numbered 1..n
in document order; markers carry the paragraph index (1-based, ``text:p`` and ``text:h`` in
order) as ``line`` and the offset in the paragraph's text as ``column``.

Tracked changes are read as accepted: the deleted text ODF keeps in ``text:tracked-changes``
is skipped, inserted text is already in place. Annotations (comments) and frames are not
text. The package is read with a cap on its decompressed size and its XML with DTDs and
entities refused (:mod:`citations.readers`).
"""

from __future__ import annotations

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

KIND = "ODT"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_T = f"{{{TEXT}}}"
_O = f"{{{OFFICE}}}"

#: Elements that are not part of the text as it reads.
SKIP = frozenset(
    {
        _T + "tracked-changes", _T + "note-citation", _O + "annotation",
        _O + "annotation-end", _T + "bookmark-ref", _T + "sequence-decls",
        _T + "variable-decls", _T + "user-field-decls",
        "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame",
    }
)
_PARAGRAPHS = (_T + "p", _T + "h")


@dataclass
class _Found:
    label: str
    body: Element
    paragraph: int
    column: int


@dataclass
class _Paragraph:
    text: str = ""
    notes: list[_Found] = field(default_factory=list)


def paragraph_text(paragraph: Element, index: int = 0) -> _Paragraph:
    """The text of a ``text:p``/``text:h`` and the notes anchored in it (their bodies are not
    part of the paragraph's text)."""
    out = _Paragraph()
    parts: list[str] = []
    length = [0]

    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            length[0] += len(text)

    def walk(node: Element) -> None:
        add(node.text)
        for child in node:
            tag = child.tag
            if tag == _T + "note":
                citation = child.find(_T + "note-citation")
                label = ""
                if citation is not None:
                    label = citation.get(_T + "label") or "".join(citation.itertext())
                body = child.find(_T + "note-body")
                if body is not None:
                    out.notes.append(_Found(normalise(label), body, index, length[0] + 1))
            elif tag == _T + "s":
                count = child.get(_T + "c") or "1"
                add(" " * (int(count) if count.isdigit() else 1))
            elif tag == _T + "tab":
                add("\t")
            elif tag == _T + "line-break":
                add("\n")
            elif tag == _T + "a":
                start = len(parts)
                walk(child)
                text = "".join(parts[start:])
                del parts[start:]
                length[0] -= len(text)
                add(link_text(text, child.get(XLINK_HREF)))
            elif tag not in SKIP:
                walk(child)
            add(child.tail)

    walk(paragraph)
    out.text = "".join(parts)
    return out


def _paragraphs(root: Element) -> list[Element]:
    """``text:p``/``text:h`` elements in document order, not those inside notes or skipped
    regions (their text belongs to the note or to nothing)."""
    found: list[Element] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag in _PARAGRAPHS:
            found.append(node)
            continue
        if node.tag in SKIP or node.tag == _T + "note":
            continue
        stack.extend(reversed(list(node)))
    return found


def read(data: bytes, source: str) -> Manuscript:
    """Read an ODT manuscript."""
    package = open_zip(data, source, KIND)
    with package:
        content = zip_member(package, "content.xml", source, KIND) or b""
    root = parse_xml(content, source, "content.xml")
    body = root.find(f"{{{OFFICE}}}body")
    text_root = body.find(f"{{{OFFICE}}}text") if body is not None else None
    if text_root is None:
        raise ReadError(f"{source}: not an OpenDocument text (content.xml has no office:text)")
    paragraphs: list[tuple[int, str]] = []
    notes: list[Note] = []
    markers: list[Marker] = []
    for index, p in enumerate(_paragraphs(text_root), start=1):
        para = paragraph_text(p, index)
        paragraphs.append((index, para.text))
        for found in para.notes:
            number = len(notes) + 1
            text = " ".join(paragraph_text(q).text for q in _paragraphs(found.body))
            label = found.label or str(number)
            notes.append(Note(number=number, text=normalise(text), line=index, label=label))
            markers.append(Marker(label=label, line=found.paragraph, column=found.column))
    if not notes:
        # No text:note at all: notes typed by hand ("[1]" … a notes section), as a converted
        # plain-text manuscript has them.
        typed = typed_notes(paragraphs, source, "odt")
        if typed is not None:
            return typed
    return manuscript(source, "odt", notes, markers, paragraphs, auto_numbered=True)
