"""Manuscript.note(number) and markers_for(note) answer from an index, and stay right when the
lists change after the first look-up (appended, replaced, renumbered in place)."""

from __future__ import annotations

from citations.model import Manuscript, Marker, Note


def test_lookups_follow_appends_replacements_and_renumbering():
    ms = Manuscript("m.txt", "text", notes=[Note(1, "a", 1), Note(2, "b", 2)],
                    markers=[Marker("1", 1, 5), Marker("2", 1, 9), Marker("1", 3, 2)])
    assert ms.note(2).text == "b"
    assert [(m.line, m.column) for m in ms.markers_for(ms.note(1))] == [(1, 5), (3, 2)]
    ms.notes.append(Note(3, "c", 3))
    ms.markers.append(Marker("3", 4, 1))
    assert ms.note(3).text == "c" and len(ms.markers_for(ms.note(3))) == 1
    ms.notes = [Note(7, "x", 1)]
    assert ms.note(1) is None and ms.note(7).text == "x"
    ms.notes[0].number = 8  # in place: seen when the old number is asked for
    assert ms.note(7) is None and ms.note(8).text == "x"
    ms.markers[0].label = "9"  # in place: seen when the old label is asked for
    assert [m.line for m in ms.markers_for(Note(1, "", 1))] == [3]
    assert ms.markers_for(Note(9, "", 1)) == [ms.markers[0]]


def test_first_note_with_a_number_wins_and_markers_are_a_copy():
    ms = Manuscript("m.txt", "text", notes=[Note(1, "first", 1), Note(1, "second", 5)],
                    markers=[Marker("1", 1, 1)])
    assert ms.note(1).text == "first"
    ms.markers_for(ms.note(1)).clear()
    assert len(ms.markers_for(ms.note(1))) == 1


def test_to_dict_pairs_every_note_with_its_markers_at_scale():
    n = 20_000
    ms = Manuscript("m.txt", "text", notes=[Note(i, f"n{i}", i) for i in range(1, n + 1)],
                    markers=[Marker(str(i), i, 1) for i in range(1, n + 1)])
    notes = ms.to_dict()["notes"]
    assert all(entry["markers"] == [{"line": entry["number"], "column": 1}] for entry in notes)
