"""``sourcecheck config``: the effective settings and where each one came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from checkers.config import PROVIDERS, ConfigError, Settings, load_settings
from sourcecheck.cli import UserError, cli


def settings_rows(settings: Settings) -> list[tuple[str, str, str]]:
    """``(setting, value, origin)`` for every setting, in the order of the README's table."""
    data = settings.to_dict()
    rows: list[tuple[str, str, str]] = []
    for key, value in data.items():
        name = key.replace("_", "-")
        if key in ("providers", "urls"):
            for provider in PROVIDERS:
                shown = ("on" if value[provider] else "off") if key == "providers" else value[provider]
                rows.append((f"{name}.{provider}", shown, settings.origins.get(f"{key}.{provider}", "default")))
            continue
        if isinstance(value, bool):
            shown = "on" if value else "off"
        elif isinstance(value, list):
            shown = ", ".join(value) if value else "(none)"
        elif value is None:
            shown = "(not set)"
        else:
            shown = str(value)
        rows.append((name, shown, settings.origins.get(key, "default")))
    return rows


@cli.command()
@click.argument("path", type=click.Path(), default=".", required=False)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Output format.",
)
def config(path: str, fmt: str) -> None:
    """Show the effective settings for PATH (a manuscript or a directory; default: here).

    Settings come from, lowest first: defaults; [tool.sourcecheck] in the nearest
    pyproject.toml or [sourcecheck] in setup.cfg at or above PATH; the environment
    (SOURCECHECK_MAILTO, SOURCECHECK_CACHE_DIR, SOURCECHECK_OFFLINE,
    SOURCECHECK_<PROVIDER>_URL); options of the command that runs. Each line says where its
    value came from.

    \b
    Example:
        sourcecheck config chapters/ --format json
    """
    start = Path(path)
    if not start.exists():
        raise UserError(f"{path}: no such file or directory")
    try:
        settings = load_settings(start.resolve())
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if fmt == "json":
        data: dict[str, Any] = {
            "config_file": str(settings.config_file) if settings.config_file else None,
            "settings": settings.to_dict(),
            "origins": dict(sorted(settings.origins.items())),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"configuration file: {settings.config_file or '(none found)'}")
    rows = settings_rows(settings)
    width = max(len(r[0]) for r in rows)
    value_width = min(max(len(r[1]) for r in rows), 48)
    for name, value, origin in rows:
        click.echo(f"{name:<{width}}  {value:<{value_width}}  {origin}")
