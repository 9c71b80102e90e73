"""Issue 13: faults that used to crash, lose a manuscript or give a false verdict.

One test (or a few) per row of the issue's table, each with the real thing: the CLI in a
subprocess, real files and hard links, a real SQLite file (corrupt, read-only, locked, on a
file-size limit), a real HTTP server on 127.0.0.1 and a real SIGINT. None may print a
traceback; none may change a byte of the manuscript.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from checkers.config import PROVIDERS
from tests.lookup_replay import PREFIX, closed_port

ROOT = Path(__file__).resolve().parents[1]

MANUSCRIPT = """A lecture on the purges.[1]

[1] William J. Chase, Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939, New Haven/London: Yale University Press 2001, pp. 102–105.
"""
#: Open Library's search answer for the cited book (documented shape: numFound and docs).
FOUND = {
    "numFound": 1,
    "docs": [{
        "key": "/works/OL1W", "title": "Enemies within the Gates?",
        "subtitle": "The Comintern and the Stalinist Repression, 1934-1939", "author_name": ["William J. Chase"],
        "first_publish_year": 2001, "publish_year": [2001], "publisher": ["Yale University Press"],
        "publish_place": ["New Haven"],
    }],
}
ONLY_OPEN_LIBRARY = [f"--no-provider={p}" for p in PROVIDERS if p != "openlibrary"]


# -- helpers ---------------------------------------------------------------------------------

def env_for(base: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOURCECHECK_")}
    env.update({f"SOURCECHECK_{p.upper()}_URL": f"{base}{PREFIX[p]}" for p in PROVIDERS})
    env.update({"NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)})
    return env


def sourcecheck(*args: str, base: str = "http://127.0.0.1:9", cwd: Path | None = None,
                timeout: float = 120, **popen: Any) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "sourcecheck", *args], capture_output=True, text=True,
        env=env_for(base), cwd=cwd, timeout=timeout, **popen,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout


def warnings_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning: ")]


def verdict(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data = json.loads(result.stdout)
    [note] = data["notes"]
    return note["citations"][0]["verification"]


@pytest.fixture
def manuscript(tmp_path: Path) -> Path:
    path = tmp_path / "chapter.txt"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    return path


def check_json(manuscript: Path, cache: Path, *more: str, base: str = "http://127.0.0.1:9") -> subprocess.CompletedProcess[str]:
    return sourcecheck("check", str(manuscript), "--cache-dir", str(cache), "-f", "json", "--fail-on", "never",
                       *ONLY_OPEN_LIBRARY, *more, base=base)


def serve_found(server: HTTPServer) -> None:
    server.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_json(FOUND)


def base_of(server: HTTPServer) -> str:
    return server.url_for("").rstrip("/")


def filled_cache(tmp_path: Path, manuscript: Path, server: HTTPServer) -> Path:
    """A cache holding Open Library's answer for the manuscript's book."""
    cache = tmp_path / "cache"
    serve_found(server)
    result = check_json(manuscript, cache, base=base_of(server))
    assert verdict(result)["status"] in ("verified", "partial"), result.stderr
    server.clear()
    return cache


# -- -o onto an input file ---------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "refs"])
@pytest.mark.parametrize("link", ["hard link", "symbolic link", "other spelling"])
def test_output_onto_the_manuscript_by_any_name_is_refused(tmp_path: Path, manuscript: Path, command: str, link: str) -> None:
    original = manuscript.read_bytes()
    if link == "hard link":
        os.link(manuscript, tmp_path / "report.txt")
        output = "report.txt"
    elif link == "symbolic link":
        os.symlink(manuscript, tmp_path / "report.txt")
        output = "report.txt"
    else:
        (tmp_path / "sub").mkdir()
        output = "sub/../chapter.txt"
    args = ["--offline", "--cache-dir", str(tmp_path / "cache")] if command == "check" else []
    result = sourcecheck(command, "chapter.txt", "-o", output, *args, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"Error: {output}: refusing to write the ")
    assert "over the manuscript (chapter.txt)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert manuscript.read_bytes() == original


def test_output_onto_a_library_is_refused(tmp_path: Path, manuscript: Path) -> None:
    library = tmp_path / "refs.bib"
    library.write_text("@book{rogovin2009, author = {Rogovin, Vadim}, title = {Stalin's Terror}, year = {2009}}\n")
    before = library.read_bytes()
    for command, extra in (("check", ["--offline", "--cache-dir", str(tmp_path / "c")]), ("refs", [])):
        result = sourcecheck(command, str(manuscript), "--library", str(library), "-o", str(library), *extra)
        no_traceback(result)
        assert result.returncode == 2, result.stderr
        assert "over a library" in result.stderr
        assert library.read_bytes() == before


def test_a_report_replaces_the_previous_one_through_a_temporary_file(tmp_path: Path, manuscript: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("the previous report\n")
    report.chmod(0o640)
    other = tmp_path / "elsewhere.txt"
    os.link(report, other)  # a hard link to the old report is not written through
    result = sourcecheck("check", str(manuscript), "--offline", "--cache-dir", str(tmp_path / "c"), "-o", str(report))
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "chapter.txt" in report.read_text() and "previous" not in report.read_text()
    assert other.read_text() == "the previous report\n"
    assert oct(report.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chapter.txt", "elsewhere.txt", "report.txt"]  # no temporary file left


# -- the cache: an optimisation, never a failure -----------------------------------------------

@pytest.mark.parametrize("mode", ["online", "offline"])
def test_a_cache_that_is_no_database_is_moved_aside(tmp_path: Path, manuscript: Path, httpserver: HTTPServer, mode: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "http-cache.sqlite").write_bytes(b"not a database")
    serve_found(httpserver)
    result = check_json(manuscript, cache, *(["--offline"] if mode == "offline" else []), base=base_of(httpserver))
    no_traceback(result)
    assert result.returncode == 0
    [warning] = warnings_of(result)
    assert "was corrupt" in warning and "http-cache.sqlite.corrupt-" in warning
    [aside] = [p for p in cache.iterdir() if ".corrupt-" in p.name]
    assert aside.read_bytes() == b"not a database"
    v = verdict(result)
    if mode == "online":
        assert v["status"] in ("verified", "partial")
        with sqlite3.connect(cache / "http-cache.sqlite") as db:  # a new cache, holding the answer
            assert db.execute("SELECT count(*) FROM responses").fetchone()[0] >= 1
    else:
        assert (v["status"], v["reason"]) == ("unverifiable", "no usable cache")
        assert "no usable cache" in warning


def test_lookup_with_a_cache_that_is_no_database(tmp_path: Path, httpserver: HTTPServer) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "http-cache.sqlite").write_bytes(b"not a database")
    httpserver.expect_request(f"{PREFIX['crossref']}/works/10.1371/journal.pone.0033693").respond_with_data(
        (ROOT / "tests/fixtures/recorded/crossref/work-by-doi-10.1371-journal.pone.0033693.json").read_bytes(),
        content_type="application/json")
    online = sourcecheck("lookup", "doi", "10.1371/journal.pone.0033693", "--cache-dir", str(cache),
                         base=base_of(httpserver))
    offline = sourcecheck("lookup", "doi", "10.1371/journal.pone.0033693", "--cache-dir", str(cache), "--offline",
                          base=base_of(httpserver))
    for result in (online, offline):
        no_traceback(result)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Crossref: 1 record" in result.stdout  # offline: from the new cache
    [warning] = warnings_of(online)
    assert "was corrupt; moved aside as http-cache.sqlite.corrupt-" in warning
    assert warnings_of(offline) == []


@contextlib.contextmanager
def read_only(directory: Path) -> Iterator[None]:
    """``directory`` on a read-only mount (as root, a read-only bind mount; otherwise chmod)."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [directory, *directory.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    bound = subprocess.run(["mount", "--bind", str(directory), str(directory)], capture_output=True)
    if bound.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {bound.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(directory)], check=True, capture_output=True)
        yield
    finally:
        subprocess.run(["umount", str(directory)], check=True)


@pytest.mark.parametrize("mode", ["online", "offline"])
def test_a_read_only_cache_is_read_and_the_run_goes_on(tmp_path: Path, manuscript: Path, httpserver: HTTPServer, mode: str) -> None:
    cache = filled_cache(tmp_path, manuscript, httpserver)
    before = {p.name: p.read_bytes() for p in cache.iterdir()}
    serve_found(httpserver)
    with read_only(cache):
        result = check_json(manuscript, cache, *(["--offline"] if mode == "offline" else ["--refresh"]),
                            base=base_of(httpserver))
    no_traceback(result)
    assert result.returncode == 0
    [warning] = warnings_of(result)
    assert "cannot be written" in warning and "reading from it" in warning
    assert verdict(result)["status"] in ("verified", "partial")  # offline: from the cache
    assert len(httpserver.log) == (1 if mode == "online" else 0)
    assert {p.name: p.read_bytes() for p in cache.iterdir()} == before


def test_a_read_only_directory_without_a_cache_looks_up_without_one(tmp_path: Path, manuscript: Path, httpserver: HTTPServer) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    serve_found(httpserver)
    with read_only(cache):
        result = check_json(manuscript, cache, base=base_of(httpserver))
        offline = check_json(manuscript, cache, "--offline", base=base_of(httpserver))
    no_traceback(result)
    [warning] = warnings_of(result)
    assert "looking up without a cache" in warning
    assert verdict(result)["status"] in ("verified", "partial")
    assert list(cache.iterdir()) == []
    # offline with nothing on disk: nothing to read, nothing created, no warning
    assert verdict(offline)["reason"] == "offline and not in the cache" and not warnings_of(offline)


def test_a_locked_cache_is_read_and_the_run_goes_on(tmp_path: Path, manuscript: Path, httpserver: HTTPServer) -> None:
    cache = filled_cache(tmp_path, manuscript, httpserver)
    serve_found(httpserver)
    holder = sqlite3.connect(cache / "http-cache.sqlite", isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")  # a rollback journal: the lock keeps readers out too
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = check_json(manuscript, cache, "--refresh", base=base_of(httpserver))
        offline = check_json(manuscript, cache, "--offline", base=base_of(httpserver))
    finally:
        holder.rollback()
        holder.close()
    for run in (result, offline):
        no_traceback(run)
        assert run.returncode == 0
        [warning] = warnings_of(run)
        assert "database is locked" in warning
    # both read a private copy of the locked cache: offline still answers from it
    assert verdict(result)["status"] in ("verified", "partial")
    assert verdict(offline)["status"] in ("verified", "partial")


def test_a_full_disk_under_the_cache_is_one_warning(tmp_path: Path, manuscript: Path, httpserver: HTTPServer) -> None:
    """A file-size limit (RLIMIT_FSIZE) makes every write past it fail as a full disk does."""
    cache = filled_cache(tmp_path, manuscript, httpserver)
    # another base URL: a new answer to store, far larger than the room left
    httpserver.expect_request(f"/more{PREFIX['openlibrary']}/search.json").respond_with_json(
        {**FOUND, "padding": "x" * 200_000})
    size = max(p.stat().st_size for p in cache.iterdir())

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 64 * 1024, size + 64 * 1024))

    result = sourcecheck("check", str(manuscript), "--cache-dir", str(cache), "-f", "json",
                         *ONLY_OPEN_LIBRARY, base=base_of(httpserver) + "/more", preexec_fn=limit)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    [warning] = warnings_of(result)
    assert "could not store an answer (disk full?)" in warning
    assert verdict(result)["status"] in ("verified", "partial")
    with sqlite3.connect(cache / "http-cache.sqlite") as db:  # the cache is still intact afterwards
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- answers without the documented shape ------------------------------------------------------

#: One look-up per service, the path it asks, and a manuscript line that makes it.
SERVICE_CASES = {
    "openlibrary": ("/search.json", MANUSCRIPT.splitlines()[-1]),
    "googlebooks": ("/volumes", MANUSCRIPT.splitlines()[-1]),
    "crossref": ("/works/10.1371/journal.pone.0033693", "[1] Jane Roe, “A Study,” PLoS ONE 7, no. 3 (2012): e33693, https://doi.org/10.1371/journal.pone.0033693."),
    "dnb": ("", "[1] Hermann Weber, Terror. Stalinistische Parteisäuberungen, Paderborn: Schöningh 2001, S. 3."),
    "wayback": ("", "[1] Memorial, Victims of Political Terror, online: https://example.com/page, accessed 03.05.2020."),
}
SERVICE_LABEL = {"openlibrary": "Open Library", "googlebooks": "Google Books", "crossref": "Crossref",
                 "dnb": "Deutsche Nationalbibliothek", "wayback": "Wayback Machine"}


@pytest.mark.parametrize("service", list(SERVICE_CASES))
def test_an_answer_without_the_documented_fields_is_unexpected_and_never_cached(
    tmp_path: Path, httpserver: HTTPServer, service: str
) -> None:
    path, line = SERVICE_CASES[service]
    manuscript = tmp_path / "chapter.txt"
    manuscript.write_text(f"Text.[1]\n\n{line}\n", encoding="utf-8")
    body, kind = (b"<ok/>", "application/xml") if service == "dnb" else (b"{}", "application/json")
    httpserver.expect_request(re.compile(f"^{PREFIX[service]}")).respond_with_data(body, content_type=kind)
    only = [f"--no-provider={p}" for p in PROVIDERS if p != service]
    cache = tmp_path / "cache"
    result = sourcecheck("check", str(manuscript), "--cache-dir", str(cache), "-f", "json", "--fail-on", "never",
                         *only, base=base_of(httpserver))
    no_traceback(result)
    v = verdict(result)
    assert v["status"] == "unverifiable", v
    assert f"unexpected answer from {SERVICE_LABEL[service]}" in v["reason"]
    assert "LK110" not in result.stdout
    offline = sourcecheck("check", str(manuscript), "--cache-dir", str(cache), "-f", "json", "--offline",
                          "--fail-on", "never", *only, base=base_of(httpserver))
    assert verdict(offline)["reason"] == "offline and not in the cache"  # the odd answer was not kept


def test_only_a_documented_no_results_is_not_found(tmp_path: Path, manuscript: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_json({"numFound": 0, "docs": []})
    result = check_json(manuscript, tmp_path / "cache", base=base_of(httpserver))
    v = verdict(result)
    assert (v["status"], v["reason"]) == ("not-found", "not in Open Library")
    offline = check_json(manuscript, tmp_path / "cache", "--offline", base=base_of(httpserver))
    assert verdict(offline)["status"] == "not-found"  # a real miss is kept, as documented


# -- timeouts and connection failures name the service -------------------------------------------

def test_a_timeout_says_which_service_did_not_answer_in_how_long(tmp_path: Path, manuscript: Path) -> None:
    server = HTTPServer(threaded=True)
    server.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_handler(
        lambda _request: (time.sleep(1.5), Response("{}", content_type="application/json"))[1])
    server.start()
    try:
        project = tmp_path
        (project / "pyproject.toml").write_text("[tool.sourcecheck]\ntimeout = 0.5\nretries = 0\n")
        result = check_json(manuscript, tmp_path / "cache", base=base_of(server))
    finally:
        server.clear()
        server.stop()
    no_traceback(result)
    assert verdict(result)["reason"] == "Open Library did not answer within 0.5 s"


def test_a_refused_connection_names_the_service_and_host(tmp_path: Path, manuscript: Path) -> None:
    port = closed_port()
    result = check_json(manuscript, tmp_path / "cache", base=f"http://127.0.0.1:{port}")
    no_traceback(result)
    assert verdict(result)["reason"] == f"cannot reach Open Library (127.0.0.1:{port}): connection refused"


# -- hostile text ------------------------------------------------------------------------------

def test_a_note_of_thousands_of_initials_is_checked_in_seconds(tmp_path: Path) -> None:
    manuscript = tmp_path / "hostile.txt"
    manuscript.write_text("Text.[1] More.[2]\n\n[1] " + "A. B. C. " * 800 + "\n\n[2] " + "A. B. C. " * 3000 + "\n")
    result = sourcecheck("check", str(manuscript), "--offline", "--cache-dir", str(tmp_path / "c"), "-f", "json",
                         "--fail-on", "never", timeout=60)
    no_traceback(result)
    notes = json.loads(result.stdout)["notes"]
    assert notes[1]["citations"][0]["reason"] == f"too long to parse ({len(notes[1]['text'])} characters)"
    assert len(notes[1]["text"]) > 20_000
    assert not (notes[0]["citations"][0].get("reason") or "").startswith("too long")  # 7 KB is parsed


# -- configuration -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.sourcecheck]\ntimeout = inf\n", "[tool.sourcecheck] timeout: expected a finite number, got inf"),
        ("[tool.sourcecheck]\ntimeout = nan\n", "[tool.sourcecheck] timeout: expected a finite number, got nan"),
        ("[tool]\nsourcecheck = 5\n", "[tool.sourcecheck] must be a table, got 5"),
        ("[tool.sourcecheck]\nretries = 1000000\n", "[tool.sourcecheck] retries: must be between 0 and 10, got 1000000"),
        ("[tool.sourcecheck]\nconcurrency = 1000\n", "[tool.sourcecheck] concurrency: must be between 1 and 64, got 1000"),
    ],
)
def test_a_bad_configuration_is_one_line_and_exit_2(tmp_path: Path, manuscript: Path, text: str, message: str) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(text)
    for args in (["check", str(manuscript), "--offline"], ["config", str(tmp_path)]):
        result = sourcecheck(*args, "--cache-dir", str(tmp_path / "c")) if args[0] == "check" else sourcecheck(*args)
        no_traceback(result)
        assert result.returncode == 2
        assert result.stderr == f"Error: {config}: {message}\n"


# -- Ctrl-C ------------------------------------------------------------------------------------

def test_ctrl_c_exits_130_and_leaves_the_previous_report(tmp_path: Path, manuscript: Path) -> None:
    asked = threading.Event()

    def slow(_request: Request) -> Response:
        asked.set()
        time.sleep(3)
        return Response(json.dumps(FOUND), content_type="application/json")

    server = HTTPServer(threaded=True)
    server.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_handler(slow)
    server.start()
    report = tmp_path / "report.json"
    report.write_text("the previous report\n")
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "sourcecheck", "check", str(manuscript), "--cache-dir", str(tmp_path / "cache"),
             "-f", "json", "-o", str(report), *ONLY_OPEN_LIBRARY],
            env=env_for(base_of(server)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert asked.wait(60), "the look-up never reached the server"
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        stopped_after = time.monotonic() - started
    finally:
        server.clear()
        server.stop()
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "interrupted"
    assert stopped_after < 2.5  # the slow look-up was not waited for
    assert report.read_text() == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert manuscript.read_text(encoding="utf-8") == MANUSCRIPT


# -- the test suite itself ---------------------------------------------------------------------

def test_without_shared_the_skips_are_one_line(tmp_path: Path) -> None:
    """A checkout with no ../shared beside it: the marked tests skip with one summary line."""
    project = tmp_path / "checkout"
    (project / "tests").mkdir(parents=True)
    for name in ("__init__.py", "conftest.py", "shared.py"):
        (project / "tests" / name).write_text((ROOT / "tests" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (project / "tests" / "test_some.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.shared\ndef test_reads_the_sample():\n    assert False\n\n"
        "@pytest.mark.shared\n@pytest.mark.parametrize('n', [1, 2])\ndef test_reads_real(n):\n    assert False\n\n"
        "def test_runs_anywhere():\n    assert True\n",
        encoding="utf-8",
    )
    (project / "setup.cfg").write_text((ROOT / "setup.cfg").read_text(encoding="utf-8"), encoding="utf-8")
    assert not (tmp_path / "shared").exists()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                            cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    summary = [line for line in lines if "skipped:" in line]
    assert summary == ["3 tests skipped: needs ../shared (the sample and real manuscripts, kept out of the "
                       "project) — not beside this checkout"]
    assert not [line for line in lines if line.startswith("SKIPPED")]
    assert "1 passed, 3 skipped" in lines[-1]


def test_parse_refs_from_stdin_warns_of_nothing(tmp_path: Path) -> None:
    """No deprecation warning from the project's own code (click.get_text_stream is gone)."""
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-m", "sourcecheck", "parse-refs"],
        input="Ibid., p. 12.\n", capture_output=True, text=True, env=env_for("http://127.0.0.1:9"), timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)[0]["kind"] == "ibid"
