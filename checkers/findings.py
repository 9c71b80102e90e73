"""Findings: what a check found, with a stable code, like a linter's.

Every checker module declares its codes once with :func:`rule`; reports read the table
(:data:`RULES`) for rule metadata (SARIF, the README's list of codes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
_RANK = {INFO: 0, WARNING: 1, ERROR: 2}


def severity_rank(severity: str) -> int:
    """Order severities: info < warning < error."""
    return _RANK[severity]


@dataclass(frozen=True)
class Rule:
    """A finding code: its default severity, a short name and what it means."""

    code: str
    severity: str
    name: str
    summary: str
    hint: str = ""


#: Every known finding code, by code. Filled by :func:`rule` calls in the checker modules.
RULES: dict[str, Rule] = {}


def rule(code: str, severity: str, name: str, summary: str, hint: str = "") -> Rule:
    """Declare a finding code (once, at import time of the module that emits it)."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    existing = RULES.get(code)
    if existing is not None and existing.name != name:
        raise ValueError(f"finding code {code} declared twice ({existing.name}, {name})")
    RULES[code] = Rule(code, severity, name, summary, hint)
    return RULES[code]


@dataclass
class Finding:
    """One thing a check found.

    ``note`` is the note number (``None`` for findings about the whole manuscript),
    ``citation`` the index of the citation within the note, ``line`` the line (or paragraph)
    in the manuscript, ``hint`` what would fix it.
    """

    code: str
    severity: str
    message: str
    note: int | None = None
    citation: int | None = None
    line: int | None = None
    hint: str | None = None

    @classmethod
    def of(cls, r: Rule, message: str, **where: Any) -> "Finding":
        """A finding of rule ``r`` with its default severity and hint."""
        where.setdefault("hint", r.hint or None)
        return cls(r.code, r.severity, message, **where)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "note": self.note,
            "citation": self.citation,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }


def select_findings(
    findings: list[Finding], select: list[str] | None = None, ignore: list[str] | None = None
) -> list[Finding]:
    """Keep findings whose code starts with one of ``select`` and none of ``ignore``.

    Prefixes work as in linters: ``--select SC1`` keeps every ``SC1xx`` code.
    """
    kept = []
    for f in findings:
        if select and not any(f.code.startswith(s) for s in select):
            continue
        if ignore and any(f.code.startswith(i) for i in ignore):
            continue
        kept.append(f)
    return kept


def fails(findings: list[Finding], fail_on: str) -> bool:
    """True when a finding is at or above ``fail_on`` (``error``, ``warning``, ``info``, ``never``)."""
    if fail_on == "never":
        return False
    threshold = severity_rank(fail_on)
    return any(severity_rank(f.severity) >= threshold for f in findings)
