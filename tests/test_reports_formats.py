"""Each report format is valid for the tools that read it, and manuscript text cannot break out."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from checkers.findings import ERROR, Finding
from checkers.result import CheckResult
from citations.model import Citation, Manuscript, Note
from reports import FORMATS, github, html, json_report, junit, markdown, render, sarif
from sourcecheck.cli import cli
from tests.report_factories import SAMPLE, register_test_rules, small_result

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The official SARIF 2.1.0 schema (rtm.5), vendored from @microsoft/jest-sarif; see fixtures/sarif/README.md.
SARIF_SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
needs_sample = pytest.mark.shared


@pytest.fixture(autouse=True)
def _rules(monkeypatch: pytest.MonkeyPatch) -> None:
    register_test_rules(monkeypatch)


JSON_VALIDATOR = jsonschema.Draft202012Validator(
    json_report.schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
SARIF_VALIDATOR = jsonschema.Draft4Validator(SARIF_SCHEMA)


def validate_json_report(data: dict) -> None:
    JSON_VALIDATOR.validate(data)


def validate_sarif(data: dict) -> None:
    SARIF_VALIDATOR.validate(data)


# --- JSON -------------------------------------------------------------------------------------

def test_json_report_follows_its_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_report.schema())
    data = json.loads(json_report.write(small_result()))
    validate_json_report(data)
    assert data["schema_version"] == json_report.SCHEMA_VERSION
    assert data["summary"]["works"] == 9
    assert data["notes"][2]["citations"][0]["verification"]["status"] == "partial"
    assert set(data["rules"]) == {"TS901", "TS902", "TS903", "TS904"}


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(lambda d: d["findings"][0].update(severity="fatal"), id="unknown-severity"),
        pytest.param(lambda d: d["notes"][0]["citations"][0].update(kind="maybe"), id="unknown-kind"),
        pytest.param(lambda d: d["summary"].pop("works"), id="missing-summary-field"),
        pytest.param(lambda d: d["notes"][2]["citations"][0]["verification"].update(status="ok"), id="unknown-status"),
    ],
)
def test_json_schema_rejects_reports_that_break_it(break_it) -> None:
    data = json_report.document(small_result())
    break_it(data)
    with pytest.raises(jsonschema.ValidationError):
        validate_json_report(data)


# --- SARIF ------------------------------------------------------------------------------------

def test_sarif_is_valid_against_the_official_schema_with_rules_and_locations() -> None:
    data = json.loads(sarif.write(small_result()))
    validate_sarif(data)
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert {"TS901", "TS902", "TS903", "TS904"} <= set(by_id)
    assert {"SC101", "SC201", "SC407"} <= set(by_id)  # every known code, found or not
    assert [r["id"] for r in rules] == sorted(by_id)
    assert by_id["TS901"]["shortDescription"]["text"] == "A citation could not be read."
    assert by_id["TS901"]["defaultConfiguration"]["level"] == "error"
    assert by_id["TS904"]["defaultConfiguration"]["level"] == "note"
    located = next(r for r in run["results"] if r["ruleId"] == "TS903")
    physical = located["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "chapter.txt", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 24}}
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_sarif_fingerprints_do_not_depend_on_the_line() -> None:
    a, b = small_result(), small_result()
    for f in b.findings:
        f.line = (f.line or 0) + 40
    fa = [r["partialFingerprints"] for r in sarif.document(a)["runs"][0]["results"]]
    fb = [r["partialFingerprints"] for r in sarif.document(b)["runs"][0]["results"]]
    assert fa == fb


def test_sarif_for_standard_input_has_no_file_location() -> None:
    data = sarif.document(small_result(source="<stdin>"))
    validate_sarif(data)
    assert all("physicalLocation" not in loc for r in data["runs"][0]["results"] for loc in r.get("locations", []))


# --- JUnit ------------------------------------------------------------------------------------

def test_junit_has_one_case_per_note_and_failures_for_errors() -> None:
    root = ET.fromstring(junit.write(small_result()))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["manuscript"] + [f"note {n}" for n in range(1, 7)]
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["manuscript", "note 6"]
    assert suite.get("tests") == "7" and suite.get("failures") == "2"
    note6 = cases[-1]
    assert note6.get("line") == "30" and note6.get("file") == "chapter.txt"
    assert "<script>alert(1)</script>" in note6.find("failure").text  # escaped in XML, intact as text
    assert "TS902" in cases[5].find("system-out").text  # a warning is output, not a failure


def test_junit_fail_on_warning_fails_notes_with_warnings() -> None:
    root = ET.fromstring(junit.write(small_result(), fail_on="warning"))
    failed = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed == ["manuscript", "note 3", "note 5", "note 6"]


def test_junit_drops_characters_xml_cannot_carry() -> None:
    ms = Manuscript("x.txt", "text", [Note(1, "bad \x0b\x01 char", 3, [Citation("bad \x0b", kind="unparsed")])])
    result = CheckResult(ms, findings=[Finding("TS901", ERROR, "bad \x01 text", note=1, citation=0)])
    root = ET.fromstring(junit.write(result))
    assert "bad  text" in root.find(".//failure").text


# --- HTML -------------------------------------------------------------------------------------

def test_html_shows_a_script_from_the_manuscript_as_text() -> None:
    page = html.write(small_result())
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None
    assert soup.find("b") is None  # "<b>this</b>" in a finding message stays text too
    assert "<script>alert(1)</script>" in soup.get_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_is_self_contained_and_links_catalogue_records() -> None:
    soup = BeautifulSoup(html.write(small_result()), "html.parser")
    assert not soup.find_all(["script", "link", "img", "iframe"])
    assert all(not tag.get("src") for tag in soup.find_all(True))
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert "https://openlibrary.org/books/OL7654321M" in hrefs
    assert "#note-3" in hrefs  # the Ibid. in note 4 links to the note it repeats
    assert all(h.startswith(("https://", "http://", "#")) for h in hrefs)
    # Notes with something to say first, in manuscript order; clean notes collapsed after them.
    assert [a["id"] for a in soup.select("article.note")] == ["note-1", "note-3", "note-5", "note-6", "note-2", "note-4"]
    assert [a["id"] for a in soup.select("details.clean article.note")] == ["note-2", "note-4"]


def test_html_never_links_a_javascript_url_from_the_manuscript() -> None:
    csl = {"type": "webpage", "title": "x", "URL": "javascript:alert(1)"}
    ms = Manuscript("x.txt", "text", [Note(1, "x", 1, [Citation("x", csl=csl)])])
    soup = BeautifulSoup(html.write(CheckResult(ms)), "html.parser")
    assert not [a for a in soup.find_all("a") if "javascript" in a.get("href", "")]


# --- Markdown and GitHub ----------------------------------------------------------------------

def test_markdown_escapes_manuscript_text() -> None:
    out = markdown.write(small_result())
    assert "<script>" not in out and "<b>" not in out
    assert r"\<script\>alert(1)\</script\>" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "TS9" in line]
    assert all(line.count(" | ") == 5 for line in rows)  # no stray cell separators


@pytest.mark.parametrize(
    ("function", "text", "expected"),
    [
        (github.escape_data, "100% sure", "100%25 sure"),
        (github.escape_data, "one\r\ntwo", "one%0D%0Atwo"),
        (github.escape_data, "a: b, c", "a: b, c"),
        (github.escape_property, "a: b, c", "a%3A b%2C c"),
        (github.escape_property, "50%\n", "50%25%0A"),
    ],
)
def test_github_escaping(function, text: str, expected: str) -> None:
    assert function(text) == expected


def test_github_annotations_one_per_finding() -> None:
    lines = github.write(small_result()).splitlines()
    assert lines[2] == (
        "::error file=chapter.txt,line=30,title=TS901 unparsed-citation::Cannot read “<script>alert(1)</script> & …”"
        " as a citation.%0AWrite it as author, title, place: publisher year, page."
    )
    assert lines[0].startswith("::notice file=chapter.txt,line=20,")
    assert lines[4] == "::error file=chapter.txt,title=TS901 unparsed-citation::Manuscript-level problem,%0Asecond line"
    assert lines[-1].startswith("sourcecheck: 6 notes, 11 citations: 2 errors")


def test_github_property_values_are_escaped() -> None:
    result = small_result(source="my: book, draft.txt")
    assert github.write(result).splitlines()[0].startswith("::notice file=my%3A book%2C draft.txt,line=20,")


# --- check --format … on the command line ------------------------------------------------------

SCRIPT_MANUSCRIPT = """\
Body text with a note.[1] And another.[2]

Notes

[1] <script>alert(1)</script> Vadim Rogovin, Stalin’s Terror of 1937–1938, Oak Park: Mehring Books 2009, p. 307.

[2] Ibid., p. <img src=x onerror=alert(2)>.
"""


def check(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(cli, ["check", str(path), "--offline", "--format", fmt], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_check_html_from_a_manuscript_with_a_script_has_no_script_element(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text(SCRIPT_MANUSCRIPT, encoding="utf-8")
    soup = BeautifulSoup(check(path, "html"), "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert "<script>alert(1)</script>" in soup.get_text()


def test_check_lists_every_report_format() -> None:
    out = CliRunner().invoke(cli, ["check", "--help"]).output
    for fmt in ("json", "html", "markdown", "junit", "sarif", "github"):
        assert fmt in out


@needs_sample
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "markdown", "html"])
def test_check_offline_on_the_sample_gives_valid_output(fmt: str) -> None:
    out = check(SAMPLE, fmt)
    if fmt == "json":
        data = json.loads(out)
        validate_json_report(data)
        assert len(data["notes"]) == 22 and data["summary"]["citations"] == 27  # parser-dependent
        assert data["summary"]["works"] == 25
    elif fmt == "sarif":
        validate_sarif(json.loads(out))
    elif fmt == "junit":
        root = ET.fromstring(out)
        assert len(root.findall("testsuite/testcase")) == 22 + 1
    elif fmt == "github":
        assert all(line.startswith(("::error ", "::warning ", "::notice ", "sourcecheck: ")) for line in out.splitlines())
    elif fmt == "markdown":
        assert out.startswith("### sourcecheck: ")
    else:
        soup = BeautifulSoup(out, "html.parser")
        assert len(soup.select("article.note")) == 22 and soup.find("script") is None


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_an_empty_manuscript(fmt: str) -> None:
    assert render(CheckResult(Manuscript("empty.txt", "text")), fmt).strip()


def test_check_passes_fail_on_to_the_junit_report(tmp_path: Path) -> None:
    path = tmp_path / "warn.txt"
    path.write_text(
        "A sentence.[1]\n\nNotes\n\n[1] Chinese Wikipedia (accessed 29.7.2025).\n", encoding="utf-8"
    )
    runner = CliRunner()
    default = runner.invoke(cli, ["check", str(path), "--offline", "-f", "junit"], catch_exceptions=False)
    strict = runner.invoke(cli, ["check", str(path), "--offline", "-f", "junit", "--fail-on", "warning"],
                           catch_exceptions=False)
    assert default.exit_code == 0 and strict.exit_code == 1
    assert ET.fromstring(default.output).get("failures") == "0"
    assert ET.fromstring(strict.output).get("failures") == "1"


def test_html_shows_the_archive_and_fond_of_archival_citations_with_links() -> None:
    result = small_result()
    result.extras["archival"] = [
        {"note": 1, "citation": 0,
         "archive": {"acronym": "RGASPI", "name": "Russian State Archive of Socio-Political History",
                     "city": "Moscow", "website": "https://rgaspi.su/"},
         "fond": {"number": "495", "name": "ECCI <IKKI>"},
         "links": [{"name": "Catalogue", "url": "http://cfc.rusarchives.ru/CFC-search/"},
                   {"name": "Bad", "url": "javascript:alert(1)"}]},
        "not a dict",
    ]
    soup = BeautifulSoup(html.write(result), "html.parser")
    note1 = soup.find(id="note-1")
    assert "Russian State Archive of Socio-Political History, Moscow · f. 495: ECCI <IKKI>" in note1.get_text(" ")
    assert [a["href"] for a in note1.find_all("a")] == ["https://rgaspi.su/", "http://cfc.rusarchives.ru/CFC-search/"]


def test_markdown_keeps_a_long_report_comment_sized_with_the_errors_first() -> None:
    result = small_result()
    result.findings = [Finding("TS902", "warning", f"warning {i}", note=5, line=28) for i in range(300)]
    result.findings.insert(250, Finding("TS901", ERROR, "the one error", note=6, line=30))
    out = markdown.write(result, max_rows=20)
    rows = [line for line in out.splitlines() if line.startswith("| ") and "TS90" in line]
    assert len(rows) == 20
    assert any("the one error" in row for row in rows)
    assert "… and 281 more findings" in out
