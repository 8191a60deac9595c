"""The reader for TV scripts and fan transcripts (FORMATS.md §1.5).

    Second Shift - 2x07 "The Lost Sock Protocol"
    [Scene: The Spin Cycle, a laundromat, 2 a.m.]
    Marnie: (without looking up) It's raining.
    Marnie (V.O.): Every night at 3:15 the box gets a little fuller.

A script is the plain colon grammar plus stage craft, so the line rules of
`lines.py` decide what a label is, and this module adds, in order:

1. `direction_rule`: a paragraph wholly in `[…]` (or a `Scene:` / `CUT TO:` /
   `INT.` line) is a stage direction: narration, never speech, whatever
   colons it contains;
2. the label rule of `lines.py`, with camera extensions (`(V.O.)`, `(O.S.)`,
   `(cont'd)`) left off the name by `split_label`, and `Name. text` accepted
   only for a name already printed with a colon (`period_label_rule`);
3. the header (before the first label or direction): the first line is the
   episode title, credits are bylines, `Key: value` lines metadata;
4. unlabelled paragraphs continue the turn; after a direction they still join
   the previous turn (the direction goes with them, as an annotation, so the
   reading order is kept) and get an info diagnostic.

Inline `(parentheticals)` and `[directions]` inside speech become annotations
(`script_inline`), applied by the builder as it makes each turn's paragraphs
(`DocumentBuilder(inline_rule=…)`, as the play and Hansard readers do too).
"""

from __future__ import annotations

import re

import attrs

from ..decode import DecodedText
from ..labels import fold, split_label
from ..model import (
    Annotation,
    AnnotationKind,
    Inline,
    ProseKind,
    Role,
    Text,
    Transcript,
)
from . import ReadOptions
from .build import DocumentBuilder, DraftProse, DraftTurn
from .detect import NO_FIT, Fit, Head
from .lines import Kind, LabelCache, Line, classify, is_byline, label_line

STYLE = "tv-script"

MIN_LABELS = 3
MAX_VOCABULARY = 0.6
"""The §8 qualification rules, as for the plain colon grammar."""

DIRECTION_KEYS = frozenset(
    {
        "scene",
        "setting",
        "cut to",
        "smash cut to",
        "match cut to",
        "dissolve to",
        "fade in",
        "fade out",
        "fade to",
        "fade to black",
        "flashback",
        "flash forward",
        "cold open",
        "teaser",
        "tag",
        "opening credits",
        "closing credits",
        "end credits",
        "intercut",
        "montage",
        "back to",
        "later",
        "meanwhile",
    }
)
"""`Scene: A kitchen.`, `CUT TO:`: label-shaped lines that are stage directions."""

HEADER_KEYS = frozenset(
    {
        "written by",
        "directed by",
        "teleplay by",
        "story by",
        "transcribed by",
        "transcript by",
        "original airdate",
        "original air date",
        "airdate",
        "episode",
        "season",
        "production code",
        "prod code",
        "writer",
        "writers",
        "director",
        "transcriber",
    }
)
"""Credit and episode keys of a fan-transcript header: metadata, never speakers."""

SCENE_HEADING = re.compile(r"(?:INT|EXT|INT\./EXT|I/E)\.?\s")
"""A screenplay scene heading: `INT. KITCHEN - NIGHT`."""

EPISODE_CODE = re.compile(r"\b(?:\d{1,2}x\d{1,3}|S\d{1,2}\s?E\d{1,3})\b", re.IGNORECASE)
"""`2x07`, `S02E07`: the episode code of a title line."""

BRACKETED = re.compile(r"\([^()\n]{1,200}\)|\[[^\[\]\n]{1,200}\]")
"""An inline parenthetical or bracketed direction, bounded, without nesting."""

PERIOD_LABEL_CHARS = 40
"""How far into a line the period of a `Name. text` label may be."""


def fit(head: Head) -> Fit:
    """Colon labels plus whole-line `[directions]`; no directions, no script (FORMATS §8)."""
    cache: LabelCache = {}
    names: list[str] = []
    directions = cues = 0
    for number, raw in enumerate(head.lines, 1):
        text = raw.strip()
        if not text:
            continue
        if _is_direction_paragraph(text):
            directions += _is_scene_direction(text)
            continue
        line = label_line(number, text, cache)  # only labels count here: no other rule runs
        if line is None or line.label is None:
            continue
        if line.label.folded_name in DIRECTION_KEYS:
            directions += 1
            continue
        if line.label.folded_name in HEADER_KEYS:
            continue
        names.append(line.label.folded_name)
        cues += line.label.printed != line.label.name and line.label.affiliation is None
    distinct = len(set(names))
    if len(names) < MIN_LABELS or distinct < 2:
        return NO_FIT
    if len(names) >= 6 and distinct / len(names) > MAX_VOCABULARY:
        return NO_FIT
    episode = any(EPISODE_CODE.search(line) for line in head.lines[:5])
    if directions < 2 and not (directions == 1 and (cues or episode)):
        return NO_FIT
    return Fit(
        float(len(names) + directions),
        STYLE,
        f"{len(names)} 'Name: text' labels and {directions} whole-line [stage directions]",
    )


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a TV script (see the module docstring)."""
    reader = _ScriptReader(options)
    for number, raw in enumerate(source.text.split("\n"), 1):
        reader.take(number, raw)
    return unknown_roles(reader.doc.finish(options), options)


# -- rules ------------------------------------------------------------------------------


def _is_direction_paragraph(text: str) -> bool:
    """`[Dez waves.]`, or the first line of a bracket that closes on a later line."""
    return text[0] == "["


def _is_scene_direction(text: str) -> bool:
    """A whole-line bracket that reads as a direction (`[Scene: …]`), not `[laughter]`."""
    if not (text.startswith("[") and text.endswith("]")):
        return text.startswith("[") and len(text.split()) >= 3
    inner = text[1:-1]
    if inner.casefold().startswith("scene"):
        return True
    return len(inner.split()) >= 3 and any(ch.islower() for ch in inner)


def period_label_rule(text: str, known: set[str]) -> tuple[str, str] | None:
    """`Marnie. Right.`: a period label, accepted only for a name already printed with a colon."""
    end = text.find(". ", 0, PERIOD_LABEL_CHARS)
    if end <= 0:
        return None
    name = text[:end]
    if fold(name) not in known:
        return None
    return name, text[end + 2 :].strip()


def script_inline(text: str) -> tuple[Inline, ...] | None:
    """Speech text with its `(parentheticals)` and `[directions]` as annotations.

    None when the text has neither (see `InlineRule`).
    """
    if "(" not in text and "[" not in text:
        return None
    nodes: list[Inline] = []
    position = 0
    for match in BRACKETED.finditer(text):
        if match.start() > position:
            nodes.append(Text(text[position : match.start()]))
        nodes.append(Annotation(AnnotationKind.ACTION, match.group()))
        position = match.end()
    if position < len(text):
        nodes.append(Text(text[position:]))
    return tuple(nodes)


def unknown_roles(doc: Transcript, options: ReadOptions) -> Transcript:
    """Scripted dialogue has no interviewer: roles stay unknown unless the caller gives them.

    The shared resolution guesses an interviewer from who asks most questions,
    which is right for interviews and wrong for characters in a story.
    """
    given = {fold(label) for label, _ in options.roles}
    speakers = tuple(
        speaker
        if speaker.role is Role.UNKNOWN
        or fold(speaker.name) in given
        or any(fold(alias) in given for alias in speaker.aliases)
        else attrs.evolve(speaker, role=Role.UNKNOWN)
        for speaker in doc.speakers
    )
    return attrs.evolve(doc, speakers=speakers)


def fold_directions_into_turn(doc: DocumentBuilder) -> DraftTurn | None:
    """Speech after directions that follow a turn: the turn goes on, the directions join it.

    The label rule gives unlabelled speech to the last speaker; moving the
    directions into the turn (where the inline rule makes them annotations)
    keeps them out of the speech and keeps the reading order.
    """
    items = doc.items
    moved: list[DraftProse] = []
    index = len(items) - 1
    while index >= 0:
        item = items[index]
        if not (isinstance(item, DraftProse) and item.kind is ProseKind.NARRATION):
            break
        moved.append(item)
        index -= 1
    if not moved or index < 0 or not isinstance(items[index], DraftTurn):
        return None
    turn = items[index]
    assert isinstance(turn, DraftTurn)
    for prose in reversed(moved):
        turn.paragraphs.extend(prose.paragraphs)
        turn.last_line = prose.last_line
    del items[index + 1 :]
    return turn


# -- the reader -------------------------------------------------------------------------

_LABEL = Kind.LABEL
"""`Kind.LABEL` as a module constant for the loop over every line (an enum member is a lookup)."""


class _ScriptReader:
    """Holds one read's state: the open block, the header, the names seen so far."""

    def __init__(self, options: ReadOptions) -> None:
        self.doc = DocumentBuilder(STYLE, inline_rule=script_inline)
        self.cache: LabelCache = {}
        self.known: set[str] = {fold(label) for label, _ in options.speakers}
        self.open: DraftTurn | DraftProse | None = None
        self.in_header = True
        self.in_direction = False
        self.after_blank = True
        self.title_seen = False

    def take(self, number: int, raw: str) -> None:
        text = raw.strip()
        if not text:
            self.after_blank = True
            self.in_direction = False
            return
        after_blank, self.after_blank = self.after_blank, False
        if self.in_direction or text[0] == "[":
            self._direction(number, text, join=self.in_direction)
            return
        line = classify(number, text, self.cache)
        if line.kind is _LABEL and line.label is not None:
            self._label_line(number, text, line)
        elif line.kind is Kind.DEBRIS:
            self.doc.diagnose("scrape-debris", f"dropped scrape debris {text!r}", number)
        elif SCENE_HEADING.match(text):
            self.doc.heading(text, 2, number)
            self.open = None
        elif self.in_header:
            self._header(number, text, line)
        else:
            self._body(number, text, line, after_blank)

    def _direction(self, number: int, text: str, *, join: bool) -> None:
        self.doc.prose_line(ProseKind.NARRATION, text, number, join=join)
        self.open = None
        self.in_header = False
        self.in_direction = not text.endswith("]")

    def _label_line(self, number: int, text: str, line: Line) -> None:
        assert line.label is not None
        key = line.label.folded_name
        if key in DIRECTION_KEYS:
            self._direction(number, text, join=False)
            self.in_direction = False
            return
        if self.in_header and key in HEADER_KEYS:
            self.doc.set("extra", line.text, line.label.printed)
            if key.endswith(" by") or key in ("writer", "writers", "director", "transcriber"):
                self.doc.authors.append(line.text)
            return
        self.known.add(key)
        self.in_header = False
        self.open = self.doc.turn(line.label, number, line.text)

    def _header(self, number: int, text: str, line: Line) -> None:
        if line.kind is Kind.METADATA and line.field is not None:
            self.doc.set(line.field if line.value else "extra", line.value or "", line.key)
            return
        if not self.title_seen and line.kind is Kind.TEXT:
            self.title_seen = True
            self.doc.set("title", text)
            code = EPISODE_CODE.search(text)
            if code is not None:
                self.doc.set("extra", code.group(), "episode")
            return
        kind = ProseKind.BYLINE if is_byline(text) else ProseKind.NOTE
        self.doc.prose(kind, text, number)
        self.open = None

    def _body(self, number: int, text: str, line: Line, after_blank: bool) -> None:
        period = period_label_rule(text, self.known) if after_blank else None
        if period is not None:
            parts = split_label(period[0])
            if parts is not None:
                self.open = self.doc.turn(parts, number, period[1])
                return
        if line.kind in (Kind.NOTE, Kind.BYLINE, Kind.METADATA):
            kind = ProseKind.BYLINE if line.kind is Kind.BYLINE else ProseKind.NOTE
            self.open = self.doc.prose(kind, text, number)
            return
        if isinstance(self.open, DraftTurn):
            self.open.add(text, number, join=not after_blank)
            return
        turn = fold_directions_into_turn(self.doc)
        if turn is not None:
            self.doc.diagnose(
                "unattributed-text",
                "unlabelled speech after a stage direction; kept with the previous speaker",
                number,
            )
            self.open = turn
            turn.add(text, number)
            return
        self.doc.diagnose(
            "unattributed-text", "text with no speaker label; kept as narration", number
        )
        self.doc.prose_line(ProseKind.NARRATION, text, number, join=not after_blank)
        self.open = None
