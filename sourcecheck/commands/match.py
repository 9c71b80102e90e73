"""``sourcecheck match``: which bibliography/library entry each cited work matched, and how well.

Prints the note → entry mapping (entry key, score, differences), the entries never cited and
the duplicate entries, so users can fix their library or their notes.
"""

from __future__ import annotations

from typing import Any

import click

from sourcecheck.cli import UserError, cli, input_format_option, load_manuscript


@cli.command()
@click.argument("manuscript", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--library", "libraries", multiple=True, metavar="FILE",
    type=click.Path(dir_okay=False),
    help="A BibTeX, CSL-JSON or RIS file (repeatable). Without it, the manuscript's own "
    "bibliography section is used.",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Output format.",
)
@input_format_option
def match(manuscript: str, libraries: tuple[str, ...], fmt: str, input_format: str | None) -> None:
    """Match every work cited in MANUSCRIPT to an entry of a library or of its bibliography.

    Works match by ISBN or DOI first, archival files by archive, fond, opis and delo, other
    works by author family names, title words and year (tolerant of subtitles, diacritics,
    transliteration variants and abbreviations). For each work: the entry key, the score
    (0–1) and the fields on which note and entry disagree.

    \b
    Examples:
        sourcecheck match chapter.md --library refs.bib
        sourcecheck match chapter.docx --library zotero.json --library archive.ris -f json
    """
    from checkers.library import LibraryError, bibliography_library, match_manuscript, read_library

    ms = load_manuscript(manuscript, input_format)
    if libraries:
        try:
            files = [read_library(p) for p in libraries]
        except LibraryError as exc:
            raise UserError(str(exc)) from None
        result = match_manuscript(ms, files, "library")
    elif ms.bibliography:
        result = match_manuscript(ms, [bibliography_library(ms)], "bibliography")
    else:
        raise UserError(
            f"{ms.source}: no bibliography section found; give a library with --library FILE"
        )
    if fmt == "json":  # streamed: the mapping of a large library is tens of MB of JSON
        from reports.json_report import write_object

        stdout = click.get_text_stream("stdout")
        write_object(result.to_dict(), stdout)
        stdout.flush()
        return
    for line in text_lines(result.to_dict()):
        click.echo(line)


def text_lines(data: dict[str, Any]) -> list[str]:
    """The text output of ``match``: one block per work, then uncited entries and duplicates."""
    lines = [
        f"{data['matched']} of {data['works']} cited works matched in the {data['collection']} "
        f"({', '.join(data['sources'])}: {data['entries']} entries)"
    ]
    for m in data["matches"]:
        notes = ", ".join(str(n) for n in m["notes"])
        head = f"note {notes}: {m['cited']}" + (" (short form)" if m["kind"] == "short" else "")
        if m["key"] is None:
            lines.append(f"  ✗ {head}\n      not found")
            continue
        mark = "✓" if not m["differences"] else "≠"
        how = "its volume's entry" if m["method"] == "container" else m["method"]
        lines.append(f"  {mark} {head}\n      → {m['entry']['ref']} "
                     f"score {m['score']:.2f} by {how}")
        for d in m["differences"]:
            lines.append(f"      {d['field']}: note “{d['cited']}” ≠ entry “{d['entry']}”")
        if m["runner_up"]:
            r = m["runner_up"]
            lines.append(f"      also close: {r['ref']} score {r['score']:.2f}")
    if data["uncited"]:
        lines.append(f"never cited ({len(data['uncited'])}):")
        lines.extend(f"  {e['ref']}: {e['label']}" for e in data["uncited"])
    if data["duplicates"]:
        lines.append(f"duplicate entries ({len(data['duplicates'])}):")
        lines.extend("  " + " = ".join(group) for group in data["duplicates"])
    if data["problems"]:
        lines.append(f"unreadable entries ({len(data['problems'])}):")
        lines.extend(f"  {p['source']}{':' + str(p['line']) if p['line'] else ''}: {p['message']}"
                     for p in data["problems"])
    return lines
