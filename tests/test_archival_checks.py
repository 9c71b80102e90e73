"""The AR1xx checks: malformed references, unknown archives, fonds not in the registry; the
run_checks step; fond pages read from a (hand-made) archive page on a local server."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from citations.archival import find_archival
from citations.model import FULL, UNPARSED, ArchivalRef, Citation, Manuscript, Note
from checkers.archives import (
    check_archival,
    describe_archival,
    fetch_fond_name,
    load_registry,
    parse_fond_page,
    reference_problems,
    registry,
    step,
)
from checkers.config import Settings
from checkers.findings import RULES
from checkers.result import CheckResult
from tests.shared import REASON as SHARED_REASON

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "archives"
SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"


def manuscript(*texts: str, parsed: bool = False) -> Manuscript:
    """Notes 1..n; each text is one citation, unparsed (the parser's fallback) or with `archival` filled."""
    notes = []
    for n, text in enumerate(texts, start=1):
        if parsed:
            [m] = find_archival(text)
            citation = Citation(text, FULL, {"type": "manuscript"}, archival=m.ref)
        else:
            citation = Citation(text, UNPARSED, reason="test")
        notes.append(Note(n, text, n * 2, [citation]))
    return Manuscript("test.txt", "text", notes)


def codes(findings) -> list[tuple[int | None, str]]:  # type: ignore[no-untyped-def]
    return [(f.note, f.code) for f in findings]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("RGASPI f. 495, op. 18, d. 213, l. 6–7", []),
        ("RGASPI op. 18, d. 213", ["AR101", "AR101"]),           # opis and delo without a fond
        ("RGASPI f. 495, l. 6", ["AR101"]),                      # folios without a delo
        ("RGASPI f. 495, op. 18, l. 6, d. 213", ["AR102"]),      # folios before the delo
        ("RGASPI f. 495, op. 18, d. 213, l. 17–12", ["AR103"]),  # a range backwards
        ("RGASPI f. 495, op. 18, d. 213, ll. 3, 9–5", ["AR103"]),
        ("RGASPI f. 495, op. 18, d. 213, l. 7 ob.–7", ["AR103"]),  # verso before its recto
        ("RGASPI f. 495, op. 18, d. 213, l. 7–7 ob.", []),
        ("SAPMO-BArch, RY 1/I 2/3/45, Bl. 15–12", ["AR103"]),
    ],
)
def test_malformed_references_are_errors(text: str, expected: list[str]) -> None:
    [m] = find_archival(text)
    found = [code for code, _ in reference_problems(m.ref, m)]
    assert found == expected
    for code in found:
        assert RULES[code].severity == "error"


def test_check_reports_unknown_archive_as_warning_once() -> None:
    ms = manuscript("GARF f. 1, op. 1, d. 1", parsed=True)
    ms.notes[0].citations[0].archival = ArchivalRef("XYZA", "1", "1", "1")
    ms.notes.append(Note(2, "again", 4, [Citation("again", FULL, archival=ArchivalRef("XYZA", "2", "1", "1"))]))
    findings = check_archival(ms)
    assert codes(findings) == [(1, "AR110")]
    assert findings[0].severity == "warning"
    assert "not in the registry" in findings[0].message


def test_check_reports_an_archive_the_registry_lacks_from_the_note_text() -> None:
    ms = manuscript("TsGAIPD SPb, f. 24, op. 2, d. 3, l. 4.", "TsGAIPD SPb, f. 24, op. 2, d. 5.", parsed=True)
    findings = check_archival(ms)
    assert [(f.note, f.code, f.message) for f in findings] == [
        (1, "AR110", "archive 'TsGAIPD SPb' is not in the registry")
    ]


def test_check_reports_fond_not_in_registry_as_info_once_with_a_catalogue_hint() -> None:
    ms = manuscript("RGASPI f. 496, op. 1, d. 2, l. 29–96", "RGASPI f. 496, op. 1, d. 3", parsed=True)
    findings = check_archival(ms)
    assert codes(findings) == [(1, "AR120")]
    f = findings[0]
    assert f.severity == "info"
    assert f.message == "RGASPI f. 496 is not in the registry"
    assert "wrong" not in f.message
    assert f.hint and "cfc.rusarchives.ru" in f.hint


def test_check_known_fonds_give_no_findings() -> None:
    ms = manuscript("RGASPI f. 495, op. 18, d. 213, l. 6–7", "GARF f. 9401, op. 2, d. 64", parsed=True)
    assert check_archival(ms) == []


def test_check_reports_former_name_and_missing_archive() -> None:
    ms = manuscript("RTsKhIDNI, f. 495, op. 74, d. 124, l. 2", "Cited from f. 533, op. 10, d. 1950.")
    assert codes(check_archival(ms)) == [(1, "AR121"), (2, "AR111")]


def test_check_reads_unparsed_citations_but_not_parsed_ones_without_archival() -> None:
    ms = manuscript("RGASPI f. 496, op. 1, d. 2")
    assert codes(check_archival(ms)) == [(1, "AR120")]
    ms.notes[0].citations[0].kind = FULL  # parsed as something else: not an archival citation
    assert check_archival(ms) == []


def test_step_adds_findings_and_descriptions() -> None:
    ms = manuscript("RGASPI f. 496, op. 1, d. 2, l. 29–96", "RGASPI f. 495, op. 18, d. 213, l. 6–7", parsed=True)
    result = CheckResult(ms)
    step(ms, Settings(offline=True), result, None)
    assert codes(result.findings) == [(1, "AR120")]
    described = result.extras["archival"]
    assert [(d["note"], d["canonical"]) for d in described] == [
        (1, "RGASPI f. 496, op. 1, d. 2, ll. 29–96"),
        (2, "RGASPI f. 495, op. 18, d. 213, ll. 6–7"),
    ]
    assert described[1]["fond"]["name"].startswith("Executive Committee")


def test_run_checks_on_the_sample_reports_only_the_unregistered_fond() -> None:
    if not SAMPLE.exists():
        pytest.skip(SHARED_REASON)
    from citations import load
    from checkers.run import run_checks

    result = run_checks(load(SAMPLE), Settings(offline=True))
    archival = [(f.note, f.code) for f in result.findings if f.code.startswith("AR")]
    assert archival == [(8, "AR120")]
    assert [d["canonical"] for d in result.extras["archival"]] == [
        "RGASPI f. 495, op. 18, d. 213, ll. 6–7",
        "RGASPI f. 496, op. 1, d. 2, ll. 29–96",
        "GARF f. 10035, op. 1, d. P-54560",
    ]


# --- fond pages ---------------------------------------------------------------------------------


def test_fond_page_name_is_read_with_its_selector() -> None:
    html = (FIXTURES / "fond-page-handmade.html").read_bytes()
    assert parse_fond_page(html, "h1.fond-title") == "Communist International (Comintern), Executive Committee"
    assert parse_fond_page(html, "h2.missing") is None


class _Client:
    """The part of checkers.http.HttpClient that fetch_fond_name uses, over plain requests."""

    def __init__(self) -> None:
        import requests

        self.session = requests.Session()

    def get(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return self.session.get(url, headers=headers, timeout=5)


def _registry_with_fond_pages(tmp_path: Path, base: str):  # type: ignore[no-untyped-def]
    import json
    from importlib import resources

    raw = json.loads(resources.files("checkers").joinpath("data/archives.json").read_text("utf-8"))
    raw["archives"]["RGASPI"]["fond_page"] = {"url": base + "/fonds/{fond}", "name_selector": "h1.fond-title"}
    path = tmp_path / "archives.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return load_registry(path)


def test_fond_name_is_fetched_from_a_fond_page_on_a_local_server(httpserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = (FIXTURES / "fond-page-handmade.html").read_text("utf-8")
    httpserver.expect_request("/fonds/496").respond_with_data(html, content_type="text/html; charset=utf-8")
    reg = _registry_with_fond_pages(tmp_path, httpserver.url_for("").rstrip("/"))
    name, url = fetch_fond_name(_Client(), reg.archives["RGASPI"], "496")
    assert name == "Communist International (Comintern), Executive Committee"
    assert url == httpserver.url_for("/fonds/496")
    info = describe_archival("RGASPI f. 496, op. 1, d. 2", reg, client=_Client())
    assert info["fond"]["status"] == "from the archive's fond page"
    assert info["fond"]["source"]["url"] == url


def test_fond_page_missing_or_unreachable_leaves_the_fond_unnamed(httpserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/fonds/999").respond_with_data("no such fond", status=404)
    reg = _registry_with_fond_pages(tmp_path, httpserver.url_for("").rstrip("/"))
    assert fetch_fond_name(_Client(), reg.archives["RGASPI"], "999")[0] is None
    down = _registry_with_fond_pages(tmp_path, "http://127.0.0.1:9")  # nothing listens on port 9
    assert fetch_fond_name(_Client(), down.archives["RGASPI"], "999")[0] is None
    info = describe_archival("RGASPI f. 999, op. 1, d. 2", down, client=_Client())
    assert info["fond"]["status"] == "not in the registry"


def test_without_a_client_nothing_is_fetched() -> None:
    # The packaged registry publishes no fond pages, and no client means no look-up at all.
    info = describe_archival("RGASPI f. 496, op. 1, d. 2")
    assert info["fond"]["status"] == "not in the registry"
    assert all(a.fond_page is None for a in registry().archives.values())


# --- robustness and layering -------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["RGASPI", "GARF", "RTsKhIDNI", "AAN", "SAPMO-BArch", "f.", "op.", "d.", "l.", "ll.", "ob.", "Ф.", "Д.",
     "495", "R-9401", "P-54560", "17–12", "7 ob.–7", "/", ",", ";", "(", ")", "KC PZPR", "sygn.", "k.", "RY 1",
     "I 2/3/45", "Bl.", "and", "p.", "t.", "2"]
)


@hsettings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=20).map(" ".join))
def test_checks_and_descriptions_never_raise(text: str) -> None:
    ms = Manuscript("x.txt", "text", [Note(1, text, 1, [Citation(text, UNPARSED)])])
    for finding in check_archival(ms):
        assert finding.code in RULES
    for m in find_archival(text):
        describe_archival(m.ref)


def test_citations_layer_does_not_import_checkers() -> None:
    import subprocess
    import sys

    code = (
        "import sys, citations, citations.archival; "
        "sys.exit(any(m == 'checkers' or m.startswith('checkers.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_fond_page_through_the_shared_http_client_and_offline(httpserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from checkers.http import HttpClient

    html = (FIXTURES / "fond-page-handmade.html").read_text("utf-8")
    httpserver.expect_request("/fonds/496").respond_with_data(html, content_type="text/html; charset=utf-8")
    reg = _registry_with_fond_pages(tmp_path, httpserver.url_for("").rstrip("/"))
    archive = reg.archives["RGASPI"]
    with HttpClient(Settings(offline=True, cache_dir=tmp_path / "cache")) as offline:
        assert fetch_fond_name(offline, archive, "496")[0] is None  # nothing cached yet, no request
    assert len(httpserver.log) == 0
    with HttpClient(Settings(cache_dir=tmp_path / "cache")) as online:
        assert fetch_fond_name(online, archive, "496")[0] == "Communist International (Comintern), Executive Committee"
    with HttpClient(Settings(offline=True, cache_dir=tmp_path / "cache")) as offline:
        assert fetch_fond_name(offline, archive, "496")[0] is not None  # now from the cache
    assert len(httpserver.log) == 1
