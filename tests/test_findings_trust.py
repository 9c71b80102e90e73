"""Findings a copy-editor can trust (issue 11): each behaviour on a small manuscript or note
written for the test, in the forms the real development set showed.

- Numbering by the format's rules: notes numbered by Markdown, Word, ODT or LaTeX follow the
  order of first reference; their labels are names, so SC103/SC105 apply only to numbers typed
  by hand.
"""

from __future__ import annotations

from checkers.structure import check_structure
from citations import parse_manuscript
from citations.readers import markdown, text

MARKDOWN_OUT_OF_ORDER = """\
A claim.[^b] Another claim.[^1] A third.[^7]

[^1]: Peter Holquist, Making War, Forging Revolution, Cambridge, MA: Harvard University Press 2002, p. 3.
[^b]: Ibid., p. 4.
[^7]: Ibid., p. 5.
"""

TEXT_OUT_OF_ORDER = """\
A claim.[2] Another claim.[1] A third.[4]

Notes

[1] Peter Holquist, Making War, Forging Revolution, Cambridge, MA: Harvard University Press 2002, p. 3.
[2] Ibid., p. 4.
[4] Ibid., p. 5.
"""


def codes(manuscript) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in check_structure(parse_manuscript(manuscript))]


def test_markdown_notes_are_numbered_by_first_reference_and_keep_their_labels() -> None:
    read = markdown.read_text(MARKDOWN_OUT_OF_ORDER)
    assert read.auto_numbered
    assert [(n.number, n.label) for n in read.notes] == [(1, "b"), (2, "1"), (3, "7")]
    found = codes(read)
    assert "SC105" not in found and "SC103" not in found


def test_numbers_typed_by_hand_are_still_checked_for_order_and_gaps() -> None:
    read = text.read_text(TEXT_OUT_OF_ORDER)
    assert not read.auto_numbered
    found = codes(read)
    assert "SC105" in found and "SC103" in found
