"""Reports an editor acts on: a truthful verdict, what to fix first, nothing cut, nothing doubled.

HTML, Markdown and text say the same verdict (errors → needs fixing, warnings → needs attention,
else clean) and say so when no catalogue was consulted; HTML and Markdown list the findings most
severe first; the HTML page links every finding to its note, collapses clean notes, colours only
borders and badges, names its links and speaks no command-line options.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from checkers.findings import ERROR, INFO, WARNING, Finding
from checkers.result import UNVERIFIABLE, CheckResult, Verification
from citations.model import Citation, Locator, Manuscript, Marker, Note
from reports import html, markdown, render, text
from tests.report_factories import (
    LONG_URL,
    RULE_LOCATOR,
    RULE_NOTE,
    RULE_UNPARSED,
    every_code_result,
    register_test_rules,
    small_result,
)


@pytest.fixture(autouse=True)
def _rules(monkeypatch: pytest.MonkeyPatch) -> None:
    register_test_rules(monkeypatch)


def soup(result: CheckResult) -> BeautifulSoup:
    return BeautifulSoup(html.write(result), "html.parser")


def with_findings(*severities: str, looked_up: bool = True) -> CheckResult:
    result = small_result()
    rule = {ERROR: RULE_UNPARSED, WARNING: RULE_LOCATOR, INFO: RULE_NOTE}
    result.findings = [Finding.of(rule[s], f"a {s}", note=3, citation=0, line=24) for s in severities]
    if not looked_up:
        result.verifications = {k: Verification(UNVERIFIABLE, reason="offline and not in the cache")
                                for k in result.verifications}
    return result


# --- the verdict ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("severities", "words"),
    [
        ((ERROR, WARNING, INFO), "needs fixing"),
        ((WARNING,) * 31, "needs attention"),  # 31 warnings are never "passed"
        ((INFO, INFO), "clean"),
        ((), "clean"),
    ],
)
def test_every_report_gives_the_same_truthful_verdict(severities: tuple[str, ...], words: str) -> None:
    result = with_findings(*severities)
    page = soup(result)
    assert page.select_one(".verdict").get_text(" ", strip=True).lower().startswith(words)
    heading = markdown.write(result).splitlines()[0]
    assert heading.endswith("is clean" if words == "clean" else words)
    last = text.write(result).rstrip().splitlines()[-2]
    assert last.lower().startswith(words)
    for out in (html.write(result), markdown.write(result), text.write(result)):
        assert "Passed" not in out and "has notes" not in out and "looks good" not in out


def test_offline_says_in_so_many_words_that_sources_were_not_verified() -> None:
    result = with_findings(WARNING, looked_up=False)
    assert "Structure checked; sources not verified." in soup(result).select_one(".scope").get_text(" ", strip=True)
    assert "**Structure checked; sources not verified.**" in markdown.write(result)
    assert text.write(result).rstrip().splitlines()[-1] == "Structure checked; sources not verified."
    online = with_findings(WARNING)
    assert "5 of 11 citations looked up in catalogues" in soup(online).select_one(".scope").get_text()
    assert "not verified" not in markdown.write(online) and "not verified" not in html.write(online)


# --- "To fix" first ---------------------------------------------------------------------------

def test_to_fix_lists_every_finding_most_severe_first_with_links_to_the_notes() -> None:
    page = soup(small_result())
    items = page.select("#to-fix li")
    assert [li["class"][0] for li in items] == [ERROR, ERROR, WARNING, WARNING, INFO]
    hrefs = [li.a["href"] for li in items]
    assert hrefs == ["#manuscript", "#note-6", "#note-3", "#note-5", "#note-1"]
    assert items[1].a.get_text() == "Note 6, line 30"
    for href in hrefs:
        assert page.find(id=href[1:]) is not None
    # The list comes before the notes in the page.
    assert str(page).index('id="to-fix"') < str(page).index('id="notes"')


def test_clean_notes_are_collapsed_without_a_script() -> None:
    page = soup(small_result())
    details = page.select_one("details.clean")
    assert details.summary.get_text() == "2 notes with nothing to fix"
    assert [a["id"] for a in details.select("article.note")] == ["note-2", "note-4"]
    assert not details.has_attr("open") and page.find("script") is None


def test_summary_counts_each_code_and_links_its_notes() -> None:
    result = small_result()
    result.findings.append(Finding.of(RULE_LOCATOR, "again", note=3, citation=0, line=24))
    rows = {tr.code.get_text(): tr for tr in soup(result).select("table.codes tbody tr")}
    assert rows["TS902"].select_one("td.n").get_text() == "2"
    assert [a["href"] for a in rows["TS902"].select("td.notes a")] == ["#note-5", "#note-3"]
    assert [a["href"] for a in rows["TS901"].select("td.notes a")] == ["#note-6"]


# --- colour, wrapping, links, words -------------------------------------------------------------

def test_colour_only_on_borders_and_badges_and_pages_wrap_on_a_phone() -> None:
    style = soup(small_result()).style.get_text()
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", style)
    for selector, body in rules:
        for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
            if re.search(r"var\(--(error|warning|info|ok)\)", value):
                assert prop in ("background", "border-left-color"), f"{selector.strip()} {{{prop}: {value}}}"
    assert re.search(r"body\s*\{[^}]*overflow-wrap:\s*anywhere", style)
    assert re.search(r"\.scroll\s*\{[^}]*overflow-x:\s*auto", style)
    page = soup(small_result())
    for table in page.select("table"):
        assert table.parent.name == "div" and "scroll" in table.parent["class"]


def test_links_say_where_they_go() -> None:
    result = every_code_result()
    page = soup(result)
    texts = [a.get_text(" ", strip=True) for a in page.find_all("a") if a["href"].startswith("http")]
    assert "Open Library record OL7654321M" in texts
    assert "archived copy of 12 May 2021" in texts
    assert "the cited page on www.example.org" in texts
    assert not [t for t in texts if t.lower() in ("link", "wayback", "openlibrary", "here")]


def test_every_url_in_a_hint_is_a_link_named_after_its_catalogue() -> None:
    result = small_result()
    result.findings.append(Finding("AR120", INFO, "RGASPI f. 496 is not in the registry", note=5, citation=2,
                                   line=28, hint="Check f. 496 in Central Fund Catalogue (Rosarkhiv): "
                                                 "http://cfc.rusarchives.ru/CFC-search/"))
    result.findings.append(Finding("TS902", WARNING, "x", note=5, citation=1, line=28,
                                   hint=f"See {LONG_URL}, then add the page."))
    page = soup(result)
    hints = page.select("#note-5 .hint")
    catalogue = next(h for h in hints if "Central Fund" in h.get_text())
    assert catalogue.a["href"] == "http://cfc.rusarchives.ru/CFC-search/"
    assert catalogue.a.get_text() == "Central Fund Catalogue (Rosarkhiv)"
    assert "http" not in catalogue.get_text()
    other = next(h for h in hints if "then add the page" in h.get_text())
    assert other.a["href"] == LONG_URL


def test_no_command_line_options_in_the_editors_page() -> None:
    page = soup(every_code_result())
    visible = page.body.get_text(" ")
    assert not re.search(r"(?<![\w-])--?[a-z][\w-]*\b(?![\w-])", visible.replace("—", " ")), \
        re.findall(r"(?<![\w-])--?[a-z][\w-]+", visible)
    assert html.editor_words("cite it in a note or remove the entry (for a whole library, --ignore BB102)") \
        == "cite it in a note or remove the entry"
    assert html.editor_words("An entry is never cited (a warning with --strict).") == "An entry is never cited."
    assert html.editor_words("A --library file cannot be read.") == "A library file cannot be read."


# --- Markdown and text ---------------------------------------------------------------------------

def test_markdown_findings_are_sorted_by_severity() -> None:
    rows = [line for line in markdown.write(small_result()).splitlines() if line.startswith("| ") and "TS9" in line]
    severities = [row.split(" | ")[2].strip("*") for row in rows]
    assert severities == ["error", "error", "warning", "warning", "info"]


def test_text_report_at_80_columns_cuts_nothing() -> None:
    result = every_code_result()
    long = "a message long enough to need three lines at eighty columns " * 3
    result.findings.append(Finding("SC405", WARNING, long.strip(), note=3, citation=0, line=24))
    out = text.write(result, width=80)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    flat = " ".join(out.split())
    assert " ".join(long.split()) in flat  # wrapped, not cut
    from reports.common import known_rules

    for code, rule in known_rules().items():
        if any(f.code == code for f in result.findings):
            assert re.search(rf"\b{code}\s+{re.escape(rule.name)}\s", out), code
    assert "…" not in out.replace("“<script>alert(1)</script> & …”", "").replace("(f. …", "").replace(
        "op. …", "").replace("d. …)", "").replace("GARF …", "").replace("10.1234/…", "").replace(
        "chapter…", "").replace("“see …”", "")


def test_text_report_shows_the_note_in_the_normal_colour() -> None:
    out = text.write(small_result(), color=True)
    line = next(x for x in out.splitlines() if "Rogovin, Stalin’s Terror, Oak Park" in x)
    assert "\x1b[2m" not in line  # not dim


# --- locators ------------------------------------------------------------------------------------

def test_no_report_doubles_a_locator() -> None:
    ibid = Citation("Ibid., p. 325.", kind="ibid", resolves_to=(1, 0), locator=Locator("page", "325"))
    short = Citation("The Diary of Georgi Dimitrov, p. 67.", kind="short", resolves_to=(1, 0),
                     locator=Locator("page", "67"))
    book = Citation("Rogovin, Stalin’s Terror, p. 307.", csl={"type": "book", "title": "Stalin’s Terror",
                    "author": [{"family": "Rogovin"}]}, locator=Locator("page", "307"))
    ms = Manuscript("x.txt", "text", [Note(1, book.text, 1, [book]), Note(2, ibid.text, 3, [ibid]),
                                      Note(3, short.text, 5, [short])], [Marker(str(n), n, 1) for n in (1, 2, 3)])
    result = CheckResult(ms, [Finding.of(RULE_LOCATOR, "x", note=n, citation=0, line=n) for n in (1, 2, 3)])
    for fmt in ("html", "markdown", "text", "json", "sarif", "junit", "github"):
        out = render(result, fmt, verbose=True)
        for doubled in ("p. 325., p. 325", "p. 67., p. 67", "p. 307., p. 307", "p. 307, p. 307"):
            assert doubled not in out, fmt
    cited = [li.get_text(" ", strip=True) for li in soup(result).select("ol.citations > li")]
    assert any("Rogovin · Stalin’s Terror, p. 307" in c for c in cited)
    assert sum(c.count("p. 325") for c in cited) == 1
