"""Property tests: the structural checks never crash and every finding is well-formed."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers.findings import RULES
from checkers.structure import check_structure
from citations import parse_manuscript
from citations.model import KINDS, Citation, Locator, Manuscript, Marker, Note
from citations.readers.text import read_text

FRAGMENTS = st.sampled_from([
    "[1]", "[2]", "[3]", "[10]", "Notes", "Ibid.", "Ibid., p. 4.", "op. cit.", "available online",
    "Vadim Rogovin, Stalin’s Terror, Oak Park: Mehring Books 2009, p. 307.",
    "in: Twentieth Century China 33 (2008), pp. 38–41.", "RGASPI f. 495, op. 18, d. 213, l. 6.",
    "Chinese Wikipedia (accessed 29.7.2025).", "https://example.org/", "\n", "\n\n", " ", ";", "",
])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_plain_text_manuscript(text: str) -> None:
    manuscript = parse_manuscript(read_text(text))
    _well_formed(manuscript, check_structure(manuscript))


TYPES = st.sampled_from([None, "book", "chapter", "article-journal", "article-newspaper", "webpage", "report", "manuscript"])
NAMES = st.lists(st.fixed_dictionaries({"family": st.text(max_size=8)}, optional={"given": st.text(max_size=5)}), max_size=2)
CSL = st.fixed_dictionaries(
    {},
    optional={
        "type": TYPES,
        "title": st.text(max_size=20),
        "author": NAMES,
        "editor": NAMES,
        "container-title": st.text(max_size=10),
        "publisher": st.text(max_size=8),
        "publisher-place": st.text(max_size=8),
        "issued": st.one_of(
            st.fixed_dictionaries({"date-parts": st.lists(st.lists(st.integers(0, 3000), max_size=3), max_size=1)}),
            st.fixed_dictionaries({"raw": st.text(max_size=10)}),
        ),
        "URL": st.text(max_size=10),
    },
)


@st.composite
def manuscripts(draw: Any) -> Manuscript:
    count = draw(st.integers(0, 6))
    notes = []
    for position in range(count):
        citations = []
        for _ in range(draw(st.integers(0, 3))):
            ref = draw(st.none() | st.tuples(st.integers(0, 7), st.integers(0, 3)))
            citations.append(Citation(
                text=draw(st.text(max_size=20)),
                kind=draw(st.sampled_from(KINDS)),
                csl=draw(CSL),
                locator=draw(st.none() | st.just(Locator("page", "5"))),
                resolves_to=ref,
                candidates=draw(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 3)), max_size=2)),
                siblings=draw(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 3)), max_size=2)),
                points_to_note=draw(st.none() | st.integers(0, 7)),
            ))
        label = draw(st.sampled_from([str(position + 1), str(draw(st.integers(0, 9))), "note-x", "*"]))
        notes.append(Note(position + 1, draw(st.text(max_size=30)), position + 5, citations, label=label))
    markers = draw(st.lists(
        st.builds(Marker, st.sampled_from(["1", "2", "3", "4", "x", "*", "note-x"]), st.integers(1, 9), st.integers(1, 9)),
        max_size=8,
    ))
    return Manuscript("generated", "text", notes, markers)


@settings(max_examples=300, deadline=None)
@given(manuscripts())
def test_any_manuscript_model(manuscript: Manuscript) -> None:
    _well_formed(manuscript, check_structure(manuscript))


def _well_formed(manuscript: Manuscript, findings: list[Any]) -> None:
    numbers = {n.number for n in manuscript.notes}
    for f in findings:
        assert f.code in RULES and f.severity == RULES[f.code].severity
        assert f.message and "\n" not in f.message
        assert f.note is None or f.note in numbers
        if f.citation is not None:
            note = manuscript.note(f.note)
            assert note is not None and 0 <= f.citation < len(note.citations)
