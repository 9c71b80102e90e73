"""``sourcecheck check``: exit codes 0/1/2, options, output, and no tracebacks on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sourcecheck.cli import cli

CLEAN = """A first claim.[1] A second claim.[2]

Notes

[1] Vadim Rogovin, Stalin’s Terror of 1937–1938, Oak Park: Mehring Books 2009, p. 307.
[2] Marc Junge, Bolschewistische Ordnung in Georgien, Berlin/Boston: De Gruyter 2015, p. 34.
"""
# Marker [3] has no note: an error (SC101) whatever the note parser makes of the notes.
BROKEN = CLEAN.replace("A second claim.[2]", "A second claim.[2] A third.[3]")
# Marker [2] comes twice: a warning (SC106) and nothing worse.
WARNED = CLEAN.replace("A second claim.[2]", "A second claim.[2] Again.[2]")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def check(runner: CliRunner, *args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, ["check", *map(str, args)], catch_exceptions=False)


@pytest.mark.parametrize(
    ("content", "options", "exit_code"),
    [
        pytest.param(CLEAN, [], 0, id="clean"),
        pytest.param(BROKEN, [], 1, id="error-fails-by-default"),
        pytest.param(WARNED, [], 0, id="warning-passes-by-default"),
        pytest.param(WARNED, ["--fail-on", "warning"], 1, id="warning-fails-on-warning"),
        pytest.param(BROKEN, ["--fail-on", "never"], 0, id="never-fails"),
        pytest.param(BROKEN, ["--ignore", "SC101"], 0, id="ignored-error"),
        pytest.param(BROKEN, ["--ignore", "sc1"], 0, id="ignored-group-any-case"),
        pytest.param(BROKEN, ["--select", "SC4,SC5"], 0, id="selected-other-codes"),
        pytest.param(BROKEN, ["--select", "SC2", "--select", "SC101"], 1, id="select-repeated"),
    ],
)
def test_exit_code(runner: CliRunner, tmp_path: Path, content: str, options: list[str], exit_code: int) -> None:
    path = write(tmp_path, "chapter.txt", content)
    result = check(runner, path, "--offline", *options)
    assert result.exit_code == exit_code, result.output


@pytest.mark.parametrize(
    ("name", "content", "options", "message"),
    [
        pytest.param("missing.txt", None, [], "no such file", id="missing-file"),
        pytest.param("empty.txt", "", [], "empty", id="empty-file"),
        pytest.param("blank.txt", " \n\n ", [], "empty", id="blank-file"),
        pytest.param("binary.txt", b"\x00\x01\x02binary\x00" * 50, [], "binary", id="binary-file"),
        pytest.param("chapter.txt", CLEAN, ["--select", "XY1"], "unknown finding code", id="unknown-code"),
        pytest.param("chapter.txt", CLEAN, ["--ignore", "SC999"], "unknown finding code", id="unknown-ignored-code"),
        pytest.param("chapter.txt", CLEAN, ["--fail-on", "sometimes"], "sometimes", id="bad-fail-on"),
        pytest.param("chapter.txt", CLEAN, ["--format", "pdf"], "pdf", id="bad-format"),
    ],
)
def test_bad_usage_or_input_exits_2_with_one_line(
    runner: CliRunner, tmp_path: Path, name: str, content: str | bytes | None, options: list[str], message: str
) -> None:
    path = tmp_path / name if content is None else write(tmp_path, name, content)
    result = check(runner, path, "--offline", *options)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_report_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "chapter.txt", BROKEN)
    out = tmp_path / "report.txt"
    result = check(runner, path, "--offline", "-o", out)
    assert result.exit_code == 1
    assert result.output == ""
    report = out.read_text(encoding="utf-8")
    assert "SC101" in report and "marker [3]" in report
    assert path.read_text(encoding="utf-8") == BROKEN


def test_refuses_to_write_the_report_over_the_manuscript(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "chapter.txt", CLEAN)
    result = check(runner, path, "--offline", "-o", path)
    assert result.exit_code == 2
    assert "refusing" in result.output
    assert path.read_text(encoding="utf-8") == CLEAN


def test_reads_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "-", "--offline"], input=BROKEN, catch_exceptions=False)
    assert result.exit_code == 1
    assert "<stdin>" in result.output and "SC101" in result.output


def test_input_format_overrides_the_suffix(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "chapter.data", BROKEN)
    result = check(runner, path, "--offline", "--input-format", "text")
    assert result.exit_code == 1 and "SC101" in result.output


def test_report_is_grouped_by_note_and_summarised(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "chapter.txt", WARNED)
    result = check(runner, path, "--offline")
    out = result.output
    assert "Note 2 · line" in out
    assert out.index("Note 2") < out.index("SC106") < out.index("Findings")
    assert "marker-used-twice" in out and "Totals" in out
    assert "\x1b[" not in out  # no colour codes when not writing to a terminal


def test_only_selected_codes_are_reported(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "chapter.txt", BROKEN.replace("A third.[3]", "A third.[3] Again.[2]"))
    result = check(runner, path, "--offline", "--select", "SC106")
    assert result.exit_code == 0
    assert "SC106" in result.output and "SC101" not in result.output


def test_project_configuration_sets_the_failure_threshold(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the configuration search stops at the repository root
    write(tmp_path, "pyproject.toml", '[tool.sourcecheck]\nfail_on = "warning"\n')
    path = write(tmp_path, "chapter.txt", WARNED)
    assert check(runner, path, "--offline").exit_code == 1
    assert check(runner, path, "--offline", "--fail-on", "error").exit_code == 0


def test_bad_project_configuration_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "pyproject.toml", '[tool.sourcecheck]\nfail_on = "sometimes"\n')
    path = write(tmp_path, "chapter.txt", CLEAN)
    result = check(runner, path, "--offline")
    assert result.exit_code == 2
    assert "fail_on" in result.output and "Traceback" not in result.output


def test_help_lists_the_options_and_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--help"])
    assert result.exit_code == 0
    for option in ("--offline", "--fail-on", "--select", "--ignore", "--format", "--output", "--input-format"):
        assert option in result.output
    assert "Example:" in result.output


def test_progress_bar_only_when_enabled() -> None:
    from sourcecheck.commands.check import progress_bar

    with progress_bar(False) as progress:
        assert progress is None
    with progress_bar(True) as progress:
        assert progress is not None
        progress(0, 3)
        progress(3, 3)
