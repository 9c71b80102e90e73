"""Helpers for the look-up tests: recorded answers replayed by a real local HTTP server.

Each service lives under its own path prefix on one pytest-httpserver (``/openlibrary``,
``/googlebooks``…), so one server can stand in for all five, and :func:`settings_for` points
every provider's base URL at it. Nothing here touches the real internet.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Response

from checkers.config import PROVIDERS, Settings

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"

#: Paths on the replay server, one prefix per service.
PREFIX = {name: f"/{name}" for name in PROVIDERS}


def recorded(service: str, name: str) -> bytes:
    return (RECORDED / service / name).read_bytes()


def recorded_json(service: str, name: str) -> Any:
    return json.loads(recorded(service, name))


def closed_port() -> int:
    """A local TCP port with nothing listening (connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings_for(server: HTTPServer | str, cache_dir: Path, **overrides: Any) -> Settings:
    """Settings with every provider at ``server`` (or a base URL), a private cache, quick retries."""
    base = server.url_for("").rstrip("/") if isinstance(server, HTTPServer) else server.rstrip("/")
    settings = Settings(
        cache_dir=cache_dir,
        urls={name: base + PREFIX[name] for name in PROVIDERS},
        timeout=5.0,
        retries=2,
    )
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


def env_for(server: HTTPServer | str, cache_dir: Path) -> dict[str, str]:
    """The environment that points the CLI at ``server`` (``SOURCECHECK_<PROVIDER>_URL``)."""
    base = server.url_for("").rstrip("/") if isinstance(server, HTTPServer) else server.rstrip("/")
    env = {f"SOURCECHECK_{name.upper()}_URL": base + PREFIX[name] for name in PROVIDERS}
    env["SOURCECHECK_CACHE_DIR"] = str(cache_dir)
    return env


def json_response(service: str, name: str, status: int = 200) -> Response:
    return Response(recorded(service, name), status=status, content_type="application/json")


def serve_gatsby_edition(server: HTTPServer) -> None:
    """Open Library's answer for ISBN 9780743273565: a redirect to the edition record, whose
    author record is not recorded (404), so the edition's ``by_statement`` names the author."""
    ol = PREFIX["openlibrary"]
    server.expect_request(f"{ol}/isbn/9780743273565.json").respond_with_response(
        Response(status=302, headers={"Location": server.url_for(f"{ol}/books/OL23109860M.json")})
    )
    server.expect_request(f"{ol}/books/OL23109860M.json").respond_with_response(
        json_response("openlibrary", "books-OL23109860M-edition-great-gatsby-2013.json")
    )
    server.expect_request(f"{ol}/authors/OL27349A.json").respond_with_data(
        "Not Found", status=404, content_type="text/plain"
    )


def serve_capitalism_search(server: HTTPServer) -> None:
    """Open Library search answers with the recorded "capitalism and freedom" result list."""
    server.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_response(
        json_response("openlibrary", "search-q-capitalism-and-freedom-2013.json")
    )


def serve_not_found_elsewhere(server: HTTPServer) -> None:
    """Empty answers from the other services (Google Books: no items; DNB: no records)."""
    server.expect_request(f"{PREFIX['googlebooks']}/volumes").respond_with_json({"kind": "books#volumes", "totalItems": 0})
    server.expect_request(PREFIX["dnb"]).respond_with_data(
        recorded("dnb", "sru-CONSTRUCTED-no-records.xml"), content_type="application/xml"
    )
    server.expect_request(f"{PREFIX['crossref']}/works").respond_with_response(
        json_response("crossref", "works-query-adfaaf-no-results.json")
    )


def raw_server(on_connect: Callable[[socket.socket], None]) -> tuple[socket.socket, list[socket.socket]]:
    """A local TCP server that hands each connection to ``on_connect`` and never answers
    HTTP: the listener (close it to stop) and the connections accepted so far."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(conn)
            on_connect(conn)

    threading.Thread(target=serve, daemon=True).start()
    return listener, accepted


def drop(conn: socket.socket) -> None:
    """Read the request, then close without an answer ("connection aborted")."""
    conn.recv(1024)
    conn.close()
