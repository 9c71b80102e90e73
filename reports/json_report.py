"""The machine-readable report (``sourcecheck check --format json``).

The document is :meth:`checkers.result.CheckResult.to_dict` (notes, citations with their
verifications, findings, summary, and sections added by checkers) plus ``schema_version``,
``tool``, the number of distinct works and the metadata of every finding code that occurs.
Its schema is ``reports/schema/check.schema.json`` (:func:`schema`), and it is stable: fields
are only added within a major version.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

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


def document(result: CheckResult) -> dict[str, Any]:
    """The report as JSON-ready data."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "tool": {"name": "sourcecheck", "version": __version__}}
    data.update(result.to_dict())
    data["summary"]["works"] = len(distinct_works(result.manuscript))
    data["rules"] = rule_metadata({f.code for f in result.findings})
    return data


def write(result: CheckResult, **_: Any) -> str:
    """Render ``result`` as an indented UTF-8 JSON document."""
    return json.dumps(document(result), ensure_ascii=False, indent=2) + "\n"
