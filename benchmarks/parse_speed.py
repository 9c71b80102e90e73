"""How fast the citations layer reads, parses and resolves a large manuscript, and in how much memory.

Builds a plain-text manuscript of 10,000 notes (by default) from the real references of the gold
table (``tests/data/references_gold.jsonl``), cycled and varied — cited pages and years shift
from copy to copy, so no two notes are the same and short forms and Ibid. have real antecedents —
then times ``read_manuscript`` + ``parse_manuscript`` (split, parse, resolve) on one core.

Speed is citations per CPU second of this process (``time.process_time``), which is what one
core delivers whatever else the machine runs; the wall-clock figure is printed beside it and
equals it on an idle machine.

Prints notes and citations per second, the time per stage, and peak memory twice: the Python
heap peak of the parse (tracemalloc, measured in a separate run because tracing slows the parser)
and the process's maximum resident set size (``ru_maxrss``). Targets (issue 10): ≥ 2,000 citations/s,
< 300 MB (GROBID reads about 170 references/s).

Usage::

    python benchmarks/parse_speed.py                # 10,000 notes, best of 3
    python benchmarks/parse_speed.py --notes 50000 --repeat 1
    python benchmarks/parse_speed.py --check        # exit 1 when a target is missed
    python benchmarks/parse_speed.py --write big.txt  # also save the generated manuscript
"""

from __future__ import annotations

import argparse
import gc
import json
import signal
import os
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citations import parse_manuscript, parse_note, read_manuscript, resolve  # noqa: E402
from tests.gold import load_gold  # noqa: E402

TARGET_CITATIONS_PER_SECOND = 2_000
TARGET_MEGABYTES = 300

_YEAR = re.compile(r"\b(1[89]\d\d|20[012]\d)\b")
_LAST_NUMBER = re.compile(r"(\d+)(?=\D*$)")
_BODY = (
    "The argument of this paragraph rests on the sources cited in the note, as historians "
    "of the period have long observed{marker}"
)


def vary(text: str, copy: int) -> str:
    """The ``copy``-th variant of a note: cited page and publication years shifted.

    Copy 0 is the note as written. Later copies move every year by up to four (staying in the
    past) and the last number of the note (usually the cited page) by ``copy``, so repeated
    references stay realistic yet distinct.
    """
    if copy == 0:
        return text
    shift = copy % 5

    def year(m: re.Match[str]) -> str:
        value = int(m.group(1)) - shift
        return str(value)

    varied = _YEAR.sub(year, text)

    def page(m: re.Match[str]) -> str:
        value = int(m.group(1))
        if 1800 <= value <= 2030:  # a year at the end (a bibliography entry): leave it
            return m.group(1)
        return str(value + copy)

    return _LAST_NUMBER.sub(page, varied, count=1)


def notes_for(count: int) -> list[str]:
    """``count`` note texts cycled from the gold table, in its order, varied per cycle."""
    texts = [row["text"] for row in load_gold()]
    return [vary(texts[i % len(texts)], i // len(texts)) for i in range(count)]


def build_manuscript(count: int) -> str:
    """A plain-text manuscript: a body paragraph with a ``[N]`` marker per note, then the notes.

    The notes section uses the sample manuscript's form: a line holding only ``[N]``, a blank
    line, the note's paragraph.
    """
    notes = notes_for(count)
    body = [_BODY.format(marker=f".[{n}]") for n in range(1, count + 1)]
    section = [f"[{n}]\n\n{text}" for n, text in enumerate(notes, 1)]
    return "Title\n\n" + "\n\n".join(body) + "\n\n\nNotes\n\n" + "\n\n".join(section) + "\n"


def run_once(data: bytes) -> tuple[float, float, int, int, float]:
    """Read and parse ``data``; return (read CPU seconds, parse CPU seconds, notes, citations,
    wall-clock seconds of both)."""
    gc.collect()
    wall = time.perf_counter()
    start = time.process_time()
    manuscript = read_manuscript(data=data, format="text", source="benchmark.txt")
    read_done = time.process_time()
    parse_manuscript(manuscript)
    parse_done = time.process_time()
    wall = time.perf_counter() - wall
    citations = sum(len(note.citations) for note in manuscript.notes)
    return read_done - start, parse_done - read_done, len(manuscript.notes), citations, wall


def stage_times(data: bytes) -> tuple[float, float]:
    """Parse and resolve timed apart: (seconds in ``parse_note`` over all notes, seconds in ``resolve``)."""
    manuscript = read_manuscript(data=data, format="text", source="benchmark.txt")
    gc.collect()
    start = time.process_time()
    for note in manuscript.notes:
        note.citations = parse_note(note.text)
    parsed = time.process_time()
    resolve(manuscript.notes)
    return parsed - start, time.process_time() - parsed


def heap_peak(data: bytes) -> int:
    """Peak Python heap (bytes) while reading and parsing, the input itself included."""
    gc.collect()
    tracemalloc.start()
    try:
        manuscript = parse_manuscript(read_manuscript(data=data, format="text", source="benchmark.txt"))
        _, peak = tracemalloc.get_traced_memory()
        del manuscript
    finally:
        tracemalloc.stop()
    return peak


def max_rss_bytes() -> int:
    """The process's maximum resident set size (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def pin_to_one_core() -> str:
    """Run on a single CPU where the platform allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000, help="notes in the manuscript (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported (default 3)")
    parser.add_argument("--write", metavar="PATH", help="also write the generated manuscript here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--stages", action="store_true", help="also time parsing and resolution apart")
    args = parser.parse_args(argv)

    core = pin_to_one_core()
    text = build_manuscript(args.notes)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    data = text.encode("utf-8")

    runs = [run_once(data) for _ in range(max(1, args.repeat))]
    read_s, parse_s, notes, citations, wall_s = min(runs, key=lambda r: r[0] + r[1])
    total_s = read_s + parse_s
    stages = stage_times(data) if args.stages else None
    peak = heap_peak(data)
    rss = max_rss_bytes()
    figures = {
        "notes": notes,
        "citations": citations,
        "input_bytes": len(data),
        "read_seconds": round(read_s, 4),
        "parse_resolve_seconds": round(parse_s, 4),
        "total_seconds": round(total_s, 4),
        "wall_seconds": round(wall_s, 4),
        "wall_citations_per_second": round(citations / wall_s),
        "notes_per_second": round(notes / total_s),
        "citations_per_second": round(citations / total_s),
        "heap_peak_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(rss / 2**20, 1),
        "runs": len(runs),
        "core": core,
    }
    if stages is not None:
        figures["parse_seconds"] = round(stages[0], 4)
        figures["resolve_seconds"] = round(stages[1], 4)
    speed_ok = figures["citations_per_second"] >= TARGET_CITATIONS_PER_SECOND
    memory_ok = figures["max_rss_mb"] < TARGET_MEGABYTES and figures["heap_peak_mb"] < TARGET_MEGABYTES
    if args.json:
        print(json.dumps({**figures, "speed_target_met": speed_ok, "memory_target_met": memory_ok}, indent=2))
    else:
        print(f"manuscript: {notes:,} notes, {citations:,} citations, {len(data) / 2**20:.1f} MB of text ({core})")
        if notes != args.notes:
            print(f"warning: the reader found {notes:,} of the {args.notes:,} notes written")
        print(f"read:          {read_s * 1000:8.1f} ms CPU")
        print(f"parse+resolve: {parse_s * 1000:8.1f} ms CPU   (best of {len(runs)}; wall clock of read+parse "
              f"{wall_s * 1000:.1f} ms, {figures['wall_citations_per_second']:,} citations/s)")
        if stages is not None:
            print(f"  of which:    parse {stages[0] * 1000:.1f} ms, resolve {stages[1] * 1000:.1f} ms")
        print(f"speed:         {figures['citations_per_second']:>8,} citations/CPU-s   "
              f"{figures['notes_per_second']:,} notes/s   "
              f"[target ≥ {TARGET_CITATIONS_PER_SECOND:,}: {'met' if speed_ok else 'MISSED'}]")
        print(f"memory:        heap peak {figures['heap_peak_mb']} MB (tracemalloc), "
              f"max RSS {figures['max_rss_mb']} MB   "
              f"[target < {TARGET_MEGABYTES} MB: {'met' if memory_ok else 'MISSED'}]")
    if args.check and not (speed_ok and memory_ok):
        return 1
    return 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):  # piped into head: stop quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
