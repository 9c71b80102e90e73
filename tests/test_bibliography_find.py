"""Finding the bibliography section among a manuscript's paragraphs and parsing its entries."""

from __future__ import annotations

import pytest

from citations.bibliography import find_bibliography, is_bibliography_heading, parse_entries

ROGOVIN = "Rogovin, Vadim. Stalin's Terror of 1937–1938. Oak Park: Mehring Books, 2009."
CHASE = "Chase, William. Enemies within the Gates. New Haven: Yale University Press, 2001."
RGASPI = "RGASPI f. 495, op. 18, d. 213."


def paras(*texts: str) -> list[tuple[int, str]]:
    """Paragraphs numbered 1, 3, 5… as if separated by blank lines."""
    return [(2 * k + 1, t) for k, t in enumerate(texts)]


@pytest.mark.parametrize(
    "heading",
    [
        "Bibliography", "BIBLIOGRAPHY", "## Bibliography", "**Bibliography**", "Select Bibliography",
        "Works Cited", "Works cited:", "References", "Literatur", "Literaturverzeichnis",
        "Quellen- und Literaturverzeichnis", "Quellen und Literatur", "Sources", "Archival sources",
        "Sources and Literature", "Quellen", "Bibliographie", "7. Bibliography", "Список литературы",
    ],
)
def test_bibliography_headings_are_recognised(heading):
    assert is_bibliography_heading(heading)
    assert find_bibliography(paras("Body text.", heading, ROGOVIN)) == [(5, ROGOVIN)]


@pytest.mark.parametrize(
    "not_heading",
    ["Notes", "Notes and references", "The sources of the purge", "References to Trotsky were banned.",
     "Introduction"],
)
def test_other_headings_and_sentences_open_no_section(not_heading):
    assert find_bibliography(paras(not_heading, ROGOVIN)) == []


def test_no_heading_no_bibliography():
    assert find_bibliography(paras(ROGOVIN, CHASE)) == []
    assert find_bibliography([]) == []


def test_one_entry_per_paragraph_and_wrapped_entries_are_joined():
    wrapped = "Chase, William. Enemies within the Gates.\nNew Haven: Yale University Press,\n2001."
    got = find_bibliography(paras("Bibliography", ROGOVIN, wrapped))
    assert got == [(3, ROGOVIN), (5, CHASE)]


def test_one_entry_per_line_when_each_line_is_complete():
    got = find_bibliography([(10, "References"), (12, f"{ROGOVIN}\n{CHASE}\n{RGASPI}")])
    assert got == [(12, ROGOVIN), (13, CHASE), (14, RGASPI)]


def test_indented_continuation_lines_belong_to_their_entry():
    text = f"{ROGOVIN}\n    Reprinted 2010.\n{CHASE}"
    got = find_bibliography([(1, "Bibliography"), (3, text)])
    assert len(got) == 1 and got[0][1].startswith("Rogovin") and got[0][1].endswith("2001.")


def test_subheadings_continue_the_section_and_are_not_entries():
    got = find_bibliography(paras(
        "Bibliography", "Archival sources", RGASPI, "### Primary Sources", ROGOVIN,
        "Secondary literature", CHASE,
    ))
    assert [t for _, t in got] == [RGASPI, ROGOVIN, CHASE]


def test_an_unrelated_heading_ends_the_section():
    got = find_bibliography(paras("Bibliography", ROGOVIN, "## About the author", "She teaches, since 2001, history."))
    assert got == [(3, ROGOVIN)]
    got = find_bibliography(paras("Works Cited", ROGOVIN, "Index", "Comintern, 12"))
    assert got == [(3, ROGOVIN)]


def test_sections_under_two_headings_are_concatenated():
    got = find_bibliography(paras("Archival sources", RGASPI, "Appendix", "Table 1", "Literatur", ROGOVIN))
    assert [t for _, t in got] == [RGASPI, ROGOVIN]


def test_a_heading_paragraph_with_entries_below_it():
    got = find_bibliography([(5, f"Bibliography\n{ROGOVIN}\n{CHASE}")])
    assert got == [(6, ROGOVIN), (7, CHASE)]


@pytest.mark.parametrize(
    "written, entry",
    [
        (f"- {ROGOVIN}", ROGOVIN),
        (f"* {ROGOVIN}", ROGOVIN),
        (f"• {ROGOVIN}", ROGOVIN),
        (f"[3] {ROGOVIN}", ROGOVIN),
        (f"12. {ROGOVIN}", ROGOVIN),
        ("Rogovin, Vadim. *Stalin's Terror of 1937–1938.* Oak Park: Mehring Books, 2009.", ROGOVIN),
        ("Rogovin, Vadim. _Stalin's Terror of 1937–1938._ Oak Park: Mehring Books, 2009.", ROGOVIN),
        ("Held, Walter. https://x.org/a_b_c, 1938.", "Held, Walter. https://x.org/a_b_c, 1938."),
    ],
)
def test_bullets_numbers_and_markdown_emphasis_are_removed(written, entry):
    assert find_bibliography([(1, "Bibliography"), (2, written)]) == [(2, entry)]


# ---------------------------------------------------------------------------- parsing entries


def test_entries_parse_one_citation_each_aligned_with_their_lines():
    citations = parse_entries([(3, ROGOVIN), (5, RGASPI), (7, "Ibid.")])
    assert len(citations) == 3
    assert citations[0].kind == "full" and citations[0].csl["author"][0]["family"] == "Rogovin"
    assert citations[0].csl["publisher"] == "Mehring Books"
    assert citations[1].archival is not None and citations[1].archival.fond == "495"
    assert citations[2].kind != "full"  # no entry of a bibliography; reported as unreadable
    assert [c.text for c in citations] == [ROGOVIN, RGASPI, "Ibid."]


def test_an_empty_entry_is_unparsed_with_a_reason():
    (c,) = parse_entries([(1, " ")])
    assert c.kind == "unparsed" and c.reason


@pytest.mark.parametrize("dashes", ["———", "---", "——"])
def test_three_em_dash_repeats_the_previous_authors(dashes):
    second = f"{dashes}. 1937: Stalin's Year of Terror. Oak Park: Mehring Books, 1998."
    citations = parse_entries([(1, ROGOVIN), (2, second)])
    assert citations[1].csl["author"] == [{"family": "Rogovin", "given": "Vadim"}]
    assert citations[1].csl["title"] == "1937: Stalin's Year of Terror"
    assert citations[1].csl["issued"] == {"date-parts": [[1998]]}
    assert citations[1].text == second


def test_dashes_for_editors_repeat_the_previous_editors():
    first = "Banac, Ivo, ed. The Diary of Georgi Dimitrov 1933–1949. New Haven: Yale University Press, 2003."
    second = "———, ed. Dimitrov and Stalin 1934–1943. New Haven: Yale University Press, 2000."
    citations = parse_entries([(1, first), (2, second)])
    assert citations[1].csl.get("editor") == [{"family": "Banac", "given": "Ivo"}]


def test_title_ending_in_a_question_mark():
    entry = "Chase, William. Enemies within the Gates? New Haven: Yale University Press, 2001."
    c = parse_entries([(1, entry)])[0]
    assert c.csl["title"] == "Enemies within the Gates?"
    assert c.csl["publisher"] == "Yale University Press"


def test_inverted_name_with_middle_initial():
    entry = ("Chase, William J. Enemies within the Gates? The Comintern and the Stalinist "
             "Repression, 1934–1939. New Haven: Yale University Press, 2001.")
    c = parse_entries([(1, entry)])[0]
    assert c.csl["author"] == [{"family": "Chase", "given": "William J."}]
    assert c.csl["title"].startswith("Enemies within the Gates?")
