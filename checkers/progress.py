"""The progress callback the check steps accept: ``progress(done, total)``.

Its own module so that the steps (``structure``, ``archives``, ``verify``, ``library``) and the
runner that imports them (``checkers.run``) can all name it without importing one another.
"""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total)``: called by a step as its look-ups complete; the CLI draws a bar.
Progress = Callable[[int, int], None]
