"""Crossref: a work by DOI, or articles and chapters by ``query.bibliographic``.

- ``GET {base}/works/{doi}`` (an unknown DOI is a 404 with a plain-text body)
- ``GET {base}/works?query.bibliographic=…&rows=5&select=…``

The contact address travels in the User-Agent (``mailto:``), which puts the client in
Crossref's polite pool; the rate limit follows the ``x-rate-limit-*`` headers.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode

from checkers.config import Settings
from checkers.http import HttpClient
from checkers.isbn import normalize_doi
from checkers.providers import ARTICLE, DOI, Candidate, Query, clean

NAME = "crossref"
WORK_URL = "{base}/works/{doi}"
SEARCH_URL = "{base}/works?{params}"
ROWS = 5
SELECT = "DOI,URL,type,title,subtitle,container-title,author,editor,issued,published,volume,issue,page,publisher,publisher-location,ISBN"

#: Crossref work types → CSL types.
TYPES = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "reference-entry": "entry-encyclopedia",
    "proceedings-article": "paper-conference",
    "report": "report",
    "dissertation": "thesis",
    "posted-content": "article",
}


def supports(query: Query) -> bool:
    return query.kind == DOI or (query.kind == ARTICLE and bool(query.title))


def bibliographic(query: Query) -> str:
    """The free-text reference Crossref matches: authors, title, container, year."""
    bits = [" ".join(query.authors), query.title or "", query.container or ""]
    if query.year:
        bits.append(str(query.year))
    return " ".join(b for b in bits if b)


def search_url(base: str, query: Query) -> str:
    params = {"query.bibliographic": bibliographic(query), "rows": ROWS, "select": SELECT}
    return SEARCH_URL.format(base=base, params=urlencode(params))


def lookup(client: HttpClient, settings: Settings, query: Query) -> list[Candidate]:
    base = settings.base_url(NAME)
    if query.kind == DOI:
        doi = normalize_doi(query.doi or "")
        if not doi:
            return []
        url = WORK_URL.format(base=base, doi=doi)
        status, data = client.get_json(url)
        if status == 404:  # the documented "no such DOI"
            return []
        message = _message(data, "work")
        if message is None or not message.get("DOI"):
            raise client.unexpected(url, "an answer without a work message")
        return [work_to_candidate(message)]
    if query.kind == ARTICLE:
        url = search_url(base, query)
        status, data = client.get_json(url)
        message = _message(data, "work-list") if status != 404 else None
        if message is None or not isinstance(message.get("items"), list):
            raise client.unexpected(url, "an answer without a work-list message")
        return [work_to_candidate(w) for w in select(data)]  # no items: the documented "no results"
    return []


def _message(data: Any, kind: str) -> dict[str, Any] | None:
    """The ``message`` of a Crossref answer ``{"status": "ok", "message-type": kind, "message": {…}}``."""
    if not isinstance(data, dict) or data.get("status") != "ok":
        return None
    if data.get("message-type", kind) != kind:
        return None
    message = data.get("message")
    return message if isinstance(message, dict) else None


def select(data: dict[str, Any]) -> list[dict[str, Any]]:
    items = (data.get("message") or {}).get("items") or []
    return [w for w in items if isinstance(w, dict) and w.get("title")][:ROWS]


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return html.unescape(value) if isinstance(value, str) else None


def _names(people: Any) -> list[dict[str, str]]:
    names = []
    for p in people or []:
        if p.get("family"):
            names.append(clean({"family": p["family"], "given": p.get("given")}))
        elif p.get("name"):
            names.append({"literal": p["name"]})
    return names


def work_to_csl(work: dict[str, Any]) -> dict[str, Any]:
    """A Crossref work → CSL-JSON (Crossref's JSON is nearly CSL already; titles are lists)."""
    title = _first(work.get("title"))
    subtitle = _first(work.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    date = work.get("issued") or work.get("published") or {}
    parts = [p for p in (date.get("date-parts") or [[]])[0] if p is not None]
    return clean({
        "type": TYPES.get(work.get("type", ""), work.get("type")),
        "title": title,
        "container-title": _first(work.get("container-title")),
        "author": _names(work.get("author")),
        "editor": _names(work.get("editor")),
        "publisher": work.get("publisher"),
        "publisher-place": work.get("publisher-location"),
        "issued": {"date-parts": [parts]} if parts else None,
        "volume": work.get("volume"),
        "issue": work.get("issue"),
        "page": work.get("page"),
        "DOI": work.get("DOI"),
        "URL": work.get("URL"),
        "ISBN": work.get("ISBN"),
    })


def work_to_candidate(work: dict[str, Any]) -> Candidate:
    doi = work.get("DOI")
    return Candidate(NAME, doi, f"https://doi.org/{doi}" if doi else work.get("URL"), work_to_csl(work))
