"""The text before each note marker: what the note is attached to in the body.

A note's form alone does not say whether its source must be cited to a page. "I also
recommend Jon Duckett's book *JavaScript and jQuery*[^2]" and "Scholars like Kate
Crawford[^5]" point to a work as a whole; "The following is a simplified diagram[^3]" and
"As Ramsay and Coltrain note, “games are defined by … rules”[^2]" rest on one place in it.
The checks (:mod:`checkers.structure`, SC407) read that from ``Marker.context``, which
:func:`attach_marker_context` fills from the manuscript's own text.

Only formats whose markers are placed by line and column in the file's text are filled here:
plain text, Markdown and LaTeX, and HTML (the text of the markup before the marker's element,
back to the start of its block, tags removed). For DOCX and ODT, whose markers are placed by
paragraph, ``context`` stays ``None`` and the checks behave as without it.
"""

from __future__ import annotations

import html
import re

from citations.model import Manuscript

#: Formats whose ``Marker.line``/``column`` index the decoded text of the file.
TEXT_FORMATS = frozenset({"text", "markdown", "latex", "html"})
#: How much of the text before a marker is kept (characters).
WIDTH = 200


def text_before(lines: list[str], line: int, column: int, width: int = WIDTH) -> str:
    """The text before 1-based ``line``/``column`` in ``lines``, back to the start of its
    paragraph (a blank line) and at most ``width`` characters, whitespace-normalised. In a
    block quotation (a paragraph whose lines start with ``>``) it starts with ``> `` even when
    cut."""
    if not 1 <= line <= len(lines):
        return ""
    parts = [lines[line - 1][: max(0, column - 1)]]
    size = len(parts[0])
    i = line - 2
    while i >= 0 and lines[i].strip() and size < width:
        parts.append(lines[i])
        size += len(lines[i]) + 1
        i -= 1
    text = " ".join(" ".join(reversed(parts)).split())[-width:]
    # Every line of a block quotation starts with ">", so the earliest line read tells.
    if lines[i + 1].lstrip().startswith(">") and not text.startswith(">"):
        text = "> " + text[2 - width:]
    return text


#: The start of an HTML block a sentence cannot run across.
_HTML_BLOCK = re.compile(r"<(?:p|li|dd|dt|td|th|h[1-6]|div|section|article|blockquote|body|br)\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]*>")
_HTML_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def html_before(lines: list[str], line: int, column: int, width: int = WIDTH) -> str:
    """The text before the element at 1-based ``line``/``column`` of an HTML file, back to the
    start of its block (``<p>``, ``<li>``, a table cell …), tags removed and entities read,
    whitespace-normalised, at most ``width`` characters; ``> `` first inside a blockquote."""
    if not 1 <= line <= len(lines):
        return ""
    before = "\n".join(lines[max(0, line - 40): line - 1] + [lines[line - 1][: max(0, column - 1)]])[-20 * width:]
    before = _HTML_HIDDEN.sub(" ", before)
    starts = list(_HTML_BLOCK.finditer(before))
    quoted = len(re.findall(r"<blockquote\b", before, re.IGNORECASE)) > len(re.findall(r"</blockquote\s*>", before, re.IGNORECASE))
    block = before[starts[-1].end():] if starts else before
    text = " ".join(html.unescape(_HTML_TAG.sub("", block)).split())[-width:]
    return "> " + text[2 - width:] if quoted and not text.startswith(">") else text


def attach_marker_context(manuscript: Manuscript, text: str, width: int = WIDTH) -> Manuscript:
    """Set ``context`` on every marker of ``manuscript`` (read from ``text``, the decoded
    manuscript) when its format places markers by line and column; returns ``manuscript``."""
    if manuscript.format not in TEXT_FORMATS:
        return manuscript
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    before = html_before if manuscript.format == "html" else text_before
    for marker in manuscript.markers:
        marker.context = before(lines, marker.line, marker.column, width)
    return manuscript
