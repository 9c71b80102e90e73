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

    __slots__ = ("pattern", "folded", "blind", "needs")

    def __init__(self, pattern: str, needs: str | None = None) -> None:
        """``needs``: a lower-case pattern that every match's text contains somewhere (e.g. the
        literal core of a pattern that may start anywhere), searched first because it is cheap."""
        self.pattern = pattern
        self.folded = re.compile(lower_pattern(pattern))
        self.blind = re.compile(pattern, re.IGNORECASE)
        self.needs = re.compile(needs) if needs else None

    def _pick(self, text: str) -> tuple[re.Pattern[str] | None, str]:
        """The pattern to run and the text to run it on; no pattern when ``needs`` rules a match out."""
        low = text.lower()
        if len(low) != len(text):
            return self.blind, text
        if self.needs is not None and self.needs.search(low) is None:
            return None, low
        return self.folded, low

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, subject = self._pick(text)
        return rx.search(subject, pos, endpos) if rx is not None else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, subject = self._pick(text)
        return rx.match(subject, pos, endpos) if rx is not None else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        rx, subject = self._pick(text)
        return rx.finditer(subject) if rx is not None else iter(())

    def count(self, text: str) -> int:
        """How many times the pattern occurs (``len(findall)``)."""
        return sum(1 for _ in self.finditer(text))
