"""The PDF writer's fonts: the TrueType files shipped in `write/fonts/`, registered with reportlab.

The base-14 PDF fonts draw boxes for anything past Latin-1, and a font looked up
on the user's system would make output depend on the machine, so the package
carries its own (see `fonts/LICENSE-*.txt`):

- DejaVu Sans regular, bold and oblique: Latin, Greek, Cyrillic, accents,
  punctuation and symbols;
- Droid Sans Fallback: Hangul syllables, kana and 20,902 unified Han ideographs.

reportlab keeps registered fonts in a process-wide table, so registration
happens once per process (`fonts()` is cached); the CJK file (3.4 MB) is only
parsed when a document first needs it. Embedded TrueType fonts are subset by
reportlab, so a PDF carries only the glyphs it uses.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from collections.abc import Iterable

import attrs
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "TranscriptSans"
SANS_BOLD = "TranscriptSans-Bold"
SANS_ITALIC = "TranscriptSans-Oblique"
CJK = "TranscriptCJK"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    CJK: "DroidSansFallback.ttf",
}


@attrs.frozen
class Coverage:
    """Which characters a font can draw, as regexes that scan text at C speed."""

    first_missing: re.Pattern[str]
    """Matches the first character the font has no glyph for (whitespace never counts)."""
    missing_run: re.Pattern[str]
    """Matches a run of characters the font lacks, with the whitespace between them."""

    @classmethod
    def of(cls, codepoints: Iterable[int]) -> Coverage:
        ranges = _class_ranges(codepoints)
        first = re.compile(f"[^{ranges}\\s]")
        run = re.compile(f"[^{ranges}\\s](?:\\s*[^{ranges}\\s])*")
        return cls(first, run)


def _class_ranges(codepoints: Iterable[int]) -> str:
    """A regex character-class body (`a-zà-ÿ…`) for a set of code points."""
    points = sorted(set(codepoints))
    parts: list[str] = []
    start = previous = -2
    for point in points:
        if point == previous + 1:
            previous = point
            continue
        if start >= 0:
            parts.append(_range(start, previous))
        start = previous = point
    if start >= 0:
        parts.append(_range(start, previous))
    return "".join(parts)


def _range(first: int, last: int) -> str:
    low = re.escape(chr(first)) if first > 0x20 else f"\\x{first:02x}"
    if first == last:
        return low
    high = re.escape(chr(last)) if last > 0x20 else f"\\x{last:02x}"
    return f"{low}-{high}"


def _register(name: str) -> TTFont:
    resource = importlib.resources.files("transcript.write") / "fonts" / _FILES[name]
    with importlib.resources.as_file(resource) as path:
        font = TTFont(name, str(path))  # reads the whole file: the temporary path may go
    pdfmetrics.registerFont(font)
    return font


def _codepoints(font: TTFont) -> Iterable[int]:
    """The characters the font draws, within the Basic Multilingual Plane.

    reportlab 5.1 writes a character past U+FFFF into the text layer (ToUnicode)
    as five hex digits, so DejaVu's emoticons would print but read back, copy
    and search as other characters ("😀" as "ὠ"): they count as missing instead.
    """
    return (point for point, glyph in font.face.charToGlyph.items() if glyph and point <= 0xFFFF)


@functools.cache
def fonts() -> Coverage:
    """Register the Latin/Greek/Cyrillic family once per process; its coverage.

    Bold and italic map to their own files; bold italic to bold (the package
    does not ship a fourth file for a style transcripts almost never use).
    """
    regular = _register(SANS)
    _register(SANS_BOLD)
    _register(SANS_ITALIC)
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD
    )
    return Coverage.of(_codepoints(regular))


@functools.cache
def cjk_fonts() -> Coverage:
    """Register the CJK fallback once per process, on first use; its coverage.

    It has no bold or italic: `<b>` and `<i>` inside a CJK run use the same face
    (registered as a family so the markup still resolves).
    """
    font = _register(CJK)
    pdfmetrics.registerFontFamily(CJK, normal=CJK, bold=CJK, italic=CJK, boldItalic=CJK)
    return Coverage.of(_codepoints(font))


def is_invisible(char: str) -> bool:
    """Format controls and variation selectors: nothing to draw, so dropping them shows nothing."""
    point = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
    )
