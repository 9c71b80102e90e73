"""The README lists every bibliography/library finding code with its current name and severity."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checkers import library
from checkers.findings import RULES, Rule

README = Path(__file__).resolve().parents[1] / "README.md"
CODES = sorted(value.code for value in vars(library).values() if isinstance(value, Rule))


def test_codes_are_the_bb1xx_family():
    assert CODES == [f"BB10{n}" for n in range(1, 8)]


@pytest.mark.parametrize("code", CODES)
def test_code_is_in_the_readme_table(code: str) -> None:
    rule = RULES[code]
    row = re.search(rf"^\| `{code}` \| ([^|]+) \| ([^|]+) \|", README.read_text(encoding="utf-8"), re.MULTILINE)
    assert row, f"{code} is missing from the README's table of finding codes"
    assert (row.group(1).strip(), row.group(2).strip()) == (rule.name, rule.severity)
