"""The learned reference labeller: a linear-chain CRF (python-crfsuite) that reads the fields of
a full reference, trained on labelled references from AnyStyle, GROBID and this project.

    from citations.tagger import read_reference
    reading = read_reference("E. P. Thompson, The Making of the English Working Class (London: Gollancz, 1963)")
    reading.csl, reading.field_confidence, reading.confidence

Modules: :mod:`tokens` (a string → tokens with offsets), :mod:`features` (token features),
:mod:`model` (the CRF, loaded once per process and thread), :mod:`fields` (labelled spans → CSL
with confidences), :mod:`people` (a name span → people), :mod:`corpus` (training data in every
format → one label set), :mod:`train` (retraining; ``python -m citations.tagger.train``).
The rules of :mod:`citations.parse` keep what rules do best: splitting notes, Ibid./op. cit.,
archival shelf marks, identifiers and locators; the labeller reads the rest.
"""

from __future__ import annotations

from citations.tagger.fields import Reading, infer_type, read_fields
from citations.tagger.model import ModelError, labeller, model_path, use_model
from citations.tagger.tokens import tokenize

#: References longer than this many tokens are labelled in their first part only: no real
#: reference is longer, and the CRF's time grows with the length.
MAX_TOKENS = 400


def read_reference(text: str, *, author_known: bool = False) -> Reading:
    """Label ``text`` and read its fields (empty for an empty string). ``author_known``: the
    rules have read the author ("Idem, …"), so the text starts after it."""
    tokens = tokenize(text)[:MAX_TOKENS]
    if not tokens:
        return Reading()
    labelling = labeller().label(tokens)
    return read_fields(text, tokens, labelling.labels, labelling.marginals, author_known=author_known)


__all__ = ["ModelError", "Reading", "infer_type", "model_path", "read_reference", "use_model"]
