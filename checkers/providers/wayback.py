"""Wayback Machine availability: the archived snapshot closest to a web source's access date.

``GET {base}?url={url}&timestamp={YYYYMMDD}`` answers with at most one ``closest`` snapshot;
``{"archived_snapshots": {}}`` when the page was never archived. A snapshot whose capture
status is not 200 (a redirect, an error page) is not taken as the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from checkers.providers import WEB, Candidate, Query, clean
from checkers.providers.base import Provider, Reply, UnexpectedRecord, obj, text

NAME = "wayback"
AVAILABLE_URL = "{base}?{params}"


def available_url(base: str, query: Query) -> str:
    params = {"url": query.url}
    if query.accessed:
        params["timestamp"] = query.accessed
    return AVAILABLE_URL.format(base=base, params=urlencode(params))


def read_snapshot(reply: Reply) -> list[Candidate]:
    if not isinstance(reply.data, dict) or not isinstance(reply.data.get("archived_snapshots"), dict):
        raise UnexpectedRecord("an answer without archived_snapshots")
    snapshot = select(reply.data)  # {"archived_snapshots": {}}: the documented "never archived"
    return [snapshot_to_candidate(snapshot, reply.query)] if snapshot else []


def select(data: dict[str, Any]) -> dict[str, Any] | None:
    closest = obj(obj(data, "archived_snapshots"), "closest")
    if closest.get("available") and str(closest.get("status", "200")) == "200" and text(closest, "url"):
        return closest
    return None


def snapshot_to_candidate(snapshot: dict[str, Any], query: Query) -> Candidate:
    stamp = str(snapshot.get("timestamp") or "")
    digits = len(stamp) >= 8 and stamp[:8].isascii() and stamp[:8].isdigit()
    date = [int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])] if digits else []
    csl = clean({"type": "webpage", "URL": query.url, "archive": "Internet Archive Wayback Machine",
                 "archive_location": text(snapshot, "url"), "issued": {"date-parts": [date]} if date else None})
    return Candidate(NAME, stamp or None, text(snapshot, "url"), csl)


class Wayback(Provider):
    name = NAME
    routes = {WEB: (available_url, read_snapshot)}

    def supports(self, query: Query) -> bool:
        return query.kind == WEB and bool(query.url)


PROVIDER = Wayback()
supports = PROVIDER.supports
lookup = PROVIDER.lookup
