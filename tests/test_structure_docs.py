"""The README lists every structural finding code with its current severity and name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checkers import structure  # noqa: F401  (declares the SC codes)
from checkers.findings import RULES

README = Path(__file__).resolve().parents[1] / "README.md"
CODES = sorted(code for code in RULES if code.startswith("SC"))


@pytest.mark.parametrize("code", CODES)
def test_code_is_in_the_readme_table(code: str) -> None:
    rule = RULES[code]
    row = re.search(rf"^\| `{code}` \| ([^|]+) \| ([^|]+) \|", README.read_text(encoding="utf-8"), re.MULTILINE)
    assert row, f"{code} is missing from the README's table of finding codes"
    assert (row.group(1).strip(), row.group(2).strip()) == (rule.name, rule.severity)
