"""The CRF: load the shipped (or a user's) model once per process and label token sequences.

``Labeller.label(tokens)`` returns the most likely label of every token with the CRF's marginal
probability of that label (from which :mod:`citations.tagger.fields` computes the confidence
the checks rest on), and the probability of the whole labelling.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from citations.tagger.features import sequence_features
from citations.tagger.tokens import Token

#: The model shipped inside the package, trained by ``sourcecheck train`` from the data in
#: ``citations/tagger/data``.
SHIPPED_MODEL = Path(__file__).resolve().parent / "data" / "model.crfsuite"
#: Environment variable naming another model (``--model`` and the ``model`` setting set it).
MODEL_ENV = "SOURCECHECK_MODEL"


class ModelError(Exception):
    """The model file is missing or is not a CRFsuite model."""


@dataclass(frozen=True)
class Labelling:
    labels: list[str]
    #: Marginal probability of each token's label.
    marginals: list[float]
    #: Probability of the whole label sequence.
    probability: float


class Labeller:
    """A CRFsuite tagger for one model file. Not shared between threads (see :func:`labeller`)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import pycrfsuite

        self.path = Path(path)
        if not self.path.is_file():
            raise ModelError(f"no labeller model at {self.path}")
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.path))
        except Exception as exc:  # the C library reports a bad file as a generic error
            raise ModelError(f"{self.path} is not a CRFsuite model: {exc}") from exc
        self.labels = tuple(self._tagger.labels())

    def label(self, tokens: Sequence[Token | str]) -> Labelling:
        if not tokens:
            return Labelling([], [], 1.0)
        tagger = self._tagger
        tagger.set(sequence_features(tokens))
        labels = tagger.tag()
        marginals = [tagger.marginal(label, i) for i, label in enumerate(labels)]
        return Labelling(labels, marginals, tagger.probability(labels))


_local = threading.local()
_path_override: str | None = None


def use_model(path: str | os.PathLike[str] | None) -> None:
    """Label with the model at ``path`` from now on (None: the shipped model)."""
    global _path_override
    _path_override = str(path) if path else None
    if path is not None:
        Labeller(path)  # fail now, with one clear line, rather than at the first note


def model_path() -> Path:
    return Path(_path_override or os.environ.get(MODEL_ENV) or SHIPPED_MODEL)


def labeller() -> Labeller:
    """The labeller for this thread, loaded on first use (taggers are not thread-safe)."""
    key = (_path_override, os.environ.get(MODEL_ENV))
    current = getattr(_local, "labeller", None)
    if current is None or _local.key != key:
        path = model_path()
        if current is None or current.path != path:
            current = Labeller(path)
            _local.labeller = current
        _local.key = key
    return current
