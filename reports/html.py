"""The HTML report (``sourcecheck check --format html``): one self-contained file for an editor.

Rendered from ``reports/templates/check.html.j2`` by Jinja2 with autoescaping on, so every
piece of manuscript text is escaped (a note containing ``<script>`` shows as text). No
network resources and no JavaScript: the style sheet is inline; links go only to ``http(s)``
catalogue records and to the notes within the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jinja2

from checkers.findings import ERROR, INFO, WARNING, Finding, Rule, fails
from checkers.result import STATUSES, CheckResult, Verification
from citations.model import Citation, Note
from citations.works import distinct_works
from reports.common import describe, rule_for, source_path, worst_severity
from citations.version import __version__

_HTTP = re.compile(r"^https?://", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL (never ``javascript:`` or ``data:``), else ``None``."""
    if url and _HTTP.match(url.strip()) and not any(c in url for c in "\r\n\t "):
        return url.strip()
    return None


@dataclass
class CitationView:
    """What the template shows for one citation."""

    index: int
    citation: Citation
    description: str
    verification: Verification | None
    findings: list[Finding]
    url: str | None
    resolves_to: tuple[int, int] | None
    #: For an archival citation: the archive, fond and links from the archival checks.
    archive: ArchiveView | None = None


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
        for link in item.get("links") or []:
            if isinstance(link, dict) and (href := safe_url(link.get("url"))):
                links.append((str(link.get("name") or href), href))
        fond_text = None
        if fond.get("number"):
            fond_text = f"f. {fond['number']}" + (f": {fond['name']}" if fond.get("name") else "")
        views[(item["note"], int(item.get("citation") or 0))] = ArchiveView(place or None, fond_text, links)
    return views


@dataclass
class NoteView:
    """What the template shows for one note."""

    note: Note
    citations: list[CitationView]
    findings: list[Finding]
    severity: str | None
    anchor: str = ""
    other_findings: list[Finding] = field(default_factory=list)


def _note_views(result: CheckResult) -> list[NoteView]:
    archives = archive_views(result)
    views = []
    for note in result.manuscript.notes:
        findings = result.findings_for(note.number)
        cviews = []
        for i, c in enumerate(note.citations):
            cviews.append(CitationView(
                index=i,
                citation=c,
                description=describe(c),
                verification=result.verifications.get((note.number, i)),
                findings=[f for f in findings if f.citation == i],
                url=safe_url(c.csl.get("URL")),
                resolves_to=c.resolves_to,
                archive=archives.get((note.number, i)),
            ))
        other = [f for f in findings if f.citation is None or f.citation >= len(note.citations)]
        views.append(NoteView(note, cviews, findings, worst_severity(findings), f"note-{note.number}", other))
    return views


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
    return env


def context(result: CheckResult, *, fail_on: str = ERROR) -> dict[str, Any]:
    """The template's variables (plain data; the template escapes everything it prints)."""
    findings_codes = sorted({f.code for f in result.findings})
    rules: list[Rule] = [rule_for(code) for code in findings_codes]
    return {
        "title": source_path(result) or result.manuscript.source,
        "manuscript": result.manuscript,
        "summary": result.summary(),
        "works": len(distinct_works(result.manuscript)),
        "statuses": STATUSES,
        "severities": (ERROR, WARNING, INFO),
        "failed": fails(result.findings, fail_on),
        "general": result.findings_for(None),
        "notes": _note_views(result),
        "rules": rules,
        "version": __version__,
    }


def write(result: CheckResult, *, fail_on: str = ERROR, **_: Any) -> str:
    """Render ``result`` as a complete HTML document (every note, whatever its findings)."""
    template = _environment().get_template("check.html.j2")
    return template.render(**context(result, fail_on=fail_on))
