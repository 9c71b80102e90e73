"""Markdown: pandoc/CommonMark footnotes, read with markdown-it-py and its footnote plugin.

Handles ``[^1]`` and ``[^note-id]`` references, definitions anywhere in the file (before or
after their use), multi-paragraph definitions (indented continuation paragraphs) and inline
notes ``^[…]``. Notes are numbered 1..n in order of first reference, as pandoc numbers them;
definitions never referenced follow, in the order they are written. A reference with no
definition stays a marker without a note, so the structure checks can report it.

A Markdown file with no footnote syntax at all is read like plain text (``[N]`` markers and a
notes section), which is how notes pasted from a web page or a word processor look.

:func:`text_to_markdown` goes the other way: a plain-text manuscript with ``[N]`` markers
becomes Markdown with footnotes, ready for ``pandoc`` to turn into DOCX, ODT, HTML or LaTeX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from citations.model import Manuscript, Marker, Note
from citations.readers import decode, link_text, manuscript, normalise, typed_notes

#: A reference the plugin left as text because nothing defines it.
UNDEFINED_REF = re.compile(r"\[\^([^\]\s]+)\]")


_DASHES = re.compile(r"---|--|\.\.\.")
_SMART = {"---": "—", "--": "–", "...": "…"}


def _smart_dashes(state) -> None:  # type: ignore[no-untyped-def]
    """pandoc's "smart" dashes and ellipsis ("---" em, "--" en, "..."), and nothing more:
    markdown-it's own replacements also turn "+-" and "(c)" into symbols, which pandoc does not.
    Escaped characters (a backslash before the dash) are separate tokens and stay as typed."""
    for block in state.tokens:
        for tok in block.children or []:
            if tok.type == "text" and ("--" in tok.content or "..." in tok.content):
                tok.content = _DASHES.sub(lambda m: _SMART[m.group(0)], tok.content)


def _parser() -> MarkdownIt:
    # Typographer on, as pandoc reads Markdown (its "smart" extension): straight quotes,
    # "--" and "..." become the typographic characters a Word or LaTeX version of the same
    # manuscript has, so every format gives the same titles.
    md = MarkdownIt("commonmark", {"typographer": True}).use(footnote_plugin).enable(["table", "smartquotes"])
    md.core.ruler.after("inline", "pandoc_smart_dashes", _smart_dashes)
    md.disable("footnote_tail")  # keep definitions where they are written (with line numbers)
    md.disable("text_join")  # keep backslash escapes apart from text (see inline_text)
    return md


def inline_text(tokens: list[Token] | None) -> str:
    """The text of an inline token's children: emphasis reduced to its text, links to their
    text and web address (:func:`~citations.readers.link_text`), line breaks to spaces, raw
    HTML and footnote references dropped; pandoc's escaped space (``\\ ``, a no-break space)
    kept as one."""
    parts: list[str] = []
    links: list[tuple[str | None, int]] = []
    for tok in tokens or []:
        if tok.type == "link_open":
            links.append((str(tok.attrs.get("href") or ""), len(parts)))
        elif tok.type == "link_close" and links:
            href, start = links.pop()
            text = "".join(parts[start:])
            del parts[start:]
            parts.append(link_text(text, href))
        elif tok.type == "text":
            parts.append(tok.content.replace("\\ ", "\u00a0"))
        elif tok.type in ("text_special", "code_inline"):  # an escaped character, code
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif tok.type == "image":
            parts.append(inline_text(tok.children))
    return "".join(parts)


@dataclass
class _Definition:
    label: str
    line: int
    paragraphs: list[str] = field(default_factory=list)


def _marker_position(lines: list[str], block: int, needle: str, cursor: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """1-based line and column of the next ``needle`` in the block starting at line ``block``
    (0-based), searching on from where the block's previous marker was found."""
    line, column = cursor.get(block, (block, 0))
    for i in range(line, len(lines)):
        found = lines[i].find(needle, column if i == line else 0)
        if found >= 0:
            cursor[block] = (i, found + len(needle))
            return i + 1, found + 1
    return block + 1, 1


def read(data: bytes, source: str) -> Manuscript:
    """Read a Markdown manuscript from bytes."""
    return read_text(decode(data, source), source)


def read_text(text: str, source: str = "<string>") -> Manuscript:
    """Read a Markdown manuscript from a string."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    md = _parser()
    env: dict = {}
    tokens = md.parse(text, env)
    footnotes = env.get("footnotes", {})
    if not footnotes.get("refs") and not footnotes.get("list") and not UNDEFINED_REF.search(text):
        # No Markdown footnotes: notes typed by hand, "[1]" … a notes section (a plain-text
        # manuscript converted by pandoc escapes them as "\[1\]"), read from the rendered text.
        blocks = [
            ((tokens[i - 1].map or [0])[0] + 1 if i else 1, inline_text(tok.children))
            for i, tok in enumerate(tokens)
            if tok.type == "inline"
        ]
        result = typed_notes(blocks, source, "markdown")
        if result is None:
            from citations.readers.text import read_text as read_plain

            result = read_plain(text, source)
            result.format = "markdown"
        return result

    lines = text.split("\n")
    definitions: dict[str, _Definition] = {}
    order: list[str] = []  # labels in definition order
    paragraphs: list[tuple[int, str]] = []
    markers: list[tuple[int, str | None, int, int]] = []  # (footnote id or -1, label, line, column)
    cursor: dict[int, tuple[int, int]] = {}
    current: _Definition | None = None
    block_line = 0
    for tok in tokens:
        if tok.type == "footnote_reference_open":
            label = tok.meta["label"]
            current = definitions.get(label)
            if current is None:
                current = definitions[label] = _Definition(label, (tok.map or [0])[0] + 1)
                order.append(label)
            else:  # a second definition of the same label: pandoc keeps the first
                current = _Definition(label, 0)
            continue
        if tok.type == "footnote_reference_close":
            current = None
            continue
        if tok.type != "inline":
            continue
        content = inline_text(tok.children)
        if current is not None:
            current.paragraphs.append(content)
            continue
        block_line = tok.map[0] if tok.map else block_line
        paragraphs.append((block_line + 1, content))
        for child in tok.children or []:
            if child.type == "footnote_ref":
                label = child.meta.get("label")
                needle = f"[^{label}]" if label is not None else "^["
                line, column = _marker_position(lines, block_line, needle, cursor)
                markers.append((child.meta["id"], label, line, column))
            elif child.type == "text" and "[^" in child.content:
                for m in UNDEFINED_REF.finditer(child.content):
                    line, column = _marker_position(lines, block_line, m.group(0), cursor)
                    markers.append((-1, m.group(1), line, column))

    notes: list[Note] = []
    labels: dict[int, str] = {}
    for fid, entry in sorted(footnotes.get("list", {}).items()):
        number = fid + 1
        if "tokens" in entry:  # an inline note ^[…]
            label = str(number)
            note_text = inline_text(entry["tokens"])
            line = next((ln for i, _lbl, ln, _c in markers if i == fid), 1)
        else:
            label = entry["label"]
            definition = definitions.get(label)
            note_text = " ".join(definition.paragraphs) if definition else ""
            line = definition.line if definition else 1
        labels[fid] = label
        notes.append(Note(number=number, text=normalise(note_text), line=line, label=label))
    referenced = {labels[fid] for fid in labels}
    for label in order:
        if label not in referenced:
            definition = definitions[label]
            notes.append(
                Note(
                    number=len(notes) + 1,
                    text=normalise(" ".join(definition.paragraphs)),
                    line=definition.line,
                    label=label,
                )
            )
    result_markers = [
        Marker(label=labels.get(fid, label or "") if fid >= 0 else (label or ""), line=line, column=column)
        for fid, label, line, column in markers
    ]
    return manuscript(source, "markdown", notes, result_markers, paragraphs, auto_numbered=True)


# --------------------------------------------------------------------------- writing Markdown

_ESCAPE = re.compile(r"([\\`*_\[\]<>~^$@|&{}\"'])")
_LINE_START = re.compile(r"^(\s*)([#>+=:%-]|\d+[.)])")
#: "X." or "iv)" opening a line: a (roman or letter) list marker for pandoc's fancy lists.
_LETTER_LIST = re.compile(r"^(\s*[A-Za-z]+)([.)])(?=\s|$)")
#: "--" and "..." that typography would turn into a dash and an ellipsis.
_TYPOGRAPHY = re.compile(r"(?<=-)-|(?<=\.)\.")


def escape_markdown(text: str) -> str:
    """Escape ``text`` so pandoc Markdown and CommonMark read it back as the same literal text."""
    text = _ESCAPE.sub(r"\\\1", text)
    text = _TYPOGRAPHY.sub(lambda m: "\\" + m.group(0), text)
    text = _LETTER_LIST.sub(r"\1\\\2", text)
    return _LINE_START.sub(lambda m: m.group(1) + "".join("\\" + ch if not ch.isdigit() else ch for ch in m.group(2)), text)


def text_to_markdown(text: str) -> str:
    """A plain-text manuscript (``[N]`` markers, a notes section) as Markdown with footnotes.

    Body paragraphs are kept line for line with their markers as ``[^N]``; a bibliography
    section after the notes follows the body, one entry per paragraph; each note becomes a
    ``[^N]:`` definition at the end. Other text after the notes (page furniture) is dropped, as
    the text reader drops it.
    """
    from citations.readers.text import BODY_MARKER, end_of_notes, find_notes_section

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    plain = read_plain_text(text)
    section, starts = find_notes_section(lines)
    labels = {note.key for note in plain.notes}

    def marker(m: re.Match[str]) -> str:
        return f"\x00{m.group(1)}\x00" if m.group(1) in labels else m.group(0)

    out = []
    for line in lines[:section]:
        escaped = escape_markdown(BODY_MARKER.sub(marker, line.strip()))
        out.append(re.sub(r"\x00(\d+)\x00", r"[^\1]", escaped))
    body = "\n".join(out).strip("\n")
    trailing = [escape_markdown(line.strip()) for line in lines[end_of_notes(lines, starts) :] if line.strip()]
    if trailing:
        body += "\n\n" + "\n\n".join(trailing)
    definitions = "\n\n".join(f"[^{note.key}]: " + escape_markdown(note.text) for note in plain.notes)
    return body + "\n\n" + definitions + "\n"


def read_plain_text(text: str) -> Manuscript:
    """The plain-text reading of ``text`` (the text reader, imported lazily)."""
    from citations.readers.text import read_text as read_plain

    return read_plain(text)


def main(argv: list[str] | None = None) -> int:
    """``python -m citations.readers.markdown MANUSCRIPT.txt > manuscript.md``: write a
    plain-text manuscript as Markdown with footnotes (for pandoc to convert further)."""
    import sys

    from citations.readers import ReadError, decode, load_bytes

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m citations.readers.markdown MANUSCRIPT.txt > manuscript.md", file=sys.stderr)
        return 2
    try:
        data, source = load_bytes(args[0])
        sys.stdout.write(text_to_markdown(decode(data, source)))
    except ReadError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
