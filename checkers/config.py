"""Settings for a run: look-up politeness, cache, providers, base URLs, CI policy.

Values come from, in rising precedence: the defaults here, ``[tool.sourcecheck]`` in the
manuscript project's ``pyproject.toml`` or ``[sourcecheck]`` in its ``setup.cfg``, environment
variables (``SOURCECHECK_<PROVIDER>_URL``, ``SOURCECHECK_MAILTO``, ``SOURCECHECK_CACHE_DIR``),
and command-line options. ``origins`` records where each value came from (``sourcecheck
config`` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

#: Each provider's documented base URL (see docs in the README).
DEFAULT_URLS = {
    "openlibrary": "https://openlibrary.org",
    "googlebooks": "https://www.googleapis.com/books/v1",
    "crossref": "https://api.crossref.org",
    "dnb": "https://services.dnb.de/sru/dnb",
    "wayback": "https://archive.org/wayback/available",
}
PROVIDERS = tuple(DEFAULT_URLS)


@dataclass
class Settings:
    mailto: str | None = None
    cache_dir: Path = field(default_factory=lambda: Path(platformdirs.user_cache_dir("sourcecheck")))
    offline: bool = False
    refresh: bool = False
    timeout: float = 10.0
    retries: int = 3
    concurrency: int = 8
    providers: dict[str, bool] = field(default_factory=lambda: {p: True for p in PROVIDERS})
    urls: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_URLS))
    fail_on: str = "error"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    libraries: list[Path] = field(default_factory=list)
    strict: bool = False
    #: setting name -> where its value came from ("default", a file path, "env VAR", "--option").
    origins: dict[str, str] = field(default_factory=dict)

    def base_url(self, provider: str) -> str:
        return self.urls.get(provider, DEFAULT_URLS[provider]).rstrip("/")

    def enabled(self, provider: str) -> bool:
        return self.providers.get(provider, True)
