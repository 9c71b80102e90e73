"""The human-readable report for a terminal (``sourcecheck check --format text``).

Grouped by note: each note that has something to say shows its text and lists its findings
(severity, code, message, hint) and the verdicts of its citations that were not simply verified;
a summary table counts findings by severity and code and verifications by status; the last lines
give the verdict the HTML report gives (needs fixing / needs attention / clean) and what was
checked ("structure checked; sources not verified" when no catalogue answered). Nothing is cut:
messages and note texts wrap at the width, and codes and names are never shortened (at 80
columns the summary tables stack). Rendered with rich, in colour only when asked to (the CLI asks
when writing to a terminal).
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from checkers.findings import (
    ERROR,
    INFO,
    RULES,
    SEVERITIES,
    WARNING,
    Finding,
    severity_rank,
)
from checkers.result import (
    INVALID,
    NOT_FOUND,
    PARTIAL,
    STATUSES,
    UNVERIFIABLE,
    VERIFIED,
    CheckResult,
    Verification,
)
from citations.model import Citation, Note
from reports.common import evidence_label, scope_line, verdict_words

SEVERITY_STYLE = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}
STATUS_STYLE = {
    VERIFIED: "green",
    PARTIAL: "yellow",
    NOT_FOUND: "red",
    UNVERIFIABLE: "dim",
    INVALID: "bold red",
}
#: Verdicts shown under each note unless ``verbose`` (the rest are only counted).
NOTEWORTHY = frozenset({PARTIAL, NOT_FOUND, INVALID})


def write(
    result: CheckResult,
    *,
    color: bool = False,
    width: int = 100,
    verbose: bool = False,
    **_: Any,
) -> str:
    """Render ``result`` as text, with ANSI colour when ``color`` is true.

    ``width`` is the line width to wrap at; ``verbose`` lists every citation's verdict, not
    only the ones that need attention.
    """
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    for renderable in _report(result, verbose, width):
        console.print(renderable)
    # rich pads table cells to the column width; trailing blanks are noise in files and diffs.
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))


def _report(result: CheckResult, verbose: bool, width: int = 100) -> list[RenderableType]:
    ms = result.manuscript
    summary = result.summary()
    parts: list[RenderableType] = [
        Text.assemble(
            (ms.source, "bold"),
            f" ({ms.format}): {summary['notes']} notes, {summary['markers']} markers, "
            f"{summary['citations']} citations",
        )
    ]
    numbers = {note.number for note in ms.notes}
    # Findings about the whole manuscript, and any about a note it does not have, come first.
    general = [f for f in result.findings if f.note is None or f.note not in numbers]
    if general:
        parts.append(_section(Text("Manuscript", style="bold"), _findings_table(general)))
    for note in ms.notes:
        block = _note_block(result, note, verbose)
        if block is not None:
            parts.append(block)
    parts.append(Text())
    parts.append(_summary_table(result, width))
    if not verbose:
        parts.extend(_unverified(result))
    parts.append(_verdict(result))
    return parts


def _unverified(result: CheckResult) -> list[RenderableType]:
    """What could not be verified, and why, counted by reason (``-v`` lists every citation)."""
    reasons = Counter(
        v.reason or "no reason given" for v in result.verifications.values() if v.status == UNVERIFIABLE
    )
    if not reasons:
        return []
    total = sum(reasons.values())
    lines: list[RenderableType] = [Text(f"Not verified ({total} citation{'s' if total != 1 else ''}; -v lists them):", style="bold")]
    for reason, n in reasons.most_common(5):
        lines.append(Padding(Text(f"{n:>4} × {' '.join(reason.split())}"), (0, 0, 0, 2)))
    if len(reasons) > 5:
        lines.append(Text(f"  {sum(n for _, n in reasons.most_common()[5:]):>4} × other reasons"))
    return lines


def _section(title: Text, *body: RenderableType) -> RenderableType:
    return Group(Text(), title, Padding(Group(*body), (0, 0, 0, 2), expand=False))


def _note_block(result: CheckResult, note: Note, verbose: bool) -> RenderableType | None:
    findings = result.findings_for(note.number)
    verdicts = []
    for index, citation in enumerate(note.citations):
        verification = result.verifications.get((note.number, index))
        if verification is not None and (verbose or verification.status in NOTEWORTHY):
            verdicts.append((index, citation, verification))
    if not findings and not verdicts:
        return None
    title = Text.assemble((f"Note {note.key}", "bold"), (f" · line {note.line}", "dim"))
    body: list[RenderableType] = [Text(" ".join(note.text.split()))]
    table = _verdicts_table(verdicts, _findings_table(findings))
    return _section(title, *body, table)


#: The first column holds a severity or a verification status; one width keeps notes aligned
#: (only the verbose report shows the longer "unverifiable").
LABEL_WIDTH = max(len(x) for x in (*SEVERITIES, *NOTEWORTHY))


def _grid() -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, min_width=LABEL_WIDTH)
    table.add_column(no_wrap=True, min_width=5)
    table.add_column(overflow="fold")
    return table


def _findings_table(findings: list[Finding], table: Table | None = None) -> Table:
    """One row per finding: severity, code, ``#citation`` and message, hint below."""
    table = table or _grid()
    for f in findings:
        message = Text(f.message)
        if f.citation is not None:
            message = Text.assemble((f"#{f.citation + 1} ", "dim"), message)
        if f.hint:
            message.append(f"\n→ {f.hint}", style="dim")
        table.add_row(
            Text(f.severity, style=SEVERITY_STYLE.get(f.severity, "")),
            Text(f.code, style="bold"),
            message,
        )
    return table


def _verdicts_table(verdicts: list[tuple[int, Citation, Verification]], table: Table | None = None) -> Table:
    """One row per verdict: status, ``#citation``, the citation, then differences and evidence."""
    table = table or _grid()
    for index, citation, v in verdicts:
        detail = Text(" ".join(citation.text.split()))
        for d in v.differences:
            detail.append(f"\n{d.field}: cited {_value(d.cited)}, found {_value(d.found)}", style="dim")
        if v.reason:
            detail.append(f"\n{v.reason}", style="dim")
        for e in v.evidence:
            detail.append("\n" + " ".join(x for x in (evidence_label(e.service, e.id, e.url), e.url) if x), style="dim")
        table.add_row(
            Text(v.status, style=STATUS_STYLE.get(v.status, "")),
            Text(f"#{index + 1}", style="dim"),
            detail,
        )
    return table


def _summary_table(result: CheckResult, width: int = 100) -> RenderableType:
    summary = result.summary()
    counts = Table(title="Findings", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    counts.add_column("code", no_wrap=True)
    counts.add_column("name", overflow="fold")
    counts.add_column("severity", no_wrap=True)
    counts.add_column("count", justify="right", no_wrap=True)
    by_code = Counter((f.code, f.severity) for f in result.findings)
    for (code, severity), n in sorted(by_code.items(), key=lambda kv: (-severity_rank(kv[0][1]), kv[0][0])):
        known = RULES.get(code)
        counts.add_row(code, known.name if known else "", Text(severity, style=SEVERITY_STYLE.get(severity, "")), str(n))
    if not by_code:
        counts.add_row("—", "no findings", "", "0")

    totals = Table(box=box.SIMPLE_HEAD, padding=(0, 1), title="Totals", title_justify="left")
    totals.add_column("", no_wrap=True)
    totals.add_column("count", justify="right", no_wrap=True)
    for severity in SEVERITIES:
        totals.add_row(Text(severity, style=SEVERITY_STYLE[severity]), str(summary["findings"][severity]))
    if result.verifications:
        for status in STATUSES:
            totals.add_row(Text(status, style=STATUS_STYLE[status]), str(summary["verifications"][status]))
    # Side by side where both fit whole (the longest code name is about 30 characters), else
    # one above the other, so that nothing is cut at 80 columns.
    names = max((len(RULES[c].name) for c, _ in by_code if c in RULES), default=11)
    if width >= names + 60:
        grid = Table.grid(padding=(0, 4))
        grid.add_row(counts, totals)
        return grid
    return Group(counts, Text(), totals)


def _verdict(result: CheckResult) -> Text:
    """``Needs attention: 3 warnings, 2 info.`` then what was checked, on its own line."""
    counts = Counter(f.severity for f in result.findings)
    scope = scope_line(result)
    scope = scope[:1].upper() + scope[1:] + "."
    if not result.findings:
        return Text.assemble(("Clean: no findings.", "bold green"), "\n", scope)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != INFO else ''}" for s in SEVERITIES if counts[s]]
    style = SEVERITY_STYLE[ERROR] if counts[ERROR] else "bold"
    words = verdict_words(result)
    return Text.assemble((f"{words[:1].upper()}{words[1:]}: " + ", ".join(parts) + ".", style), "\n", scope)


def _value(value: Any) -> str:
    return "—" if value in (None, "") else f"“{value}”"
