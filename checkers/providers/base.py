"""What every catalogue provider does the same way, and the checked reading of its records.

:class:`Provider` holds the boilerplate the services share: which kinds of query a service
answers, its base URL from the settings, the GET through the one HTTP client, a 404 that is
either the documented "no such record" or an odd answer, and the one rule that keeps our own
bugs visible: only :class:`UnexpectedRecord` becomes "unexpected answer from SERVICE (…)"
(never cached, never a "not found"). A mapper that meets a record without the shape its service
documents raises :class:`UnexpectedRecord` itself, mostly through the readers below
(:func:`text`, :func:`texts`, :func:`obj`, :func:`objs`, :func:`whole`); any other exception
in a provider is a bug in sourcecheck and reaches the caller as it is.

A subclass names the service (``name``) and, per kind of query it answers, the URL to ask and
the reader of the answer (``routes``); it may narrow :meth:`Provider.supports`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from checkers.config import Settings
from checkers.http import HttpClient
from checkers.providers import Candidate, Query


class UnexpectedRecord(Exception):
    """An answer or record without the shape its service documents; ``detail`` says what is
    missing or odd (it ends up in "unexpected answer from SERVICE (detail)")."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Reply:
    """A service's answer to one query: HTTP status and body (decoded JSON, or bytes for a
    provider with ``body = "bytes"``), with the client and base URL for follow-up requests."""

    status: int
    data: Any
    query: Query
    client: HttpClient
    base: str
    url: str


class Provider:
    """One catalogue service; see the module docstring for what a subclass supplies."""

    #: The provider's name in the settings (``openlibrary``); ``SERVICE_NAMES`` has its label.
    name: ClassVar[str]
    #: Per query kind it answers (``ISBN``, ``BOOK`` …): the URL of a query (from the base URL)
    #: and the reader of the answer, which returns the candidates or raises UnexpectedRecord.
    routes: ClassVar[dict[str, tuple[Callable[[str, Query], str], Callable[[Reply], list[Candidate]]]]]
    #: Query kinds for which a 404 is the service's documented "no such record" (no candidate);
    #: for the others a 404 is an unexpected answer.
    absent_on_404: ClassVar[frozenset[str]] = frozenset()
    #: ``json`` (decoded with :meth:`HttpClient.get_json`) or ``bytes`` (the raw body).
    body: ClassVar[str] = "json"
    #: Extra request headers (the ``Accept`` of an XML service).
    headers: ClassVar[dict[str, str] | None] = None

    def supports(self, query: Query) -> bool:
        """Whether the service can answer ``query`` at all (checked before any request)."""
        return query.kind in self.routes

    def lookup(self, client: HttpClient, settings: Settings, query: Query) -> list[Candidate]:
        """The candidates the service holds for ``query`` (``[]`` if it cannot answer it)."""
        if not self.supports(query):
            return []
        base = settings.base_url(self.name)
        make_url, read = self.routes[query.kind]
        url = make_url(base, query)
        if self.body == "json":
            status, data = client.get_json(url, headers=self.headers)
        else:
            status, data = client.get_bytes(url, headers=self.headers)
        try:
            if status == 404:
                if query.kind in self.absent_on_404:
                    return []
                raise UnexpectedRecord("HTTP 404")
            return read(Reply(status, data, query, client, base, url))
        except UnexpectedRecord as exc:
            raise client.unexpected(url, exc.detail) from None


# -- reading records without trusting their shape ----------------------------------------------

def obj(record: Any, key: str | None = None) -> dict[str, Any]:
    """``record[key]`` (or ``record`` itself) as a JSON object; absent or null → ``{}``."""
    value = record if key is None else _field(record, key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise UnexpectedRecord(f"{key or 'a record'} is no object")
    return value


def objs(record: Any, key: str) -> list[dict[str, Any]]:
    """``record[key]`` as a list of objects; absent or null → ``[]``."""
    value = _field(record, key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise UnexpectedRecord(f"{key} is no list of objects")
    return value


def text(record: Any, key: str) -> str | None:
    """``record[key]`` as a string; absent or null → ``None``."""
    value = _field(record, key)
    if value is None or isinstance(value, str):
        return value
    raise UnexpectedRecord(f"{key} is no string")


def texts(record: Any, key: str) -> list[str]:
    """``record[key]`` as a list of strings (null entries left out); absent or null → ``[]``."""
    value = _field(record, key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(v is None or isinstance(v, str) for v in value):
        raise UnexpectedRecord(f"{key} is no list of strings")
    return [v for v in value if v is not None]


def whole(record: Any, key: str) -> int | None:
    """``record[key]`` as a whole number (not a boolean); absent or null → ``None``."""
    value = _field(record, key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise UnexpectedRecord(f"{key} is no whole number")
    return value


def _field(record: Any, key: str) -> Any:
    if not isinstance(record, dict):
        raise UnexpectedRecord(f"a record that is no object (looking for {key})")
    return record.get(key)
