"""Candidate vs citation, field by field: what counts as the same title, name, publisher, place, year."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkers.match import (
    TITLE_SAME,
    compare,
    distinct_records,
    same_name,
    same_place,
    same_publisher,
    title_similarity,
)
from checkers.providers import Candidate


@pytest.mark.parametrize(
    ("cited", "found", "same"),
    [
        pytest.param("Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939",
                     "Enemies Within the Gates?", True, id="record-without-subtitle"),
        pytest.param("Stalin und die Deutschen", "Stalin und die Deutschen: neue Beiträge der Forschung", True,
                     id="note-without-subtitle"),
        pytest.param("Terror. Stalinistische Parteisäuberungen 1936–1953",
                     "Terror: stalinistische Parteisäuberungen 1936 - 1953", True, id="punctuation-and-case"),
        pytest.param("Grečeskaja operacija", "Grecheskaya operatsiya", True, id="transliteration-variants"),
        pytest.param("Китайские революционеры в Советской России", "Kitayskie revolyutsionery v sovetskoy Rossii",
                     True, id="cyrillic-vs-latin"),
        pytest.param("Das Führungskorps der Komintern", "Das Fuhrungskorps der Komintern", True, id="diacritics"),
        pytest.param("The Comintern", "The Communist Manifesto", False, id="different-title"),
        pytest.param("Stalin's Terror", "Stalin's Terror of 1937–1938", False, id="longer-title-is-another-book"),
        pytest.param("Capitalism and Freedom", "Freedom and Capital", False, id="same-words-other-title"),
    ],
)
def test_titles(cited: str, found: str, same: bool) -> None:
    assert (title_similarity(cited, found) >= TITLE_SAME) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Mählert", "Mahlert", True), ("Müller", "Mueller", True), ("Džucha", "Dzhukha", True),
        ("Rogovin", "Rogowin", True), ("McDermott", "MacDermott", True), ("Gruyter", "de Gruyter", True),
        ("Weber", "Webern", False), ("Weber", "Huber", False), ("Chase", "Chance", False), ("Junge", "Jung", False),
    ],
)
def test_family_names(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Akademie", "Akademie Verlag", True), ("Yale University Press", "Yale U.P.", True),
        ("University of Chicago Press", "Chicago U.P.", True), ("Macmillan", "Palgrave Macmillan", True),
        ("De Gruyter", "Walter de Gruyter GmbH & Co. KG", True), ("Schöningh", "Ferdinand Schöningh", True),
        ("Schöningh", "Oldenbourg", False), ("Yale University Press", "Harvard University Press", False),
    ],
)
def test_publishers(a: str, b: str, same: bool) -> None:
    assert same_publisher(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("New Haven/London", "New Haven, Conn.", True), ("München", "Munich", True), ("Berlin/Boston", "Boston", True),
        ("St. Petersburg", "Sankt-Peterburg", True), ("Paderborn", "Berlin", False),
    ],
)
def test_places(a: str, b: str, same: bool) -> None:
    assert same_place(a, b) is same


CHASE = {
    "type": "book",
    "title": "Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939",
    "author": [{"family": "Chase", "given": "William J."}],
    "publisher": "Yale University Press",
    "publisher-place": "New Haven/London",
    "issued": {"date-parts": [[2001]]},
}


def record(**fields) -> Candidate:  # type: ignore[no-untyped-def]
    csl = {"type": "book", "title": "Enemies Within the Gates?: The Comintern and the Stalinist Repression, 1934-1939",
           "author": [{"family": "Chase", "given": "William J."}], "publisher": "Yale University Press",
           "publisher-place": "New Haven", "issued": {"date-parts": [[2001]]}}
    variants = fields.pop("variants", {})
    csl.update(fields)
    return Candidate("openlibrary", "/books/OL1M", None, {k: v for k, v in csl.items() if v is not None}, variants)


@pytest.mark.parametrize(
    ("candidate", "status", "fields"),
    [
        pytest.param(record(), "exact", [], id="everything-agrees"),
        pytest.param(record(issued={"date-parts": [[2002]]}), "same-work", ["year"], id="reprint-year-is-a-difference"),
        pytest.param(record(issued={"date-parts": [[1962]]}, variants={"year": [1962, 2001]}), "exact", [],
                     id="one-of-the-editions-has-the-year"),
        pytest.param(record(publisher="Harvard University Press"), "same-work", ["publisher"], id="other-publisher"),
        pytest.param(record(author=[{"family": "Chance"}]), "other", ["author"], id="other-author"),
        pytest.param(record(title="The Comintern"), "other", ["title"], id="other-title"),
        pytest.param(record(author=None), "same-work", [], id="record-without-author-cannot-confirm"),
    ],
)
def test_compare_field_by_field(candidate: Candidate, status: str, fields: list[str]) -> None:
    match = compare(CHASE, candidate)
    got = "exact" if match.exact else "same-work" if match.same_work else "other"
    assert got == status
    assert [d.field for d in match.differences] == fields


def test_year_difference_names_both_years() -> None:
    [difference] = compare(CHASE, record(issued={"date-parts": [[2003]]})).differences
    assert (difference.field, difference.cited, difference.found) == ("year", 2001, 2003)


def test_articles_compare_container_volume_and_pages() -> None:
    cited = {"type": "article-journal", "title": "New Light from the Russian Archives",
             "author": [{"family": "Pantsov"}, {"family": "Spichak"}], "container-title": "Twentieth Century China",
             "volume": "33", "page": "38–41", "issued": {"date-parts": [[2008]]}}
    found = Candidate("crossref", "10.x/y", None, {
        "title": "New Light from the Russian Archives: Chinese Stalinists and Trotskyists", "author": [
            {"family": "Pantsov", "given": "Alexander"}, {"family": "Spichak", "given": "Daria"}],
        "container-title": "Twentieth Century China", "volume": "33", "page": "29-50", "issued": {"date-parts": [[2008, 4]]}})
    assert compare(cited, found).exact
    found.csl["volume"] = "34"
    found.csl["page"] = "1-20"
    assert [d.field for d in compare(cited, found).differences] == ["volume", "page"]


def test_two_editions_are_not_distinct_records_but_two_books_are() -> None:
    assert not distinct_records(record(), record(issued={"date-parts": [[1962]]}))
    assert distinct_records(record(), record(title="Stalin's Terror"))
    assert distinct_records(record(), record(author=[{"family": "Nolan"}]))


@given(st.text(max_size=60), st.text(max_size=60))
def test_title_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = title_similarity(a, b)
    assert 0 <= score <= 100
    assert score == pytest.approx(title_similarity(b, a))
