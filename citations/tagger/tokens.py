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

_TOKEN = re.compile(r"\S+")


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """The whitespace-separated tokens of ``text`` with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


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
