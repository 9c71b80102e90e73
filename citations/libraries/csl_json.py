"""Reading CSL-JSON libraries (Zotero, pandoc and citeproc exports): a list of items, or
``{"items": […]}``; fields of unexpected shape are dropped rather than trusted."""

from __future__ import annotations

import json
import re
from typing import Any

from citations.libraries.entries import LibraryEntry, LibraryError, LibraryFile, _archival_of, _date_parts

_NAME_PARTS = ("family", "given", "literal", "non-dropping-particle", "dropping-particle", "suffix")
_NAME_ROLES = ("author", "editor", "container-author", "translator", "collection-editor")
_DATE_FIELDS = ("issued", "accessed", "original-date", "event-date")


def _csl_names(value: Any) -> list[dict[str, str]]:
    """CSL names with string parts only; anything else in the list is dropped."""
    if not isinstance(value, list):
        return []
    names = []
    for n in value:
        if isinstance(n, dict):
            name = {k: str(n[k]) for k in _NAME_PARTS if isinstance(n.get(k), (str, int)) and str(n[k]).strip()}
            if name:
                names.append(name)
    return names


def _clean_csl_date(value: Any) -> dict[str, Any] | None:
    """A CSL date with integer parts: Zotero writes ``{"date-parts": [["2009", 2]]}``; a
    ``raw``/``literal`` date or a bare string is read for its year, month and day."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return _date_parts(str(value))
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        clean = []
        for p in parts[0]:
            if isinstance(p, bool) or not isinstance(p, (str, int)):
                break
            try:
                clean.append(int(str(p).strip()))
            except ValueError:
                break
        if clean:
            return {"date-parts": [clean]}
    for key in ("raw", "literal"):
        if isinstance(value.get(key), (str, int)) and not isinstance(value.get(key), bool):
            return _date_parts(str(value[key]))
    return None


def sanitise_csl(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item as exported by any tool → one whose fields have the expected shapes:
    text fields are strings, names are lists of name dicts, dates have integer date-parts.
    Fields of unexpected shape are dropped rather than trusted."""
    csl: dict[str, Any] = {}
    for key, value in item.items():
        if key in _NAME_ROLES:
            names = _csl_names(value)
            if names:
                csl[key] = names
        elif key in _DATE_FIELDS:
            date = _clean_csl_date(value)
            if date:
                csl[key] = date
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, (str, int, float)):
            csl[key] = str(value)
        elif key in ("ISBN", "ISSN") and isinstance(value, list):
            csl[key] = " ".join(str(v) for v in value if isinstance(v, (str, int)))
    if not isinstance(item.get("type"), str):
        csl["type"] = "document"
    return csl


def read_csl_json(text: str, source: str) -> LibraryFile:
    """Read a CSL-JSON export (a list of items, or ``{"items": […]}``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LibraryError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(data, dict):
        data = data.get("items") or data.get("references") or ([data] if "type" in data else None)
    if not isinstance(data, list):
        raise LibraryError(f"{source}: not a CSL-JSON list of items")
    out = LibraryFile(source, "csl-json")
    lines = text.split("\n")
    for k, item in enumerate(data):
        csl = sanitise_csl(item) if isinstance(item, dict) else {}
        if not (csl.get("title") or csl.get("archive_location")):
            out.problems.append((None, f"item {k + 1} has no title"))
            continue
        key = csl.get("citation-key") or csl.get("id") or f"item{k + 1}"
        archival = _archival_of(csl) if csl.get("archive_location") else None
        out.entries.append(LibraryEntry(
            key=key, csl=csl, source=source, line=_line_of_id(lines, item.get("id")),
            archival=archival,
        ))
    return out


def _line_of_id(lines: list[str], item_id: Any) -> int | None:
    if item_id is None:
        return None
    pattern = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(item_id)))
    for n, line in enumerate(lines, 1):
        if pattern.search(line):
            return n
    return None
