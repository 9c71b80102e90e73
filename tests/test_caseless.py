"""Caseless patterns find exactly what the same pattern finds with IGNORECASE."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import pytest

import citations
from citations.caseless import Caseless, lower_pattern

DATA = Path(__file__).parent / "data"
ODD = ["İstanbul, a. a. O., S. 3", "STRASSE und Straße, Hrsg.", "СМ. ТАМ ЖЕ, С. 12", "Op. Cit., P. XII",
       "ǅ ǈ ǋ titlecase", "ΣΊΣΥΦΟΣ, ΣΕΛ. 4", "K (Kelvin) ſ long s", "SEE ALSO Qtd. in"]


def _caseless_patterns() -> list[tuple[str, Caseless]]:
    found = []
    for info in pkgutil.walk_packages(citations.__path__, "citations."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Caseless) and getattr(module, "__name__", "") == info.name:
                found.append((f"{info.name}.{name}", value))
    return found


PATTERNS = _caseless_patterns()


def test_the_parser_uses_caseless_patterns() -> None:
    names = {name.rsplit(".", 1)[1] for name, _ in PATTERNS}
    assert {"TRAILING", "OP_CIT", "PROSE_WORDS", "VOLUME_IN_BOOK", "ANY_CUE"} <= names


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_same_matches_as_ignorecase(name: str, pattern: Caseless) -> None:
    texts = [json.loads(line)["text"] for path in sorted(DATA.glob("*.jsonl")) for line in path.open(encoding="utf-8")
             if '"text"' in line] + ODD
    for text in texts:
        for part in (text, text[: len(text) // 2], text[len(text) // 3 :]):
            want = [m.span() for m in pattern.blind.finditer(part)]
            assert [m.span() for m in pattern.finditer(part)] == want, (name, part)
            got = pattern.search(part)
            assert (got and got.span()) == (want[0] if want else None), (name, part)
            assert pattern.count(part) == len(want)
            assert [m.group() for m in pattern.finditer(part)] == [m.group() for m in pattern.blind.finditer(part)]
            full = pattern.blind.fullmatch(part)
            assert (pattern.fullmatch(part) or None) is None if full is None else pattern.fullmatch(part).span() == full.span()
            assert pattern.sub(" ", part) == pattern.blind.sub(" ", part)


def test_lower_pattern_keeps_escapes_and_group_names() -> None:
    assert lower_pattern(r"(?P<Label>See|CF)\S+\W\D(?P=Label)[A-ZÀ-Þ]") == r"(?P<Label>see|cf)\S+\W\D(?P=Label)[a-zà-þ]"


def test_groups_are_taken_from_the_text_as_written() -> None:
    rx = Caseless(r"(?P<label>S|p)\.\s*(?P<value>[IVX]+)$")
    m = rx.search("Ebd., S. XII")
    assert m is not None and m.group("value") == "XII" and m["label"] == "S" and m.group() == "S. XII"
    assert m.groupdict() == {"label": "S", "value": "XII"} and m.span("value") == (9, 12)
    assert rx.fullmatch("p. iv") is not None and rx.fullmatch("xp. iv") is None


@pytest.mark.parametrize("text", ["Smith et al., Title", "A and B, et Al.", "nothing", "", "ET AL. ET AL."])
def test_sub_replaces_like_re_sub(text: str) -> None:
    import re

    rx = Caseless(r"[,\s]*\bet\s*al\b\.?")
    assert rx.sub("", text) == re.sub(rx.pattern, "", text, flags=re.IGNORECASE)
    assert rx.sub(" ", text, count=1) == re.sub(rx.pattern, " ", text, count=1, flags=re.IGNORECASE)


def test_a_text_whose_length_changes_when_lowered_uses_ignorecase() -> None:
    rx = Caseless(r"a\.\s*a\.\s*O\.")
    m = rx.search("İ a. a. O.")
    assert m is not None and m.group() == "a. a. O."  # the original text: "İ".lower() is two characters


@pytest.mark.parametrize("text", ["Weber, op. cit., p. 3", "Weber, a. a. O., S. 3", "Weber, loc. cit.", "Weber, cit., p. 4",
                                  "Dupont, art. cit., p. 5", "Dupont, ouvr. cit.", "Иванов, указ. соч., с. 4",
                                  "Иванов, ук. соч.", "Weber, l. c., 7", "Weber, Politik, cit", "WEBER, OP. CIT."])
def test_op_cit_forms_pass_what_the_pattern_needs(text: str) -> None:
    from citations.parse import OP_CIT

    assert OP_CIT.blind.search(text)
    m = OP_CIT.search(text)
    assert m is not None and m.span() == OP_CIT.blind.search(text).span()


def test_needs_rules_out_texts_without_it() -> None:
    rx = Caseless(r"[,.]?\s*op\.\s*cit\.", needs="cit")
    assert rx.search("Weber, Politik, p. 3") is None
    assert list(rx.finditer("nothing here")) == [] and rx.count("nothing") == 0
    assert rx.search("Weber, OP. CIT.") is not None


def test_lazy_patterns_compile_on_first_use_and_match_like_compiled_ones() -> None:
    import re

    from citations.lazy import lazy

    rx = lazy(r"(?P<y>1[5-9]\d\d|20\d\d)", re.IGNORECASE)
    assert rx._rx is None  # nothing compiled yet: start-up pays for no pattern it does not use
    m = rx.search("Paris, 1949")
    assert m is not None and m.group("y") == "1949" and m.re is rx.compiled()
    assert rx.sub("Y", "1949 and 2001") == "Y and Y" and rx.findall("1949, 2001") == ["1949", "2001"]
    assert [x.start() for x in rx.finditer("1949 2001")] == [0, 5] and rx.groupindex == {"y": 1}


def test_importing_the_parser_compiles_few_patterns() -> None:
    import subprocess
    import sys

    code = ("import re, citations.parse, citations.tagger\n"
            "from re import _cache\n"  # re's own cache of compiled patterns
            "print(len(_cache))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(out) < 40  # the parser's ~250 patterns wait for their first use
