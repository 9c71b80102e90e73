"""Library files that are no library: random bytes, text without entries, a file larger than
any real library. Each is one line (``BB106`` in a check, exit 2 for ``match``), never "0
entries" and never a traceback."""

from __future__ import annotations

import random

import pytest
from click.testing import CliRunner

from checkers.config import Settings
from checkers.run import run_checks
from citations import load
from citations.libraries import MAX_LIBRARY_BYTES, LibraryError, read_library
from sourcecheck.cli import cli

NOTE = "Vadim Rogovin, Stalin's Terror of 1937–1938 (Oak Park: Mehring Books, 2009), 307."


@pytest.fixture
def manuscript(tmp_path):
    path = tmp_path / "essay.txt"
    path.write_text(f"Text.[1]\n\nNotes\n\n[1] {NOTE}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".bib", ".ris", ".json"])
def test_random_bytes_are_not_a_library(tmp_path, suffix):
    path = tmp_path / f"library{suffix}"
    path.write_bytes(random.Random(13).randbytes(20_000))
    with pytest.raises(LibraryError, match="not a BibTeX, CSL-JSON or RIS library"):
        read_library(path)


@pytest.mark.parametrize("suffix, fmt", [(".bib", "BibTeX"), (".ris", "RIS")])
def test_text_without_a_single_entry_is_not_a_library(tmp_path, suffix, fmt):
    path = tmp_path / f"notes{suffix}"
    path.write_text("These are my reading notes.\nNothing here is a reference entry.\n", encoding="utf-8")
    with pytest.raises(LibraryError, match=f"no {fmt} entries"):
        read_library(path)


def test_an_empty_or_comment_only_bibtex_file_is_an_empty_library(tmp_path):
    path = tmp_path / "empty.bib"
    path.write_text("% exported by nobody\n\n", encoding="utf-8")
    assert read_library(path).entries == []


def test_a_file_larger_than_any_library_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.bib"
    with path.open("wb") as fh:  # sparse: the size is there, the bytes are not
        fh.truncate(MAX_LIBRARY_BYTES + 1)
    with pytest.raises(LibraryError, match=r"larger than 100 MB"):
        read_library(path)


def test_random_bytes_as_library_give_bb106_in_a_check(tmp_path, manuscript):
    library = tmp_path / "library.bib"
    library.write_bytes(random.Random(7).randbytes(5_000))
    result = run_checks(load(manuscript), Settings(offline=True, libraries=[library], select=["BB106"]))
    assert [(f.code, "library.bib" in f.message) for f in result.findings] == [("BB106", True)]


def test_match_with_a_random_bytes_library_is_one_line_and_exit_2(tmp_path, manuscript):
    library = tmp_path / "library.ris"
    library.write_bytes(random.Random(5).randbytes(5_000))
    result = CliRunner().invoke(cli, ["match", str(manuscript), "--library", str(library)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "not a BibTeX, CSL-JSON or RIS library" in result.output
