"""Text to reportlab `Paragraph` markup: escaping, font runs, missing glyphs, cutting.

`Paragraph` parses its text as markup: raw text loses `<blink>x</blink>`,
rewrites `AT&T &nbsp;` and raises on `a <b c`. So `escape` is the one way
input text enters markup, and every tag the writer adds is a constant around
escaped text: no input value ever lands in a tag attribute.

One huge `Paragraph` lays out in super-linear time (RELIABILITY.md: 800 KB took
160 s), so `cut` splits long text into pieces of `PIECE_CHARS` at sentence or
space boundaries; each piece becomes its own `Paragraph`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import attrs

from ..model import Annotation, Diagnostic, Paragraph, Severity, Text, Timestamp
from . import _pdf_fonts

PIECE_CHARS = 2000
"""Longest text given to one `Paragraph` (about 2 KB: 0.7 s per MB, linear)."""
UNBROKEN_CHARS = 250
"""Longest piece cut from text with no space to break at (a blob, a 100 KB "word").
reportlab splits a word wider than the line by measuring every prefix of what is
left of it, once per line: quadratic in the word's length, so such runs get short pieces."""

_CJK_OPEN = f'<font face="{_pdf_fonts.CJK}">'
_CJK_CLOSE = "</font>"
_NEEDS_CJK_WRAP = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""Kana and Han: scripts written without spaces, which need reportlab's `wordWrap='CJK'`."""
_SPACE = re.compile(r"\s")
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"’”)\]」』）]*\s+|[。！？]")


def escape(text: str) -> str:
    """The only way text enters `Paragraph` markup: `&`, `<` and `>` escaped on the whole text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def needs_cjk_wrap(text: str) -> bool:
    """True when the text holds kana or Han, which break between characters, not at spaces."""
    return _NEEDS_CJK_WRAP.search(text) is not None


@attrs.define
class GlyphReport:
    """Characters no bundled font can draw, collected while one document is written.

    A mutable collector owned by one `render` call (never shared): it turns into
    diagnostics at the end, one per distinct character with its count and first line.
    """

    counts: dict[str, int] = attrs.field(factory=dict)
    first_line: dict[str, int | None] = attrs.field(factory=dict)
    line: int | None = None
    """The input line of the block being written, for the diagnostics."""

    def saw(self, char: str) -> None:
        if char not in self.counts:
            self.counts[char] = 0
            self.first_line[char] = self.line
        self.counts[char] += 1

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        out = []
        for char, count in self.counts.items():
            point = f"U+{ord(char):04X}"
            name = unicodedata.name(char, "unnamed character")
            times = "once" if count == 1 else f"{count} times"
            if _pdf_fonts.is_invisible(char):
                code, shown = "pdf-invisible-dropped", "left out (it has no visible form)"
            else:
                code, shown = "pdf-missing-glyph", f"printed as {replacement(char)}"
            out.append(
                Diagnostic(
                    code,
                    Severity.WARNING,
                    f"{point} {name} has no glyph in the bundled PDF fonts; {shown}, {times}",
                    self.first_line[char],
                )
            )
        return tuple(out)


def replacement(char: str) -> str:
    """What is printed instead of a character no font has: its code point, visibly."""
    return f"[U+{ord(char):04X}]"


def markup(text: str, report: GlyphReport) -> str:
    """Escaped markup for `text`, each run of CJK characters in the CJK font.

    Characters neither font has are replaced by `[U+XXXX]` (invisible controls
    are left out) and reported. Most text takes the fast path: one regex search.
    """
    coverage = _pdf_fonts.fonts()
    first = coverage.first_missing.search(text)
    if first is None:
        return escape(text)
    out = [escape(text[: first.start()])]
    position = first.start()
    cjk = _pdf_fonts.cjk_fonts()
    for run in coverage.missing_run.finditer(text, position):
        out.append(escape(text[position : run.start()]))
        out.append(_fallback_run(run.group(), cjk, report))
        position = run.end()
    out.append(escape(text[position:]))
    return "".join(out)


def _fallback_run(run: str, cjk: _pdf_fonts.Coverage, report: GlyphReport) -> str:
    """A run the main font lacks: CJK font where it has the glyphs, replacements elsewhere."""
    out: list[str] = []
    position = 0
    for missing in cjk.first_missing.finditer(run):
        if missing.start() > position:
            out += (_CJK_OPEN, escape(run[position : missing.start()]), _CJK_CLOSE)
        char = missing.group()
        report.saw(char)
        if not _pdf_fonts.is_invisible(char):
            out.append(escape(replacement(char)))
        position = missing.end()
    if position < len(run):
        out += (_CJK_OPEN, escape(run[position:]), _CJK_CLOSE)
    return "".join(out)


# Inline content and cutting ---------------------------------------------------


@attrs.frozen
class Segment:
    """A stretch of one paragraph in one style: plain text, an annotation or a time mark."""

    kind: str
    """`text`, `annotation` or `timestamp`."""
    text: str


_OPEN = {"text": "", "annotation": "<i>", "timestamp": '<font color="#6b6b6b">'}
_CLOSE = {"text": "", "annotation": "</i>", "timestamp": "</font>"}


def segments(paragraph: Paragraph) -> list[Segment]:
    """The paragraph's inline nodes as styled stretches; adjacent plain text is merged."""
    out: list[Segment] = []
    for node in paragraph.content:
        if isinstance(node, Text):
            if out and out[-1].kind == "text":
                out[-1] = Segment("text", out[-1].text + node.text)
            else:
                out.append(Segment("text", node.text))
        elif isinstance(node, Annotation):
            out.append(Segment("annotation", node.printed))
        elif isinstance(node, Timestamp):
            out.append(Segment("timestamp", node.printed))
        else:  # pragma: no cover - a new inline class must be added here
            raise TypeError(f"the PDF writer does not know the inline class {type(node).__name__}")
    return out


def pieces(paragraph: Paragraph, limit: int = PIECE_CHARS) -> Iterator[list[Segment]]:
    """The paragraph's segments, packed into pieces of at most `limit` characters.

    A segment longer than `limit` is cut by `cut`; a short paragraph is one piece.
    """
    current: list[Segment] = []
    size = 0
    for segment in segments(paragraph):
        parts = cut(segment.text, limit)
        for index, part in enumerate(parts):
            if current and (size + len(part) > limit or index > 0):
                yield current  # a cut part starts a piece: short unbroken parts stay short
                current, size = [], 0
            current.append(Segment(segment.kind, part))
            size += len(part)
    if current:
        yield current


def piece_markup(piece: list[Segment], report: GlyphReport) -> str:
    """Markup for one piece: each segment's escaped text inside its style's constant tags."""
    if len(piece) == 1 and piece[0].kind == "text":
        return markup(piece[0].text, report)
    return "".join(
        _OPEN[segment.kind] + markup(segment.text, report) + _CLOSE[segment.kind]
        for segment in piece
    )


def cut(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut after a sentence, else at a space.

    Only when the last half of a window has neither is the text cut inside a word,
    after `UNBROKEN_CHARS` (never before a combining mark; kana and Han text, which
    breaks between characters anyway, after `limit`). Joined together, the pieces
    are `text`.
    """
    size = len(text)
    out: list[str] = []
    start = 0
    # kana and Han break between characters without reportlab's long-word split
    unbroken = limit if needs_cjk_wrap(text) else UNBROKEN_CHARS
    while size - start > limit or (size - start > unbroken and _SPACE.search(text, start) is None):
        end = _cut_point(text, start, min(start + limit, size), unbroken)
        out.append(text[start:end])
        start = end
    if start < size or not out:
        out.append(text[start:])
    return out


def _cut_point(text: str, start: int, end: int, unbroken: int) -> int:
    floor = start + (end - start) // 2
    last = None
    for last in _SENTENCE_END.finditer(text, floor, end):  # noqa: B007 - the last match is kept
        pass
    if last is not None:
        return last.end()
    space = max(text.rfind(" ", floor, end), text.rfind("\n", floor, end))
    if space > start:
        return space + 1
    end = min(end, start + unbroken)
    while end > start + 1 and unicodedata.combining(text[end]):
        end -= 1
    return end
