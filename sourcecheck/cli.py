"""The command line: a thin Click layer over ``citations``, ``checkers`` and ``reports``.

Each command lives in its own module below and registers itself on :data:`cli`; all logic
lives in the three packages. Errors the user can fix leave as :class:`UserError` (exit 2,
one line).
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
import threading

import click

from citations import ReadError, load, parse_reference
from sourcecheck import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
INPUT_FORMATS = ["text", "markdown", "html", "docx", "odt", "latex"]


class UserError(click.ClickException):
    """A problem the user can fix (missing file, unreadable input, bad option): exit 2."""

    exit_code = 2


class _WarningLine(logging.Handler):
    """Warnings of the packages (``logging.getLogger("sourcecheck…")``, e.g. a cache that
    cannot be used) as one ``warning: …`` line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


def _show_warnings() -> None:
    logger = logging.getLogger("sourcecheck")
    if not any(isinstance(h, _WarningLine) for h in logger.handlers):
        logger.addHandler(_WarningLine(logging.WARNING))
        logger.propagate = False


def _use_model(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--model``: label references with this model instead of the shipped one."""
    if value:
        from citations.tagger import ModelError, use_model

        try:
            use_model(value)
        except ModelError as exc:
            raise UserError(str(exc)) from None
    return value


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="sourcecheck")
@click.option("--model", type=click.Path(dir_okay=False), envvar="SOURCECHECK_MODEL", expose_value=False,
              callback=_use_model, is_eager=True,
              help="Read references with this labeller model (made by 'sourcecheck train').")
def cli() -> None:
    """Check the footnotes of a manuscript like an editor and an archivist would.

    \b
    sourcecheck parse chapter.txt            notes -> structured citations
    sourcecheck check chapter.docx           structure checks and catalogue look-ups
    sourcecheck refs chapter.md -f bibtex    a reference list of the works cited
    """
    _show_warnings()


def input_format_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--input-format",
        type=click.Choice(INPUT_FORMATS),
        default=None,
        help="Read the manuscript as this format (default: by suffix, then by content).",
    )(f)


def load_manuscript(path: str, input_format: str | None = None):  # type: ignore[no-untyped-def]
    """Read and parse a manuscript, turning unreadable input into a one-line UserError."""
    try:
        return load(path, format=input_format)
    except ReadError as exc:
        raise UserError(str(exc)) from None


@cli.command()
@click.argument("manuscript", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["json", "text"]), default="text",
    show_default=True, help="Output format.",
)
@input_format_option
def parse(manuscript: str, fmt: str, input_format: str | None) -> None:
    """Pair markers with notes and parse every note into citations.

    MANUSCRIPT is a .txt, .md, .html, .docx, .odt or .tex file, or - for standard input.

    \b
    Example:
        sourcecheck parse examples/purges.txt --format json
    """
    ms = load_manuscript(manuscript, input_format)
    if fmt == "json":  # streamed note by note: a long manuscript's JSON is never held whole
        from reports.json_report import write_object

        stdout = click.get_text_stream("stdout")
        write_object(ms.to_dict(lazy=True), stdout)
        stdout.flush()
        return
    from reports import parsed

    click.echo(parsed.render(ms))


@cli.command("parse-refs")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True), default="-")
def parse_refs(file: str) -> None:
    """Parse one reference or note per input line; print one JSON array per line (JSON Lines).

    A line with nothing recognisable gives an empty array, so output line N always belongs to
    input line N.

    \b
    Example:
        echo "Vadim Rogovin, Stalin's Terror, Oak Park: Mehring Books 2009, p. 307." \\
          | sourcecheck parse-refs
    """
    try:
        if file == "-":
            # standard input as UTF-8 whatever the locale; detached (not closed) at the end
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
            done = stream.detach
        else:
            stream = open(file, encoding="utf-8", errors="replace")  # noqa: SIM115
            done = stream.close
    except OSError as exc:
        raise UserError(f"{file}: cannot read ({exc.strerror or exc})") from None
    out = sys.stdout
    try:
        for line in stream:
            citations = parse_reference(line.rstrip("\r\n"))
            out.write(json.dumps([c.to_dict() for c in citations], ensure_ascii=False) + "\n")
    finally:
        done()


#: Exit status of a run interrupted by Ctrl-C (SIGINT), as shells report it (128 + 2).
EXIT_INTERRUPTED = 130


def _interrupted() -> None:
    """Ctrl-C: say so on one line and exit 130, so CI can tell an interrupted run from findings.

    Reports are written through a temporary file (:mod:`sourcecheck.output`), so nothing
    half-written is left. Look-ups still running on worker threads are not waited for.
    """
    click.echo("interrupted", err=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if threading.active_count() > 1:
        os._exit(EXIT_INTERRUPTED)  # worker threads would hold the exit until their requests end
    sys.exit(EXIT_INTERRUPTED)


def main() -> None:
    """The console script: like ``cli()``, but a usage error is one line, not a usage block."""
    try:
        code = cli.main(prog_name="sourcecheck", standalone_mode=False)
    except KeyboardInterrupt:
        _interrupted()
    except click.UsageError as exc:
        hint = f" (see 'sourcecheck {exc.ctx.info_name} -h')" if exc.ctx and exc.ctx.parent else ""
        click.echo(f"Error: {exc.format_message()}{hint}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            _interrupted()
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug in sourcecheck, not in the input: see citations.errors
        _internal_error(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _internal_error(exc: Exception) -> None:
    """A bug: the traceback for the report, then one line saying so (with the note, when
    known) as the last thing on stderr; exit 70."""
    import traceback

    from citations.errors import EXIT_INTERNAL, InternalError

    traceback.print_exception(exc, file=sys.stderr)
    what = str(exc) if isinstance(exc, InternalError) else f"{exc.__class__.__name__}: {exc}"
    click.echo(f"internal error — please report: {what}", err=True)
    sys.exit(EXIT_INTERNAL)


# Commands defined in their own modules register themselves on ``cli`` when imported.
from sourcecheck import commands  # noqa: E402,F401
