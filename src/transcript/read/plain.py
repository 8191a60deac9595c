"""The plain-text reader: `Label: text` documents, with the article, bylines and notes around them.

Reads news and magazine Q&As, broadcast transcripts, French-spaced and CJK
full-width labels (FORMATS.md styles 1.1, 1.4 and 6). Three passes:

1. every line is classified by the rules in `lines.py` (label, metadata,
   note, byline, cue, debris, text);
2. label-shaped phrases that occur once and do not look like names
   (`Bottom line:`) are turned back into text;
3. the lines are assembled into blocks: the header (title, metadata, intro,
   bylines) until the first label, then turns, with unlabelled paragraphs
   continuing the current turn and notes, cues and bylines kept out of it.

Speakers are resolved once at the end by `transcript.speakers`.
"""

from __future__ import annotations

from collections import Counter

import attrs

from ..decode import DecodedText
from ..labels import fold, has_cjk, split_label
from ..model import (
    Diagnostic,
    Heading,
    ProseKind,
    Severity,
    SourceSpan,
    Transcript,
)
from . import ReadOptions
from .build import DocumentBuilder, DraftProse, DraftTurn
from .detect import NO_FIT, Fit, Head
from .lines import LABEL_SEARCH_CHARS, Kind, LabelCache, Line, classify_lines, label_line

NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "do",
        "du",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "y",
        "e",
        "bin",
        "ibn",
        "al",
        "el",
        "dos",
        "das",
        "ter",
        "zu",
        "af",
        "av",
        "of",
        "the",
        "and",
    }
)
"""Lower-case words that may sit inside a real name (`Ludwig van Beethoven`)."""

HEADLINE_MAX_CHARS = 200

PHRASE_WORDS = frozenset(
    {
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "finally",
        "lastly",
        "also",
        "however",
        "meanwhile",
        "example",
        "warning",
        "tip",
        "important",
        "fact",
        "reminder",
        "spoiler",
        "exclusive",
        "breaking",
        "opinion",
        "analysis",
        "watch",
        "listen",
        "update",
    }
)
"""Single words that head a sentence or a headline; as a one-off label, they are text."""

STRUCTURE_WORDS = frozenset(
    {
        "title",
        "subtitle",
        "date",
        "note",
        "notes",
        "related",
        "read more",
        "link",
        "links",
        "lien",
        "url",
        "tags",
        "category",
        "photo",
        "caption",
        "copyright",
        "correction",
        "editor's note",
        "update",
    }
)
"""Note and metadata words that stay notes even when they recur in the dialogue."""
CHROME_MAX_WORDS = 6


MIN_LABELS = 3
"""A grammar must explain at least this many labels to qualify (FORMATS.md §8)."""
MAX_VOCABULARY = 0.6
"""Distinct names ÷ labels, once there are six or more: above it, the 'labels' are prose."""


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read `Label: text` documents (see the module docstring)."""
    text = source.text
    lines = classify_lines(text.split("\n"), {})
    survey = _Survey.of(lines)
    diagnostics: list[Diagnostic] = []
    if _refuse_phrase_labels(lines, survey, options, diagnostics):
        survey = _Survey.of(lines)
    labels = [lines[index] for index in survey.labels]
    assembler = _Assembler(survey.paragraph_mode, diagnostics, _style(labels, "：" in text))
    assembler.take_all(lines)
    return assembler.finish(options)


def fit(head: Head) -> Fit:
    """Count the colon labels at the start of the document (FORMATS.md §8, step 3)."""
    cache: LabelCache = {}
    labelled = (label_line(number, raw, cache) for number, raw in enumerate(head.lines, 1))
    lines = [line for line in labelled if line is not None]
    names = [line.label.folded_name for line in lines if line.label is not None]
    distinct = len(set(names))
    if len(names) < MIN_LABELS or (distinct < 2 and set(names) != {"q"}):
        return NO_FIT
    if len(names) >= 6 and distinct / len(names) > MAX_VOCABULARY:
        return NO_FIT
    return Fit(
        float(len(names)),
        _style(lines),
        f"{len(names)} 'Name: text' labels from {distinct} names",
    )


FRENCH_SPACES = frozenset(" \u00a0\u202f\u2009")
"""The space French typography puts before a colon (`Journaliste : …`)."""


def _style(labels: list[Line], wide_colons: bool = True) -> str:
    """Which of the colon-label styles of FORMATS.md this document is, for the metadata.

    `labels` are the label lines; `wide_colons` False says the text has no
    full-width colon at all, so no label line needs looking at for one.
    """
    if not labels:
        return "plain"
    fullwidth = (
        sum(line.whole.find("：", 0, LABEL_SEARCH_CHARS) >= 0 for line in labels)
        if wide_colons
        else 0
    )
    if fullwidth * 2 > len(labels):
        speech = " ".join(line.whole for line in labels[:20])
        if any("\uac00" <= ch <= "\ud7a3" for ch in speech):
            return "korean-fullwidth"
        return "japanese-fullwidth"
    french = sum(
        line.whole[len(line.label.printed) : len(line.label.printed) + 1] in FRENCH_SPACES
        for line in labels
        if line.label
    )
    if french * 2 > len(labels):
        return "french-spacing"
    names = Counter(line.label.name for line in labels if line.label)
    caps = sum(count for name, count in names.items() if _is_caps(name))  # each name once
    if caps * 2 > len(labels):
        return "broadcast-caps"
    return "news-article-interview"


@attrs.frozen
class _Survey:
    """What the rules over the whole document need, gathered in one pass over the lines."""

    labels: list[int]
    """Indexes of the label lines."""
    names: list[str]
    """The folded name of each label line, in the same order."""
    keyed: list[int]
    """Indexes of the `Key: value` lines that are no label (metadata, notes, credits)."""
    paragraph_mode: bool
    """True when blank lines separate paragraphs, so adjacent lines are one wrapped paragraph:
    more lines are followed by a blank line than by another line."""

    @classmethod
    def of(cls, lines: list[Line]) -> _Survey:
        labels: list[int] = []
        names: list[str] = []
        keyed: list[int] = []
        followed_by_blank = followed_by_text = 0
        after_text = False  # the line before was not blank
        for index, line in enumerate(lines):
            if line.kind is _BLANK:
                followed_by_blank += after_text
                after_text = False
                continue
            followed_by_text += after_text
            after_text = True
            parts = line.label
            if parts is not None:
                labels.append(index)
                names.append(parts.folded_name)
            elif line.key:
                keyed.append(index)
        return cls(labels, names, keyed, followed_by_blank > followed_by_text)


_BLANK = Kind.BLANK
_LABEL = Kind.LABEL
"""Kinds as module constants for the loops over every line (an enum member is a lookup)."""


def _refuse_phrase_labels(
    lines: list[Line], survey: _Survey, options: ReadOptions, diagnostics: list[Diagnostic]
) -> bool:
    """A second look at label-shaped lines, now that the whole document is known.

    FORMATS.md rule 9: a one-off label that does not look like a name is text
    (`Bottom line:`, `First:`, `Exclusive: An Interview with …`). A note or
    metadata word that recurs as a label in the dialogue, or that the caller
    declares a speaker, is a label after all (`Author:` twice). The lines are
    changed in place; True when any was. Only one-off labels and key lines
    are looked at again.
    """
    counts = Counter(survey.names)
    declared = {fold(label) for label, _ in options.speakers}
    first_label = survey.labels[0] if survey.labels else len(lines)
    body_keys = Counter(
        fold(key)
        for index in survey.keyed
        if index > first_label and (key := lines[index].key) and lines[index].value
    )
    once = {name for name, count in counts.items() if count == 1}
    looked_at = (
        [index for index, name in zip(survey.labels, survey.names, strict=True) if name in once]
        if once
        else []
    )
    if declared or body_keys:  # a key line may be promoted
        looked_at = sorted([*looked_at, *survey.keyed])
    changed = False
    for index in looked_at:
        line = lines[index]
        parts = line.label
        if parts is None:
            if line.key and line.value is not None and _promoted(line.key, body_keys, declared):
                promoted = split_label(line.key)
                if promoted is not None:
                    lines[index] = Line(
                        line.number, Kind.LABEL, line.value, label=promoted, whole=line.text
                    )
                    changed = True
            continue
        if parts.folded_name in declared or parts.folded_printed in declared:
            continue
        if not (phrase_like(parts.name) or parts.folded_name in PHRASE_WORDS):
            continue
        reason = "looks like a phrase, not a name (it occurs once)"
        lines[index] = Line(line.number, Kind.TEXT, line.whole)
        changed = True
        diagnostics.append(
            Diagnostic(
                "label-rejected",
                Severity.INFO,
                f"{parts.printed!r} {reason}; the line was read as text",
                line.number,
            )
        )
    return changed


def _promoted(key: str, body_keys: Counter[str], declared: set[str]) -> bool:
    folded = fold(key)
    if folded in declared:
        return True
    return body_keys[folded] >= 2 and folded not in STRUCTURE_WORDS


def phrase_like(name: str) -> bool:
    """`Bottom line`, `Rule of thumb`: a lower-case word after the first is no name (§0.9)."""
    words = name.split()
    return any(word[0].islower() and word not in NAME_PARTICLES for word in words[1:])


class _Assembler:
    """Turns classified lines into blocks; holds the state of one read."""

    def __init__(self, paragraph_mode: bool, diagnostics: list[Diagnostic], style: str) -> None:
        self.paragraph_mode = paragraph_mode
        self.doc = DocumentBuilder(style, diagnostics)
        self.diagnostics = diagnostics
        self.items = self.doc.items
        self.open: DraftTurn | DraftProse | None = None
        self.after_blank = True
        self.in_header = True
        self.intro_started = False
        self.metadata = self.doc.metadata
        self.extra = self.doc.extra
        self.authors = self.doc.authors
        self.headlines: list[int] = []  # indexes into items of headline candidates

    # -- dispatch ----------------------------------------------------------------------
    def take_all(self, lines: list[Line]) -> None:
        """`take` every line; blank lines and clean label lines, most of a transcript, directly."""
        for line in lines:
            kind = line.kind
            if kind is _BLANK:
                self.after_blank = True
            elif kind is _LABEL and line.repaired is None:
                self._start_turn(line)
                self.after_blank = False
            else:
                self.take(line)

    def take(self, line: Line) -> None:
        kind = line.kind
        if kind is Kind.BLANK:
            self.after_blank = True
            return
        if kind is Kind.DEBRIS:
            self.diagnostics.append(
                Diagnostic(
                    "scrape-debris",
                    Severity.WARNING,
                    f"dropped scrape debris {line.text!r}",
                    line.number,
                )
            )
            self.after_blank = False
            return
        if line.repaired is not None:
            self.diagnostics.append(
                Diagnostic(
                    "scrape-debris",
                    Severity.WARNING,
                    f"removed 'rnrn' debris from the line {line.repaired!r}",
                    line.number,
                )
            )
        if kind is Kind.LABEL:
            self._start_turn(line)
        elif self.in_header:
            self._take_header(line)
        else:
            self._take_body(line)
        self.after_blank = False

    def _take_header(self, line: Line) -> None:
        kind = line.kind
        if kind is Kind.METADATA:
            self._metadata(line)
        elif kind is Kind.DATE:
            self._set("date", line.text, line.key or "date")
        elif kind is Kind.BYLINE:
            self._prose(ProseKind.BYLINE, line, separate=True)
        elif kind in (Kind.NOTE, Kind.CUE):
            self._prose(ProseKind.NOTE, line, separate=True)
        elif not self.intro_started and _is_headline(line.text):
            self.headlines.append(len(self.items))
            self.items.append(Heading(line.text, 1, SourceSpan(line.number, line.number)))
            self.open = None
        elif _is_chrome(line.text):
            self._prose(ProseKind.NOTE, line, separate=True)
        else:
            self.intro_started = True
            self._prose(ProseKind.INTRO, line)

    def _take_body(self, line: Line) -> None:
        kind = line.kind
        if kind in (Kind.TEXT, Kind.DATE):
            if isinstance(self.open, DraftTurn) or self._resume_turn():
                assert isinstance(self.open, DraftTurn)
                self._continue(self.open, line)
            else:
                if not (
                    isinstance(self.open, DraftProse) and self.open.kind is ProseKind.NARRATION
                ):
                    self.diagnostics.append(
                        Diagnostic(
                            "unattributed-text",
                            Severity.INFO,
                            "text after a note or cue has no speaker label; kept as narration",
                            line.number,
                        )
                    )
                self._prose(ProseKind.NARRATION, line)
        elif kind is Kind.CUE:
            self._prose(ProseKind.NARRATION, line, separate=True)
        elif kind is Kind.BYLINE:
            self._prose(ProseKind.BYLINE, line, separate=True)
        else:  # notes and metadata-shaped lines between or after turns
            self._prose(ProseKind.NOTE, line, separate=True)

    def _resume_turn(self) -> bool:
        """Speech after a cue or byline line inside a turn: the line was part of the turn.

        `(laughs)` alone on a line, or an e-mail address the speaker dictates,
        must not take the rest of the answer away from its speaker: the block
        is folded back into the turn before it (order kept) and the turn goes on.
        """
        block = self.open
        if not (
            isinstance(block, DraftProse)
            and block.kind in (ProseKind.NARRATION, ProseKind.BYLINE)
            and block.cue_or_byline_only
            and len(self.items) >= 2
            and self.items[-1] is block
            and isinstance(self.items[-2], DraftTurn)
        ):
            return False
        turn = self.items[-2]
        assert isinstance(turn, DraftTurn)
        turn.paragraphs.extend(block.paragraphs)
        turn.last_line = block.last_line
        self.items.pop()
        self.open = turn
        return True

    # -- building blocks ---------------------------------------------------------------
    def _start_turn(self, line: Line) -> None:
        assert line.label is not None
        self.in_header = False
        self.open = self.doc.turn(line.label, line.number, line.text)

    def _continue(self, block: DraftTurn | DraftProse, line: Line) -> None:
        join = (
            not self.after_blank
            and bool(block.paragraphs)
            and (self.paragraph_mode or _wrapped(block.paragraphs[-1][-1]))
        )
        block.add(line.text, line.number, join=join)

    def _prose(self, kind: ProseKind, line: Line, separate: bool = False) -> None:
        """Add a line to the open prose block of this kind, or open one."""
        block = self.open
        if not (isinstance(block, DraftProse) and block.kind is kind):
            block = DraftProse(kind, [], line.number, line.number)
            self.items.append(block)
            self.open = block
        if line.kind not in (Kind.CUE, Kind.BYLINE):
            block.cue_or_byline_only = False
        if separate:
            block.add(line.text, line.number)
        else:
            self._continue(block, line)
        if kind is ProseKind.BYLINE and line.key and line.value:
            self.authors.append(line.value)

    def _metadata(self, line: Line) -> None:
        field = line.field or "extra"
        key = line.key or field
        value = line.value or ""
        if not value:  # `Title:` with nothing after it names no title
            field = "extra"
        if field == "title":
            if "title" not in self.metadata:  # headlines become the title only later
                self.metadata["title"] = value
            else:
                self.extra.append((key, value))
        elif field == "authors":
            self.authors.extend(a.strip() for a in value.split(",") if a.strip())
            self.extra.append((key, value))
        else:
            self._set(field, value, key)
        self.open = None

    def _set(self, field: str, value: str, key: str) -> None:
        if field in self.metadata or field == "extra":
            self.extra.append((key, value))
        else:
            self.metadata[field] = value

    # -- the end -----------------------------------------------------------------------
    def finish(self, options: ReadOptions) -> Transcript:
        self._settle_headlines()
        return self.doc.finish(options)

    def _settle_headlines(self) -> None:
        """The first headline is the title (an all-caps one before it is the programme)."""
        if not self.headlines:
            return
        used: list[int] = []
        candidates = list(self.headlines)
        first = self.items[candidates[0]]
        assert isinstance(first, Heading)
        if len(candidates) >= 2 and _is_caps(first.text) and "source" not in self.metadata:
            self.metadata["source"] = first.text
            used.append(candidates.pop(0))
        if "title" not in self.metadata and candidates:
            heading = self.items[candidates[0]]
            assert isinstance(heading, Heading)
            self.metadata["title"] = heading.text
            used.append(candidates[0])
        for index in sorted(used, reverse=True):
            del self.items[index]


SENTENCE_ENDS = frozenset(".?!…:;\"'”’»)]）」』。？！")


def _wrapped(previous: str) -> bool:
    """True when a line ends mid-sentence, so the next line continues its paragraph.

    Used where blank lines do not separate paragraphs: a line-per-paragraph
    document ends its lines with punctuation, a hard-wrapped one does not.
    """
    return previous[-1:] not in SENTENCE_ENDS


def _is_headline(text: str) -> bool:
    """A title-like line: short, and not ending like a sentence or a lead-in."""
    return (
        len(text) <= HEADLINE_MAX_CHARS
        and text[-1] not in ".,;:!?。、，："
        and any(ch.isalpha() for ch in text)
    )


def _is_chrome(text: str) -> bool:
    """Site furniture such as `Hot news now` or an all-caps notice: a note, not the article."""
    if _is_caps(text) and len(text.split()) >= 4:
        return True
    return (
        len(text.split()) <= CHROME_MAX_WORDS and text[-1] not in ".?!。？！" and not has_cjk(text)
    )


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)
