"""``sourcecheck refs`` and ``sourcecheck config`` on the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest
from click.testing import CliRunner

from reports.bibliography import ris
from sourcecheck.cli import cli
from tests.report_factories import SAMPLE

# One archival file per note 1, 8 and 17; Ibid. (22) and the short form (13) fold into their works.
SAMPLE_WORKS = 25

needs_sample = pytest.mark.shared

SMALL = """\
A lecture on the purges.[1] And more.[2] And again.[3]

Notes

[1] Vadim Rogovin, Stalin’s Terror of 1937–1938: Political Genocide in the USSR, Oak Park: Mehring Books 2009, p. 307.

[2] RGASPI f. 495, op. 18, d. 213, ll. 6–7.

[3] Ibid., l. 9.
"""


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "ris", "chicago"])
def test_refs_writes_each_format_to_a_file(small: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "refs.out"
    result = run("refs", str(small), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert out.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["refs", "missing.txt"], "Error: missing.txt: no such file"),
        (["refs", "{small}", "--format", "endnote"], "Error: Invalid value for '-f' / '--format'"),
        (["refs", "{small}", "--style", "latex", "-f", "chicago"], "Error: Invalid value for '--style'"),
        (["refs", "{binary}"], "looks like a binary file"),
        (["refs", "{small}", "-o", "{small}"], "refusing to write the reference list over the manuscript"),
        (["refs", "{small}", "-o", "{tmp}/no/such/dir/refs.bib"], "cannot write"),
        (["config", "{tmp}/nowhere"], "no such file or directory"),
        (["config", "{badcfg}"], "timeout: expected a number"),
    ],
)
def test_user_errors_exit_2_without_a_traceback(small: Path, tmp_path: Path, args: list[str], message: str) -> None:
    binary = tmp_path / "doc.txt"
    binary.write_bytes(b"\x00\x01\x02 binary" * 50)
    badcfg = tmp_path / "book"
    badcfg.mkdir()
    (badcfg / "pyproject.toml").write_text("[tool.sourcecheck]\ntimeout = 'soon'\n", encoding="utf-8")
    args = [a.format(small=small, binary=binary, tmp=tmp_path, badcfg=badcfg) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1


def test_config_shows_values_and_where_they_came_from(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sourcecheck]\nmailto = "ed@example.org"\nproviders = {googlebooks = false}\n', encoding="utf-8"
    )
    runner = CliRunner(env={"SOURCECHECK_CROSSREF_URL": "http://127.0.0.1:8080"})
    result = runner.invoke(cli, ["config", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0
    lines = {line.split()[0]: line.split() for line in result.output.splitlines()[1:]}
    cfg = str(tmp_path / "pyproject.toml")
    assert result.output.splitlines()[0] == f"configuration file: {cfg}"
    assert lines["mailto"][1:] == ["ed@example.org", cfg]
    assert lines["providers.googlebooks"][1:] == ["off", cfg]
    assert lines["providers.crossref"][1:] == ["on", "default"]
    assert lines["urls.crossref"][1:] == ["http://127.0.0.1:8080", "env", "SOURCECHECK_CROSSREF_URL"]

    result = runner.invoke(cli, ["config", str(tmp_path), "--format", "json"], catch_exceptions=False)
    data = json.loads(result.output)
    assert data["config_file"] == cfg
    assert data["settings"]["providers"]["googlebooks"] is False
    assert data["origins"]["mailto"] == cfg
    assert data["origins"]["urls.crossref"] == "env SOURCECHECK_CROSSREF_URL"


@needs_sample
def test_refs_on_the_sample_gives_every_distinct_work_once_in_each_format(tmp_path: Path) -> None:
    """Depends on the note parser: 27 citations, 25 distinct works."""
    bib = run("refs", str(SAMPLE), "-f", "bibtex").output
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    keys = [e.key for e in library.entries]
    assert len(keys) == SAMPLE_WORKS == len(set(keys))
    assert "rogovin2009stalins" in keys and "rogovin2021was" in keys
    assert {"rgaspi495_18_213", "rgaspi496_1_2", "garf10035_1_p54560"} <= set(keys)

    items = json.loads(run("refs", str(SAMPLE), "-f", "csl-json").output)
    assert [i["id"] for i in items] == keys
    assert len(ris.read(run("refs", str(SAMPLE), "-f", "ris").output)) == SAMPLE_WORKS

    chicago = run("refs", str(SAMPLE), "-f", "chicago").output
    archival, published = chicago.split("Published sources")
    assert [line for line in published.splitlines() if line.strip()].__len__() == SAMPLE_WORKS - 3
    assert archival.count("opis ") == 3  # archival files spelled out: "opis 18, delo 213"
    assert "Russian State Archive of Socio-Political History (RGASPI), Moscow" in archival


@needs_sample
@pytest.mark.pandoc
def test_pandoc_renders_the_sample_csl_json_into_25_entries(tmp_path: Path) -> None:
    """Depends on the note parser."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (.ci/run installs it from Debian)")
    refs = tmp_path / "refs.json"
    assert run("refs", str(SAMPLE), "-f", "csl-json", "-o", str(refs)).exit_code == 0
    doc = tmp_path / "doc.md"
    doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    done = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", str(refs), "-t", "html", str(doc)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('class="csl-entry"') == SAMPLE_WORKS


LIBRARY = """\
@book{Rogovin:Terror,
  author = {Rogovin, Vadim},
  title = {Stalin's Terror of 1937-1938: Political Genocide in the USSR},
  publisher = {Mehring Books},
  year = {2009}
}
@book{unrelated,
  author = {Conquest, Robert},
  title = {The Great Terror},
  year = {1990}
}
"""


def keys_of(bib: str) -> list[str]:
    return [e.key for e in bibtexparser.parse_string(bib).entries]


def test_refs_reuses_the_keys_of_a_library(small: Path, tmp_path: Path) -> None:
    lib = tmp_path / "library.bib"
    lib.write_text(LIBRARY, encoding="utf-8")
    assert keys_of(run("refs", str(small)).output) == ["rogovin2009stalins", "rgaspi495_18_213"]
    reused = run("refs", str(small), "--library", str(lib)).output
    assert keys_of(reused) == ["Rogovin:Terror", "rgaspi495_18_213"]
    items = json.loads(run("refs", str(small), "-f", "csl-json", "--library", str(lib)).output)
    assert [i["id"] for i in items] == ["Rogovin:Terror", "rgaspi495_18_213"]


def test_refs_takes_libraries_from_the_configuration(small: Path, tmp_path: Path) -> None:
    (tmp_path / "library.bib").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.sourcecheck]\nlibraries = ["library.bib"]\n', encoding="utf-8")
    assert keys_of(run("refs", str(small)).output)[0] == "Rogovin:Terror"
