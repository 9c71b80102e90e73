"""A reference string → tokens with their character offsets.

Tokens are runs of non-space characters, as in AnyStyle: punctuation stays on the word it is
written against ("(London:", "1994),"), and the features say what it is. A labelled training
sequence (consecutive text segments with a label each) gives every token the label of the
segment that holds most of its letters, so "Smith," in ``<author>Smith</author>, <date>…``
is an author token.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from citations.lazy import lazy

_TOKEN = lazy(r"\S+")


class Token(NamedTuple):
    text: str
    start: int
    end: int


#: Inside a run of non-space characters, a new token starts after ";", ":" or "," that is
#: followed by a letter or digit, and at "(" right after a digit: compact forms such as
#: "2013;39(12):1585-7" (Vancouver) or "Press,1994" hold several fields.
_PIECE = lazy(r"[^;:,(]+(?:\([^;:,()]*\)?)?[;:,)]*|\([^;:,()]*\)?[;:,)]*|[;:,(]+")
_LINK = lazy(r"^(?:<?https?://|<?www\.|doi:|10\.\d|urn:|<)", re.IGNORECASE)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` with their offsets: whitespace-separated runs, with compact runs
    ("2013;39(12):1585-7") cut after their inner punctuation; links and DOIs stay whole."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        run = m.group()
        inner = run[:-1]  # punctuation at the very end cuts nothing
        if len(run) < 4 or not (";" in inner or ":" in inner or "," in inner or "(" in inner) \
                or not _INNER.search(run) or _LINK.match(run):
            tokens.append(Token(run, m.start(), m.end()))
            continue
        base = m.start()
        for p in _PIECE.finditer(run):
            tokens.append(Token(p.group(), base + p.start(), base + p.end()))
    return tokens


#: A run that may need cutting: punctuation followed by a letter or digit, or "(" after a digit.
_INNER = lazy(r"[;:,](?=\w)|(?<=\d)\(")


def labelled_tokens(segments: Sequence[tuple[str, str]]) -> tuple[list[Token], list[str]]:
    """Tokens of a labelled sequence and one label each.

    A token gets the label of the segment that holds most of its word characters (letters and
    digits); a token of punctuation only, the label of the segment that holds most of it.
    """
    text = "".join(segment for segment, _ in segments)
    owner: list[str] = []
    for segment, label in segments:
        owner.extend([label] * len(segment))
    tokens = tokenize(text)
    labels = []
    for token in tokens:
        votes: dict[str, int] = {}
        for i in range(token.start, token.end):
            if text[i].isalnum():
                votes[owner[i]] = votes.get(owner[i], 0) + 1
        if not votes:
            for i in range(token.start, token.end):
                votes[owner[i]] = votes.get(owner[i], 0) + 1
        labels.append(max(votes, key=votes.__getitem__))
    return tokens, labels
