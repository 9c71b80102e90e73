"""A note's text -> citations. (Being written.)"""
from __future__ import annotations

from citations.model import Citation


def parse_note(text: str) -> list[Citation]:
    text = text.strip()
    if not text:
        return []
    return [Citation(text=text, kind="unparsed", reason="parser not written yet")]


def parse_reference(text: str) -> list[Citation]:
    return parse_note(text)
