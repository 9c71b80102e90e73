"""RIS reference lists (Zotero, EndNote, Citavi), written with rispy.

Archival files are ``MANSCPT`` records with the archive in ``DB`` and the shelf mark in ``AN``
(archive location), as Zotero reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import rispy

from citations.model import Manuscript
from citations.works import Work
from reports.bibliography.entries import Entry, bibliography_entries, year_of

#: CSL type → RIS reference type.
TYPES = {
    "book": "BOOK",
    "chapter": "CHAP",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "paper-conference": "CPAPER",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "manuscript": "MANSCPT",
}
_RANGE = re.compile(r"\s*[-‐‑–—]+\s*")

#: rispy's tag table plus ``ED`` (editors), which RIS defines and Zotero reads.
MAPPING = {**rispy.TAG_KEY_MAPPING, "ED": "editors"}
LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED"]


class Writer(rispy.RisWriter):
    """rispy's RIS writer without the ``1.``/``2.`` numbering lines between records."""

    def set_header(self, count: int) -> str:
        return ""


def ris_name(name: Mapping[str, str]) -> str:
    """``{"family": "Rogovin", "given": "Vadim"}`` → ``Rogovin, Vadim``."""
    if name.get("literal"):
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    return f"{family}, {name['given']}" if name.get("given") else family


def _date(csl: Mapping[str, Any], field: str) -> str | None:
    """A CSL date as RIS ``YYYY/MM/DD`` (missing parts left empty)."""
    parts = (csl.get(field) or {}).get("date-parts") or []
    if not parts or not parts[0] or parts[0][0] in (None, ""):
        return None
    p = [str(x) for x in parts[0]] + ["", ""]
    return f"{p[0]}/{p[1].zfill(2) if p[1] else ''}/{p[2].zfill(2) if p[2] else ''}"


def record(entry: Entry) -> dict[str, Any]:
    """One rispy record (keys as in :data:`rispy.TAG_KEY_MAPPING`) for a reference-list entry."""
    csl = entry.csl
    rec: dict[str, Any] = {"type_of_reference": TYPES.get(csl.get("type", ""), "GEN"), "id": entry.key}
    if entry.archival is not None:
        rec["type_of_reference"] = "MANSCPT"
    if csl.get("author"):
        rec["authors"] = [ris_name(n) for n in csl["author"]]
    if csl.get("editor"):
        # A chapter's editors edit the book it is in (A2); otherwise the work's own editors (ED).
        key = "secondary_authors" if csl.get("type") == "chapter" else "editors"
        rec[key] = [ris_name(n) for n in csl["editor"]]
    if csl.get("title"):
        rec["title"] = csl["title"]
    elif entry.archival is not None:
        rec["title"] = entry.archival.canonical()
    if csl.get("container-title"):
        rec["secondary_title"] = csl["container-title"]
    year = year_of(csl)
    if year:
        rec["year"] = str(year)
    date = _date(csl, "issued")
    if date and not date.endswith("//"):  # DA only when it says more than PY
        rec["date"] = date
    for field, key in (("publisher", "publisher"), ("publisher-place", "place_published"),
                       ("volume", "volume"), ("issue", "number"), ("edition", "edition"),
                       ("DOI", "doi"), ("ISBN", "issn"), ("note", "notes")):
        if csl.get(field):
            rec[key] = [csl[field]] if key == "notes" else str(csl[field])
    if csl.get("page"):
        start, _, end = _RANGE.sub("-", str(csl["page"])).partition("-")
        rec["start_page"] = start
        if end:
            rec["end_page"] = end
    if csl.get("URL"):
        rec["urls"] = [csl["URL"]]
    if accessed := _date(csl, "accessed"):
        rec["access_date"] = accessed
    if entry.archival is not None:
        if csl.get("archive"):
            rec["name_of_database"] = csl["archive"]
        if csl.get("archive_location"):
            rec["accession_number"] = csl["archive_location"]
        if csl.get("archive-place"):
            rec["place_published"] = csl["archive-place"]
    return rec


def write(source: Manuscript | list[Work], keys: Mapping[str, str] | None = None) -> str:
    """The reference list as RIS text, one record per distinct work."""
    records = [record(e) for e in bibliography_entries(source, keys)]
    return rispy.dumps(records, implementation=Writer, mapping=MAPPING, list_tags=LIST_TAGS)


def read(text: str) -> list[dict[str, Any]]:
    """Parse RIS text written by :func:`write` back into rispy records (for round trips)."""
    return rispy.loads(text, mapping=MAPPING, list_tags=LIST_TAGS)
