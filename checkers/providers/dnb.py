"""Deutsche Nationalbibliothek over SRU: German-language books, as MARC21-xml records.

- ``GET {base}?version=1.1&operation=searchRetrieve&query=isbn%3D…&recordSchema=MARC21-xml``
- ``… &query=tit%3D"…" and per%3D…`` (CQL: title words and a person's name)

The answer is an SRU 1.1 ``searchRetrieveResponse`` whose records hold MARC21 ``record``
elements. The fields a book needs (MARC 21 bibliographic): ``020 $a`` ISBN, ``100``/``700``
persons (``$4`` relator ``aut``/``edt``), ``245 $a/$b`` title and subtitle, ``264``/``260``
``$a/$b/$c`` place, publisher, year, ``300 $a`` extent, ``041 $a`` language; the control number
``001`` gives the catalogue URL ``https://d-nb.info/{001}``. Parsed with defusedxml (no
entities, no network).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from checkers.providers import BOOK, ISBN, Candidate, Query, clean, issued, split_name, title_with_subtitle, year_of
from checkers.providers.base import Provider, Reply, UnexpectedRecord

NAME = "dnb"
SRU_URL = "{base}?{params}"
MAX_RECORDS = 10
CATALOGUE_URL = "https://d-nb.info/{id}"
SRW = "{http://www.loc.gov/zing/srw/}"
MARC = "{http://www.loc.gov/MARC21/slim}"

#: Language codes of the records (MARC 041) the DNB is asked about.
GERMAN = {"ger", "deu", "de"}


def cql(query: Query) -> str:
    """The CQL query: ``isbn=…`` or ``tit="…" and per=…`` (and ``jhr=…`` is left out on purpose:
    a different year must come back as a different edition, not as no answer)."""
    if query.kind == ISBN:
        return f"isbn={query.isbn}"
    title = re.split(r"[:.;]\s", query.title or "", maxsplit=1)[0]
    words = re.sub(r"[^\w\s-]", " ", title).split()
    parts = [f'tit="{" ".join(words)}"']
    if query.authors:
        parts.append(f'per="{query.authors[0]}"')
    return " and ".join(parts)


def sru_url(base: str, query: Query) -> str:
    params = {
        "version": "1.1",
        "operation": "searchRetrieve",
        "query": cql(query),
        "recordSchema": "MARC21-xml",
        "maximumRecords": MAX_RECORDS,
    }
    return SRU_URL.format(base=base, params=urlencode(params))


def read_sru(reply: Reply) -> list[Candidate]:
    return [record_to_candidate(r) for r in parse_response(reply.data)]


def parse_response(body: bytes) -> list[Element]:
    """The MARC ``record`` elements of an SRU response (:class:`UnexpectedRecord` for
    unreadable XML or an answer that is no SRU response)."""
    try:
        root = SafeET.fromstring(body)
    except (ParseError, DefusedXmlException) as exc:
        raise UnexpectedRecord(f"unreadable SRU answer ({exc.__class__.__name__})") from None
    if root.tag != f"{SRW}searchRetrieveResponse":
        raise UnexpectedRecord(f"not an SRU searchRetrieveResponse ({root.tag})")
    diagnostic = root.find(".//{http://www.loc.gov/zing/srw/diagnostic/}message")
    if diagnostic is not None:
        raise UnexpectedRecord(f"SRU diagnostic: {diagnostic.text}")
    number = root.find(f"{SRW}numberOfRecords")
    count = (number.text or "").strip() if number is not None else ""
    if not (count.isascii() and count.isdigit()):
        raise UnexpectedRecord("an SRU answer without numberOfRecords")
    records = list(root.iter(f"{MARC}record"))[:MAX_RECORDS]
    if int(count) > 0 and not records:  # zero records is the documented "no results"
        raise UnexpectedRecord(f"numberOfRecords {count} but no MARC21 records")
    return records


def _fields(record: Element, tag: str) -> Iterator[Element]:
    for df in record.findall(f"{MARC}datafield"):
        if df.get("tag") == tag:
            yield df


def _sub(field: Element, code: str) -> list[str]:
    return [(sf.text or "").strip() for sf in field.findall(f"{MARC}subfield") if sf.get("code") == code]


def _first_sub(record: Element, tags: tuple[str, ...], code: str) -> str | None:
    for tag in tags:
        for df in _fields(record, tag):
            for value in _sub(df, code):
                if value:
                    return value
    return None


def _strip_isbd(value: str | None) -> str | None:
    """Drop ISBD punctuation MARC keeps at field ends (``Berlin :``, ``Akademie-Verl.,``)."""
    if value is None:
        return None
    value = re.sub(r"[\s:;,/=]+$", "", value.strip())
    return value.strip("[]") or None


def record_to_csl(record: Element) -> dict[str, Any]:
    """One MARC21 bibliographic record → CSL-JSON."""
    authors: list[dict[str, str]] = []
    editors: list[dict[str, str]] = []
    for tag in ("100", "700"):
        for df in _fields(record, tag):
            name = (_sub(df, "a") or [""])[0]
            roles = set(_sub(df, "4")) | {r.rstrip(".").lower() for r in _sub(df, "e")}
            if not name:
                continue
            if roles & {"edt", "hrsg", "herausgeber", "ed", "editor"}:
                editors.append(split_name(name))
            elif tag == "100" or roles & {"aut", "verfasser", "author"}:
                authors.append(split_name(name))
    title = _strip_isbd(_first_sub(record, ("245",), "a"))
    subtitle = _strip_isbd(_first_sub(record, ("245",), "b"))
    isbns = []
    for df in _fields(record, "020"):
        for value in _sub(df, "a"):
            digits = re.match(r"[\dXx-]+", value)
            if digits:
                isbns.append(digits.group(0).replace("-", ""))
    return clean({
        "type": "book",
        "title": title_with_subtitle(title, subtitle),
        "author": authors,
        "editor": editors,
        "publisher": _strip_isbd(_first_sub(record, ("264", "260"), "b")),
        "publisher-place": _strip_isbd(_first_sub(record, ("264", "260"), "a")),
        "issued": issued(year_of(_first_sub(record, ("264", "260"), "c"))),
        "edition": _strip_isbd(_first_sub(record, ("250",), "a")),
        "number-of-pages": _strip_isbd(_first_sub(record, ("300",), "a")),
        "language": _first_sub(record, ("041",), "a"),
        "ISBN": isbns,
    })


def record_to_candidate(record: Element) -> Candidate:
    control = None
    for cf in record.findall(f"{MARC}controlfield"):
        if cf.get("tag") == "001":
            control = (cf.text or "").strip() or None
    return Candidate(NAME, control, CATALOGUE_URL.format(id=control) if control else None, record_to_csl(record))


class DNB(Provider):
    """SRU over MARC21-xml: the raw body is parsed here (defusedxml), not decoded as JSON."""

    name = NAME
    routes = {ISBN: (sru_url, read_sru), BOOK: (sru_url, read_sru)}
    body = "bytes"
    headers = {"Accept": "application/xml"}

    def supports(self, query: Query) -> bool:
        if query.kind == ISBN:
            # 978-3 is the German-language registration group (Germany, Austria, Switzerland).
            return bool(query.isbn and query.isbn.startswith("9783"))
        return query.kind == BOOK and bool(query.title) and query.german


PROVIDER = DNB()
supports = PROVIDER.supports
lookup = PROVIDER.lookup
