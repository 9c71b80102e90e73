"""Findings a copy-editor can trust (issue 11): each behaviour on a small manuscript or note
written for the test, in the forms the real development set showed.

- Numbering by the format's rules: notes numbered by Markdown, Word, ODT or LaTeX follow the
  order of first reference; their labels are names, so SC103/SC105 apply only to numbers typed
  by hand.
"""

from __future__ import annotations

import pytest

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


# --------------------------------------------------------------------------------------------
# Commentary is not a citation; SC501 only when a note points to a source it does not cite
# --------------------------------------------------------------------------------------------

from citations.parse import parse_note  # noqa: E402
from checkers.structure import check_commentary  # noqa: E402
from citations.model import Manuscript, Note  # noqa: E402


def notes_manuscript(*texts: str) -> Manuscript:
    notes = [Note(number=i, text=t, line=i, label=str(i), citations=parse_note(t)) for i, t in enumerate(texts, 1)]
    return Manuscript("test", "markdown", notes=notes, auto_numbered=True)


@pytest.mark.parametrize(
    "text",
    [
        "Our corpus has 236 addresses to the nation. Depending on exactly what is counted, this number can be slightly higher or lower.",
        "Nuestro corpus contiene 236 discursos. Dependiendo de lo que se cuente, este número puede ser ligeramente más alto o más bajo.",
        "Dans les faits, la calibration par simple interception n’a plus lieu d’être utilisée depuis que les courbes sont publiées.",
    ],
)
def test_running_prose_is_commentary_not_a_citation(text: str) -> None:
    assert parse_note(text) == []


def test_commentary_without_a_pointer_to_a_source_is_not_reported() -> None:
    found = list(check_commentary(notes_manuscript(
        "For the sake of simplicity, we removed the nodes that are not connected to any others; it is very common to see lots of them.",
        "Though we won’t cover it in this tutorial, partition the network according to modularity class first.",
        "See more on degree in the centrality section of this tutorial.",
    )))
    assert found == []


def test_a_note_that_points_to_a_source_it_does_not_cite_is_reported() -> None:
    found = list(check_commentary(notes_manuscript("Al respecto véase la primera lección.", "On this see the discussion above.")))
    assert [(f.code, f.note) for f in found] == [("SC501", 1), ("SC501", 2)]
    assert "véase" in found[0].message
