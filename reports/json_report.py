"""The machine-readable report (``sourcecheck check --format json``).

The document is :meth:`checkers.result.CheckResult.to_dict` (notes, citations with their
verifications, findings, summary, and sections added by checkers) plus ``schema_version``,
``tool``, the number of distinct works and the metadata of every finding code that occurs.
Its schema is ``reports/schema/check.schema.json`` (:func:`schema`), and it is stable: fields
are only added within a major version.
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
    report is about 200 MB of text and would need several times that as Python objects. JSON
    text never holds a raw newline inside a string, so a value dumped on its own is indented
    for its depth by indenting the lines of its dump.
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
    """``value`` as indented JSON whose lines after the first start with ``newline``'s indent."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)


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
