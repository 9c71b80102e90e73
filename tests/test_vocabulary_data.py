"""Vocabulary as data (issue 15, item 7): the place, given-name and newspaper-word lists live in
``citations/data/*.txt`` with a header saying where each came from, and are read on first use.

The learned labeller's features look these words up ("lex=given", "lex=place") and the shipped
model was trained with exactly these sets, so the sets are pinned here by a hash of their sorted
entries, taken before they moved out of the code. A change to a list fails this test: change
the pin only together with a retrained model (``python -m citations.tagger.train``).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from citations.data import entries
from citations.given_names import given_names, is_given_name
from citations.journals import newspaper_words
from citations.places import is_known_place, places

#: sha256 of the sorted entries, one a line, as the code held them before the move (commit 3e6c549).
PINNED = {
    "places.txt": (213, "2563f15968348d761c5f71ff73556a8a9570557b908684868835bd72da71b578"),
    "given_names.txt": (291, "88d03169f21b2fd474c50d1c9d3b87c8e2b1f5f0b51a3b36b7a6bdcb9ffe92c9"),
}
#: The newspaper pattern as it stood in citations/journals.py before the move.
OLD_NEWSPAPER_PATTERN = re.compile(
    r"\b(?:Times|Post|Gazette|Herald|Tribune|News|Zeitung|Tageblatt|Tagblatt|Rundschau|Anzeiger|Kurier|"
    r"Courier|Observer|Guardian|Telegraph|Monde|Figaro|Libération|Humanité|Corriere|Repubblica|Stampa|Unità|"
    r"Pravda|Izvestiia|Izvestija|Izvestia|Правда|Известия|Vorwärts|Rote Fahne|Daily|Journal de|Neues Deutschland|Spiegel)\b"
)


def _digest(words: frozenset[str]) -> str:
    return hashlib.sha256("\n".join(sorted(words)).encode("utf-8")).hexdigest()


@pytest.mark.parametrize(("name", "loaded"), [("places.txt", places), ("given_names.txt", given_names)])
def test_the_word_sets_the_labeller_was_trained_with_are_unchanged(name: str, loaded) -> None:  # type: ignore[no-untyped-def]
    size, digest = PINNED[name]
    assert (len(loaded()), _digest(loaded())) == (size, digest)


def test_the_labeller_sees_the_same_sets_as_the_parser() -> None:
    from citations.tagger import features, people

    assert features.GIVEN_NAMES == given_names() and people.GIVEN_NAMES == given_names()
    assert features.PLACES == places()


def test_the_newspaper_pattern_matches_what_the_old_one_matched() -> None:
    pattern = newspaper_words()
    words = entries("newspaper_words.txt")
    assert len(words) == 36
    samples = [f"{before}{w}{after}" for w in words for before in ("", "The ", "x") for after in ("", ", 3 May 1937", "s")]
    samples += ["Neue Zürcher Zeitung", "Journal de Genève", "Journal of Modern History", "Die Rote Fahne",
                "Postscript", "Newsweek", "Le Monde diplomatique", "Правда, 2 марта 1930", "Izvestiia TsK KPSS"]
    for text in samples:
        old, new = OLD_NEWSPAPER_PATTERN.search(text), pattern.search(text)
        assert (old and old.span()) == (new and new.span()), text


def test_every_list_says_where_it_came_from() -> None:
    names = sorted(f.name for f in files("citations.data").iterdir() if f.name.endswith(".txt"))
    assert names == ["german_places.txt", "german_publishers.txt", "german_words.txt", "given_names.txt",
                     "newspaper_words.txt", "places.txt", "publishers.txt"]
    for name in names:
        text = files("citations.data").joinpath(name).read_text(encoding="utf-8")
        header = [line for line in text.splitlines() if line.startswith("#")]
        assert text.startswith("# ") and any(line.startswith("# Source:") for line in header), name
        assert "commit" in " ".join(header), name  # the history the source is read from


def test_lookups_read_the_files() -> None:
    from checkers.verify import looks_german

    assert is_known_place("Frankfurt a. M.") and is_known_place("Ann Arbor") and not is_known_place("Atlantis")
    assert is_given_name("Gøsta") and not is_given_name("World")
    assert looks_german({"title": "Terror", "publisher-place": "München"})  # german_places.txt, folded
    assert looks_german({"title": "Terror", "publisher": "Verlag Ferdinand Schöningh"})  # german_publishers.txt
    assert looks_german({"title": "Geschichte der Sowjetunion"})  # german_words.txt
    assert not looks_german({"title": "Stalin's Terror", "publisher": "Mehring Books", "publisher-place": "Oak Park"})


def test_the_lists_are_read_on_first_use_not_on_import() -> None:
    program = (
        "import citations.places, citations.given_names, citations.journals, citations.data as d\n"
        "assert d.entries.cache_info().currsize == 0, 'read on import'\n"
        "citations.places.is_known_place('Berlin')\n"
        "assert d.entries.cache_info().currsize == 1\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            cwd=Path(__file__).parent.parent, timeout=60)
    assert result.returncode == 0, result.stderr


def test_publisher_words_are_whole_words_from_the_file() -> None:
    from citations.imprint import publisher_words

    rx = publisher_words()
    assert rx.search("Oxford University Press") and rx.search("Smith & Co., 1990") and rx.search("Éditions du Seuil")
    assert not rx.search("Pressburg") and not rx.search("Beckett")
    # Names known only from the sample lecture's rows are no vocabulary (issue 15).
    assert not any(rx.search(name) for name in ("Kapsimi", "Aleteija", "Алетейя", "Regnery", "Mehring"))
