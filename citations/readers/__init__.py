"""Manuscript readers: one module per input format, each ``read(data, source) -> Manuscript``.

:func:`read_manuscript` picks the reader by ``format``, then by the file's suffix, then by
sniffing the content. Readers only read: they find markers and notes and never parse
citations (that is :func:`citations.parse_manuscript`).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

from citations.model import Manuscript

#: Input format name → reader module (inside this package).
FORMATS = {
    "text": "text",
}

#: File suffix → input format name.
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
}

#: The largest input read (bytes); larger files are refused with a clear error.
MAX_BYTES = 64 * 1024 * 1024


class ReadError(Exception):
    """The input cannot be read as a manuscript; the message is one line for the user."""


def sniff(data: bytes) -> str:
    """Guess the format of ``data`` from its first bytes."""
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:
            return "odt" if "odt" in FORMATS else "text"
        return "docx" if "docx" in FORMATS else "text"
    text = head.decode("utf-8", errors="replace").lstrip().lower()
    if ("html" in FORMATS) and (text.startswith(("<!doctype html", "<html")) or "<body" in text):
        return "html"
    if ("latex" in FORMATS) and ("\\documentclass" in text or "\\footnote{" in text):
        return "latex"
    if ("markdown" in FORMATS) and ("[^" in text):
        return "markdown"
    return "text"


def decode(data: bytes, source: str) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, else a clear error."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{source}: looks like a binary file, not a manuscript")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ReadError(f"{source}: not UTF-8 text; save it as UTF-8 and try again") from None


def load_bytes(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """Read a file (or ``-`` for standard input) with a size cap; return ``(data, source)``."""
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
        raise ReadError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MB; split the manuscript")
    return data, source


def read_manuscript(
    path: str | os.PathLike[str] | None = None,
    *,
    data: bytes | str | None = None,
    format: str | None = None,
    source: str | None = None,
) -> Manuscript:
    """Read a manuscript from ``path`` (``-`` is stdin) or from ``data``.

    ``format`` forces a reader (``text``, ``markdown``, ``html``, ``docx``, ``odt``, ``latex``);
    otherwise the suffix decides, and without a known suffix the content is sniffed.
    Raises :class:`ReadError` with a one-line message for input that cannot be read.
    """
    if data is None:
        if path is None:
            raise ValueError("give a path or data")
        raw, src = load_bytes(path)
    else:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        src = source or "<string>"
    source = source or src
    if format is None:
        suffix = Path(str(path)).suffix.lower() if path is not None and str(path) != "-" else ""
        format = SUFFIXES.get(suffix) or sniff(raw)
    if format not in FORMATS:
        raise ReadError(f"unknown input format {format!r}; choose one of {', '.join(sorted(FORMATS))}")
    if not raw.strip():
        raise ReadError(f"{source}: the file is empty")
    module = importlib.import_module(f"citations.readers.{FORMATS[format]}")
    manuscript = module.read(raw, source)
    manuscript.format = format
    return manuscript
