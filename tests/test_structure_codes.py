"""Every structural finding code: a minimal manuscript that triggers it, and one that does not.

Marker and numbering cases are plain-text manuscripts read by the real reader; citation cases
build notes with hand-made citations (the shape the note parser produces), so each check is
tested on exactly the situation it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from checkers import structure
from checkers.findings import RULES
from checkers.structure import check_structure
from citations.model import ArchivalRef, Citation, Locator, Manuscript, Marker, Note
from citations.resolve import resolve
from citations.readers.text import read_text

# --------------------------------------------------------------------------------------------
# Factories
# --------------------------------------------------------------------------------------------


def person(family: str, given: str | None = None) -> dict[str, str]:
    return {"family": family, "given": given} if given else {"family": family}


def book(**fields: Any) -> Citation:
    """Rogovin's Stalin's Terror, complete; ``fields`` override (``None`` removes a field)."""
    csl: dict[str, Any] = {
        "type": "book",
        "author": [person("Rogovin", "Vadim")],
        "title": "Stalin’s Terror of 1937–1938: Political Genocide in the USSR",
        "publisher-place": "Oak Park",
        "publisher": "Mehring Books",
        "issued": {"date-parts": [[2009]]},
    }
    locator = fields.pop("locator", Locator("page", "307"))
    csl.update(fields)
    return Citation(text="(book)", csl={k: v for k, v in csl.items() if v is not None}, locator=locator)


def unsure(citation: Citation) -> Citation:
    """The citation as a reading below the confidence threshold (SC503 instead of SC40x)."""
    citation.confidence = structure.CONFIDENCE_THRESHOLD / 2
    return citation


def chapter(**fields: Any) -> Citation:
    csl: dict[str, Any] = {
        "type": "chapter",
        "author": [person("Müller", "Reinhard")],
        "title": "Denunziation und Terror: Herbert Wehner im Moskauer Exil",
        "editor": [person("Zarusky", "Jürgen")],
        "container-title": "Stalin und die Deutschen. Neue Beiträge der Forschung",
        "publisher-place": "München",
        "publisher": "Oldenbourg",
        "issued": {"date-parts": [[2006]]},
        "page": "46–47",
    }
    csl.update(fields)
    return Citation(text="(chapter)", csl={k: v for k, v in csl.items() if v is not None})


def article(**fields: Any) -> Citation:
    csl: dict[str, Any] = {
        "type": "article-journal",
        "author": [person("Pantsov", "Alexander"), person("Spichak", "Daria")],
        "title": "New Light from the Russian Archives",
        "container-title": "Twentieth Century China",
        "volume": "33",
        "issued": {"date-parts": [[2008]]},
        "page": "38–41",
    }
    csl.update(fields)
    return Citation(text="(article)", csl={k: v for k, v in csl.items() if v is not None})


def webpage(**fields: Any) -> Citation:
    csl: dict[str, Any] = {"type": "webpage", "title": "Chinese Wikipedia", "accessed": {"date-parts": [[2025, 7, 29]]}}
    csl.update(fields)
    return Citation(text="(web)", csl={k: v for k, v in csl.items() if v is not None})


def archival() -> Citation:
    ref = ArchivalRef(repository="RGASPI", fond="495", opis="18", delo="213", folios="6–7")
    return Citation(
        text="RGASPI f. 495, op. 18, d. 213, ll. 6–7",
        csl={"type": "manuscript", "archive": "RGASPI", "archive_location": ref.location()},
        archival=ref,
        locator=Locator("folio", "6–7"),
    )


def ibid(resolves_to: tuple[int, int] | None = None) -> Citation:
    return Citation(text="Ibid., p. 5.", kind="ibid", resolves_to=resolves_to, locator=Locator("page", "5"))


def short(resolves_to: tuple[int, int] | None = None) -> Citation:
    return Citation(
        text="Rogovin, Stalin’s Terror, p. 9.",
        kind="short",
        csl={"author": [person("Rogovin")], "title": "Stalin’s Terror"},
        locator=Locator("page", "9"),
        resolves_to=resolves_to,
    )


def unparsed(text: str = "Something odd, somewhere") -> Citation:
    return Citation(text=text, kind="unparsed", reason="no recognisable citation")


def manuscript(*notes: list[Citation] | tuple[str, list[Citation]]) -> Manuscript:
    """Notes 1…n (each its citations, or ``(text, citations)``), one marker each, in order,
    with Ibid. and short forms resolved by the resolver, as a parsed manuscript is (the checks
    read its ``resolution`` codes)."""
    built = []
    for number, spec in enumerate(notes, start=1):
        text, citations = spec if isinstance(spec, tuple) else ("A note.", spec)
        built.append(Note(number=number, text=text, line=100 + number, citations=citations, label=str(number)))
    resolve(built)
    markers = [Marker(label=str(n.number), line=n.number, column=10) for n in built]
    return Manuscript(source="test", format="text", notes=built, markers=markers)


def text(body: str, notes: str) -> Manuscript:
    """A plain-text manuscript read by the real reader (body, then a Notes section)."""
    return read_text(f"{body}\n\nNotes\n\n{notes}\n")


NOTE = "Vadim Rogovin, Stalin’s Terror, Oak Park: Mehring Books 2009, p. {}."


def notes_text(*numbers: int) -> str:
    return "\n".join(f"[{n}] {NOTE.format(n)}" for n in numbers)


# --------------------------------------------------------------------------------------------
# The tables: code -> (manuscript that triggers it, where) and code -> near miss
# --------------------------------------------------------------------------------------------

Case = Callable[[], Manuscript]

#: code, manuscript, expected (note, line) of the first finding with that code.
TRIGGERS: list[Any] = [
    pytest.param("SC101", lambda: text("One.[1] Two.[2]", notes_text(1)), (None, 1), id="SC101-marker-without-note"),
    pytest.param("SC102", lambda: text("One.[1]", notes_text(1, 2)), (2, 6), id="SC102-note-without-marker"),
    pytest.param("SC102", lambda: text("No markers here.", notes_text(1, 2)), (None, None), id="SC102-no-markers-at-all"),
    pytest.param("SC103", lambda: text("A.[1] B.[2] C.[4]", notes_text(1, 2, 4)), (4, 7), id="SC103-numbering-gap"),
    pytest.param("SC104", lambda: text("A.[1] B.[2]", notes_text(1, 2, 2)), (2, 7), id="SC104-duplicate-note-number"),
    pytest.param("SC105", lambda: text("A.[1]\nB.[3]\nC.[2]", notes_text(1, 2, 3)), (2, 3), id="SC105-marker-out-of-order"),
    pytest.param("SC106", lambda: text("A.[1] B.[2]\nAgain.[1]", notes_text(1, 2)), (1, 2), id="SC106-marker-used-twice"),
    pytest.param("SC107", lambda: manuscript([book()], ("  ", [])), (2, 102), id="SC107-empty-note"),
    pytest.param("SC201", lambda: manuscript([ibid()]), (1, 101), id="SC201-ibid-in-first-note"),
    pytest.param("SC202", lambda: manuscript([book(), chapter()], [ibid()]), (2, 102), id="SC202-ibid-after-two-citations"),
    pytest.param("SC203", lambda: manuscript([book()], ("Commentary only.", []), [ibid()]), (3, 103), id="SC203-ibid-after-commentary"),
    pytest.param("SC204", lambda: manuscript([unparsed()], [ibid()]), (2, 102), id="SC204-ibid-after-unparsed-note"),
    pytest.param("SC204", lambda: manuscript([book()], [unparsed(), ibid()]), (2, 102), id="SC204-ibid-after-unparsed-in-note"),
    pytest.param("SC205", lambda: manuscript([chapter()], [short()]), (2, 102), id="SC205-short-form-without-full"),
    pytest.param("SC206", lambda: manuscript([book()], [book(title="Stalin’s Terror, vol. 2")], [short()]), (3, 103), id="SC206-short-form-ambiguous"),
    pytest.param("SC301", lambda: manuscript([book()], [book(issued={"date-parts": [[2010]]})]), (2, 102), id="SC301-year"),
    pytest.param("SC302", lambda: manuscript([book()], [book(publisher="Mehring")]), (2, 102), id="SC302-publisher"),
    pytest.param("SC303", lambda: manuscript([book()], [book(**{"publisher-place": "Detroit"})]), (2, 102), id="SC303-place"),
    pytest.param("SC304", lambda: manuscript([book()], [book(title="Stalins Terror of 1937–1938: Political Genocide in the USSR")]), (2, 102), id="SC304-title-spelling"),
    pytest.param("SC305", lambda: manuscript([book()], [book(author=[person("Rogowin", "Vadim")])]), (2, 102), id="SC305-author-spelling"),
    pytest.param("SC305", lambda: manuscript([book()], [book(author=[person("Rogovin", "Wadim")])]), (2, 102), id="SC305-given-name-spelling"),
    pytest.param("SC306", lambda: manuscript([article()], [article(**{"container-title": "Twentieth-Century China"})]), (2, 102), id="SC306-container"),
    pytest.param("SC401", lambda: manuscript([book(issued=None)]), (1, 101), id="SC401-book-without-year"),
    pytest.param("SC401", lambda: manuscript([article(issued=None)]), (1, 101), id="SC401-article-without-year"),
    pytest.param("SC402", lambda: manuscript([book(publisher=None)]), (1, 101), id="SC402-book-without-publisher"),
    pytest.param("SC402", lambda: manuscript([book(publisher=None, **{"publisher-place": None})]), (1, 101), id="SC402-book-without-imprint"),
    pytest.param("SC403", lambda: manuscript([article(**{"container-title": None})]), (1, 101), id="SC403-article-without-journal"),
    pytest.param("SC403", lambda: manuscript([chapter(**{"container-title": None})]), (1, 101), id="SC403-chapter-without-book"),
    pytest.param("SC404", lambda: manuscript([chapter(editor=None)]), (1, 101), id="SC404-chapter-without-editors"),
    pytest.param("SC405", lambda: manuscript([webpage()]), (1, 101), id="SC405-web-source-without-url"),
    pytest.param("SC406", lambda: manuscript(("RGASPI f. 495, op. 18, d. 213. This document is available online.", [archival()])), (1, 101), id="SC406-available-online"),
    pytest.param("SC406", lambda: manuscript(("Ein Bericht, Berlin 1930, online verfügbar.", [book()])), (1, 101), id="SC406-online-verfugbar"),
    pytest.param("SC406", lambda: manuscript(("The report, available at the party archive's site.", [book()])), (1, 101), id="SC406-available-at"),
    pytest.param("SC407", lambda: manuscript([book(locator=None)]), (1, 101), id="SC407-book-without-page"),
    pytest.param("SC501", lambda: manuscript([book()], ("On this see the discussion above.", [])), (2, 102), id="SC501-commentary-only"),
    pytest.param("SC502", lambda: manuscript([unparsed()]), (1, 101), id="SC502-unparsed-citation"),
    pytest.param("SC503", lambda: manuscript([unsure(book(publisher=None))]), (1, 101), id="SC503-incomplete-but-unsure"),
]

#: code, a manuscript close to the trigger in which the code must not appear.
NEAR_MISSES: list[Any] = [
    pytest.param("SC101", lambda: text("One.[1] Two.[2]", notes_text(1, 2)), id="SC101-every-marker-has-a-note"),
    pytest.param("SC102", lambda: text("One.[1] Two.[2]", notes_text(1, 2)), id="SC102-every-note-has-a-marker"),
    pytest.param("SC103", lambda: text("A.[1] B.[2] C.[3]", notes_text(1, 2, 3)), id="SC103-consecutive"),
    pytest.param("SC103", lambda: text("A.[1] B.[2] C.[3]", notes_text(1, 2)), id="SC103-missing-note-with-marker-is-SC101"),
    pytest.param("SC104", lambda: text("A.[1] B.[2]", notes_text(1, 2)), id="SC104-unique-numbers"),
    pytest.param("SC105", lambda: text("A.[1]\nB.[2]\nC.[3]", notes_text(1, 2, 3)), id="SC105-in-order"),
    pytest.param("SC105", lambda: text("A.[1]\nB.[2]\nAgain.[1]", notes_text(1, 2)), id="SC105-repeat-is-not-out-of-order"),
    pytest.param("SC106", lambda: text("A.[1] B.[2]", notes_text(1, 2)), id="SC106-each-marker-once"),
    pytest.param("SC107", lambda: manuscript([book()], [chapter()]), id="SC107-notes-with-text"),
    pytest.param("SC201", lambda: manuscript([book()], [ibid((1, 0))]), id="SC201-ibid-in-second-note"),
    pytest.param("SC201", lambda: manuscript([book(), ibid((1, 0))]), id="SC201-ibid-later-in-first-note"),
    pytest.param("SC202", lambda: manuscript([book()], [ibid((1, 0))]), id="SC202-ibid-after-one-citation"),
    pytest.param("SC202", lambda: manuscript([book(), chapter(), ibid((1, 1))]), id="SC202-ibid-within-a-note"),
    pytest.param("SC203", lambda: manuscript([book()], [ibid((1, 0))]), id="SC203-previous-note-cites"),
    pytest.param("SC204", lambda: manuscript([book()], [ibid((1, 0))]), id="SC204-previous-citation-parsed"),
    pytest.param("SC205", lambda: manuscript([book()], [short((1, 0))]), id="SC205-short-form-resolved"),
    pytest.param("SC206", lambda: manuscript([book()], [short((1, 0))]), id="SC206-one-match"),
    pytest.param("SC301", lambda: manuscript([book()], [book()]), id="SC301-same-details"),
    pytest.param("SC301", lambda: manuscript([book()], [book(title="Was There an Alternative? 1923–1927", issued={"date-parts": [[2021]]})]), id="SC301-another-book-by-the-author"),
    pytest.param("SC301", lambda: manuscript([book(volume="33")], [book(volume="35", issued={"date-parts": [[2010]]})]), id="SC301-another-volume"),
    pytest.param("SC301", lambda: manuscript([book(edition="1")], [book(edition="2", issued={"date-parts": [[2012]]})]), id="SC301-another-edition"),
    pytest.param("SC302", lambda: manuscript([book()], [book()]), id="SC302-same-publisher"),
    pytest.param("SC302", lambda: manuscript([book()], [book(author=[person("Weber", "Hermann")], publisher="Dietz")]), id="SC302-same-title-other-author"),
    pytest.param("SC303", lambda: manuscript([book()], [book(**{"publisher-place": "Oak Park"})]), id="SC303-same-place"),
    pytest.param("SC304", lambda: manuscript([book()], [book(title="STALIN'S TERROR OF 1937-1938: POLITICAL GENOCIDE IN THE USSR.")]), id="SC304-case-quotes-dashes-do-not-count"),
    pytest.param("SC304", lambda: manuscript([chapter(title="Einleitung")], [chapter(title="Einleitung", **{"container-title": "Terror. Stalinistische Parteisäuberungen"})]), id="SC304-same-title-other-book"),
    pytest.param("SC305", lambda: manuscript([book()], [book(author=[person("Rogovin", "V.")])]), id="SC305-initial-agrees"),
    pytest.param("SC306", lambda: manuscript([article()], [article()]), id="SC306-same-journal"),
    pytest.param("SC401", lambda: manuscript([book(), archival()]), id="SC401-archival-files-need-no-year"),
    pytest.param("SC402", lambda: manuscript([book()]), id="SC402-full-imprint"),
    pytest.param("SC403", lambda: manuscript([article(), chapter()]), id="SC403-containers-given"),
    pytest.param("SC404", lambda: manuscript([chapter(editor=None, **{"container-author": [person("Trotsky", "Leon")]})]), id="SC404-book-author-instead-of-editors"),
    pytest.param("SC405", lambda: manuscript([webpage(URL="https://zh.wikipedia.org/")]), id="SC405-url-given"),
    pytest.param("SC406", lambda: manuscript(("RGASPI f. 495. Available online at https://sovdoc.rusarchives.ru/.", [archival()])), id="SC406-link-given"),
    pytest.param("SC406", lambda: manuscript(("Trotsky, The Revolution Betrayed, 1990, available in the WSWS Marxist Library.", [book()])), id="SC406-available-in-a-library"),
    pytest.param("SC407", lambda: manuscript([book(), chapter()]), id="SC407-page-given-chapters-exempt"),
    pytest.param("SC501", lambda: manuscript([book()], ("", [])), id="SC501-empty-note-is-SC107"),
    pytest.param("SC502", lambda: manuscript([book()]), id="SC502-parsed"),
    pytest.param("SC503", lambda: manuscript([unsure(book())]), id="SC503-unsure-but-complete"),
    pytest.param("SC402", lambda: manuscript([unsure(book(publisher=None))]), id="SC402-not-on-an-unsure-reading"),
]


@pytest.mark.parametrize(("code", "make", "where"), TRIGGERS)
def test_code_is_reported(code: str, make: Case, where: tuple[int | None, int | None]) -> None:
    ms = make()
    findings = [f for f in check_structure(ms) if f.code == code]
    assert findings, f"{code} not reported"
    first = findings[0]
    note = ms.note(first.note) if first.note is not None else None
    # ``where`` names the note by its label as written (readers number notes by position).
    assert (int(note.key) if note else None, first.line) == where
    assert first.severity == RULES[code].severity
    assert first.message and first.hint


@pytest.mark.parametrize(("code", "make"), NEAR_MISSES)
def test_code_is_not_reported(code: str, make: Case) -> None:
    assert [f.message for f in check_structure(make()) if f.code == code] == []


def _structure_codes() -> list[str]:
    return sorted(
        value.code for value in vars(structure).values() if isinstance(value, type(structure.IBID_FIRST))
    )


def _codes_in(table: list[Any]) -> set[str]:
    return {p.values[0] for p in table}


def test_every_code_has_a_trigger_and_a_near_miss() -> None:
    codes = set(_structure_codes())
    assert codes == _codes_in(TRIGGERS)
    assert codes == _codes_in(NEAR_MISSES)


def test_codes_are_grouped_and_named_like_a_linter() -> None:
    for code in _structure_codes():
        rule = RULES[code]
        assert code[:3] in {"SC1", "SC2", "SC3", "SC4", "SC5"}
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary.endswith(".") and rule.hint.endswith(".")


def test_a_clean_manuscript_has_no_findings() -> None:
    ms = manuscript([book()], [ibid((1, 0))], [chapter()], [short((1, 0))], [article()], [webpage(URL="https://example.org/")])
    assert check_structure(ms) == []


# --------------------------------------------------------------------------------------------
# Details of particular checks
# --------------------------------------------------------------------------------------------


def test_short_form_before_its_full_citation_points_to_the_later_note() -> None:
    ms = manuscript([short()], [chapter()], [book()])
    (finding,) = [f for f in check_structure(ms) if f.code == "SC205"]
    assert "note 3" in (finding.hint or "")


def test_differences_are_reported_field_by_field_against_the_first_citation() -> None:
    ms = manuscript(
        [book()],
        [ibid((1, 0))],
        [book(publisher="Mehring", issued={"date-parts": [[2010]]}, **{"publisher-place": "Detroit"})],
    )
    findings = {f.code: f for f in check_structure(ms)}
    assert sorted(findings) == ["SC301", "SC302", "SC303"]
    assert all(f.note == 3 and f.citation == 0 for f in findings.values())
    assert "“2010”" in findings["SC301"].message and "“2009”" in findings["SC301"].message
    assert "note 1" in findings["SC302"].message


def test_a_work_cited_twice_in_one_note_is_not_compared_with_itself() -> None:
    ms = manuscript([book(), book(issued={"date-parts": [[2010]]})])
    assert not [f for f in check_structure(ms) if f.code.startswith("SC3")]


def test_ibid_after_several_citations_names_them() -> None:
    ms = manuscript([book(), chapter()], [ibid()])
    (finding,) = [f for f in check_structure(ms) if f.code == "SC202"]
    assert "Rogovin" in finding.message and "Müller" in finding.message


def test_marker_findings_point_at_the_marker() -> None:
    ms = text("Intro.\nA.[1] B.[2]\nAgain [1] here.", notes_text(1, 2))
    (finding,) = [f for f in check_structure(ms) if f.code == "SC106"]
    assert (finding.line, finding.note) == (3, 1)
    assert "line 3, column 7" in finding.message and "line 2, column 3" in finding.message


def test_numbering_gap_names_every_missing_number() -> None:
    ms = text("A.[1] B.[5]", notes_text(1, 5))
    (finding,) = [f for f in check_structure(ms) if f.code == "SC103"]
    assert "notes 2–4 missing" in finding.message


def test_the_step_adds_findings_to_the_result() -> None:
    from checkers.run import run_checks

    result = run_checks(manuscript([ibid()]))
    assert [f.code for f in result.findings] == ["SC201"]


def test_ibid_after_one_source_cited_twice_is_not_ambiguous() -> None:
    ms = manuscript([book(), ibid((1, 0))], [ibid((1, 0))])
    assert [f.code for f in check_structure(ms) if f.code.startswith("SC2")] == []


def test_a_stray_marker_suggests_the_note_without_a_marker() -> None:
    ms = text("A.[1] B.[4]", notes_text(1, 3))
    (finding,) = [f for f in check_structure(ms) if f.code == "SC101"]
    assert "Note 3 has no marker" in (finding.hint or "")


@pytest.mark.parametrize(
    ("later", "code"),
    [
        pytest.param(chapter(title="Die Opfer", issued={"date-parts": [[2007]]}), "SC301", id="another-chapter-other-year"),
        pytest.param(
            book(title="Stalin und die Deutschen. Neue Beiträge der Forschung", author=None,
                 editor=[person("Zarusky", "Jürgen")], publisher="De Gruyter",
                 issued={"date-parts": [[2006]]}, **{"publisher-place": "München"}),
            "SC302", id="the-volume-itself-other-publisher",
        ),
        pytest.param(chapter(title="Die Opfer", editor=[person("Zarusky", "Jürgen")]), None, id="another-chapter-same-details"),
    ],
)
def test_chapters_are_compared_through_their_volume(later: Citation, code: str | None) -> None:
    findings = [f.code for f in check_structure(manuscript([chapter()], [later])) if f.code.startswith("SC3")]
    assert findings == ([code] if code else [])


def test_the_same_chapter_twice_is_reported_once_per_field() -> None:
    ms = manuscript([chapter()], [chapter(issued={"date-parts": [[2007]]})])
    assert [f.code for f in check_structure(ms) if f.code.startswith("SC3")] == ["SC301"]
