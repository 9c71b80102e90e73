"""Titles in a reference list: which are English, and headline-style capitalisation for those.

The Chicago Manual of Style (17th ed., 8.159) capitalises English titles "headline-style": the
first and last words of the title and of a subtitle, and every other word except articles,
prepositions, the coordinating conjunctions *and, but, for, or, nor*, and *to* and *as*. Titles
in other languages keep sentence case as written (CMOS 11.6 ff.), so nothing is changed unless the
title is English. A cited title carries no language, so :func:`is_english` decides from its
words: English function words and nothing that marks another language (German, French, Italian,
Spanish, romanised Russian or Greek function words, letters with diacritics, Cyrillic, Greek).
"""

from __future__ import annotations

import re

#: Words CMOS 17 lowercases inside a headline-style title (unless first or last).
ARTICLES = {"a", "an", "the"}
CONJUNCTIONS = {"and", "but", "for", "or", "nor"}
PREPOSITIONS = {
    "about", "above", "across", "after", "against", "along", "amid", "among", "around", "as", "at",
    "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond", "by",
    "concerning", "despite", "during", "except", "for", "from", "in", "inside", "into", "like",
    "near", "of", "on", "onto", "outside", "per", "regarding", "since", "than", "through",
    "throughout", "till", "to", "toward", "towards", "under", "underneath", "unlike", "until",
    "upon", "versus", "via", "with", "within", "without",
}
MINOR = ARTICLES | CONJUNCTIONS | PREPOSITIONS

#: Words that show a title is English (frequent, and rare as words of the other languages).
ENGLISH = {
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "from", "with", "within", "without",
    "between", "through", "is", "was", "were", "are", "there", "their", "his", "her", "its",
    "this", "that", "what", "who", "how", "why", "new", "history", "party", "war", "revolution",
    "by", "at", "as", "into", "after", "before", "against", "under", "over", "or",
}
#: Function words of other languages a cited title may be in (romanised Russian and Greek too).
FOREIGN = {
    # German
    "der", "die", "das", "des", "dem", "den", "und", "ein", "eine", "einer", "eines", "zur", "zum",
    "im", "vom", "von", "für", "mit", "auf", "aus", "bei", "über", "unter", "ist", "nicht", "als",
    "ihre", "ihr", "sich", "zwischen", "gegen", "nach",
    # French
    "le", "la", "les", "du", "et", "une", "un", "pour", "dans", "sur", "aux", "au", "avec", "l",
    "d", "en", "sous", "entre",
    # Italian, Spanish, Portuguese
    "il", "lo", "gli", "della", "delle", "dei", "di", "e", "per", "con", "nel", "nella", "el",
    "los", "las", "del", "y", "para", "por", "una", "do", "da", "dos", "das", "os",
    # romanised Russian and other Slavonic languages
    "v", "i", "na", "s", "ob", "po", "ot", "iz", "k", "dlya", "pri", "pod", "o", "ili", "kak",
    "gody", "goda", "rossii", "istoriya", "istorija",
    # romanised Greek
    "oi", "ton", "tis", "stin", "sto", "kai", "tou", "ta", "mas",
}
_NON_ENGLISH_LETTER = re.compile(r"[À-ÖØ-öø-ÿĀ-ž\u0370-\u03ff\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def is_english(title: str, language: str | None = None) -> bool:
    """Whether ``title`` is English: ``language`` when given (``en``, ``en-US``), else its words."""
    if language and language.lower() not in ("und", ""):
        return language.lower().split("-")[0] == "en"
    words = [w.lower() for w in _WORD.findall(title or "")]
    if not words:
        return False
    english = sum(1 for w in words if w in ENGLISH)
    foreign = sum(1 for w in words if w in FOREIGN)
    foreign += sum(1 for w in words if _NON_ENGLISH_LETTER.search(w))
    return english > 0 and english > 2 * foreign


# A token: leading punctuation (quotes, brackets), the word, trailing punctuation.
_TOKEN = re.compile(r"^(?P<lead>[\"'“‘«(\[¿¡]*)(?P<word>.*?)(?P<trail>[\"'”’»)\].,;:!?]*)$")


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _case_part(part: str, first: bool, last: bool) -> str:
    """One element of a word (hyphenated compounds are cased element by element)."""
    if not part or not part[0].isalpha():
        return part
    # Leave alone what is deliberately cased: USSR, iPhone, McDermott, NKVD's.
    if any(c.isupper() for c in part[1:]) or not part.isalpha() and "’" not in part and "'" not in part:
        return part
    lower = part.lower()
    if not first and not last and lower in MINOR:
        return lower
    return _capitalise(part) if part[0].islower() else part


def headline_case(title: str) -> str:
    """``title`` in headline style (CMOS 17, 8.159); words already capitalised stay so, except
    the minor words (articles, prepositions, *and/but/for/or/nor*, *to*, *as*) inside it."""
    tokens = title.split(" ")
    # Indices of words that open or close the title or a subtitle (after ':', '?', '!', '.', '—').
    opens, closes = set(), set()
    words = [i for i, t in enumerate(tokens) if (m := _TOKEN.match(t)) and m["word"]]
    if not words:
        return title
    opens.add(words[0])
    closes.add(words[-1])
    for prev, nxt in zip(words, words[1:], strict=False):
        if re.search(r"[:?!.—–]['’”»)]*$", tokens[prev]) or tokens[nxt - 1] in ("—", "–", ":"):
            closes.add(prev)
            opens.add(nxt)
    out = []
    for i, token in enumerate(tokens):
        m = _TOKEN.match(token)
        if not m or not m["word"]:
            out.append(token)
            continue
        parts = m["word"].split("-")
        cased = []
        for j, p in enumerate(parts):
            last = i in closes and j == len(parts) - 1
            if j == 0:
                cased.append(_case_part(p, first=i in opens, last=last))
            elif not parts[j - 1][:1].isalpha():
                cased.append(p)  # 1930-e, 2-volume: not a compound of words
            elif p.lower() in MINOR and not last:
                cased.append(p.lower())
            else:
                cased.append(_case_part(p, first=True, last=last))
        out.append(m["lead"] + "-".join(cased) + m["trail"])
    return " ".join(out)
