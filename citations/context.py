"""The text before each note marker: what the note is attached to in the body.

A note's form alone does not say whether its source must be cited to a page. "I also
recommend Jon Duckett's book *JavaScript and jQuery*[^2]" and "Scholars like Kate
Crawford[^5]" point to a work as a whole; "The following is a simplified diagram[^3]" and
"As Ramsay and Coltrain note, “games are defined by … rules”[^2]" rest on one place in it.
The checks (:mod:`checkers.structure`, SC407) read that from ``Marker.context``, which
:func:`attach_marker_context` fills from the manuscript's own text.

Only formats whose markers are placed by line and column in the text itself are filled here
(plain text, Markdown, LaTeX); for the others (HTML, DOCX, ODT) ``context`` stays ``None`` and
the checks behave as without it.
"""

from __future__ import annotations

from citations.model import Manuscript

#: Formats whose ``Marker.line``/``column`` index the decoded text of the file.
TEXT_FORMATS = frozenset({"text", "markdown", "latex"})
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
        text = "> " + text[2:]
    return text


def attach_marker_context(manuscript: Manuscript, text: str, width: int = WIDTH) -> Manuscript:
    """Set ``context`` on every marker of ``manuscript`` (read from ``text``, the decoded
    manuscript) when its format places markers by line and column; returns ``manuscript``."""
    if manuscript.format not in TEXT_FORMATS:
        return manuscript
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for marker in manuscript.markers:
        marker.context = text_before(lines, marker.line, marker.column, width)
    return manuscript
