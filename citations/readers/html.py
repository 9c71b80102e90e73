"""HTML: the shapes real exports and web pages have, read with BeautifulSoup.

Linked notes, where a marker links to its note and the note links back:

- pandoc: ``<a href="#fn1" class="footnote-ref"><sup>1</sup></a>`` and
  ``<section class="footnotes"><ol><li id="fn1">… <a href="#fnref1">↩︎</a></li>``;
- Word "Save as web page": ``<a href="#_ftn1" name="_ftnref1">[1]</a>`` and
  ``<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> …</p></div>`` (endnotes
  ``_edn1``);
- Google Docs: ``<a href="#ftnt1" id="ftnt_ref1">[1]</a>`` and
  ``<div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a> …</p></div>``;
- LibreOffice: ``<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym">`` and
  ``<div id="sdfootnote1"><p><a name="sdfootnote1sym" href="#sdfootnote1anc">1</a> …``;

and any other page that links numbered markers to notes the same way. The note is the
largest element around the link target that holds no other note or marker; its back-links
are left out of its text.

Unlinked notes are read like plain text after rendering the page's blocks to lines:
``<sup>N</sup>`` (or ``[N]`` in the text) markers, and notes in the last ordered list after
them or as ``[N]``/``N.`` paragraphs after a Notes heading.

Scripts, styles, templates and the ``<head>`` are ignored. Lines and columns are those of the
HTML source (for a ``[N]`` typed in the text, the line of its paragraph).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction
from bs4.exceptions import ParserRejectedMarkup

from citations.model import Manuscript, Marker, Note
from citations.readers import ReadError, decode, link_text, manuscript, normalise

#: Elements whose content is never manuscript text.
IGNORED = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object")

#: Elements that break text into paragraphs (a space between them when joined).
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "details", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)
_BLOCK_NAMES = sorted(BLOCKS)
_IGNORED = frozenset(IGNORED)


_MARK = re.compile(r"^\s*[\[(]?\s*(\d{1,4}|[ivxlc]{1,6}|[*†‡§¶]{1,3})\s*[\])]?\s*$", re.IGNORECASE)
_BRACKETS = "[]() \u00a0\t\n"
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction, CData)
_SUP = "\ue000"  # follows a [N] that was a <sup>N</sup> while unlinked notes are read as text


@dataclass
class _LinkEnd:
    """Where a link's text ends in :func:`text_of` (its URL may follow)."""

    href: str
    start: int


def text_of(element: Tag | NavigableString) -> str:
    """The text of ``element`` with a space wherever a block (paragraph, list item, line
    break) begins or ends, and none inside inline markup (Word splits words across spans);
    a link to a web page keeps its address (:func:`~citations.readers.link_text`)."""
    if isinstance(element, NavigableString):
        return "" if isinstance(element, _SKIP_STRINGS) else str(element)
    parts: list[str] = []
    stack: list[Tag | NavigableString | str | _LinkEnd] = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, _LinkEnd):
            text = "".join(parts[node.start :])
            del parts[node.start :]
            parts.append(link_text(text, node.href))
        elif isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)
        elif isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                parts.append(str(node))
        elif isinstance(node, Tag):
            if node.name in IGNORED:
                continue
            block = node.name in BLOCKS
            if block:
                parts.append(" ")
                stack.append(" ")
            if node.name == "a" and node.get("href"):
                stack.append(_LinkEnd(str(node.get("href")), len(parts)))
            stack.extend(reversed(node.contents))  # type: ignore[arg-type]
    return "".join(parts)


def _soup(text: str) -> BeautifulSoup:
    soup = BeautifulSoup(text, "html.parser")
    # (plain walks over the elements here and below: bs4's find_all filters cost more than the
    # notes themselves on a page of thousands)
    for tag in [t for t in soup.descendants if isinstance(t, Tag) and t.name in _IGNORED]:
        tag.decompose()
    return soup


def _mark_text(anchor: Tag) -> str:
    return normalise(text_of(anchor)).strip(_BRACKETS)


def _own_names(anchor: Tag) -> set[str]:
    """The ids/names a back-link could point to: the anchor's and its marker wrapper's."""
    names = {anchor.get("id"), anchor.get("name")}
    parent = anchor.parent
    if isinstance(parent, Tag) and parent.name in ("sup", "span"):
        names.add(parent.get("id"))
    return {n for n in names if isinstance(n, str) and n}


@dataclass
class _Linked:
    marker: Tag
    target: Tag
    container: Tag | None = None


def _linked_notes(soup: BeautifulSoup) -> list[_Linked]:
    """Marker → note pairs of a page whose markers link to their notes."""
    ids: dict[str, Tag] = {}
    tags = [t for t in soup.descendants if isinstance(t, Tag)]
    for tag in tags:
        for key in ("id", "name"):
            value = tag.get(key)
            if isinstance(value, str) and value and value not in ids:
                ids[value] = tag
    order = {id(tag): k for k, tag in enumerate(tags)}
    anchors = [a for a in tags if a.name == "a" and a.get("href") is not None
               and str(a["href"]).startswith("#") and len(a["href"]) > 1]
    back_links: dict[str, list[Tag]] = {}
    for a in anchors:
        back_links.setdefault(str(a["href"])[1:], []).append(a)

    pairs: list[_Linked] = []
    targets: set[int] = set()
    for a in anchors:
        target = ids.get(str(a["href"])[1:])
        if target is None or target is a or id(a) in targets:
            continue
        if order.get(id(target), -1) <= order.get(id(a), -1):
            continue  # a back-link, or a link to something before it
        names = _own_names(a)
        linked_back = any(
            b is not a and (b is target or any(p is target for p in b.parents) or order[id(b)] > order[id(target)])
            for name in names
            for b in back_links.get(name, [])
        )
        if not linked_back:
            # One-way links count only when they look like note marks.
            classes = " ".join(a.get("class") or []).lower()
            in_sup = a.find_parent("sup") is not None or a.find("sup") is not None
            if not (_MARK.match(text_of(a)) and (in_sup or "note" in classes or "fn" in classes)):
                continue
        pairs.append(_Linked(a, target))
        targets.add(id(target))
    if not pairs:
        return []

    # The note is the largest element around the target holding no other note or marker.
    load: Counter[int] = Counter()
    counted = {id(t): t for pair in pairs for t in (pair.marker, pair.target)}
    for tag in counted.values():
        for ancestor in tag.parents:
            load[id(ancestor)] += 1
    seen_targets: dict[int, Tag] = {}
    for pair in pairs:
        if id(pair.target) in seen_targets:
            pair.container = seen_targets[id(pair.target)]
            continue
        container: Tag = pair.target
        parent = container.parent
        while isinstance(parent, Tag) and parent.name not in ("body", "html", "[document]") and load[id(parent)] <= 1:
            container = parent
            parent = parent.parent
        # A bare anchor target (Word, LibreOffice) stands at the start of its note paragraph.
        if container is pair.target and container.name == "a" and isinstance(parent, Tag):
            container = parent
        pair.container = container
        seen_targets[id(pair.target)] = container
    return pairs


def _read_linked(soup: BeautifulSoup, pairs: list[_Linked], source: str) -> Manuscript:
    notes: list[Note] = []
    markers: list[Marker] = []
    by_container: dict[int, Note] = {}
    containers: list[Tag] = []
    for pair in pairs:
        container = pair.container or pair.target
        label = _mark_text(pair.marker)
        note = by_container.get(id(container))
        if note is None:
            number = len(notes) + 1
            note = Note(number=number, text="", line=pair.target.sourceline or 1, label=label or str(number))
            notes.append(note)
            by_container[id(container)] = note
            containers.append(container)
        markers.append(
            Marker(label=note.key, line=pair.marker.sourceline or 1, column=(pair.marker.sourcepos or 0) + 1)
        )
    for pair in pairs:  # back-links and the note's own mark are not note text
        names = _own_names(pair.marker)
        # (a plain walk of the note's elements: bs4's find_all filter machinery costs more than
        # the notes themselves on a page of thousands)
        links = [d for d in (pair.container or pair.target).descendants
                 if isinstance(d, Tag) and d.name == "a" and d.get("href") is not None]
        for a in links:
            if str(a["href"])[1:] in names:
                a.decompose()
        target = pair.target
        if target.name == "a" and not target.decomposed and not target.get("href") and _MARK.match(text_of(target)):
            target.decompose()
    for note, container in zip(notes, containers):
        note.text = normalise(text_of(container))
        key = note.key
        for mark in (f"[{key}] ", f"({key}) ", f"{key}. ", f"{key}) "):  # the note's own mark as text
            if note.text.startswith(mark):
                note.text = note.text[len(mark) :]
                break
    skip = {id(container) for container in containers}
    return manuscript(source, "html", notes, markers, _paragraphs(soup, skip))


def _paragraphs(root: Tag, skip: set[int] | None = None) -> list[tuple[int, str]]:
    """The page's paragraphs with their source lines: each run of text and inline markup
    between block boundaries (``<p>``, ``<li>``, ``<div>``, ``<br>``…) is one paragraph.
    Elements whose ``id()`` is in ``skip`` (the notes) are left out."""
    skip = skip or set()
    found: list[tuple[int, str]] = []
    # Which elements hold a block element somewhere inside: one pass from the last element to
    # the first (every element comes after its ancestors), instead of a search of each inline
    # element's subtree, which made deep pages quadratic.
    holds_block: set[int] = set()
    for tag in reversed(root.find_all(True)):
        if tag.name in BLOCKS or id(tag) in holds_block:
            parent = tag.parent
            if parent is not None:
                holds_block.add(id(parent))

    def flush(run: list[Tag | NavigableString], line: int) -> None:
        text = normalise("".join(text_of(node) for node in run))
        if text:
            first = next((node.sourceline for node in run if isinstance(node, Tag) and node.sourceline), None)
            found.append((first or line, text))

    def walk(block: Tag) -> None:
        run: list[Tag | NavigableString] = []
        line = block.sourceline or (found[-1][0] if found else 1)
        for child in block.contents:
            if isinstance(child, Tag) and id(child) in skip:
                flush(run, line)
                run = []
            elif isinstance(child, Tag) and (child.name in BLOCKS or id(child) in holds_block):
                flush(run, line)
                run = []
                line = child.sourceline or line
                if child.name not in IGNORED:
                    walk(child)
            elif isinstance(child, (Tag, NavigableString)):
                run.append(child)
        flush(run, line)

    walk(root)
    return found


def _read_unlinked(soup: BeautifulSoup, source: str) -> Manuscript:
    """Render blocks to lines (``<sup>N</sup>`` → ``[N]``, the notes list → ``[N]`` paragraphs)
    and read them as plain text, mapping lines back to the HTML source."""
    from citations.readers.text import read_text

    sup_positions: list[tuple[int, int]] = []  # where each <sup> marker stands in the source
    for sup in soup.find_all("sup"):
        mark = normalise(text_of(sup)).strip(_BRACKETS)
        if mark.isdigit() and not sup.find_parent("ol"):
            sup_positions.append((sup.sourceline or 0, (sup.sourcepos or 0) + 1))
            sup.replace_with(f"[{mark}]{_SUP}")
    body = soup.body or soup
    lists = [ol for ol in body.find_all("ol") if ol.find_parent("ol") is None]
    notes_list = None
    if lists and re.search(r"\[\d{1,4}\]", text_of(body)):
        notes_list = lists[-1]
    lines: list[str] = []
    origin: list[int] = []

    def emit(text: str, line: int) -> None:
        lines.extend([text, ""])
        origin.extend([line, line])

    if notes_list is not None:
        start_attr = str(notes_list.get("start") or "1")
        start = int(start_attr) if start_attr.isdigit() else 1
        items = notes_list.find_all("li", recursive=False)
        rendered = [(start + k, li.sourceline or 1, normalise(text_of(li))) for k, li in enumerate(items)]
        notes_list.replace_with("\x00NOTES\x00")
    else:
        rendered = []
    for line, text in _paragraphs(body):
        if "\x00NOTES\x00" in text:
            text = text.replace("\x00NOTES\x00", "").strip()
            if text:
                emit(text, line)
            emit("Notes", line)
            for number, li_line, note_text in rendered:
                emit(f"[{number}]", li_line)
                emit(note_text, li_line)
            rendered = []
            continue
        emit(text, line)
    if rendered:  # the list sat outside any paragraph block
        emit("Notes", rendered[0][1])
        for number, li_line, note_text in rendered:
            emit(f"[{number}]", li_line)
            emit(note_text, li_line)
    result = read_text("\n".join(lines), source)

    def source_line(rendered_line: int) -> int:
        return origin[rendered_line - 1] if 0 < rendered_line <= len(origin) else rendered_line

    sups = iter(sup_positions)
    for marker in result.markers:
        rendered_line = lines[marker.line - 1] if 0 < marker.line <= len(lines) else ""
        after = marker.column - 1 + len(marker.label) + 2
        position = next(sups, None) if rendered_line[after : after + 1] == _SUP else None
        if position and position[0]:
            marker.line, marker.column = position
        else:  # a [N] typed in the text: the line of its paragraph
            marker.line = source_line(marker.line)
    for note in result.notes:
        note.line = source_line(note.line)
        note.text = normalise(note.text.replace(_SUP, ""))
    result.bibliography = [(source_line(ln), text.replace(_SUP, "")) for ln, text in result.bibliography]
    result.format = "html"
    return result


def read(data: bytes, source: str) -> Manuscript:
    """Read an HTML manuscript from bytes."""
    return read_text(decode(data, source), source)


def read_text(text: str, source: str = "<string>") -> Manuscript:
    """Read an HTML manuscript from a string."""
    try:
        soup = _soup(text)
    except ParserRejectedMarkup:  # markup Python's HTML parser gives up on (``<![1]``)
        raise ReadError(f"{source}: not readable as HTML (malformed markup the HTML parser rejects)") from None
    pairs = _linked_notes(soup)
    if pairs:
        return _read_linked(soup, pairs, source)
    return _read_unlinked(soup, source)
