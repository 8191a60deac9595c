"""Page furniture of printed transcripts: margin line numbers, headers, footers, page numbers.

Court reporters, the Supreme Court's reporters, PACER filings and PDF exports print
every page the same way: a header (`Official - Subject to Final Review`, a filing
stamp), a page number, lines numbered 1–25 in the left margin, and a footer naming
the reporting company. None of it is speech, and a turn runs across it. This
module takes it off before any label grammar looks at the text, so every reader
of paginated text (testimony, hearings, anything from a PDF) sees the same clean
lines, and every removed line is accounted for through `DocumentBuilder.furniture`.

How a page is recognised, in order:

1. form feeds are page breaks: removed, recorded;
2. a legal page layout is a document where at least 60% of the non-blank lines
   begin with a 1–2 digit number that counts up and restarts at 1 (FORMATS.md §8);
   in it, the margin number of every line is removed;
3. in such a layout, the few unnumbered lines between the last numbered line of a
   page and line 1 of the next (or before the first page, or after the last) are
   that page's header, page number and footer; the same text met elsewhere is too;
4. in any document, lines of a shape no speech has are furniture: a filing stamp
   (`Case 1:26-cr-… Document 214 Filed … Page 87 of 240`), a page marker
   (`[[Page 12]]`), a centred or right-aligned page number, a `(Continued)` mark,
   and recurring reporter boilerplate (`Official - Subject to Final Review`).

Every rule is a plain string test or an anchored, bounded regex: linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import attrs

Recorder = Callable[[str, int], None]
"""Where furniture is reported: `DocumentBuilder.furniture(kind, line)`."""

LEGAL_LAYOUT_SHARE = 0.6
"""Share of non-blank lines with a cycling margin number that makes a legal page layout."""
MIN_NUMBERED_LINES = 5
"""Fewer numbered lines than this is a list, not a page."""
FULL_PAGE_LINES = 20
"""Numbered lines enough for a page, after which the cover and index do not count."""
MIN_TOP_NUMBER = 10
"""A page's numbering reaches at least this far; a numbered list of three items does not."""
MAX_MARGIN_NUMBER = 50
"""Line numbers run to 25 in most courts, to 28 or 32 in a few; never past this."""
MARGIN_INDENT = 6
"""A margin number sits within this many columns of the left edge."""
GAP_MAX_LINES = 6
"""At most this many unnumbered lines between two pages are a header and a footer."""
ALIGNED_NUMBER_INDENT = 20
"""Outside a legal layout, a bare number is a page number only when centred or right-aligned."""
BOILERPLATE_MAX_CHARS = 100
TAB_WIDTH = 8
MARGIN_MIN_LINES = 2
MARGIN_SHARE_DIVISOR = 10
"""An indentation shared by a tenth of the text lines (and two at least) can be the margin."""

MARGIN_NUMBER = re.compile(r"[ \t]{0,6}(\d{1,2})(?=[ \t]|$)")
"""A margin line number: 1–2 digits near the left edge, then space or the end of the line."""
PAGE_NUMBER = re.compile(
    r"[ \t]*(?:page[ \t]{1,4})?[-–—(\[]?[ \t]{0,2}\d{1,5}[ \t]{0,2}[-–—)\]]?"
    r"(?:[ \t]{1,4}of[ \t]{1,4}\d{1,5})?[ \t]*",
    re.IGNORECASE,
)
"""A whole line that is a page number: `5`, `- 5 -`, `(5)`, `Page 5`, `Page 5 of 20`."""
FILING_STAMP = re.compile(
    r"[ \t]*Case[ \t]{1,8}\S{1,40}[ \t]{1,8}Document[ \t]{1,8}\S{1,20}[ \t]{1,8}"
    r"Filed[ \t]{1,8}\S{1,20}[ \t]{1,8}Page[ \t]{1,8}\d{1,6}",
    re.IGNORECASE,
)
"""The stamp PACER prints at the top of every page of a filed document."""
PAGE_MARKER = re.compile(r"[ \t]*\[\[Page[ \t]{1,4}[A-Za-z]{0,2}\d{1,6}\]\][ \t]*")
"""`[[Page 12]]`, `[[Page S1234]]`: GPO and Congressional Record page markers."""

CONTINUED_MARKS = frozenset({"continued", "cont'd", "contd", "cont’d", "continuing"})
BOILERPLATE_WORDS = (
    "subject to final review",
    "reporting",
    "court reporter",
    "reporters",
    "stenograph",
    "shorthand",
    "transcription",
)
"""Words that mark a running line as the reporter's or publisher's, not the speakers'."""


@attrs.frozen
class PageLine:
    """One source line with its page furniture taken off.

    `text` keeps the indentation that followed the margin number (label tab stops
    and centring carry meaning), without trailing space. Furniture and blank
    lines have empty text; readers treat both as blank.
    """

    number: int
    """The 1-based source line."""
    text: str
    page_line: int | None = None
    """The printed margin number, when the page has them."""
    stripped: str = attrs.field(init=False, eq=False, repr=False)
    """The text without its indentation (computed once: every rule of a reader asks for it)."""
    indent: int = attrs.field(init=False, eq=False, repr=False)
    """Columns of space before the text (tabs to 8), measured after the margin number."""

    def __attrs_post_init__(self) -> None:
        text = self.text
        stripped = text.lstrip(" \t")
        width = len(text) - len(stripped)
        if width and "\t" in text[:width]:
            width = len(text[:width].expandtabs(TAB_WIDTH))
        object.__setattr__(self, "stripped", stripped.rstrip(" \t"))
        object.__setattr__(self, "indent", width)


def page_lines(raw_lines: Sequence[str], record: Recorder | None = None) -> list[PageLine]:
    """The document's lines with page furniture removed and reported (module docstring)."""
    report: Recorder = record or _ignore
    lines = [_without_form_feeds(number, raw, report) for number, raw in enumerate(raw_lines, 1)]
    numbers = [_margin_number(line) for line in lines]
    if not has_legal_layout_numbers(lines, numbers):
        boilerplate = Counter(line for line in lines if is_boilerplate(line))
        return [_unpaged(number, line, report, boilerplate) for number, line in enumerate(lines, 1)]
    return _paged(lines, numbers, report)


def has_legal_layout(raw_lines: Sequence[str]) -> bool:
    """True when most lines carry margin numbers that cycle 1–25 (FORMATS.md §8, step 2)."""
    lines = [raw.replace("\f", "") for raw in raw_lines]
    return has_legal_layout_numbers(lines, [_margin_number(line) for line in lines])


def has_legal_layout_numbers(lines: Sequence[str], numbers: Sequence[int | None]) -> bool:
    """60% of the non-blank lines numbered in sequence: of the whole text, or, once a page's
    worth of lines is numbered, of the stretch from the first numbered line to the last
    (a caption before it and a word index after it are unnumbered)."""
    non_blank = 0
    in_sequence = 0
    previous: int | None = None
    first_at = last_at = 0  # non-blank counts when the first and last numbered lines were met
    top = 0
    for line, number in zip(lines, numbers, strict=True):
        if not line.strip():
            continue
        non_blank += 1
        if number is None:
            continue
        if previous is None or number == previous + 1 or number == 1:
            in_sequence += 1
            top = max(top, number)
            if in_sequence == 1:
                first_at = non_blank
            last_at = non_blank
        previous = number
    if in_sequence < MIN_NUMBERED_LINES or top < MIN_TOP_NUMBER:
        return False
    if in_sequence >= LEGAL_LAYOUT_SHARE * non_blank:
        return True
    stretch = last_at - first_at + 1
    return in_sequence >= FULL_PAGE_LINES and in_sequence >= LEGAL_LAYOUT_SHARE * stretch


def common_indent(lines: Sequence[PageLine]) -> int:
    """The left margin of wrapped speech: the smallest indentation many text lines share.

    Numbered lines decide when there are any (an unnumbered word index must not
    pull the margin left); labels at tab stops and centred headings sit right of it.
    """
    numbered = [line for line in lines if line.page_line is not None and line.text.strip()]
    counts = Counter(line.indent for line in (numbered or lines) if line.text.strip())
    if not counts:
        return 0
    total = sum(counts.values())
    enough = max(MARGIN_MIN_LINES, total // MARGIN_SHARE_DIVISOR)
    common = [indent for indent, n in counts.items() if n >= enough]
    return min(common) if common else min(counts)


# -- rules -------------------------------------------------------------------------------


def _ignore(kind: str, line: int) -> None:
    """The recorder of a caller that only wants the clean lines (`fit`)."""


def _without_form_feeds(number: int, raw: str, report: Recorder) -> str:
    if "\f" in raw:
        report("form feed", number)
        raw = raw.replace("\f", "")
    return raw.rstrip()


def _margin_number(line: str) -> int | None:
    if not line or not (line[0].isdigit() or line[0] in " \t"):
        return None
    match = MARGIN_NUMBER.match(line)
    if match is None:
        return None
    number = int(match.group(1))
    return number if 1 <= number <= MAX_MARGIN_NUMBER else None


def shape_kind(text: str) -> str | None:
    """The furniture kind a line's shape alone gives away, or None (any indentation)."""
    if not text or len(text) > 4 * BOILERPLATE_MAX_CHARS:
        return None
    if "[[" in text and PAGE_MARKER.fullmatch(text):
        return "page marker"
    stripped = text.strip(" \t")
    if stripped[:1] in "Cc" and FILING_STAMP.match(text):
        return "filing stamp"
    if len(stripped) <= 20 and stripped.strip("()[]-*—– .").casefold() in CONTINUED_MARKS:
        return "continued mark"
    return None


def is_boilerplate(text: str) -> bool:
    """A reporter's or publisher's line: short, naming the trade, and not a sentence.

    `KESTREL REPORTING SERVICES`, `Official - Subject to Final Review` qualify;
    a question asked twice about `our reporters` is speech, however often it recurs.
    """
    if len(text) > BOILERPLATE_MAX_CHARS:
        return False
    folded = text.casefold()
    return any(word in folded for word in BOILERPLATE_WORDS) and not _reads_as_sentence(text)


SENTENCE_LOWER_WORDS = 3
"""Lower-case words enough to make a line running prose rather than a name or a notice."""


def _reads_as_sentence(text: str) -> bool:
    """A question or exclamation, or words mostly in lower case: speech, not a letterhead."""
    stripped = text.rstrip()
    if stripped[-1:] in ("?", "!"):
        return True
    lower = sum(1 for word in stripped.split() if word[0].islower() and len(word) > 3)
    return lower >= SENTENCE_LOWER_WORDS


def _unpaged(number: int, line: str, report: Recorder, boilerplate: Counter[str]) -> PageLine:
    """A line of a document without margin numbers: only shapes speech never has go."""
    if not line:
        return PageLine(number, "")
    kind = shape_kind(line)
    if kind is None and PAGE_NUMBER.fullmatch(line):
        indent = len(line) - len(line.lstrip(" \t"))
        if indent >= ALIGNED_NUMBER_INDENT or not line.strip(" \t").isdigit():
            kind = "page number"
    if kind is None and boilerplate[line] >= 2:  # a running header or footer
        kind = "reporter boilerplate"
    if kind is None:
        return PageLine(number, line)
    report(kind, number)
    return PageLine(number, "")


def _paged(lines: Sequence[str], numbers: Sequence[int | None], report: Recorder) -> list[PageLine]:
    """A legal page layout: strip margin numbers; the unnumbered lines between pages go."""
    gap = _page_gaps(lines, numbers)
    gap_texts = {
        " ".join(line.split())
        for index, line in enumerate(lines)
        if gap[index] and line and not PAGE_NUMBER.fullmatch(line)
    }
    boilerplate = Counter(
        line
        for line, margin in zip(lines, numbers, strict=True)
        if margin is None and is_boilerplate(line)
    )
    result: list[PageLine] = []
    seen_body = False
    page_number_since_body = False
    for index, line in enumerate(lines):
        number = index + 1
        margin = numbers[index]
        if margin is not None:
            match = MARGIN_NUMBER.match(line)
            assert match is not None
            report("line number", number)
            seen_body = True
            page_number_since_body = False
            result.append(PageLine(number, line[match.end() :], margin))
            continue
        if not line:
            result.append(PageLine(number, ""))
            continue
        kind = shape_kind(line)
        if kind is None and PAGE_NUMBER.fullmatch(line):
            kind = "page number"
            page_number_since_body = True
        if kind is None and boilerplate[line] >= 2:
            kind = "reporter boilerplate"
        if kind is None and (gap[index] or " ".join(line.split()) in gap_texts):
            if is_boilerplate(line):
                kind = "reporter boilerplate"
            elif seen_body and not page_number_since_body:
                kind = "page footer"
            else:
                kind = "page header"
        if kind is None:
            result.append(PageLine(number, line))
            continue
        report(kind, number)
        result.append(PageLine(number, ""))
    return result


def _page_gaps(lines: Sequence[str], numbers: Sequence[int | None]) -> list[bool]:
    """For each line: True when it is an unnumbered line in a short run between two pages.

    A run of unnumbered lines is a page gap when it sits before the first
    numbered line, after the last, or where the numbering starts again, and is
    short enough to be a header and a footer (longer runs are unnumbered text,
    such as a word index, and are kept).
    """
    gap = [False] * len(lines)
    index = 0
    previous: int | None = None
    while index < len(lines):
        if numbers[index] is not None:
            previous = numbers[index]
            index += 1
            continue
        start = index
        non_blank = 0
        while index < len(lines) and numbers[index] is None:
            if lines[index]:
                non_blank += 1
            index += 1
        following = numbers[index] if index < len(lines) else None
        boundary = previous is None or following is None or following <= previous
        if boundary and non_blank <= GAP_MAX_LINES:
            for position in range(start, index):
                gap[position] = True
    return gap
