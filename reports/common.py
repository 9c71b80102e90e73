"""Small pieces the report writers share: where a finding is, how a citation reads in one line.

Pure functions over a :class:`~checkers.result.CheckResult`; nothing here does I/O.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from checkers.findings import ERROR, INFO, RULES, WARNING, Finding, Rule, severity_rank
from checkers.result import CheckResult
from citations.model import FULL, Citation


def finding_line(result: CheckResult, finding: Finding) -> int | None:
    """The line a finding points at: its own, else its note's, else none."""
    if finding.line:
        return finding.line
    if finding.note is not None:
        note = result.manuscript.note(finding.note)
        if note is not None and note.line:
            return note.line
    return None


def known_rules() -> dict[str, Rule]:
    """Every finding code sourcecheck declares, by code.

    Checker modules declare their codes when imported; :func:`checkers.run.steps` imports
    them all (it runs nothing), so the table is complete even for a result built by hand.
    """
    from checkers.run import steps

    steps()
    return dict(RULES)


def rule_for(code: str, severity: str = WARNING) -> Rule:
    """The rule of ``code`` from :data:`checkers.findings.RULES`, or a stand-in for an unknown code."""
    return RULES.get(code) or Rule(code, severity, code.lower(), f"Finding {code}.")


def source_path(result: CheckResult) -> str | None:
    """The manuscript's path in POSIX form (``None`` for standard input or a string)."""
    source = result.manuscript.source
    if not source or source.startswith("<"):
        return None
    path = PurePosixPath(Path(source).as_posix())
    text = str(path)
    return text.removeprefix("./")


def describe(citation: Citation) -> str:
    """A citation in a few words: ``Rogovin · Stalin’s Terror … · 2009`` or a shelf mark."""
    if citation.archival is not None and citation.archival.canonical():
        return citation.archival.canonical()
    csl = citation.csl
    names = csl.get("author") or csl.get("editor") or []
    who = "; ".join(n.get("family") or n.get("literal") or "" for n in names[:3])
    if len(names) > 3:
        who += " et al."
    year = None
    parts = (csl.get("issued") or {}).get("date-parts") or []
    if parts and parts[0]:
        year = parts[0][0]
    bits = [str(b) for b in (who, csl.get("title"), csl.get("container-title"), year) if b]
    if citation.kind != FULL or not bits:
        return citation.text
    return " · ".join(bits)


def worst_severity(findings: list[Finding]) -> str | None:
    """The most severe severity among ``findings`` (``None`` when there are none)."""
    if not findings:
        return None
    return max((f.severity for f in findings), key=severity_rank)


def plural(n: int, word: str) -> str:
    """``plural(1, "error")`` → ``1 error``; ``plural(2, "info")`` → ``2 info``."""
    if n == 1 or word == "info":
        return f"{n} {word}"
    return f"{n} {word}s"


def summary_line(result: CheckResult) -> str:
    """``22 notes, 27 citations: 1 error, 3 warnings, 2 info``."""
    s = result.summary()
    counts = ", ".join(plural(s["findings"][k], k) for k in (ERROR, WARNING, INFO))
    return f"{plural(s['notes'], 'note')}, {plural(s['citations'], 'citation')}: {counts}"
