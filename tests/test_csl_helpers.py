"""citations.csl: the one home of the year, names and DOI helpers every layer uses."""

from __future__ import annotations

import pytest

from checkers import isbn, library, structure
from citations.csl import family_names, find_dois, names_of, normalise_doi, year_of
from citations.libraries import entries as library_entries
from reports.bibliography import entries as bibliography_entries

SICI = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ({"issued": {"date-parts": [[2009, 2, 13]]}}, 2009),
        ({"issued": {"date-parts": [["1937"]]}}, 1937),  # Zotero writes strings
        ({"issued": {"raw": "1937/1938"}}, 1937),
        ({"issued": {"literal": "Spring 1991"}}, 1991),
        ({"issued": {"date-parts": [["n.d."]], "raw": "c. 1905"}}, 1905),
        ({"issued": "1962"}, 1962),
        ({"issued": {"literal": "n.d."}}, None),
        ({}, None),
        ({"issued": {"date-parts": [[2009]]}, "accessed": {"date-parts": [[2021, 3, 1]]}}, 2009),
        ({"date-parts": [[1986]]}, 1986),  # a date passed on its own
    ],
)
def test_year_of(value: dict, year: int | None) -> None:
    assert year_of(value) == year


def test_year_of_another_field() -> None:
    assert year_of({"accessed": {"date-parts": [[2021, 3, 1]]}}, "accessed") == 2021


def test_names_and_family_names() -> None:
    csl = {"editor": [{"family": "Müller", "given": "A."}, {"literal": "Memorial"}, {"given": "Plato"}]}
    assert names_of(csl) == csl["editor"]
    assert family_names(csl) == ("muller", "memorial")  # folded; a name without family left out
    assert family_names(csl, "author") == ()
    both = {"author": [{"family": "Getty"}], "editor": [{"family": "Naumov"}]}
    assert family_names(both) == ("getty",)
    assert family_names(both, "editor") == ("naumov",)


@pytest.mark.parametrize(
    ("written", "doi"),
    [
        ("https://doi.org/10.1000/ABC.", "10.1000/abc"),
        ("http://dx.doi.org/10.1000/abc", "10.1000/abc"),
        ("doi.org/10.1000/abc", "10.1000/abc"),
        ("doi:10.1111/glob.12341", "10.1111/glob.12341"),
        ("<https://doi.org/10.1000/abc>", "10.1000/abc"),
        (SICI, SICI.lower()),  # '<' and '>' belong to a SICI DOI
        ("https://doi.org/" + SICI, SICI.lower()),
        ("see 10.1000/abc", None),  # a DOI field holds a DOI, not a sentence
        ("10.12/x", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_doi(written: str | None, doi: str | None) -> None:
    assert normalise_doi(written) == doi


def test_find_dois_keeps_a_sici_doi_whole() -> None:
    text = f"Smith, “Indexing,” JASIS 49 (1998): 693, doi:{SICI}; and https://doi.org/10.1000/ABC."
    assert find_dois(text) == [SICI.lower(), "10.1000/abc"]


def test_every_layer_uses_the_one_home() -> None:
    assert isbn.normalize_doi is normalise_doi
    assert library.normalise_doi is normalise_doi
    assert structure.year_of is year_of
    assert library_entries.year_of is year_of
    assert bibliography_entries.year_of is year_of


def test_parsed_report_reads_the_year_through_the_one_helper() -> None:
    from citations.model import Citation
    from reports.parsed import describe_citation

    raw = Citation("Getty, Origins (1985).", csl={"author": [{"family": "Getty"}], "title": "Origins",
                                                   "issued": {"raw": "1985"}})
    empty = Citation("Getty, Origins.", csl={"author": [{"family": "Getty"}], "title": "Origins",
                                             "issued": {"date-parts": [[]]}})
    assert describe_citation(raw).endswith("Getty · Origins · 1985")
    assert describe_citation(empty).endswith("Getty · Origins")  # was an IndexError


def test_who_names_a_work_for_a_label() -> None:
    from citations.csl import who

    csl = {"author": [{"family": "Getty", "given": "J. Arch"}, {"literal": "Memorial"}, {"family": "Naumov"}]}
    assert who(csl) == "Getty, Memorial, Naumov"
    assert who(csl, "; ", 2) == "Getty; Memorial et al."
    assert who(csl, "; ", 3) == "Getty; Memorial; Naumov"
    assert who({"editor": [{"family": "Weber"}]}) == "Weber" and who({}) == ""
