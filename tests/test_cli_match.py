"""``sourcecheck match``, and ``--library``/``--strict`` on ``check`` and ``refs``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sourcecheck.cli import cli

LIBRARY = Path(__file__).resolve().parent / "fixtures" / "library"

NOTES = """\
The apparatus was purged.[1] Its files survive.[2] The German party was hit first.[3]

Notes

[1] Vadim Rogovin, Stalin's Terror of 1937–1938: Political Genocide in the USSR, Oak Park: Mehring Books 2008, p. 307.

[2] RGASPI f. 495, op. 18, d. 213, ll. 6–7.

[3] Reinhard Müller, “Der Antikomintern-Block – Prozeßstruktur und Opferperspektive”, in: UTOPIE kreativ 81/82 (July/August 1997), pp. 82–95.
"""


@pytest.fixture
def manuscript(tmp_path: Path) -> Path:
    path = tmp_path / "chapter.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


def run(*args: str) -> "CliRunner.invoke":
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_match_json_maps_each_work_to_an_entry_key_score_and_differences(manuscript):
    result = run("match", manuscript, "--library", LIBRARY / "zotero.bib",
                 "--library", LIBRARY / "jabref.bib", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["works"], data["matched"], data["entries"]) == (3, 3, 11)
    by_note = {m["note"]: m for m in data["matches"]}
    assert by_note[1]["key"] == "rogovin_stalins_2009"
    assert by_note[1]["differences"] == [{"field": "year", "cited": 2008, "entry": 2009}]
    assert 0.75 <= by_note[1]["score"] < 1
    assert (by_note[2]["key"], by_note[2]["method"], by_note[2]["score"]) == ("RGASPI495", "archival", 1.0)
    assert by_note[3]["key"] == "muller_antikomintern-block_1997"
    assert by_note[3]["differences"] == []
    uncited = {e["key"] for e in data["uncited"]}
    assert "Chase2001" in uncited and "McLoughlin2003" in uncited


def test_match_text_lists_matches_differences_and_uncited_entries(manuscript):
    result = run("match", manuscript, "--library", LIBRARY / "zotero.bib")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("2 of 3 cited works matched in the library")
    assert any("rogovin_stalins_2009" in ln and "score" in ln for ln in lines)
    assert "      year: note “2008” ≠ entry “2009”" in lines
    assert any(ln.startswith("  ✗ note 2: RGASPI f. 495, op. 18, d. 213") for ln in lines)
    assert "never cited (3):" in lines


def test_match_ris_and_csl_json_libraries_together(manuscript):
    result = run("match", manuscript, "--library", LIBRARY / "zotero.json",
                 "--library", LIBRARY / "endnote.ris", "-f", "json")
    data = json.loads(result.output)
    keys = {m["note"]: m["key"] for m in data["matches"]}
    assert keys[1].startswith("http://zotero.org/") and keys[3] == "17"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--library", "absent.bib"], "absent.bib: no such file"),
        ([], "no bibliography section found; give a library with --library FILE"),
    ],
)
def test_match_errors_are_one_line_exit_2(manuscript, args, message):
    result = CliRunner().invoke(cli, ["match", str(manuscript), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_check_with_library_adds_bb_findings_and_strict_raises_uncited(manuscript):
    base = ["check", manuscript, "--offline", "--library", LIBRARY / "zotero.bib"]
    result = run(*base, "--select", "BB")
    for code in ("BB101", "BB102", "BB103"):
        assert code in result.output
    uncited = ["--select", "BB102", "--fail-on", "warning"]
    assert run(*base, *uncited).exit_code == 0  # info by default
    assert run(*base, *uncited, "--strict").exit_code == 1  # a warning with --strict


def test_check_json_report_carries_the_library_mapping(manuscript):
    result = run("check", manuscript, "--offline", "-f", "json", "--library", LIBRARY / "zotero.bib")
    data = json.loads(result.output)
    library = data["library"]["library"]
    assert (library["works"], library["matched"]) == (3, 2)
    assert {f["code"] for f in data["findings"]} >= {"BB101", "BB102", "BB103"}


def test_check_library_must_exist(manuscript):
    result = CliRunner().invoke(cli, ["check", str(manuscript), "--offline", "--library", "nope.bib"])
    assert result.exit_code == 2
    assert "nope.bib" in result.output


def test_refs_bibtex_reuses_library_keys_for_matched_works(manuscript):
    plain = run("refs", manuscript, "-f", "bibtex")
    keyed = run("refs", manuscript, "-f", "bibtex", "--library", LIBRARY / "zotero.bib")
    assert plain.exit_code == keyed.exit_code == 0
    assert "@book{rogovin_stalins_2009," in keyed.output
    assert "@article{muller_antikomintern-block_1997," in keyed.output
    assert "rogovin_stalins_2009" not in plain.output
    assert keyed.output.count("\n@") == plain.output.count("\n@")


def test_refs_with_unreadable_library_is_one_line_exit_2(manuscript, tmp_path):
    bad = tmp_path / "refs.json"
    bad.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(cli, ["refs", str(manuscript), "--library", str(bad)])
    assert result.exit_code == 2
    assert "refs.json: not valid JSON" in result.output
