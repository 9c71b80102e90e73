"""Archival references: the registry of archives and fonds, and the ``AR`` checks.

The registry (``checkers/data/archives.json``) names each archive (acronyms in Latin and
Cyrillic, former names, full names in English, Russian and transliteration), says where it is,
links its website and catalogues, and lists the fonds known per archive, every entry with its
source and whether that source was confirmed. Codes:

- ``AR101`` a level is missing above one that is given (delo without fond, folios without delo)
- ``AR102`` levels written out of order (folios before delo)
- ``AR103`` a folio range that runs backwards (``l. 17–12``)
- ``AR110`` an archive not in the registry; ``AR111`` a shelf mark that names no archive
- ``AR120`` a fond not in the registry (information, never "wrong")
- ``AR121`` an archive cited under a former name (RTsKhIDNI → RGASPI)

:func:`describe_archival` gives what the registry knows about one reference (the ``lookup``
command prints it). :func:`fetch_fond_name` reads a fond's name from an archive's fond page
where the registry says the archive publishes such pages; it is only called with a client and
never when offline.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import requests

from citations.archival import (
    ArchivalMatch,
    find_archival,
    folio_ranges,
    parse_archival,
    transliterate_id,
)
from citations.model import UNPARSED, ArchivalRef, Citation, Manuscript
from checkers.findings import ERROR, INFO, WARNING, Finding, rule
from checkers.http import LookupFailed

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from checkers.config import Settings
    from checkers.result import CheckResult
    from checkers.progress import Progress

MISSING_LEVEL = rule(
    "AR101", ERROR, "archival-missing-level",
    "An archival reference gives a lower level without the one above it (a delo without a fond).",
    "Add the missing level (f. …, op. …) or check that the reference was not cut short.",
)
LEVEL_ORDER = rule(
    "AR102", ERROR, "archival-level-order",
    "The levels of an archival reference are out of order (folios before the delo).",
    "Write the levels from the largest to the smallest: fond, opis', delo, folios.",
)
REVERSED_RANGE = rule(
    "AR103", ERROR, "archival-reversed-range",
    "A folio range runs backwards (l. 17–12).",
    "Check the sheet numbers; a range runs from the lower sheet to the higher.",
)
UNKNOWN_ARCHIVE = rule(
    "AR110", WARNING, "archival-unknown-archive",
    "The archive of a reference is not in the registry, so its acronym cannot be checked.",
    "Check the acronym, or add the archive to checkers/data/archives.json with a source.",
)
NO_ARCHIVE = rule(
    "AR111", WARNING, "archival-no-archive",
    "A shelf mark (f. …, op. …, d. …) names no archive.",
    "Name the archive (RGASPI, GARF …) before the fond.",
)
UNKNOWN_FOND = rule(
    "AR120", INFO, "archival-fond-not-in-registry",
    "The fond is not in the registry; it may well exist, but its name cannot be shown.",
    "Check the fond number in the archive's catalogue.",
)
FORMER_NAME = rule(
    "AR121", INFO, "archival-former-name",
    "An archive is cited under a former name.",
    "Current usage cites the archive under its present acronym.",
)

#: (level, the level it cannot be given without) in the fond/opis/delo scheme.
_NEEDS = (("opis", "fond"), ("delo", "fond"), ("folios", "delo"))


class Client(Protocol):
    """What fond-page look-ups need of :class:`checkers.http.HttpClient`."""

    def get(self, url: str, headers: dict[str, str] | None = None) -> requests.Response: ...


@dataclass(frozen=True)
class Source:
    """Where a registry fact comes from: ``status`` ``confirmed`` or ``unverified``."""

    status: str
    url: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "url": self.url, "note": self.note}


@dataclass(frozen=True)
class Fond:
    number: str
    name: str
    source: Source

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "name": self.name, "source": self.source.to_dict()}


@dataclass(frozen=True)
class Link:
    """A catalogue, finding aid, guide or digitised collection of an archive."""

    name: str
    url: str
    kind: str
    source: Source
    #: Fonds this link covers (empty: the whole archive).
    fonds: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "kind": self.kind, "source": self.source.to_dict()}


@dataclass(frozen=True)
class Archive:
    """One archive in the registry."""

    acronym: str
    acronyms_latin: tuple[str, ...]
    acronyms_cyrillic: tuple[str, ...]
    former: tuple[str, ...]
    names: dict[str, tuple[str, ...]]
    city: str | None
    country: str | None
    scheme: str
    website: str | None
    wikidata: str | None
    catalogues: tuple[Link, ...]
    source: Source
    fonds: dict[str, Fond] = field(default_factory=dict)
    #: Fond prefixes that writers may leave out (GARF ``R-9401`` is also cited as ``9401``).
    optional_fond_prefixes: tuple[str, ...] = ()
    #: ``{"url": "https://…/{fond}", "name_selector": "h1"}`` when the archive has fond pages.
    fond_page: dict[str, str] | None = None

    def name(self, language: str = "en") -> str | None:
        names = self.names.get(language) or ()
        return names[0] if names else None

    def fond(self, number: str | None) -> Fond | None:
        """The registry entry for fond ``number`` (``R-9401``, ``9401`` and ``Р-9401`` alike)."""
        if not number:
            return None
        key = _fond_key(number)
        for candidate, fond in self.fonds.items():
            if _fond_key(candidate) == key:
                return fond
        for prefix in self.optional_fond_prefixes:
            for candidate, fond in self.fonds.items():
                ck = _fond_key(candidate)
                p = prefix.casefold()
                if ck.removeprefix(p) == key.removeprefix(p):
                    return fond
        return None

    def links_for(self, fond: str | None) -> list[Link]:
        key = _fond_key(fond) if fond else None
        return [
            link for link in self.catalogues
            if not link.fonds or (key is not None and key in {_fond_key(f) for f in link.fonds})
        ]


def _fond_key(number: str) -> str:
    return re.sub(r"[\s\-]", "", transliterate_id(number)).casefold()


def _source(data: dict[str, Any] | None) -> Source:
    data = data or {}
    return Source(data.get("status", "unverified"), data.get("url"), data.get("note"))


@dataclass
class Registry:
    """Archives by canonical acronym, with look-up by any written form."""

    archives: dict[str, Archive]

    def get(self, name: str | None) -> Archive | None:
        """The archive whose acronym, alias, former acronym or full name is ``name``."""
        if not name:
            return None
        if name in self.archives:
            return self.archives[name]
        key = _squash(name)
        for archive in self.archives.values():
            forms = (*archive.acronyms_latin, *archive.acronyms_cyrillic, *archive.former,
                     *(n for names in archive.names.values() for n in names))
            if any(_squash(f) == key for f in forms):
                return archive
        return None


def _squash(s: str) -> str:
    return re.sub(r"[\s.\-‐–'’ʹʼ]", "", s).casefold()


def load_registry(path: str | Path | None = None) -> Registry:
    """Read the registry (the packaged ``archives.json`` unless ``path`` is given)."""
    if path is None:
        text = resources.files("checkers").joinpath("data/archives.json").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    raw = json.loads(text)
    archives: dict[str, Archive] = {}
    for acronym, a in raw["archives"].items():
        website = a.get("website")
        archives[acronym] = Archive(
            acronym=acronym,
            acronyms_latin=tuple(a["acronyms"]["latin"]),
            acronyms_cyrillic=tuple(a["acronyms"]["cyrillic"]),
            former=tuple(a.get("former", ())),
            names={lang: tuple(v) for lang, v in a["names"].items()},
            city=a.get("city"),
            country=a.get("country"),
            scheme=a.get("scheme", "fond"),
            website=website["url"] if isinstance(website, dict) else website,
            wikidata=a.get("wikidata"),
            catalogues=tuple(
                Link(c["name"], c["url"], c.get("kind", "search"), _source(c.get("source")),
                     tuple(c.get("fonds", ())))
                for c in a.get("catalogues", ())
            ),
            source=_source(a.get("source")),
            fonds={n: Fond(n, f["name"], _source(f.get("source"))) for n, f in a.get("fonds", {}).items()},
            optional_fond_prefixes=tuple(a.get("optional_fond_prefixes", ())),
            fond_page=a.get("fond_page"),
        )
    return Registry(archives)


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The packaged registry, read once."""
    return load_registry()


# ---------------------------------------------------------------------------------------------
# Checks on one reference


def reference_problems(ref: ArchivalRef, match: ArchivalMatch | None = None) -> list[tuple[str, str]]:
    """Structural defects of one reference as (code, message) pairs: missing levels (AR101),
    levels out of order (AR102, needs the ``match`` to know the written order), reversed folio
    ranges (AR103). Pure."""
    problems: list[tuple[str, str]] = []
    if ref.signature is None:
        for level, needs in _NEEDS:
            if getattr(ref, level) and not getattr(ref, needs):
                given = f"{_name(level)} {getattr(ref, level)}"
                problems.append((MISSING_LEVEL.code, f"{given} is given without a {_name(needs)}"))
    if match is not None:
        for problem in match.problems:
            problems.append((LEVEL_ORDER.code, problem))
    for (first, last) in folio_ranges(ref.folios, ref.verso):
        if first > last:
            problems.append((REVERSED_RANGE.code, f"folio range {_sheet(first)}–{_sheet(last)} runs backwards"))
    return problems


def _name(level: str) -> str:
    return {"opis": "opis'", "folios": "folios"}.get(level, level)


def _sheet(sheet: tuple[int, bool]) -> str:
    return f"{sheet[0]}{' ob.' if sheet[1] else ''}"


def describe_archival(
    ref: ArchivalRef | str,
    reg: Registry | None = None,
    client: Client | None = None,
) -> dict[str, Any]:
    """What the registry knows about one archival reference, as a JSON-ready dict.

    ``ref`` may be a string (``"RGASPI f. 495, op. 18, d. 213, l. 6–7"``); a string that is no
    archival reference raises ``ValueError`` with a one-line message. Keys: ``canonical``,
    ``reference`` (the structured fields), ``archive`` (acronym, names, city, website, Wikidata
    id, source; ``None`` when unknown), ``cited_as`` (the former name used, if any), ``fond``
    (number, name, source, or ``status: "not in the registry"``), ``links`` (catalogues and
    guides) and ``problems``. With ``client`` (a :class:`checkers.http.HttpClient`) a fond not
    in the registry is looked up on the archive's fond pages, where it has them.
    """
    if isinstance(ref, str):
        parsed = parse_archival(ref)
        if parsed is None:
            raise ValueError(f"not an archival reference: {ref!r}")
        match = next(iter(find_archival(ref.strip().rstrip(".;,"))), None)
        ref = parsed
    else:
        match = None
    reg = reg or registry()
    archive = reg.get(ref.repository)
    data: dict[str, Any] = {
        "canonical": ref.canonical(),
        "reference": ref.to_dict(),
        "archive": None,
        "cited_as": None,
        "fond": None,
        "links": [],
        "problems": [
            {"code": code, "message": message} for code, message in reference_problems(ref, match)
        ],
    }
    if match is not None and match.repository_text:
        written = re.sub(r"\s*\(.*", "", match.repository_text)
        if archive is not None and any(_squash(f) == _squash(written) for f in archive.former):
            data["cited_as"] = written
    if archive is None:
        return data
    data["archive"] = {
        "acronym": archive.acronym,
        "acronyms": list(archive.acronyms_latin) + list(archive.acronyms_cyrillic),
        "former": list(archive.former),
        "names": {lang: list(v) for lang, v in archive.names.items()},
        "name": archive.name("en"),
        "city": archive.city,
        "website": archive.website,
        "wikidata": archive.wikidata,
        "source": archive.source.to_dict(),
    }
    if ref.fond:
        fond = archive.fond(ref.fond)
        if fond is not None:
            data["fond"] = {**fond.to_dict(), "status": "in the registry"}
        else:
            data["fond"] = {"number": ref.fond, "name": None, "source": None, "status": "not in the registry"}
            if client is not None and archive.fond_page:
                name, url = fetch_fond_name(client, archive, ref.fond)
                if name:
                    data["fond"].update(
                        name=name, status="from the archive's fond page",
                        source={"status": "scraped", "url": url, "note": None},
                    )
    data["links"] = [link.to_dict() for link in archive.links_for(ref.fond)]
    return data


def fond_page_url(archive: Archive, fond: str) -> str | None:
    """The URL of ``fond``'s page in ``archive``'s online catalogue, if the archive has them."""
    if not archive.fond_page:
        return None
    return archive.fond_page["url"].format(fond=fond)


def parse_fond_page(html: str | bytes, selector: str = "h1") -> str | None:
    """The fond's name on an archive's fond page: the text of the first ``selector`` element,
    whitespace collapsed; ``None`` when the page has no such element."""
    from bs4 import BeautifulSoup  # only for a fond page: not every check pays its import

    soup = BeautifulSoup(html, "html.parser")
    element = soup.select_one(selector)
    if element is None:
        return None
    text = " ".join(element.get_text(" ").split())
    return text or None


def fetch_fond_name(client: Client, archive: Archive, fond: str) -> tuple[str | None, str | None]:
    """(name, url) of ``fond`` read from ``archive``'s fond page through ``client``.

    Offline-safe: any failure of the client (not cached, network down, 404) gives ``(None,
    url)``; the caller reports the fond as "not in the registry".
    """
    url = fond_page_url(archive, fond)
    if url is None:
        return None, None
    try:
        response = client.get(url)
    except (LookupFailed, requests.RequestException):  # not cached, network down, bad answer
        return None, url
    if response.status_code != 200:
        return None, url
    return parse_fond_page(response.content, (archive.fond_page or {}).get("name_selector", "h1")), url


# ---------------------------------------------------------------------------------------------
# The run_checks step


def _references(citation: Citation) -> list[tuple[ArchivalRef, ArchivalMatch | None]]:
    """The archival references of a citation, with their matches when the text has them.

    A citation the parser filled has ``archival``; an unparsed one is searched for shelf marks
    (a note the parser could not read may still cite an archive).
    """
    if citation.archival is None and citation.kind != UNPARSED:
        return []  # a citation read as something else has none: its text is not searched
    matches = find_archival(citation.text)
    if citation.archival is not None:
        same = next((m for m in matches if m.ref.canonical() == citation.archival.canonical()), None)
        return [(citation.archival, same)]
    if citation.kind == UNPARSED:
        return [(m.ref, m) for m in matches]
    return []


def check_archival(manuscript: Manuscript, reg: Registry | None = None) -> list[Finding]:
    """Every ``AR`` finding for the manuscript. Unknown archives and fonds are reported once,
    at their first citation; structural defects at every citation that has them."""
    reg = reg or registry()
    findings: list[Finding] = []
    seen_archives: set[str] = set()
    seen_fonds: set[tuple[str, str]] = set()
    for note in manuscript.notes:
        for index, citation in enumerate(note.citations):
            where = {"note": note.number, "citation": index, "line": note.line}
            for ref, match in _references(citation):
                canonical = ref.canonical()
                for code, message in reference_problems(ref, match):
                    r = {MISSING_LEVEL.code: MISSING_LEVEL, LEVEL_ORDER.code: LEVEL_ORDER,
                         REVERSED_RANGE.code: REVERSED_RANGE}[code]
                    findings.append(Finding.of(r, f"{canonical}: {message}", **where))
                if not ref.repository:
                    findings.append(Finding.of(NO_ARCHIVE, f"{canonical}: no archive named", **where))
                    continue
                archive = reg.get(ref.repository)
                if archive is None:
                    if ref.repository not in seen_archives:
                        seen_archives.add(ref.repository)
                        findings.append(Finding.of(
                            UNKNOWN_ARCHIVE, f"archive {ref.repository!r} is not in the registry", **where))
                    continue
                if match is not None and match.repository_text:
                    written = re.sub(r"\s*\(.*", "", match.repository_text)
                    if any(_squash(f) == _squash(written) for f in archive.former) \
                            and written not in seen_archives:
                        seen_archives.add(written)
                        findings.append(Finding.of(
                            FORMER_NAME, f"{written} is a former name of {archive.acronym}", **where))
                if ref.fond and archive.fond(ref.fond) is None:
                    key = (archive.acronym, _fond_key(ref.fond))
                    if key not in seen_fonds:
                        seen_fonds.add(key)
                        links = archive.links_for(ref.fond)
                        hint = (f"Check f. {ref.fond} in {links[0].name}: {links[0].url}" if links
                                else UNKNOWN_FOND.hint)
                        findings.append(Finding(
                            UNKNOWN_FOND.code, UNKNOWN_FOND.severity,
                            f"{archive.acronym} f. {ref.fond} is not in the registry", hint=hint, **where))
    return findings


def step(manuscript: Manuscript, settings: "Settings", result: "CheckResult", progress: "Progress | None" = None) -> None:
    """The ``checkers.run`` step: add the ``AR`` findings and, under ``extras["archival"]`` (the
    ``archival`` section of ``check --format json``), what the registry knows about each
    archival reference: note, citation, canonical form, archive (acronym, name, city, website),
    fond (number, name, status, source), links and problems. Does no network I/O."""
    result.findings.extend(check_archival(manuscript))
    described: list[dict[str, Any]] = []
    for note in manuscript.notes:
        for index, citation in enumerate(note.citations):
            for ref, _match in _references(citation):
                described.append({"note": note.number, "citation": index, **_brief(describe_archival(ref))})
    if described:
        result.extras["archival"] = described


def _brief(info: dict[str, Any]) -> dict[str, Any]:
    """A description for reports: the archive by acronym, name, city and website only."""
    archive = info["archive"]
    if archive is not None:
        archive = {k: archive[k] for k in ("acronym", "name", "city", "website")}
    return {k: v for k, v in info.items() if k != "reference"} | {"archive": archive}
