"""Manuscript readers: one module per input format, each ``read(data, source) -> Manuscript``.

:func:`read_manuscript` picks the reader by ``format``, then by the file's suffix, then by
sniffing the content. Readers only read: they find markers and notes and never parse
citations (that is :func:`citations.parse_manuscript`).

Every reader returns the same shape: notes numbered 1..n, each with its ``label`` (the mark
as written), whitespace-normalised text (:func:`normalise`) and the line it starts on;
markers with the label of the note they point to; and the entries of a bibliography section
if the manuscript has one (:func:`citations.bibliography.find_bibliography`). Input is never
written. Anything that cannot be read raises :class:`ReadError` with one line for the user.

The helpers here are shared by the readers: :func:`open_zip` and :func:`zip_member` read
OOXML/ODF packages with a cap on the decompressed size (zip bombs), :func:`parse_xml` parses
their XML refusing DTDs and entities (billion laughs, external entities).
"""

from __future__ import annotations

import bisect
import importlib
import io
import os
import re
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from citations.model import Manuscript, Marker, Note

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from xml.etree.ElementTree import Element

#: Input format name → reader module (inside this package).
FORMATS = {
    "text": "text",
    "markdown": "markdown",
    "html": "html",
    "docx": "docx",
    "odt": "odt",
    "latex": "latex",
}

#: File suffix → input format name.
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".rmd": "markdown",
    ".qmd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".odt": "odt",
    ".ott": "odt",
    ".tex": "latex",
    ".latex": "latex",
    ".ltx": "latex",
}

#: Suffixes of formats sourcecheck cannot read, with what to do instead.
UNSUPPORTED = {
    ".doc": "old Word .doc files are not supported; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx or .odt",
    ".pdf": "PDF is not supported; export the manuscript as .docx, .odt or plain text",
    ".pages": "Pages files are not supported; export it as .docx",
    ".epub": "EPUB is not supported; convert it to HTML or .docx",
}

# The limits are derived from what one manuscript can be. The largest real ones — a handbook or
# a multi-volume edition with 100,000 notes — are about 30 MB of text with their body (a note
# averages 250 bytes, a page of body text 2–3 KB). Every limit leaves twice that room, so no
# real book meets one, while a zip bomb (gigabytes unpacked) still does.

#: The largest input read (bytes); larger files are refused with a clear error. DOCX/ODT
#: packages may carry images, so they get the whole allowance.
MAX_BYTES = 128 * 1024 * 1024

#: The largest text-like input (plain text, Markdown, LaTeX, HTML) accepted: twice the text of
#: a 100,000-note book; anything beyond this is not one manuscript.
MAX_TEXT_BYTES = 64 * 1024 * 1024

#: The most a DOCX/ODT package may decompress to (bytes), all members read together. Package
#: XML is 3 (pandoc) to 6 (Word) times the text it holds: a 30 MB book is 90–180 MB unpacked.
MAX_UNZIPPED = 256 * 1024 * 1024

_MB = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGIC = {
    b"%PDF": "a PDF file; export the manuscript as .docx, .odt or plain text",
    b"\xd0\xcf\x11\xe0": "an old Word .doc (or other OLE) file; save it as .docx",
    b"{\\rtf": "an RTF file; save it as .docx or .odt",
    b"\x89PNG": "a PNG image, not a manuscript",
    b"\xff\xd8\xff": "a JPEG image, not a manuscript",
    b"GIF8": "a GIF image, not a manuscript",
    b"\x1f\x8b": "a gzip archive; unpack it first",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class ReadError(Exception):
    """The input cannot be read as a manuscript; the message is one line for the user."""


def _a(kind: str) -> str:
    """``a DOCX``, ``an ODT``."""
    return f"{'an' if kind[:1] in 'AEIOU' else 'a'} {kind}"


# --------------------------------------------------------------------------- text helpers

def normalise(text: str) -> str:
    """Whitespace-normalised text: NFC, soft hyphens and zero-width characters removed, any run
    of whitespace (including no-break spaces and line breaks) one space, no space at the ends.

    Every reader passes note texts through this, so the same note gives the same text in
    every format.
    """
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def link_text(text: str, url: str | None) -> str:
    """A hyperlink as note text: its text, then ``<URL>`` when the URL is a web address the
    text does not already show ("Chinese Wikipedia" linked to a page gives ``Chinese Wikipedia
    <https://zh.wikipedia.org/…>``), so a linked source keeps its URL in every format."""
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return text
    shown = " ".join(text.split())
    if not shown:
        return url
    if url in shown or url.rstrip("/") == shown.rstrip("/") or shown.lower() in (url.lower(), url.lower().split("://", 1)[-1]):
        return text
    return f"{text} <{url}>"


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` starts (for offset → line/column)."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of ``offset``, given :func:`line_starts`."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def typed_notes(paragraphs: list[tuple[int, str]], source: str, format: str) -> Manuscript | None:
    """Notes typed by hand in a document that has no real footnotes: ``[N]`` (or superscript
    numbers already turned into ``[N]``) in the body and a notes section at the end, as a
    plain-text manuscript converted to Word, ODT, LaTeX or Markdown has them.

    The paragraphs ``(line or paragraph index, text)`` are read as plain text; the notes' and
    markers' lines map back to the paragraphs. None when no notes are found that way.
    """
    from citations.readers.text import read_text

    lines: list[str] = []
    origin: list[int] = []
    for index, text in paragraphs:
        lines.extend([text.replace("\n", " "), ""])
        origin.extend([index, index])
    result = read_text("\n".join(lines), source)
    if not result.notes:
        return None
    for note in result.notes:
        note.line = origin[note.line - 1]
    for marker in result.markers:
        marker.line = origin[marker.line - 1]
    result.bibliography = [(origin[line - 1], text) for line, text in result.bibliography]
    result.format = format
    return result


def manuscript(
    source: str,
    format: str,
    notes: Iterable[Note],
    markers: Iterable[Marker],
    paragraphs: list[tuple[int, str]] | None = None,
    auto_numbered: bool = False,
) -> Manuscript:
    """Assemble a reader's result; ``paragraphs`` (the body's, with line numbers) are searched
    for a bibliography section. ``auto_numbered`` says the format numbers the notes itself
    (see :attr:`Manuscript.auto_numbered`)."""
    from citations.bibliography import find_bibliography, further_reading

    return Manuscript(
        source=source,
        format=format,
        notes=list(notes),
        markers=list(markers),
        bibliography=find_bibliography(paragraphs) if paragraphs else [],
        auto_numbered=auto_numbered,
        further_reading=further_reading(paragraphs) if paragraphs else set(),
    )


# --------------------------------------------------------------------------- packages and XML

def open_zip(data: bytes, source: str, kind: str) -> zipfile.ZipFile:
    """Open a DOCX/ODT package, refusing what is not a zip or unpacks to too much."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReadError(f"{source}: not {_a(kind)} file (damaged, or not a zip archive); check the file or its suffix") from None
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNZIPPED:
        raise ReadError(
            f"{source}: the {kind} package unpacks to {declared // _MB} MB, more than the "
            f"{MAX_UNZIPPED // _MB} MB allowed (a zip bomb?); refusing it"
        )
    return package


def zip_member(package: zipfile.ZipFile, name: str, source: str, kind: str, *, required: bool = True) -> bytes | None:
    """One member of a package, read in chunks and cut off at :data:`MAX_UNZIPPED` bytes (the
    sizes in a zip's directory can lie)."""
    try:
        info = package.getinfo(name)
    except KeyError:
        if required:
            raise ReadError(f"{source}: not a complete {kind} file ({name} is missing)") from None
        return None
    chunks: list[bytes] = []
    size = 0
    try:
        with package.open(info) as fh:
            while chunk := fh.read(1024 * 1024):
                size += len(chunk)
                if size > MAX_UNZIPPED:
                    raise ReadError(
                        f"{source}: {name} unpacks to more than {MAX_UNZIPPED // _MB} MB "
                        f"(a zip bomb?); refusing it"
                    )
                chunks.append(chunk)
    except ReadError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ReadError(f"{source}: {name} in the {kind} package is damaged ({exc})") from None
    except (RuntimeError, NotImplementedError):
        raise ReadError(f"{source}: {name} is encrypted or compressed in a way that cannot be read") from None
    return b"".join(chunks)


def parse_xml(data: bytes, source: str, part: str) -> Element:
    """Parse package XML safely: DTDs, entity declarations and external entities are refused
    (Word and LibreOffice never write them), so nothing is fetched or expanded."""
    from xml.etree.ElementTree import ParseError  # (imported here: only DOCX and ODT need XML)

    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ReadError(f"{source}: {part} declares a DTD or entities; refusing to read it") from None
    except ParseError as exc:
        raise ReadError(f"{source}: {part} is not well-formed XML ({exc})") from None


# --------------------------------------------------------------------------- picking a reader

def _zip_kind(data: bytes) -> str | None:
    """``docx``/``odt`` for such packages, ``zip`` for other archives, None for non-zips."""
    if not data.startswith(_ZIP_MAGIC):
        return None
    if data[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument.text" in data[38:120]:
        return "odt"
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        return "odt"
    return "zip"


def sniff(data: bytes) -> str:
    """Guess the format of ``data`` from its content."""
    kind = _zip_kind(data)
    if kind in ("docx", "odt"):
        return kind
    head = data[: 1024 * 1024]
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    lower = text[:4096].lower()
    if lower.startswith(("<!doctype html", "<html", "<?xml")) or re.search(r"<(?:body|p|div|h1)\b", lower):
        return "html"
    if re.search(r"\\(?:documentclass|begin\{document\}|footnote(?:text|mark)?\b)", text):
        return "latex"
    if re.search(r"^\[\^[^\]\s]+\]:", text, re.MULTILINE) or "^[" in text:
        return "markdown"
    return "text"


def decode(data: bytes, source: str) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; binary
    data (NULs, many control characters) is refused with a clear error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(f"{source}: damaged UTF-16 text; save it as UTF-8 and try again") from None
    if b"\x00" in data[:8192]:
        raise ReadError(f"{source}: looks like a binary file, not a manuscript")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReadError(f"{source}: not UTF-8 text; save it as UTF-8 and try again") from None
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise ReadError(f"{source}: looks like a binary file, not a manuscript")
    return text


def load_bytes(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """Read a file (or ``-`` for standard input) with a size cap; return ``(data, source)``.

    The file is opened read-only and never written.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        source = "<stdin>"
    else:
        p = Path(path)
        source = str(path)
        if not p.exists():
            raise ReadError(f"{source}: no such file")
        if p.is_dir():
            raise ReadError(f"{source}: is a directory, not a manuscript")
        try:
            with p.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ReadError(f"{source}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise ReadError(f"{source}: larger than {MAX_BYTES // _MB} MB; split the manuscript")
    return data, source


def choose_format(raw: bytes, source: str, suffix: str = "", format: str | None = None) -> str:
    """The reader for ``raw``: ``format`` if given, else by content for packages, else by suffix,
    else by sniffing. Raises :class:`ReadError` for formats that cannot be read."""
    if format is not None:
        if format not in FORMATS:
            raise ReadError(f"unknown input format {format!r}; choose one of {', '.join(sorted(FORMATS))}")
        return format
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise ReadError(f"{source}: this is {what}")
    kind = _zip_kind(raw)
    if kind in ("docx", "odt"):
        return kind  # a package is what it is, whatever its suffix says
    if kind == "zip":
        if SUFFIXES.get(suffix) in ("docx", "odt"):
            return SUFFIXES[suffix]  # its reader says what is wrong with the package
        raise ReadError(f"{source}: a zip archive but not a .docx or .odt document")
    if suffix in UNSUPPORTED:
        raise ReadError(f"{source}: {UNSUPPORTED[suffix]}")
    if SUFFIXES.get(suffix) in ("docx", "odt"):
        kind = SUFFIXES[suffix].upper()
        raise ReadError(f"{source}: not {_a(kind)} file (not a zip archive); check the file or its suffix")
    by_suffix = SUFFIXES.get(suffix)
    if by_suffix in (None, "text", "markdown"):
        # A web page or a LaTeX document saved as .txt/.md is still one.
        unmistakable = _unmistakable(raw)
        if unmistakable:
            return unmistakable
    return by_suffix or sniff(raw)


def _unmistakable(raw: bytes) -> str | None:
    """``html`` or ``latex`` for content that cannot be anything else, whatever the suffix."""
    head = raw[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if head.startswith(("\\documentclass", "\\documentstyle")):
        return "latex"
    return None


def read_manuscript(
    path: str | os.PathLike[str] | None = None,
    *,
    data: bytes | str | None = None,
    format: str | None = None,
    source: str | None = None,
) -> Manuscript:
    """Read a manuscript from ``path`` (``-`` is stdin) or from ``data``.

    ``format`` forces a reader (``text``, ``markdown``, ``html``, ``docx``, ``odt``, ``latex``);
    otherwise packages are recognised by their content, other files by their suffix, and
    without a known suffix the content is sniffed. Raises :class:`ReadError` with a one-line
    message for input that cannot be read.
    """
    if data is None:
        if path is None:
            raise ValueError("give a path or data")
        raw, src = load_bytes(path)
    else:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        src = source or (str(path) if path is not None else "<string>")
    source = source or src
    if not raw.strip():
        raise ReadError(f"{source}: the file is empty")
    suffix = Path(str(path)).suffix.lower() if path is not None and str(path) != "-" else ""
    format = choose_format(raw, source, suffix, format)
    if format not in ("docx", "odt") and len(raw) > MAX_TEXT_BYTES:
        raise ReadError(
            f"{source}: {len(raw) / _MB:.0f} MB of {format} is more than the {MAX_TEXT_BYTES // _MB} MB "
            f"one manuscript can be; split it"
        )
    module = importlib.import_module(f"citations.readers.{FORMATS[format]}")
    try:
        result = module.read(raw, source)
    except RecursionError:
        raise ReadError(f"{source}: nested too deeply to read as {format}") from None
    result.format = format
    return result
