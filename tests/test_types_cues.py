"""The cheap cue pre-test of citations.types never hides a cue the patterns would find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citations.types import ANY_CUE, infer_type, may_have_cue

DATA = Path(__file__).parent / "data"

#: One text per alternative of the cue patterns.
CUED = [
    "Wickham, H. ggplot2. R package version 3.4.0.", "the package R tm", "paquete de R lme4", "pacote R vegan",
    "Stata [Computer software]", "statistical software", "version 1.2.3", "v0.10.1", "release 4 of",
    "versión 2 del", "https://github.com/x/y", "https://gitlab.com/x", "cran.r-project.org/web", "on CRAN",
    "pypi.org/project/x", "doi:10.5281/zenodo.123", "zenodo.org/record/1", "a data set of", "Datasets",
    "[Data set]", "Datensatz 2", "jeu de données", "conjunto de datos", "conjunto de dados", "Harvard Dataverse",
    "figshare.com/articles/1", "kaggle.com/datasets/x", "arXiv:2101.0001", "a pre-print", "Preprint",
    "bioRxiv 2020", "medRxiv", "SSRN Working", "hal.science/hal-1", "hal.archives-ouvertes.fr/x",
    "10.48550/arXiv.1", "Proceedings of the ACL", "Conference on Data", "a Symposium", "Workshop notes",
    "Actes du colloque de", "Tagungsband", "Actas del congreso", "Anais do", "conference proceedings",
    "PhD diss., Yale", "Ph.D. thesis", "Dissertation, Bonn", "M.A. thesis", "Thèse de doctorat", "Tesis doctoral",
    "Tese de", "Doktorarbeit", "mémoire de master", "tesi di laurea", "Working Paper 12", "Technical Report",
    "Report no. 7", "Rapport annuel", "Informe final", "Arbeitspapier", "Discussion Paper", "White Paper",
    "the blog of", "x.blogspot.com", "x.wordpress.com", "medium.com/@x", "hackernoon.com/x", "x.substack.com",
    "youtube.com/watch", "youtu.be/x", "vimeo.com/1", "on YouTube", "[Video]", "video lecture",
]


@pytest.mark.parametrize("text", CUED)
def test_every_cue_passes_the_pre_test(text: str) -> None:
    assert ANY_CUE.search(text), text  # the example really is a cue
    assert may_have_cue(text)


@pytest.mark.parametrize("text", ["Robert Conquest, The Great Terror (London: Macmillan, 1968), 44.",
                                  "Fitzpatrick, Everyday Stalinism, 12.", "Ibid., 7."])
def test_plain_references_skip_the_patterns(text: str) -> None:
    assert not may_have_cue(text)
    assert infer_type(text, {"type": "book", "title": "x"}) is None


def test_the_pre_test_agrees_with_the_patterns_on_the_labelled_sets() -> None:
    texts = [json.loads(line)["text"] for path in sorted(DATA.glob("*.jsonl")) for line in path.open(encoding="utf-8")
             if '"text"' in line]
    assert len(texts) > 500
    hidden = [t for t in texts if ANY_CUE.search(t) and not may_have_cue(t)]
    assert hidden == []
