"""Properties: whatever the note says, every format carries it through unchanged."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from citations.readers import normalise, read_manuscript
from citations.readers.markdown import read_text as read_markdown
from citations.readers.markdown import text_to_markdown
from tests.test_readers_formats import (
    SEPARATORS,
    fn,
    make_docx,
    make_odt,
    odt_note,
    r,
    ref,
)

#: Letters, typography and every character Markdown, HTML or XML treat specially.
ALPHABET = st.sampled_from(
    list("abcXYZ019 .,;:!?()/") + list("\\`*_[]<>~^$@|&{}#+-='\"%") + ["é", "ß", "–", "“", "”", "’", "Ж", "\u00a0"]
)
NOTE_TEXT = st.text(ALPHABET, min_size=1, max_size=80).filter(
    lambda t: normalise(t) != "" and not re.match(r"^\s*(\[\d|\d+[.)]\s)", t)
)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(NOTE_TEXT, min_size=1, max_size=4))
def test_markdown_writer_and_reader_round_trip_any_note_text(texts):
    body = " ".join(f"Claim {k}.[{k}]" for k in range(1, len(texts) + 1))
    notes = "".join(f"[{k}]\n\n{text}\n\n" for k, text in enumerate(texts, start=1))
    plain = read_manuscript(data=f"{body}\n\n{notes}", format="text")
    converted = read_markdown(text_to_markdown(f"{body}\n\n{notes}"))
    assert [(n.key, n.text) for n in converted.notes] == [(n.key, n.text) for n in plain.notes]
    assert [m.label for m in converted.markers] == [m.label for m in plain.markers]


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(NOTE_TEXT, min_size=1, max_size=4))
def test_docx_and_odt_carry_any_note_text(texts):
    body = "<w:p>" + "".join(r(f"Claim {k}.") + ref(str(k)) for k in range(1, len(texts) + 1)) + "</w:p>"
    footnotes = SEPARATORS + "".join(fn(str(k), r(" " + escape(t))) for k, t in enumerate(texts, start=1))
    docx = read_manuscript(data=make_docx(body, footnotes), format="docx")
    odt = read_manuscript(
        data=make_odt("<text:p>" + "".join(odt_note(f"n{k}", str(k), escape(t)) for k, t in enumerate(texts, start=1)) + "</text:p>"),
        format="odt",
    )
    expected = [(str(k), normalise(t)) for k, t in enumerate(texts, start=1)]
    assert [(n.key, n.text) for n in docx.notes] == expected
    assert [(n.key, n.text) for n in odt.notes] == expected


@settings(max_examples=150, deadline=None)
@given(text=NOTE_TEXT)
def test_html_carries_any_note_text(text):
    html = (
        '<p>Claim.<a href="#fn1" id="fnref1"><sup>1</sup></a></p><ol><li id="fn1"><p>'
        + escape(text)
        + '<a href="#fnref1">↩</a></p></li></ol>'
    )
    ms = read_manuscript(data=html, format="html")
    assert [(n.key, n.text) for n in ms.notes] == [("1", normalise(text))]
