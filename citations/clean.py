"""Clean steps applied to note text before parsing, and quote-aware scanning helpers.

Steps are named (``nbsp``, ``soft_hyphen``, ``whitespace``) so callers can choose them; they
never change what a reader would see as different text (no quote or dash folding: titles are
kept as written).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import Callable, Iterable, Sequence

from citations.lazy import LazyPattern, lazy

_SPACES = lazy(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _nbsp(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _soft_hyphen(text: str) -> str:
    return text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")


def _whitespace(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()


STEPS: dict[str, Callable[[str], str]] = {
    "nbsp": _nbsp,
    "soft_hyphen": _soft_hyphen,
    "whitespace": _whitespace,
}
DEFAULT_STEPS = ("nbsp", "soft_hyphen", "whitespace")


def clean_text(text: str, steps: Iterable[str | Callable[[str], str]] = DEFAULT_STEPS) -> str:
    """Apply clean steps (names from :data:`STEPS` or callables) in order."""
    for step in steps:
        if callable(step):
            text = step(text)
            continue
        try:
            text = STEPS[step](text)
        except KeyError:
            raise ValueError(f"unknown clean step {step!r}; valid: {', '.join(STEPS)}") from None
    return text


#: Opening quote → the closing quotes that may end it.
QUOTES = {
    "“": "”\"",
    "„": "“”\"",
    "«": "»",
    "»": "«",
    "‚": "‘’",
    "‘": "’",
    '"': '"”',
    "”": "”",
    "'": "'’",
}
_OPEN_BRACKETS = {"(": ")", "[": "]", "{": "}"}


_SPECIAL = lazy("[" + re.escape("".join(QUOTES) + "".join(_OPEN_BRACKETS)) + "]")


def depth_map(text: str) -> Sequence[int]:
    """For each character, 0 when it is outside quotes and brackets, else the nesting depth.

    Quote characters themselves count as inside. An unmatched opening quote or bracket does
    not swallow the rest of the text: only closed pairs count.
    """
    return _depths(text)


@lru_cache(maxsize=2048)
def _depths(text: str) -> tuple[int, ...]:
    """Linear in ``len(text)``, with the per-character work done by the regex engine and
    ``accumulate``: bracket pairs come from one stack pass over the brackets, the closing
    quote after a position from a forward search that is never repeated over the same
    stretch (see :class:`_Closers`), and depths from a difference array (no scan restarted at
    every opening, which made ``'(((' * N`` quadratic)."""
    n = len(text)
    m = _SPECIAL.search(text)
    if m is None:
        return (0,) * n
    diff = [0] * (n + 1)
    brackets = _bracket_pairs(text)
    closing: dict[str, _Closers] = {}
    while m is not None:
        i = m.start()
        ch = text[i]
        nxt = i + 1
        if ch in _OPEN_BRACKETS:
            j = brackets.get(i)
            if j is not None:
                diff[i] += 1
                diff[j + 1] -= 1
            # brackets nest: keep scanning inside
        elif ch in QUOTES and _opens_quote(text, i):
            closers = QUOTES[ch]
            finder = closing.get(closers)
            if finder is None:
                finder = closing[closers] = _Closers(text, closers)
            j = finder.first_from(i + 1)
            if j < n:
                diff[i] += 1
                diff[j + 1] -= 1
                nxt = j + 1  # quotes are opaque
        m = _SPECIAL.search(text, nxt)
    return tuple(accumulate(diff[:n]))


_BRACKET = lazy(r"[()\[\]{}]")


def _bracket_pairs(text: str) -> dict[int, int]:
    """Opening bracket position → its closing bracket of the same kind (closed pairs only)."""
    pairs: dict[int, int] = {}
    stacks: dict[str, list[int]] = {o: [] for o in _OPEN_BRACKETS}
    closes = {c: o for o, c in _OPEN_BRACKETS.items()}
    for m in _BRACKET.finditer(text):
        k = m.start()
        ch = text[k]
        if ch in stacks:
            stacks[ch].append(k)
        else:
            stack = stacks[closes[ch]]
            if stack:
                pairs[stack.pop()] = k
    return pairs


class _Closers:
    """The first position ≥ k that closes a quote ended by ``closers`` (``len(text)`` if none);
    an apostrophe inside a word (Stalin’s) closes nothing. Asked with growing ``k``, as
    :func:`_depths` does, each stretch of the text is searched once: a ``k`` before the last
    answer has that answer (nothing closes in between)."""

    def __init__(self, text: str, closers: str) -> None:
        self.text = text
        self.rx = _closer_pattern(closers)
        self.asked = -1
        self.found = -1

    def first_from(self, k: int) -> int:
        if self.asked <= k <= self.found:
            return self.found
        text, n = self.text, len(self.text)
        m = self.rx.search(text, k)
        while m is not None:
            j = m.start()
            if not (text[j] in "’'" and j + 1 < n and text[j + 1].isalpha()):
                break
            m = self.rx.search(text, j + 1)
        self.asked, self.found = k, (m.start() if m is not None else n)
        return self.found


@lru_cache(maxsize=None)
def _closer_pattern(closers: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(closers) + "]")


def _opens_quote(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "‘'":
        # An apostrophe inside a word (Stalin’s, O'Brien) is not a quote.
        return i == 0 or not text[i - 1].isalnum()
    if ch == "”":
        # A closing curly quote used as an opening one (Swedish/“dumb” typing): only at a word start.
        return (i == 0 or text[i - 1] in " (") and i + 1 < len(text) and text[i + 1].isalnum()
    if ch == "»":
        return i + 1 < len(text) and text[i + 1].isalnum()
    return True


def _find_close(text: str, i: int, opening: str, closers: str) -> int | None:
    if opening in _OPEN_BRACKETS:
        level = 0
        for j in range(i, len(text)):
            if text[j] == opening:
                level += 1
            elif text[j] in closers:
                level -= 1
                if level == 0:
                    return j
        return None
    for j in range(i + 1, len(text)):
        if text[j] in closers:
            if text[j] in "’'" and j + 1 < len(text) and text[j + 1].isalpha():
                continue  # apostrophe inside a word, not the closing quote
            return j
    return None


def top_level_positions(text: str, pattern: re.Pattern[str] | LazyPattern, depth: Sequence[int] | None = None) -> list[re.Match[str]]:
    """Matches of ``pattern`` that start outside quotes and brackets."""
    matches = list(pattern.finditer(text))
    if not matches:
        return matches
    depth = depth if depth is not None else _depths(text)
    return [m for m in matches if m.start() >= len(depth) or depth[m.start()] == 0]


def strip_quotes(text: str) -> str:
    """Remove one pair of enclosing quotes and the punctuation Chicago style puts inside them."""
    t = text.strip()
    if len(t) >= 2 and t[0] in QUOTES and t[-1] in QUOTES[t[0]] + "”’»“":
        inner = t[1:-1].strip()
        return inner.rstrip(",").strip()
    return t


def is_quoted(text: str) -> bool:
    t = text.strip()
    if len(t) < 2 or t[0] not in QUOTES:
        return False
    j = _find_close(t, 0, t[0], QUOTES[t[0]])
    return j == len(t) - 1
