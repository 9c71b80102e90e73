"""Test configuration shared by the whole suite.

Property tests (hypothesis) explore new random inputs on a developer's machine, where a
failure is a finding to fix; in CI (``CI`` set, as every CI service does) they replay a fixed,
derandomised set of examples, so the same commit always gives the same result and a
submission cannot turn red by chance.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# -- tests that need ../shared -----------------------------------------------------------------
# A test that reads the sample or real manuscripts beside the checkout carries the ``shared``
# marker (tests/shared.py). Without ../shared those tests are skipped with one reason, and the
# run ends with one line saying how many; every other skip is summed up by its reason.

from collections import Counter  # noqa: E402

import pytest  # noqa: E402

from tests.shared import REASON as SHARED_REASON  # noqa: E402
from tests.shared import available as shared_available  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "shared: needs ../shared beside the checkout (the sample and real manuscripts)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shared_available():
        return
    skip = pytest.mark.skip(reason=SHARED_REASON)
    for item in items:
        if item.get_closest_marker("shared") is not None:
            item.add_marker(skip)


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return reason.removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    reasons = Counter(_skip_reason(r) for r in terminalreporter.stats.get("skipped", []) if r.skipped)
    shared = reasons.pop(SHARED_REASON, 0)
    if shared:
        terminalreporter.write_line(f"{shared} tests skipped: {SHARED_REASON} — not beside this checkout")
    for reason, count in reasons.most_common():
        terminalreporter.write_line(f"{count} skipped: {reason}")
