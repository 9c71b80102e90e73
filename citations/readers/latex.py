"""LaTeX: ``\\footnote{…}`` (and ``\\endnote{…}``) in the body of a ``.tex`` file.

Handles nested braces, the optional number ``\\footnote[7]{…}``, ``\\footnotemark`` with a
later ``\\footnotetext{…}`` (numbered like LaTeX does: a bare ``\\footnotemark`` steps the
counter, a bare ``\\footnotetext`` takes its current value), and comments. Note text is
reduced to what the reader of the PDF sees: ``\\emph{}``, ``\\textit{}`` and other markup
give their text, ``\\href{url}{text}`` its text and ``<url>``, ``\\url{…}`` the URL, ``--``/``---`` dashes,
````` ``…'' ````` and `` `…' `` curly quotes, ``~`` a no-break space, escaped specials and
accent commands their characters. Only the document body (after ``\\begin{document}``) is
read when there is one. Markers and notes keep the line and column of the command.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from citations.model import Manuscript, Marker, Note
from citations.readers import (
    decode,
    line_starts,
    link_text,
    manuscript,
    normalise,
    position,
    typed_notes,
)

_NOTE_COMMAND = re.compile(r"\\(footnote|footnotemark|footnotetext|endnote|endnotemark|endnotetext)(?![A-Za-z])\*?")

#: Commands replaced by a character.
SYMBOLS = {
    "ldots": "…", "dots": "…", "textellipsis": "…", "textendash": "–", "textemdash": "—",
    "textquotedblleft": "“", "textquotedblright": "”", "textquoteleft": "‘", "textquoteright": "’",
    "textquotesingle": "'", "textquotedbl": '"', "textasciitilde": "~", "textasciicircum": "^",
    "textbackslash": "\\", "textbar": "|", "textless": "<", "textgreater": ">", "textunderscore": "_",
    "S": "§", "P": "¶", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø",
    "l": "ł", "L": "Ł", "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "textdegree": "°", "euro": "€",
    "texteuro": "€", "pounds": "£", "textsterling": "£", "copyright": "©", "textcopyright": "©",
    "textregistered": "®", "dag": "†", "ddag": "‡", "textdagger": "†", "textdaggerdbl": "‡",
    "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
    "quotedblbase": "„", "quotesinglbase": "‚", "textnumero": "№", "LaTeX": "LaTeX", "TeX": "TeX",
    "par": "\n\n", "newline": " ", "linebreak": " ", "space": " ", "quad": " ", "qquad": " ",
    "enspace": " ", "thinspace": "\u2009", "nobreakspace": "\u00a0", "slash": "/", "textslash": "/",
}
#: Accent commands → combining characters.
ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331",
}
#: Escaped characters (``\\&`` → ``&``); ``\\,`` and friends are spaces.
ESCAPES = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ",
           ",": "\u202f", ";": " ", ":": " ", "!": "", "@": "", "/": "", "-": "", "\\": "\n"}
#: Commands dropped together with their (first) argument.
DROP = frozenset(
    ["label", "index", "cite", "citep", "citet", "citeauthor", "nocite", "ref", "pageref", "eqref", "hypertarget-id", "vspace", "hspace", "vskip", "hskip", "includegraphics", "bibliographystyle", "bibliography", "addbibresource", "input", "include", "pagestyle", "thispagestyle", "setlength", "setcounter", "addtocounter", "newcommand", "renewcommand", "documentclass", "usepackage", "selectlanguage", "color", "pagenumbering"]
)
#: Commands with a starred form (``\\section*``); after any other command a star is text.
STARRED = frozenset(
    ["part", "chapter", "section", "subsection", "subsubsection", "paragraph", "subparagraph", "caption", "footnote", "footnotetext", "endnote", "enquote", "textquote", "hspace", "vspace", "newline", "linebreak", "cite", "citep", "citet"]
)
#: Commands whose text argument is wrapped in quotes.
QUOTING = {"enquote": ("“", "”"), "textquote": ("“", "”"), "mkbibquote": ("“", "”")}


def _brace_end(text: str, start: int) -> int:
    """Index just past the group opened at ``text[start] == "{"`` (escaped braces ignored);
    ``len(text)`` when unbalanced."""
    depth = 0
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _optional_end(text: str, start: int) -> int:
    """Index just past ``[…]`` at ``start`` (nested brackets inside braces allowed)."""
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            i = _brace_end(text, i)
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def mask_comments(text: str) -> str:
    """``text`` with every comment (``%`` to the end of the line, unless escaped) blanked out
    by spaces, so offsets stay those of the source."""
    pieces: list[str] = []
    last = 0
    i = 0
    while True:
        m = _COMMENT_OR_ESCAPE.search(text, i)
        if m is None:
            break
        if m.group(0) != "%":
            i = m.end()
            continue
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        pieces.append(text[last : m.start()])
        pieces.append(" " * (end - m.start()))
        last = i = end
    pieces.append(text[last:])
    return "".join(pieces)


_COMMENT_OR_ESCAPE = re.compile(r"\\.|%", re.DOTALL)
_QUOTES = "“”‘’`'"
_SPECIAL = re.compile(r"[\\{}$~\-`'&]")


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n\r":
        i += 1
    return i


def latex_to_text(source: str) -> str:
    """Reduce LaTeX to the text it typesets (whitespace not yet normalised)."""
    text = re.sub(r"(?<!\\)%[^\n]*(?:\n[ \t]*)?", "", source)
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        special = _SPECIAL.search(text, i)
        if special is None:
            out.append(text[i:])
            break
        if special.start() > i:
            out.append(text[i : special.start()])
            i = special.start()
        ch = text[i]
        if ch == "\\":
            if i + 1 >= n:
                break
            nxt = text[i + 1]
            m = re.match(r"[A-Za-z]+", text[i + 1 : i + 200])
            if m:
                name = m.group(0)
                i = i + 1 + m.end()
                if i < n and text[i] == "*" and name in STARRED:
                    i += 1
                if name in ACCENTS and len(name) == 1:
                    i, accented = _accent(text, i, name)
                    out.append(accented)
                    continue
                if name in SYMBOLS:
                    out.append(SYMBOLS[name])
                    if i < n and text[i] == "{" and i + 1 < n and text[i + 1] == "}":
                        i += 2
                    elif i < n and text[i] == " ":
                        i += 1  # a control word eats the space after it
                    continue
                if name in DROP:
                    i = _skip_space(text, i)
                    while i < n and text[i] == "[":
                        i = _optional_end(text, i)
                    if i < n and text[i] == "{":
                        i = _brace_end(text, i)
                    continue
                if name == "href":  # \\href{url}{text}: the text, then the web address
                    i = _skip_space(text, i)
                    if i < n and text[i] == "{":
                        end = _brace_end(text, i)
                        url = text[i + 1 : end - 1]
                        i = _skip_space(text, end)
                        if i < n and text[i] == "{":
                            end = _brace_end(text, i)
                            out.append(link_text(latex_to_text(text[i + 1 : end - 1]), url.replace("\\", "")))
                            i = end
                    continue
                if name == "hypertarget":  # drop the anchor name, keep the text
                    i = _skip_space(text, i)
                    if i < n and text[i] == "{":
                        i = _brace_end(text, i)
                    continue
                if name in QUOTING:
                    i = _skip_space(text, i)
                    if i < n and text[i] == "{":
                        end = _brace_end(text, i)
                        left, right = QUOTING[name]
                        out.append(left + latex_to_text(text[i + 1 : end - 1]) + right)
                        i = end
                    continue
                if name in ("url", "nolinkurl", "path", "verb"):
                    i = _skip_space(text, i)
                    if i < n and text[i] == "{":
                        end = _brace_end(text, i)
                        out.append(text[i + 1 : end - 1])
                        i = end
                    elif name == "verb" and i < n:
                        end = text.find(text[i], i + 1)
                        end = n if end < 0 else end
                        out.append(text[i + 1 : end])
                        i = end + 1
                    continue
                if name in ("begin", "end"):  # environments are structure, not text
                    i = _skip_space(text, i)
                    if i < n and text[i] == "{":
                        i = _brace_end(text, i)
                    out.append(" ")
                    continue
                # Any other command: its name goes, its arguments' text stays; an optional
                # argument right after it is an option, not text.
                if i < n and text[i] == "[":
                    i = _optional_end(text, i)
                continue
            if nxt in ACCENTS:
                i, accented = _accent(text, i + 2, nxt)
                out.append(accented)
                continue
            if nxt == "," and out and out[-1][-1:] in _QUOTES and text[i + 2 : i + 3] in "`'":
                i += 2  # pandoc's thin space between adjacent quotes (``\,'') is no space
                continue
            if nxt in ESCAPES:
                out.append(ESCAPES[nxt])
                i += 2
                continue
            out.append(nxt)
            i += 2
            continue
        if ch in "{}$":
            i += 1
            continue
        if ch == "~":
            out.append("\u00a0")
            i += 1
            continue
        if ch == "-" and text.startswith("---", i):
            out.append("—")
            i += 3
            continue
        if ch == "-" and text.startswith("--", i):
            out.append("–")
            i += 2
            continue
        if ch == "`":
            if text.startswith("``", i):
                out.append("“")
                i += 2
            else:
                out.append("‘")
                i += 1
            continue
        if ch == "'":
            if text.startswith("''", i):
                out.append("”")
                i += 2
            else:
                out.append("’")
                i += 1
            continue
        if ch == "&":
            out.append(" ")
            i += 1
            continue
        out.append(ch)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def _accent(text: str, i: int, accent: str) -> tuple[int, str]:
    """Apply an accent to the letter after ``\\'`` / ``\\'{e}`` / ``\\' e``; with nothing
    to accent (``\\^{}``, ``\\~{}``) the accent itself is the character."""
    combining = ACCENTS[accent]
    i = _skip_space(text, i) if i < len(text) and text[i] == " " else i
    if i < len(text) and text[i] == "{":
        end = _brace_end(text, i)
        inner = latex_to_text(text[i + 1 : end - 1])
        if not inner:
            return end, accent if not accent.isalpha() else ""
        return end, inner[:1] + combining + inner[1:]
    if i < len(text) and text[i] == "\\":
        m = re.match(r"\\([ij])(?![A-Za-z])", text[i : i + 4])
        if m:
            return i + m.end(), "ij"["ij".index(m.group(1))] + combining
    if i < len(text):
        return i + 1, text[i] + combining
    return i, ""


@dataclass
class _Command:
    name: str
    start: int
    end: int
    option: str | None
    argument: tuple[int, int] | None  # offsets of the braced text, without the braces


def _commands(masked: str, begin: int, stop: int) -> list[_Command]:
    """Note commands in ``masked[begin:stop]``, outermost only."""
    found: list[_Command] = []
    covered = begin
    for m in _NOTE_COMMAND.finditer(masked, begin, stop):
        if m.start() < covered:
            continue  # inside the previous note's text
        name = m.group(1)
        i = m.end()
        option = None
        j = _skip_space(masked, i)
        if j < stop and masked[j] == "[":
            end = _optional_end(masked, j)
            option = masked[j + 1 : end - 1].strip()
            i = end
        argument = None
        if not name.endswith("mark"):
            j = _skip_space(masked, i)
            if j < stop and masked[j] == "{":
                end = _brace_end(masked, j)
                closed = end <= len(masked) and masked[end - 1] == "}" and end - 1 > j
                argument = (j + 1, end - 1 if closed else end)
                i = end
        found.append(_Command(name, m.start(), i, option, argument))
        covered = i
    return found


def read(data: bytes, source: str) -> Manuscript:
    """Read a LaTeX manuscript from bytes."""
    return read_text(decode(data, source), source)


def read_text(text: str, source: str = "<string>") -> Manuscript:
    """Read a LaTeX manuscript from a string."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    masked = mask_comments(text)
    begin_doc = masked.find("\\begin{document}")
    begin = begin_doc + len("\\begin{document}") if begin_doc >= 0 else 0
    end_doc = masked.find("\\end{document}", begin)
    stop = end_doc if end_doc >= 0 else len(masked)
    starts = line_starts(text)

    notes: list[Note] = []
    markers: list[Marker] = []
    counters = {"footnote": 0, "endnote": 0}
    commands = _commands(masked, begin, stop)
    for command in commands:
        family = "endnote" if command.name.startswith("endnote") else "footnote"
        line, column = position(starts, command.start)
        base = command.name[len(family):]  # "", "mark" or "text"
        if base in ("", "mark"):
            if command.option and command.option.isdigit():
                label = command.option
            else:
                counters[family] += 1
                label = str(counters[family])
            markers.append(Marker(label=label, line=line, column=column))
        else:
            label = command.option if command.option and command.option.isdigit() else str(counters[family])
        if base in ("", "text") and command.argument is not None:
            # Notes are read from the source (with its comments), not the masked copy.
            raw = text[command.argument[0] : command.argument[1]]
            notes.append(
                Note(number=len(notes) + 1, text=normalise(latex_to_text(raw)), line=line, label=label)
            )
    paragraphs = _paragraphs(masked, commands, begin, stop)
    if not commands:
        # No \footnote at all: notes typed by hand ("{[}1{]}" … a notes section).
        typed = typed_notes(paragraphs, source, "latex")
        if typed is not None:
            return typed
    # \footnote[5]{…} numbers a note by hand; otherwise LaTeX numbers them.
    typed_numbers = any(c.option and c.option.isdigit() for c in commands)
    return manuscript(source, "latex", notes, markers, paragraphs, auto_numbered=not typed_numbers)


_NOT_NEWLINE = re.compile(r"[^\n]")
_SECTIONING = re.compile(r"^\s*\\(?:part|chapter|(?:sub)*section|paragraph)\*?[\[{]")
_BLOCK_START = re.compile(r"^\s*\\(?:bibitem|item|begin\{thebibliography\})")


def _paragraphs(masked: str, commands: list[_Command], begin: int, stop: int) -> list[tuple[int, str]]:
    """The body's paragraphs (without its notes) as ``(line, text)``: blank lines separate
    them, a sectioning command is a paragraph of its own, ``\\bibitem``/``\\item`` start one."""
    def blank(segment: str) -> str:
        return _NOT_NEWLINE.sub(" ", segment)

    pieces = [blank(masked[:begin])]
    last = begin
    for command in commands:
        pieces.append(masked[last : command.start])
        pieces.append(blank(masked[command.start : command.end]))
        last = command.end
    pieces.append(masked[last:stop])
    pieces.append(blank(masked[stop:]))
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate("".join(pieces).split("\n"), start=1):
        if not line.strip():
            current = None
            continue
        heading = bool(_SECTIONING.match(line))
        if current is None or heading or _BLOCK_START.match(line):
            current = []
            blocks.append((number, current))
        current.append(line.replace("\\begin{thebibliography}", "Bibliography "))
        if heading:
            current = None
    paragraphs = []
    for number, lines in blocks:
        reduced = [normalise(latex_to_text(line)) for line in lines]
        text = "\n".join(part for part in reduced if part)
        if text:
            paragraphs.append((number, text))
    return paragraphs
