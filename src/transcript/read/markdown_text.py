"""Markdown helpers shared by the readers that meet Markdown: blocks of lines and inline markup.

Transcripts reach us as Markdown from blogs, podcast sites and HTML-to-Markdown
conversions of archive pages. The readers need two things from the syntax:

- what a line is as a Markdown block (`block_of`): heading, thematic break,
  code fence, list item, quoted or plain text, so headings end turns and list
  items stay in them;
- the text a reader would see once inline markup is gone (`clean_inline`):
  emphasis markers, backslash escapes, links (`[text](url)` keeps the text),
  images (the alt text), HTML entities, hard breaks, and the `<inaudible>`
  tags that HTML converters leave where a transcriber wrote an annotation.

Everything is plain string work or a bounded regex, linear in the line.
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple

import attrs

from ..inline import CLOCK, clock_seconds, parse_inline
from ..model import Annotation

MAX_HEADING_LEVEL = 6


class BlockKind(enum.Enum):
    BLANK = "blank"
    HEADING = "heading"
    RULE = "rule"
    FENCE = "fence"
    ITEM = "item"
    TEXT = "text"


class Block(NamedTuple):
    """One line as a Markdown block: its kind, heading level, and the text inside the markup.

    A named tuple, not an attrs class: one is made for every line of a document.
    """

    kind: BlockKind
    text: str
    """The content: heading text, list-item text (marker removed) or the line without `>`s."""
    level: int = 0
    """Heading level, or the `>` depth of a quoted line."""
    marker: str = ""
    """A list item's marker (`-`, `1.`), or the fence's opening characters."""
    quoted: bool = False


BLANK = Block(BlockKind.BLANK, "")
_TEXT = BlockKind.TEXT
BLOCK_MARKS = frozenset(">#-*_`~+")
"""The characters a block marker starts with, besides digits (`1.` items)."""
BOLD_OPENERS = ("**", "__")
"""Bold at a line's start: never a list item, a rule only when the whole line is marks."""

_ORDERED_MARKER = re.compile(r"(\d{1,9})([.)])(?:[ \t]+|$)")


def paragraph_line(line: str) -> str | None:
    """The stripped text of a line that opens no block, or None (blank, or a block may open).

    Most lines of a transcript: no marker starts them, or bold does (`**Name:** …`),
    which opens no block unless the whole line is a rule. `block_of` without a `Block`.
    """
    text = line.strip()
    if not text:
        return None
    first = text[0]
    if first not in BLOCK_MARKS and not first.isdigit():
        return text
    if text[:2] in BOLD_OPENERS and (text[-1] != first or not _is_rule(text)):
        return text  # (a rule ends with the mark it starts with)
    return None


def block_of(line: str) -> Block:
    """What a raw Markdown line is (CommonMark's block starts, minus the rare ones)."""
    text = paragraph_line(line)
    if text is not None:
        return Block(_TEXT, text, 0, "", False)
    text = line.strip()
    if not text:
        return BLANK
    depth = 0
    while text.startswith(">"):
        depth += 1
        text = text[1:].lstrip()
    if not text:
        return Block(BlockKind.BLANK, "", depth, quoted=depth > 0)
    quoted = depth > 0
    first = text[0]
    if first == "#":
        heading = _heading(text)
        if heading is not None:
            level, content = heading
            return Block(BlockKind.HEADING, content, level, quoted=quoted)
    if first in "-*_" and _is_rule(text):
        return Block(BlockKind.RULE, "", depth, quoted=quoted)
    if first in "`~" and text.startswith(("```", "~~~")):
        return Block(BlockKind.FENCE, text[3:].strip(), depth, text[:3], quoted=quoted)
    if first in "-*+" and (len(text) == 1 or text[1] in " \t"):
        return Block(BlockKind.ITEM, text[1:].strip(), depth, first, quoted=quoted)
    if first.isdigit():
        ordered = _ORDERED_MARKER.match(text)
        if ordered is not None:
            marker = ordered.group(1) + ordered.group(2)
            return Block(BlockKind.ITEM, text[ordered.end() :].strip(), depth, marker, quoted)
    return Block(_TEXT, text, depth, "", quoted)


def _heading(text: str) -> tuple[int, str] | None:
    """`## Title ##` → (2, `Title`); `#hashtag` and `#######` are not headings."""
    level = len(text) - len(text.lstrip("#"))
    if level > MAX_HEADING_LEVEL:
        return None
    rest = text[level:]
    if rest and rest[0] not in " \t":
        return None
    content = rest.strip()
    closing = content.rstrip("#")
    if closing != content and (not closing or closing[-1] in " \t"):
        content = closing.rstrip()
    return level, content


def _is_rule(text: str) -> bool:
    """`---`, `* * *`, `___`: three or more of one marker and nothing else."""
    if text[-1] != text[0]:
        return False  # `**Name:** …`: the common bold paragraph, refused without copying
    marks = text.replace(" ", "").replace("\t", "")
    return len(marks) >= 3 and marks.count(marks[0]) == len(marks)


# -- inline markup -----------------------------------------------------------------------

_LINK = re.compile(
    r"(!?)\[([^\[\]\n]{0,300})\]\(<?([^()<>\s]{0,2000})>?(?:[ \t]{1,20}\"[^\"\n]{0,300}\")?\)"
)
"""`[text](url "title")` and `![alt](src)`; no nesting, every run bounded."""
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]{1,2000})>")
_HTML_WORD_TAG = re.compile(r"<([A-Za-z][A-Za-z' -]{0,40})>")
"""`<inaudible>`, `<laughs>`: an annotation an HTML-to-Markdown converter left as a tag."""
_BREAK_TAG = re.compile(r"<br\s{0,3}/?>", re.IGNORECASE)
_MARKUP = re.compile(r"\\[!-/:-@\[-`{-~]|\*{1,3}|_{1,3}|`{1,3}")
"""Backslash escapes and emphasis or code runs, judged and paired by `_strip_markup`."""


@attrs.define
class Dropped:
    """What inline cleanup took out that held words: link targets, by line, for a diagnostic."""

    links: list[tuple[int, str]] = attrs.field(factory=list)


def clean_inline(text: str, line: int = 0, dropped: Dropped | None = None) -> str:
    """The text of a Markdown paragraph as a reader sees it (see the module docstring)."""
    if "](" in text:
        text = _LINK.sub(lambda m: _link_text(m, line, dropped), text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _BREAK_TAG.sub(" ", text)
        text = _HTML_WORD_TAG.sub(_annotation_tag, text)
    if "*" in text or "_" in text or "\\" in text or "`" in text:
        text = _strip_markup(text)
    if "&" in text and ";" in text:
        import html  # here, not at the top: html.entities takes 1 ms to import, most text has none

        text = html.unescape(text)
    return text.strip()


def _link_text(match: re.Match[str], line: int, dropped: Dropped | None) -> str:
    image, words, url = match.group(1), match.group(2), match.group(3)
    if dropped is not None and url:
        dropped.links.append((line, url))
    if image:
        return f"[image: {words}]" if words else "[image]"
    return words or url


def _annotation_tag(match: re.Match[str]) -> str:
    bracketed = f"[{match.group(1).strip()}]"
    nodes = parse_inline(bracketed)
    if len(nodes) == 1 and isinstance(nodes[0], Annotation):
        return bracketed
    return match.group()


def _strip_markup(text: str) -> str:
    """Escapes give their character; emphasis and code runs go in matched pairs.

    A run at a word edge (`*word`, `word**`) is markup only when it pairs with
    the same run across the paragraph (`*a few words*`); an unpaired one (`a *d`,
    `0_`) is a character the writer typed and stays, so nothing is lost.
    Inside a word (`snake_case`, `2*3`), alone between spaces, or longer than three
    (`*****`) a run is text.
    """
    pieces: list[str] = []
    openers: dict[str, list[int]] = {}  # run -> indexes in `pieces` of runs still open
    last = 0
    for match in _MARKUP.finditer(text):
        token = match.group()
        pieces.append(text[last : match.start()])
        last = match.end()
        if token[0] == "\\":
            pieces.append(token[1])
            continue
        before = text[match.start() - 1] if match.start() > 0 else " "
        after = text[last] if last < len(text) else " "
        if before.isalnum() and after.isalnum() and (token[0] == "_" or len(token) == 1):
            pieces.append(token)  # inside a word: snake_case, 2*3
            continue
        if before.isspace() and after.isspace():
            pieces.append(token)  # a lone asterisk between spaces is a character
            continue
        if before == token[0] or after == token[0]:
            pieces.append(token)  # part of a run longer than three: a rule or a flourish
            continue
        waiting = openers.get(token)
        if waiting and not before.isspace():
            pieces[waiting.pop()] = ""  # closes the nearest open run: both go
            pieces.append("")
            continue
        if not after.isspace():
            openers.setdefault(token, []).append(len(pieces))
        pieces.append(token)
    pieces.append(text[last:])
    return "".join(pieces)


def strip_emphasis(text: str) -> str:
    """Only the emphasis and escapes of `clean_inline` (for label text)."""
    if "*" in text or "_" in text or "\\" in text or "`" in text:
        return _strip_markup(text).strip()
    return text.strip()


def is_wrapped_in_emphasis(text: str) -> bool:
    """The paragraph is all italic or all bold (`*Photo: …*`, `_Edited for length._`)."""
    text = text.strip()
    for mark in ("**", "__", "*", "_"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            inner = text[len(mark) : -len(mark)]
            return inner == inner.strip() and mark not in inner
    return False


_CLOSERS = {"[": "]", "(": ")"}


def leading_clock(text: str) -> tuple[float | None, str]:
    """A timestamp at the start of speech (`[00:01:23]`, `(12:34)`, `00:12 -`) → (seconds, rest).

    The text must already be unescaped (`\\[10:12\\]` → `[10:12]`).
    """
    stripped = text.lstrip()
    if not stripped:
        return None, text
    opener = stripped[0]
    closer = _CLOSERS.get(opener)
    if closer is not None:
        end = stripped.find(closer, 1, 20)
        if end < 0:
            return None, text
        match = CLOCK.fullmatch(stripped[1:end].strip())
        if match is None:
            return None, text
        return clock_seconds(match), stripped[end + 1 :].lstrip(" \t-–—:")
    if opener.isdigit():
        match = CLOCK.match(stripped)
        if match is not None and match.end() < len(stripped) and stripped[match.end()] in " \t":
            rest = stripped[match.end() :].lstrip()
            if rest[:1] in ("-", "–", "—", "|"):
                return clock_seconds(match), rest[1:].lstrip()
    return None, text


def trailing_clock(text: str) -> tuple[float | None, str]:
    """A timestamp at the end of a label (`Name (00:01:23)`, `Name [12:34]`) → (seconds, name)."""
    stripped = text.rstrip()
    if len(stripped) < 6 or stripped[-1] not in ")]":
        return None, text
    opener = "(" if stripped[-1] == ")" else "["
    start = stripped.rfind(opener, max(0, len(stripped) - 20))
    if start < 0:
        return None, text
    match = CLOCK.fullmatch(stripped[start + 1 : -1].strip())
    if match is None:
        return None, text
    return clock_seconds(match), stripped[:start].rstrip(" \t-–—,")
