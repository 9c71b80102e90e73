"""The Chicago reference list prints as CMOS 17 (notes-bibliography) prescribes.

One row per case found when the list was checked against the manual; each row builds its works
by hand (bibliographic facts only), so the table pins down the writer, not the note parser.
"""

from __future__ import annotations

import pytest

from citations.model import ArchivalRef, Citation, Manuscript, Note
from reports.bibliography import chicago
from reports.bibliography.titles import headline_case, is_english
from tests.report_factories import DIMITROV, archival_citation

NORTH = {
    "type": "chapter", "author": [{"family": "North", "given": "David"}], "title": "Introduction",
    "container-author": [{"family": "Trotsky", "given": "Leon"}], "container-title": "The Revolution Betrayed",
    "publisher-place": "Oak Park", "publisher": "Mehring Books", "issued": {"date-parts": [[1990]]},
}
WEBER_ETAL_TEXT = ("Hermann Weber, “Zum Verhältnis von Komintern, Sowjetstaat und KPD”, in: Weber et al, "
                   "Russland, Deutschland, Komintern, Berlin/Boston: De Gruyter 2014, p. 113.")
WEBER_ETAL = {
    "type": "chapter", "author": [{"family": "Weber", "given": "Hermann"}], "editor": [{"family": "Weber"}],
    "title": "Zum Verhältnis von Komintern, Sowjetstaat und KPD", "container-title": "Russland, Deutschland, Komintern",
    "publisher-place": "Berlin/Boston", "publisher": "De Gruyter", "issued": {"date-parts": [[2014]]}, "page": "113",
}
WEBER_EINLEITUNG = {
    "type": "chapter", "author": [{"family": "Weber", "given": "Hermann"}],
    "editor": [{"family": "Weber", "given": "Hermann"}, {"family": "Mählert", "given": "Ulrich"}],
    "title": "Einleitung", "container-title": "Terror. Stalinistische Parteisäuberungen 1936–1953",
    "publisher-place": "Paderborn", "publisher": "Schöningh", "issued": {"date-parts": [[2001]]}, "page": "17",
}
LEONHARD = {
    "type": "book", "author": [{"family": "Leonhard", "given": "Wolfgang"}], "title": "Child of the revolution",
    "publisher-place": "Chicago", "publisher": "Henry Regnery Co.", "issued": {"date-parts": [[1958]]},
}
JUNGE = {
    "type": "book", "author": [{"family": "Junge", "given": "Marc"}],
    "title": "Bolschewistische Ordnung in Georgien. Der Große Terror in einer kleinen kaukasischen Republik",
    "publisher-place": "Berlin/Boston", "publisher": "De Gruyter", "issued": {"date-parts": [[2015]]},
}
CHASE = {
    "type": "book", "author": [{"family": "Chase", "given": "William J."}],
    "title": "Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939",
    "publisher-place": "New Haven/London", "publisher": "Yale University Press", "issued": {"date-parts": [[2001]]},
}
CONQUEST = {
    "type": "book", "author": [{"family": "Conquest", "given": "Robert"}], "title": "The Great Terror. A Reassessment",
    "publisher-place": "New York/Oxford", "publisher": "Oxford University Press", "issued": {"date-parts": [[1990]]},
}
WIKIPEDIA = {
    "type": "webpage", "author": [{"literal": "Wikipedia"}], "title": "Communist International",
    "URL": "https://en.wikipedia.org/wiki/Communist_International", "accessed": {"date-parts": [[2025, 2, 14]]},
}
ROGOVIN_1937 = {
    "type": "book", "author": [{"family": "Rogovin", "given": "Vadim"}], "title": "1937. Stalin’s Year of Terror",
    "publisher-place": "Oak Park", "publisher": "Mehring Books", "issued": {"date-parts": [[1998]]},
}
ROGOVIN_2009 = {
    "type": "book", "author": [{"family": "Rogovin", "given": "Vadim"}],
    "title": "Stalin’s Terror of 1937–1938: Political Genocide in the USSR",
    "publisher-place": "Oak Park", "publisher": "Mehring Books", "issued": {"date-parts": [[2009]]},
}
GARF = ArchivalRef(repository="GARF", fond="10035", opis="1", delo="P-54560", folios="3")


def manuscript(*citations: Citation | dict) -> Manuscript:
    """One note per citation (a dict is a full citation with that CSL item)."""
    notes = []
    for i, c in enumerate(citations, start=1):
        if isinstance(c, dict):
            c = Citation(c.get("title", "x"), csl=dict(c))
        notes.append(Note(i, c.text, i, [c]))
    return Manuscript("cases.txt", "text", notes)


def published(ms: Manuscript, style: str = "text") -> list[str]:
    out = chicago.render(ms, style)
    return out.split(chicago.HEADINGS["published"] if style == "text" else "Published sources")[1].strip().split("\n")


CASES = [
    pytest.param(
        [DIMITROV],
        ["Banac, Ivo, ed. The Diary of Georgi Dimitrov 1933–1949. New Haven: Yale University Press, 2003."],
        id="1-edited-volume-names-its-editor-once",
    ),
    pytest.param(
        [NORTH],
        ["North, David. Introduction to The Revolution Betrayed, by Leon Trotsky. Oak Park: Mehring Books, 1990."],
        id="2-introduction-to-book-by-author",
    ),
    pytest.param(
        [Citation(WEBER_ETAL_TEXT, csl=dict(WEBER_ETAL))],
        ["Weber, Hermann. “Zum Verhältnis von Komintern, Sowjetstaat und KPD.” In Russland, Deutschland, "
         "Komintern, edited by Hermann Weber et al. Berlin: De Gruyter, 2014."],
        id="3-editor-given-name-and-et-al",
    ),
    pytest.param(
        [WEBER_EINLEITUNG],
        ["Weber, Hermann. “Einleitung.” In Terror. Stalinistische Parteisäuberungen 1936–1953, edited by "
         "Hermann Weber and Ulrich Mählert. Paderborn: Schöningh, 2001."],
        id="4-cited-page-is-not-the-chapters-range",
    ),
    pytest.param(
        [LEONHARD, JUNGE],
        ["Junge, Marc. Bolschewistische Ordnung in Georgien. Der Große Terror in einer kleinen kaukasischen "
         "Republik. Berlin: De Gruyter, 2015.",
         "Leonhard, Wolfgang. Child of the Revolution. Chicago: Henry Regnery Co., 1958."],
        id="5-headline-style-for-english-titles-only",
    ),
    pytest.param(
        [CHASE],
        ["Chase, William J. Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939. "
         "New Haven: Yale University Press, 2001."],
        id="6-one-place-of-publication",
    ),
    pytest.param(
        [WIKIPEDIA, CONQUEST, CHASE],
        ["Chase, William J. Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939. "
         "New Haven: Yale University Press, 2001.",
         "Conquest, Robert. The Great Terror. A Reassessment. New York: Oxford University Press, 1990.",
         "Wikipedia. “Communist International.” Accessed February 14, 2025. "
         "https://en.wikipedia.org/wiki/Communist_International."],
        id="7-sorted-by-the-entrys-first-word",
    ),
    pytest.param(
        [ROGOVIN_2009, ROGOVIN_1937],
        ["Rogovin, Vadim. 1937. Stalin’s Year of Terror. Oak Park: Mehring Books, 1998.",
         "———. Stalin’s Terror of 1937–1938: Political Genocide in the USSR. Oak Park: Mehring Books, 2009."],
        id="8-three-em-dash-for-a-repeated-author",
    ),
]


@pytest.mark.parametrize(("works", "expected"), CASES)
def test_chicago_case_renders_as_cmos_17_prescribes(works: list, expected: list[str]) -> None:
    assert published(manuscript(*works)) == expected


def test_archival_sources_are_spelled_out_from_the_registry_and_grouped_by_archive() -> None:
    ms = manuscript(archival_citation("GARF …", GARF, "NKVD file of Georgi Bendas"),
                    archival_citation("RGASPI …", ArchivalRef("RGASPI", "495", "18", "213")),
                    archival_citation("RGASPI …", ArchivalRef("RGASPI", "495", "74", "124")),
                    archival_citation("XYZA …", ArchivalRef("XYZA", "1", "2", "3")))
    text = chicago.render(ms, "text")
    assert text.split("\n\n")[1].splitlines() == [
        "Russian State Archive of Socio-Political History (RGASPI), Moscow",
        "  Fond 495: Executive Committee of the Communist International (ECCI/IKKI)",
        "    opis 18, delo 213",
        "    opis 74, delo 124",
        "State Archive of the Russian Federation (GARF), Moscow",
        "  Fond 10035: Archival criminal-investigation files of repressed persons (transferred from the "
        "FSB/KGB, Moscow)",
        "    opis 1, delo P-54560: NKVD file of Georgi Bendas",
        "XYZA",  # not in the registry: shown as cited
        "  Fond 1",
        "    opis 2, delo 3",
    ]


def test_introduction_title_is_italic_in_markdown_and_html() -> None:
    ms = manuscript(NORTH)
    assert published(ms, "markdown")[0].startswith("North, David. Introduction to *The Revolution Betrayed*, by Leon Trotsky.")
    assert "Introduction to <i>The Revolution Betrayed</i>, by Leon Trotsky." in chicago.render(ms, "html")


def test_three_em_dash_keeps_the_role_and_authored_works_come_first() -> None:
    edited = {**DIMITROV, "editor": [{"family": "Rogovin", "given": "Vadim"}], "title": "Documents"}
    lines = published(manuscript(edited, ROGOVIN_2009))
    assert lines[0].startswith("Rogovin, Vadim. Stalin’s Terror")
    assert lines[1].startswith("———, ed. Documents.")


def test_a_co_authored_work_follows_the_single_authors_works_without_a_dash() -> None:
    both = {**ROGOVIN_1937, "author": ROGOVIN_1937["author"] + [{"family": "Agnew", "given": "Jeremy"}]}
    lines = published(manuscript(both, ROGOVIN_2009))
    assert lines[0].startswith("Rogovin, Vadim. Stalin’s Terror")
    assert lines[1].startswith("Rogovin, Vadim, and Jeremy Agnew. 1937.")


def test_a_chapters_real_page_range_stays() -> None:
    chapter = {**WEBER_EINLEITUNG, "page": "231–240"}
    assert ", 231–40. Paderborn" in published(manuscript(chapter))[0]


@pytest.mark.parametrize(
    ("title", "english", "cased"),
    [
        ("Child of the revolution", True, "Child of the Revolution"),
        ("the road to terror: stalin and the self-destruction of the bolsheviks", True,
         "The Road to Terror: Stalin and the Self-Destruction of the Bolsheviks"),
        ("Was There an Alternative? Trotskyism: A Look Back Through the Years", True,
         "Was There an Alternative? Trotskyism: A Look Back through the Years"),
        ("what it is made of", True, "What It Is Made Of"),
        ("Stalin und die Deutschen. Neue Beiträge der Forschung", False, None),
        ("Histoire de l’Internationale communiste 1919–1943", False, None),
        ("Grečeskaja operacija: Istorija repressij protiv grekov v SSSR", False, None),
        ("Oi diokseis ton Ellinon kommouniston stin ESSD 1937–1938", False, None),
        ("Большевистский порядок", False, None),
    ],
)
def test_headline_style_only_for_english(title: str, english: bool, cased: str | None) -> None:
    assert is_english(title) is english
    if cased:
        assert headline_case(title) == cased
    assert is_english(title, "de") is False and is_english(title, "en-GB") is True
