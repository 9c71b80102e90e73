"""Google Books: volumes by ``isbn:`` and by ``intitle:``/``inauthor:`` search.

- ``GET {base}/volumes?q=isbn:{isbn13}``
- ``GET {base}/volumes?q=intitle:"…"+inauthor:…&maxResults=10&printType=books``

Each volume's ``volumeInfo`` maps to CSL-JSON; the candidate's ``url`` is its
``canonicalVolumeLink`` (or ``infoLink``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from checkers.providers import BOOK, ISBN, Candidate, Query, clean, issued, split_name, title_with_subtitle, year_of
from checkers.providers.base import Provider, Reply, UnexpectedRecord, obj, objs, text, texts, whole

NAME = "googlebooks"
VOLUMES_URL = "{base}/volumes?{params}"
MAX_RESULTS = 10


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


def read_volumes(reply: Reply) -> list[Candidate]:
    total = whole(reply.data, "totalItems")
    if total is None or total < 0:
        raise UnexpectedRecord("an answer without totalItems")
    if total == 0:  # the documented "no results"
        return []
    if not objs(reply.data, "items"):
        raise UnexpectedRecord(f"totalItems {total} but no items")
    return [volume_to_candidate(v) for v in select(reply.data)]


def select(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Volumes with a title (``items`` is absent when nothing matched)."""
    return [v for v in objs(data, "items") if text(obj(v, "volumeInfo"), "title")][:MAX_RESULTS]


def volume_to_csl(info: dict[str, Any]) -> dict[str, Any]:
    identifiers = objs(info, "industryIdentifiers")
    isbns = [i for kind in ("ISBN_13", "ISBN_10") for i in
             (text(ident, "identifier") for ident in identifiers if text(ident, "type") == kind) if i]
    return clean({
        "type": "book",
        "title": title_with_subtitle(text(info, "title"), text(info, "subtitle")),
        "author": [split_name(n) for n in texts(info, "authors")],
        "publisher": text(info, "publisher"),
        "issued": issued(year_of(text(info, "publishedDate"))),
        "number-of-pages": whole(info, "pageCount") or None,
        "language": text(info, "language"),
        "ISBN": isbns,
    })


def volume_to_candidate(volume: dict[str, Any]) -> Candidate:
    info = obj(volume, "volumeInfo")
    url = text(info, "canonicalVolumeLink") or text(info, "infoLink")
    return Candidate(NAME, text(volume, "id"), url, volume_to_csl(info))


class GoogleBooks(Provider):
    name = NAME
    routes = {ISBN: (volumes_url, read_volumes), BOOK: (volumes_url, read_volumes)}

    def supports(self, query: Query) -> bool:
        return query.kind == ISBN or (query.kind == BOOK and bool(query.title))


PROVIDER = GoogleBooks()
supports = PROVIDER.supports
lookup = PROVIDER.lookup
