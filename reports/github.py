"""GitHub Actions annotations (``sourcecheck check --format github``).

One workflow command per finding, which GitHub shows on the pull request's diff and in the
run summary::

    ::error file=chapter.md,line=42,title=SC201 ibid-after-multiple::Ibid. in note 9 …

Data is escaped as GitHub's runner expects (``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``);
property values also escape ``:`` and ``,``. Info findings become ``notice`` annotations.
"""

from __future__ import annotations

from typing import Any

from checkers.findings import ERROR, INFO, WARNING, Finding
from checkers.result import CheckResult
from reports.common import finding_line, rule_for, source_path, summary_line

COMMANDS = {ERROR: "error", WARNING: "warning", INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value such as ``file`` or ``title`` (GitHub's ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(result: CheckResult, finding: Finding) -> str:
    """The workflow command for one finding."""
    properties: list[tuple[str, str]] = []
    path = source_path(result)
    if path:
        properties.append(("file", path))
    line = finding_line(result, finding)
    if line:
        properties.append(("line", str(line)))
    r = rule_for(finding.code, finding.severity)
    properties.append(("title", f"{finding.code} {r.name}"))
    message = finding.message
    if finding.hint:
        message += f"\n{finding.hint}"
    props = ",".join(f"{k}={escape_property(v)}" for k, v in properties)
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def write(result: CheckResult, **_: Any) -> str:
    """One annotation per finding, then a plain summary line for the log."""
    lines = [annotation(result, f) for f in result.findings]
    lines.append(f"sourcecheck: {summary_line(result)}")
    return "\n".join(lines) + "\n"
