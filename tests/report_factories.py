"""Hand-built manuscripts and check results for the report and reference-list tests.

Bibliographic facts only (authors, titles, publishers, shelf marks); no manuscript prose.
Independent of the note parser, so report tests pin down the writers alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.findings import ERROR, INFO, RULES, WARNING, Finding, Rule
from checkers.result import (
    NOT_FOUND,
    PARTIAL,
    UNVERIFIABLE,
    VERIFIED,
    CheckResult,
    Difference,
    Evidence,
    Verification,
)
from citations.model import ArchivalRef, Citation, Locator, Manuscript, Marker, Note

SAMPLE = (
    Path(__file__).resolve().parents[1].parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"
)

# Codes used by the hand-built result. They are not declared with ``checkers.findings.rule``
# (that would add them to the global table for every other test); report tests put them in
# ``RULES`` for the duration of a test with :func:`register_test_rules`.
RULE_UNPARSED = Rule("TS901", ERROR, "unparsed-citation", "A citation could not be read.",
                     "Write it as author, title, place: publisher year, page.")
RULE_LOCATOR = Rule("TS902", WARNING, "missing-locator", "A book citation gives no page.",
                    "Add the page(s) cited.")
RULE_MISMATCH = Rule("TS903", WARNING, "catalogue-mismatch", "The catalogue record differs from the citation.")
RULE_NOTE = Rule("TS904", INFO, "archival-online", "The archival file is available online.")
TEST_RULES = {r.code: r for r in (RULE_UNPARSED, RULE_LOCATOR, RULE_MISMATCH, RULE_NOTE)}


def register_test_rules(monkeypatch: pytest.MonkeyPatch, *, only: bool = False) -> None:
    """Make the test codes known to the reports for one test.

    With ``only``, they are the only codes known for that test (golden files then do not
    change whenever a checker adds a code); every checker module is imported first, so that
    none declares its codes in the middle of the test.
    """
    if only:
        from checkers.run import steps

        steps()
        for code in list(RULES):
            monkeypatch.delitem(RULES, code)
    for code, r in TEST_RULES.items():
        monkeypatch.setitem(RULES, code, r)


ROGOVIN = {
    "type": "book",
    "author": [{"family": "Rogovin", "given": "Vadim"}],
    "title": "Stalin’s Terror of 1937–1938: Political Genocide in the USSR",
    "publisher": "Mehring Books",
    "publisher-place": "Oak Park",
    "issued": {"date-parts": [[2009]]},
}
ROGOVIN_2021 = {
    "type": "book",
    "author": [{"family": "Rogovin", "given": "Vadim"}],
    "title": "Was There an Alternative? 1923–1927. Trotskyism: A Look Back Through the Years",
    "publisher": "Mehring Books",
    "publisher-place": "Oak Park",
    "issued": {"date-parts": [[2021]]},
}
HUBER = {
    "type": "chapter",
    "author": [{"family": "Huber", "given": "Peter"}],
    "title": "Das Führungskorps der Komintern. Ein Soziobiographischer Querschnitt",
    "container-title": "Biographisches Handbuch zur Geschichte der Kommunistischen Internationale",
    "editor": [{"family": "Buckmiller", "given": "Michael"}, {"family": "Meschkat", "given": "Klaus"}],
    "publisher": "Akademie",
    "publisher-place": "Berlin",
    "issued": {"date-parts": [[2007]]},
    "page": "231–240",
}
PANTSOV = {
    "type": "article-journal",
    "author": [{"family": "Pantsov", "given": "Alexander"}, {"family": "Spichak", "given": "Daria"}],
    "title": "New Light from the Russian Archives",
    "container-title": "Twentieth Century China",
    "volume": "33",
    "issued": {"date-parts": [[2008]]},
    "page": "38–41",
}
WEB = {
    "type": "webpage",
    "title": "Chinese Wikipedia",
    "URL": "https://zh.wikipedia.org/",
    "accessed": {"date-parts": [[2025, 7, 29]]},
}
DIMITROV = {
    "type": "book",
    "title": "The Diary of Georgi Dimitrov 1933–1949",
    "editor": [{"family": "Banac", "given": "Ivo"}],
    "publisher": "Yale University Press",
    "publisher-place": "New Haven/London",
    "issued": {"date-parts": [[2003]]},
}
RGASPI = ArchivalRef(repository="RGASPI", fond="495", opis="18", delo="213", folios="6–7")
RGASPI_2 = ArchivalRef(repository="RGASPI", fond="496", opis="1", delo="2", folios="29–96")
GARF = ArchivalRef(repository="GARF", fond="10035", opis="1", delo="P-54560")


def archival_citation(text: str, ref: ArchivalRef, title: str | None = None) -> Citation:
    csl = {"type": "manuscript", "archive": ref.repository, "archive_location": ref.location()}
    if title:
        csl["title"] = title
    folio = Locator("folio", ref.folios) if ref.folios else None
    return Citation(text, csl=csl, archival=ref, locator=folio)


def small_manuscript(source: str = "chapter.txt") -> Manuscript:
    """Six notes: archival, chapter, book, Ibid., a note with three works, and an unparsed one."""
    notes = [
        Note(1, "RGASPI, fond 495, opis 18, delo 213, list 6–7.", 20, [
            archival_citation("RGASPI, fond 495, opis 18, delo 213, list 6–7.", RGASPI),
        ]),
        Note(2, "Huber, “Das Führungskorps der Komintern”, in: Buckmiller/Meschkat (eds.), …", 22, [
            Citation("Huber, “Das Führungskorps der Komintern”, in: …", csl=dict(HUBER)),
        ]),
        Note(3, "Rogovin, Stalin’s Terror, Oak Park: Mehring Books 2009, p. 307.", 24, [
            Citation("Rogovin, Stalin’s Terror, Oak Park: Mehring Books 2009, p. 307.",
                     csl=dict(ROGOVIN), locator=Locator("page", "307")),
        ]),
        Note(4, "Ibid., p. 325.", 26, [
            Citation("Ibid., p. 325.", kind="ibid", resolves_to=(3, 0), locator=Locator("page", "325")),
        ]),
        Note(5, "Pantsov/Spichak, “New Light”; Rogovin, Was There an Alternative?; RGASPI f. 496, op. 1, "
                "d. 2, l. 29–96; GARF, f. 10035, op. 1, d. P-54560 (NKVD file).", 28, [
            Citation("Pantsov/Spichak, “New Light”", csl=dict(PANTSOV)),
            Citation("Rogovin, Was There an Alternative?", csl=dict(ROGOVIN_2021)),
            archival_citation("RGASPI f. 496, op. 1, d. 2, l. 29–96", RGASPI_2),
            archival_citation("GARF, f. 10035, op. 1, d. P-54560 (NKVD file)", GARF, "NKVD file"),
        ]),
        Note(6, "Chinese Wikipedia (accessed 29.7.2025); The Diary of Georgi Dimitrov, p. 52; "
                "<script>alert(1)</script> & “odd” text", 30, [
            Citation("Chinese Wikipedia (accessed 29.7.2025)", csl=dict(WEB)),
            Citation("The Diary of Georgi Dimitrov, p. 52", csl=dict(DIMITROV), locator=Locator("page", "52")),
            Citation("<script>alert(1)</script> & “odd” text", kind="unparsed",
                     reason="no author, title or archival reference recognised"),
        ]),
    ]
    markers = [Marker(str(n), 3 + n, 10 * n) for n in range(1, 7)]
    return Manuscript(source, "text", notes, markers)


def small_result(source: str = "chapter.txt") -> CheckResult:
    """A check result on :func:`small_manuscript` with every verdict and severity represented."""
    ms = small_manuscript(source)
    result = CheckResult(ms)
    result.verifications = {
        (1, 0): Verification(UNVERIFIABLE, reason="no online catalogue for RGASPI fond 495"),
        (2, 0): Verification(VERIFIED, evidence=[
            Evidence("openlibrary", "OL1234567M", "https://openlibrary.org/books/OL1234567M"),
        ]),
        (3, 0): Verification(PARTIAL, differences=[Difference("issued", 2009, 2008)], evidence=[
            Evidence("openlibrary", "OL7654321M", "https://openlibrary.org/books/OL7654321M"),
            Evidence("googlebooks", "abcDEF", "https://books.google.com/books?id=abcDEF"),
        ]),
        (5, 0): Verification(VERIFIED, evidence=[
            Evidence("crossref", "10.1179/tcc.2008.33.2.29", "https://doi.org/10.1179/tcc.2008.33.2.29"),
        ]),
        (5, 1): Verification(NOT_FOUND, reason="no record matched title and author"),
        (6, 0): Verification(VERIFIED, evidence=[Evidence("wayback", None, "https://web.archive.org/web/2025/https://zh.wikipedia.org/")]),
    }
    result.findings = [
        Finding.of(RULE_NOTE, "The file is available online.", note=1, citation=0, line=20),
        Finding.of(RULE_MISMATCH, "Open Library gives 2008 as the year; the note says 2009.",
                   note=3, citation=0, line=24),
        Finding.of(RULE_UNPARSED, "Cannot read “<script>alert(1)</script> & …” as a citation.",
                   note=6, citation=2, line=30),
        Finding.of(RULE_LOCATOR, "No page given for <b>this</b> book, 100% sure: really", note=5,
                   citation=1, line=28),
        Finding(RULE_UNPARSED.code, ERROR, "Manuscript-level problem,\nsecond line", note=None, line=None),
    ]
    return result


LONG_URL = ("https://www.example.org/archive/collections/communist-international/executive-committee/"
            "fond-495/opis-18/delo-213/digitised-sheets-6-7-of-the-file-with-a-very-long-path.html")


def every_code_result(source: str = "books/a-very-long-directory-name/chapter-07-the-comintern-and-the-"
                      "great-terror-final-revised-version-for-the-publisher.docx") -> CheckResult:
    """A check result with one finding of every code sourcecheck declares (and the test codes),
    every look-up verdict, a long path, a long URL and a long title: the worst case for a page.

    Messages and hints are the rules' own summary and hint, so whatever a checker says about
    itself (URLs, command-line options) reaches the reports.
    """
    from reports.common import known_rules

    rules = sorted(known_rules().values(), key=lambda r: r.code)
    base = small_manuscript(source)
    notes = list(base.notes)
    long_title = {
        "type": "webpage",
        "title": "Kommunisticheskii Internatsional i repressii: Ispolnitelnyi komitet Kominterna "
                 "v 1937–1938 godakh, dokumenty i materialy",
        "URL": LONG_URL,
        "accessed": {"date-parts": [[2025, 7, 29]]},
    }
    first = len(notes) + 1
    for i, _rule in enumerate(rules):
        number = first + i
        text = f"Source {number}, {LONG_URL}" if i == 0 else f"Source {number}, a work cited in note {number}."
        notes.append(Note(number, text, 40 + 2 * i, [Citation(text, csl=dict(long_title) if i == 0 else {
            "type": "book", "author": [{"family": f"Author{number}", "given": "A."}],
            "title": f"Title of work {number}", "issued": {"date-parts": [[1990 + i % 30]]}})]))
    markers = [Marker(str(n.number), n.number, 5) for n in notes]
    result = small_result(source)
    result.manuscript = Manuscript(source, "docx", notes, markers)
    result.verifications[(first, 0)] = Verification(VERIFIED, evidence=[
        Evidence("wayback", "20210512093000", "https://web.archive.org/web/20210512093000/" + LONG_URL)])
    for i, r in enumerate(rules):
        result.findings.append(Finding.of(r, f"{r.summary} (note {first + i})", note=first + i, citation=0,
                                          line=40 + 2 * i))
    return result
