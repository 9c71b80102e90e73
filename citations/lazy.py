"""Regular expressions compiled on first use.

The rule parser's large patterns (places of publication, imprints, archival shelf marks,
journal forms) take tens of milliseconds each to compile — more than the rest of start-up —
and a run that reads ordinary references never uses most of them. :func:`lazy` keeps such a
pattern as its source until it is first used; then it is an ordinary compiled pattern.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Callable, Iterator


class LazyPattern:
    """A pattern compiled on first use, with the methods of :class:`re.Pattern` the parser uses.
    ``m.re`` of its matches is the compiled pattern (:meth:`compiled`), not this object."""

    __slots__ = ("pattern", "flags", "_rx")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._rx: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self.pattern, self.flags)
        return rx

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return (self._rx or self.compiled()).search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return (self._rx or self.compiled()).match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return (self._rx or self.compiled()).fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return (self._rx or self.compiled()).finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return (self._rx or self.compiled()).findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return (self._rx or self.compiled()).sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return (self._rx or self.compiled()).split(string, maxsplit)

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self.compiled().groupindex)

    def __repr__(self) -> str:
        return f"lazy({self.pattern[:40]!r}…)" if len(self.pattern) > 40 else f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return LazyPattern(pattern, flags)
