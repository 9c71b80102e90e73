"""Every report format, rendered from one hand-built check result, matches its golden file.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 python -m pytest tests/test_reports_golden.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reports import FORMATS, render
from sourcecheck import __version__
from tests.report_factories import register_test_rules, small_result

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
SUFFIX = {"json": "json", "html": "html", "markdown": "md", "junit": "xml", "sarif": "sarif", "github": "github.txt"}


@pytest.fixture(autouse=True)
def _rules(monkeypatch: pytest.MonkeyPatch) -> None:
    register_test_rules(monkeypatch, only=True)


def normalise(text: str) -> str:
    """The tool's version appears in some formats; golden files say ``VERSION``."""
    return text.replace(__version__, "VERSION")


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_report_matches_golden_file(fmt: str) -> None:
    assert fmt in FORMATS
    out = normalise(render(small_result(), fmt))
    path = GOLDEN / f"check.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_reports_are_reproducible(fmt: str) -> None:
    assert render(small_result(), fmt) == render(small_result(), fmt)
