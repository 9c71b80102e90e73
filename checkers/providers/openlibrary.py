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

from checkers.http import HttpClient, LookupFailed, NetworkDown
from checkers.providers import BOOK, ISBN, Candidate, Query, clean, issued, split_name, title_with_subtitle, year_of
from checkers.providers.base import Provider, Reply, UnexpectedRecord, obj, objs, text, texts, whole

NAME = "openlibrary"
EDITION_URL = "{base}/isbn/{isbn}.json"
AUTHOR_URL = "{base}{key}.json"
SEARCH_URL = "{base}/search.json?{params}"
SEARCH_FIELDS = (
    "key,title,subtitle,author_name,first_publish_year,publish_year,publisher,"
    "publish_place,isbn,edition_count,language"
)
MAX_RESULTS = 10


def edition_url(base: str, query: Query) -> str:
    return EDITION_URL.format(base=base, isbn=quote(query.isbn or ""))


def read_edition(reply: Reply) -> list[Candidate]:
    edition = reply.data
    if not isinstance(edition, dict) or not (text(edition, "title") or "").strip():
        raise UnexpectedRecord("an edition record without a title")
    names = author_names(reply.client, reply.base, edition)
    return [edition_to_candidate(edition, names, reply.base)]


def author_names(client: HttpClient, base: str, edition: dict[str, Any]) -> list[str]:
    """The edition's author names, from the author records or else its ``by_statement``."""
    names: list[str] = []
    refs = edition.get("authors") or []
    if not isinstance(refs, list):
        raise UnexpectedRecord("authors is no list")
    for ref in refs:
        key = ref.get("key") if isinstance(ref, dict) else None
        if not isinstance(key, str) or not key:
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
    statement = text(edition, "by_statement")
    if not names and statement:
        statement = statement.strip().rstrip(".")
        for sep in (" and ", " & ", ";"):
            statement = statement.replace(sep, ",")
        names = [n.strip() for n in statement.split(",") if n.strip()]
        names = [n for n in names if not n.lower().startswith(("with ", "ed", "trans"))]
    return names


def edition_to_csl(edition: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """An Open Library edition record (plus its author names) → CSL-JSON."""
    isbns = texts(edition, "isbn_13") + texts(edition, "isbn_10")
    return clean({
        "type": "book",
        "title": title_with_subtitle(text(edition, "title"), text(edition, "subtitle")),
        "author": [split_name(n) for n in names],
        "publisher": next(iter(texts(edition, "publishers")), None),
        "publisher-place": next(iter(texts(edition, "publish_places")), None),
        "issued": issued(year_of(text(edition, "publish_date"))),
        "number-of-pages": whole(edition, "number_of_pages"),
        "ISBN": isbns,
    })


def edition_to_candidate(edition: dict[str, Any], names: list[str], base: str) -> Candidate:
    key = text(edition, "key")
    return Candidate(NAME, key, f"{base}{key}" if key else None, edition_to_csl(edition, names))


def search_url(base: str, query: Query) -> str:
    params: dict[str, Any] = {"title": query.title}
    if query.authors:
        params["author"] = query.authors[0]
    params["fields"] = SEARCH_FIELDS
    params["limit"] = MAX_RESULTS
    return SEARCH_URL.format(base=base, params=urlencode(params))


def read_search(reply: Reply) -> list[Candidate]:
    data = reply.data
    found = found_count(data)
    if found is None or not isinstance(data.get("docs"), list):
        raise UnexpectedRecord("a search answer without numFound and docs")
    if found == 0:  # the documented "no results"
        return []
    if not data["docs"]:
        raise UnexpectedRecord(f"numFound {found} but no docs")
    return [doc_to_candidate(doc, reply.base) for doc in select(data)]


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
    return [d for d in objs(data, "docs") if d.get("title")][:MAX_RESULTS]


def doc_to_candidate(doc: dict[str, Any], base: str) -> Candidate:
    """A search document (a work with its editions) → a candidate with edition variants."""
    doc = obj(doc)
    years_listed = doc.get("publish_year") or []
    if not isinstance(years_listed, list):
        raise UnexpectedRecord("publish_year is no list")
    years = sorted({y for y in years_listed if isinstance(y, int) and not isinstance(y, bool)})
    first = whole(doc, "first_publish_year") or (years[0] if years else None)
    publishers, places = texts(doc, "publisher"), texts(doc, "publish_place")
    csl = clean({
        "type": "book",
        "title": title_with_subtitle(text(doc, "title"), text(doc, "subtitle")),
        "author": [split_name(n) for n in texts(doc, "author_name")],
        "publisher": next(iter(publishers), None),
        "publisher-place": next(iter(places), None),
        "issued": issued(first),
        "ISBN": texts(doc, "isbn")[:20],
    })
    variants = clean({"year": years, "publisher": publishers, "publisher-place": places})
    key = text(doc, "key")
    if key is not None and re.fullmatch(r"OL\d+W", key):  # 2013-era documents: bare work ids
        key = f"/works/{key}"
    url = f"{base}{key}" if key is not None and key.startswith("/") else None
    return Candidate(NAME, key, url, csl, variants)


class OpenLibrary(Provider):
    """An edition by ISBN (a 404 is the documented "no such ISBN"), works by a search."""

    name = NAME
    routes = {ISBN: (edition_url, read_edition), BOOK: (search_url, read_search)}
    absent_on_404 = frozenset({ISBN})

    def supports(self, query: Query) -> bool:
        return query.kind == ISBN or (query.kind == BOOK and bool(query.title))


PROVIDER = OpenLibrary()
supports = PROVIDER.supports
lookup = PROVIDER.lookup
