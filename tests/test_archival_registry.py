"""The archive registry: consistent with the grammar's naming table, every fact with a source,
confirmed fonds as in the research notes; describe_archival over it."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import pytest

from citations.archival import ARCHIVES, parse_archival
from citations.model import ArchivalRef
from checkers.archives import describe_archival, load_registry, registry
from tests.shared import REASON as SHARED_REASON

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RAW = json.loads(resources.files("checkers").joinpath("data/archives.json").read_text("utf-8"))


def test_every_archive_the_grammar_knows_is_in_the_registry_with_the_same_names() -> None:
    reg = registry()
    for name in ARCHIVES:
        archive = reg.archives.get(name.acronym)
        assert archive is not None, name.acronym
        registry_forms = {*archive.acronyms_latin, *archive.acronyms_cyrillic}
        assert {name.acronym, *name.aliases} <= registry_forms, name.acronym
        assert set(name.former) <= set(archive.former), name.acronym
        assert set(name.names) <= {n for names in archive.names.values() for n in names}, name.acronym
        assert archive.city == name.city
        assert archive.scheme == name.scheme


def test_every_registry_archive_is_recognised_by_the_grammar() -> None:
    assert set(registry().archives) == {a.acronym for a in ARCHIVES}


@pytest.mark.parametrize("acronym", sorted(RAW["archives"]))
def test_every_archive_fond_and_link_states_its_source(acronym: str) -> None:
    entry = RAW["archives"][acronym]
    assert entry["source"]["status"] in {"confirmed", "unverified"}
    assert entry["wikidata"] is None or entry["wikidata"].startswith("Q")
    for number, fond in entry["fonds"].items():
        assert fond["name"], number
        assert fond["source"]["status"] in {"confirmed", "unverified"}, number
        if fond["source"]["status"] == "confirmed":
            assert fond["source"]["url"], number
        else:
            assert "unverified" in fond["source"]["note"], number
    for link in entry["catalogues"]:
        assert link["url"].startswith("http") and link["source"]["status"] in {"confirmed", "unverified"}


def test_confirmed_fonds_match_the_research_notes() -> None:
    path = SHARED / "fixtures" / "archives" / "fonds-confirmed.csv"
    if not path.exists():
        pytest.skip(SHARED_REASON)
    reg = registry()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            fond = reg.archives[row["archive"]].fond(row["fond"])
            assert fond is not None, row
            assert fond.source.status == "confirmed"
            assert fond.source.url == row["source_url"]
            assert fond.name == row["holder_as_given_in_source"]


@pytest.mark.parametrize(
    "written, acronym",
    [("RGASPI", "RGASPI"), ("РГАСПИ", "RGASPI"), ("GA RF", "GARF"), ("RTsKhIDNI", "RGASPI"),
     ("State Archive of the Russian Federation", "GARF"), ("ЦА ФСБ", "TsA FSB"), ("Nowhere Archive", None)],
)
def test_registry_finds_an_archive_by_any_written_form(written: str, acronym: str | None) -> None:
    archive = registry().get(written)
    assert (archive.acronym if archive else None) == acronym


@pytest.mark.parametrize(
    "fond, found",
    [("R-9401", "R-9401"), ("9401", "R-9401"), ("Р-9401", "R-9401"), ("r-9401", "R-9401"), ("9402", None),
     ("1235", "1235")],
)
def test_garf_fonds_match_with_or_without_the_r_prefix(fond: str, found: str | None) -> None:
    entry = registry().archives["GARF"].fond(fond)
    assert (entry.number if entry else None) == found


def test_describe_gives_canonical_form_archive_and_fond_with_source() -> None:
    info = describe_archival("RGASPI f. 495, op. 18, d. 213, l. 6–7")
    assert info["canonical"] == "RGASPI f. 495, op. 18, d. 213, ll. 6–7"
    assert info["archive"]["name"] == "Russian State Archive of Socio-Political History"
    assert info["archive"]["city"] == "Moscow"
    assert info["fond"]["name"] == "Executive Committee of the Communist International (ECCI/IKKI)"
    assert info["fond"]["status"] == "in the registry"
    assert info["fond"]["source"]["status"] == "unverified"
    assert any("cfc.rusarchives.ru" in link["url"] for link in info["links"])
    assert info["problems"] == []
    json.dumps(info)  # JSON-ready


def test_describe_reports_a_fond_missing_from_the_registry_as_such() -> None:
    info = describe_archival(ArchivalRef("RGASPI", "496", "1", "2", "29–96"))
    assert info["fond"] == {"number": "496", "name": None, "source": None, "status": "not in the registry"}


def test_describe_links_digitised_collections_only_for_their_fonds() -> None:
    stalin = describe_archival("RGASPI f. 558, op. 11, d. 65")
    comintern = describe_archival("RGASPI f. 495, op. 18, d. 213")
    assert any("sovdoc" in link["url"] for link in stalin["links"])
    assert not any("sovdoc" in link["url"] for link in comintern["links"])


def test_describe_notes_a_former_name() -> None:
    info = describe_archival("RTsKhIDNI, f. 495, op. 74, d. 124, l. 2")
    assert info["cited_as"] == "RTsKhIDNI"
    assert info["archive"]["acronym"] == "RGASPI"


def test_describe_an_unknown_archive_has_no_archive_entry() -> None:
    ref = ArchivalRef("LAA", "1", "2", "3")
    info = describe_archival(ref)
    assert info["archive"] is None and info["fond"] is None and info["links"] == []


def test_describe_german_reference_names_bestand() -> None:
    info = describe_archival("SAPMO-BArch, RY 1/I 2/3/45, Bl. 12–15")
    assert info["canonical"] == "SAPMO-BArch RY 1/I 2/3/45, Bl. 12–15"
    assert info["fond"]["name"] == "Kommunistische Partei Deutschlands (KPD)"


def test_describe_polish_reference_names_zespol() -> None:
    info = describe_archival("AAN, KC PZPR, sygn. 237/V-1, k. 12")
    assert info["archive"]["city"] == "Warsaw"
    assert info["fond"]["name"].startswith("Komitet Centralny Polskiej Zjednoczonej Partii Robotniczej")


def test_describe_rejects_text_that_is_no_archival_reference() -> None:
    with pytest.raises(ValueError, match="not an archival reference"):
        describe_archival("Leon Trotsky, The Revolution Betrayed, p. 52")


def test_load_registry_reads_another_file(tmp_path: Path) -> None:
    data = {"archives": {"XA": {
        "acronyms": {"latin": ["XA"], "cyrillic": []}, "former": [], "names": {"en": ["X Archive"]},
        "city": "X", "country": None, "scheme": "fond", "website": None, "wikidata": None,
        "catalogues": [], "fond_page": None, "source": {"status": "unverified", "url": None, "note": "test"},
        "fonds": {"1": {"name": "One", "source": {"status": "unverified", "url": None, "note": "unverified"}}},
    }}}
    path = tmp_path / "archives.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    reg = load_registry(path)
    assert reg.archives["XA"].fond("1").name == "One"
    assert describe_archival(ArchivalRef("XA", "1"), reg)["fond"]["name"] == "One"


def test_parse_archival_and_describe_agree_on_the_reference() -> None:
    text = "ГАРФ. Ф. Р-5446. Оп. 1в. Д. 12. Л. 86об."
    ref = parse_archival(text)
    assert ref is not None
    assert describe_archival(text)["reference"] == ref.to_dict()
