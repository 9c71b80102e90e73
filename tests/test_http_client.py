"""The HTTP client: cache, refresh, offline, timeouts, retries, Retry-After, politeness, breaker.

Every test talks to a real local server (pytest-httpserver on 127.0.0.1) or to a closed port.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from checkers.config import Settings
from checkers.http import (
    BadResponse,
    HostPolicy,
    HttpClient,
    NetworkDown,
    TimedOut,
    NotCached,
    RateLimiter,
    ServiceError,
    retry_after_seconds,
    user_agent,
)
from sourcecheck import __version__
from tests.lookup_replay import closed_port, drop, raw_server


class Sleeps:
    """A stand-in for ``time.sleep`` that records the waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def client_for(tmp_path: Path, sleep=None, **settings) -> HttpClient:  # type: ignore[no-untyped-def]
    options = {"cache_dir": tmp_path / "cache", "retries": 2, "timeout": 2.0, **settings}
    return HttpClient(Settings(**options), backoff=0.01, sleep=sleep or time.sleep)


def test_second_request_is_answered_from_the_cache(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/thing").respond_with_json({"n": 1})
    client = client_for(tmp_path)
    url = httpserver.url_for("/thing")
    assert client.get_json(url) == (200, {"n": 1})
    assert client.get_json(url) == (200, {"n": 1})
    assert len(httpserver.log) == 1
    assert client.stats.requests == 1 and client.stats.from_cache == 1


def test_the_cache_persists_across_clients(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/thing").respond_with_json({"n": 1})
    url = httpserver.url_for("/thing")
    with client_for(tmp_path) as first:
        first.get_json(url)
    with client_for(tmp_path) as second:
        assert second.get_json(url) == (200, {"n": 1})
    assert len(httpserver.log) == 1


def test_refresh_asks_again_and_updates_the_cache(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/thing").respond_with_json({"n": 1})
    httpserver.expect_ordered_request("/thing").respond_with_json({"n": 2})
    url = httpserver.url_for("/thing")
    client_for(tmp_path).get_json(url)
    assert client_for(tmp_path, refresh=True).get_json(url) == (200, {"n": 2})
    assert client_for(tmp_path).get_json(url) == (200, {"n": 2})
    assert len(httpserver.log) == 2


def test_offline_answers_from_the_cache(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/thing").respond_with_json({"n": 1})
    url = httpserver.url_for("/thing")
    client_for(tmp_path).get_json(url)
    assert client_for(tmp_path, offline=True).get_json(url) == (200, {"n": 1})
    assert len(httpserver.log) == 1


def test_offline_never_opens_a_socket(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/cached").respond_with_json({})
    client_for(tmp_path).get_json(httpserver.url_for("/cached"))
    offline = client_for(tmp_path, offline=True)
    with pytest.raises(NotCached, match="offline"):
        offline.get(httpserver.url_for("/not-cached"))
    assert [entry[0].path for entry in httpserver.log] == ["/cached"]


def test_offline_without_a_cache_creates_nothing(tmp_path: Path) -> None:
    client = client_for(tmp_path, offline=True)
    with pytest.raises(NotCached):
        client.get(f"http://127.0.0.1:{closed_port()}/x")
    assert not (tmp_path / "cache").exists()


def test_404_is_an_answer_and_is_cached(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/missing").respond_with_data("Resource not found.", status=404, content_type="text/plain")
    client = client_for(tmp_path)
    url = httpserver.url_for("/missing")
    assert client.get_json(url) == (404, None)
    assert client.get_json(url) == (404, None)
    assert len(httpserver.log) == 1


def test_user_agent_names_the_version_and_the_contact_address(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/ua", headers={"User-Agent": f"sourcecheck/{__version__} (mailto:ed@example.org)"}).respond_with_json({})
    assert client_for(tmp_path, mailto="ed@example.org").get_json(httpserver.url_for("/ua"))[0] == 200
    assert user_agent(None) == f"sourcecheck/{__version__}"


def test_429_waits_as_long_as_retry_after_says(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/limited").respond_with_data("slow down", status=429, headers={"Retry-After": "7"})
    httpserver.expect_ordered_request("/limited").respond_with_json({"ok": True})
    sleeps = Sleeps()
    client = client_for(tmp_path, sleep=sleeps)
    assert client.get_json(httpserver.url_for("/limited")) == (200, {"ok": True})
    assert 7.0 in sleeps.waits
    assert client.stats.retries == 1


def test_5xx_is_retried_with_growing_back_off(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/flaky").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/flaky").respond_with_data("oops", status=503)
    httpserver.expect_ordered_request("/flaky").respond_with_json({"ok": True})
    sleeps = Sleeps()
    assert client_for(tmp_path, sleep=sleeps).get_json(httpserver.url_for("/flaky")) == (200, {"ok": True})
    assert sleeps.waits == [0.01, 0.02]


def test_persistent_5xx_gives_up_after_the_retries(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/down").respond_with_data("oops", status=500)
    with pytest.raises(ServiceError, match="server error 500"):
        client_for(tmp_path, sleep=Sleeps()).get(httpserver.url_for("/down"))
    assert len(httpserver.log) == 3  # one try and two retries


def test_a_retry_after_beyond_a_minute_gives_up_at_once(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/banned").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(ServiceError, match="rate-limited"):
        client_for(tmp_path, sleep=Sleeps()).get(httpserver.url_for("/banned"))
    assert len(httpserver.log) == 1


def test_truncated_json_is_a_bad_response_and_is_not_kept(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/cut").respond_with_data('{"docs": [{"title": "Capit', content_type="application/json")
    httpserver.expect_ordered_request("/cut").respond_with_json({"docs": []})
    client = client_for(tmp_path)
    with pytest.raises(BadResponse, match="unreadable JSON"):
        client.get_json(httpserver.url_for("/cut"))
    assert client.get_json(httpserver.url_for("/cut")) == (200, {"docs": []})


def test_a_slow_answer_times_out_and_counts_as_network_trouble(httpserver: HTTPServer, tmp_path: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    client = client_for(tmp_path, timeout=0.2, retries=0)
    started = time.monotonic()
    with pytest.raises(TimedOut, match=r"^[\w.]+:\d+ did not answer within 0\.2 s$"):
        client.get(httpserver.url_for("/slow"))
    assert time.monotonic() - started < 1.0


def test_a_refused_port_trips_the_breaker_instead_of_a_retry_storm(tmp_path: Path) -> None:
    sleeps = Sleeps()
    client = client_for(tmp_path, sleep=sleeps, retries=3)
    base = f"http://127.0.0.1:{closed_port()}"
    for i in range(10):
        with pytest.raises(NetworkDown, match="connection refused"):
            client.get(f"{base}/item/{i}")
    # a refused connection takes the host down at once; the other nine fail without a connection
    assert client.stats.requests == 1
    assert client.host_down(base + "/x")
    assert sleeps.waits == []


def test_a_connection_dropped_mid_answer_is_retried_before_giving_up(tmp_path: Path) -> None:
    listener, accepted = raw_server(drop)  # no answer at all: "connection aborted"
    sleeps = Sleeps()
    client = client_for(tmp_path, sleep=sleeps, retries=3)
    try:
        with pytest.raises(NetworkDown):
            client.get(f"http://127.0.0.1:{listener.getsockname()[1]}/x")
    finally:
        listener.close()
    assert len(accepted) == 3  # BREAKER_THRESHOLD tries, with back-off between them
    assert sleeps.waits == [0.01, 0.02]


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param("120", 120.0, id="delta-seconds"),
        pytest.param("Wed, 21 Oct 2015 07:28:30 GMT", 30.0, id="http-date"),
        pytest.param("soon", None, id="garbage"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_retry_after_values(header: str | None, seconds: float | None) -> None:
    now = 1445412480.0  # 2015-10-21 07:28:00 UTC
    assert retry_after_seconds(header, now=now) == seconds


def test_rate_limiter_spaces_requests() -> None:
    clock = [100.0]
    waits: list[float] = []

    def sleep(s: float) -> None:
        waits.append(s)

    limiter = RateLimiter(4.0, clock=lambda: clock[0], sleep=sleep)
    for _ in range(4):
        limiter.acquire()
    assert waits == pytest.approx([0.25, 0.5, 0.75])
    limiter.slow_down(1.0)
    assert limiter.rate == 1.0
    limiter.slow_down(10.0)
    assert limiter.rate == 1.0


def test_rate_limit_per_host_in_real_time(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/r").respond_with_json({})
    client = HttpClient(Settings(cache_dir=tmp_path / "c", refresh=True), policies={"localhost": HostPolicy(20.0, 4)})
    started = time.monotonic()
    for i in range(6):
        client.get(httpserver.url_for(f"/r?i={i}"))
    assert time.monotonic() - started >= 5 / 20.0 * 0.9


def test_concurrency_per_host_is_limited(tmp_path: Path) -> None:
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def handler(request: Request) -> Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.05)
        with lock:
            in_flight -= 1
        return Response("{}", content_type="application/json")

    server = HTTPServer(threaded=True)
    server.expect_request("/c").respond_with_handler(handler)
    server.start()
    try:
        client = HttpClient(Settings(cache_dir=tmp_path / "c"), policies={"localhost": HostPolicy(None, 2)})
        threads = [threading.Thread(target=client.get, args=(server.url_for(f"/c?i={i}"),)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.clear()
        server.stop()
    assert peak == 2


def test_published_politeness_rules_apply_to_the_real_hosts(tmp_path: Path) -> None:
    client = client_for(tmp_path)
    assert client.policy_for("openlibrary.org").rate == 3.0
    assert client.policy_for("api.crossref.org").concurrency == 1  # no mailto: public pool
    assert client_for(tmp_path, mailto="a@b.org").policy_for("api.crossref.org").concurrency == 3
    assert client.policy_for("127.0.0.1").rate is None


def _expired_entry(tmp_path: Path, url: str) -> None:
    """Put an already expired answer for ``url`` in the cache, as an old run would have left it."""
    client = client_for(tmp_path)
    session = client.session
    assert session is not None
    session.get(url, expire_after=1)
    client.close()
    time.sleep(1.1)


@pytest.mark.parametrize("rate", [None, 100.0], ids=["no-rate-limit", "rate-limited"])
def test_an_expired_answer_is_asked_again(httpserver: HTTPServer, tmp_path: Path, rate: float | None) -> None:
    httpserver.expect_ordered_request("/old").respond_with_json({"v": 1})
    httpserver.expect_ordered_request("/old").respond_with_json({"v": 2})
    url = httpserver.url_for("/old")
    _expired_entry(tmp_path, url)
    client = HttpClient(Settings(cache_dir=tmp_path / "cache"), policies={"localhost": HostPolicy(rate, 2)})
    assert client.get_json(url) == (200, {"v": 2})
    assert len(httpserver.log) == 2


def test_an_expired_answer_is_used_when_the_service_fails_or_offline(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/old").respond_with_json({"v": 1})
    httpserver.expect_request("/old").respond_with_data("down", status=503)
    url = httpserver.url_for("/old")
    _expired_entry(tmp_path, url)
    assert client_for(tmp_path, sleep=Sleeps()).get_json(url) == (200, {"v": 1})
    assert client_for(tmp_path, offline=True).get_json(url) == (200, {"v": 1})
