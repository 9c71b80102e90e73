"""``sourcecheck refs``: the reference list of the works a manuscript cites."""

from __future__ import annotations

from pathlib import Path

import click

from reports.bibliography import CHICAGO_STYLES, REF_FORMATS, render_references
from sourcecheck.cli import UserError, cli, input_format_option, load_manuscript
from sourcecheck.output import refuse_inputs, write_atomically


@cli.command()
@click.argument("manuscript", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-f", "--format", "fmt", type=click.Choice(list(REF_FORMATS)), default="bibtex",
    show_default=True, help="Reference-list format.",
)
@click.option(
    "--style", type=click.Choice(CHICAGO_STYLES), default="text", show_default=True,
    help="Output of the chicago format: plain text, Markdown or an HTML fragment.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
    help="Write the list to this file instead of standard output.",
)
@click.option(
    "--library", "libraries", multiple=True, metavar="FILE", type=click.Path(dir_okay=False),
    help="Reuse the keys of this BibTeX, CSL-JSON or RIS library for the works it holds "
    "(repeatable; default: 'libraries' from the configuration).",
)
@input_format_option
def refs(
    manuscript: str, fmt: str, style: str, output: str, libraries: tuple[str, ...],
    input_format: str | None,
) -> None:
    """Write a reference list of the works MANUSCRIPT cites, one entry per work.

    Ibid. and short forms fold into the work they repeat; a work cited in several notes is
    listed once. Entries are sorted as a bibliography, with readable keys (rogovin2009stalins)
    shared by the bibtex and csl-json formats (or the keys of your library, with --library);
    chicago lists archival files apart, by archive and fond.

    \b
    Examples:
        sourcecheck refs chapter.docx -f bibtex -o chapter.bib
        sourcecheck refs chapter.md -f csl-json -o refs.json && pandoc --citeproc ...
        sourcecheck refs chapter.txt -f chicago --style markdown
        sourcecheck refs chapter.md -f bibtex --library zotero.bib   # keep Zotero's keys
    """
    paths = list(libraries) or _configured_libraries(manuscript)
    refuse_inputs(output, [(manuscript, "the manuscript")] + [(p, "a library") for p in paths],
                  "reference list")
    ms = load_manuscript(manuscript, input_format)
    keys = None
    if paths:
        from checkers.library import LibraryError, library_keys

        try:
            keys = library_keys(ms, paths)
        except LibraryError as exc:
            raise UserError(str(exc)) from None
    text = render_references(ms, fmt, style=style, keys=keys)
    if output == "-":
        click.echo(text, nl=not text.endswith("\n") and bool(text))
        return
    write_atomically(output, text)


def _configured_libraries(manuscript: str) -> list[Path]:
    """``libraries`` from the project configuration of ``manuscript``."""
    from checkers.config import ConfigError, load_settings

    start = Path.cwd() if manuscript == "-" else Path(manuscript).resolve().parent
    try:
        return load_settings(start).libraries
    except ConfigError as exc:
        raise UserError(str(exc)) from None

