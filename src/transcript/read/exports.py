"""The reader for transcription-service exports: Otter, Rev, bracket timestamps (FORMATS.md §3).

These exports differ from a plain `Name: text` transcript in one thing: every
turn header carries the time the turn starts. The time is what identifies the
style (a plain colon label has none), so the reader is three small header
grammars over one shared body reader:

- `otter-export` (3.1): `Name  0:06` alone on its line (two or more spaces or a
  tab before the time; Teams and other meeting recorders use the same shape,
  or put the name and the time on two lines), the speech below. A colon never
  makes a label in this style (`Rule of thumb: …` is speech).
- `rev-export` (3.2): `Name (00:01:23):`, alone or followed by speech, and the
  variant `Name: (00:01:23)`.
- `bracket-timestamp` (3.3): `[00:01:23] Name: text`, with the time bare or in
  parentheses, `Name [00:01:23]: text`, or the time alone on the line above
  `Name:`. A timestamped line without a label continues the current turn and
  keeps its time as a Timestamp node.

Each header's time becomes the turn's `start` in seconds (`h:mm:ss`, `mm:ss`,
`m:ss`, with optional fractions). None of these exports prints an end time, so
a turn's `end` is set to the next turn's start (when that is not earlier); the
last turn has no end. Inline marks such as `[inaudible 00:12:31]` stay inline
annotations with their own time. Placeholders (`Speaker 1`, `Unknown
Speaker`) are kept as printed; a header with a time but no name (Otter with
names switched off) is a speaker change to `Unidentified speaker`.

What the exporters add around the speech never joins a turn: the key-value
header block (`Recorded: …`, `Duration: …`) becomes metadata, a title line the
title, credits and footers (`Transcribed by https://otter.ai`, `Transcript by
Rev.com`) prose notes, and `Page 2 of 9` or a repeated title line inside the
body page furniture with a diagnostic.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..decode import DecodedText
from ..labels import LABEL_SPACES, MAX_LABEL_CHARS, LabelParts, fold, split_label
from ..model import ProseKind, Transcript
from . import ReadOptions
from .build import FURNITURE_LINES_SHOWN, DocumentBuilder, DraftTurn
from .detect import NO_FIT, Fit, Head
from .lines import (
    CLOSING_CHROME,
    Kind,
    LabelCache,
    classify,
    is_byline,
    is_date_line,
    label_rule,
)
from .plain import NAME_PARTICLES

LONG_LABEL_CHARS = 2 * MAX_LABEL_CHARS
"""A label with its affiliation: `Editor (Coastline Daily)`; `split_label` checks the name."""

OTTER = "otter-export"
REV = "rev-export"
BRACKET = "bracket-timestamp"

TIME = r"\d{1,4}:\d{2}(?::\d{2}(?:[:;]\d{2})?)?(?:[.,]\d{1,3})?"
"""`0:06`, `01:23`, `1:02:03`, `00:01:23.450`, and the SMPTE `00:01:23:12` of timecode
tools (the frame count is dropped: the frame rate is not printed)."""

CLOCK_MARK = re.compile(r"\d:\d\d")
"""What every `TIME` holds: a digit, a colon and two digits."""

TIME_FIELDS = re.compile(
    r"(\d{1,4}):(\d{2})(?::(\d{2})(?:[:;]\d{2})?)?(?:[.,](\d{1,3}))?", re.ASCII
)
"""`TIME` with its fields as groups, for `seconds`."""

TIME_ALONE = re.compile(rf"\[{TIME}\]|\({TIME}\)|{TIME}")
"""A line that is only a time: Otter without names, or the line above a `Name:` line."""

LEADING_TIME = re.compile(rf"\[({TIME})\]|\(({TIME})\)|({TIME})(?=[ \t])")
"""`[00:01:23] …`, `(00:01:23) …`, `00:01:23 …` at the start of a line."""

OTTER_HEADER = re.compile(
    rf"(?P<name>[^\t:]{{1,{MAX_LABEL_CHARS}}}?)"
    rf"(?:[ ]{{2,8}}|[ ]{{0,8}}\t[ \t]{{0,8}})(?P<time>{TIME})"
)
"""`Noor Haddad  0:07`: a name, two or more spaces (or a tab), the time, nothing else."""

SPACED_HEADER = re.compile(
    rf"(?P<name>[^\t:]{{1,{MAX_LABEL_CHARS}}}?) (?P<time>\d{{2}}:\d{{2}}:\d{{2}}(?:[.,]\d{{1,3}})?)"
)
"""`Ana Ruiz 00:01:23`: one space is enough when the time has all three fields."""

NAME_TIME = re.compile(
    rf"(?P<name>[^\[\]:]{{1,{LONG_LABEL_CHARS}}}?)(?P<colon1>:?)[ \t]{{1,4}}"
    rf"(?:\((?P<paren>{TIME})\)|\[(?P<square>{TIME})\])(?P<colon2>:?)"
    r"(?:[ \t]{1,8}(?P<speech>.*))?"
)
"""`Name (00:01:23):`, `Name [00:01:23]: text`, `Name: (00:00)`, `Name (00:01:23)`."""

NAME_TIME_REACH = LONG_LABEL_CHARS + 7
"""`NAME_TIME`'s bracketed time opens within a label, a colon and four spaces, and a digit
follows its bracket: a line without that in reach is no such header."""
BRACKETED_TIME = re.compile(r"[(\[]\d")
"""A bracket before a digit; searched for within `NAME_TIME_REACH` before `NAME_TIME` is tried."""

PAGE_NUMBER = (
    r"(?i)(?:page|p\.|pg\.?)[ \t]{0,3}\d{1,5}(?:[ \t]{1,3}(?:of|/)[ \t]{1,3}\d{1,5})?"
    r"|-[ \t]{0,2}\d{1,5}[ \t]{0,2}-"
    r"|\d{1,5}[ \t]{0,3}(?:of|/)[ \t]{0,3}\d{1,5}"
)
"""`Page 2 of 9`, `- 3 -`, `4 / 12`: a page number left by a document export.
This pattern and the next two are compiled on first use (through `re`'s cache), not
at import: every reader module is imported to vote on every input."""

EXPORT_NOTE = (
    r"(?i)(?:transcribed (?:by|with|using)|transcript(?:ion)? (?:by|provided by|generated)"
    r"|this transcript was (?:exported|generated|created|produced)|view latest version"
    r"|exported (?:from|with|by|on|using)|generated (?:by|with|using)|powered by"
    r"|created (?:with|by|using))\b"
)
"""How exporters sign their files; at the start of a line of its own, never speech."""

TRANSCRIPTION_EVENT = r".{1,80} (?:started|stopped|ended|paused) transcription\.?"
"""Teams writes `Jane Doe started transcription` between the turns."""

NOTE_MAX_CHARS = 200
HEADER_SCAN_CHARS = 200
"""Header shapes are short: longer lines are only searched for a leading time and a label."""

DESCRIPTION_KEYS = frozenset({"interview", "subject", "topic", "about", "interviewee"})
"""Header keys whose value says what the recording is (`Interview: Inês Carvalho, potter`)."""

UNNAMED = "Unidentified speaker"
"""The one placeholder for a speaker change marked by a time alone (FORMATS.md §0.7)."""

MIN_HEADERS = 3
NAMED_WEIGHT = 2.0
"""Each timed header counts twice in the vote, so a `Name (00:01):` line that the plain
colon grammar also counts is won by this reader (the time is the distinguishing signal)."""


class Shape:
    """What one input line is, before the style decides what that means.

    Plain class constants, not an Enum: every rule reads shapes for every line,
    and Python 3.10 and 3.11 read an Enum member through `EnumType.__getattr__`,
    three times the cost of a plain class attribute.
    """

    BLANK = "blank"
    TEXT = "text"
    OTTER = "otter"
    """`Name  0:06` (or a name line above a time line)."""
    REV = "rev"
    """`Name (00:01:23):`."""
    SQUARE = "square"
    """`Name [00:01:23]:` or a leading time before `Name:`."""
    TIME_ONLY = "time-only"
    """A line that is only a time."""
    TIMED_TEXT = "timed-text"
    """A leading time before text that is not a label."""


HEADER_ORDER = (Shape.OTTER, Shape.REV, Shape.SQUARE)
"""Header shapes; on equal counts the earlier one names the style."""
STYLE_OF = {Shape.OTTER: OTTER, Shape.REV: REV, Shape.SQUARE: BRACKET}


class ExportLine:
    """One classified line: its shape, and for a header the label, start and speech.

    A plain slotted class (one per line; the look-ahead rules change a few).
    """

    __slots__ = ("number", "parts", "shape", "start", "text", "time", "whole")

    def __init__(
        self,
        number: int,
        shape: str,
        text: str,
        parts: LabelParts | None = None,
        start: float | None = None,
        time: str = "",
        whole: str = "",
    ) -> None:
        self.number = number
        self.shape = shape
        """One of the `Shape` constants."""
        self.text = text
        """The stripped line; for headers and timed text, the speech after the time/label."""
        self.parts = parts
        self.start = start
        self.time = time
        """The time as printed, for TIME_ONLY and TIMED_TEXT lines."""
        self.whole = whole
        """For TIMED_TEXT: the whole stripped line, for styles that read it as speech."""


BLANK_LINE = ExportLine(0, Shape.BLANK, "")
"""Every blank line is this one object (nothing reads a blank line's number or changes it)."""


# -- line rules -------------------------------------------------------------------------
def seconds(printed: str) -> float | None:
    """Seconds of a printed `TIME`, or None when it is no valid time (`0:75`).

    The first field may exceed 59 (`100:06` for minutes past the hour, as some
    tools print them); the later fields may not.
    """
    match = TIME_FIELDS.fullmatch(printed)
    if match is None:
        return None
    first, second, third, fraction = match.groups()
    later = int(second)
    last = int(third) if third is not None else 0
    if later >= 60 or last >= 60:
        return None
    total = float(int(first) * 60 + later)
    if third is not None:
        total = total * 60 + last
    if fraction:
        total += int(fraction) / float(10 ** len(fraction))
    return total


@functools.lru_cache(maxsize=4096)
def header_name(name: str, *, weak: bool = False) -> LabelParts | None:
    """The label of a header, or None when the text before the time is no name.

    `weak` shapes (one space before the time, a name on a line of its own) also
    refuse phrases: a later word in lower case that is no name particle (`Meet
    me at 10:30:00`). Strong shapes accept `Ruth's iPhone`.
    """
    name = name.strip(LABEL_SPACES)
    if not name or len(name) > LONG_LABEL_CHARS:
        return None
    if weak and _phrase_like(name):
        return None
    return split_label(name)


def _phrase_like(name: str) -> bool:
    return any(
        word[:1].islower() and word.islower() and word not in NAME_PARTICLES
        for word in name.split()[1:]
    )


def time_only_rule(number: int, text: str) -> ExportLine | None:
    """`0:21`, `[00:05:00]`: a time alone on its line."""
    if len(text) > 20 or not TIME_ALONE.fullmatch(text):
        return None
    printed = text.strip("[]()")
    start = seconds(printed)
    if start is None:
        return None
    return ExportLine(number, Shape.TIME_ONLY, "", start=start, time=text)


def leading_time_rule(number: int, text: str, cache: LabelCache) -> ExportLine | None:
    """`[00:00:15] Name: text` (a header) or `[00:01:02] text` (timed speech)."""
    match = LEADING_TIME.match(text)
    if match is None:
        return None
    square, paren, bare = match.groups()
    start = seconds(square or paren or bare)
    if start is None:
        return None
    rest = text[match.end() :].lstrip(" \t")
    if rest[:1] in ("-", "–", "—", "|") and rest[1:2] in (" ", "\t"):
        rest = rest[1:].lstrip(" \t")
    if not rest:
        return None
    labelled = label_rule(number, rest, cache)
    if labelled is not None and labelled.kind is Kind.LABEL and labelled.label is not None:
        return ExportLine(number, Shape.SQUARE, labelled.text, labelled.label, start)
    return ExportLine(number, Shape.TIMED_TEXT, rest, start=start, time=match.group(), whole=text)


def otter_header_rule(number: int, text: str) -> ExportLine | None:
    """`Name  0:06` (two spaces or a tab) or `Name 00:01:23` (one space, full clock)."""
    match = OTTER_HEADER.fullmatch(text)
    weak = False
    if match is None:
        match = SPACED_HEADER.fullmatch(text)
        weak = True
    if match is None:
        return None
    name, time = match.group("name", "time")
    start = seconds(time)
    parts = header_name(name, weak=weak)
    if start is None or parts is None:
        return None
    return ExportLine(number, Shape.OTTER, "", parts, start)


def name_time_rule(number: int, text: str) -> ExportLine | None:
    """`Name (00:01:23):` (Rev), `Name: (00:00)`, `Name [00:01:23]: text` (bracket)."""
    match = NAME_TIME.fullmatch(text)
    if match is None:
        return None
    name, colon1, paren, square, colon2, speech = match.group(
        "name", "colon1", "paren", "square", "colon2", "speech"
    )
    colons = len(colon1) + len(colon2)
    if colons > 1 or (colons == 0 and speech):
        return None
    start = seconds(paren or square or "")
    parts = header_name(name)
    if start is None or parts is None:
        return None
    shape = Shape.REV if paren else Shape.SQUARE
    return ExportLine(number, shape, (speech or "").strip(), parts, start)


def classify_line(number: int, raw: str, cache: LabelCache) -> ExportLine:
    """The first rule that claims the line decides its shape; anything else is text."""
    text = raw.strip()
    if not text:
        return BLANK_LINE
    first = text[0]
    if first in "[(" or first.isdigit():
        found = time_only_rule(number, text) or leading_time_rule(number, text, cache)
        if found is not None:
            return found
    if len(text) <= HEADER_SCAN_CHARS and text[-1].isdigit():
        found = otter_header_rule(number, text)
        if found is not None:
            return found
    if ("(" in text or "[" in text) and BRACKETED_TIME.search(text, 0, NAME_TIME_REACH):
        found = name_time_rule(number, text)  # alone, or a header followed by speech
        if found is not None:
            return found
    return ExportLine(number, Shape.TEXT, text)


def classify_all(raw_lines: Sequence[str], cache: LabelCache) -> list[ExportLine]:
    """Classify every line, then settle what needs the next line.

    A name alone on its line directly above a time alone is one header (meeting
    exports); a time alone above a `Name:` line gives that label its start
    (timecode tools); a time and a name alone, with speech directly below, is a
    header (`00:00:05 Speaker 1`). These look one line ahead only, so only the
    lines next to a time-only or timed-text line are looked at again.
    """
    lines = [classify_line(number, raw, cache) for number, raw in enumerate(raw_lines, 1)]
    pairs: list[int] = []  # (line above) indexes of the pairs a look-ahead rule may join
    for index, line in enumerate(lines):
        shape = line.shape
        if shape is Shape.OTTER:
            if not _speech_follows(lines, index):
                line.shape, line.text, line.parts = Shape.TEXT, raw_lines[index].strip(), None
        elif shape is Shape.TIME_ONLY:  # with the line above, and with the line below
            pairs.extend((index - 1, index) if index else (index,))
        elif shape is Shape.TIMED_TEXT:  # with the line below
            pairs.append(index)
    last = len(lines) - 2
    for index in dict.fromkeys(pairs):  # in order, each once
        if index <= last:
            _look_ahead(lines, index, cache)
    return lines


def _look_ahead(lines: list[ExportLine], index: int, cache: LabelCache) -> None:
    """The rules for a line and the one below it (see `classify_all`)."""
    line, following = lines[index], lines[index + 1]
    if line.shape is Shape.TEXT and following.shape is Shape.TIME_ONLY:
        parts = _name_line(line.text) if _speech_follows(lines, index + 1) else None
        if parts is not None:
            line.shape, line.parts, line.start, line.text = (
                Shape.OTTER,
                parts,
                following.start,
                "",
            )
            following.shape = Shape.BLANK
    elif line.shape is Shape.TIMED_TEXT and following.shape is Shape.TEXT:
        parts = _name_line(line.text)  # `00:00:05 Speaker 1` above the speech
        if parts is not None:
            line.shape, line.parts, line.text = Shape.SQUARE, parts, ""
    elif line.shape is Shape.TIME_ONLY and following.shape is Shape.TEXT:
        labelled = label_rule(following.number, following.text, cache)
        if labelled is not None and labelled.kind is Kind.LABEL and labelled.label:
            following.shape, following.parts = Shape.SQUARE, labelled.label
            following.start, following.text = line.start, labelled.text
            line.shape = Shape.BLANK


def _speech_follows(lines: Sequence[ExportLine], index: int) -> bool:
    """An Otter header has its speech right below (a blank line at most between).

    A run of `Item  9:30` lines with nothing under them is an agenda or a table.
    """
    for following in lines[index + 1 : index + 3]:
        if following.shape is not Shape.BLANK:
            return following.shape in (Shape.TEXT, Shape.TIMED_TEXT)
    return False


def _name_line(text: str) -> LabelParts | None:
    if len(text) > MAX_LABEL_CHARS or text[-1] in ".?!,;:" or ":" in text:
        return None
    return header_name(text, weak=True)


# -- the vote ---------------------------------------------------------------------------
def fit(head: Head) -> Fit:
    """Count the timed headers at the start of the document (FORMATS.md §8).

    Qualifies with at least three headers of one style from at least two
    names; the timestamps make it a strong shape, so the vocabulary ratio does
    not apply. A document of time-only Otter headers qualifies on its shape
    alone (weight one), as a speaker change with no name.
    """
    if not _has_times(head.lines, MIN_HEADERS):
        return NO_FIT  # most documents: no rule runs on their lines
    lines = classify_all(head.lines, {})
    style, headers, names = _tally(lines)
    if style and headers >= MIN_HEADERS and names >= 2:
        return Fit(
            NAMED_WEIGHT * headers,
            style,
            f"{headers} timed speaker headers from {names} names",
        )
    unnamed = _unnamed_blocks(lines)
    if headers == 0 and unnamed >= MIN_HEADERS:
        return Fit(float(unnamed), OTTER, f"{unnamed} time-only block headers")
    return NO_FIT


def _has_times(lines: Sequence[str], wanted: int) -> bool:
    """At least `wanted` lines hold a time (`1:23`): every header and time-only line does."""
    found = 0
    for line in lines:
        if ":" in line and CLOCK_MARK.search(line):
            found += 1
            if found >= wanted:
                return True
    return False


def _tally(lines: Sequence[ExportLine]) -> tuple[str, int, int]:
    """The style with the most headers, the number of named headers and distinct names."""
    counts = dict.fromkeys(HEADER_ORDER, 0)
    names: set[str] = set()
    for line in lines:
        if line.parts is not None:  # only headers have a label
            counts[line.shape] += 1
            names.add(line.parts.folded_name)
    best = max(counts, key=lambda shape: counts[shape])
    total = sum(counts.values())
    return (STYLE_OF[best] if total else "", total, len(names))


def _unnamed_blocks(lines: Sequence[ExportLine]) -> int:
    """Time-only lines that open a block: after a blank line (or first), text right below."""
    count = 0
    previous = Shape.BLANK
    for index, line in enumerate(lines):
        if (
            line.shape is Shape.TIME_ONLY
            and previous is Shape.BLANK
            and index + 1 < len(lines)
            and lines[index + 1].shape is Shape.TEXT
        ):
            count += 1
        previous = line.shape
    return count


# -- reading ----------------------------------------------------------------------------
def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read an Otter, Rev or bracket-timestamp export (see the module docstring)."""
    cache: LabelCache = {}
    lines = classify_all(source.text.split("\n"), cache)
    style, headers, _ = _tally(lines)
    if headers:
        unnamed_headers = style == OTTER
    else:
        style, unnamed_headers = OTTER, _unnamed_blocks(lines) >= MIN_HEADERS
    reader = _Reader(style, cache, unnamed_headers=unnamed_headers)
    for line in lines:
        reader.take(line)
    return reader.finish(options)


class _Reader:
    """Puts classified lines into blocks; holds the state of one read."""

    def __init__(self, style: str, cache: LabelCache, *, unnamed_headers: bool) -> None:
        self.style = style
        self.unnamed_headers = unnamed_headers
        """A time alone after a blank line opens a block by an unnamed speaker (Otter)."""
        self.doc = DocumentBuilder(style)
        self.cache = cache
        self.turn: DraftTurn | None = None
        self.after_blank = True
        self.in_header = True
        self.header_texts: set[str] = set()
        """Title and credit lines of the header block: repeated in the body, they are
        running page headers."""
        self.known_names: set[str] = set()
        self.saw_content = False
        self.unnamed: list[int] = []
        """Lines of time-only headers, reported in one diagnostic."""

    def take(self, line: ExportLine) -> None:
        shape = line.shape
        if shape is Shape.BLANK:
            self.after_blank = True
            return
        if line.parts is not None:  # only headers have a label
            self._open(line.parts, line)
        elif shape is Shape.TIME_ONLY:
            self._time_only(line)
        elif shape is Shape.TIMED_TEXT:
            self._timed_text(line)
        else:
            self._text(line)
        self.after_blank = False
        self.saw_content = True

    # -- turns ----------------------------------------------------------------------------
    def _open(self, parts: LabelParts, line: ExportLine) -> None:
        self.in_header = False
        self.known_names.add(parts.folded_name)
        self.turn = self.doc.turn(parts, line.number, line.text or None, start=line.start)

    def _time_only(self, line: ExportLine) -> None:
        """Otter without names: a new block by an unnamed speaker; elsewhere a time mark."""
        if self.unnamed_headers and self.after_blank:
            parts = split_label(UNNAMED)
            assert parts is not None
            self.unnamed.append(line.number)
            self._open(parts, line)
        elif self.turn is not None and not self.in_header:
            self.turn.add(_bracketed(line.time), line.number)
        else:
            self._header_line(ExportLine(line.number, Shape.TEXT, line.time))

    def _timed_text(self, line: ExportLine) -> None:
        """A timed line without a label continues the turn, its time a Timestamp node.

        Only the bracket style times its paragraphs; in an Otter or Rev export
        a line that starts with a time is speech (`10:30 is the stand-up`).
        """
        if self.style != BRACKET:
            self._text(ExportLine(line.number, Shape.TEXT, line.whole))
            return
        text = f"{_bracketed(line.time)} {line.text}"
        if self.turn is not None and not self.in_header:
            self.turn.add(text, line.number)
        else:
            self._header_line(ExportLine(line.number, Shape.TEXT, text))

    def _text(self, line: ExportLine) -> None:
        text = line.text
        if self.in_header:
            self._header_line(line)
            return
        if self.style == BRACKET and self._known_label(line):
            return
        if _is_page_number(text):
            self.doc.furniture("page number", line.number)
            return
        if self.header_texts and text in self.header_texts:
            self.doc.furniture("running header", line.number)
            return
        if (self.after_blank or self.turn is None) and _is_export_note(text):
            self.doc.prose(ProseKind.NOTE, text, line.number)
            return
        if self.turn is None:  # cannot happen after the first header; kept as narration
            self.doc.prose_line(ProseKind.NARRATION, text, line.number)
            return
        join = not self.after_blank and bool(self.turn.paragraphs)
        if join and self.style == BRACKET:
            join = _wrapped(self.turn.paragraphs[-1][-1])
        self.turn.add(text, line.number, join=join)

    def _known_label(self, line: ExportLine) -> bool:
        """In a bracket export, `Name:` without a time is a turn when the name has spoken timed."""
        labelled = label_rule(line.number, line.text, self.cache)
        if labelled is None or labelled.kind is not Kind.LABEL or labelled.label is None:
            return False
        if labelled.label.folded_name not in self.known_names:
            return False
        self.turn = self.doc.turn(labelled.label, line.number, labelled.text or None)
        return True

    # -- the header block -----------------------------------------------------------------
    def _header_line(self, line: ExportLine) -> None:
        """Before the first turn: title, `Key: value` metadata, credits and notes."""
        text, number = line.text, line.number
        if _is_page_number(text):
            self.doc.furniture("page number", number)
            return
        kind = classify(number, text, self.cache)
        if kind.kind in (Kind.METADATA, Kind.NOTE) and kind.value is not None:
            self._metadata(kind.key or "", kind.field, kind.value)
        elif kind.kind is Kind.LABEL and kind.label is not None:
            self.doc.set("extra", kind.text, kind.label.printed)
        elif kind.kind is Kind.DATE and "date" not in self.doc.metadata:
            self.doc.set("date", text)
        elif kind.kind is Kind.BYLINE or is_byline(text):
            self.header_texts.add(text)
            self.doc.prose(ProseKind.BYLINE, text, number)
        elif _is_export_note(text) or CLOSING_CHROME.match(text):
            self.header_texts.add(text)
            self.doc.prose(ProseKind.NOTE, text, number)
        elif not self.saw_content and "title" not in self.doc.metadata and _is_title(text):
            self.header_texts.add(text)
            self.doc.set("title", text)
        else:
            self.doc.prose_line(ProseKind.NOTE, text, number, join=not self.after_blank)

    def _metadata(self, key: str, field: str | None, value: str) -> None:
        folded = fold(key)
        if not value:
            self.doc.set("extra", value, key)
        elif field == "date":
            date, location = _date_and_place(value)
            self.doc.set("date", date, key)
            if location:
                self.doc.set("location", location, key)
        elif field == "authors":
            self.doc.authors.extend(a.strip() for a in value.split(",") if a.strip())
            self.doc.set("extra", value, key)
        elif field is not None:
            self.doc.set(field, value, key)
        elif folded in DESCRIPTION_KEYS:
            self.doc.set("description", value, key)
        else:
            self.doc.set("extra", value, key)

    # -- the end ----------------------------------------------------------------------------
    def finish(self, options: ReadOptions) -> Transcript:
        if self.unnamed:
            shown = ", ".join(map(str, self.unnamed[:FURNITURE_LINES_SHOWN]))
            more = ", …" if len(self.unnamed) > FURNITURE_LINES_SHOWN else ""
            self.doc.diagnose(
                "unnamed-speaker",
                f"{len(self.unnamed)} block header(s) give a time but no name; their "
                f"speaker is {UNNAMED!r} (lines {shown}{more})",
                self.unnamed[0],
            )
        _end_at_next_start(self.doc)
        return self.doc.finish(options)


def _end_at_next_start(doc: DocumentBuilder) -> None:
    """No export prints end times: a turn ends where the next one starts (if not earlier)."""
    previous: DraftTurn | None = None
    for item in doc.items:
        if not isinstance(item, DraftTurn):
            continue
        if (
            previous is not None
            and previous.start is not None
            and item.start is not None
            and previous.end is None
            and item.start >= previous.start
        ):
            previous.end = item.start
        previous = item


def _bracketed(time: str) -> str:
    """A bare time as `[0:21]`, so the paragraph reader makes it a Timestamp node."""
    time = time.strip()
    return time if time[:1] in "[(" else f"[{time}]"


def _is_page_number(text: str) -> bool:
    return len(text) <= 24 and re.fullmatch(PAGE_NUMBER, text) is not None


def _is_export_note(text: str) -> bool:
    """An exporter's credit or footer, or a Teams transcription event, on a line of its own."""
    if len(text) > NOTE_MAX_CHARS:
        return False
    return bool(
        re.match(EXPORT_NOTE, text)
        or CLOSING_CHROME.match(text)
        or (" transcription" in text and re.fullmatch(TRANSCRIPTION_EVENT, text))
    )


def _is_title(text: str) -> bool:
    return (
        len(text) <= NOTE_MAX_CHARS and text[-1] not in ".,;:!?" and any(c.isalpha() for c in text)
    )


SENTENCE_ENDS = frozenset(".?!…:;\"'”’»)]")


def _wrapped(previous: str) -> bool:
    """A line that ends mid-sentence: the next line continues its paragraph."""
    return previous[-1:] not in SENTENCE_ENDS


def _date_and_place(value: str) -> tuple[str, str | None]:
    """`11 February 2027, Porto` → the date and the place after the last comma."""
    date, comma, place = value.rpartition(",")
    place = place.strip()
    if (
        comma
        and place
        and not any(ch.isdigit() for ch in place)
        and any(ch.isdigit() for ch in date)
        and len(place.split()) <= 4
        and place[0].isupper()
        and is_date_line(date.strip())
    ):
        return date.strip(), place
    return value, None
