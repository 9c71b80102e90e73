"""The one HTTP client of sourcecheck: cache, offline mode, retries, politeness.

Every catalogue request goes through :class:`HttpClient`:

- a persistent cache on disk (requests-cache, SQLite, in ``Settings.cache_dir``); ``refresh``
  bypasses it (and overwrites what it held);
- ``offline`` answers from the cache only and never opens a socket (requests-cache's
  ``only_if_cached``: a miss comes back as 504, which becomes :class:`NotCached`);
- timeouts on every call (a short connect timeout, so a dead network is noticed quickly);
- retries with exponential back-off on connection errors, timeouts, 429 (honouring
  ``Retry-After``) and 5xx;
- a per-host rate limit and a per-host concurrency limit (thread-safe) from each service's
  published politeness rules (:data:`HOST_POLICIES`);
- a circuit breaker per host: after a few consecutive connection failures the host is taken as
  down for the rest of the run, so an unreachable service costs seconds, not a retry storm;
- the User-Agent ``sourcecheck/<version> (mailto:<address>)``.

Failures are exceptions derived from :class:`LookupFailed`, each with a one-line ``reason``
that ends up in the citation's ``Verification``. The reason is for the user only: what the
client and the verdicts decide rests on the exception's class and fields (``permanent``,
``no_usable_cache``), worked out from the exception types of requests, urllib3 and the socket
layer, never from message text.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import math
import os
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from collections.abc import Iterator
from typing import Any, Self, cast
from urllib.parse import urlsplit

import requests
import requests_cache
from requests_cache.backends.sqlite import SQLiteDict
from requests.adapters import BaseAdapter

from checkers.config import Settings
from citations.version import __version__

#: Seconds to wait for a TCP connection; kept short so a dead network fails fast.
CONNECT_TIMEOUT = 3.05
#: How long a cached answer is reused before it is asked again.
CACHE_EXPIRY = timedelta(days=30)
#: Status codes kept in the cache: answers and "no such record" answers.
CACHEABLE = (200, 404)
#: Consecutive connection failures after which a host is taken as down for this run.
BREAKER_THRESHOLD = 3
#: Longest ``Retry-After`` honoured (seconds); a longer wait gives up on the request.
MAX_RETRY_AFTER = 60.0
#: Reason of every offline look-up when the cache cannot be used at all.
NO_USABLE_CACHE = "no usable cache"

#: Warnings about the cache (one line each); the CLI prints them on stderr as ``warning: …``.
log = logging.getLogger("sourcecheck.cache")
# requests-cache logs a stale answer used after a failed request with its traceback; that is
# the cache working as meant, not something to print (Python would, lacking any handler).
logging.getLogger("requests_cache").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class HostPolicy:
    """Politeness towards one host: at most ``rate`` requests a second, ``concurrency`` at once.

    ``rate=None`` means no rate limit (local servers, unknown hosts).
    """

    rate: float | None
    concurrency: int
    source: str = ""


#: Published politeness rules of each service's host (see the README's look-up section).
HOST_POLICIES: dict[str, HostPolicy] = {
    # nginx api_limit: 180 requests a minute per IP.
    "openlibrary.org": HostPolicy(3.0, 3, "Open Library nginx.conf api_limit 180 r/min"),
    # Quotas are per Cloud project and unpublished; stay gentle.
    "www.googleapis.com": HostPolicy(2.0, 2, "Google Books: no published limit, kept gentle"),
    # Polite pool from 1 Dec 2025: lists 3 r/s, 3 concurrent (the public pool is 1 and 1).
    "api.crossref.org": HostPolicy(3.0, 3, "Crossref polite pool: lists 3 r/s, 3 concurrent"),
    "services.dnb.de": HostPolicy(2.0, 2, "DNB SRU: no published limit, kept gentle"),
    "archive.org": HostPolicy(1.0, 2, "Wayback availability: no published limit, be gentle"),
}
#: Crossref without a contact address is in the public pool.
CROSSREF_PUBLIC = HostPolicy(1.0, 1, "Crossref public pool: lists 1 r/s, 1 concurrent")


class LookupFailed(Exception):
    """A request that gave no usable answer; ``reason`` is one line for the user.

    ``permanent``: asking again during this run will not help (nothing listens at the host,
    the host name does not resolve, the client is offline); the circuit breaker then takes
    the host as down at once instead of after :data:`BREAKER_THRESHOLD` failures.
    """

    def __init__(self, reason: str, url: str = "", permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url
        self.permanent = permanent


class NotCached(LookupFailed):
    """Offline and the answer is not in the cache; ``no_usable_cache`` when there is no cache
    that could be asked at all (none on disk, or it cannot be opened)."""

    def __init__(self, reason: str, url: str = "", no_usable_cache: bool = False) -> None:
        super().__init__(reason, url, permanent=True)
        self.no_usable_cache = no_usable_cache


class NetworkDown(LookupFailed):
    """The service could not be reached (connection refused, DNS, timeouts, host marked down)."""


class ServiceError(LookupFailed):
    """The service answered, but with an error (5xx, 429 after retries, unexpected status)."""


class BadResponse(LookupFailed):
    """The service answered 200 with a body that cannot be read (truncated JSON, bad XML), or
    without the fields the service documents: "unexpected answer from SERVICE". Never cached,
    never a "not found"."""


class TimedOut(NetworkDown):
    """The service did not answer within the timeout."""


def service_name(url: str, settings: Settings | None = None) -> str:
    """The name of the service at ``url`` (``Open Library``), from the configured base URLs;
    the host for any other URL."""
    from checkers.providers import SERVICE_NAMES

    if settings is not None:
        for name, label in SERVICE_NAMES.items():
            base = settings.urls.get(name)
            if base and url.startswith(base.rstrip("/")):
                return label
    return urlsplit(url).netloc or url


class _OfflineRefusal(requests.ConnectionError):
    """Raised by :class:`_NoNetworkAdapter`: offline, no connection is ever opened."""


class _NoNetworkAdapter(BaseAdapter):
    """Mounted in offline mode: any request that reaches the transport is refused."""

    def send(self, request, **kwargs):  # type: ignore[no-untyped-def]
        raise _OfflineRefusal(f"offline: refusing to open a connection for {request.url}")

    def close(self) -> None:
        pass


class RateLimiter:
    """Spaces requests at least ``1/rate`` seconds apart (thread-safe; ``rate=None``: no limit)."""

    def __init__(self, rate: float | None, clock=time.monotonic, sleep=time.sleep) -> None:  # type: ignore[no-untyped-def]
        self.rate = rate
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait for the next slot; return the seconds waited."""
        if not self.rate:
            return 0.0
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + 1.0 / self.rate
        wait = slot - now
        if wait > 0:
            self._sleep(wait)
        return max(wait, 0.0)

    def slow_down(self, rate: float) -> None:
        """Lower the rate (e.g. to what the server's rate-limit headers say); never raise it."""
        with self._lock:
            if rate > 0 and (self.rate is None or rate < self.rate):
                self.rate = rate


@dataclass
class _Host:
    policy: HostPolicy
    limiter: RateLimiter
    slots: threading.BoundedSemaphore
    proxies: dict[str, str] = field(default_factory=dict)
    failures: int = 0
    #: The failure that took the host down for this run (``None`` while it is up) and the
    #: requests exception behind it, to name the service of each later URL in its reason.
    down: NetworkDown | None = None
    down_cause: Exception | None = None


@dataclass
class Stats:
    """What the client did: requests sent, answers from cache, retries, failures."""

    requests: int = 0
    from_cache: int = 0
    retries: int = 0
    failures: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)

    def to_dict(self) -> dict[str, int]:
        return {"requests": self.requests, "from_cache": self.from_cache,
                "retries": self.retries, "failures": self.failures}


def user_agent(mailto: str | None) -> str:
    """``sourcecheck/0.1.0 (mailto:you@example.org)``; without an address, just the version."""
    return f"sourcecheck/{__version__} (mailto:{mailto})" if mailto else f"sourcecheck/{__version__}"


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(when.timestamp() - now, 0.0)


class HttpClient:
    """The shared session with cache, offline mode, retries and per-host politeness.

    Thread-safe: look-ups run on a thread pool and share one client.
    """

    def __init__(
        self,
        settings: Settings,
        policies: dict[str, HostPolicy] | None = None,
        backoff: float = 0.5,
        sleep=time.sleep,  # type: ignore[no-untyped-def]
    ) -> None:
        self.settings = settings
        self.offline = settings.offline
        self.refresh = settings.refresh
        self.timeout = (min(CONNECT_TIMEOUT, settings.timeout), settings.timeout)
        self.retries = max(settings.retries, 0)
        self.backoff = backoff
        self._sleep = sleep
        self.policies = dict(HOST_POLICIES if policies is None else policies)
        if policies is None and not settings.mailto:
            self.policies["api.crossref.org"] = CROSSREF_PUBLIC
        self.stats = Stats()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        #: Why the cache is not used (``None`` while it works); offline look-ups then say so.
        self.cache_problem: str | None = None
        #: A read-only cache is read from a private copy, removed on close.
        self._copy_dir: str | None = None
        self._retired: list[requests.Session] = []
        self._store_warned = False
        # Offline with no cache on disk: nothing can be answered, and nothing is created.
        self.session: requests.Session | None = None
        self.caching = False
        if not (self.offline and not self.cache_file.exists()):
            self.session = self._open_cache()

    @property
    def cache_path(self) -> Path:
        """The cache database (requests-cache adds the ``.sqlite`` suffix)."""
        return Path(self.settings.cache_dir) / "http-cache"

    @property
    def cache_file(self) -> Path:
        return self.cache_path.with_suffix(".sqlite")

    # -- the cache: an optimisation, never a failure --------------------------------------

    def _warn(self, message: str) -> None:
        log.warning(message)

    def _open_cache(self) -> requests.Session | None:
        """The session for this run: the cache if it can be used, else what is left.

        A corrupt cache is moved aside (``http-cache.sqlite.corrupt-<date>``) and a new one
        started; a read-only one is read from a private copy (answers of this run are not
        kept); a cache that cannot be opened at all is done without (online) or makes every
        look-up "no usable cache" (offline). Each case is one warning line.
        """
        cache_dir = Path(self.settings.cache_dir)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            return self._cached_session(self.cache_path)
        except (sqlite3.Error, OSError) as exc:
            first = exc
        if _corrupt(first) and self.cache_file.exists():
            aside = self._move_aside()
            if aside is None:
                return self._without_cache(f"the look-up cache {self.cache_file} is corrupt and cannot be moved aside")
            if self.offline:
                return self._without_cache(f"the look-up cache {self.cache_file} was corrupt and is moved aside as {aside.name}")
            try:
                session = self._cached_session(self.cache_path)
            except (sqlite3.Error, OSError) as exc:
                return self._without_cache(f"the look-up cache {self.cache_file} cannot be opened ({_describe(exc)})")
            self._warn(f"the look-up cache {self.cache_file} was corrupt; moved aside as {aside.name}, starting a new one")
            return session
        if self.cache_file.is_file() and os.access(self.cache_file, os.R_OK):
            # read-only (a restored CI cache, a read-only mount), or locked for writing
            try:
                session = self._read_only_copy()
            except (sqlite3.Error, OSError) as exc:
                return self._without_cache(f"the look-up cache {self.cache_file} cannot be read ({_describe(exc)})")
            self._warn(f"the look-up cache {self.cache_file} cannot be written ({_describe(first)}); "
                       "reading from it, this run's answers are not kept")
            return session
        return self._without_cache(f"cannot use the look-up cache in {cache_dir} ({_describe(first)})")

    def _without_cache(self, why: str) -> requests.Session | None:
        """No cache this run: online, plain requests (one warning); offline, nothing to ask."""
        self.cache_problem = why
        self.caching = False
        if self.offline:
            self._warn(f"{why}; offline, every look-up is unverifiable ({NO_USABLE_CACHE})")
            return None
        self._warn(f"{why}; looking up without a cache")
        session = requests.Session()
        self._configure(session)
        return session

    def _move_aside(self) -> Path | None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.cache_file.with_name(f"{self.cache_file.name}.corrupt-{stamp}")
        try:
            os.replace(self.cache_file, aside)
        except OSError:
            return None
        for extra in ("-wal", "-shm"):  # a journal of the broken file belongs to it
            journal = self.cache_file.with_name(self.cache_file.name + extra)
            with contextlib.suppress(OSError):
                os.replace(journal, aside.with_name(aside.name + extra))
        return aside

    def _read_only_copy(self) -> requests_cache.CachedSession:
        """Open a private copy of a cache that cannot be written (SQLite needs write access
        for its lock and journal files even to read a WAL database)."""
        self._copy_dir = tempfile.mkdtemp(prefix="sourcecheck-cache-")
        copy = Path(self._copy_dir) / self.cache_file.name
        shutil.copyfile(self.cache_file, copy)
        wal = self.cache_file.with_name(self.cache_file.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        return self._cached_session(copy.with_suffix(""))

    def _cached_session(self, path: Path) -> requests_cache.CachedSession:
        session = requests_cache.CachedSession(
            str(path),
            backend="sqlite",
            expire_after=CACHE_EXPIRY,
            allowable_codes=CACHEABLE,
            # an expired answer still beats none when the service is down (or offline)
            stale_if_error=True,
            cache_control=False,
            # WAL journal: a commit per answer without an fsync each time (30 ms → < 1 ms)
            wal=True,
        )
        try:
            # a file that is no SQLite database, or a broken one, shows here, not mid-run
            with cast(SQLiteDict, session.cache.responses).connection() as con:
                con.execute("SELECT key FROM responses LIMIT 1").fetchall()
        except BaseException:
            session.close()
            raise
        self._configure(session)
        self.caching = True
        return session

    def _configure(self, session: requests.Session) -> None:
        # requests re-reads the whole environment (proxies, CA bundle) on every request, a
        # third of a cached answer's time; read it once here, per host in _host().
        session.trust_env = False
        session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        session.headers["User-Agent"] = user_agent(self.settings.mailto)
        session.headers["Accept"] = "application/json, application/xml;q=0.9, */*;q=0.8"
        # requests' own adapter would retry nothing; our loop below does the retrying.
        if self.offline:
            session.mount("http://", _NoNetworkAdapter())
            session.mount("https://", _NoNetworkAdapter())
        else:
            adapter = requests.adapters.HTTPAdapter(pool_maxsize=max(self.settings.concurrency, 10), max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)

    def _check_stored(self, session: requests.Session, url: str) -> None:
        """requests-cache rolls a failed write back without a word (a full disk, a file-size
        limit); notice it, once, so the user learns why the next run asks again."""
        if self._store_warned:
            return
        try:
            stored = session.cache.contains(url=url)  # type: ignore[attr-defined]
        except sqlite3.Error:
            stored = False
        if not stored and not self._store_warned:
            self._store_warned = True
            self._warn(f"the look-up cache {self.cache_file} could not store an answer (disk full?); "
                       "answers it cannot store are asked again next time")

    def _cache_failed(self, exc: BaseException, broken: requests.Session | None) -> None:
        """The cache failed during the run (locked, disk full, gone read-only): one warning,
        then the run goes on without it (online) or with "no usable cache" (offline)."""
        with self._cache_lock:
            if self.session is not broken or not self.caching:
                return  # another thread already switched
            if broken is not None:
                self._retired.append(broken)
            why = f"the look-up cache {self.cache_file} failed ({_describe(exc)})"
            self.session = self._without_cache(why)

    def close(self) -> None:
        for session in [self.session, *self._retired]:
            if session is not None:
                with contextlib.suppress(Exception):
                    session.close()
        if self._copy_dir is not None:
            shutil.rmtree(self._copy_dir, ignore_errors=True)
            self._copy_dir = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- per-host state ------------------------------------------------------------------

    def policy_for(self, host: str) -> HostPolicy:
        """The politeness policy of ``host`` (unknown hosts: no rate limit, run concurrency)."""
        return self.policies.get(host) or HostPolicy(None, max(self.settings.concurrency, 1), "default")

    def _host(self, url: str) -> _Host:
        netloc = urlsplit(url).netloc.lower()
        host = netloc.rsplit("@", 1)[-1]
        name = host.split(":")[0]
        with self._hosts_lock:
            state = self._hosts.get(host)
            if state is None:
                policy = self.policy_for(name)
                state = _Host(policy, RateLimiter(policy.rate, sleep=self._sleep),
                              threading.BoundedSemaphore(max(policy.concurrency, 1)),
                              requests.utils.get_environ_proxies(url))
                self._hosts[host] = state
            return state

    def host_down(self, url: str) -> str | None:
        """Why the host of ``url`` is taken as down for this run, or ``None``."""
        down = self._down_error(self._host(url), url)
        return down.reason if down is not None else None

    def _down_error(self, host: _Host, url: str) -> NetworkDown | None:
        """The failure that took ``host`` down, told for ``url`` (several services may share
        a host: each is named in its own reason)."""
        if host.down is None or host.down_cause is None:
            return host.down
        return self._network_failure(host.down_cause, url)

    # -- requests ------------------------------------------------------------------------

    def cached(self, url: str) -> bool:
        """Whether an answer for ``url`` is in the cache."""
        session = self.session
        if session is None or not self.caching:
            return False
        try:
            return session.cache.contains(url=url)  # type: ignore[attr-defined]
        except sqlite3.Error as exc:
            self._cache_failed(exc, session)
            return False

    def service(self, url: str) -> str:
        """The service ``url`` belongs to, as users know it (``Open Library``)."""
        return service_name(url, self.settings)

    def get(self, url: str, headers: dict[str, str] | None = None) -> requests.Response:
        """GET ``url`` (query string included) through cache, politeness and retries.

        Returns the response for 2xx and 404 (a definite "no such record"); raises a
        :class:`LookupFailed` subclass for everything else. A cache that fails on the way
        (locked, full, read-only) is left for the rest of the run, with one warning.
        """
        for _ in range(3):
            session = self.session
            try:
                return self._get(session, url, headers)
            except sqlite3.Error as exc:
                self._cache_failed(exc, session)
        raise ServiceError(f"{self.service(url)}: the look-up cache keeps failing", url)

    def _offline_miss(self, url: str) -> NotCached:
        if self.cache_problem is not None:
            return NotCached(NO_USABLE_CACHE, url, no_usable_cache=True)
        return NotCached("offline and not in the cache", url)

    def _get(self, session: requests.Session | None, url: str, headers: dict[str, str] | None) -> requests.Response:
        response: requests.Response
        if self.offline:
            if session is None:
                raise self._offline_miss(url)
            # offline, a session is always the cache's
            response = cast(requests_cache.CachedSession, session).get(
                url, headers=headers, only_if_cached=True, timeout=self.timeout, proxies=self._host(url).proxies)
            if response.status_code == 504:  # requests-cache's "only_if_cached" miss (504s are never cached)
                raise self._offline_miss(url)
            self.stats.add(from_cache=1)
            return self._check_status(response, url)

        assert session is not None  # only offline clients go without a session
        caching = self.caching and isinstance(session, requests_cache.CachedSession)
        host = self._host(url)
        # Cached answers skip the rate limiter. Only rate-limited hosts need this check
        # first; elsewhere the one call below answers from the cache just as well.
        if (caching and isinstance(session, requests_cache.CachedSession) and not self.refresh
                and host.policy.rate is not None and session.cache.contains(url=url)):
            response = session.get(url, headers=headers, only_if_cached=True,
                                   timeout=self.timeout, proxies=host.proxies)
            fresh = not getattr(response, "is_expired", False)
            if response.status_code != 504 and getattr(response, "from_cache", False) and fresh:
                self.stats.add(from_cache=1)
                return self._check_status(response, url)

        extra: dict[str, Any] = {"force_refresh": self.refresh} if caching else {}
        attempt = 0
        while True:
            if (down := self._down_error(host, url)) is not None:
                raise down
            try:
                with host.slots:
                    host.limiter.acquire()
                    # went down while this request waited for its turn
                    if (down := self._down_error(host, url)) is not None:
                        raise down
                    response = session.get(url, headers=headers, timeout=self.timeout,
                                           proxies=host.proxies, **extra)
            except (requests.ConnectionError, requests.Timeout) as exc:
                self.stats.add(requests=1)
                failure = self._network_failure(exc, url)
                # Nothing listening, or no such host: asking again will not help, so the host
                # is taken as down at once; other connection trouble is retried first.
                with self._hosts_lock:
                    host.failures += 1
                    if (failure.permanent or host.failures >= BREAKER_THRESHOLD) and host.down is None:
                        host.down, host.down_cause = failure, exc
                    went_down = host.down is not None and host.down is not failure
                if attempt >= self.retries or host.down is not None:
                    self.stats.add(failures=1)
                    # taken down by another request's failure: that one is the reason
                    down = self._down_error(host, url) if went_down else None
                    raise (down or failure) from None
                attempt += 1
                self.stats.add(retries=1)
                self._sleep(self.backoff * 2 ** (attempt - 1))
                continue
            except requests.RequestException as exc:
                self.stats.add(requests=1, failures=1)
                raise ServiceError(f"{self.service(url)}: request failed ({exc.__class__.__name__})", url) from None
            if getattr(response, "from_cache", False):
                self.stats.add(from_cache=1)
                return self._check_status(response, url)
            self.stats.add(requests=1)
            if caching and response.status_code in CACHEABLE:
                self._check_stored(session, url)
            with self._hosts_lock:
                host.failures = 0
            self._learn_rate(host, response)
            if response.status_code == 429 or response.status_code >= 500:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if attempt >= self.retries or (wait is not None and wait > MAX_RETRY_AFTER):
                    self.stats.add(failures=1)
                    what = "rate-limited (429)" if response.status_code == 429 else f"server error {response.status_code}"
                    raise ServiceError(f"{self.service(url)}: {what}", url)
                attempt += 1
                self.stats.add(retries=1)
                self._sleep(wait if wait is not None else self.backoff * 2 ** (attempt - 1))
                continue
            return self._check_status(response, url)

    def _check_status(self, response: requests.Response, url: str) -> requests.Response:
        if response.ok or response.status_code == 404:
            return response
        raise ServiceError(f"{self.service(url)}: HTTP {response.status_code}", url)

    def _learn_rate(self, host: _Host, response: requests.Response) -> None:
        """Slow down to the rate a server announces (Crossref's ``x-rate-limit-*`` headers)."""
        limit = response.headers.get("x-rate-limit-limit")
        interval = response.headers.get("x-rate-limit-interval", "1s")
        if not limit or host.policy.rate is None:
            return
        try:
            rate = float(limit) / float(interval.rstrip("s") or 1)
        except ValueError:
            return
        if math.isfinite(rate):
            host.limiter.slow_down(rate)

    def forget(self, url: str) -> None:
        """Drop the cached answer for ``url`` (an unreadable or unexpected answer is never kept)."""
        session = self.session
        if session is None or not self.caching:
            return
        # a cache that cannot delete is no reason to fail a look-up
        with contextlib.suppress(Exception):
            session.cache.delete(urls=[url])  # type: ignore[attr-defined]

    def unexpected(self, url: str, detail: str) -> BadResponse:
        """The answer at ``url`` lacks what the service documents: forget it (it must not be
        reused, offline or not) and return the error to raise."""
        self.forget(url)
        return BadResponse(f"unexpected answer from {self.service(url)} ({detail})", url)

    def get_json(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """GET and decode JSON; returns ``(status, data)`` with ``data=None`` for a 404."""
        response = self.get(url, headers={"Accept": "application/json", **(headers or {})})
        if response.status_code == 404:
            return 404, None
        try:
            return response.status_code, json.loads(response.content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise self.unexpected(url, "unreadable JSON") from None

    def get_bytes(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """GET the raw body; returns ``(status, body)``."""
        response = self.get(url, headers=headers)
        return response.status_code, response.content

    def _network_failure(self, exc: Exception, url: str) -> NetworkDown:
        """The failure to raise for a connection error or timeout at ``url``: its reason names
        the service; ``permanent`` when asking again is pointless. Decided by the exception
        types along the chain (requests → urllib3 → socket), not by their messages."""
        service = self.service(url)
        host = urlsplit(url).netloc
        if isinstance(exc, requests.ConnectTimeout):
            return NetworkDown(f"cannot reach {service} ({host}): no connection within {self.timeout[0]:g} s", url)
        if isinstance(exc, requests.Timeout):
            return TimedOut(f"{service} did not answer within {self.settings.timeout:g} s", url)
        if isinstance(exc, _OfflineRefusal):
            return NetworkDown("offline", url, permanent=True)
        causes = list(_causes(exc))
        if any(isinstance(c, ConnectionRefusedError) for c in causes):
            return NetworkDown(f"cannot reach {service} ({host}): connection refused", url, permanent=True)
        if any(isinstance(c, socket.gaierror) for c in causes):
            return NetworkDown(f"cannot reach {service} ({host}): host name not found", url, permanent=True)
        return NetworkDown(f"cannot reach {service} ({host})", url)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and the exceptions behind it: requests wraps urllib3's ``MaxRetryError``,
    whose ``reason`` is a ``NewConnectionError`` raised from the socket's ``OSError``."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        todo.extend(e for e in linked if isinstance(e, BaseException))


def _describe(exc: BaseException) -> str:
    """An OS or SQLite error as a few words (``database is locked``, ``Read-only file system``)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or exc.__class__.__name__


#: SQLite's primary result codes for a file that is no (intact) database.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def _corrupt(exc: BaseException) -> bool:
    """Whether a SQLite error says the file is no (intact) database (by its result code;
    an extended code carries the primary one in its low byte)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.DatabaseError) and isinstance(code, int) and code & 0xFF in (
        _SQLITE_CORRUPT, _SQLITE_NOTADB)
