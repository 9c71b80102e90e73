"""Reading --library files: BibTeX as Zotero and JabRef export it, CSL-JSON, RIS."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.library import (
    LibraryError,
    bibtex_to_csl,
    isbns,
    parse_library_text,
    read_library,
    sniff_library,
)

LIBRARY = Path(__file__).resolve().parent / "fixtures" / "library"


def entries_by_key(name: str) -> dict:
    return {e.key: e for e in read_library(LIBRARY / name).entries}


# ---------------------------------------------------------------------------- BibTeX (Zotero)


def test_zotero_bibtex_braces_accents_and_dashes_are_decoded():
    entries = entries_by_key("zotero.bib")
    chapter = entries["muller_denunziation_2006"].csl
    assert chapter["author"] == [{"family": "Müller", "given": "Reinhard"}]
    assert chapter["editor"] == [{"family": "Zarusky", "given": "Jürgen"}]
    assert chapter["title"] == "Denunziation und Terror: Herbert Wehner im Moskauer Exil"
    assert chapter["container-title"] == "Stalin und die Deutschen. Neue Beiträge der Forschung"
    assert chapter["publisher-place"] == "München"
    assert chapter["page"] == "39–62"
    assert chapter["type"] == "chapter"
    article = entries["muller_antikomintern-block_1997"].csl
    assert article["title"] == "Der Antikomintern-Block – Prozeßstruktur und Opferperspektive"
    assert article["type"] == "article-journal"
    assert article["container-title"] == "UTOPIE kreativ"


def test_zotero_bibtex_month_macro_becomes_a_date_part():
    entries = entries_by_key("zotero.bib")
    assert entries["rogovin_stalins_2009"].csl["issued"] == {"date-parts": [[2009, 2]]}
    assert entries["muller_antikomintern-block_1997"].csl["issued"] == {"date-parts": [[1997, 7]]}


def test_and_others_is_et_al_not_an_author():
    weber = entries_by_key("zotero.bib")["weber_russland_2014"]
    assert [n["family"] for n in weber.csl["author"]] == ["Weber", "Drabkin", "Bayerlein"]
    assert weber.et_al is True


def test_entries_keep_key_and_line():
    entries = read_library(LIBRARY / "zotero.bib").entries
    assert [(e.key, e.line) for e in entries][:2] == [
        ("rogovin_stalins_2009", 2), ("muller_denunziation_2006", 13),
    ]
    assert entries[0].where.endswith("zotero.bib:2")


def test_misc_with_url_is_a_webpage_with_access_date():
    web = entries_by_key("zotero.bib")["noauthor_chinese_2025"].csl
    assert web["type"] == "webpage"
    assert web["accessed"] == {"date-parts": [[2025, 7, 29]]}


# ---------------------------------------------------------------------------- BibTeX (JabRef)


def test_jabref_string_macros_and_concatenation_are_resolved():
    entries = entries_by_key("jabref.bib")
    assert entries["Chase2001"].csl["publisher"] == "Yale University Press"
    assert entries["Junge2015"].csl["publisher"] == "De Gruyter"
    assert entries["McLoughlin2003"].csl["publisher"] == "Palgrave Macmillan"


def test_jabref_given_family_order_and_subtitle():
    junge = entries_by_key("jabref.bib")["Junge2015"].csl
    assert junge["author"] == [{"family": "Junge", "given": "Marc"}]
    assert junge["title"] == (
        "Bolschewistische Ordnung in Georgien: Der Große Terror in einer kleinen kaukasischen Republik"
    )
    assert junge["issued"] == {"date-parts": [[2015, 3]]}


def test_incollection_inherits_from_its_crossref_parent():
    entries = entries_by_key("jabref.bib")
    chapter = entries["Schafranek2003"]
    assert chapter.crossref == "McLoughlin2003"
    assert chapter.csl["container-title"] == (
        "Stalin's Terror: High Politics and Mass Repression in the Soviet Union"
    )
    assert [n["family"] for n in chapter.csl["editor"]] == ["McLoughlin", "McDermott"]
    assert chapter.csl["publisher"] == "Palgrave Macmillan"
    assert chapter.csl["issued"] == {"date-parts": [[2003, 11]]}
    assert chapter.csl["title"] == "The Fictitious “Hitler-Jugend Conspiracy” of the Moscow NKVD"
    # The parent stays an entry of its own, with its own title.
    assert entries["McLoughlin2003"].csl["title"].startswith("Stalin's Terror")


def test_braced_names_stay_whole_and_accents_in_names_are_decoded():
    lib = parse_library_text(
        "@book{x, author = {{Institut f{\\\"u}r Marxismus-Leninismus} and D{\\v{z}}ucha, Ivan "
        "and {Robert Service}}, title = {T}}", "x.bib",
    )
    assert lib.entries[0].csl["author"] == [
        {"literal": "Institut für Marxismus-Leninismus"},
        {"family": "Džucha", "given": "Ivan"},
        {"literal": "Robert Service"},
    ]


def test_latex_caron_accents_are_decoded():
    dz = entries_by_key("jabref.bib")["Dzhukha2006"].csl
    assert dz["author"] == [{"family": "Džucha", "given": "Ivan"}]
    assert dz["title"] == "Grečeskaja operacija"


def test_misc_whose_howpublished_is_a_shelf_mark_is_an_archival_file():
    entry = entries_by_key("jabref.bib")["RGASPI495"]
    assert entry.archival is not None
    assert entry.archival.canonical() == "RGASPI f. 495, op. 18, d. 213"
    assert entry.csl["type"] == "manuscript"
    assert entry.csl["archive"] == "RGASPI"


def test_broken_bibtex_block_is_reported_and_the_rest_read():
    text = (
        "@book{good, author = {Chase, William J.}, title = {Enemies within the Gates?}, year = 2001}\n"
        "\n"
        "@article{bad,\n  author = {Dzhukha, Ivan},\n  title = {Greek\n"
    )
    lib = parse_library_text(text, "broken.bib")
    assert [e.key for e in lib.entries] == ["good"]
    assert len(lib.problems) == 1
    line, message = lib.problems[0]
    assert line == 3
    assert "@article{bad" in message


@pytest.mark.parametrize(
    "entry_type, fields, expected",
    [
        pytest.param("book", {"title": "T", "year": "2009"}, {"type": "book", "issued": {"date-parts": [[2009]]}}, id="book-year"),
        pytest.param("incollection", {"title": "T", "booktitle": "B"}, {"type": "chapter", "container-title": "B"}, id="incollection-booktitle"),
        pytest.param("article", {"title": "T", "journaltitle": "J", "number": "4/5"}, {"type": "article-journal", "container-title": "J", "issue": "4/5"}, id="biblatex-journaltitle"),
        pytest.param("article", {"title": "T", "journal": "Pravda", "entrysubtype": "newspaper"}, {"type": "article-newspaper"}, id="newspaper-subtype"),
        pytest.param("book", {"title": "T", "date": "1937-11-07"}, {"issued": {"date-parts": [[1937, 11, 7]]}}, id="biblatex-date"),
        pytest.param("techreport", {"title": "T", "institution": "CC CPSU"}, {"type": "report", "publisher": "CC CPSU"}, id="techreport-institution"),
        pytest.param("book", {"title": "T", "location": "Moskva"}, {"publisher-place": "Moskva"}, id="biblatex-location"),
        pytest.param("unpublished", {"title": "T"}, {"type": "manuscript"}, id="unpublished"),
        pytest.param("online", {"title": "T", "url": "https://x.org"}, {"type": "webpage", "URL": "https://x.org"}, id="online"),
        pytest.param("book", {"title": "T", "pages": "82 - 95"}, {"page": "82–95"}, id="pages-dash"),
    ],
)
def test_bibtex_fields_map_to_csl(entry_type, fields, expected):
    csl, _ = bibtex_to_csl(entry_type, fields)
    for key, value in expected.items():
        assert csl[key] == value


# ---------------------------------------------------------------------------- CSL-JSON


def test_zotero_csl_json_dates_become_integers_and_lines_are_found():
    entries = read_library(LIBRARY / "zotero.json").entries
    rogovin = entries[0]
    assert rogovin.csl["issued"] == {"date-parts": [[2009, 2]]}
    assert rogovin.line == 3
    assert rogovin.key.startswith("http://zotero.org/")
    assert [e.key for e in entries[1:3]] == ["rohrwasserStalinismus1991", "pantsovNewLight2008"]


def test_csl_json_archival_item_carries_its_shelf_mark():
    garf = entries_by_key("zotero.json")["garfBendas"]
    assert garf.archival is not None
    assert (garf.archival.repository, garf.archival.fond, garf.archival.opis, garf.archival.delo) == (
        "GARF", "10035", "1", "P-54560",
    )


def test_invalid_json_is_a_one_line_error(tmp_path):
    bad = tmp_path / "refs.json"
    bad.write_text('[{"id": "x", "title": "T",}]', encoding="utf-8")
    with pytest.raises(LibraryError, match=r"refs.json: not valid JSON \(line 1"):
        read_library(bad)


# ---------------------------------------------------------------------------- RIS


def test_zotero_ris_book_chapter_and_manuscript():
    entries = read_library(LIBRARY / "zotero.ris").entries
    book, chapter, manuscript = entries
    assert book.csl["author"] == [{"family": "Leonhard", "given": "Wolfgang"}]
    assert book.csl["publisher"] == "Henry Regnery Co."
    assert book.csl["issued"] == {"date-parts": [[1958]]}
    assert chapter.csl["type"] == "chapter"
    assert chapter.csl["editor"] == [{"family": "Zarusky", "given": "Jürgen"}]
    assert chapter.csl["container-title"] == "Stalin und die Deutschen. Neue Beiträge der Forschung"
    assert chapter.csl["page"] == "39–62"
    assert isbns(chapter.csl) == {"9783486581508"}
    assert manuscript.archival is not None and manuscript.archival.canonical() == "RGASPI f. 495, op. 18, d. 213"
    assert [e.line for e in entries] == [1, 11, 24]


def test_endnote_ris_a1_authors_and_page_range_in_sp():
    entries = read_library(LIBRARY / "endnote.ris").entries
    article, book = entries
    assert article.key == "17"
    assert article.csl["type"] == "article-journal"
    assert article.csl["container-title"] == "UTOPIE kreativ"
    assert article.csl["page"] == "82–95"
    assert [n["family"] for n in book.csl["author"]] == ["McDermott", "Agnew"]
    assert isbns(book.csl) == {"9780333552841"}


# ---------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    "text, expected",
    [
        ("@book{x, title={T}}", "bibtex"),
        ("% comment\n@Article{x,\n title={T}}", "bibtex"),
        ('[{"id": "x"}]', "csl-json"),
        ("\ufeffTY  - BOOK\nTI  - T\nER  - \n", "ris"),
        ("Rogovin, Vadim. Stalin's Terror.", None),
    ],
)
def test_library_format_is_sniffed_from_content(text, expected):
    assert sniff_library(text) == expected


def test_unknown_content_and_missing_file_are_one_line_errors(tmp_path):
    odd = tmp_path / "refs.txt"
    odd.write_text("just some words", encoding="utf-8")
    with pytest.raises(LibraryError, match="not a BibTeX, CSL-JSON or RIS library"):
        read_library(odd)
    with pytest.raises(LibraryError, match="no such file"):
        read_library(tmp_path / "absent.bib")


def test_library_with_unknown_suffix_is_read_by_content(tmp_path):
    copy = tmp_path / "export.txt"
    copy.write_text((LIBRARY / "endnote.ris").read_text(encoding="utf-8"), encoding="utf-8")
    assert [e.key for e in read_library(copy).entries] == ["17", "18"]
