"""Whatever a manuscript contains, every report renders and stays valid for its reader."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers.findings import SEVERITIES, Finding
from checkers.result import STATUSES, CheckResult, Evidence, Verification
from citations.model import Citation, Manuscript, Note
from reports import render
from reports.bibliography import REF_FORMATS, render_references
from tests.test_reports_formats import validate_json_report, validate_sarif

# Any text, including markup, quotes, control characters and the odd surrogate-free code point.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "</textarea><img src=x onerror=1>", "]]>", "&amp;", "%0A", "::error ::x",
    "| cell |", "`code`", "*bold*", "\r\n", "\x00\x0b", "{{ 7*7 }}", "javascript:alert(1)", "{\\}",
])
PIECE = st.one_of(TEXT, HOSTILE)


@st.composite
def results(draw) -> CheckResult:
    notes = []
    verifications = {}
    findings = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        citations = []
        for i in range(draw(st.integers(0, 3))):
            title = draw(PIECE)
            csl = {"type": draw(st.sampled_from(["book", "chapter", "article-journal", "webpage", "manuscript"])),
                   "title": title or "t", "author": [{"family": draw(PIECE) or "A", "given": draw(PIECE)}],
                   "container-title": draw(PIECE), "URL": draw(st.sampled_from(["", "https://example.org/x?a=1&b=2", "javascript:alert(1)"])),
                   "issued": {"date-parts": [[draw(st.integers(1500, 2030))]]}}
            citations.append(Citation(draw(PIECE), csl={k: v for k, v in csl.items() if v}))
            if draw(st.booleans()):
                verifications[(number, i)] = Verification(
                    draw(st.sampled_from(STATUSES)), reason=draw(PIECE) or None,
                    evidence=[Evidence(draw(PIECE) or "svc", draw(PIECE) or None,
                                       draw(st.sampled_from([None, "https://openlibrary.org/works/OL1W"])))],
                )
        notes.append(Note(number, draw(PIECE), number * 2, citations))
        for _ in range(draw(st.integers(0, 2))):
            findings.append(Finding(draw(st.sampled_from(["SC101", "SC407", "XX999"])), draw(st.sampled_from(SEVERITIES)),
                                    draw(PIECE), note=number, citation=draw(st.sampled_from([None, 0])),
                                    line=draw(st.sampled_from([None, number * 2])), hint=draw(PIECE) or None))
    source = draw(st.sampled_from(["chapter.md", "my book, draft: 2.txt", "<stdin>", "dir/ch%1.txt"]))
    return CheckResult(Manuscript(source, "text", notes), findings=findings, verifications=verifications)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(results())
def test_every_report_format_stays_valid(result: CheckResult) -> None:
    validate_json_report(json.loads(render(result, "json")))
    validate_sarif(json.loads(render(result, "sarif")))
    ET.fromstring(render(result, "junit"))
    soup = BeautifulSoup(render(result, "html"), "html.parser")
    assert soup.find(["script", "img", "textarea"]) is None
    assert all(a["href"].startswith(("https://", "#")) for a in soup.find_all("a"))
    markdown = render(result, "markdown")
    prose = re.sub(r"`[^`\n]*`", "", markdown)  # code spans show their text literally
    assert not re.search(r"(?<!\\)<", prose)  # every "<" from the manuscript is escaped
    lines = render(result, "github").rstrip("\n").split("\n")  # the runner reads lines at \n
    assert len(lines) == len(result.findings) + 1  # one line per annotation: nothing leaks a newline
    assert render(result, "text")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(results())
def test_every_reference_list_format_renders(result: CheckResult) -> None:
    for fmt in REF_FORMATS:
        out = render_references(result.manuscript, fmt, style="html" if fmt == "chicago" else "text")
        if fmt == "chicago":
            soup = BeautifulSoup(out, "html.parser")
            assert soup.find(["script", "img", "textarea"]) is None
