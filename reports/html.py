"""The HTML report (``sourcecheck check --format html``): one self-contained page for an editor.

The first screen answers "what must I fix?": a verdict that tells the truth (errors → *needs
fixing*, warnings → *needs attention*, else *clean*; and, when no catalogue was consulted,
*structure checked; sources not verified*), then a "To fix" list, most severe first, each item
linking to its note. The notes with something to say follow; clean notes are collapsed in a
``<details>`` element. Colour marks only borders and badges; the manuscript's text keeps the body
colour. Long words wrap and tables scroll inside their own box, so a phone shows the page
without sideways scrolling.

Rendered from ``reports/templates/check.html.j2`` by Jinja2 with autoescaping on, so every piece
of manuscript text is escaped (a note containing ``<script>`` shows as text). No network
resources and no JavaScript: the style sheet is inline; links go only to ``http(s)`` catalogue
records and to places within the page. Command-line options in messages are put in an editor's
words (:func:`editor_words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from checkers.findings import ERROR, INFO, WARNING, Finding, Rule, severity_rank
from checkers.result import INVALID, NOT_FOUND, PARTIAL, STATUSES, VERIFIED, CheckResult, Verification
from citations.model import FULL, Citation, Note
from citations.works import distinct_works
from reports.common import (
    by_severity,
    describe,
    evidence_label,
    finding_line,
    looked_up,
    plural,
    rule_for,
    scope_line,
    source_path,
    verdict_words,
    worst_severity,
)
from citations.version import __version__

_HTTP = re.compile(r"^https?://", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")
#: Verdicts a note shows even when it has no finding.
NOTEWORTHY = (PARTIAL, NOT_FOUND, INVALID)
#: A look-up verdict in an editor's words.
STATUS_LABEL = {
    VERIFIED: "found, agrees",
    PARTIAL: "found, differs",
    NOT_FOUND: "not found",
    "unverifiable": "not looked up",
    INVALID: "invalid identifier",
}


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL (never ``javascript:`` or ``data:``), else ``None``."""
    if url and _HTTP.match(url.strip()) and not any(c in url for c in "\r\n\t "):
        return url.strip()
    return None


# ---------------------------------------------------------------------------------------------
# Words for an editor

#: Command-line phrasing → what an editor reads instead. A parenthesis that only tells how to
#: change the check from the command line is left out: the editor acts on the manuscript.
_JARGON: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\s*\((?:[^()]*\s)?--[a-z][\w-]*(?:\s[^()]*)?\)"), ""),
    (re.compile(r",?\s*(?:or\s+)?(?:use|with|run with|pass)\s+--[a-z][\w-]*(?:\s+[A-Z]{2}\d{3}\b)?"), ""),
    (re.compile(r"\bA --library file\b"), "A library file"),
    (re.compile(r"\ba --library file\b"), "a library file"),
    (re.compile(r"--library\b"), "library"),
    (re.compile(r"--offline\b"), "offline"),
    (re.compile(r"(?<![\w-])--([a-z][\w-]*)"), lambda m: m.group(1).replace("-", " ")),
]


def editor_words(text: str | None) -> str:
    """``text`` without command-line options (``--ignore BB102``, ``--strict``)."""
    if not text:
        return ""
    for pattern, replacement in _JARGON:
        text = pattern.sub(replacement, text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def link(href: str, text: str) -> Markup:
    """An external link, safe and with the attributes the page uses."""
    return Markup('<a href="{}" rel="noreferrer noopener">{}</a>').format(href, text)


def linked_text(text: str | None, names: dict[str, str] | None = None) -> Markup:
    """``text`` escaped, every http(s) URL in it a link.

    ``names`` maps URLs to what they are ("Central Fund Catalogue (Rosarkhiv)"): "NAME: URL"
    becomes one link reading NAME, so the link says where it goes.
    """
    text = editor_words(text)
    names = names or {}
    out: list[Markup] = []
    pos = 0
    for m in _URL_IN_TEXT.finditer(text):
        url = m.group(0)
        href = safe_url(url)
        before = text[pos:m.start()]
        name = names.get(url)
        if href and name and before.rstrip().endswith(f"{name}:"):
            cut = before.rstrip()[: -len(name) - 1]
            out += [escape(cut), link(href, name)]
        elif href:
            out += [escape(before), link(href, _url_label(href))]
        else:
            out += [escape(before), escape(url)]
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _url_label(url: str) -> str:
    """A URL as link text: the URL itself, without the scheme (it wraps where it must)."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


# ---------------------------------------------------------------------------------------------
# What the template shows


@dataclass
class ArchiveView:
    """An archival citation's archive and fond as the registry describes them, with links."""

    archive: str | None
    fond: str | None
    links: list[tuple[str, str]]


def archive_views(result: CheckResult) -> dict[tuple[int, int], ArchiveView]:
    """``result.extras["archival"]`` (written by ``checkers.archives``) by (note, citation).

    Read defensively: the section is data from another module, and only what is there is shown.
    """
    views: dict[tuple[int, int], ArchiveView] = {}
    for item in result.extras.get("archival") or []:
        if not isinstance(item, dict) or not isinstance(item.get("note"), int):
            continue
        archive: dict[str, Any] = item["archive"] if isinstance(item.get("archive"), dict) else {}
        fond: dict[str, Any] = item["fond"] if isinstance(item.get("fond"), dict) else {}
        place = ", ".join(str(x) for x in (archive.get("name"), archive.get("city")) if x)
        links: list[tuple[str, str]] = []
        if website := safe_url(archive.get("website")):
            links.append((f"{archive.get('acronym') or 'archive'} website", website))
        for entry in item.get("links") or []:
            if isinstance(entry, dict) and (href := safe_url(entry.get("url"))):
                links.append((str(entry.get("name") or _url_label(href)), href))
        fond_text = None
        if fond.get("number"):
            fond_text = f"f. {fond['number']}" + (f": {fond['name']}" if fond.get("name") else "")
        views[(item["note"], int(item.get("citation") or 0))] = ArchiveView(place or None, fond_text, links)
    return views


def link_names(result: CheckResult) -> dict[str, str]:
    """URL → name of every catalogue link the checks know of (for links in hints)."""
    names: dict[str, str] = {}
    for view in archive_views(result).values():
        for name, href in view.links:
            names.setdefault(href, name)
    try:
        from checkers.archives import registry

        for archive in registry().archives.values():
            for catalogue in archive.catalogues:
                names.setdefault(catalogue.url, catalogue.name)
    except Exception:  # pragma: no cover - the registry is shipped data; a report still renders
        pass
    return names


@dataclass
class CitationView:
    """What the template shows for one citation."""

    index: int
    citation: Citation
    description: str
    verification: Verification | None
    findings: list[Finding]
    url: str | None
    url_label: str | None
    resolves_to: tuple[int, int] | None
    #: For an archival citation: the archive, fond and links from the archival checks.
    archive: ArchiveView | None = None
    #: Catalogue records as (link text, href or None).
    evidence: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass
class NoteView:
    """What the template shows for one note."""

    note: Note
    citations: list[CitationView]
    findings: list[Finding]
    severity: str | None
    anchor: str = ""
    other_findings: list[Finding] = field(default_factory=list)
    #: A look-up that found differences or nothing: shown although no finding says so.
    noteworthy: bool = False

    @property
    def clean(self) -> bool:
        return not self.findings and not self.noteworthy


@dataclass
class FixItem:
    """One line of the "To fix" list."""

    finding: Finding
    anchor: str
    where: str
    line: int | None
    about: str | None


@dataclass
class CodeRow:
    """One finding code in the summary: its rule, how often it occurs, and where."""

    rule: Rule
    severity: str
    count: int
    notes: list[int]


def citation_label(citation: Citation) -> str:
    """A citation in a few words, with its locator shown once.

    A full citation is described from its fields, so its locator is added; an Ibid. or short
    form is shown as written, which already holds its locator ("Ibid., p. 325").
    """
    text = describe(citation)
    if citation.kind == FULL and citation.archival is None and citation.locator and text != citation.text:
        return f"{text}, {citation.locator}"
    return text


def _note_views(result: CheckResult) -> list[NoteView]:
    archives = archive_views(result)
    views = []
    for note in result.manuscript.notes:
        findings = result.findings_for(note.number)
        cviews = []
        noteworthy = False
        for i, c in enumerate(note.citations):
            v = result.verifications.get((note.number, i))
            noteworthy = noteworthy or (v is not None and v.status in NOTEWORTHY)
            url = safe_url(c.resolved_csl.get("URL"))
            evidence = [(evidence_label(e.service, e.id, e.url), safe_url(e.url)) for e in (v.evidence if v else [])]
            cviews.append(CitationView(
                index=i,
                citation=c,
                description=citation_label(c),
                verification=v,
                findings=[f for f in findings if f.citation == i],
                url=url,
                url_label=f"the cited page on {_host(url)}" if url else None,
                resolves_to=c.resolves_to,
                archive=archives.get((note.number, i)),
                evidence=evidence,
            ))
        other = [f for f in findings if f.citation is None or f.citation >= len(note.citations)]
        views.append(NoteView(note, cviews, findings, worst_severity(findings), f"note-{note.number}", other,
                              noteworthy))
    return views


def to_fix(result: CheckResult) -> list[FixItem]:
    """Every finding as a "To fix" item, errors first, then warnings, then information."""
    numbers = {n.number for n in result.manuscript.notes}
    items = []
    for f in by_severity(result.findings):
        line = finding_line(result, f)
        if f.note is not None and f.note in numbers:
            note = result.manuscript.note(f.note)
            where, anchor = f"Note {note.key if note else f.note}", f"note-{f.note}"
        else:
            where, anchor = "Manuscript", "manuscript"
        about = None
        if f.note is not None and f.citation is not None:
            note = result.manuscript.note(f.note)
            if note is not None and 0 <= f.citation < len(note.citations) and len(note.citations) > 1:
                about = f"citation {f.citation + 1}"
        items.append(FixItem(f, anchor, where, line, about))
    return items


def code_rows(result: CheckResult) -> list[CodeRow]:
    """Each finding code that occurs, most severe first, with its count and notes."""
    rows: dict[tuple[str, str], CodeRow] = {}
    for f in result.findings:
        row = rows.setdefault((f.code, f.severity), CodeRow(rule_for(f.code, f.severity), f.severity, 0, []))
        row.count += 1
        if f.note is not None and f.note not in row.notes and result.manuscript.note(f.note) is not None:
            row.notes.append(f.note)
    return sorted(rows.values(), key=lambda r: (-severity_rank(r.severity), -r.count, r.rule.code))


def verdict(result: CheckResult) -> dict[str, Any]:
    """The verdict line: its level (``error``, ``warning`` or ``clean``), words and scope."""
    worst = worst_severity(result.findings)
    n = looked_up(result)
    return {
        "level": worst if worst in (ERROR, WARNING) else "clean",
        "words": verdict_words(result).capitalize(),
        "verified": n > 0,
        "looked_up": n,
        "scope": scope_line(result),
    }


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["editor_words"] = editor_words
    env.filters["capitalize_first"] = lambda s: s[:1].upper() + s[1:]
    return env


def context(result: CheckResult, **_: Any) -> dict[str, Any]:
    """The template's variables (plain data; the template escapes everything it prints)."""
    names = link_names(result)
    notes = _note_views(result)
    summary = result.summary()
    return {
        "title": source_path(result) or result.manuscript.source,
        "manuscript": result.manuscript,
        "summary": summary,
        "counts": ", ".join(plural(summary["findings"][k], k) for k in (ERROR, WARNING, INFO)),
        "works": len(distinct_works(result.manuscript)),
        "statuses": STATUSES,
        "status_label": STATUS_LABEL,
        "severities": (ERROR, WARNING, INFO),
        "verdict": verdict(result),
        "to_fix": to_fix(result),
        "general": by_severity(result.findings_for(None) + [
            f for f in result.findings if f.note is not None and result.manuscript.note(f.note) is None]),
        "notes": [v for v in notes if not v.clean],
        "clean_notes": [v for v in notes if v.clean],
        "codes": code_rows(result),
        "linked": lambda text: linked_text(text, names),
        "version": __version__,
    }


def write(result: CheckResult, **options: Any) -> str:
    """Render ``result`` as a complete HTML document (every note, clean ones collapsed)."""
    template = _environment().get_template("check.html.j2")
    return template.render(**context(result, **options))
