"""Reference lists of the works a manuscript cites: BibTeX, CSL-JSON, RIS and Chicago.

One entry per distinct work (:func:`citations.works.distinct_works`: Ibid. and short forms fold
into their work), with the same readable keys and the same bibliography order in every format
(:mod:`reports.bibliography.entries`). Writers are pure: nothing is looked up.

    render_references(manuscript, "bibtex")
    render_references(manuscript, "chicago", style="markdown")
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - imported for annotations only
    from citations.model import Manuscript

#: Reference-list format name → module (inside this package) with a ``write``/``render`` function.
REF_FORMATS = {
    "bibtex": "bibtex",
    "csl-json": "csl_json",
    "ris": "ris",
    "chicago": "chicago",
}
#: Output styles of the ``chicago`` format.
CHICAGO_STYLES = ("text", "markdown", "html")


def render_references(
    manuscript: Manuscript,
    fmt: str,
    style: str = "text",
    keys: Mapping[str, str] | None = None,
) -> str:
    """The reference list of ``manuscript`` in format ``fmt`` (a key of :data:`REF_FORMATS`).

    ``style`` (``text``, ``markdown``, ``html``) applies to ``chicago``; ``keys`` maps work ids
    (``"4.0"``) to citation keys to reuse. Raises ``ValueError`` for an unknown format or style.
    """
    if fmt not in REF_FORMATS:
        raise ValueError(f"unknown reference-list format {fmt!r}; choose one of {', '.join(REF_FORMATS)}")
    module: Any = importlib.import_module(f"reports.bibliography.{REF_FORMATS[fmt]}")
    if fmt == "chicago":
        return module.render(manuscript, style, keys)
    return module.write(manuscript, keys)
