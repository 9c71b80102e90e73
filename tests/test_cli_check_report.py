"""The terminal report of ``sourcecheck check`` (``reports.text``) and the report registry.

The golden file is the exact plain-text report of a small hand-built result; regenerate it
after an intended change with ``SOURCECHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_cli_check_report.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import reports
from checkers.findings import Finding
from checkers.result import CheckResult, Difference, Evidence, Verification
from checkers.structure import MARKER_WITHOUT_NOTE, check_structure
from citations.model import Citation, Locator, Manuscript, Marker, Note

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden" / "check-report.txt"


def _result() -> CheckResult:
    rogovin = Citation(
        "Vadim Rogovin, Stalin’s Terror of 1937–1938, Oak Park: Mehring Books 2009, p. 307.",
        csl={
            "type": "book", "author": [{"family": "Rogovin", "given": "Vadim"}],
            "title": "Stalin’s Terror of 1937–1938", "publisher-place": "Oak Park",
            "publisher": "Mehring Books", "issued": {"date-parts": [[2009]]},
        },
        locator=Locator("page", "307"),
    )
    junge = Citation(
        "Marc Junge, Bolschewistische Ordnung in Georgien, De Gruyter 2015.",
        csl={
            "type": "book", "author": [{"family": "Junge", "given": "Marc"}],
            "title": "Bolschewistische Ordnung in Georgien", "publisher": "De Gruyter",
            "issued": {"date-parts": [[2015]]},
        },
    )
    ibid = Citation("Ibid., p. 35.", kind="ibid", resolves_to=(2, 0), locator=Locator("page", "35"))
    notes = [
        Note(1, rogovin.text, 10, [rogovin], label="1"),
        Note(2, junge.text, 12, [junge], label="2"),
        Note(3, ibid.text, 14, [ibid], label="3"),
    ]
    markers = [Marker("1", 2, 30), Marker("2", 4, 12), Marker("3", 5, 8), Marker("4", 6, 20)]
    ms = Manuscript("chapter.txt", "text", notes, markers)
    result = CheckResult(ms, check_structure(ms))
    result.findings.insert(0, Finding.of(MARKER_WITHOUT_NOTE, "a finding about the whole manuscript"))
    result.verifications = {
        (1, 0): Verification(
            "partial",
            [Difference("issued", 2009, 2010)],
            [Evidence("openlibrary", "OL24371421M", "https://openlibrary.org/books/OL24371421M")],
        ),
        (2, 0): Verification("not-found", reason="no catalogue record matches title and author"),
        (3, 0): Verification("verified", evidence=[Evidence("openlibrary", "OL1M")]),
    }
    return result


def test_plain_report_matches_the_golden_file() -> None:
    report = reports.render(_result(), "text", width=100)
    if os.environ.get("SOURCECHECK_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(report, encoding="utf-8")
    assert report == GOLDEN.read_text(encoding="utf-8")


def test_plain_report_has_no_colour_codes_or_trailing_blanks() -> None:
    report = reports.render(_result(), "text")
    assert "\x1b[" not in report
    assert all(line == line.rstrip() for line in report.splitlines())


def test_colour_only_when_asked() -> None:
    assert "\x1b[" in reports.render(_result(), "text", color=True)


def test_notes_with_nothing_to_say_are_left_out_unless_verbose() -> None:
    quiet = reports.render(_result(), "text")
    assert "Note 3" not in quiet
    loud = reports.render(_result(), "text", verbose=True)
    assert "Note 3" in loud and "verified" in loud.split("Findings")[0]


def test_lines_wrap_at_the_width() -> None:
    report = reports.render(_result(), "text", width=60)
    assert max(len(line) for line in report.splitlines()) <= 60


def test_no_findings_says_so() -> None:
    ms = Manuscript("empty.txt", "text", [Note(1, "A note.", 3, [], label="1")], [Marker("1", 1, 5)])
    report = reports.render(CheckResult(ms), "text")
    assert report.rstrip().splitlines()[-2:] == ["Clean: no findings.", "Structure checked; sources not verified."]


def test_registry_renders_by_name_and_rejects_unknown_formats() -> None:
    assert "text" in reports.FORMATS
    assert reports.FORMATS["text"](_result()) == reports.render(_result(), "text")
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        reports.render(_result(), "pdf")


def test_writers_ignore_options_they_do_not_use() -> None:
    assert reports.render(_result(), "text", stylesheet="x.css") == reports.render(_result(), "text")


def test_findings_about_a_note_the_manuscript_lacks_are_not_lost() -> None:
    result = _result()
    result.findings.append(Finding("SC101", "error", "about note 9", note=9))
    report = reports.render(result, "text")
    assert "about note 9" in report.split("Note 1")[0]


def test_text_report_says_what_was_not_verified_and_why(tmp_path) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from sourcecheck.cli import cli

    example = Path(__file__).resolve().parents[1] / "examples" / "purges.txt"
    result = CliRunner().invoke(
        cli, ["check", str(example), "--offline", "--cache-dir", str(tmp_path / "cache")], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "Not verified (26 citations; -v lists them):" in result.output
    assert "× offline and not in the cache" in result.output
    assert "× no catalogue for archival files" in result.output
