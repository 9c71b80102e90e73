"""Each reader turns its format's real shapes into the same notes, markers and bibliography."""

from __future__ import annotations

import io
import zipfile

import pytest

from citations.readers import read_manuscript

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def notes_of(ms) -> list[tuple[int, str, str]]:
    return [(n.number, n.key, n.text) for n in ms.notes]


def markers_of(ms) -> list[str]:
    return [m.label for m in ms.markers]


# --------------------------------------------------------------------------- plain text

def test_text_bibliography_after_notes_is_not_glued_onto_the_last_note():
    ms = read_manuscript(
        data=(
            "A claim.[1] Another.[2]\n\n[1]\n\nHallas, The Comintern, p. 9.\n\n[2]\n\nIbid., p. 10.\n\n"
            "Bibliography\n\nHallas, Duncan. The Comintern. London: Bookmarks, 1985.\n"
            "Service, Robert. Stalin. A Biography. London: Macmillan, 2004.\n"
        ),
        format="text",
    )
    assert notes_of(ms) == [(1, "1", "Hallas, The Comintern, p. 9."), (2, "2", "Ibid., p. 10.")]
    assert [text for _, text in ms.bibliography] == [
        "Hallas, Duncan. The Comintern. London: Bookmarks, 1985.",
        "Service, Robert. Stalin. A Biography. London: Macmillan, 2004.",
    ]
    assert [line for line, _ in ms.bibliography] == [13, 14]


def test_text_note_text_is_whitespace_normalised():
    ms = read_manuscript(data="Text.[1]\n\nNotes\n\n[1] Hallas,\u00a0 The   Comintern,\n   p.\t9.\n", format="text")
    assert ms.notes[0].text == "Hallas, The Comintern, p. 9."


# --------------------------------------------------------------------------- Markdown

MARKDOWN = """\
# Guests of the revolution

A claim.[^1] A named note.[^hallas] An inline one.^[Ibid., *p.* 12.] Again.[^1]

[^hallas]: Duncan Hallas, *The Comintern*, London:
    Bookmarks 1985, p. 9.

    A second paragraph of the same note.

Later text with a dangling reference.[^missing]

[^1]: William J. Chase, Enemies within the Gates?, New Haven: Yale University Press 2001, p. 3.

[^unused]: Never referenced.

## Works cited

- Chase, William J. Enemies within the Gates? New Haven: Yale University Press, 2001.
- Hallas, Duncan. The Comintern. London: Bookmarks, 1985.
"""


def test_markdown_footnotes_numbered_by_first_reference():
    ms = read_manuscript(data=MARKDOWN, format="markdown")
    assert notes_of(ms) == [
        (1, "1", "William J. Chase, Enemies within the Gates?, New Haven: Yale University Press 2001, p. 3."),
        (2, "hallas", "Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9. A second paragraph of the same note."),
        (3, "3", "Ibid., p. 12."),
        (4, "unused", "Never referenced."),
    ]


def test_markdown_markers_keep_label_line_and_column():
    ms = read_manuscript(data=MARKDOWN, format="markdown")
    assert [(m.label, m.line, m.column) for m in ms.markers] == [
        ("1", 3, 9),
        ("hallas", 3, 27),
        ("3", 3, 51),
        ("1", 3, 76),
        ("missing", 10, 38),
    ]
    assert ms.note(2).line == 5  # where the definition starts


def test_markdown_bibliography_section():
    ms = read_manuscript(data=MARKDOWN, format="markdown")
    assert [text for _, text in ms.bibliography] == [
        "Chase, William J. Enemies within the Gates? New Haven: Yale University Press, 2001.",
        "Hallas, Duncan. The Comintern. London: Bookmarks, 1985.",
    ]


def test_markdown_without_footnote_syntax_is_read_like_plain_text():
    ms = read_manuscript(data="A claim.[1]\n\nNotes\n\n[1] Hallas, The Comintern, p. 9.\n", format="markdown")
    assert ms.format == "markdown"
    assert notes_of(ms) == [(1, "1", "Hallas, The Comintern, p. 9.")]


def test_markdown_writer_round_trips_escapes_and_markers():
    from citations.readers.markdown import read_text as read_md
    from citations.readers.markdown import text_to_markdown

    text = (
        "# not a heading * [sic] <b> 1. not a list_ $5 @key | ~x^ & [2]\n\n"
        "A claim.[1]\n\n[1]\n\nMüller, “Block – Struktur”, in: UTOPIE kreativ 81/82 (1997), pp. 82–95 [*].\n"
    )
    md = text_to_markdown(text)
    assert "[^1]" in md and "\\[2\\]" in md
    ms = read_md(md)
    assert notes_of(ms) == [(1, "1", "Müller, “Block – Struktur”, in: UTOPIE kreativ 81/82 (1997), pp. 82–95 [*].")]
    assert markers_of(ms) == ["1"]
    assert ms.bibliography == []


# --------------------------------------------------------------------------- HTML

PANDOC_HTML = """<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>
<p>A claim.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>
Another.<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></p>
<script>document.write("[3] not a note")</script>
<section class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr />
<ol>
<li id="fn1" role="doc-endnote"><p>Duncan Hallas, <em>The Comintern</em>, London: Bookmarks 1985, p. 9.</p>
<p>Second paragraph.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2" role="doc-endnote"><p>Ibid., p. 10.<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol></section></body></html>"""

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
<style>p.MsoNormal {margin:0cm;}</style></head><body lang=EN-GB>
<div class=WordSection1>
<p class=MsoNormal>A claim.<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span
class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> Another.<a style='mso-footnote-id:ftn2'
href="#_ftn2" name="_ftnref2" title=""><span class=MsoFootnoteReference>[2]</span></a></p>
</div>
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%"><![endif]>
<div style='mso-element:footnote' id=ftn1>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span
class=MsoFootnoteReference>[1]</span></a> Dun<span lang=DE>can</span> Hallas, <i>The Comintern</i>,
London: Bookmarks 1985, p.&nbsp;9.</p>
</div>
<div style='mso-element:footnote' id=ftn2>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn2' href="#_ftnref2" name="_ftn2" title=""><span
class=MsoFootnoteReference>[2]</span></a> Ibid., p. 10.</p>
</div></div></body></html>"""

GOOGLE_HTML = """<html><head><style>.c1{}</style></head><body class="c5 doc-content">
<p class="c2"><span class="c1">A claim.</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup><span
class="c1">&nbsp;Another.</span><sup><a href="#ftnt2" id="ftnt_ref2">[2]</a></sup></p>
<hr class="c6"><div><p class="c3"><a href="#ftnt_ref1" id="ftnt1">[1]</a><span class="c4">&nbsp;Duncan Hallas,
The Comintern, London: Bookmarks 1985, p. 9.</span></p></div><div><p class="c3"><a href="#ftnt_ref2"
id="ftnt2">[2]</a><span class="c4">&nbsp;Ibid., p. 10.</span></p></div></body></html>"""

LIBREOFFICE_HTML = """<html><body>
<p>A claim.<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>
Another.<a class="sdfootnoteanc" name="sdfootnote2anc" href="#sdfootnote2sym"><sup>2</sup></a></p>
<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym"
href="#sdfootnote1anc">1</a>Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9.</p></div>
<div id="sdfootnote2"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote2sym"
href="#sdfootnote2anc">2</a>Ibid., p. 10.</p></div></body></html>"""

SUP_HTML = """<html><body><h1>Title</h1>
<p>A claim.<sup>1</sup> Another.<sup>2</sup></p>
<ol><li>a list in the body</li></ol>
<h2>Notes</h2>
<ol><li>Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9.</li><li>Ibid., p. 10.</li></ol>
</body></html>"""

BRACKET_HTML = """<html><body><article>
<p>A claim.[1] Another.[2]</p>
<ol><li><p>Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9.</p></li>
<li><p>Ibid., p. 10.</p></li></ol>
<p>Share this article</p>
</article></body></html>"""

OLD_PANDOC_HTML = """<html><body>
<p>A claim.<sup id="fnref1"><a href="#fn1" class="footnoteRef">1</a></sup> Another.<sup id="fnref2"><a
href="#fn2" class="footnoteRef">2</a></sup></p>
<div class="footnotes"><hr /><ol>
<li id="fn1"><p>Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9.<a href="#fnref1">↩</a></p></li>
<li id="fn2"><p>Ibid., p. 10.<a href="#fnref2">↩</a></p></li>
</ol></div></body></html>"""

WORD_ENDNOTES_HTML = """<html><body><div class=WordSection1>
<p class=MsoNormal>A claim.<a style='mso-endnote-id:edn1' href="#_edn1" name="_ednref1" title=""><span
class=MsoEndnoteReference>[i]</span></a> Another.<a style='mso-endnote-id:edn2' href="#_edn2" name="_ednref2"
title=""><span class=MsoEndnoteReference>[ii]</span></a></p></div>
<div style='mso-element:endnote-list'><hr align=left size=1 width="33%">
<div style='mso-element:endnote' id=edn1><p class=MsoEndnoteText><a style='mso-endnote-id:edn1' href="#_ednref1"
name="_edn1" title=""><span class=MsoEndnoteReference>[i]</span></a> Duncan Hallas, The Comintern, London:
Bookmarks 1985, p. 9.</p></div>
<div style='mso-element:endnote' id=edn2><p class=MsoEndnoteText><a style='mso-endnote-id:edn2' href="#_ednref2"
name="_edn2" title=""><span class=MsoEndnoteReference>[ii]</span></a> Ibid., p. 10.</p></div></div></body></html>"""

EXPECTED = [(1, "1", "Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9."), (2, "2", "Ibid., p. 10.")]


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(WORD_HTML, id="word-save-as-web-page"),
        pytest.param(GOOGLE_HTML, id="google-docs"),
        pytest.param(LIBREOFFICE_HTML, id="libreoffice"),
        pytest.param(OLD_PANDOC_HTML, id="pandoc-1.x"),
        pytest.param(SUP_HTML, id="sup-markers-and-notes-list"),
        pytest.param(BRACKET_HTML, id="bracket-markers-and-ordered-list"),
    ],
)
def test_html_export_shapes_give_the_same_notes(html):
    ms = read_manuscript(data=html, format="html")
    assert notes_of(ms) == EXPECTED
    assert markers_of(ms) == ["1", "2"]


def test_html_sup_markers_keep_their_source_position():
    ms = read_manuscript(data=SUP_HTML, format="html")
    assert [(m.label, m.line, m.column) for m in ms.markers] == [("1", 2, 12), ("2", 2, 33)]
    assert [n.line for n in ms.notes] == [5, 5]


def test_html_word_endnotes_keep_their_roman_marks():
    ms = read_manuscript(data=WORD_ENDNOTES_HTML, format="html")
    assert notes_of(ms) == [(1, "i", EXPECTED[0][2]), (2, "ii", EXPECTED[1][2])]
    assert markers_of(ms) == ["i", "ii"]


def test_html_pandoc_multi_paragraph_note_without_backlinks():
    ms = read_manuscript(data=PANDOC_HTML, format="html")
    assert notes_of(ms) == [
        (1, "1", "Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9. Second paragraph."),
        (2, "2", "Ibid., p. 10."),
    ]
    assert [(m.line, m.column) for m in ms.markers] == [(2, 12), (3, 9)]
    assert ms.note(1).line == 7


def test_html_scripts_and_styles_are_ignored():
    ms = read_manuscript(data=PANDOC_HTML, format="html")
    assert all("not a note" not in n.text for n in ms.notes)
    assert "3" not in markers_of(ms)


def test_html_bibliography_section():
    html = SUP_HTML.replace(
        "</body>",
        "<h2>Bibliography</h2><p>Hallas, Duncan. The Comintern. London: Bookmarks, 1985.</p></body>",
    )
    ms = read_manuscript(data=html, format="html")
    assert [text for _, text in ms.bibliography] == ["Hallas, Duncan. The Comintern. London: Bookmarks, 1985."]


# --------------------------------------------------------------------------- DOCX

def make_docx(body: str, footnotes: str | None = None, endnotes: str | None = None, settings: str | None = None) -> bytes:
    """A minimal Word package with the given body and notes (WordprocessingML fragments)."""
    ns = f'xmlns:w="{W}"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        rels = []
        if footnotes is not None:
            rels.append('<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>')
            z.writestr("word/footnotes.xml", f'<?xml version="1.0"?><w:footnotes {ns}>{footnotes}</w:footnotes>')
        if endnotes is not None:
            rels.append('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>')
            z.writestr("word/endnotes.xml", f'<?xml version="1.0"?><w:endnotes {ns}>{endnotes}</w:endnotes>')
        if settings is not None:
            z.writestr("word/settings.xml", f'<?xml version="1.0"?><w:settings {ns}>{settings}</w:settings>')
        z.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + "</Relationships>",
        )
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def fn(note_id: str, *runs: str) -> str:
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        + "".join(runs) + "</w:p></w:footnote>"
    )


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def ref(note_id: str, kind: str = "footnote", custom: bool = False) -> str:
    extra = ' w:customMarkFollows="1"' if custom else ""
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Reference{extra} w:id="{note_id}"/></w:r>'


def test_docx_footnotes_in_reference_order_with_separators_skipped(tmp_path):
    body = (
        "<w:p>" + r("Title") + "</w:p>"
        "<w:p>" + r("A claim.") + ref("5") + r(" Another.") + ref("2") + "</w:p>"
    )
    notes = SEPARATORS + fn("2", r(" Ibid., p. 10.")) + fn("5", r(" Duncan "), r("Hallas, "), '<w:r><w:rPr><w:i/></w:rPr><w:t>The Comintern</w:t></w:r>', r(", London: Bookmarks 1985, p.\u00a09."))
    path = tmp_path / "m.docx"
    path.write_bytes(make_docx(body, notes))
    ms = read_manuscript(path)
    assert ms.format == "docx"
    assert notes_of(ms) == EXPECTED
    assert [(m.label, m.line, m.column) for m in ms.markers] == [("1", 2, 9), ("2", 2, 18)]


def test_docx_track_changes_read_as_accepted_and_field_codes_skipped():
    body = (
        "<w:p>" + r("Text.") + ref("1") + "</w:p>"
    )
    notes = fn(
        "1",
        r(" Duncan Hallas, The "),
        '<w:del w:id="7" w:author="x"><w:r><w:delText>Third </w:delText></w:r></w:del>',
        '<w:ins w:id="8" w:author="x"><w:r><w:t>Comintern</w:t></w:r></w:ins>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> ADDIN ZOTERO_ITEM {"x":1} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        r(", London: Bookmarks 1985, p. 9."),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )
    ms = read_manuscript(data=make_docx(body, notes), format="docx")
    assert ms.notes[0].text == "Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9."


def test_docx_custom_marks_and_endnotes():
    body = "<w:p>" + r("A.") + ref("1", custom=True) + '<w:r><w:t>*</w:t></w:r>' + r(" B.") + ref("1", "endnote") + r(" C.") + ref("2") + "</w:p>"
    footnotes = SEPARATORS + (
        '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>*</w:t></w:r>'
        + r(" A starred note.") + "</w:p></w:footnote>"
    ) + fn("2", r(" Second footnote."))
    endnotes = (
        '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
        '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r>' + r(" An endnote.") + "</w:p></w:endnote>"
    )
    ms = read_manuscript(data=make_docx(body, footnotes, endnotes), format="docx")
    assert notes_of(ms) == [(1, "*", "A starred note."), (2, "i", "An endnote."), (3, "1", "Second footnote.")]
    assert markers_of(ms) == ["*", "i", "1"]


@pytest.mark.parametrize(
    "settings, section, expected",
    [
        ("", "", ["1", "2", "3"]),
        ('<w:footnotePr><w:numFmt w:val="chicago"/></w:footnotePr>', "", ["*", "†", "‡"]),
        ('<w:footnotePr><w:numFmt w:val="lowerLetter"/></w:footnotePr>', "", ["a", "b", "c"]),
        ("", '<w:footnotePr><w:numFmt w:val="upperRoman"/><w:numStart w:val="4"/></w:footnotePr>', ["IV", "V", "VI"]),
    ],
)
def test_docx_labels_follow_the_documents_number_format(settings, section, expected):
    body = "<w:p>" + "".join(r(f"S{k}.") + ref(str(k)) for k in (1, 2, 3)) + "</w:p>"
    body += f"<w:sectPr>{section}</w:sectPr>"
    notes = SEPARATORS + "".join(fn(str(k), r(f" Note {k}.")) for k in (1, 2, 3))
    ms = read_manuscript(data=make_docx(body, notes, settings=settings), format="docx")
    assert [n.key for n in ms.notes] == expected
    assert markers_of(ms) == expected


def test_docx_reference_to_a_missing_note_is_a_marker_without_a_note():
    body = "<w:p>" + r("A.") + ref("1") + r(" B.") + ref("3") + "</w:p>"
    ms = read_manuscript(data=make_docx(body, SEPARATORS + fn("1", r(" Note."))), format="docx")
    assert notes_of(ms) == [(1, "1", "Note.")]
    assert markers_of(ms) == ["1", "2"]  # Word numbers the dangling reference 2


def test_docx_bibliography_by_paragraph_index():
    body = (
        "<w:p>" + r("Text.") + ref("1") + "</w:p><w:p>" + r("Bibliography") + "</w:p>"
        "<w:p>" + r("Hallas, Duncan. The Comintern. London: Bookmarks, 1985.") + "</w:p>"
    )
    ms = read_manuscript(data=make_docx(body, fn("1", r(" Hallas, The Comintern, p. 9."))), format="docx")
    assert ms.bibliography == [(3, "Hallas, Duncan. The Comintern. London: Bookmarks, 1985.")]


# --------------------------------------------------------------------------- ODT

def make_odt(paragraphs: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            f"<office:body><office:text>{paragraphs}</office:text></office:body></office:document-content>",
        )
    return buf.getvalue()


def odt_note(note_id: str, citation: str, text: str, cls: str = "footnote", label: str | None = None) -> str:
    attr = f' text:label="{label}"' if label else ""
    return (
        f'<text:note text:id="{note_id}" text:note-class="{cls}"><text:note-citation{attr}>{citation}</text:note-citation>'
        f'<text:note-body><text:p text:style-name="Footnote">{text}</text:p></text:note-body></text:note>'
    )


def test_odt_footnotes_and_positions():
    content = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>gone</text:p>'
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:h>Title</text:h>"
        "<text:p>A<text:s text:c=\"2\"/>claim."
        + odt_note("ftn0", "1", "Duncan Hallas, <text:span>The Comintern</text:span>, London: Bookmarks 1985, p. 9.")
        + " Another."
        + odt_note("ftn1", "2", "Ibid., p. 10.")
        + "</text:p>"
    )
    ms = read_manuscript(data=make_odt(content), format="odt")
    assert notes_of(ms) == EXPECTED
    assert [(m.label, m.line, m.column) for m in ms.markers] == [("1", 2, 10), ("2", 2, 19)]


def test_odt_endnotes_and_custom_marks():
    content = "<text:p>A." + odt_note("e1", "i", "An endnote.", cls="endnote") + " B." + odt_note("f1", "*", "Starred.", label="*") + "</text:p>"
    ms = read_manuscript(data=make_odt(content))
    assert notes_of(ms) == [(1, "i", "An endnote."), (2, "*", "Starred.")]


# --------------------------------------------------------------------------- LaTeX

LATEX = r"""\documentclass{article}
\usepackage{csquotes}
% \footnote{a commented-out note}
\begin{document}
\section{Introduction}
A claim.\footnote{Duncan Hallas, \emph{The {Comintern}}, London: Bookmarks 1985, p.~9.}
A starred one\footnote[7]{Pierre Brou\'{e}, \textit{Histoire}, Paris: Fayard 1997, pp. 15--18.}
and a split one.\footnotemark{} More text.\footnotetext{Reinhard M\"uller, ``Der Antikomintern-Block --- Struktur'', % a comment
  in: UTOPIE kreativ 81/82 (1997), pp.\,82--95; \enquote{Chase}'s \href{https://example.org}{page}, \url{https://example.org/x_y}, 50\%.}
\section*{Bibliography}
Hallas, Duncan. \textit{The Comintern}. London: Bookmarks, 1985.

\end{document}
"""


def test_latex_footnotes_marks_and_texts():
    ms = read_manuscript(data=LATEX, format="latex")
    assert notes_of(ms) == [
        (1, "1", "Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9."),
        (2, "7", "Pierre Broué, Histoire, Paris: Fayard 1997, pp. 15–18."),
        (
            3,
            "2",
            (
                "Reinhard Müller, “Der Antikomintern-Block — Struktur”, in: UTOPIE kreativ 81/82 (1997), "
                "pp. 82–95; “Chase”’s page <https://example.org>, https://example.org/x_y, 50%."
            ),
        ),
    ]
    assert [(m.label, m.line, m.column) for m in ms.markers] == [("1", 6, 9), ("7", 7, 14), ("2", 8, 17)]
    assert ms.bibliography == [(11, "Hallas, Duncan. The Comintern. London: Bookmarks, 1985.")]


def test_latex_without_document_environment_and_unbalanced_braces():
    ms = read_manuscript(data="Text.\\footnote{Unclosed {note", format="latex")
    assert notes_of(ms) == [(1, "1", "Unclosed note")]


# --------------------------------------------------------------------------- picking the reader

@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("m.md", b"A.[^1]\n\n[^1]: Note.\n", "markdown"),
        ("m.tex", b"A.\\footnote{Note.}", "latex"),
        ("m.html", b"<p>A.</p>", "html"),
        ("m.txt", b"A.[1]\n\n[1] Note.\n", "text"),
        ("noext", b"<!DOCTYPE html><html><body><p>A</p></body></html>", "html"),
        ("noext", b"\\documentclass{article}\\begin{document}A.\\footnote{N.}\\end{document}", "latex"),
        ("noext", b"A.[^1]\n\n[^1]: Note.\n", "markdown"),
        ("noext", b"A.[1]\n\n[1] Note.\n", "text"),
        ("m.txt", make_odt("<text:p>A.</text:p>"), "odt"),  # a package is what it is
        ("m.txt", b"<!DOCTYPE html><html><body><p>A.</p></body></html>", "html"),
        ("m.md", b"\\documentclass{article}\\begin{document}A.\\footnote{N.}\\end{document}", "latex"),
        ("m.md", b"<p>A paragraph of HTML inside Markdown.</p>", "markdown"),
    ],
    ids=[
        "md", "tex", "html", "txt", "sniff-html", "sniff-latex", "sniff-markdown", "sniff-text",
        "odt-named-txt", "html-named-txt", "latex-named-md", "html-block-in-md",
    ],
)
def test_format_by_suffix_then_content(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    assert read_manuscript(path).format == expected


def test_docx_sniffed_without_suffix(tmp_path):
    path = tmp_path / "manuscript"
    path.write_bytes(make_docx("<w:p>" + r("A.") + ref("1") + "</w:p>", fn("1", r(" N."))))
    ms = read_manuscript(path)
    assert ms.format == "docx" and notes_of(ms) == [(1, "1", "N.")]


def test_input_format_overrides_suffix(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("A.[^1]\n\n[^1]: Note.\n", encoding="utf-8")
    assert read_manuscript(path, format="markdown").notes[0].text == "Note."


@pytest.mark.parametrize(
    "text, url, expected",
    [
        ("Chinese Wikipedia", "https://zh.wikipedia.org/wiki/X", "Chinese Wikipedia <https://zh.wikipedia.org/wiki/X>"),
        ("https://example.org/a", "https://example.org/a", "https://example.org/a"),
        ("example.org/a", "https://example.org/a", "example.org/a"),
        ("see https://example.org/a/ here", "https://example.org/a/", "see https://example.org/a/ here"),
        ("note 3", "#fn3", "note 3"),
        ("write to us", "mailto:x@example.org", "write to us"),
        ("", "https://example.org/a", "https://example.org/a"),
    ],
)
def test_link_text_keeps_a_web_address_the_text_does_not_show(text, url, expected):
    from citations.readers import link_text

    assert link_text(text, url) == expected


def test_docx_hyperlink_in_a_note_keeps_its_url():
    rels_part = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="https://zh.wikipedia.org/wiki/X" TargetMode="External"/></Relationships>'
    )
    data = make_docx(
        "<w:p>" + r("A.") + ref("1") + "</w:p>",
        SEPARATORS + fn("1", r(" "), f'<w:hyperlink xmlns:r="{RELS}" r:id="rId3">' + r("Chinese Wikipedia") + "</w:hyperlink>", r(" (accessed 29.7.2025).")),
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buf, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/_rels/footnotes.xml.rels", rels_part)
    ms = read_manuscript(data=buf.getvalue(), format="docx")
    assert ms.notes[0].text == "Chinese Wikipedia <https://zh.wikipedia.org/wiki/X> (accessed 29.7.2025)."


def test_odt_and_html_links_keep_their_url():
    odt = make_odt(
        '<text:p xmlns:xlink="http://www.w3.org/1999/xlink">A.'
        + odt_note("n1", "1", '<text:a xlink:href="https://zh.wikipedia.org/wiki/X">Chinese Wikipedia</text:a>.')
        + "</text:p>"
    )
    html = '<p>A.<sup>1</sup></p><ol><li><a href="https://zh.wikipedia.org/wiki/X">Chinese Wikipedia</a>.</li></ol>'
    for data, fmt in ((odt, "odt"), (html.encode(), "html")):
        assert read_manuscript(data=data, format=fmt).notes[0].text == "Chinese Wikipedia <https://zh.wikipedia.org/wiki/X>."


def sup(text: str) -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{text}</w:t></w:r>'


def numbered(text: str) -> str:
    return f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>{r(text)}</w:p>'


@pytest.mark.parametrize(
    "notes_section",
    [
        pytest.param("<w:p>" + sup("1") + r("Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9.") + "</w:p>"
                     "<w:p>" + sup("2") + r(" Ibid., p. 10.") + "</w:p>", id="superscript-numbers"),
        pytest.param("<w:p>" + r("1. Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9.") + "</w:p>"
                     "<w:p>" + r("2. Ibid., p. 10.") + "</w:p>", id="typed-numbers"),
        pytest.param(numbered("Duncan Hallas, The Comintern, London: Bookmarks 1985, p. 9.") + numbered("Ibid., p. 10."),
                     id="word-numbered-list"),
    ],
)
def test_docx_notes_typed_by_hand_are_read_like_plain_text(notes_section):
    body = (
        "<w:p>" + r("Title") + "</w:p>"
        "<w:p>" + r("A claim.") + sup("1") + r(" Another.") + sup("2") + "</w:p>"
        "<w:p>" + r("Notes") + "</w:p>" + notes_section
    )
    ms = read_manuscript(data=make_docx(body), format="docx")
    assert ms.format == "docx"
    assert notes_of(ms) == EXPECTED
    assert [(m.label, m.line) for m in ms.markers] == [("1", 2), ("2", 2)]
    assert [n.line for n in ms.notes] == [4, 5]


def test_docx_superscripts_are_not_notes_when_word_notes_exist():
    body = "<w:p>" + r("E = mc") + sup("2") + r(". A claim.") + ref("1") + "</w:p>"
    ms = read_manuscript(data=make_docx(body, SEPARATORS + fn("1", r(" Note."))), format="docx")
    assert markers_of(ms) == ["1"]
    assert notes_of(ms) == [(1, "1", "Note.")]


def test_text_reader_reads_five_digit_note_numbers() -> None:
    from citations.readers.text import read_text

    text = "A claim.[10000] Another.[10001]\n\nNotes\n\n[10000] Ibid., p. 3.\n\n[10001] Ibid., p. 4.\n"
    ms = read_text(text)
    assert [n.label for n in ms.notes] == ["10000", "10001"]
    assert [m.label for m in ms.markers] == ["10000", "10001"]
