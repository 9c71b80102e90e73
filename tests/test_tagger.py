"""The learned labeller: tokens, features, names, spans → CSL, training and the shipped model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citations import parse_reference
from citations.tagger import ModelError, read_reference, use_model
from citations.tagger.features import sequence_features, token_features
from citations.tagger.fields import infer_type, read_fields
from citations.tagger.model import SHIPPED_MODEL, Labeller
from citations.tagger.people import split_names
from citations.tagger.tokens import labelled_tokens, tokenize
from citations.tagger.train import train


def test_tokens_keep_offsets_and_punctuation():
    text = "Thompson, E. P. (1963)  The Making"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Thompson,", "E.", "P.", "(1963)", "The", "Making"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_a_token_takes_the_label_of_most_of_its_letters():
    segments = [("Smith", "author"), (", ", "other"), ("Title of it", "title"), (". ", "other"), ("1999", "date")]
    tokens, labels = labelled_tokens(segments)
    assert [t.text for t in tokens] == ["Smith,", "Title", "of", "it.", "1999"]
    assert labels == ["author", "title", "title", "title", "date"]


def test_features_describe_the_token_and_its_neighbours():
    feats = sequence_features(tokenize("(London: Verso, 1991), 6."))
    feats = [[f.decode() for f in token] for token in feats]  # UTF-8 bytes, as CRFsuite reads them
    first = set(feats[0])
    assert {"w=london", "lead=(", "trail=:", "lex=place", "inb=1", "first"} <= first
    assert "num=year" in feats[2] and "+1w=verso" in feats[0] and "-1w=london" in feats[1]
    # Features of a token string are computed once and reused.
    assert token_features("Verso,") is token_features("Verso,")


@pytest.mark.parametrize(
    "span, people",
    [
        ("Romero, C., Paunesku, D., & Dweck, C.", [("Romero", "C"), ("Paunesku", "D"), ("Dweck", "C")]),
        ("Pérez-Higueras JJ, Arias A, de la Macorra JC", [("Pérez-Higueras", "JJ"), ("Arias", "A"), ("de la Macorra", "JC")]),
        ("Hobsbawm, Eric, and Terence Ranger", [("Hobsbawm", "Eric"), ("Ranger", "Terence")]),
        ("Certeau, Michel de", [("de Certeau", "Michel")]),
        # Natural-order names separated by commas are not "Family, Given" pairs.
        ("Thomas A Caswell, Michael Droettboom, John Hunter, Eric Firing",
         [("Caswell", "Thomas A"), ("Droettboom", "Michael"), ("Hunter", "John"), ("Firing", "Eric")]),
        ("Haley Di Pressi, Stephanie Gorman, Miriam Posner, and Tori Schmitt",
         [("Di Pressi", "Haley"), ("Gorman", "Stephanie"), ("Posner", "Miriam"), ("Schmitt", "Tori")]),
        ("Karthikeyan NG, Arun Padmanabhan", [("Karthikeyan", "NG"), ("Padmanabhan", "Arun")]),
        ("de Certeau, Michel, Le Goff, Jacques", [("de Certeau", "Michel"), ("Le Goff", "Jacques")]),
        ("Tori Schmitt, with contributions from Roderic Crooks", [("Schmitt", "Tori"), ("Crooks", "Roderic")]),
        ("edited by Ivo Banac", [("Banac", "Ivo")]),
        ("hg. v. Hans-Ulrich Wehler und Jürgen Kocka", [("Wehler", "Hans-Ulrich"), ("Kocka", "Jürgen")]),
        ("Иванов И. И.", [("Иванов", "И. И")]),
        ("Smith, J. A. et al.", [("Smith", "J. A")]),
        ("E. P. Thompson", [("Thompson", "E. P.")]),
    ],
)
def test_names_in_a_labelled_span(span, people):
    got = [(p["family"], p.get("given", "").rstrip(".")) for p in split_names(span)]
    assert got == [(f, g.rstrip(".")) for f, g in people]


def test_an_institution_is_one_literal_name():
    assert split_names("World Bank,") == [{"literal": "World Bank"}]


def _read(segments):
    tokens, labels = labelled_tokens(segments)
    text = "".join(s for s, _ in segments)
    reading = read_fields(text, tokens, labels, [0.9] * len(labels))
    return reading, infer_type(reading.csl, reading.pages, reading.journal)


def test_spans_become_csl_fields_with_confidences():
    reading, kind = _read([
        ("Fitzpatrick, Sheila. ", "author"), ("“Ascribing Class.” ", "title"),
        ("Journal of Modern History ", "journal"), ("65, no. 4 ", "volume"), ("(1993): ", "date"), ("745–70.", "pages"),
    ])
    assert kind == "article-journal"
    assert reading.csl["author"] == [{"family": "Fitzpatrick", "given": "Sheila"}]
    assert reading.csl["title"] == "Ascribing Class"
    assert reading.csl["container-title"] == "Journal of Modern History"
    assert (reading.csl["volume"], reading.csl["issue"]) == ("65", "4")
    assert reading.csl["issued"] == {"date-parts": [[1993]]}
    assert reading.pages == "745–70"
    assert reading.field_confidence["title"] == pytest.approx(0.9) and reading.confidence == pytest.approx(0.9)


@pytest.mark.parametrize(
    "segments, kind",
    [
        ([("A. Author, ", "author"), ("Title, ", "title"), ("in: ", "other"), ("B. Editor (Hg.), ", "editor"), ("Book, ", "container-title"), ("Berlin ", "location"), ("2001", "date")], "chapter"),
        ([("A. Author, ", "author"), ("Title ", "title"), ("(PhD diss., ", "genre"), ("Yale University, ", "publisher"), ("1990)", "date")], "thesis"),
        ([("Some Site, ", "title"), ("https://example.org/x", "url")], "webpage"),
        ([("A. Author, ", "author"), ("Title ", "title"), ("(London: ", "location"), ("Verso, ", "publisher"), ("1991)", "date")], "book"),
        ([("A. Author, ", "author"), ("Title, ", "title"), ("The Guardian, ", "journal"), ("3 May 1990", "date")], "article-newspaper"),
    ],
)
def test_the_type_follows_from_the_fields(segments, kind):
    assert _read(segments)[1] == kind


def test_the_shipped_model_reads_a_reference_with_confidence():
    assert SHIPPED_MODEL.is_file() and SHIPPED_MODEL.stat().st_size < 10_000_000
    reading = read_reference("Eric Hobsbawm, The Age of Extremes (New York: Pantheon Books, 1994)")
    assert reading.csl["title"] == "The Age of Extremes"
    assert reading.csl["publisher"] == "Pantheon Books" and reading.csl["publisher-place"] == "New York"
    assert 0.0 < reading.confidence <= 1.0
    assert set(reading.field_confidence) >= {"author", "title", "publisher", "publisher-place", "issued"}


def test_parsed_citations_carry_confidence():
    full = parse_reference("Eric Hobsbawm, The Age of Extremes (New York: Pantheon Books, 1994), 54.")[0]
    assert 0.0 < full.confidence <= 1.0 and full.field_confidence
    data = full.to_dict()
    assert data["confidence"] == round(full.confidence, 3) and "title" in data["field_confidence"]
    ibid = parse_reference("Ibid., 12.")[0]
    assert ibid.confidence == 1.0  # read by a rule that cannot be ambiguous


def test_training_a_tiny_model_end_to_end(tmp_path: Path):
    """The training path cannot rot: train on a few references, load the model, label with it."""
    segments = [
        [("Smith, J. ", "author"), ("(1999). ", "date"), ("A title of a book. ", "title"), ("London: ", "location"), ("Verso.", "publisher")],
        [("Brown, A. ", "author"), ("(2004). ", "date"), ("Another book title. ", "title"), ("Paris: ", "location"), ("Seuil.", "publisher")],
        [("Jones, K. ", "author"), ("(1987). ", "date"), ("On things. ", "title"), ("Berlin: ", "location"), ("Dietz.", "publisher")],
    ] * 5
    path = tmp_path / "tiny.crfsuite"
    summary = train(segments, path, params={"max_iterations": 30})
    assert summary.sequences == 15 and path.is_file()
    labelling = Labeller(path).label(tokenize("White, B. (2010). A new title. Oxford: Clarendon."))
    assert labelling.labels[0] == "author" and "date" in labelling.labels and 0 < labelling.probability <= 1
    # Training is deterministic: the same data give the same model.
    again = tmp_path / "again.crfsuite"
    train(segments, again, params={"max_iterations": 30})
    assert again.read_bytes() == path.read_bytes()


def test_a_bad_model_file_is_one_clear_error(tmp_path: Path):
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="not a CRFsuite model|no labeller model"):
        use_model(bad)
    with pytest.raises(ModelError, match="no labeller model"):
        use_model(tmp_path / "missing.crfsuite")
    use_model(None)


def test_no_training_on_nothing(tmp_path: Path):
    with pytest.raises(ValueError, match="no labelled references"):
        train([], tmp_path / "x.crfsuite")


def test_parse_refs_json_has_confidence(tmp_path: Path):
    from click.testing import CliRunner

    from sourcecheck.cli import cli

    result = CliRunner().invoke(cli, ["parse-refs", "-"], input="E. P. Thompson, The Making of the English Working Class (London: Gollancz, 1963).\nIbid., 3.\n")
    assert result.exit_code == 0, result.output
    full, ibid = (json.loads(line) for line in result.output.splitlines())
    assert 0 < full[0]["confidence"] <= 1 and full[0]["field_confidence"]["title"] > 0
    assert ibid[0]["confidence"] == 1.0
