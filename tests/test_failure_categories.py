"""Failure categories are fields, not text (issue 15, item 5).

The circuit breaker reads ``LookupFailed.permanent`` (worked out from the exception types of
requests, urllib3 and the socket layer), the offline verdict reads ``NotCached.no_usable_cache``,
and the ``LK`` finding codes read ``Verification.ambiguous`` / ``volume_only``. The tests below
give each decision a message that would have fooled the old text matching.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from checkers.config import Settings
from checkers.http import HttpClient, NetworkDown, NotCached, _corrupt
from checkers.result import PARTIAL, UNVERIFIABLE, Verification
from checkers.verify import _failure_reason, findings_for
from citations.model import Citation, Manuscript, Note
from citations.works import Work
from tests.lookup_replay import closed_port, drop, raw_server
from tests.test_http_client import Sleeps


def client_for(tmp_path: Path, sleep: Sleeps, **settings: object) -> HttpClient:
    options: dict[str, object] = {"cache_dir": tmp_path / "cache", "retries": 3, "timeout": 2.0, **settings}
    return HttpClient(Settings(**options), backoff=0.01, sleep=sleep)  # type: ignore[arg-type]


# -- the network: permanent or not, from the exception types ------------------------------------

def test_a_refused_connection_is_permanent_and_takes_the_host_down_at_once(tmp_path: Path) -> None:
    sleeps = Sleeps()
    client = client_for(tmp_path, sleeps)
    url = f"http://127.0.0.1:{closed_port()}/x"
    with pytest.raises(NetworkDown) as caught:
        client.get(url)
    assert caught.value.permanent is True
    assert caught.value.reason.endswith("connection refused")
    assert client.stats.requests == 1 and sleeps.waits == []


def test_a_host_name_that_does_not_resolve_is_permanent(tmp_path: Path) -> None:
    client = client_for(tmp_path, Sleeps())
    with pytest.raises(NetworkDown) as caught:
        client.get("http://sourcecheck-no-such-host.invalid/x")
    assert caught.value.permanent is True
    assert caught.value.reason.endswith("host name not found")
    assert client.stats.requests == 1


def test_words_in_the_url_do_not_decide_whether_a_failure_is_permanent(tmp_path: Path) -> None:
    # The error message of a dropped connection quotes the URL; "refused" and "resolve" in
    # it made the old message matching take the host down at once as "connection refused".
    listener, accepted = raw_server(drop)
    sleeps = Sleeps()
    client = client_for(tmp_path, sleeps)
    port = listener.getsockname()[1]
    try:
        with pytest.raises(NetworkDown) as caught:
            client.get(f"http://127.0.0.1:{port}/refused/resolve?q=connection+refused")
    finally:
        listener.close()
    assert caught.value.permanent is False
    assert caught.value.reason == f"cannot reach 127.0.0.1:{port} (127.0.0.1:{port})"
    assert len(accepted) == 3  # retried until the breaker's threshold, not given up at once
    assert sleeps.waits == [0.01, 0.02]


def test_a_host_taken_down_is_reported_in_the_name_of_each_service_on_it(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{closed_port()}"
    sleeps = Sleeps()
    client = client_for(tmp_path, sleeps, urls={"crossref": f"{base}/crossref", "dnb": f"{base}/dnb"})
    with pytest.raises(NetworkDown) as first:
        client.get(f"{base}/crossref/works")
    with pytest.raises(NetworkDown) as second:
        client.get(f"{base}/dnb/sru")
    assert first.value.reason.startswith("cannot reach Crossref (")
    assert second.value.reason.startswith("cannot reach Deutsche Nationalbibliothek (")
    assert second.value.reason.endswith("connection refused") and second.value.permanent
    assert client.stats.requests == 1  # the second never opened a connection
    assert client.host_down(f"{base}/dnb/sru") == second.value.reason


def test_offline_the_client_never_connects_and_a_missing_cache_is_a_field(tmp_path: Path) -> None:
    client = client_for(tmp_path, Sleeps(), offline=True)
    with pytest.raises(NotCached) as caught:
        client.get("http://127.0.0.1:9/x")
    assert caught.value.no_usable_cache is False
    assert caught.value.reason == "offline and not in the cache"


def test_the_offline_verdict_reads_the_no_usable_cache_field_not_the_words() -> None:
    worded = NotCached("no usable cache", "http://x/")  # the words, without the field
    flagged = NotCached("the cache is gone", "http://x/", no_usable_cache=True)
    assert _failure_reason([worded]) == "offline and not in the cache"
    assert _failure_reason([flagged]) == "no usable cache"


def test_a_corrupt_cache_is_told_by_sqlite_s_result_code(tmp_path: Path) -> None:
    import sqlite3

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is no database " * 100)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(bad).execute("SELECT 1 FROM responses").fetchall()
    assert _corrupt(caught.value)
    assert not _corrupt(sqlite3.DatabaseError("database disk image is malformed"))  # words alone
    assert not _corrupt(sqlite3.OperationalError("database is locked"))


# -- verdicts: the finding code from the flags ---------------------------------------------------

def _findings(verdict: Verification) -> list[str]:
    citation = Citation("Weber, Einleitung", csl={"type": "chapter", "title": "Einleitung",
                                                  "author": [{"family": "Weber"}]})
    manuscript = Manuscript("m.txt", "text", [Note(1, "…", 3, [citation])])
    return [f.code for f in findings_for(Work((1, 0), citation, [(1, 0)]), verdict, manuscript)]


def test_ambiguous_is_a_flag_not_a_word() -> None:
    assert _findings(Verification(UNVERIFIABLE, reason="two records fit", ambiguous=True)) == ["LK130"]
    assert _findings(Verification(UNVERIFIABLE, reason="ambiguous: offline and not in the cache")) == []


def test_volume_only_is_a_flag_not_a_word() -> None:
    assert _findings(Verification(PARTIAL, reason="part not catalogued", volume_only=True)) == ["LK125"]
    # the words "volume" in a reason once made this LK125 (volume-only) instead of LK126
    assert _findings(Verification(PARTIAL, reason="the record does not give volume, page to compare")) == ["LK126"]


def test_verifications_default_to_neither_flag() -> None:
    v = Verification(PARTIAL)
    assert (v.ambiguous, v.volume_only) == (False, False)
    assert v.to_dict()["ambiguous"] is False and v.to_dict()["volume_only"] is False  # in the JSON report too


def test_a_slow_host_is_not_permanent(tmp_path: Path) -> None:
    listener, held = raw_server(lambda conn: None)  # accepted, never answered
    client = client_for(tmp_path, Sleeps(), timeout=0.2, retries=0)
    started = time.monotonic()
    try:
        with pytest.raises(NetworkDown) as caught:
            client.get(f"http://127.0.0.1:{listener.getsockname()[1]}/x")
    finally:
        listener.close()
        for conn in held:
            conn.close()
    assert caught.value.permanent is False
    assert "did not answer within 0.2 s" in caught.value.reason
    assert time.monotonic() - started < 2.0
