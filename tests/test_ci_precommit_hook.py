"""The pre-commit hook in ``.pre-commit-hooks.yaml`` runs as pre-commit would run it."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import yaml

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
CLEAN = """\
A sentence with a note.[1]

Notes

[1] Vadim Rogovin, Stalin’s Terror of 1937–1938: Political Genocide in the USSR, Oak Park: Mehring Books 2009, p. 307.
"""
BROKEN = CLEAN.replace("note.[1]", "note.[1] And a marker without a note.[2]")


def hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    (only,) = [h for h in hooks if h["id"] == "sourcecheck"]
    return only


def test_hook_declares_what_pre_commit_needs() -> None:
    h = hook()
    assert {"id", "name", "entry", "language", "files"} <= set(h)
    assert h["language"] == "python"
    assert "--offline" in h["entry"]


def run_hook(*files: Path) -> subprocess.CompletedProcess:
    """pre-commit appends the staged file names to the entry and runs it."""
    argv = shlex.split(hook()["entry"]) + [str(f) for f in files]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


def test_hook_passes_clean_manuscripts_and_fails_one_with_an_error(tmp_path: Path) -> None:
    clean, broken = tmp_path / "clean.txt", tmp_path / "broken.md"
    clean.write_text(CLEAN, encoding="utf-8")
    broken.write_text(BROKEN, encoding="utf-8")
    assert run_hook(clean).returncode == 0
    done = run_hook(broken, clean)
    assert done.returncode == 1
    assert "SC101" in done.stdout


def test_hook_file_pattern_matches_manuscripts_only() -> None:
    import re

    pattern = re.compile(hook()["files"])
    assert all(pattern.search(f) for f in ("ch1.txt", "a/b.md", "c.docx", "d.odt", "e.tex", "f.html"))
    assert not any(pattern.search(f) for f in ("setup.py", "refs.bib", "pyproject.toml"))
