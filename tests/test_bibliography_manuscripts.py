"""A bibliography section inside a Markdown or DOCX manuscript is found and checked against the notes."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from citations import load
from checkers.config import Settings
from checkers.run import run_checks

CHAPTER = """\
# Foreign communists in Moscow

The purge reached the apparatus of the International in 1937.[^1] The files of the
cadres department show how.[^2] Historians of the German party agree.[^3]

[^1]: Vadim Rogovin, Stalin's Terror of 1937–1938: Political Genocide in the USSR, Oak Park: Mehring Books 2009, p. 307.
[^2]: RGASPI f. 495, op. 18, d. 213, ll. 6–7.
[^3]: Marc Junge, Bolschewistische Ordnung in Georgien, Berlin/Boston: De Gruyter 2015, p. 34.

## Bibliography

### Archival sources

- RGASPI f. 495, op. 18, d. 213.

### Literature

Rogovin, Vadim. *Stalin's Terror of 1937–1938: Political Genocide in the USSR.* Oak Park: Mehring Books, 2008.

———. *1937: Stalin's Year of Terror.* Oak Park: Mehring Books, 1998.

## About the author

She teaches history at a university.
"""


def _bb_findings(result) -> list[tuple[str, int | None]]:
    return sorted(((f.code, f.note) for f in result.findings if f.code.startswith("BB")),
                  key=lambda x: (x[0], x[1] or 0))


def _assert_bibliography_used(ms) -> None:
    assert [text.split(".")[0] for _, text in ms.bibliography] == ["RGASPI f", "Rogovin, Vadim", "———"]
    result = run_checks(ms, Settings(offline=True))
    assert _bb_findings(result) == [("BB101", 3), ("BB102", None), ("BB103", 1)]
    differs = next(f for f in result.findings if f.code == "BB103")
    assert differs.message.startswith("year: the note has “2009”, bibliography line")
    uncited = next(f for f in result.findings if f.code == "BB102")
    assert "Year of Terror" in uncited.message and "Rogovin 1998" in uncited.message
    mapping = result.extras["library"]["bibliography"]
    assert (mapping["works"], mapping["matched"], mapping["entries"]) == (3, 2, 3)
    archival = next(m for m in mapping["matches"] if m["method"] == "archival")
    assert archival["note"] == 2 and archival["differences"] == []


def test_markdown_manuscript_bibliography_is_found_and_used(tmp_path):
    path = tmp_path / "chapter.md"
    path.write_text(CHAPTER, encoding="utf-8")
    ms = load(path)
    assert len(ms.notes) == 3
    _assert_bibliography_used(ms)
    lines = CHAPTER.split("\n")
    for line, text in ms.bibliography:
        assert text.split(".")[0].lstrip("- *") in lines[line - 1]


@pytest.mark.pandoc
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_docx_manuscript_bibliography_is_found_and_used(tmp_path):
    source = tmp_path / "chapter.md"
    source.write_text(CHAPTER, encoding="utf-8")
    docx = tmp_path / "chapter.docx"
    subprocess.run(["pandoc", str(source), "-o", str(docx)], check=True, timeout=60)
    ms = load(docx)
    assert ms.format == "docx" and len(ms.notes) == 3
    _assert_bibliography_used(ms)


def test_manuscript_without_bibliography_and_library_gets_no_library_findings(tmp_path):
    path = tmp_path / "chapter.md"
    path.write_text(CHAPTER.split("## Bibliography")[0], encoding="utf-8")
    result = run_checks(load(path), Settings(offline=True))
    assert _bb_findings(result) == [] and "library" not in result.extras


SHORT_NOTES = """\
The purge reached the apparatus.[^1] The files survive.[^2] Again.[^3] Once more.[^4]

[^1]: Rogovin, *Stalin's Terror*, 307.
[^2]: Chase, *Enemies within the Gates?*, 274–75.
[^3]: Ibid., 280.
[^4]: Junge, *Bolschewistische Ordnung*, 34.

## Bibliography

Chase, William J. *Enemies within the Gates? The Comintern and the Stalinist Repression, 1934–1939.* New Haven: Yale University Press, 2001.

Rogovin, Vadim. *Stalin's Terror of 1937–1938: Political Genocide in the USSR.* Oak Park: Mehring Books, 2009.
"""


def test_short_notes_with_a_bibliography_are_matched_to_their_entries(tmp_path):
    """Notes-and-bibliography style: every note a short form, full references only in the list."""
    from checkers.library import bibliography_library, match_manuscript

    path = tmp_path / "short.md"
    path.write_text(SHORT_NOTES, encoding="utf-8")
    ms = load(path)
    result = match_manuscript(ms, [bibliography_library(ms)], "bibliography")
    got = {m.work.ref[0]: (m.entry.line if m.entry else None, sorted({n for n, _ in m.work.occurrences}))
           for m in result.matches}
    assert got == {1: (12, [1]), 2: (10, [2, 3]), 4: (None, [4])}
    assert all(m.differences == [] for m in result.matches)
    assert result.uncited == []
    findings = run_checks(ms, Settings(offline=True, select=["BB"])).findings
    assert [(f.code, f.note) for f in findings] == [("BB101", 4)]
    assert "short form with no full citation" in findings[0].message
