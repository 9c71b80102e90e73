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
