"""Our own bugs fail loudly (issue 15, item 6, the checkers side).

An answer of an odd shape is the service's problem: "unexpected answer from SERVICE (…)", the
citation ``unverifiable``. A bug in a provider's mapper is ours: it is not swallowed as an odd
answer but reaches the test suite as an exception and the user as "internal error — please
report" with the note it happened at, exit 70. The bug is planted by replacing one of our own
mapper functions; the catalogue is a real server on 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from checkers.providers import openlibrary
from checkers.result import CheckResult
from checkers.verify import LookupBug, lookup_step, verify_manuscript
from citations.errors import EXIT_INTERNAL, InternalError
from citations.model import Citation, Manuscript, Note
from tests.lookup_replay import PREFIX, env_for, serve_capitalism_search, serve_not_found_elsewhere, settings_for

FRIEDMAN = Citation("Friedman, Capitalism and Freedom, 1962", csl={
    "type": "book", "title": "Capitalism and Freedom", "author": [{"family": "Friedman"}],
    "issued": {"date-parts": [[1962]]}})
ARCHIVAL = Citation("RGASPI, f. 17, op. 3, d. 1", csl={"type": "manuscript", "title": "Protocol"})


def _buggy_mapper(doc: dict[str, Any], base: str) -> Any:
    return doc["no such key"]  # the kind of slip the old catch-all turned into "unexpected answer"


def test_a_bug_in_a_mapper_is_an_internal_error_naming_the_note(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_capitalism_search(httpserver)
    serve_not_found_elsewhere(httpserver)
    monkeypatch.setattr(openlibrary, "doc_to_candidate", _buggy_mapper)
    manuscript = Manuscript("m.txt", "text", [Note(1, "…", 3, [ARCHIVAL]), Note(2, "…", 5, [FRIEDMAN])])
    with pytest.raises(InternalError) as caught:
        verify_manuscript(manuscript, settings_for(httpserver, tmp_path / "cache"))
    bug = caught.value
    assert isinstance(bug, LookupBug) and bug.service == "openlibrary"
    assert bug.note == 2
    assert isinstance(bug.__cause__, KeyError)  # the original, with its traceback, is kept
    assert str(bug) == ('looking up book "Capitalism and Freedom" by Friedman 1962 in Open Library '
                        "at note 2 (KeyError: 'no such key')")


def test_an_odd_answer_is_still_the_service_s_problem_not_a_bug(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_json(
        {"numFound": 1, "docs": [{"title": "Capitalism and Freedom", "author_name": "Milton Friedman"}]})
    serve_not_found_elsewhere(httpserver)
    manuscript = Manuscript("m.txt", "text", [Note(1, "…", 3, [FRIEDMAN])])
    result = CheckResult(manuscript)
    lookup_step(manuscript, settings_for(httpserver, tmp_path / "cache"), result)
    v = result.verifications[(1, 0)]
    assert v.status == "unverifiable"
    assert "unexpected answer from Open Library (author_name is no list of strings)" in (v.reason or "")


def test_internal_errors_carry_the_note_and_the_cause() -> None:
    try:
        try:
            {}["x"]
        except KeyError as exc:
            raise InternalError("reading the note", note=7) from exc
    except InternalError as bug:
        assert str(bug) == "reading the note at note 7 (KeyError: 'x')"
    assert str(InternalError("starting")) == "starting"


def test_the_user_sees_internal_error_please_report_with_the_note(httpserver: HTTPServer, tmp_path: Path) -> None:
    serve_capitalism_search(httpserver)
    serve_not_found_elsewhere(httpserver)
    manuscript = tmp_path / "chapter.txt"
    manuscript.write_text("Text.[1] More.[2]\n\n[1] Ibid.\n[2] Milton Friedman, Capitalism and Freedom, 1962.\n",
                          encoding="utf-8")
    # the real command, with one of our own functions replaced by a buggy one
    program = (
        "import sys\n"
        "from checkers.providers import openlibrary\n"
        "def buggy(doc, base):\n"
        "    return doc['no such key']\n"
        "openlibrary.doc_to_candidate = buggy\n"
        "from sourcecheck.cli import main\n"
        f"sys.argv = ['sourcecheck', 'check', {str(manuscript)!r}, '--cache-dir', {str(tmp_path / 'cache')!r},"
        " '--no-provider=googlebooks', '--no-provider=dnb', '--no-provider=crossref', '--no-provider=wayback']\n"
        "main()\n"
    )
    base = httpserver.url_for("").rstrip("/")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            env=env_for(base, tmp_path / "cache"), cwd=Path(__file__).parent.parent, timeout=120)
    assert result.returncode == EXIT_INTERNAL, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("internal error — please report: looking up book")
    assert "in Open Library at note 2 (KeyError: 'no such key')" in last
    assert "unverifiable" not in result.stdout


# --- the parser's side -------------------------------------------------------------------------


def test_a_bug_in_the_parser_is_an_internal_error_with_the_note(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    import citations.parse as parse_module
    from citations import parse_manuscript, read_manuscript
    from citations.errors import InternalError

    def broken(text: str) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(parse_module, "_is_commentary", broken)
    with pytest.raises(InternalError) as caught:
        parse_module.parse_note("Robert Conquest, The Great Terror (London: Macmillan, 1968), 44.")
    assert "the parser failed on 'Robert Conquest" in str(caught.value) and "KeyError" in str(caught.value)
    manuscript = read_manuscript(data=b"Text.[1]\n\nNotes\n\n[1]\n\nRobert Conquest, The Great Terror.\n", format="text", source="m.txt")
    with pytest.raises(InternalError) as caught:
        parse_manuscript(manuscript)
    assert caught.value.note == 1 and "at note 1" in str(caught.value)


def test_nesting_too_deep_is_unparsed_not_a_bug(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import citations.parse as parse_module

    def too_deep(text: str) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(parse_module, "_is_commentary", too_deep)
    [citation] = parse_module.parse_note("((((((((((Title))))))))))")
    assert citation.kind == "unparsed" and citation.reason == "nested too deeply to parse"
