"""``sourcecheck check`` on the sample manuscript (22 notes): exit 0, no errors, and the two
warnings an editor would raise — a web source with no URL (note 18) and "available online"
with no link (note 1).

The tests marked ``needs_parser`` depend on the note parser recognising the citations'
types (``webpage``, ``book``…); they are skipped while ``citations.parse`` is a placeholder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checkers.config import Settings
from checkers.findings import ERROR, WARNING
from checkers.run import run_checks
from citations import load, parse_reference
from sourcecheck.cli import cli

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"

pytestmark = pytest.mark.shared


def _parser_ready() -> bool:
    citations = parse_reference("Vadim Rogovin, Stalin’s Terror, Oak Park: Mehring Books 2009, p. 307.")
    return bool(citations) and citations[0].kind == "full" and citations[0].type == "book"


needs_parser = pytest.mark.skipif(not _parser_ready(), reason="needs the note parser (citations.parse)")


@pytest.fixture(scope="module")
def findings():  # type: ignore[no-untyped-def]
    return run_checks(load(SAMPLE), Settings(offline=True)).findings


def test_exits_0_offline(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(SAMPLE), "--offline"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "22 notes, 22 markers" in result.output


def test_no_errors(findings) -> None:  # type: ignore[no-untyped-def]
    assert [f.message for f in findings if f.severity == ERROR] == []


def test_available_online_without_a_link_in_note_1(findings) -> None:  # type: ignore[no-untyped-def]
    assert [(f.severity, f.line) for f in findings if f.code == "SC406"] == [(WARNING, 296)]


@needs_parser
def test_web_source_without_url_in_note_18(findings) -> None:  # type: ignore[no-untyped-def]
    assert [(f.severity, f.note) for f in findings if f.code == "SC405"] == [(WARNING, 18)]


@needs_parser
def test_the_structural_warnings_are_exactly_those_an_editor_would_raise(findings) -> None:  # type: ignore[no-untyped-def]
    warnings = sorted((f.note, f.code) for f in findings if f.severity == WARNING and f.code.startswith("SC"))
    # note 18 also cites "Kitayskie revolyutsionery …, Moscow 2018" without a publisher.
    assert warnings == [(1, "SC406"), (18, "SC402"), (18, "SC405")]


@needs_parser
def test_every_citation_is_read_and_every_short_form_resolves(findings) -> None:  # type: ignore[no-untyped-def]
    assert [f.message for f in findings if f.code in {"SC502", "SC204", "SC205", "SC206"}] == []
