"""Archival references: find and parse shelf marks such as ``RGASPI f. 495, op. 18, d. 213, l. 6–7``.

Historians cite archival files by archive, then by the archive's own hierarchy. Russian
(and Soviet) archives use fond / opis' / delo / list(y); scholars write the levels with Latin
abbreviations (``f. op. d. l. ll. ob.``), spelled out (``fond, opis, delo, list``), in Cyrillic
(``Ф. Оп. Д. Л. об.``, also in GOST style with full stops), or in the slash shorthand of
Comintern studies (``RGASPI 495/74/124``). German archives use call numbers
(``SAPMO-BArch, RY 1/I 2/3/45, Bl. 12``).

Public functions:

* :func:`find_archival` — every archival reference in a span of note text, with its span;
* :func:`parse_archival` — one reference that is the whole string;
* :func:`archival_csl` — the CSL-JSON ``manuscript`` item for a match;
* :func:`archive_names` — the naming table the grammar recognises archives by.

Everything here is pure: no I/O. The naming table below is what *recognition* needs (acronyms,
former names, full names, city, call-number scheme); the fuller registry (websites, catalogues,
fonds with sources) lives in ``checkers/data/archives.json`` and is kept consistent with this
table by a test.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from citations.lazy import lazy
from citations.model import ArchivalRef

__all__ = [
    "ArchiveName",
    "ArchivalMatch",
    "ARCHIVES",
    "archival_csl",
    "archive_by_acronym",
    "archive_names",
    "find_archival",
    "folio_ranges",
    "may_be_archival",
    "parse_archival",
    "transliterate_id",
]

#: Call-number schemes (see :data:`SCHEMES`): ``fond`` (fond/opis/delo/list, Russian and Soviet
#: archives), ``signature`` (Bestand/Signatur and Blatt, German archives), ``zespol`` (zespół,
#: sygnatura and karta, Polish archives).
FOND, SIGNATURE, ZESPOL = "fond", "signature", "zespol"


@dataclass(frozen=True)
class ArchiveName:
    """How an archive is named in footnotes.

    ``acronym`` is the canonical acronym used in ``ArchivalRef.repository``; ``aliases`` are
    other acronyms (Latin and Cyrillic spellings, spaced forms); ``former`` are acronyms
    (and full names) of predecessor institutions whose holdings and numbering the archive took
    over; ``names`` are full names in English, transliterated Russian and Cyrillic (matched
    case-insensitively, like former full names).
    """

    acronym: str
    aliases: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    city: str | None = None
    scheme: str = FOND
    #: Word for sheets in the canonical form when the scheme is not ``fond`` (``Bl.``, ``k.``).
    sheet_label: str | None = None


#: Archives the grammar recognises. Facts: shared/docs/archival-references.md (which marks what
#: was confirmed); the registry in checkers/data/archives.json carries the sources.
ARCHIVES: tuple[ArchiveName, ...] = (
    ArchiveName(
        "RGASPI",
        aliases=("РГАСПИ",),
        former=(
            "RTsKhIDNI",
            "РЦХИДНИ",
            "TsPA IML",
            "ЦПА ИМЛ",
            "Russian Centre for the Preservation and Study of Documents of Recent History",
            "Russian Center for the Preservation and Study of Documents of Recent History",
        ),
        names=(
            "Russian State Archive of Socio-Political History",
            "Russian State Archive of Social and Political History",
            "Rossiiskii gosudarstvennyi arkhiv sotsial'no-politicheskoi istorii",
            "Rossiyskiy gosudarstvennyy arkhiv sotsial'no-politicheskoy istorii",
            "Российский государственный архив социально-политической истории",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "GARF",
        aliases=("GA RF", "ГАРФ", "ГА РФ"),
        former=("TsGAOR SSSR", "TsGAOR", "ЦГАОР СССР", "ЦГАОР", "TsGA RSFSR", "ЦГА РСФСР"),
        names=(
            "State Archive of the Russian Federation",
            "Gosudarstvennyi arkhiv Rossiiskoi Federatsii",
            "Gosudarstvennyy arkhiv Rossiyskoy Federatsii",
            "Государственный архив Российской Федерации",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "RGANI",
        aliases=("РГАНИ",),
        former=("TsKhSD", "ЦХСД"),
        names=(
            "Russian State Archive of Contemporary History",
            "Rossiiskii gosudarstvennyi arkhiv noveishei istorii",
            "Российский государственный архив новейшей истории",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "RGAE",
        aliases=("РГАЭ",),
        former=("TsGANKh", "ЦГАНХ"),
        names=(
            "Russian State Archive of the Economy",
            "Rossiiskii gosudarstvennyi arkhiv ekonomiki",
            "Российский государственный архив экономики",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "RGVA",
        aliases=("РГВА",),
        former=("TsGASA", "ЦГАСА"),
        names=(
            "Russian State Military Archive",
            "Rossiiskii gosudarstvennyi voennyi arkhiv",
            "Российский государственный военный архив",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "RGALI",
        aliases=("РГАЛИ",),
        former=("TsGALI", "ЦГАЛИ"),
        names=(
            "Russian State Archive of Literature and Art",
            "Rossiiskii gosudarstvennyi arkhiv literatury i iskusstva",
            "Российский государственный архив литературы и искусства",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "RGIA",
        aliases=("РГИА",),
        former=("TsGIA SSSR", "TsGIA", "ЦГИА СССР", "ЦГИА"),
        names=(
            "Russian State Historical Archive",
            "Rossiiskii gosudarstvennyi istoricheskii arkhiv",
            "Российский государственный исторический архив",
        ),
        city="St Petersburg",
    ),
    ArchiveName(
        "RGADA",
        aliases=("РГАДА",),
        former=("TsGADA", "ЦГАДА"),
        names=(
            "Russian State Archive of Ancient Acts",
            "Rossiiskii gosudarstvennyi arkhiv drevnikh aktov",
            "Российский государственный архив древних актов",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "RGVIA",
        aliases=("РГВИА",),
        former=("TsGVIA", "ЦГВИА"),
        names=(
            "Russian State Military History Archive",
            "Russian State Military Historical Archive",
            "Rossiiskii gosudarstvennyi voenno-istoricheskii arkhiv",
            "Российский государственный военно-исторический архив",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "RGAVMF",
        aliases=("РГАВМФ",),
        names=(
            "Russian State Archive of the Navy",
            "Rossiiskii gosudarstvennyi arkhiv Voenno-Morskogo Flota",
            "Российский государственный архив Военно-Морского Флота",
        ),
        city="St Petersburg",
    ),
    ArchiveName(
        "RGAKFD",
        aliases=("РГАКФД",),
        names=(
            "Russian State Archive of Film and Photo Documents",
            "Rossiiskii gosudarstvennyi arkhiv kinofotodokumentov",
            "Российский государственный архив кинофотодокументов",
        ),
        city="Krasnogorsk",
    ),
    ArchiveName(
        "RGAFD",
        aliases=("РГАФД",),
        names=(
            "Russian State Archive of Sound Recordings",
            "Rossiiskii gosudarstvennyi arkhiv fonodokumentov",
            "Российский государственный архив фонодокументов",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "RGANTD",
        aliases=("РГАНТД",),
        names=(
            "Russian State Archive of Scientific-Technical Documentation",
            "Rossiiskii gosudarstvennyi arkhiv nauchno-tekhnicheskoi dokumentatsii",
            "Российский государственный архив научно-технической документации",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "AP RF",
        aliases=("APRF", "АП РФ", "АПРФ"),
        names=(
            "Archive of the President of the Russian Federation",
            "Presidential Archive of the Russian Federation",
            "Arkhiv Prezidenta Rossiiskoi Federatsii",
            "Архив Президента Российской Федерации",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "TsA FSB",
        aliases=("TsA FSB Rossii", "TsA FSB RF", "ЦА ФСБ России", "ЦА ФСБ РФ", "ЦА ФСБ"),
        names=(
            "Central Archive of the Federal Security Service",
            "Central Archive of the FSB",
            "Tsentral'nyi arkhiv Federal'noi sluzhby bezopasnosti",
            "Tsentral'nyi arkhiv FSB Rossii",
            "Tsentral'nyi arkhiv FSB",
            "Центральный архив Федеральной службы безопасности",
        ),
        city="Moscow",
    ),
    ArchiveName(
        "TsAMO",
        aliases=("TsAMO RF", "ЦАМО РФ", "ЦАМО"),
        names=(
            "Central Archive of the Ministry of Defence",
            "Central Archive of the Ministry of Defense",
            "Tsentral'nyi arkhiv Ministerstva oborony",
            "Центральный архив Министерства обороны",
        ),
        city="Podolsk",
    ),
    ArchiveName(
        "AVP RF",
        aliases=("AVPRF", "АВП РФ", "АВПРФ"),
        names=(
            "Archive of Foreign Policy of the Russian Federation",
            "Foreign Policy Archive of the Russian Federation",
            "Arkhiv vneshnei politiki Rossiiskoi Federatsii",
            "Архив внешней политики Российской Федерации",
        ),
        city="Moscow",
    ),
    # German archives: call numbers (Bestand/Signatur) and Blatt, not fond/opis/delo.
    ArchiveName(
        "SAPMO-BArch",
        aliases=("SAPMO-BA", "SAPMO BArch", "SAPMO"),
        names=(
            "Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv",
            "Foundation Archives of Parties and Mass Organisations of the GDR in the Federal Archives",
        ),
        city="Berlin",
        scheme=SIGNATURE,
        sheet_label="Bl.",
    ),
    ArchiveName(
        "BArch",
        aliases=("BArch.", "BA"),
        names=("Bundesarchiv", "German Federal Archives", "Federal Archives of Germany"),
        city="Koblenz",
        scheme=SIGNATURE,
        sheet_label="Bl.",
    ),
    # Polish archives: zespół (record group, often named by its creator), sygnatura, karta.
    ArchiveName(
        "AAN",
        names=("Archiwum Akt Nowych", "Central Archives of Modern Records"),
        city="Warsaw",
        scheme=ZESPOL,
        sheet_label="k.",
    ),
)


def archive_names() -> tuple[ArchiveName, ...]:
    """The archives the grammar recognises (see :data:`ARCHIVES`)."""
    return ARCHIVES


def archive_by_acronym(acronym: str | None) -> ArchiveName | None:
    """The archive whose canonical acronym, alias or former acronym is ``acronym``."""
    if not acronym:
        return None
    return _by_written_form().get(_squash(acronym))


@dataclass
class ArchivalMatch:
    """An archival reference found in text: the parsed ref and the span it covers.

    ``repository_text`` is the archive as written (``Russian State Archive of Socio-Political
    History (RGASPI)``), ``None`` when the reference continues an earlier one in the same text
    (``… d. 124 and 495/74/125``) or names no archive. ``description`` is a trailing
    parenthetical (``(NKVD file of Georgi Bendas)``), included in the span. ``problems`` lists
    grammar-level defects (levels written out of order) for the checkers.
    """

    ref: ArchivalRef
    start: int
    end: int
    repository_text: str | None = None
    description: str | None = None
    problems: list[str] = field(default_factory=list)
    #: The level names in the order they were written (``fond``, ``opis``, ``delo``…).
    order: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Identifier normalisation

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}


def transliterate_id(value: str) -> str:
    """Cyrillic letters in a fond/opis/delo identifier → Latin (``Р-5446`` → ``R-5446``,
    ``П-54560`` → ``P-54560``, ``3-ос`` → ``3-os``); dashes → hyphen, spaces removed."""
    out = []
    for ch in value:
        low = ch.lower()
        if low in _TRANSLIT:
            t = _TRANSLIT[low]
            out.append(t.upper() if ch != low and len(t) == 1 else (t.capitalize() if ch != low else t))
        elif ch in "‐‑–—":
            out.append("-")
        elif ch.isspace():
            continue
        else:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# The grammar

_L = r"A-Za-zА-Яа-яЁё"
_DASH = r"[-‐‑–—]"
_APOS = r"['’ʹʼ]"
_SEP = r"(?:\s*[,.:]\s*|\s+|(?<=\.))"  # between levels: comma, full stop, colon or just space

# An identifier: optional letter prefix (R-, Р-, P-, A-, M-), digits, optional letter suffix
# (1v, 3-os, 3-ос). A suffix is never a level label (``495op.``).
_ID = (
    rf"(?:[{_L}]{{1,3}}{_DASH}?)?\d+"
    rf"(?:{_DASH}?(?!(?:op|ob|ll?|d|t|ch|об|оп|лл?|д|т)\.)[{_L}]{{1,3}}(?![{_L}\d]))?"
)
_VERSO = r"(?:\s?(?:ob|об)\.?|(?<=\d)v\.?(?![{L}])|\s?verso\b)".replace("{L}", _L)
_FOLIO = rf"\d+(?!\d)(?:{_VERSO})?"
_FOLIO_RANGE = rf"{_FOLIO}(?:\s?{_DASH}\s?{_FOLIO})?"
# Lists continue after a comma only with a number that is not a shorthand (495/74/125).
_FOLIOS = (
    rf"{_FOLIO_RANGE}(?:(?:\s?,\s?|\s(?:and|und|и)\s)(?!\d+\s?/){_FOLIO_RANGE}(?![{_L}\d/.]\S)"
    # …and a later item is not the day of a date ("l. 6, 12 May 1937").
    rf"(?!\s+(?!(?:and|und|и)\s)[{_L}]{{3,}}))*"
)

_LABELS: dict[str, str] = {
    "fond": r"f|fond|fonds|coll|collection|Ф|фонд",
    "opis": rf"op|o|opis{_APOS}?|inv|inventory|оп|опись",
    "papka": r"p|pp|papka|п|папка",
    "delo": r"d|dd|delo|dela|file|ed\.?\s?khr|ed\.?\s?hr|ед\.?\s?хр|д|дело",
    "tom": r"t|tom|vol|т|том",
    "chast": rf"ch|chast{_APOS}?|ч|часть",
    "folios": r"ll|l|list|listy|fol|fols|folio|folios|sheets?|pages?|лл|л|лист|листы",
}
_LEVELS = ("fond", "opis", "papka", "delo", "tom", "chast", "folios")
_VALUE = {
    "fond": _ID,
    "opis": _ID,
    "papka": _FOLIOS,  # a page list when it turns out to be "p." after the delo
    "delo": rf"{_ID}(?:\s?{_DASH}\s?{_ID})?",
    "tom": r"\d+[" + _L + r"]?",
    "chast": r"\d+",
    "folios": _FOLIOS,
}


def _label_re(level: str) -> str:
    # Abbreviations take an optional full stop; a label must start at a word boundary and be
    # followed by a full stop and/or space, or directly by the number (``f.495``, ``l.6``).
    return rf"(?<![{_L}\d])(?:{_LABELS[level]})(?:\.\s*|\s+|(?=\d))"


_PART_RE = lazy(
    "|".join(rf"(?P<{lvl}>{_label_re(lvl)}(?P<{lvl}_v>{_VALUE[lvl]}))" for lvl in _LEVELS),
    re.IGNORECASE,
)
_PART_SEP_RE = lazy(_SEP)
#: Between the archive and its shelf mark: ``RGASPI, f.``, ``РГАСПИ. Ф.``, ``RGASPI: 495/…``.
_LEAD_RE = lazy(r"\s*[,.:]?\s*")
_CLOSE_RE = lazy(r"\s*\)")

# Slash shorthand: fond/opis/delo, optionally followed by folios after a comma or colon.
_SHORTHAND_RE = lazy(
    rf"(?P<fond>{_ID})\s?/\s?(?P<opis>{_ID})\s?/\s?(?P<delo>{_ID})"
    rf"(?:(?:\s?[,:]\s?(?:(?:ll?|л|лл|fols?)\.?\s?)?|\s?/\s?)(?P<folios>{_FOLIOS}))?"
    rf"(?![{_L}\d/])",
    re.IGNORECASE,
)

# Comma shorthand, only straight after an archive's name: ``RGASPI, 495, 74, 124, 12–15``.
_COMMA_SHORTHAND_RE = lazy(
    rf"(?P<fond>{_ID}),\s?(?P<opis>{_ID}),\s?(?P<delo>{_ID})"
    rf"(?:,\s?(?:(?:ll?|л|лл)\.\s?)?(?P<folios>{_FOLIOS}))?"
    rf"(?![{_L}\d/])",
    re.IGNORECASE,
)

# German call numbers: Bestand ``RY 1``, ``DY 30``, ``NY 4036``, ``R 58``, ``R 43 II``, then
# ``/`` and the file (``I 2/3/45``, ``IV 2/2/123``, ``J IV 2/2/123``, ``500``), then ``Bl. 12``.
_SIGNATURE_RE = lazy(
    r"(?P<bestand>[A-Z]{1,3}\s?\d+(?:\s[IVX]+)?)"
    r"(?:\s?/\s?(?P<file>(?:[A-Z]{1,2}\s)?(?:[IVX]+\s)?\d+(?:\.\d+)*[a-z]?"
    r"(?:\s?/\s?\d+(?:\.\d+)*[a-z]?)*))?"
    rf"(?:\s?,\s?(?:Bll?|Bl|fol|fols|S)\.\s?(?P<folios>{_FOLIOS}))?"
)

# Polish references: ``AAN, KC PZPR, sygn. 237/V-1, k. 12``, ``AAN, zesp. 1354, sygn. 12, t. 2,
# k. 3–5``: the zespół (a creator's name or a number), the sygnatura, an optional tom, karty.
_ZESPOL_RE = lazy(
    r"(?:zesp(?:ół|ol)?\.\s?)?(?P<zespol>\d+|[A-ZŁŚŻŹĆŃÓ][\w()\- ]{0,80}?)\s?,\s?"
    r"(?:sygn\.\s?)?(?P<sygn>[0-9A-Za-z]*\d[0-9A-Za-z]*(?:[/\-.][0-9A-Za-z]+)*)"
    r"(?:\s?,\s?t\.\s?(?P<tom>\d+))?"
    rf"(?:\s?,\s?k\.\s?(?P<folios>{_FOLIOS}))?"
    rf"(?![{_L}\d/])"
)

_DESCRIPTION_RE = lazy(r"\s*\((?P<d>[^()]{1,300})\)")
_CONTINUATION_RE = lazy(r"\s*(?:;|,|\band\b|\bи\b|&)\s*(?:(?:and|и)\s+)?", re.IGNORECASE)


def _squash(s: str) -> str:
    """A written form for comparison: no spaces, full stops, hyphens or apostrophes; casefolded."""
    return re.sub(r"[\s.\-‐–'’ʹʼ]", "", s).casefold()


@lru_cache(maxsize=1)
def _by_written_form() -> dict[str, ArchiveName]:
    table: dict[str, ArchiveName] = {}
    for archive in ARCHIVES:
        for form in (archive.acronym, *archive.aliases, *archive.former):
            table.setdefault(_squash(form), archive)
        for name in archive.names:
            table.setdefault(_squash(name), archive)
    return table


def _name_pattern(name: str) -> str:
    """A full name as a flexible regex: any whitespace, optional apostrophes, hyphen or space."""
    out = []
    for ch in name:
        if ch.isspace():
            out.append(r"\s+")
        elif ch in "'’":
            out.append(rf"{_APOS}?")
        elif ch == "-":
            out.append(rf"(?:{_DASH}|\s)")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _is_full_name(form: str) -> bool:
    """A former name may be an acronym (``RTsKhIDNI``) or a full name (matched like names)."""
    return len(form.split()) > 2


def _acronym_pattern(acronym: str) -> str:
    """An acronym with optional space/hyphen where it has one (``GA RF``/``GARF``, ``AP RF``)."""
    parts = re.split(r"[\s\-]+", acronym.rstrip("."))
    return r"(?:\s|-)?".join(re.escape(p) for p in parts)


@lru_cache(maxsize=1)
def _repository_re() -> re.Pattern[str]:
    names: list[str] = []
    acronyms: list[str] = []
    for archive in ARCHIVES:
        names.extend(archive.names)
        for form in (archive.acronym, *archive.aliases, *archive.former):
            (names if _is_full_name(form) else acronyms).append(form)
    names.sort(key=len, reverse=True)
    acronyms.sort(key=len, reverse=True)
    name_alt = "|".join(_name_pattern(n) for n in names)
    acr_alt = "|".join(_acronym_pattern(a) for a in acronyms)
    cities = sorted({a.city for a in ARCHIVES if a.city} | {"Moskva", "Москва", "Санкт-Петербург"},
                    key=len, reverse=True)
    city_alt = "|".join(_name_pattern(c) for c in cities)
    b = rf"(?<![{_L}\d])"
    e = rf"(?![{_L}\d])"
    return re.compile(
        rf"{b}(?:(?P<name>(?i:{name_alt})){e}(?:\s*,?\s*(?i:{city_alt}))?"
        rf"(?:\s*\(\s*(?P<paren>{acr_alt})\s*\))?"
        rf"|(?P<acr>{acr_alt}){e}(?:\s*\(\s*(?P<paren_name>(?i:{name_alt}))\s*\))?)"
        rf"(?:\s*,?\s*(?P<city>(?i:{city_alt})){e}|\s*\(\s*(?i:{city_alt})\s*\))?"
    )


@dataclass
class _Shelf:
    """The levels of a shelf mark parsed at some position, before they become an ArchivalRef."""

    values: dict[str, str]
    order: tuple[str, ...]
    end: int
    problems: list[str]


def _parse_labelled(text: str, pos: int) -> _Shelf | None:
    values: dict[str, str] = {}
    order: list[str] = []
    problems: list[str] = []
    end = pos
    cursor = pos
    first = True
    while True:
        m = (_LEAD_RE if first else _PART_SEP_RE).match(text, cursor)
        if m is None:
            break
        part = _PART_RE.match(text, m.end())
        if part is None:
            break
        level = next(lvl for lvl in _LEVELS if part.group(lvl) is not None)
        value = part.group(f"{level}_v")
        if level == "papka" and ("delo" in values or part.group(0).lower().startswith("pp")):
            # After the delo (or as "pp."), "p." is a page: some writers number sheets so.
            level = "folios"
        if level in values:
            break  # a second fond starts a new reference ("f. 495 … ; f. 17 …" without a ;)
        values[level] = value
        order.append(level)
        end = part.end()
        cursor = part.end()
        first = False
    if not values:
        return None
    ranks = [_LEVELS.index(lvl) for lvl in order]
    if ranks != sorted(ranks):
        earlier = [
            (order[i], order[j])
            for i in range(len(order))
            for j in range(i + 1, len(order))
            if ranks[i] > ranks[j]
        ]
        a, b = earlier[0]
        problems.append(f"{_LEVEL_NAMES[a]} written before {_LEVEL_NAMES[b]}")
    return _Shelf(values, tuple(order), end, problems)


_LEVEL_NAMES = {
    "fond": "fond", "opis": "opis'", "papka": "papka", "delo": "delo", "tom": "tom", "chast": "chast'",
    "folios": "folios",
}


def _parse_shorthand(text: str, pos: int) -> _Shelf | None:
    start = _LEAD_RE.match(text, pos).end()  # type: ignore[union-attr]  # always matches
    s = _SHORTHAND_RE.match(text, start)
    if s is None:
        return None
    values = {k: v for k, v in s.groupdict().items() if v}
    return _Shelf(values, tuple(k for k in _LEVELS if k in values), s.end(), [])


def _parse_signature(text: str, pos: int) -> _Shelf | None:
    start = _LEAD_RE.match(text, pos).end()  # type: ignore[union-attr]  # always matches
    s = _SIGNATURE_RE.match(text, start)
    if s is None or not s.group("file"):
        return None
    values = {"fond": s.group("bestand"), "delo": s.group("file")}
    if s.group("folios"):
        values["folios"] = s.group("folios")
    return _Shelf(values, tuple(values), s.end(), [])


def _parse_zespol(text: str, pos: int) -> _Shelf | None:
    start = _LEAD_RE.match(text, pos).end()  # type: ignore[union-attr]  # always matches
    s = _ZESPOL_RE.match(text, start)
    if s is None:
        return None
    values = {"fond": s.group("zespol"), "delo": s.group("sygn")}
    for level in ("tom", "folios"):
        if s.group(level):
            values[level] = s.group(level)
    return _Shelf(values, tuple(values), s.end(), [])


def _normalise_folios(raw: str) -> tuple[str, bool]:
    """``5-7ob.`` → (``5–7``, verso); ``7ob.–8`` → (``7 ob.–8``, False); lists keep ``, ``."""
    items = []
    for chunk in re.split(r"\s?,\s?|\s(?:and|und|и)\s", raw.strip()):
        ends = re.split(rf"\s?{_DASH}\s?", chunk)
        norm = []
        for end in ends:
            m = re.match(rf"(\d+)({_VERSO})?", end)
            if not m:
                continue
            norm.append(m.group(1) + (" ob." if m.group(2) else ""))
        items.append("–".join(norm))
    folios = ", ".join(i for i in items if i)
    verso = folios.endswith(" ob.")
    if verso:
        folios = folios[: -len(" ob.")]
    return folios, verso


def _make_ref(repository: str | None, shelf: _Shelf, archive: ArchiveName | None) -> ArchivalRef:
    v = shelf.values
    ref = ArchivalRef(repository=repository)
    scheme = archive.scheme if archive is not None else FOND
    if scheme == SIGNATURE:
        ref.fond = re.sub(r"\s+", " ", v["fond"]).strip()
        ref.delo = re.sub(r"\s*/\s*", "/", v.get("delo", "")).strip() or None
        ref.signature = f"{ref.fond}/{ref.delo}" if ref.delo else ref.fond
        ref.sheet_label = archive.sheet_label if archive else None
    elif scheme == ZESPOL:
        ref.fond = re.sub(r"\s+", " ", v["fond"]).strip()
        ref.delo = v.get("delo")
        ref.tom = v.get("tom")
        zespol = f"zesp. {ref.fond}" if ref.fond.isdigit() else ref.fond
        ref.signature = f"{zespol}, sygn. {ref.delo}"
        ref.sheet_label = archive.sheet_label if archive else None
    else:
        for level in ("fond", "opis", "papka", "delo", "tom", "chast"):
            if level in v:
                value = transliterate_id(v[level])
                if level in ("fond", "delo"):
                    # A letter prefix is a capital joined by a hyphen: п-54560, R9401 → P-54560, R-9401.
                    value = re.sub(r"^([A-Za-z]{1,3})-?(?=\d)", lambda m: m.group(1).upper() + "-", value)
                if level == "delo":
                    value = re.sub(r"(?<=\d)-(?=\d)", "–", value)
                setattr(ref, level, value)
    if "folios" in v:
        ref.folios, ref.verso = _normalise_folios(v["folios"])
    return ref


def _repository(m: re.Match[str]) -> tuple[str, ArchiveName | None]:
    written = m.group("paren") or m.group("acr") or m.group("name")
    archive = archive_by_acronym(written)
    return (archive.acronym if archive else written), archive


def _parse_fond_scheme(text: str, pos: int) -> _Shelf | None:
    return _parse_shorthand(text, pos) or _parse_labelled(text, pos)


def _parse_after_name(text: str, pos: int) -> _Shelf | None:
    """Right after an archive's name the comma shorthand is unambiguous too."""
    start = _LEAD_RE.match(text, pos).end()  # type: ignore[union-attr]  # always matches
    s = _COMMA_SHORTHAND_RE.match(text, start)
    if s is None:
        return None
    values = {k: v for k, v in s.groupdict().items() if v}
    return _Shelf(values, tuple(k for k in _LEVELS if k in values), s.end(), [])


#: Scheme name → the parser of a shelf mark in that scheme at a position. A new archive with a
#: new call-number system is an ``ArchiveName`` with its ``scheme`` plus one parser here.
SCHEMES = {FOND: _parse_fond_scheme, SIGNATURE: _parse_signature, ZESPOL: _parse_zespol}


def _shelf_at(text: str, pos: int, archive: ArchiveName | None) -> _Shelf | None:
    return SCHEMES[archive.scheme if archive is not None else FOND](text, pos)


def _with_description(text: str, end: int) -> tuple[int, str | None]:
    d = _DESCRIPTION_RE.match(text, end)
    if d is None:
        return end, None
    inner = d.group("d").strip()
    # A parenthetical that is itself a shelf mark or a year is not a description.
    if not inner or re.fullmatch(r"[\d\s–\-/.,]+", inner):
        return end, None
    return d.end(), inner


def _continuations(
    text: str, pos: int, previous: ArchivalRef, archive: ArchiveName | None
) -> list[ArchivalMatch]:
    """References that continue ``previous`` after ``;``/``,``/``and``: ``495/74/125``,
    ``d. 214, l. 3``, ``op. 2, d. 5`` — each inherits the levels above the first one given."""
    found: list[ArchivalMatch] = []
    while True:
        sep = _CONTINUATION_RE.match(text, pos)
        if sep is None:
            break
        match = _continue(text, sep.end(), previous, archive)
        if match is None:
            break
        found.append(match)
        previous = match.ref
        pos = match.end
    return found


def _continue(
    text: str, start: int, previous: ArchivalRef, archive: ArchiveName | None
) -> ArchivalMatch | None:
    """The shelf mark at ``start`` as a continuation of ``previous``, or None."""
    if _repository_re().match(text, start):
        return None  # a new archive: found by the main scan
    shelf = _shelf_at(text, start, archive)
    if shelf is None or shelf.order[0] == "folios":
        return None
    if archive is not None and archive.scheme != FOND:
        merged = dict(shelf.values)
    else:
        # Levels above the first one written come from the reference this one continues.
        above = _LEVELS[: _LEVELS.index(shelf.order[0])]
        inherited = {lvl: getattr(previous, lvl) for lvl in above if getattr(previous, lvl)}
        merged = {**inherited, **shelf.values}
    ref = _make_ref(previous.repository, _Shelf(merged, shelf.order, shelf.end, []), archive)
    end, description = _with_description(text, shelf.end)
    begin = _LEAD_RE.match(text, start).end()  # type: ignore[union-attr]  # always matches
    return ArchivalMatch(ref, begin, end, None, description, shelf.problems, shelf.order)


def find_archival(text: str, previous: ArchivalRef | None = None) -> list[ArchivalMatch]:
    """Every archival reference in ``text``, in order, with the character span it covers.

    A span runs from the archive's name or acronym (a full name with the acronym in parentheses
    included) through the last folio or verso, plus a trailing parenthetical description.
    References that continue an earlier one (``RGASPI 495/74/124 and 495/74/125``, ``…; d. 214,
    l. 3``) inherit its archive and upper levels. Shelf marks without an archive are found when
    they give at least a fond and an opis or delo in labelled form (``f. 495, op. 18``).

    ``previous`` is the archival reference just before ``text`` (the previous citation of the
    same note, when the caller has split the note at ``;``): a ``text`` that starts with a
    shelf mark naming no archive (``d. 214, l. 3``, ``f. 533, op. 10``, ``495/74/125``)
    continues it.
    """
    matches: list[ArchivalMatch] = []
    taken_until = 0
    if previous is not None and previous.repository:
        archive = archive_by_acronym(previous.repository)
        first = _continue(text, 0, previous, archive)
        if first is not None:
            matches.append(first)
            matches.extend(_continuations(text, first.end, first.ref, archive))
            taken_until = matches[-1].end
    for rm in _repository_re().finditer(text):
        if rm.start() < taken_until:
            continue
        repository, archive = _repository(rm)
        shelf_at = rm.end()
        close = _CLOSE_RE.match(text, shelf_at)
        if close and text[:rm.start()].rstrip().endswith("("):
            shelf_at = close.end()  # "the Comintern archive (RGASPI), f. 495 …"
        shelf = _shelf_at(text, shelf_at, archive)
        if shelf is None and (archive is None or archive.scheme == FOND):
            shelf = _parse_after_name(text, shelf_at)
        if shelf is None:
            continue
        ref = _make_ref(repository, shelf, archive)
        end, description = _with_description(text, shelf.end)
        matches.append(
            ArchivalMatch(ref, rm.start(), end, rm.group(0).strip(), description,
                          shelf.problems, shelf.order)
        )
        more = _continuations(text, end, ref, archive)
        matches.extend(more)
        taken_until = more[-1].end if more else end
    matches.extend(_bare_matches(text, matches))
    matches.sort(key=lambda m: m.start)
    return matches


_BARE_START_RE = lazy(
    rf"(?<![{_L}\d.])(?:{_LABELS['fond']})(?:\.\s*|\s+)(?=[{_L}]{{0,3}}{_DASH}?\d)", re.IGNORECASE
)
# An archive the table does not know, written as an acronym just before the fond: one to three
# words each with at least two capitals (``TsGAIPD SPb``, ``ЦГАИПД СПб``, ``GAOO``).
_UPPER = "A-ZА-ЯЁ"
_ACRONYM_WORD = rf"[{_L}]*[{_UPPER}][{_L}]*[{_UPPER}][{_L}]*"
_UNKNOWN_ARCHIVE_RE = lazy(
    rf"(?<![{_L}\d])(?P<acr>{_ACRONYM_WORD}(?:[ \-]{_ACRONYM_WORD}){{0,2}})\s*[,.:]?\s*$"
)


class _Coverage:
    """``coverage(p)``: whether position ``p`` lies in one of ``spans`` (``start <= p < end``),
    by bisection over the starts and the furthest end so far: a note with thousands of shelf
    marks is not scanned once per mark."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def __call__(self, p: int) -> bool:
        k = bisect.bisect_right(self.starts, p)
        return k > 0 and self.reach[k - 1] > p


def _bare_matches(text: str, found: list[ArchivalMatch]) -> list[ArchivalMatch]:
    """Labelled shelf marks whose archive is not in the table (an unknown acronym just before
    the fond becomes the repository) or is not named: fond plus opis or delo at least."""
    spans = [(m.start, m.end) for m in found]
    inside = _Coverage(spans)
    out: list[ArchivalMatch] = []
    for fm in _BARE_START_RE.finditer(text):
        if inside(fm.start()):
            continue
        shelf = _parse_labelled(text, fm.start())
        if shelf is None or shelf.order[0] != "fond" or not ({"opis", "delo"} & set(shelf.values)):
            continue
        start, repository, repository_text = fm.start(), None, None
        before = _UNKNOWN_ARCHIVE_RE.search(text, max(0, fm.start() - 60), fm.start())
        if before is not None and not any(s < before.end() and before.start() < e for s, e in spans):
            start, repository = before.start(), before.group("acr")
            repository_text = repository
        end, description = _with_description(text, shelf.end)
        named_after = archive_by_acronym(description) if repository is None else None
        if named_after is not None:  # "f. 495, op. 18, d. 213 (RGASPI)": the archive comes last
            repository, repository_text, description = named_after.acronym, description, None
        ref = _make_ref(repository, shelf, named_after)
        match = ArchivalMatch(ref, start, end, repository_text, description, shelf.problems, shelf.order)
        out.append(match)
        more = _continuations(text, end, ref, None)
        out.extend(more)
        spans.append((match.start, more[-1].end if more else end))
    return out


def parse_archival(text: str) -> ArchivalRef | None:
    """The archival reference that is the whole of ``text`` (up to trailing punctuation), or None.

    ``parse_archival("RGASPI f. 495, op. 18, d. 213, l. 6–7")`` →
    ``ArchivalRef("RGASPI", "495", "18", "213", "6–7")``. A reference with a description in
    parentheses still counts as whole.
    """
    stripped = text.strip().rstrip(".;,").rstrip()
    if not stripped:
        return None
    matches = find_archival(stripped)
    if not matches:
        return None
    first = matches[0]
    if first.start != 0:
        return None
    rest = stripped[first.end:].strip()
    if rest and not re.fullmatch(r"[.;,\s]*", rest):
        return None
    return first.ref


def archival_csl(match: ArchivalMatch | ArchivalRef) -> dict[str, Any]:
    """The CSL-JSON item for an archival reference: type ``manuscript`` with ``archive``,
    ``archive_location``, ``archive-place`` (the archive's city) and ``title`` (the
    description, when the reference has one)."""
    ref = match.ref if isinstance(match, ArchivalMatch) else match
    csl: dict[str, Any] = {"type": "manuscript"}
    if ref.repository:
        csl["archive"] = ref.repository
    location = ref.location()
    if location:
        csl["archive_location"] = location
    archive = archive_by_acronym(ref.repository)
    if archive is not None and archive.city:
        csl["archive-place"] = archive.city
    if isinstance(match, ArchivalMatch) and match.description:
        csl["title"] = match.description
    return csl


def folio_ranges(folios: str | None, verso: bool = False) -> list[tuple[tuple[int, bool], tuple[int, bool]]]:
    """The ranges in a folios string as ((first sheet, verso), (last sheet, verso)) pairs.

    ``folio_ranges("12, 15–17")`` → ``[((12, False), (12, False)), ((15, False), (17, False))]``;
    ``verso`` applies to the last sheet of the last item. Items that are not numbers are skipped.
    """
    if not folios:
        return []
    out = []
    items = [i for i in re.split(r"\s?,\s?", folios) if i.strip()]
    for n, item in enumerate(items):
        ends = []
        for end in re.split(rf"\s?{_DASH}\s?", item):
            m = re.match(rf"\s*(\d+)\s*({_VERSO})?", end)
            if m:
                ends.append((int(m.group(1)), bool(m.group(2))))
        if not ends:
            continue
        first, last = ends[0], ends[-1]
        if verso and n == len(items) - 1:
            last = (last[0], True)
            if len(ends) == 1:
                first = last
        out.append((first, last))
    return out


# --------------------------------------------------------------------------- a cheap first test

_WORD_RE = lazy(rf"[{_L}]+")
_SLASH_SHORTHAND = lazy(r"\d+\s*/\s*\d+\s*/\s*\d+")


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Every word that can open an archive's name: acronym parts and first words of full names."""
    words: set[str] = set()
    for archive in ARCHIVES:
        for acronym in (archive.acronym, *archive.aliases, *archive.former):
            # Acronym parts ("GA RF", "TsA FSB"); a former name written out counts by its first word.
            found = _WORD_RE.findall(acronym)
            words.update(w.lower() for w in found if not w.islower() and len(found) <= 3)
            if found and len(found) > 3:
                words.add(found[0].lower())
        for name in archive.names:
            found = _WORD_RE.findall(name)
            if found:
                words.add(found[0].lower())
    return frozenset(words)


@lru_cache(maxsize=1)
def _labelled_level_re() -> re.Pattern[str]:
    labels = "|".join(_LABELS[level] for level in ("fond", "opis", "delo"))
    # "f. 495", "op.18", "d P-54560", "Ф. Р-5446": a label, a period or space, then the number
    # (a letter prefix only with its dash, so "of 1937" is not "o. f1937").
    return re.compile(rf"(?<![{_L}])(?:{labels.lower()})(?:\.\s*|\s+)(?:[{_L}]{{1,3}}[-–])?\d")


def may_be_archival(text: str) -> bool:
    """False when ``text`` cannot hold an archival reference: no archive's name or acronym, no
    labelled fond/opis/delo and no slash shorthand. A cheap test before :func:`find_archival`
    (most notes cite books and articles); it errs on the side of True."""
    low = text.lower()
    if _labelled_level_re().search(low) or ("/" in text and _SLASH_SHORTHAND.search(text)):
        return True
    return not _trigger_words().isdisjoint(_WORD_RE.findall(low))
