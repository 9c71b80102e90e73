"""`sourcecheck parse` and `parse-refs`: the JSON shapes other tools read, stdin, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sourcecheck.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"
CITATION_KEYS = {"kind", "text", "csl", "locator", "archival", "resolves_to", "relation", "prefix", "suffix"}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.mark.shared
def test_parse_json_of_the_sample_has_the_documented_shape() -> None:
    result = run("parse", str(SAMPLE), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {"source", "format", "notes"}
    assert [n["number"] for n in data["notes"]] == list(range(1, 23))
    assert sum(len(n["citations"]) for n in data["notes"]) == 27
    for note in data["notes"]:
        assert set(note) >= {"number", "line", "text", "markers", "citations"}
        assert len(note["markers"]) == 1 and set(note["markers"][0]) == {"line", "column"}
        for c in note["citations"]:
            assert set(c) >= CITATION_KEYS
            assert c["kind"] in {"full", "ibid", "short", "unparsed"}
    ibid = data["notes"][21]["citations"][0]
    assert ibid["kind"] == "ibid" and ibid["resolves_to"] == {"note": 21, "citation": 0}
    assert ibid["csl"]["title"] == "Child of the revolution"  # self-contained: the antecedent's item
    short = data["notes"][12]["citations"][0]
    assert short["kind"] == "short" and short["resolves_to"] == {"note": 3, "citation": 0}


def test_parse_reads_standard_input() -> None:
    text = "A claim.[1]\n\n[1] Wolfgang Leonhard, Child of the revolution, Chicago: Henry Regnery Co. 1958, pp. 94–95.\n"
    result = run("parse", "-", "--format", "json", input=text)
    assert result.exit_code == 0
    [note] = json.loads(result.output)["notes"]
    assert note["citations"][0]["csl"]["publisher"] == "Henry Regnery Co."


def test_parse_refs_prints_one_array_per_input_line_in_order() -> None:
    lines = [
        "Ibid., p. 12.",
        "",
        "RGASPI, f. 495, op. 74, d. 124, ll. 3–5ob.",
        "Hermann Weber: Die Wandlung des deutschen Kommunismus, Frankfurt a. M. 1969, S. 17.",
    ]
    result = run("parse-refs", input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    assert out[0][0]["kind"] == "ibid"
    assert out[1] == []
    assert out[2][0]["archival"]["fond"] == "495" and out[2][0]["archival"]["verso"] is True
    assert out[3][0]["csl"]["publisher-place"] == "Frankfurt a. M."


def test_parse_of_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"Error: {tmp_path / 'nope.txt'}: no such file"]


def test_console_script_reports_a_usage_error_in_one_line() -> None:
    run_ = subprocess.run(
        [sys.executable, "-c", "from sourcecheck.cli import main; main()", "parse", "-f", "nope", "x.txt"],
        capture_output=True, text=True,
    )
    assert run_.returncode == 2
    assert run_.stdout == ""
    lines = run_.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in run_.stderr


def test_parse_refs_drops_footnote_numbers_but_not_numbers_in_titles() -> None:
    lines = ["3 Vgl. dazu ausführlich Müller 2003, S. 45.", "¹ Ebd., S. 5.", "100 Jahre Frauenwahlrecht, Berlin 2018."]
    out = [json.loads(line) for line in run("parse-refs", input="\n".join(lines) + "\n").output.splitlines()]
    assert out[0][0]["csl"]["author"] == [{"family": "Müller"}] and out[0][0]["prefix"] == "Vgl. dazu ausführlich"
    assert out[1][0]["kind"] == "ibid"
    assert out[2][0]["csl"]["title"] == "100 Jahre Frauenwahlrecht"
