"""citations.translit: one transliteration table and one skeleton for every comparison.

checkers/match.py used to map kh→h and checkers/library.py kh→k, so ISO 9 ``Hlevnjuk`` agreed
with ``Khlevniuk`` in catalogue verdicts and not in library matching. These tests pin the one
table's choices for both.
"""

from __future__ import annotations

import pytest

from checkers import library, match
from citations.translit import skeleton, transliterate

# The same Russian word written in Cyrillic, Library of Congress, BGN/PCGS, ISO 9 and the
# German/Czech scholarly romanisation. (ISO 9's û/â for ю/я fold to u/a and are not read as
# ju/ja: French "sûr", "château" written without accents must keep matching.)
SAME = [
    ("Хлевнюк", "Khlevniuk", "Khlevnyuk", "Hlevnjuk", "Chlevnjuk"),
    ("Джуха", "Dzhukha", "Džuha", "Džucha"),
    ("Ежов", "Ezhov", "Ežov"),
    ("Жуков", "Zhukov", "Žukov"),
    ("Щербаков", "Shcherbakov", "Ŝerbakov"),
    ("Чека", "Cheka", "Čeka"),
    ("Царицын", "Tsaritsyn", "Caricyn"),
    ("Юрий", "Iurii", "Yuriy", "Jurij"),
    ("Китайские", "Kitaiskie", "Kitayskie", "Kitajskie"),
]


@pytest.mark.parametrize("spellings", SAME, ids=[s[1] for s in SAME])
def test_romanisations_of_one_word_share_a_skeleton(spellings: tuple[str, ...]) -> None:
    assert len({skeleton(s) for s in spellings}) == 1, {s: skeleton(s) for s in spellings}


@pytest.mark.parametrize("spellings", SAME, ids=[s[1] for s in SAME])
def test_catalogue_and_library_checks_agree(spellings: tuple[str, ...]) -> None:
    first = spellings[0]
    for other in spellings[1:]:
        assert match.similarity(first, other) == 100.0
    assert library.skeleton is skeleton  # library matching reads the same table


@pytest.mark.parametrize(
    ("a", "b"),
    [("Khlevniuk", "Khrushchev"), ("Ezhov", "Zhukov"), ("Stalin", "Stolypin"), ("Beria", "Berg")],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_titles_in_different_romanisations_compare_equal() -> None:
    lc = "Khlevniuk, Khoziain: Stalin i utverzhdenie stalinskoi diktatury"
    iso = "Hlevnjuk, Hozjain: Stalin i utverždenie stalinskoj diktatury"
    cyr = "Хлевнюк, Хозяин: Сталин и утверждение сталинской диктатуры"
    assert skeleton(lc) == skeleton(iso) == skeleton(cyr)


def test_transliterate_keeps_capitals_and_other_text() -> None:
    assert transliterate("Джуха, «Греческая операция»") == "Dzhukha, «Grecheskaya operatsiya»"
    assert transliterate("Stalin") == "Stalin"
    assert match.transliterate is transliterate
