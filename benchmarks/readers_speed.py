"""Reader throughput: notes read per second in every input format.

Run: ``python benchmarks/readers_speed.py [--copies 200]``

``examples/purges.txt`` is repeated ``--copies`` times with its notes renumbered (24 notes a
copy), written as Markdown with footnotes and converted by pandoc to DOCX, ODT, HTML and
LaTeX (formats pandoc cannot make are skipped when it is missing). Each file is read once with
:func:`citations.readers.read_manuscript` (reading only, no note parsing); prints size, notes,
seconds and notes per second per format.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citations.readers import read_manuscript
from citations.readers.markdown import text_to_markdown

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "purges.txt"
PANDOC = {"docx": [], "odt": [], "html": ["-s", "--metadata", "title=Benchmark"], "tex": ["-s"]}


def scaled_markdown(copies: int) -> str:
    """The example as Markdown, ``copies`` times over, with labels renumbered."""
    markdown = text_to_markdown(EXAMPLE.read_text(encoding="utf-8"))
    body, _, definitions = markdown.partition("\n\n[^1]:")
    definitions = "[^1]:" + definitions
    count = len(re.findall(r"^\[\^\d+\]:", definitions, re.MULTILINE))

    def shifted(text: str, offset: int) -> str:
        return re.sub(r"\[\^(\d+)\]", lambda m: f"[^{int(m.group(1)) + offset}]", text)

    bodies = [shifted(body, k * count) for k in range(copies)]
    notes = [shifted(definitions, k * count) for k in range(copies)]
    return "\n\n".join(bodies) + "\n\n" + "\n\n".join(notes)


def write_files(folder: Path, copies: int) -> list[Path]:
    """The scaled example as Markdown in ``folder``, and converted by pandoc (when installed) to
    every other format; the paths written, Markdown first."""
    markdown = folder / "bench.md"
    markdown.write_text(scaled_markdown(copies), encoding="utf-8")
    files = [markdown]
    if shutil.which("pandoc"):
        for suffix, extra in PANDOC.items():
            out = folder / f"bench.{suffix}"
            subprocess.run(["pandoc", "-f", "markdown-smart", str(markdown), "-o", str(out), *extra], check=True)
            files.append(out)
    else:
        print("pandoc not found: only Markdown is measured", file=sys.stderr)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200, help="copies of the example (24 notes each)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(Path(tmp), args.copies)
        print(f"{'format':<8} {'size':>9} {'notes':>7} {'seconds':>8} {'notes/s':>9}")
        for path in files:
            started = time.perf_counter()
            manuscript = read_manuscript(path)
            elapsed = time.perf_counter() - started
            size = path.stat().st_size / 1e6
            notes = len(manuscript.notes)
            print(f"{manuscript.format:<8} {size:>7.1f}MB {notes:>7} {elapsed:>8.2f} {notes / elapsed:>9.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
