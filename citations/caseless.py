"""Case-insensitive patterns that run at the speed of case-sensitive ones.

CPython's regular expression engine folds case character by character under ``IGNORECASE``,
which makes a pattern of many literal words (lead words, cue words, "op. cit." forms) three to
eight times slower than the same pattern written in lower case and run over lower-cased text.
:class:`Caseless` keeps the pattern written once, in its natural form, and runs it the fast way.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Iterator, Union



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


class CaselessMatch:
    """A match of a :class:`Caseless` pattern: positions from the lower-cased text, groups from
    the text as given (so "p. XII" keeps its capitals)."""

    __slots__ = ("_m", "string")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self._m = m
        self.string = text

    def group(self, group: int | str = 0) -> str | Any:  # as typeshed types re.Match.group
        start, end = self._m.span(group)
        return None if start < 0 else self.string[start:end]

    __getitem__ = group

    def groupdict(self, default: str | None = None) -> dict[str, str | None]:
        return {name: (self.group(name) if self._m.span(name)[0] >= 0 else default) for name in self._m.re.groupindex}

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._m.span(group)

    def __repr__(self) -> str:
        return f"<CaselessMatch span={self.span()} match={self.group()!r}>"


#: A match of either kind of pattern, for variables that hold both.
AnyMatch = Union["re.Match[str]", CaselessMatch]


class Caseless:
    """A case-insensitive pattern that runs as a case-sensitive one over the lower-cased text.
    Its matches (:class:`CaselessMatch`) give positions in the text and groups as written there.
    Where lower-casing changes a text's length (a few characters such as "İ" do) the ordinary
    ``IGNORECASE`` pattern is used instead."""

    __slots__ = ("pattern", "_folded", "_blind", "_needs", "needs_pattern")

    def __init__(self, pattern: str, needs: str | None = None) -> None:
        """``needs``: a lower-case pattern that every match's text contains somewhere (e.g. the
        literal core of a pattern that may start anywhere), searched first because it is cheap."""
        self.pattern = pattern
        self.needs_pattern = needs
        # Compiled on first use, like citations.lazy: start-up stays fast.
        self._folded: re.Pattern[str] | None = None
        self._blind: re.Pattern[str] | None = None
        self._needs: re.Pattern[str] | None = None

    @property
    def folded(self) -> re.Pattern[str]:
        """The pattern in lower case, run over lower-cased text."""
        if self._folded is None:
            self._folded = re.compile(lower_pattern(self.pattern))
            self._needs = re.compile(self.needs_pattern) if self.needs_pattern else None
        return self._folded

    @property
    def blind(self) -> re.Pattern[str]:
        """The ordinary ``IGNORECASE`` pattern, compiled on first need (rarely: start-up stays fast)."""
        if self._blind is None:
            self._blind = re.compile(self.pattern, re.IGNORECASE)
        return self._blind

    def _pick(self, text: str) -> tuple[re.Pattern[str] | None, str]:
        """The pattern to run and the text to run it on; no pattern when ``needs`` rules a match out."""
        low = text.lower()
        if len(low) != len(text):
            return self.blind, text
        folded = self._folded or self.folded
        if self._needs is not None and self._needs.search(low) is None:
            return None, low
        return folded, low

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> CaselessMatch | None:
        rx, subject = self._pick(text)
        m = rx.search(subject, pos, endpos) if rx is not None else None
        return CaselessMatch(m, text) if m is not None else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> CaselessMatch | None:
        rx, subject = self._pick(text)
        m = rx.match(subject, pos, endpos) if rx is not None else None
        return CaselessMatch(m, text) if m is not None else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> CaselessMatch | None:
        rx, subject = self._pick(text)
        m = rx.fullmatch(subject, pos, endpos) if rx is not None else None
        return CaselessMatch(m, text) if m is not None else None

    def finditer(self, text: str) -> Iterator[CaselessMatch]:
        rx, subject = self._pick(text)
        if rx is None:
            return iter(())
        return (CaselessMatch(m, text) for m in rx.finditer(subject))

    def count(self, text: str) -> int:
        """How many times the pattern occurs (``len(findall)``)."""
        rx, subject = self._pick(text)
        return 0 if rx is None else sum(1 for _ in rx.finditer(subject))

    def sub(self, replacement: str, text: str, count: int = 0) -> str:
        """``text`` with each match replaced by the literal ``replacement`` (no group references)."""
        rx, subject = self._pick(text)
        if rx is None:
            return text
        pieces: list[str] = []
        last = 0
        for k, m in enumerate(rx.finditer(subject)):
            if count and k >= count:
                break
            pieces.append(text[last : m.start()])
            pieces.append(replacement)
            last = m.end()
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)
