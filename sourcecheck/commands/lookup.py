"""``sourcecheck lookup``: what each catalogue says about an ISBN, a DOI or a free-text reference.

Also defines :func:`lookup_options`, the option bundle (``--offline``, ``--cache-dir``,
``--refresh``, ``--mailto``, ``--no-provider``) shared with ``sourcecheck check``. The options
are named like :class:`checkers.config.Settings` fields, so they flow into the settings with
the same precedence as everything else (defaults < config file < environment < options).

Exit codes: 0 a catalogue knows the identifier or reference; 1 none does (or the identifier is
invalid, or nothing could be asked); 2 bad usage.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from checkers.config import PROVIDERS, ConfigError, Settings, load_settings
from sourcecheck.cli import UserError, cli

F = Callable[..., Any]


def _no_providers(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> dict[str, bool] | None:
    return {name: False for name in value} or None


def lookup_options(f: F) -> F:
    """The look-up options, as one reusable decorator (like sqlite-utils' option bundles)."""
    options = [
        click.option(
            "--offline", is_flag=True, default=None,
            help="Never touch the network: answer from the cache only; the rest is 'unverifiable'.",
        ),
        click.option(
            "--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
            help="Keep the look-up cache here  [default: the user cache directory].",
        ),
        click.option(
            "--refresh", is_flag=True, default=None,
            help="Ask the services again instead of using cached answers (and update the cache).",
        ),
        click.option(
            "--mailto", metavar="ADDRESS", default=None,
            help="Contact address sent in the User-Agent (Open Library and Crossref ask for one).",
        ),
        click.option(
            "--no-provider", "providers", multiple=True, type=click.Choice(PROVIDERS),
            callback=_no_providers, help="Do not ask this service (repeatable).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _settings(overrides: dict[str, Any]) -> Settings:
    try:
        return load_settings(Path.cwd(), overrides)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


@cli.command()
@click.argument("words", nargs=-1, required=True, metavar="[isbn|doi] VALUE")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Output format (json: each service's candidates as CSL-JSON).",
)
@lookup_options
@click.pass_context
def lookup(ctx: click.Context, words: tuple[str, ...], fmt: str, **options: Any) -> None:
    """Ask the catalogues about an ISBN, a DOI or a reference, and print what each says.

    A free-text reference is parsed like a note and verified like one (the verdict is
    printed after the services' answers); an archival reference (RGASPI f. 495, op. 18,
    d. 213) is described from the archive registry instead.

    \b
    Examples:
        sourcecheck lookup isbn 978-0-300-08242-5
        sourcecheck lookup doi 10.1371/journal.pone.0033693
        sourcecheck lookup "William J. Chase, Enemies within the Gates?, New Haven 2001"
        sourcecheck lookup isbn 9780300082425 --format json --offline
    """
    from checkers import verify as lookups

    settings = _settings({k: v for k, v in options.items() if k in Settings.__dataclass_fields__})
    kind, value = _kind(words)
    try:
        if kind == "isbn":
            outcome = lookups.lookup_isbn(value, settings)
        elif kind == "doi":
            outcome = lookups.lookup_doi(value, settings)
        else:
            outcome = lookups.lookup_text(value, settings)
    except lookups.LookupInputError as exc:
        raise UserError(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(outcome))
    ctx.exit(0 if outcome.found else 1)


def _kind(words: tuple[str, ...]) -> tuple[str, str]:
    first = words[0].lower()
    if first in ("isbn", "doi") and len(words) >= 2:
        return first, " ".join(words[1:])
    if first in ("isbn", "doi"):
        raise UserError(f"give the {first.upper()} to look up: sourcecheck lookup {first} VALUE")
    return "text", " ".join(words)


# -- text output ------------------------------------------------------------------------------

def _names(csl: dict[str, Any], role: str) -> str:
    people = []
    for n in csl.get(role) or []:
        people.append(" ".join(x for x in (n.get("given"), n.get("family")) if x) or n.get("literal", ""))
    return ", ".join(p for p in people if p)


def describe_csl(csl: dict[str, Any]) -> list[str]:
    """A catalogue record as a few readable lines: who, title, imprint, identifiers."""
    from checkers.match import year_from_csl

    lines = []
    who = _names(csl, "author")
    editors = _names(csl, "editor")
    if editors:
        who = f"{who}; ed. {editors}" if who else f"ed. {editors}"
    title = csl.get("title") or "(no title)"
    lines.append(f"{who}: {title}" if who else title)
    if csl.get("container-title"):
        bits = [f"in {csl['container-title']}"]
        bits += [f"vol. {csl['volume']}" if csl.get("volume") else "", f"no. {csl['issue']}" if csl.get("issue") else ""]
        bits.append(f"pp. {csl['page']}" if csl.get("page") else "")
        lines.append(" ".join(b for b in bits if b))
    year = year_from_csl(csl)
    imprint = ": ".join(str(x) for x in (csl.get("publisher-place"), csl.get("publisher")) if x)
    if imprint or year:
        lines.append(" ".join(str(x) for x in (imprint, year) if x))
    ids = []
    isbns = csl.get("ISBN") or []
    if isbns:
        ids.append("ISBN " + ", ".join((isbns if isinstance(isbns, list) else [isbns])[:4]))
    if csl.get("DOI"):
        ids.append(f"DOI {csl['DOI']}")
    if csl.get("archive_location"):
        ids.append(f"snapshot {csl['archive_location']}")
    if ids:
        lines.append("; ".join(ids))
    return lines


#: Records shown per service in the text output (the closest first).
SHOWN = 3


def render_text(outcome: Any) -> str:
    """The ``lookup`` text output: each service's answer, then the verdict."""
    from checkers.match import compare
    from checkers.providers import SERVICE_NAMES

    out = [outcome.subject]
    if outcome.archival is not None:
        return "\n".join(out + _archival_lines(outcome.archival))
    for answer in outcome.answers:
        name = SERVICE_NAMES.get(answer.service, answer.service)
        if answer.error is not None:
            out.append(f"\n{name}: no answer ({answer.error.reason})")
            continue
        if not answer.candidates:
            out.append(f"\n{name}: nothing found ({answer.query.describe()})")
            continue
        count = len(answer.candidates)
        out.append(f"\n{name}: {count} record{'s' if count != 1 else ''}")
        candidates = answer.candidates
        if outcome.cited is not None:  # the closest records first
            candidates = sorted(candidates, key=lambda c: -compare(outcome.cited, c).score)
        for c in candidates[:SHOWN]:
            lines = describe_csl(c.csl)
            out.append(f"  - {lines[0]}")
            out.extend(f"    {line}" for line in lines[1:])
            years = sorted({y for y in c.variants.get("year", []) if isinstance(y, int)})
            if len(years) > 1:
                out.append(f"    {len(years)} edition years, {years[0]}–{years[-1]}")
            out.append(f"    {c.id or ''}  {c.url or ''}".rstrip())
        if count > SHOWN:
            out.append(f"  (and {count - SHOWN} more; --format json lists them all)")
    for note in outcome.notes:
        out.append(f"\n{note}")
    v = outcome.verification
    if v is not None:
        out.append(f"\nverdict: {v.status}" + (f" ({v.reason})" if v.reason else ""))
        for d in v.differences:
            out.append(f"  {d.field}: cited {d.cited!r}, found {d.found!r}")
        for e in v.evidence:
            out.append(f"  evidence: {SERVICE_NAMES.get(e.service, e.service)} {e.id or ''} {e.url or ''}".rstrip())
    return "\n".join(out)


def _archival_lines(info: dict[str, Any]) -> list[str]:
    lines = []
    archive = info.get("archive") or {}
    if archive:
        where = ", ".join(x for x in (archive.get("name"), archive.get("city")) if x)
        lines.append(f"archive: {archive.get('acronym')} – {where}")
        if archive.get("website"):
            lines.append(f"website: {archive['website']}")
    else:
        lines.append("archive: not in the registry")
    if info.get("cited_as"):
        lines.append(f"cited as: {info['cited_as']} (a former name)")
    fond = info.get("fond") or {}
    if fond:
        lines.append(f"fond {fond.get('number')}: {fond.get('name') or fond.get('status') or 'unknown'}")
    for link in info.get("links") or []:
        if isinstance(link, dict):
            lines.append(f"link: {link.get('name') or ''} {link.get('url') or ''}".rstrip())
    for problem in info.get("problems") or []:
        lines.append(f"problem: {problem.get('message') if isinstance(problem, dict) else problem}")
    lines.append("(archival files are not in library catalogues; nothing was looked up)")
    return lines
