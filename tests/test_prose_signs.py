"""What counts as a sign of a reference inside running prose."""

from citations.split import is_running_prose

PROSE_US = ("The maps were drawn by the U.S. Geological Survey and it is not clear that all of these "
            "were ever meant to be read together by the people who lived there.")


def test_an_initialism_is_no_page_abbreviation() -> None:
    assert is_running_prose(PROSE_US)  # "U.S. Geological" is not "S. 12"


def test_page_abbreviations_with_a_number_are_signs() -> None:
    assert not is_running_prose("This is what the author says in the book that was written about it, S. 12 and more of the same")
    assert not is_running_prose("This is what the author says in the book that was written about it, p. xii and more of the same")
    assert not is_running_prose("This is what the author says in the book that was written about it, ed. Smith and more of it")
