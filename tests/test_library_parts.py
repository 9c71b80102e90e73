"""A large BibTeX library is handed to bibtexparser in parts (issue 12: bounded memory), with
the entries, lines and problems of reading it whole."""

from __future__ import annotations

import random
from dataclasses import asdict

import pytest

from benchmarks import generated
from citations.libraries.bibtex import PART_CHARS, read_bibtex

WHOLE = 10**9


def reading(text: str, part_chars: int) -> tuple[list[dict], list[tuple[int | None, str]]]:
    library = read_bibtex(text, "lib.bib", part_chars=part_chars)
    return [asdict(e) for e in library.entries], library.problems


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


BROKEN = (
    "@book{open1,\n  title = {A title whose brace never closes,\n  year = {1990}\n\n"
    "@article{dup1,\n  title = {First of a key},\n  year = {1991}\n}\n"
    "@misc(paren1,\n  title = {Parenthesised entry},\n  year = {1992}\n)\n"
    "@book{nocomma1 title = {No comma}}\n"
    "@book{escaped,\n  note = {a line ending in a backslash \\\n  continues},\n  title = {T}\n}\n"
    "@comment{anything at all}\n"
    "@book{quoted,\n  title = \"Quoted {with} braces\",\n  year = 1993\n}\n"
)


@pytest.fixture(scope="module")
def library_text() -> str:
    """Generated books with broken blocks, a duplicate key and odd forms spread through them."""
    books = generated.library(300).split("\n\n")
    rng = random.Random(5)
    for piece in BROKEN.split("\n@"):
        books.insert(rng.randrange(len(books)), piece if piece.startswith("@") else "@" + piece)
    books.insert(250, "@article{dup1,\n  title = {Second of a key},\n  year = {2001}\n}\n")
    return "\n\n".join(books)


@pytest.mark.parametrize("part_chars", [1, 100, 1000, 5000])
def test_reading_in_parts_is_reading_whole(library_text: str, part_chars: int) -> None:
    whole = reading(library_text, WHOLE)
    assert reading(library_text, part_chars) == whole
    entries, problems = whole
    assert len(entries) > 290 and len(problems) >= 3


def test_lines_of_entries_and_problems_are_those_of_the_file(library_text: str) -> None:
    # (bibtexparser does not count a line break after a backslash, whole or in parts: the
    # entry that holds one is left out here so that every later line is the file's)
    start = library_text.index("@book{escaped,")
    library_text = library_text[:start] + library_text[library_text.index("@", start + 1):]
    entries, problems = reading(library_text, 500)
    by_key = {e["key"]: e for e in entries}
    for key in ("key0", "key150", "key299", "paren1", "quoted"):
        opening = "(" if key == "paren1" else "{"
        assert by_key[key]["line"] == line_of(library_text, opening + key + ",")
    assert by_key["dup1"]["csl"]["title"] == "First of a key"
    lines = dict(problems)
    assert lines[line_of(library_text, "@article{dup1,\n  title = {Second")].startswith("cannot read “@article{dup1,”")
    assert line_of(library_text, "@book{open1,") in lines
    assert line_of(library_text, "@book{nocomma1") in lines


def test_string_macros_reach_across_the_whole_file() -> None:
    books = generated.library(200)
    text = "@string{yup = {Yale University Press}}\n\n" + books + \
        "\n@book{late,\n  title = {Macro at the end},\n  publisher = yup,\n  year = 2000\n}\n"
    entries, problems = reading(text, 300)
    assert entries[-1]["csl"]["publisher"] == "Yale University Press"
    assert (entries, problems) == reading(text, WHOLE)


def test_crossref_parent_after_its_child_far_away() -> None:
    text = ("@incollection{child,\n  author = {Halfin, Igal},\n  title = {Chapter},\n"
            "  crossref = {parent},\n  pages = {1--20}\n}\n\n" + generated.library(200)
            + "\n@collection{parent,\n  editor = {Fitzpatrick, Sheila},\n  title = {Volume},\n"
            "  publisher = {Routledge},\n  year = {2000}\n}\n")
    entries, _ = reading(text, 300)
    child = entries[0]["csl"]
    assert child["container-title"] == "Volume" and child["publisher"] == "Routledge"
    assert reading(text, 300) == reading(text, WHOLE)


def test_parts_are_large_enough_to_be_cheap() -> None:
    # thousands of entries per part: bibtexparser's fixed cost per parse stays negligible
    assert PART_CHARS >= 64 * 1024
