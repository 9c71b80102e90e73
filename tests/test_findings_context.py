"""Findings that rest on what a note is and on the text it is attached to (issue 11).

- SC407 (a book cited without a page) reads the body at the note's marker: a work named there
  as a whole ("Scholars like Kate Crawford[^5]", "Duckett's book *JavaScript and jQuery*[^2]",
  "the ability to ‘distant read’ …" for *Distant Reading*) needs no page; a quotation, a figure
  reproduced from it, or a claim it supports does — for a chapter too when it is quoted.
- A commentary note is not read as an unsure reference because of an initialism ("the U.S.").
- A piece the parser could not read but that names its source by a link is no SC502.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.structure import check_structure
from citations import load, parse_manuscript
from citations.context import attach_marker_context, text_before
from citations.model import Citation, Manuscript, Marker, Note
from citations.readers import markdown

BOOK = "Jon Duckett, JavaScript and jQuery: Interactive Front End Development (Indianapolis: Wiley, 2014)."
CHAPTER = ("James Coltrain and Stephen Ramsay, “Can Video Games Be Humanities Scholarship?” in Debates in the "
           "Digital Humanities, edited by Matthew K. Gold and Lauren F. Klein. Minneapolis, MN: University of "
           "Minnesota Press, 2019.")


def checked(tmp_path: Path, body: str, note: str, name: str = "ms.md") -> list:
    path = tmp_path / name
    path.write_text(f"{body}[^1]\n\nMore text.\n\n[^1]: {note}\n", encoding="utf-8")
    return check_structure(load(path))


def sc407(findings: list) -> list[str]:
    return [f.message for f in findings if f.code == "SC407"]


# --------------------------------------------------------------------------------------------
# The text before a marker
# --------------------------------------------------------------------------------------------


def test_markers_read_from_a_text_format_carry_the_text_before_them(tmp_path: Path) -> None:
    path = tmp_path / "ms.md"
    path.write_text("A first paragraph.\n\nIt goes on\nover two lines, then a marker.[^a] And more.[^b]\n\n"
                    "[^a]: A note.\n[^b]: Another.\n", encoding="utf-8")
    ms = load(path)
    assert [m.context for m in ms.markers] == [
        "It goes on over two lines, then a marker.",
        "It goes on over two lines, then a marker.[^a] And more.",
    ]


def test_the_context_is_cut_to_its_width_and_stops_at_the_paragraph() -> None:
    lines = ["before", "", "x" * 500 + " end"]
    assert text_before(lines, 3, len(lines[2]) + 1) == ("x" * 500 + " end")[-200:]
    assert text_before(lines, 3, 1) == ""
    assert text_before(lines, 9, 1) == ""  # a line the text does not have


def test_formats_that_do_not_place_markers_in_the_text_leave_the_context_unknown() -> None:
    ms = Manuscript("t.docx", "docx", markers=[Marker("1", 1, 5)])
    attach_marker_context(ms, "whatever")
    assert ms.markers[0].context is None


def test_the_context_is_not_part_of_a_markers_identity() -> None:
    assert Marker("1", 2, 3, context="a") == Marker("1", 2, 3)


# --------------------------------------------------------------------------------------------
# SC407: a page where the body rests on one place in the work
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "I also recommend Jon Duckett's book _JavaScript and jQuery: Interactive Front End Development_",
        "For the front end, read Duckett",
        "A good start, by Jon Duckett",  # the marker is on the author's name
        "A good start is Duckett's _JavaScript and jQuery: Interactive Front End Development_.",
        "What *JavaScript and jQuery* teaches is what the web is made of.",  # the title, in italics
    ],
)
def test_a_book_named_at_the_marker_as_a_whole_needs_no_page(tmp_path: Path, body: str) -> None:
    assert sc407(checked(tmp_path, body, BOOK)) == []


def test_a_book_a_figure_is_reproduced_from_asks_for_its_page(tmp_path: Path) -> None:
    found = sc407(checked(tmp_path, "The following is a simplified diagram", BOOK))
    assert found and found[0].endswith("though the text reproduces a figure from it")


def test_a_quoted_book_asks_for_its_page(tmp_path: Path) -> None:
    found = sc407(checked(tmp_path, "As Duckett puts it, “the browser is where the page comes alive for its users.”", BOOK))
    assert found and found[0].endswith("though the text quotes it")


def test_a_book_supporting_a_claim_asks_for_its_page(tmp_path: Path) -> None:
    found = sc407(checked(tmp_path, "Most sites of the period loaded the library from a shared server.", BOOK))
    assert found and found[0].endswith("is cited without a page")


def test_a_page_given_in_the_text_is_enough(tmp_path: Path) -> None:
    body = "Duckett writes that “the browser is where the page comes alive for its users” (112)."
    assert sc407(checked(tmp_path, body, BOOK)) == []


def test_one_title_word_in_the_sentence_does_not_name_the_work(tmp_path: Path) -> None:
    note = "Robert Service, Stalin: A Biography (Cambridge, MA: Harvard University Press, 2005)."
    assert sc407(checked(tmp_path, "In 1937 Stalin ordered the arrest of most delegates.", note))


def test_prose_about_maps_is_no_figure_but_a_claim(tmp_path: Path) -> None:
    found = sc407(checked(tmp_path, "Scholars have integrated more information into maps.", BOOK))
    assert found and found[0].endswith("is cited without a page")


def test_a_quoted_chapter_asks_for_its_page_and_a_chapter_cited_for_a_claim_does_not(tmp_path: Path) -> None:
    quoted = "As Ramsay and Coltrain note, “games are defined by formal or informal rules, and these rules can be adapted.”"
    found = sc407(checked(tmp_path, quoted, CHAPTER))
    assert found and found[0].startswith("chapter ") and found[0].endswith("though the text quotes it")
    assert sc407(checked(tmp_path, "Scholars are also using games to make rhetorical arguments.", CHAPTER, "b.md")) == []


def test_a_block_quotation_asks_for_its_page(tmp_path: Path) -> None:
    found = sc407(checked(tmp_path, "> There's a resemblance, but only in the most general sense.", BOOK))
    assert found and found[0].endswith("though the text quotes it")


def test_without_the_body_text_a_book_without_a_page_is_reported_as_before() -> None:
    ms = markdown.read_text(f"Duckett's book _JavaScript and jQuery_[^1]\n\n[^1]: {BOOK}\n")
    assert ms.markers[0].context is None
    assert sc407(check_structure(parse_manuscript(ms)))


# --------------------------------------------------------------------------------------------
# What a note is: commentary, and a source named by its link
# --------------------------------------------------------------------------------------------


def test_commentary_with_an_initialism_is_not_an_unsure_reference(tmp_path: Path) -> None:
    note = ("We are setting the reference system to EPSG 4326 which is the most common mapping system used in the "
            "U.S. It is used by Google which is the origin of our data. For more see Coordinate Reference Systems "
            "<https://www.example.org/crs/>.")
    found = checked(tmp_path, "Then we convert the data.", note)
    assert [f.code for f in found if f.code.startswith(("SC4", "SC5"))] == []


def _unparsed(text: str, **csl: str) -> Manuscript:
    citation = Citation(text=text, kind="unparsed", csl=dict(csl), reason="no title found")
    return Manuscript("t", "markdown", notes=[Note(1, text, 1, [citation], "1")], markers=[Marker("1", 1, 1)])


def test_an_unread_piece_that_names_its_source_by_a_link_is_not_sc502() -> None:
    text = "Traducción publicada en CNN en español (12 de enero de 2016) http://cnnespanol.cnn.com/2016/01/12/x/"
    assert [f.code for f in check_structure(_unparsed(text, URL="http://cnnespanol.cnn.com/2016/01/12/x/"))] == []


def test_an_unread_piece_without_a_link_is_still_sc502() -> None:
    assert [f.code for f in check_structure(_unparsed("Smith, op. loc. 12 ff. passim"))] == ["SC502"]


ARTICLE = ("Melvin Wevers and Thomas Smits, “The Visual Digital Turn: Using Neural Networks to Study Historical "
           "Images,” Digital Scholarship in the Humanities 35, no. 1 (2020): 194–207.")


def test_an_article_quoted_with_only_its_page_range_asks_for_the_page(tmp_path: Path) -> None:
    quoted = "Historians will now be able to explore the ‘visual side of the digital turn in historical research’."
    found = sc407(checked(tmp_path, quoted, ARTICLE))
    assert found and found[0].startswith("article ") and found[0].endswith("though the text quotes it")
    assert sc407(checked(tmp_path, "Historians now study images at scale.", ARTICLE, "b.md")) == []


def test_a_quoted_title_is_no_quotation(tmp_path: Path) -> None:
    body = "They laid the foundation in their paper “The Visual Digital Turn: Using Neural Networks to Study Historical Images.”"
    assert sc407(checked(tmp_path, body, ARTICLE)) == []


# --------------------------------------------------------------------------------------------
# The benchmark keeps problems found by reading apart from the recall of reported findings
# --------------------------------------------------------------------------------------------


def test_problems_found_by_reading_have_their_own_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util
    import json

    bench_path = Path(__file__).resolve().parents[1] / "benchmarks" / "findings_precision.py"
    spec = importlib.util.spec_from_file_location("findings_precision", bench_path)
    bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(bench)  # type: ignore[union-attr]

    (tmp_path / "ms").mkdir()
    (tmp_path / "ms" / "doc.md").write_text(
        f"A claim.[^1]\n\n[^1]: {BOOK}\n[^2]: A note nothing refers to.\n", encoding="utf-8")
    judged = tmp_path / "judged.jsonl"
    rows = [
        {"document": "doc", "note": "2", "citation": None, "code": "SC102", "true": True, "why": "never referenced"},
        {"document": "doc", "note": "1", "citation": 0, "code": "SC407", "true": False, "why": "x"},
        {"document": "doc", "note": "1", "citation": 0, "code": "SC404", "true": True, "found": "reading", "why": "x"},
    ]
    judged.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert bench.main(["--dir", str(tmp_path / "ms"), "--judged", str(judged), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["true"], summary["false"], summary["recall"]) == (1, 1, 1.0)
    assert (summary["found_by_reading"], summary["found_by_reading_reported"], summary["recall_all"]) == (1, 0, 0.5)
    assert summary["precision"] == 0.5


def test_a_long_block_quotation_is_known_as_one_though_its_context_is_cut() -> None:
    lines = ["> " + "word " * 80, "> and the end of it."]
    context = text_before(lines, 2, len(lines[1]) + 1)
    assert context.startswith("> ") and context.endswith("the end of it.") and len(context) <= 200


def test_a_year_in_brackets_is_no_page_given_in_the_text(tmp_path: Path) -> None:
    found = sc407(checked(tmp_path, "Most sites of the period loaded the library from a shared server (2014).", BOOK))
    assert found and found[0].endswith("is cited without a page")


CONQUEST = "Robert Conquest, The Great Terror: A Reassessment (New York: Oxford University Press, 1990)."


def test_a_title_named_as_a_title_or_term_names_the_work_but_the_same_words_as_a_topic_do_not(tmp_path: Path) -> None:
    assert sc407(checked(tmp_path, "Conquest's *The Great Terror* remains the classic account.", CONQUEST)) == []
    assert sc407(checked(tmp_path, "Historians speak of a ‘great terror’ from then on.", CONQUEST, "b.md")) == []
    assert sc407(checked(tmp_path, "The great terror began in the summer of 1937.", CONQUEST, "c.md"))


def test_a_marker_closing_a_sentence_that_ends_in_the_authors_name_closes_a_claim(tmp_path: Path) -> None:
    assert sc407(checked(tmp_path, "The library was first loaded from a shared server, as shown by Duckett.", BOOK))


def test_html_markers_carry_the_text_of_their_block_before_them(tmp_path: Path) -> None:
    path = tmp_path / "ms.html"
    path.write_text(
        "<html><body><p>An earlier paragraph.</p>\n"
        "<p>Scholars like <em>Kate</em> Crawford<a href=\"#fn1\" id=\"r1\"><sup>1</sup></a> have argued &amp; more.</p>\n"
        "<blockquote><p>There is a resemblance, but only in the most general sense.<a href=\"#fn2\" id=\"r2\"><sup>2</sup></a></p></blockquote>\n"
        "<ol><li id=\"fn1\">Kate Crawford, Atlas of AI (New Haven: Yale University Press, 2021). <a href=\"#r1\">↩</a></li>\n"
        "<li id=\"fn2\">Kate Crawford, Atlas of AI (New Haven: Yale University Press, 2021). <a href=\"#r2\">↩</a></li></ol>"
        "</body></html>\n",
        encoding="utf-8",
    )
    ms = load(path)
    assert ms.format == "html"
    assert [m.context for m in ms.markers] == [
        "Scholars like Kate Crawford",
        "> There is a resemblance, but only in the most general sense.",
    ]
    assert sc407(check_structure(ms)) == [
        "book Crawford, “Atlas of AI” in note 2 is cited without a page, though the text quotes it"
    ]


def test_a_see_lead_points_to_every_work_of_its_list() -> None:
    from checkers.structure import check_completeness
    from citations import parse_manuscript, read_manuscript

    text = ("Body.[1]\n\nNotes\n\n[1]\n\nFor a broader discussion see A. Smith, Placing Things (London: Verso, 2008) and "
            "Harris, Trevor M., The Spatial Humanities: GIS and Scholarship (Bloomington: Indiana University Press, 2010).\n")
    manuscript = parse_manuscript(read_manuscript(data=text.encode(), format="text", source="m.txt"))
    assert len(manuscript.notes[0].citations) == 2
    assert [f.code for f in check_completeness(manuscript) if f.code == "SC407"] == []
