"""Field-level accuracy of the note parser on the labelled data in ``tests/data``.

Prints micro precision/recall/F1 per field and per style on the gold table of real references
(``tests/data/references_gold.jsonl``, parsed line by line like ``sourcecheck parse-refs``),
the field accuracy on the sample manuscript's key (``tests/data/sample_key.json``), and the
worst references with their field errors — the list to grow the parser against.

Usage::

    python benchmarks/parse_accuracy.py                 # both sets, 30 worst references
    python benchmarks/parse_accuracy.py --worst 100     # more of the worst cases
    python benchmarks/parse_accuracy.py --style german-footnote --worst 0
    python benchmarks/parse_accuracy.py --json          # machine-readable summary
    python benchmarks/parse_accuracy.py --since HEAD~3  # only references added since a commit
    python benchmarks/parse_accuracy.py --file tests/data/references_heldout.jsonl  # another labelled set
    python benchmarks/parse_accuracy.py --cross-validate  # leave-one-source-out (benchmarks/cross_validate.py)

``--since`` scores only the gold lines added after a git revision: references the parser has
not been grown against, which gives an honest estimate of accuracy on unseen data.

``--file`` scores another JSONL file in the gold table's format (for instance the later labelled set
``tests/data/references_heldout.jsonl``) with the same evaluator; the sample key is then skipped,
since it has nothing to do with that file.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.gold import (  # noqa: E402
    GOLD_PATH,
    SAMPLE_MANUSCRIPT,
    Counts,
    Report,
    evaluate_gold,
    evaluate_manuscript,
    format_report,
    load_gold,
)


def summary(counts: Counts) -> dict[str, float | int]:
    return {
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(counts.f1, 4),
        "accuracy": round(counts.accuracy, 4),
        "correct": counts.correct,
        "wrong": counts.wrong,
        "missing": counts.missing,
        "spurious": counts.spurious,
    }


def as_json(gold: Report, sample: Report | None) -> dict:
    data = {
        "gold": {
            "references": len(gold.cases),
            "overall": summary(gold.total),
            "fields": {k: summary(v) for k, v in sorted(gold.by_field().items())},
            "styles": {k: summary(v) for k, v in gold.by_style().items()},
        }
    }
    if sample is not None:
        data["sample"] = {
            "notes": len(sample.cases),
            "overall": summary(sample.total),
            "fields": {k: summary(v) for k, v in sorted(sample.by_field().items())},
        }
    return data


def texts_at(revision: str) -> set[str]:
    """The reference texts of the gold table as committed at ``revision``."""
    root = Path(__file__).resolve().parents[1]
    relative = GOLD_PATH.relative_to(root).as_posix()
    try:
        shown = subprocess.run(
            ["git", "show", f"{revision}:{relative}"], cwd=root, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"cannot read {relative} at {revision!r}: {getattr(exc, 'stderr', '') or exc}".strip())
    return {json.loads(line)["text"] for line in shown.splitlines() if line.strip() and not line.startswith("//")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worst", type=int, default=30, help="how many worst references to list")
    parser.add_argument("--style", action="append", help="only references of this style (repeatable)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary instead of text")
    parser.add_argument("--since", metavar="REV", help="only gold references added after this git revision")
    parser.add_argument("--cross-validate", action="store_true",
                        help="leave-one-source-out cross-validation instead (benchmarks/cross_validate.py --jobs 2)")
    parser.add_argument("--file", metavar="PATH", type=Path,
                        help="score this JSONL file (gold-table format) instead of the gold table; skips the sample key")
    args = parser.parse_args(argv)
    if args.cross_validate:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import cross_validate

        return cross_validate.main(["--jobs", "2"] + (["--json"] if args.json else []))
    if args.file and args.since:
        parser.error("--since applies to the gold table only; it cannot be combined with --file")
    if args.file and not args.file.is_file():
        parser.error(f"no such file: {args.file}")

    rows = load_gold(args.file) if args.file else load_gold()
    if args.style:
        rows = [r for r in rows if r["style"] in set(args.style)]
    if args.since:
        seen = texts_at(args.since)
        rows = [r for r in rows if r["text"] not in seen]
    gold = evaluate_gold(rows)

    sample = None
    if SAMPLE_MANUSCRIPT.exists() and not args.file:
        from citations import load

        sample = evaluate_manuscript(load(SAMPLE_MANUSCRIPT))

    if args.json:
        print(json.dumps(as_json(gold, sample), indent=2))
        return 0
    title = f"{args.file} (parse_reference per line)" if args.file else "Gold table (parse_reference per line)"
    if args.since:
        title += f", only references added since {args.since}"
    print(format_report(gold, title, worst=args.worst))
    if sample is not None:
        print()
        print(format_report(sample, f"Sample key ({SAMPLE_MANUSCRIPT.name}, read + parse + resolve)", worst=args.worst))
    elif not args.file:
        print(f"\n(sample manuscript not found at {SAMPLE_MANUSCRIPT}; sample key skipped)")
    return 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):  # piped into head: stop quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
