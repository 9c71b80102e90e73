"""Reading an author's library — BibTeX/BibLaTeX, CSL-JSON, RIS — into CSL-JSON items.

Reading, like the manuscript readers: one module per format (:mod:`.bibtex`, :mod:`.csl_json`,
:mod:`.ris`), each ``read_<format>(text, source) -> LibraryFile``; :func:`read_library` picks
by suffix and then by content. Matching the entries to a manuscript's works is
:mod:`checkers.library`'s job.

A file larger than :data:`MAX_LIBRARY_BYTES`, a binary file, or one in which no entry of its
format can be found is a :class:`LibraryError` (one line for the user; ``BB106`` in a check).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from citations.gcpause import paused_gc
from citations.libraries.bibtex import read_bibtex
from citations.libraries.csl_json import read_csl_json
from citations.libraries.entries import (
    BIBLIOGRAPHY,
    LIBRARY,
    LibraryEntry,
    LibraryError,
    LibraryFile,
    describe,
    year_of,
)
from citations.libraries.ris import read_ris

__all__ = [
    "BIBLIOGRAPHY",
    "LIBRARY",
    "LIBRARY_SUFFIXES",
    "MAX_LIBRARY_BYTES",
    "LibraryEntry",
    "LibraryError",
    "LibraryFile",
    "describe",
    "parse_library_text",
    "read_bibtex",
    "read_csl_json",
    "read_library",
    "read_ris",
    "sniff_library",
    "year_of",
]

#: The largest library file read. The largest real libraries (a research group's Zotero library
#: of 50,000 entries) are 10–20 MB of BibTeX; no real one is 100 MB.
MAX_LIBRARY_BYTES = 100 * 1024 * 1024

_MB = 1024 * 1024

LIBRARY_SUFFIXES = {".bib": "bibtex", ".bibtex": "bibtex", ".biblatex": "bibtex",
                    ".json": "csl-json", ".csljson": "csl-json", ".ris": "ris", ".txt": None}


def sniff_library(text: str) -> str | None:
    """Guess a library format from content: ``bibtex``, ``csl-json``, ``ris`` or None."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith(("[", "{")):
        return "csl-json"
    if re.search(r"^TY  - ", head, re.MULTILINE):
        return "ris"
    if re.search(r"^\s*@\w+\s*[{(]", head, re.MULTILINE):
        return "bibtex"
    return None


_NAMES = {"bibtex": "BibTeX", "csl-json": "CSL-JSON", "ris": "RIS"}
#: What an entry of each format opens with; a file holding none has no entries to read.
_ENTRY_START = {
    "bibtex": re.compile(r"@\s*[A-Za-z]+\s*[{(]"),
    "ris": re.compile(r"^\ufeff?TY  -", re.MULTILINE),
}


def parse_library_text(text: str, source: str, format: str | None = None) -> LibraryFile:
    """Parse library text of a given (or sniffed) format. Raises :class:`LibraryError`,
    also for text with something in it but no entry of the format at all (random bytes named
    ``.bib``); a file with nothing but blanks and comments is an empty library."""
    fmt = format or sniff_library(text)
    if fmt not in _NAMES:
        raise LibraryError(f"{source}: not a BibTeX, CSL-JSON or RIS library")
    if fmt in _ENTRY_START and not _ENTRY_START[fmt].search(text) and _has_content(text, fmt):
        raise LibraryError(f"{source}: no {_NAMES[fmt]} entries in it; not a {_NAMES[fmt]} library")
    if fmt == "bibtex":
        return read_bibtex(text, source)
    if fmt == "csl-json":
        return read_csl_json(text, source)
    return read_ris(text, source)


def _has_content(text: str, fmt: str) -> bool:
    """Whether ``text`` holds anything but blank lines (and, for BibTeX, ``%`` comments)."""
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if line and not (fmt == "bibtex" and line.startswith("%")):
            return True
    return False


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 64 KB: no library text is like that."""
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(head) // 100


def read_library(path: str | Path) -> LibraryFile:
    """Read a ``--library`` file, by suffix and then by content. Raises :class:`LibraryError`
    with a one-line message for a file that cannot be read at all."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            # (the size is asked first, so a huge file is refused without reading it)
            size = os.fstat(fh.fileno()).st_size
            data = b"" if size > MAX_LIBRARY_BYTES else fh.read(MAX_LIBRARY_BYTES + 1)
    except FileNotFoundError:
        raise LibraryError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LibraryError(f"{path}: is a directory, not a library file") from None
    except OSError as exc:
        raise LibraryError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if size > MAX_LIBRARY_BYTES or len(data) > MAX_LIBRARY_BYTES:
        raise LibraryError(
            f"{path}: larger than {MAX_LIBRARY_BYTES // _MB} MB, more than any real library; "
            f"export the part the manuscript cites"
        )
    if _looks_binary(data):
        raise LibraryError(f"{path}: a binary file, not a BibTeX, CSL-JSON or RIS library")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # old BibTeX files; accents are usually LaTeX macros
    suffix_format = LIBRARY_SUFFIXES.get(p.suffix.lower())
    sniffed = sniff_library(text)
    with paused_gc():  # linear time for large libraries: see citations.gcpause
        return parse_library_text(text, str(path), sniffed if suffix_format is None else suffix_format)
