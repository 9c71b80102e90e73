"""Property tests: the parser, the text reader and the parse/parse-refs commands never crash.

Whatever text arrives — control characters, any Unicode outside the surrogates, huge numbers,
unbalanced quotes and brackets, half-written references — parsing yields citations (``unparsed``
ones with a reason when nothing fits), every citation serialises to JSON, unreadable input is a
one-line user error, and ``parse-refs`` prints exactly one line per input line.
"""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citations import ReadError, parse_manuscript, parse_note, parse_reference, read_manuscript
from citations.model import KINDS, Citation
from sourcecheck.cli import cli
from tests.gold import load_gold

GOLD_TEXTS = [row["text"] for row in load_gold()]

#: Pieces that steer the recognisers: markers, abbreviations, brackets and quotes of every kind.
FRAGMENTS = [
    "Ibid.", "ibid", "Ebd.", "ebenda", "Там же", "Ivi", "Id.", "op. cit.", "a.a.O.", "cit.",
    "p.", "pp.", "S.", "s.", "с.", "С.", "chapter", "chap.", "hier", "here", "f.", "ff.",
    "in:", "In", "(ed.)", "(eds.)", "(Hrsg.)", "hg. v.", "(dir.)", "(a cura di)", "ed. by", "trans.",
    "quoted in:", "zit. nach", "See", "Vgl.", "Cf.", "On this see:", "et al.", "u. a.", "and", "&", "/",
    "RGASPI", "GARF", "fond", "opis", "delo", "list", "f.", "op.", "d.", "l.", "ll.", "ob.", "ф.", "оп.", "д.", "л.",
    "https://", "http://x.y/", "www.", "(accessed", "(Zugriff am", "(consulté le", "29.7.2025", "n°", "no.", "Nr.", "H.",
    "Vol.", "Bd.", "t.", "vol.", "XII", "MCMLXXX", "1937–1938", "81/82", "4/5", "(July/August 1997)",
    ";", ",", ":", ".", "…", "–", "—", "-", "(", ")", "[", "]", "{", "}", "«", "»", "“", "”", "„", "‘", "’",
    "'", '"', "‹", "›", "<", ">", "\\", "\t", "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\u2028", "\ufeff",
]
NUMBERS = st.integers(min_value=0, max_value=10**40).map(str)
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
WORDS = st.text(alphabet=ANY_CHAR, min_size=0, max_size=12)


@st.composite
def note_like(draw) -> str:
    """Text that looks enough like a note to reach deep into the recognisers."""
    parts = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), NUMBERS, WORDS), max_size=40))
    separators = draw(st.lists(st.sampled_from([" ", "", ", ", ". ", "\n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, separators))


@st.composite
def mutated_reference(draw) -> str:
    """A real reference from the gold table, cut, spliced or with text inserted."""
    text = draw(st.sampled_from(GOLD_TEXTS))
    i = draw(st.integers(0, len(text)))
    j = draw(st.integers(i, len(text)))
    insert = draw(st.one_of(st.sampled_from(FRAGMENTS), NUMBERS, WORDS))
    how = draw(st.sampled_from(["cut", "insert", "replace", "twice"]))
    if how == "cut":
        return text[:i] + text[j:]
    if how == "insert":
        return text[:i] + insert + text[i:]
    if how == "replace":
        return text[:i] + insert + text[j:]
    return text + "; " + draw(st.sampled_from(GOLD_TEXTS))


NOTE_TEXT = st.one_of(st.text(alphabet=ANY_CHAR, max_size=300), note_like(), mutated_reference())
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CLI = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(citations: list[Citation]) -> None:
    assert isinstance(citations, list)
    for c in citations:
        assert isinstance(c, Citation)
        assert c.kind in KINDS
        if c.kind == "unparsed":
            assert c.reason
        json.dumps(c.to_dict(), ensure_ascii=False)


@FAST
@given(NOTE_TEXT)
@example("")
@example("(((((((((((((((((((((((((((((((")
@example("“" * 200)
@example("Ibid., p. " + "9" * 500)
@example("RGASPI f. " + "1" * 60 + ", op. 1, d. 2, l. 3–" + "4" * 60)
@example("In: ; ; ; (eds.), , : 2003, pp. –.")
def test_parse_note_never_raises(text):
    assert_well_formed(parse_note(text))


@FAST
@given(NOTE_TEXT)
@example("\x00\x01\x02")
@example("Hermann Weber and Ulrich Mählert (eds.), Terror, Paderborn: Schöningh 2001, p. " + "1" * 400)
def test_parse_reference_never_raises(text):
    assert_well_formed(parse_reference(text))


def manuscript_text(body: str, notes: list[str], style: str) -> str:
    markers = " ".join(f"{body}[{n}]" for n in range(1, len(notes) + 1))
    if style == "alone":
        section = "\n\n".join(f"[{n}]\n\n{t}" for n, t in enumerate(notes, 1))
    elif style == "bracketed":
        section = "\n".join(f"[{n}] {t}" for n, t in enumerate(notes, 1))
    else:
        section = "\n".join(f"{n}. {t}" for n, t in enumerate(notes, 1))
    return f"{markers}\n\nNotes\n\n{section}\n"


@FAST
@given(
    st.text(alphabet=ANY_CHAR, max_size=40),
    st.lists(NOTE_TEXT, max_size=6),
    st.sampled_from(["alone", "bracketed", "dotted"]),
)
def test_text_reader_and_resolution_never_raise(body, notes, style):
    text = manuscript_text(body, notes, style)
    try:
        manuscript = read_manuscript(data=text.encode("utf-8"), format="text")
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    parse_manuscript(manuscript)
    json.dumps(manuscript.to_dict(), ensure_ascii=False)
    for note in manuscript.notes:
        assert_well_formed(note.citations)
        for c in note.citations:
            if c.resolves_to is not None:
                assert manuscript.citation(c.resolves_to) is not None


@FAST
@given(st.binary(max_size=400))
def test_text_reader_takes_any_bytes(data):
    try:
        manuscript = read_manuscript(data=data, format="text")
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    parse_manuscript(manuscript)


@CLI
@given(st.one_of(st.text(alphabet=ANY_CHAR, max_size=300), st.lists(NOTE_TEXT, max_size=4).map(
    lambda notes: manuscript_text("Body text", notes, "alone"))))
def test_parse_command_never_raises(text):
    runner = CliRunner()
    for fmt in ("json", "text"):
        result = runner.invoke(cli, ["parse", "-", "--format", fmt], input=text.encode("utf-8"))
        assert result.exit_code in (0, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        if result.exit_code == 0 and fmt == "json":
            json.loads(result.output)


LINE = st.one_of(NOTE_TEXT, st.sampled_from(["", " ", "\t", "Ibid.", "\x0c", "\u2028", "\x85"])).map(
    lambda s: s.replace("\r", " ").replace("\n", " ")
)


@CLI
@given(st.lists(LINE, min_size=1, max_size=12), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_parse_refs_prints_one_line_per_input_line(lines, newline, final_newline):
    text = newline.join(lines) + (newline if final_newline else "")
    result = CliRunner().invoke(cli, ["parse-refs", "-"], input=text.encode("utf-8"))
    assert result.exit_code == 0, repr(result.exception)
    out = result.output.split("\n")
    assert out[-1] == ""
    out = out[:-1]
    expected_lines = len(lines) if final_newline or lines[-1] != "" else len(lines) - 1
    assert len(out) == expected_lines, (lines, out)
    for line in out:
        citations = json.loads(line)
        assert isinstance(citations, list)
        for c in citations:
            assert c["kind"] in KINDS


@CLI
@given(st.lists(st.one_of(st.sampled_from(GOLD_TEXTS), NOTE_TEXT.map(lambda s: s.replace("\r", " ").replace("\n", " "))),
                min_size=1, max_size=6))
def test_parse_refs_prints_what_parse_reference_returns(lines):
    result = CliRunner().invoke(cli, ["parse-refs", "-"], input=("\n".join(lines) + "\n").encode("utf-8"))
    assert result.exit_code == 0, repr(result.exception)
    printed = [json.loads(line) for line in result.output.split("\n")[:-1]]
    # Through JSON both ways, so tuples and lists compare alike.
    expected = [json.loads(json.dumps([c.to_dict() for c in parse_reference(line)], ensure_ascii=False)) for line in lines]
    assert printed == expected
