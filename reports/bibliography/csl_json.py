"""CSL-JSON reference lists: the interchange format of Zotero, pandoc and citeproc.

An array of CSL items, one per distinct work, each with its citation key as ``id`` (the same
keys as the BibTeX writer, so ``[@rogovin2009stalins]`` works in pandoc Markdown either way).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from citations.model import Manuscript
from citations.works import Work
from reports.bibliography.entries import bibliography_entries

#: Variables first in this order (as Zotero and citeproc-js write them), then the rest by name.
ORDER = (
    "id", "type", "author", "editor", "container-author", "translator", "title", "container-title",
    "collection-title", "edition", "volume", "issue", "page", "publisher", "publisher-place",
    "issued", "archive", "archive-place", "archive_location", "ISBN", "ISSN", "DOI", "URL", "accessed",
)
_RANK = {name: i for i, name in enumerate(ORDER)}


def ordered(item: Mapping[str, Any]) -> dict[str, Any]:
    """``item`` with its variables in a conventional, stable order (easier to read and diff)."""
    return {k: item[k] for k in sorted(item, key=lambda k: (_RANK.get(k, len(ORDER)), k))}


def items(source: Manuscript | list[Work], keys: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The CSL-JSON items of the reference list, sorted as a bibliography."""
    return [ordered(entry.csl) for entry in bibliography_entries(source, keys)]


def write(source: Manuscript | list[Work], keys: Mapping[str, str] | None = None) -> str:
    """The reference list as a CSL-JSON document (UTF-8 text, one item per work)."""
    return json.dumps(items(source, keys), ensure_ascii=False, indent=2) + "\n"
