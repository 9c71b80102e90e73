"""A citation span → :class:`Citation`: ordered recognisers over one piece of note text.

The order (see DESIGN.md): Ibid./idem → archival file → op. cit. → full reference (chapter,
article, book, web page, document), with a full reference that carries no publication data
read as a short form. Parsing is pure and never raises: what cannot be read becomes an
``unparsed`` citation with a reason.

A full reference is read from both ends, because its two ends are the most regular parts:

1. identifiers anywhere (URL, DOI, ISBN, access date) are taken out;
2. the locator is taken off the end ("p. 52", "S. 17f.", "chapter 9, pp. 83–102", "), 307");
3. the names at the start (``Given Family``, ``Family, Given``, lists with ``/`` ``and`` ``&``);
4. what follows the title decides the type: ``in:`` + journal volume/date → article
   (:mod:`citations.journals`), ``in:`` + editors/volume → chapter, a publication block
   ("Place: Publisher Year", "(Place: Publisher, Year)", "Ort Jahr", "Paris, Gallimard, 2002";
   :mod:`citations.imprint`) → book.

Before that, the forms that are not full references are recognised: Ibid./idem, archival
files (:mod:`citations.archival`), op. cit., commentary, prose leading into a reference,
author-date references ("Beck 1986, S. 12"), newspaper issues.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from citations.lazy import LazyPattern, lazy
from citations.caseless import AnyMatch, Caseless
from citations.errors import InternalError
from citations.archival import archival_csl, find_archival, may_be_archival
from citations.clean import clean_text, depth_map, is_quoted, strip_quotes, top_level_positions
from citations.locators import (
    BARE,
    ends_in_number,
    search_tail,
    MONTH_WORD,
    YEAR,
    normalise_range,
    parse_date,
    take_chapter,
    take_trailing_locator,
)
from citations.model import FULL, IBID, SHORT, UNPARSED, ArchivalRef, Citation, Locator
from citations.names import parse_inverted_list, parse_people, split_people
from citations.places import is_known_place
from citations.given_names import is_given_name
from citations.imprint import YEAR_ED, find_imprint, publisher_words, take_no_imprint, take_reprint
from citations.journals import JOURNAL_VOLUME_ONLY, NEWSPAPER_WORDS, SERIES, journal_match, plausible_journal
from citations.types import infer_type
from citations.split import PROSE_WORDS, is_prose, is_running_prose, split_note

# --- Ibid. and op. cit. ---------------------------------------------------------------------

IBID_RX = lazy(
    r"^(?:ibid(?:em)?\.?|ib\.|ivi|ebd\.?|ebenda|eod\.?|ebendort|ibídem|там\s+же|там\s+само|tamże|tamtéž|"
    r"id\.|idem|eadem|iidem|dies\.|ders\.|ead\.)(?=$|[\s,.:;])",
    re.IGNORECASE,
)
OP_CIT = Caseless(
    r"[,.]?\s*(?:op\.\s*cit\.?|a\.\s*a\.\s*O\.?|loc\.\s*cit\.?|cit\.|art\.\s*cit\.?|ouvr\.\s*cit\.?|"
    r"ук(?:аз)?\.\s*соч\.?|l\.\s*c\.)(?=$|[\s,.:;])|[,\s]\s*cit$",
    needs=r"cit|соч|a\.\s*a\.|l\.\s*c\.",
)

# --- identifiers ----------------------------------------------------------------------------

ACCESSED = lazy(
    r"[,.;]?\s*[(\[]?\s*(?:last\s+)?\b(?:accessed|retrieved|viewed|consulted|abgerufen|zuletzt\s+abgerufen|"
    r"letzter\s+zugriff|zugriff|stand|consulté|consultato|consultado|visited|дата\s+обращения)\b"
    r"(?:\s+(?:on|am|le|il|el))?\s*:?\s*(?P<date>\d{4}-\d{2}-\d{2}|[^()\[\]]{4,40}?\d{4})\s*[)\]]?",
    re.IGNORECASE,
)
URL = lazy(r"[,.;:]?\s*(?:(?:URL|online|available\s+(?:at|from|online)|verfügbar\s+unter|unter|at)\s*:?\s*)?<?(?P<url>(?:https?://|www\.)[^\s<>]+?)>?(?=[\s,;”’»\"]|[.)\]]?$|[.)\]][\s”’»\"])", re.IGNORECASE)
#: Quotation marks left with nothing between them once a link inside them is taken out.
_EMPTY_QUOTES = frozenset({"“”", '""', "«»", "‘’", "„“"})
#: A DOI with every character the DOI syntax allows — ``;``, ``<…>``, brackets, as in
#: ``10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0`` — within ``<…>`` if it is
#: written as a link; a ``;`` or ``,`` belongs to it only when no space follows.
DOI = lazy(
    r"[,.;]?\s*<?(?:doi\s*:?\s*|https?://(?:dx\.)?doi\.org/)"
    r"(?P<doi>10\.\d{4,9}/(?:[^\s<>;,]|<[^\s<>]*>|[;,](?=\S))+?)>?(?=[.,;)\]]*(?:\s|$))",
    re.IGNORECASE,
)
#: Permanent links to an archived copy: kept as the URL when the note has no other link.
ARCHIVE_LINK = lazy(r"^https?://(?:perma\.cc|web\.archive\.org|archive\.(?:org|today|ph|is)|webcitation\.org)/", re.IGNORECASE)
ISBN = lazy(r"[,.;]?\s*ISBN(?:-1[03])?\s*:?\s*(?P<isbn>(?:97[89][\s‐-]?)?(?:\d[\s‐-]?){9}[\dXx])", re.IGNORECASE)

# --- containers -----------------------------------------------------------------------------

IN_MARKER = lazy(
    r"(?:(?<=[,.;:”\"’»)?!])|^)\s*(?:in|In|IN|dans|Dans|en|En|w|W|в|В)\s*:?\s+(?=\S)|\s+//\s+"
)
INTRO_TO = lazy(
    r"^(?P<title>(?:(?:An|The|A)\s+)?(?:Introduction|Foreword|Preface|Afterword|Epilogue|Prologue|Vorwort|Nachwort|"
    r"Einleitung|Einführung|Geleitwort|Préface|Postface|Introduzione|Prefazione|Postfazione|Предисловие|"
    r"Послесловие|Вступительная статья)(?:\s+\w+)?)\s+(?:to|zu|à|a|de|di|к)(?:\s*:\s+|\s+(?=[A-ZÄÖÜА-Я][\w.-]*\s+[A-ZÄÖÜА-Я][\w’'-]+,))",
    re.IGNORECASE,
)
EDITORS_BEFORE = lazy(
    r"^(?P<names>[^():]+?)\s*\(\s*(?:eds?\.?|editors?|Hrsg\.?|Hg\.?|Hgg\.|hg\.|hrsg\.|dir\.|éds?\.|a\s+cura\s+di|red\.|ред\.|coord\.|comp\.)\s*\)\s*[,.:]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
EDITORS_BEFORE_COMMA = lazy(r"^(?P<names>[^():,]+?),\s*(?:eds?\.|Hrsg\.|Hg\.|dir\.|éds?\.)\s*[,.:]\s*(?P<rest>.*)$", re.IGNORECASE)
EDITORS_AFTER = lazy(
    r"[,.]?\s*\b(?:ed(?:ited)?\.?\s+and\s+trans(?:lated)?\.?(?:\s+by)?|ed(?:ited)?\.?\s+by|ed\.|eds\.|edited\s+by|hg\.\s*v(?:on)?\.?|hrsg\.\s*v(?:on)?\.?|herausgegeben\s+von|besorgt\s+von|"
    r"a\s+cura\s+di|sous\s+la\s+dir(?:ection|\.)?\s+de|éd(?:ité)?\.?\s+par|/?\s*под\s+ред\.|pod\s+red\.)\s+"
    r"(?P<names>(?:[^,.;:()]|(?<=\b[A-Z])\.)+?)(?=$|[,;:(]|\.(?:\s|$))(?<!\b[A-Z])",
    re.IGNORECASE,
)
#: The same, for a list of editors with commas: "edited by A, B, C, and D, 128–38".
EDITORS_AFTER_LIST = lazy(
    EDITORS_AFTER.pattern.split("(?P<names>")[0] + r"(?P<names>[^.;:()\d]+?(?:\b[A-Z]\.[^.;:()\d]*?)*)(?=,\s*\d|\s*\(|$|\.\s)",
    re.IGNORECASE,
)
TRANSLATORS = Caseless(
    r"[,.]?\s*\b(?:trans(?:lated)?\.?\s+(?:by\s+)?|übers(?:etzt)?\.?\s+(?:v(?:on)?\.?\s+)?|aus\s+dem\s+\w+\s+von|"
    r"trad\.\s+(?:par\s+|di\s+)?|traduit\s+par|tradotto\s+da)(?P<names>(?:[^,.;:()]|(?<=\b[A-Z])\.)+?)(?=$|[,;:(]|\.(?:\s|$))(?<!\b[A-Z])"
)
EDITION = Caseless(
    r"[,.]?\s*(?P<ed>(?:\b\d{1,2}(?:st|nd|rd|th|\.|e|a)?,?\s*(?:rev\.\s*|revised\s+|erw\.\s*|überarb\.\s*|aktualisierte\s+)?|"
    r"(?:rev\.|revised|erw\.|überarb\.|new|neue|nouvelle)\s*|"
    r"\b\d{1,2}(?:st|nd|rd|th)\s+(?:[a-z]+\s+){1,2})"
    r"(?:ed(?:ition)?\.?|Aufl(?:age)?\.?|éd(?:ition)?\.?|edizione|ed\.|изд\.))(?=$|[\s,.;)])")
VOLUME_IN_BOOK = Caseless(r"[,.]?\s*(?:vol\.|volume|Bd\.|Band|t\.|tome|tomo|т\.|кн\.|ч\.|вып\.)\s*(?P<vol>[\dIVXLC]+(?:\.\d+)?)(?=$|[\s,.;:])")
_THESIS_HINT = lazy(r"diss|thesis|thèse|tesi|habil|doktor", re.IGNORECASE)
THESIS = lazy(r"\b(?:Ph\.?\s?D\.?\s+(?:diss(?:ertation)?|thesis)|diss(?:ertation)?\.?|M\.?A\.?\s+thesis|thèse|tesi\s+di\s+(?:laurea|dottorato)|Doktorarbeit|Habil(?:itation)?(?:sschrift)?)\b", re.IGNORECASE)
DOCUMENT_WORDS = lazy(
    r"^(?:(?:The|A|An)\s+)?(?:Report|Memorandum|Memo|Letter|Telegram|Cable|Note|Notes|Minutes|Protocol|"
    r"Resolution|Decree|Decision|Directive|Order|Instruction|Statement|Declaration|Circular|Speech|"
    r"Transcript|Stenogram|Draft|Bericht|Protokoll|Schreiben|Brief|Beschluss|Rundschreiben|Aktennotiz|"
    r"Vermerk|Rede|Erklärung|Lettre|Rapport|Lettera|Relazione|Doklad|Spravka|Pis'mo|Postanovlenie|"
    r"Доклад|Справка|Письмо|Постановление|Протокол|Записка|Докладная|Директива|Приказ)\b",
)


class _Draft:
    """The fields found so far for one citation, with the text still to read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.csl: dict[str, Any] = {}
        self.locator: Locator | None = None
        #: A page range written before a pinpoint ("S. 373–385, hier S. 375").
        self.pages: str | None = None
        self.suffix: str | None = None
        #: Marked as a short form by "cit."/"op. cit." whatever else it carries.
        self.short = False
        #: The note a cross-reference points to ("wie Anm. 3").
        self.crossref: int | None = None
        #: The names were written family name first (bibliography style).
        self.inverted = False
        #: Bare pages after a colon taken off the end ("…;39(12):1585-7"), for the labeller.
        self.colon_pages: str | None = None
        #: Names read at the start that were followed by "(eds.)"/"(Hrsg.)": the list put in
        #: ``csl["author"]``, which :func:`_finish` files as the editors (the role is kept here,
        #: never in the CSL item).
        self.editors_read_as_authors: list[dict[str, str]] | None = None
        #: How the issue number was labelled ("Nr.", "H.", "no."): a newspaper numbers its
        #: issues "Nr."/"No." (:func:`_article_type`); never part of the CSL item.
        self.issue_label = ""

    def take(self, rx: re.Pattern[str] | LazyPattern, last: bool = False) -> re.Match[str] | None:
        """Remove the first (or last) top-level match of ``rx`` from the text and return it."""
        matches = top_level_positions(self.text, rx) if rx is not ACCESSED else list(rx.finditer(self.text))
        if not matches:
            return None
        m = matches[-1] if last else matches[0]
        self.text = (self.text[: m.start()] + self.text[m.end() :]).strip()
        return m


# --- entry points ---------------------------------------------------------------------------


#: A note longer than any real note (the longest in the shared real articles has 1,303
#: characters) is read as text and reported, never parsed for seconds.
MAX_NOTE_LENGTH = 20_000


def parse_note(text: str) -> list[Citation]:
    """Parse a note's text into its citations (an empty list for an empty or commentary note)."""
    if len(text) > MAX_NOTE_LENGTH:
        return [Citation(text=text.strip(), kind=UNPARSED, reason=f"too long to parse ({len(text)} characters)")]
    try:
        cleaned = clean_text(text)
        citations: list[Citation] = []
        for span in split_note(cleaned):
            # "RGASPI f. 495, op. 18, d. 213; d. 214, l. 3": a shelf mark continues the one before.
            previous = next((c.archival for c in reversed(citations) if c.archival is not None), None)
            batch = _parse_span(span.text, previous) if span.text else []
            if not batch:
                continue
            if span.prefix:
                batch[0].prefix = _join(span.prefix, batch[0].prefix)
            if span.suffix:
                batch[-1].suffix = _join(batch[-1].suffix, span.suffix)
            if span.relation:
                batch[0].relation = span.relation
            citations.extend(batch)
        return citations
    except RecursionError:
        # Nesting deeper than any citation has (issue 13's hostile input): say so, go on.
        return [Citation(text=text.strip(), kind=UNPARSED, reason="nested too deeply to parse")]
    except InternalError:
        raise
    except Exception as exc:
        # Any other exception is a bug in the parser, not a fault of the text: it must reach the
        # tests as a failure and the user as "internal error — please report", never "unparsed".
        raise InternalError(f"the parser failed on {_excerpt(text)}") from exc


def _excerpt(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= length else text[: length - 1] + "…")


def _join(first: str | None, second: str | None) -> str | None:
    return " ".join(x for x in (first, second) if x) or None


def parse_reference(text: str) -> list[Citation]:
    """Parse one reference or note (a line of ``parse-refs``); bibliography entries included."""
    text = LIST_NUMBER.sub("", text.strip())
    return parse_note(text)


#: Numbering in front of a reference or a pasted footnote: "[12] ", "12. ", "12) ", "- ", "¹ ",
#: and a bare footnote number before a lead word or Ibid. ("3 Vgl. …", "4 Ebd., S. 5").
#: Not a year: "1937. Stalin’s Year of Terror" keeps its title.
LIST_NUMBER = lazy(
    r"^\s*(?:\[\d{1,4}\]\s+|\d{1,3}[.)]\s+|[-*•]\s+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*"
    r"|\d{1,3}\s+(?=(?:vgl|siehe|see|cf|ibid|ebd|ebenda|ders|dies|zit|so|auch|dazu|hierzu|zur|zum)\b))",
    re.IGNORECASE,
)


def _parse_span(text: str, previous_archival: ArchivalRef | None = None) -> list[Citation]:
    text = text.strip().strip(",;").strip()
    if not text:
        return []
    m = IBID_RX.match(text)
    if m:
        return [_ibid(text, m)]
    archival = _archival(text, previous_archival)
    if archival is not None:
        return archival
    if OP_CIT.search(text):
        c = _op_cit(text)
        if c is not None:
            return [c]
    if _is_commentary(text) or CROSS_REFERENCE_ONLY.match(text):
        return []
    named = _name_short_forms(text) or _author_date_in_prose(text)
    if named:
        return named
    lead = _prose_lead(text)
    if lead is not None:
        prefix, rest = lead
        batch = _parse_span(rest)
        if batch and batch[0].kind != UNPARSED:
            batch[0].prefix = _join(prefix, batch[0].prefix)
            return batch
    short = _author_date(text)
    if short is not None:
        return [short]
    paper = _newspaper_issue(text)
    if paper is not None:
        return [paper]
    citation = _reference(text)
    if _weak(citation):
        # "Zur Kritik siehe Müller (2003) und Schmidt (2005)": author-date references in prose.
        embedded = _embedded_author_date(text)
        if embedded:
            return embedded
    return [citation]


#: A pointer to another note, not a citation: "infra, nota 12", "see above, n. 3", "vgl. oben Anm. 3".
CROSS_REFERENCE_ONLY = Caseless(
    r"^(?:(?:see|cf\.|vgl\.|siehe|voir|cfr\.|vedi)\s+)?(?:supra|infra|above|below|oben|unten|ci-dessus|ci-dessous|sopra|sotto)"
    r"[\s,]*(?:(?:n|nn|nota|note|notes|Anm|Fn|n°)\.?\s*\d+(?:\s*[-–]\s*\d+)?)?\s*\.?$"
)


#: "Pravda, 21 January 1937, p. 1", "Neues Deutschland, 12.3.1956, S. 3": a newspaper issue.
NEWSPAPER_ISSUE = lazy(
    rf"^(?P<paper>[A-ZÄÖÜА-ЯЁ][\w .’'-]{{1,40}}?),\s*(?:(?:no\.|nr\.|№)\s*\d+,\s*)?"
    rf"(?P<date>[0-3]?\d\.\s?[01]?\d\.\s?{YEAR}|[0-3]?\d\.?\s+{MONTH_WORD}\s+{YEAR}|{MONTH_WORD}\s+[0-3]?\d,\s+{YEAR})"
    rf"(?:,\s*(?:(?:p|pp|S|s|с)\.\s*)?(?P<page>\d+(?:\s*[-–]\s*\d+)?))?\s*\.?$",
    re.IGNORECASE,
)


def _newspaper_issue(text: str) -> Citation | None:
    m = NEWSPAPER_ISSUE.match(text)
    if not m or parse_people(m.group("paper")) and not NEWSPAPER_WORDS.search(m.group("paper")) and not re.search(
        r"Pravda|Izvesti|Правда|Известия", m.group("paper")
    ):
        return None
    date = parse_date(m.group("date"))
    csl: dict[str, Any] = {"type": "article-newspaper", "container-title": m.group("paper").strip(), "issued": date}
    if m.group("page"):
        csl["page"] = normalise_range(m.group("page"))
    return Citation(text=text, kind=FULL, csl=csl)


#: Words that open a sentence of prose before a reference ("So die treffende Formulierung bei …",
#: "Diese These vertritt bereits …", "ferner …", "in proposito …").
PROSE_OPENERS = frozenset(
    "so diese dieser dieses dies hierzu dazu ferner zur zum für über ähnlich anders grundlegend "
    "auch außerdem weiterhin ebenso ausführlich this these for on further similarly also here "
    "there as cette ce sur pour questa questo su per sulla sul in".split()
)
#: A finite verb early in a span: prose ("The classic statement is E. P. Thompson, …").
PROSE_VERB = lazy(r"\b(?:is|was|are|were|has|have|had|argued|argues|appeared|appears|set out|shows|showed|ist|sind|war|hat|haben|est|sont|a été|è|sono)\b")
_CAPITAL_START = lazy(r"(?<=[\s:])(?=[A-ZÄÖÜÀ-ÞА-ЯЁ])")


def _prose_lead(text: str) -> tuple[str, str] | None:
    """Split prose that leads into a reference: ("So die treffende Formulierung bei",
    "Broszat, Staat Hitlers, S. 9"). None unless the text opens with prose and a name list
    followed by a title starts later on (within its first fifteen words)."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if not first or not (first[0].islower() or first.lower().rstrip(":,") in PROSE_OPENERS or PROSE_VERB.search(text, 0, 80)):
        return None
    if first[0].isupper() and _leading_names(text)[0] is not None:
        return None  # it opens with names after all ("Kelly-Gadol, J. (1977) 'Did women have …'")
    limit = len(" ".join(text.split()[:15]))
    for m in _CAPITAL_START.finditer(text, 1, limit):
        rest = text[m.start() :]
        people, after = _leading_names(rest)
        editors = EDITORS_BEFORE.match(rest)
        if (people and after.strip() and not after.lstrip()[:1].islower()) or (editors and parse_people(editors.group("names"))):
            prefix = text[: m.start()].strip()
            if not re.search(r"(?<![\w’'])[a-zäöüéèà]{2,}\b", prefix):
                return None  # "What Is History? (London": no prose before the "names"
            return prefix, rest
    return None


def _weak(c: Citation) -> bool:
    """A reading that found no publication data: prose, or a short form."""
    if c.kind in (SHORT, UNPARSED):
        return True
    keys = ("publisher", "publisher-place", "container-title", "URL", "DOI", "accessed", "archive")
    return c.csl.get("type") in ("book", "article-journal") and not any(c.csl.get(k) for k in keys)


#: An author-date reference inside a sentence: "Müller (2003)", "Beck (1986: 122ff.)",
#: "Berger/Hradil 1990", "Wagner et al. 2007, S. 12".
EMBEDDED_AUTHOR_DATE = lazy(
    rf"(?P<names>[A-ZÄÖÜ][\w’'-]+(?:\s*(?:/|\bund\b|\band\b|&)\s*[A-ZÄÖÜ][\w’'-]+)*(?:\s+(?:et\s+al\.?|u\.\s?a\.))?)"
    rf"\s*(?:\((?P<y1>{YEAR}[a-z]?)(?:\s*[:,]\s*(?:S\.\s*|p\.\s*)?(?P<p1>\d+(?:\s*[-–]\s*\d+)?(?:\s*ff?\.?)?))?\)"
    rf"|(?P<y2>{YEAR}[a-z]?)(?:\s*[:,]\s*(?:S\.\s*|p\.\s*)?(?P<p2>\d+(?:\s*[-–]\s*\d+)?(?:\s*ff?\.?)?))?(?![\d–-]))"
)


def _embedded_author_date(text: str) -> list[Citation]:
    found: list[tuple[re.Match[str], list[dict[str, str]]]] = []
    for m in EMBEDDED_AUTHOR_DATE.finditer(text):
        people = parse_people(m.group("names"))
        if people and all("literal" not in p and not is_known_place(p.get("family", "")) for p in people):
            found.append((m, people))
    if not found:
        return []
    before = text[: found[0][0].start()]
    if before.strip() and not re.search(r"(?<![\w’'])[a-zäöüéèàß]{3,}\b", before):
        return []  # "Boudon, Raymond (1974): …" — the start of a reference, not prose around one
    citations = []
    for k, (m, people) in enumerate(found):
        year = m.group("y1") or m.group("y2")
        pages = m.group("p1") or m.group("p2")
        c = Citation(
            text=m.group(0),
            kind=SHORT,
            csl={"author": people, "issued": {"date-parts": [[int(year[:4])]]}},
            locator=Locator("page", normalise_range(pages)) if pages else None,
        )
        if k == 0 and text[: m.start()].strip(" ,;:"):
            c.prefix = text[: m.start()].strip(" ,;:")
        citations.append(c)
    tail = text[found[-1][0].end() :].strip(" ,;:.")
    if tail:
        citations[-1].suffix = tail
    return citations


AUTHOR_DATE = lazy(
    rf"^(?P<names>[^\d(),:;]+?)\s*(?P<open>\()?(?P<year>{YEAR}[a-z]?)(?(open)\))"
    rf"(?:\s*[,:]\s*(?:(?:S|p|pp|s)\.\s*)?(?P<pages>\d+[a-z]?(?:\s*[-–]\s*\d+)?(?:\s*f{{1,2}}\.?)?))?\s*\.?$"
)


def _author_date(text: str) -> Citation | None:
    """"Beck 1986, S. 12", "Mayntz/Scharpf 1995: 45" — an author-date reference in a note."""
    m = AUTHOR_DATE.match(text)
    if not m:
        return None
    people = parse_people(m.group("names").strip(" ,"))
    if not people:
        return None
    csl = {"author": people, "issued": {"date-parts": [[int(m.group("year")[:4])]]}}
    locator = Locator("page", normalise_range(m.group("pages"))) if m.group("pages") else None
    return Citation(text=text, kind=SHORT, csl=csl, locator=locator)


#: A family name in a short form: "Gaddis", "Le Roy Ladurie", "van der Linden", "O’Brien".
_FAMILY = r"(?:(?:de|da|do|dos|das|van|von|der|den|del|della|di|du|le|la|ten|ter|vom|zu|mac)\s+)*[A-ZÀ-ÞА-ЯЁ][\w’'-]+(?:-[A-ZÀ-ÞА-ЯЁ][\w’'-]+)?"
#: Family names of a short form: "Fitzpatrick and Getty", "Colman, Pierce et Birkeland",
#: "Tilly et al.", "Hobsbawm et. al.", "Dupont, Durand, Martin".
NAME_LIST = lazy(
    rf"(?P<names>{_FAMILY}(?:\s*(?:,\s*|\s+(?:and|et|y|e|und|&|и)\s+){_FAMILY}){{0,7}})"
    r"(?P<etal>\s+(?:et\.?\s*al(?:ii)?\.?|u\.\s?a\.|и\s+др\.))?"
)
_PAGES = r"(?P<pages>\d+[a-z]?(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+[a-z]?(?:\s*[-–]\s*\d+)?)*(?:\s*f{1,2}\.?)?)"
#: "Gaddis, 14.", "Tilly et al., p. 7": names and a page, nothing else.
NAMES_PAGE = lazy(rf"^{NAME_LIST.pattern},?\s*(?:(?:p|pp|S|s|с)\.\s*)?{_PAGES}\s*\.?$")
#: "Hyndman, 1996.", "Colman, Pierce et Birkeland, 1987.", "Reimer et al., 2009, 2013, 2020.",
#: "Millot (2014: 12)": names and one or more years (then perhaps a page).
NAMES_YEARS = lazy(
    rf"^{NAME_LIST.pattern},?\s*\(?(?P<years>{YEAR}[a-z]?(?:\s*[,;]\s*{YEAR}[a-z]?)*)\)?"
    rf"(?:\s*[,:]\s*(?:(?:p|pp|S|s)\.\s*)?{_PAGES})?\)?\s*\.?$"
)
#: Words that open a short form but are no names.
_NOT_NAMES = lazy(
    r"^(?:Ibid|Ibidem|Ebd|Ebenda|Id|Idem|Eadem|Ders|Dies|See|Voir|Cf|Vgl|Siehe|Véase|Ver|Page|Pages|Note|Notes|"
    r"Chapter|Chap|Vol|Volume|Part|Table|Figure|Fig|Anm|Nota|Op|Loc|Supra|Infra|Ibd|Tome|Band|Bd|Heft|No|Nr)\b",
    re.IGNORECASE,
)


#: "McDermott/Agnew, The Comintern, pp. 205–212.", "Rogovin, Stalin’s Terror, p. 307.":
#: family names (joined by "/", "and", "et"…), a short title of a few words, a page.
NAMES_TITLE_PAGE = lazy(
    rf"^(?P<names>{_FAMILY}(?:\s*(?:/|\s(?:and|et|y|und|&)\s)\s*{_FAMILY}){{0,3}}),\s+"
    r"(?P<title>[«“\"„‘]?[A-ZÀ-ÞА-ЯЁ][^\d,;:()]{1,60}?[»”\"’]?),\s*(?:(?:p|pp|S|s|с)\.\s*)?"
    rf"{_PAGES}\s*\.?$"
)


def _short_names(names: str) -> list[dict[str, str]] | None:
    parts = [p.strip() for p in re.split(r",\s*|\s+(?:and|et|y|e|und|&|и)\s+", names) if p.strip()]
    if not parts or any(_NOT_NAMES.match(p) or is_known_place(p) for p in parts):
        return None
    if len(parts) > 1 and not re.search(r"\s(?:and|et|y|e|und|&|и)\s", names):
        return None  # "Weber, Politik, S. 3" is an author and a short title, not two authors
    return [{"family": p} for p in parts]


def _name_short_forms(text: str) -> list[Citation]:
    """Short forms by author family names alone, as people write them: with a page ("Gaddis,
    14.", "Fitzpatrick and Getty, 122.", "Tilly et al., 7.", "Hobsbawm et. al., 74.") or with
    years, author-date style ("Hyndman, 1996.", "Colman, Pierce et Birkeland, 1987.", "Reimer
    et al., 2009, 2013, 2020." — one short form per year); several in a row ("Arnold et Libby,
    1949. Libby, 1960."). Empty when the text is anything else."""
    m = NAMES_TITLE_PAGE.match(text.strip())
    if m and len(m.group("title").split()) <= 8 and not re.fullmatch(YEAR + r"[a-z]?", m.group("pages").strip()):
        people = _short_names(m.group("names").replace("/", " and "))
        if people and not re.search(YEAR, m.group("title")):
            pages = m.group("pages")
            return [Citation(text=text, kind=SHORT, csl={"author": people, "title": strip_quotes(m.group("title").strip())},
                             locator=Locator("page", normalise_range(pages)) if "," not in pages else
                             Locator("page", ", ".join(normalise_range(p.strip()) for p in pages.split(","))))]
    pieces = re.split(rf"(?<=\d)\.\s+(?=[A-ZÀ-ÞА-ЯЁ])", text.strip())
    found: list[Citation] = []
    for piece in pieces:
        m = NAMES_YEARS.match(piece) or NAMES_PAGE.match(piece)
        people = _short_names(m.group("names")) if m else None
        if not m or not people:
            return []
        pages = m.group("pages")
        locator = Locator("page", normalise_range(pages)) if pages and "," not in pages else (
            Locator("page", ", ".join(normalise_range(p.strip()) for p in pages.split(","))) if pages else None
        )
        years = re.findall(rf"{YEAR}[a-z]?", m.groupdict().get("years") or "") or [None]
        for year in years:
            csl: dict[str, Any] = {"author": copy.deepcopy(people)}
            if year:
                csl["issued"] = {"date-parts": [[int(year[:4])]]}
            found.append(Citation(text=piece, kind=SHORT, csl=csl, locator=copy.deepcopy(locator)))
    return found


#: An author-date reference inside prose: "(O’Brien et Lyman, 2002)", "Millot (2014)",
#: "(Riley, 2017: 4)", "Walsh et Schwalbe (2020)".
AUTHOR_DATE_IN_PROSE = lazy(
    rf"\((?P<n1>{NAME_LIST.pattern.replace('?P<names>', '').replace('?P<etal>', '')}),?\s*(?P<y1>{YEAR})[a-z]?"
    rf"(?:\s*[:,]\s*(?:p\.\s*)?(?P<p1>\d+(?:\s*[-–]\s*\d+)?))?\)"
    rf"|(?P<n2>{NAME_LIST.pattern.replace('?P<names>', '').replace('?P<etal>', '')})\s*\((?P<y2>{YEAR})[a-z]?"
    rf"(?:\s*[:,]\s*(?:p\.\s*)?(?P<p2>\d+(?:\s*[-–]\s*\d+)?))?\)"
)


#: What every match of AUTHOR_DATE_IN_PROSE holds: "(", names or nothing, a year, ")". A cheap
#: test first: most references ("(London: Macmillan, 1968)") have none.
_AUTHOR_DATE_HINT = lazy(rf"\([\w’'\-\s,&.]*?{YEAR}[a-z]?(?:\s*[:,]\s*(?:p\.\s*)?\d+(?:\s*[-–]\s*\d+)?)?\)")


def _author_date_in_prose(text: str) -> list[Citation]:
    """Author-date references in a sentence of prose ("… préfèrent ainsi parler de datation
    quantifiable (O’Brien et Lyman, 2002). Néanmoins, …"): one short form each, the prose
    around them kept as prefix and suffix. Empty unless what is left is running prose."""
    if not _AUTHOR_DATE_HINT.search(text):
        return []
    found = []
    for m in AUTHOR_DATE_IN_PROSE.finditer(text):
        names = re.sub(r"\s+(?:et\.?\s*al(?:ii)?\.?|u\.\s?a\.|и\s+др\.)$", "", (m.group("n1") or m.group("n2")).strip())
        # "de Millot (2014)": the name list may have taken a preposition before the name
        names = re.sub(r"^(?:(?:de|da|do|van|von|der|den|del|di|du|le|la)\s+)+(?=[A-ZÀ-ÞА-ЯЁ])", "", names)
        people = _short_names(names)
        if people:
            found.append((m, people))
    if not found:
        return []
    rest = AUTHOR_DATE_IN_PROSE.sub(" ", text)
    if not is_running_prose(rest, min_words=6, years=False):
        return []
    citations = []
    for m, people in found:
        year = m.group("y1") or m.group("y2")
        pages = m.group("p1") or m.group("p2")
        citations.append(Citation(
            text=m.group(0).strip("()"), kind=SHORT,
            csl={"author": people, "issued": {"date-parts": [[int(year)]]}},
            locator=Locator("page", normalise_range(pages)) if pages else None,
        ))
    citations[0].prefix = text[: found[0][0].start()].strip(" ,;:") or None
    citations[-1].suffix = text[found[-1][0].end() :].strip(" ,;:.") or None
    return citations


def _is_commentary(text: str) -> bool:
    """A sentence of prose with no sign of a reference (no year, no number, no quotes, no URL):
    "All translations are mine.", "This point was first made by the émigrés themselves.";
    or a passage of running prose in any of the notes' languages (see ``is_running_prose``),
    which may hold numbers: "Our corpus has 236 State of the Union addresses. …"."""
    if is_running_prose(text) or not re.search(r"[A-ZÀ-ÞА-ЯЁ\d“„«\"‘]", text):
        return True  # running prose, or a phrase with no name, title or number ("the discussion above")
    if is_running_prose(text, min_words=15, years=False) and not re.search(r"[A-ZÀ-ÞА-ЯЁ][\w’'-]+,\s+[A-ZÀ-ÞА-ЯЁ\d]", text) \
            and not AUTHOR_DATE_IN_PROSE.search(text):
        return True  # long prose that mentions a year ("L’année 1950 est utilisée comme référence …")
    if re.search(r"\d|https?://|www\.|[“„«\"]", text):
        return False
    words = text.split()
    return len(words) >= 6 and PROSE_WORDS.count(text) >= 2 or is_prose(text)


def _ibid(text: str, m: re.Match[str]) -> Citation:
    rest = text[m.end() :].strip(" ,.:;")
    again = IBID_RX.match(rest)
    if again and re.match(r"(?i)ibid|ebd|ebenda|ivi|там", rest):
        rest = rest[again.end() :].strip(" ,.:;")  # "Id., ibid., p. 8"
    citation = Citation(text=text, kind=IBID)
    if not rest:
        return citation
    remainder, locator = take_trailing_locator(rest, folios=True)
    if locator is None:
        bare = re.fullmatch(r"(?:at\s+)?(?:(?P<vol>\d{1,2}):)?(\d+[a-z]?(?:n\d+)?(?:\s*[-–]\s*\d+)?(?:\s*ff?\.)?)", rest)
        several = re.fullmatch(r"(?:(?:pp?|S|s)\.\s*)?(\d+[a-z]?(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+[a-z]?(?:\s*[-–]\s*\d+)?)+)", rest)
        if several:  # "Ibid., 106, 114-120.": every page cited, not the first alone
            locator = Locator("page", ", ".join(normalise_range(p.strip()) for p in several.group(1).split(",")))
            remainder = ""
        elif bare:
            locator, remainder = Locator("page", normalise_range(bare.group(2))), ""
            if bare.group("vol"):
                citation.csl["volume"] = bare.group("vol")  # "Ibid., 2:604."
    citation.locator = locator
    remainder = remainder.strip(" ,.;:")
    volume = VOLUME_IN_BOOK.fullmatch(remainder) if remainder else None
    if volume:
        citation.csl["volume"] = volume.group("vol")  # "Ebd., Bd. 2, S. 17."
        remainder = ""
    if remainder and m.group(0).lower().startswith(("idem", "id.", "eadem", "iidem", "dies", "ders", "ead")):
        # "Idem, Another Title, Berlin 2001": the same author, another work.
        full = _reference(remainder, names=False)
        full.text = text
        full.csl["author"] = [{"literal": "idem"}]
        full.locator = full.locator or locator
        return full
    if remainder:
        citation.suffix = remainder
    return citation


def _archival(text: str, previous: ArchivalRef | None = None) -> list[Citation] | None:
    if previous is None and not may_be_archival(text):
        return None
    matches = find_archival(text, previous=previous)
    if not matches:
        return None
    covered = sum(m.end - m.start for m in matches)
    pieces, last = [], 0
    for m in sorted(matches, key=lambda m: m.start):  # the text outside the shelf marks, in one pass
        if m.start > last:
            pieces.append(text[last : m.start])
        last = max(last, m.end)
    pieces.append(text[last:])
    outside = "".join(pieces).strip(" ,.;:")
    if covered < len(text.strip()) * 0.5 and len(outside.split()) > 4:
        return None  # a reference that mentions an archive, not an archival file
    citations = []
    for k, m in enumerate(matches):
        csl = archival_csl(m)
        before = text[: m.start].strip(" ,.;:") if k == 0 else ""
        c = Citation(text=text[m.start : m.end].strip(), kind=FULL, csl=csl, archival=m.ref)
        if m.ref.folios:
            c.locator = Locator("folio", m.ref.folios + (" ob." if m.ref.verso and "ob" not in m.ref.folios else ""))
        if before:
            c.prefix = before
        citations.append(c)
    tail = text[matches[-1].end :].strip(" ,.;:")
    if tail:
        citations[-1].suffix = tail
    return citations


def _op_cit(text: str) -> Citation | None:
    m = OP_CIT.search(text)
    assert m is not None
    head = text[: m.start()].strip(" ,.")
    tail = text[m.end() :].strip(" ,.:")
    locator = None
    if tail:
        rest, locator = take_trailing_locator(tail)
        if locator is None and re.fullmatch(r"\d+(?:\s*[-–]\s*\d+)?", tail):
            locator = Locator("page", normalise_range(tail))
    csl: dict[str, Any] = {}
    russian = RUSSIAN_NAME.fullmatch(head.strip())
    people = [{"family": russian.group("family"), "given": russian.group("given").strip()}] if russian else None
    if people is None and "," in head and parse_people(head.split(",", 1)[0]):
        people = None  # "Pullan, Rich and Poor cit.": an author, then a short title (below)
    elif people is None:
        people = parse_people(head)
    if people:
        csl["author"] = people
    else:
        parts = head.split(",", 1)
        people = parse_people(parts[0])
        if people:
            csl["author"] = people
            csl["title"] = strip_quotes(parts[1].strip()) if len(parts) > 1 else None
        elif head:
            csl["title"] = strip_quotes(head)
    csl = {k: v for k, v in csl.items() if v}
    if not csl:
        return None
    return Citation(text=text, kind=SHORT, csl=csl, locator=locator)


# --- full references ------------------------------------------------------------------------


#: A pointer back to the note with the full reference: "(wie Anm. 3)", "(as in n. 3)", "(cit. n. 5)".
CROSS_REFERENCE = lazy(
    r"\s*\((?:wie|s\.|siehe|vgl\.|as|see|cf\.|cit\.|v\.|voir|cfr\.)?\s*(?:in\s+)?(?:Anm\.|Fn\.|Fußnote|note|n\.|nota|прим\.)\s*(?P<note>\d+)\)",
    re.IGNORECASE,
)


def _reference(text: str, names: bool = True) -> Citation:
    d = _Draft(text.rstrip(" ;,"))
    m: AnyMatch | None = CROSS_REFERENCE.search(d.text) if "(" in d.text else None
    if m:
        d.crossref = int(m.group("note"))
        d.text = (d.text[: m.start()] + d.text[m.end() :]).strip()
    _identifiers(d)
    _strip_final_period(d)
    _trailing_locator(d)
    m = OP_CIT.search(d.text)
    if m and m.end() >= len(d.text.rstrip(" ,.")):
        d.text = d.text[: m.start()].rstrip(" ,.")  # "Id., La politica …, cit., p. 4": a short form
        d.short = True
    web = _on_the_web(d)
    m = NUMBER_OF_VOLUMES.search(d.text)
    if m:
        d.csl["number-of-volumes"] = m.group("n")  # "Paris, SEVPEN, 1960, 2 vol."
        d.text = d.text[: m.start()].rstrip(" ,.")
    if USE_LABELLER:
        labelled = _labelled(d, text, names)
        if labelled is not None:
            return labelled
    if names:
        people, rest, editors = _leading_names_and_role(d.text)
        # On a web page the first words are its title ("Chronicling America, Library of
        # Congress, https://…") unless a quoted title follows the names.
        if people is not None and not (web and not re.match(r"\s*[“„«\"‘']", rest)):
            d.csl["author"] = people
            d.editors_read_as_authors = people if editors else None
            inverted = parse_inverted_list(d.text)
            d.inverted = inverted is not None and inverted[0] == people
            d.text = rest
        elif people is None:
            institution = _institution(d.text)
            if institution and not web:
                d.csl["author"] = [{"literal": institution[0]}]
                d.text = institution[1]
    _apa_year(d)
    intro = INTRO_TO.match(d.text)
    if intro:
        d.csl["title"] = intro.group("title")
        return _finish(d, text, _container(d, d.text[intro.end() :], contributor_names="container-author"))
    title, after = _title(d.text, closed_by_period=d.inverted)
    if title is not None:
        d.csl["title"] = title
        d.text = after
        kind = _after_title(d)
        return _finish(d, text, kind)
    # An unquoted chapter or article title: "Die Gewerkschaften, in: H.-U. Wehler (Hrsg.), …"
    for m in top_level_positions(d.text, IN_MARKER):
        if m.start() == 0:
            continue
        head, container = d.text[: m.start()].strip(" ,.:"), d.text[m.end() :]
        marker = d.text[m.start() : m.end()]
        if head and container and (":" in marker or "//" in marker or container[:1].isupper() or container[:1] in "«“\"„"):
            d.csl["title"] = head
            return _finish(d, text, _container(d, container))
    return _finish(d, text, _book(d, d.text))


#: Read the fields of full references with the learned labeller (:mod:`citations.tagger`);
#: False reads them with the rules below, as before the labeller existed (kept for comparison:
#: ``benchmarks/parse_accuracy.py --rules``).
USE_LABELLER = True
#: "…, available in the WSWS Marxist Library." at the end of a reference.
AVAILABLE_TAIL = Caseless(r"[,.;]\s*(?P<where>(?:available|accessible|online|reprinted|also)\s+(?:in|at|from|on|online)\b[^;]*?)\.?$")
#: A software release's version: "v4.0.0", "Version 2.2", "versión 1.0.3" (a bare "v" needs a
#: dotted number: "v. 3" is a volume).
VERSION = Caseless(
    r"(?:(?<=[\s(,:])|^)(?:v(?P<v1>\d+(?:\.\d+){1,3}(?:-?(?:alpha|beta|rc|dev)\d*)?)"
    r"|(?:version|versión|versão|versione)\s+(?P<v2>\d+(?:\.\d+){0,3}(?:-\d+)?(?:-?(?:alpha|beta|rc|dev)\d*)?))(?=$|[\s),;:]|\.(?:\s|$))",
    needs=r"v",
)
#: CSL types whose pages are the part's own page range (a book's pages are the locator).
PART_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper", "chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"})


def _labelled(d: _Draft, original: str, names: bool) -> Citation | None:
    """The fields of what is left of a reference after the rules, read by the labeller."""
    from citations import tagger  # loaded on first use: start-up stays fast

    # Fixed markers of the imprint, read by rule: a reprint's imprint is the edition cited
    # (the first gives the original date); "(n.p., n.d.)" says there is none.
    d.text, first_year = take_reprint(d.text)
    if first_year is not None:
        d.csl["original-date"] = {"date-parts": [[first_year]]}
    d.text, no_imprint = take_no_imprint(d.text)
    if no_imprint is not None:
        d.csl["note"] = no_imprint
    m = VERSION.search(d.text)
    if m:
        # "pymarc v4.0.0 (2020)": a release's version is a field of its own (CSL "version"),
        # which the labeller has no label for and reads as a volume.
        d.csl["version"] = m.group("v1") or m.group("v2")
        d.text = (d.text[: m.start()].rstrip(" ,:") + " " + d.text[m.end() :].lstrip(" ,")).strip()
    m = AVAILABLE_TAIL.search(d.text)
    if m and m.start() > 0:
        # "…, available in the WSWS Marxist Library": where the work can be read, not a field.
        d.suffix = _join(m.group("where").strip(), d.suffix)
        d.text = d.text[: m.start()].rstrip(" ,.")
    try:
        # "Idem, Title, …": the rules took the pronoun off and know the author.
        text = d.text + (d.colon_pages or "")
        reading = tagger.read_reference(text, author_known=not names)
        if d.colon_pages and reading.pages:
            d.locator = None  # "2013;39(12):1585-7": the labeller read them as the part's pages
    except tagger.ModelError:
        return None  # no model: the rules read the reference
    found = reading.csl
    if not names:
        found.pop("author", None)
    for key, value in found.items():
        d.csl.setdefault(key, value)  # what the rules read for sure (identifiers, series) stays
    intro = INTRO_TO.match(d.csl.get("title") or "")
    if intro:
        # "Introduction to: Leon Trotsky, The Revolution Betrayed": a part of the book named
        # after it, whose author is the book's author (CMOS 14.103).
        people, rest = _leading_names(d.csl["title"][intro.end() :])
        d.csl["title"] = intro.group("title")
        if people:
            d.csl["container-author"] = people
        d.csl["container-title"] = rest.strip(" ,.:")
    title = d.csl.get("title") or ""
    if DOCUMENT_WORDS.match(title) and not d.csl.get("publisher") and not d.csl.get("container-title"):
        d.csl["title"] = _take_document_date(d, title)
    kind = tagger.infer_type(d.csl, reading.pages, journal=reading.journal and not intro)
    if intro and d.csl.get("container-title"):
        kind = "chapter"
    elif kind == "book" and DOCUMENT_WORDS.match(d.csl.get("title") or "") and not d.csl.get("publisher") \
            and len(d.csl.get("issued", {}).get("date-parts", [[0]])[0]) == 3:
        kind = "report"
    if reading.pages:
        if kind in PART_TYPES:
            d.csl.setdefault("page", reading.pages)
        elif d.locator is None:
            d.locator = Locator("page", reading.pages)
    if kind in PART_TYPES and "page" not in d.csl:
        _pages_of_part(d)
    citation = _finish(d, original, kind)
    citation.confidence = reading.confidence
    citation.field_confidence = dict(reading.field_confidence)
    return citation


_ACCESS_HINT = Caseless(r"access|retriev|viewed|consult|abgerufen|zugriff|stand|visited|обращения")


INSTITUTION_WORDS = lazy(
    r"\b(?:Commission|Committee|Bank|Council|Ministry|Ministerium|Office|Bureau|Department|Agency|"
    r"Organi[sz]ation|Programme|Program|Institute|Institut|Association|Society|Foundation|Stiftung|"
    r"Bundesarchiv|Nations|Union|Party|Partei|Bundestag|Parliament|Government|Regierung|Senate|"
    r"Congress|Academy|Akademie|Center|Centre|Gesellschaft|Verein|Amt|Fund|Service|Court|Tribunal|"
    r"\w+(?:amt|archiv|ministerium|institut|kommission|regierung|verband|bank)|"
    r"Комиссия|Комитет|Министерство|Институт)\b"
)


def _institution(text: str) -> tuple[str, str] | None:
    """"World Bank, World Development Report 1990 …": an institution as author, and the rest."""
    m = re.match(rf"^(?P<name>[^,.:;()“„«\"\d]{{3,100}}?)(?:[,:]|\s*(?=\({YEAR}))\s*(?=\S)", text)
    if not m or not INSTITUTION_WORDS.search(m.group("name")):
        return None
    words = m.group("name").split()
    if not words[0][:1].isupper() or DOCUMENT_WORDS.match(m.group("name")) or is_given_name(words[0]):
        return None
    return m.group("name").strip(), text[m.end() :]


TRANSLATION_NOTE = lazy(r"[,.]?\s*(?:trad\.|tr\.|transl\.|übers\.|dt\.\s*Übers\.)\s*(?:it|fr|ingl|ted|sp|dt|engl|franç|ital)\.?(?=$|[,.;\s])", re.IGNORECASE)


SERIES_NOTE = lazy(r"[,.]?\s*\(?(?:coll\.|collection|collana|Reihe|series)\s*[«“\"„](?P<series>[^»”\"“]+)[»”\"“](?:\s*,?\s*(?:n°|no\.|Bd\.|vol\.)\s*\d+)?\)?", re.IGNORECASE)


_TRANSLATION_HINT = Caseless(r"tr\.|trad|transl|übers")


def _identifiers(d: _Draft) -> None:
    if _TRANSLATION_HINT.search(d.text):
        d.text = TRANSLATION_NOTE.sub("", d.text)
    m = SERIES_NOTE.search(d.text) if ("oll" in d.text or "eihe" in d.text or "eries" in d.text) else None
    if m:
        d.csl["collection-title"] = m.group("series").strip()
        d.text = (d.text[: m.start()] + d.text[m.end() :]).strip()
    text = d.text
    # Cheap tests first: most references carry none of these identifiers.
    m = d.take(ACCESSED) if _ACCESS_HINT.search(text) else None
    if m:
        date = parse_date(m.group("date"))
        if date:
            d.csl["accessed"] = date
    m = d.take(DOI) if "10." in text else None
    if m:
        d.csl["DOI"] = m.group("doi").rstrip(".")
        if "doi.org/" in m.group(0):
            d.csl["URL"] = "https://doi.org/" + d.csl["DOI"]  # written as a link (APA 7)
    links: list[str] = []
    while ("http" in d.text or "www." in d.text) and (m := URL.search(d.text)) is not None:
        d.text = (d.text[: m.start()] + d.text[m.end() :]).strip()  # inside quotes too
        k = m.start()
        if k > 0 and d.text[k - 1 : k + 1] in _EMPTY_QUOTES:
            d.text = (d.text[: k - 1] + d.text[k + 1 :]).strip()  # “https://…”: a link for a title
        # Every link comes out of the text, so none is glued to a title or container: the
        # work's own address is the URL, a permanent link (perma.cc, the Wayback Machine) is
        # the URL only when there is no other, and is kept in the note otherwise.
        url = m.group("url").rstrip(".,;")
        if url.count(")") > url.count("("):
            url = url.rstrip(")")
        links.append(url if not url.startswith("www.") else "http://" + url)
    if links:
        own = [u for u in links if not ARCHIVE_LINK.match(u)]
        if "URL" not in d.csl or own:
            d.csl["URL"] = d.csl["URL"] if "URL" in d.csl and "doi.org/" in d.csl["URL"] and not own else (own or links)[0]
        archived = [u for u in links if ARCHIVE_LINK.match(u) and u != d.csl.get("URL")]
        if archived:
            d.csl["note"] = _join(d.csl.get("note"), "archived at " + ", ".join(archived))
    m = d.take(ISBN) if ("ISBN" in text or "isbn" in text) else None
    if m:
        d.csl["ISBN"] = re.sub(r"[\s‐]", "-", m.group("isbn")).strip("-")
    d.text = d.text.strip(" ,;:")


#: An abbreviation ending a publisher ("Co.", "Inc.") or an initial, whose period stays. Searched
#: in the last 7 characters only: the longest word (5) with the character before it and the period.
_ABBREVIATION_END = lazy(r"(?:\b(?:Co|Inc|Ltd|Bros|St|Jr|Sr|ed|eds|Hrsg|Hg|dir|éd|ff|f|M|Mass|Calif)|\b[A-Z])\.$")


def _strip_final_period(d: _Draft) -> None:
    t = d.text.strip()
    if t.endswith(".") and not _ABBREVIATION_END.search(t[-7:]):
        t = t[:-1]
    d.text = t.strip()


#: "Fitzpatrick, “Ascribing Class,” 750." — Chicago puts the comma inside the quotes.
BARE_AFTER_QUOTE = lazy(r"(?<=[”\"’»])(?P<sep>\s+)(?P<value>\d+[a-z]?(?:\s*[-–]\s*\d+)?)\s*\.?\s*$")


def _pages_of_part(d: _Draft) -> None:
    """A chapter's or article's pages: the range before a pinpoint, else the pages cited."""
    if d.pages:
        d.csl["page"] = d.pages
    elif d.locator is not None and d.locator.label == "page":
        d.csl["page"] = d.locator.value
        d.locator = None


#: "…, 1960, 2 vol.": the number of volumes after the imprint.
NUMBER_OF_VOLUMES = lazy(rf"(?<=\b{YEAR}),\s*(?P<n>\d{{1,2}})\s+(?:vols?|voll?|Bde|Bände|tomes|t)\.?$")
#: "Milano 1972, I, pp. 35-36": the volume cited, after the year.
VOLUME_CITED = lazy(rf"(?<=\b{YEAR}),\s*(?P<vol>[IVXLC]{{1,6}})$")
HERE = lazy(r"[,;]\s*(?:here|hier|ici|qui|at|esp\.|especially|bes\.|insbes\.)\s+(?:(?:pp?|S|s)\.\s*)?(?P<value>\d+[a-z]?(?:\s*[-–]\s*\d+)?(?:\s*f{1,2}\.?)?)\s*\.?$", re.IGNORECASE)


#: "(Cambridge, 1978), ii. 34": the volume and the page cited (Oxford style).
VOLUME_PAGE = lazy(r"(?<=\)),\s*(?:(?P<vol>[ivxlc]{1,6})\.\s*|(?P<vol2>\d{1,2}):)(?P<page>\d+(?:\s*[-–]\s*\d+)?)\s*\.?$")


def _trailing_locator(d: _Draft) -> None:
    if not ends_in_number(d.text):
        return  # every pattern below ends in a number
    m: AnyMatch | None = search_tail(VOLUME_PAGE, d.text, 24)
    if m:
        d.csl["volume"] = m.group("vol") or m.group("vol2")
        d.locator = Locator("page", normalise_range(m.group("page")))
        d.text = d.text[: m.start()]
        return
    rest, locator = take_trailing_locator(d.text)
    if locator is None and (m := search_tail(HERE, d.text)):
        rest, locator = d.text[: m.start()], Locator("page", normalise_range(m.group("value")))
    if locator is not None:
        d.locator = locator
        d.text = rest
        # "S. 373–385, hier S. 375": the part's page range, then the page cited.
        if locator.label == "page":
            rest2, pages = take_trailing_locator(d.text)
            if pages is None:
                m2 = search_tail(BARE, d.text)
                if m2 and "–" in normalise_range(m2.group("value")) and (
                    m2.group("sep").startswith(":") or d.text[: m2.start()].rstrip().endswith(")")
                ):
                    rest2, pages = d.text[: m2.start()], Locator("page", normalise_range(m2.group("value")))
            if pages is not None and pages.label == "page" and "–" in pages.value:
                d.pages, d.text = pages.value, rest2
        m = search_tail(VOLUME_IN_BOOK, d.text, 16)
        if m and m.end() == len(d.text) and m.start() > 0:
            d.csl["volume"] = m.group("vol")  # "Paris, Albin Michel, 1939, t. 1, p. 23"; "op. cit., t. II, p. 12"
            d.text = d.text[: m.start()].rstrip(" ,.")
        m = search_tail(VOLUME_CITED, d.text, 12)
        if m:
            d.csl["volume"] = m.group("vol")  # "Milano 1972, I, pp. 35-36": the volume cited
            d.text = d.text[: m.start()]
        rest, chapter = take_chapter(d.text)
        if chapter:
            d.csl["chapter-number"] = chapter
            d.text = rest
        return
    rest, chapter = take_chapter(d.text)
    if chapter:
        d.locator = Locator("chapter", chapter)
        d.text = rest
        return
    # "(Place: Publisher, Year), 307." — a bare number after the publication data is a page.
    m = search_tail(BARE, d.text) or search_tail(BARE_AFTER_QUOTE, d.text, 20)
    if m and not re.fullmatch(YEAR + r"[a-z]?", m.group("value").strip()):
        before = d.text[: m.start()].rstrip()
        dated = re.search(rf"(?:\b[0-3]?\d,?\s+{YEAR}|{MONTH_WORD}\s+{YEAR}|\d\.\s?\d{{1,2}}\.\s?{YEAR})$", before)
        volume = re.search(r"[,\s](?P<v>\d{1,4})(?:\s*\([\w/–-]+\))?$", before)
        after_volume = volume and not re.fullmatch(YEAR, volume.group("v"))
        if before.endswith(")") or _looks_short(before) or m.group("sep").startswith(":") or dated or after_volume:
            d.locator = Locator("page", normalise_range(m.group("value")))
            if m.group("sep").startswith(":"):
                d.colon_pages = d.text[m.start() :]  # "2013;39(12):1585-7": maybe the article's pages
            d.text = before


def _looks_short(text: str) -> bool:
    """"Rogovin, Stalin’s Terror" — names and a few title words, nothing else."""
    if re.search(YEAR, text):
        return False
    return len(text.split()) <= 12 and "," in text


RUSSIAN_NAME = lazy(r"(?P<family>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+(?P<given>[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?)")
RUSSIAN_NAMES = lazy(rf"^{RUSSIAN_NAME.pattern}(?:,\s*{RUSSIAN_NAME.pattern.replace('?P<family>', '').replace('?P<given>', '')})*(?=\s+[^\W\d_]|\s+\d|\s+[«\"“„])")
NAME_END = lazy(r"[,:]|\.\s")


#: "Barrington Moore Jr.,", "Sewell, William H., Jr.,": a generational suffix, left out of the name.
SUFFIX_JR = lazy(r"^([^,;:]{2,40}?(?:,[^,;:]{2,30}?)?),?\s+(?:Jr|Sr|Jun|Sen)\.(?=\s*[,:.(])")


_TWO_LOWER_AT_END = lazy(r"[a-zäöüß]{2}$")


def _leading_names(text: str) -> tuple[list[dict[str, str]] | None, str]:
    """Names at the start of a reference and the text after them."""
    people, rest, _ = _leading_names_and_role(text)
    return people, rest


def _leading_names_and_role(text: str) -> tuple[list[dict[str, str]] | None, str, bool]:
    """Names at the start of a reference, the text after them, and whether "(eds.)" or
    "(Hrsg.)" followed them (the names are editors)."""
    text = SUFFIX_JR.sub(r"\1", text, count=1)
    people: list[dict[str, str]] | None
    inv = parse_inverted_list(text)
    if inv is not None:
        people, end = inv
        rest = text[end:]
        closed = text[:end].endswith(".") and re.match(r"^\s+[^\W\d_“‘'\"«„]|^\s+[“‘'\"«„]", rest)
        # "Brewer, J., The Sinews of Power": initials only, then a comma before the title.
        initials_comma = rest.startswith(",") and all(
            re.fullmatch(r"(?:[^\W\d_]\.[\s‐-]?)+", p.get("given", "x").replace(" ", "")) for p in people
        ) and not re.match(r"^,\s*(?:and|&|und)\b", rest)
        year_colon = re.match(rf"^,\s*(?P<y>{YEAR})[a-z]?\s*:\s*", rest)
        if year_colon:  # "Kohli, Martin, 1985: Die Institutionalisierung …"
            return people, f"({year_colon.group('y')}): " + rest[year_colon.end() :], False
        if closed or initials_comma or re.match(r"^\s*(?:[.:]|\(\s*(?:eds?\.?|Hrsg\.|Hg\.|dir\.)|\(\s*" + YEAR + r"|,\s*(?:eds?\.|Hrsg\.))", rest, re.IGNORECASE):
            rest, editors = _editor_role(rest)
            return people, rest.lstrip(" .:,"), editors
    # "Хлевнюк О. В. Title", "Петров Н. В., Скоркин К. В. Title" (Russian GOST order)
    m = RUSSIAN_NAMES.match(text)
    if m:
        people = [
            {"family": p.group("family"), "given": p.group("given").strip()}
            for p in RUSSIAN_NAME.finditer(m.group(0))
        ]
        return people, text[m.end() :].lstrip(" ,."), False
    separators = [
        m for m in top_level_positions(text, NAME_END)
        # the period of an initial ("J. Arch Getty") does not end the names
        if not (m.group(0).startswith(".") and not _TWO_LOWER_AT_END.search(text, max(0, m.start() - 2), m.start()))
    ][:8]
    # The longest run of names before a separator: "A, B and C, Title" needs its conjunction.
    # Every longer run starts with the first one, so a first piece that is no name ends it.
    if separators and not _first_piece_is_name(text[: separators[0].start()]):
        separators = []
    for k in range(len(separators), 0, -1):
        m = separators[k - 1]
        head, rest = text[: m.start()], text[m.end() :].strip()
        if k > 1 and not re.search(r"\s(?:and|und|et|e|&)\s", head) and not all(
            re.match(r"^\s*[^\W\d_]\.", piece) for piece in head.split(",")
        ):
            continue  # "A, B and C" needs its conjunction; "L. Salvatorelli, G. Mira" its initials
        institution = INSTITUTION_WORDS.search(head) and not is_given_name(head.split()[0])
        people = parse_people(head) if rest and not institution else None
        if people and m.group(0) == ":" and len(people) == 1 and "given" not in people[0] and k == 1:
            people = None  # "Reabilitatsiia: Kak eto bylo", "Lubianka: Stalin i VChK": a title
        if people and k > 1 and not (
            all(p.get("given", "")[:1].isupper() for p in people) and all(_looks_like_full_name(p) for p in people[1:])
        ):
            continue  # "L’Ancien Régime et la Révolution", "Holy Feast and Holy Fast": titles, not names
        if people and not _title_like_rest_is_empty(rest):
            rest, editors = _editor_role(rest)
            return people, rest.lstrip(" .:,"), editors
    # "Family, Given: Title" and "Family, G.: Title" (German footnotes)
    m = re.match(r"^(?P<family>[^\W\d][\w’'‐-]+),\s+(?P<given>[^\W\d][\w.‐ -]{0,30}?)\s*:\s+(?=\S)", text)
    if m and split_people(f"{m.group('given')} {m.group('family')}"):
        return [{"family": m.group("family"), "given": m.group("given")}], text[m.end() :], False
    return None, text, False


#: A series named after a volume's title: "(Soziale Welt, Sonderband 2)", ". Sonderheft 38 der …".
CONTAINER_SERIES = lazy(
    r"\s*(?P<series>\((?:[^()]*\b(?:Sonderband|Sonderheft|Beiheft|Reihe|Series|Schriftenreihe|Studien zur|Studies in)\b[^()]*)\)"
    r"|[.,]\s*(?:Sonderband|Sonderheft|Beiheft)\s+\d+\s+(?:der|des|von)\s+.+)$"
)


def _looks_like_full_name(person: dict[str, str]) -> bool:
    """Given and family name, the given one an initial or a known given name ("Ulrich Beck",
    "W. J. Chase") — not two capitalised title words ("Zwischen Bewußtsein")."""
    tokens = person.get("given", "").split()
    return bool(tokens) and (
        any(re.match(r"^[^\W\d_]\.", t) for t in tokens) or is_given_name(tokens[0].split("-")[0])
    )


def _first_piece_is_name(head: str) -> bool:
    return not INSTITUTION_WORDS.search(head) and split_people(head) is not None or bool(
        INSTITUTION_WORDS.search(head) and is_given_name(head.split()[0]) and split_people(head)
    )


def _editor_role(rest: str) -> tuple[str, bool]:
    """Take "(ed.)"/"(Hrsg.)" off the text after names: (the rest, whether it was there)."""
    m = re.match(r"^\s*[,(]?\s*(?:eds?\.?|editors?|Hrsg\.?|Hg\.?|hg\.|dir\.|éds?\.|a\s+cura\s+di)(?![\w])\s*\)?\s*[.:,]?", rest, re.IGNORECASE)
    if m and m.group(0).strip(" ,.:"):
        return rest[m.end() :], True
    return rest, False


def _title_like_rest_is_empty(rest: str) -> bool:
    return not re.search(r"[^\W\d_]", rest)


def _apa_year(d: _Draft) -> None:
    m = re.match(rf"^\(\s*{YEAR_ED}\s*\)\s*[.,:]?\s*", d.text)
    if m:
        d.csl["issued"] = {"date-parts": [[int(m.group("year")[:4])]]}
        d.text = d.text[m.end() :]
        return
    m = re.match(rf"^(?P<year>{YEAR})[a-z]?\.\s+", d.text)  # Harvard: Family, G. 2001. Title.
    if m and "author" in d.csl and d.inverted:
        d.csl["issued"] = {"date-parts": [[int(m.group("year"))]]}
        d.text = d.text[m.end() :]


def _title(text: str, closed_by_period: bool = False) -> tuple[str | None, str]:
    """A quoted title at the start and what follows it (None when the title is not quoted).

    ``closed_by_period``: in bibliography style (MLA, Chicago bibliography) a period inside the
    closing quote ends the title: “The Death of the Author.” Image, Music, Text, …
    """
    t = text.strip()
    if not t or t[0] not in "“„«\"‘»‚'":
        return None, text
    depth = depth_map(t)
    end = 0
    while end < len(t) and depth[end] > 0:
        end += 1
    if end == 0:
        return None, text
    quoted, after = t[:end], t[end:]
    # “O Bezentakos mas afise gia.” Oi diokseis … — a quotation at the start of a book title.
    closed = quoted.rstrip("”\"»’'").endswith(",") or closed_by_period and quoted.rstrip("”\"»’'").endswith((".", "?", "!"))
    if after and not re.match(r"^\s*(?:[,.:;]|$|\s+(?:in|In|dans|en)\b|\s+//)", after) and not closed:
        if not journal_match(after.strip(" ,.")):
            return None, text
    return strip_quotes(quoted).rstrip(".").strip(), after.strip(" ,.:")


#: Translators or editors named between a title and the journal: "trans. John Tedeschi, ".
CONTRIBUTORS_FIRST = lazy(r"^(?:trans(?:lated)?\.?\s+(?:by\s+)?|ed(?:ited)?\.?\s+(?:by\s+)?|übers\.\s+v\.\s+)(?:[^,.]|(?<=\b[A-Z])\.)+[,.]\s+(?=[A-ZÄÖÜ«“])", re.IGNORECASE)


def _after_title(d: _Draft) -> str:
    """After a quoted title: ``in:`` + container, a journal, or the rest of a book."""
    rest = d.text
    m = re.match(r"^(?:in|In|IN|dans|Dans|en|En|w|W|в|В)\s*:?\s+|^//\s*", rest)
    if m:
        return _container(d, rest[m.end() :])
    m = CONTRIBUTORS_FIRST.match(rest)
    if m and journal_match(_journal_part(rest[m.end() :])):
        # “Microhistory,” trans. John Tedeschi and Anne C. Tedeschi, Critical Inquiry 20, no. 1 (1993)
        _split_editors(d, rest[: m.end()].rstrip(" ,"))
        rest = d.text = rest[m.end() :]
    j = journal_match(_journal_part(rest))
    if j:
        return _article(d, rest)
    if not rest:
        return _bare_title_type(d)
    m = re.match(r"^(?:report|speech|address|lecture|letter|memorandum|statement|declaration|Rede|Vortrag|Bericht|discours|rapport)\b", rest, re.IGNORECASE)
    date = TRAILING_DATE.search(rest)
    if m and date and (parsed := parse_date(date.group("date"))):
        # "“On the Cult of Personality,” report to the Twentieth Congress, 25.2.1956"
        d.csl["genre"] = rest[: date.start()].strip(" ,.")
        d.csl["issued"] = parsed
        return "report" if m.group(0).lower() in ("report", "bericht", "rapport") else "speech"
    # A quoted title followed by publication data: a book with a quoted title, or (MLA) a
    # part of the book named next: "“The Death of the Author.” Image, Music, Text, Hill and Wang, 1977".
    return _book(d, rest, title_known=True)


def _on_the_web(d: _Draft) -> bool:
    """A web source: a link (other than a DOI's) or an access date."""
    url = d.csl.get("URL") or ""
    return bool(url and "doi.org/" not in url or d.csl.get("accessed"))


def _bare_title_type(d: _Draft) -> str:
    if _on_the_web(d):
        return "webpage"
    return "article"


def _journal_part(text: str) -> str:
    return text.strip(" ,.")


def _container(d: _Draft, text: str, contributor_names: str = "editor") -> str:
    """What follows ``in:``: a journal issue (article) or an edited volume (chapter)."""
    text = text.strip(" ,.:")
    # Pages of a chapter written before the publication data (Chicago bibliography).
    j = journal_match(text.strip(" ,."))
    if j:
        _fill_journal(d, j)
        return _article_type(d)
    if "issued" in d.csl:
        j = JOURNAL_VOLUME_ONLY.match(text.strip(" ,."))
        if j and plausible_journal(j.group("journal")) and not publisher_words().search(j.group("journal")):
            _fill_journal(d, j)
            return _article_type(d)
    # An article in a journal given with its year inside the publication block ("Journal, 1997").
    kind = _book(d, text, in_container=True, contributor_names=contributor_names)
    return kind


def _article(d: _Draft, text: str) -> str:
    j = journal_match(_journal_part(text))
    assert j is not None
    _fill_journal(d, j)
    return _article_type(d)


def _article_type(d: _Draft) -> str:
    container = d.csl.get("container-title", "")
    date = d.csl.get("issued", {}).get("date-parts", [[None]])
    has_day = any(len(p) == 3 for p in date)
    if NEWSPAPER_WORDS.search(container) or (has_day and not d.csl.get("volume")):
        return "article-newspaper"
    if d.csl.get("issue") and not d.csl.get("volume") and any(len(p) >= 2 for p in date):
        return "article-newspaper" if re.search(r"\bNr\.|\bNo\.", d.issue_label) else "article-journal"
    return "article-journal"


def _fill_journal(d: _Draft, m: re.Match[str]) -> None:
    groups = m.groupdict()
    journal = groups["journal"].strip(" ,.")
    journal = SERIES.sub("", journal).strip(" ,.")
    journal = strip_quotes(journal) if is_quoted(journal) else journal.strip("«»“”\"„ ")
    journal = SERIES.sub("", journal).strip(" ,.")
    d.csl["container-title"] = journal
    volume = groups.get("volume")
    vol2 = groups.get("vol2")
    issue = groups.get("issue") or groups.get("issue2")
    if volume and vol2:
        # "81/82": a double issue numbered through, not a volume.
        issue, volume = f"{volume}/{vol2}", None
    if volume:
        d.csl["volume"] = volume
    if issue:
        d.csl["issue"] = re.sub(r"\s*([/–-])\s*", r"\1", issue)
        start = m.start("issue") if groups.get("issue") else -1
        label = re.search(r"\b(?:Nr|No|no|nr|n|H|Heft|issue)\.?\s*$", m.string[:start]) if start >= 0 else None
        if label:
            d.issue_label = label.group(0)
    date = groups.get("date")
    if date:
        parsed = parse_date(date)
        if parsed:
            d.csl["issued"] = parsed
    _pages_of_part(d)


SAME_PEOPLE = {"dies", "ders", "idem", "eid", "eaed", "id", "ead", "iid", "eadem", "iidem", "ders./dies"}


#: Cheap test before the editor and translator patterns: most titles name neither.
_CONTRIBUTOR_HINT = lazy(r"ed|hg|hrsg|cura|dir|par\b|red\.|ред|trans|übers|trad|Hg|Hrsg|Ed|Trans", re.IGNORECASE)


def _split_editors(d: _Draft, text: str, role: str = "editor") -> str:
    """Take editors ("X (eds.), …", "…, ed. by X", "hg. v. X") out of ``text``."""
    if not _CONTRIBUTOR_HINT.search(text):
        return text
    m: AnyMatch | None = EDITORS_BEFORE.match(text) or EDITORS_BEFORE_COMMA.match(text)
    if m:
        names = m.group("names").strip()
        if names.lower().rstrip(".") in SAME_PEOPLE and d.csl.get("author"):
            people = copy.deepcopy(d.csl["author"])  # "in: dies. (Hrsg.)": the authors edited it
        elif INSTITUTION_WORDS.search(names):
            people = [{"literal": names}]
        else:
            inverted = parse_inverted_list(names)
            # "Kaelble, Hartmut / Kocka, Jürgen (Hg.)": family names first.
            people = inverted[0] if inverted and inverted[1] >= len(names.rstrip(" .")) else parse_people(names)
        if people:
            d.csl.setdefault(role, people)
            return m.group("rest")
    m = EDITORS_AFTER_LIST.search(text)
    if not (m and parse_people(m.group("names").strip())):
        m = EDITORS_AFTER.search(text)
    if m:
        people = parse_people(m.group("names").strip())
        if people:
            d.csl.setdefault("editor", people)
            if re.search(r"\band\s+trans", m.group(0), re.IGNORECASE):
                d.csl.setdefault("translator", copy.deepcopy(people))  # "ed. and trans."
            text = (text[: m.start()] + text[m.end() :]).strip(" ,.")
    m = TRANSLATORS.search(text)
    if m:
        people = parse_people(m.group("names").strip())
        if people:
            d.csl["translator"] = people
            text = (text[: m.start()] + text[m.end() :]).strip(" ,.")
    return text


TRAILING_DATE = lazy(
    rf"[,.;]?\s*(?:(?:dated|vom|du|del|от)\s+)?(?P<date>[0-3]?\d\.\s?[01]?\d\.\s?{YEAR}|{YEAR}-[01]\d-[0-3]\d|"
    rf"[0-3]?\d\.?\s+\w+\.?\s+{YEAR}|\w+\.?\s+[0-3]?\d,\s+{YEAR})\s*$"
)


def _take_document_date(d: _Draft, text: str) -> str:
    """"Report of the Commission …, 9.2.1956": a dated document, not a publication. A full date
    at the end becomes ``issued``; returns the text before it (the text itself without one)."""
    m = TRAILING_DATE.search(text)
    date = parse_date(m.group("date")) if m else None
    if m and date and len(date["date-parts"][0]) == 3:
        d.csl["issued"] = date
        return text[: m.start()].strip(" ,.")
    return text


def _book(d: _Draft, text: str, *, title_known: bool = False, in_container: bool = False, contributor_names: str = "editor") -> str:
    text = text.strip(" ,.")
    year_known = "issued" in d.csl
    if not in_container and DOCUMENT_WORDS.match(d.csl.get("title") or text):
        text = _take_document_date(d, text)
    if not in_container and not title_known and "title" not in d.csl:
        # "Title, «Journal», 36 (1998)" / "Title. Journal 45 (1986)": an article with an
        # unquoted title, whose "(1998)" would otherwise pass for a book's year.
        kind = _split_title_journal(d, text) if re.search(r"\d\s*\(|\d,\s*\d|\d\(", text) else None
        if kind:
            return kind
    before, pub, after = find_imprint(text, year_known)
    d.csl.update({k: v for k, v in pub.items() if k not in d.csl or k != "issued"})
    if after:
        # Text after the publication data: a page range (chapters in Chicago bibliographies) or a remark.
        rest, loc = take_trailing_locator(after)
        if loc is not None and not rest:
            d.locator = d.locator or loc
        elif PROSE_WORDS.search(after):
            d.suffix = after
        else:
            before = f"{before}, {after}" if before else after
    m: AnyMatch | None
    m = re.search(r"[,.]?\s*(?P<n>\d+)\s+(?:vols?\.?|volumes|Bde\.?|Bände|tomes|voll\.?|тт\.)(?=$|[\s,.;])", before)
    if m:
        d.csl["number-of-volumes"] = m.group("n")
        before = (before[: m.start()] + before[m.end() :]).strip(" ,.")
    m = EDITION.search(before)
    if m:
        d.csl["edition"] = m.group("ed").strip()
        before = (before[: m.start()] + before[m.end() :]).strip(" ,.")
    roman = re.search(r",\s*(?P<vol>[IVX]{1,5})$", before)
    if roman:
        d.csl.setdefault("volume", roman.group("vol"))  # "Storia documentata di Venezia, I, Venezia 1853"
        before = before[: roman.start()]
    m = VOLUME_IN_BOOK.search(before)
    if m and (in_container or m.end() == len(before)):
        d.csl["volume"] = m.group("vol")
        before = (before[: m.start()] + before[m.end() :]).strip(" ,.")
    # APA chapters: "Title (pp. 241–258)"; APA translators: "Title (R. Nice, Trans.)"
    pages = re.search(r"\s*\((?:pp?\.|S\.)\s*(?P<pages>[^()]+?)\)\s*$", before)
    if pages and in_container:
        d.csl["page"] = normalise_range(pages.group("pages"))
        before = before[: pages.start()].strip(" ,.")
    trans = re.search(r"\s*\((?P<names>[^()]+?),\s*(?:Trans|Übers|Trad)\.\)", before, re.IGNORECASE)
    if trans and (people := parse_people(trans.group("names"))):
        d.csl["translator"] = people
        before = (before[: trans.start()] + before[trans.end() :]).strip(" ,.")
    # Chicago bibliography chapters: "In Title, edited by X, 9–35. Place: Publisher, Year."
    pages = re.search(r"[,.]\s*(?:pp?\.\s*|S\.\s*)?(?P<pages>\d+\s*[-–]\s*\d+)$", before)
    if pages and in_container:
        d.csl["page"] = normalise_range(pages.group("pages"))
        before = before[: pages.start()].strip(" ,.")
    before = _split_editors(d, before)
    m = THESIS.search(before) if _THESIS_HINT.search(before) else None
    if m:
        assert m is not None
        d.csl["genre"] = m.group(0)
        rest = before[m.end() :].strip(" ,.")
        before = before[: m.start()].strip(" ,.(")
        if rest and "publisher" not in d.csl:
            d.csl["publisher"] = rest.strip(" ,.)")
        if "title" not in d.csl:
            d.csl["title"] = strip_quotes(before)
        return "thesis"
    if in_container:
        # "in: ders.: Gesammelte Schriften" — the author's own book; "in her Society and Culture".
        same = re.match(r"^(?:ders|dies|idem|id|eadem|eid)\.?\s*[:,]\s*", before, re.IGNORECASE)
        if same and d.csl.get("author"):
            d.csl.setdefault("container-author", copy.deepcopy(d.csl["author"]))
            before = before[same.end() :]
        before = re.sub(r"^(?:her|his|their|sein|seinem|ihrem|ihr|son|sa|leur)\s+(?=[A-ZÄÖÜ«“])", "", before)
        # Names before the volume title without "(eds.)": "in: Weber et al, Russland, …"
        people, rest, editors = _leading_names_and_role(before)
        # A single bare word before a comma ("in Clues, Myths, and …") is a title word, unless
        # marked as names ("Weber et al,", "(Hrsg.)") or written in full ("Offe, Claus:").
        # Names that open the container without "(eds.)" must show they are names: several
        # people, "et al.", initials, or the German colon ("in: Offe, Claus: …").
        names_part = before[: before.find(rest)] if people and rest and rest in before else ""
        colon_form = bool(re.match(r"^[^:]*:\s", before)) and names_part.rstrip().endswith(":")
        marked = people and (
            contributor_names == "container-author"
            or editors
            or len(people) > 1 and all(_looks_like_full_name(p) for p in people)
            or re.match(r"^[^,]*\b(?:et\s+al|u\.\s?a)\b", before)
            or colon_form and (all(_looks_like_full_name(p) for p in people) or "," in names_part)
            or re.search(r"\b[A-Z]\.", names_part)
        )
        if not marked:
            people = None
        if people and rest:
            # "In: Beck/Giddens/Lash: Reflexive Modernisierung": authors of the volume (a colon,
            # no "(Hg.)"); "in: Weber et al, Russland, …": its editors.
            role = "editor" if editors else ("container-author" if colon_form else contributor_names)
            d.csl.setdefault(role, people)
            before = rest
        container = before.strip(" ,.:")
        container = strip_quotes(container) if is_quoted(container) else container
        series = CONTAINER_SERIES.search(container)
        if series:  # "Soziale Ungleichheiten (Soziale Welt, Sonderband 2)", "…. Sonderheft 38 der KZfSS"
            d.csl.setdefault("collection-title", series.group("series").strip(" ()."))
            container = container[: series.start()].rstrip(" ,.")
        # "in: Zeitschrift für X, 1997" — a journal with only a year.
        if container:
            d.csl["container-title"] = container
        _pages_of_part(d)
        if not pub.get("publisher") and not pub.get("publisher-place") and pub.get("issued") and "editor" not in d.csl:
            return "article-journal"
        return "chapter"
    if not title_known:
        # An APA/MLA title ends at the first sentence break before an unquoted journal/publisher.
        before = _split_editors(d, before)
        title = strip_quotes(before.strip(" ,.:")) if before else None
        if title:
            d.csl["title"] = title
    elif before.strip(" ,.:") and not _on_the_web(d):
        container = before.strip(" ,.:")
        if pub:
            d.csl["container-title"] = strip_quotes(container)
            _pages_of_part(d)
            return "chapter"
        d.csl.setdefault("note", container)
    elif before.strip(" ,.:"):
        site = before.strip(" ,.:")
        year = re.match(rf"^(?P<y>{YEAR})\s*,\s*", site)
        if year:  # “The Transitional Program,” 1938, Marxists Internet Archive, https://…
            d.csl.setdefault("issued", {"date-parts": [[int(year.group("y"))]]})
            site = site[year.end() :]
        d.csl["container-title"] = site  # “Title,” Site, URL
    if DOCUMENT_WORDS.match(d.csl.get("title", "")) and not pub.get("publisher") and len(d.csl.get("issued", {}).get("date-parts", [[0]])[0]) == 3:
        return "report"
    title = d.csl.get("title", "")
    if re.search(r"\b(?:Report|Bericht|Rapport|Relazione|Доклад|Отчет)\b", title) and (
        any("literal" in p for p in d.csl.get("author", [])) or re.match(r"(?:The\s+)?(?:Report|Bericht|Rapport)\b", title)
    ):
        return "report"
    if _on_the_web(d) and not pub.get("publisher"):
        # "Title, Site": the last part names the site the page belongs to.
        title = d.csl.get("title", "")
        parts = [m.start() for m in top_level_positions(title, re.compile(r",\s+"))]
        if parts and not title_known:
            d.csl["title"], d.csl["container-title"] = title[: parts[-1]].strip(), title[parts[-1] :].strip(" ,")
        return "webpage"
    if not pub:
        # No publication data: an unquoted article title followed by a journal ("Title. Journal 12 (1999)").
        split = _split_title_journal(d, d.csl.get("title", ""))
        if split:
            return split
    return "book"


def _split_title_journal(d: _Draft, title: str) -> str | None:
    depth = depth_map(title)
    for m in reversed(list(re.finditer(r"[.?!]\s+|,\s+(?=[«“\"„])", title))):
        if depth[m.start()] != 0:
            continue
        j = journal_match(title[m.end() :].strip(" ,."))
        if j:
            d.csl["title"] = title[: m.start() + (1 if title[m.start()] in "?!" else 0)].strip()
            _fill_journal(d, j)
            _pages_of_part(d)
            return _article_type(d)
    return None


#: The order fields are written in (the order a reader scans a reference in).
CSL_ORDER = (
    "author", "editor", "translator", "title", "container-author", "container-title",
    "collection-title", "edition", "volume", "number-of-volumes", "issue", "chapter-number",
    "publisher-place", "publisher", "issued", "page", "genre", "version", "URL", "accessed", "DOI", "ISBN",
)


def _finish(d: _Draft, original: str, kind: str) -> Citation:
    csl = d.csl
    csl["type"] = {"article": "article-journal"}.get(kind, kind)
    if d.editors_read_as_authors is not None and csl.get("author") is d.editors_read_as_authors:
        # "Smith, J. and Jones, K. (eds.), Title …"
        csl.setdefault("editor", csl["author"])
        del csl["author"]
    was = csl["type"]
    csl["type"] = infer_type(original, csl) or csl["type"]  # software, data sets, theses… (citations.types)
    if csl["type"] in ("software", "dataset") and not csl.get("title") and csl.get("container-title") and not csl.get("volume"):
        csl["title"] = csl.pop("container-title")  # "Matplotlib/matplotlib v2.2.4": a release has a title, not a journal
    if was == "chapter" and csl["type"] == "book" and csl.get("container-title") and csl.get("title"):
        csl["title"] = _rejoin(str(csl["title"]), str(csl.pop("container-title")), original)  # title: subtitle
    if "title" in csl and isinstance(csl["title"], str):
        csl["title"] = csl["title"].strip(" ,.:;") if not csl["title"].endswith(("?", "!", "…", ".”")) else csl["title"]
        if not csl["title"]:
            del csl["title"]
    if csl.get("type") == "chapter" and "page" not in csl:
        _pages_of_part(d)
    ordered = {"type": csl.pop("type")}
    for key in CSL_ORDER:
        if csl.get(key) not in (None, "", []):
            ordered[key] = csl.pop(key)
    ordered.update((k, v) for k, v in csl.items() if v not in (None, "", []))
    citation = Citation(text=original, kind=FULL, csl=ordered, locator=d.locator)
    if d.suffix:
        citation.suffix = d.suffix
    if d.crossref is not None:
        citation.suffix = _join(f"(note {d.crossref})", citation.suffix)
        citation.points_to_note = d.crossref
        d.short = True
    if d.short or _is_short(citation):
        citation.kind = SHORT
    elif not citation.csl.get("title") and not citation.csl.get("container-title"):
        citation.kind = UNPARSED
        citation.reason = "no title found"
    return citation


def _rejoin(title: str, rest: str, original: str) -> str:
    """One title split in two ("Humanities Data" + "R: Exploring Networks …", split at its "in"):
    joined by the words that stood between them in the note, or "Title: Subtitle" when only
    punctuation did."""
    start = original.find(title)
    end = original.find(rest, start + len(title)) if start >= 0 else -1
    gap = original[start + len(title) : end] if end >= 0 else ""
    if end >= 0 and len(gap) <= 12 and gap.strip(" .:;,") and not any(ch in gap for ch in "“”\"«»()"):
        return original[start : end + len(rest)]
    return f"{title.rstrip(' .:')}: {rest}"


def _is_short(c: Citation) -> bool:
    """A reference with a title (or author) and a locator but no publication data at all."""
    csl = c.csl
    if csl.get("type") not in ("book", "article-journal"):
        return False
    publication = ("issued", "publisher", "publisher-place", "container-title", "URL", "accessed", "DOI", "ISBN", "editor", "volume", "edition", "note")
    if any(csl.get(k) for k in publication):
        return False
    return bool(csl.get("title") or csl.get("author"))
