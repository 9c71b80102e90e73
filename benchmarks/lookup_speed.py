"""Look-up throughput: 500 distinct look-ups against a local server that takes 50 ms an answer.

Run: ``python benchmarks/lookup_speed.py [--lookups 500] [--latency 0.05] [--concurrency 8]``

A local Open Library stand-in (127.0.0.1, threaded) answers ``/isbn/{isbn}.json`` after the
given latency. The manuscript has one note per look-up, each citing a different book by ISBN,
so every look-up is one request. The ideal time for N look-ups at concurrency C and latency L
is ``ceil(N / C) * L``; the first (cold) run should stay within 1.3× of it. The second run
uses the warm cache and should make no request at all. Prints both figures; exits 1 if either
target is missed.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stdnum import ean

from checkers.config import PROVIDERS, Settings
from checkers.http import HttpClient
from checkers.verify import verify_manuscript
from citations.model import Citation, Manuscript, Note

TARGET_RATIO = 1.3


class Catalogue(ThreadingHTTPServer):
    daemon_threads = True
    latency = 0.05
    requests: Any = None  # a shared multiprocessing.Value counting the requests served


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: Catalogue

    def do_GET(self) -> None:
        with self.server.requests.get_lock():
            self.server.requests.value += 1
        time.sleep(self.server.latency)
        isbn = self.path.rsplit("/", 1)[-1].removesuffix(".json")
        body = json.dumps({
            "key": f"/books/OL{isbn[-7:]}M", "title": f"Book {isbn}", "by_statement": "Ann Author",
            "publishers": ["Example Press"], "publish_date": "2001", "isbn_13": [isbn],
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve(latency: float, ready: Any, counter: Any) -> None:
    """The server process: answer until terminated; report the port on ``ready``."""
    server = Catalogue(("127.0.0.1", 0), Handler)
    server.latency = latency
    server.requests = counter
    server.request_queue_size = 64
    ready.put(server.server_address[1])
    server.serve_forever()


def isbns(n: int) -> list[str]:
    """``n`` distinct valid ISBN-13s."""
    out = []
    for i in range(n):
        stem = f"978300{i:06d}"
        out.append(stem + ean.calc_check_digit(stem))
    return out


def manuscript(numbers: list[str]) -> Manuscript:
    notes = []
    for i, isbn in enumerate(numbers, start=1):
        csl = {"type": "book", "title": f"Book {isbn}", "author": [{"family": "Author", "given": "Ann"}],
               "publisher": "Example Press", "issued": {"date-parts": [[2001]]}, "ISBN": isbn}
        notes.append(Note(i, f"Ann Author, Book {isbn}, 2001, ISBN {isbn}.", i, [Citation(csl["title"], csl=csl)]))
    return Manuscript("benchmark", "text", notes)


def run(ms: Manuscript, settings: Settings) -> tuple[float, int, dict[str, int]]:
    with HttpClient(settings) as client:
        started = time.perf_counter()
        verdicts, _ = verify_manuscript(ms, settings, client=client)
        elapsed = time.perf_counter() - started
        statuses: dict[str, int] = {}
        for v in verdicts.values():
            statuses[v.status] = statuses.get(v.status, 0) + 1
        return elapsed, client.stats.requests, statuses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3,
                        help="cold runs, each with a fresh cache; the best counts (like timeit)")
    args = parser.parse_args(argv)

    # The server runs in its own process, so its work does not compete with the client's.
    ready: multiprocessing.Queue = multiprocessing.Queue()
    counter = multiprocessing.Value("i", 0)
    process = multiprocessing.Process(target=serve, args=(args.latency, ready, counter), daemon=True)
    process.start()
    base = f"http://127.0.0.1:{ready.get(timeout=10)}"
    ms = manuscript(isbns(args.lookups))
    ideal = math.ceil(args.lookups / args.concurrency) * args.latency

    colds: list[float] = []
    for _ in range(max(args.repeat, 1)):
        with tempfile.TemporaryDirectory() as cache:
            settings = Settings(
                cache_dir=Path(cache), concurrency=args.concurrency,
                urls={name: base for name in PROVIDERS},
                providers={name: name == "openlibrary" for name in PROVIDERS},
            )
            before = counter.value
            cold, cold_requests, statuses = run(ms, settings)
            served_cold = counter.value - before
            colds.append(cold)
            warm, warm_requests, _ = run(ms, settings)
            served_warm = counter.value - before - served_cold
    process.terminate()
    cold = min(colds)

    ratio = cold / ideal
    print(f"look-ups: {args.lookups} distinct, latency {args.latency * 1000:.0f} ms, concurrency {args.concurrency}")
    print(f"cold cache: {cold:.2f} s (best of {', '.join(f'{c:.2f}' for c in colds)}) for {cold_requests} requests "
          f"(server saw {served_cold}); "
          f"ideal {ideal:.2f} s; ratio {ratio:.2f} (target <= {TARGET_RATIO}); verdicts {statuses}")
    print(f"warm cache: {warm:.2f} s, {warm_requests} requests (server saw {served_warm}; target 0)")
    ok = ratio <= TARGET_RATIO and served_warm == 0 and warm_requests == 0
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
