"""How the note parser's time grows on hostile notes: one line per pattern, with the growth
per doubling of the note's length.

Each note repeats one token that once made a pattern of ``citations/`` backtrack or restart
at every position (initials ``A. B. C.``, ``(((``, dotted leaders ``. . .``, page ranges
``pp. 1–``, commas, quotes), plus a mixed one. Sizes double from 1,250 characters up to the
20,000-character limit (``citations.parse.MAX_NOTE_LENGTH``; longer notes are reported as too
long to parse without being parsed); ``--no-limit`` lifts that limit to time the parser itself
up to 160,000 characters.

The growth per doubling is ``(t(2n) / t(n)) / 2``: 1.0 is linear time, 2.0 quadratic. The
figure printed per pattern is the geometric mean over the doublings (a single pair of runs is
at the mercy of a busy machine); the target is ≤ 1.5.

    python benchmarks/adversarial_text.py [--no-limit] [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citations import parse as parse_module  # noqa: E402
from citations.parse import parse_note  # noqa: E402

#: The tokens of issue 13, and a mixture of them.
PATTERNS = {
    "initials": "A. B. C. ",
    "brackets": "(((",
    "dotted leaders": ". ",
    "page ranges": "pp. 1–",
    "commas": ", ",
    "quotes": "\"“„'",
    "mixed": "Weber, H. „Terror“ (Berlin: A. B. 1999), pp. 1–. . . ",
}
TARGET = 1.5


def note(token: str, length: int) -> str:
    return (token * (length // len(token) + 1))[:length]


def best_time(text: str, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        parse_note(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-limit", action="store_true", help="parse notes beyond MAX_NOTE_LENGTH too")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest counts")
    args = parser.parse_args()
    top = 160_000 if args.no_limit else parse_module.MAX_NOTE_LENGTH
    if args.no_limit:
        parse_module.MAX_NOTE_LENGTH = 10**9
    sizes = []
    n = 1250
    while n <= top:
        sizes.append(n)
        n *= 2
    print(f"parse_note on notes of {', '.join(f'{s:,}' for s in sizes)} characters (best of {args.repeat})")
    print(f"{'pattern':16} " + " ".join(f"{s:>9,}" for s in sizes) + "   growth/doubling  worst")
    worst_overall = 0.0
    for name, token in PATTERNS.items():
        times = [best_time(note(token, s), args.repeat) for s in sizes]
        ratios = [(b / max(a, 1e-6)) / 2 for a, b in zip(times, times[1:])]
        growth = math.exp(sum(math.log(max(r, 1e-9)) for r in ratios) / len(ratios))
        worst_overall = max(worst_overall, growth)
        cells = " ".join(f"{t * 1000:7.1f}ms" for t in times)
        flag = "" if growth <= TARGET else "  <-- above target"
        print(f"{name:16} {cells}   {growth:6.2f}×        {max(ratios):5.2f}×{flag}")
    if not args.no_limit:
        long_note = note(PATTERNS["initials"], 100_000)
        started = time.perf_counter()
        [citation] = parse_note(long_note)
        print(f"a 100,000-character note: {citation.kind} ({citation.reason}) in "
              f"{(time.perf_counter() - started) * 1000:.2f} ms")
    print(f"largest growth per doubling: {worst_overall:.2f}× (target ≤ {TARGET}×; 1.0 = linear, 2.0 = quadratic)")
    return 0 if worst_overall <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
