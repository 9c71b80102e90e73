"""The JSON report is streamed note by note (issue 12): the same bytes as one ``json.dumps``,
written in pieces, and ``-o FILE`` still all-or-nothing."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from checkers.findings import Finding
from checkers.result import CheckResult, Verification
from citations.model import Citation, Manuscript, Marker, Note
from reports import STREAMING, json_report, render, stream
from sourcecheck.cli import UserError, cli
from sourcecheck.output import write_atomically
from tests.report_factories import (
    RULE_LOCATOR,
    RULE_UNPARSED,
    every_code_result,
    register_test_rules,
    small_result,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "purges.txt"


def one_shot(result: CheckResult) -> str:
    """The report as the whole document dumped at once (what the report was before streaming)."""
    return json.dumps(json_report.document(result), ensure_ascii=False, indent=2) + "\n"


class Pieces(io.StringIO):
    """A text stream that remembers the size of every write."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, s: str) -> int:
        self.sizes.append(len(s))
        return super().write(s)


def awkward_result() -> CheckResult:
    """Strings JSON must escape (newlines, quotes, tabs, line separators, control characters),
    nested CSL values, a note without citations and one without markers, and an extra section."""
    ms = Manuscript(source='odd "name".txt', format="text")
    text = 'Line one\nline two\t"quoted" \\ back\u2028sep \x1b[31m «Ёлка» 𝔘'
    ms.notes.append(Note(1, text, 3, [Citation(text, csl={"type": "book", "title": text,
                                                           "author": [{"family": "A\nB"}]})]))
    ms.notes.append(Note(2, "", 7, []))
    ms.markers.append(Marker("1", 1, 5))
    ms.markers.append(Marker("1", 2, 9))
    result = CheckResult(ms)
    result.verifications[(1, 0)] = Verification("not-found", reason="no\nrecord")
    result.findings.append(Finding.of(RULE_UNPARSED, "a message\nwith a newline", note=1, citation=0))
    result.extras["library"] = {"collections": [{"name": "x\ny", "entries": []}], "empty": {}}
    return result


@pytest.mark.parametrize("make", [small_result, every_code_result, awkward_result,
                                  lambda: CheckResult(Manuscript("empty.txt", "text"))],
                         ids=["small", "every-code", "awkward", "empty"])
def test_streamed_report_is_the_one_shot_dump(make, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    register_test_rules(monkeypatch)
    result = make()
    expected = one_shot(result)
    out = io.StringIO()
    json_report.write_to(result, out)
    assert out.getvalue() == expected
    assert render(result, "json") == expected
    json.loads(expected)


def test_report_is_written_in_pieces_no_larger_than_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    register_test_rules(monkeypatch)
    ms = Manuscript("long.txt", "text")
    for n in range(1, 301):
        ms.notes.append(Note(n, f"Author {n}, Title {n}, Place: Publisher 2000, p. {n}.", n,
                             [Citation(f"Author {n}, Title {n}", csl={"type": "book", "title": f"Title {n}"})]))
        ms.markers.append(Marker(str(n), n, 1))
    result = CheckResult(ms)
    result.findings.extend(Finding.of(RULE_LOCATOR, f"note {n} gives no page", note=n) for n in range(1, 301))
    out = Pieces()
    stream(result, "json", out)
    assert out.getvalue() == one_shot(result)
    assert len(out.sizes) > 600  # at least one write per note and per finding
    assert max(out.sizes) < len(out.getvalue()) / 100


def test_formats_without_a_stream_writer_are_written_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    register_test_rules(monkeypatch)
    assert set(STREAMING) == {"json"}
    out = Pieces()
    stream(small_result(), "text", out)
    assert out.getvalue() == render(small_result(), "text")
    assert len(out.sizes) == 1


def test_a_failing_stream_leaves_the_previous_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("previous\n", encoding="utf-8")

    def half_then_fail(fh) -> None:  # type: ignore[no-untyped-def]
        fh.write('{\n  "notes": [')
        raise OSError(28, "No space left on device")

    with pytest.raises(UserError, match="report.json: cannot write \\(No space left on device\\)"):
        write_atomically(str(target), half_then_fail)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert os.listdir(tmp_path) == ["report.json"]

    def interrupted(fh) -> None:  # type: ignore[no-untyped-def]
        fh.write("{")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(str(target), interrupted)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert os.listdir(tmp_path) == ["report.json"]


def test_check_writes_the_same_json_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    runner = CliRunner()
    bib = tmp_path / "purges.bib"
    made = runner.invoke(cli, ["refs", str(EXAMPLE), "-f", "bibtex", "-o", str(bib)])
    assert made.exit_code == 0, made.output
    args = ["check", str(EXAMPLE), "--offline", "--format", "json", "--library", str(bib)]
    to_stdout = runner.invoke(cli, args)
    assert to_stdout.exit_code in (0, 1), to_stdout.output
    out = tmp_path / "report.json"
    to_file = runner.invoke(cli, [*args, "-o", str(out)])
    assert to_file.exit_code == to_stdout.exit_code
    text = out.read_text(encoding="utf-8")
    assert text == to_stdout.output
    data = json.loads(text)
    assert "library" in data and data["notes"] and data["summary"]["works"] > 0
    keys = list(data)
    assert keys[:7] == ["schema_version", "tool", "source", "format", "notes", "findings", "summary"]
    assert keys[-1] == "rules"


@pytest.mark.parametrize("text", [None, "A body with no notes at all.\n"], ids=["example", "no-notes"])
def test_parse_json_is_streamed_with_the_bytes_of_one_dump(tmp_path: Path, text: str | None) -> None:
    from citations import load

    path = EXAMPLE
    if text is not None:
        path = tmp_path / "plain.txt"
        path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == json.dumps(load(path).to_dict(), ensure_ascii=False, indent=2) + "\n"


def test_match_json_is_streamed_with_the_bytes_of_one_dump(tmp_path: Path) -> None:
    from checkers.library import match_manuscript, read_library
    from citations import load

    runner = CliRunner()
    bib = tmp_path / "purges.bib"
    assert runner.invoke(cli, ["refs", str(EXAMPLE), "-f", "bibtex", "-o", str(bib)]).exit_code == 0
    result = runner.invoke(cli, ["match", str(EXAMPLE), "--library", str(bib), "--format", "json"])
    assert result.exit_code == 0, result.output
    expected = match_manuscript(load(EXAMPLE), [read_library(bib)], "library").to_dict()
    assert result.output == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def _json_values():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
               | st.text())
    keys = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.tuples(inner, inner)
                        | st.dictionaries(keys, inner, max_size=4), max_leaves=25)


def test_the_encoder_writes_what_json_dumps_writes() -> None:
    from hypothesis import given, settings

    @settings(max_examples=400, deadline=None)
    @given(_json_values())
    def check(value) -> None:  # type: ignore[no-untyped-def]
        expected = json.dumps(value, ensure_ascii=False, indent=2)
        assert json_report._dump(value, "\n") == expected
        assert json_report._dump(value, "\n    ") == expected.replace("\n", "\n    ")
        document = {"notes": [value, value], "value": value, "empty": []}
        out = io.StringIO()
        json_report.write_object(document, out)
        assert out.getvalue() == json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    check()


def test_the_encoder_refuses_what_json_refuses() -> None:
    for bad in ({"x": object()}, [1, {2}], {(1, 2): 3}):
        with pytest.raises(TypeError):
            json.dumps(bad, ensure_ascii=False, indent=2)
        with pytest.raises(TypeError):
            json_report._dump(bad, "\n")
