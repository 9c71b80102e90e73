"""Verdicts per citation: verified, partial, not-found, unverifiable, invalid — with evidence.

Manuscripts are built directly from the model (no parser involved); the catalogues are a real
local server replaying recorded answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from checkers.config import Settings
from checkers.result import CheckResult
from checkers.verify import looks_german, lookup_step, verify_manuscript
from citations.model import ArchivalRef, Citation, Manuscript, Note
from tests.lookup_replay import (
    PREFIX,
    closed_port,
    json_response,
    recorded,
    serve_capitalism_search,
    serve_gatsby_edition,
    serve_not_found_elsewhere,
    settings_for,
)


def book(title: str, *families: str, year: int | None = None, **more: Any) -> Citation:
    csl: dict[str, Any] = {"type": "book", "title": title, "author": [{"family": f} for f in families]}
    if year:
        csl["issued"] = {"date-parts": [[year]]}
    csl.update(more)
    return Citation(text=f"{', '.join(families)}, {title}, {year}", csl={k: v for k, v in csl.items() if v})


def manuscript(*notes: list[Citation]) -> Manuscript:
    return Manuscript("test.txt", "text", [Note(i + 1, "…", 10 * (i + 1), list(cs)) for i, cs in enumerate(notes)])


def run(ms: Manuscript, settings: Settings) -> CheckResult:
    result = CheckResult(ms)
    lookup_step(ms, settings, result)
    return result


@pytest.fixture
def catalogues(httpserver: HTTPServer) -> HTTPServer:
    """Open Library answers every search with the recorded "capitalism and freedom" list;
    the other services know nothing."""
    serve_capitalism_search(httpserver)
    serve_not_found_elsewhere(httpserver)
    return httpserver


@pytest.fixture
def settings(httpserver: HTTPServer, tmp_path: Path) -> Settings:
    return settings_for(httpserver, tmp_path / "cache")


FRIEDMAN_1962 = dict(publisher="University of Chicago Press", **{"publisher-place": "Chicago"})


def test_a_citation_that_agrees_with_the_catalogue_is_verified(catalogues: HTTPServer, settings: Settings) -> None:
    result = run(manuscript([book("Capitalism and Freedom", "Friedman", year=1962, **FRIEDMAN_1962)]), settings)
    v = result.verifications[(1, 0)]
    assert v.status == "verified", v
    assert [(e.service, e.id) for e in v.evidence] == [("openlibrary", "/works/OL2747782W")]
    assert v.evidence[0].url.endswith("/openlibrary/works/OL2747782W")
    assert result.findings == []


def test_a_wrong_year_is_partial_with_the_year_difference(catalogues: HTTPServer, settings: Settings) -> None:
    result = run(manuscript([book("Capitalism and Freedom", "Friedman", year=1961, **FRIEDMAN_1962)]), settings)
    v = result.verifications[(1, 0)]
    assert v.status == "partial"
    assert [d.to_dict() for d in v.differences] == [{"field": "year", "cited": 1961, "found": 1962}]
    [finding] = result.findings
    assert (finding.code, finding.severity, finding.note, finding.line) == ("LK121", "warning", 1, 10)
    assert "cited as 1961, catalogued as 1962" in finding.message


def test_a_title_no_catalogue_knows_is_not_found(catalogues: HTTPServer, settings: Settings) -> None:
    result = run(manuscript([book("Das Leben der Tiere im Moskauer Exil", "Meier", year=1999)]), settings)
    v = result.verifications[(1, 0)]
    assert v.status == "not-found"
    assert v.reason.startswith("not in Deutsche Nationalbibliothek, Google Books, Open Library")
    assert [f.code for f in result.findings] == ["LK110"]


def test_two_different_works_matching_equally_are_not_picked(catalogues: HTTPServer, settings: Settings) -> None:
    # no author, no year: Friedman's, Nolan's and Selden's "Capitalism and Freedom" all fit
    result = run(manuscript([book("Capitalism and Freedom")]), settings)
    v = result.verifications[(1, 0)]
    assert v.status == "unverifiable"
    assert v.reason.startswith("ambiguous")
    assert v.ambiguous and not v.volume_only
    assert "Friedman" in v.reason and "Nolan" in v.reason
    assert len(v.evidence) >= 2
    assert [f.code for f in result.findings] == ["LK130"]


def test_the_author_picks_the_right_one_of_several_works(catalogues: HTTPServer, settings: Settings) -> None:
    v = run(manuscript([book("Capitalism and Freedom", "Nolan", year=2008)]), settings).verifications[(1, 0)]
    assert v.status == "verified" and v.evidence[0].id == "/works/OL2949201W"


def test_an_invalid_isbn_is_a_finding_and_no_request(catalogues: HTTPServer, settings: Settings) -> None:
    citation = book("Capitalism and Freedom", "Friedman", year=1962, ISBN="978-0-226-26421-3")
    result = run(manuscript([citation]), settings)
    v = result.verifications[(1, 0)]
    assert v.status == "invalid" and "wrong check digit" in v.reason
    assert [(f.code, f.severity) for f in result.findings] == [("LK101", "error")]
    assert catalogues.log == []


def test_an_isbn_is_looked_up_as_the_edition(httpserver: HTTPServer, settings: Settings) -> None:
    serve_gatsby_edition(httpserver)
    serve_not_found_elsewhere(httpserver)
    httpserver.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_json({"numFound": 0, "docs": []})
    right = book("The Great Gatsby", "Fitzgerald", year=2004, ISBN="978-0-7432-7356-5", publisher="Scribner")
    wrong_year = book("The Great Gatsby", "Fitzgerald", year=2005, ISBN="978-0-7432-7356-5", publisher="Scribner")
    verdicts, _ = verify_manuscript(manuscript([right], [wrong_year]), settings)
    assert verdicts[(1, 0)].status == "verified"
    assert verdicts[(1, 0)].evidence[0].id == "/books/OL23109860M"
    assert verdicts[(2, 0)].status == "partial"
    assert [(d.field, d.cited, d.found) for d in verdicts[(2, 0)].differences] == [("year", 2005, 2004)]


def test_a_work_cited_in_several_notes_is_looked_up_once(catalogues: HTTPServer, settings: Settings) -> None:
    full = book("Capitalism and Freedom", "Friedman", year=1962, **FRIEDMAN_1962)
    again = book("Capitalism and Freedom", "Friedman", year=1962, **FRIEDMAN_1962)  # cited in full again
    ibid = Citation("Ibid., p. 4.", kind="ibid", resolves_to=(1, 0))
    short = Citation("Friedman, Capitalism, p. 9.", kind="short", resolves_to=(1, 0))
    ms = manuscript([full], [ibid], [short], [again])
    result = run(ms, settings)
    assert {v.status for v in result.verifications.values()} == {"verified"}
    assert len(result.verifications) == 4
    searches = [r for r, _ in catalogues.log if r.path.endswith("/search.json")]
    assert len(searches) == 1


def test_offline_without_cache_everything_is_unverifiable_and_silent(catalogues: HTTPServer, settings: Settings) -> None:
    settings.offline = True
    result = run(manuscript([book("Capitalism and Freedom", "Friedman", year=1962)]), settings)
    v = result.verifications[(1, 0)]
    assert (v.status, v.reason) == ("unverifiable", "offline and not in the cache")
    assert result.findings == [] and catalogues.log == []


def test_offline_after_an_online_run_gives_the_same_verdict_from_the_cache(catalogues: HTTPServer, settings: Settings) -> None:
    ms = manuscript([book("Capitalism and Freedom", "Friedman", year=1961, **FRIEDMAN_1962)])
    online = run(ms, settings).verifications[(1, 0)]
    asked = len(catalogues.log)
    settings.offline = True
    offline = run(ms, settings).verifications[(1, 0)]
    assert offline == online and offline.status == "partial"
    assert len(catalogues.log) == asked


def test_one_service_down_makes_a_miss_unverifiable_not_not_found(httpserver: HTTPServer, settings: Settings) -> None:
    serve_capitalism_search(httpserver)
    settings.urls["googlebooks"] = f"http://127.0.0.1:{closed_port()}"
    settings.providers["dnb"] = False
    v = run(manuscript([book("Das Leben der Tiere", "Meier", year=1999)]), settings).verifications[(1, 0)]
    assert v.status == "unverifiable"
    assert v.reason.startswith("not found in Open Library; cannot reach Google Books (127.0.0.1:")


def test_archival_files_and_reports_have_no_catalogue(catalogues: HTTPServer, settings: Settings) -> None:
    archival = Citation("RGASPI f. 495, op. 18, d. 213, ll. 6–7.", csl={"type": "manuscript", "archive": "RGASPI"},
                        archival=ArchivalRef("RGASPI", "495", "18", "213", "6–7"))
    report = Citation("Report of the Commission, 9.2.1956", csl={"type": "report", "title": "Report of the Commission"})
    verdicts, _ = verify_manuscript(manuscript([archival, report]), settings)
    assert verdicts[(1, 0)].reason == "no catalogue for archival files"
    assert verdicts[(1, 1)].reason == "no catalogue for reports and official documents"
    assert {v.status for v in verdicts.values()} == {"unverifiable"}
    assert catalogues.log == []


def test_unparsed_and_unresolved_citations_say_why(settings: Settings) -> None:
    unparsed = Citation("Some remark.", kind="unparsed", reason="no reference recognised")
    dangling = Citation("Ibid.", kind="ibid", reason="nothing before it to repeat")
    verdicts, _ = verify_manuscript(manuscript([unparsed], [dangling]), settings)
    assert verdicts[(1, 0)].reason == "not parsed: no reference recognised"
    assert verdicts[(2, 0)].reason == "nothing before it to repeat"


def test_a_chapter_whose_volume_is_found_is_partial_with_the_reason(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request(PREFIX["dnb"]).respond_with_data(
        recorded("dnb", "sru-CONSTRUCTED-tit-terror-per-weber-2001.xml"), content_type="application/xml")
    httpserver.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_json({"numFound": 0, "docs": []})
    serve_not_found_elsewhere(httpserver)
    chapter = Citation("Weber, Einleitung", csl={
        "type": "chapter", "title": "Einleitung", "author": [{"family": "Weber", "given": "Hermann"}],
        "container-title": "Terror. Stalinistische Parteisäuberungen 1936–1953",
        "editor": [{"family": "Weber"}, {"family": "Mählert"}], "publisher": "Schöningh",
        "publisher-place": "Paderborn", "issued": {"date-parts": [[2001]]}, "page": "17"})
    result = run(manuscript([chapter]), settings)
    v = result.verifications[(1, 0)]
    assert v.status == "partial" and v.differences == []
    assert v.reason == "the volume was found and agrees; the chapter itself is not catalogued"
    assert v.volume_only and not v.ambiguous
    assert v.evidence[0].service == "dnb"
    assert [f.code for f in result.findings] == ["LK125"]


def test_an_article_found_by_crossref_is_verified(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['crossref']}/works").respond_with_response(
        json_response("crossref", "works-query-global-state-filter-has-orcid-rows3.json"))
    article = Citation("…", csl={
        "type": "article-journal", "title": "Global state of sunscreens", "container-title": "Photodermatology, Photoimmunology & Photomedicine",
        "author": [{"family": "Osterwalder"}], "issued": {"date-parts": [[2014]]}})
    found = httpserver.log
    v = run(manuscript([article]), settings).verifications[(1, 0)]
    assert found and found[0][0].args["query.bibliographic"].startswith("Osterwalder Global state of sunscreens")
    assert v.status == "verified", v
    assert v.evidence[0].service == "crossref" and v.evidence[0].id.startswith("10.")


@pytest.mark.parametrize(
    ("accessed", "status"),
    [([2013, 9, 20], "verified"), ([2016, 1, 1], "partial")],
)
def test_web_sources_are_checked_against_archived_snapshots(httpserver: HTTPServer, settings: Settings,
                                                            accessed: list[int], status: str) -> None:
    httpserver.expect_request(PREFIX["wayback"]).respond_with_response(
        json_response("wayback", "available-example-com-DOC-EXAMPLE.json"))
    page = Citation("…", csl={"type": "webpage", "title": "Example", "URL": "http://example.com/",
                              "accessed": {"date-parts": [accessed]}})
    v = run(manuscript([page]), settings).verifications[(1, 0)]
    assert v.status == status
    assert v.evidence[0].url == "http://web.archive.org/web/20130919044612/http://example.com/"
    assert httpserver.log[0][0].args["timestamp"] == "".join(f"{p:02d}" for p in accessed)


def test_a_web_source_without_url_is_unverifiable(settings: Settings) -> None:
    page = Citation("Chinese Wikipedia (accessed 29.7.2025)", csl={"type": "webpage", "title": "Chinese Wikipedia"})
    verdicts, _ = verify_manuscript(manuscript([page]), settings)
    assert (verdicts[(1, 0)].status, verdicts[(1, 0)].reason) == ("unverifiable", "web source without a URL")


def test_disabled_services_are_not_asked(catalogues: HTTPServer, settings: Settings) -> None:
    for name in ("googlebooks", "dnb", "crossref"):
        settings.providers[name] = False
    run(manuscript([book("Capitalism and Freedom", "Friedman", year=1962)]), settings)
    assert {r.path.split("/")[1] for r, _ in catalogues.log} == {"openlibrary"}


@pytest.mark.parametrize(
    ("csl", "german"),
    [
        ({"title": "Terror", "publisher": "Schöningh", "publisher-place": "Paderborn"}, True),
        ({"title": "Stalin und die Deutschen", "publisher": "Oldenbourg"}, True),
        ({"title": "Russland, Deutschland, Komintern", "publisher-place": "Berlin/Boston"}, True),
        ({"title": "The Comintern", "publisher": "Macmillan", "publisher-place": "Basingstoke"}, False),
        ({"title": "Child of the revolution", "publisher-place": "Chicago"}, False),
        ({"title": "Les ombres errantes", "language": "fr", "publisher-place": "Berlin"}, False),
    ],
)
def test_german_language_books_go_to_the_dnb(csl: dict, german: bool) -> None:
    assert looks_german(csl) is german


def test_progress_is_reported_per_look_up(catalogues: HTTPServer, settings: Settings) -> None:
    calls: list[tuple[int, int]] = []
    verify_manuscript(manuscript([book("Capitalism and Freedom", "Friedman", year=1962)]), settings,
                      progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)  # Open Library and Google Books


def test_the_isbn_of_a_chapter_is_the_isbn_of_its_volume(httpserver: HTTPServer, settings: Settings) -> None:
    serve_gatsby_edition(httpserver)
    serve_not_found_elsewhere(httpserver)
    chapter = Citation("…", csl={
        "type": "chapter", "title": "Afterword", "author": [{"family": "Critic"}], "container-title": "The Great Gatsby",
        "container-author": [{"family": "Fitzgerald"}], "publisher": "Scribner",
        "issued": {"date-parts": [[2004]]}, "ISBN": "9780743273565", "page": "181-190"})
    v = run(manuscript([chapter]), settings).verifications[(1, 0)]
    assert v.status == "partial" and v.differences == []
    assert v.reason == "the volume was found and agrees; the chapter itself is not catalogued"
    assert v.evidence[0].id == "/books/OL23109860M"
    searches = [r.path for r, _ in httpserver.log if r.path.endswith("/search.json")]
    assert searches == []  # the ISBN found the volume: no title search


def test_a_title_alone_is_not_enough_to_verify(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_json(
        {"numFound": 1, "docs": [{"key": "/works/OL1W", "title": "Willard Gibbs"}]})
    serve_not_found_elsewhere(httpserver)
    result = run(manuscript([book("Willard Gibbs")]), settings)
    v = result.verifications[(1, 0)]
    assert v.status == "partial" and v.differences == []
    assert v.reason.startswith("only the title could be compared")
    assert [f.code for f in result.findings] == ["LK126"]


def test_a_record_that_names_no_author_cannot_verify_a_cited_author(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['openlibrary']}/search.json").respond_with_json(
        {"numFound": 1, "docs": [{"key": "/works/OL1W", "title": "Willard Gibbs", "first_publish_year": 1988}]})
    serve_not_found_elsewhere(httpserver)
    v = run(manuscript([book("Willard Gibbs", "Rukeyser", year=1988)]), settings).verifications[(1, 0)]
    assert v.status == "partial"
    assert v.reason == "the record does not give author to compare"


def test_an_article_with_a_doi_is_looked_up_by_it_and_not_searched(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['crossref']}/works/10.1371/journal.pone.0033693").respond_with_response(
        json_response("crossref", "work-by-doi-10.1371-journal.pone.0033693.json"))
    article = Citation("… https://doi.org/10.1371/journal.pone.0033693", csl={
        "type": "article-journal",
        "title": "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice",
        "author": [{"family": "Sadasivan"}, {"family": "Pond"}], "container-title": "PLoS ONE", "volume": "7",
        "issue": "3", "issued": {"date-parts": [[2012]]}})
    v = run(manuscript([article]), settings).verifications[(1, 0)]
    assert v.status == "verified", v
    assert v.evidence[0].id == "10.1371/journal.pone.0033693"
    assert [r.path for r, _ in httpserver.log] == [f"{PREFIX['crossref']}/works/10.1371/journal.pone.0033693"]


def test_a_malformed_doi_is_invalid(settings: Settings) -> None:
    article = Citation("…", csl={"type": "article-journal", "title": "X", "DOI": "doi:11.2/abc"})
    result = run(manuscript([article]), settings)
    assert result.verifications[(1, 0)].status == "invalid"
    assert [f.code for f in result.findings] == ["LK102"]
