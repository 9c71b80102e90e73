"""Reference lists: one entry per distinct work, readable keys, each format readable by its tools."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest

from citations.model import Citation, Manuscript, Note
from reports.bibliography import (
    REF_FORMATS,
    bibtex,
    chicago,
    csl_json,
    render_references,
    ris,
)
from reports.bibliography.entries import assign_keys, base_key, bibliography_entries
from tests.report_factories import (
    DIMITROV,
    HUBER,
    PANTSOV,
    RGASPI,
    ROGOVIN,
    archival_citation,
    small_manuscript,
)

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
EXPECTED_KEYS = [
    "banac2003diary", "chinesewikipedia", "huber2007fuhrungskorps", "pantsov2008new",
    "rogovin2009stalins", "rogovin2021was", "garf10035_1_p54560", "rgaspi495_18_213", "rgaspi496_1_2",
]


def test_one_entry_per_distinct_work_sorted_as_a_bibliography() -> None:
    entries = bibliography_entries(small_manuscript())
    # 11 citations: the Ibid. folds into Rogovin 2009, the unparsed one is no work.
    assert [e.key for e in entries] == EXPECTED_KEYS
    rogovin = next(e for e in entries if e.key == "rogovin2009stalins")
    assert rogovin.work.occurrences == [(3, 0), (4, 0)]


@pytest.mark.parametrize(
    ("csl", "archival", "key"),
    [
        pytest.param(ROGOVIN, None, "rogovin2009stalins", id="apostrophe-joins-word"),
        pytest.param(HUBER, None, "huber2007fuhrungskorps", id="diacritics-folded"),
        pytest.param(DIMITROV, None, "banac2003diary", id="editor-and-leading-article"),
        pytest.param(PANTSOV, None, "pantsov2008new", id="first-author-only"),
        pytest.param({"title": "Der Große Terror", "issued": {"raw": "Berlin 1998"}}, None,
                     "grosse1998terror", id="no-name-title-word-then-year"),
        pytest.param({"author": [{"literal": "Comintern Executive"}], "title": "Theses"}, None,
                     "cominternexecutivetheses", id="institution-no-year"),
        pytest.param({"author": [{"family": "Джуха", "given": "Иван"}], "title": "Греческая операция",
                      "issued": {"date-parts": [[2006]]}}, None, "dzhukha2006grecheskaya", id="cyrillic-romanised"),
        pytest.param({"author": [{"family": "Παπαδάτος"}], "title": "Οι διώξεις"}, None, "anon",
                     id="no-latin-letters-at-all"),
        pytest.param({}, RGASPI, "rgaspi495_18_213", id="archival-shelf-mark"),
    ],
)
def test_readable_keys(csl: dict, archival, key: str) -> None:
    assert base_key(csl, archival) == key


@pytest.mark.parametrize(
    ("bases", "reserved", "expected"),
    [
        (["a2000x", "b2001y"], [], ["a2000x", "b2001y"]),
        (["a2000x", "a2000x", "b2001y", "a2000x"], [], ["a2000xa", "a2000xb", "b2001y", "a2000xc"]),
        (["a2000x"], ["a2000x"], ["a2000xa"]),
        (["a2000x", "a2000x"], ["a2000xa"], ["a2000xb", "a2000xc"]),
    ],
)
def test_duplicate_keys_get_letter_suffixes(bases, reserved, expected) -> None:
    assert assign_keys(bases, reserved) == expected


def test_library_keys_are_reused_and_never_clash() -> None:
    ms = small_manuscript()
    entries = bibliography_entries(ms, keys={"3.0": "Rogovin:2009", "2.0": "rogovin2021was"})
    keys = {e.work.id: e.key for e in entries}
    assert keys["3.0"] == "Rogovin:2009"
    assert keys["2.0"] == "rogovin2021was"  # Huber's work keeps the key we were given
    assert keys["5.1"] == "rogovin2021wasa"  # the generated key steps aside


def test_a_library_key_given_for_two_works_goes_to_the_first_only() -> None:
    entries = bibliography_entries(small_manuscript(), keys={"2.0": "shared", "3.0": "shared"})
    keys = {e.work.id: e.key for e in entries}
    assert keys["2.0"] == "shared" and keys["3.0"] == "rogovin2009stalins"


def test_two_works_with_the_same_key_are_told_apart() -> None:
    a = dict(ROGOVIN, title="Stalin’s Terror, volume one")
    b = dict(ROGOVIN, title="Stalin’s Terror, volume two")
    ms = Manuscript("x.txt", "text", [
        Note(1, "a", 1, [Citation("a", csl=a)]), Note(2, "b", 2, [Citation("b", csl=b)]),
    ])
    assert sorted(e.key for e in bibliography_entries(ms)) == ["rogovin2009stalinsa", "rogovin2009stalinsb"]


def test_bibtex_types_fields_and_round_trip() -> None:
    text = bibtex.write(small_manuscript())
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    by_key = {e.key: e for e in library.entries}
    assert list(by_key) == EXPECTED_KEYS
    assert {k: by_key[k].entry_type for k in by_key} == {
        "banac2003diary": "book", "chinesewikipedia": "misc", "huber2007fuhrungskorps": "incollection",
        "pantsov2008new": "article", "rogovin2009stalins": "book", "rogovin2021was": "book",
        "garf10035_1_p54560": "misc", "rgaspi495_18_213": "misc", "rgaspi496_1_2": "misc",
    }
    huber = by_key["huber2007fuhrungskorps"].fields_dict
    assert huber["booktitle"].value.startswith("Biographisches Handbuch")
    assert huber["editor"].value == "Buckmiller, Michael and Meschkat, Klaus"
    assert huber["pages"].value == "231--240"
    assert by_key["pantsov2008new"].fields_dict["journal"].value == "Twentieth Century China"
    assert by_key["rgaspi495_18_213"].fields_dict["howpublished"].value == "RGASPI f. 495, op. 18, d. 213"
    assert by_key["chinesewikipedia"].fields_dict["urldate"].value == "2025-07-29"


def test_bibtex_escapes_latex_specials_but_not_urls() -> None:
    csl = {"type": "book", "author": [{"family": "Marx", "given": "Karl"}],
           "title": "Profits & Losses: 100% of #1", "URL": "https://example.org/a_b%20c",
           "issued": {"date-parts": [[1867]]}}
    text = bibtex.write(Manuscript("x", "text", [Note(1, "x", 1, [Citation("x", csl=csl)])]))
    entry = bibtexparser.parse_string(text).entries[0]
    assert entry["title"] == r"Profits \& Losses: 100\% of \#1"
    assert entry["url"] == "https://example.org/a_b%20c"


def test_csl_json_items_have_ids_and_archival_locations_without_folios() -> None:
    data = json.loads(csl_json.write(small_manuscript()))
    assert [i["id"] for i in data] == EXPECTED_KEYS
    rgaspi = next(i for i in data if i["id"] == "rgaspi495_18_213")
    assert rgaspi["type"] == "manuscript"
    assert rgaspi["archive"] == "RGASPI"
    assert rgaspi["archive_location"] == "f. 495, op. 18, d. 213"


def test_ris_records_read_back() -> None:
    records = ris.read(ris.write(small_manuscript()))
    assert [r["id"] for r in records] == EXPECTED_KEYS
    types = {r["id"]: r["type_of_reference"] for r in records}
    assert types["huber2007fuhrungskorps"] == "CHAP" and types["pantsov2008new"] == "JOUR"
    assert types["rgaspi495_18_213"] == "MANSCPT"
    huber = next(r for r in records if r["id"] == "huber2007fuhrungskorps")
    assert huber["secondary_authors"] == ["Buckmiller, Michael", "Meschkat, Klaus"]
    assert (huber["start_page"], huber["end_page"]) == ("231", "240")
    banac = next(r for r in records if r["id"] == "banac2003diary")
    assert banac["editors"] == ["Banac, Ivo"] and "authors" not in banac
    garf = next(r for r in records if r["id"] == "garf10035_1_p54560")
    assert garf["name_of_database"] == "GARF" and garf["accession_number"] == "f. 10035, op. 1, d. P-54560"


@pytest.mark.parametrize("style", chicago.STYLES)
def test_chicago_matches_golden_file(style: str) -> None:
    suffix = {"text": "txt", "markdown": "md", "html": "html"}[style]
    expected = (GOLDEN / f"refs-chicago.{suffix}").read_text(encoding="utf-8")
    assert chicago.render(small_manuscript(), style) == expected


def test_chicago_formats_through_csl_and_keeps_title_casing() -> None:
    text = chicago.render(small_manuscript(), "text")
    # The CSL style renders a chapter "In … edited by …", page range abbreviated Chicago-style.
    assert ("Huber, Peter. “Das Führungskorps der Komintern. Ein Soziobiographischer Querschnitt.” "
            "In Biographisches Handbuch zur Geschichte der Kommunistischen Internationale, edited by "
            "Michael Buckmiller and Klaus Meschkat, 231–40. Berlin: Akademie, 2007.") in text
    archival, published = text.split("Published sources")
    assert ("Russian State Archive of Socio-Political History (RGASPI), Moscow\n"
            "  Fond 495: Executive Committee of the Communist International (ECCI/IKKI)\n"
            "    opis 18, delo 213\n  Fond 496\n    opis 1, delo 2") in archival
    assert "RGASPI" not in published


def test_chicago_html_escapes_manuscript_text() -> None:
    ms = Manuscript("x", "text", [Note(1, "x", 1, [
        Citation("x", csl={"type": "book", "title": "<script>alert(1)</script>", "author": [{"family": "A&B"}]}),
        archival_citation("y", RGASPI, "<b>file</b>"),
    ])])
    out = chicago.render(ms, "html")
    assert "<script>" not in out and "<b>file" not in out
    assert "&lt;script&gt;" in out and "&lt;b&gt;file" in out


@pytest.mark.parametrize("fmt", list(REF_FORMATS))
def test_every_format_on_a_manuscript_without_works_is_empty_but_valid(fmt: str) -> None:
    ms = Manuscript("x", "text", [Note(1, "x", 1, [Citation("???", kind="unparsed", reason="r")])])
    out = render_references(ms, fmt)
    if fmt == "csl-json":
        assert json.loads(out) == []
    else:
        assert out.strip() == ""


def test_unknown_format_or_style_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown reference-list format"):
        render_references(small_manuscript(), "endnote-xml")
    with pytest.raises(ValueError, match="unknown style"):
        render_references(small_manuscript(), "chicago", style="latex")


@pytest.mark.pandoc
def test_pandoc_renders_the_csl_json_into_a_bibliography(tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (.ci/run installs it from Debian)")
    refs = tmp_path / "refs.json"
    refs.write_text(csl_json.write(small_manuscript()), encoding="utf-8")
    html = pandoc_bibliography(refs, tmp_path)
    assert html.count('class="csl-entry"') == len(EXPECTED_KEYS)
    assert "Stalin’s Terror" in html and "Twentieth Century China" in html


def pandoc_bibliography(refs: Path, tmp_path: Path) -> str:
    """Render every entry of a CSL-JSON file (``nocite: @*``) with pandoc's citeproc; HTML out."""
    doc = tmp_path / "doc.md"
    doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    done = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", str(refs), "-t", "html", str(doc)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
