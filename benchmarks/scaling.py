"""Linear everywhere: how parse, check, match, start-up and the readers scale, each with its target.

Every figure is CPU time (user + system) of a fresh ``python -m sourcecheck`` process pinned to
one core, or of an in-process call, so a machine shared with other work still gives stable
numbers; peak memory is the process's own maximum resident set size (``VmHWM``, read as it
exits). Manuscripts and libraries are
generated (``benchmarks/generated.py``):

- ``distinct``: every note another reference (the gold table's references, pages and years
  shifted per cycle);
- ``repeating``: 40 books cited again and again — full reference first, then Ibid., short forms,
  op. cit. and the full reference again;
- libraries of 5,000 and 50,000 BibTeX books, and manuscripts citing 100 and 1,000 of them (one
  in ten a work the library does not hold).

Sections (all by default; name some to run only those)::

    python benchmarks/scaling.py                       # everything (about 15 minutes)
    python benchmarks/scaling.py startup readers       # the quick ones
    python benchmarks/scaling.py check --sizes 1000 10000
    python benchmarks/scaling.py --check               # exit 1 when a target is missed

Targets (issue 12): check 10k ≤ 12 × 1k, ≤ 10 s, < 200 MB; check 100k ≤ 12 × 10k, < 1 GB;
parse grows no faster than check; match of 1,000 works ≤ 1.5 × 100 works against 50,000
entries, matching ≤ 3 s on top of reading, < 300 MB, reading linear in the file; start-up ≤ 0.15
s; HTML reader ≥ 1/3 of the Markdown reader's notes/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import generated  # noqa: E402

RESULTS: list[tuple[str, bool]] = []


def target(label: str, ok: bool) -> str:
    RESULTS.append((label, ok))
    return "met" if ok else "MISSED"


def _pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


#: ``python -m sourcecheck``, and at exit the process's own peak resident memory (``VmHWM``,
#: kB) written to file descriptor 3. The kernel's ``ru_maxrss`` of a child counts the memory
#: of the process it was forked from (the peak is carried over ``exec``), so after this script
#: has read a 50,000-entry library every child would seem to need that much.
_WITH_PEAK = """
import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status") as fh:
        os.write(3, next(line.split()[1] for line in fh if line.startswith("VmHWM:")).encode())
atexit.register(_peak)
sys.argv[0] = "sourcecheck"
runpy.run_module("sourcecheck", run_name="__main__", alter_sys=True)
"""


def run_child(args: list[str], stdin: str | None = None) -> tuple[float, float, float]:
    """Run ``python -m sourcecheck ARGS`` on one core, output discarded; reaped with ``wait4``
    for its own CPU time: (CPU seconds, wall seconds, peak MB of its own)."""
    started = time.perf_counter()
    read_fd, write_fd = os.pipe() if stdin is not None else (None, None)
    peak_read, peak_write = os.pipe()
    own_peak = os.path.exists("/proc/self/status")
    pid = os.fork()
    if pid == 0:  # child
        try:
            _pin()
            if read_fd is not None:
                os.dup2(read_fd, 0)
                os.close(write_fd)
            else:
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
            os.dup2(peak_write, 3)
            os.chdir(ROOT)
            command = ["-c", _WITH_PEAK] if own_peak else ["-m", "sourcecheck"]
            os.execv(sys.executable, [sys.executable, *command, *args])
        finally:
            os._exit(127)
    os.close(peak_write)
    if read_fd is not None:
        os.close(read_fd)
        os.write(write_fd, stdin.encode())
        os.close(write_fd)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    with os.fdopen(peak_read, "rb") as fh:
        reported = fh.read().decode().strip()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"sourcecheck {' '.join(args)} failed with exit code {code}")
    peak = int(reported) / 1024 if reported else usage.ru_maxrss / 1024
    return usage.ru_utime + usage.ru_stime, wall, peak


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


# --------------------------------------------------------------------------- parse and check


def scaling(folder: Path, sizes: list[int]) -> None:
    print("\n== parse and check, CPU seconds on one core (peak MB) ==")
    print(f"{'kind':<10} {'notes':>7} {'MB':>5} {'parse s':>8} {'×':>6} {'check s':>8} {'×':>6} {'peak MB':>8}")
    for kind in ("distinct", "repeating"):
        previous: tuple[int, float, float] | None = None
        for n in sizes:
            path = folder / f"{kind}-{n}.txt"
            path.write_text(generated.manuscript(n, kind), encoding="utf-8")
            size = path.stat().st_size / 2**20
            parse_cpu, _, _ = run_child(["parse", "--format", "json", str(path)])
            check_cpu, _, peak = run_child(["check", "--offline", "--format", "json", str(path)])
            grow_parse = grow_check = ""
            if previous is not None:
                grow_parse = f"{ratio(parse_cpu, previous[1]):.1f}"
                grow_check = f"{ratio(check_cpu, previous[2]):.1f}"
            print(f"{kind:<10} {n:>7,} {size:>5.1f} {parse_cpu:>8.2f} {grow_parse:>6} {check_cpu:>8.2f} {grow_check:>6} {peak:>8.0f}")
            if previous is not None and n == 10 * previous[0]:
                factor = ratio(check_cpu, previous[2])
                if n == 10_000:
                    print(f"    check 10k/1k ×{factor:.1f} [target ≤ 12: {target(f'{kind} check 10k/1k', factor <= 12)}], "
                          f"{check_cpu:.1f} s [≤ 10 s: {target(f'{kind} check 10k time', check_cpu <= 10)}], "
                          f"{peak:.0f} MB [< 200: {target(f'{kind} check 10k memory', peak < 200)}]")
                elif n == 100_000:
                    print(f"    check 100k/10k ×{factor:.1f} [target ≤ 12: {target(f'{kind} check 100k/10k', factor <= 12)}], "
                          f"{peak:.0f} MB [< 1024: {target(f'{kind} check 100k memory', peak < 1024)}]")
                pf = ratio(parse_cpu, previous[1])
                print(f"    parse ×{pf:.1f} [target ≤ 12: {target(f'{kind} parse {n}', pf <= 12)}]")
            previous = (n, parse_cpu, check_cpu)


# --------------------------------------------------------------------------- library matching


def matching(folder: Path, entry_counts: list[int], work_counts: list[int]) -> None:
    from checkers.library import match_manuscript, read_library
    from citations import load

    print("\n== match against a BibTeX library, CPU seconds ==")
    print(f"{'entries':>8} {'MB':>5} {'read s':>7} {'works':>6} {'match s':>8} {'matched':>8} {'command s':>10} {'peak MB':>8}")
    manuscripts = {}
    for works in work_counts:
        path = folder / f"citing-{works}.txt"
        path.write_text(generated.citing_manuscript(works), encoding="utf-8")
        manuscripts[works] = (path, load(path))
    reads: dict[int, tuple[float, float]] = {}
    commands: dict[tuple[int, int], float] = {}
    for entries in entry_counts:
        lib = folder / f"library-{entries}.bib"
        lib.write_text(generated.library(entries), encoding="utf-8")
        size = lib.stat().st_size / 2**20
        started = time.process_time()
        library = read_library(lib)
        read_s = time.process_time() - started
        reads[entries] = (size, read_s)
        for works in work_counts:
            path, manuscript = manuscripts[works]
            started = time.process_time()
            result = match_manuscript(manuscript, [library])
            match_s = time.process_time() - started
            matched = sum(1 for m in result.matches if m.entry is not None)
            cpu, _, peak = run_child(["match", str(path), "--library", str(lib), "--format", "json"])
            commands[(entries, works)] = cpu
            print(f"{entries:>8,} {size:>5.1f} {read_s:>7.2f} {works:>6,} {match_s:>8.2f} {matched:>8,} {cpu:>10.2f} {peak:>8.0f}")
            if entries == max(entry_counts) and works == max(work_counts):
                print(f"    matching {match_s:.2f} s on top of reading [target ≤ 3 s: {target('match time', match_s <= 3)}], "
                      f"peak {peak:.0f} MB [< 300: {target('match memory', peak < 300)}]")
        del library
    big, small_w, big_w = max(entry_counts), min(work_counts), max(work_counts)
    if (big, small_w) in commands and small_w != big_w:
        factor = ratio(commands[(big, big_w)], commands[(big, small_w)])
        print(f"    {big_w:,} works / {small_w:,} works against {big:,} entries: ×{factor:.2f} "
              f"[target ≤ 1.5: {target('match works ratio', factor <= 1.5)}]")
    if len(reads) > 1:
        (s1, r1), (s2, r2) = reads[min(reads)], reads[max(reads)]
        per = ratio(r2 / s2, r1 / s1)
        print(f"    reading: {r1 / s1:.2f} s/MB at {min(reads):,} entries, {r2 / s2:.2f} s/MB at {max(reads):,} "
              f"(×{per:.2f} per MB) [linear, ≤ 1.3: {target('library reading linear', per <= 1.3)}]")


# --------------------------------------------------------------------------- start-up


def startup(repeat: int = 7) -> None:
    print("\n== start-up, best of", repeat, "(CPU s / wall s) ==")
    bare = min(run_bare() for _ in range(repeat))
    print(f"python -c pass            {bare[0]:.3f} / {bare[1]:.3f}")
    line = "Vadim Rogovin, Stalin's Terror, Oak Park: Mehring Books 2009, p. 307.\n"
    for label, args, stdin in (("sourcecheck --help", ["--help"], None),
                               ("parse-refs, one line", ["parse-refs"], line)):
        best = min((run_child(args, stdin) for _ in range(repeat)), key=lambda r: r[0])
        ok = best[0] <= 0.15
        print(f"{label:<25} {best[0]:.3f} / {best[1]:.3f}   [target ≤ 0.15 s CPU: {target(label, ok)}]")


def run_bare() -> tuple[float, float]:
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _pin()
        os.execv(sys.executable, [sys.executable, "-c", "pass"])
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started


# --------------------------------------------------------------------------- readers


def readers(folder: Path, copies: int) -> None:
    from benchmarks.readers_speed import write_files
    from citations.readers import read_manuscript

    print(f"\n== readers: notes/s, CPU, best of 3 ({copies * 24:,} notes) ==")
    files = write_files(folder, copies)
    speeds: dict[str, float] = {}
    for path in files:
        read_manuscript(path)  # warm: imports, compiled patterns
        best = float("inf")
        notes = 0
        for _ in range(3):
            started = time.process_time()
            manuscript = read_manuscript(path)
            best = min(best, time.process_time() - started)
            notes = len(manuscript.notes)
        speeds[manuscript.format] = notes / best
        print(f"{manuscript.format:<9} {path.stat().st_size / 2**20:>5.1f} MB {notes:>7,} notes {best:>7.2f} s {notes / best:>9,.0f} notes/s")
    if "html" in speeds and "markdown" in speeds:
        share = speeds["html"] / speeds["markdown"]
        print(f"    HTML at {share:.2f} of Markdown's notes/s [target ≥ 0.33: {target('html reader', share >= 1 / 3)}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sections", nargs="*", choices=["check", "match", "startup", "readers", []],
                        help="sections to run (default: all)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000],
                        help="notes per manuscript for parse/check (default 1000 10000 100000)")
    parser.add_argument("--entries", type=int, nargs="+", default=[5000, 50_000], help="library sizes")
    parser.add_argument("--works", type=int, nargs="+", default=[100, 1000], help="cited works")
    parser.add_argument("--copies", type=int, default=200, help="copies of the example for the readers (24 notes each)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    sections = args.sections or ["startup", "readers", "match", "check"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "startup" in sections:
            startup()
        if "readers" in sections:
            readers(folder, args.copies)
        if "match" in sections:
            matching(folder, args.entries, args.works)
        if "check" in sections:
            scaling(folder, args.sizes)
    missed = [label for label, ok in RESULTS if not ok]
    print(f"\n{len(RESULTS) - len(missed)} of {len(RESULTS)} targets met" + (f"; missed: {', '.join(missed)}" if missed else ""))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
