"""JUnit XML (``sourcecheck check --format junit``): CI systems show it as a test report.

One ``<testsuite>`` for the manuscript, one ``<testcase>`` per note (named ``note 3``, with the
note's line) plus one for the manuscript as a whole. A note fails when it has findings at or
above ``fail_on`` (default: errors); all its findings are listed in the ``<failure>`` text,
and findings below the threshold go to ``<system-out>``. Built with ``xml.etree``, so all
manuscript text is escaped; characters XML cannot carry are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from checkers.findings import ERROR, Finding, severity_rank
from checkers.result import CheckResult
from reports.common import describe, finding_line, rule_for, source_path

# Characters not allowed in XML 1.0 documents.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _line(result: CheckResult, f: Finding) -> str:
    line = finding_line(result, f)
    where = f" (line {line})" if line else ""
    citation = f" citation {f.citation + 1}" if f.citation is not None else ""
    text = f"{f.severity} {f.code} {rule_for(f.code, f.severity).name}{citation}{where}: {f.message}"
    return text + (f"\n    fix: {f.hint}" if f.hint else "")


def _testcase(
    suite: ET.Element, result: CheckResult, name: str, classname: str, line: int | None,
    findings: list[Finding], fail_on: str, header: str = "",
) -> bool:
    """Add one test case; return whether it failed."""
    case = ET.SubElement(suite, "testcase", {"name": name, "classname": classname, "time": "0"})
    path = source_path(result)
    if path:
        case.set("file", path)
    if line:
        case.set("line", str(line))
    threshold = severity_rank(fail_on) if fail_on != "never" else 99
    failing = [f for f in findings if severity_rank(f.severity) >= threshold]
    failed = bool(failing)
    if failed:
        first = failing[0]
        message = first.message if len(failing) == 1 else f"{len(failing)} findings; first: {first.message}"
        failure = ET.SubElement(case, "failure", {
            "message": _clean(message),
            "type": first.code if len({f.code for f in failing}) == 1 else "sourcecheck",
        })
        failure.text = _clean(header + "\n".join(_line(result, f) for f in failing))
    rest = [f for f in findings if f not in failing]
    if rest:
        ET.SubElement(case, "system-out").text = _clean("\n".join(_line(result, f) for f in rest))
    return failed


def write(result: CheckResult, *, fail_on: str = ERROR, **_: Any) -> str:
    """Render ``result`` as a JUnit XML document (UTF-8)."""
    ms = result.manuscript
    suite_name = source_path(result) or ms.source or "manuscript"
    classname = "sourcecheck." + re.sub(r"[^\w.-]+", "_", suite_name)
    root = ET.Element("testsuites", {"name": "sourcecheck"})
    # No timestamp or hostname: the same result always gives the same report.
    suite = ET.SubElement(root, "testsuite", {"name": _clean(suite_name), "time": "0"})
    failures = 0
    failures += _testcase(suite, result, "manuscript", classname, None,
                          result.findings_for(None), fail_on)
    for note in ms.notes:
        citations = "\n".join(f"  {i + 1}. {describe(c)}" for i, c in enumerate(note.citations))
        header = f"note {note.key}: {note.text}\n{citations}\n\n" if citations else f"note {note.key}: {note.text}\n\n"
        failures += _testcase(suite, result, f"note {note.key}", classname, note.line,
                              result.findings_for(note.number), fail_on, header)
    tests = len(ms.notes) + 1
    for element in (root, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
    suite.set("skipped", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
