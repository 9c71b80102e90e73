"""SARIF 2.1.0 (``sourcecheck check --format sarif``), for GitHub code scanning and other viewers.

One run of the ``sourcecheck`` tool. ``tool.driver.rules`` carries the metadata
(:data:`checkers.findings.RULES`: name, summary, hint, default level) of every finding code
sourcecheck knows, so code scanning can describe any rule, also one with no result today;
each result points at the manuscript file and line (relative to ``%SRCROOT%``
when the path is relative), names its note as a logical location, and has a partial
fingerprint built from the note's text so code scanning keeps tracking it when lines move.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from checkers.findings import ERROR, INFO, WARNING, Finding
from checkers.result import CheckResult
from reports.common import finding_line, known_rules, rule_for, source_path
from citations.version import __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {ERROR: "error", WARNING: "warning", INFO: "note"}


def rule_descriptor(code: str, severity: str) -> dict[str, Any]:
    """A SARIF ``reportingDescriptor`` for a finding code."""
    r = rule_for(code, severity)
    descriptor: dict[str, Any] = {
        "id": code,
        "name": _pascal(r.name),
        "shortDescription": {"text": r.summary},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"tags": ["footnotes"], "sourcecheck-name": r.name},
    }
    if r.hint:
        descriptor["help"] = {"text": r.hint}
        descriptor["fullDescription"] = {"text": f"{r.summary} {r.hint}"}
    return descriptor


def _pascal(name: str) -> str:
    """``ibid-after-multiple`` → ``IbidAfterMultiple`` (SARIF's suggested rule-name style)."""
    return "".join(part[:1].upper() + part[1:] for part in name.replace("_", "-").split("-") if part)


def artifact_location(result: CheckResult) -> dict[str, Any] | None:
    """Where the manuscript is: relative to ``%SRCROOT%``, or a ``file:`` URI if absolute."""
    path = source_path(result)
    if path is None:
        return None
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return {"uri": p.as_uri()}
    return {"uri": p.as_posix(), "uriBaseId": "%SRCROOT%"}


def fingerprint(result: CheckResult, finding: Finding) -> str:
    """A stable hash of the code, the note's text and the citation index (not the line)."""
    note = result.manuscript.note(finding.note) if finding.note is not None else None
    basis = "\x1f".join([finding.code, note.text if note else finding.message, str(finding.citation)])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def sarif_result(result: CheckResult, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """A SARIF ``result`` for one finding."""
    message = finding.message + (f" {finding.hint}" if finding.hint else "")
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": LEVELS[finding.severity],
        "message": {"text": message},
    }
    location: dict[str, Any] = {}
    artifact = artifact_location(result)
    if artifact is not None:
        physical: dict[str, Any] = {"artifactLocation": artifact}
        line = finding_line(result, finding)
        if line:
            physical["region"] = {"startLine": line}
        location["physicalLocation"] = physical
    if finding.note is not None:
        name = f"note {finding.note}"
        if finding.citation is not None:
            name += f", citation {finding.citation + 1}"
        location["logicalLocations"] = [{"name": name, "kind": "element"}]
    if location:
        out["locations"] = [location]
    out["partialFingerprints"] = {"sourcecheckNote/v1": fingerprint(result, finding)}
    return out


def document(result: CheckResult) -> dict[str, Any]:
    """The SARIF log as JSON-ready data."""
    codes: dict[str, str] = {code: r.severity for code, r in known_rules().items()}
    for f in result.findings:
        codes.setdefault(f.code, f.severity)
    ordered = sorted(codes)
    rule_index = {code: i for i, code in enumerate(ordered)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "sourcecheck",
                "version": __version__,
                "rules": [rule_descriptor(code, codes[code]) for code in ordered],
            }
        },
        "results": [sarif_result(result, f, rule_index) for f in result.findings],
        "columnKind": "unicodeCodePoints",
    }
    artifact = artifact_location(result)
    if artifact is not None:
        run["artifacts"] = [{"location": artifact, "sourceLanguage": "plaintext"}]
        if "uriBaseId" in artifact:
            run["originalUriBaseIds"] = {"%SRCROOT%": {"description": {"text": "The directory sourcecheck ran in."}}}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write(result: CheckResult, **_: Any) -> str:
    """Render ``result`` as a SARIF 2.1.0 log."""
    return json.dumps(document(result), ensure_ascii=False, indent=2) + "\n"
