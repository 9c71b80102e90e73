"""Labelled reference strings for training the reference tagger, in one label set.

Every reader yields a reference as a :data:`Sequence`: consecutive ``(text, label)`` segments
whose texts join to the reference string exactly. Whitespace is normalised (runs of spaces,
tabs and newlines become one space; the ends are stripped); a segment never starts with a space
(the space between two segments ends the first one) and is never empty.

Sources:

- ``anystyle``: AnyStyle's training set (``data/anystyle-core.xml``, BSD 2-clause), one
  ``<sequence>`` of labelled spans per reference. Its labels are mapped to :data:`LABELS`.
- ``grobid``: GROBID's citation corpus (``data/grobid-citation-corpus.tar.gz``, Apache 2.0),
  one TEI ``<bibl>`` per reference; text outside the tags is ``other``.
- ``gold`` and ``heldout``, ``heldout2``, ``heldout3``: the project's own labelled references
  (``tests/data/references_*.jsonl``), whose CSL-like field values are aligned to the text.
  All are trained on (:data:`TRAINING_SOURCES`); each is measured by leaving it out of
  training (leave-one-source-out cross-validation, ``benchmarks/cross_validate.py``).

``python -m citations.tagger.corpus`` prints the size and label counts of every source.
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as _xml_fromstring

Sequence = list[tuple[str, str]]

LABELS: tuple[str, ...] = (
    "author",
    "editor",
    "translator",
    "title",
    "container-title",
    "journal",
    "collection-title",
    "collection-number",
    "volume",
    "issue",
    "pages",
    "date",
    "edition",
    "publisher",
    "location",
    "genre",
    "url",
    "doi",
    "isbn",
    "note",
    "other",
)

DATA_DIR = Path(__file__).resolve().parent / "data"
_REPO_ROOT = Path(__file__).resolve().parents[2]
_TESTS_DATA = _REPO_ROOT / "tests" / "data"


def _sources() -> dict[str, Path]:
    sources = {
        "anystyle": DATA_DIR / "anystyle-core.xml",
        "grobid": DATA_DIR / "grobid-citation-corpus.tar.gz",
    }
    for name, file in (
        ("gold", "references_gold.jsonl"),
        ("heldout", "references_heldout.jsonl"),
        ("heldout2", "references_heldout2.jsonl"),
        ("heldout3", "references_heldout3.jsonl"),
    ):
        path = _TESTS_DATA / file
        if path.is_file():
            sources[name] = path
    return sources


#: The shipped sources by name. The project's labelled sets live in tests/data (outside the
#: package) and are named only when the files exist, i.e. in a checkout.
SOURCES: dict[str, Path] = _sources()

#: Sources the shipped model is trained on: all of them. The project's labelled sets were
#: written by the people who wrote the rules, so none of them is held out any more; how the
#: parser does on references it has not seen is measured by leave-one-source-out
#: cross-validation (``benchmarks/cross_validate.py``), which trains without the set it scores.
TRAINING_SOURCES: tuple[str, ...] = tuple(SOURCES)


class CorpusError(ValueError):
    """A training file that cannot be read; the message names the file."""


# --------------------------------------------------------------------------------------------
# Building sequences


_SPACE = re.compile(r"\s+")


def _assemble(pieces: Iterable[tuple[str, str]]) -> Sequence:
    """Normalise whitespace over labelled pieces and return a clean :data:`Sequence`.

    Whitespace runs (also across piece boundaries) become one space, the ends are stripped, a
    space that would open a segment moves to the end of the segment before, empty pieces
    disappear. Neighbouring pieces with the same label are kept apart: they may be two fields.
    """
    seq: list[list[str]] = []
    for text, label in pieces:
        text = _SPACE.sub(" ", text)
        if not text:
            continue
        if text.startswith(" "):
            if seq and not seq[-1][0].endswith(" "):
                seq[-1][0] += " "
            text = text.lstrip(" ")
            if not text:
                continue
        seq.append([text, label])
    if seq:
        seq[-1][0] = seq[-1][0].rstrip(" ")
        if not seq[-1][0]:
            seq.pop()
    return [(text, label) for text, label in seq if text]


def reference_text(seq: Sequence) -> str:
    """The reference string of a sequence."""
    return "".join(text for text, _ in seq)


def _check(seq: Sequence, where: str) -> Sequence:
    for _, label in seq:
        if label not in _LABEL_SET:
            raise CorpusError(f"{where}: label {label!r} is not one of the tagger's labels")
    return seq


_LABEL_SET = frozenset(LABELS)


def _parse_xml(data: bytes | str, where: str) -> Element:
    try:
        return _xml_fromstring(data)
    except ParseError as error:
        raise CorpusError(f"{where}: not well-formed XML ({error})") from None
    except DefusedXmlException as error:
        raise CorpusError(f"{where}: XML with entity declarations or a DTD is refused ({error})") from None


def _local(tag: object) -> str:
    if not isinstance(tag, str):  # comments, processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


# --------------------------------------------------------------------------------------------
# AnyStyle

ANYSTYLE_LABELS: dict[str, str] = {
    **{label: label for label in LABELS},
    "director": "author",
    # In AnyStyle's data producers are the people in the author slot ("Chaffin, C., Kennedy,
    # K. (Producers),"), not imprints.
    "producer": "author",
    "medium": "genre",
    "citation-number": "other",
    "signal": "other",
    # "Dissertation Abstracts International: Section B…, 61(4-B), 2193.", "In Wikipedia.":
    # the work the item is found in.
    "source": "container-title",
    "identifier": "note",  # refined by content in _identifier_label
}

# Connectors that AnyStyle keeps inside a field span but that carry no field: "In", "In:",
# and a note that is only "Retrieved from" / "Available at".
_LEADING_IN = re.compile(r"^(?:In|IN|in)(?::\s*|\s+)(?=\S)")
_CONNECTOR_NOTE = re.compile(
    r"^(?:retrieved|available|accessible|accessed|online|abgerufen|verfügbar)"
    r"(?:\s+(?:from|at|online|on|unter))?\s*:?$",
    re.IGNORECASE,
)


def _identifier_label(text: str) -> str:
    if re.search(r"\b10\.\d{4,9}/\S", text) or re.match(r"(?i)\s*doi\b", text):
        return "doi"
    if re.match(r"(?i)\s*isbn\b", text):
        return "isbn"
    if re.match(r"(?i)\s*(?:https?://|www\.)", text):
        return "url"
    return "note"


# AnyStyle has no issue label: "51(2)", "Vol. 3, No. 4," and "n° 62" are all <volume>. The
# other sources label the issue, so the issue is split off where it is evident.
_VOL = r"(?:(?:vols?|v|volume|bd|t|т|jg)\.?\s*)?[0-9IVXLCivxlc][\w.-]*"
_ISSUE_WORD = r"(?:no|nos|n|nr|n°|nº|№|issue|heft|h|fasc)\.?"
_VOLUME_ISSUE = (
    # "45(2),", "6 (1)"
    re.compile(rf"^(?P<volume>{_VOL})\s*(?P<issue>\((?!\d{{4}}\))[^()]{{1,12}}\)[.,:;]*)$", re.I),
    # "Vol. 3, No. 4,", "v.9 n.2", "12, no. 3, April,"
    re.compile(rf"^(?P<volume>{_VOL}\s*[.,]?)\s*(?P<issue>{_ISSUE_WORD}\s*\S+.*)$", re.I),
    # "n° 62, vol. 7,"
    re.compile(rf"^(?P<issue>{_ISSUE_WORD}\s*\w+[.,]?)\s*(?P<volume>(?:vols?|v|volume)\.?\s*\S+)$", re.I),
    # "No. 134, Part 3,", "nr 29."
    re.compile(rf"^(?P<issue>{_ISSUE_WORD}\s*\d.*)$", re.I),
)
_INLINE_MARKUP = re.compile(r"</?(?:italic|i|b|bold|em|sup|sub|span)>")


def _split_volume(text: str) -> list[tuple[str, str]]:
    """A volume span as contiguous (text, label) parts: volume and, where evident, issue."""
    for pattern in _VOLUME_ISSUE:
        m = pattern.match(text)
        if m:
            names = sorted(m.groupdict(), key=m.start)
            parts = []
            for i, name in enumerate(names):
                end = m.start(names[i + 1]) if i + 1 < len(names) else len(text)
                parts.append((text[m.start(name) if i else 0:end], name))
            return parts
    return [(text, "volume")]


_SERIES_NUMBER = re.compile(r"^(?P<title>.*?\S)\s+(?P<number>(?:vol\.\s*|no\.\s*|nr\.\s*|bd\.\s*)?\d+\)?[.,;]?\)?[.,;]?)$", re.I)


def _split_series(text: str) -> list[tuple[str, str]]:
    """"(Patristische Texte und Studien 20)." → the series and its number."""
    m = _SERIES_NUMBER.match(text)
    if not m:
        return [(text, "collection-title")]
    return [(text[:m.start("number")], "collection-title"), (m.group("number"), "collection-number")]


def _anystyle_pieces(sequence: Element, where: str) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    if sequence.text and sequence.text.strip():
        pieces.append((sequence.text, "other"))
    for span in sequence:
        tag = _local(span.tag)
        if tag:
            if tag not in ANYSTYLE_LABELS:
                raise CorpusError(f"{where}: unknown AnyStyle label <{tag}>")
            text = _SPACE.sub(" ", _INLINE_MARKUP.sub("", "".join(span.itertext()))).strip()
            label = ANYSTYLE_LABELS[tag]
            if tag == "identifier":
                label = _identifier_label(text)
            parts: list[tuple[str, str]] = []
            if label in ("editor", "container-title", "journal", "translator"):
                match = _LEADING_IN.match(text)
                if match:
                    parts.append((match.group(), "other"))
                    text = text[match.end():]
            if label == "note" and _CONNECTOR_NOTE.match(text):
                label = "other"
            if label == "volume":
                parts.extend(_split_volume(text))
            elif label == "collection-title":
                parts.extend(_split_series(text))
            else:
                parts.append((text, label))
            # Spans are separate words: the XML's whitespace between them is one space.
            pieces.append((" ", "other"))
            pieces.extend(parts)
            pieces.append((" ", "other"))
        if span.tail and span.tail.strip():
            pieces.append((span.tail, "other"))
    return pieces


def read_anystyle(path: str | Path) -> Iterator[Sequence]:
    """The references of an AnyStyle training file (``<dataset><sequence>…``)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror})") from None
    root = _parse_xml(data, str(path))
    if _local(root.tag) != "dataset":
        raise CorpusError(f"{path}: not an AnyStyle dataset (root <{_local(root.tag)}>)")
    for number, sequence in enumerate(root.iter("sequence"), 1):
        seq = _assemble(_anystyle_pieces(sequence, f"{path}, sequence {number}"))
        if seq:
            yield _check(seq, f"{path}, sequence {number}")


# --------------------------------------------------------------------------------------------
# GROBID

_BIBLSCOPE = {
    "vol": "volume",
    "volume": "volume",
    "volumes": "volume",
    "issue": "issue",
    "number": "issue",
    "no": "issue",
    "pp": "pages",
    "page": "pages",
    "pages": "pages",
    "date": "date",
    "chapter": "note",
}
_EDITION = re.compile(
    r"(?i)(?:\bed\b|\bedn\b|\bedition\b|\baufl\.|\bauflage\b|\béd\.|\bédition\b|\bedizione\b)"
)


def _note_label(text: str) -> str:
    """A GROBID note that is an edition statement ("2nd ed.", "third edition") is the edition."""
    if len(text) <= 40 and _EDITION.search(text) and not re.search(r"(?i)\bed\.?\s+by\b", text):
        return "edition"
    return "note"


def _grobid_label(elem: Element, context: dict[str, object]) -> str:
    tag = _local(elem.tag)
    attrs = {_local(k): (v or "").strip() for k, v in elem.attrib.items()}
    text = "".join(elem.itertext())
    if tag in ("author", "authors"):
        return "author"
    if tag == "editor":
        return "editor"
    if tag == "title":
        level = (attrs.get("level") or attrs.get("leve") or attrs.get("type") or "").lower()
        if level == "a":
            return "title"
        if level == "m":
            return "container-title" if context["has_a"] else "title"
        if level == "j":
            return "journal"
        if level == "s":
            return "collection-title"
        return "title"
    if tag in ("date", "year", "month"):
        return "date"
    if tag in ("biblScope", "biblStruct", "volumes", "page"):
        kind = (attrs.get("unit") or attrs.get("type") or attrs.get("level") or "").lower()
        if tag == "volumes":
            kind = "volume"
        elif tag == "page":
            kind = "page"
        # A bare <biblScope> after a journal title is its volume.
        return _BIBLSCOPE.get(kind, "volume")
    if tag in ("publisher", "publishe"):
        return "publisher"
    if tag in ("pubPlace", "pubplace"):
        return "location"
    if tag == "orgName":
        # Collaborations and organisations before any title are the authors ("(STAR
        # Collaboration)"); after a title they issue the work (CERN, a university).
        if attrs.get("type") == "collaboration" or not context["seen_title"]:
            return "author"
        return "publisher"
    if tag in ("note", "notes"):
        if attrs.get("type") == "report":
            return "genre"  # "Technical Report", "PhD thesis", "Thèse"
        return _note_label(text.strip())
    if tag == "idno":
        kind = attrs.get("type", "").lower()
        if kind == "doi":
            return "doi"
        if kind == "isbn":
            return "isbn"
        return _identifier_label(text)
    if tag == "ptr":
        return "url"
    return "other"


def _grobid_pieces(bibl: Element) -> list[tuple[str, str]]:
    context = {
        "has_a": any(
            _local(t.tag) == "title" and (t.get("level") or "").strip().lower() == "a"
            for t in bibl.iter()
        ),
        "seen_title": False,
        "last": "other",
    }
    pieces: list[tuple[str, str]] = []

    def walk(elem: Element, label: str) -> None:
        if elem.text:
            pieces.append((elem.text, label))
        for child in elem:
            tag = _local(child.tag)
            if tag == "lb":
                pieces.append((" ", label))
            elif tag:
                inner = _grobid_label(child, context) if label == "other" else label
                if tag == "title":
                    context["seen_title"] = True
                if inner == "volume" and context["last"] == "collection-title":
                    # "Lecture Notes in Physics 818", "Graduate Texts in Mathematics Vol. 220"
                    inner = "collection-number"
                if label == "other":
                    context["last"] = inner
                walk(child, inner)
            if child.tail:
                pieces.append((child.tail, label))

    walk(bibl, "other")
    return pieces


def _regularise(seq: Sequence) -> Sequence:
    """Give GROBID's spans the extent they have in AnyStyle and in the gold alignment: the
    label word before a volume, issue or pages ("Vol.", "pp."), role words next to editors
    ("edited by", "(Hrsg)"), "et al.", the parentheses around a date, quote marks around a
    title and the punctuation right after a span. GROBID leaves all these outside its tags."""
    text = reference_text(seq)
    spans = []
    pos = 0
    for segment, label in seq:
        if label != "other":
            spans.append((pos, pos + len(segment.rstrip(" ")), label))
        pos += len(segment)
    pieces: list[tuple[str, str]] = []
    pos = 0
    for start, end, label in _extend(text, spans):
        pieces.append((text[pos:start], "other"))
        pieces.append((text[start:end], label))
        pos = end
    pieces.append((text[pos:], "other"))
    return _assemble(pieces)


def _grobid_file(data: bytes, where: str) -> Iterator[Sequence]:
    root = _parse_xml(data, where)
    bibls = [e for e in root.iter() if _local(e.tag) == "bibl"]
    # A <bibl> inside another one is part of that reference, not a reference of its own.
    inner = {id(d) for b in bibls for d in b.iter() if d is not b}
    bibls = [b for b in bibls if id(b) not in inner]
    for number, bibl in enumerate(bibls, 1):
        seq = _regularise(_assemble(_grobid_pieces(bibl)))
        if seq and any(label != "other" for _, label in seq):
            yield _check(seq, f"{where}, bibl {number}")


def read_grobid(path: str | Path) -> Iterator[Sequence]:
    """The references of GROBID's citation corpus: a .tar.gz of TEI files, a directory of them
    or one TEI/XML file."""
    path = Path(path)
    if path.is_dir():
        xml_files = sorted(p for p in path.rglob("*.xml") if p.is_file())
        if not xml_files:
            raise CorpusError(f"{path}: no .xml files in the directory")
        for file in xml_files:
            yield from _grobid_file(file.read_bytes(), str(file))
        return
    name = path.name.lower()
    if name.endswith((".tar.gz", ".tgz", ".tar")):
        # Read in stream order (seeking in a gzip stream decompresses it again), then go
        # through the files by name so the order does not depend on how the archive was made.
        files: dict[str, bytes] = {}
        try:
            with tarfile.open(path, "r|*") as archive:
                for member in archive:
                    if member.isfile() and member.name.endswith(".xml"):
                        handle = archive.extractfile(member)
                        if handle is not None:
                            files[member.name] = handle.read()
        except (OSError, tarfile.TarError, EOFError, zlib.error) as error:
            raise CorpusError(f"{path}: not a readable tar archive ({error})") from None
        if not files:
            raise CorpusError(f"{path}: no .xml files in the archive")
        for member_name in sorted(files):
            yield from _grobid_file(files[member_name], f"{path}:{member_name}")
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror})") from None
    yield from _grobid_file(data, str(path))


# --------------------------------------------------------------------------------------------
# The project's gold JSONL: align the expected field values to the text


@dataclass
class GoldStats:
    """What :func:`read_gold_jsonl` did with each line."""

    lines: int = 0
    kept: int = 0
    dropped: int = 0  # less than MIN_ALIGNED of the expected values found in the text
    no_full: int = 0  # only ibid/short/archival citations: nothing to learn from
    fields: int = 0
    aligned: int = 0
    dropped_ids: list[str] = field(default_factory=list)


#: A reference is dropped when fewer than this share of its expected values are found.
MIN_ALIGNED = 0.8

_QUOTES = frozenset("\"'“”„‟«»‹›‘’‚‛`´「」『』")
_DASHES = frozenset("-‐‑‒–—―−")


def _fold(text: str) -> tuple[str, list[int]]:
    """Text for matching (lower case, no quote marks, one kind of dash, single spaces) and the
    offset in ``text`` of every folded character."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        if char in _QUOTES:
            continue
        if char in _DASHES:
            char = "-"
        elif char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        for low in char.lower():
            out.append(low)
            index.append(i)
    return "".join(out), index


def _value_pattern(value: str) -> re.Pattern[str] | None:
    folded, _ = _fold(unicodedata.normalize("NFC", value))
    folded = folded.strip().rstrip(" .,;:").strip()
    if not folded:
        return None
    parts = []
    for char in folded:
        if char == " ":
            parts.append(" ?")
        elif char in ".,:":
            parts.append(re.escape(char) + " ?")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    if folded[0].isalnum():
        body = r"(?<![^\W_])" + body
    if folded[-1].isalnum():
        body += r"(?![^\W_])"
    return re.compile(body)


class _Aligner:
    def __init__(self, text: str):
        self.text = text
        self.folded, self.index = _fold(text)
        self.taken: list[tuple[int, int, str]] = []  # (start, end, label) in text offsets

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _ in self.taken)

    def find(self, value: str, after: int = 0, pattern: re.Pattern[str] | None = None):
        """(start, end) of the first free occurrence of ``value`` at or after ``after``."""
        pattern = pattern or _value_pattern(value)
        if pattern is None:
            return None
        for match in pattern.finditer(self.folded):
            if match.end() == match.start():
                continue
            start = self.index[match.start()]
            end = self.index[match.end() - 1] + 1
            if start >= after and self.free(start, end):
                return start, end
        return None

    def take(self, span: tuple[int, int], label: str) -> None:
        self.taken.append((span[0], span[1], label))


def _initials(given: str) -> list[str]:
    words = [w for w in re.split(r"[\s.]+", given) if w]
    if not words:
        return []
    parts = []
    for word in words:
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p[0] + "." for p in pieces))
    return [" ".join(parts), "".join(parts), " ".join(p.replace(".", "") for p in parts),
            "".join(p.replace(".", "") for p in parts)]


def _find_person(al: _Aligner, person: dict, after: int) -> tuple[int, int] | None:
    literal = person.get("literal")
    if literal:
        return al.find(literal, after)
    family = (person.get("family") or "").strip()
    given = (person.get("given") or "").strip()
    if not family:
        return al.find(given, after) if given else None
    pattern = _value_pattern(family)
    if pattern is None:
        return None
    variants = [given] + _initials(given) if given else []
    variants = [v for v in dict.fromkeys(variants) if v.strip(" .")]
    search_from = after
    while True:
        span = al.find(family, search_from, pattern)
        if span is None:
            return None
        start, end = span
        best = (start, end)
        for variant in variants:
            vpat = _value_pattern(variant)
            if vpat is None:
                continue
            # Given name before the family name ("E. P. Thompson", "Michel de Certeau").
            window_start = max(0, start - len(variant) - 8)
            before = _Aligner(al.text[window_start:start])
            hit = None
            for m in vpat.finditer(before.folded):
                gap = before.text[before.index[m.end() - 1] + 1:]
                if re.fullmatch(r"[\s.,]*(?:\w+\s+){0,2}", gap) and len(gap) <= 12:
                    hit = (window_start + before.index[m.start()], end)
            if hit is None:
                # After it ("Hobsbawm, Eric", "Thompson E. P.").
                after_text = al.text[end:end + len(variant) + 12]
                m2 = re.match(r"[\s,]{0,3}", after_text)
                rest = _Aligner(after_text)
                for m in vpat.finditer(rest.folded):
                    s = rest.index[m.start()]
                    if s <= (m2.end() if m2 else 0) + 1:
                        hit = (start, end + rest.index[m.end() - 1] + 1)
                        break
            if hit and al.free(*hit):
                best = hit
                break
        if al.free(*best):
            return best
        search_from = end


_CONNECTOR_WORDS = r"(?:and|&|und|et|e|y|i|и|a|og|en|ve|/|;|,)"
_NAME_GAP = re.compile(rf"^[\s.,;/]*(?:{_CONNECTOR_WORDS}[\s,]*)?$", re.IGNORECASE)
_ET_AL = re.compile(
    r"^[\s.,]*(?:et\s+al\.?|u\.\s*a\.|и\s+др\.|and\s+others|e\s+altri|et\s+alii|a\s+kol\.)",
    re.IGNORECASE,
)
_ROLE_AFTER = {
    "editor": re.compile(
        r"^[\s,]*(?:\((?:eds?|hrsg|hg|éds?|dir|ed\. by|a cura di|red|Hrsg\.?\s*v\.)\.?\)|"
        r"(?:eds?|hrsg|hg|éds?|dirs?)\.(?!\w)|\(ред\.\)|ред\.|\(sous la dir\.\)|\(ed\.\))",
        re.IGNORECASE,
    ),
    "translator": re.compile(r"^[\s,]*(?:\((?:trans|transl|übers|trad|tr)\.?\)|(?:trans|transl|übers|trad|tr)\.)",
                             re.IGNORECASE),
}
_ROLE_BEFORE = {
    "editor": re.compile(
        r"(?:\b(?:ed(?:ited)?\.?(?:\s+(?:and|&)\s+trans(?:lated)?\.?)?(?:\s+by)?|eds\.|hg\.\s+und\s+übers\.(?:\s+v(?:on|\.))?|hrsg\.?(?:\s+v(?:on|\.))?|hg\.?(?:\s+v(?:on|\.))?|"
        r"herausgegeben\s+von|a\s+cura\s+di|sous\s+la\s+dir(?:ection|\.)\s+de|dir\.|éd\.(?:\s+par)?|"
        r"под\s+ред(?:акцией|\.)|pod\s+red\.|edited\s+by|introd?\.?\s+and\s+ed\.|bearb\.(?:\s+v(?:on|\.))?)"
        r")[\s,:]*$",
        re.IGNORECASE,
    ),
    "translator": re.compile(
        r"(?:\b(?:trans(?:lated)?\.?(?:\s+by)?|transl\.(?:\s+by)?|übers\.?(?:\s+v(?:on|\.))?|"
        r"übersetzt\s+von|aus\s+dem\s+\w+\s+von|trad\.(?:\s+(?:par|di|de))?|traduit\s+par|"
        r"traduzione\s+di|tr\.|пер\.(?:\s+с\s+\w+\.?)?)"
        r")[\s,:]*$",
        re.IGNORECASE,
    ),
}
_MONTHS = (
    r"jan(?:uary|uar|vier|\.)?|feb(?:ruary|ruar|\.)?|févr(?:ier|\.)?|mar(?:ch|s|\.)?|märz|apr(?:il|ile|\.)?|"
    r"avr(?:il|\.)?|may|mai|maggio|june?|juni|juin|giugno|july?|juli|juillet|luglio|aug(?:ust|\.)?|"
    r"août|agosto|sep(?:tember|tembre|t\.|\.)?|settembre|oct(?:ober|obre|\.)?|okt(?:ober|\.)?|"
    r"ottobre|nov(?:ember|embre|\.)?|dec(?:ember|\.)?|dez(?:ember|\.)?|déc(?:embre|\.)?|dicembre|"
    r"gennaio|febbraio|marzo|aprile|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|"
    r"noviembre|diciembre|janvier|février|spring|summer|autumn|fall|winter|frühjahr|sommer|herbst|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
_DATE_BEFORE = re.compile(
    rf"(?:(?:\(|\[)?\s*(?:(?<!\w)\d{{1,2}}(?:\.|°|er|st|nd|rd|th)?\s+)?(?<!\w)(?:{_MONTHS})\.?\s*"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?|(?:\(|\[)?(?<![\w.])\d{{1,2}}\.\s*\d{{1,2}}\.\s*|\(|\[)$",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(r"^(?:[a-z](?![^\W\d_]))?(?:\s*\)|\])?", re.IGNORECASE)
_LABEL_WORD = {
    "pages": re.compile(r"(?:\b(?:pp?|s|ss|S|С|с|стр|pages?|Seiten?|col|cols|fol|ff)\.?\s*)$", re.IGNORECASE),
    "volume": re.compile(
        r"(?:\b(?:vols?|bd|bde|t|tome|tomo|band|jg|jahrgang|v|т|vol|anno|annata|year)\.?\s*)$",
        re.IGNORECASE,
    ),
    "issue": re.compile(
        r"(?:(?:\b(?:no|nos|nr|n|h|heft|issue|fasc|num|número|numéro|numero|вып|no\.)\.?|n°|nº|№|#)\s*)$",
        re.IGNORECASE,
    ),
}
_LABEL_WORD["collection-number"] = _LABEL_WORD["volume"]
_TRAIL = re.compile(r"^[.,;:!?”’»›“‘\"']+")
_EDITION_STATEMENT = re.compile(
    r"(?i)(?<!\w)(?:(?:\d+(?:st|nd|rd|th|e|\.)?|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|rev(?:ised)?\.?|new|enl(?:arged)?\.?|expanded|erw(?:eiterte)?\.?|"
    r"überarb(?:eitete)?\.?|durchges(?:ehene)?\.?|neu(?:e)?|nouvelle|nuova)[\s,]+)+"
    r"(?:ed(?:ition|n)?\.?|aufl(?:age|\.)|éd(?:ition|\.)|edizione|ed\.)(?!\w)"
)
_ACCESSED = re.compile(
    r"(?i)(?:last\s+)?(?:accessed|retrieved|consulted|viewed|visited|abgerufen(?:\s+am)?|"
    r"zugegriffen(?:\s+am)?|zugriff(?:\s+am)?|consulté(?:\s+le)?|dernier\s+accès|stand|"
    r"letzter\s+zugriff|дата\s+обращения|date\s+of\s+access|consultato(?:\s+il)?|consultado(?:\s+el)?)[^()\[\]]{0,40}?"
)


_PRONOUN = re.compile(r"(?<!\w)(?:ders|dies|dass|idem|eadem|eid|iid|eaed)\.?(?!\w)")


def _is_archival(citation: dict) -> bool:
    return citation.get("type") == "manuscript" or "archival" in citation or "archive" in citation


def _align_citation(al: _Aligner, cit: dict, cursor: int) -> tuple[int, int, list[tuple[int, int, str]]]:
    """Align one citation's values after ``cursor``; (expected, aligned, spans)."""
    spans: list[tuple[int, int, str]] = []
    expected = 0
    aligned = 0
    kind_journal = cit.get("type") in ("article-journal", "article-magazine", "article-newspaper")

    def put(span, label):
        nonlocal aligned
        if span is not None:
            al.take(span, label)
            spans.append((span[0], span[1], label))
            aligned += 1
            return True
        return False

    def one(value, label, after=None):
        nonlocal expected
        if value in (None, ""):
            return
        expected += 1
        value = str(value)
        start = cursor if after is None else after
        span = al.find(value, start)
        if span is None and after is not None:
            span = al.find(value, cursor)
        put(span, label)

    one(cit.get("URL"), "url")
    one(cit.get("DOI"), "doi")
    one(cit.get("title"), "title")
    one(cit.get("container-title"), "journal" if kind_journal else "container-title")
    for role, label in (("author", "author"), ("editor", "editor"), ("translator", "translator"),
                        ("container-author", "author")):
        persons = [p for p in cit.get(role) or [] if isinstance(p, dict)]
        pronoun = False
        for person in persons:
            expected += 1
            if pronoun:  # "dies. (Hrsg.)" stands for all of them
                aligned += 1
                continue
            if put(_find_person(al, person, cursor), label):
                continue
            # The same person in a second role ("ed. and trans. Quintin Hoare"): the span is
            # already there.
            if role in ("editor", "translator") and any(
                l in ("editor", "translator") and al.text[s:e].find(person.get("family") or "\0") >= 0
                for s, e, l in spans
            ):
                aligned += 1
                continue
            if role in ("editor", "container-author"):
                # "in: ders. (Hrsg.)": the author again, written as a pronoun.
                if put(al.find("", cursor, _PRONOUN), label):
                    pronoun = True
    one(cit.get("publisher"), "publisher")
    one(cit.get("publisher-place"), "location")
    if cit.get("accessed"):
        expected += 1
        year = str(cit["accessed"])[:4]
        for m in _ACCESSED.finditer(al.text, cursor):
            end = al.text.find(year, m.end())
            if end != -1 and end - m.end() <= 40 and al.free(m.start(), end + 4):
                put((m.start(), end + 4), "note")
                break
    issued = cit.get("issued")
    if issued not in (None, ""):
        expected += 1
        pattern = re.compile(rf"(?<!\d){re.escape(str(issued))}(?!\d)")
        put(al.find(str(issued), cursor, pattern), "date")
    body_end = max((e for s, e, l in spans if l in ("title", "journal", "container-title")), default=cursor)
    one(cit.get("page"), "pages", body_end)
    one(cit.get("volume"), "volume", body_end)
    one(cit.get("issue"), "issue", body_end)
    locator = cit.get("locator")
    if isinstance(locator, dict) and locator.get("value"):
        expected += 1
        last = max((e for s, e, _ in spans), default=cursor)
        span = al.find(str(locator["value"]), last) or al.find(str(locator["value"]), cursor)
        # The cited pages carry no field of the work: 'other' (the tagger's caller strips
        # trailing locators by rule before tagging).
        put(span, "other")
    return expected, aligned, spans


def _merge_lists(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join the persons of one role into one span when only connectors stand between them."""
    spans = sorted(spans)
    out: list[list] = []
    for start, end, label in spans:
        if (
            out
            and out[-1][2] == label
            and label in ("author", "editor", "translator")
            and _NAME_GAP.match(text[out[-1][1]:start])
        ):
            out[-1][1] = end
        else:
            out.append([start, end, label])
    return [tuple(s) for s in out]


def _extend(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Grow each span over the words that belong to it: role words next to editors and
    translators, "et al.", label words before volume/issue/pages, date words and parentheses,
    quote marks around titles, trailing punctuation."""
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for i, (start, end, label) in enumerate(spans):
        lo = out[-1][1] if out else 0
        hi = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        before = text[lo:start]
        if label in _ROLE_BEFORE:
            m = _ROLE_BEFORE[label].search(before)
            if m:
                start = lo + m.start()
        if label in _LABEL_WORD:
            m = _LABEL_WORD[label].search(before)
            if m:
                start = lo + m.start()
        if label == "date":
            m = _DATE_BEFORE.search(text[lo:start])
            if m and m.start() != m.end():
                start = lo + m.start()
        if label in ("title", "container-title", "journal"):
            while start > lo and text[start - 1] in "“‘«„‹\"'":
                start -= 1
        after = text[end:hi]
        if label in ("author", "editor", "translator"):
            m = _ET_AL.match(after)
            if m:
                end += m.end()
                after = text[end:hi]
        if label in _ROLE_AFTER:
            m = _ROLE_AFTER[label].match(after)
            if m:
                end += m.end()
                after = text[end:hi]
        if label == "date":
            m = _DATE_AFTER.match(after)
            if m and ("(" in text[start:end] or "[" in text[start:end] or not m.group().strip(")] ")):
                end += m.end()
                after = text[end:hi]
        m = _TRAIL.match(after)
        if m:
            end += m.end()
            after = text[end:hi]
        if after.startswith(")") and text[start:end].count("(") > text[start:end].count(")"):
            end += 1
        out.append((start, end, label))
    return out


def _gold_sequence(text: str, spans: list[tuple[int, int, str]]) -> Sequence:
    pieces: list[tuple[str, str]] = []
    pos = 0
    for start, end, label in sorted(spans):
        if start > pos:
            pieces.extend(_gap_pieces(text[pos:start]))
        pieces.append((text[start:end], label))
        pos = end
    if pos < len(text):
        pieces.extend(_gap_pieces(text[pos:]))
    return _assemble(pieces)


_SERIES = re.compile(r"(?i)(?<!\w)(?:coll\.|collection|collana|reihe)\s*[«„“\"][^«»„“”\"]{2,80}[»“”\"]")


_GENRE = re.compile(
    r"(?i)(?<!\w)(?:ph\.?\s?d\.?\s+(?:diss(?:ertation)?\.?|thesis)|(?:doctoral|unpublished)\s+"
    r"(?:dissertation|thesis)|diss(?:ertation)?\.?(?=\s*,)|m\.?\s?a\.?\s+thesis|master'?s\s+thesis|"
    r"thèse\s+de\s+doctorat|tesi\s+di\s+(?:laurea|dottorato)|habilitationsschrift|"
    r"magisterarbeit|diplomarbeit|working\s+paper|technical\s+report|discussion\s+paper)(?!\w)"
)


def _gap_pieces(gap: str) -> list[tuple[str, str]]:
    """Unlabelled text is 'other', except an edition statement ("2nd ed.", "5. Aufl."), a
    series named with its quote marks ("coll. « Bibliothèque des histoires »") and the kind of
    a thesis or report ("PhD diss."), which the gold sets do not label but the other sources
    do."""
    pieces = []
    pos = 0
    found = [(m, "edition") for m in _EDITION_STATEMENT.finditer(gap)]
    found += [(m, "collection-title") for m in _SERIES.finditer(gap)]
    found += [(m, "genre") for m in _GENRE.finditer(gap)]
    for m, label in sorted(found, key=lambda f: f[0].start()):
        if m.start() < pos:
            continue
        pieces.append((gap[pos:m.start()], "other"))
        pieces.append((m.group(), label))
        pos = m.end()
    pieces.append((gap[pos:], "other"))
    return pieces


#: Kinds of labelled citations whose fields become training labels.
_LABELLED_KINDS = ("full", "short")


def align_gold(record: dict) -> tuple[Sequence, int, int] | None:
    """A labelled line of the project's JSONL as a sequence, with the number of expected and
    aligned values of its full citations; None when it has no full, non-archival citation."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", str(record.get("text", "")))).strip()
    citations = [c for c in record.get("expected") or [] if isinstance(c, dict)]
    if not text or not any(c.get("kind") in _LABELLED_KINDS and not _is_archival(c) for c in citations):
        return None
    al = _Aligner(text)
    cursor = 0
    expected = aligned = 0
    kept: list[tuple[int, int, str]] = []
    for cit in citations:
        n, k, spans = _align_citation(al, cit, cursor)
        if spans:
            cursor = max(e for _, e, _ in spans)
        if cit.get("kind") in _LABELLED_KINDS and not _is_archival(cit):
            expected += n
            aligned += k
            kept.extend(spans)
        # Ibid. and archival files were aligned only to keep their values from being taken
        # by the next citation; their tokens stay 'other'. Short forms ("Rogovin, Stalin's
        # Terror, p. 307") are labelled: the labeller reads their author and title too.
    kept = [s for s in kept if s[2] != "other"]
    spans = _extend(text, _merge_lists(text, kept))
    return _gold_sequence(text, spans), expected, aligned


def read_gold_jsonl(path: str | Path, stats: GoldStats | None = None) -> Iterator[Sequence]:
    """The references of the project's labelled JSONL (tests/data/README.md), their expected
    values aligned to the text. Lines with only ibid/short/archival citations are skipped and
    lines with fewer than :data:`MIN_ALIGNED` of their values found are dropped (``stats``
    counts both)."""
    path = Path(path)
    stats = stats if stats is not None else GoldStats()
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror})") from None
    with handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{path}:{number}: not JSON ({error.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise CorpusError(f"{path}:{number}: a line needs a 'text' and 'expected'")
            stats.lines += 1
            result = align_gold(record)
            if result is None:
                stats.no_full += 1
                continue
            seq, expected, aligned = result
            stats.fields += expected
            stats.aligned += aligned
            if expected == 0 or aligned < MIN_ALIGNED * expected or not seq:
                stats.dropped += 1
                stats.dropped_ids.append(str(record.get("id", number)))
                continue
            stats.kept += 1
            yield _check(seq, f"{path}:{number}")


# --------------------------------------------------------------------------------------------
# Dispatch and summary


def read_sequences(path: str | Path) -> Iterator[Sequence]:
    """The references of any supported file: AnyStyle XML, GROBID TEI (file, directory or
    .tar.gz) or the project's JSONL."""
    path = Path(path)
    name = path.name.lower()
    if path.is_dir() or name.endswith((".tar.gz", ".tgz", ".tar")):
        return read_grobid(path)
    if name.endswith((".jsonl", ".json")):
        return read_gold_jsonl(path)
    if name.endswith(".xml"):
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError as error:
            raise CorpusError(f"{path}: cannot be read ({error.strerror})") from None
        if re.search(rb"<dataset[\s>]", head):
            return read_anystyle(path)
        return read_grobid(path)
    raise CorpusError(f"{path}: unknown training format (expected .xml, .tar.gz or .jsonl)")


def read_source(name: str, stats: GoldStats | None = None) -> Iterator[Sequence]:
    """The sequences of a source named in :data:`SOURCES`."""
    if name not in SOURCES:
        raise CorpusError(f"unknown source {name!r} (known: {', '.join(SOURCES)})")
    path = SOURCES[name]
    if name == "anystyle":
        return read_anystyle(path)
    if name == "grobid":
        return read_grobid(path)
    return read_gold_jsonl(path, stats)


@dataclass
class SourceSummary:
    name: str
    sequences: int = 0
    tokens: int = 0
    labels: Counter = field(default_factory=Counter)  # whitespace tokens per label
    gold: GoldStats | None = None


def summarize(name: str) -> SourceSummary:
    """Count sequences, whitespace tokens and tokens per label of a source. A token's label is
    the label of the segment holding most of its letters (as the tagger's training does)."""
    stats = GoldStats() if name not in ("anystyle", "grobid") else None
    summary = SourceSummary(name, gold=stats)
    for seq in read_source(name, stats):
        summary.sequences += 1
        for label in _token_labels(seq):
            summary.tokens += 1
            summary.labels[label] += 1
    return summary


def _token_labels(seq: Sequence) -> list[str]:
    text = reference_text(seq)
    owner: list[str] = []
    for segment, label in seq:
        owner.extend([label] * len(segment))
    labels = []
    for m in re.finditer(r"\S+", text):
        votes: Counter = Counter(owner[i] for i in range(m.start(), m.end()) if text[i].isalnum())
        if not votes:
            votes = Counter(owner[i] for i in range(m.start(), m.end()))
        labels.append(votes.most_common(1)[0][0])
    return labels


def format_summary(summary: SourceSummary) -> str:
    lines = [f"{summary.name}: {summary.sequences} sequences, {summary.tokens} tokens"]
    if summary.gold is not None:
        g = summary.gold
        share = g.aligned / g.fields if g.fields else 0.0
        lines.append(
            f"  lines {g.lines}, kept {g.kept}, dropped {g.dropped} (< {MIN_ALIGNED:.0%} of values "
            f"aligned), skipped {g.no_full} (no full citation); values aligned {g.aligned}/{g.fields}"
            f" ({share:.1%})"
        )
        if g.dropped_ids:
            lines.append(f"  dropped: {', '.join(g.dropped_ids)}")
    width = max((len(label) for label in LABELS), default=0)
    for label in LABELS:
        count = summary.labels.get(label, 0)
        share = count / summary.tokens if summary.tokens else 0.0
        lines.append(f"  {label:<{width}} {count:>7} {share:6.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(SOURCES)
    for name in names:
        try:
            print(format_summary(summarize(name)))
        except CorpusError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # output piped into head
            sys.stderr.close()
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
