"""Property tests: reading, matching and finding bibliographies never crash on odd input."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citations.bibliography import find_bibliography
from citations.model import Citation
from citations.works import Work
from checkers.library import LibraryError, library_findings, match_library, parse_library_text

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

bibtex_ish = st.lists(
    st.sampled_from([
        "@book{", "@incollection{", "@string{s = {X}}", "key,", "author = {", "title = ", "{", "}",
        "\"", " # ", "s", "and others", "{\\\"u}", "--", "year = 2009", "crossref = {key}", ",", "\n",
        "@comment{", "month = feb", "M{\\\"u}ller, R.", "%", "\\", "pages = {1--2}",
    ]),
    max_size=40,
).map("".join)

ris_ish = st.lists(
    st.sampled_from(["TY  - BOOK\n", "TY  - CHAP\n", "AU  - Müller, R.\n", "TI  - T\n", "ER  - \n",
                     "SP  - 1\n", "EP  - 2\n", "PY  - 19\n", "A2  - X\n", "SN  - 123\n", "junk\n",
                     "AN  - f. 1\n", "TY  - MANSCPT\n"]),
    max_size=30,
).map("".join)

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "type", "title", "author", "issued", "ISBN", "page", "archive_location",
                         "family", "date-parts", "editor", "publisher"]), inner, max_size=5),
    max_leaves=15,
)


def _exercise(text: str, fmt: str) -> None:
    try:
        lib = parse_library_text(text, "x", fmt)
    except LibraryError as exc:
        assert "\n" not in str(exc)
        return
    cited = Citation(text="…", csl={"type": "book", "title": "T", "author": [{"family": "Müller"}]})
    result = match_library([Work((1, 0), cited, [(1, 0)])], lib.entries)
    library_findings(result)
    json.dumps(result.to_dict(), default=str)


@FAST
@given(bibtex_ish)
def test_any_bibtex_text_reads_and_matches_without_crashing(text):
    _exercise(text, "bibtex")


@FAST
@given(ris_ish)
def test_any_ris_text_reads_and_matches_without_crashing(text):
    _exercise(text, "ris")


@FAST
@given(st.lists(json_value, max_size=4))
def test_any_csl_json_reads_and_matches_without_crashing(items):
    _exercise(json.dumps(items), "csl-json")


@FAST
@given(st.lists(st.tuples(st.integers(1, 500), st.text(max_size=60)), max_size=12))
def test_find_bibliography_never_crashes_and_keeps_lines(paragraphs):
    lines = {line for line, _ in paragraphs}
    for line, text in find_bibliography([(1, "Bibliography"), *paragraphs]):
        assert text and "\n" not in text
        assert any(0 <= line - start < 100 for start in lines)
