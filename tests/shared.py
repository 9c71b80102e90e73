"""The material beside the checkout that some tests need: ``../shared``.

It holds the sample lecture and the real manuscripts, whose prose stays out of the project.
A test that reads it carries ``@needs_shared`` (or a module's ``pytestmark = needs_shared``);
without ``../shared`` such tests are skipped with :data:`REASON`, and the run ends with one line
saying how many (see ``tests/conftest.py``). Everything else runs on a fresh clone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "manuscripts" / "comintern-terror-lecture.txt"
REAL = SHARED / "manuscripts" / "real"

#: The one skip reason of every test that needs ``../shared``.
REASON = "needs ../shared (the sample and real manuscripts, kept out of the project)"

#: Marks a test (or, as ``pytestmark``, a module) that reads ``../shared``.
needs_shared = pytest.mark.shared


def available() -> bool:
    return SHARED.is_dir()


def skip_without_shared() -> None:
    """For a test that finds out only while running that it needs ``../shared``."""
    if not available():
        pytest.skip(REASON)
