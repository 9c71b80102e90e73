"""Bad input gives one clear line (``ReadError``; exit 2 from the CLI) or a manuscript the
structure checks can report on — never a traceback — and the input file is never written."""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citations import readers
from citations.readers import ReadError, read_manuscript
from sourcecheck.cli import cli
from tests.test_readers_formats import SEPARATORS, fn, make_docx, make_odt, r, ref

XXE_DOCTYPE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def package(members: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buf.getvalue()


def docx_with_document(document: str) -> bytes:
    return package({"word/document.xml": document})


def zip_bomb(size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * size + b">")
    return buf.getvalue()


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.md": (b" \n\n\t\n", "empty"),
    "binary.txt": (bytes(range(256)) * 40, "binary"),
    "controls.txt": (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 500, "binary"),
    "report.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
    "letter.rtf": (b"{\\rtf1\\ansi Hello}", "RTF"),
    "text.docx": (b"This is plain text with a .docx suffix.[1]\n\n[1] Note.\n", "not a DOCX file"),
    "text.odt": (b"<html><body>not an odt</body></html>", "not an ODT file"),
    "archive.zip": (package({"other/file.xml": "<x/>"}), "not a .docx or .odt"),
    "missing-parts.docx": (package({"word/styles.xml": "<x/>", "[Content_Types].xml": "<x/>"}), "word/document.xml is missing"),
    "broken-xml.docx": (docx_with_document("<w:document><w:body>"), "not well-formed"),
    "truncated.docx": (make_docx("<w:p/>")[:200], "not a DOCX file"),
    "xxe.docx": (
        docx_with_document(
            f'<?xml version="1.0"?>{XXE_DOCTYPE}<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
        ),
        "DTD",
    ),
    "laughs.odt": (
        package(
            {
                "content.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
            }
        ),
        "DTD",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_line_read_error_and_is_not_written(tmp_path, name):
    data, expected = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    with pytest.raises(ReadError) as caught:
        read_manuscript(path)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message and message.startswith(str(path))
    assert "root:" not in message  # the external entity was never resolved
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "xxe.docx", "report.pdf", "broken-xml.docx"])
def test_cli_parse_exits_2_with_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name][0])
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    error_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(error_lines) == 1 and error_lines[0].startswith("Error: ")


def test_cli_missing_file_and_unknown_format_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    with pytest.raises(ReadError, match="unknown input format"):
        read_manuscript(data=b"x", format="rtf")


def test_zip_bomb_is_refused_by_its_decompressed_size(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNZIPPED", 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb(4 * 1024 * 1024))
    assert path.stat().st_size < 20_000  # compresses more than 200:1
    with pytest.raises(ReadError, match="zip bomb"):
        read_manuscript(path)


def test_zip_member_is_cut_off_even_when_the_directory_lies(monkeypatch):
    data = zip_bomb(3 * 1024 * 1024)
    package = zipfile.ZipFile(io.BytesIO(data))
    monkeypatch.setattr(readers, "MAX_UNZIPPED", 1024 * 1024)
    with pytest.raises(ReadError, match="zip bomb"):
        readers.zip_member(package, "word/document.xml", "bomb.docx", "DOCX")


def test_html_scripts_never_produce_notes_or_run():
    html = (
        "<html><head><script>alert('[1]')</script></head><body onload=\"steal()\">"
        "<p>Text.<sup>1</sup></p><script>var notes = '<ol><li>fake</li></ol>';</script>"
        "<style>li:before{content:'[2]'}</style><ol><li>Hallas, The Comintern, p. 9.</li></ol></body></html>"
    )
    ms = read_manuscript(data=html, format="html")
    assert [(n.number, n.text) for n in ms.notes] == [(1, "Hallas, The Comintern, p. 9.")]
    assert [m.label for m in ms.markers] == ["1"]


def test_text_beyond_the_text_limit_is_refused_quickly(tmp_path):
    from citations.readers import MAX_TEXT_BYTES

    assert MAX_TEXT_BYTES >= 2 * 30 * 1024 * 1024  # a 30 MB book (100,000 notes) is read
    path = tmp_path / "huge.txt"
    line = b"A sentence of a manuscript that goes on and on, with a marker.[1]\n"
    with path.open("wb") as fh:
        for _ in range(MAX_TEXT_BYTES // len(line) + 1):
            fh.write(line)
    started = time.perf_counter()
    with pytest.raises(ReadError, match="split it"):
        read_manuscript(path)
    assert time.perf_counter() - started < 5


def test_unbalanced_markers_and_empty_notes_give_a_manuscript_to_check():
    ms = read_manuscript(
        data="One.[1] Two.[3] Three.[3]\n\n[1]\n\nHallas, The Comintern, p. 9.\n\n[2]\n\n[4]\n\nIbid.\n",
        format="text",
    )
    assert [(n.key, n.text) for n in ms.notes] == [("1", "Hallas, The Comintern, p. 9."), ("2", ""), ("4", "Ibid.")]
    assert [m.label for m in ms.markers] == ["1", "3", "3"]
    assert ms.markers_for(ms.notes[1]) == []


def test_markdown_reference_without_definition_is_a_marker_without_a_note():
    ms = read_manuscript(data="Text.[^1] More.[^2]\n\n[^1]: Note.\n", format="markdown")
    assert [m.label for m in ms.markers] == ["1", "2"]
    assert [n.key for n in ms.notes] == ["1"]


def test_markdown_references_with_no_definitions_at_all_are_markers():
    ms = read_manuscript(data="Text.[^1] More.[^note]\n", format="markdown")
    assert [(m.label, m.line, m.column) for m in ms.markers] == [("1", 1, 6), ("note", 1, 16)]
    assert ms.notes == []


def test_utf16_and_windows_1252_are_decoded():
    text = "Müller.[1]\n\n[1] Müller, Prozeßstruktur, S. 82.\n"
    assert read_manuscript(data=text.encode("utf-16"), format="text").notes[0].text == "Müller, Prozeßstruktur, S. 82."
    assert read_manuscript(data=text.encode("cp1252"), format="text").notes[0].text == "Müller, Prozeßstruktur, S. 82."


def test_deeply_nested_input_is_a_read_error_not_a_crash():
    with pytest.raises(ReadError):
        read_manuscript(data="\\footnote{" + "\\'{" * 5000 + "x", format="latex")


# --------------------------------------------------------------------------- never crashes

MARKUP = st.lists(
    st.sampled_from(list("ab1 2\n\t[]^:*_\\{}%~`'\"<>/=#-.&;!") + ["[^1]", "^[", "\\footnote{", "<sup>", "</sup>",
                                                                           "<a href=\"#fn1\" id=\"r1\">", "</a>", "<li id=\"fn1\">",
                                                                           "<ol>", "[1]", "\n\n", "Notes", "Bibliography", "\\begin{document}",
                                                                           "\\footnotemark", "\\footnotetext[2]{", "&#0;", "<!--", "\x00", "é"]),
    max_size=120,
).map("".join)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "latex"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400), MARKUP.map(lambda s: s.encode("utf-8"))))
def test_reader_raises_nothing_but_read_error(fmt, data):
    try:
        ms = read_manuscript(data=data, format=fmt)
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    assert [n.number for n in ms.notes] == sorted(n.number for n in ms.notes) or fmt == "text"
    for note in ms.notes:
        assert note.text == " ".join(note.text.split())


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400))
def test_package_readers_raise_nothing_but_read_error(data):
    for fmt in ("docx", "odt"):
        try:
            read_manuscript(data=b"PK\x03\x04" + data, format=fmt)
        except ReadError:
            pass


def test_docx_fixture_helpers_still_read():  # the helpers used above build valid packages
    ms = read_manuscript(data=make_docx("<w:p>" + r("A.") + ref("1") + "</w:p>", SEPARATORS + fn("1", r(" N."))), format="docx")
    assert ms.notes[0].text == "N."
    assert Path(__file__).name.startswith("test_readers_")


@pytest.mark.parametrize(
    "data, fmt",
    [
        (b"Text.[^1]\n\n[^1]: Hallas, The Comintern, p. 9.\n", "markdown"),
        (make_docx("<w:p>" + r("Text.") + ref("1") + "</w:p>", SEPARATORS + fn("1", r(" Hallas, The Comintern, p. 9."))), "docx"),
        (make_odt("<text:p>Text.<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
                  "<text:note-body><text:p>Hallas, The Comintern, p. 9.</text:p></text:note-body></text:note></text:p>"), "odt"),
    ],
    ids=["markdown", "docx", "odt"],
)
def test_cli_reads_standard_input_by_sniffing(data, fmt):
    result = CliRunner().invoke(cli, ["parse", "-", "--format", "json"], input=data)
    assert result.exit_code == 0, result.output
    assert f'"format": "{fmt}"' in result.stdout
    assert "Hallas, The Comintern, p. 9." in result.stdout


@pytest.mark.parametrize("data", [b"<![1]", b"<p>text<![ x]</p>", b"<![\n"])
def test_markup_the_html_parser_rejects_is_a_read_error(tmp_path, data):  # type: ignore[no-untyped-def]
    path = tmp_path / "page.html"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="page.html: not readable as HTML"):
        read_manuscript(path)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
