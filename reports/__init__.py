"""Reports: one writer per output format, registered by name in :data:`FORMATS`.

A writer is ``writer(result: CheckResult, **options) -> str``. Writers are pure: they render
what the checks found and never look anything up. Options a writer does not use are ignored,
so the CLI can pass the same options (``color``, ``width``…) to every format.

To add a format, write ``reports/<name>.py`` with a ``write`` function and add it here::

    FORMATS["json"] = _lazy("reports.json")
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # pragma: no cover - imported for annotations only
    from checkers.result import CheckResult

#: A report writer: ``writer(result, **options) -> str``.
Writer = Callable[..., str]


def _lazy(module: str, function: str = "write") -> Writer:
    """A writer that imports ``module`` on first use, so the CLI starts fast."""

    def writer(result: CheckResult, **options: Any) -> str:
        return getattr(importlib.import_module(module), function)(result, **options)

    writer.__name__ = f"{module}.{function}"
    writer.__doc__ = f"Render with :func:`{module}.{function}`."
    return writer


#: Report format name → writer.
FORMATS: dict[str, Writer] = {
    "text": _lazy("reports.text"),
    "json": _lazy("reports.json_report"),
    "html": _lazy("reports.html"),
    "markdown": _lazy("reports.markdown"),
    "junit": _lazy("reports.junit"),
    "sarif": _lazy("reports.sarif"),
    "github": _lazy("reports.github"),
}


#: Formats whose module also has ``write_to(result, out, **options)``, which writes the same
#: text to a stream piece by piece instead of returning it (a long manuscript's JSON report).
STREAMING: dict[str, str] = {"json": "reports.json_report"}


def stream(result: CheckResult, fmt: str, out: TextIO, **options: Any) -> None:
    """Write ``render(result, fmt, **options)`` to ``out``, streamed where the format can."""
    module = STREAMING.get(fmt)
    if module is None:
        out.write(render(result, fmt, **options))
        return
    importlib.import_module(module).write_to(result, out, **options)


def render(result: CheckResult, fmt: str = "text", **options: Any) -> str:
    """Render ``result`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown report format {fmt!r}; choose one of {', '.join(sorted(FORMATS))}"
        ) from None
    return writer(result, **options)
