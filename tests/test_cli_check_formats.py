"""The same manuscript in every format gives the same structural findings.

The sample and the shipped example are written as Markdown footnotes and converted by pandoc
(a real converter) into DOCX, ODT, HTML and LaTeX; ``sourcecheck check --offline`` must exit
0 on each and report the same (code, note, citation) findings as the plain-text original.
Lines differ between formats (DOCX and ODT count paragraphs), so they are not compared.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from checkers.config import Settings
from checkers.run import run_checks
from citations import load
from sourcecheck.cli import cli
from tests.shared import REASON as SHARED_REASON

ROOT = Path(__file__).resolve().parents[1]
MANUSCRIPTS = {
    "example": ROOT / "examples" / "purges.txt",
    "sample": ROOT.parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt",
}
TARGETS = {
    "docx": [],
    "odt": [],
    "html": ["-s", "--metadata", "title=Manuscript"],
    "tex": ["-s"],
    "md": ["-t", "markdown-smart"],
}

pytestmark = [
    pytest.mark.pandoc,
    pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed"),
]


def structural(path: Path) -> list[tuple[str, int | None, int | None]]:
    findings = run_checks(load(path), Settings(offline=True, select=["SC"])).findings
    return sorted((f.code, f.note, f.citation) for f in findings)


@pytest.fixture(scope="module", params=sorted(MANUSCRIPTS))
def converted(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    """``(text original, {suffix: converted path})`` for one manuscript."""
    from citations.readers.markdown import text_to_markdown

    source = MANUSCRIPTS[request.param]
    if not source.exists():
        pytest.skip(SHARED_REASON)
    folder = tmp_path_factory.mktemp(f"check-{request.param}")
    markdown = folder / "written.md"
    markdown.write_text(text_to_markdown(source.read_text(encoding="utf-8")), encoding="utf-8")
    paths = {}
    for suffix, args in TARGETS.items():
        out = folder / f"converted.{suffix}"
        subprocess.run(
            ["pandoc", "-f", "markdown-smart", str(markdown), "-o", str(out), *args],
            check=True, capture_output=True, timeout=120,
        )
        paths[suffix] = out
    return source, paths


@pytest.mark.parametrize("suffix", sorted(TARGETS))
def test_same_structural_findings_in_every_format(converted, suffix: str) -> None:  # type: ignore[no-untyped-def]
    source, paths = converted
    assert structural(paths[suffix]) == structural(source)


@pytest.mark.parametrize("suffix", sorted(TARGETS))
def test_check_exits_0_in_every_format(converted, suffix: str) -> None:  # type: ignore[no-untyped-def]
    _, paths = converted
    result = CliRunner().invoke(cli, ["check", str(paths[suffix]), "--offline"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
