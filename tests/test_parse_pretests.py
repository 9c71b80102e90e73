"""The parser's cheap pre-tests never hide a match of the costly pattern they guard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citations import parse as P

DATA = Path(__file__).parent / "data"


def _texts() -> list[str]:
    return [json.loads(line)["text"] for path in sorted(DATA.glob("*.jsonl")) for line in path.open(encoding="utf-8")
            if '"text"' in line]


@pytest.mark.parametrize("text", [
    "préfèrent ainsi parler de datation (O’Brien et Lyman, 2002). Néanmoins", "Millot (2014) dit",
    "(Riley, 2017: 4)", "Walsh et Schwalbe (2020)", "(Smith et al., 2001, 4–5)", "comme l’a montré de Millot (2014b)",
])
def test_author_date_in_prose_passes_the_hint(text: str) -> None:
    assert P.AUTHOR_DATE_IN_PROSE.search(text)
    assert P._AUTHOR_DATE_HINT.search(text)


def test_author_date_hint_hides_nothing_on_the_labelled_sets() -> None:
    texts = _texts()
    assert [t for t in texts if P.AUTHOR_DATE_IN_PROSE.search(t) and not P._AUTHOR_DATE_HINT.search(t)] == []
    assert sum(1 for t in texts if P.AUTHOR_DATE_IN_PROSE.search(t)) > 10  # the sets do hold such references


def test_the_abbreviation_window_finds_what_the_whole_text_search_does() -> None:
    import re

    whole = re.compile(P._ABBREVIATION_END.pattern)
    texts = _texts() + ["London: Smith & Co.", "Berlin: Hg.", "ed. J. R.", "xCalif.", "Mass.", "Scalif.", "A."]
    for text in texts:
        t = text.strip()
        for end in range(len(t), max(0, len(t) - 30), -1):
            part = t[:end] if t[:end].endswith(".") else t[:end] + "."
            assert bool(P._ABBREVIATION_END.search(part[-7:])) == bool(whole.search(part)), part


def test_sentence_breaks_are_the_matches_of_the_pattern() -> None:
    import re

    from citations.split import sentence_breaks

    sentence_break = re.compile(r"(?<=[\w)\]”’\"»])\.\s+(?=[A-ZÄÖÜА-ЯЁ])")
    texts = _texts() + ["A. B. Smith. The Title. Berlin", "Ibid. See also X.", ". Start", "end.)  Next", "“Quoted.” Next"]
    for text in texts:
        assert [m.span() for m in sentence_breaks(text)] == [m.span() for m in sentence_break.finditer(text)], text


def test_the_next_reference_hint_hides_nothing() -> None:
    from citations.split import _NEXT_HINT, NEXT_REFERENCE

    texts = _texts() + ["Smith, Title (1990), 5. For another view, see Jones.", "Compare A, 5–6, with B, 7.",
                        "A (1999), 3. Vgl. Müller", "X, 4, and with Y"]
    for text in texts:
        if NEXT_REFERENCE.search(text):
            assert _NEXT_HINT.search(text), text


def test_no_imprint_pre_test_hides_nothing() -> None:
    from citations.imprint import NO_IMPRINT, take_no_imprint
    from citations.locators import search_tail

    texts = _texts() + ["Smith, Title (n.p., n.d.)", "Dupont, Titre, s.l., s.d.", "X (n.d.).", "Y, n.p.", "Z, o. O."]
    for text in texts:
        for end in range(len(text), max(0, len(text) - 30), -1):
            part = text[:end]
            m = search_tail(NO_IMPRINT, part, 24)
            want = (part[: m.start()].rstrip(" ,."), m.group(0).strip(" ,.()")) if m and m.end() >= len(part.rstrip(" .")) else (part, None)
            assert take_no_imprint(part) == want, part
