"""find_archival in note text: every reference, its span, its description, continuations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citations.archival import find_archival, parse_archival
from citations.model import ArchivalRef
from tests.shared import REASON as SHARED_REASON

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"


def spans(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_archival(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Russian State Archive of Socio-Political History (RGASPI), fond 495, opis 18, delo 213, "
            "list 6–7. This document is available online.",
            ["Russian State Archive of Socio-Political History (RGASPI), fond 495, opis 18, delo 213, list 6–7"],
        ),
        (
            "Papadatos, Oi diokseis, Athens 2021; State Archive of the Russian Federation (GARF), f. 10035, "
            "op. 1, d. P-54560 (NKVD file of Georgi Bendas).",
            ["State Archive of the Russian Federation (GARF), f. 10035, op. 1, d. P-54560 (NKVD file of Georgi Bendas)"],
        ),
        ("RGASPI f. 496, op. 1, d. 2, l. 29–96.", ["RGASPI f. 496, op. 1, d. 2, l. 29–96"]),
        (
            "See RGASPI 495/74/124 and 495/74/125 on the Greek section.",
            ["RGASPI 495/74/124", "495/74/125"],
        ),
        (
            "RGASPI, f. 495, op. 18, d. 213, l. 6; GARF, f. R-9401, op. 2, d. 64, l. 12.",
            ["RGASPI, f. 495, op. 18, d. 213, l. 6", "GARF, f. R-9401, op. 2, d. 64, l. 12"],
        ),
        (
            "RGASPI, f. 495, op. 18, d. 213, l. 6; d. 214, l. 3; op. 74, d. 124.",
            ["RGASPI, f. 495, op. 18, d. 213, l. 6", "d. 214, l. 3", "op. 74, d. 124"],
        ),
        (
            "Quoted in Weber, Komintern, p. 12 (from РГАСПИ. Ф. 495. Оп. 18. Д. 213. Л. 6 об.).",
            ["РГАСПИ. Ф. 495. Оп. 18. Д. 213. Л. 6 об."],
        ),
        (
            "Letter of 3 May 1937, SAPMO-BArch, RY 1/I 2/3/45, Bl. 12–15; BArch R 58/123.",
            ["SAPMO-BArch, RY 1/I 2/3/45, Bl. 12–15", "BArch R 58/123"],
        ),
        ("Cited from f. 495, op. 18, d. 213, l. 6.", ["f. 495, op. 18, d. 213, l. 6"]),
        ("TsGAIPD SPb, f. 24, op. 2, d. 3, l. 4.", ["TsGAIPD SPb, f. 24, op. 2, d. 3, l. 4"]),
        ("Stalin to Molotov, f. 558, op. 1, d. 2.", ["f. 558, op. 1, d. 2"]),
        (
            "In the Comintern archive (RGASPI), f. 495, op. 18, d. 213, there is more.",
            ["RGASPI), f. 495, op. 18, d. 213"],
        ),
        ("RGASPI, f. 495, op. 18, d. 213, l. 6, 12 May 1937.", ["RGASPI, f. 495, op. 18, d. 213, l. 6"]),
        ("RGASPI, f. 495, op. 18, d. 213, ll. 6, 7 and 9, see also", ["RGASPI, f. 495, op. 18, d. 213, ll. 6, 7 and 9"]),
        ("Hermann Weber, Die Wandlung, Frankfurt 1969, pp. 12 f., 33.", []),
        ("The RGASPI reading room was closed in 1996.", []),
        ("RGASPI, 1937, 12 pages of notes.", []),
        ("A GARF photograph (courtesy of the archive).", []),
    ],
)
def test_find_archival_spans_run_from_the_archive_to_the_last_folio(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text, repository",
    [("TsGAIPD SPb, f. 24, op. 2, d. 3", "TsGAIPD SPb"), ("ЦГАИПД СПб. Ф. 24. Оп. 2. Д. 3.", "ЦГАИПД СПб"),
     ("GAOO f. 1, op. 2, d. 3", "GAOO"), ("Cited from f. 495, op. 18", None), ("Stalin, f. 558, op. 1", None),
     ("Cited from f. 495, op. 18, d. 213 (RGASPI).", "RGASPI")],
)
def test_an_acronym_the_table_does_not_know_is_kept_as_the_repository(text: str, repository: str | None) -> None:
    [m] = find_archival(text)
    assert m.ref.repository == repository
    assert m.repository_text == repository
    assert m.description is None


def test_continuation_inherits_archive_and_upper_levels() -> None:
    first, second, third = find_archival("RGASPI, f. 495, op. 18, d. 213, l. 6; d. 214, l. 3; op. 74, d. 124")
    assert second.ref.canonical() == "RGASPI f. 495, op. 18, d. 214, l. 3"
    assert second.repository_text is None
    assert third.ref.canonical() == "RGASPI f. 495, op. 74, d. 124"


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("d. 214, l. 3", "RGASPI f. 495, op. 18, d. 214, l. 3"),
        (" f. 533, op. 10, d. 1950, l. 12.", "RGASPI f. 533, op. 10, d. 1950, l. 12"),
        ("495/74/125", "RGASPI f. 495, op. 74, d. 125"),
        ("op. 74, d. 124 (on the KKE)", "RGASPI f. 495, op. 74, d. 124"),
    ],
)
def test_a_span_split_from_its_note_continues_the_previous_reference(text: str, canonical: str) -> None:
    previous = ArchivalRef("RGASPI", "495", "18", "213", "6")
    [m] = find_archival(text, previous=previous)
    assert m.ref.canonical() == canonical
    assert m.repository_text is None
    assert text[m.start:m.end].startswith(text.strip()[:4])


def test_previous_reference_does_not_capture_a_new_archive_or_a_lone_folio() -> None:
    previous = ArchivalRef("RGASPI", "495", "18", "213", "6")
    assert [m.ref.repository for m in find_archival("GARF, f. 1235, op. 1, d. 16", previous)] == ["GARF"]
    assert find_archival("l. 7", previous) == []
    assert find_archival("Weber, Komintern, p. 12", previous) == []


def test_shorthand_continuation_gets_the_archive() -> None:
    _, second = find_archival("RGASPI 495/74/124 and 495/74/125")
    assert second.ref.canonical() == "RGASPI f. 495, op. 74, d. 125"


def test_description_is_captured_and_not_part_of_the_shelf_mark() -> None:
    [m] = find_archival("GARF, f. 10035, op. 1, d. P-54560 (NKVD file of Georgi Bendas)")
    assert m.description == "NKVD file of Georgi Bendas"
    assert m.ref.delo == "P-54560"
    assert m.repository_text == "GARF"


def test_full_name_with_acronym_is_the_repository_text() -> None:
    [m] = find_archival("Russian State Archive of Socio-Political History (RGASPI), fond 495, opis 18")
    assert m.repository_text == "Russian State Archive of Socio-Political History (RGASPI)"
    assert m.ref.repository == "RGASPI"


def test_levels_out_of_order_are_reported_as_problems() -> None:
    [m] = find_archival("RGASPI f. 495, op. 18, l. 6, d. 213")
    assert m.order == ("fond", "opis", "folios", "delo")
    assert m.problems == ["folios written before delo"]


# --- the sample manuscript's archival notes ----------------------------------------------------


def sample_notes() -> dict[int, str]:
    if not SAMPLE.exists():
        pytest.skip(SHARED_REASON)
    from citations.readers import read_manuscript

    return {note.number: note.text for note in read_manuscript(SAMPLE).notes}


@pytest.mark.parametrize(
    "number, canonical, description",
    [
        (1, "RGASPI f. 495, op. 18, d. 213, ll. 6–7", None),
        (8, "RGASPI f. 496, op. 1, d. 2, ll. 29–96", None),
        (17, "GARF f. 10035, op. 1, d. P-54560", "NKVD file of Georgi Bendas"),
    ],
)
def test_sample_manuscript_archival_notes_are_found(number: int, canonical: str, description: str | None) -> None:
    notes = sample_notes()
    [m] = find_archival(notes[number])
    assert m.ref.canonical() == canonical
    assert m.description == description


def test_sample_manuscript_has_archival_references_only_in_notes_1_8_17() -> None:
    notes = sample_notes()
    assert sorted(n for n, text in notes.items() if find_archival(text)) == [1, 8, 17]


# --- robustness ---------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["RGASPI", "ГАРФ", "GA RF", "f.", "F.", "fond", "op.", "opis'", "d.", "Д.", "l.", "ll.", "Л.", "ob.",
     "об.", "/", ",", ".", ";", " ", "(", ")", "–", "-", "495", "18", "P-54560", "Р-5446", "3-ос", "1v",
     "and", "SAPMO-BArch", "RY 1", "I 2/3/45", "Bl.", "p.", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map(" ".join) | st.text(max_size=80))
def test_find_and_parse_never_raise_and_spans_are_in_bounds(text: str) -> None:
    matches = find_archival(text)
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        m.ref.canonical()
    parse_archival(text)
