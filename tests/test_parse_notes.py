"""The note parser, case by case: one row per behaviour, as a readable specification.

Each row gives a note (real works, written the way historians write them) and the fields a
correct parse must produce for each citation; fields not named are not checked here (the
field-level scores over the whole gold table are in test_parse_gold.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from citations import parse_note, parse_reference
from citations.model import FULL, IBID, SHORT, UNPARSED


def year(c) -> int | None:
    issued = c.csl.get("issued")
    return issued["date-parts"][0][0] if issued else None


def families(c, role: str = "author") -> list[str]:
    return [p.get("family") or p.get("literal") for p in c.csl.get(role, [])]


def check(c, expected: dict[str, Any]) -> None:
    for key, want in expected.items():
        if key == "kind":
            got = c.kind
        elif key == "year":
            got = year(c)
        elif key in ("author", "editor", "container-author", "translator"):
            got = families(c, key)
        elif key == "locator":
            got = (c.locator.label, c.locator.value) if c.locator else None
        elif key in ("prefix", "suffix", "relation"):
            got = getattr(c, key)
        elif key == "archival":
            got = c.archival.canonical() if c.archival else None
        else:
            got = c.csl.get(key)
        assert got == want, f"{key}: expected {want!r}, got {got!r}\n{c.to_dict()}"


CASES = [
    pytest.param(
        "Vadim Rogovin, Stalin’s Terror of 1937–1938: Political Genocide in the USSR, Oak Park: Mehring Books 2009, p. 307.",
        [{"type": "book", "author": ["Rogovin"], "title": "Stalin’s Terror of 1937–1938: Political Genocide in the USSR",
          "publisher-place": "Oak Park", "publisher": "Mehring Books", "year": 2009, "locator": ("page", "307")}],
        id="book-publisher-year-without-comma-title-with-colon",
    ),
    pytest.param(
        "Peter Huber, “Das Führungskorps der Komintern. Ein Soziobiographischer Querschnitt”, in: Michael Buckmiller/Klaus Meschkat (eds.), Biographisches Handbuch zur Geschichte der Kommunistischen Internationale, Berlin: Akademie 2007, pp. 231–240.",
        [{"type": "chapter", "author": ["Huber"], "editor": ["Buckmiller", "Meschkat"],
          "container-title": "Biographisches Handbuch zur Geschichte der Kommunistischen Internationale",
          "publisher": "Akademie", "year": 2007, "page": "231–240", "locator": None}],
        id="chapter-in-eds-slash-names",
    ),
    pytest.param(
        "The Diary of Georgi Dimitrov 1933–1949, ed. by Ivo Banac, New Haven/London: Yale University Press 2003, p. 52.",
        [{"type": "book", "author": [], "editor": ["Banac"], "title": "The Diary of Georgi Dimitrov 1933–1949",
          "publisher-place": "New Haven/London", "year": 2003}],
        id="edited-book-ed-by",
    ),
    pytest.param(
        "Hermann Weber, “Einleitung”, in: Hermann Weber and Ulrich Mählert (eds.), Terror. Stalinistische Parteisäuberungen 1936–1953, Paderborn: Schöningh 2001, p. 17. All non-English quotations are translated by the author.",
        [{"type": "chapter", "title": "Einleitung", "editor": ["Weber", "Mählert"], "page": "17",
          "suffix": "All non-English quotations are translated by the author."}],
        id="chapter-with-trailing-remark",
    ),
    pytest.param(
        "On the conflict in 1922 see: Vadim Rogovin, Was There an Alternative? 1923–1927. Trotskyism: A Look Back Through the Years, Oak Park: Mehring Books 2021, chapter 9, pp. 83–102.",
        [{"type": "book", "prefix": "On the conflict in 1922 see:", "year": 2021, "chapter-number": "9",
          "locator": ("page", "83–102"), "title": "Was There an Alternative? 1923–1927. Trotskyism: A Look Back Through the Years"}],
        id="leading-prose-and-chapter-locator",
    ),
    pytest.param(
        "Walter Held, “Stalins deutsche Opfer und die Volksfront”, in: Unser Wort (Nr. 4/5, October 1938), pp. 7–8, quoted in: Michael Rohrwasser, Der Stalinismus und die Renegaten. Die Literatur der Exkommunisten, Stuttgart: Metzler 1991, p. 163.",
        [{"container-title": "Unser Wort", "issue": "4/5", "year": 1938, "page": "7–8", "relation": None},
         {"type": "book", "author": ["Rohrwasser"], "relation": "quoted-in", "locator": ("page", "163")}],
        id="quoted-in",
    ),
    pytest.param(
        "Alexander Pantsov/Daria Spichak, “New Light from the Russian Archives. Chinese Stalinists and Trotskyists at the International Lenin School in Moscow, 1926–1938”, in: Twentieth Century China 33 (2008), pp. 38–41; Kitayskie revolyutsionery v sovetskoy Rossii (1920–1930-e gody), Moscow 2018, p. 243; Chinese Wikipedia (accessed 29.7.2025).",
        [{"type": "article-journal", "container-title": "Twentieth Century China", "volume": "33", "page": "38–41"},
         {"type": "book", "author": [], "publisher-place": "Moscow", "year": 2018, "locator": ("page", "243")},
         {"type": "webpage", "title": "Chinese Wikipedia", "accessed": {"date-parts": [[2025, 7, 29]]}, "URL": None}],
        id="three-citations-article-book-web",
    ),
    pytest.param(
        "Reinhard Müller, “Der Antikomintern-Block – Prozeßstruktur und Opferperspektive”, in: UTOPIE kreativ 81/82 (July/August 1997), pp. 82–95.",
        [{"type": "article-journal", "container-title": "UTOPIE kreativ", "issue": "81/82", "volume": None, "year": 1997}],
        id="double-issue-number",
    ),
    pytest.param(
        "Report of the Commission of the CC of the CPSU, 9.2.1956; Ivan Džucha, Grečeskaja operacija: Istorija repressij protiv grekov v SSSR, St. Petersburg: Aleteija 2006, p. 396.",
        [{"type": "report", "title": "Report of the Commission of the CC of the CPSU", "issued": {"date-parts": [[1956, 2, 9]]}},
         {"type": "book", "publisher-place": "St. Petersburg", "publisher": "Aleteija"}],
        id="dated-report-and-book",
    ),
    pytest.param(
        "David North, Introduction to: Leon Trotsky, The Revolution Betrayed, Oak Park: Mehring Books 1990, available in the WSWS Marxist Library.",
        [{"type": "chapter", "author": ["North"], "title": "Introduction", "container-author": ["Trotsky"],
          "container-title": "The Revolution Betrayed", "suffix": "available in the WSWS Marxist Library."}],
        id="introduction-to",
    ),
    pytest.param(
        "Eric Hobsbawm, The Age of Extremes: A History of the World, 1914–1991 (New York: Pantheon Books, 1994), 307.",
        [{"type": "book", "publisher-place": "New York", "publisher": "Pantheon Books", "year": 1994,
          "title": "The Age of Extremes: A History of the World, 1914–1991", "locator": ("page", "307")}],
        id="chicago-note-book-bare-page",
    ),
    pytest.param(
        "Stephen Kotkin, “Modern Times: The Soviet Union and the Interwar Conjuncture,” Kritika 2, no. 1 (2001): 111–64.",
        [{"type": "article-journal", "container-title": "Kritika", "volume": "2", "issue": "1", "year": 2001, "page": "111–64",
          "title": "Modern Times: The Soviet Union and the Interwar Conjuncture"}],
        id="chicago-note-article",
    ),
    pytest.param(
        "Sheila Fitzpatrick, “The Bolsheviks’ Dilemma,” in Stalin’s Peasants, ed. Jane Smith (Oxford: Oxford University Press, 1994), 12–34.",
        [{"type": "chapter", "editor": ["Smith"], "container-title": "Stalin’s Peasants", "publisher": "Oxford University Press", "page": "12–34"}],
        id="chicago-note-chapter",
    ),
    pytest.param(
        "Fitzpatrick, Sheila. Everyday Stalinism: Ordinary Life in Extraordinary Times. New York: Oxford University Press, 1999.",
        [{"type": "book", "author": ["Fitzpatrick"], "title": "Everyday Stalinism: Ordinary Life in Extraordinary Times", "year": 1999}],
        id="chicago-bibliography-book",
    ),
    pytest.param(
        "Weber, Hermann: Die Wandlung des deutschen Kommunismus, Frankfurt a. M. 1969, S. 17.",
        [{"type": "book", "author": ["Weber"], "publisher-place": "Frankfurt a. M.", "year": 1969, "locator": ("page", "17")}],
        id="german-colon-place-year",
    ),
    pytest.param(
        "Klaus Schönhoven, Die Gewerkschaften, in: Hans-Ulrich Wehler (Hrsg.), Deutsche Gesellschaftsgeschichte, Bd. 4, München: Beck 2003, S. 12–34.",
        [{"type": "chapter", "title": "Die Gewerkschaften", "editor": ["Wehler"], "container-title": "Deutsche Gesellschaftsgeschichte",
          "volume": "4", "page": "12–34"}],
        id="german-unquoted-chapter-hrsg",
    ),
    pytest.param(
        "Vgl. Brigitte Studer, Reisende der Weltrevolution. Eine Globalgeschichte der Kommunistischen Internationale, Berlin: Suhrkamp 2020, S. 213.",
        [{"prefix": "Vgl.", "author": ["Studer"], "publisher": "Suhrkamp"}],
        id="german-vgl-prefix",
    ),
    pytest.param(
        "Pierre Broué, Histoire de l'Internationale communiste, 1919-1943, Paris, Fayard, 1997, p. 45.",
        [{"type": "book", "publisher-place": "Paris", "publisher": "Fayard", "year": 1997, "title": "Histoire de l'Internationale communiste, 1919-1943"}],
        id="french-commas",
    ),
    pytest.param(
        "Paolo Spriano, Storia del Partito comunista italiano, vol. 1, Torino, Einaudi, 1967, p. 5.",
        [{"type": "book", "publisher-place": "Torino", "publisher": "Einaudi", "volume": "1", "title": "Storia del Partito comunista italiano"}],
        id="italian-commas-volume",
    ),
    pytest.param(
        "Getty, J. A., & Naumov, O. V. (1999). The road to terror. New Haven, CT: Yale University Press.",
        [{"type": "book", "author": ["Getty", "Naumov"], "year": 1999, "title": "The road to terror", "publisher-place": "New Haven, CT"}],
        id="apa-book",
    ),
    pytest.param(
        "Fitzpatrick, S. (1986). New perspectives on Stalinism. Russian Review, 45(4), 357–373.",
        [{"type": "article-journal", "container-title": "Russian Review", "volume": "45", "issue": "4", "page": "357–373", "title": "New perspectives on Stalinism"}],
        id="apa-article",
    ),
    pytest.param(
        "“Stalin’s Purge,” New York Times, March 3, 1938, 12.",
        [{"type": "article-newspaper", "container-title": "New York Times", "issued": {"date-parts": [[1938, 3, 3]]}, "page": "12"}],
        id="newspaper",
    ),
    pytest.param(
        "Russian State Archive of Socio-Political History (RGASPI), fond 495, opis 18, delo 213, list 6–7. This document is available online.",
        [{"type": "manuscript", "archival": "RGASPI f. 495, op. 18, d. 213, ll. 6–7", "archive": "RGASPI",
          "suffix": "This document is available online."}],
        id="archival-spelled-out",
    ),
    pytest.param(
        "Nikos Papadatos, “O Bezentakos mas afise gia.” Oi diokseis ton Ellinon kommouniston stin ESSD 1937–1938, Athens: Kapsimi 2021; State Archive of the Russian Federation (GARF), f. 10035, op. 1, d. P-54560 (NKVD file of Georgi Bendas).",
        [{"type": "book", "title": "“O Bezentakos mas afise gia.” Oi diokseis ton Ellinon kommouniston stin ESSD 1937–1938"},
         {"type": "manuscript", "archival": "GARF f. 10035, op. 1, d. P-54560", "title": "NKVD file of Georgi Bendas"}],
        id="quotation-opening-a-book-title-and-archival-description",
    ),
    pytest.param(
        "Reinhard Müller, Die Akte Wehner, Berlin: Rowohlt 1993, S. 45; ders., Menschenfalle Moskau, Hamburg: Hamburger Edition 2001, S. 12.",
        [{"title": "Die Akte Wehner"}, {"title": "Menschenfalle Moskau", "publisher-place": "Hamburg", "year": 2001}],
        id="ders-another-work",
    ),
]


@pytest.mark.parametrize("note, expected", CASES)
def test_note_parses_into_expected_citations(note: str, expected: list[dict[str, Any]]) -> None:
    citations = parse_note(note)
    assert len(citations) == len(expected), [c.to_dict() for c in citations]
    for c, want in zip(citations, expected):
        check(c, want)


@pytest.mark.parametrize(
    "note, kind, locator",
    [
        ("Ibid., p. 325.", IBID, ("page", "325")),
        ("Ibid.", IBID, None),
        ("Ebd., S. 12.", IBID, ("page", "12")),
        ("ebenda, S. 12 f.", IBID, ("page", "12 f")),
        ("Там же. С. 45.", IBID, ("page", "45")),
        ("Ibidem, 45–46.", IBID, ("page", "45–46")),
        ("Id., p. 3.", IBID, ("page", "3")),
        ("The Diary of Georgi Dimitrov, p. 67.", SHORT, ("page", "67")),
        ("Rogovin, Stalin’s Terror, 52.", SHORT, ("page", "52")),
        ("Weber, op. cit., p. 20.", SHORT, ("page", "20")),
        ("Weber, a.a.O., S. 20.", SHORT, ("page", "20")),
    ],
)
def test_ibid_and_short_forms_are_recognised(note: str, kind: str, locator) -> None:
    [c] = parse_note(note)
    assert c.kind == kind
    assert ((c.locator.label, c.locator.value) if c.locator else None) == locator


def test_commentary_note_has_no_citation() -> None:
    assert parse_note("This point was first made by the émigrés themselves, who knew the risks well.") == []


def test_empty_note_has_no_citation() -> None:
    assert parse_note("   ") == []


def test_semicolon_inside_a_title_does_not_split() -> None:
    citations = parse_note("Jane Doe, “War; Peace; and the Party”, in: Journal of Cold War Studies 3 (2001), pp. 1–20.")
    assert len(citations) == 1
    assert citations[0].csl["title"] == "War; Peace; and the Party"


def test_semicolon_in_a_place_list_does_not_split() -> None:
    citations = parse_note("Robert Service, Comrades, London; New York: Macmillan 2007, p. 12.")
    assert len(citations) == 1


def test_unreadable_text_is_unparsed_with_a_reason_not_an_exception() -> None:
    [c] = parse_note("12, 14, 17")
    assert c.kind in (UNPARSED, SHORT)
    if c.kind == UNPARSED:
        assert c.reason


def test_parse_reference_strips_list_numbering() -> None:
    [c] = parse_reference("[12] Wolfgang Leonhard, Child of the revolution, Chicago: Henry Regnery Co. 1958, pp. 94–95.")
    assert c.kind == FULL
    assert c.csl["publisher"] == "Henry Regnery Co."
    assert year(c) == 1958


def test_cross_reference_to_a_note_decides_the_short_form() -> None:
    from citations import resolve
    from citations.model import Note

    notes = [
        Note(1, "Reinhart Koselleck: Vergangene Zukunft. Zur Semantik geschichtlicher Zeiten, Frankfurt am Main: Suhrkamp 1979, S. 17.", 1),
        Note(2, "Reinhart Koselleck: Kritik und Krise, Freiburg: Alber 1959, S. 3.", 2),
        Note(3, "Koselleck, Vergangene Zukunft (wie Anm. 1), S. 350.", 3),
        Note(4, "Koselleck (wie Anm. 2), S. 9.", 4),
    ]
    for n in notes:
        n.citations = parse_note(n.text)
    resolve(notes)
    assert notes[2].citations[0].resolves_to == (1, 0)
    assert notes[3].citations[0].resolves_to == (2, 0)
    assert notes[3].citations[0].locator.value == "9"



def test_parse_reference_keeps_a_year_that_opens_a_title() -> None:
    [c] = parse_reference("1937. Stalin’s Year of Terror, Oak Park: Mehring Books 1998.")
    assert c.csl["title"] == "1937. Stalin’s Year of Terror"
    assert year(c) == 1998


def test_author_date_references_inside_prose_are_found() -> None:
    citations = parse_note("Zur Kritik an diesem Konzept siehe Müller (2003) und Schmidt (2005: 12–14).")
    assert [(families(c), year(c)) for c in citations] == [(["Müller"], 2003), (["Schmidt"], 2005)]
    assert citations[0].prefix == "Zur Kritik an diesem Konzept siehe"
    assert citations[1].locator.value == "12–14"
    assert all(c.kind == SHORT for c in citations)


def test_author_date_short_form_resolves_to_the_work_of_that_year() -> None:
    from citations import resolve
    from citations.model import Note

    notes = [
        Note(1, "Beck, Ulrich (1986): Risikogesellschaft. Frankfurt/M.: Suhrkamp.", 1),
        Note(2, "Beck, Ulrich (2007): Weltrisikogesellschaft. Frankfurt/M.: Suhrkamp.", 2),
        Note(3, "Vgl. Beck 1986, S. 12.", 3),
    ]
    for n in notes:
        n.citations = parse_note(n.text)
    resolve(notes)
    assert notes[2].citations[0].resolves_to == (1, 0)


def test_quoted_in_at_the_start_of_a_note() -> None:
    [c] = parse_note("Zitiert nach Weber, Max: Wirtschaft und Gesellschaft. Tübingen: Mohr 1972, S. 28.")
    assert c.relation == "quoted-in" and c.prefix is None
    assert families(c) == ["Weber"] and year(c) == 1972


@pytest.mark.parametrize(
    "note, expected",
    [
        pytest.param("P. Sarpi, Opere, a cura di G. e L. Cozzi, Milano-Napoli 1969, p. 100.",
                     {"editor": ["Cozzi", "Cozzi"], "title": "Opere", "publisher-place": "Milano-Napoli"}, id="shared-family-name"),
        pytest.param("R. Cessi, L'archivio veneto, «Archivio veneto», s. V, 1 (1927), pp. 1-40.",
                     {"type": "article-journal", "title": "L'archivio veneto", "container-title": "Archivio veneto", "volume": "1"}, id="journal-series"),
        pytest.param("M. Infelise, L'editoria veneziana nel '700, Milano 1989, pp. 33 e sgg.",
                     {"publisher-place": "Milano", "locator": ("page", "33 e sgg")}, id="e-sgg"),
        pytest.param("P. Goubert, Beauvais et le Beauvaisis de 1600 à 1730, Paris, SEVPEN, 1960, 2 vol.",
                     {"publisher": "SEVPEN", "number-of-volumes": "2", "year": 1960}, id="volumes-after-imprint"),
    ],
)
def test_italian_and_french_forms(note: str, expected: dict) -> None:
    [c] = parse_note(note)
    check(c, expected)


@pytest.mark.parametrize("note", ["Cfr. infra, nota 12.", "See above, n. 3.", "Vgl. oben Anm. 3."])
def test_cross_reference_to_another_note_is_not_a_citation(note: str) -> None:
    assert parse_note(note) == []


@pytest.mark.parametrize(
    "note, expected",
    [
        pytest.param("Peter Burke, Popular Culture in Early Modern Europe (n.p., n.d.), 12.",
                     {"kind": "full", "title": "Popular Culture in Early Modern Europe", "locator": ("page", "12")}, id="no-imprint"),
        pytest.param("Quentin Skinner, The Foundations of Modern Political Thought, 2 vols (Cambridge, 1978), ii. 34.",
                     {"volume": "ii", "number-of-volumes": "2", "locator": ("page", "34"), "publisher-place": "Cambridge"}, id="volume-and-page"),
        pytest.param("Brewer, J., The Sinews of Power: War, Money and the English State, 1688–1783 (London, 1989).",
                     {"author": ["Brewer"], "title": "The Sinews of Power: War, Money and the English State, 1688–1783", "year": 1989}, id="initials-then-comma"),
        pytest.param("E. P. Thompson, The Making of the English Working Class (London, 1963), p. 9.",
                     {"publisher-place": "London", "year": 1963, "locator": ("page", "9")}, id="place-year-parentheses"),
    ],
)
def test_british_forms(note: str, expected: dict) -> None:
    [c] = parse_note(note)
    check(c, expected)


@pytest.mark.parametrize(
    "note, expected",
    [
        pytest.param("Pravda, 21 January 1937, p. 1.",
                     {"type": "article-newspaper", "container-title": "Pravda", "issued": {"date-parts": [[1937, 1, 21]]}, "page": "1"}, id="newspaper-issue"),
        pytest.param("Stephen F. Cohen, Bukharin and the Bolshevik Revolution: A Political Biography, 1888–1938 (New York: Knopf, 1973; repr., Oxford: Oxford University Press, 1980), 270.",
                     {"publisher": "Oxford University Press", "year": 1980, "original-date": {"date-parts": [[1973]]}}, id="reprint"),
        pytest.param("Robert Conquest, The Great Terror: A Reassessment, 40th anniversary ed. (Oxford: Oxford University Press, 2008), 45.",
                     {"title": "The Great Terror: A Reassessment", "edition": "40th anniversary ed"}, id="named-edition"),
        pytest.param("Heinrich August Winkler: Der lange Weg nach Westen, Bd. 1, München: C.H. Beck 2000, S. 555.",
                     {"author": ["Winkler"], "volume": "1", "publisher": "C.H. Beck"}, id="given-name-august"),
    ],
)
def test_newspapers_reprints_editions(note: str, expected: dict) -> None:
    [c] = parse_note(note)
    check(c, expected)
