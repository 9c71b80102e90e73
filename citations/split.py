"""A note's text → citation spans, with the prose around them.

A note may hold several citations (``;`` outside quotes and brackets), lead in with prose
("On the conflict in 1922 see:", "Cf.", "Vgl."), cite a source at second hand ("…, quoted in:
…") and end with a remark ("All translations are mine."). :func:`split_note` returns one
:class:`Span` per citation with that prose in ``prefix``/``suffix`` and the relation of a
second-hand source.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass

from citations.lazy import lazy
from citations.caseless import AnyMatch, Caseless
from citations.clean import depth_map, top_level_positions
from citations.places import is_known_place

#: "quoted in", in the languages of the notes we read.
QUOTED_IN = lazy(
    r"[,;.]?\s*\(?\b(?:as\s+)?(?:quoted|cited|reprinted|reproduced|excerpted|repr\.|qtd\.?)\s+(?:in|from|after|by)\b:?"
    r"|[,;.]?\s*\(?\b(?:zit(?:iert)?\.?\s*(?:n\.|nach|in)|zitiert\s+nach|cit(?:é|ato|ado)?\.?\s+(?:dans|in|da|en|d['’]après)"
    r"|abgedruckt\s+in|wiedergegeben\s+in|цит\.?\s+по)\b:?",
    re.IGNORECASE,
)
SEMICOLON = lazy(r";")
#: Words that may follow a "see" word before the reference: "Vgl. hierzu ausführlich", "cfr. anche".
SEE_TAIL = (
    r"(?:[,]?\s+(?:also|especially|further|generally|e\.g\.|for\s+example|the\s+essays\s+in|auch|dazu|hierzu|"
    r"ausführlich|etwa|insbesondere|besonders|exemplarisch|z\.\s?B\.|u\.\s?a\.|jüngst|neuerdings|grundlegend|"
    r"allgemein|zuletzt|anche|inoltre|ad\s+esempio|soprattutto|in\s+particolare|aussi|notamment|par\s+exemple|"
    r"surtout|por\s+ejemplo|por\s+exemplo|p\.\s?ej\.|también|sobre\s+todo|также|zum\s+Folgenden|im\s+Folgenden|zusammenfassend|kritisch|dagegen|ferner|his|her|their|its|"
    r"sein|seine|seinen|ihr|ihre|ihren|son|sa|ses|leur|suo|sua|например))*"
)
#: Lead-in prose ending in a "see" word: "On the conflict in 1922 see:", "For details, cf."
SEE_WORDS = rf"(?:(?:see|cf\.?|compare|vgl\.?|siehe|voir|cfr\.?|vedi|si\s+vedano|si\s+veda|véase|véanse|ver|veja|см\.?|ср\.){SEE_TAIL})"
LEAD_SEE = lazy(rf"^(?P<prefix>(?:[^:;]{{0,160}}?[\s,])?{SEE_WORDS})(?:\s*[:,]\s*|\s+)(?=\S)", re.IGNORECASE)
LEAD_WORDS = lazy(
    r"^(?P<prefix>(?:e\.g\.|z\.\s?B\.|for example|for instance|for details|see|also|auch|so\s+auch|so|ähnlich\s+auch|ähnlich|anders|"
    r"similarly|generally|in general|most recently|recently|on this|hierzu|dazu|zuletzt|jetzt|"
    r"now|for an overview|overview in|with|and\s+with|mit|avec|con)[,:]?)\s+(?=\S)",
    re.IGNORECASE,
)
#: Words that mark a sentence as prose rather than a reference.
PROSE_WORDS = Caseless(
    r"\b(?:the|is|are|was|were|be|been|this|that|these|those|which|who|has|have|had|not|all|by|"
    r"my|our|author|translated|translation|translations|emphasis|added|original|available|online|"
    r"here|there|also|however|der|die|das|ist|sind|war|wurde|wurden|nicht|hier|dort|auch|alle|ich|"
    r"meine|übersetzung|übersetzt|hervorhebung|le|les|est|sont|il|elle|nous|traduction|la|è|sono|"
    r"mia|traduzione|see|document|documents|cited|quoted|unless|otherwise|stated|noted)\b"
)
#: A period and the spaces after it, before a capital; the character before the period (a word
#: character, a closing bracket or quote) is checked apart: as a look-behind at the front of the
#: pattern it keeps CPython's engine from jumping from period to period.
_BREAK = lazy(r"\.\s+(?=[A-ZÄÖÜА-ЯЁ])")
_BEFORE_BREAK = lazy(r"[\w)\]”’\"»]")


def sentence_breaks(text: str) -> list[re.Match[str]]:
    r"""Where a sentence ends and the next begins: the matches of
    ``(?<=[\w)\]”’"»])\.\s+(?=[A-ZÄÖÜА-ЯЁ])``, found about three times faster than by that
    pattern (tests/test_parse_pretests.py compares them)."""
    return [m for m in _BREAK.finditer(text) if m.start() > 0 and _BEFORE_BREAK.match(text, m.start() - 1)]


@dataclass
class Span:
    """A piece of note text holding one citation, with prose around it."""

    text: str
    prefix: str | None = None
    suffix: str | None = None
    relation: str | None = None


#: Words that make a sentence a statement (a remark) rather than a title.
VERBS = lazy(
    r"\b(?:is|are|was|were|be|been|has|have|had|translated|added|available|cited|quoted|unless|my|mine|"
    r"our|ist|sind|war|wurde|wurden|stammt|stammen|est|sont|était|è|sono|era|see|cf|dort|there|hier|here|siehe|voir|vedi)\b",
    re.IGNORECASE,
)


#: The commonest function words of running prose in the languages of the notes (English,
#: French, Spanish, Portuguese, German, Italian). Titles have some; prose is full of them.
FUNCTION_WORDS = frozenset(
    """the a an of to in is are was were be been being this that these those which who whom it its
    we you our your they their them not but and or for with as on at by from can could would should
    will may might if than then there here do does did has have had also so such into about when
    where how what why because however each any some more most only just very all one
    le la les un une des du de et est sont que qui dans pour pas par sur au aux ce cette ces il
    elle ils nous vous on se sa son ses leur ne plus mais ou être avoir était peut ici ainsi aussi
    très comme avec sans entre tout tous cela ceci dont où
    el los las una unos unas del y es son que en para por con se su sus lo al como pero o no
    más está están este esta estos estas ese esa hay ser puede aquí así también muy sin entre todo
    esto donde
    o os as um uma dos das do da e é são em para por com se seu sua não mais mas como
    der die das den dem des ein eine und ist sind nicht mit von zu auf für im es sich auch wird
    il lo gli uno di che è sono non per con si""".split()
)
_WORD = lazy(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_REFERENCE_SIGNS = lazy(
    r"https?://|www\.|\b10\.\d{4,9}/|\b(?:pp?|S)\.\s*(?:\d|[ivxlc]+\b)|\b(?:vol|ed|eds|Hrsg|dir|trad|trans)\.\s"
    r"|[“„«\"].{3,}?[”»\"]"
    r"|\b(?:1[5-9]|20)\d\d\b",
)


_YEAR_SIGN = lazy(r"\b(?:1[5-9]|20)\d\d\b")
#: What opens a reference after prose: "Stones, Alison. 2013.", "Kamada, T., and S. Kawai.",
#: "Reimer et al., 2009", "Lee, Benjamin Charles".
_REFERENCE_START = lazy(r"^[A-ZÀ-ÞА-ЯЁ][\w’'-]+(?:\s+et\s+al\.?)?,\s+(?:[A-ZÀ-ÞА-ЯЁ]|(?:1[5-9]|20)\d\d)")


def prose_before_reference(text: str) -> tuple[str, str] | None:
    """Running prose that leads into a reference in a new sentence: ("This data forms the core
    of an ongoing project … written by Alison Stones.", "Stones, Alison. 2013. Gothic
    manuscripts …"). None unless every sentence before the reference is prose."""
    for m in sentence_breaks(text):
        head, tail = text[: m.start() + 1], text[m.end() :]
        if not _REFERENCE_START.match(tail):
            continue
        if is_running_prose(head, min_words=8, years=False) and not is_running_prose(tail, min_words=8):
            return head.strip(), tail.strip()
        return None
    return None


@lru_cache(maxsize=64)
def _word_counts(text: str) -> tuple[int, int, int]:
    """(words, function words, capitalised words) of ``text``; a note is asked twice in a row."""
    words = _WORD.findall(text)
    return len(words), sum(1 for w in words if w.lower() in FUNCTION_WORDS), sum(1 for w in words if w[0].isupper())


def is_running_prose(text: str, min_words: int = 10, years: bool = True) -> bool:
    """A passage of running prose with no sign of a reference in it — no year, no URL or DOI,
    no quoted title, no page or editor abbreviation: "Our corpus has 236 State of the Union
    addresses. Depending on exactly what is counted, …". A quarter of its words at least are
    function words and at most a third are capitalised (titles of that length rarely are).
    With ``years=False`` a year is no sign of a reference ("L’année 1950 est utilisée …")."""
    # The word counts first: most references fail them, and they cost less than the signs.
    count, common, capitals = _word_counts(text)
    if count < min_words:
        return False
    # A title in title case ("The Transnational World of the Cominternians …") is not prose.
    if not (common >= 0.25 * count and capitals <= 0.35 * count):
        return False
    signs = _REFERENCE_SIGNS.search(text) if years else _REFERENCE_SIGNS.search(_YEAR_SIGN.sub("", text))
    return signs is None


def is_prose(sentence: str) -> bool:
    """A remark ("All translations are mine."), not a title or publication data."""
    words = sentence.split()
    if len(words) < 2 or re.search(r":\s*[A-ZÄÖÜ]|\(|https?://", sentence):
        return False
    hits = PROSE_WORDS.count(sentence)
    if not VERBS.search(sentence):
        return False
    return hits >= 2 and not re.search(r"\b(?:1[5-9]|20)\d\d\b", sentence) or hits >= 4


def _ends_like_citation(text: str) -> bool:
    """True when ``text`` ends where a reference typically ends (a number, a bracket, a URL)."""
    t = text.rstrip(" .")
    if not t:
        return False
    if t[-1].isdigit() or t[-1] in ")]”\"»":
        return True
    last = t.rsplit(None, 1)[-1]  # the patterns below hold no space: only the last word counts
    return _CITATION_END.search(last) is not None


_CITATION_END = lazy(r"(?:https?://\S+|\bf{1,2})$")


#: ``is_prose``'s tests, run once over a whole note by :class:`_ProseSuffixes`.
_NOT_PROSE = lazy(r":\s*[A-ZÄÖÜ]|\(|https?://")
_YEAR_IN_PROSE = lazy(r"\b(?:1[5-9]|20)\d\d\b")
#: How far back from a sentence break ``_ends_like_citation`` looks.
_HEAD_WINDOW = 300


class _ProseSuffixes:
    """``is_prose(text[s:])`` for every sentence start ``s`` of a note, in linear time overall.

    Each of ``is_prose``'s patterns runs once over the whole note and the answers for a
    suffix are counted with bisection, instead of running every pattern again on every
    suffix (quadratic on a note of thousands of sentence breaks, such as ``'A. B. C. ' * N``).
    Valid for suffixes that start at a word after whitespace, as sentence breaks do. Keep in
    step with :func:`is_prose`.
    """

    def __init__(self, text: str) -> None:
        self.words = [m.start() for m in re.finditer(r"\S+", text)]
        self.not_prose = [m.start() for m in _NOT_PROSE.finditer(text)]
        self.hits = [m.start() for m in PROSE_WORDS.finditer(text)]
        self.verbs = [m.start() for m in VERBS.finditer(text)]
        self.years = [m.start() for m in _YEAR_IN_PROSE.finditer(text)]

    @staticmethod
    def _from(starts: list[int], s: int) -> int:
        return len(starts) - bisect.bisect_left(starts, s)

    def is_prose(self, s: int) -> bool:
        if self._from(self.words, s) < 2 or self._from(self.not_prose, s):
            return False
        hits = self._from(self.hits, s)
        if not self._from(self.verbs, s):
            return False
        return hits >= 2 and not self._from(self.years, s) or hits >= 4


#: ", available in the WSWS Marxist Library." — a clause after the reference, not part of it.
_TRAILING_CLAUSE = Caseless(
    r",\s+(?P<clause>(?:available|accessible|reprinted|now|also|online|abrufbar|verfügbar|disponible|there|emphasis"
    r"|translated|translation|my|italics)\b[^,;]*)$"
)


def trailing_remark(text: str) -> tuple[str, str | None]:
    """Split off remarks after the reference: "…, p. 17. All translations are mine."."""
    depth = depth_map(text)
    prose: _ProseSuffixes | None = None
    m: AnyMatch | None
    for m in sentence_breaks(text):
        if depth[m.start()] != 0:
            continue
        if not _ends_like_citation(text[max(0, m.start() - _HEAD_WINDOW) : m.start()]):
            continue
        prose = prose or _ProseSuffixes(text)
        if not prose.is_prose(m.end()):
            continue
        head, tail = text[: m.start()], text[m.end() :]
        if not LEAD_SEE.match(tail):
            return head.rstrip(), tail.strip()
    # A trailing clause such as ", available in the WSWS Marxist Library."
    m = _TRAILING_CLAUSE.search(text)
    if m and depth[m.start()] == 0 and not re.search(r"https?://|www\.", clause := text[m.start("clause") : m.end()]):
        head = text[: m.start()]
        if _ends_like_citation(head):
            return head.rstrip(), clause.strip()
    return text, None


def _lead_in(text: str) -> tuple[str | None, str]:
    m = LEAD_SEE.match(text) if _SEE_HINT.search(text[:200]) else None
    if m and not re.search(r"\d{4}", m.group("prefix")) or m and m.group("prefix").lower().startswith(("on ", "for ", "zu", "about", "regarding", "sur ", "über")):
        prefix = m.group("prefix").strip()
        rest = text[m.end() :]
        if text[m.end("prefix") : m.end()].strip() == ":":
            prefix += ":"
        return prefix, rest
    m = LEAD_WORDS.match(text)
    if m:
        return m.group("prefix").strip(), text[m.end() :]
    return None, text


def _ends_with_place(text: str) -> bool:
    """"…: Politische Soziologie der sozialen Ungleichheit. Frankfurt/Main" — a place list's first half."""
    return is_known_place(re.split(r"[,.]\s+", text.rstrip())[-1])


#: "…; Phoenix, AZ." — a city and a US state's postal code continue the part before.
_CITY_STATE = lazy(r"^\s*[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+)?,\s*[A-Z]{2}\.?(?=\s|$)")


def _starts_place_list(text: str) -> bool:
    """``New York: Routledge, 2001`` — the second half of a place list split at ``;``."""
    return re.match(r"^\s*[A-ZÄÖÜ][\w.]*(?:\s[A-ZÄÖÜ][\w.]*){0,2}\s*:\s*\S", text) is not None


#: Cheap tests before the costlier patterns: most notes hold neither.
_QUOTED_IN_HINT = Caseless(r"quot|cit|zit|repr|qtd|excerpt|abgedr|wiederg|цит")
_SEE_HINT = Caseless(r"see|cf|compar|vgl|sieh|voir|cfr|ved|véa|ver|veja|см|ср")


#: Where one sentence or clause of a note ends a reference and the next starts another:
#: "…, 159–89. For a different interpretation, see …", "Compare A, 5–6, with B".
NEXT_REFERENCE = lazy(
    r"(?<=[\d)\]”’\"»])\.\s+(?=(?:For|On|See|Cf\.|Compare|Vgl\.|Siehe|Voir|Zur|Zum|Für|Ähnlich|Anders|Dagegen|Similarly|Also|But|However)\b)"
    r"|(?<=[\d)\]”’\"»]),\s+(?=(?:with|and\s+with|mit|avec|con)\s+[A-ZÄÖÜ])"
    # "… (Esri Press, 2008) and Harris, Trevor M., …": a reference closed by its dated imprint,
    # then "and" and the next one.
    r"|(?<=\d\))\s+(?:and|und|et|y|e)\s+(?=[A-ZÄÖÜ])"
)
#: What every NEXT_REFERENCE match holds, found without look-behinds: a space, then a lead word.
_NEXT_HINT = lazy(
    r"\s(?:For|On|See|Cf\.|Compare|Vgl\.|Siehe|Voir|Zur|Zum|Für|Ähnlich|Anders|Dagegen|Similarly|Also|But|However"
    r"|with|and\s+with|mit|avec|con)\b|\d\)\s+(?:and|und|et|y|e)\s+[A-ZÄÖÜ]"
)


def _new_references(part: str) -> list[str]:
    """Split a part where a new reference starts after a complete one (see NEXT_REFERENCE)."""
    cuts = [
        m for m in (top_level_positions(part, NEXT_REFERENCE) if _NEXT_HINT.search(part) else [])
        # the reference before must be complete: it ends on its pages or its year
        if re.search(r"\d[\d–\-)\]]*[”’\"»]?\s*$", part[: m.start()])
    ]
    if not cuts:
        return [part]
    pieces, last = [], 0
    for m in cuts:
        pieces.append(part[last : m.start()])
        last = m.end()
    pieces.append(part[last:])
    return pieces


_IDENTIFIER = lazy(r"\b10\.\d{4,9}/|://")


def _inside_identifier(text: str, at: int) -> bool:
    """A ``;`` with no space after it, inside a DOI or a link (the token holding it is one)."""
    if at + 1 >= len(text) or text[at + 1].isspace():
        return False
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    return _IDENTIFIER.search(text, start, at) is not None


#: What follows a ";" inside a Vancouver-style reference: "39(12):1585-7", "412:33-5", "79 Suppl 2:S1".
_VOLUME_CONTINUES = lazy(r"\s*\d{1,4}\s*(?:\(\s*[\w\s/–-]{1,12}\)\s*)?[:,]\s*[A-Za-z]?\d")
#: A part that is only a person's name with initials ("Smith J", "de la Macorra JC", "J. Smith").
_NAME_ONLY = lazy(
    r"(?:[^\W\d_][\w'’-]*\s+){0,3}[^\W\d_][\w'’-]+,?\s+[A-Z]{1,3}\.?|(?:[A-Z]\.\s?){1,3}[^\W\d_][\w'’-]+"
)


def split_note(text: str) -> list[Span]:
    """Split a cleaned note into citation spans (see module docstring)."""
    text = text.strip()
    if not text:
        return []
    # 1. Second-hand sources: everything after "quoted in:" is the source quoted from.
    pieces: list[tuple[str, str | None]] = []
    cuts = top_level_positions(text, QUOTED_IN) if _QUOTED_IN_HINT.search(text) else []
    start, relation = 0, None
    for m in cuts:
        if m.start() == 0:
            # "Zitiert nach Weber, …" / "Quoted in …": the whole note is the second-hand source;
            # the words say so in `relation`, not in a prefix.
            start, relation = m.end(), "quoted-in"
            continue
        pieces.append((text[start : m.start()], relation))
        start, relation = m.end(), "quoted-in"
    pieces.append((text[start:], relation))

    spans: list[Span] = []
    for piece, rel in pieces:
        parts, last = [], 0
        for m in top_level_positions(piece, SEMICOLON) if ";" in piece else []:
            if _inside_identifier(piece, m.start()):
                continue  # "…3.0.CO;2-0": a DOI's own semicolon
            parts.append(piece[last : m.start()])
            last = m.end()
        parts.append(piece[last:])
        # A ";" inside a place list ("London; New York: Routledge 2001") is not a separator.
        # Nor inside a reference in Vancouver style: "J Endod. 2013;39(12):1585-7" (what
        # follows starts with a volume and its issue or pages), "Smith J; Jones K. Title …" (a
        # part that is one name with its initials is no citation: it opens the next one).
        merged: list[str] = []
        for part in parts:
            if merged and (_starts_place_list(part) and (
                not re.search(r"\d", merged[-1]) or _ends_with_place(merged[-1])
            ) or _CITY_STATE.match(part) or _VOLUME_CONTINUES.match(part) or _NAME_ONLY.fullmatch(merged[-1].strip())):
                merged[-1] = merged[-1] + ";" + part
            else:
                merged.append(part)
        merged = [piece for part in merged for piece in _new_references(part)]
        for i, part in enumerate(merged):
            part = part.strip().strip(";").strip()
            if i > 0:
                part = re.sub(r"^(?:and|und|et|e|y|и),?\s+", "", part)  # "…; and Monica Chojnacka, …"
            if not part:
                continue
            prefix, body = _lead_in(part)
            if prefix is None and (lead := prose_before_reference(body)) is not None:
                prefix, body = lead
            body, suffix = trailing_remark(body.strip())
            # A remark that starts a new reference ("… p. 3. See also …") becomes its own span.
            spans.append(Span(body.strip(), prefix, suffix, rel if i == 0 else None))
    return [s for s in spans if s.text or s.prefix or s.suffix]
