"""The reader for Markdown interviews and podcast pages (FORMATS.md §1.2–1.3).

A blog Q&A or a podcast transcript page in Markdown labels its speakers in
bold: `**Name:** text`, `**Name**: text`, a whole bold question
`**NAME: text?**`, or `**Name** (00:01:23)` on podcast pages. The reader works
in three steps, each a chain of small named rules:

1. front matter (`---`/`+++`) becomes metadata (`frontmatter.py`);
2. the lines are grouped into Markdown blocks: headings, rules, code,
   list items and paragraphs; a line that opens with a bold label always
   starts a new paragraph, even without a blank line before it;
3. each block is read in order: a bold label opens a turn (a timestamp
   right after it is the turn's start); list items, quotes and plain
   paragraphs continue the turn; a heading or a rule ends it, so show notes
   and link sections after the transcript become Prose notes; italic
   captions, `**Editor's note:**` and credits are Prose notes wherever they
   are.

Inline markup (emphasis, escapes, links) is cleaned by `markdown_text.py`;
link addresses are left out of the text and counted in a diagnostic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import attrs

from ..decode import DecodedText
from ..labels import LabelParts, fold
from ..model import ProseKind, Role, Transcript
from ..speakers import Occurrence, resolve
from . import ReadOptions
from .build import DocumentBuilder, DraftProse, DraftTurn
from .detect import NO_FIT, Fit, Head
from .frontmatter import (
    PERSON_ROLE_KEYS,
    apply_front_matter,
    declare_roles,
    metadata_field,
    people_in,
    split_front_matter,
)
from .lines import LABEL_SEARCH_CHARS, NOTE_KEYS, Kind, is_closing_chrome, judge_prefix
from .lines import classify as classify_line
from .markdown_text import (
    BlockKind,
    Dropped,
    block_of,
    clean_inline,
    is_wrapped_in_emphasis,
    leading_clock,
    paragraph_line,
    strip_emphasis,
    trailing_clock,
)
from .plain import MAX_VOCABULARY, MIN_LABELS, PHRASE_WORDS, phrase_like

BOLD_MARKS = ("**", "__")

PODCAST_WORDS = frozenset({"episode", "podcast", "ep", "show notes", "listen", "season"})
"""Words in a page's title or keys that say it is a podcast page."""


# -- step 2: Markdown blocks ---------------------------------------------------------------


class BoldLabel(NamedTuple):
    """A bold label at the start of a paragraph, and the speech after it (one per turn)."""

    parts: LabelParts | None
    """None when the bold lead-in is a note, metadata or credit word (`**Editor's note:**`)."""
    printed: str
    rest: str
    start: float | None = None
    closes_later: str = ""
    """The bold mark opened before the name when it closes on a later line of the paragraph
    (`**NAME: a question\nover two lines?**`): the reader takes it off the paragraph's end."""


@attrs.define
class Chunk:
    """One Markdown block: a heading, a rule, or a paragraph (list item, quote, code)."""

    kind: BlockKind
    first_line: int
    lines: list[str] = attrs.field(factory=list)
    level: int = 0
    marker: str = ""
    quoted: bool = False
    label: BoldLabel | None = None

    @property
    def raw(self) -> str:
        """The paragraph's lines as one Markdown text (hard breaks are spaces)."""
        return " ".join(line.rstrip("\\ \t") for line in self.lines)


def chunks_of(lines: Sequence[str], first_number: int) -> Iterator[Chunk]:
    """Group Markdown lines into blocks (CommonMark's block rules, simplified)."""
    current: Chunk | None = None
    fence = ""
    names: NameCache = {}
    for number, raw in enumerate(lines, first_number):
        if fence:
            assert current is not None
            if raw.strip().startswith(fence):
                yield current
                current, fence = None, ""
            else:
                current.lines.append(raw.strip())
            continue
        text = paragraph_line(raw)
        if text is not None:  # the common line, without a `Block`
            kind, level, marker, quoted = _TEXT, 0, "", False
        else:
            kind, text, level, marker, quoted = block_of(raw)
        if current is not None and raw.lstrip()[:1] in UNDERLINES and _setext(kind, raw, current):
            yield Chunk(
                BlockKind.HEADING,
                current.first_line,
                current.lines,
                1 + raw.strip().startswith("-"),
            )
            current = None
            continue
        if kind is _TEXT or kind is _ITEM:
            label = bold_label(text, names) if kind is _TEXT else None
            if (
                label is None
                and kind is _TEXT
                and current is not None
                and (current.kind is _TEXT or current.kind is _ITEM)
                and current.quoted == quoted
            ):  # a line that continues the paragraph or list item above
                current.lines.append(text)
                continue
            if current is not None:
                yield current
            current = Chunk(kind, number, [text], 0, marker, quoted, label)
            continue
        if current is not None:
            yield current
            current = None
        if kind is _BLANK:
            continue
        if kind is BlockKind.HEADING:
            yield Chunk(kind, number, [text], level)
        elif kind is BlockKind.RULE:
            yield Chunk(kind, number)
        elif kind is BlockKind.FENCE:
            fence = marker
            current = Chunk(BlockKind.TEXT, number, [text] if text else [])
            current.marker = "code"
    if current is not None:
        yield current


_TEXT = BlockKind.TEXT
_ITEM = BlockKind.ITEM
_BLANK = BlockKind.BLANK
_HEADING = BlockKind.HEADING
"""Block kinds as module constants for the loop over every line (an enum member is a lookup)."""
UNDERLINES = ("=", "-")
"""What a setext underline starts with: other lines are no underline, without `_setext`."""


def _setext(kind: BlockKind, raw: str, current: Chunk) -> bool:
    """`Title` over `=====` or `-----`: the line above is a heading, not a paragraph."""
    if (
        current.kind is not BlockKind.TEXT
        or len(current.lines) != 1
        or current.label
        or current.quoted
    ):
        return False
    text = raw.strip()
    if kind is BlockKind.TEXT:
        return len(text) >= 3 and text.count("=") == len(text)
    return kind is BlockKind.RULE and len(text) >= 3 and text.count("-") == len(text)


# -- the label rules -----------------------------------------------------------------------


def bold_label(text: str, cache: NameCache | None = None) -> BoldLabel | None:
    """The bold label this paragraph opens with, in any of its spellings, or None.

    `**Name:** …`, `**Name**: …`, `__Name:__ …`, `**NAME: whole question?**`,
    `**Name** (00:01:23) …`, `**Name [00:01:23]:** …`. `cache` keeps the
    judgement of each printed lead-in for the rest of one read.
    """
    mark = text[:2]
    if mark not in BOLD_MARKS:
        return None
    close = text.find(mark, 2, LABEL_SEARCH_CHARS)
    colon = text.find(":", 2, LABEL_SEARCH_CHARS)
    start: float | None = None
    closes_later = ""
    if colon >= 0 and (close < 0 or close > colon):
        name = text[2:colon]
        if text.startswith(mark, colon + 1):  # `**Name:**`
            rest = text[colon + 3 :]
        else:  # the whole lead-in is bold: `**NAME: question?**`
            rest = text[colon + 1 :]
            end = rest.find(mark)
            if end < 0 and close >= 0:
                return None
            if end >= 0:
                rest = rest[:end] + rest[end + 2 :]
            else:
                closes_later = mark
    elif close > 2:
        name = text[2:close]
        after = text[close + 2 :].lstrip()
        if after.startswith(":"):  # `**Name**:`
            rest = after[1:]
        else:  # `**Name** (00:01:23)`
            start, rest = leading_clock(clean_inline(after[:40]) + after[40:])
            if start is None:
                return None
            rest = rest.lstrip(":").lstrip()
    else:
        return None
    judged = cache.get(name) if cache is not None else None
    if judged is None:
        judged = _judge_bold_name(name)
        if cache is not None:
            cache[name] = judged
    if judged is _NOT_A_LABEL:
        return None
    name, clock, parts = judged
    return BoldLabel(parts, name, rest, start if clock is None else clock, closes_later)


_JudgedName = tuple[str, float | None, LabelParts | None]
NameCache = dict[str, _JudgedName]
"""Bold lead-ins already judged in one read: a speaker's name printed 5,000 times is judged once."""
_NOT_A_LABEL: _JudgedName = ("", None, None)


def _judge_bold_name(printed: str) -> _JudgedName:
    """(name, trailing time, label parts or None for a note word), or `_NOT_A_LABEL`."""
    name = strip_emphasis(printed)
    clock, name = trailing_clock(name)
    if not name or "*" in name or "_" in name.strip("_"):
        return _NOT_A_LABEL
    prefix = judge_prefix(name)
    if prefix.kind is None:
        return _NOT_A_LABEL
    if prefix.kind is not Kind.LABEL or _is_note_word(name):
        return (name, clock, None)
    return (name, clock, prefix.label)


def _is_note_word(name: str) -> bool:
    """`Show notes`, `Episode links`: a lead-in whose last word is a note word."""
    words = fold(name).split()
    return bool(words) and (words[-1] in NOTE_KEYS or fold(name) in NOTE_KEYS)


# -- step 3: reading the blocks ------------------------------------------------------------


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a Markdown interview or podcast page (see the module docstring)."""
    lines = source.text.split("\n")
    pairs, body = split_front_matter(lines)
    chunks = list(chunks_of(lines[body:], body + 1))
    reader = _Reader(chunks, pairs)
    for chunk in chunks:
        reader.take(chunk)
    return reader.finish(options)


class _Reader:
    """The state of one read: the builder, what is open, what the header gave."""

    def __init__(self, chunks: list[Chunk], pairs: list[tuple[str, str]]) -> None:
        self.doc = DocumentBuilder("markdown-bold-interview")
        self.dropped = Dropped()
        self.people: list[tuple[str, Role]] = []
        self.podcast = False
        self.front_title = False
        apply_front_matter(self.doc, pairs)
        for key, value in pairs:
            if fold(key) in PERSON_ROLE_KEYS:
                self.people.extend((name, PERSON_ROLE_KEYS[fold(key)]) for name in people_in(value))
            if any(word in PODCAST_WORDS for word in fold(key).replace("_", " ").split()):
                self.podcast = True
        self.front_title = "title" in self.doc.metadata
        self.turn: DraftTurn | None = None
        """The turn that unlabelled paragraphs continue; None after a heading or a rule."""
        self.seen_turn = False
        self.refused = _refused_labels(chunks)
        self.speaker_headings = _speaker_headings(chunks)
        self.timestamps = 0

    # -- dispatch ----------------------------------------------------------------------
    def take(self, chunk: Chunk) -> None:
        label = chunk.label
        if label is not None and label.parts is not None:  # only paragraphs have labels
            if self.refused and fold(label.printed) in self.refused:
                self.doc.diagnose(
                    "label-rejected",
                    f"{label.printed!r} looks like a phrase, not a name (it occurs once); "
                    "the paragraph was read as text",
                    chunk.first_line,
                )
                self._paragraph(chunk)
            else:
                self._label(chunk, label, label.parts)
        elif chunk.kind is _HEADING:
            self._heading(chunk)
        elif chunk.kind is BlockKind.RULE:
            self.turn = None
        else:
            self._paragraph(chunk)

    # -- rules -------------------------------------------------------------------------
    def _heading(self, chunk: Chunk) -> None:
        text = self._clean(chunk.raw, chunk.first_line)
        clock, name = trailing_clock(text)
        parts = self.speaker_headings.get(fold(name))
        if parts is not None:  # the `### Name` variant: speech below the heading
            self.turn = self.doc.turn(parts, chunk.first_line, start=clock)
            self.seen_turn = True
            self.timestamps += clock is not None
            return
        self.turn = None
        if chunk.level == 1 and not self.seen_turn and "title" not in self.doc.metadata:
            self.doc.set("title", text)
            return
        if chunk.level == 1 and self.front_title and text == self.doc.metadata.get("title"):
            return  # the front matter's title printed again: already in the metadata
        self.doc.heading(text, chunk.level, chunk.first_line)

    def _label(self, chunk: Chunk, label: BoldLabel, parts: LabelParts) -> None:
        if len(chunk.lines) == 1:  # the common turn: one line
            raw = label.rest.rstrip("\\ \t")
        else:
            raw = " ".join(line.rstrip("\\ \t") for line in [label.rest, *chunk.lines[1:]])
            if label.closes_later and raw.endswith(label.closes_later):
                raw = raw[: -len(label.closes_later)]
        text = clean_inline(raw, chunk.first_line, self.dropped)
        start = label.start
        if start is None:
            start, text = leading_clock(text)
        self.timestamps += start is not None
        self.turn = self.doc.turn(parts, chunk.first_line, text or None, start=start)
        self.turn.last_line = chunk.first_line + len(chunk.lines) - 1
        self.seen_turn = True

    def _paragraph(self, chunk: Chunk) -> None:
        line = chunk.first_line
        last = line + max(len(chunk.lines), 1) - 1
        text = self._clean(chunk.raw, line)
        if not text:
            return
        if chunk.kind is BlockKind.ITEM and chunk.marker[:1].isdigit():
            text = f"{chunk.marker} {text}"
        if not self.seen_turn and self._people(text):
            return
        kind = self._note_kind(chunk, text)
        if kind is None and not self.seen_turn:
            kind = self._header(chunk, text)
            if kind is None:
                return
        if kind is None and self.turn is not None:
            self.turn.add(text, last)
            self.turn.last_line = last
            return
        if kind is None:
            kind = ProseKind.NOTE
            if not self._extends_prose(kind):
                self.doc.diagnose(
                    "unattributed-text",
                    "text after a heading or rule has no speaker label; kept as a note",
                    line,
                )
        if kind in (ProseKind.NOTE, ProseKind.BYLINE) and self.seen_turn and _closing(text):
            self.turn = None  # credits end the transcript: nothing after them is speech
        self.doc.prose_line(kind, text, line)
        block = self.doc.items[-1]
        if isinstance(block, DraftProse):
            block.last_line = last

    def _note_kind(self, chunk: Chunk, text: str) -> ProseKind | None:
        """Editorial notes, captions, credits: Prose wherever they stand."""
        if chunk.label is not None and chunk.label.parts is None:
            return ProseKind.NOTE  # `**Editor's note:** …`, `**Show notes:** …`
        whole_emphasis = is_wrapped_in_emphasis(chunk.raw)
        if whole_emphasis or self.turn is None or _closing(text):  # else neither rule applies
            classified = classify_line(chunk.first_line, text, {})
            if classified.kind is Kind.BYLINE and (whole_emphasis or self.turn is None):
                return ProseKind.BYLINE
            if classified.kind is Kind.NOTE and (whole_emphasis or _closing(text)):
                return ProseKind.NOTE
        if whole_emphasis and (not self.seen_turn or _starts_with_note_word(text)):
            return ProseKind.NOTE
        if _image_only(text):
            return ProseKind.NOTE
        return None

    def _header(self, chunk: Chunk, text: str) -> ProseKind | None:
        """Before the first turn: roles lines, metadata lines, intro paragraphs."""
        classified = classify_line(chunk.first_line, text, {})
        if classified.kind is Kind.METADATA and classified.key and classified.value:
            field = metadata_field(classified.key)
            if field == "authors":
                self.doc.authors.append(classified.value)
            self.doc.set(field if field != "authors" else "extra", classified.value, classified.key)
            return None
        if classified.kind is Kind.DATE and "date" not in self.doc.metadata:
            self.doc.set("date", text)
            return None
        if classified.kind is Kind.BYLINE:
            return ProseKind.BYLINE
        return ProseKind.INTRO

    def _people(self, text: str) -> bool:
        """`Host: A. Guest: B, historian.`: who plays which part, kept as metadata."""
        people = _people_line(text)
        for key, value in people:
            self.doc.set("extra", value, key)
            role = PERSON_ROLE_KEYS[fold(key)]
            self.people.extend((name, role) for name in people_in(value))
            self.podcast = self.podcast or role in (Role.HOST, Role.GUEST)
        return bool(people)

    def _extends_prose(self, kind: ProseKind) -> bool:
        last = self.doc.items[-1] if self.doc.items else None
        return isinstance(last, DraftProse) and last.kind is kind

    def _clean(self, text: str, line: int) -> str:
        return clean_inline(text, line, self.dropped)

    # -- the end -----------------------------------------------------------------------
    def finish(self, options: ReadOptions) -> Transcript:
        if self.dropped.links:
            shown = ", ".join(str(line) for line, _ in self.dropped.links[:12])
            more = ", …" if len(self.dropped.links) > 12 else ""
            urls = " ".join(url for _, url in self.dropped.links[:12])
            self.doc.diagnose(
                "link-targets",
                f"kept the text of {len(self.dropped.links)} Markdown link(s) and left out "
                f"their addresses (lines {shown}{more}): {urls}",
                self.dropped.links[0][0],
            )
        title = fold(self.doc.metadata.get("title", ""))
        if self.timestamps or any(word in PODCAST_WORDS for word in title.split()):
            self.podcast = True
        if self.podcast:
            self.doc.style = "podcast-markdown"
        declare_roles(self.doc, self.people)
        return self.doc.finish(options)


_PEOPLE_KEY = re.compile(
    r"(?:^|(?<=[\s.;|,]))(Hosts?|Co-?hosts?|Guests?|Interviewer|Interviewee|Narrator|Moderator)"
    r"[ \t]?:[ \t]",
    re.IGNORECASE,
)


def _people_line(text: str) -> list[tuple[str, str]]:
    """`Host: Emeka Obi. Guest: Dr. Tova Lindgren, maritime historian.` → key/value pairs."""
    if len(text) > 400:
        return []
    matches = list(_PEOPLE_KEY.finditer(text))
    if not matches or matches[0].start() != 0:
        return []
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip().rstrip(".;|,").strip()
        pairs.append((match.group(1), value))
    return pairs


def _starts_with_note_word(text: str) -> bool:
    head = fold(text[:40].split(":", 1)[0]) if ":" in text[:40] else ""
    return bool(head) and (head in NOTE_KEYS or head.split()[-1] in NOTE_KEYS)


def _closing(text: str) -> bool:
    return is_closing_chrome(text)


def _image_only(text: str) -> bool:
    return text.startswith("[image") and text.endswith("]") and text.count("[image") == 1


def _refused_labels(chunks: Sequence[Chunk]) -> set[str]:
    """One-off bold lead-ins that read like a phrase, not a name (FORMATS.md §0.9)."""
    labels = [label for chunk in chunks if (label := chunk.label) is not None and label.parts]
    counts = Counter([label.parts.folded_name for label in labels if label.parts])
    once = {name for name, count in counts.items() if count == 1}
    refused = set()
    for label in labels if once else ():
        if label.parts is None or label.parts.folded_name not in once:
            continue
        if label.parts.folded_name in PHRASE_WORDS or phrase_like(label.parts.name):
            refused.add(fold(label.printed))
    return refused


def _speaker_headings(chunks: Sequence[Chunk]) -> dict[str, LabelParts]:
    """`### Name` headings that recur, for two names or more: the name-heading variant."""
    counts: Counter[str] = Counter()
    parts_of: dict[str, LabelParts] = {}
    for chunk in [chunk for chunk in chunks if chunk.kind is _HEADING]:
        if chunk.level < 2 or ":" in chunk.raw:
            continue
        _, name = trailing_clock(strip_emphasis(chunk.raw))
        prefix = judge_prefix(name) if name else None
        if prefix is None or prefix.kind is not Kind.LABEL or prefix.label is None:
            continue
        if phrase_like(name) or _is_note_word(name):
            continue
        counts[fold(name)] += 1
        parts_of[fold(name)] = prefix.label
    recurring = {name: parts_of[name] for name, count in counts.items() if count >= 2}
    return recurring if len(recurring) >= 2 else {}


# -- detection -----------------------------------------------------------------------------


def _speakers_after_aliases(labels: Sequence[BoldLabel]) -> int:
    """Distinct speakers once `KAR` and `Tova` are grouped with their full names (§8)."""
    occurrences = [Occurrence(label.parts, None) for label in labels if label.parts]
    return len(resolve(occurrences).speakers)


def fit(head: Head) -> Fit:
    """Count the bold labels that open lines (FORMATS.md §8): no bold labels, no fit."""
    labels: list[BoldLabel] = []
    judged: NameCache = {}
    for line in head.lines:
        text = line.lstrip(" >\t")
        if text[:2] in BOLD_MARKS:
            label = bold_label(text.rstrip(), judged)
            if label is not None and label.parts is not None:
                labels.append(label)
    counts = Counter(label.parts.folded_name for label in labels if label.parts)
    names = [
        label.parts.folded_name
        for label in labels
        if label.parts
        and (
            counts[label.parts.folded_name] > 1
            or not (label.parts.folded_name in PHRASE_WORDS or phrase_like(label.parts.name))
        )
    ]
    distinct = len(set(names))
    if len(names) < MIN_LABELS or (distinct < 2 and set(names) != {"q"}):
        return NO_FIT
    if len(names) >= 6 and distinct / len(names) > MAX_VOCABULARY:
        distinct = _speakers_after_aliases(labels)
        if distinct / len(names) > MAX_VOCABULARY:
            return NO_FIT
    timed = any(
        label.start is not None or leading_clock(clean_inline(label.rest[:40]))[0] is not None
        for label in labels
    )
    style = "podcast-markdown" if timed else "markdown-bold-interview"
    return Fit(float(len(names)), style, f"{len(names)} bold Markdown labels from {distinct} names")
