"""Settings for a run: look-up politeness, cache, providers, base URLs, CI policy.

Values come from, in rising precedence: the defaults here, ``[tool.sourcecheck]`` in the
manuscript project's ``pyproject.toml`` or ``[sourcecheck]`` in its ``setup.cfg``, environment
variables (``SOURCECHECK_<PROVIDER>_URL``, ``SOURCECHECK_MAILTO``, ``SOURCECHECK_CACHE_DIR``),
and command-line options. ``origins`` records where each value came from (``sourcecheck
config`` prints it).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


#: Each provider's documented base URL (see docs in the README).
DEFAULT_URLS = {
    "openlibrary": "https://openlibrary.org",
    "googlebooks": "https://www.googleapis.com/books/v1",
    "crossref": "https://api.crossref.org",
    "dnb": "https://services.dnb.de/sru/dnb",
    "wayback": "https://archive.org/wayback/available",
}
PROVIDERS = tuple(DEFAULT_URLS)


def _user_cache_dir() -> Path:
    import platformdirs  # (imported when settings are made, not when the CLI starts)

    return Path(platformdirs.user_cache_dir("sourcecheck"))


@dataclass
class Settings:
    mailto: str | None = None
    cache_dir: Path = field(default_factory=_user_cache_dir)
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
    #: A labeller model made by ``sourcecheck train`` (None: the shipped model).
    model: Path | None = None
    #: setting name -> where its value came from ("default", a file path, "env VAR", "--option").
    origins: dict[str, str] = field(default_factory=dict)
    #: The configuration file that was read, if any.
    config_file: Path | None = None

    def base_url(self, provider: str) -> str:
        return self.urls.get(provider, DEFAULT_URLS[provider]).rstrip("/")

    def enabled(self, provider: str) -> bool:
        return self.providers.get(provider, True)

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data (paths as strings), without ``origins``."""
        return {
            "mailto": self.mailto,
            "cache_dir": str(self.cache_dir),
            "offline": self.offline,
            "refresh": self.refresh,
            "timeout": self.timeout,
            "retries": self.retries,
            "concurrency": self.concurrency,
            "providers": dict(self.providers),
            "urls": dict(self.urls),
            "fail_on": self.fail_on,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "libraries": [str(p) for p in self.libraries],
            "strict": self.strict,
            "model": str(self.model) if self.model else None,
        }


# --------------------------------------------------------------------------------------------
# Loading: files, environment, command line
# --------------------------------------------------------------------------------------------

#: Accepted spellings of on/off values in configuration files and the environment.
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
FAIL_ON = ("error", "warning", "info", "never")

#: Environment variables read by :func:`load_settings` (besides ``SOURCECHECK_<PROVIDER>_URL``).
ENV_MAILTO, ENV_CACHE_DIR, ENV_OFFLINE = (
    "SOURCECHECK_MAILTO", "SOURCECHECK_CACHE_DIR", "SOURCECHECK_OFFLINE",
)

#: Scalar keys of the configuration table → Settings field and converter name.
_SCALARS = {
    "mailto": "str",
    "cache_dir": "path",
    "offline": "bool",
    "refresh": "bool",
    "timeout": "float",
    "retries": "int",
    "concurrency": "int",
    "fail_on": "fail_on",
    "select": "codes",
    "ignore": "codes",
    "libraries": "paths",
    "strict": "bool",
    "model": "path",
}
CONFIG_KEYS = tuple(sorted([*_SCALARS, "providers", "urls"]))

#: Allowed range of each number: (smallest, largest). A timeout longer than five minutes, more
#: than ten retries or more than 64 concurrent look-ups is never what anyone wants.
LIMITS: dict[str, tuple[float, float]] = {
    "timeout": (0.1, 300.0),
    "retries": (0, 10),
    "concurrency": (1, 64),
}


class ConfigError(ValueError):
    """A configuration file, variable or option has a value sourcecheck cannot use (one line)."""


def env_url_variable(provider: str) -> str:
    """``openlibrary`` → ``SOURCECHECK_OPENLIBRARY_URL``."""
    return f"SOURCECHECK_{provider.upper()}_URL"


def find_config(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above ``start`` (a file or a directory).

    A directory's ``pyproject.toml`` with a ``[tool.sourcecheck]`` table wins over its
    ``setup.cfg`` with a ``[sourcecheck]`` section. The search goes upwards and stops at the
    first configuration found, or after the root of a git repository (a directory with
    ``.git``), or at the file-system root. Returns ``(file, table)`` or ``None``.
    """
    here = Path(start or Path.cwd()).expanduser().resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            table = _read_pyproject(pyproject)
            if table is not None:
                return pyproject, table
        setup_cfg = directory / "setup.cfg"
        if setup_cfg.is_file():
            table = _read_setup_cfg(setup_cfg)
            if table is not None:
                return setup_cfg, table
        if (directory / ".git").exists():
            break
    return None


def _read_pyproject(path: Path) -> dict[str, Any] | None:
    import tomllib  # (imported when a configuration is read, not when the CLI starts)

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool must be a table, got {tool!r}")
    table = tool.get("sourcecheck")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.sourcecheck] must be a table, got {table!r}")
    return table


def _read_setup_cfg(path: Path) -> dict[str, Any] | None:
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error) as exc:
        raise ConfigError(f"{path}: cannot read ({' '.join(str(exc).split())})") from None
    if not parser.has_section("sourcecheck"):
        return None
    table: dict[str, Any] = dict(parser.items("sourcecheck"))
    for sub in ("providers", "urls"):
        section = f"sourcecheck.{sub}"
        if parser.has_section(section):
            if sub in table:
                raise ConfigError(f"{path}: give {sub} in [sourcecheck] or in [{section}], not both")
            table[sub] = dict(parser.items(section))
    return table


def _split_list(value: str) -> list[str]:
    """``"SC101, SC2"`` or one item per line → ``["SC101", "SC2"]``."""
    return [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]


def _as_bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigError(f"{where}: expected on/off (true/false), got {value!r}")


def _as_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return _split_list(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, Path)) for v in value):
        return [str(v) for v in value]
    raise ConfigError(f"{where}: expected a list of strings, got {value!r}")


def _convert(kind: str, value: Any, where: str, base: Path | None, key: str = "") -> Any:
    """Turn a raw value from a file, the environment or an option into a Settings value."""
    if kind == "str":
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        return value.strip() or None
    if kind == "bool":
        return _as_bool(value, where)
    if kind in ("float", "int"):
        return _number(kind, value, where, key)
    if kind == "fail_on":
        text = str(value).strip().lower()
        if text not in FAIL_ON:
            raise ConfigError(f"{where}: expected one of {', '.join(FAIL_ON)}, got {value!r}")
        return text
    if kind == "codes":
        return [code.upper() for code in _as_list(value, where)]
    if kind == "path":
        return _path(value, where, base)
    if kind == "paths":
        return [_path(v, where, base) for v in _as_list(value, where)]
    raise AssertionError(kind)


def _number(kind: str, value: Any, where: str, key: str) -> float | int:
    """A finite number within the :data:`LIMITS` of setting ``key``."""
    expected = "a whole number" if kind == "int" else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ConfigError(f"{where}: expected {expected}, got {value!r}")
    try:
        number: float | int = float(value) if kind == "float" else int(str(value).strip())
    except (ValueError, OverflowError):
        raise ConfigError(f"{where}: expected {expected}, got {value!r}") from None
    if isinstance(number, float) and not math.isfinite(number):
        raise ConfigError(f"{where}: expected a finite number, got {value!r}")
    low, high = LIMITS.get(key, (0, math.inf))
    if number < low or number > high:
        raise ConfigError(f"{where}: must be between {low:g} and {high:g}, got {value!r}")
    return number


def _path(value: Any, where: str, base: Path | None) -> Path:
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise ConfigError(f"{where}: expected a path, got {value!r}")
    path = Path(str(value).strip()).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    return path


def _provider_switches(value: Any, where: str) -> dict[str, bool]:
    """``{googlebooks = false}``, ``"googlebooks=off, dnb=off"`` or a list of the providers to use."""
    if isinstance(value, str) and "=" not in value:
        value = _split_list(value)
    if isinstance(value, (list, tuple)):
        wanted = [str(v).strip().lower() for v in value]
        for name in wanted:
            _check_provider(name, where)
        return {p: p in wanted for p in PROVIDERS}
    if isinstance(value, str):
        pairs = [item.split("=", 1) for item in _split_list(value)]
        if any(len(p) != 2 for p in pairs):
            raise ConfigError(f"{where}: expected provider=on/off pairs, got {value!r}")
        value = {k.strip(): v.strip() for k, v in pairs}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of provider = on/off, got {value!r}")
    switches = {}
    for name, on in value.items():
        name = str(name).strip().lower()
        _check_provider(name, where)
        switches[name] = _as_bool(on, f"{where}.{name}")
    return switches


def _provider_urls(value: Any, where: str) -> dict[str, str]:
    if isinstance(value, str):
        pairs = [item.split("=", 1) for item in _split_list(value)]
        if any(len(p) != 2 for p in pairs):
            raise ConfigError(f"{where}: expected provider=URL pairs, got {value!r}")
        value = {k.strip(): v.strip() for k, v in pairs}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of provider = URL, got {value!r}")
    urls = {}
    for name, url in value.items():
        name = str(name).strip().lower()
        _check_provider(name, where)
        urls[name] = _check_url(url, f"{where}.{name}")
    return urls


def _check_provider(name: str, where: str) -> None:
    if name not in PROVIDERS:
        raise ConfigError(f"{where}: unknown provider {name!r}; known: {', '.join(PROVIDERS)}")


def _check_url(url: Any, where: str) -> str:
    if not isinstance(url, str) or not url.strip().startswith(("http://", "https://")):
        raise ConfigError(f"{where}: expected an http(s) URL, got {url!r}")
    return url.strip().rstrip("/")


def _apply(
    settings: Settings,
    table: dict[str, Any],
    origin: str,
    base: Path | None,
    name_of: Callable[[str], str],
) -> None:
    """Apply ``table`` (setting name → raw value) to ``settings``, recording ``origin``.

    ``name_of(key)`` says where a key was written, for messages (``pyproject.toml: [tool.sourcecheck]
    cache-dir``, ``SOURCECHECK_CACHE_DIR``, ``--cache-dir``); relative paths are taken from ``base``.
    """
    for raw_key, value in table.items():
        key = str(raw_key).strip().lower().replace("-", "_")
        where = name_of(raw_key)
        if value is None:
            continue
        if key == "providers":
            for name, on in _provider_switches(value, where).items():
                settings.providers[name] = on
                settings.origins[f"providers.{name}"] = origin
        elif key == "urls":
            for name, url in _provider_urls(value, where).items():
                settings.urls[name] = url
                settings.origins[f"urls.{name}"] = origin
        elif key in _SCALARS:
            setattr(settings, key, _convert(_SCALARS[key], value, where, base, key))
            settings.origins[key] = origin
        else:
            raise ConfigError(
                f"{where}: unknown setting; known: {', '.join(k.replace('_', '-') for k in CONFIG_KEYS)}"
            )


def _named(name: str) -> Callable[[str], str]:
    """``name_of`` for :func:`_apply` when every key has the same name (a variable, an option)."""
    return lambda _key: name


def _default_origins(settings: Settings) -> None:
    for key in _SCALARS:
        settings.origins[key] = "default"
    for name in PROVIDERS:
        settings.origins[f"providers.{name}"] = "default"
        settings.origins[f"urls.{name}"] = "default"


def load_settings(
    start: Path | None = None,
    overrides: dict[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """The effective settings for a manuscript at (or a project directory) ``start``.

    Precedence, lowest first: defaults; the nearest ``pyproject.toml`` ``[tool.sourcecheck]``
    or ``setup.cfg`` ``[sourcecheck]`` at or above ``start`` (default: the current directory);
    the environment (``SOURCECHECK_MAILTO``, ``SOURCECHECK_CACHE_DIR``, ``SOURCECHECK_OFFLINE``,
    ``SOURCECHECK_<PROVIDER>_URL``); ``overrides`` from the command line, keyed by setting name
    (``cache_dir``, ``fail_on``, ``providers`` as ``{name: bool}``…), where ``None`` means "not
    given". Relative paths in a file are relative to that file. ``settings.origins`` records
    where every value came from. Raises :class:`ConfigError` (one line) on bad values.
    """
    env = os.environ if environ is None else environ
    settings = Settings()
    _default_origins(settings)

    found = find_config(start)
    if found is not None:
        path, table = found
        settings.config_file = path
        section = "[tool.sourcecheck]" if path.name == "pyproject.toml" else "[sourcecheck]"
        _apply(settings, table, str(path), path.parent, lambda k: f"{path}: {section} {k}")

    for key, var in (("mailto", ENV_MAILTO), ("cache_dir", ENV_CACHE_DIR), ("offline", ENV_OFFLINE)):
        if env.get(var):
            _apply(settings, {key: env[var]}, f"env {var}", None, _named(var))
    for name in PROVIDERS:
        var = env_url_variable(name)
        if env.get(var):
            settings.urls[name] = _check_url(env[var], var)
            settings.origins[f"urls.{name}"] = f"env {var}"

    for key, value in (overrides or {}).items():
        if value is None or value == {} or value == []:
            continue
        option = "--" + key.replace("_", "-")
        _apply(settings, {key: value}, option, Path.cwd(), _named(option))
    return settings
