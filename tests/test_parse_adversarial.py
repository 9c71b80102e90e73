"""The parser runs in time linear in the length of any one note, however hostile the note.

Notes built from the tokens that once made a pattern of ``citations/`` backtrack or restart at
every position (issue 13: initials, brackets, dotted leaders, page ranges, commas, quotes) are
timed at 1, 10 and 100 KB: ten times the length may take at most fifteen times as long. The
smaller run's time has a floor (20 ms at 1 KB, 50 ms at 10 KB) and the sizes are timed in turns,
so that a busy machine cannot fail the test; a quadratic path (a hundred times as long) still
does.
``benchmarks/adversarial_text.py`` prints the same growth per doubling.

A note over ``MAX_NOTE_LENGTH`` characters is not parsed at all: it becomes one ``unparsed``
citation, "too long to parse (N characters)".
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citations import parse as parse_module
from citations.model import UNPARSED
from citations.parse import MAX_NOTE_LENGTH, parse_note

TOKENS = {
    "initials": "A. B. C. ",
    "brackets": "(((",
    "dotted leaders": ". ",
    "page ranges": "pp. 1–",
    "commas": ", ",
    "quotes": "\"“„'",
}
#: Noise floors for the shorter run of each pair (seconds).
FLOOR = {1_000: 0.020, 10_000: 0.050}
GROWTH = 15.0


def note(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def best_time(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        parse_note(text)
        best = min(best, time.perf_counter() - started)
    return best


def assert_linear(unit: str, sizes: tuple[int, ...], repeat: int = 3) -> None:
    # the sizes take turns, so that a machine busy for a while slows all of them alike
    times = dict.fromkeys(sizes, float("inf"))
    for _ in range(repeat):
        for n in sizes:
            times[n] = min(times[n], best_time(note(unit, n), repeat=1))
    for small, large in zip(sizes, sizes[1:]):
        growth = times[large] / max(times[small], FLOOR[small])
        assert growth <= GROWTH * large / small / 10, (
            f"{unit!r}: {small:,} → {large:,} characters took {times[small]:.3f} s → {times[large]:.3f} s "
            f"(×{growth:.1f}; at most ×{GROWTH * large / small / 10:.0f})"
        )


@pytest.fixture
def no_length_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse 100 KB notes instead of reporting them as too long, to time the parser itself."""
    monkeypatch.setattr(parse_module, "MAX_NOTE_LENGTH", 10**9)


@pytest.mark.parametrize("unit", TOKENS.values(), ids=TOKENS.keys())
def test_ten_times_the_note_takes_at_most_fifteen_times_as_long(unit: str, no_length_limit: None) -> None:
    parse_note("warm up: Weber, H. (ed.), „Terror“, Berlin 2001, pp. 1–3.")
    assert_linear(unit, (1_000, 10_000, 100_000))


@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from([*TOKENS.values(), "Weber ", "1999, "]), min_size=1, max_size=6))
def test_any_mixture_of_the_tokens_parses_in_linear_time(units: list[str]) -> None:
    assert_linear("".join(units), (1_000, 10_000))


def test_a_note_longer_than_the_limit_is_reported_not_parsed() -> None:
    text = note(TOKENS["initials"], 100_000)
    started = time.perf_counter()
    citations = parse_note(text)
    elapsed = time.perf_counter() - started
    assert [(c.kind, c.reason) for c in citations] == [(UNPARSED, "too long to parse (100000 characters)")]
    assert citations[0].text == text.strip()  # read as text: nothing of the note is lost
    assert elapsed < 0.5


def test_a_note_at_the_limit_is_still_parsed() -> None:
    text = ("Hermann Weber, Terror, Paderborn 2001, S. 3. " * 500)[:MAX_NOTE_LENGTH]
    assert all(c.reason is None or not c.reason.startswith("too long") for c in parse_note(text))
