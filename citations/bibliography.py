"""The manuscript's own bibliography: find the section, split it into entries, parse them.

Readers hand :func:`find_bibliography` the manuscript's paragraphs as ``(line, text)`` pairs
(``line`` is 1-based; for DOCX/ODT it is the paragraph index) and store what it returns in
``Manuscript.bibliography``. A section starts at a heading such as "Bibliography", "Works
Cited", "References", "References and Further Reading", "Further reading",
"Literatur(verzeichnis)", "Quellen und Literatur", "Sources", "Archival sources",
"Bibliographie", "Références (et lectures supplémentaires)", "Referencias", "Bibliografía",
"Referências" or "Список литературы"; entries of recommended reading are told apart
(:func:`further_reading`); sub-headings of the same kind ("Primary sources", "Secondary literature",
"Archives") continue it; the next unrelated heading ("Notes", "Index", "About the author")
ends it. An entry is a paragraph, or a line when a paragraph holds one complete entry per line.

:func:`parse_bibliography` parses the entries with the same parser as the notes
(:func:`citations.parse.parse_reference`), one :class:`~citations.model.Citation` per entry,
and expands the "———." that Chicago-style lists use to repeat the previous entry's authors.
Nothing here does I/O.
"""

from __future__ import annotations

import re

from citations.model import FULL, UNPARSED, Citation, Manuscript

#: Headings of lists of recommended reading: their entries need not be cited in the notes.
_READING = (
    r"further\s+reading(?:\s+and\s+resources)?|(?:recommended|suggested|additional)\s+reading|"
    r"lectures?\s+(?:complémentaires|supplémentaires|recommandées)|pour\s+aller\s+plus\s+loin|"
    r"(?:bibliografía|referencias|lecturas)\s+recomendadas?|(?:bibliografia|leituras)\s+recomendadas?|"
    r"weiterführende\s+literatur|literaturempfehlungen"
)
#: Words that open a bibliography section (matched against the whole heading).
_SECTION = (
    r"bibliograph(?:y|ie|ies)|select(?:ed)?\s+bibliography|works\s+cited|works\s+consulted|"
    r"references?(?:\s+cited)?|literatur(?:verzeichnis)?|(?:list\s+of\s+)?sources(?:\s+and\s+literature)?|"
    r"quellen(?:\s*(?:und|&)\s*literatur(?:verzeichnis)?)?|quellen-?\s*und\s+literaturverzeichnis|"
    r"sources\s+(?:and|&)\s+(?:bibliography|literature)|archival\s+sources|archivalien|"
    r"archivquellen|ungedruckte\s+quellen|список\s+литературы|литература|источники|"
    r"библиография|références(?:\s+bibliographiques)?|"
    # the headings of the supported languages as the development set's manuscripts use them
    r"references?\s+(?:and|&)\s+further\s+reading|références\s+et\s+lectures\s+supplémentaires|"
    r"referencias(?:\s+bibliográficas)?|bibliografía|bibliografia|referências(?:\s+bibliográficas)?|"
    r"obras\s+citadas|ouvrages\s+cités|fuentes|fontes|quellen\s+und\s+literatur|"
    rf"{_READING}"
)
#: Sub-headings inside a bibliography: they continue the section and are not entries.
_SUBSECTION = (
    r"(?:primary|secondary|archival|unpublished|published|printed|online|internet|web|"
    r"digital|oral|documentary|other)\s+(?:sources|literature|works|materials?|documents)|"
    r"archives?|archival\s+(?:collections|material|documents)|manuscript\s+collections|"
    r"(?:secondary\s+)?literature|books(?:\s+and\s+articles)?|articles|chapters|monographs|"
    r"(?:journals|periodicals|newspapers)(?:\s+and\s+(?:journals|periodicals|newspapers|magazines))?|"
    r"websites?|interviews|document\s+collections|memoirs|edited\s+volumes|"
    r"(?:un)?gedruckte\s+quellen|archivalien|archivquellen|sekundärliteratur|forschungsliteratur|"
    r"zeitungen(?:\s+und\s+zeitschriften)?|darstellungen|quelleneditionen|"
    r"архивные\s+источники|опубликованные\s+источники|исследования|периодика"
)
_DECOR = r"^\s*(?:#{1,6}\s*)?(?:[*_]{1,3})?\s*(?:[IVX]+\.|[0-9]+(?:\.[0-9]+)*\.?|[A-H]\.|[A-H]\))?\s*"
_TAIL = r"\s*(?:[*_]{1,3})?\s*:?\s*(?:[*_]{1,3})?\s*$"
SECTION_HEADING = re.compile(_DECOR + rf"(?:{_SECTION})" + _TAIL, re.IGNORECASE)
READING_HEADING = re.compile(_DECOR + rf"(?:{_READING})" + _TAIL, re.IGNORECASE)
SUBSECTION_HEADING = re.compile(_DECOR + rf"(?:{_SUBSECTION})" + _TAIL, re.IGNORECASE)

_YEAR = re.compile(r"\b1[5-9]\d\d\b|\b20\d\d\b|\bn\.\s?d\.")
_BULLET = re.compile(r"^\s*(?:[-–•·]\s+|\*\s+|\+\s+|\[\d{1,4}\]\s*|\d{1,4}[.)]\s+)")
_SENTENCE_END = re.compile(r"[.!?)\]»”\"'’]\s*$")
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_REPEAT = re.compile(r"^\s*(?:[—―]{2,}|-{3,}|_{3,}|–{3,})\s*")


def is_bibliography_heading(text: str) -> bool:
    """True for a heading that opens a bibliography section ("Works Cited", "## Literatur")."""
    return bool(SECTION_HEADING.match(text)) and len(text) <= 80


def _is_subheading(text: str) -> bool:
    return bool(SUBSECTION_HEADING.match(text)) and len(text) <= 80


def _looks_like_heading(text: str) -> bool:
    """A line that ends the section: a Markdown heading, or a short title-like line.

    Entries carry a year, a comma or a closing full stop; headings ("Notes", "Index",
    "About the Author", "Appendix 2") have none of these and few words.
    """
    stripped = text.strip()
    if re.match(r"^#{1,6}\s", stripped):
        return True
    if "\n" in stripped or len(stripped.split()) > 8:
        return False
    if _YEAR.search(stripped) or "," in stripped or stripped.endswith("."):
        return False
    return True


def _clean(entry: str) -> str:
    """An entry without list bullets, numbering, Markdown emphasis (``*Title*``) and
    surrounding whitespace."""
    entry = " ".join(entry.split())
    entry = _BULLET.sub("", entry, count=1).strip()
    for _ in range(3):  # nested: **_Title_**
        entry = _EMPHASIS.sub(r"\2", entry)
    return entry


def _entries_of(line: int, text: str) -> list[tuple[int, str]]:
    """One entry per paragraph, or one per line when each line is a complete entry.

    A line is a complete entry when it is not indented, ends like a sentence and carries a
    number (a year, pages, a shelf mark); wrapped entries break mid-sentence or indent.
    """
    lines = [(line + k, ln) for k, ln in enumerate(text.split("\n")) if ln.strip()]
    if len(lines) > 1 and all(
        _SENTENCE_END.search(ln)
        and len(ln.split()) >= 3
        and any(ch.isdigit() for ch in ln)
        and not ln.startswith((" ", "\t"))
        for _, ln in lines
    ):
        return [(n, _clean(ln)) for n, ln in lines if _clean(ln)]
    joined = _clean(text)
    return [(line, joined)] if joined else []


def further_reading(paragraphs: list[tuple[int, str]]) -> set[int]:
    """The lines of the bibliography entries that are recommended reading rather than works
    cited: those of a section headed "Further reading" (or the like, in any supported
    language), and every entry of a section most of whose entries open with a sentence of
    prose ("3Blue1Brown has some wonderful videos … 3Blue1Brown, *Neural Networks*, …")."""
    from citations.split import is_running_prose

    lines: set[int] = set()
    sections: list[tuple[bool, list[tuple[int, str]]]] = []
    for heading, entries in _sections(paragraphs):
        sections.append((bool(READING_HEADING.match(heading)), entries))
    for reading, entries in sections:
        annotated = sum(
            1 for _, text in entries
            if is_running_prose(re.split(r"(?<=[\w)])\.\s", text, maxsplit=1)[0], min_words=6, years=False)
        )
        if reading or (entries and annotated * 2 >= len(entries)):
            lines.update(line for line, _ in entries)
    return lines


def _sections(paragraphs: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Each bibliography section's heading with its entries (see :func:`find_bibliography`)."""
    found: list[tuple[str, list[tuple[int, str]]]] = []
    inside = False
    for line, text in paragraphs:
        stripped = text.strip()
        if not stripped:
            continue
        first = stripped.split("\n", 1)[0]
        if is_bibliography_heading(first):
            inside = True
            found.append((first, []))
            rest = stripped.split("\n", 1)[1] if "\n" in stripped else ""
            if rest.strip():
                found[-1][1].extend(_entries_of(line + 1, rest))
            continue
        if not inside:
            continue
        if _is_subheading(first) and "\n" not in stripped:
            continue
        if _looks_like_heading(stripped):
            inside = False
            continue
        found[-1][1].extend(_entries_of(line, stripped))
    return found


def find_bibliography(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The entries of the manuscript's bibliography section(s), as ``(line, text)``.

    ``paragraphs`` are the manuscript's paragraphs in order, each with the line (or paragraph
    index) it starts on; a paragraph may hold several lines separated by ``\\n``. Several
    bibliography sections (e.g. "Archival sources" then "Literature") are concatenated.
    Returns ``[]`` when the manuscript has no bibliography heading.
    """
    return [entry for _, entries in _sections(paragraphs) for entry in entries]


def _names_text(names: list[dict]) -> str:
    """CSL names back in bibliography order: ``Müller, Reinhard, and Hans Schafranek``."""
    parts = []
    for k, n in enumerate(names):
        if n.get("literal"):
            parts.append(n["literal"])
        elif k == 0:
            parts.append(", ".join(p for p in (n.get("family"), n.get("given")) if p))
        else:
            parts.append(" ".join(p for p in (n.get("given"), n.get("family")) if p))
    if len(parts) <= 1:
        return "".join(parts)
    if len(parts) == 2:
        return f"{parts[0]}, and {parts[1]}"
    return ", ".join(parts[:-1]) + f", and {parts[-1]}"


def _pick(citations: list[Citation], text: str) -> Citation:
    for c in citations:
        if c.kind == FULL:
            return c
    if citations:
        return citations[0]
    return Citation(text=text, kind=UNPARSED, reason="no citation recognised in the entry")


def parse_entries(entries: list[tuple[int, str]]) -> list[Citation]:
    """Parse bibliography entries: one citation per entry, in order (unparsed if need be).

    An entry opening with "———" (or "---") repeats the previous entry's authors or editors.
    """
    from citations.parse import parse_reference

    parsed: list[Citation] = []
    previous: Citation | None = None
    for _line, text in entries:
        source = text
        repeat = _REPEAT.match(text)
        if repeat and previous is not None:
            names = previous.csl.get("author") or previous.csl.get("editor") or []
            if names:
                source = _names_text(names) + text[repeat.end():].lstrip()
                if not re.match(r"^[.,]", text[repeat.end():].lstrip()):
                    source = _names_text(names) + ". " + text[repeat.end():].lstrip()
        citation = _pick(parse_reference(source), text)
        citation.text = text
        parsed.append(citation)
        if citation.kind == FULL:
            previous = citation
    return parsed


def parse_bibliography(manuscript: Manuscript) -> list[Citation]:
    """The manuscript's bibliography entries parsed into citations, aligned with
    ``manuscript.bibliography`` (entry ``k`` is ``manuscript.bibliography[k]``)."""
    return parse_entries(manuscript.bibliography)
