"""The text form of ``sourcecheck parse``: each note with a line per citation it holds.

::

    [9] line 82: Ibid., p. 148.
      0. ibid Chase · Enemies within the Gates? … · 2001 [p. 148] -> note 8.0
"""

from __future__ import annotations

from citations.csl import who, year_of
from citations.model import FULL, Citation, Manuscript


def describe_citation(c: Citation) -> str:
    """One line for a citation: kind or type, names · title · container · year, locator, target."""
    bits = [c.kind if c.kind != FULL else (c.type or "full")]
    if c.relation:
        bits.append(f"({c.relation})")
    if c.archival:
        bits.append(c.archival.canonical())
    else:
        csl = c.resolved_csl
        year = year_of(csl)
        bits.append(" · ".join(str(x) for x in (who(csl, "; "), csl.get("title"), csl.get("container-title"), year) if x))
    if c.locator:
        bits.append(f"[{c.locator}]")
    if c.resolves_to:
        bits.append(f"-> note {c.resolves_to[0]}.{c.resolves_to[1]}")
    if c.reason:
        bits.append(f"({c.reason})")
    return " ".join(bits)


def render(manuscript: Manuscript) -> str:
    """The whole manuscript: a header line, then every note and its citations."""
    lines = [f"{manuscript.source} ({manuscript.format}): {len(manuscript.notes)} notes, {len(manuscript.markers)} markers"]
    for note in manuscript.notes:
        lines.append("")
        lines.append(f"[{note.key}] line {note.line}: {note.text}")
        lines.extend(f"  {i}. {describe_citation(c)}" for i, c in enumerate(note.citations))
    return "\n".join(lines)
