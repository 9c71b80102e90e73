"""Reading RIS libraries (Zotero, EndNote, Citavi exports) with rispy."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import rispy

from citations.libraries.entries import LibraryEntry, LibraryError, LibraryFile, _archival_of, _date_parts

RIS_TYPES = {
    "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter", "ECHAP": "chapter",
    "JOUR": "article-journal", "EJOUR": "article-journal", "JFULL": "article-journal",
    "MGZN": "article-magazine", "NEWS": "article-newspaper", "ELEC": "webpage", "WEB": "webpage",
    "BLOG": "post-weblog", "RPRT": "report", "GOVDOC": "report", "MANSCPT": "manuscript",
    "UNPB": "manuscript", "PCOMM": "personal_communication", "THES": "thesis",
    "CONF": "paper-conference", "CPAPER": "paper-conference", "DATA": "dataset",
    "ENCYC": "entry-encyclopedia", "DICT": "entry-dictionary", "GEN": "document",
}


def _ris_name(text: str) -> dict[str, str]:
    """``Müller, Reinhard`` (or ``Reinhard Müller``) → a CSL name."""
    text = " ".join(text.split()).strip(" ,")
    if "," in text:
        family, given = (p.strip() for p in text.split(",", 1))
        given = given.split(",")[0].strip()  # drop a trailing suffix field
        return {"family": family, "given": given} if given else {"family": family}
    parts = text.rsplit(" ", 1)
    return {"family": parts[-1], "given": parts[0]} if len(parts) == 2 else {"family": text}


def ris_to_csl(record: dict[str, Any]) -> dict[str, Any]:
    """A rispy record → a CSL-JSON item."""
    unknown = record.get("unknown_tag") or {}
    ris_type = str(record.get("type_of_reference") or "GEN").upper()
    csl: dict[str, Any] = {"type": RIS_TYPES.get(ris_type, "document")}
    authors = (record.get("authors") or []) + (record.get("first_authors") or [])
    if authors:
        csl["author"] = [_ris_name(a) for a in authors]
    editors = unknown.get("ED") or record.get("secondary_authors") or []
    if ris_type == "EDBOOK" and not editors:
        editors = authors
        csl.pop("author", None)
    if editors and ris_type not in ("JOUR", "EJOUR", "MGZN", "NEWS"):
        csl["editor"] = [_ris_name(a) for a in editors]
    title = record.get("title") or record.get("primary_title")
    if title:
        csl["title"] = " ".join(title.split())
    container = (record.get("secondary_title") or record.get("journal_name")
                 or record.get("alternate_title3") or (unknown.get("BT") or [None])[0]
                 or record.get("alternate_title2") or record.get("alternate_title1"))
    if container and ris_type != "BOOK":
        csl["container-title"] = " ".join(container.split())
    elif container:
        csl["collection-title"] = " ".join(container.split())
    for key, target in (("publisher", "publisher"), ("place_published", "publisher-place"),
                        ("volume", "volume"), ("edition", "edition"), ("doi", "DOI")):
        if record.get(key):
            csl[target] = str(record[key]).strip()
    if record.get("number"):
        csl["issue" if csl["type"].startswith("article") else "number"] = str(record["number"]).strip()
    issued = _date_parts(record.get("year") or record.get("publication_year") or record.get("date"))
    if issued:
        csl["issued"] = issued
    accessed = _date_parts(record.get("access_date"))
    if accessed and "date-parts" in accessed:
        csl["accessed"] = accessed
    sp, ep = record.get("start_page"), record.get("end_page")
    if sp:
        csl["page"] = re.sub(r"\s*[-‐‑–—]+\s*", "–", f"{sp}–{ep}" if ep and ep != sp else str(sp))
    issn = record.get("issn")
    if issn:
        digits = re.sub(r"[^\dXx]", "", re.split(r"[\s,;]+", str(issn).strip())[0])
        csl["ISBN" if len(digits) in (10, 13) else "ISSN"] = str(issn).strip()
    urls = record.get("urls") or []
    if urls:
        csl["URL"] = urls[0]
    archive = (unknown.get("AV") or [None])[0] or record.get("name_of_database")
    location = None
    if csl["type"] == "manuscript":
        location = record.get("accession_number") or record.get("call_number")
    if archive and csl["type"] == "manuscript":
        csl["archive"] = archive
    if location:
        csl["archive_location"] = location
    return csl


def read_ris(text: str, source: str) -> LibraryFile:
    """Read an RIS export (Zotero, EndNote, Citavi) with rispy."""
    try:
        records = rispy.loads(text.lstrip("\ufeff"), skip_unknown_tags=False)
    except Exception as exc:  # rispy raises IOError/ValueError subclasses on bad structure
        raise LibraryError(f"{source}: not a readable RIS file ({exc})") from None
    starts = [n for n, line in enumerate(text.split("\n"), 1) if re.match(r"^\ufeff?TY  -", line)]
    out = LibraryFile(source, "ris")
    for k, record in enumerate(records):
        line = starts[k] if k < len(starts) else None
        csl = ris_to_csl(record)
        if not csl.get("title") and not csl.get("archive_location"):
            out.problems.append((line, "record has no title"))
            continue
        key = str(record.get("id") or record.get("label") or f"{Path(source).stem}-{k + 1}")
        csl["id"] = key
        archival = _archival_of(csl, csl.get("title")) if csl["type"] == "manuscript" else None
        out.entries.append(LibraryEntry(key=key, csl=csl, source=source, line=line, archival=archival))
    return out
