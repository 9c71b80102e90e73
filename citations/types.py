"""The kinds of work real notes cite besides books and articles, from the cues in the text.

:func:`infer_type` reads a reference's text and its CSL item (as the rules or the learned
labeller read it) and returns the CSL type the cues call for — or None when nothing says more
than the reading already does. Checks then ask each type only for what it has (software has no
place of publication; a journal article with a URL stays an article).

| cue in the text | CSL type |
| --- | --- |
| "R package", "Package R", "[Computer software]", "version 1.2", "v0.10.1", a GitHub, CRAN, PyPI or Zenodo software release | ``software`` |
| "dataset", "data set", "[Data set]", "Datensatz", "jeu de données", "conjunto de datos" | ``dataset`` |
| "arXiv", "preprint", bioRxiv, SSRN, HAL, a 10.48550 (arXiv) DOI | ``article`` (CSL's type for preprints) |
| "Proceedings of", "Conference on", "Symposium", "Workshop", "Actes du colloque", "Tagungsband" | ``paper-conference`` |
| "PhD diss.", "Ph.D. thesis", "dissertation", "Thèse", "Tesis", "Tese", "Dissertation", "Doktorarbeit" | ``thesis`` |
| "Working paper", "Technical report", "Report no.", "Rapport", "Informe", "Arbeitspapier" | ``report`` |
| "blog", blogspot, WordPress, Medium, Hackernoon, Substack | ``post-weblog`` |
| YouTube, youtu.be, Vimeo, "[Video]", "video series" | ``motion_picture`` |
| a "chapter" with no "In"/"dans"/"en" before a book and no page range | ``book`` (its title was split) |
| a "book" with a URL and an access date but no place of publication or ISBN | ``webpage`` |

An article in a journal (a container with volume or pages) is never retyped by a cue in its
title: "FactoMineR: An R Package for Multivariate Analysis", *Journal of Statistical
Software* 25 (1) stays an article.
"""

from __future__ import annotations

import re
from typing import Any

from citations.lazy import lazy
from citations.caseless import Caseless

SOFTWARE = Caseless(
    r"\bR\s+package\b|\bpackage\s+R\b|\bpaquete\s+(?:de\s+)?R\b|\bpacote\s+R\b|\[computer\s+(?:software|program)\]"
    r"|\bsoftware\b|\bversion\s+\d+(?:\.\d+)+|\bv\.?\s?\d+\.\d+(?:\.\d+)*\b|\brelease\s+\d|\bversión\s+\d"
    r"|github\.com/|gitlab\.com/|cran\.r-project\.org|\bCRAN\b|pypi\.org/|10\.5281/zenodo|zenodo\.org/"
)
DATASET = Caseless(
    r"\bdata\s?sets?\b|\[data\s+set\]|\bDatensatz\b|\bjeu\s+de\s+données\b|\bconjunto\s+de\s+datos\b"
    r"|\bconjunto\s+de\s+dados\b|dataverse|figshare\.com|kaggle\.com/datasets")
PREPRINT = Caseless(
    r"\barxiv\b|\bpre-?print\b|biorxiv|medrxiv|\bSSRN\b|hal\.science|hal\.archives-ouvertes|10\.48550/"
)
CONFERENCE = Caseless(
    r"\bproceedings\s+of\b|\bconference\s+on\b|\bsymposium\b|\bworkshop\b|\bactes\s+du\s+colloque\b"
    r"|\bTagungsband\b|\bactas\s+del?\b|\banais\s+do\b|\bconference\s+proceedings\b")
THESIS = Caseless(
    r"\bPh\.?\s?D\.?\s+(?:diss(?:ertation)?|thesis)\b|\bdissertation\b|\bM\.?A\.?\s+thesis\b|\bthesis\b"
    r"|\bthèse\b|\btesis\b|\btese\b|\bDoktorarbeit\b|\bmémoire\s+de\s+master\b|\btesi\s+di\b"
)
REPORT = Caseless(
    r"\bworking\s+paper\b|\btechnical\s+report\b|\breport\s+no\.|\brapport\b|\binforme\b|\bArbeitspapier\b"
    r"|\bdiscussion\s+paper\b|\bwhite\s+paper\b")
BLOG = Caseless(r"\bblog\b|blogspot\.|wordpress\.com|medium\.com/|hackernoon\.com|substack\.com")
VIDEO = Caseless(
    r"youtube\.com|youtu\.be|vimeo\.com|\bYouTube\b|\[video\]|\bvideo\s+(?:series|recording|file|lecture)\b"
)

#: What introduces the book a chapter is in, after punctuation ("…,” in", ". In", ", in:",
#: "dans", "en", "em", "nel", "в:", "//") — not the "in" of a title ("Humanities Data in R").
#: Any of the cues above, to skip them all at once for the many references that have none.
ANY_CUE = Caseless("|".join(f"(?:{rx.pattern})" for rx in (SOFTWARE, DATASET, PREPRINT, CONFERENCE, THESIS, REPORT, BLOG, VIDEO)))
#: Every cue above holds one of these letter runs (lower-cased, whole) or one of these
#: substrings, so a text with none of them has no cue and is not searched at all: the eight
#: patterns together cost ~60 µs a reference, the check a few.
_CUE_WORDS = frozenset(
    "package paquete pacote computer software version versión v release cran"
    " data dataset datasets datensatz jeu conjunto"
    " arxiv preprint pre ssrn"
    " proceedings conference symposium workshop actes tagungsband actas anais"
    " diss dissertation thesis thèse tesis tese doktorarbeit mémoire tesi"
    " working technical report rapport informe arbeitspapier discussion white"
    " blog youtube video".split()
)
_CUE_PARTS = (
    "github.com/", "gitlab.com/", "cran.r-project.org", "pypi.org/", "10.5281/zenodo", "zenodo.org/",
    "dataverse", "figshare.com", "kaggle.com/datasets", "biorxiv", "medrxiv", "hal.science",
    "hal.archives-ouvertes", "10.48550/", "blogspot.", "wordpress.com", "medium.com/",
    "hackernoon.com", "substack.com", "youtube.com", "youtu.be", "vimeo.com",
)
_LETTER_RUN = lazy(r"[^\W\d_]+")


def may_have_cue(text: str) -> bool:
    """False when ``text`` certainly holds none of the cues (:data:`ANY_CUE`); a cheap test first."""
    low = text.lower()
    return not _CUE_WORDS.isdisjoint(_LETTER_RUN.findall(low)) or any(part in low for part in _CUE_PARTS)


IN_CUE = lazy(r"(?:^|[,.;:”\"’>)]\s*)(?:in|In|IN|dans|Dans|en|En|em|Em|nel|nella|in:|In:|В:|в:)\s|//|\bpp?\.\s*\d")

#: A software release read as a journal: "R Package, Version 1.1.1" (not "Journal of Statistical Software").
_PACKAGE = Caseless(r"\bR\s+package\b|\bpackage\s+R\b|\bversion\s+\d|\[computer\s+software\]")

#: Types a cue may refine: a bare reading (book, article, web page) that the rules or the
#: labeller fall back on when they do not know better.
REFINABLE = frozenset({None, "book", "article-journal", "article", "webpage", "chapter", "report", "document"})


def _journal_article(csl: dict[str, Any]) -> bool:
    """A journal article: in a container, with a volume, issue or page range."""
    container = str(csl.get("container-title") or "")
    return csl.get("type") in ("article-journal", "article-magazine", "article-newspaper") and bool(
        container and not _PACKAGE.search(container) and (csl.get("volume") or csl.get("issue") or csl.get("page"))
    )  # "R Package, Version 1.1.1" read as a journal and its volume is no journal


def infer_type(text: str, csl: dict[str, Any]) -> str | None:
    """The CSL type the cues in ``text`` call for (see the module docstring), or None."""
    current = csl.get("type")
    if current not in REFINABLE or _journal_article(csl):
        return None
    container = str(csl.get("container-title") or "")
    if not (may_have_cue(text) and ANY_CUE.search(text)) and not (container and may_have_cue(container) and ANY_CUE.search(container)):
        return _untyped(current, text, csl)  # most references: one search instead of eight
    if THESIS.search(text) and not container:
        return "thesis"
    if CONFERENCE.search(container) or (CONFERENCE.search(text) and current in (None, "chapter", "book", "article-journal")):
        return "paper-conference"
    if PREPRINT.search(text):
        return "article"
    if DATASET.search(text) and not SOFTWARE.search(str(csl.get("title") or "")):
        return "dataset"
    if SOFTWARE.search(text):
        return "software"
    if REPORT.search(text) and not container:
        return "report"
    if VIDEO.search(text):
        return "motion_picture"
    if BLOG.search(text):
        return "post-weblog"
    return _untyped(current, text, csl)


def _untyped(current: str | None, text: str, csl: dict[str, Any]) -> str | None:
    """What the fields themselves say when no cue in the text names a kind of work."""
    if current == "book" and csl.get("URL") and csl.get("accessed") and not (csl.get("publisher-place") or csl.get("ISBN")):
        return "webpage"  # "… (Accessed 2016-11-11) http://…": a page read on the web, not a book
    if current == "chapter" and not IN_CUE.search(text) and not csl.get("container-author") and not csl.get("editor"):
        return "book"  # a chapter is "in" a book: without the word, title and subtitle were split
    return None
