"""citations.clean.depth_map against a plain reference implementation, and its linear cost."""

from __future__ import annotations

import random

import pytest

from citations.clean import _OPEN_BRACKETS, QUOTES, _opens_quote, depth_map


def reference_depths(text: str) -> list[int]:
    """Depth per character, worked out the slow, obvious way: pair brackets with a stack, and
    for each opening quote walk forward to the first closer (an apostrophe inside a word
    closes nothing); quotes are opaque, brackets nest; only closed pairs count."""
    n = len(text)
    depth = [0] * n
    stacks: dict[str, list[int]] = {o: [] for o in _OPEN_BRACKETS}
    closes = {c: o for o, c in _OPEN_BRACKETS.items()}
    pairs = {}
    for k, ch in enumerate(text):
        if ch in stacks:
            stacks[ch].append(k)
        elif ch in closes and stacks[closes[ch]]:
            pairs[stacks[closes[ch]].pop()] = k
    i = 0
    while i < n:
        ch = text[i]
        if ch in _OPEN_BRACKETS and i in pairs:
            for k in range(i, pairs[i] + 1):
                depth[k] += 1
        elif ch in QUOTES and _opens_quote(text, i):
            j = next((j for j in range(i + 1, n) if text[j] in QUOTES[ch]
                      and not (text[j] in "’'" and j + 1 < n and text[j + 1].isalpha())), None)
            if j is not None:
                for k in range(i, j + 1):
                    depth[k] += 1
                i = j + 1
                continue
        i += 1
    return depth


@pytest.mark.parametrize("text", [
    "", "plain", "(a (b) c)", "“Title,” in (Book)", "Stalin’s ‘Terror’ (1937)", "« Titre » (Paris)",
    "“open (never closed", "a) b (c", "'a 'b' c'", "„Zitat“ [S. 3]", "”Svensk” titel", "{x [y (z)]}",
])
def test_known_texts(text: str) -> None:
    assert list(depth_map(text)) == reference_depths(text)


def test_random_texts_agree_with_the_reference() -> None:
    rng = random.Random(7)
    alphabet = "ab ()[]{}“”„«»‹›\"'‘’‚.,x"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert list(depth_map(text)) == reference_depths(text), text


@pytest.mark.parametrize("text", ["(((" * 30000, "“ " * 30000, "'a " * 30000, "« " * 30000])
def test_pathological_texts_finish(text: str) -> None:
    assert len(depth_map(text)) == len(text)  # linear: a quadratic pass would take minutes
