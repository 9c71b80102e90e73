"""The one home of the helpers that read CSL-JSON fields.

Every layer (citations, checkers, reports) takes a year, the people a work is filed under, or a
DOI out of a CSL item through these functions, so two modules cannot disagree about what the
year of ``{"issued": {"raw": "1937/1938"}}`` or the DOI in ``https://doi.org/10.1000/ABC.`` is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, cast

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DATE_KEYS = ("date-parts", "raw", "literal")

# A DOI: ``10.`` registrant code of 4-9 digits ``/`` suffix. The suffix may hold ``<`` and ``>``
# (SICI DOIs such as ``10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0``).
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"]+", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:?\s*)", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation: ``“Führungskorps”`` → ``fuhrungskorps``."""
    text = text or ""
    if text.isascii():  # nothing to decompose: the common case, without a pass per character
        return " ".join(_WORD.findall(text.lower()))
    stripped = unicodedata.normalize("NFKD", text).translate(_UNCOMBINED)
    return " ".join(_WORD.findall(stripped.lower().replace("ß", "ss")))


class _Uncombined(dict[int, "int | None"]):
    """A ``str.translate`` table that drops combining characters (``unicodedata.combining``),
    filled as characters are first met: one C pass per text instead of a Python call per
    character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNCOMBINED = _Uncombined()


def year_of(csl_or_date: Any, field: str = "issued") -> int | None:
    """The first year of a CSL date: ``csl[field]`` of an item, or the date itself.

    Reads ``date-parts`` (``[[2009, 2]]`` or Zotero's ``[["2009"]]``), else the first four-digit
    number in ``raw``/``literal``; a bare year (``1937`` or ``"1937"``) stands for itself.
    """
    date = csl_or_date
    if isinstance(date, Mapping) and not any(k in date for k in _DATE_KEYS):
        date = date.get(field)
    if isinstance(date, (int, str)) and not isinstance(date, bool):
        date = {"raw": str(date)}
    if not isinstance(date, Mapping):
        return None
    parts = date.get("date-parts")
    if parts and isinstance(parts, list) and parts[0] and isinstance(parts[0], list):
        try:
            return int(str(parts[0][0]).strip())
        except (TypeError, ValueError):
            pass
    for key in ("raw", "literal"):
        match = _YEAR.search(str(date.get(key) or ""))
        if match:
            return int(match.group(1))
    return None


def names_of(csl: Mapping[str, Any], role: str | None = None) -> list[dict[str, Any]]:
    """The people of ``role``; without a role, the people a work is filed under (its authors,
    else its editors)."""
    if role is not None:
        people = [n for n in csl.get(role) or [] if isinstance(n, Mapping)]
    else:
        people = [n for n in csl.get("author") or csl.get("editor") or [] if isinstance(n, Mapping)]
    return cast("list[dict[str, Any]]", people)


def who(csl: Mapping[str, Any], sep: str = ", ", limit: int | None = None) -> str:
    """The names a work is filed under, as a label says them: the family (or literal) names of
    :func:`names_of` joined by ``sep``, and " et al." past ``limit`` names. Every description
    of a citation in words (messages, reports, reference keys) takes its names from here."""
    people = names_of(csl)
    shown = people if limit is None else people[:limit]
    text = sep.join(str(n.get("family") or n.get("literal") or "") for n in shown)
    return text + " et al." if limit is not None and len(people) > limit else text


def family_names(csl: Mapping[str, Any], role: str | None = None) -> tuple[str, ...]:
    """Folded family (or literal) names of :func:`names_of`, empty ones left out."""
    folded = (fold(n.get("family") or n.get("literal") or "") for n in names_of(csl, role))
    return tuple(f for f in folded if f)


def normalise_doi(value: Any) -> str | None:
    """A DOI without resolver prefix and trailing punctuation, lower-cased; ``None`` if not one.

    ``https://doi.org/10.1000/ABC.`` → ``10.1000/abc``; ``doi: 10.1111/x`` and ``<doi.org/…>``
    too. Nothing but a resolver prefix may stand before the DOI.
    """
    text = _DOI_PREFIX.sub("", str(value or "").strip().lstrip("<"))
    match = _DOI.match(text)
    if not match:
        return None
    return match.group(0).rstrip(".,;:)]}>").lower()


def find_dois(text: str) -> list[str]:
    """DOIs written in ``text`` (``10.1109/…``, ``doi:10…``, ``https://doi.org/10…``)."""
    dois: list[str] = []
    for match in re.finditer(r"\b" + _DOI.pattern, text or "", re.IGNORECASE):
        doi = normalise_doi(match.group(0))
        if doi and doi not in dois:
            dois.append(doi)
    return dois
