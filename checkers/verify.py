"""Verify every cited work against the catalogues: one honest ``Verification`` per citation.

The steps:

1. :func:`plan` turns each distinct work (``citations.works.distinct_works``: a book cited in
   twelve notes is one work) into look-ups (:class:`checkers.providers.Query`): identifiers
   first (ISBN, DOI — an invalid one is a verdict of its own, never a request), then a
   bibliographic search (title + author + year); chapters are searched as themselves
   (Crossref) and through the volume that contains them; web sources through the Wayback
   Machine near their access date. Kinds with no catalogue (archival files, reports,
   newspaper articles) are ``unverifiable`` with the reason.
2. :func:`run_lookups` asks every enabled provider about every distinct look-up once,
   concurrently (a ``ThreadPoolExecutor``; politeness per host is the HTTP client's job).
3. :func:`judge` compares the candidates with the citation (:mod:`checkers.match`) and gives
   the verdict: ``verified`` only when a record of the same work agrees in every compared
   field; ``partial`` with the differences field by field; ``not-found`` only when every
   service asked has answered; ``unverifiable`` when offline, not cached, unreachable, or
   when two different works match about equally well (it says so rather than pick one).

Ibid. and short forms get the verdict of the work they repeat. :func:`lookup_step` is the
``run_checks`` step, which also emits the ``LK`` findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from checkers.config import Settings
from checkers.findings import ERROR, INFO, WARNING, Finding, rule
from checkers.http import NO_USABLE_CACHE, HttpClient, LookupFailed, NotCached
from checkers.isbn import find_dois, isbns_of, normalize_doi
from checkers.match import compare, distinct_records, names_of, year_from_csl
from checkers.providers import (
    ARTICLE,
    BOOK,
    DOI,
    ISBN,
    PROVIDER_MODULES,
    SERVICE_NAMES,
    WEB,
    Candidate,
    Query,
    provider,
)
from checkers.result import (
    INVALID,
    NOT_FOUND,
    PARTIAL,
    UNVERIFIABLE,
    VERIFIED,
    CheckResult,
    Difference,
    Evidence,
    Verification,
)
from citations.data import entries
from citations.errors import InternalError
from citations.model import FULL, Citation, Manuscript
from citations.works import Work, distinct_works, fold

Progress = Callable[[int, int], None]

LK101 = rule("LK101", ERROR, "invalid-isbn", "An ISBN in the note fails its check digit or length.",
             "Copy the ISBN again from the book's imprint page or the catalogue record.")
LK102 = rule("LK102", ERROR, "invalid-doi", "A DOI in the note is malformed.",
             "A DOI starts with 10. and a registrant code: 10.1234/…")
LK110 = rule("LK110", WARNING, "not-found", "No catalogue asked knows the cited work.",
             "Check title, author and year against the book itself or a library catalogue.")
LK120 = rule("LK120", WARNING, "details-differ",
             "The work was found, but details of the note differ from the catalogue record.",
             "Correct the note, or confirm that you cite a different edition or printing.")
LK121 = rule("LK121", WARNING, "other-edition",
             "The work was found, but not in the year cited (a reprint, a new edition, or a wrong year).",
             "Give the year of the edition you used; cite reprints as 'reprint, YEAR'.")
LK125 = rule("LK125", INFO, "volume-only",
             "The volume containing the chapter or article was found; the part itself is not catalogued.")
LK126 = rule("LK126", INFO, "too-little-to-compare",
             "The work was found, but the note or the record gives too little to confirm the details.",
             "Give author, year and publisher in the note's first full citation.")
LK130 = rule("LK130", INFO, "ambiguous",
             "Several different works match the note about equally well; none was picked.",
             "Add the author's first name, the subtitle or an ISBN to the note.")

#: How close (score points) two different works must be to count as ambiguous.
AMBIGUITY_MARGIN = 5.0

_NO_CATALOGUE = {
    "report": "no catalogue for reports and official documents",
    "legal_case": "no catalogue for legal documents",
    "legislation": "no catalogue for legal documents",
    "personal_communication": "no catalogue for letters and personal communications",
    "interview": "no catalogue for interviews",
    "article-newspaper": "no catalogue for newspaper articles",
    "manuscript": "no catalogue for archival files",
}


# -- plan -----------------------------------------------------------------------------------

@dataclass
class Target:
    """What is being verified for one work: a CSL item and the look-ups that may find it."""

    csl: dict[str, Any]
    queries: list[Query] = field(default_factory=list)
    #: True when this target is the volume containing the cited chapter or article.
    container: bool = False


@dataclass
class Plan:
    """How one work is verified: its targets, or a verdict reached without any look-up."""

    work: Work
    targets: list[Target] = field(default_factory=list)
    verdict: Verification | None = None
    #: ISBNs in the note (compact ISBN-13), to report a record with another ISBN.
    isbns: list[str] = field(default_factory=list)


@cache
def _german(name: str) -> frozenset[str]:
    """A list of German cues (``citations/data/german_{name}.txt``: places, publishers, words)."""
    return frozenset(entries(f"german_{name}.txt"))


def looks_german(csl: dict[str, Any], isbns: list[str] | None = None) -> bool:
    """German-language publication (the DNB is asked): language, ISBN group, place, publisher, title."""
    language = str(csl.get("language") or "").lower()
    if language:
        return language.startswith(("de", "ger", "deu"))
    if any(i.startswith("9783") for i in isbns or []):
        return True
    places = {fold(p) for p in re.split(r"[/,;]|\s[-–&]\s", str(csl.get("publisher-place") or ""))}
    if places & _german("places"):
        return True
    publisher = fold_or_empty(csl.get("publisher"))
    if any(p == publisher or publisher.startswith(p + " ") or publisher.endswith(" " + p) for p in _german("publishers")):
        return True
    title = f"{csl.get('title') or ''} {csl.get('container-title') or ''}"
    words = set(fold(title).split())
    return len(words & _german("words")) >= 1 or any(ch in title for ch in "äöüßÄÖÜ")


def fold_or_empty(value: Any) -> str:
    return fold(str(value)) if value else ""


def _search_title(title: str) -> str:
    """The main title for a search (subtitles are spelled too differently to help)."""
    main = re.split(r"\s*(?:[:?!]\s+|\.\s+(?=[A-ZÄÖÜ])|\s[–—]\s)", title, maxsplit=1)[0].strip()
    return main if len(main) >= 3 else title


def book_query(csl: dict[str, Any], german: bool) -> Query:
    return Query(
        BOOK,
        title=_search_title(csl.get("title") or ""),
        authors=tuple(names_of(csl, "author") or names_of(csl, "editor")),
        year=year_from_csl(csl),
        publisher=csl.get("publisher"),
        german=german,
    )


def plan(work: Work) -> Plan:
    """The look-ups (or the verdict without one) for a work."""
    citation = work.citation
    csl = citation.resolved_csl
    result = Plan(work)
    kind = citation.type
    if citation.archival is not None or kind == "manuscript":
        result.verdict = Verification(UNVERIFIABLE, reason=_NO_CATALOGUE["manuscript"])
        return result

    found_isbns = isbns_of(csl, citation.text)
    bad = [i for i in found_isbns if not i.valid]
    if bad:
        result.verdict = Verification(
            INVALID, reason=f"ISBN {bad[0].written}: {bad[0].error}",
            differences=[Difference("ISBN", bad[0].written, None)],
        )
        return result
    result.isbns = [i.isbn13 for i in found_isbns if i.isbn13]

    doi_field = csl.get("DOI")
    doi = normalize_doi(doi_field) if doi_field else None
    if doi_field and not doi:
        result.verdict = Verification(INVALID, reason=f"DOI {doi_field!r} is malformed",
                                      differences=[Difference("DOI", doi_field, None)])
        return result
    if not doi:
        dois = find_dois(citation.text)
        doi = dois[0] if dois else None

    if kind in _NO_CATALOGUE and not (doi or result.isbns):
        result.verdict = Verification(UNVERIFIABLE, reason=_NO_CATALOGUE[kind])
        return result
    if kind in ("webpage", "post-weblog", "post") or (kind is None and csl.get("URL") and not csl.get("title")):
        url = csl.get("URL")
        if not url:
            result.verdict = Verification(UNVERIFIABLE, reason="web source without a URL")
            return result
        result.targets.append(Target(csl, [Query(WEB, url=url, accessed=_accessed(csl))]))
        return result
    if not csl.get("title") and not (doi or result.isbns):
        result.verdict = Verification(UNVERIFIABLE, reason="no title to look up")
        return result

    german = looks_german(csl, result.isbns)
    isbn_queries = [Query(ISBN, isbn=i) for i in result.isbns]
    doi_queries = [Query(DOI, doi=doi)] if doi else []
    if kind in ("chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary") or (
        kind and kind.startswith("article")
    ):
        # a DOI names the part itself; an ISBN names the volume that contains it
        in_volume = kind == "chapter" and bool(csl.get("container-title"))
        part = Target(csl, doi_queries + ([] if in_volume else isbn_queries) + ([Query(
            ARTICLE, title=csl.get("title"), authors=tuple(names_of(csl, "author")),
            year=year_from_csl(csl), container=csl.get("container-title"),
        )] if csl.get("title") else []))
        result.targets.append(part)
        if in_volume:
            volume = {
                "type": "book",
                "title": csl["container-title"],
                "editor": csl.get("editor") or [],
                "author": csl.get("container-author") or [],
                "publisher": csl.get("publisher"),
                "publisher-place": csl.get("publisher-place"),
                "issued": csl.get("issued"),
            }
            volume = {k: v for k, v in volume.items() if v}
            result.targets.append(Target(volume, isbn_queries + [book_query(volume, german)], container=True))
        return result
    identifiers = isbn_queries + doi_queries
    result.targets.append(Target(csl, identifiers + ([book_query(csl, german)] if csl.get("title") else [])))
    return result


def _accessed(csl: dict[str, Any]) -> str | None:
    parts = ((csl.get("accessed") or {}).get("date-parts") or [[]])[0]
    parts = [p for p in parts if p]
    if not parts:
        return None
    return "".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(parts[:3]))


# -- look-ups -------------------------------------------------------------------------------

@dataclass
class Answer:
    """What one service said about one look-up: candidates, or why it could not say."""

    service: str
    query: Query
    candidates: list[Candidate] = field(default_factory=list)
    error: LookupFailed | None = None


def services_for(query: Query, settings: Settings) -> list[str]:
    """The enabled services that can answer ``query``."""
    return [name for name in PROVIDER_MODULES if settings.enabled(name) and provider(name).supports(query)]


def run_lookups(
    queries: list[Query], client: HttpClient, settings: Settings, progress: Progress | None = None
) -> dict[Query, list[Answer]]:
    """Ask every enabled service about every distinct query once, concurrently."""
    tasks: list[tuple[str, Query]] = []
    seen: set[tuple[str, Query]] = set()
    for q in queries:
        for name in services_for(q, settings):
            if (name, q) not in seen:
                seen.add((name, q))
                tasks.append((name, q))
    answers: dict[Query, list[Answer]] = {q: [] for q in queries}
    if not tasks:
        return answers

    def ask(name: str, q: Query) -> Answer:
        # An answer of an odd shape is the provider's own BadResponse ("unexpected answer
        # from …", a LookupFailed); anything else raised here is a bug in sourcecheck.
        try:
            return Answer(name, q, provider(name).lookup(client, settings, q))
        except LookupFailed as exc:
            # An expected outcome, kept without the stack it was raised through: its frames
            # and the error would hold each other (thousands of cycles in a large offline
            # run, left to the garbage collector).
            return Answer(name, q, error=exc.with_traceback(None))
        except Exception as exc:
            raise LookupBug(name, q) from exc

    done = 0
    if progress:
        progress(0, len(tasks))
    if getattr(client, "offline", False):
        # Offline no socket is opened: every answer is the cache's (or none), work for the CPU
        # alone, which a thread pool would only add its overhead to (a tenth of a
        # 10,000-note check's look-up step, threads handing the GIL back and forth).
        for name, q in tasks:
            answer = ask(name, q)
            answers[answer.query].append(answer)
            done += 1
            if progress:
                progress(done, len(tasks))
        return _in_service_order(answers)
    pool = ThreadPoolExecutor(max_workers=max(settings.concurrency, 1), thread_name_prefix="lookup")
    try:
        futures = [pool.submit(ask, name, q) for name, q in tasks]
        for future in as_completed(futures):
            answer = future.result()
            answers[answer.query].append(answer)
            done += 1
            if progress:
                progress(done, len(tasks))
    except BaseException:
        # Ctrl-C (or any failure): drop the look-ups not yet started, do not wait for the rest
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return _in_service_order(answers)


def _in_service_order(answers: dict[Query, list[Answer]]) -> dict[Query, list[Answer]]:
    """Each query's answers in the order of ``PROVIDER_MODULES``, however they arrived."""
    order = list(PROVIDER_MODULES)
    for listed in answers.values():
        listed.sort(key=lambda a: order.index(a.service))
    return answers


class LookupBug(InternalError):
    """A bug met while asking ``service`` about ``query``; :func:`verify_manuscript` names the
    first note that cites the work asked about."""

    def __init__(self, service: str, query: Query) -> None:
        super().__init__(f"looking up {query.describe()} in {SERVICE_NAMES.get(service, service)}")
        self.service = service
        self.query = query


def lookup_targets(
    targets: list[Target], client: HttpClient, settings: Settings, progress: Progress | None = None
) -> dict[Query, list[Answer]]:
    """Identifiers first, then searches: a target whose ISBN or DOI found a record of the
    cited work is not searched for by title (one request instead of several)."""
    ids = _unique(q for t in targets for q in t.queries if q.kind in (ISBN, DOI))
    searches = _unique(q for t in targets for q in t.queries if q.kind not in (ISBN, DOI))
    id_tasks, most = _tasks(ids, settings), _tasks(searches, settings)

    def first(done: int, _total: int) -> None:
        if progress:
            progress(done, id_tasks + most)

    answers = run_lookups(ids, client, settings, first)
    needed: list[Query] = []
    for t in targets:
        found = [c for q in t.queries if q.kind in (ISBN, DOI) for a in answers.get(q, []) for c in a.candidates]
        if not any(compare(t.csl, c).same_work for c in found):
            needed.extend(q for q in t.queries if q.kind not in (ISBN, DOI))
    needed = _unique(needed)
    search_tasks = _tasks(needed, settings)

    def second(done: int, _total: int) -> None:
        if progress:
            progress(id_tasks + done, id_tasks + search_tasks)

    answers.update(run_lookups(needed, client, settings, second))
    if progress and not search_tasks:
        progress(id_tasks, id_tasks)
    return answers


def _unique(queries: Iterable[Query]) -> list[Query]:
    return list(dict.fromkeys(queries))


def _tasks(queries: list[Query], settings: Settings) -> int:
    """How many requests-to-be (service × query) a list of look-ups makes at most."""
    return sum(len(services_for(q, settings)) for q in queries)


# -- verdicts -------------------------------------------------------------------------------

def evidence_of(candidate: Candidate) -> Evidence:
    return Evidence(candidate.service, candidate.id, candidate.url)


def describe_record(candidate: Candidate) -> str:
    csl = candidate.csl
    who = ", ".join(names_of(csl, "author") or names_of(csl, "editor"))
    year = year_from_csl(csl)
    bits = [who, f"“{csl.get('title')}”", str(year) if year else ""]
    return " ".join(b for b in bits if b) + f" ({SERVICE_NAMES.get(candidate.service, candidate.service)} {candidate.id or ''})".rstrip()


def _failure_reason(errors: list[LookupFailed]) -> str:
    """Why the services could not say: each reason names its service ("Crossref did not
    answer within 10 s", "cannot reach Open Library (openlibrary.org)", "unexpected answer
    from Google Books (…)"); offline, "offline and not in the cache" or "no usable cache"."""
    if all(isinstance(e, NotCached) for e in errors):
        if any(isinstance(e, NotCached) and e.no_usable_cache for e in errors):
            return NO_USABLE_CACHE
        return "offline and not in the cache"
    reasons = sorted({e.reason for e in errors})
    return "; ".join(reasons[:3]) + (" …" if len(reasons) > 3 else "")


def judge_target(target: Target, answers: dict[Query, list[Answer]], isbns: list[str]) -> Verification:
    """The verdict for one target from the answers to its queries."""
    asked = [a for q in target.queries for a in answers.get(q, [])]
    if not asked:
        what = "this kind of source" if not target.queries else target.queries[-1].kind
        return Verification(UNVERIFIABLE, reason=f"no catalogue enabled for {what} look-ups")
    errors = [a.error for a in asked if a.error is not None]
    if all(q.kind == WEB for q in target.queries):
        return judge_web(target, asked, errors)
    by_isbn = [c for a in asked if a.query.kind == ISBN for c in a.candidates]
    candidates = _dedupe([c for a in asked for c in a.candidates])
    matches = sorted(
        (compare(target.csl, c) for c in candidates),
        key=lambda m: (m.exact, m.same_work, -len(m.differences), m.score),
        reverse=True,
    )
    same = [m for m in matches if m.same_work]
    if same:
        best = same[0]
        rivals = [m for m in same[1:] if distinct_records(best.candidate, m.candidate)
                  and best.score - m.score < AMBIGUITY_MARGIN and best.exact == m.exact]
        if rivals:
            listed = [best] + rivals[:2]
            return Verification(
                UNVERIFIABLE,
                evidence=[evidence_of(m.candidate) for m in listed],
                reason="ambiguous: different works match about equally well: "
                + "; ".join(describe_record(m.candidate) for m in listed),
                ambiguous=True,
            )
        corroborating = [m for m in same[1:] if m.exact == best.exact and not m.differences
                         and m.candidate.service != best.candidate.service][:2]
        evidence = [evidence_of(best.candidate)] + [evidence_of(m.candidate) for m in corroborating]
        if best.exact and not set(best.agreements) - {"title"}:
            # a title alone is too little to call a citation verified
            return Verification(PARTIAL, evidence=evidence,
                                reason="only the title could be compared (the note gives no author, year or publisher)")
        if best.exact:
            return Verification(VERIFIED, evidence=evidence)
        differences = list(best.differences)
        if isbns and best.candidate.isbns and not _shares_isbn(isbns, best.candidate.isbns) and best.candidate in by_isbn:
            differences.append(Difference("ISBN", isbns[0], best.candidate.isbns[0]))
        reason = None
        if not differences and best.unchecked:
            reason = "the record does not give " + ", ".join(best.unchecked) + " to compare"
        return Verification(PARTIAL, differences=differences, evidence=evidence, reason=reason)

    if by_isbn:
        # the ISBN leads to a record of another work: the ISBN or the rest of the note is wrong
        other = compare(target.csl, by_isbn[0])
        return Verification(
            PARTIAL,
            differences=other.differences or [Difference("title", target.csl.get("title"), by_isbn[0].csl.get("title"))],
            evidence=[evidence_of(by_isbn[0])],
            reason="the ISBN belongs to another record: " + describe_record(by_isbn[0]),
        )
    if errors:
        answered = sorted({SERVICE_NAMES[a.service] for a in asked if a.error is None})
        reason = _failure_reason(errors)
        if answered:
            reason = f"not found in {', '.join(answered)}; " + reason
        return Verification(UNVERIFIABLE, reason=reason)
    services = sorted({SERVICE_NAMES[a.service] for a in asked})
    reason = "not in " + ", ".join(services)
    near = [m for m in matches if m.title_score >= 75]
    if near:
        reason += "; closest: " + describe_record(near[0].candidate)
    return Verification(NOT_FOUND, evidence=[evidence_of(m.candidate) for m in near[:1]], reason=reason)


#: A snapshot further than this from the access date is reported as a difference.
SNAPSHOT_DAYS = 365


def judge_web(target: Target, asked: list[Answer], errors: list[LookupFailed]) -> Verification:
    """A web source: verified by an archived snapshot near its access date."""
    snapshots = [c for a in asked for c in a.candidates]
    if not snapshots:
        if errors:
            return Verification(UNVERIFIABLE, reason=_failure_reason(errors))
        return Verification(NOT_FOUND, reason="no archived snapshot of the URL in the Wayback Machine")
    snapshot = snapshots[0]
    evidence = [evidence_of(snapshot)]
    accessed = ((target.csl.get("accessed") or {}).get("date-parts") or [[]])[0]
    taken = (snapshot.csl.get("issued") or {}).get("date-parts", [[]])[0]
    accessed_day, taken_day = _day(accessed), _day(taken)
    if accessed_day is not None and taken_day is not None:
        gap = abs((accessed_day - taken_day).days)
        if gap > SNAPSHOT_DAYS:
            return Verification(
                PARTIAL, evidence=evidence,
                differences=[Difference("accessed", "-".join(f"{int(p):02d}" for p in accessed),
                                        "-".join(f"{int(p):02d}" for p in taken))],
                reason=f"the closest archived snapshot is {gap} days from the access date",
            )
    return Verification(VERIFIED, evidence=evidence, reason="archived snapshot near the access date")


def _day(parts: Any) -> date | None:
    """A CSL ``date-parts`` row of year, month and day as a date; ``None`` for anything else
    (a year alone, a month 13 in the note)."""
    if not isinstance(parts, list) or len(parts) != 3:
        return None
    if not all(isinstance(p, int) and not isinstance(p, bool) or isinstance(p, str) and p.isascii() and p.isdigit()
               for p in parts):
        return None
    try:
        return date(*(int(p) for p in parts))
    except ValueError:  # no such day
        return None


def _shares_isbn(cited: list[str], found: list[str]) -> bool:
    from checkers.isbn import check

    found13 = {check(f).isbn13 for f in found}
    return bool(set(cited) & found13)


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for c in candidates:
        key = (c.service, c.id)
        if c.id is None or key not in seen:
            seen.add(key)
            out.append(c)
    return out


def judge(p: Plan, answers: dict[Query, list[Answer]]) -> Verification:
    """The verdict for a work: the work itself first, then (for a chapter) its volume."""
    if p.verdict is not None:
        return p.verdict
    own = judge_target(p.targets[0], answers, p.isbns)
    if own.status in (VERIFIED, PARTIAL) or len(p.targets) == 1:
        return own
    volume = judge_target(p.targets[1], answers, p.isbns)
    if volume.status in (VERIFIED, PARTIAL):
        return Verification(
            PARTIAL,
            differences=[_volume_field(d) for d in volume.differences],
            evidence=volume.evidence,
            reason="the volume was found" + (" and agrees" if volume.status == VERIFIED else "")
            + "; the chapter itself is not catalogued",
            volume_only=True,
        )
    if own.status == UNVERIFIABLE or volume.status == UNVERIFIABLE:
        return own if own.status == UNVERIFIABLE else volume
    return Verification(NOT_FOUND, evidence=own.evidence + volume.evidence,
                        reason=f"chapter: {own.reason}; volume: {volume.reason}")


def _volume_field(d: Difference) -> Difference:
    """A difference found on the volume, named as the chapter citation's field."""
    names = {"title": "container-title", "author": "container-author", "editor": "editor"}
    return Difference(names.get(d.field, d.field), d.cited, d.found)


def verify_manuscript(
    manuscript: Manuscript,
    settings: Settings,
    client: HttpClient | None = None,
    progress: Progress | None = None,
) -> tuple[dict[tuple[int, int], Verification], list[tuple[Work, Verification]]]:
    """A verification for every citation, and each distinct work's verdict."""
    works = editions(manuscript, distinct_works(manuscript))
    plans = [plan(w) for w in works]
    targets = [t for p in plans for t in p.targets]
    own_client = client is None
    answers: dict[Query, list[Answer]] = {}
    try:
        if any(t.queries for t in targets) and client is None:
            client = HttpClient(settings)
        if client is not None:
            answers = lookup_targets(targets, client, settings, progress)
    except LookupFailed as exc:  # e.g. the cache directory cannot be created
        failed = {q for t in targets for q in t.queries}
        answers = {q: [Answer(services_for(q, settings)[0], q, error=exc)] for q in failed if services_for(q, settings)}
    except LookupBug as bug:
        bug.note = next((p.work.ref[0] for p in plans for t in p.targets if bug.query in t.queries), None)
        raise
    finally:
        if own_client and client is not None:
            client.close()
    verdicts = [(p.work, judge(p, answers)) for p in plans]
    by_ref: dict[tuple[int, int], Verification] = {}
    for work, verdict in verdicts:
        for ref in work.occurrences:
            by_ref[ref] = verdict
    for note in manuscript.notes:
        for i, citation in enumerate(note.citations):
            ref = (note.number, i)
            if ref not in by_ref:
                by_ref[ref] = _not_a_work(citation)
    return by_ref, verdicts


def editions(manuscript: Manuscript, works: list[Work]) -> list[Work]:
    """Split each work by the details its full citations give (year, publisher, ISBN…).

    ``distinct_works`` folds every full citation of the same author and title into one work;
    a second full citation with another year or publisher is a different claim and gets its
    own verdict (the look-ups are shared anyway, being identical). Ibid. and short forms join
    the full citation they resolve to.
    """
    units: list[Work] = []
    for work in works:
        by_key: dict[str, Work] = {}
        by_ref: dict[tuple[int, int], Work] = {}
        fulls = [(ref, c) for ref in work.occurrences if (c := manuscript.citation(ref)) is not None and c.kind == FULL]
        for ref, full in fulls:
            # the details tell several full citations apart; one alone is one edition
            key = "" if len(fulls) == 1 else json.dumps(
                full.resolved_csl, sort_keys=True, ensure_ascii=False, default=str) + "|" + "|".join(
                f.isbn13 or f.written for f in isbns_of({}, full.text))
            unit = by_key.get(key)
            if unit is None:
                unit = by_key[key] = Work(ref, full, [])
                units.append(unit)
            unit.occurrences.append(ref)
            by_ref[ref] = unit
        if not by_key:
            continue
        first = next(iter(by_key.values()))
        for ref in work.occurrences:
            if ref in by_ref:
                continue
            citation = manuscript.citation(ref)
            target = by_ref.get(citation.resolves_to) if citation and citation.resolves_to else None
            (target or first).occurrences.append(ref)
    return units


def _not_a_work(citation: Citation) -> Verification:
    if citation.kind == FULL:
        return Verification(UNVERIFIABLE, reason="nothing to look up")
    if citation.kind == "unparsed":
        return Verification(UNVERIFIABLE, reason="not parsed" + (f": {citation.reason}" if citation.reason else ""))
    return Verification(UNVERIFIABLE, reason=citation.reason or "does not resolve to a full citation")


# -- findings -------------------------------------------------------------------------------

def findings_for(work: Work, verdict: Verification, manuscript: Manuscript) -> list[Finding]:
    """The ``LK`` findings for a work's verdict, placed at its first full citation."""
    note_number, index = work.ref
    note = manuscript.note(note_number)
    where = {"note": note_number, "citation": index, "line": note.line if note else None}
    label = _label(work.citation)
    if verdict.status == INVALID:
        r = LK101 if verdict.differences and verdict.differences[0].field == "ISBN" else LK102
        return [Finding.of(r, f"{label}: {verdict.reason}", **where)]
    if verdict.status == NOT_FOUND:
        return [Finding.of(LK110, f"{label}: not found ({verdict.reason})", **where)]
    if verdict.status == UNVERIFIABLE and verdict.ambiguous:
        return [Finding.of(LK130, f"{label}: {verdict.reason}", **where)]
    if verdict.status != PARTIAL:
        return []
    out = []
    years = [d for d in verdict.differences if d.field == "year"]
    others = [d for d in verdict.differences if d.field != "year"]
    source = ", ".join(SERVICE_NAMES.get(e.service, e.service) for e in verdict.evidence[:1])
    if years:
        d = years[0]
        out.append(Finding.of(LK121, f"{label}: cited as {d.cited}, catalogued as {d.found} ({source})", **where))
    if others:
        listed = "; ".join(f"{d.field}: note has {d.cited!r}, catalogue has {d.found!r}" for d in others)
        out.append(Finding.of(LK120, f"{label}: {listed} ({source})", **where))
    if not verdict.differences:
        r = LK125 if verdict.volume_only else LK126
        out.append(Finding.of(r, f"{label}: {verdict.reason}", **where))
    return out


def _label(citation: Citation) -> str:
    csl = citation.resolved_csl
    who = (names_of(csl, "author") or names_of(csl, "editor") or [""])[0]
    title = csl.get("title") or citation.text[:50]
    return f"{who}, “{title}”" if who else f"“{title}”"


def lookup_step(manuscript: Manuscript, settings: Settings, result: CheckResult, progress: Progress | None = None) -> None:
    """The ``run_checks`` step: verify every citation and add the ``LK`` findings."""
    by_ref, verdicts = verify_manuscript(manuscript, settings, progress=progress)
    result.verifications.update(by_ref)
    for work, verdict in verdicts:
        result.findings.extend(findings_for(work, verdict, manuscript))


# -- single look-ups (``sourcecheck lookup``) -----------------------------------------------

class LookupInputError(ValueError):
    """The identifier or reference given to a single look-up cannot be used (one line)."""


@dataclass
class LookupOutcome:
    """What the services said about one identifier or reference, and the verdict if any.

    ``subject`` describes what was asked (``ISBN 978-0-300-08242-5``); ``cited`` is the CSL
    item of a parsed free-text reference; ``archival`` the registry's description of an
    archival reference (then nothing is asked).
    """

    subject: str
    answers: list[Answer] = field(default_factory=list)
    verification: Verification | None = None
    cited: dict[str, Any] | None = None
    archival: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        if self.archival is not None:
            return True
        if self.verification is not None:
            return self.verification.status in (VERIFIED, PARTIAL)
        return any(a.candidates for a in self.answers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "cited": self.cited,
            "services": [
                {
                    "service": a.service,
                    "name": SERVICE_NAMES.get(a.service, a.service),
                    "query": a.query.describe(),
                    "candidates": [c.to_dict() for c in a.candidates],
                    "error": a.error.reason if a.error else None,
                }
                for a in self.answers
            ],
            "verification": self.verification.to_dict() if self.verification else None,
            "archival": self.archival,
            "notes": self.notes,
        }


def _ask(queries: list[Query], settings: Settings) -> list[Answer]:
    with HttpClient(settings) as client:
        answers = run_lookups(queries, client, settings)
    return [a for q in queries for a in answers.get(q, [])]


def lookup_isbn(value: str, settings: Settings) -> LookupOutcome:
    """Every enabled service's record for an ISBN (validated first; invalid → no request)."""
    from checkers.isbn import check, hyphenate, to_isbn10

    found = check(value)
    if not found.valid or not found.isbn13:
        return LookupOutcome(
            f"ISBN {value}", verification=Verification(INVALID, reason=f"ISBN {value}: {found.error}")
        )
    isbn10 = to_isbn10(found.isbn13)
    subject = f"ISBN {hyphenate(found.isbn13)}" + (f" (ISBN-10 {hyphenate(isbn10)})" if isbn10 else "")
    query = Query(ISBN, isbn=found.isbn13)
    outcome = LookupOutcome(subject, _ask([query], settings))
    if not outcome.answers:
        outcome.notes.append("no enabled service looks up ISBNs")
    return outcome


def lookup_doi(value: str, settings: Settings) -> LookupOutcome:
    """Crossref's record for a DOI (malformed → no request)."""
    doi = normalize_doi(value)
    if not doi:
        return LookupOutcome(f"DOI {value}", verification=Verification(INVALID, reason=f"DOI {value!r} is malformed"))
    outcome = LookupOutcome(f"DOI {doi}", _ask([Query(DOI, doi=doi)], settings))
    if not outcome.answers:
        outcome.notes.append("no enabled service looks up DOIs")
    return outcome


def lookup_text(text: str, settings: Settings) -> LookupOutcome:
    """Parse a free-text reference like a note, look it up, and judge it like a citation.

    An archival reference is described from the archive registry instead (no request).
    """
    from citations import parse_reference

    text = " ".join(text.split())
    if not text:
        raise LookupInputError("give a reference to look up")
    try:
        from checkers.archives import describe_archival
        from citations.archival import parse_archival

        ref = parse_archival(text)
        if ref is not None:
            return LookupOutcome(ref.canonical(), archival=describe_archival(ref))
    except ImportError:  # pragma: no cover - the archival modules ship with sourcecheck
        pass
    citations = [c for c in parse_reference(text) if c.kind == FULL]
    if not citations:
        raise LookupInputError(f"cannot read {text[:60]!r} as a reference (try: author, title, place: publisher year)")
    citation = citations[0]
    if citation.archival is not None:
        from checkers.archives import describe_archival

        return LookupOutcome(citation.archival.canonical(), archival=describe_archival(citation.archival))
    work = Work((0, 0), citation, [(0, 0)])
    p = plan(work)
    queries = [q for t in p.targets for q in t.queries]
    answers = _ask(queries, settings) if queries else []
    by_query: dict[Query, list[Answer]] = {}
    for a in answers:
        by_query.setdefault(a.query, []).append(a)
    return LookupOutcome(
        _label(citation), answers, verification=judge(p, by_query), cited=citation.resolved_csl,
    )
