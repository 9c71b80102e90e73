"""One transliteration table and one spelling skeleton, for every comparison of names and titles.

Catalogue verdicts (``checkers.match``), library matching (``checkers.library``) and the
bibliography's sort keys read Cyrillic through :func:`transliterate` and compare spellings
through :func:`skeleton`, so a note and a record cannot agree in one check and disagree in
another.

The skeleton makes the usual romanisations of one Russian (or Ukrainian) word equal: Library
of Congress (``Khlevniuk``), BGN/PCGS (``Khlevnyuk``), ISO 9 without diacritics (``Hlevnjuk``,
``Čeka`` → ``ceka``), the German/Czech scholarly form (``Chlevnjuk``, ``Džucha``) and the
Cyrillic itself. Because ``ch`` is ``ч`` in the English forms and ``х`` in the German/Czech
ones, while ISO 9 writes ``č``/``c``/``h``, the sounds х, ч and ц (and k) fall into one class.
"""

from __future__ import annotations

import re
from functools import lru_cache

from citations.csl import fold

#: Cyrillic → Latin, a scholarly romanisation without diacritics (BGN/PCGS-like: ``ю`` → ``yu``).
CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i",
     "e", "g"],
    strict=True,
))
_CYRILLIC_TABLE = str.maketrans(CYRILLIC)

#: Applied in order to folded, transliterated text: the spellings of one sound become one letter.
SKELETON_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r) for p, r in (
        (r"shch|tsch|sch", "s"), (r"zh", "z"), (r"sh", "s"), (r"th", "t"), (r"ph", "f"),
        (r"ue", "u"), (r"oe", "o"), (r"ae", "a"),
        (r"[jy]", "i"),  # ю: yu (BGN), iu (LC), ju (ISO 9 û, German/Czech) → iu
        (r"w", "v"), (r"x", "ks"),
        (r"kh|ch|ck|ts|tz|c|h", "k"),  # х (kh, ch, h), ч (ch, č), ц (ts, c), k
        (r"([a-z])\1+", r"\1"),
    )
]


def transliterate(text: str) -> str:
    """Cyrillic letters → Latin (see :data:`CYRILLIC`), keeping capitals; other text unchanged."""
    out = []
    for ch in text or "":
        low = ch.lower()
        if low in CYRILLIC:
            latin = CYRILLIC[low]
            out.append(latin.capitalize() if ch != low else latin)
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def skeleton(text: str) -> str:
    """A spelling skeleton: folded, Cyrillic transliterated, romanisation variants merged.

    ``Khlevniuk``, ``Khlevnyuk``, ``Chlevnjuk``, ``Hlevnjuk`` and ``Хлевнюк`` give one skeleton;
    so do ``Džucha``, ``Dzhukha`` and ``Джуха``, and ``Kitayskie`` and ``Kitaiskie``.
    """
    folded = fold(text)
    if not folded.isascii():
        folded = folded.translate(_CYRILLIC_TABLE)
    for pattern, repl in SKELETON_RULES:
        folded = pattern.sub(repl, folded)
    return folded
