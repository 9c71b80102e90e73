"""Run every check on a parsed manuscript: ``run_checks(manuscript, settings) -> CheckResult``.

Each step is a function ``step(manuscript, settings, result, progress)`` that appends findings
or verifications to ``result``. Checkers never print; ``progress`` (optional) is a callable
``progress(done, total)`` for look-ups, which the CLI turns into a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable

from citations.gcpause import paused_gc
from citations.model import Manuscript
from checkers.config import Settings
from checkers.findings import select_findings
from checkers.progress import Progress
from checkers.result import CheckResult

__all__ = ["Progress", "Step", "run_checks", "steps"]
Step = Callable[[Manuscript, Settings, CheckResult, "Progress | None"], None]


def steps() -> list[Step]:
    """The checks, in the order they run (imported lazily so `parse` stays fast)."""
    from checkers import archives, library, structure, verify

    found: list[Step] = [structure.step, archives.step, library.check_library, verify.lookup_step]
    return found


def run_checks(manuscript: Manuscript, settings: Settings | None = None, progress: Progress | None = None) -> CheckResult:
    settings = settings or Settings()
    result = CheckResult(manuscript)
    with paused_gc():  # millions of acyclic objects at 100,000 notes: see citations.gcpause
        for step in steps():
            step(manuscript, settings, result, progress)
    result.findings = select_findings(result.findings, settings.select, settings.ignore)
    result.findings.sort(key=lambda f: (f.note if f.note is not None else -1, f.citation or 0, f.code))
    return result
