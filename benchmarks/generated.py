"""Generated manuscripts and libraries for the scaling benchmarks (no prose from ../shared).

Two kinds of manuscript, both plain text in the sample manuscript's layout (a body paragraph
with a ``[N]`` marker per note, then a notes section of ``[N]`` lines and note paragraphs):

- ``distinct``: every note a different reference — the gold table's real references
  (``tests/data/references_gold.jsonl``) cycled with pages and years shifted per cycle, as in
  ``benchmarks/parse_speed.py``;
- ``repeating``: a pool of ``works`` books cited over and over, as a long book cites its
  sources: the first citation of a work is its full reference, later ones are Ibid. (the same
  work as the note before), short forms (``Family, Short Title, 12.``), ``op. cit.`` or the full
  reference again, chosen by a seeded random generator.

A BibTeX library of ``entries`` entries is built from the same references with varied authors,
titles and years, so that the works a manuscript cites are found among many near neighbours.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.parse_speed import notes_for  # noqa: E402
from tests.gold import load_gold  # noqa: E402

_BODY = (
    "The argument of this paragraph rests on the sources cited in the note, as historians "
    "of the period have long observed{marker}"
)


def layout(notes: list[str]) -> str:
    """The notes as a plain-text manuscript with one body paragraph and marker per note."""
    body = [_BODY.format(marker=f".[{n}]") for n in range(1, len(notes) + 1)]
    section = [f"[{n}]\n\n{text}" for n, text in enumerate(notes, 1)]
    return "Title\n\n" + "\n\n".join(body) + "\n\n\nNotes\n\n" + "\n\n".join(section) + "\n"


def books(limit: int | None = None) -> list[dict]:
    """Gold-table books with one personal author and a title: ``{text, family, title, year}``."""
    found = []
    for row in load_gold():
        expected = row.get("expected") or []
        if len(expected) != 1:
            continue
        item = expected[0]
        authors = item.get("author") or []
        if (
            item.get("type") != "book" or item.get("kind", "full") != "full" or len(authors) != 1
            or "family" not in authors[0] or not item.get("title") or not item.get("issued")
            or row.get("style") != "chicago-note"
        ):
            continue
        found.append({
            "text": row["text"], "family": authors[0]["family"], "given": authors[0].get("given", ""),
            "title": item["title"], "year": str(item["issued"])[:4],
            "publisher": item.get("publisher", ""), "place": item.get("publisher-place", ""),
        })
        if limit and len(found) >= limit:
            break
    return found


def _short_title(title: str) -> str:
    words = title.split(":")[0].split()
    return " ".join(words[:4])


def repeating_notes(count: int, works: int = 40, seed: int = 12) -> list[str]:
    """``count`` notes citing a pool of ``works`` books again and again."""
    rng = random.Random(seed)
    pool = books()
    if not pool:
        raise SystemExit("no books in the gold table")
    pool = [pool[i % len(pool)] for i in range(works)]
    cited: set[int] = set()
    previous = -1
    notes: list[str] = []
    for _ in range(count):
        work = previous if previous >= 0 and rng.random() < 0.25 else rng.randrange(works)
        book = pool[work]
        page = rng.randrange(1, 400)
        if work not in cited:
            text = book["text"]
            cited.add(work)
        elif work == previous:
            text = f"Ibid., {page}."
        else:
            form = rng.random()
            if form < 0.6:
                text = f"{book['family']}, {_short_title(book['title'])}, {page}."
            elif form < 0.8:
                text = f"{book['family']}, op. cit., p. {page}."
            else:
                text = book["text"]
        notes.append(text)
        previous = work
    return notes


def manuscript(count: int, kind: str = "distinct") -> str:
    """A plain-text manuscript of ``count`` notes of the given kind (``distinct``/``repeating``)."""
    if kind == "distinct":
        return layout(notes_for(count))
    if kind == "repeating":
        return layout(repeating_notes(count))
    raise ValueError(kind)


def _bibtex_escape(value: str) -> str:
    return value.replace("{", "").replace("}", "").replace("\\", "")


def library_items(entries: int, seed: int = 7) -> list[dict]:
    """``entries`` books: the gold books first, then invented neighbours (same authors, title
    words from the same vocabulary). Item ``i`` is the same whatever ``entries`` is, so a
    manuscript citing the first items finds them in a small and in a large library."""
    rng = random.Random(seed)
    pool = books()
    common = sorted({w for b in pool for w in b["title"].replace(":", " ").split() if w.isalpha()})
    # A real library's titles draw on a large vocabulary with a few frequent words: the gold
    # titles' words, then invented ones, chosen with Zipf-like weights (rank ** -1).
    syllables = ["ka", "lo", "mi", "ster", "vin", "dra", "po", "gel", "tur", "an", "es", "ri",
                 "bo", "nek", "sal", "ur", "tha", "ven", "cor", "lin", "mas", "ped", "quo", "zy"]
    invented = sorted({a + b + c for a in syllables for b in syllables for c in syllables[:12]})
    vocabulary = common + invented
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    stems = ["Bern", "Kov", "Hal", "Mor", "Stein", "Lind", "Petr", "Gran", "Wal", "Ros", "Fed",
             "Mart", "Sok", "Har", "Ber", "Ivan", "Dun", "Kell", "Vas", "Orl", "Tam", "Zel",
             "Brad", "Lew", "Nov", "Card", "Holm", "Fisch", "Mull", "Schr", "Kuz", "Dan",
             "Riv", "Gor", "Pav", "Sand", "Luk", "Wein", "Bau", "Ells", "Frei", "Jak"]
    endings = ["enko", "er", "mann", "ov", "ova", "ski", "son", "ley", "ini", "berg", "ard",
               "ich", "ez", "ing", "ton", "ow", "el", "stadt", "ick", "sen", "ay", "in",
               "ford", "hoff", "ett", "ero", "ak", "ius", "ke", "ner", "ing", "oux", "wood",
               "baum", "etti", "yev", "aux", "ens", "ich", "orf", "ham", "ola", "ida", "ul"]
    invented = sorted({stem + ending for stem in stems for ending in endings})
    families = sorted({b["family"] for b in pool}) + invented
    items = []
    for i in range(entries):
        if i < len(pool):
            b = pool[i]
            item = {k: b[k] for k in ("family", "given", "title", "year", "publisher", "place")}
        else:
            item = {
                "family": rng.choice(families),
                "given": rng.choice(["Anna", "Boris", "Carl", "Dora", "E. P.", "Felix"]),
                "title": " ".join(rng.choices(vocabulary, weights, k=rng.randrange(3, 9))).capitalize(),
                "year": str(rng.randrange(1900, 2024)),
                "publisher": rng.choice(["Verso", "Macmillan", "Penguin", "Nauka"]),
                "place": rng.choice(["London", "New York", "Moscow", "Berlin"]),
            }
        items.append(item)
    return items


def library(entries: int, seed: int = 7) -> str:
    """A BibTeX library of ``entries`` books (see :func:`library_items`)."""
    out = []
    for i, item in enumerate(library_items(entries, seed)):
        e = {k: _bibtex_escape(v) for k, v in item.items()}
        out.append(
            f"@book{{key{i},\n  author = {{{e['family']}, {e['given']}}},\n"
            f"  title = {{{e['title']}}},\n  year = {{{e['year']}}},\n"
            f"  publisher = {{{e['publisher']}}},\n  address = {{{e['place']}}}\n}}\n"
        )
    return "\n".join(out)


def citing_manuscript(works: int, spread: int = 5000, seed: int = 3) -> str:
    """A manuscript of ``works`` notes, each a full reference to a different library item.

    The items cited are spread over the first ``spread`` items of :func:`library_items` (so the
    manuscript is the same for a 5,000- and a 50,000-entry library); every tenth cites a work the
    library does not hold (same author, another title), which must come out unmatched.
    """
    rng = random.Random(seed)
    items = library_items(spread)
    step = max(1, spread // max(works, 1))
    notes = []
    for i in range(works):
        item = items[(i * step) % spread]
        title = item["title"] if i % 10 else f"Collected Letters of the Year {1800 + i}"
        notes.append(
            f"{item['given']} {item['family']}, {title} ({item['place']}: {item['publisher']}, "
            f"{item['year']}), {rng.randrange(1, 300)}."
        )
    return layout(notes)


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "distinct"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    if kind == "library":
        sys.stdout.write(library(count))
    elif kind == "citing":
        sys.stdout.write(citing_manuscript(count))
    else:
        sys.stdout.write(manuscript(count, kind))
