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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import compress, pairwise

import attrs

Recorder = Callable[[str, int], None]
Margin = tuple[int, int]
"""A printed margin number and the column where the line's text after it starts."""
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
class Pages:
    """A document's lines with page furniture taken off: one object for the whole document.

    `lines[i]` is source line `i + 1` without trailing space and without its margin
    number; the indentation after the number is kept (label tab stops and centring
    carry meaning). Furniture and blank lines are ''; readers treat both as blank.
    Lines are plain strings, not an object each: a reader asks for what it needs
    (`indent_of`, `str.lstrip`) of the few lines its rules look at closely.
    """

    lines: list[str]
    margins: dict[int, Margin] = attrs.field(factory=dict)
    """Line index → (printed margin number, its end column), in a legal page layout
    (empty elsewhere)."""


def page_lines(raw_lines: Sequence[str], record: Recorder | None = None) -> Pages:
    """The document's lines with page furniture removed and reported (module docstring)."""
    report: Recorder = record or _ignore
    lines = _without_form_feeds(raw_lines, report)
    margins = _margin_numbers(lines)
    if not has_legal_layout_numbers(lines, margins):
        return Pages(_unpaged(lines, report))
    return _paged(lines, margins, report)


def has_legal_layout(raw_lines: Sequence[str]) -> bool:
    """True when most lines carry margin numbers that cycle 1–25 (FORMATS.md §8, step 2)."""
    lines = [raw.replace("\f", "").rstrip() for raw in raw_lines]
    return has_legal_layout_numbers(lines, _margin_numbers(lines))


def has_legal_layout_numbers(lines: Sequence[str], margins: Mapping[int, Margin]) -> bool:
    """60% of the non-blank lines numbered in sequence: of the whole text, or, once a page's
    worth of lines is numbered, of the stretch from the first numbered line to the last
    (a caption before it and a word index after it are unnumbered).

    `lines` are without trailing space, so blank is ''; `margins` holds the numbered
    lines in document order, so only they are walked.
    """
    if len(margins) < MIN_NUMBERED_LINES:
        return False
    in_sequence = 0
    previous: int | None = None
    first = last = -1  # indexes of the first and last numbered lines in sequence
    top = 0
    for index, (number, _) in margins.items():
        if previous is None or number == previous + 1 or number == 1:
            in_sequence += 1
            if number > top:
                top = number
            if first < 0:
                first = index
            last = index
        previous = number
    if in_sequence < MIN_NUMBERED_LINES or top < MIN_TOP_NUMBER:
        return False
    non_blank = len(lines) - lines.count("")
    if in_sequence >= LEGAL_LAYOUT_SHARE * non_blank:
        return True
    stretch = last - first + 1 - lines[first : last + 1].count("")
    return in_sequence >= FULL_PAGE_LINES and in_sequence >= LEGAL_LAYOUT_SHARE * stretch


def indent_of(text: str) -> int:
    """Columns of space before the text (tabs to 8), measured after any margin number."""
    width = len(text) - len(text.lstrip(" \t"))
    if width and "\t" in text[:width]:
        width = len(text[:width].expandtabs(TAB_WIDTH))
    return width


def line_indents(lines: Sequence[str], stripped: Sequence[str]) -> list[int]:
    """Every line's `indent_of`, given the lines without their indentation (string lengths
    alone, but for the rare line with a tab)."""
    return [
        indent_of(line) if "\t" in line else len(line) - len(bare)
        for line, bare in zip(lines, stripped, strict=True)
    ]


def common_indent(
    stripped: Sequence[str], indents: Sequence[int], numbered: Collection[int] = ()
) -> int:
    """The left margin of wrapped speech: the smallest indentation many text lines share.

    `stripped` are the lines without indentation, `indents` their `indent_of`
    (`line_indents`). Numbered lines (`Pages.margins`) decide when there are any
    (an unnumbered word index must not pull the margin left); labels at tab stops
    and centred headings sit right of it.
    """
    counts = Counter([indents[index] for index in numbered if stripped[index]])
    if not counts:
        counts = Counter(compress(indents, stripped))  # the indentation of every text line
    if not counts:
        return 0
    total = sum(counts.values())
    enough = max(MARGIN_MIN_LINES, total // MARGIN_SHARE_DIVISOR)
    common = [indent for indent, n in counts.items() if n >= enough]
    return min(common) if common else min(counts)


# -- rules -------------------------------------------------------------------------------


def _ignore(kind: str, line: int) -> None:
    """The recorder of a caller that only wants the clean lines (`fit`)."""


def _without_form_feeds(raw_lines: Sequence[str], report: Recorder) -> list[str]:
    """Lines without trailing space; a form feed is a page break, removed and reported.

    One that opens or ends a line goes; one between words becomes a space (`0\fA` is
    two words, not `0A`).

    Form feeds are rare: one scan of the joined text decides whether any line needs a look.
    """
    lines = [raw.rstrip() for raw in raw_lines]
    if "\f" in "".join(raw_lines):
        for index, raw in enumerate(raw_lines):
            if "\f" in raw:
                report("form feed", index + 1)
                first, *rest = raw.lstrip("\f").split("\f")
                words = [piece.strip(" \t") for piece in rest]
                lines[index] = " ".join([first.rstrip(), *filter(None, words)]).rstrip()
    return lines


def _margin_numbers(lines: Sequence[str]) -> dict[int, Margin]:
    """Index → (number, end) of every line that starts with a margin number in range (1–50).

    The compiled pattern is tried on every line at C speed; only its matches are
    looked at in Python.
    """
    match = MARGIN_NUMBER.match
    found = [match(line) for line in lines]
    if len(found) - found.count(None) < MIN_NUMBERED_LINES:
        return {}  # too few for a page: no need to look at them
    matched = zip(compress(range(len(found)), found), compress(found, found), strict=True)
    value = MARGIN_VALUES.get  # the common case; `_margin_value` for the rest (all values > 0)
    return {
        index: (number, margin.end())
        for index, margin in matched
        if margin is not None and (number := value(margin[1]) or _margin_value(margin[1]))
    }


MARGIN_VALUES = {str(n): n for n in range(1, MAX_MARGIN_NUMBER + 1)} | {
    f"0{n}": n for n in range(1, 10)
}
"""Printed margin numbers in range → their values: a lookup instead of an `int()` per line."""


def _margin_value(printed: str) -> int:
    """The margin number printed (1–2 digits), or 0 when out of range (0, 51–99)."""
    number = MARGIN_VALUES.get(printed)
    if number is None:  # other digits than ASCII, or out of range
        number = int(printed)
        return number if 0 < number <= MAX_MARGIN_NUMBER else 0
    return number


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
    """A question or exclamation, words mostly in lower case, or a line that stops on a
    lower-case word (speech wrapped mid-sentence: `… our reporters was surprised by the`):
    speech, not a letterhead, whose last word is a name (`Reporting Services`)."""
    stripped = text.rstrip()
    if stripped[-1:] in ("?", "!"):
        return True
    words = stripped.split()
    if words and words[-1].isalpha() and words[-1].islower():
        return True
    lower = sum(1 for word in words if word[0].islower() and len(word) > 3)
    return lower >= SENTENCE_LOWER_WORDS


SHORT_LINE = 34
"""A page number or a `(Continued)` mark is at most this long without its indentation."""


def is_page_number(stripped: str) -> bool:
    """A whole line (without its indentation) that is a page number (`PAGE_NUMBER`).

    Matched without the indentation, so a right-aligned number costs no backtracking
    over the spaces before it; a line too long to be one is not matched at all.
    """
    return len(stripped) <= SHORT_LINE and PAGE_NUMBER.fullmatch(stripped) is not None


MAY_START_FURNITURE = "Cc"
"""A longer line is furniture only as a filing stamp (`Case …`), a `[[Page]]` marker or a
recurring line; anything else is speech, decided by these string tests alone."""


def _unpaged(lines: list[str], report: Recorder) -> list[str]:
    """A document without margin numbers: only shapes speech never has go (in place)."""
    recurring = _recurring_boilerplate(lines)
    candidates = [
        index
        for index, line in enumerate(lines)
        if line
        and (
            len(line) <= SHORT_LINE
            or (stripped := line.lstrip(" \t"))[0] in MAY_START_FURNITURE
            or len(stripped) <= SHORT_LINE
            or line in recurring
            or "[[" in line
        )
    ]
    for index in candidates:
        line = lines[index]
        stripped = line.lstrip(" \t")
        kind = shape_kind(line)
        if kind is None and is_page_number(stripped):
            indent = len(line) - len(stripped)
            if indent >= ALIGNED_NUMBER_INDENT or not stripped.isdigit():
                kind = "page number"
        if kind is None and line in recurring:  # a running header or footer
            kind = "reporter boilerplate"
        if kind is not None:
            report(kind, index + 1)
            lines[index] = ""
    return lines


def _recurring_boilerplate(lines: Iterable[str]) -> set[str]:
    """The lines printed at least twice that read as a reporter's or publisher's boilerplate.

    Counting every line is one C-speed pass; only the recurring ones are judged.
    """
    counts = Counter(lines)
    return {line for line, n in counts.items() if n >= 2 and line and is_boilerplate(line)}


def _paged(lines: list[str], margins: dict[int, Margin], report: Recorder) -> Pages:
    """A legal page layout: strip margin numbers; the unnumbered lines between pages go.

    Numbered lines only lose their number; the rules below look at the unnumbered
    ones, run by run (a run is the unnumbered lines between two numbered ones).
    """
    for index, (_, end) in margins.items():
        report("line number", index + 1)
        lines[index] = lines[index][end:]
    runs = _unnumbered_runs(len(lines), margins)
    gaps = _page_gaps(lines, runs)
    gap_texts = {
        " ".join(lines[index].split())
        for index in gaps
        if lines[index] and not is_page_number(lines[index].lstrip(" \t"))
    }
    boilerplate = _recurring_boilerplate(line for run in runs for line in lines[run[0] : run[1]])
    for start, stop, before, _ in runs:
        seen_body = before is not None
        page_number_since_body = False
        for index in range(start, stop):
            line = lines[index]
            if not line:
                continue
            kind = shape_kind(line)
            if kind is None and is_page_number(line.lstrip(" \t")):
                kind = "page number"
                page_number_since_body = True
            if kind is None and line in boilerplate:
                kind = "reporter boilerplate"
            if kind is None and (index in gaps or " ".join(line.split()) in gap_texts):
                if is_boilerplate(line):
                    kind = "reporter boilerplate"
                elif seen_body and not page_number_since_body:
                    kind = "page footer"
                else:
                    kind = "page header"
            if kind is not None:
                report(kind, index + 1)
                lines[index] = ""
    return Pages(lines, margins)


Run = tuple[int, int, int | None, int | None]
"""A run of unnumbered lines: start and stop indexes, the margin numbers before and after it."""


def _unnumbered_runs(count: int, margins: Mapping[int, Margin]) -> list[Run]:
    """Every run of unnumbered lines: between numbered ones, before the first, after the last.

    Only where two numbered lines are not neighbours is there a run between them, so the
    numbered lines are compared pairwise (a comprehension) and the few runs made after.
    """
    if not margins:
        return [(0, count, None, None)] if count else []
    numbered = list(margins)
    breaks = [(a, b) for a, b in pairwise(numbered) if b - a > 1]
    runs: list[Run] = []
    if numbered[0] > 0:
        runs.append((0, numbered[0], None, margins[numbered[0]][0]))
    runs += [(a + 1, b, margins[a][0], margins[b][0]) for a, b in breaks]
    if numbered[-1] + 1 < count:
        runs.append((numbered[-1] + 1, count, margins[numbered[-1]][0], None))
    return runs


def _page_gaps(lines: Sequence[str], runs: Iterable[Run]) -> set[int]:
    """The indexes of the unnumbered lines in short runs between two pages.

    A run of unnumbered lines is a page gap when it sits before the first
    numbered line, after the last, or where the numbering starts again, and is
    short enough to be a header and a footer (longer runs are unnumbered text,
    such as a word index, and are kept).
    """
    gaps: set[int] = set()
    for start, stop, before, after in runs:
        boundary = before is None or after is None or after <= before
        if boundary and stop - start - lines[start:stop].count("") <= GAP_MAX_LINES:
            gaps.update(range(start, stop))
    return gaps
