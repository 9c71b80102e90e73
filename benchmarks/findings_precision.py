"""Precision and recall of ``sourcecheck check --offline`` on the development set of real
manuscripts, against findings judged by hand.

The development set is ``../shared/manuscripts/real/*.md`` (published lessons of *The
Programming Historian*, CC BY 4.0; their prose stays out of the project). Every finding that
``check --offline`` reported on them was judged by hand as a copy-editor would — true only if
a copy-editor would want it — and recorded in ``tests/data/findings_judged.jsonl`` (document,
note label, citation index, code, true/false, a word on why; findings without a note carry
their ``line``).

The script runs ``sourcecheck check --offline -f json`` on each manuscript and matches the
findings to the judgements by document + note label + code (+ line for findings without a
note), so it keeps working when the parser changes: a finding that moved to another citation
of the same note still matches. It prints, per code and in total:

- ``true`` / ``false``: reported findings judged true / false;
- ``unjudged``: reported findings with no judgement (judge them and add them to the file);
- ``true reported`` / ``true judged``: how many of the findings judged true are still reported
  (recall);
- ``by reading``: problems a copy-editor would want that ``check`` did not report when the
  manuscripts were read (judgements with ``"found": "reading"``), reported now / found. They
  are not part of the recall above (which guards the findings once reported) but of a second
  figure, ``recall of every true problem judged``.

Usage::

    python benchmarks/findings_precision.py            # table
    python benchmarks/findings_precision.py --unjudged # also list the unjudged findings
    python benchmarks/findings_precision.py --missed   # also list true findings no longer reported
    python benchmarks/findings_precision.py --json     # machine-readable summary
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "findings_judged.jsonl"
REAL = ROOT.parent / "shared" / "manuscripts" / "real"


def load_judged(path: Path = JUDGED) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def key(document: str, note: str | None, code: str, line: int | None) -> tuple:
    """Judged and reported findings are the same finding when this key agrees."""
    return (document, note, code, line if note is None else None)


def run_check(manuscript: Path, cache: str) -> dict:
    env = dict(os.environ, SOURCECHECK_CACHE_DIR=cache, NO_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-m", "sourcecheck", "check", "--offline", "-f", "json", str(manuscript)],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )
    try:
        return json.loads(done.stdout) if done.returncode in (0, 1) else None
    except json.JSONDecodeError:
        pass
    last = (done.stderr.strip().splitlines() or ["no output"])[-1]
    raise SystemExit(f"{manuscript.name}: check failed (exit {done.returncode}): {last}")


def reported_findings(manuscript: Path, cache: str) -> list[dict]:
    report = run_check(manuscript, cache)
    if report is None:
        raise SystemExit(f"{manuscript.name}: check failed")
    labels = {n["number"]: n.get("label") or str(n["number"]) for n in report["notes"]}
    found = []
    for f in report["findings"]:
        note = labels.get(f["note"]) if f.get("note") is not None else None
        found.append({"document": manuscript.stem, "note": note, "citation": f.get("citation"),
                      "code": f["code"], "line": f.get("line"), "message": f["message"]})
    return found


def match(judged: list[dict], reported: list[dict]) -> tuple[list, list, list]:
    """(matched pairs, unjudged reported findings, judged findings not reported)."""
    pool: dict[tuple, list[dict]] = defaultdict(list)
    for j in judged:
        pool[key(j["document"], j["note"], j["code"], j.get("line"))].append(j)
    pairs, unjudged = [], []
    for r in reported:
        candidates = pool.get(key(r["document"], r["note"], r["code"], r["line"]))
        if not candidates:
            unjudged.append(r)
            continue
        same = next((c for c in candidates if c.get("citation") == r["citation"]), candidates[0])
        candidates.remove(same)
        pairs.append((same, r))
    missed = [j for rest in pool.values() for j in rest]
    return pairs, unjudged, missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=REAL, help="the development manuscripts")
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument("--unjudged", action="store_true", help="list unjudged findings")
    parser.add_argument("--missed", action="store_true", help="list true findings not reported")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"no development set at {args.dir}", file=sys.stderr)
        return 2
    judged = load_judged(args.judged)
    manuscripts = sorted(p for p in args.dir.glob("*.md") if p.name != "SOURCES.md")
    with tempfile.TemporaryDirectory() as cache:
        reported = [f for m in manuscripts for f in reported_findings(m, cache)]
    pairs, unjudged, missed = match(judged, reported)

    true, false, unj, true_judged = Counter(), Counter(), Counter(), Counter()
    read, read_reported = Counter(), Counter()
    for j in judged:
        if j["true"]:
            (read if j.get("found") == "reading" else true_judged)[j["code"]] += 1
    for j, _ in pairs:
        if j["true"] and j.get("found") == "reading":
            read_reported[j["code"]] += 1
        else:
            (true if j["true"] else false)[j["code"]] += 1
    for r in unjudged:
        unj[r["code"]] += 1
    codes = sorted(set(true) | set(false) | set(unj) | set(true_judged) | set(read))

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    total_t, total_f, total_u, total_j = (sum(c.values()) for c in (true, false, unj, true_judged))
    total_r, total_rr = sum(read.values()), sum(read_reported.values())
    summary = {
        "manuscripts": len(manuscripts),
        "findings": len(reported),
        "true": total_t, "false": total_f, "unjudged": total_u,
        "precision": ratio(total_t + total_rr, total_t + total_rr + total_f),
        "true_reported": total_t, "true_judged": total_j,
        "recall": ratio(total_t, total_j),
        "found_by_reading": total_r, "found_by_reading_reported": total_rr,
        "recall_all": ratio(total_t + total_rr, total_j + total_r),
        "by_code": {c: {"true": true[c], "false": false[c], "unjudged": unj[c],
                        "true_judged": true_judged[c], "found_by_reading": read[c],
                        "found_by_reading_reported": read_reported[c]} for c in codes},
    }
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    print(f"{len(manuscripts)} manuscripts, {len(reported)} findings "
          f"({args.dir}, judged in {args.judged.relative_to(ROOT) if args.judged.is_relative_to(ROOT) else args.judged})\n")
    print(f"{'code':<7}{'true':>6}{'false':>7}{'unjudged':>10}{'true reported':>15}{'by reading':>12}")
    for c in codes:
        print(f"{c:<7}{true[c]:>6}{false[c]:>7}{unj[c]:>10}{f'{true[c]}/{true_judged[c]}':>15}"
              f"{f'{read_reported[c]}/{read[c]}' if read[c] else '':>12}")
    print(f"{'total':<7}{total_t:>6}{total_f:>7}{total_u:>10}{f'{total_t}/{total_j}':>15}{f'{total_rr}/{total_r}':>12}\n")
    print(f"precision {summary['precision']}  (true / judged findings reported)")
    print(f"recall    {summary['recall']}  (true findings still reported / true findings judged)")
    print(f"recall of every true problem judged {summary['recall_all']}  "
          f"(also the {total_r} found by reading the manuscripts, {total_rr} of them reported)")
    if total_u:
        print(f"{total_u} findings are not judged yet: run with --unjudged and add them to the file")
    if args.unjudged:
        print("\nunjudged:")
        for r in unjudged:
            print(f"  {r['document']} note {r['note']} #{r['citation']} {r['code']}: {r['message']}")
    if args.missed:
        print("\njudged true, no longer reported:")
        for j in missed:
            if j["true"] and j.get("found") != "reading":
                print(f"  {j['document']} note {j['note']} {j['code']}: {j['why']}")
        print("\nfound by reading, not reported:")
        for j in missed:
            if j["true"] and j.get("found") == "reading":
                print(f"  {j['document']} note {j['note']} {j['code']}: {j['why']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
