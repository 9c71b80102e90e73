"""The machine-readable report (``sourcecheck check --format json``).

The document is :meth:`checkers.result.CheckResult.to_dict` (notes, citations with their
verifications, findings, summary, and sections added by checkers) plus ``schema_version``,
``tool``, the number of distinct works and the metadata of every finding code that occurs.
Its schema is ``reports/schema/check.schema.json`` (:func:`schema`), and it is stable: fields
are only added within a major version. :func:`write_to` streams it note by note and finding by
finding, so a report's size is not held in memory.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any, TextIO

from checkers.findings import RULES
from checkers.result import CheckResult
from citations.works import distinct_works
from citations.version import __version__

SCHEMA_VERSION = "1.0"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) the report follows."""
    text = resources.files("reports").joinpath("schema/check.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def rule_metadata(codes: set[str]) -> dict[str, dict[str, str]]:
    """``{code: {name, severity, summary, hint}}`` for the known codes among ``codes``."""
    return {
        code: {"name": r.name, "severity": r.severity, "summary": r.summary, "hint": r.hint}
        for code in sorted(codes)
        if (r := RULES.get(code)) is not None
    }


def document(result: CheckResult, lazy: bool = False) -> dict[str, Any]:
    """The report as JSON-ready data.

    With ``lazy``, ``notes`` and ``findings`` are iterators of dicts (see
    :meth:`CheckResult.to_dict`), as :func:`write_to` streams them.
    """
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "tool": {"name": "sourcecheck", "version": __version__}}
    data.update(result.to_dict(lazy=lazy))
    data["summary"]["works"] = len(distinct_works(result.manuscript))
    data["rules"] = rule_metadata({f.code for f in result.findings})
    return data


def write_to(result: CheckResult, out: TextIO, **_: Any) -> None:
    """Write the report to the text stream ``out``, one note and one finding at a time.

    The bytes are those of ``json.dumps(document(result), ensure_ascii=False, indent=2)`` and a
    newline, but neither the whole document nor the whole text is ever held: a 100,000-note
    report is about 200 MB of text and would need several times that as Python objects.
    """
    write_object(document(result, lazy=True), out)


def write_object(data: dict[str, Any], out: TextIO) -> None:
    """Write ``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline to ``out``, each
    item of a top-level list or iterator on its own: the text of a large document (a report,
    the ``match`` mapping of a 50,000-entry library) is never held whole."""
    out.write("{")
    first = True
    for key, value in data.items():
        out.write(("\n  " if first else ",\n  ") + json.dumps(key, ensure_ascii=False) + ": ")
        first = False
        if isinstance(value, (list, Iterator)):
            _write_array(out, value)
        else:
            out.write(_dump(value, "\n  "))
    out.write("\n}\n" if not first else "}\n")


def _dump(value: Any, newline: str) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, its lines
    after the first starting with ``newline``'s indent.

    json's own indenting encoder is pure Python and passes every piece up through a generator
    per level of nesting (a third of a 10,000-note check's report); this writes the same text
    into one list, the strings escaped by json's C function.
    """
    parts: list[str] = []
    _encode(value, newline, parts)
    return "".join(parts)


_escape = json.encoder.encode_basestring  # type: ignore[attr-defined]  # the C version when built
_INFINITY = float("inf")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INFINITY:
        return "Infinity"
    if o == -_INFINITY:
        return "-Infinity"
    return float.__repr__(o)


def _key(k: Any) -> str:
    """A dict key as json writes it (its rules and its order of tests)."""
    if isinstance(k, str):
        return _escape(k)
    if isinstance(k, float):
        return '"' + _float(k) + '"'
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return '"' + int.__repr__(k) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def _encode(o: Any, newline: str, parts: list[str]) -> None:
    if isinstance(o, str):
        parts.append(_escape(o))
    elif o is None:
        parts.append("null")
    elif o is True:
        parts.append("true")
    elif o is False:
        parts.append("false")
    elif isinstance(o, int):
        parts.append(int.__repr__(o))
    elif isinstance(o, float):
        parts.append(_float(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in o:
            parts.append(separator)
            separator = "," + inner
            _encode(item, inner, parts)
        parts.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for k, v in o.items():
            parts.append(separator + _key(k) + ": ")
            separator = "," + inner
            _encode(v, inner, parts)
        parts.append(newline + "}")
    else:
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _write_array(out: TextIO, items: Iterable[Any]) -> None:
    """A top-level key's array, written item by item as ``json.dumps(..., indent=2)`` would."""
    empty = True
    for item in items:
        out.write(("[\n    " if empty else ",\n    ") + _dump(item, "\n    "))
        empty = False
    out.write("[]" if empty else "\n  ]")


def write(result: CheckResult, **options: Any) -> str:
    """Render ``result`` as an indented UTF-8 JSON document (the text :func:`write_to` streams)."""
    out = io.StringIO()
    write_to(result, out, **options)
    return out.getvalue()
