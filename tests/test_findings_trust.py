"""Findings a copy-editor can trust (issue 11): each behaviour on a small manuscript or note
written for the test, in the forms the real development set showed.

- Numbering by the format's rules: notes numbered by Markdown, Word, ODT or LaTeX follow the
  order of first reference; their labels are names, so SC103/SC105 apply only to numbers typed
  by hand.
"""

from __future__ import annotations

import pytest

from checkers.structure import check_structure
from citations import parse_manuscript
from citations.readers import markdown, text

MARKDOWN_OUT_OF_ORDER = """\
A claim.[^b] Another claim.[^1] A third.[^7]

[^1]: Peter Holquist, Making War, Forging Revolution, Cambridge, MA: Harvard University Press 2002, p. 3.
[^b]: Ibid., p. 4.
[^7]: Ibid., p. 5.
"""

TEXT_OUT_OF_ORDER = """\
A claim.[2] Another claim.[1] A third.[4]

Notes

[1] Peter Holquist, Making War, Forging Revolution, Cambridge, MA: Harvard University Press 2002, p. 3.
[2] Ibid., p. 4.
[4] Ibid., p. 5.
"""


def codes(manuscript) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in check_structure(parse_manuscript(manuscript))]


def test_markdown_notes_are_numbered_by_first_reference_and_keep_their_labels() -> None:
    read = markdown.read_text(MARKDOWN_OUT_OF_ORDER)
    assert read.auto_numbered
    assert [(n.number, n.label) for n in read.notes] == [(1, "b"), (2, "1"), (3, "7")]
    found = codes(read)
    assert "SC105" not in found and "SC103" not in found


def test_numbers_typed_by_hand_are_still_checked_for_order_and_gaps() -> None:
    read = text.read_text(TEXT_OUT_OF_ORDER)
    assert not read.auto_numbered
    found = codes(read)
    assert "SC105" in found and "SC103" in found


# --------------------------------------------------------------------------------------------
# Commentary is not a citation; SC501 only when a note points to a source it does not cite
# --------------------------------------------------------------------------------------------

from citations.parse import parse_note  # noqa: E402
from checkers.structure import check_commentary  # noqa: E402
from citations.model import Manuscript, Note  # noqa: E402


def notes_manuscript(*texts: str) -> Manuscript:
    notes = [Note(number=i, text=t, line=i, label=str(i), citations=parse_note(t)) for i, t in enumerate(texts, 1)]
    return Manuscript("test", "markdown", notes=notes, auto_numbered=True)


@pytest.mark.parametrize(
    "text",
    [
        "Our corpus has 236 addresses to the nation. Depending on exactly what is counted, this number can be slightly higher or lower.",
        "Nuestro corpus contiene 236 discursos. Dependiendo de lo que se cuente, este número puede ser ligeramente más alto o más bajo.",
        "Dans les faits, la calibration par simple interception n’a plus lieu d’être utilisée depuis que les courbes sont publiées.",
    ],
)
def test_running_prose_is_commentary_not_a_citation(text: str) -> None:
    assert parse_note(text) == []


def test_commentary_without_a_pointer_to_a_source_is_not_reported() -> None:
    found = list(check_commentary(notes_manuscript(
        "For the sake of simplicity, we removed the nodes that are not connected to any others; it is very common to see lots of them.",
        "Though we won’t cover it in this tutorial, partition the network according to modularity class first.",
        "See more on degree in the centrality section of this tutorial.",
    )))
    assert found == []


def test_a_note_that_points_to_a_source_it_does_not_cite_is_reported() -> None:
    found = list(check_commentary(notes_manuscript("Al respecto véase la primera lección.", "On this see the discussion above.")))
    assert [(f.code, f.note) for f in found] == [("SC501", 1), ("SC501", 2)]
    assert "véase" in found[0].message


# --------------------------------------------------------------------------------------------
# Short forms as people write them
# --------------------------------------------------------------------------------------------

from citations import parse_manuscript as _parse  # noqa: E402
from citations.resolve import resolve  # noqa: E402

FULL_NOTES = [
    "John Lewis Gaddis, The Cold War: A New History (New York: Penguin, 2005), 12.",
    "Sheila Fitzpatrick and J. Arch Getty, Practicing Stalinism (New Haven: Yale University Press, 2014), 100.",
    "Eric Hobsbawm et al., The Invention of Tradition (Cambridge: Cambridge University Press, 1983), 1.",
]


def resolved(*texts: str) -> list[Note]:
    notes = [Note(number=i, text=t, line=i, label=str(i), citations=parse_note(t)) for i, t in enumerate(texts, 1)]
    return resolve(notes)


@pytest.mark.parametrize(
    ("short", "target", "page"),
    [("Gaddis, 14.", 1, "14"), ("Fitzpatrick and Getty, 122.", 2, "122"),
     ("Hobsbawm et. al., 74.", 3, "74"), ("Hobsbawm et al., p. 7.", 3, "7")],
)
def test_short_forms_by_author_alone_resolve_to_the_earlier_full_citation(short: str, target: int, page: str) -> None:
    notes = resolved(*FULL_NOTES, short)
    citation = notes[-1].citations[0]
    assert citation.kind == "short" and citation.resolves_to == (target, 0)
    assert citation.locator is not None and citation.locator.value == page


def test_an_author_with_two_earlier_works_is_ambiguous() -> None:
    notes = resolved(FULL_NOTES[0], "John Lewis Gaddis, We Now Know (Oxford: Clarendon Press, 1997), 3.", "Gaddis, 14.")
    assert notes[-1].citations[0].candidates
    assert "SC206" in [f.code for f in check_structure(Manuscript("t", "text", notes=notes))]


def test_author_and_year_notes_resolve_to_the_manuscripts_bibliography() -> None:
    text = (
        "A claim.[^1] Another.[^2]\n\n## Bibliographie\n\n"
        "Hyndman, R. J. 1996. “Computing and Graphing Highest Density Regions.” *The American Statistician* 50 (2): 120‑26.\n\n"
        "Colman, S. M., K. L. Pierce, et P. W. Birkeland. 1987. “Suggested Terminology for Quaternary Dating Methods.” *Quaternary Research* 28 (2): 314‑19.\n\n"
        "[^1]: Hyndman, 1996.\n[^2]: Colman, Pierce et Birkeland, 1987.\n"
    )
    manuscript = _parse(markdown.read_text(text))
    cited = [c for n in manuscript.notes for c in n.citations]
    assert [c.bibliography_entry for c in cited] == [0, 1]
    assert "SC205" not in [f.code for f in check_structure(manuscript)]


def test_author_date_references_inside_prose_are_short_forms() -> None:
    citations = parse_note("Certains auteurs préfèrent ainsi parler de datation quantifiable (O’Brien et Lyman, 2002). Néanmoins, on conserve ici cette terminologie.")
    assert [(c.kind, [a["family"] for a in c.csl["author"]], c.csl["issued"]) for c in citations] == [
        ("short", ["O’Brien", "Lyman"], {"date-parts": [[2002]]})]


def test_several_years_give_one_short_form_each() -> None:
    years = [c.csl["issued"]["date-parts"][0][0] for c in parse_note("Reimer et al., 2009, 2013, 2020.")]
    assert years == [2009, 2013, 2020]


def test_an_author_and_a_short_title_is_not_two_authors() -> None:
    citation = parse_note("Weber, Politik, S. 3.")[0]
    assert [a.get("family") for a in citation.csl.get("author", [])] == ["Weber"]


def test_ibid_keeps_every_page_it_cites() -> None:
    assert str(parse_note("Ibid., 106, 114-120.")[0].locator) == "p. 106, 114–120"


# --------------------------------------------------------------------------------------------
# Identifiers intact
# --------------------------------------------------------------------------------------------


def test_a_doi_keeps_every_character_the_doi_syntax_allows() -> None:
    citations = parse_note(
        "Bates, M. J. (1998). Indexing and access for digital libraries and the internet. Journal of the American "
        "Society for Information Science, 49(13), 1185–1205. doi:10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    )
    assert len(citations) == 1
    assert citations[0].csl["DOI"] == "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"


def test_a_doi_link_in_angle_brackets_is_taken_whole() -> None:
    csl = parse_note("Le, S. (2008). FactoMineR. Journal of Statistical Software, 25(1), 1-18. <https://doi.org/10.18637/jss.v025.i01>.")[0].csl
    assert csl["DOI"] == "10.18637/jss.v025.i01" and "<" not in csl.get("title", "") + csl.get("container-title", "")


def test_a_permanent_link_is_never_glued_to_a_title() -> None:
    csl = parse_note("Stephen Granade, “The Player Will Get It Wrong,” <https://perma.cc/2WMX-B5YY> Brass Lantern: The Adventure Game Website.")[0].csl
    assert csl["URL"] == "https://perma.cc/2WMX-B5YY"
    assert "perma" not in csl.get("title", "") and "perma" not in str(csl.get("container-title", ""))


def test_a_permanent_link_beside_the_works_own_address_is_kept_in_the_note() -> None:
    csl = parse_note("Erik Reppel, “Visualizing parts of Convolutional Neural Networks”, Hackernoon, Accessed December 23, 2022, "
                     "https://hackernoon.com/visualizing-parts <https://perma.cc/2LSA-DCLR>.")[0].csl
    assert csl["URL"] == "https://hackernoon.com/visualizing-parts"
    assert "https://perma.cc/2LSA-DCLR" in csl["note"]


# --------------------------------------------------------------------------------------------
# Types that exist in real notes, and what each needs
# --------------------------------------------------------------------------------------------

from citations.types import infer_type  # noqa: E402


@pytest.mark.parametrize(
    ("text", "csl", "expected"),
    [
        ("Hadley Wickham. “tidyverse”. R Package, Version 1.1.1. https://cran.r-project.org/web/packages/tidyverse/", {"type": "webpage"}, "software"),
        ("The Pandas Development Team. pandas-dev/pandas: Pandas. v.1.2.2 (2020). https://doi.org/10.5281/zenodo.4524629", {"type": "book"}, "software"),
        ("Jeroen Ooms (2014). “The jsonlite Package”, https://doi.org/10.48550/arXiv.1403.2805.", {"type": "book"}, "article"),
        ("Jo and Gebru. ‘Lessons from Archives’. In Proceedings of the 2020 Conference on Fairness, 306–316.", {"type": "chapter", "container-title": "Proceedings of the 2020 Conference on Fairness"}, "paper-conference"),
        ("Jane Doe, “Red Vienna” (PhD diss., University of Chicago, 2001).", {"type": "book"}, "thesis"),
        ("Doe, J. Census returns, 1851 [Data set]. UK Data Service.", {"type": "book"}, "dataset"),
        ("The Coding Train, Beginner's Guide, YouTube video, 2022, https://youtu.be/26uABexmOX4", {"type": "webpage"}, "motion_picture"),
        ("Taylor Arnold and Lauren Tilton. Humanities Data in R. Springer, 2015.", {"type": "chapter", "container-title": "R"}, "book"),
        ("Anable, Aubrey, Playing With Feelings: Video Games and Affect. Minneapolis: University of Minnesota Press, 2018", {"type": "book"}, None),
        ("Le (2008). FactoMineR: An R Package. Journal of Statistical Software, 25(1), 1-18.", {"type": "article-journal", "container-title": "Journal of Statistical Software", "volume": "25"}, None),
    ],
)
def test_types_from_the_cues_in_a_reference(text: str, csl: dict, expected: str | None) -> None:
    assert infer_type(text, csl) == expected


def test_software_is_asked_for_no_place_of_publication_and_a_versioned_release_for_no_year() -> None:
    software = Citation(text="Wickham, tidyverse, R Package, Version 1.1.1.", csl={"type": "software", "author": [{"family": "Wickham"}], "title": "tidyverse"})
    ms = Manuscript("t", "text", notes=[Note(1, software.text, 1, [software], "1")])
    assert [f.code for f in check_structure(ms) if f.code.startswith("SC4")] == []


def test_a_web_source_with_author_and_address_but_no_date_is_sc401() -> None:
    page = Citation(text="Stephen Granade, “The Player Will Get It Wrong,” <https://perma.cc/2WMX-B5YY>.",
                    csl={"type": "webpage", "author": [{"family": "Granade"}], "title": "The Player Will Get It Wrong", "URL": "https://perma.cc/2WMX-B5YY"})
    ms = Manuscript("t", "text", notes=[Note(1, page.text, 1, [page], "1")])
    assert [f.code for f in check_structure(ms) if f.code[:3] in ("SC4", "SC5")] == ["SC401"]


# --------------------------------------------------------------------------------------------
# Findings that rest on a reading only when the reading is sure
# --------------------------------------------------------------------------------------------

from checkers import structure  # noqa: E402
from citations.model import Citation  # noqa: E402


def book_without_imprint(confidence: float, title: str = "Atlas of AI") -> Citation:
    return Citation(text=f"Crawford, {title}, 2021.", csl={"type": "book", "author": [{"family": "Crawford"}], "title": title,
                    "issued": {"date-parts": [[2021]]}}, confidence=confidence)


def test_an_unsure_reading_gives_one_info_instead_of_its_missing_fields() -> None:
    low = book_without_imprint(structure.CONFIDENCE_THRESHOLD - 0.1)
    ms = Manuscript("t", "text", notes=[Note(1, low.text, 1, [low], "1")])
    assert [f.code for f in check_structure(ms) if f.code[:3] in ("SC4", "SC5")] == ["SC503"]


def test_a_sure_reading_gives_its_missing_fields() -> None:
    sure = book_without_imprint(structure.CONFIDENCE_THRESHOLD)
    ms = Manuscript("t", "text", notes=[Note(1, sure.text, 1, [sure], "1")])
    assert sorted(f.code for f in check_structure(ms) if f.code[:3] in ("SC4", "SC5")) == ["SC402", "SC407"]


def test_a_title_holding_a_year_in_brackets_is_an_unsure_reading() -> None:
    assert structure.unsure_reading(book_without_imprint(1.0, "Sebastien Le (2008). FactoMineR"))
    assert not structure.unsure_reading(book_without_imprint(1.0))


# --------------------------------------------------------------------------------------------
# Bibliography sections under the headings people use
# --------------------------------------------------------------------------------------------

from citations.bibliography import find_bibliography, further_reading, is_bibliography_heading  # noqa: E402


@pytest.mark.parametrize(
    "heading",
    ["References and Further Reading", "Further reading", "Works Cited", "Sources", "Bibliography", "Références",
     "Références et lectures supplémentaires", "Bibliographie", "Referencias", "Bibliografía", "Referências",
     "Literatur", "Quellen und Literatur", "Список литературы", "## Bibliografía recomendada"],
)
def test_bibliography_headings_in_every_supported_language(heading: str) -> None:
    assert is_bibliography_heading(heading)


def test_entries_under_further_reading_need_not_be_cited() -> None:
    paragraphs = [(1, "## References"), (3, "Knuth, Donald. 1992. Literate Programming. Stanford: CSLI."),
                  (5, "## Further reading"), (7, "Kay, Michael. XSLT 2.0. Indianapolis: Wiley, 2011.")]
    assert [line for line, _ in find_bibliography(paragraphs)] == [3, 7]
    assert further_reading(paragraphs) == {7}


# --------------------------------------------------------------------------------------------
# The development set: judged findings of ../shared/manuscripts/real (benchmarks/findings_precision.py)
# --------------------------------------------------------------------------------------------

import importlib.util  # noqa: E402
from pathlib import Path  # noqa: E402

_BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "findings_precision.py"


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("findings_precision", _BENCH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_judged_findings_are_well_formed() -> None:
    rows = _benchmark().load_judged()
    assert rows and all({"document", "note", "code", "true", "why"} <= set(r) for r in rows)
    assert all(isinstance(r["true"], bool) and r["why"] for r in rows)


def test_judged_findings_match_reported_ones_by_document_note_and_code() -> None:
    bench = _benchmark()
    judged = [{"document": "d", "note": "2", "citation": 0, "code": "SC402", "true": True, "why": "x"},
              {"document": "d", "note": None, "citation": None, "code": "SC101", "line": 7, "true": True, "why": "x"}]
    reported = [{"document": "d", "note": "2", "citation": 1, "code": "SC402", "line": 40},  # moved citation
                {"document": "d", "note": None, "citation": None, "code": "SC101", "line": 7},
                {"document": "d", "note": "3", "citation": 0, "code": "SC407", "line": 41}]
    pairs, unjudged, missed = bench.match(judged, reported)
    assert len(pairs) == 2 and [u["code"] for u in unjudged] == ["SC407"] and missed == []


@pytest.mark.shared
@pytest.mark.skipif(not _benchmark().REAL.is_dir(), reason="needs ../shared/manuscripts/real beside the checkout")
def test_the_development_sets_true_findings_are_still_reported() -> None:
    """A floor under the benchmark's figures, so that a change cannot lose true findings or
    flood the report unnoticed (the figures themselves: benchmarks/findings_precision.py)."""
    summary = _benchmark_summary()
    assert summary["recall"] >= 0.9
    assert summary["precision"] >= 0.7


def _benchmark_summary() -> dict:
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(_BENCH), "--json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_an_author_and_short_title_short_form_with_names_joined_by_a_slash() -> None:
    notes = resolved("Kevin McDermott/Jeremy Agnew, The Comintern. A History, Basingstoke: Macmillan 1996, pp. 1–3.",
                     "McDermott/Agnew, The Comintern, pp. 205–212.")
    citation = notes[-1].citations[0]
    assert citation.kind == "short" and citation.resolves_to == (1, 0) and citation.locator.value == "205–212"
