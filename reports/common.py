"""Small pieces the report writers share: where a finding is, how a citation reads in one line.

Pure functions over a :class:`~checkers.result.CheckResult`; nothing here does I/O.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from checkers.findings import ERROR, INFO, RULES, WARNING, Finding, Rule, severity_rank
from checkers.result import CheckResult
from citations.csl import who, year_of
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
    csl = citation.resolved_csl
    year = year_of(csl)
    bits = [str(b) for b in (who(csl, "; ", 3), csl.get("title"), csl.get("container-title"), year) if b]
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


#: The verdict in words, by the worst severity found (information alone leaves a manuscript clean).
VERDICT_WORDS = {ERROR: "needs fixing", WARNING: "needs attention", INFO: "clean", None: "clean"}
#: Said in so many words when no catalogue answered for any citation (offline, or every look-up failed).
NOT_VERIFIED = "structure checked; sources not verified"
#: Look-up verdicts that mean a catalogue was consulted and answered.
LOOKED_UP = ("verified", "partial", "not-found")


def verdict_words(result: CheckResult) -> str:
    """``needs fixing`` (an error), ``needs attention`` (a warning) or ``clean``."""
    return VERDICT_WORDS[worst_severity(result.findings)]


def looked_up(result: CheckResult) -> int:
    """How many citations a catalogue answered for (verified, partly matching or not found)."""
    return sum(1 for v in result.verifications.values() if v.status in LOOKED_UP)


def scope_line(result: CheckResult) -> str:
    """What was checked: ``structure checked; sources not verified`` when no catalogue answered,
    else ``structure checked; 5 of 27 citations looked up in catalogues``."""
    n = looked_up(result)
    if n == 0:
        return NOT_VERIFIED
    citations = sum(len(note.citations) for note in result.manuscript.notes)
    return f"structure checked; {n} of {plural(citations, 'citation')} looked up in catalogues"


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Errors, then warnings, then information; within each, the manuscript as a whole first,
    then by note (stable: a note's findings keep their order)."""
    return sorted(findings, key=lambda f: (-severity_rank(f.severity), f.note is not None, f.note or 0))


def evidence_label(service: str, ident: str | None, url: str | None = None) -> str:
    """Link text for a catalogue record: "Open Library record OL1234567M", "archived copy of
    12 May 2021" (the Wayback Machine's time stamp, from the record or its URL)."""
    from checkers.providers import SERVICE_NAMES

    if service == "wayback":
        stamp = ident or (m.group(1) if url and (m := re.search(r"/web/(\d{4,14})", url)) else None)
        date = _stamp_date(stamp) if stamp else None
        return f"archived copy of {date}" if date else "archived copy"
    name = SERVICE_NAMES.get(service, service)
    if service == "crossref" and ident:
        return f"Crossref record of DOI {ident}"
    return f"{name} record {ident}" if ident else f"{name} record"


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def _stamp_date(stamp: str) -> str | None:
    """``20210512093000`` → ``12 May 2021``; ``2025`` → ``2025``."""
    if re.fullmatch(r"\d{8,14}", stamp) and 1 <= int(stamp[4:6]) <= 12:
        return f"{int(stamp[6:8])} {_MONTHS[int(stamp[4:6]) - 1]} {stamp[:4]}"
    if re.fullmatch(r"\d{4}", stamp):
        return stamp
    return None
