"""The typed model: a CSL item holds only CSL (a parser's working notes stay on its draft)."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

import citations.parse as parse


def private_keys(value: Any, path: str = "") -> Iterator[str]:
    """Keys starting with "_" anywhere in a CSL item (CSL has none)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if str(key).startswith("_"):
                yield f"{path}/{key}"
            yield from private_keys(inner, f"{path}/{key}")
    elif isinstance(value, list):
        for inner in value:
            yield from private_keys(inner, path)


EDITED = [
    # Three or more editors named first: the role "(eds.)" once leaked onto the third one.
    ("Smith, J., Jones, K., Brown, L. and White, M. (eds.), The Title of the Book, London: Verso, 2000, p. 3.",
     ["Smith", "Jones", "Brown", "White"]),
    ("Müller, Hans, Karl Weber und Otto Schmidt (Hrsg.): Ein Buch über Dinge, Berlin 1990, S. 4.",
     ["Müller", "Weber", "Schmidt"]),
]


@pytest.mark.parametrize("labeller", [True, False], ids=["labeller", "rules"])
@pytest.mark.parametrize(("text", "editors"), EDITED)
def test_editors_named_first_are_editors_and_leave_no_private_key(
    monkeypatch: pytest.MonkeyPatch, labeller: bool, text: str, editors: list[str]
) -> None:
    monkeypatch.setattr(parse, "USE_LABELLER", labeller)
    for read in (parse.parse_note, parse.parse_reference):
        (citation,) = read(text)
        assert list(private_keys(citation.csl)) == []
        if not labeller:  # the rules read "(eds.)" for certain; the labeller reads what it learned
            assert [p.get("family") for p in citation.csl["editor"]] == editors
            assert "author" not in citation.csl


@pytest.mark.parametrize("labeller", [True, False], ids=["labeller", "rules"])
def test_an_issue_label_decides_the_type_but_stays_out_of_the_item(monkeypatch: pytest.MonkeyPatch, labeller: bool) -> None:
    monkeypatch.setattr(parse, "USE_LABELLER", labeller)
    (citation,) = parse.parse_note("Karl Weber, Ein Bericht aus der Stadt, in: Arbeiterzeitung, Nr. 3, März 1950, S. 4.")
    assert list(private_keys(citation.csl)) == []
    if not labeller:  # "Nr. 3" with a month and no volume: a newspaper's numbered issue
        assert citation.csl["type"] == "article-newspaper"


def test_each_list_of_other_citations_means_one_thing() -> None:
    """A cross-reference's note, an Ibid.'s siblings and a short form's candidates are three
    fields, not one list read three ways."""
    from citations import parse_note, resolve
    from citations.model import Note

    texts = [
        "Reinhart Koselleck: Vergangene Zukunft, Frankfurt am Main: Suhrkamp 1979, S. 17.",
        "Reinhart Koselleck: Kritik und Krise, Freiburg: Alber 1959, S. 3; Reinhart Koselleck: Zeitschichten, Frankfurt am Main: Suhrkamp 2000, S. 5.",
        "Ebd., S. 9.",
        "Koselleck, op. cit., S. 4.",
        "Koselleck, Vergangene Zukunft (wie Anm. 1), S. 350.",
    ]
    notes = [Note(i, text, i, parse_note(text)) for i, text in enumerate(texts, 1)]
    assert notes[4].citations[0].points_to_note == 1  # as read, before resolution
    resolve(notes)
    ibid, op_cit, pointed = notes[2].citations[0], notes[3].citations[0], notes[4].citations[0]
    assert (ibid.siblings, ibid.candidates, ibid.resolves_to) == ([(2, 0)], [], (2, 1))
    assert (op_cit.candidates, op_cit.siblings, op_cit.resolves_to) == ([(1, 0), (2, 0), (2, 1)], [], None)
    assert (pointed.points_to_note, pointed.resolves_to, pointed.candidates) == (1, (1, 0), [])


def test_a_short_form_resolved_in_the_bibliography_keeps_its_fields_and_reaches_the_entry() -> None:
    from citations import parse_manuscript
    from citations.readers import markdown

    text = (
        "A claim.[^1]\n\n## Bibliography\n\n"
        "Hyndman, R. J. 1996. “Computing and Graphing Highest Density Regions.” *The American Statistician* 50 (2): 120‑26.\n\n"
        "[^1]: Hyndman, 1996, 122.\n"
    )
    (short,) = parse_manuscript(markdown.read_text(text)).notes[0].citations
    assert (short.resolution, short.bibliography_entry, short.resolves_to) == ("in-bibliography", 0, None)
    assert short.csl.get("title") is None and short.csl["author"][0]["family"] == "Hyndman"  # as written
    assert short.antecedent is not None and short.resolved_csl is short.antecedent.csl
    assert short.resolved_csl["title"] == "Computing and Graphing Highest Density Regions"
    assert short.type == "article-journal" and short.to_dict()["csl"] == short.resolved_csl


def test_a_check_reads_the_work_an_ibid_repeats() -> None:
    """The Ibid. names its source by the work it repeats, not by its own (empty) fields."""
    from checkers.structure import check_structure
    from citations import parse_note, resolve
    from citations.model import Manuscript, Note

    texts = ["Vadim Rogovin, Stalin’s Terror, Oak Park: Mehring Books 2009, p. 307.",
             "Ibid., p. 5; RGASPI f. 495, op. 18, d. 213, l. 6.", "Ibid., l. 9."]
    notes = resolve([Note(i, t, i, parse_note(t)) for i, t in enumerate(texts, 1)])
    ibid = notes[1].citations[0]
    assert (ibid.resolution, ibid.resolves_to, ibid.csl) == ("resolved", (1, 0), {})
    assert notes[2].citations[0].resolution == "after-several"
    (finding,) = [f for f in check_structure(Manuscript("t", "text", notes)) if f.code == "SC202"]
    assert "Rogovin, “Stalin’s Terror”" in finding.message and "RGASPI" in finding.message
