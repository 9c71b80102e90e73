"""ISBNs and DOIs before any request: find them, validate them, convert and hyphenate ISBNs.

Check digits, ISBN-10 ↔ ISBN-13 and the registration-group hyphenation come from
python-stdnum (which ships the ISBN agency's range table), not from tables written here. An
identifier that fails its check is a finding (``invalid``), never a look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError

from citations.csl import find_dois, normalise_doi  # noqa: F401  (re-exported)

# "ISBN 978-0-300-08242-5", "ISBN-10: 0-300-08242-8", "ISBN: 0300082428"; and bare 13-digit
# EANs starting 978/979 written with hyphens or spaces.
_LABELLED = re.compile(
    r"\bISBN(?:-1[03])?[:\s]*((?:97[89][\s‐-]?)?(?:\d[\s‐-]?){9}[\dXx])(?![\dXx])", re.IGNORECASE
)
_BARE13 = re.compile(r"(?<![\d-])(97[89](?:[\s‐-]?\d){10})(?![\d-])")


@dataclass(frozen=True)
class IsbnFound:
    """An ISBN as written, and whether it is valid; ``isbn13`` is set for valid ones."""

    written: str
    valid: bool
    isbn13: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"written": self.written, "valid": self.valid, "isbn13": self.isbn13, "error": self.error}


def compact(value: str) -> str:
    """Digits (and a final X) only: ``978-0-300-08242-5`` → ``9780300082425``."""
    return stdnum_isbn.compact(value)


def check(value: str) -> IsbnFound:
    """Validate an ISBN-10 or ISBN-13 as written."""
    try:
        number = stdnum_isbn.validate(value)
    except ValidationError as exc:
        return IsbnFound(value.strip(), False, None, _describe(exc, value))
    return IsbnFound(value.strip(), True, stdnum_isbn.to_isbn13(number))


def _describe(exc: ValidationError, value: str) -> str:
    digits = compact(value) if value else ""
    name = exc.__class__.__name__
    if name == "InvalidChecksum":
        return "wrong check digit"
    if name == "InvalidLength":
        return f"{len(digits)} digits (an ISBN has 10 or 13)"
    if name == "InvalidComponent":
        return "not a 978/979 book number"
    return "not an ISBN"


def is_valid(value: str) -> bool:
    return stdnum_isbn.is_valid(value)


def to_isbn13(value: str) -> str:
    """ISBN-10 or -13 → compact ISBN-13 (raises ``ValueError`` when invalid)."""
    try:
        return stdnum_isbn.to_isbn13(stdnum_isbn.validate(value))
    except ValidationError as exc:
        raise ValueError(f"{value!r} is not a valid ISBN ({_describe(exc, value)})") from None


def to_isbn10(value: str) -> str | None:
    """ISBN-13 → compact ISBN-10, or ``None`` for 979 numbers (which have none)."""
    number = stdnum_isbn.validate(value)
    if number.startswith("979"):
        return None
    return stdnum_isbn.to_isbn10(number)


def hyphenate(value: str) -> str:
    """``9780300082425`` → ``978-0-300-08242-5`` (ISBN-10 stays ISBN-10)."""
    return stdnum_isbn.format(stdnum_isbn.validate(value), convert=False)


def find_isbns(text: str) -> list[IsbnFound]:
    """Every ISBN written in ``text`` (labelled ``ISBN …`` or bare 978/979 numbers), in order."""
    found: list[IsbnFound] = []
    seen: set[str] = set()
    matches = [m for m in _LABELLED.finditer(text or "")]
    spans = [m.span(1) for m in matches]
    matches += [m for m in _BARE13.finditer(text or "") if not any(s <= m.start(1) < e for s, e in spans)]
    for match in sorted(matches, key=lambda m: m.start(1)):
        item = check(match.group(1).strip())
        if _key(item) not in seen:
            seen.add(_key(item))
            found.append(item)
    return found


def _key(item: IsbnFound) -> str:
    return item.isbn13 or compact(item.written)


def isbns_of(csl: dict[str, Any], text: str = "") -> list[IsbnFound]:
    """The ISBNs of a citation: its CSL ``ISBN`` field (one or several) and any in its text."""
    values = csl.get("ISBN") or []
    if isinstance(values, str):
        values = re.split(r"[,;]\s*|\s+(?=97[89]|\d{9}[\dX])", values)
    found = [check(v) for v in values if v and v.strip()]
    seen = {_key(f) for f in found}
    for f in find_isbns(text):
        if _key(f) not in seen:
            seen.add(_key(f))
            found.append(f)
    return found


# DOIs are read by the one normaliser in citations.csl (``normalize_doi`` is its old name here).
normalize_doi = normalise_doi
