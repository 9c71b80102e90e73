"""Train the reference labeller: labelled sequences → a CRFsuite model file.

``python -m citations.tagger.train`` (or ``sourcecheck train``) retrains the shipped model from
the data in the repository, deterministically: the same data in the same order with the same
parameters give the same model. Users add their own labelled references (the project's JSONL
gold format or AnyStyle XML) to the shipped data and write a model of their own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from citations.tagger.features import sequence_features
from citations.tagger.tokens import labelled_tokens

Segments = Sequence[tuple[str, str]]

#: L-BFGS with elastic-net regularisation, as AnyStyle and GROBID use for their CRFs. Chosen by
#: leave-one-source-out cross-validation (benchmarks/parse_accuracy.py --cross-validate).
PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


@dataclass
class TrainingSummary:
    sequences: int
    tokens: int
    seconds: float
    path: Path


def train(
    sequences: Iterable[Segments],
    path: str | Path,
    *,
    params: dict[str, object] | None = None,
    progress: Callable[[str], None] | None = None,
) -> TrainingSummary:
    """Train a model on ``sequences`` (lists of (text, label) segments) and write it to ``path``."""
    import pycrfsuite

    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.select("lbfgs", "crf1d")
    trainer.set_params({**PARAMS, **(params or {})})
    count = tokens_total = 0
    for segments in sequences:
        tokens, labels = labelled_tokens(segments)
        if not tokens:
            continue
        trainer.append(sequence_features(tokens), labels)
        count += 1
        tokens_total += len(tokens)
    if count == 0:
        raise ValueError("no labelled references to train on")
    if progress:
        progress(f"training on {count:,} references ({tokens_total:,} tokens)…")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    trainer.train(str(tmp))
    tmp.replace(path)
    return TrainingSummary(count, tokens_total, time.perf_counter() - started, path)


def shipped_sequences(extra: Iterable[str | Path] = (), progress: Callable[[str], None] | None = None) -> list[Segments]:
    """The training data in the repository (every source of :data:`corpus.TRAINING_SOURCES`), then the
    labelled files in ``extra`` (AnyStyle XML, GROBID TEI or the project's JSONL)."""
    from citations.tagger import corpus

    sequences: list[Segments] = []
    for name in corpus.TRAINING_SOURCES:
        before = len(sequences)
        sequences.extend(corpus.read_source(name))
        if progress:
            progress(f"{name}: {len(sequences) - before:,} references")
    for path in extra:
        before = len(sequences)
        sequences.extend(corpus.read_sequences(path))
        if progress:
            progress(f"{path}: {len(sequences) - before:,} references")
    return sequences


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    from citations.tagger.model import SHIPPED_MODEL

    ap = argparse.ArgumentParser(prog="python -m citations.tagger.train", description="Retrain the reference labeller.")
    ap.add_argument("labelled", nargs="*", help="more labelled references (AnyStyle XML, GROBID TEI, project JSONL)")
    ap.add_argument("-o", "--output", default=str(SHIPPED_MODEL), help="where to write the model (default: the shipped model)")
    args = ap.parse_args(argv)
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    summary = train(shipped_sequences(args.labelled, progress=say), args.output, progress=say)
    say(f"wrote {summary.path} ({summary.path.stat().st_size / 1e6:.1f} MB) from {summary.sequences:,} references in {summary.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
