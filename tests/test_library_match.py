"""Matching cited works to library entries, the differences between them, and BB1xx findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citations.model import ArchivalRef, Citation, Manuscript, Note
from citations.works import Work
from checkers.config import Settings
from checkers.findings import INFO, WARNING
from checkers.library import (
    LibraryEntry,
    check_library,
    differences,
    find_duplicates,
    library_findings,
    match_library,
    names_similarity,
    parse_library_text,
    similarity,
    skeleton,
    title_similarity,
)
from checkers.result import CheckResult

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"


def book(family: str, given: str, title: str, year: int | None, **more) -> dict:
    csl = {"type": more.pop("type", "book"), "author": [{"family": family, "given": given}], "title": title}
    if year is not None:
        csl["issued"] = {"date-parts": [[year]]}
    csl.update(more)
    return csl


def work(csl: dict, note: int = 1, archival: ArchivalRef | None = None) -> Work:
    c = Citation(text="…", csl=csl, archival=archival)
    return Work((note, 0), c, [(note, 0)])


def entry(key: str, csl: dict, archival: ArchivalRef | None = None, line: int = 1) -> LibraryEntry:
    return LibraryEntry(key=key, csl=csl, source="refs.bib", line=line, archival=archival)


# ---------------------------------------------------------------------------- similarity tables


@pytest.mark.parametrize(
    "a, b, at_least, below",
    [
        pytest.param("Stalin's Terror of 1937–1938: Political Genocide in the USSR",
                     "Stalin’s Terror of 1937-1938", 0.95, 1.01, id="subtitle-left-out"),
        pytest.param("Das Führungskorps der Komintern", "Das Fuhrungskorps der Komintern", 1.0, 1.01,
                     id="diacritics"),
        pytest.param("Grečeskaja operacija: Istorija repressij protiv grekov v SSSR",
                     "Grecheskaya operatsiya. Istoriya repressiy protiv grekov v SSSR", 0.95, 1.01,
                     id="scholarly-vs-library-of-congress-transliteration"),
        pytest.param("Китайские революционеры в Советской России",
                     "Kitayskie revolyutsionery v sovetskoy Rossii", 0.95, 1.01, id="cyrillic-vs-latin"),
        pytest.param("Jb. hist. Kommunismusforsch.", "Jahrbuch für historische Kommunismusforschung",
                     0.95, 1.01, id="abbreviated-words"),
        pytest.param("J. Mod. Hist.", "Journal of Modern History", 0.95, 1.01, id="journal-abbreviation"),
        pytest.param("THE COMINTERN", "The Comintern", 1.0, 1.01, id="case"),
        pytest.param("Stalin's Terror", "Stalin's Russia", 0.0, 0.8, id="different-second-word"),
        pytest.param("Stalin und die Deutschen", "Stalin", 0.0, 0.8, id="one-shared-word"),
        pytest.param("Introduction", "Einleitung", 0.0, 0.8, id="translated-title"),
    ],
)
def test_title_similarity(a, b, at_least, below):
    assert at_least <= title_similarity(a, b) < below


@pytest.mark.parametrize(
    "short, full, at_least, below",
    [
        pytest.param("Stalin's Terror", "Stalin's Terror of 1937–1938: Political Genocide in the USSR", 0.95, 1.01, id="first-words"),
        pytest.param("Great Terror", "The Great Terror. A Reassessment", 0.95, 1.01, id="article-dropped"),
        pytest.param("Bolschewistische Ordnung", "Bolschewistische Ordnung in Georgien. Der Große Terror", 0.95, 1.01, id="german"),
        pytest.param("Stalin's Terror", "Stalin's Russia", 0.0, 0.8, id="other-book"),
        pytest.param("Terror", "Enemies within the Gates?", 0.0, 0.8, id="unrelated"),
    ],
)
def test_short_title_similarity(short, full, at_least, below):
    from checkers.library import short_title_similarity

    assert at_least <= short_title_similarity(short, full) < below


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Džucha", "Dzhukha", True),
        ("Džucha", "Джуха", True),
        ("Schafranek", "Šafranek", True),
        ("Müller", "Mueller", True),
        ("Pantsov", "Panzow", True),
        ("Müller", "Weber", False),
        ("Chase", "Case", True),  # near spellings agree; the title decides
    ],
)
def test_transliteration_variants_of_family_names(a, b, same):
    assert (names_similarity([skeleton(a)], [skeleton(b)]) == 1.0) is same


def test_a_name_written_whole_agrees_with_its_family_name():
    assert names_similarity([skeleton("Robert Service")], [skeleton("Service")]) == 1.0
    assert names_similarity([skeleton("Robert Service")], [skeleton("Robert Conquest")]) == 0.0


def test_et_al_only_needs_the_shorter_list_to_agree():
    full = [skeleton(n) for n in ("Weber", "Drabkin", "Bayerlein")]
    assert names_similarity([skeleton("Weber")], full) == pytest.approx(1 / 3)
    assert names_similarity([skeleton("Weber")], full, et_al=True) == 1.0


@pytest.mark.parametrize(
    "cited, listed, matches",
    [
        pytest.param(book("Rogovin", "Vadim", "Stalin's Terror of 1937–1938", 2009),
                     book("Rogovin", "V.", "Stalin’s Terror of 1937-1938: Political Genocide in the USSR", 2009),
                     True, id="subtitle-and-initials"),
        pytest.param(book("Rogovin", "Vadim", "Stalin's Terror of 1937–1938", 2009),
                     book("Rogovin", "Vadim", "Stalin's Terror of 1937–1938", 2008), True,
                     id="wrong-year-still-matches"),
        pytest.param(book("Rogovin", "Vadim", "Stalin's Terror of 1937–1938", 2009),
                     book("Rogovin", "Vadim", "1937: Stalin's Year of Terror", 1998), False,
                     id="same-author-other-book"),
        pytest.param(book("Müller", "Reinhard", "Denunziation und Terror", 2006),
                     book("Weber", "Hermann", "Denunziation und Terror", 2006), False,
                     id="same-title-other-author"),
        pytest.param({"type": "book", "title": "Kitayskie revolyutsionery v sovetskoy Rossii", "issued": {"date-parts": [[2018]]}},
                     {"type": "book", "title": "Kitaiskie revoliutsionery v Sovetskoi Rossii (1920-1930-e gody)", "issued": {"date-parts": [[2018]]}},
                     True, id="no-author-transliteration-and-subtitle"),
    ],
)
def test_similarity_decides_matches(cited, listed, matches):
    assert (similarity(cited, listed) >= 0.75) is matches


# ---------------------------------------------------------------------------- differences


@pytest.mark.parametrize(
    "cited, listed, fields",
    [
        pytest.param({"issued": {"date-parts": [[2009]]}}, {"issued": {"date-parts": [[2008]]}}, ["year"], id="year"),
        pytest.param({"title": "Stalin’s Terror"}, {"title": "STALIN'S TERROR"}, [], id="title-case-and-apostrophe"),
        pytest.param({"title": "Stalin’s Terror"}, {"title": "Stalin’s Terror: Political Genocide"}, ["title"], id="title-subtitle"),
        pytest.param({"publisher": "Yale UP"}, {"publisher": "Yale University Press"}, [], id="publisher-abbreviated"),
        pytest.param({"publisher": "Henry Regnery Co."}, {"publisher": "Regnery"}, [], id="publisher-short-form"),
        pytest.param({"publisher": "Oldenbourg"}, {"publisher": "De Gruyter"}, ["publisher"], id="publisher-other"),
        pytest.param({"publisher-place": "New Haven/London"}, {"publisher-place": "New Haven and London"}, [], id="places-separators"),
        pytest.param({"publisher-place": "Berlin/Boston"}, {"publisher-place": "Berlin"}, [], id="places-subset"),
        pytest.param({"publisher-place": "München"}, {"publisher-place": "Munich"}, ["publisher-place"], id="place-other-language"),
        pytest.param({"editor": [{"family": "Zarusky"}]}, {"editor": [{"family": "Zarusky"}, {"family": "Möller"}]}, ["editor"], id="editors"),
        pytest.param({"author": [{"family": "Schafranek"}, {"family": "Musienko"}]}, {"author": [{"family": "Schafranek"}]}, ["author"], id="co-author-missing"),
        pytest.param({"author": [{"family": "Džucha", "given": "Ivan"}]}, {"author": [{"family": "Dzhukha", "given": "I."}]}, [], id="author-transliterated"),
        pytest.param({"type": "chapter", "page": "46–47"}, {"page": "39--62"}, ["page"], id="chapter-pages"),
        pytest.param({"type": "chapter", "page": "82–95"}, {"page": "82-95"}, [], id="chapter-pages-dash-styles"),
        pytest.param({"type": "book", "page": "307"}, {"page": "1-500"}, [], id="book-pages-not-compared"),
        pytest.param({"publisher": "Metzler"}, {}, [], id="field-on-one-side-only"),
    ],
)
def test_differences_field_by_field(cited, listed, fields):
    assert [d.field for d in differences(cited, listed)] == fields


# ---------------------------------------------------------------------------- matching


def test_identifiers_decide_before_names_and_titles():
    cited = book("Rogovin", "Vadim", "Stalin's Terror", 2009, ISBN="1-893638-04-9")
    listed = entry("x", book("Rogowin", "W.", "Stalins Terror 1937–38", 2009, ISBN="978-1-893638-04-4"))
    result = match_library([work(cited)], [listed])
    assert result.matches[0].candidate.method == "isbn"
    doi = {"type": "article-journal", "title": "A", "DOI": "https://doi.org/10.1080/ABC.123"}
    result = match_library([work(doi)], [entry("y", {"type": "article-journal", "title": "Other", "DOI": "10.1080/abc.123"})])
    assert result.matches[0].candidate.method == "doi"


def test_archival_files_match_by_archive_fond_opis_delo_not_folios():
    cited = work({"type": "manuscript"}, archival=ArchivalRef("RGASPI", "495", "18", "213", folios="6–7"))
    same_file = entry("a", {"type": "manuscript"}, ArchivalRef("RGASPI", "495", "18", "213"))
    other_delo = entry("b", {"type": "manuscript"}, ArchivalRef("RGASPI", "495", "18", "214"))
    other_archive = entry("c", {"type": "manuscript"}, ArchivalRef("GARF", "495", "18", "213"))
    result = match_library([cited], [other_delo, other_archive, same_file])
    assert result.matches[0].entry.key == "a"
    assert result.matches[0].candidate.method == "archival"
    assert {e.key for e in result.uncited} == {"b", "c"}


def test_cyrillic_shelf_mark_letters_match_latin_ones():
    cited = work({"type": "manuscript"}, archival=ArchivalRef("GARF", "10035", "1", "П-54560"))
    listed = entry("g", {"type": "manuscript"}, ArchivalRef("GARF", "10035", "1", "P-54560"))
    assert match_library([cited], [listed]).matches[0].entry.key == "g"


def test_a_close_second_candidate_is_reported_not_chosen_silently():
    cited = book("Müller", "Reinhard", "Der Antikomintern-Block", 1997)
    first = entry("mueller1997a", book("Müller", "Reinhard", "Der Antikomintern-Block", 1997, type="article-journal", **{"container-title": "UTOPIE kreativ"}))
    second = entry("mueller1997b", book("Müller", "Reinhard", "Der Antikomintern-Block", 1997, type="article-journal", **{"container-title": "Exil"}))
    result = match_library([work(cited)], [first, second])
    m = result.matches[0]
    assert m.entry.key == "mueller1997a"
    assert m.runner_up is not None and m.runner_up.entry.key == "mueller1997b"
    codes = [f.code for f in library_findings(result)]
    assert "BB105" in codes


def test_each_work_gets_at_most_one_entry_and_misses_are_none():
    works = [
        work(book("Chase", "William J.", "Enemies within the Gates?", 2001), note=11),
        work(book("Leonhard", "Wolfgang", "Child of the revolution", 1958), note=21),
    ]
    listed = [entry("chase", book("Chase", "William J.", "Enemies within the Gates? The Comintern and the Stalinist Repression", 2001))]
    result = match_library(works, listed)
    assert [m.entry.key if m.entry else None for m in result.matches] == ["chase", None]
    assert result.keys() == {"11.0": "chase"}


def test_duplicates_by_identifier_and_by_author_title_year():
    entries = parse_library_text(
        "@book{a, author={Chase, William J.}, title={Enemies within the Gates?}, year=2001, isbn={0-300-08242-8}}\n"
        "@book{b, author={Chase, W.}, title={Enemies Within the Gates}, year=2001, isbn={978-0-300-08242-5}}\n"
        "@book{c, author={Rogovin, Vadim}, title={Stalin's Terror of 1937--1938}, year=2009}\n"
        "@book{d, author={Rogovin, Vadim}, title={Stalin’s terror of 1937-1938}, year=2009}\n"
        "@book{e, author={Rogovin, Vadim}, title={Was There an Alternative?}, year=2021}\n",
        "refs.bib",
    ).entries
    groups = [[e.key for e in g] for g in find_duplicates(entries)]
    assert sorted(groups) == [["a", "b"], ["c", "d"]]


@pytest.mark.parametrize(
    "first, second, duplicate",
    [
        pytest.param("author={Smith, A.}, title={Party and Revolution}, year=1950",
                     "author={Smith, Alan}, title={The Party and Revolution}, year=1950", True,
                     id="initial-article-and-full-given-name"),
        pytest.param("author={Smith, A.}, title={Party and Revolution}, year=1950",
                     "author={Smith, A.}, title={Party and Revolution: A History}, year=1950", True,
                     id="subtitle-added"),
        pytest.param("author={Smith, A.}, title={Party and Revolution}, year=1950, volume=1",
                     "author={Smith, A.}, title={Party and Revolution}, year=1950, volume=2", False,
                     id="other-volume"),
        pytest.param("author={Smith, A.}, title={Party and Revolution}, year=1950",
                     "author={Smith, A.}, title={Party and Revolution}, year=1951", False,
                     id="other-year"),
        pytest.param("author={Smith, A.}, title={Party and Revolution}, year=1950, publisher={Dietz}",
                     "author={Smith, A.}, title={Party and Revolution}, year=1950, publisher={Metzler}", False,
                     id="other-publisher"),
    ],
)
def test_duplicate_detection_tolerates_spelling_not_other_fields(first, second, duplicate):
    lib = parse_library_text(f"@book{{a, {first}}}\n@book{{b, {second}}}\n", "refs.bib")
    assert bool(find_duplicates(lib.entries)) is duplicate


def test_a_crossref_parent_of_a_matched_chapter_is_not_uncited():
    lib = parse_library_text(
        "@incollection{ch, author={Müller, Reinhard}, title={Denunziation und Terror}, crossref={vol}, pages={39--62}}\n"
        "@book{vol, editor={Zarusky, Jürgen}, title={Stalin und die Deutschen}, year=2006, publisher={Oldenbourg}}\n",
        "refs.bib",
    )
    cited = {"type": "chapter", "author": [{"family": "Müller", "given": "Reinhard"}],
             "title": "Denunziation und Terror", "container-title": "Stalin und die Deutschen",
             "editor": [{"family": "Zarusky", "given": "Jürgen"}], "issued": {"date-parts": [[2006]]}}
    result = match_library([work(cited)], lib.entries)
    assert result.matches[0].entry.key == "ch"
    assert result.matches[0].differences == []
    assert result.uncited == []


def test_a_chapter_without_an_entry_matches_its_volume():
    lib = parse_library_text(
        "@collection{vol, editor={McLoughlin, Barry and McDermott, Kevin}, title={Stalin's Terror},"
        " subtitle={High Politics and Mass Repression in the Soviet Union}, publisher={Palgrave},"
        " location={Basingstoke}, year=2003}\n",
        "refs.bib",
    )
    cited = {"type": "chapter", "author": [{"family": "Schafranek", "given": "Hans"}],
             "title": "The Fictitious ‘Hitler-Jugend Conspiracy’ of the Moscow NKVD",
             "container-title": "Stalin’s Terror. High Politics and Mass Repression in the Soviet Union",
             "editor": [{"family": "McLoughlin"}, {"family": "McDermott"}], "publisher": "Palgrave",
             "publisher-place": "London", "issued": {"date-parts": [[2003]]}}
    result = match_library([work(cited, note=20)], lib.entries)
    m = result.matches[0]
    assert (m.entry.key, m.candidate.method) == ("vol", "container")
    assert [(d.field, d.cited, d.found) for d in m.differences] == [("publisher-place", "London", "Basingstoke")]
    assert result.uncited == []
    assert result.keys() == {}  # the chapter keeps a key of its own in reference lists


def test_a_book_without_an_entry_does_not_match_by_container():
    lib = parse_library_text("@book{vol, title={Stalin's Terror}, year=2003}\n", "refs.bib")
    cited = book("Rogovin", "Vadim", "Stalin's Terror of 1937–1938", 2009, **{"container-title": "Stalin's Terror"})
    assert match_library([work(cited)], lib.entries).matches[0].entry is None


# ---------------------------------------------------------------------------- findings


def _one_work_result():
    cited = book("Rogovin", "Vadim", "Stalin's Terror of 1937–1938", 2009, publisher="Mehring Books")
    listed = [
        entry("rogovin", book("Rogovin", "Vadim", "Stalin's Terror of 1937–1938", 2008, publisher="Mehring Books"), line=4),
        entry("trotsky", book("Trotsky", "Leon", "The Revolution Betrayed", 1937), line=12),
    ]
    return match_library([work(cited, note=4)], listed, sources=["refs.bib"])


def test_findings_name_the_field_the_note_and_the_entry():
    findings = library_findings(_one_work_result())
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"BB103", "BB102"}
    differs = by_code["BB103"]
    assert (differs.note, differs.citation, differs.severity) == (4, 0, WARNING)
    assert differs.message == "year: the note has “2009”, refs.bib:4 (rogovin) has “2008”"
    assert by_code["BB102"].severity == INFO
    assert "trotsky" in by_code["BB102"].message and by_code["BB102"].note is None


def test_strict_makes_uncited_entries_warnings():
    findings = library_findings(_one_work_result(), strict=True)
    assert [f.severity for f in findings if f.code == "BB102"] == [WARNING]


def test_check_step_runs_only_with_a_library_or_a_bibliography(tmp_path):
    ms = Manuscript("m.txt", "text", notes=[Note(1, "x", 1, [])])
    result = CheckResult(ms)
    check_library(ms, Settings(), result)
    assert result.findings == [] and "library" not in result.extras
    missing = tmp_path / "gone.json"
    missing.write_text("{not json", encoding="utf-8")
    check_library(ms, Settings(libraries=[missing]), result)
    assert [f.code for f in result.findings] == ["BB106"]


# ---------------------------------------------------------------------------- the sample manuscript

needs_sample = pytest.mark.shared


def _sample_bibtex() -> tuple[Manuscript, str]:
    from citations import load
    from reports.bibliography import render_references

    ms = load(SAMPLE)
    return ms, render_references(ms, "bibtex")


@needs_sample
def test_sample_matches_the_bibtex_refs_makes_from_it_with_no_differences():
    from checkers.library import match_manuscript

    ms, bib = _sample_bibtex()
    result = match_manuscript(ms, [parse_library_text(bib, "sample.bib")])
    assert len(result.matches) == 25
    assert all(m.entry is not None for m in result.matches)
    assert [m.work.id for m in result.matches if m.differences] == []
    assert result.uncited == [] and result.duplicates == [] and result.problems == []
    assert library_findings(result, ms) == []


@needs_sample
def test_one_year_changed_one_entry_deleted_one_added_gives_exactly_three_findings(tmp_path):
    from checkers.library import match_manuscript
    from checkers.run import run_checks

    ms, bib = _sample_bibtex()
    note_of = {m.entry.key: m.work.ref[0] for m in match_manuscript(ms, [parse_library_text(bib, "s.bib")]).matches}
    books = re.findall(r"@book\{([^,]+),\n.*?\n\}\n", bib, re.S)
    changed, deleted = books[0], books[-1]
    block = re.search(r"@book\{" + re.escape(changed) + r",\n.*?\n\}\n", bib, re.S).group(0)
    year = re.search(r"year = \{(\d{4})\}", block).group(1)
    bib = bib.replace(block, block.replace(f"year = {{{year}}}", f"year = {{{int(year) - 1}}}"))
    bib = re.sub(r"@book\{" + re.escape(deleted) + r",\n.*?\n\}\n", "", bib, flags=re.S)
    bib += ("\n@book{trotsky1937revolution,\n  author = {Trotsky, Leon},\n"
            "  title = {The Revolution Betrayed},\n  publisher = {Doubleday},\n  year = {1937}\n}\n")
    path = tmp_path / "modified.bib"
    path.write_text(bib, encoding="utf-8")
    result = run_checks(ms, Settings(offline=True, libraries=[path], select=["BB"]))
    got = sorted(((f.code, f.note) for f in result.findings), key=lambda x: x[0])
    assert got == [("BB101", note_of[deleted]), ("BB102", None), ("BB103", note_of[changed])]
    differs = next(f for f in result.findings if f.code == "BB103")
    assert differs.message.startswith(f"year: the note has “{year}”")
    assert f"“{int(year) - 1}”" in differs.message
    assert "trotsky1937revolution" in next(f for f in result.findings if f.code == "BB102").message
    library = result.extras["library"]["library"]
    assert library["matched"] == 24 and library["works"] == 25
