"""ISBNs and DOIs before any request: found in text, validated, converted, hyphenated."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkers.isbn import (
    check,
    find_dois,
    find_isbns,
    hyphenate,
    isbns_of,
    normalize_doi,
    to_isbn10,
    to_isbn13,
)


@pytest.mark.parametrize(
    ("written", "valid", "isbn13", "error"),
    [
        pytest.param("978-0-300-08242-5", True, "9780300082425", None, id="isbn13-hyphenated"),
        pytest.param("0-300-08242-8", True, "9780300082425", None, id="isbn10-to-13"),
        pytest.param("3-05-004155-2", True, "9783050041551", None, id="german-isbn10"),
        pytest.param("080442957X", True, "9780804429573", None, id="isbn10-check-x"),
        pytest.param("978-0-300-08242-6", False, None, "wrong check digit", id="bad-check-digit"),
        pytest.param("978-0-300-0824", False, None, "11 digits (an ISBN has 10 or 13)", id="too-short"),
        pytest.param("123-4-567-89012-8", False, None, "not a 978/979 book number", id="not-bookland"),
    ],
)
def test_isbn_validation(written: str, valid: bool, isbn13: str | None, error: str | None) -> None:
    found = check(written)
    assert (found.valid, found.isbn13, found.error) == (valid, isbn13, error)


@pytest.mark.parametrize(
    ("value", "hyphenated"),
    [("9780300082425", "978-0-300-08242-5"), ("3050041552", "3-05-004155-2"), ("9783110301885", "978-3-11-030188-5")],
)
def test_hyphenation_uses_the_registration_ranges(value: str, hyphenated: str) -> None:
    assert hyphenate(value) == hyphenated


def test_conversions() -> None:
    assert to_isbn13("0-300-08242-8") == "9780300082425"
    assert to_isbn10("978-0-300-08242-5") == "0300082428"
    assert to_isbn10("979-10-90636-07-1") is None  # 979 numbers have no ISBN-10
    with pytest.raises(ValueError, match="wrong check digit"):
        to_isbn13("978-0-300-08242-6")


def test_isbns_are_found_in_note_text_once_each() -> None:
    text = "Yale UP 2001 (ISBN 0-300-08242-8; ISBN-13: 9780300082425), also 978-3-05-004155-1 and ISBN 978-0-300-08242-6."
    found = find_isbns(text)
    # the ISBN-13 form of the first one is the same book and is not listed again
    assert [(f.written, f.valid) for f in found] == [
        ("0-300-08242-8", True), ("978-3-05-004155-1", True), ("978-0-300-08242-6", False)]


def test_page_numbers_and_years_are_not_isbns() -> None:
    assert find_isbns("Berlin 2007, pp. 231–240; f. 495, op. 18, d. 213, ll. 6–7; tel. 0300 082428") == []


def test_isbns_of_a_citation_join_the_csl_field_and_the_text() -> None:
    found = isbns_of({"ISBN": "0300082428"}, "… ISBN 978-0-300-08242-5, ISBN 978-3-05-004155-1")
    assert [f.isbn13 for f in found] == ["9780300082425", "9783050041551"]


@pytest.mark.parametrize(
    ("written", "doi"),
    [
        ("10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"),
        ("https://doi.org/10.1109/ICDCSW.2003.1203662.", "10.1109/icdcsw.2003.1203662"),
        ("doi: 10.1111/glob.12341", "10.1111/glob.12341"),
        ("10.12/x", None),  # registrant code too short
        ("not a doi", None),
    ],
)
def test_doi_normalisation(written: str, doi: str | None) -> None:
    assert normalize_doi(written) == doi


def test_dois_found_in_text() -> None:
    assert find_dois("Global Networks 18 (2018), https://doi.org/10.1111/glob.12341; see also doi:10.1371/journal.pone.0033693.") == [
        "10.1111/glob.12341", "10.1371/journal.pone.0033693"]


@given(st.text(max_size=200))
def test_finding_isbns_never_crashes(text: str) -> None:
    for found in find_isbns(text):
        assert found.valid == (found.isbn13 is not None)
