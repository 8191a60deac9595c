"""The reader for oral-history interviews (FORMATS.md §1.7, and §7 "label alone on its line").

Library, museum and society oral histories open with a cover block of
interview metadata (`INTERVIEWEE: …`, `INTERVIEWER: …`, `DATE: …`), and print
each speaker label alone on its line (`Okwuosa:`), the speech below it.
They reach us as text from PDFs (running headers and page numbers inside
turns) or as Markdown converted from archive web pages (headings, a flattened
table of contents, copyright statements). The reader:

1. classifies every line by small named rules: page furniture, Markdown
   heading or rule, label alone on its line, cover-block line, inline label,
   bracketed note, table-of-contents line, text;
2. decides the label mode: when labels stand alone on their lines, an
   inline `NAME: text` line is a label only if that name also stands alone
   somewhere (so a citation line `MINORU ASADA: An Interview Conducted by …`
   in the header is not a turn);
3. assembles: the header (title, cover block → metadata, introduction,
   copyright and access statements → Prose notes) until the first label,
   then turns; unlabelled lines continue the turn, page furniture is left
   out and counted, bracketed notes between turns are Prose notes.

The cover block gives roles to the labels of the people it names; it never
renames a label (FORMATS.md §0.6).
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from ..decode import DecodedText
from ..inline import parse_inline
from ..labels import LabelParts, fold, split_label
from ..model import Annotation, AnnotationKind, ProseKind, Role, Transcript
from . import ReadOptions
from .build import DocumentBuilder, DraftTurn
from .detect import NO_FIT, Fit, Head
from .frontmatter import apply_front_matter, declare_roles, people_in, split_front_matter
from .lines import (
    LABEL_SEARCH_CHARS,
    Kind,
    LabelCache,
    fold_starts,
    is_closing_chrome,
    judged,
    label_rule,
    may_fold_into,
)
from .markdown_text import BlockKind, Dropped, block_of, clean_inline
from .plain import MAX_VOCABULARY, MIN_LABELS, PHRASE_WORDS, phrase_like

COVER_KEYS: dict[str, str] = {
    **dict.fromkeys(("interviewee", "narrator", "interviewees", "narrators"), "interviewee"),
    **dict.fromkeys(("interviewer", "interviewers", "interviewed by"), "interviewer"),
    **dict.fromkeys(("date", "dates", "interview date", "date of interview"), "date"),
    **dict.fromkeys(("place", "location", "interview location", "venue"), "location"),
    **dict.fromkeys(("project", "collection", "series", "program", "programme"), "source"),
    **dict.fromkeys(("title",), "title"),
    **dict.fromkeys(
        (
            "transcriber",
            "transcribed by",
            "transcription",
            "length",
            "duration",
            "note",
            "notes",
            "interview",
            "interview number",
            "accession",
            "accession number",
            "call number",
            "identifier",
            "subject",
            "subjects",
            "topic",
            "topics",
            "keywords",
            "session",
            "sessions",
            "recorded",
            "recording",
            "format",
            "language",
            "editor",
            "edited by",
            "reviewed by",
            "audit",
            "auditor",
            "sponsor",
            "repository",
            "restrictions",
            "rights",
            "copyright",
            "also present",
            "others present",
            "present",
            "time",
            "summary",
            "abstract",
            "occupation",
            "birthplace",
            "born",
            "citation",
            "videographer",
            "camera",
            "tape",
            "tapes",
        ),
        "extra",
    ),
}
"""Cover-block keys (folded) and the metadata field each fills; never speaker labels."""

PEOPLE_ROLES = {"interviewee": Role.INTERVIEWEE, "interviewer": Role.INTERVIEWER}

PAGE_MARK = re.compile(
    r"(?:page|pg\.?|p\.)[ \t]{0,3}\d{1,5}(?:[ \t]{0,3}(?:of|/)[ \t]{0,3}\d{1,5})?"
)
"""`Page 2`, `Page 2 of 31`, `p. 14` (matched case-insensitively at a line's end)."""
PAGE_NUMBER = re.compile(r"[-–—\[(]?[ \t]?\d{1,4}[ \t]?[-–—\])]?")
"""A line that is only a page number: `12`, `- 12 -`, `[12]`."""
COLUMN_GAP = re.compile(r"[^\s:：](?:[ ]{3,}|\t)\S")
"""Columns of a running header or footer, set apart by runs of spaces or tabs (a gap after a
colon is a label's tab before its speech, `Q:<tab>…`, not a column)."""
TOC_ENTRY = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,3}[ \t]\w")
LEADER_DOTS = re.compile(r".{1,200}?(?:\.[ ]?){4,}[ \t]*\d{1,4}")
"""`Early life ........ 3`: a table-of-contents line with leader dots."""
Q_CODE = re.compile(r"q\d{0,2}")
"""`Q`, `Q1`, `Q2`: numbered questioners, interviewers by convention."""
CITATION_PHRASES = (
    "interviewed by",
    "interview conducted by",
    "an interview with",
    "oral history of",
)
"""Words of a citation line (`NAME: Ruth Cole, interviewed by …`), which is not a turn (§1.7)."""
STATEMENT_WORDS = ("copyright", "rights", "permission", "access", "restriction", "citation")
"""Heading words over copyright and access statements (Prose notes, not an introduction)."""

MARKDOWN_SIGNS = ("# ", "## ", "### ", "#### ", "**", "---")


class What(enum.Enum):
    BLANK = "blank"
    FURNITURE = "furniture"
    HEADING = "heading"
    RULE = "rule"
    ALONE = "alone"
    COVER = "cover"
    INLINE = "inline"
    BRACKET = "bracket"
    TOC = "toc"
    CITATION = "citation"
    TEXT = "text"


@attrs.define(slots=True)
class OLine:
    """One classified line."""

    number: int
    what: What
    text: str
    label: LabelParts | None = None
    key: str = ""
    value: str = ""
    level: int = 0
    furniture: str = ""


BLANK = OLine(0, What.BLANK, "")
"""The one line `classify` gives every blank line (nothing reads a blank line's number)."""
_BLANK = What.BLANK
_TEXT = What.TEXT
_ALONE = What.ALONE
_INLINE = What.INLINE
"""Kinds as module constants for the loops over every line (an enum member is a lookup)."""


# -- step 1: line rules --------------------------------------------------------------------


def classify(
    number: int,
    raw: str,
    markdown: bool,
    cache: LabelCache,
    repeated: Counter[str],
    dropped: Dropped,
) -> OLine:
    """The first rule that claims the line decides what it is."""
    text = raw.strip()
    if not text:
        return BLANK
    if markdown:
        block = block_of(raw)
        if block.kind is BlockKind.BLANK:
            return BLANK
        if block.kind is BlockKind.HEADING:
            return OLine(
                number, What.HEADING, clean_inline(block.text, number, dropped), level=block.level
            )
        if block.kind is BlockKind.RULE:
            return OLine(number, What.RULE, "")
        text = clean_inline(block.text, number, dropped)
        if block.kind is BlockKind.ITEM and block.marker[:1].isdigit():
            text = f"{block.marker} {text}"
        if not text:
            return BLANK
    if _may_be_furniture(text):
        furniture = furniture_kind(text, repeated)
        if furniture:
            return OLine(number, What.FURNITURE, text, furniture=furniture)
    if text.endswith((":", "：")):
        alone = alone_label(text[:-1], cache)
        if alone is not None:
            return alone_line(number, text, alone)
    if _only_speech(text):
        return OLine(number, _TEXT, text)
    cover = cover_line(number, text)
    if cover is not None:
        return cover
    if text[0] in "[(" and text[-1] in "])" and len(text) <= 400:
        return OLine(number, What.BRACKET, text)
    if toc_line(text):
        return OLine(number, What.TOC, text)
    labelled = label_rule(number, text, cache)
    if labelled is not None and labelled.kind is Kind.LABEL and labelled.label is not None:
        return OLine(number, _INLINE, labelled.text, label=labelled.label, value=text)
    return OLine(number, _TEXT, text)


def _may_be_furniture(text: str) -> bool:
    """A necessary condition of `furniture_kind`: a column gap, a digit at the end, or a page
    number's length. Most lines have none and skip the furniture rules."""
    return "   " in text or "\t" in text or text[-1].isdigit() or len(text) <= PAGE_NUMBER_CHARS


def _only_speech(text: str) -> bool:
    """No rule after the label-alone rule can claim the line, so it is speech (or intro) text.

    Each of those rules needs something the line lacks: a colon where a cover key
    or a label would put one, a bracket at the start (a note), a digit at the start
    or the end (a table of contents). Keep in step with `classify`.
    """
    head = text[:LABEL_SEARCH_CHARS]
    return (
        ":" not in head
        and "：" not in head
        and text[0] not in "[("
        and not text[0].isdigit()
        and not text[-1].isdigit()
    )


def settle(lines: list[OLine], cache: LabelCache) -> None:
    """Rules that need the lines around a line: the cover block and citation lines.

    A cover block is a run before the first turn, each key once: a person key
    (`Interviewer:`) that recurs, or comes after a turn has started, is a
    speaker label, so its line starts a turn. Before the first turn, an inline
    label whose text restates a name with a date, or says "interviewed by", is
    the interview's citation, not speech (FORMATS.md §1.7).
    """
    seen_turn = False
    person_keys: set[str] = set()
    for index, line in enumerate(lines):
        what = line.what
        if what is _BLANK or what is _TEXT:
            continue
        if what is _INLINE and line.label is not None:
            if not seen_turn and _citation(line):
                lines[index] = OLine(line.number, What.CITATION, line.value)
                continue
            seen_turn = True
        elif what is What.ALONE and line.label is not None:
            seen_turn = seen_turn or fold(line.text[:-1]) not in COVER_KEYS
        elif what is What.COVER:
            key = fold(line.key)
            if COVER_KEYS[key] not in PEOPLE_ROLES:
                continue
            if seen_turn or key in person_keys:
                lines[index] = _as_label(line, cache)
                seen_turn = True
            person_keys.add(key)


def _as_label(line: OLine, cache: LabelCache) -> OLine:
    """A cover-looking line that is speech: `Interviewer: Is that realistic?`."""
    labelled = label_rule(line.number, line.text, cache)
    if labelled is not None and labelled.kind is Kind.LABEL and labelled.label is not None:
        return OLine(line.number, What.INLINE, labelled.text, label=labelled.label, value=line.text)
    return OLine(line.number, What.TEXT, line.text)


def _citation(line: OLine) -> bool:
    """`ABERNATHY-COLE: Ruth Abernathy-Cole, interviewed by Daniel Koh, October 3, 2025.`"""
    assert line.label is not None
    speech = line.text[:300].casefold()
    if any(phrase in speech for phrase in CITATION_PHRASES):
        return True
    comma = speech.find(",", 0, 120)
    return (
        comma > 0
        and line.label.folded_name in fold(speech[:comma])
        and any(ch.isdigit() for ch in speech)
    )


def alone_line(number: int, text: str, parts: LabelParts) -> OLine:
    return OLine(number, _ALONE, text, label=parts)


def alone_label(name: str, cache: LabelCache) -> LabelParts | None:
    """`Okwuosa`, `Minoru Asada`, `Q1`, `INTERVIEWER`: a label alone on its line."""
    prefix = judged(name, cache)
    if prefix.kind is Kind.LABEL:
        return prefix.label
    folded = fold(name)
    if folded in ("interviewer", "interviewee", "narrator"):
        return split_label(name)
    return None


def cover_line(number: int, text: str) -> OLine | None:
    """`INTERVIEWEE: Agnes Tolliver-Hume`: a cover key with its value on the same line."""
    colon = text.find(":", 0, 40)
    if colon <= 0:
        return None
    key = text[:colon].strip()
    if not (may_fold_into(key, COVER_STARTS) and fold(key) in COVER_KEYS):
        return None
    value = text[colon + 1 :].strip()
    if not value:
        return None
    return OLine(number, What.COVER, text, key=key, value=value)


COVER_STARTS = fold_starts(COVER_KEYS)


def furniture_kind(text: str, repeated: Counter[str]) -> str:
    """Running headers and footers, page numbers: '' when the line is not furniture."""
    if len(text) > 200:
        return ""
    if len(text) <= PAGE_NUMBER_CHARS and PAGE_NUMBER.fullmatch(text):
        return "page number"
    if text[-1].isdigit():  # `PAGE_MARK` ends in a digit, and so does the line it ends
        lowered = text.casefold()
        mark = PAGE_MARK.search(lowered, max(0, len(lowered) - 24))
        if (
            mark is not None
            and mark.end() == len(lowered)
            and (mark.start() == 0 or _column_gap(text))
        ):
            return "running header"
    if _column_gap(text) and repeated[_shape(text)] >= 2:
        return "running header"
    return ""


PAGE_NUMBER_CHARS = 8
"""The longest line `PAGE_NUMBER` matches (`[ 1234 ]`): longer lines need no regex."""


def _column_gap(text: str) -> bool:
    """`COLUMN_GAP`, the regex only for a line with three spaces or a tab in it."""
    return ("   " in text or "\t" in text) and COLUMN_GAP.search(text) is not None


def _shape(text: str) -> str:
    """A line with its digits folded, so `Page 2` and `Page 3` headers count as one."""
    folded = text.casefold()
    if folded.isascii():  # only 0-9 are digits in ASCII: one translation
        return folded.translate(_ASCII_DIGITS)
    return "".join("#" if ch.isdigit() else ch for ch in folded)


_ASCII_DIGITS = str.maketrans("0123456789", "#" * 10)


def toc_line(text: str) -> bool:
    """A table of contents, flattened (`1 About 1.1 Early life 2 …`) or with leader dots."""
    if text[-1].isdigit() and text.count(".") >= 4 and LEADER_DOTS.fullmatch(text):
        return True  # (leader dots: four dots or more, and a page number at the end)
    if not text[0].isdigit() or TOC_ENTRY.match(text) is None:
        return False
    words = text.split()
    numbers = sum(1 for word in words if word[0].isdigit() and word.replace(".", "").isdigit())
    return numbers >= 3 and numbers * 6 >= len(words)


def looks_like_markdown(lines: Sequence[str]) -> bool:
    """Headings, bold or front matter at line starts: the text is Markdown."""
    signs = sum(1 for line in lines if line.startswith(MARKDOWN_SIGNS))
    return signs >= 2


# -- step 2 and 3: mode and assembly -------------------------------------------------------


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read an oral-history interview (see the module docstring)."""
    raw_lines = source.text.split("\n")
    markdown = looks_like_markdown(raw_lines[:400])
    pairs, body = split_front_matter(raw_lines) if markdown else ([], 0)
    repeated = Counter(
        [
            _shape(line.strip())
            for line in raw_lines
            if "  " in line or ("\t" in line and "\t" in line.strip())
        ]
    )
    cache: LabelCache = {}
    dropped = Dropped()
    lines = [
        classify(number, raw, markdown, cache, repeated, dropped)
        if raw and not raw.isspace()
        else BLANK  # what `classify` gives a blank line, without the call
        for number, raw in enumerate(raw_lines[body:], body + 1)
    ]
    settle(lines, cache)
    assembler = _Assembler(lines, markdown)
    apply_front_matter(assembler.doc, pairs)
    assembler.take_all(lines)
    if dropped.links:
        assembler.doc.diagnose(
            "link-targets",
            f"kept the text of {len(dropped.links)} Markdown link(s) and left out their "
            f"addresses: {' '.join(url for _, url in dropped.links[:12])}",
            dropped.links[0][0],
        )
    return assembler.finish(options)


@attrs.frozen
class _Tally:
    """The labels of a classified document, counted in one pass over its lines."""

    alone: Counter[str]
    """Folded names of the labels alone on their lines, with their counts."""
    inline: Counter[str]
    """Folded names of the inline `Name: text` labels, with their counts."""
    names: dict[str, str]
    """Each folded name's name (as the last label with it printed it)."""
    alone_at: dict[int, int]
    """The index in the lines of each label alone on its line, by line number."""

    @classmethod
    def of(cls, lines: Sequence[OLine]) -> _Tally:
        alone: Counter[str] = Counter()
        inline: Counter[str] = Counter()
        names: dict[str, str] = {}
        alone_at: dict[int, int] = {}
        for index, line in enumerate(lines):
            parts = line.label
            if parts is None:
                continue
            names[parts.folded_name] = parts.name
            if line.what is _ALONE:
                alone[parts.folded_name] += 1
                alone_at[line.number] = index
            elif line.what is _INLINE:
                inline[parts.folded_name] += 1
        return cls(alone, inline, names, alone_at)


def accepted_inline(tally: _Tally) -> set[str]:
    """Folded names whose inline `Name: text` lines are labels (step 2 of the docstring)."""
    alone, inline = tally.alone, tally.inline
    if sum(alone.values()) >= sum(inline.values()):
        return set(alone)
    return {
        name
        for name, count in inline.items()
        if count > 1 or alone[name] or not (name in PHRASE_WORDS or phrase_like(tally.names[name]))
    }


class _Assembler:
    """The state of one read."""

    def __init__(self, lines: list[OLine], markdown: bool) -> None:
        self.doc = DocumentBuilder("oral-history")
        self.markdown = markdown
        tally = _Tally.of(lines)
        self.inline_names = accepted_inline(tally)
        self.turn: DraftTurn | None = None
        self.seen_turn = False
        self.after_blank = True
        self.pending: list[OLine] = []
        """Bracketed notes inside a turn: notes if a label follows, the turn's if speech does."""
        self.people: list[tuple[str, Role]] = []
        self.section = ""
        self.header_lines = 0
        """Headline-like lines seen before the cover block (title, then source)."""
        self.cover_seen = False
        self.lines = lines
        self.index_of = tally.alone_at
        """Where each label alone on its line is (`_cover_value_follows` looks ahead of it)."""
        self.skip: set[int] = set()
        self.alone_count = sum(tally.alone.values())
        self.inline_count = sum(
            count for name, count in tally.inline.items() if name in self.inline_names
        )

    def take_all(self, lines: list[OLine]) -> None:
        """`take` every line; blank lines and speech in a turn, most of a transcript, directly."""
        for line in lines:
            what = line.what
            if what is _BLANK:
                self.after_blank = True
            elif (
                what is _TEXT
                and self.turn is not None
                and not self.pending
                and line.number not in self.skip
            ):  # speech that goes on, the commonest line: what `take` and `_text` would do
                self.turn.add(line.text, line.number, join=not self.after_blank)
                self.after_blank = False
            elif (
                what is _ALONE
                and line.label is not None
                and self.seen_turn
                and line.number not in self.skip
            ):  # the next label alone on its line, once turns have begun: what `take` would do
                self._start(line, "")
                self.after_blank = False
            else:
                self.take(line)

    def take(self, line: OLine) -> None:
        what = line.what
        if what is _BLANK:
            self.after_blank = True
            return
        if what is What.FURNITURE:
            self.doc.furniture(line.furniture, line.number)
            return
        if line.number in self.skip:
            return
        if what is _TEXT:  # speech, most lines: no other rule below claims it
            self._text(line, line.text)
        elif what is _INLINE and line.label and self._inline_is_label(line):
            self._start(line, line.text)
        elif what is What.ALONE and line.label:
            if self.seen_turn or not self._cover_value_follows(line):
                self._start(line, "")
        elif what is What.HEADING:
            self._flush_pending()
            self.turn = None
            self.section = fold(line.text)
            if line.level == 1 and not self.seen_turn and "title" not in self.doc.metadata:
                self.doc.set("title", line.text)
            else:
                self.doc.heading(line.text, line.level, line.number)
        elif what is What.RULE:
            self._flush_pending()
            self.turn = None
        elif what is What.COVER and (not self.seen_turn or fold(line.key) not in PEOPLE_ROLES):
            self._cover(line)
        elif what is What.BRACKET and self.turn is not None and not _speech_annotation(line.text):
            self.pending.append(line)
        elif what is What.CITATION or (what is What.TOC and not self.seen_turn):
            self._prose(ProseKind.NOTE, line.text, line.number)
        else:
            self._text(line, line.value if what is What.INLINE else line.text)
        self.after_blank = False

    # -- rules -------------------------------------------------------------------------
    def _inline_is_label(self, line: OLine) -> bool:
        assert line.label is not None
        if line.label.folded_name not in self.inline_names:
            return False
        return self.seen_turn or not self._alone_mode()

    def _alone_mode(self) -> bool:
        return self.alone_count >= self.inline_count

    def _cover_value_follows(self, line: OLine) -> bool:
        """`INTERVIEWER:` alone, then `Sam Okwuosa`, then another cover key: a cover pair.

        The value line is filed with its key and skipped when it comes.
        """
        key = line.text[:-1].strip()
        if fold(key) not in COVER_KEYS:
            return False
        index = self.index_of[line.number]
        value = _next_filled(self.lines, index)
        after = _next_filled(self.lines, value) if value is not None else None
        if value is None or after is None:
            return False
        value_line, after_line = self.lines[value], self.lines[after]
        if not (
            value_line.what is What.TEXT
            and len(value_line.text) <= 80
            and _headline(value_line.text)
            and (
                after_line.what is What.COVER
                or (after_line.what is What.ALONE and fold(after_line.text[:-1]) in COVER_KEYS)
            )
        ):
            return False
        self.skip.add(value_line.number)
        self._cover(OLine(line.number, What.COVER, line.text, key=key, value=value_line.text))
        return True

    def _start(self, line: OLine, speech: str) -> None:
        assert line.label is not None
        self._flush_pending()
        self.turn = self.doc.turn(line.label, line.number, speech or None)
        self.seen_turn = True

    def _cover(self, line: OLine) -> None:
        if self.seen_turn:
            self._prose(ProseKind.NOTE, line.text, line.number)
            return
        self.cover_seen = True
        folded = fold(line.key)
        field = COVER_KEYS[folded]
        if field in PEOPLE_ROLES:
            self.people.extend((name, PEOPLE_ROLES[field]) for name in people_in(line.value))
            self.doc.set("extra", line.value, line.key)
        elif field == "source" and "source" in self.doc.metadata:
            self.doc.set("extra", line.value, line.key)
        else:
            self.doc.set(field, line.value, line.key)

    def _text(self, line: OLine, text: str) -> None:
        if self.turn is not None:
            if self.pending:  # speech goes on after a tape change: the notes were the turn's
                for note in self.pending:
                    self.turn.add(note.text, note.number)
                self.pending = []
                self.after_blank = True
            self.turn.add(text, line.number, join=not self.after_blank)
            return
        if not self.seen_turn:
            self._header(line, text)
            return
        self._prose(ProseKind.NOTE, text, line.number, join=not self.after_blank)
        if self.after_blank:
            self.doc.diagnose(
                "unattributed-text",
                "text after a heading, rule or note has no speaker label; kept as a note",
                line.number,
            )

    def _header(self, line: OLine, text: str) -> None:
        """Title and source lines, statements and the introduction before the first turn."""
        if (
            not self.markdown
            and not self.cover_seen
            and self.header_lines < 2
            and _headline(text)
            and (self.header_lines or self.after_blank or line.number <= 2)
        ):
            field = "title" if "title" not in self.doc.metadata else "source"
            self.doc.set(field, text, field)
            self.header_lines += 1
            return
        self.header_lines = 2
        statement = any(word in self.section for word in STATEMENT_WORDS) or (
            is_closing_chrome(text, 200)
        )
        kind = ProseKind.NOTE if statement or line.what is What.BRACKET else ProseKind.INTRO
        self._prose(kind, text, line.number, join=not self.after_blank)

    def _prose(self, kind: ProseKind, text: str, number: int, *, join: bool = False) -> None:
        self.doc.prose_line(kind, text, number, join=join)
        self.turn = None

    def _flush_pending(self) -> None:
        for note in self.pending:
            self.doc.prose(ProseKind.NOTE, note.text, note.number)
        self.pending = []

    # -- the end -----------------------------------------------------------------------
    def finish(self, options: ReadOptions) -> Transcript:
        self._flush_pending()
        declare_roles(self.doc, self.people)
        for item in self.doc.items:
            if isinstance(item, DraftTurn) and _q_code(item.parts.folded_name):
                self.doc.declared_roles.append((item.parts.printed, Role.INTERVIEWER))
        return self.doc.finish(options)


def _q_code(name: str) -> bool:
    """`q`, `q1`, `q12` (`Q_CODE`), the regex only for a short name that starts with q."""
    return name[:1] == "q" and len(name) <= 3 and Q_CODE.fullmatch(name) is not None


def _next_filled(lines: Sequence[OLine], index: int) -> int | None:
    """The index of the next line that is not blank or furniture (a few lines ahead at most)."""
    for following in range(index + 1, min(len(lines), index + 4)):
        if lines[following].what not in (What.BLANK, What.FURNITURE):
            return following
    return None


def _headline(text: str) -> bool:
    return len(text) <= 160 and text[-1] not in ".,;:!?" and any(ch.isalpha() for ch in text)


def _speech_annotation(text: str) -> bool:
    """`[laughs]`, `(pause)` alone on a line: part of the speech, not a note."""
    nodes = parse_inline(text)
    return (
        len(nodes) == 1
        and isinstance(nodes[0], Annotation)
        and nodes[0].kind is not AnnotationKind.ACTION
    )


# -- detection -----------------------------------------------------------------------------


def fit(head: Head) -> Fit:
    """Labels alone on their lines, or a cover block naming the interview's people (§8)."""
    markdown = looks_like_markdown(head.lines)
    if not markdown and not _may_fit(head.lines):
        return NO_FIT
    cache: LabelCache = {}
    dropped = Dropped()
    repeated: Counter[str] = Counter()
    lines = [
        classify(number, raw, markdown, cache, repeated, dropped)
        for number, raw in enumerate(head.lines, 1)
    ]
    settle(lines, cache)
    alone = [
        line.label.folded_name
        for line, raw in zip(lines, head.lines, strict=False)
        if line.what is What.ALONE and line.label and not raw.lstrip().startswith(("**", "__"))
    ]  # bold labels are the Markdown reader's grammar, even alone on their lines
    cover = [fold(line.key) for line in lines if line.what is What.COVER]
    people_cover = any(COVER_KEYS[key] in PEOPLE_ROLES for key in cover)
    inline_names = accepted_inline(_Tally.of(lines))
    inline = [
        line.label.folded_name
        for line in lines
        if line.what is What.INLINE and line.label and line.label.folded_name in inline_names
    ]
    names = alone + inline
    distinct = len(set(names))
    alone_signal = len(alone) >= MIN_LABELS and (len(set(alone)) >= 2 or set(alone) <= {"q", "a"})
    cover_signal = people_cover and len(cover) >= 2
    if not (alone_signal or cover_signal):
        return NO_FIT
    if len(names) < MIN_LABELS or (distinct < 2 and not set(names) <= {"q", "a"}):
        return NO_FIT
    if len(names) >= 6 and distinct / len(names) > MAX_VOCABULARY:
        return NO_FIT
    explained = len(names)
    if alone_signal:  # every other `Name: text` line is explained too: a citation, or speech
        explained = len(alone) + sum(1 for line in lines if line.what is What.INLINE)
    score = float(explained + len(cover))
    why = f"{len(alone)} labels alone on their lines, {len(inline)} inline"
    if cover:
        why += f", a cover block of {len(cover)} interview fields"
    return Fit(score, "oral-history", why)


PEOPLE_STARTS = fold_starts(key for key, field in COVER_KEYS.items() if field in PEOPLE_ROLES)


def _may_fit(lines: Sequence[str]) -> bool:
    """A quick look before any line is classified (text that is not Markdown only).

    A fit needs three lines that end in a colon (labels alone), or a cover
    line with a person key (`INTERVIEWER: …`); without either, no rule below
    can make one.
    """
    alone = 0
    for raw in lines:
        text = raw.strip()
        if text.endswith((":", "：")):
            alone += 1
            if alone >= MIN_LABELS:
                return True
        colon = text.find(":", 0, 40)
        if colon > 0 and _person_key(text[:colon].strip()):
            return True
    return False


def _person_key(key: str) -> bool:
    """`INTERVIEWER`, `Narrator`: a cover key for the interview's people (as `cover_line` folds)."""
    return may_fold_into(key, PEOPLE_STARTS) and COVER_KEYS.get(fold(key)) in PEOPLE_ROLES
