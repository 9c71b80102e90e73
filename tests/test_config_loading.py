"""Settings come from defaults < project file < environment < command line, with origins."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.config import (
    DEFAULT_URLS,
    PROVIDERS,
    ConfigError,
    Settings,
    find_config,
    load_settings,
)

PYPROJECT = """\
[project]
name = "my-book"

[tool.sourcecheck]
mailto = "editor@example.org"
cache-dir = ".sourcecheck-cache"
offline = true
fail-on = "warning"
select = ["SC1", "SC2"]
ignore = "SC105"
libraries = ["refs/library.bib"]
strict = true
timeout = 4.5
concurrency = 2

[tool.sourcecheck.providers]
googlebooks = false
dnb = "off"

[tool.sourcecheck.urls]
openlibrary = "http://127.0.0.1:9999/ol/"
"""

SETUP_CFG = """\
[metadata]
name = my-book

[sourcecheck]
mailto = editor@example.org
offline = yes
fail_on = never
select =
    SC1
    SC3
providers = googlebooks=off, wayback=off

[sourcecheck.urls]
crossref = http://127.0.0.1:9998
openlibrary = http://127.0.0.1:9999
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A manuscript project (a git checkout) with the manuscript two directories down."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "chapters" / "one").mkdir(parents=True)
    return tmp_path


def test_defaults_without_any_file_or_variable(project: Path) -> None:
    s = load_settings(project / "chapters", environ={})
    assert s.config_file is None
    assert s.to_dict() == {**Settings().to_dict()}
    assert set(s.origins.values()) == {"default"}
    assert s.urls == DEFAULT_URLS and all(s.providers[p] for p in PROVIDERS)


def test_pyproject_table_is_found_from_the_manuscript_upwards(project: Path) -> None:
    cfg = write(project / "pyproject.toml", PYPROJECT)
    manuscript = write(project / "chapters" / "one" / "ch1.md", "text")
    s = load_settings(manuscript, environ={})
    assert s.config_file == cfg
    assert s.mailto == "editor@example.org"
    assert s.cache_dir == project / ".sourcecheck-cache"  # relative to the file
    assert s.offline is True and s.strict is True
    assert s.fail_on == "warning"
    assert s.select == ["SC1", "SC2"] and s.ignore == ["SC105"]
    assert s.libraries == [project / "refs" / "library.bib"]
    assert s.timeout == 4.5 and s.concurrency == 2
    assert s.providers == {**{p: True for p in PROVIDERS}, "googlebooks": False, "dnb": False}
    assert s.base_url("openlibrary") == "http://127.0.0.1:9999/ol"
    assert s.origins["mailto"] == str(cfg)
    assert s.origins["providers.googlebooks"] == str(cfg)
    assert s.origins["providers.crossref"] == "default"
    assert s.origins["urls.openlibrary"] == str(cfg)


def test_setup_cfg_section_with_inline_and_sub_section_forms(project: Path) -> None:
    cfg = write(project / "setup.cfg", SETUP_CFG)
    s = load_settings(project / "chapters", environ={})
    assert s.config_file == cfg
    assert s.offline is True and s.fail_on == "never"
    assert s.select == ["SC1", "SC3"]
    assert s.providers["googlebooks"] is False and s.providers["wayback"] is False
    assert s.providers["openlibrary"] is True
    assert s.urls["crossref"] == "http://127.0.0.1:9998"
    assert s.urls["openlibrary"] == "http://127.0.0.1:9999"


def test_providers_as_a_list_enables_exactly_those(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.sourcecheck]\nproviders = ["openlibrary", "crossref"]\n')
    s = load_settings(project, environ={})
    assert [p for p in PROVIDERS if s.enabled(p)] == ["openlibrary", "crossref"]


def test_pyproject_wins_over_setup_cfg_in_the_same_directory(project: Path) -> None:
    write(project / "setup.cfg", "[sourcecheck]\nmailto = cfg@example.org\n")
    write(project / "pyproject.toml", '[tool.sourcecheck]\nmailto = "toml@example.org"\n')
    assert load_settings(project, environ={}).mailto == "toml@example.org"


def test_files_without_a_sourcecheck_section_are_passed_over(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.sourcecheck]\nmailto = "root@example.org"\n')
    write(project / "chapters" / "pyproject.toml", '[project]\nname = "x"\n')
    write(project / "chapters" / "setup.cfg", "[metadata]\nname = x\n")
    assert load_settings(project / "chapters" / "one", environ={}).mailto == "root@example.org"


def test_nearest_file_wins(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.sourcecheck]\nmailto = "root@example.org"\n')
    write(project / "chapters" / "setup.cfg", "[sourcecheck]\nmailto = near@example.org\n")
    assert load_settings(project / "chapters" / "one", environ={}).mailto == "near@example.org"


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.sourcecheck]\nmailto = "outside@example.org"\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "repo") is None
    assert load_settings(tmp_path / "repo", environ={}).mailto is None


def test_environment_overrides_file_and_options_override_environment(project: Path) -> None:
    cfg = write(project / "pyproject.toml", PYPROJECT)
    env = {
        "SOURCECHECK_MAILTO": "env@example.org",
        "SOURCECHECK_CACHE_DIR": str(project / "env-cache"),
        "SOURCECHECK_CROSSREF_URL": "http://127.0.0.1:8001/",
        "SOURCECHECK_OPENLIBRARY_URL": "http://127.0.0.1:8002",
    }
    s = load_settings(project, environ=env)
    assert s.mailto == "env@example.org" and s.origins["mailto"] == "env SOURCECHECK_MAILTO"
    assert s.cache_dir == project / "env-cache"
    assert s.urls["crossref"] == "http://127.0.0.1:8001"
    assert s.origins["urls.crossref"] == "env SOURCECHECK_CROSSREF_URL"
    assert s.urls["openlibrary"] == "http://127.0.0.1:8002"
    assert s.origins["fail_on"] == str(cfg)

    s = load_settings(
        project,
        overrides={"mailto": "cli@example.org", "fail_on": "error", "offline": None, "select": None,
                   "providers": {"googlebooks": True}},
        environ=env,
    )
    assert s.mailto == "cli@example.org" and s.origins["mailto"] == "--mailto"
    assert s.fail_on == "error" and s.origins["fail_on"] == "--fail-on"
    assert s.offline is True and s.origins["offline"] == str(cfg)  # None = option not given
    assert s.select == ["SC1", "SC2"]
    assert s.providers["googlebooks"] is True and s.origins["providers.googlebooks"] == "--providers"


def test_relative_cache_dir_option_is_relative_to_the_working_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "chapters")
    s = load_settings(project, overrides={"cache_dir": "c"}, environ={})
    assert s.cache_dir == project / "chapters" / "c"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[tool.sourcecheck]\ntimeout = "soon"\n', "timeout: expected a number"),
        ("[tool.sourcecheck]\ntimeout = -1\n", "timeout: must be between 0.1 and 300, got -1"),
        ('[tool.sourcecheck]\nfail-on = "sometimes"\n', "fail-on: expected one of error, warning, info, never"),
        ('[tool.sourcecheck]\noffline = "perhaps"\n', "offline: expected on/off"),
        ('[tool.sourcecheck]\ncolour = "red"\n', "colour: unknown setting"),
        ("[tool.sourcecheck.providers]\nbritishlibrary = true\n", "unknown provider 'britishlibrary'"),
        ('[tool.sourcecheck.urls]\ncrossref = "ftp://x"\n', "crossref: expected an http(s) URL"),
        ("[tool.sourcecheck]\nselect = [1, 2]\n", "select: expected a list of strings"),
        ("[tool.sourcecheck\n", "cannot read"),
        # real types: finite numbers within bounds, tables where tables belong
        ("[tool.sourcecheck]\ntimeout = inf\n", "timeout: expected a finite number, got inf"),
        ("[tool.sourcecheck]\ntimeout = nan\n", "timeout: expected a finite number, got nan"),
        ("[tool.sourcecheck]\ntimeout = 1e400\n", "timeout: expected a finite number"),
        ("[tool.sourcecheck]\ntimeout = 301\n", "timeout: must be between 0.1 and 300, got 301"),
        ("[tool.sourcecheck]\ntimeout = [5]\n", "timeout: expected a number, got [5]"),
        ("[tool.sourcecheck]\nretries = 1000000\n", "retries: must be between 0 and 10, got 1000000"),
        ("[tool.sourcecheck]\nretries = 2.5\n", "retries: expected a whole number, got 2.5"),
        ("[tool.sourcecheck]\nconcurrency = 0\n", "concurrency: must be between 1 and 64, got 0"),
        ("[tool.sourcecheck]\nconcurrency = 65\n", "concurrency: must be between 1 and 64, got 65"),
        ("[tool]\nsourcecheck = 5\n", "[tool.sourcecheck] must be a table, got 5"),
        ("tool = 5\n", "tool must be a table, got 5"),
        ("[tool.sourcecheck]\nproviders = 5\n", "providers: expected a table of provider = on/off, got 5"),
        ("[tool.sourcecheck]\nurls = 5\n", "urls: expected a table of provider = URL, got 5"),
        ("[tool.sourcecheck]\nmailto = 5\n", "mailto: expected a string, got 5"),
        ("[tool.sourcecheck]\nlibraries = 5\n", "libraries: expected a list of strings, got 5"),
    ],
)
def test_bad_values_are_one_line_errors_naming_the_file_and_key(
    project: Path, text: str, message: str
) -> None:
    cfg = write(project / "pyproject.toml", text)
    with pytest.raises(ConfigError) as info:
        load_settings(project, environ={})
    assert message in str(info.value)
    assert str(info.value).startswith(str(cfg))
    assert "\n" not in str(info.value)


def test_urls_inline_and_in_a_sub_section_of_setup_cfg_is_refused(project: Path) -> None:
    write(project / "setup.cfg", "[sourcecheck]\nurls = dnb=http://a\n[sourcecheck.urls]\ndnb = http://b\n")
    with pytest.raises(ConfigError, match="not both"):
        load_settings(project, environ={})


def test_bad_environment_value_names_the_variable(project: Path) -> None:
    with pytest.raises(ConfigError, match="^SOURCECHECK_DNB_URL: expected an http"):
        load_settings(project, environ={"SOURCECHECK_DNB_URL": "dnb.example"})
