"""Writing reports and reference lists to ``-o FILE`` without ever losing an input.

- :func:`refuse_inputs`: the output must not be any file the command reads (the manuscript,
  a library). Files are compared by identity (device and inode, ``os.path.samefile``), not by
  path, so a hard link, a symbolic link or another spelling of the path is caught too.
- :func:`write_atomically`: the text goes to a temporary file in the output's directory,
  which then replaces the output in one ``rename``. An interrupted or failed run leaves the
  previous file as it was and no half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from sourcecheck.cli import UserError


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` are the same file (same device and inode); ``False`` if either is missing."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_inputs(output: str, inputs: Iterable[tuple[str | os.PathLike[str], str]], what: str) -> None:
    """Raise a one-line :class:`UserError` if ``output`` is one of ``inputs``.

    ``inputs`` are ``(path, role)`` pairs such as ``("chapter.md", "the manuscript")``;
    ``-`` (standard input or output) is never a file.
    """
    if output == "-":
        return
    for path, role in inputs:
        if str(path) == "-":
            continue
        if same_file(output, path):
            raise UserError(f"{output}: refusing to write the {what} over {role} ({path})")


def write_atomically(output: str, text: str | Callable[[TextIO], None]) -> None:
    """Write ``text`` (UTF-8) to ``output`` through a temporary file and a rename.

    ``text`` is the text, or a function that writes it to the open file it is given (a report
    streamed piece by piece); an error it raises leaves ``output`` as it was, like any other.

    A symbolic link is followed (its target is replaced, the link stays); an existing file
    keeps its permission bits. Raises :class:`UserError` (one line) when the file cannot be
    written; the previous content of ``output`` is then untouched.
    """
    target = Path(os.path.realpath(output))
    directory = target.parent
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if isinstance(text, str):
                fh.write(text)
            else:
                text(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from None
    finally:
        # any failure, or an interruption (Ctrl-C), leaves no temporary file behind
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
