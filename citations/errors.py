"""Our own bugs, told apart from bad input.

Bad input is a finding, an ``unverifiable`` verdict or one line on stderr; a bug in sourcecheck
is none of those. Code that catches an exception it did not expect (a ``KeyError`` in a
provider's mapper, a ``TypeError`` in a check) does not turn it into "unparsed" or "unexpected
answer": it lets it propagate, or wraps it in :class:`InternalError` to say *where* (which note)
it happened, chained to the original (``raise InternalError(…) from exc``) so the traceback
is kept. The command line prints ``internal error — please report: …`` and exits with
:data:`EXIT_INTERNAL`; the test suite sees a failure.
"""

from __future__ import annotations

#: Exit status of a run stopped by a bug in sourcecheck (sysexits' EX_SOFTWARE).
EXIT_INTERNAL = 70


class InternalError(Exception):
    """A bug in sourcecheck (not in the input), with the note it happened at when known."""

    def __init__(self, what: str, note: int | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.note = note

    def __str__(self) -> str:
        where = f" at note {self.note}" if self.note is not None else ""
        cause = self.__cause__
        why = f" ({cause.__class__.__name__}: {cause})" if cause is not None else ""
        return f"{self.what}{where}{why}"
