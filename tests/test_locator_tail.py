"""The end-of-text pre-test of the locator patterns: cheap, and never hides a locator."""

from __future__ import annotations

import pytest

from citations.locators import ends_in_number, take_chapter, take_trailing_locator
from citations.parse import parse_note


@pytest.mark.parametrize("text", [
    "Conquest, The Great Terror, 44", "Conquest, The Great Terror, p. 44.", "ibid., pp. 12–14 .", "S. 17f.",
    "S. 373 ff.", "p. xii", "vol. III", "fol. 3v", "pp. 12 sqq.", "p. 4 et suiv.", "chapter 9", "17a",
])
def test_texts_ending_in_a_value_are_searched(text: str) -> None:
    assert ends_in_number(text)


@pytest.mark.parametrize("text", [
    "Robert Conquest, The Great Terror (London: Macmillan, 1968)", "Oxford University Press.", "",
    "Unilever Plc", "Paris, Plon", "“Title,”", "Chili",
])
def test_texts_ending_otherwise_are_not(text: str) -> None:
    assert not ends_in_number(text)
    assert take_trailing_locator(text) == (text, None)
    assert take_chapter(text) == (text, None)


def test_a_word_of_label_and_roman_letters_is_no_locator() -> None:
    # "Plc" is "p" + "lc" to the locator pattern, but a company, not page "lc".
    [citation] = parse_note("Annual Report 1998 (London: Unilever Plc).")
    assert citation.locator is None


def test_locators_are_still_read() -> None:
    [citation] = parse_note("Robert Conquest, The Great Terror (London: Macmillan, 1968), 44.")
    assert citation.locator is not None and citation.locator.value == "44"
    [citation] = parse_note("Fernand Braudel, La Méditerranée (Paris: Armand Colin, 1949), t. I, p. xii.")
    assert citation.locator is not None and citation.locator.value == "xii"

