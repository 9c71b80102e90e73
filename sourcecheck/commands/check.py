"""``sourcecheck check``: run every check on a manuscript and write a report.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings at or above it; 2 bad usage or
unreadable input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from checkers.config import FAIL_ON, ConfigError, Settings, load_settings
from checkers.findings import RULES, fails
from reports import FORMATS, STREAMING, render, stream
from sourcecheck.cli import UserError, cli, input_format_option, load_manuscript
from sourcecheck.commands.lookup import lookup_options
from sourcecheck.output import refuse_inputs, write_atomically

#: Width of the text report when it is not written to a terminal (files, pipes, CI logs).
FILE_WIDTH = 100


def _codes(values: tuple[str, ...]) -> list[str] | None:
    """``("SC1,SC205", "SC4")`` → ``["SC1", "SC205", "SC4"]``; nothing given → ``None``."""
    codes = [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    return codes or None


def settings_for(manuscript: str, overrides: dict[str, Any]) -> Settings:
    """The settings for checking ``manuscript``: the one place configuration is loaded.

    Defaults, then the project configuration found at or above the manuscript's directory
    (``pyproject.toml`` / ``setup.cfg``), then the environment, then ``overrides`` from the
    command line (``None`` = option not given). Options of other command families that are
    named like a :class:`Settings` field (``cache_dir``, ``mailto``…) flow in the same way.
    """
    start = Path.cwd() if manuscript == "-" else Path(manuscript).resolve().parent
    try:
        settings = load_settings(start, overrides)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if settings.model is not None and not os.environ.get("SOURCECHECK_MODEL"):
        from citations.tagger.model import SHIPPED_MODEL, ModelError, model_path, use_model

        try:
            if model_path() == SHIPPED_MODEL:
                use_model(settings.model)  # the 'model' setting, unless --model chose one
        except ModelError as exc:
            raise UserError(f"model: {exc}") from None
    for option in ("select", "ignore"):
        for code in getattr(settings, option):
            if not any(known.startswith(code) for known in RULES):
                raise UserError(
                    f"{option}: unknown finding code {code!r} "
                    f"(codes look like SC101; a prefix such as SC1 selects a group)"
                )
    return settings


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback drawing a rich progress bar on stderr, if enabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("checking", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@cli.command()
@click.argument("manuscript", type=click.Path(dir_okay=False, allow_dash=True))
@lookup_options
@click.option(
    "--fail-on", type=click.Choice(FAIL_ON), default=None,
    help="Exit 1 when a finding is at or above this severity.  [default: error]",
)
@click.option(
    "--select", multiple=True, metavar="CODES",
    help="Report only these codes or code prefixes (SC1, SC205); comma-separated or repeated.",
)
@click.option(
    "--ignore", multiple=True, metavar="CODES",
    help="Do not report these codes or code prefixes; comma-separated or repeated.",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text",
    show_default=True, help="Report format.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "-v", "--verbose", is_flag=True,
    help="Show every citation's verdict, not only those that need attention.",
)
@click.option(
    "--library", "libraries", multiple=True, metavar="FILE",
    type=click.Path(exists=True, dir_okay=False), callback=lambda _c, _p, v: list(v) or None,
    help="Cross-check the notes against this BibTeX, CSL-JSON or RIS file (repeatable).",
)
@click.option(
    "--strict", is_flag=True, default=None,
    help="Report bibliography/library entries that are never cited as warnings, not info.",
)
@input_format_option
@click.pass_context
def check(
    ctx: click.Context,
    manuscript: str,
    offline: bool | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str,
    output: str,
    verbose: bool,
    input_format: str | None,
    **more: Any,
) -> None:
    """Check the notes of MANUSCRIPT and report what needs fixing.

    Structural checks (markers and notes, numbering, Ibid. and short forms, the same work cited
    differently, incomplete citations), then catalogue look-ups unless --offline. MANUSCRIPT is a
    .txt, .md, .html, .docx, .odt or .tex file, or - for standard input.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 bad usage or unreadable input.

    \b
    Example:
        sourcecheck check chapter.docx --offline --ignore SC407,SC5
    """
    from checkers.run import run_checks, steps

    steps()  # import every checker, so that all finding codes are known before validating
    overrides: dict[str, Any] = {
        "offline": offline,
        "fail_on": fail_on,
        "select": _codes(select),
        "ignore": _codes(ignore),
    }
    overrides.update({k: v for k, v in more.items() if k in Settings.__dataclass_fields__})
    settings = settings_for(manuscript, overrides)

    refuse_inputs(output, [(manuscript, "the manuscript")]
                  + [(p, "a library") for p in settings.libraries], "report")
    ms = load_manuscript(manuscript, input_format)

    with progress_bar(_is_terminal(sys.stderr)) as progress:
        result = run_checks(ms, settings, progress)

    to_terminal = output == "-" and _is_terminal(sys.stdout)
    color = to_terminal and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((FILE_WIDTH, 24)).columns if to_terminal else FILE_WIDTH
    options: dict[str, Any] = {"color": color, "width": width, "verbose": verbose, "fail_on": settings.fail_on}
    if fmt in STREAMING:  # written piece by piece: a long manuscript's report is never held whole
        if output == "-":
            stdout = click.get_text_stream("stdout")
            stream(result, fmt, stdout, **options)
            stdout.flush()
        else:
            write_atomically(output, lambda fh: stream(result, fmt, fh, **options))
    else:
        report = render(result, fmt, **options)
        if output == "-":
            click.echo(report, nl=not report.endswith("\n"), color=color)
        else:
            write_atomically(output, report)
    ctx.exit(1 if fails(result.findings, settings.fail_on) else 0)

