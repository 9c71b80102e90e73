"""Catalogue providers: one module per service, each turning a :class:`Query` into candidates.

Every provider module has the same shape (after isbnlib's ``_openl.py``): URL templates, then
a reader per kind of query (``select``: the records worth looking at; ``…_to_csl``: a record
mapped to CSL-JSON), then a :class:`checkers.providers.base.Provider` subclass that names the
service and routes each query kind to its URL and reader. The base does what all share: the
HTTP call through :class:`checkers.http.HttpClient`, the 404 that is (or is not) a documented
"no such record", and turning :class:`~checkers.providers.base.UnexpectedRecord` (raised by
the readers for a record without the documented shape) into "unexpected answer from
SERVICE". The module's public entry points stay ``lookup(client, settings, query) ->
list[Candidate]`` and ``supports(query)`` (whether the service can answer that query at all).

Providers never decide whether a citation is right: they return what the catalogue holds;
:mod:`checkers.match` compares and :mod:`checkers.verify` gives the verdict.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

#: Provider name → module (inside this package), in the order they are asked.
PROVIDER_MODULES = {
    "openlibrary": "openlibrary",
    "googlebooks": "googlebooks",
    "dnb": "dnb",
    "crossref": "crossref",
    "wayback": "wayback",
}
#: Names shown to users.
SERVICE_NAMES = {
    "openlibrary": "Open Library",
    "googlebooks": "Google Books",
    "dnb": "Deutsche Nationalbibliothek",
    "crossref": "Crossref",
    "wayback": "Wayback Machine",
}

ISBN, DOI, BOOK, ARTICLE, WEB = "isbn", "doi", "book", "article", "web"


@dataclass(frozen=True)
class Query:
    """One look-up, hashable so identical look-ups are made once.

    ``kind`` is ``isbn`` (``isbn`` set, compact ISBN-13), ``doi``, ``book`` (title, authors,
    year…), ``article`` (articles and chapters: ``container`` set) or ``web`` (``url`` and
    ``accessed`` as ``YYYYMMDD``). ``authors`` are family names as cited; ``german`` marks
    German-language books (the DNB is asked about those).
    """

    kind: str
    isbn: str | None = None
    doi: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    container: str | None = None
    publisher: str | None = None
    url: str | None = None
    accessed: str | None = None
    german: bool = False

    def describe(self) -> str:
        """A short human description: ``isbn 9780300082425``, ``book "Title" by Weber 2001``."""
        if self.kind == ISBN:
            return f"isbn {self.isbn}"
        if self.kind == DOI:
            return f"doi {self.doi}"
        if self.kind == WEB:
            return f"web {self.url}" + (f" near {self.accessed}" if self.accessed else "")
        bits = [self.kind, f'"{self.title}"' if self.title else ""]
        if self.authors:
            bits.append("by " + ", ".join(self.authors))
        if self.container:
            bits.append(f'in "{self.container}"')
        if self.year:
            bits.append(str(self.year))
        return " ".join(b for b in bits if b)


@dataclass
class Candidate:
    """A record a catalogue returned, mapped to CSL-JSON.

    ``id`` is the service's identifier (Open Library key, Google volume id, DOI, DNB id,
    Wayback timestamp), ``url`` a page a person can open. ``variants`` holds fields for which
    the record lists several values (a work's edition years, publishers, places), so a cited
    edition can be matched against any of them.
    """

    service: str
    id: str | None
    url: str | None
    csl: dict[str, Any]
    variants: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def isbns(self) -> list[str]:
        values = self.csl.get("ISBN") or []
        return [values] if isinstance(values, str) else list(values)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"service": self.service, "id": self.id, "url": self.url, "csl": self.csl}
        if self.variants:
            data["variants"] = self.variants
        return data


def provider(name: str) -> ModuleType:
    """The module of provider ``name`` (imported on first use, then kept: it is asked for
    several times per look-up)."""
    module = _LOADED.get(name)
    if module is None:
        module = _LOADED[name] = importlib.import_module(f"checkers.providers.{PROVIDER_MODULES[name]}")
    return module


_LOADED: dict[str, ModuleType] = {}


# -- helpers shared by the mappers --------------------------------------------------------

_PARTICLES = {"von", "van", "de", "der", "den", "da", "di", "du", "le", "la", "del", "della", "ten", "ter", "zu"}
_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")


def split_name(name: str) -> dict[str, str]:
    """A personal name as catalogues write it → CSL ``{"family", "given"}``.

    ``"Weber, Hermann"`` and ``"Hermann Weber"`` both give family ``Weber``; lower-case
    particles join the family name (``"Walter de Gruyter"`` → ``de Gruyter``); dates and
    role terms after a comma (``"Weber, Hermann, 1928-2014"``) are dropped.
    """
    name = re.sub(r"\s+", " ", str(name or "").strip().strip(",;/.").strip())
    if not name:
        return {"literal": ""}
    if "," in name:
        family, _, rest = name.partition(",")
        given = rest.split(",")[0].strip()
        if given and not _YEAR.search(given):
            return {"family": family.strip(), "given": given}
        return {"family": family.strip()}
    words = name.split(" ")
    if len(words) == 1:
        return {"family": words[0]}
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES and words[cut - 1][0].islower():
        cut -= 1
    return {"family": " ".join(words[cut:]), "given": " ".join(words[:cut])}


def year_of(value: Any) -> int | None:
    """The first plausible year in a free-text date (``"July 28, 2008"`` → 2008)."""
    if isinstance(value, int):
        return value
    match = _YEAR.search(str(value or ""))
    return int(match.group(1)) if match else None


def issued(year: int | None) -> dict[str, Any] | None:
    return {"date-parts": [[year]]} if year else None


def title_with_subtitle(title: Any, subtitle: Any) -> str | None:
    """``Title: Subtitle`` without the ISBD punctuation catalogues leave at the ends."""
    title = str(title or "").strip().rstrip(" /:;").strip()
    subtitle = str(subtitle or "").strip().rstrip(" /:;").strip()
    if title and subtitle:
        return f"{title}: {subtitle}"
    return title or subtitle or None


def clean(csl: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields from a CSL item."""
    return {k: v for k, v in csl.items() if v not in (None, "", [], {})}
