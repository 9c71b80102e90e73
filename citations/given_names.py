"""Common given names, to tell "Robert Service" (a person) from "World Bank" (an institution).

A capitalised pair such as "Robert Service" or "Chinese Wikipedia" looks like "Given Family"
to a pattern. Where a parse hangs on that (institutions as authors, web page titles), a first
word found here settles it. The list holds frequent given names of the languages our notes
are written in; names not in it are still read as names wherever the form alone says so. The
list is data, ``citations/data/given_names.txt``, whose header says where it came from.
"""

from __future__ import annotations

from functools import cache

from citations.data import entries


@cache
def given_names() -> frozenset[str]:
    """The listed given names (``citations/data/given_names.txt``), read on first use."""
    return frozenset(entries("given_names.txt"))


def __getattr__(name: str) -> frozenset[str]:
    # ``GIVEN_NAMES`` is read from the data file when first asked for, not when this module loads.
    if name == "GIVEN_NAMES":
        return given_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_given_name(word: str) -> bool:
    return word in given_names()
