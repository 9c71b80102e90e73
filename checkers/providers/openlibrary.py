"""Open Library: an edition by ISBN, or works by title + author (+ year) with their ISBNs.

- ``GET {base}/isbn/{isbn13}.json`` — the edition record (served by redirecting to
  ``/books/OL…M.json``); authors are keys, resolved with ``GET {base}/authors/OL…A.json``
  (falling back to the edition's ``by_statement`` when an author record cannot be read).
- ``GET {base}/search.json?title=…&author=…&fields=…&limit=10`` — works, each with every
  edition's years, publishers, places and ISBNs (kept as ``Candidate.variants``).

Politeness: 180 API requests a minute per IP and a User-Agent with a contact address (see
:data:`checkers.http.HOST_POLICIES`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from checkers.config import Settings
from checkers.http import HttpClient, LookupFailed, NetworkDown
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

NAME = "openlibrary"
EDITION_URL = "{base}/isbn/{isbn}.json"
AUTHOR_URL = "{base}{key}.json"
SEARCH_URL = "{base}/search.json?{params}"
SEARCH_FIELDS = (
    "key,title,subtitle,author_name,first_publish_year,publish_year,publisher,"
    "publish_place,isbn,edition_count,language"
)
MAX_RESULTS = 10


def supports(query: Query) -> bool:
    return query.kind == ISBN or (query.kind == BOOK and bool(query.title))


def lookup(client: HttpClient, settings: Settings, query: Query) -> list[Candidate]:
    """Candidates for ``query``: the edition for an ISBN, the best works for a search."""
    base = settings.base_url(NAME)
    if query.kind == ISBN:
        return query_isbn(client, base, query.isbn or "")
    if query.kind == BOOK:
        return query_search(client, base, query)
    return []


def query_isbn(client: HttpClient, base: str, isbn: str) -> list[Candidate]:
    url = EDITION_URL.format(base=base, isbn=quote(isbn))
    status, edition = client.get_json(url)
    if status == 404:  # the documented "no such ISBN"
        return []
    if not isinstance(edition, dict) or not isinstance(edition.get("title"), str) or not edition["title"].strip():
        raise client.unexpected(url, "an edition record without a title")
    names = author_names(client, base, edition)
    return [edition_to_candidate(edition, names, base)]


def author_names(client: HttpClient, base: str, edition: dict[str, Any]) -> list[str]:
    """The edition's author names, from the author records or else its ``by_statement``."""
    names: list[str] = []
    for ref in edition.get("authors") or []:
        key = ref.get("key") if isinstance(ref, dict) else None
        if not key:
            continue
        url = AUTHOR_URL.format(base=base, key=key)
        try:
            status, author = client.get_json(url)
        except NetworkDown:
            raise
        except LookupFailed:
            continue
        if status == 200 and isinstance(author, dict) and isinstance(author.get("name"), str) and author["name"]:
            names.append(author["name"])
        elif status != 404:
            client.forget(url)  # not an author record: not kept, the by_statement is used instead
    if not names and edition.get("by_statement"):
        statement = str(edition["by_statement"]).strip().rstrip(".")
        for sep in (" and ", " & ", ";"):
            statement = statement.replace(sep, ",")
        names = [n.strip() for n in statement.split(",") if n.strip()]
        names = [n for n in names if not n.lower().startswith(("with ", "ed", "trans"))]
    return names


def edition_to_csl(edition: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """An Open Library edition record (plus its author names) → CSL-JSON."""
    isbns = list(edition.get("isbn_13") or []) + list(edition.get("isbn_10") or [])
    return clean({
        "type": "book",
        "title": title_with_subtitle(edition.get("title"), edition.get("subtitle")),
        "author": [split_name(n) for n in names],
        "publisher": (edition.get("publishers") or [None])[0],
        "publisher-place": (edition.get("publish_places") or [None])[0],
        "issued": issued(year_of(edition.get("publish_date"))),
        "number-of-pages": edition.get("number_of_pages"),
        "ISBN": isbns,
    })


def edition_to_candidate(edition: dict[str, Any], names: list[str], base: str) -> Candidate:
    key = edition.get("key")
    return Candidate(NAME, key, f"{base}{key}" if key else None, edition_to_csl(edition, names))


def search_url(base: str, query: Query) -> str:
    params: dict[str, Any] = {"title": query.title}
    if query.authors:
        params["author"] = query.authors[0]
    params["fields"] = SEARCH_FIELDS
    params["limit"] = MAX_RESULTS
    return SEARCH_URL.format(base=base, params=urlencode(params))


def query_search(client: HttpClient, base: str, query: Query) -> list[Candidate]:
    url = search_url(base, query)
    status, data = client.get_json(url)
    if status == 404:
        raise client.unexpected(url, "HTTP 404 from the search API")
    found = found_count(data)
    if found is None or not isinstance(data.get("docs"), list):
        raise client.unexpected(url, "a search answer without numFound and docs")
    if found == 0:  # the documented "no results"
        return []
    if not data["docs"]:
        raise client.unexpected(url, f"numFound {found} but no docs")
    return [doc_to_candidate(doc, base) for doc in select(data)]


def found_count(data: Any) -> int | None:
    """``numFound`` (or ``num_found``) of a search answer; ``None`` when it has neither."""
    if not isinstance(data, dict):
        return None
    for key in ("numFound", "num_found"):
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    return None


def select(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The work documents worth comparing: those with a title, at most :data:`MAX_RESULTS`."""
    docs = data.get("docs") or []
    return [d for d in docs if isinstance(d, dict) and d.get("title")][:MAX_RESULTS]


def doc_to_candidate(doc: dict[str, Any], base: str) -> Candidate:
    """A search document (a work with its editions) → a candidate with edition variants."""
    years = sorted({y for y in doc.get("publish_year") or [] if isinstance(y, int)})
    first = doc.get("first_publish_year") or (years[0] if years else None)
    csl = clean({
        "type": "book",
        "title": title_with_subtitle(doc.get("title"), doc.get("subtitle")),
        "author": [split_name(n) for n in doc.get("author_name") or []],
        "publisher": (doc.get("publisher") or [None])[0],
        "publisher-place": (doc.get("publish_place") or [None])[0],
        "issued": issued(first),
        "ISBN": list(doc.get("isbn") or [])[:20],
    })
    variants = clean({
        "year": years,
        "publisher": list(doc.get("publisher") or []),
        "publisher-place": list(doc.get("publish_place") or []),
    })
    key = doc.get("key")
    if isinstance(key, str) and re.fullmatch(r"OL\d+W", key):  # 2013-era documents: bare work ids
        key = f"/works/{key}"
    url = f"{base}{key}" if isinstance(key, str) and key.startswith("/") else None
    return Candidate(NAME, key, url, csl, variants)
