"""Archival references through the whole tool: the note parser, ``parse-refs``, ``check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citations import load, parse_note
from sourcecheck.cli import cli
from tests.shared import REASON as SHARED_REASON

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"

MANUSCRIPT = """Comintern files.[1] Greek section.[2] An order.[3] German party.[4]

Notes

[1] RGASPI, f. 495, op. 18, d. 213, ll. 6–7; f. 533, op. 10, d. 1950, l. 12.
[2] RTsKhIDNI 495/74/124 and 495/74/125.
[3] ГАРФ. Ф. Р-9401. Оп. 2. Д. 64. Л. 17–12.
[4] SAPMO-BArch, RY 1/I 2/3/45, Bl. 12–15.
"""


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    if not SAMPLE.exists():
        pytest.skip(SHARED_REASON)
    return load(SAMPLE)


@pytest.mark.parametrize(
    "note, index, canonical, title",
    [
        (1, 0, "RGASPI f. 495, op. 18, d. 213, ll. 6–7", None),
        (8, 0, "RGASPI f. 496, op. 1, d. 2, ll. 29–96", None),
        (17, 1, "GARF f. 10035, op. 1, d. P-54560", "NKVD file of Georgi Bendas"),
    ],
)
def test_sample_archival_notes_parse_into_manuscript_citations(  # type: ignore[no-untyped-def]
    sample, note: int, index: int, canonical: str, title: str | None
) -> None:
    citation = sample.note(note).citations[index]
    assert citation.kind == "full"
    assert citation.archival is not None and citation.archival.canonical() == canonical
    assert citation.csl["type"] == "manuscript"
    assert citation.csl["archive"] == canonical.split(" f. ")[0]
    assert citation.csl["archive-place"] == "Moscow"
    assert citation.csl.get("title") == title


def test_note_with_references_to_two_archives_gives_a_citation_each() -> None:
    citations = parse_note("RGASPI, f. 495, op. 18, d. 213, l. 6; GARF, f. 1235, op. 1, d. 16 (VTsIK).")
    assert [(c.archival.canonical(), c.csl.get("title")) for c in citations if c.archival] == [
        ("RGASPI f. 495, op. 18, d. 213, l. 6", None),
        ("GARF f. 1235, op. 1, d. 16", "VTsIK"),
    ]


def test_parse_refs_prints_the_archival_object() -> None:
    result = CliRunner().invoke(cli, ["parse-refs"], input="ГАРФ. Ф. Р-5446. Оп. 1в. Д. 12. Л. 86об.\n")
    assert result.exit_code == 0, result.output
    [citation] = json.loads(result.output.splitlines()[0])
    assert citation["archival"] == {
        "repository": "GARF", "fond": "R-5446", "opis": "1v", "delo": "12", "folios": "86", "verso": True,
        "tom": None, "chast": None, "papka": None, "signature": None,
        "canonical": "GARF f. R-5446, op. 1v, d. 12, l. 86 ob.",
    }
    assert citation["csl"]["archive_location"] == "f. R-5446, op. 1v, d. 12, l. 86 ob."


def test_check_reports_archival_findings(tmp_path: Path) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--offline", "--select", "AR", str(path)])
    assert result.exit_code == 1, result.output  # AR103 is an error
    assert "AR121 #1 RTsKhIDNI is a former name of RGASPI" in result.output
    assert "AR103 #1 GARF f. R-9401, op. 2, d. 64, ll. 17–12: folio range 17–12 runs backwards" in result.output
    assert "SAPMO" not in result.output  # RY 1 is in the registry, the reference well-formed


def test_check_run_describes_every_archival_reference(tmp_path: Path) -> None:
    from citations import load as load_manuscript
    from checkers.config import Settings
    from checkers.run import run_checks

    path = tmp_path / "chapter.txt"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    result = run_checks(load_manuscript(path), Settings(offline=True, select=["AR"]))
    described = {d["canonical"]: d for d in result.extras["archival"]}
    assert list(described)[0] == "RGASPI f. 495, op. 18, d. 213, ll. 6–7"
    assert "RGASPI f. 495, op. 74, d. 125" in described
    assert described["SAPMO-BArch RY 1/I 2/3/45, Bl. 12–15"]["archive"]["city"] == "Berlin"
    assert described["GARF f. R-9401, op. 2, d. 64, ll. 17–12"]["fond"]["name"] == "NKVD/MVD of the USSR"


def test_check_json_report_has_an_archival_section(tmp_path: Path) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--offline", "--format", "json", str(path)])
    data = json.loads(result.output)
    first = data["archival"][0]
    assert first == {
        "note": 1,
        "citation": 0,
        "canonical": "RGASPI f. 495, op. 18, d. 213, ll. 6–7",
        "archive": {"acronym": "RGASPI", "name": "Russian State Archive of Socio-Political History",
                    "city": "Moscow", "website": "https://rgaspi.su/"},
        "cited_as": None,
        "fond": {"number": "495", "name": "Executive Committee of the Communist International (ECCI/IKKI)",
                 "source": first["fond"]["source"], "status": "in the registry"},
        "links": first["links"],
        "problems": [],
    }
    assert first["fond"]["source"]["status"] == "unverified"
    found = [(f["note"], f["code"]) for f in data["findings"] if f["code"].startswith(("AR10", "AR12"))]
    assert found == [(2, "AR121"), (3, "AR103")]


def test_lookup_describes_an_archival_reference_from_the_registry(tmp_path: Path) -> None:
    args = ["lookup", "RGASPI f. 495, op. 18, d. 213, l. 6–7", "--offline", "--cache-dir", str(tmp_path)]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 0, text.output
    assert "RGASPI f. 495, op. 18, d. 213, ll. 6–7" in text.output
    assert "Russian State Archive of Socio-Political History" in text.output
    assert "Executive Committee of the Communist International" in text.output
    data = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).output)
    assert data["archival"]["canonical"] == "RGASPI f. 495, op. 18, d. 213, ll. 6–7"
    assert data["archival"]["fond"]["name"] == "Executive Committee of the Communist International (ECCI/IKKI)"
