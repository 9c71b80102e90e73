"""Field-level evaluation of the note parser against hand-labelled data.

Shared by ``tests/test_parse_gold.py`` and ``benchmarks/parse_accuracy.py`` so both report the
same figures. Two labelled sets live in ``tests/data/`` (their conventions are in
``tests/data/README.md``):

- ``references_gold.jsonl`` — real references in many styles, one per line, each with the
  citations a correct :func:`citations.parse_reference` must return;
- ``sample_key.json`` — every citation of the sample manuscript
  ``shared/manuscripts/comintern-terror-lecture.txt``, including Ibid./short-form targets.

How a reference is scored:

1. Predicted and expected citations are aligned in order (a dynamic-programming alignment that
   maximises the number of agreeing fields, so a missed or an extra citation shifts nothing
   else).
2. Each citation becomes *field units*: one per scalar field (``title``, ``publisher``,
   ``issued`` year, ``locator`` label+value, ``archival.fond``…) and one per person in each name
   list (``author``, ``editor``… compared as family + given).
3. A unit is *correct* when the normalised values agree (case, whitespace, quotes, dashes and
   trailing punctuation do not matter; particles such as "von" belong to the family name;
   given names compare without dots and spaces, so "H." equals "H").
   A unit present on both sides with different values is *wrong*; only on the expected side,
   *missing*; only on the predicted side, *spurious*. For Ibid. and short forms only the fields
   the label gives are scored, since their CSL item is the antecedent's.
4. Micro precision = correct / (correct + wrong + spurious), recall = correct / (correct + wrong
   + missing), F1 their harmonic mean; *field accuracy* = correct / all units (every unit on
   either side counted once).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

DATA = Path(__file__).resolve().parent / "data"
GOLD_PATH = DATA / "references_gold.jsonl"
SAMPLE_KEY_PATH = DATA / "sample_key.json"
SAMPLE_MANUSCRIPT = (
    Path(__file__).resolve().parents[1].parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt"
)

#: Scalar CSL fields that are scored.
CSL_FIELDS = (
    "type",
    "title",
    "container-title",
    "publisher",
    "publisher-place",
    "issued",
    "volume",
    "issue",
    "page",
    "URL",
    "accessed",
    "archive",
    "archive_location",
)
#: Name fields, scored one person at a time.
NAME_FIELDS = ("author", "editor", "translator", "container-author")
#: Fields of the citation itself (outside the CSL item).
CITATION_FIELDS = ("kind", "locator", "prefix", "suffix", "relation", "resolves_to")
ARCHIVAL_FIELDS = ("repository", "fond", "opis", "delo", "folios")

#: Every scalar field name a labelled citation may carry (names and archival are separate).
SCALAR_FIELDS = CITATION_FIELDS + CSL_FIELDS + tuple(f"archival.{k}" for k in ARCHIVAL_FIELDS)

PARTICLES = {
    "von", "van", "der", "den", "de", "di", "da", "del", "della", "des", "du", "la", "le",
    "zu", "vom", "zur", "dos", "das", "ten", "ter", "d'", "l'", "y",
}

_QUOTES = dict.fromkeys(map(ord, "\"'`´‘’‚‛“”„‟«»‹›「」『』"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−-"), "–")
_EDGE = " \t.,;:()[]"


def norm_text(value: Any) -> str:
    """Case/whitespace/quote/dash-insensitive form of a field value."""
    text = unicodedata.normalize("NFC", str(value)).translate(_QUOTES).translate(_DASHES)
    text = re.sub(r"\s*–\s*", "–", text)
    text = " ".join(text.split()).casefold()
    return text.strip(_EDGE)


def norm_given(value: str | None) -> str:
    """Given names without dots and spaces: ``"H. G."`` and ``"H.G"`` agree."""
    return re.sub(r"[\s.]+", "", norm_text(value or ""))


def person_key(person: dict[str, Any]) -> tuple[str, str]:
    """A person as ``(family with particles, given)``, or ``("literal", name)`` for institutions."""
    if not isinstance(person, dict):
        return ("literal", norm_text(person))
    if person.get("literal") and not person.get("family"):
        return ("literal", norm_text(person["literal"]))
    family = " ".join(
        str(person.get(k) or "") for k in ("dropping-particle", "non-dropping-particle", "family")
    )
    given = str(person.get("given") or "")
    # "Ranke, Leopold von": a particle written after the given name belongs to the family name.
    words = given.split()
    moved = []
    while words and words[-1].casefold() in PARTICLES:
        moved.insert(0, words.pop())
    if moved:
        family = " ".join(moved) + " " + family
        given = " ".join(words)
    return (norm_text(family), norm_given(given))


def year_of(value: Any) -> str | None:
    """The year of a CSL date (``date-parts``, ``raw``, ``literal``) or a bare year."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if parts and parts[0] and parts[0][0] not in (None, ""):
            return str(parts[0][0]).strip()
        value = value.get("raw") or value.get("literal") or ""
    m = re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", str(value))
    return m.group(1) if m else norm_text(value) or None


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan", "januar", "janvier", "gennaio"),
            ("february", "feb", "februar", "février", "fevrier", "febbraio"),
            ("march", "mar", "märz", "maerz", "mars", "marzo"),
            ("april", "apr", "avril", "aprile"),
            ("may", "mai", "maggio"),
            ("june", "jun", "juni", "juin", "giugno"),
            ("july", "jul", "juli", "juillet", "luglio"),
            ("august", "aug", "août", "aout", "agosto"),
            ("september", "sep", "sept", "septembre", "settembre"),
            ("october", "oct", "oktober", "okt", "octobre", "ottobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "dezember", "dez", "décembre", "decembre", "dicembre"),
        ]
    )
    for m in names
}


def date_of(value: Any) -> str | None:
    """A full date as ISO ``YYYY-MM-DD`` (or shorter) from CSL or common written forms."""
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if parts and parts[0] and parts[0][0] not in (None, ""):
            return "-".join(f"{int(p):02d}" if i else str(int(p)) for i, p in enumerate(parts[0]))
        value = value.get("raw") or value.get("literal") or ""
    text = str(value).strip().casefold()
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text):
        return "-".join(f"{int(p):02d}" if i else p for i, p in enumerate(m.groups()) if p)
    if m := re.search(r"\b(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})\b", text):
        d, mo, y = m.groups()
        return f"{y}-{int(mo):02d}-{int(d):02d}"
    words = re.findall(r"[^\W\d_]+|\d+", text)
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    year = next((w for w in words if len(w) == 4 and w.isdigit()), None)
    day = next((w for w in words if w.isdigit() and len(w) <= 2), None)
    if year and month:
        return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return norm_text(value)


def flatten_prediction(citation: Any) -> dict[str, Any]:
    """A predicted :class:`citations.Citation` as the flat labelled shape of the gold files."""
    data = citation.to_dict() if hasattr(citation, "to_dict") else dict(citation)
    flat: dict[str, Any] = {}
    csl = data.get("csl") or {}
    for key in CSL_FIELDS + NAME_FIELDS:
        if csl.get(key) not in (None, "", [], {}):
            flat[key] = csl[key]
    for key in ("kind", "prefix", "suffix", "relation", "locator", "resolves_to"):
        if data.get(key) not in (None, "", {}):
            flat[key] = data[key]
    archival = data.get("archival") or {}
    for key in ARCHIVAL_FIELDS:
        if archival.get(key) not in (None, ""):
            flat[f"archival.{key}"] = archival[key]
    return flat


def flatten_expected(expected: dict[str, Any]) -> dict[str, Any]:
    """A labelled citation with its nested ``archival`` object spread into ``archival.*`` keys."""
    flat = {k: v for k, v in expected.items() if k != "archival" and v not in (None, "", [], {})}
    for key, value in (expected.get("archival") or {}).items():
        if value not in (None, ""):
            flat[f"archival.{key}"] = value
    return flat


def norm_scalar(name: str, value: Any) -> str | None:
    """The comparable form of one scalar field."""
    if value is None:
        return None
    if name == "issued":
        return year_of(value)
    if name == "accessed":
        return date_of(value)
    if name == "locator":
        if isinstance(value, dict):
            return f"{norm_text(value.get('label') or 'page')}:{norm_text(value.get('value') or '')}"
        return f"page:{norm_text(value)}"
    if name == "resolves_to":
        if isinstance(value, dict):
            return f"{value.get('note')}.{value.get('citation')}"
        if isinstance(value, (list, tuple)) and len(value) == 2:
            return f"{value[0]}.{value[1]}"
        return str(value)
    if name == "URL":
        return str(value).strip().rstrip("/.").casefold()
    return norm_text(value)


@dataclass
class FieldError:
    """One disagreement: the field, what was expected and what the parser gave."""

    field: str
    expected: Any
    predicted: Any

    def __str__(self) -> str:
        return f"{self.field}: expected {self.expected!r}, got {self.predicted!r}"


@dataclass
class Counts:
    """Unit tallies for a field, a style or a whole set."""

    correct: int = 0
    wrong: int = 0
    missing: int = 0
    spurious: int = 0

    def add(self, other: "Counts") -> None:
        self.correct += other.correct
        self.wrong += other.wrong
        self.missing += other.missing
        self.spurious += other.spurious

    @property
    def precision(self) -> float:
        denominator = self.correct + self.wrong + self.spurious
        return self.correct / denominator if denominator else 1.0

    @property
    def recall(self) -> float:
        denominator = self.correct + self.wrong + self.missing
        return self.correct / denominator if denominator else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.correct + self.wrong + self.missing + self.spurious
        return self.correct / total if total else 1.0

    @property
    def errors(self) -> int:
        return self.wrong + self.missing + self.spurious


@dataclass
class CaseResult:
    """The score of one labelled reference (or one manuscript note)."""

    id: str
    style: str
    text: str
    by_field: dict[str, Counts] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)
    predicted_count: int = 0
    expected_count: int = 0

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.by_field.values():
            total.add(counts)
        return total


def _scored_fields(expected: dict[str, Any], predicted: dict[str, Any]) -> list[str]:
    """The fields to score for one aligned pair.

    Ibid. and short forms carry their antecedent's CSL item, so for them only the labelled
    fields (and the kind) are scored.
    """
    if expected.get("kind", "full") in ("ibid", "short"):
        names = set(expected) | {"kind"}
    else:
        names = set(expected) | set(predicted)
    order = SCALAR_FIELDS + NAME_FIELDS
    return [n for n in order if n in names]


def compare_citation(
    expected: dict[str, Any] | None, predicted: dict[str, Any] | None
) -> tuple[dict[str, Counts], list[FieldError]]:
    """Score one aligned pair (either side may be ``None`` for an unmatched citation)."""
    exp = expected or {}
    pred = predicted or {}
    if expected is None:
        fields = [n for n in SCALAR_FIELDS + NAME_FIELDS if n in pred]
    elif predicted is None:
        fields = [n for n in SCALAR_FIELDS + NAME_FIELDS if n in exp]
    else:
        fields = _scored_fields(exp, pred)
    by_field: dict[str, Counts] = {}
    errors: list[FieldError] = []
    for name in fields:
        counts = Counts()
        e, p = exp.get(name), pred.get(name)
        if name in NAME_FIELDS:
            e_people = Counter(person_key(x) for x in (e or []))
            p_people = Counter(person_key(x) for x in (p or []))
            both = e_people & p_people
            counts.correct = sum(both.values())
            left_e = sum((e_people - both).values())
            left_p = sum((p_people - both).values())
            counts.wrong = min(left_e, left_p)
            counts.missing = left_e - counts.wrong
            counts.spurious = left_p - counts.wrong
        else:
            ne, np_ = norm_scalar(name, e), norm_scalar(name, p)
            if ne is not None and np_ is not None:
                if ne == np_:
                    counts.correct = 1
                else:
                    counts.wrong = 1
            elif ne is not None:
                counts.missing = 1
            elif np_ is not None:
                counts.spurious = 1
        if counts.errors:
            errors.append(FieldError(name, e, p))
        by_field[name] = counts
    return by_field, errors


def _agreement(expected: dict[str, Any], predicted: dict[str, Any]) -> int:
    by_field, _ = compare_citation(expected, predicted)
    return sum(c.correct for c in by_field.values())


def align(
    expected: list[dict[str, Any]], predicted: list[dict[str, Any]]
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Order-preserving alignment maximising agreeing field units (unmatched sides are ``None``)."""
    n, m = len(expected), len(predicted)
    score = [[0] * (m + 1) for _ in range(n + 1)]
    # Pairing always earns 1, each agreeing unit 2 more: equal-length lists pair up in order
    # unless the agreement says a citation was missed or split.
    agree = [[1 + 2 * _agreement(expected[i], predicted[j]) for j in range(m)] for i in range(n)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score[i][j] = max(score[i + 1][j], score[i][j + 1], score[i + 1][j + 1] + agree[i][j])
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
    i = j = 0
    while i < n and j < m:
        if score[i][j] == score[i + 1][j + 1] + agree[i][j]:
            pairs.append((expected[i], predicted[j]))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append((expected[i], None))
            i += 1
        else:
            pairs.append((None, predicted[j]))
            j += 1
    pairs.extend((expected[k], None) for k in range(i, n))
    pairs.extend((None, predicted[k]) for k in range(j, m))
    return pairs


def score_case(
    id: str, style: str, text: str, expected: list[dict[str, Any]], predicted: list[Any]
) -> CaseResult:
    """Align and score the citations of one reference or note."""
    exp = [flatten_expected(e) for e in expected]
    pred = [flatten_prediction(p) for p in predicted]
    result = CaseResult(id, style, text, predicted_count=len(pred), expected_count=len(exp))
    for k, (e, p) in enumerate(align(exp, pred)):
        by_field, errors = compare_citation(e, p)
        for name, counts in by_field.items():
            result.by_field.setdefault(name, Counts()).add(counts)
        prefix = f"[{k}] " if max(len(exp), len(pred)) > 1 else ""
        for error in errors:
            error.field = prefix + error.field
        result.errors.extend(errors)
    return result


@dataclass
class Report:
    """The scores of a labelled set: overall, per field, per style, and every case."""

    cases: list[CaseResult]

    @property
    def total(self) -> Counts:
        total = Counts()
        for case in self.cases:
            total.add(case.total)
        return total

    def by_field(self) -> dict[str, Counts]:
        out: dict[str, Counts] = defaultdict(Counts)
        for case in self.cases:
            for name, counts in case.by_field.items():
                out[name].add(counts)
        return dict(out)

    def by_style(self) -> dict[str, Counts]:
        out: dict[str, Counts] = defaultdict(Counts)
        for case in self.cases:
            out[case.style].add(case.total)
        return dict(sorted(out.items()))

    def worst(self, n: int = 30) -> list[CaseResult]:
        """The ``n`` cases with the most field errors (ties: lowest accuracy first)."""
        bad = [c for c in self.cases if c.total.errors]
        bad.sort(key=lambda c: (-c.total.errors, c.total.accuracy, c.id))
        return bad[:n]


def load_gold(path: Path = GOLD_PATH) -> list[dict[str, Any]]:
    """The labelled references, one dict per non-blank line (``//`` lines are comments)."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.lstrip().startswith("//"):
                rows.append(json.loads(line))
    return rows


def load_sample_key(path: Path = SAMPLE_KEY_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def evaluate_gold(
    rows: Iterable[dict[str, Any]] | None = None,
    parse: Callable[[str], list[Any]] | None = None,
) -> Report:
    """Run ``parse`` (default: :func:`citations.parse_reference`) on every gold text and score it."""
    if parse is None:
        from citations import parse_reference as parse
    rows = load_gold() if rows is None else rows
    return Report(
        [score_case(r["id"], r["style"], r["text"], r["expected"], parse(r["text"])) for r in rows]
    )


def evaluate_manuscript(manuscript: Any, key: dict[str, Any] | None = None) -> Report:
    """Score a parsed manuscript note by note against a key shaped like ``sample_key.json``."""
    key = load_sample_key() if key is None else key
    notes = {n.number: n for n in manuscript.notes}
    cases = []
    for labelled in key["notes"]:
        note = notes.get(labelled["number"])
        predicted = note.citations if note is not None else []
        text = note.text if note is not None else ""
        cases.append(
            score_case(str(labelled["number"]), "sample", text, labelled["citations"], predicted)
        )
    return Report(cases)


def format_counts(counts: Counts) -> str:
    return (
        f"P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}  "
        f"acc {counts.accuracy:.3f}  (correct {counts.correct}, wrong {counts.wrong}, "
        f"missing {counts.missing}, spurious {counts.spurious})"
    )


def format_report(report: Report, title: str, worst: int = 30) -> str:
    """A plain-text summary: overall, per field, per style, then the worst cases with errors."""
    lines = [f"{title}: {len(report.cases)} references", "  overall  " + format_counts(report.total), ""]
    lines.append("  per field:")
    for name, counts in sorted(report.by_field().items(), key=lambda kv: (kv[1].f1, kv[0])):
        lines.append(f"    {name:<20} {format_counts(counts)}")
    styles = report.by_style()
    if len(styles) > 1:
        lines.append("")
        lines.append("  per style:")
        for style, counts in sorted(styles.items(), key=lambda kv: (kv[1].f1, kv[0])):
            n = sum(1 for c in report.cases if c.style == style)
            lines.append(f"    {style:<18} n={n:<4} {format_counts(counts)}")
    cases = report.worst(worst)
    if cases:
        lines.append("")
        lines.append(f"  {len(cases)} worst:")
        for case in cases:
            lines.append(
                f"  - {case.id} [{case.style}] {case.total.errors} errors "
                f"({case.expected_count} expected, {case.predicted_count} predicted citations)"
            )
            lines.append(f"      {case.text}")
            for error in case.errors:
                lines.append(f"      {error}")
    return "\n".join(lines)
