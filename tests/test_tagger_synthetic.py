"""Synthetic labelled references: CSL items rendered through CSL styles with marked spans."""

from __future__ import annotations

import re

from citeproc import model as citeproc_model

from citations.tagger import synthetic
from citations.tagger.corpus import LABELS, reference_text
from citations.tagger.tokens import labelled_tokens

CHAPTER = {
    "id": "hobsbawm-1983",
    "type": "chapter",
    "author": [{"family": "Hobsbawm", "given": "Eric"}],
    "editor": [{"family": "Ranger", "given": "Terence"}],
    "title": "Introduction: Inventing Traditions",
    "container-title": "The Invention of Tradition",
    "publisher": "Cambridge University Press",
    "publisher-place": "Cambridge",
    "issued": {"date-parts": [[1983]]},
    "page": "1-14",
    "_locator": "5",
}
ARTICLE = {
    "id": "slezkine-1994",
    "type": "article-journal",
    "author": [{"family": "Slezkine", "given": "Yuri"}],
    "title": "The USSR as a Communal Apartment",
    "container-title": "Slavic Review",
    "volume": "53",
    "issue": "2",
    "page": "414-452",
    "issued": {"date-parts": [[1994]]},
    "DOI": "10.2307/2501300",
}
_PUA = re.compile("[\ue000-\uf8ff]")


def _fields(seq):
    """label → the texts of its segments, joined (stripped of edge punctuation)."""
    out: dict[str, list[str]] = {}
    for text, label in seq:
        out.setdefault(label, []).append(text.strip(" ,.;:()“”«»"))
    return {label: " | ".join(texts) for label, texts in out.items()}


def _render(item, style, note=False):
    marked = synthetic.render(item, style, note=note)
    assert marked is not None, f"{style} failed to render {item['id']}"
    seq = synthetic.sequence_of(marked)
    # Round trip: the segments join to the rendered text without its sentinels (whitespace
    # normalised as the corpus readers do), and no sentinel is left.
    assert reference_text(seq) == " ".join(_PUA.sub("", marked).split())
    assert not any(_PUA.search(text) for text, _ in seq)
    assert all(label in LABELS and text and not text.startswith(" ") for text, label in seq)
    return seq


def test_chicago_note_labels_each_field_and_the_editor_role_word():
    seq = _render(CHAPTER, "chicago-notes-bibliography-16th-edition", note=True)
    fields = _fields(seq)
    assert reference_text(seq).startswith("Eric Hobsbawm, “Introduction: Inventing Traditions”, in The Invention of Tradition")
    assert fields["author"] == "Eric Hobsbawm"
    assert fields["title"] == "Introduction: Inventing Traditions"
    assert fields["container-title"] == "The Invention of Tradition"
    assert fields["editor"] == "ed. Terence Ranger"  # the role word is part of the editor span
    assert fields["location"] == "Cambridge"
    assert fields["publisher"] == "Cambridge University Press"
    assert fields["date"] == "1983"
    # The page cited in a note is no field of the work ('other', as the labelled sets have it).
    assert "pages" not in fields
    assert reference_text(seq).endswith(", 5.")


def test_apa_bibliography_labels_a_journal_article():
    seq = _render(ARTICLE, "apa")
    fields = _fields(seq)
    assert fields["author"] == "Slezkine, Y"
    assert fields["date"] == "1994"
    assert fields["title"] == "The USSR as a Communal Apartment"
    assert fields["journal"] == "Slavic Review"  # a journal's title, not a book's
    assert fields["volume"] == "53"
    assert fields["issue"] == "2"
    assert fields["pages"] == "414–452"
    assert fields["doi"] == "https://doi.org/10.2307/2501300"
    tokens, labels = labelled_tokens(seq)
    assert dict(zip((t.text for t in tokens), labels))["Review,"] == "journal"


def test_role_words_and_prefixes_go_with_their_fields():
    din = _fields(_render(CHAPTER, "din-1505-2"))
    assert din["editor"] == "Ranger, T. (Hrsg"  # edge punctuation stripped by _fields
    assert din["pages"] == "S. 1–14"
    mla = _fields(_render(ARTICLE, "modern-language-association"))
    assert mla["volume"] == "vol. 53" and mla["issue"] == "no. 2" and mla["pages"] == "pp. 414–52"
    # The lead-in before a container stays outside it.
    assert din["container-title"] == "The Invention of Tradition"


def test_spans_nest_and_text_outside_is_other():
    a, t = synthetic._OPEN, synthetic._CLOSE
    marked = f"{a['author']}Smith, J.{t['author']} ({a['date']}2001{t['date']}). {a['title']}A {a['note']}b{t['note']} c{t['title']}."
    assert synthetic.sequence_of(marked) == [
        ("Smith, J. ", "author"), ("(", "other"), ("2001", "date"), ("). ", "other"),
        ("A ", "title"), ("b ", "note"), ("c", "title"), (".", "other"),
    ]


def test_rendering_leaves_citeproc_unpatched():
    synthetic.render(CHAPTER, "apa")
    assert "render" not in citeproc_model.Name.__dict__
    assert "render" not in citeproc_model.Label.__dict__
    assert citeproc_model.Text.render.__qualname__ == "Text.render"


def test_a_failing_item_is_skipped_not_raised():
    assert synthetic.render({"id": "x", "type": "book", "title": "T"}, "no-such-style-here") is None


def test_deterministic_and_limited():
    first = list(synthetic.synthetic_sequences(12, sources=["heldout3"]))
    again = list(synthetic.synthetic_sequences(12, sources=["heldout3"]))
    assert len(first) == 12
    assert first == again
    assert all(any(label != "other" for _, label in seq) for seq in first)


def test_items_come_only_from_the_sources_asked_for():
    seen = {source for source, _ in synthetic.items(["heldout3", "heldout2"], per_source=5)}
    assert seen == {"heldout3", "heldout2"}
    assert sum(1 for _ in synthetic.items(["heldout3"], per_source=5)) <= 5


def test_cli_counts_per_style(capsys):
    assert synthetic.main(["--count", "--limit", "6", "--source", "heldout3"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^total\s+6$", out, re.M)
    assert "chicago-notes-bibliography-16th-edition" in out


def test_cli_unknown_source_is_one_line(capsys):
    assert synthetic.main(["--source", "nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
