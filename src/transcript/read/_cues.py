"""Caption cues (WebVTT and SubRip): blocks, timings, markup and the speaker marks in cue text.

Both caption containers are a list of timed cues; they differ in their header
and comment blocks (read by `vtt.py` and `srt.py`), not in how speakers are
marked inside the cues. FORMATS.md §4 lists the marks, and this module reads
them with one ordered chain of small rules, so a `>>` in a WebVTT file or a
`<v>` span in an odd SubRip file is read the same way:

1. `scan` splits the lines into cues: an optional identifier, a timing line
   (`00:01.000 --> 00:04.200 align:start`) and the text lines after it;
2. `voice_rule` finds `<v Name>` spans anywhere in a cue; `clean` then takes
   the other markup out (`<i>`, `<c.x>`, `<font …>`, `{\\an8}`) and decodes
   HTML entities;
3. the line rules find the other marks at the start of a cue line:
   `chevron_rule` (`>>`, `>> NAME:`), `dash_rule` (`- NAME:` dialogue
   dashes), `colon_rule` (`Name: ` on a cue's first line, `NAME:` in capitals
   on a later line);
4. `accept_marks` looks at the whole file before deciding: a one-off phrase
   (`This week:`) or an on-screen sign (`NOTICE: NO LANDING`) is not a
   speaker, and colon labels without `>>` are text in `>>` captions;
5. `CueAssembler` makes one turn per accepted mark (its start is the start of
   the cue where the mark is, its end the end of the cue holding its last
   words); a cue without a mark continues the current turn, and a cue that
   is only a sound (`[wind howling]`, `♪ … ♪`) is narration, never speech.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..labels import LABEL_SPACES, LabelParts, fold, split_label
from ..model import ProseKind, Role
from ..speakers import ROLE_WORDS
from . import ReadOptions
from .build import DocumentBuilder, DraftProse, DraftTurn
from .lines import LABEL_SEARCH_CHARS, Kind, judge_prefix

# -- timings ---------------------------------------------------------------------------

_CLOCK = r"((?:\d{1,4}:)?\d{1,2}):(\d{2}(?:[.,]\d{1,3})?)"
TIMING = re.compile(rf"{_CLOCK}[ \t]*-->[ \t]*{_CLOCK}(?:[ \t](.*))?")
"""`00:00:01,000 --> 00:00:03,400` or `00:08.400 --> 00:11.000 align:start` (settings after).
Each clock is two groups: the hours and minutes (`00:00`, `00`), then the seconds."""


@functools.lru_cache(maxsize=256)
def minute_seconds(hours_minutes: str) -> tuple[int, int]:
    """`01:02` → (120, 3600): the seconds in the minutes and in the hours of a clock.

    Cached: the hours and minutes change once a minute, every few cues.
    """
    hours, _, minutes = hours_minutes.rpartition(":")
    return int(minutes) * 60, (int(hours) * 3600 if hours else 0)


class Cue:
    """One timed cue: its identifier, timing and text lines as printed; once marked, its segments.

    A plain slotted class, made once per cue: it is built in half the time of a
    named tuple and a third of a frozen attrs instance. `mark_cue` fills in the
    segments (one object per cue, not a cue and a marked cue).
    """

    __slots__ = (
        "end",
        "ident",
        "lines",
        "on_screen",
        "segments",
        "settings",
        "sound",
        "start",
        "timing_line",
    )

    def __init__(
        self,
        start: float,
        end: float,
        timing_line: int,
        ident: str | None,
        settings: str,
        lines: list[tuple[int, str]],
    ) -> None:
        self.start = start
        self.end = end
        self.timing_line = timing_line
        self.ident = ident
        self.settings = settings
        self.lines = lines
        """(line number, text) of each text line, stripped of surrounding spaces."""
        self.segments: list[Segment] = []
        """The runs of text the speaker marks open (`mark_cue`)."""
        self.sound = False
        """The cue is only a description of sound (`[wind howling]`)."""
        self.on_screen = False
        """The cue is on-screen text, not speech (`accept_marks`)."""


class Comment(NamedTuple):
    """A WebVTT `NOTE`, `STYLE` or `REGION` block."""

    kind: str
    line: int
    text: str


class CueFile(NamedTuple):
    header: tuple[tuple[int, str], ...]
    """Lines before the first cue that are not comment blocks (the `WEBVTT` line and its header)."""
    comments: tuple[Comment, ...]
    cues: tuple[Cue, ...]


COMMENT_KINDS = ("NOTE", "STYLE", "REGION")
COMMENT_INITIALS = frozenset(kind[0] for kind in COMMENT_KINDS)
"""A block whose first line starts with none of these is no comment: no `startswith` needed."""


def comment_kind(line: str) -> str | None:
    """`NOTE`, `NOTE text`, `STYLE`, `REGION` opening a block (WebVTT only)."""
    for kind in COMMENT_KINDS:
        if line.startswith(kind) and (len(line) == len(kind) or line[len(kind)] in " \t"):
            return kind
    return None


def timing(line: str) -> re.Match[str] | None:
    """The timing line's match. A timing line starts with a digit: that test, and then
    the `-->` test, keep the regex (and a search through a long line) off ordinary lines."""
    return TIMING.fullmatch(line) if line[:1].isdigit() and "-->" in line else None


def make_cue(
    match: re.Match[str], line: int, ident: str | None, lines: list[tuple[int, str]]
) -> Cue:
    """A cue from its timing line's match and its text lines.

    A time is its seconds (a comma or a period before the millis) plus its minutes and hours.
    """
    start, start_rest, end, end_rest, settings = match.groups()
    start_minutes, start_hours = minute_seconds(start)
    end_minutes, end_hours = minute_seconds(end)
    if "," in start_rest or "," in end_rest:
        start_rest, end_rest = start_rest.replace(",", "."), end_rest.replace(",", ".")
    return Cue(
        float(start_rest) + start_minutes + start_hours,
        float(end_rest) + end_minutes + end_hours,
        line,
        ident,
        settings.strip() if settings else "",
        lines,
    )


def scan(lines: Sequence[str], *, comments: bool) -> CueFile:
    """Split caption lines into header, comment blocks and cues, in one pass.

    A timing line opens a cue; the line just before it is the cue's
    identifier when it opens its block or is a number (SubRip's index). Text
    lines run until the next cue; text after a stray blank line stays with
    the cue before it, so a cue with an empty line in it loses nothing.
    With `comments` (WebVTT), a block opened by NOTE, STYLE or REGION is a
    comment block.
    """
    header: list[tuple[int, str]] = []
    found: list[Comment] = []
    cues: list[Cue] = []
    target = header  # where text lines go: the open cue's lines, or the header
    opened: tuple[re.Match[str], int, str | None] | None = None
    comment: tuple[str, int, list[str]] | None = None
    position = 0  # of the line in its block of non-blank lines
    previous: str | None = None  # the line before, when it was a text line of this block
    for number, text in enumerate(map(str.strip, lines), 1):
        if not text:
            position, previous = 0, None
            if comment is not None:
                found.append(Comment(comment[0], comment[1], "\n".join(comment[2])))
                comment = None
            continue
        if comment is not None:
            comment[2].append(text)
            continue
        position += 1
        if position == 1 and comments and text[0] in COMMENT_INITIALS:
            kind = comment_kind(text)
            if kind is not None:
                first = text[len(kind) :].strip()
                comment = (kind, number, [first] if first else [])
                continue
        # timing(), inlined: a digit first, then `-->`, before the regex
        match = TIMING.fullmatch(text) if text[0].isdigit() and "-->" in text else None
        if match is None:
            target.append((number, text))
            previous = text
            continue
        ident = None
        if previous is not None and (position == 2 or previous.isdigit()):
            ident = target.pop()[1]
        if opened is not None:
            cues.append(make_cue(*opened, target))
        target = []  # the closed cue keeps its list
        opened = (match, number, ident)
        previous = None
    if comment is not None:
        found.append(Comment(comment[0], comment[1], "\n".join(comment[2])))
    if opened is not None:
        cues.append(make_cue(*opened, target))
    return CueFile(tuple(header), tuple(found), tuple(cues))


# -- markup -----------------------------------------------------------------------------

VOICE = re.compile(r"<v(?:\.[^\s<>.]{1,60}){0,8}(?:[ \t]+([^<>\n]{1,120}))?>")
"""`<v Name>`, `<v.loud.question Name>`: the WebVTT voice span that names a speaker."""

TAG = (
    r"(?i)</?(?:[ibus]|c|v|font|ruby|rt|rp|lang|span|br|em|strong|sub|sup)\b[^<>\n]{0,200}>"
    r"|<\d{1,4}:\d{2}(?::\d{2})?[.,]\d{1,3}>"
    r"|\{\\[^{}\n]{0,100}\}"
)
"""Caption markup that is not text: styling tags, karaoke times, SSA overrides such as `{\\an8}`.
Every reader module is imported to vote on every input, and most cues hold no markup:
this pattern (and `BRACKETS`) is compiled on first use, through `re`'s cache."""


def clean(text: str) -> str:
    """Cue text without markup, with entities decoded (`R&amp;D` → `R&D`), spaces folded."""
    if "<" not in text and "{" not in text and "&" not in text:
        return text.strip()  # the common case: nothing to take out
    text = re.sub(TAG, "", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


SOUND_MARKS = "♪♫#"
BRACKETS = r"\[[^\[\]\n]{0,200}\]|\([^()\n]{0,200}\)"


def is_sound(text: str) -> bool:
    """`[wind howling]`, `(DOOR SLAMS)`, `♪ lyrics ♪`: a description of sound, never speech."""
    if not text:
        return False
    if text[0] in SOUND_MARKS:
        return True
    if text[0] not in "[(":
        return False
    rest = re.sub(BRACKETS, "", text)
    return not any(ch.isalnum() for ch in rest)


def is_capitals(text: str) -> bool:
    """Every cased letter is a capital: `MAN ON RADIO`, `NO LANDING AFTER DARK`."""
    return len(text) >= 2 and text.isupper()


# -- speaker marks ------------------------------------------------------------------------


class MarkKind:
    """The kind of mark that opens a segment, as the diagnostics name it.

    Plain class constants, not an Enum: the rules read them for every cue, and
    Python 3.10 and 3.11 read an Enum member through `EnumType.__getattr__`,
    three times the cost of a plain class attribute.
    """

    VOICE = "voice span"
    CHEVRON = "'>>'"
    DASH = "dialogue dash"
    COLON = "'Name:' prefix"
    CAPS = "'NAME:' prefix"


class Segment:
    """A run of a cue's text, opened by a speaker mark or continuing what came before.

    A plain slotted class: one or more are made per cue and `accept_marks`
    changes them; attrs would make them no faster and costs import time.
    """

    __slots__ = ("head", "labelled_line", "line", "mark", "name", "parts", "texts")

    def __init__(
        self,
        mark: str | None,
        name: str | None,
        line: int,
        texts: list[tuple[int, str]],
        labelled_line: str = "",
        head: int = 0,
    ) -> None:
        self.mark = mark
        """A `MarkKind` constant, or None for a run of text no mark opens."""
        self.name = name
        """The printed label, or None for a bare mark (`>>`, `- `) or no mark."""
        self.line = line
        self.texts = texts
        """(line, cleaned text) pieces; for a colon mark, the first piece is the speech after it."""
        self.labelled_line = labelled_line
        """The whole cleaned line, kept in case the label is refused."""
        self.head = head
        """1 when `texts` starts with the speech that followed the label on its line."""
        self.parts: LabelParts | None = None
        """Set by `accept_marks` when the mark names a speaker."""


def colon_label(text: str) -> tuple[str, str] | None:
    """(name, speech) for `Name: speech` or `Name:` at the end; the first colon decides."""
    colon = text.find(":", 0, LABEL_SEARCH_CHARS)
    if colon <= 0:
        return None
    if colon + 1 < len(text) and text[colon + 1] not in LABEL_SPACES:
        return None  # `10:30`, `https://`, `3:1`: a colon inside a word
    return text[:colon].strip(LABEL_SPACES), text[colon + 1 :].strip()


def voice_rule(raw: str) -> list[tuple[str | None, str]]:
    """Split a raw cue line at its voice spans: [(voice name or None, raw text after it)]."""
    pieces: list[tuple[str | None, str]] = []
    position = 0
    pending: str | None = None
    for match in VOICE.finditer(raw):
        pieces.append((pending, raw[position : match.start()]))
        pending = (match.group(1) or "").strip() or None
        if pending is None:
            pending = ""  # `<v>` without a name: a span, but no speaker named
        position = match.end()
    pieces.append((pending, raw[position:]))
    return pieces


def chevron_rule(text: str, line: int) -> list[Segment]:
    """`>> NAME: speech`, `>> speech`, `THANK YOU. >> NEXT`: each `>>` opens a segment."""
    before, *after = text.split(">>")
    before = before.strip()
    segments = [Segment(None, None, line, [(line, before)])] if before else []
    for piece in after:
        piece = piece.lstrip(">").strip()  # `>>>` marks a change of story, and of speaker
        segments.append(named_segment(MarkKind.CHEVRON, piece, line))
    return segments


DASHES = "-‐–"


def dash_rule(text: str, line: int) -> Segment | None:
    """`- NAME: speech` or `- speech`: a dialogue dash gives the line to another speaker."""
    if len(text) < 2 or text[0] not in DASHES:
        return None
    rest = text[1:]
    if rest[0] in DASHES or rest[0].isdigit():
        return None  # `--`, `-20 degrees`
    return named_segment(MarkKind.DASH, rest.strip(), line)


def named_segment(kind: str, text: str, line: int) -> Segment:
    """A segment opened by `kind`, naming a speaker when its text starts with `NAME:`."""
    found = colon_label(text)
    if found is not None and found[0]:
        return _labelled(kind, found[0], found[1], line, text)
    return Segment(kind, None, line, [(line, text)] if text else [], text)


def _labelled(kind: str, name: str, speech: str, line: int, whole: str) -> Segment:
    if speech:
        return Segment(kind, name, line, [(line, speech)], whole, 1)
    return Segment(kind, name, line, [], whole)


def colon_rule(text: str, line: int, first_line: bool) -> Segment | None:
    """`Name: speech` opening a cue, or `NAME: speech` in capitals on any of its lines."""
    found = colon_label(text)
    if found is None or not found[0]:
        return None
    name, speech = found
    if first_line:
        return _labelled(MarkKind.COLON, name, speech, line, text)
    if is_capitals(name.partition("(")[0]):  # `JONAS (off screen):`
        return _labelled(MarkKind.CAPS, name, speech, line, text)
    return None


def mark_cue(cue: Cue, chevrons: bool) -> Cue:
    """Read the speaker marks of one cue into its segments (rules 2 and 3 of the module
    docstring); the cue itself."""
    segments: list[Segment] = []
    first_line = True
    for line, raw in cue.lines:
        if "<" in raw and "<v" in raw:  # a voice span (the one-character test is the cheap one)
            _voice_line(raw, line, first_line, chevrons, segments)
        else:
            text = clean(raw)
            if text:
                if chevrons and ">>" in text:
                    segments.extend(chevron_rule(text, line))
                else:
                    segments.append(line_rule(text, line, first_line, chevrons))
        first_line = False
    cue.segments = segments
    for segment in segments:
        if segment.mark is not None:
            return cue
    cue.sound = all(is_sound(t) for s in segments for _, t in s.texts)
    return cue


def _voice_line(
    raw: str, line: int, first_line: bool, chevrons: bool, segments: list[Segment]
) -> None:
    """A line with a voice span: `<v Name>speech</v>` at once, other lines span by span."""
    match = VOICE.match(raw) if raw.startswith("<v") else None
    if match is not None:
        speech = _one_span_speech(raw[match.end() :])
        if speech is not None:
            text = clean(speech)
            name = (match.group(1) or "").strip() or None
            segments.append(Segment(MarkKind.VOICE, name, line, [(line, text)] if text else []))
            return
    _voice_spans(raw, line, first_line, chevrons, segments)


def _one_span_speech(rest: str) -> str | None:
    """The speech after a line's opening voice span, without `</v>`; None if another span opens.

    The usual line ends in its only `<`, the closing `</v>`: one search for `<` finds that out.
    """
    bracket = rest.find("<")
    if bracket < 0:
        return rest
    if bracket == len(rest) - 4 and rest.endswith("</v>"):
        return rest[:bracket]
    if "<v" in rest:
        return None
    return rest.replace("</v>", "") if "</v>" in rest else rest


def _voice_spans(
    raw: str, line: int, first_line: bool, chevrons: bool, segments: list[Segment]
) -> None:
    """A line with voice spans anywhere in it: each span opens a segment, the rest is text."""
    for index, (voice, piece) in enumerate(voice_rule(raw)):
        text = clean(piece.replace("</v>", "") if "</v>" in piece else piece)
        if voice is not None:
            segments.append(Segment(MarkKind.VOICE, voice or None, line, []))
        if not text:
            continue
        if index > 0:
            segments[-1].texts.append((line, text))
        else:
            segments.extend(line_rules(text, line, first_line, chevrons))


def line_rules(text: str, line: int, first_line: bool, chevrons: bool) -> list[Segment]:
    """The chain of line rules; the first that claims the line decides."""
    if chevrons and ">>" in text:
        return chevron_rule(text, line)
    return [line_rule(text, line, first_line, chevrons)]


def line_rule(text: str, line: int, first_line: bool, chevrons: bool) -> Segment:
    """A line without `>>`: in `>>` captions it is text, else a dash or colon may mark it."""
    if not chevrons:
        found = dash_rule(text, line) if text[0] in DASHES else None  # its first test, first
        if found is None:
            found = colon_rule(text, line, first_line)
        if found is not None:
            return found
    return Segment(None, None, line, [(line, text)])


CHEVRON_SAMPLE = 2000
"""Cues looked at to tell `>>` captions from others: plenty, and a bounded cost."""


def uses_chevrons(cues: Sequence[Cue]) -> bool:
    """`>>` captions: at least two `>>`, and more of them than colon labels opening cues.

    The colon labels are only counted when there are two `>>` (most files have none).
    """
    sample = cues[:CHEVRON_SAMPLE]
    chevrons = sum(text.count(">>") for cue in sample for _, text in cue.lines if ">" in text)
    if chevrons < 2:
        return False
    colons = sum(
        1
        for cue in sample
        for _, text in cue.lines
        if ">>" not in text and colon_label(text) is not None
    )
    return chevrons >= colons


# -- deciding which marks name speakers ----------------------------------------------------

PHRASE_WORDS = frozenset(
    {"first", "second", "finally", "also", "however", "example", "warning", "tip", "update"}
)
"""One-word sentence openers (`Warning:`) that are text when they occur once."""

UNIDENTIFIED = "Unidentified speaker"
UNIDENTIFIED_PARTS = LabelParts(
    UNIDENTIFIED, UNIDENTIFIED, folded_name=fold(UNIDENTIFIED), folded_printed=fold(UNIDENTIFIED)
)
"""A speaker change marked without a name (a bare `>>`, a dash) goes to this one speaker."""


def raw_parts(name: str) -> LabelParts:
    """A name the document marks unmistakably (`<v alice>`) though it is not name-shaped."""
    folded = fold(name)
    return LabelParts(name, name, folded_name=folded, folded_printed=folded)


def parts_of(name: str, tool_names: bool = False) -> LabelParts | None:
    """The label's parts; None for a note or metadata word (`Note:`) or a non-name.

    A meeting tool's display name (`jsmith`, `Kim's iPad`) need not look like a
    name; where a display name opens most cues, a short one is taken as printed.
    """
    prefix = judge_prefix(name)
    if prefix.kind is Kind.LABEL:
        return prefix.label
    if prefix.kind is None and tool_names and _tool_name(name):
        return raw_parts(name)
    return None


def voice_parts(name: str) -> LabelParts:
    """A voice span names its speaker whatever the shape: Teams writes `Surname, Given`."""
    parts = split_label(name) if "," not in name else None
    return parts or raw_parts(name)


class Decisions(NamedTuple):
    """What `accept_marks` decided, for the diagnostics."""

    rejected: list[tuple[int, str, str]]
    on_screen: list[tuple[int, str]]


def accept_marks(cues: list[Cue], declared: Iterable[str] = ()) -> Decisions:
    """Decide, with the whole file in view, which marks name a speaker (module docstring, 4)."""
    decisions = Decisions([], [])
    printed, voice_names, cue_colons = _tally(cues)
    folded_of = {label: fold(label) for label in printed}
    counts: Counter[str] = Counter()
    for label, occurrences in printed.items():
        counts[folded_of[label]] += occurrences
    voices = {folded_of[label] for label in voice_names}
    known = voices | {fold(name) for name in declared}
    capitals_document = _capitals_document(cues)
    tool_names = cue_colons * 2 >= len(cues) and not voices  # Zoom: a display name on each cue
    verdicts: dict[tuple[str, str | None], tuple[LabelParts | None, str | None, int]] = {}
    for cue in cues:
        for segment in cue.segments:
            name = segment.name
            if name is None:
                continue  # no mark, or a bare `>>`, dash or `<v>`: the unidentified speaker
            mark = segment.mark
            verdict = verdicts.get((name, mark))
            if verdict is None:  # a label printed 5,000 times is judged once
                folded = folded_of[name]
                count = counts[folded]
                parts, why = _verdict(name, mark, count, folded in known, tool_names, voices)
                verdict = verdicts[(name, mark)] = (parts, why, count)
            parts, why, count = verdict
            if why is None and count == 1 and _on_screen(cue, segment, count, capitals_document):
                decisions.on_screen.append((segment.line, segment.labelled_line))
                cue.on_screen = True
                why = "on-screen"
            if why is None:
                segment.parts = parts
                continue
            if why != "on-screen":
                decisions.rejected.append((segment.line, name, why))
            _unlabel(segment)
    return decisions


def _tally(cues: list[Cue]) -> tuple[dict[str, int], set[str], int]:
    """How often each printed label occurs, the voice-span names, and the cues a `Name:` opens."""
    printed: dict[str, int] = {}
    voice_names: set[str] = set()
    cue_colons = 0
    for cue in cues:
        segments = cue.segments
        if segments and segments[0].mark is MarkKind.COLON:
            cue_colons += 1
        for segment in segments:
            name = segment.name
            if name is not None:  # only a mark names someone
                printed[name] = printed.get(name, 0) + 1
                if segment.mark is MarkKind.VOICE:
                    voice_names.add(name)
    return printed, voice_names, cue_colons


def _verdict(
    name: str,
    mark: str | None,
    count: int,
    known: bool,
    tool_names: bool,
    voices: set[str],
) -> tuple[LabelParts | None, str | None]:
    """The parts of a label printed with `mark`, and why it is no speaker (None: it is one)."""
    if mark is MarkKind.VOICE:
        return voice_parts(name), None
    tool_name = tool_names and mark is MarkKind.COLON
    parts = parts_of(name, tool_name)
    return parts, _refusal(mark, parts, count, known or tool_name, voices)


SAMPLE_PIECES = 400


def _capitals_document(cues: list[Cue]) -> bool:
    """Most speech is in capitals (live captions): judged on the first few hundred pieces."""
    capitals = total = 0
    for cue in cues:
        for segment in cue.segments:
            for _, text in segment.texts:
                capitals += is_capitals(text)
                total += 1
        if total >= SAMPLE_PIECES:
            break
    return capitals * 2 > total


def _refusal(
    mark: str | None, parts: LabelParts | None, count: int, known: bool, voices: set[str]
) -> str | None:
    """Why a colon, dash or `>>` label is not a speaker, or None when it is one."""
    if parts is None:
        return "is not a name"
    if mark is MarkKind.CHEVRON:
        return None
    if count == 1 and parts.folded_name in PHRASE_WORDS:
        return "looks like a phrase, not a name (it occurs once)"
    if known:
        return None
    if count == 1 and _phrase_like(parts.name):
        return "looks like a phrase, not a name (it occurs once)"
    if voices and mark is MarkKind.COLON and count == 1:
        return "occurs once in a file whose speakers are voice spans"
    return None


def _on_screen(cue: Cue, segment: Segment, count: int, capitals_document: bool) -> bool:
    """`NOTICE: NO LANDING AFTER DARK`: a one-off capitals label before capitals text,
    alone in its cue, in subtitles whose speech is in mixed case: a sign, not a speaker."""
    if count > 1 or capitals_document or segment.mark is not MarkKind.COLON:
        return False
    if len(cue.segments) != 1 or not segment.name or not is_capitals(segment.name):
        return False
    return all(is_capitals(text) for _, text in segment.texts) and bool(segment.texts)


def _unlabel(segment: Segment) -> None:
    """Put a refused label back into the text; a refused `>>`/dash stays a bare mark."""
    if segment.mark in (MarkKind.COLON, MarkKind.CAPS):
        segment.mark = None
    segment.name = None
    segment.texts = [(segment.line, segment.labelled_line), *segment.texts[segment.head :]]
    segment.head = 0


def _phrase_like(name: str) -> bool:
    """`This week`, `Note to listeners`: a lower-case word after the first is no name."""
    words = name.split()
    return any(word[:1].islower() for word in words[1:]) and len(words) > 1


def _tool_name(name: str) -> bool:
    """A display name a meeting tool prints (`jsmith`, `ipad`): short, a letter, no brackets."""
    return (
        len(name) <= 60
        and len(name.split()) <= 6
        and any(ch.isalpha() for ch in name)
        and not any(ch in name for ch in '[]"<>')
    )


# -- assembly -----------------------------------------------------------------------------

PARAGRAPH_CHARS = 600
"""A turn or caption run this long starts a new paragraph at the next sentence end."""
SENTENCE_ENDS = ".?!…"


class CueAssembler:
    """Turns marked cues into turns and narration, in order (module docstring, 5)."""

    def __init__(self, doc: DocumentBuilder) -> None:
        self.doc = doc
        self.turn: DraftTurn | None = None
        self.captions: DraftProse | None = None
        """Speech before any speaker mark (or in captions that name no one), as narration."""
        self.unnamed: list[int] = []
        self.titled: set[str] = set()
        self.chars = 0
        """Characters in the paragraph being filled, so a long one can end at a sentence."""

    def take(self, cue: Cue) -> None:
        if cue.sound or cue.on_screen:
            for segment in cue.segments:
                for line, text in segment.texts:
                    self.doc.prose_line(ProseKind.NARRATION, text, line)
            self.captions = None
            return
        for segment in cue.segments:
            texts = segment.texts
            if segment.mark is not None and (segment.parts is not None or segment.name is None):
                texts = self._open(segment, cue)
            turn = self.turn
            for line, text in texts:
                if turn is None:
                    self._caption(text, line)
                else:
                    turn.add(text, line, join=self._join(turn.paragraphs, text))
                    turn.end = cue.end

    def _open(self, segment: Segment, cue: Cue) -> list[tuple[int, str]]:
        """A turn for a segment whose mark names a speaker, or the unidentified one.

        The speech after the mark on its line is the turn's first paragraph;
        the segment's other texts are returned, for the turn to take in order.
        """
        parts = segment.parts
        if parts is None:
            parts = UNIDENTIFIED_PARTS
            self.unnamed.append(segment.line)
        texts = segment.texts
        first = texts[0][1] if texts and texts[0][0] == segment.line else None
        self.turn = self.doc.turn(parts, segment.line, first, start=cue.start, end=cue.end)
        self.chars = len(first) if first is not None else 0
        if parts.printed not in self.titled:
            self._title_role(parts)
        return texts[1:] if first is not None else texts

    def _caption(self, text: str, line: int) -> None:
        """Captions before any speaker mark: kept as narration."""
        captions = self.captions
        if captions is not None and self.doc.items[-1] is captions:
            captions.add(text, line, join=self._join(captions.paragraphs, text))
        else:
            self.captions = self.doc.prose(ProseKind.NARRATION, text, line)
            self.chars = len(text)

    def _join(self, paragraphs: list[list[str]], text: str) -> bool:
        """Join the last paragraph unless it is long and ends a sentence (counted as it grows)."""
        last = paragraphs[-1] if paragraphs else None
        if last and (self.chars < PARAGRAPH_CHARS or last[-1][-1:] not in SENTENCE_ENDS):
            self.chars += len(text) + 1
            return True
        self.chars = len(text)
        return False

    def _title_role(self, parts: LabelParts) -> None:
        """`CHAIR OKONKWO-HALE`, `MODERATOR SMITH`: a leading title word gives the role."""
        self.titled.add(parts.printed)
        words = parts.folded_name.split()
        if len(words) >= 2 and ROLE_WORDS.get(words[0]) in (Role.MODERATOR, Role.HOST):
            self.doc.declared_roles.append((parts.printed, ROLE_WORDS[words[0]]))

    def finish(self, cues: list[Cue]) -> None:
        if self.unnamed:
            shown = ", ".join(str(n) for n in self.unnamed[:12])
            more = ", …" if len(self.unnamed) > 12 else ""
            self.doc.diagnose(
                "unnamed-speaker",
                f"{len(self.unnamed)} speaker change{'s' if len(self.unnamed) != 1 else ''} "
                f"marked without a name (lines {shown}{more}) went to {UNIDENTIFIED!r}",
                self.unnamed[0],
            )
        if cues:
            self.doc.diagnose(
                "cue-timings",
                f"read {len(cues)} cue{'s' if len(cues) != 1 else ''}: cue numbers and timing "
                "lines became the turns' start and end times",
            )
        placed = [cue for cue in cues if cue.settings]
        if placed:
            distinct = list(dict.fromkeys(cue.settings for cue in placed))
            self.doc.diagnose(
                "cue-settings",
                f"left out the screen placement of {len(placed)} cue"
                f"{'s' if len(placed) != 1 else ''} ({'; '.join(distinct[:5])}"
                f"{'; …' if len(distinct) > 5 else ''})",
                placed[0].timing_line,
            )


def read_cues(
    cue_file: CueFile, doc: DocumentBuilder, options: ReadOptions, chevrons: bool
) -> list[Cue]:
    """Mark, decide and assemble every cue of `cue_file` into `doc`; the marked cues."""
    marked = [mark_cue(cue, chevrons) for cue in cue_file.cues]
    declared = [label for label, _ in options.speakers]
    decisions = accept_marks(marked, declared)
    for line, name, why in decisions.rejected:
        doc.diagnose("label-rejected", f"{name!r} {why}; the line was read as text", line)
    for line, text in decisions.on_screen:
        doc.diagnose(
            "on-screen-text",
            f"{text!r} reads as on-screen text (a sign or caption), not a speaker; "
            "kept as narration",
            line,
        )
    assembler = CueAssembler(doc)
    for cue in marked:
        assembler.take(cue)
    assembler.finish(marked)
    return marked


def count_marks(cue_file: CueFile, chevrons: bool) -> Counter[str]:
    """How many speaker marks of each kind the cues hold (for `fit`)."""
    counts: Counter[str] = Counter()
    for cue in cue_file.cues:
        for segment in mark_cue(cue, chevrons).segments:
            if segment.mark is not None:
                counts[segment.mark] += 1
    return counts
