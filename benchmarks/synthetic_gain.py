"""Does synthetic training data (citations/tagger/synthetic.py) help the learned parser?

Leave-one-source-out, as ``benchmarks/cross_validate.py``: for each source scored, a model is
trained on the other sources plus synthetic references rendered from items built from those
other sources only (never from the source scored), and the whole parser is scored on the
source left out. Compare with ``cross_validate.py --only <source>`` (the same without the
synthetic references).

Usage::

    python benchmarks/synthetic_gain.py --only gold --only anystyle
    python benchmarks/synthetic_gain.py --only gold --limit 2000 --json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cross_validate import score_source  # noqa: E402

from citations.tagger import corpus, model, synthetic  # noqa: E402
from citations.tagger.train import train  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", action="append", help="score only this source (repeatable)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many synthetic references")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    names = [n for n in corpus.SOURCES if not args.only or n in args.only]
    results: dict[str, Any] = {}
    for name in names:
        started = time.perf_counter()
        others = [n for n in corpus.SOURCES if n != name]
        training = [seq for other in others for seq in corpus.read_source(other)]
        extra = list(synthetic.synthetic_sequences(args.limit, sources=others))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"without-{name}-synthetic.crfsuite"
            train(training + extra, path)
            model.use_model(path)
            report = score_source(name, list(corpus.read_source(name)))
            model.use_model(None)
        total = report.total
        results[name] = {"references": len(report.cases), "synthetic": len(extra), "f1": round(total.f1, 4),
                         "precision": round(total.precision, 4), "recall": round(total.recall, 4),
                         "seconds": round(time.perf_counter() - started, 1),
                         "fields": {k: round(v.f1, 4) for k, v in sorted(report.by_field().items())}}
        if not args.json:
            print(f"{name:10s} {len(report.cases):5d} refs  +{len(extra)} synthetic  F1 {total.f1:.4f} "
                  f"P {total.precision:.4f} R {total.recall:.4f}  ({results[name]['seconds']} s)", flush=True)
    if args.json:
        print(json.dumps({"sources": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
