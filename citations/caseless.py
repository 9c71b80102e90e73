"""Case-insensitive patterns that run at the speed of case-sensitive ones.

CPython's regular expression engine folds case character by character under ``IGNORECASE``,
which makes a pattern of many literal words (lead words, cue words, "op. cit." forms) three to
eight times slower than the same pattern written in lower case and run over lower-cased text.
:class:`Caseless` keeps the pattern written once, in its natural form, and runs it the fast way.
"""

from __future__ import annotations

import re
import sys
from typing import Iterator



def lower_pattern(pattern: str) -> str:
    """``pattern`` with its literal letters lower-cased; escapes, group names and
    back-references (``(?P<name>``, ``(?P=name)``) untouched."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern.startswith(("(?P<", "(?P="), i):
            end = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i : end + 1])
            i = end + 1
        else:
            out.append(ch.lower())
            i += 1
    return "".join(out)


class Caseless:
    """A case-insensitive pattern. Matches are made on the lower-cased text, so their spans
    hold for the text given but their groups are lower case: slice the original text with
    ``m.span(...)`` to keep its case. Where lower-casing changes a text's length (a few
    characters such as "İ" do) the ordinary ``IGNORECASE`` pattern is used instead."""

    __slots__ = ("pattern", "folded", "blind")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.folded = re.compile(lower_pattern(pattern))
        self.blind = re.compile(pattern, re.IGNORECASE)

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        low = text.lower()
        return (self.folded, low) if len(low) == len(text) else (self.blind, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, subject = self._pick(text)
        return rx.search(subject, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, subject = self._pick(text)
        return rx.match(subject, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        rx, subject = self._pick(text)
        return rx.finditer(subject)

    def count(self, text: str) -> int:
        """How many times the pattern occurs (``len(findall)``)."""
        rx, subject = self._pick(text)
        return sum(1 for _ in rx.finditer(subject))
