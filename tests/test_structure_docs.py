"""The README lists every structural finding code with its current severity and name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checkers import structure
from checkers.findings import RULES, Rule

README = Path(__file__).resolve().parents[1] / "README.md"
#: The codes declared by the structural checks (other modules, and tests, declare their own).
CODES = sorted(value.code for value in vars(structure).values() if isinstance(value, Rule))


@pytest.mark.parametrize("code", CODES)
def test_code_is_in_the_readme_table(code: str) -> None:
    rule = RULES[code]
    row = re.search(rf"^\| `{code}` \| ([^|]+) \| ([^|]+) \|", README.read_text(encoding="utf-8"), re.MULTILINE)
    assert row, f"{code} is missing from the README's table of finding codes"
    assert (row.group(1).strip(), row.group(2).strip()) == (rule.name, rule.severity)
