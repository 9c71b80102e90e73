"""The Markdown report (``sourcecheck check --format markdown``), sized for a pull-request comment.

A heading with the verdict the HTML report gives (*needs fixing*, *needs attention* or *clean*;
and "structure checked; sources not verified" when no catalogue answered), the counts, a table
of findings sorted by severity (errors first, then warnings, then information; manuscript order
within each), and the citations whose look-up needs attention with links to the catalogue
records. Manuscript text is escaped (GitHub-flavoured Markdown backslash escapes), so a note
cannot inject HTML, links or table cells into the comment.
"""

from __future__ import annotations

import re
from typing import Any

from checkers.findings import ERROR, INFO, WARNING, Finding, severity_rank
from checkers.result import INVALID, NOT_FOUND, PARTIAL, STATUSES, CheckResult
from citations.works import distinct_works
from reports.common import (
    by_severity,
    describe,
    evidence_label,
    finding_line,
    looked_up,
    plural,
    rule_for,
    scope_line,
    source_path,
    verdict_words,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
_URL_SAFE = re.compile(r"^https?://[^\s<>()\[\]]+$")
NOTEWORTHY = (PARTIAL, NOT_FOUND, INVALID)
SEVERITY_LABEL = {ERROR: "**error**", WARNING: "warning", INFO: "info"}


def md(text: Any) -> str:
    """Escape text for a Markdown paragraph or table cell (one line)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def link(label: str, url: str | None) -> str:
    """``[label](url)`` for a plain http(s) URL; the escaped label alone otherwise."""
    if url and _URL_SAFE.match(url):
        return f"[{md(label)}]({url})"
    return md(label)


#: Rows of the findings table and items of the look-up list at most, so the comment stays
#: well under GitHub's 65,536-character limit; the most severe findings are kept.
MAX_ROWS = 150


def shown_findings(findings: list[Finding], limit: int) -> list[Finding]:
    """At most ``limit`` findings, the most severe first chosen, in their original order."""
    if len(findings) <= limit:
        return list(findings)
    ranked = sorted(range(len(findings)), key=lambda i: (-severity_rank(findings[i].severity), i))
    return [findings[i] for i in sorted(ranked[:limit])]


def write(
    result: CheckResult, *, verbose: bool = False, max_rows: int = MAX_ROWS, **_: Any
) -> str:
    """Render ``result`` as GitHub-flavoured Markdown (at most ``max_rows`` findings and look-ups).

    The verdict rests on the findings' severities, as in the HTML report (``--fail-on`` decides
    the exit code, not the words).
    """
    ms = result.manuscript
    s = result.summary()
    name = source_path(result) or ms.source
    counts = ", ".join(plural(s["findings"][k], k) for k in (ERROR, WARNING, INFO))
    verdict = verdict_words(result)
    scope = scope_line(result).capitalize() + "."
    if verdict == "clean":
        verdict = "is clean"
    shown_name = " ".join(name.replace("`", "'").split())  # shown in a code span: no HTML, no escapes
    out = [
        f"### sourcecheck: `{shown_name}` {verdict}",
        "",
        (
            f"{counts} · {plural(s['notes'], 'note')}, {plural(s['citations'], 'citation')}, "
            f"{plural(len(distinct_works(ms)), 'distinct work')}"
        ),
        "",
        scope if looked_up(result) else f"**{scope}**",
        "",
    ]
    if result.verifications:
        out += [
            "| " + " | ".join(STATUSES) + " |",
            "|" + "---:|" * len(STATUSES),
            "| " + " | ".join(str(s["verifications"][k]) for k in STATUSES) + " |",
            "",
        ]
    if result.findings:
        out += ["| note | line | severity | code | finding | fix |", "|---:|---:|---|---|---|---|"]
        shown = by_severity(shown_findings(result.findings, max_rows))
        for f in shown:
            line = finding_line(result, f)
            r = rule_for(f.code, f.severity)
            out.append(
                f"| {f.note if f.note is not None else '–'} | {line or '–'} | {SEVERITY_LABEL[f.severity]} "
                f"| `{f.code}` {md(r.name)} | {md(f.message)} | {md(f.hint or '')} |"
            )
        if len(shown) < len(result.findings):
            rest = plural(len(result.findings) - len(shown), "more finding")
            out += ["", f"… and {rest}: see the full report (`--format html` or `--format text`)."]
        out.append("")
    lookups = _lookups(result, verbose)
    if len(lookups) > max_rows:
        lookups = lookups[:max_rows] + [f"- … and {len(lookups) - max_rows} more"]
    if lookups:
        out += ["#### Look-ups" if verbose else "#### Look-ups that need attention", ""] + lookups + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _lookups(result: CheckResult, verbose: bool) -> list[str]:
    lines = []
    for note in result.manuscript.notes:
        for i, citation in enumerate(note.citations):
            v = result.verifications.get((note.number, i))
            if v is None or (not verbose and v.status not in NOTEWORTHY):
                continue
            item = f"- note {note.key}, citation {i + 1} — **{v.status}**: {md(describe(citation))}"
            details = [f"{md(d.field)}: cited {md(d.cited)}, found {md(d.found)}" for d in v.differences]
            if v.reason:
                details.append(md(v.reason))
            links = [link(evidence_label(e.service, e.id, e.url), e.url) for e in v.evidence]
            if details:
                item += " — " + "; ".join(details)
            if links:
                item += " — " + ", ".join(links)
            lines.append(item)
    return lines
