"""Google Books: volumes by ``isbn:`` and by ``intitle:``/``inauthor:`` search.

- ``GET {base}/volumes?q=isbn:{isbn13}``
- ``GET {base}/volumes?q=intitle:"…"+inauthor:…&maxResults=10&printType=books``

Each volume's ``volumeInfo`` maps to CSL-JSON; the candidate's ``url`` is its
``canonicalVolumeLink`` (or ``infoLink``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from checkers.config import Settings
from checkers.http import HttpClient
from checkers.providers import (
    BOOK,
    ISBN,
    Candidate,
    Query,
    clean,
    issued,
    split_name,
    title_with_subtitle,
    year_of,
)

NAME = "googlebooks"
VOLUMES_URL = "{base}/volumes?{params}"
MAX_RESULTS = 10


def supports(query: Query) -> bool:
    return query.kind == ISBN or (query.kind == BOOK and bool(query.title))


def search_terms(query: Query) -> str:
    """The ``q`` parameter: ``isbn:…`` or ``intitle:"…" inauthor:…``."""
    if query.kind == ISBN:
        return f"isbn:{query.isbn}"
    title = (query.title or "").replace('"', "")
    terms = [f'intitle:"{title}"']
    if query.authors:
        terms.append(f"inauthor:{query.authors[0]}")
    return " ".join(terms)


def volumes_url(base: str, query: Query) -> str:
    params = {"q": search_terms(query), "maxResults": MAX_RESULTS, "printType": "books"}
    if query.kind == ISBN:
        params = {"q": search_terms(query)}
    return VOLUMES_URL.format(base=base, params=urlencode(params))


def lookup(client: HttpClient, settings: Settings, query: Query) -> list[Candidate]:
    if not supports(query):
        return []
    url = volumes_url(settings.base_url(NAME), query)
    status, data = client.get_json(url)
    if status == 404:
        raise client.unexpected(url, "HTTP 404 from the volumes API")
    total = data.get("totalItems") if isinstance(data, dict) else None
    if not isinstance(total, int) or isinstance(total, bool) or total < 0:
        raise client.unexpected(url, "an answer without totalItems")
    if total == 0:  # the documented "no results"
        return []
    if not isinstance(data.get("items"), list) or not data["items"]:
        raise client.unexpected(url, f"totalItems {total} but no items")
    return [volume_to_candidate(v) for v in select(data)]


def select(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Volumes with a title (``items`` is absent when nothing matched)."""
    items = data.get("items") or []
    return [v for v in items if isinstance(v, dict) and (v.get("volumeInfo") or {}).get("title")][:MAX_RESULTS]


def volume_to_csl(info: dict[str, Any]) -> dict[str, Any]:
    identifiers = info.get("industryIdentifiers") or []
    isbns = [i.get("identifier") for i in identifiers if i.get("type") == "ISBN_13"]
    isbns += [i.get("identifier") for i in identifiers if i.get("type") == "ISBN_10"]
    return clean({
        "type": "book",
        "title": title_with_subtitle(info.get("title"), info.get("subtitle")),
        "author": [split_name(n) for n in info.get("authors") or []],
        "publisher": info.get("publisher"),
        "issued": issued(year_of(info.get("publishedDate"))),
        "number-of-pages": info.get("pageCount") or None,
        "language": info.get("language"),
        "ISBN": isbns,
    })


def volume_to_candidate(volume: dict[str, Any]) -> Candidate:
    info = volume.get("volumeInfo") or {}
    url = info.get("canonicalVolumeLink") or info.get("infoLink")
    return Candidate(NAME, volume.get("id"), url, volume_to_csl(info))
