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
from checkers.providers.base import Provider, Reply, UnexpectedRecord, obj, objs, text, texts

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


def bibliographic(query: Query) -> str:
    """The free-text reference Crossref matches: authors, title, container, year."""
    bits = [" ".join(query.authors), query.title or "", query.container or ""]
    if query.year:
        bits.append(str(query.year))
    return " ".join(b for b in bits if b)


def search_url(base: str, query: Query) -> str:
    params = {"query.bibliographic": bibliographic(query), "rows": ROWS, "select": SELECT}
    return SEARCH_URL.format(base=base, params=urlencode(params))


def work_url(base: str, query: Query) -> str:
    return WORK_URL.format(base=base, doi=normalize_doi(query.doi or ""))


def read_work(reply: Reply) -> list[Candidate]:
    message = _message(reply.data, "work")
    if message is None or not text(message, "DOI"):
        raise UnexpectedRecord("an answer without a work message")
    return [work_to_candidate(message)]


def read_works(reply: Reply) -> list[Candidate]:
    message = _message(reply.data, "work-list")
    if message is None or not isinstance(message.get("items"), list):
        raise UnexpectedRecord("an answer without a work-list message")
    return [work_to_candidate(w) for w in select(reply.data)]  # no items: the documented "no results"


def _message(data: Any, kind: str) -> dict[str, Any] | None:
    """The ``message`` of a Crossref answer ``{"status": "ok", "message-type": kind, "message": {…}}``."""
    if not isinstance(data, dict) or data.get("status") != "ok":
        return None
    if data.get("message-type", kind) != kind:
        return None
    message = data.get("message")
    return message if isinstance(message, dict) else None


def select(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in objs(obj(data, "message"), "items") if w.get("title")][:ROWS]


def _first(record: dict[str, Any], key: str) -> str | None:
    """Crossref's titles are lists of strings (sometimes one string), HTML entities escaped."""
    value = record.get(key)
    values = texts(record, key) if isinstance(value, list) else [text(record, key)]
    return html.unescape(values[0]) if values and values[0] is not None else None


def _names(work: dict[str, Any], role: str) -> list[dict[str, str]]:
    names = []
    for p in objs(work, role):
        family, literal = text(p, "family"), text(p, "name")
        if family:
            names.append(clean({"family": family, "given": text(p, "given")}))
        elif literal:
            names.append({"literal": literal})
    return names


def work_to_csl(work: dict[str, Any]) -> dict[str, Any]:
    """A Crossref work → CSL-JSON (Crossref's JSON is nearly CSL already; titles are lists)."""
    work = obj(work)
    title = _first(work, "title")
    subtitle = _first(work, "subtitle")
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    date = obj(work, "issued") or obj(work, "published")
    date_parts = date.get("date-parts")
    if date_parts is not None and not (isinstance(date_parts, list) and all(isinstance(d, list) for d in date_parts)):
        raise UnexpectedRecord("date-parts is no list of lists")
    parts = [p for p in date_parts[0] if p is not None] if date_parts else []
    if not all(isinstance(p, int) and not isinstance(p, bool) for p in parts):
        raise UnexpectedRecord("date-parts holds something other than whole numbers")
    kind = text(work, "type")
    isbns = work.get("ISBN")
    return clean({
        "type": TYPES.get(kind or "", kind),
        "title": title,
        "container-title": _first(work, "container-title"),
        "author": _names(work, "author"),
        "editor": _names(work, "editor"),
        "publisher": text(work, "publisher"),
        "publisher-place": text(work, "publisher-location"),
        "issued": {"date-parts": [parts]} if parts else None,
        "volume": text(work, "volume"),
        "issue": text(work, "issue"),
        "page": text(work, "page"),
        "DOI": text(work, "DOI"),
        "URL": text(work, "URL"),
        "ISBN": texts(work, "ISBN") if isinstance(isbns, list) else text(work, "ISBN"),
    })


def work_to_candidate(work: dict[str, Any]) -> Candidate:
    doi = text(work, "DOI")
    return Candidate(NAME, doi, f"https://doi.org/{doi}" if doi else text(work, "URL"), work_to_csl(work))


class Crossref(Provider):
    name = NAME
    routes = {DOI: (work_url, read_work), ARTICLE: (search_url, read_works)}
    absent_on_404 = frozenset({DOI})  # an unknown DOI is a 404 with a plain-text body

    def supports(self, query: Query) -> bool:
        return query.kind == DOI or (query.kind == ARTICLE and bool(query.title))

    def lookup(self, client: HttpClient, settings: Settings, query: Query) -> list[Candidate]:
        if query.kind == DOI and not normalize_doi(query.doi or ""):
            return []  # nothing Crossref could be asked about
        return super().lookup(client, settings, query)


PROVIDER = Crossref()
supports = PROVIDER.supports
lookup = PROVIDER.lookup
