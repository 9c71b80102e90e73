"""The tagger's training data: readers for AnyStyle XML, GROBID TEI and the project's JSONL."""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from citations.tagger import corpus
from citations.tagger.corpus import (
    LABELS,
    SOURCES,
    CorpusError,
    GoldStats,
    align_gold,
    read_anystyle,
    read_gold_jsonl,
    read_grobid,
    read_sequences,
    reference_text,
)


def _well_formed(seq):
    assert seq, "empty sequence"
    for text, label in seq:
        assert label in LABELS, label
        assert text, "empty segment"
        assert not text.startswith(" "), repr(text)
        assert "  " not in text and "\n" not in text and "\t" not in text
    assert not seq[-1][0].endswith(" ")


def _fields(seq):
    """label → list of stripped segment texts."""
    out: dict[str, list[str]] = {}
    for text, label in seq:
        out.setdefault(label, []).append(text.strip())
    return out


@pytest.fixture(scope="module")
def anystyle():
    return list(read_anystyle(SOURCES["anystyle"]))


@pytest.fixture(scope="module")
def grobid():
    return list(read_grobid(SOURCES["grobid"]))


def test_label_set_is_closed_and_has_the_agreed_labels():
    assert isinstance(LABELS, tuple) and len(set(LABELS)) == len(LABELS) == 21
    assert LABELS[-1] == "other"
    assert set(corpus.ANYSTYLE_LABELS.values()) <= set(LABELS)


def test_shipped_sources_and_licences_are_in_the_package():
    data = corpus.DATA_DIR
    for name in ("anystyle-core.xml", "grobid-citation-corpus.tar.gz", "anystyle-LICENSE.txt",
                 "grobid-LICENSE.txt", "SOURCES.md"):
        assert (data / name).is_file(), name
    assert SOURCES["anystyle"] == data / "anystyle-core.xml"
    assert SOURCES["grobid"] == data / "grobid-citation-corpus.tar.gz"
    assert SOURCES["gold"].name == "references_gold.jsonl"
    assert {"heldout", "heldout2", "heldout3"} <= set(SOURCES)
    # Every source is trained on; each is measured by leaving it out (cross-validation).
    assert set(corpus.TRAINING_SOURCES) == set(SOURCES)


def test_anystyle_all_sequences_round_trip(anystyle):
    assert len(anystyle) == 1514
    root = ET.parse(SOURCES["anystyle"]).getroot()
    originals = []
    for sequence in root.iter("sequence"):
        spans = [re.sub(r"</?italic>", "", "".join(s.itertext())) for s in sequence]
        originals.append(" ".join(re.sub(r"\s+", " ", s).strip() for s in spans))
    assert len(originals) == len(anystyle)
    for original, seq in zip(originals, anystyle):
        _well_formed(seq)
        assert reference_text(seq) == original


def test_anystyle_conversions(anystyle):
    first = anystyle[0]
    assert first == [("Heidegger M., ", "author"), ("1927, ", "date"), ("Être et temps, ", "title"),
                     ("Gallimard, Ed. ", "editor"), ("1986, ", "date"), ("Paris.", "location")]
    by_text = {reference_text(s): s for s in anystyle}
    solon = next(s for t, s in by_text.items() if t.startswith("Solon, G. (1999)."))
    assert ("In ", "other") in solon  # "In" split off the editor span
    assert ("In O. C. A. and D. Card (Ed.), ", "other") not in solon
    assert ("Retrieved from ", "other") in solon  # a connector note carries no field
    # citation numbers are 'other'; producers and directors are the author slot
    assert any(s[0] == ("60. ", "other") for s in anystyle)
    dvd = next(s for t, s in by_text.items() if t.startswith("FITNE (Producer)."))
    assert dvd[0] == ("FITNE (Producer). ", "author") and ("[DVD]. ", "genre") in dvd
    # AnyStyle has no issue label: evident issues are split off the volume
    han = next(s for t, s in by_text.items() if "Han, G. Chen" in t)
    assert ("10, ", "volume") in han and ("1012.", "pages") in han
    mobility = next(s for t, s in by_text.items() if t.startswith("Georgakopoulos") or
                    "enforce the serializability" in t)
    assert ("6", "volume") in mobility and ("(1) ", "issue") in mobility
    swift = [s for s in anystyle if any(t.startswith("Vol. ") and l == "volume" for t, l in s)]
    assert any(any(l == "issue" and t.startswith("No. ") for t, l in s) for s in swift)


def test_anystyle_volume_issue_split_keeps_the_text():
    cases = {
        "45(2),": [("45", "volume"), ("(2),", "issue")],
        "Vol. 3, No. 4,": [("Vol. 3, ", "volume"), ("No. 4,", "issue")],
        "n° 62, vol. 7,": [("n° 62, ", "issue"), ("vol. 7,", "volume")],
        "nr 29.": [("nr 29.", "issue")],
        "Vol. 9,": [("Vol. 9,", "volume")],
        "10 vols.": [("10 vols.", "volume")],
        "1(2):3-4,": [("1(2):3-4,", "volume")],
    }
    for text, parts in cases.items():
        assert corpus._split_volume(text) == parts
    assert corpus._split_series("(Patristische Texte und Studien 20).") == [
        ("(Patristische Texte und Studien ", "collection-title"), ("20).", "collection-number")]
    assert corpus._split_series("Lecture Notes in Computer Science") == [
        ("Lecture Notes in Computer Science", "collection-title")]


def test_grobid_counts_and_round_trip(grobid):
    # 8,678 <bibl> in 468 files, all with at least one labelled span
    assert len(grobid) == 8678
    labels = Counter(label for seq in grobid for _, label in seq)
    assert set(labels) <= set(LABELS)
    for label in ("author", "title", "journal", "container-title", "collection-title", "volume",
                  "issue", "pages", "date", "publisher", "location", "editor", "doi", "url",
                  "note", "genre", "edition"):
        assert labels[label] > 0, label
    for seq in grobid:
        _well_formed(seq)


def test_grobid_round_trip_against_the_xml():
    with tarfile.open(SOURCES["grobid"], "r:gz") as archive:
        member = archive.getmember("corpus/kisti_valid_kr.tei.xml")
        data = archive.extractfile(member).read()
    root = ET.fromstring(data)
    originals = []
    for bibl in root.iter("{http://www.tei-c.org/ns/1.0}bibl"):
        originals.append(re.sub(r"\s+", " ", "".join(bibl.itertext())).strip())
    seqs = list(corpus._grobid_file(data, "kisti"))
    assert [reference_text(s) for s in seqs] == [o for o in originals if o]
    assert len(seqs) > 10


def test_grobid_hand_checked_conversions(tmp_path):
    with tarfile.open(SOURCES["grobid"], "r:gz") as archive:
        data = archive.extractfile("corpus/55003087.header-reference.xml").read()
    (seq,) = corpus._grobid_file(data, "55003087")
    assert seq == [("Aust Vet J ", "journal"), ("Vol 79, ", "volume"), ("No 6, ", "issue"),
                   ("June 2001 ", "date"), ("431", "pages")]

    tei = tmp_path / "levels.xml"
    tei.write_text(
        '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><back>'
        "<listBibl>\n"
        '<bibl><author>Smith J</author>. <title level="a">A chapter</title>. In: '
        '<editor>Jones K</editor> (eds) <title level="m">The book</title>. '
        '<title level="s">Lecture Notes</title>, <biblScope unit="volume">12</biblScope>. '
        "<pubPlace>Berlin</pubPlace>: <publisher>Springer</publisher>, <date>1999</date>, "
        '<biblScope unit="page">1-10</biblScope>. <idno type="DOI">10.1/x</idno></bibl>\n'
        '<bibl><author>Doe A</author>, <title level="m">Only a book</title>, '
        '<note>2nd edn</note>, <pubplace>Paris</pubplace> <date>2001</date>. '
        '<ptr type="web">http://x.org</ptr> <idno type="ISBN">978-3-16-148410-0</idno></bibl>\n'
        '<bibl><title level="j">Phys.\n\tRev.</title> <biblScope type="vol">79</biblScope>'
        '<lb/>(<biblScope type="issue">2</biblScope>) <biblScope type="pp">5</biblScope> '
        '&amp; <orgName type="collaboration">STAR</orgName> <note type="report">PhD thesis</note>'
        "</bibl>\n"
        '<bibl><author>Hall B</author>, <title level="m">Lie Groups</title>, '
        '<title level="s">Graduate Texts in Mathematics</title> Vol. '
        '<biblScope unit="volume">222</biblScope> (<publisher>Springer</publisher>)</bibl>\n'
        "</listBibl></back></text></TEI>",
        encoding="utf-8",
    )
    a, b, c, d = read_grobid(tei)
    fa, fb, fc = _fields(a), _fields(b), _fields(c)
    assert fa["title"] == ["A chapter."] and fa["container-title"] == ["The book."]
    assert fa["editor"] == ["Jones K (eds)"] and fa["collection-title"] == ["Lecture Notes,"]
    assert fa["collection-number"] == ["12."] and fa["location"] == ["Berlin:"]
    assert fa["publisher"] == ["Springer,"] and fa["date"] == ["1999,"]
    assert fa["pages"] == ["1-10."] and fa["doi"] == ["10.1/x"] and fa["other"] == ["In:"]
    assert fb["title"] == ["Only a book,"] and fb["edition"] == ["2nd edn,"]
    assert fb["location"] == ["Paris"] and fb["url"] == ["http://x.org"]
    assert fb["isbn"] == ["978-3-16-148410-0"]
    assert reference_text(c) == "Phys. Rev. 79 (2) 5 & STAR PhD thesis"
    assert fc["journal"] == ["Phys. Rev."] and fc["volume"] == ["79"] and fc["issue"] == ["2"]
    assert fc["author"] == ["STAR"] and fc["genre"] == ["PhD thesis"]
    # a volume number right after a series title is the series number
    assert _fields(d)["collection-title"] == ["Graduate Texts in Mathematics"]
    assert _fields(d)["collection-number"] == ["Vol. 222"] and "volume" not in _fields(d)


def test_grobid_reads_a_directory(tmp_path):
    (tmp_path / "a.xml").write_text(
        '<citations><bibl><author>X</author>, <date>2000</date></bibl></citations>'
    )
    (tmp_path / "b.xml").write_text('<citations><bibl><title level="a">T</title></bibl></citations>')
    assert list(read_grobid(tmp_path)) == [[("X, ", "author"), ("2000", "date")], [("T", "title")]]
    assert list(read_sequences(tmp_path)) == list(read_grobid(tmp_path))


def test_gold_alignment_of_hand_checked_lines():
    chicago = {
        "text": "Lynne Viola, “The Second Coming: Class Enemies in the Soviet Countryside, "
        "1927–1935,” in Stalinist Terror: New Perspectives, ed. J. Arch Getty and Roberta T. "
        "Manning (Cambridge: Cambridge University Press, 1993), 65–98.",
        "expected": [{"kind": "full", "type": "chapter",
                      "author": [{"family": "Viola", "given": "Lynne"}],
                      "title": "The Second Coming: Class Enemies in the Soviet Countryside, 1927–1935",
                      "container-title": "Stalinist Terror: New Perspectives",
                      "editor": [{"family": "Getty", "given": "J. Arch"},
                                 {"family": "Manning", "given": "Roberta T."}],
                      "publisher-place": "Cambridge", "publisher": "Cambridge University Press",
                      "issued": 1993, "page": "65–98"}],
    }
    seq, expected, aligned = align_gold(chicago)
    assert (expected, aligned) == (9, 9)
    assert reference_text(seq) == chicago["text"]
    assert seq == [
        ("Lynne Viola, ", "author"),
        ("“The Second Coming: Class Enemies in the Soviet Countryside, 1927–1935,” ", "title"),
        ("in ", "other"),
        ("Stalinist Terror: New Perspectives, ", "container-title"),
        ("ed. J. Arch Getty and Roberta T. Manning ", "editor"),
        ("(", "other"),
        ("Cambridge: ", "location"),
        ("Cambridge University Press, ", "publisher"),
        ("1993), ", "date"),
        ("65–98.", "pages"),
    ]

    german = {
        "text": "Vgl. Berger, Peter A./Hradil, Stefan (Hg.) (1990): Lebenslagen, Lebensläufe, "
        "Lebensstile. Göttingen: Schwartz, S. 12.",
        "expected": [{"kind": "full", "type": "book", "prefix": "Vgl.",
                      "editor": [{"family": "Berger", "given": "Peter A."},
                                 {"family": "Hradil", "given": "Stefan"}],
                      "title": "Lebenslagen, Lebensläufe, Lebensstile",
                      "publisher-place": "Göttingen", "publisher": "Schwartz", "issued": 1990,
                      "locator": {"label": "page", "value": "12"}}],
    }
    seq, expected, aligned = align_gold(german)
    assert aligned == expected == 7
    assert seq == [
        ("Vgl. ", "other"),
        ("Berger, Peter A./Hradil, Stefan (Hg.) ", "editor"),
        ("(1990): ", "date"),
        ("Lebenslagen, Lebensläufe, Lebensstile. ", "title"),
        ("Göttingen: ", "location"),
        ("Schwartz, ", "publisher"),
        ("S. 12.", "other"),  # the cited page of a book: the locator, not a field
    ]

    apa = {
        "text": "Swidler, A. (1986). Culture in action: Symbols and strategies. American "
        "Sociological Review, 51(2), 273–286.",
        "expected": [{"kind": "full", "type": "article-journal",
                      "author": [{"family": "Swidler", "given": "A."}],
                      "title": "Culture in action: Symbols and strategies",
                      "container-title": "American Sociological Review", "volume": "51",
                      "issue": "2", "issued": 1986, "page": "273-286"}],
    }
    fields = _fields(align_gold(apa)[0])
    assert fields["author"] == ["Swidler, A."] and fields["date"] == ["(1986)."]
    assert fields["journal"] == ["American Sociological Review,"]
    assert fields["volume"] == ["51"] and fields["issue"] == ["2"] and fields["pages"] == ["273–286."]

    # Two citations, the first a short form (its author and title are labelled too); values
    # of the full one are not taken from the short one.
    two = {
        "text": "Bloch, Les Rois thaumaturges, op. cit., p. 60; Marc Bloch, La Société féodale, "
        "Paris, Albin Michel, 1939, p. 5.",
        "expected": [
            {"kind": "short", "author": [{"family": "Bloch"}], "title": "Les Rois thaumaturges",
             "locator": {"label": "page", "value": "60"}},
            {"kind": "full", "type": "book", "author": [{"family": "Bloch", "given": "Marc"}],
             "title": "La Société féodale", "publisher-place": "Paris",
             "publisher": "Albin Michel", "issued": 1939,
             "locator": {"label": "page", "value": "5"}},
        ],
    }
    seq, expected, aligned = align_gold(two)
    assert aligned == expected
    assert seq[0] == ("Bloch, ", "author") and seq[1][1] == "title" and seq[1][0].startswith("Les Rois thaumaturges")
    assert ("Marc Bloch, ", "author") in seq and ("La Société féodale, ", "title") in seq

    assert align_gold({"text": "Ibid., p. 3.", "expected": [{"kind": "ibid"}]}) is None


def test_gold_role_pronouns_and_unlabelled_statements():
    pronoun = {
        "text": "Renate Mayntz/Fritz W. Scharpf: Der Ansatz, in: dies. (Hrsg.): Gesellschaftliche "
        "Selbstregelung, Frankfurt am Main: Campus 1995, S. 39–72.",
        "expected": [{"kind": "full", "type": "chapter",
                      "author": [{"family": "Mayntz", "given": "Renate"},
                                 {"family": "Scharpf", "given": "Fritz W."}],
                      "editor": [{"family": "Mayntz", "given": "Renate"},
                                 {"family": "Scharpf", "given": "Fritz W."}],
                      "title": "Der Ansatz", "container-title": "Gesellschaftliche Selbstregelung",
                      "publisher-place": "Frankfurt am Main", "publisher": "Campus",
                      "issued": 1995, "page": "39–72"}],
    }
    seq, expected, aligned = align_gold(pronoun)
    assert aligned == expected == 10
    assert seq[:4] == [("Renate Mayntz/Fritz W. Scharpf: ", "author"), ("Der Ansatz, ", "title"),
                       ("in: ", "other"), ("dies. (Hrsg.): ", "editor")]

    both = {
        "text": "Antonio Gramsci, Selections from the Prison Notebooks, 2nd ed., ed. and trans. "
        "Quintin Hoare and Geoffrey Nowell Smith (London: Lawrence and Wishart, 1971), 12.",
        "expected": [{"kind": "full", "type": "book",
                      "author": [{"family": "Gramsci", "given": "Antonio"}],
                      "editor": [{"family": "Hoare", "given": "Quintin"},
                                 {"family": "Nowell Smith", "given": "Geoffrey"}],
                      "translator": [{"family": "Hoare", "given": "Quintin"},
                                     {"family": "Nowell Smith", "given": "Geoffrey"}],
                      "title": "Selections from the Prison Notebooks", "publisher-place": "London",
                      "publisher": "Lawrence and Wishart", "issued": 1971,
                      "locator": {"label": "page", "value": "12"}}],
    }
    seq, expected, aligned = align_gold(both)
    assert aligned == expected == 10
    assert ("2nd ed.", "edition") in seq
    assert ("ed. and trans. Quintin Hoare and Geoffrey Nowell Smith ", "editor") in seq

    statements = {
        "text": "Getty, J. Arch. “The ‘Great Purges’ Reconsidered.” PhD diss., Boston College, 1979; "
        "Marc Bloch, Apologie, Paris, Armand Colin, coll. « Cahiers des Annales », 1949.",
        "expected": [
            {"kind": "full", "type": "thesis", "author": [{"family": "Getty", "given": "J. Arch"}],
             "title": "The ‘Great Purges’ Reconsidered", "publisher": "Boston College",
             "issued": 1979},
            {"kind": "full", "type": "book", "author": [{"family": "Bloch", "given": "Marc"}],
             "title": "Apologie", "publisher-place": "Paris", "publisher": "Armand Colin",
             "issued": 1949},
        ],
    }
    seq, expected, aligned = align_gold(statements)
    assert aligned == expected == 9
    assert ("PhD diss.", "genre") in seq
    assert ("coll. « Cahiers des Annales »", "collection-title") in seq
    assert ("1979; ", "date") in seq and ("Marc Bloch, ", "author") in seq


def test_gold_file_is_aligned_almost_entirely():
    stats = GoldStats()
    seqs = list(read_gold_jsonl(SOURCES["gold"], stats))
    assert stats.kept == len(seqs) > 450
    assert stats.lines == stats.kept + stats.dropped + stats.no_full
    assert stats.aligned / stats.fields > 0.98
    assert stats.dropped <= 5
    texts = {}
    with open(SOURCES["gold"], encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("//"):
                record = json.loads(line)
                texts[re.sub(r"\s+", " ", record["text"]).strip()] = record
    for seq in seqs:
        _well_formed(seq)
        assert reference_text(seq) in texts
    labels = Counter(label for seq in seqs for _, label in seq)
    assert labels["journal"] and labels["container-title"] and labels["translator"]


def test_bad_inputs_give_one_clear_error(tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<dataset><sequence><author>A</sequence></dataset>")
    with pytest.raises(CorpusError, match="broken.xml: not well-formed XML"):
        list(read_anystyle(bad))
    with pytest.raises(CorpusError, match="broken.xml: not well-formed XML"):
        list(read_sequences(bad))
    with pytest.raises(CorpusError, match="broken.xml"):
        list(read_grobid(bad))

    unknown = tmp_path / "unknown.xml"
    unknown.write_text("<dataset><sequence><colour>red</colour></sequence></dataset>")
    with pytest.raises(CorpusError, match=r"unknown.xml, sequence 1: unknown AnyStyle label <colour>"):
        list(read_anystyle(unknown))

    entity = tmp_path / "entity.xml"
    entity.write_text('<!DOCTYPE x [<!ENTITY a "b">]><dataset><sequence><title>&a;</title>'
                      "</sequence></dataset>")
    with pytest.raises(CorpusError, match="entity.xml"):
        list(read_anystyle(entity))

    not_dataset = tmp_path / "tei.xml"
    not_dataset.write_text("<TEI/>")
    with pytest.raises(CorpusError, match="not an AnyStyle dataset"):
        list(read_anystyle(not_dataset))

    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(gzip.compress(b"not a tar archive at all" * 10)[:40])
    with pytest.raises(CorpusError, match="damaged.tar.gz"):
        list(read_grobid(damaged))

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        payload = b"<citations><bibl><author>A</bibl></citations>"
        info = tarfile.TarInfo("corpus/bad.xml")
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
    tar = tmp_path / "corpus.tar.gz"
    tar.write_bytes(buffer.getvalue())
    with pytest.raises(CorpusError, match=r"corpus.tar.gz:corpus/bad.xml: not well-formed XML"):
        list(read_sequences(tar))

    jsonl = tmp_path / "gold.jsonl"
    jsonl.write_text('// comment\n\n{"text": "A", "expected": []}\n{"text": \n')
    with pytest.raises(CorpusError, match=r"gold.jsonl:4: not JSON"):
        list(read_gold_jsonl(jsonl))
    jsonl.write_text('["not", "a", "record"]\n')
    with pytest.raises(CorpusError, match=r"gold.jsonl:1: a line needs"):
        list(read_gold_jsonl(jsonl))

    with pytest.raises(CorpusError, match="missing.xml: cannot be read"):
        list(read_anystyle(tmp_path / "missing.xml"))
    with pytest.raises(CorpusError, match="unknown training format"):
        list(read_sequences(tmp_path / "notes.txt"))


def test_summary_prints_every_source(capsys):
    assert corpus.main(["anystyle", "gold"]) == 0
    out = capsys.readouterr().out
    assert "anystyle: 1514 sequences," in out
    assert re.search(r"gold: \d+ sequences, \d+ tokens\n  lines \d+, kept \d+, dropped \d+", out)
    assert re.search(r"^  issue +\d+", out, re.M)
    assert corpus.main(["nonsense"]) == 2
    assert "unknown source 'nonsense'" in capsys.readouterr().err
