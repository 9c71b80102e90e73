"""Vocabulary as data: word lists the parser and the labeller look up, each in a text file here
whose header says where it came from.

- ``places.txt``: places of publication (:mod:`citations.places`);
- ``given_names.txt``: given names (:mod:`citations.given_names`);
- ``newspaper_words.txt``: words that mark a newspaper's name (:mod:`citations.journals`);
- ``publishers.txt``: words that mark a publisher's name (:func:`citations.imprint.publisher_words`);
- ``german_places.txt``, ``german_publishers.txt``, ``german_words.txt``: what marks a
  German-language book, whose look-ups then ask the Deutsche Nationalbibliothek too
  (:func:`checkers.verify.looks_german`).

One entry a line, in UTF-8; blank lines and lines starting with ``#`` are left out; an entry may
hold spaces ("Ann Arbor"). The lists are read on first use, once per process.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``name`` (``places.txt`` …) in file order, each once."""
    text = files(__name__).joinpath(name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


@cache
def any_entry(name: str) -> re.Pattern[str]:
    """A pattern for any entry of ``name`` as a whole word (no word character right before or
    after it, so an entry may end in a full stop: "Co.", "Inc."); built on first use."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in entries(name)) + r")(?!\w)")
