"""Forms met in the real manuscripts (../shared/manuscripts/real/), read by general mechanisms:
a release's version, a link written as a title, a title the labeller split at a word."""

from __future__ import annotations

from citations.parse import parse_note


def _one(text: str):  # type: ignore[no-untyped-def]
    [citation] = parse_note(text)
    return citation.csl


def test_a_release_version_is_its_own_field_not_a_volume() -> None:
    csl = _one("Thomas A Caswell, Michael Droettboom, John Hunter, et al. Matplotlib/matplotlib v2.2.4 (2019). "
               "https://doi.org/10.5281/zenodo.2669103.")
    assert csl["type"] == "software" and csl["version"] == "2.2.4" and "volume" not in csl
    assert csl["title"] == "Matplotlib/matplotlib"
    assert [p["family"] for p in csl["author"]][:3] == ["Caswell", "Droettboom", "Hunter"]


def test_an_r_package_version_with_a_dash() -> None:
    csl = _one("Bettina Grün and Kurt Hornik. topicmodels. R Package, Version 0.2-4. "
               "https://cran.r-project.org/web/packages/topicmodels/index.html")
    assert csl["version"] == "0.2-4" and csl["type"] == "software"


def test_v_and_a_number_is_still_a_volume() -> None:
    csl = _one("Edward Gibbon, The History of the Decline and Fall of the Roman Empire, v. 3 (London: Strahan, 1781), 44.")
    assert "version" not in csl and csl["volume"] == "3"


def test_a_link_written_as_the_title_leaves_no_empty_quotes() -> None:
    csl = _one("Bettina Grün and Kurt Hornik. “https://cran.r-project.org/web/packages/topicmodels/index.html”. "
               "R Package, Version 0.2-4.")
    assert csl["URL"] == "https://cran.r-project.org/web/packages/topicmodels/index.html"
    assert "“" not in str(csl.get("title", "")) and "”" not in csl["URL"]


def test_a_title_split_at_in_is_joined_by_its_own_word() -> None:
    csl = _one("Taylor Arnold and Lauren Tilton. Humanities Data in R: Exploring Networks, Geospatial Data, Images, "
               "and Text. Springer, 2015.")
    assert csl["title"] == "Humanities Data in R: Exploring Networks, Geospatial Data, Images, and Text"


def test_after_family_given_and_its_period_the_title_begins() -> None:
    csl = _one("Gitelman, Lisa. Paper Knowledge: Toward a Media History of Documents. Durham: Duke University Press, 2014.")
    assert csl["author"] == [{"family": "Gitelman", "given": "Lisa"}]
    assert csl["title"] == "Paper Knowledge: Toward a Media History of Documents"
    csl = _one("Gitelman, Lisa. Always Already New. Cambridge: MIT Press, 2006.")
    assert csl["author"] == [{"family": "Gitelman", "given": "Lisa"}] and csl["title"] == "Always Already New"


def test_a_publisher_s_name_goes_on_in_lower_case() -> None:
    csl = _one("Knuth, Donald. 1992. Literate Programming. Stanford, California: Center for the Study of Language "
               "and Information.")
    assert csl["publisher"] == "Center for the Study of Language and Information"
    assert csl["title"] == "Literate Programming" and csl["publisher-place"] == "Stanford, California"


def test_two_books_joined_by_and_after_a_dated_imprint_are_two_citations() -> None:
    from citations.parse import parse_note

    first, second = parse_note(
        "For a broader discussion on the role of GIS in the humanities see Placing History: How Maps, Spatial Data, "
        "and GIS Are Changing Historical Scholarship (Esri Press, 2008) and Harris, Trevor M., John Corrigan, and "
        "David J. Bodenhamer, The Spatial Humanities: GIS and the Future of Humanities Scholarship (Bloomington: "
        "Indiana University Press, 2010).")
    assert first.csl["title"].startswith("Placing History") and first.csl["publisher"] == "Esri Press"
    assert "publisher-place" not in first.csl and first.prefix and first.prefix.endswith("see")
    assert [p["family"] for p in second.csl["author"]] == ["Harris", "Corrigan", "Bodenhamer"]
    assert second.csl["publisher-place"] == "Bloomington"
