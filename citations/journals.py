"""Journals and newspapers: what follows an article's title.

"Journal 12, no. 3 (1999)", "Journal 12:3 (1999)", "Journal 81/82 (July/August 1997)",
"Zeitung (Nr. 4/5, Oktober 1938)", "«Rivista», XII (1980), 3", "Annales ESC, 15, 3, 1960",
"Journal 1997, H. 3", "Journal, 12(3)", "Pravda, 21.1.1937" — each a pattern in
:data:`JOURNAL_TAILS` with the groups ``journal``, ``volume``, ``issue`` and ``date``.
"""

from __future__ import annotations

import re

from citations.lazy import lazy
from citations.data import any_entry

from citations.imprint import PUB_COLON, PUB_PAREN
from citations.locators import YEAR

# Journals: what follows a journal's name.
_VOL = r"(?P<volume>\d{1,4}[a-z]?|[IVXLC]{1,7}(?:[-–][IVXLC]{1,7})?)"
_ISS = r"(?P<issue>\d{1,4}(?:\s*[/–-]\s*\d{1,4})?|[IVX]{1,4})"
_DATEP = r"(?P<date>[^()]{0,40}?\b" + YEAR + r"\b[^()]{0,20}?)"
JOURNAL_TAILS = [
    # Journal 12, no. 3 (1999) / Journal 12:3 (1999) / Journal 12.3 (1999) / Journal 33 (2008) / Journal 81/82 (July 1997)
    re.compile(
        rf"^(?P<journal>.+?)[,.]?\s+(?:vol\.\s*|Jg\.\s*|Bd\.\s*|t\.\s*)?{_VOL}(?:\s*/\s*(?P<vol2>\d{{1,4}}))?"
        rf"(?:\s*(?:[,.]\s*(?:no\.|nos\.|nr\.|n\.|h\.|heft|issue|fasc\.|№|vyp\.|вып\.)|:|\.(?=\d))\s*{_ISS})?"
        rf"\s*\({_DATEP}\)(?:\s*[,.]?\s*(?:no\.|nr\.|n\.|h\.|heft|issue|fasc\.|№)\s*(?P<issue2>\d{{1,4}}(?:[/–-]\d{{1,4}})?))?$",
        re.IGNORECASE,
    ),
    # French: Annales ESC, 15, 3, 1960 / Revue historique, vol. 12, n° 3, mars 1960
    re.compile(rf"^(?P<journal>.+?),\s*(?:vol\.\s*|t\.\s*)?{_VOL},\s*(?:n[o°]?\.?\s*|nr\.\s*|fasc\.\s*)?{_ISS},\s*(?P<date>[^,()]{{0,20}}?\b{YEAR})$", re.IGNORECASE),
    # Journal (Nr. 4/5, October 1938)
    re.compile(rf"^(?P<journal>.+?)[,.]?\s*\(\s*(?:no\.|nos\.|nr\.|n\.|h\.|heft|issue|№)\s*{_ISS}\s*[,.]?\s*{_DATEP}\)$", re.IGNORECASE),
    # Journal, no. 4/5, October 1938 / Journal, Nr. 12, 12.3.1938
    re.compile(rf"^(?P<journal>.+?),\s*(?:no\.|nos\.|nr\.|n\.|n°|nº|h\.|heft|issue|№)\s*{_ISS}\s*[,.(]\s*{_DATEP}\)?$", re.IGNORECASE),
    # Italian: «Rivista», XII (1980), 3 / «Rivista», 12, 1980, 3 / Journal, 12 (1980), n. 3
    re.compile(rf"^(?P<journal>.+?),\s*(?:a\.\s*|anno\s*|vol\.\s*)?{_VOL}\s*[,(]\s*(?P<date>{YEAR}(?:[-–]\d{{2,4}})?)\)?(?:\s*,\s*(?:n\.\s*|no\.\s*|n°\s*|fasc\.\s*)?(?P<issue2>\d{{1,3}}(?:[/–-]\d{{1,3}})?))?$", re.IGNORECASE),
    # French: L’Année sociologique, nouvelle série, t. 1, 1925
    re.compile(rf"^(?P<journal>.+?),\s*(?:vol\.|t\.|tome|Bd\.|Jg\.)\s*{_VOL},\s*(?P<date>{YEAR})$", re.IGNORECASE),
    # Journal 45 (1997) H. 3 handled above; Journal 1997, H. 3 / Journal 45/1997
    re.compile(rf"^(?P<journal>.+?)[,.]?\s+(?P<date>{YEAR})\s*[,.]\s*(?:no\.|nr\.|n\.|h\.|heft|issue|№)\s*{_ISS}$", re.IGNORECASE),
    re.compile(rf"^(?P<journal>.+?)[,.]?\s+(?:no\.\s*|nr\.\s*|h\.\s*)?(?P<issue>\d{{1,3}})\s*/\s*(?P<date>{YEAR})$", re.IGNORECASE),
    # Harvard: Social Text, 25/26 (a double issue)
    re.compile(r"^(?P<journal>[^,]+?),\s*(?P<volume>\d{1,4})/(?P<vol2>\d{1,4})$"),
    # GOST: Правда. 1930. 2 марта / Вопросы истории. 1991. № 3 / Journal. 1991. Т. 5, вып. 2
    re.compile(
        rf"^(?P<journal>[^.]+?)\.\s*(?P<date>{YEAR}(?:\.\s*[0-3]?\d\s+[а-яё]+)?)\.?"
        rf"(?:\s*(?:Т\.|Vol\.)\s*(?P<volume>\d+)[.,]?)?(?:\s*(?:№|No\.|Вып\.|вып\.)\s*(?P<issue>\d+(?:[-–/]\d+)?))?\.?$"
    ),
    # APA: Journal Name, 12(3) / Journal, 12 (year given before)
    re.compile(rf"^(?P<journal>[^,]+?),\s*{_VOL}\s*(?:\(\s*{_ISS}\s*\))?$"),
    # Newspaper: Pravda, 21.1.1937 / The Times, 12 March 1938 / Die Zeit, 3. Mai 1990
    re.compile(rf"^(?P<journal>[^,]+?)[,.]?\s+(?:(?:no\.|nr\.|№)\s*(?P<issue>\d+)\s*,?\s*)?(?:of\s+|vom\s+|du\s+|del\s+)?(?P<date>(?:[0-3]?\d\.\s?[01]?\d\.\s?{YEAR}|[0-3]?\d(?:\.|°|º|er)?\s+\w+\.?\s+{YEAR}|\w+\.?\s+[0-3]?\d,\s+{YEAR}))$", re.IGNORECASE),
]
#: A journal's series mark after its name: "n.s.", "N.F.", "new series", "s. III".
SERIES = lazy(r",?\s*(?:n\.\s?s\.?|nouvelle\s+série|N\.\s?F\.|new\s+series|nuova\s+serie|neue\s+folge|s\.\s*[IVX]+|\d+(?:st|nd|rd|th)\s+ser(?:\.|ies))\s*$", re.IGNORECASE)
#: A journal with only its volume (the year stands earlier, in author-date references).
JOURNAL_VOLUME_ONLY = lazy(
    r"^(?P<journal>[^,]+?),?\s+(?:Jg\.\s*|vol\.\s*)?(?P<volume>\d{1,4})(?:\s*\((?P<issue>\d+(?:[/-]\d+)?)\))?"
    r"(?:\s*,\s*(?:H\.|Heft|Nr\.|no\.|n\.)?\s*(?P<issue2>\d+(?:[/-]\d+)?))?$",
    re.IGNORECASE,
)


def newspaper_words() -> re.Pattern[str]:
    """Any word that marks a newspaper's name (``citations/data/newspaper_words.txt``), as a
    whole word; read on first use."""
    return any_entry("newspaper_words.txt")  # its entries begin and end with letters: \b as before


def __getattr__(name: str) -> re.Pattern[str]:
    # ``NEWSPAPER_WORDS`` is built from the data file when first asked for.
    if name == "NEWSPAPER_WORDS":
        return newspaper_words()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def journal_match(text: str) -> re.Match[str] | None:
    """The journal form that ``text`` (what follows an article's title) has, or None."""
    for rx in JOURNAL_TAILS:
        m = rx.match(text)
        if m and plausible_journal(m.group("journal")):
            return m
    return None


def plausible_journal(name: str) -> bool:
    """A journal's name, not a title with publication data or an issue label."""
    name = name.strip(" ,.«»“”\"")
    if not name or len(name) > 150 or len(re.sub(r"[^\w]", "", name)) < 2 or re.fullmatch(r"[IVXLC]+", name):
        return False
    if re.search(r"[:;]\s|\(\s*(?:eds?|Hrsg|Hg)\b", name) or name.count("(") != name.count(")"):
        return False
    if PUB_COLON.search(name) or PUB_PAREN.search(name):
        return False
    if re.search(r"[,.]\s*(?:no|nos|nr|n|h|heft|vol|issue|fasc)\.?$", name, re.IGNORECASE):
        return False  # "Past and Present, no." — the issue label belongs to the number after it
    return name[0].isupper() or name[0] in "«“\"„" or name[0].isdigit()
