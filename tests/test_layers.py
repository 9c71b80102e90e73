"""The layers import downwards only, and the check steps do not import the runner that runs them.

citations/ < checkers/ < reports/ < sourcecheck/: a module may import from its own package and
the ones before it, never from one above (annotation-only imports included, since a type
checker follows them too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["citations", "checkers", "reports", "sourcecheck"]


def imported_modules(path: Path) -> list[str]:
    """Every module named by an import statement in ``path`` (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def package_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", LAYERS[:-1])
def test_a_layer_never_imports_a_layer_above_it(package: str) -> None:
    above = LAYERS[LAYERS.index(package) + 1:]
    offending = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in package_files(package)
        for name in imported_modules(path)
        if name.split(".")[0] in above
    ]
    assert offending == []


@pytest.mark.parametrize("step", ["structure", "archives", "verify", "library"])
def test_check_steps_do_not_import_the_runner(step: str) -> None:
    names = imported_modules(ROOT / "checkers" / f"{step}.py")
    assert "checkers.run" not in names


def test_the_version_has_one_home_below_every_layer() -> None:
    import sourcecheck
    from citations.version import __version__

    assert sourcecheck.__version__ == __version__
    config = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "version = attr: citations.version.__version__" in config


def test_help_imports_no_parser_tagger_or_matching() -> None:
    """Start-up stays fast: ``sourcecheck --help`` compiles no parser patterns, loads no learned
    model and no matching, HTTP or report libraries (they load on first use)."""
    import subprocess
    import sys

    probe = (
        "import sys, io, contextlib\n"
        "sys.argv = ['sourcecheck', '--help']\n"
        "from sourcecheck.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                check=True, cwd=ROOT).stdout.split())
    heavy = {"citations.parse", "citations.tagger", "citations.archival", "citations.imprint",
             "checkers.library", "checkers.verify", "bibtexparser", "rapidfuzz", "requests",
             "requests_cache", "bs4", "markdown_it", "jinja2", "citeproc", "rispy"}
    assert loaded & heavy == set()
