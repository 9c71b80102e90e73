"""Plain text: ``[N]`` markers in the body and a notes section at the end.

The notes section comes in the forms people paste:

- a line holding only ``[N]``, then the note's paragraph (web pages copied as text);
- ``[N] text`` on one line (continuation lines follow until a blank line);
- ``N. text`` or ``N) text`` on one line;

with or without a heading (Notes, Endnotes, Footnotes, Anmerkungen, Примечания…). Text after
the last note that does not read like a note (page furniture such as "Loading" or "Share
this") is left out rather than glued onto the last citation, and a bibliography heading
(Bibliography, Works Cited, Literatur…) after the notes ends them: its entries go to
``Manuscript.bibliography``, not into the last note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citations.bibliography import is_bibliography_heading
from citations.model import Manuscript, Marker, Note
from citations.readers import decode, manuscript, normalise

HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:end\s*notes?|foot\s*notes?|notes?(?:\s+and\s+references)?|anmerkungen|"
    r"fu(?:ß|ss)noten|endnoten|примечания|сноски|notes de bas de page)\s*:?\s*$",
    re.IGNORECASE,
)
ALONE = re.compile(r"^\s*\[(\d{1,5})\]\s*$")
BRACKETED = re.compile(r"^\s*\[(\d{1,5})\][ \t]+(\S.*)$")
DOTTED = re.compile(r"^\s*(\d{1,5})[.)][ \t]+(\S.*)$")
STYLES = (("alone", ALONE), ("bracketed", BRACKETED), ("dotted", DOTTED))
BODY_MARKER = re.compile(r"\[(\d{1,5})\]")


@dataclass
class _Start:
    index: int  # 0-based line index
    number: int
    style: str
    rest: str


def _candidates(lines: list[str]) -> list[_Start]:
    found = []
    for i, line in enumerate(lines):
        for style, pattern in STYLES:
            m = pattern.match(line)
            if m:
                rest = m.group(2) if m.lastindex and m.lastindex >= 2 else ""
                found.append(_Start(i, int(m.group(1)), style, rest))
                break
    return found


def _chain(cands: list[_Start], start: int) -> list[_Start]:
    """Note starts from ``cands[start]`` on: same style, numbers moving forward (gaps allowed)."""
    first = cands[start]
    chain = [first]
    for c in cands[start + 1 :]:
        if c.style != first.style:
            continue
        # A note number far below the last one is a numbered list inside a note, not a note.
        if c.number < chain[-1].number - 1 and c.number <= 1:
            continue
        chain.append(c)
    return chain


def find_notes_section(lines: list[str]) -> tuple[int, list[_Start]]:
    """Return (index of the first line of the notes section, the note starts)."""
    cands = _candidates(lines)
    heading = None
    for i, line in enumerate(lines):
        if HEADING.match(line):
            heading = i
    if heading is not None:
        after = [k for k, c in enumerate(cands) if c.index > heading]
        if after:
            return heading, _chain(cands, after[0])
    best: list[_Start] = []
    for k, c in enumerate(cands):
        if c.number != 1:
            continue
        chain = _chain(cands, k)
        # Prefer the longest run of note starts; on ties the later one (notes close a text).
        if len(chain) >= len(best):
            best = chain
    if not best:
        return len(lines), []
    if best[0].style == "dotted" and len(best) < 2:
        return len(lines), []
    return best[0].index, best


def _paragraphs(lines: list[str], start: int, end: int) -> list[list[str]]:
    paras: list[list[str]] = []
    current: list[str] = []
    for line in lines[start:end]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


def _looks_like_note_text(text: str) -> bool:
    """Page furniture ("Loading", "Share this article") has no digits and few words."""
    words = text.split()
    return len(words) >= 4 and (any(ch.isdigit() for ch in text) or "," in text)


def _note_text(lines: list[str], start: _Start, end: int, last: bool) -> str:
    if start.style == "alone":
        paras = _paragraphs(lines, start.index + 1, end)
        if not paras:
            return ""
        kept = [paras[0]]
        for para in paras[1:]:
            if last and not _looks_like_note_text(" ".join(para)):
                break
            kept.append(para)
        return " ".join(" ".join(p) for p in kept)
    text = [start.rest.strip()]
    for line in lines[start.index + 1 : end]:
        if not line.strip():
            break
        text.append(line.strip())
    return " ".join(text)


def _blocks(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """Blank-line separated paragraphs of ``lines[start:end]`` as ``(line number, text)``."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = start
    for i in range(start, end):
        if lines[i].strip():
            if not current:
                first = i
            current.append(lines[i].rstrip())
        elif current:
            blocks.append((first + 1, "\n".join(current)))
            current = []
    if current:
        blocks.append((first + 1, "\n".join(current)))
    return blocks


def end_of_notes(lines: list[str], starts: list[_Start]) -> int:
    """The line index where the notes stop: a bibliography heading after the first note."""
    if not starts:
        return len(lines)
    for i in range(starts[0].index + 1, len(lines)):
        if lines[i].strip() and is_bibliography_heading(lines[i].strip()):
            return i
    return len(lines)


def read(data: bytes, source: str) -> Manuscript:
    """Read a plain-text manuscript from bytes (UTF-8, UTF-16 with BOM or Windows-1252)."""
    text = decode(data, source)
    return read_text(text, source)


def read_text(text: str, source: str = "<string>") -> Manuscript:
    """Read a plain-text manuscript from a string."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    section, starts = find_notes_section(lines)
    end = end_of_notes(lines, starts)
    starts = [s for s in starts if s.index < end]
    notes = []
    for k, start in enumerate(starts):
        stop = starts[k + 1].index if k + 1 < len(starts) else end
        body = _note_text(lines, start, stop, last=k + 1 == len(starts))
        notes.append(
            Note(number=start.number, text=normalise(body), line=start.index + 1, label=str(start.number))
        )
    markers = []
    for i, line in enumerate(lines[:section]):
        if "[" not in line:
            continue
        for m in BODY_MARKER.finditer(line):
            markers.append(Marker(label=m.group(1), line=i + 1, column=m.start() + 1))
    paragraphs = _blocks(lines, 0, section) + _blocks(lines, end, len(lines))
    return manuscript(source, "text", notes, markers, paragraphs)
