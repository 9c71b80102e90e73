"""Each provider against recorded answers replayed on 127.0.0.1: URL → query → select → CSL-JSON."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Response

from checkers.config import Settings
from checkers.http import BadResponse, HttpClient
from checkers.providers import (
    ARTICLE,
    BOOK,
    DOI,
    ISBN,
    WEB,
    Query,
    crossref,
    dnb,
    googlebooks,
    openlibrary,
    split_name,
    wayback,
)
from checkers.providers.base import UnexpectedRecord
from tests.lookup_replay import (
    PREFIX,
    json_response,
    recorded,
    serve_capitalism_search,
    serve_gatsby_edition,
    settings_for,
)


@pytest.fixture
def settings(httpserver: HTTPServer, tmp_path: Path) -> Settings:
    return settings_for(httpserver, tmp_path / "cache")


@pytest.fixture
def client(settings: Settings) -> HttpClient:
    with HttpClient(settings) as c:
        yield c


# -- Open Library ---------------------------------------------------------------------------

def test_openlibrary_edition_by_isbn_follows_the_redirect(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    serve_gatsby_edition(httpserver)
    [edition] = openlibrary.lookup(client, settings, Query(ISBN, isbn="9780743273565"))
    assert edition.id == "/books/OL23109860M"
    assert edition.csl["title"] == "The Great Gatsby"
    assert edition.csl["author"] == [{"family": "Fitzgerald", "given": "F. Scott"}]  # from by_statement
    assert edition.csl["publisher"] == "Scribner"
    assert edition.csl["issued"] == {"date-parts": [[2004]]}
    assert edition.isbns == ["9780743273565", "0743273567"]


def test_openlibrary_author_records_name_the_authors(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    edition = {"key": "/books/OL1M", "title": "A Book", "authors": [{"key": "/authors/OL1A"}], "publish_date": "1999"}
    httpserver.expect_request(f"{PREFIX['openlibrary']}/isbn/9780918024565.json").respond_with_json(edition)
    httpserver.expect_request(f"{PREFIX['openlibrary']}/authors/OL1A.json").respond_with_response(
        json_response("openlibrary", "authors-OL1A-2013.json")
    )
    [found] = openlibrary.lookup(client, settings, Query(ISBN, isbn="9780918024565"))
    assert found.csl["author"] == [{"family": "Rautroy", "given": "Sachi"}]


def test_openlibrary_unknown_isbn_is_no_candidate(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['openlibrary']}/isbn/9780300082425.json").respond_with_data("not found", status=404)
    assert openlibrary.lookup(client, settings, Query(ISBN, isbn="9780300082425")) == []


def test_an_edition_whose_authors_are_no_list_is_an_unexpected_answer_and_not_kept(
    httpserver: HTTPServer, client: HttpClient, settings: Settings
) -> None:
    url = f"{PREFIX['openlibrary']}/isbn/9780300082425.json"
    httpserver.expect_ordered_request(url).respond_with_json({"title": "Stalin", "key": "/books/OL1M", "authors": 5})
    httpserver.expect_ordered_request(url).respond_with_json({"title": "Stalin", "key": "/books/OL1M"})
    with pytest.raises(BadResponse, match=r"^unexpected answer from Open Library \(authors is no list\)$"):
        openlibrary.lookup(client, settings, Query(ISBN, isbn="9780300082425"))
    [edition] = openlibrary.lookup(client, settings, Query(ISBN, isbn="9780300082425"))  # asked again
    assert edition.csl["title"] == "Stalin"


def test_openlibrary_search_sends_title_and_author_and_keeps_every_edition(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    serve_capitalism_search(httpserver)
    found = openlibrary.lookup(client, settings, Query(BOOK, title="Capitalism and Freedom", authors=("Friedman",), year=1962))
    request = httpserver.log[0][0]
    assert request.args["title"] == "Capitalism and Freedom" and request.args["author"] == "Friedman"
    first = found[0]
    assert first.id == "/works/OL2747782W"
    assert first.csl["author"] == [{"family": "Friedman", "given": "Milton"}]
    assert first.csl["issued"] == {"date-parts": [[1962]]}
    assert first.variants["year"] == [1962, 1964, 1982, 1989, 1993, 2002, 2009]
    assert "University of Chicago Press" in first.variants["publisher"]
    assert "9780226264202" in first.isbns
    assert len(found) == 10


# -- Google Books ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("isbn", "fixture", "title", "family", "year"),
    [
        ("9780918024565", "volumes-isbn-9780918024565-willard-gibbs-biography.json", "Willard Gibbs", "Rukeyser", 1988),
        ("9780008117498", "volumes-isbn-9780008117498-foundation.json", "Foundation", "Asimov", None),
        ("9780099560432", "volumes-isbn-9780099560432-ready-player-one.json", "Ready Player One", "Cline", None),
    ],
)
def test_googlebooks_volume_by_isbn(httpserver: HTTPServer, client: HttpClient, settings: Settings,
                                    isbn: str, fixture: str, title: str, family: str, year: int | None) -> None:
    httpserver.expect_request(f"{PREFIX['googlebooks']}/volumes", query_string=f"q=isbn%3A{isbn}").respond_with_response(
        json_response("googlebooks", fixture)
    )
    found = googlebooks.lookup(client, settings, Query(ISBN, isbn=isbn))
    assert found and found[0].csl["title"].startswith(title)
    assert found[0].csl["author"][0]["family"] == family
    assert isbn in found[0].isbns
    assert found[0].url and found[0].id
    if year:
        assert found[0].csl["issued"] == {"date-parts": [[year]]}


def test_googlebooks_search_uses_intitle_and_inauthor(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['googlebooks']}/volumes").respond_with_json({"kind": "books#volumes", "totalItems": 0})
    assert googlebooks.lookup(client, settings, Query(BOOK, title='Enemies within the "Gates"', authors=("Chase",))) == []
    q = httpserver.log[0][0].args["q"]
    assert q == 'intitle:"Enemies within the Gates" inauthor:Chase'


# -- Crossref -------------------------------------------------------------------------------

def test_crossref_work_by_doi_maps_to_csl(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['crossref']}/works/10.1371/journal.pone.0033693").respond_with_response(
        json_response("crossref", "work-by-doi-10.1371-journal.pone.0033693.json")
    )
    [work] = crossref.lookup(client, settings, Query(DOI, doi="https://doi.org/10.1371/JOURNAL.PONE.0033693"))
    csl = work.csl
    assert csl["type"] == "article-journal"
    assert csl["container-title"] == "PLoS ONE"
    assert csl["author"][0] == {"family": "Sadasivan", "given": "Shankar"}
    assert csl["issued"] == {"date-parts": [[2012, 3, 21]]}
    assert (csl["volume"], csl["issue"], csl["page"]) == ("7", "3", "e33693")
    assert work.id == "10.1371/journal.pone.0033693" and work.url == "https://doi.org/10.1371/journal.pone.0033693"


def test_crossref_unknown_doi_is_no_candidate(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['crossref']}/works/10.1371/notarealdoi").respond_with_data(
        recorded("crossref", "work-by-doi-not-found-404.txt"), status=404, content_type="text/plain"
    )
    assert crossref.lookup(client, settings, Query(DOI, doi="10.1371/notarealdoi")) == []


def test_crossref_bibliographic_query(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['crossref']}/works").respond_with_response(
        json_response("crossref", "works-query-global-state-filter-has-orcid-rows3.json")
    )
    found = crossref.lookup(client, settings, Query(ARTICLE, title="Host state reactions", authors=("Délano",), year=2018, container="Global Networks"))
    sent = httpserver.log[0][0].args
    assert sent["query.bibliographic"] == "Délano Host state reactions Global Networks 2018"
    assert sent["rows"] == "5"
    assert [c.csl["container-title"] for c in found][1] == "Global Networks"
    assert found[2].csl["container-title"] == "Photodermatology, Photoimmunology & Photomedicine"  # entities decoded


def test_crossref_no_results(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['crossref']}/works").respond_with_response(
        json_response("crossref", "works-query-adfaaf-no-results.json")
    )
    assert crossref.lookup(client, settings, Query(ARTICLE, title="adfaaf")) == []


# -- DNB (constructed SRU answers, see tests/fixtures/recorded/SOURCES.md) ------------------

def serve_dnb(httpserver: HTTPServer, fixture: str) -> None:
    httpserver.expect_request(PREFIX["dnb"]).respond_with_data(recorded("dnb", fixture), content_type="application/xml")


def test_dnb_edited_volume_from_marc21(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    serve_dnb(httpserver, "sru-CONSTRUCTED-tit-terror-per-weber-2001.xml")
    [record] = dnb.lookup(client, settings, Query(BOOK, title="Terror", authors=("Weber",), german=True))
    args = httpserver.log[0][0].args
    assert (args["version"], args["operation"], args["recordSchema"]) == ("1.1", "searchRetrieve", "MARC21-xml")
    assert args["query"] == 'tit="Terror" and per="Weber"'
    assert record.csl == {
        "type": "book",
        "title": "Terror: stalinistische Parteisäuberungen 1936 - 1953",
        "editor": [{"family": "Weber", "given": "Hermann"}, {"family": "Mählert", "given": "Ulrich"}],
        "publisher": "Schöningh",
        "publisher-place": "Paderborn",
        "issued": {"date-parts": [[2001]]},
        "language": "ger",
    }
    assert record.id == "CONSTRUCTED0001" and record.url == "https://d-nb.info/CONSTRUCTED0001"


def test_dnb_older_260_imprint_loses_its_isbd_punctuation(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    serve_dnb(httpserver, "sru-CONSTRUCTED-tit-bolschewistische-ordnung-per-junge-2015.xml")
    [record] = dnb.lookup(client, settings, Query(BOOK, title="Bolschewistische Ordnung in Georgien", authors=("Junge",), german=True))
    assert record.csl["title"] == "Bolschewistische Ordnung in Georgien: der Große Terror in einer kleinen kaukasischen Republik"
    assert record.csl["author"] == [{"family": "Junge", "given": "Marc"}]
    assert (record.csl["publisher-place"], record.csl["publisher"]) == ("Berlin", "De Gruyter")


def test_dnb_no_records_and_diagnostics(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    serve_dnb(httpserver, "sru-CONSTRUCTED-no-records.xml")
    assert dnb.lookup(client, settings, Query(ISBN, isbn="9783050041551")) == []
    assert httpserver.log[0][0].args["query"] == "isbn=9783050041551"
    httpserver.clear()
    serve_dnb(httpserver, "sru-CONSTRUCTED-diagnostic.xml")
    with pytest.raises(BadResponse, match="Query syntax error"):
        dnb.lookup(client, settings, Query(BOOK, title="Anders", german=True))


@pytest.mark.parametrize(
    ("query", "asked"),
    [
        (Query(ISBN, isbn="9783050041551"), True),
        (Query(ISBN, isbn="9780300082425"), False),  # not a German-language ISBN group
        (Query(BOOK, title="Terror", german=True), True),
        (Query(BOOK, title="The Comintern", german=False), False),
        (Query(ARTICLE, title="Einleitung", german=True), False),
    ],
)
def test_dnb_is_asked_about_german_language_books_only(query: Query, asked: bool) -> None:
    assert dnb.supports(query) is asked


def test_dnb_refuses_entity_expansion(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>'
    httpserver.expect_request(PREFIX["dnb"]).respond_with_data(bomb, content_type="application/xml")
    with pytest.raises(BadResponse):
        dnb.lookup(client, settings, Query(BOOK, title="Bombe", german=True))


# -- Wayback --------------------------------------------------------------------------------

def test_wayback_snapshot_near_the_access_date(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(PREFIX["wayback"]).respond_with_response(
        json_response("wayback", "available-example-com-DOC-EXAMPLE.json")
    )
    [snapshot] = wayback.lookup(client, settings, Query(WEB, url="http://example.com/", accessed="20130920"))
    assert parse_qs(urlsplit(httpserver.log[0][0].url).query) == {"url": ["http://example.com/"], "timestamp": ["20130920"]}
    assert snapshot.url == "http://web.archive.org/web/20130919044612/http://example.com/"
    assert snapshot.csl["issued"] == {"date-parts": [[2013, 9, 19]]}


def test_wayback_not_archived(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(PREFIX["wayback"]).respond_with_response(
        json_response("wayback", "available-not-archived-DOC-EXAMPLE.json")
    )
    assert wayback.lookup(client, settings, Query(WEB, url="http://example.org/never")) == []


def test_wayback_ignores_a_capture_that_is_not_the_page(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    redirect = {"archived_snapshots": {"closest": {"available": True, "url": "http://web.archive.org/web/2/x", "timestamp": "20200101000000", "status": "302"}}}
    httpserver.expect_request(PREFIX["wayback"]).respond_with_json(redirect)
    assert wayback.lookup(client, settings, Query(WEB, url="http://example.org/moved")) == []


# -- shared helpers -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Weber, Hermann", {"family": "Weber", "given": "Hermann"}),
        ("Hermann Weber", {"family": "Weber", "given": "Hermann"}),
        ("Weber, Hermann, 1928-2014", {"family": "Weber", "given": "Hermann"}),
        ("Weber, 1928-2014", {"family": "Weber"}),
        ("J. R. R. Tolkien", {"family": "Tolkien", "given": "J. R. R."}),
        ("Ludwig van Beethoven", {"family": "van Beethoven", "given": "Ludwig"}),
        ("Plato", {"family": "Plato"}),
    ],
)
def test_catalogue_names_split_into_family_and_given(written: str, name: dict) -> None:
    assert split_name(written) == name


def test_a_server_error_page_is_not_a_record(httpserver: HTTPServer, client: HttpClient, settings: Settings) -> None:
    httpserver.expect_request(f"{PREFIX['googlebooks']}/volumes").respond_with_response(Response("<html>", status=200, content_type="text/html"))
    with pytest.raises(BadResponse):
        googlebooks.lookup(client, settings, Query(ISBN, isbn="9780918024565"))


# -- odd answers never crash a run ----------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_fields = st.sampled_from([
    "title", "subtitle", "author_name", "publish_year", "first_publish_year", "publisher", "publish_place",
    "isbn", "key", "authors", "publishedDate", "industryIdentifiers", "container-title", "issued", "author",
    "page", "DOI", "type",
])


@given(st.dictionaries(_fields, _json, max_size=8))
def test_mappers_survive_any_record_shape(record: dict) -> None:
    """A record of an unexpected shape either maps or raises the providers' own
    UnexpectedRecord, which the lookup turns into an 'unexpected answer'. Anything else
    (KeyError, TypeError …) would be a bug in the mapper and fails here."""
    for mapper in (lambda r: openlibrary.doc_to_candidate(r, "http://x").csl,
                   googlebooks.volume_to_csl,
                   crossref.work_to_csl,
                   lambda r: openlibrary.edition_to_csl(r, []),
                   lambda r: wayback.snapshot_to_candidate(r, Query(WEB, url="http://x")).csl):
        try:
            csl = mapper(record)
        except UnexpectedRecord:
            continue
        assert isinstance(csl, dict)
        assert isinstance(csl.get("title", ""), str)
        assert all(value not in (None, "", [], {}) for value in csl.values())


_answers = st.one_of(
    _json,
    st.fixed_dictionaries({}, optional={"totalItems": _json, "items": st.lists(_json, max_size=3)}),
    st.fixed_dictionaries({}, optional={"numFound": _json, "docs": st.lists(_json, max_size=3)}),
    st.fixed_dictionaries({"status": st.just("ok")}, optional={
        "message-type": st.sampled_from(["work", "work-list"]),
        "message": st.dictionaries(st.sampled_from(["items", "DOI", "title", "issued", "author"]), _json, max_size=4)}),
    st.fixed_dictionaries({}, optional={"archived_snapshots": st.dictionaries(st.just("closest"), _json)}),
)


@given(_answers)
def test_readers_of_whole_answers_map_or_call_them_unexpected(data: object) -> None:
    """What a service answers, whatever its shape, becomes candidates or UnexpectedRecord
    (an 'unexpected answer'); any other exception is a bug and fails here."""
    from checkers.providers.base import Reply

    readers = [(googlebooks.read_volumes, Query(BOOK, title="T")), (openlibrary.read_search, Query(BOOK, title="T")),
               (crossref.read_work, Query(DOI, doi="10.1/x")), (crossref.read_works, Query(ARTICLE, title="T")),
               (wayback.read_snapshot, Query(WEB, url="http://x"))]
    for read, query in readers:
        try:
            candidates = read(Reply(200, data, query, None, "http://x", "http://x/q"))  # type: ignore[arg-type]
        except UnexpectedRecord:
            continue
        assert all(isinstance(c.csl, dict) for c in candidates)
