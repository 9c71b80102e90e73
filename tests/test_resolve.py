"""Resolution of Ibid., idem, short forms and op. cit., as a specification table.

Each case is a list of notes; the expected value gives, for every citation in order, the
(note, index) it resolves to, or None — like eyecite's resolution tests.
"""

from __future__ import annotations

import pytest

from citations import parse_note, resolve
from citations.model import Note

CHASE = "William J. Chase, Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939, New Haven: Yale University Press 2001, p. 5."
ROGOVIN = "Vadim Rogovin, Stalin’s Terror of 1937–1938: Political Genocide in the USSR, Oak Park: Mehring Books 2009, p. 307."
ROGOVIN_2 = "Vadim Rogovin, 1937. Stalin’s Year of Terror, Oak Park: Mehring Books 1998, p. 12."


def resolved(*texts: str) -> list[Note]:
    notes = [Note(i + 1, text, i + 1) for i, text in enumerate(texts)]
    for note in notes:
        note.citations = parse_note(note.text)
    return resolve(notes)


def targets(notes: list[Note]) -> list[tuple[int, int] | None]:
    return [c.resolves_to for n in notes for c in n.citations]


@pytest.mark.parametrize(
    "texts, expected",
    [
        pytest.param([CHASE, "Ibid., p. 7."], [None, (1, 0)], id="ibid-previous-note"),
        pytest.param([f"{CHASE}; ibid., p. 9."], [None, (1, 0)], id="ibid-same-note"),
        pytest.param([CHASE, "Ibid.", "Ibid., p. 3."], [None, (1, 0), (1, 0)], id="ibid-chain"),
        pytest.param(["Ibid., p. 3."], [None], id="ibid-in-first-note"),
        pytest.param([CHASE, "This point is made in many places.", "Ibid."], [None, None], id="ibid-after-commentary"),
        pytest.param([CHASE, "Chase, Enemies within the Gates?, p. 297."], [None, (1, 0)], id="short-form"),
        pytest.param([CHASE, ROGOVIN, "Chase, Enemies, p. 1.", "Ibid., p. 2."], [None, None, (1, 0), (1, 0)], id="ibid-after-short"),
        pytest.param([ROGOVIN, ROGOVIN_2, "Rogovin, op. cit., p. 20."], [None, None, None], id="op-cit-ambiguous"),
        pytest.param([ROGOVIN, "Rogovin, op. cit., p. 20."], [None, (1, 0)], id="op-cit-unique"),
        pytest.param([ROGOVIN, "Idem, Was There an Alternative?, Oak Park: Mehring Books 2021, p. 83."], [None, None], id="idem-is-a-new-work"),
        pytest.param(["Enemies within the Gates, p. 4."], [None], id="short-form-without-full"),
    ],
)
def test_resolution(texts: list[str], expected: list) -> None:
    assert targets(resolved(*texts)) == expected


def test_ibid_after_a_note_with_several_citations_takes_the_last_and_lists_the_others() -> None:
    notes = resolved(f"{CHASE}; {ROGOVIN}", "Ibid., p. 8.")
    ibid = notes[1].citations[0]
    assert ibid.resolves_to == (1, 1)
    assert ibid.siblings == [(1, 0)] and ibid.candidates == []


def test_resolved_citations_reach_the_antecedent_item_and_keep_their_own_fields() -> None:
    notes = resolved(CHASE, "Ibid., p. 7.", "Chase, Enemies, p. 9.")
    full, ibid, short = (n.citations[0] for n in notes)
    assert ibid.resolved_csl["title"].startswith("Enemies within the Gates?")
    assert ibid.resolved_csl is full.csl and ibid.antecedent is full  # reached, not copied
    assert ibid.csl == {} and ibid.locator.value == "7"
    assert short.antecedent is full and short.resolved_csl is full.csl
    assert short.csl["title"] == "Enemies" and short.locator.value == "9"  # as written
    assert short.to_dict()["csl"] == full.to_dict()["csl"]  # JSON writes the work cited


def test_unresolved_citations_say_why() -> None:
    first = resolved("Ibid., p. 3.")[0].citations[0]
    assert "first note" in first.reason
    ambiguous = resolved(ROGOVIN, ROGOVIN_2, "Rogovin, op. cit., p. 20.")[2].citations[0]
    assert ambiguous.reason.startswith("ambiguous") and ambiguous.candidates == [(1, 0), (2, 0)]


def test_idem_takes_the_previous_authors() -> None:
    notes = resolved(ROGOVIN, "Idem, Was There an Alternative?, Oak Park: Mehring Books 2021, p. 83.")
    assert notes[1].citations[0].csl["author"] == [{"family": "Rogovin", "given": "Vadim"}]


def test_ibid_of_an_archival_file_keeps_the_file_and_takes_the_new_folios() -> None:
    notes = resolved("RGASPI f. 495, op. 18, d. 213, l. 6.", "Ibid., l. 9.")
    ibid = notes[1].citations[0]
    assert ibid.resolves_to == (1, 0)
    assert ibid.archival.canonical() == "RGASPI f. 495, op. 18, d. 213, l. 9"


def codes(notes: list[Note]) -> list[str | None]:
    return [c.resolution for n in notes for c in n.citations]


@pytest.mark.parametrize(
    "texts, expected",
    [
        pytest.param([CHASE, "Ibid., p. 7."], [None, "resolved"], id="ibid-resolved"),
        pytest.param(["Ibid., p. 3."], ["first-note"], id="ibid-in-first-note"),
        pytest.param([CHASE, "This point is made in many places.", "Ibid."], [None, "after-commentary"], id="ibid-after-commentary"),
        pytest.param([f"{CHASE}; {ROGOVIN}", "Ibid., p. 8."], [None, None, "after-several"], id="ibid-after-two-sources"),
        pytest.param([f"{CHASE}; ibid., p. 9.", "Ibid., p. 8."], [None, "resolved", "resolved"], id="ibid-after-one-source-twice"),
        pytest.param(["Enemies within the Gates, p. 4.", "Ibid., p. 5."], ["no-match", "after-unresolved"], id="ibid-after-unresolved-short"),
        pytest.param(["Enemies within the Gates, p. 4.; ibid., p. 5."], ["no-match", "after-unresolved"], id="ibid-after-unresolved-in-note"),
        pytest.param([ROGOVIN, ROGOVIN_2, "Rogovin, op. cit., p. 20."], [None, None, "ambiguous"], id="op-cit-ambiguous"),
        pytest.param([ROGOVIN, "Rogovin, op. cit., p. 20."], [None, "resolved"], id="op-cit-unique"),
    ],
)
def test_resolution_says_why_as_a_code(texts: list[str], expected: list) -> None:
    assert codes(resolved(*texts)) == expected


def test_ibid_after_an_unreadable_citation_says_so() -> None:
    from citations.model import Citation

    notes = [Note(1, "?", 1, [Citation("???", kind="unparsed")]),
             Note(2, "?", 2, [Citation("!!!", kind="unparsed"), Citation("Ibid.", kind="ibid")]),
             Note(3, "Ibid.", 3, [Citation("Ibid.", kind="ibid")])]
    resolve(notes)
    assert codes(notes) == [None, None, "after-unparsed", "after-several"]
    notes[1].citations = [Citation("Ibid.", kind="ibid")]
    resolve(notes)
    # The Ibid. of note 3 follows an Ibid. that resolved to nothing, not an unreadable citation.
    assert codes(notes) == [None, "after-unparsed", "after-unresolved"]
