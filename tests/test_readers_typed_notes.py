"""Notes typed by hand survive a converter: a plain-text manuscript (``[N]`` markers and a
notes section) that pandoc turns straight into Word, ODT, HTML, LaTeX or Markdown — with no
real footnotes, its brackets escaped (``\\[1\\]``, ``{[}1{]}``) and its quotes made straight or
curly — reads back into the same notes, markers and citations as the original."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from citations import load
from tests.shared import REASON as SHARED_REASON

ROOT = Path(__file__).resolve().parents[1]
MANUSCRIPTS = {
    "example": ROOT / "examples" / "purges.txt",
    "sample": ROOT.parent / "shared" / "manuscripts" / "comintern-terror-lecture.txt",
}
TARGETS = ["docx", "odt", "html", "latex", "markdown", "markdown-smart"]
SUFFIX = {"latex": "tex", "markdown": "md", "markdown-smart": "md"}

pytestmark = [
    pytest.mark.pandoc,
    pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed"),
]


def signature(path: Path) -> tuple:
    ms = load(path)
    return (
        [n.label for n in ms.notes],
        [n.text for n in ms.notes],
        [m.label for m in ms.markers],
        [[c.to_dict() for c in n.citations] for n in ms.notes],
    )


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", sorted(MANUSCRIPTS))
def test_pandoc_conversion_of_plain_text_reads_the_same(name: str, target: str, tmp_path: Path) -> None:
    source = MANUSCRIPTS[name]
    if not source.exists():
        pytest.skip(SHARED_REASON)
    out = tmp_path / f"converted.{SUFFIX.get(target, target)}"
    subprocess.run(["pandoc", "-f", "markdown", str(source), "-s", "-t", target, "-o", str(out)], check=True)
    original = signature(source)
    converted = signature(out)
    assert converted[0] == original[0], "note labels"
    assert converted[2] == original[2], "markers"
    assert converted[1] == original[1], "note texts"
    assert converted[3] == original[3], "citations"
