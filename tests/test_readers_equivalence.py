"""The same manuscript in every format gives the same notes, markers and citations.

The plain-text originals (the project's example and the sample manuscript) are written as
Markdown with footnotes, and pandoc — a real converter, not our own writer — turns that into
DOCX, ODT, HTML, LaTeX and Markdown again. Every file is read back and compared with the
plain-text reading: note numbers, note texts, every citation's ``to_dict()`` and the markers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citations import load
from citations.readers import normalise
from tests.shared import REASON as SHARED_REASON

ROOT = Path(__file__).resolve().parents[1]
MANUSCRIPTS = {
    "purges": ROOT / "examples" / "purges.txt",
    "sample": ROOT.parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt",
}
#: Output name → pandoc arguments after the input (Markdown read without smart punctuation,
#: so quotes and dashes stay the characters the author typed).
TARGETS = {
    "converted.docx": [],
    "converted.odt": [],
    "converted.html": ["-s", "--metadata", "title=Manuscript"],
    "converted.tex": ["-s"],
    "converted.md": ["-t", "markdown"],  # pandoc's default Markdown: "smart", as our reader
}

pytestmark = [
    pytest.mark.pandoc,
    pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed"),
]


@pytest.fixture(scope="module", params=sorted(MANUSCRIPTS))
def conversions(request, tmp_path_factory):
    """``(plain-text reading, {format: path})`` for one manuscript."""
    from citations.readers.markdown import text_to_markdown

    source = MANUSCRIPTS[request.param]
    if not source.exists():
        pytest.skip(SHARED_REASON)
    folder = tmp_path_factory.mktemp(request.param)
    markdown = folder / "written.md"
    markdown.write_text(text_to_markdown(source.read_text(encoding="utf-8")), encoding="utf-8")
    paths = {"written.md": markdown}
    for name, args in TARGETS.items():
        out = folder / name
        subprocess.run(
            ["pandoc", "-f", "markdown-smart", str(markdown), "-o", str(out), *args],
            check=True, capture_output=True, timeout=120,
        )
        paths[name] = out
    return load(source), paths


def summary(ms):
    return [(n.number, n.key, n.text, [c.to_dict() for c in n.citations]) for n in ms.notes]


@pytest.mark.parametrize("name", ["written.md", *TARGETS])
def test_every_format_reads_the_same_notes_and_citations(conversions, name):
    original, paths = conversions
    converted = load(paths[name])
    assert converted.format == {"md": "markdown", "docx": "docx", "odt": "odt", "html": "html", "tex": "latex"}[
        name.rsplit(".", 1)[1]
    ]
    assert [n.number for n in converted.notes] == [n.number for n in original.notes]
    assert [n.text for n in converted.notes] == [n.text for n in original.notes]
    assert summary(converted) == summary(original)


@pytest.mark.parametrize("name", ["written.md", *TARGETS])
def test_every_format_has_the_same_markers(conversions, name):
    original, paths = conversions
    converted = load(paths[name])
    assert len(converted.markers) == len(original.markers)
    assert [m.label for m in converted.markers] == [m.label for m in original.markers]
    for note in converted.notes:
        assert converted.markers_for(note), f"note {note.number} lost its marker"


def test_sample_has_22_notes_and_27_citations(conversions):
    original, _paths = conversions
    if original.source.endswith("purges.txt"):
        assert len(original.notes) == 24
        assert len(original.markers) == 24
    else:
        assert len(original.notes) == 22
        assert len(original.markers) == 22
        assert sum(len(n.citations) for n in original.notes) == 27


WITH_BIBLIOGRAPHY = """\
A short essay

Foreign communists in Moscow were exposed to the terror from its first months.[1] The cadres
department kept files on every one of them.[2] Survivors later described the atmosphere.[3]

[1]

William J. Chase, Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939, New Haven/London: Yale University Press 2001, p. 102.

[2]

RGASPI f. 495, op. 74, d. 124, l. 3.

[3]

Wolfgang Leonhard, Die Revolution entläßt ihre Kinder, Köln: Kiepenheuer & Witsch 1955, S. 54.

Bibliography

Chase, William J. Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939. New Haven: Yale University Press, 2001.
Leonhard, Wolfgang. Die Revolution entläßt ihre Kinder. Köln: Kiepenheuer & Witsch, 1955.
"""


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_bibliography_section_is_read_the_same_in_every_format(tmp_path, target):
    from citations.readers import read_manuscript
    from citations.readers.markdown import text_to_markdown

    original = read_manuscript(data=WITH_BIBLIOGRAPHY, format="text")
    assert len(original.bibliography) == 2
    markdown = tmp_path / "essay.md"
    markdown.write_text(text_to_markdown(WITH_BIBLIOGRAPHY), encoding="utf-8")
    out = tmp_path / target
    subprocess.run(
        ["pandoc", "-f", "markdown-smart", str(markdown), "-o", str(out), *TARGETS[target]],
        check=True, capture_output=True, timeout=120,
    )
    converted = read_manuscript(out)
    assert [text for _, text in converted.bibliography] == [text for _, text in original.bibliography]
    assert [(n.number, n.text) for n in converted.notes] == [(n.number, n.text) for n in original.notes]


#: Note texts with every character the converters escape (LaTeX specials, Markdown, HTML, XML).
#: Straight quotes and the backtick are left out, and so are runs of dashes: LaTeX typesets
#: them as curly quotes and ligatures (pandoc writes "––" as ``----``, which is "—-"), so no
#: LaTeX reader can give them back.
_ALPHABET = st.sampled_from(
    # Curly quotes are left out too: pandoc's (smart) Markdown writes them as straight quotes,
    # and a smart reader — pandoc's own included — reads an unbalanced one back as an
    # apostrophe. Balanced quotations round-trip (the sample manuscript is full of them).
    list("abcXYZ019 .,;:!?()/") + list("\\*_[]<>~^$@|&{}#+-=%") + ["é", "ß", "–", "—", "Ж", "…"]
)
_NOTE = st.text(_ALPHABET, min_size=1, max_size=60).filter(
    lambda t: normalise(t) != ""
    and not re.match(r"^\s*(\[\d|\d+[.)]\s)", t)
    and not re.search(r"[-–—]{2}", t)
    # A note that is nothing but a dash: pandoc's Markdown writes "—" as "---", which on a
    # line of its own is a thematic break in every Markdown reader (pandoc's too).
    and not re.fullmatch(r"[\s–—-]+", t)
    # A period before an ellipsis: pandoc writes ".…" as "....", which reads back as "…."
    # (the first three dots make the ellipsis) — in pandoc's reader as in ours.
    and ".…" not in t
)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_NOTE, min_size=20, max_size=30))
def test_pandoc_conversions_carry_any_note_text(tmp_path, texts):
    from citations.readers import read_manuscript
    from citations.readers.markdown import text_to_markdown

    body = " ".join(f"Claim {k}.[{k}]" for k in range(1, len(texts) + 1))
    manuscript = body + "\n\n" + "".join(f"[{k}]\n\n{text}\n\n" for k, text in enumerate(texts, start=1))
    expected = [(n.key, n.text) for n in read_manuscript(data=manuscript, format="text").notes]
    markdown = tmp_path / "notes.md"
    markdown.write_text(text_to_markdown(manuscript), encoding="utf-8")
    for target, args in TARGETS.items():
        out = tmp_path / target
        subprocess.run(
            ["pandoc", "-f", "markdown-smart", str(markdown), "-o", str(out), *args],
            check=True, capture_output=True, timeout=120,
        )
        assert [(n.key, n.text) for n in read_manuscript(out).notes] == expected, target


LINKED_NOTES = """\
A claim.[^1] Another.[^2] A third.[^3]

[^1]: [Chinese Wikipedia](https://zh.wikipedia.org/wiki/Foo_(bar)%C3%A9#History) (accessed 29.7.2025).

[^2]: The file is available online: <https://example.org/files/495-74-124.pdf>.

[^3]: “Communist International”, [Wikipedia](https://en.wikipedia.org/wiki/Communist_International), accessed 14.2.2025.
"""


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_links_in_notes_keep_their_web_address_in_every_format(tmp_path, target):
    from citations.readers import read_manuscript

    expected = [
        (1, "Chinese Wikipedia <https://zh.wikipedia.org/wiki/Foo_(bar)%C3%A9#History> (accessed 29.7.2025)."),
        (2, "The file is available online: https://example.org/files/495-74-124.pdf."),
        (3, "“Communist International”, Wikipedia <https://en.wikipedia.org/wiki/Communist_International>, accessed 14.2.2025."),
    ]
    markdown = tmp_path / "linked.md"
    markdown.write_text(LINKED_NOTES, encoding="utf-8")
    assert [(n.number, n.text) for n in read_manuscript(markdown).notes] == expected
    out = tmp_path / target
    subprocess.run(
        ["pandoc", "-f", "markdown-smart", str(markdown), "-o", str(out), *TARGETS[target]],
        check=True, capture_output=True, timeout=120,
    )
    assert [(n.number, n.text) for n in read_manuscript(out).notes] == expected
