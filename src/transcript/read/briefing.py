"""The reader for press briefings (FORMATS.md §1.9): `MS. NAME:` briefers and `Q` reporters.

Government transcripts (whitehouse.gov and departmental briefings, and
Markdown scrapes of them) print a release header, a title, a place and a
start time, then the colloquy, then `END` and the end time. The labels:

- briefers: an upper-case label with its honorific or office and a colon,
  `MS. KOVACS:`, `THE PRESIDENT:`, `SECRETARY BLINKEN:`, one or two spaces
  after it (a mixed-case `Secretary Blinken:` is accepted at a paragraph
  start when it opens with a title);
- reporters: `Q`, then two or more spaces (often no-break spaces) and no
  colon; all reporters are one speaker `Q` (interviewer). `Q:` and a `Q`
  alone on its line are read the same way. A stray leading space is allowed.

Header lines, times and `END` are metadata, never speech; `(Laughter.)` and
`[inaudible]` are inline annotations (parsed when paragraphs are joined).
Hard-wrapped lines are joined into paragraphs where blank lines separate
paragraphs. Reading is three linear passes: classify every line by small
named rules, refuse one-off label-shaped phrases, then assemble.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from ..decode import DecodedText
from ..labels import LabelParts, fold, split_label
from ..model import ProseKind, Transcript
from ..speakers import HONORIFICS, ROLE_WORDS
from . import ReadOptions
from .build import DocumentBuilder, DraftProse, DraftTurn
from .detect import NO_FIT, Fit, Head
from .frontmatter import apply_front_matter, split_front_matter
from .lines import CLOSING_CHROME, Kind, is_date_line, judge_prefix

STYLE = "press-briefing"

LABEL_SEARCH_CHARS = 80
"""A briefer's colon is within this many characters of the line start (`SECRETARY … :`)."""

TIME_LINE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AaPp]\.?\s?[Mm]\.?)?(?:\s{1,4}[A-Z]{1,5})?")
"""A clock time alone on its line: `1:14 P.M. EDT`, `12:57 P.M. EST`, `09:30`."""

END_WORD = "END"
RELEASE_LINE = re.compile(r"(?:for immediate release|embargoed\b).{0,80}", re.IGNORECASE)
RELEASE_INITIALS = "fFeE"
RELEASE_LINE_CHARS = 101
"""`RELEASE_LINE` matches only lines this long at most, starting with these letters."""
DATE_LINE_CHARS = 120
"""`is_date_line` takes no longer line, nor one that ends with a period."""
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash before ASCII punctuation, as HTML-to-Markdown tools write `\\[` and `\\_`."""

REPORTER = "Q"
REPORTER_LABEL = LabelParts(REPORTER, REPORTER, folded_name="q", folded_printed="q")
"""Every reporter is the one speaker `Q` (FORMATS.md §1.9)."""
REPORTER_WORDS = frozenset({"question", "reporter"})
"""Reporter labels some departments print instead of `Q` (`QUESTION:`); kept as printed."""
EXTRA_TITLE_WORDS = frozenset({"the"})
"""Words that may open a mixed-case briefer label besides honorifics (`The President:`)."""

MIN_LABELS = 3
MAX_VOCABULARY = 0.6
WRAPPED_TITLE_WORDS = 8
"""A capitals title line this long may continue on the next line (whitehouse.gov wraps them)."""
LOCATION_MAX_WORDS = 12


class What(enum.Enum):
    """What a line of a briefing is."""

    BLANK = "blank"
    REPORTER = "reporter"
    BRIEFER = "briefer"
    ANSWER = "answer"
    TIME = "time"
    END = "end"
    RELEASE = "release"
    DATE = "date"
    CHROME = "chrome"
    TEXT = "text"


@attrs.define(slots=True)
class Line:
    """One classified line: its number, what it is, its text (speech after a label)."""

    number: int
    what: What
    text: str
    label: LabelParts | None = None
    whole: str = ""
    """The whole stripped line, kept in case a label is refused later."""


# -- line rules --------------------------------------------------------------------------------
def reporter_rule(text: str) -> str | None:
    """`Q    Did every state sign?`, `Q: …`, `Q` alone: the speech after the label, or None.

    Two or more spaces (or a tab, or no-break spaces) after a bare `Q`; one
    space only after `Q:`/`Q.`. A `Q` with a single space is a word (`Q Street`).
    """
    if not text.startswith(REPORTER):
        return None
    rest = text[1:]
    if not rest:
        return ""
    if rest[0] in ":.":
        after = rest[1:]
        if not after:
            return ""
        return after.strip() if after[0].isspace() else None
    spaces = len(rest) - len(rest.lstrip())
    if spaces >= 2 or (spaces == 1 and rest[0] in "\t\u00a0"):
        return rest.strip()
    return None


def answer_rule(text: str) -> bool:
    """`A    …`, `A:` or `A.` lines: a Q/A testimony or interview, which no briefing has."""
    if not text.startswith("A") or len(text) < 2:
        return False
    rest = text[1:]
    if rest[0] in ":.":
        return len(rest) == 1 or rest[1].isspace()
    return rest[:2].isspace()


def briefer_rule(
    text: str, paragraph_start: bool, cache: dict[str, LabelParts | None]
) -> tuple[LabelParts, str] | None:
    """`MS. KOVACS:  Good afternoon` → the label and the speech; None for other lines.

    A label printed a thousand times is judged once (`cache`, by the text before the colon).
    """
    colon = text.find(":", 0, LABEL_SEARCH_CHARS)
    if colon <= 0:
        return None
    after = text[colon + 1 :]
    if after and not after[0].isspace():
        return None  # `10:30`, `https://`
    name_part = text[:colon].strip()
    key = name_part if paragraph_start or _is_caps(name_part) else ""
    if not key:
        return None
    if key in cache:
        parts = cache[key]
    else:
        parts = cache[key] = _briefer_label(name_part, paragraph_start)
    return None if parts is None else (parts, after.strip())


def _briefer_label(name_part: str, paragraph_start: bool) -> LabelParts | None:
    if any(ch.isdigit() for ch in name_part):
        return None
    if not (_is_caps(name_part) or (paragraph_start and _titled(name_part))):
        return None
    if judge_prefix(name_part).kind is not Kind.LABEL:
        return None  # `NOTE:`, `DATE:`: metadata and note words
    return split_label(name_part)


def time_rule(text: str) -> bool:
    return len(text) <= 30 and text[:1].isdigit() and TIME_LINE.fullmatch(text) is not None


def end_rule(text: str) -> str | None:
    """`END`, `END  1:52 P.M. EDT`: the closing mark; returns the end time ('' if none)."""
    if not text.startswith(END_WORD):
        return None
    rest = text[len(END_WORD) :].strip()
    if not rest:
        return ""
    return rest if time_rule(rest) else None


def classify(
    number: int, raw: str, paragraph_start: bool, cache: dict[str, LabelParts | None]
) -> Line:
    """The first rule that claims the line decides what it is.

    Each rule is tried only when the line's first character (or its colon, or its
    length) leaves it a chance: a line of speech passes them all in a few string tests.
    """
    text = raw.strip()
    if not text:
        return Line(number, What.BLANK, "")
    first = text[0]
    if first == REPORTER:
        speech = reporter_rule(text)
        if speech is not None and (speech or len(text) == 1 or paragraph_start):
            return Line(number, What.REPORTER, speech, REPORTER_LABEL, text)
    elif first == "A" and answer_rule(text):
        return Line(number, What.ANSWER, text)
    if ":" in text[:LABEL_SEARCH_CHARS]:
        briefer = briefer_rule(text, paragraph_start, cache)
        if briefer is not None:
            return Line(number, What.BRIEFER, briefer[1], briefer[0], text)
    if first.isdigit() and time_rule(text):
        return Line(number, What.TIME, text)
    if first == "E":
        end = end_rule(text)
        if end is not None:
            return Line(number, What.END, end, whole=text)
    if (
        first in RELEASE_INITIALS
        and len(text) <= RELEASE_LINE_CHARS
        and RELEASE_LINE.fullmatch(text)
    ):
        return Line(number, What.RELEASE, text)
    if len(text) <= DATE_LINE_CHARS and text[-1] != "." and is_date_line(text):
        return Line(number, What.DATE, text)
    if len(text) <= 200 and CLOSING_CHROME.match(text):
        return Line(number, What.CHROME, text)
    return Line(number, What.TEXT, text)


def classify_all(lines: Sequence[str], first_number: int = 1) -> list[Line]:
    classified: list[Line] = []
    paragraph_start = True
    cache: dict[str, LabelParts | None] = {}
    for number, raw in enumerate(lines, first_number):
        line = classify(number, raw, paragraph_start, cache)
        classified.append(line)
        paragraph_start = line.what is What.BLANK
    return classified


def _is_caps(text: str) -> bool:
    """Two letters at least, every one of them upper-case (the first that is not ends the test)."""
    letters = 0
    for ch in text:
        if ch.isalpha():
            if not ch.isupper():
                return False
            letters += 1
    return letters >= 2


def _titled(name: str) -> bool:
    """`Secretary Blinken`, `Ms. Psaki`, `The President`: a title, then capitalised words."""
    words = name.split()
    if len(words) < 2 or not all(word[0].isupper() for word in words):
        return False
    first = words[0].rstrip(".").casefold()
    return first in HONORIFICS or first in EXTRA_TITLE_WORDS


# -- detection ---------------------------------------------------------------------------------
def fit(head: Head) -> Fit:
    """`Q` + spaces reporters, or `Q` labels with a briefing's times (FORMATS.md §8)."""
    if not _may_have_reporters(head.lines):
        return NO_FIT  # every way to qualify needs a reporter's label
    lines = classify_all(head.lines)
    spaced = colon = times = answers = 0
    names: list[str] = []
    for line in lines:
        if line.what is What.ANSWER:
            answers += 1
        elif line.what is What.REPORTER:
            spaced += line.whole[1:2] not in ":."
            colon += line.whole[1:2] in ":."
            names.append(REPORTER.casefold())
        elif line.what is What.BRIEFER and line.label is not None:
            names.append(line.label.folded_name)
            colon += line.label.folded_name in REPORTER_WORDS  # State Department `QUESTION:`
        elif line.what in (What.TIME, What.END):
            times += 1
    if answers >= 2:
        return NO_FIT  # Q/A testimony or interviews: answers, which no briefing has
    if not (spaced >= 2 or (spaced + colon >= 1 and times >= 1)):
        return NO_FIT
    distinct = len(set(names))
    if len(names) < MIN_LABELS or distinct < 2:
        return NO_FIT
    if len(names) >= 6 and distinct / len(names) > MAX_VOCABULARY:
        return NO_FIT
    return Fit(
        float(len(names)),
        STYLE,
        f"{spaced + colon} reporter labels and {len(names) - spaced - colon} briefer labels",
    )


def _may_have_reporters(lines: Sequence[str]) -> bool:
    """Some line could be a reporter's: one that opens with `Q`, or a capitals label whose
    folded text has `question`/`reporter` in it (`QUESTION:`, `QUESTION (OFF-MIC):`).
    String tests first; a name is folded only when it is in capitals."""
    for line in lines:
        text = line.strip()
        if text.startswith(REPORTER):
            return True
        colon = text.find(":", 0, LABEL_SEARCH_CHARS)
        if colon > 0 and _is_caps(text[:colon]):
            folded = fold(text[:colon])
            if any(word in folded for word in REPORTER_WORDS):
                return True
    return False


# -- reading -----------------------------------------------------------------------------------
def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a press briefing (see the module docstring)."""
    raw_lines = source.text.split("\n")
    doc = DocumentBuilder(STYLE, [])
    pairs, body_start = split_front_matter(raw_lines)
    apply_front_matter(doc, pairs)
    body = raw_lines[body_start:]
    if pairs:  # a Markdown scrape: `\[`, `\_` are escapes, not text
        body = [MARKDOWN_ESCAPE.sub(r"\1", line) if "\\" in line else line for line in body]
    lines = classify_all(body, body_start + 1)
    labels = [index for index, line in enumerate(lines) if line.what in LABEL_LINES]
    labels = _refuse_phrase_labels(lines, labels, doc)
    assembler = _Assembler(doc, _blank_layout(lines, labels))
    for line in lines:
        assembler.take(line)
    return assembler.finish(options)


LABEL_LINES = frozenset({What.REPORTER, What.BRIEFER})


def _refuse_phrase_labels(lines: list[Line], labels: list[int], doc: DocumentBuilder) -> list[int]:
    """A one-word capitals 'label' that occurs once (`COVID:`, `BOTTOM LINE:`) is speech.

    Briefers are printed with a title (`MS. X`, `THE PRESIDENT`) or are role
    words (`MODERATOR`); a single bare word said once is emphasis, not a name.
    `labels` are the indexes of the label lines; refused ones become text in place,
    and the indexes of the label lines kept are returned.
    """
    counts = Counter(
        label.folded_name
        for index in labels
        if lines[index].what is What.BRIEFER and (label := lines[index].label)
    )
    kept: list[int] = []
    for index in labels:
        kept.append(index)
        line = lines[index]
        parts = line.label
        if line.what is not What.BRIEFER or parts is None:
            continue
        words = parts.folded_name.split()
        titled = len(words) >= 2 and (words[0] in HONORIFICS or words[0] in EXTRA_TITLE_WORDS)
        if counts[parts.folded_name] > 1 or titled or parts.folded_name in ROLE_WORDS:
            continue
        if len(words) >= 2 and _is_caps(parts.name):
            continue  # `SENIOR ADMINISTRATION OFFICIAL`, `JANE DOE`
        lines[index] = Line(line.number, What.TEXT, line.whole)
        kept.pop()
        doc.diagnose(
            "label-rejected",
            f"{parts.printed!r} occurs once and is not a titled name; the line was read as text",
            line.number,
        )
    return kept


def _blank_layout(lines: list[Line], labels: list[int]) -> bool:
    """True when blank lines separate paragraphs, so adjacent lines are one wrapped paragraph.

    Judged by the labels (`labels`: the indexes of the label lines): where most
    labels follow a blank line, blank lines are the paragraph breaks, however
    many wrapped lines a paragraph has.
    """
    after_blank = sum(1 for index in labels if index and lines[index - 1].what is What.BLANK)
    not_after_blank = sum(1 for index in labels if index) - after_blank
    return after_blank > not_after_blank


@attrs.define
class _HeaderLine:
    number: int
    text: str
    paragraph: int


class _Assembler:
    """Places the classified lines: header, turns, times, the closing mark, notes."""

    def __init__(self, doc: DocumentBuilder, blank_layout: bool) -> None:
        self.doc = doc
        self.blank_layout = blank_layout
        self.open: DraftTurn | DraftProse | None = None
        self.after_blank = True
        self.in_header = True
        self.header: list[_HeaderLine] = []
        self.paragraph = 0
        self.ended = False

    def take(self, line: Line) -> None:
        what = line.what
        if what is What.BLANK:
            self.after_blank = True
            self.paragraph += 1
            return
        if what in (What.REPORTER, What.BRIEFER) and line.label is not None:
            self._start_turn(line, line.label)
        elif self.in_header:
            self._take_header(line)
        else:
            self._take_body(line)
        self.after_blank = False

    def _start_turn(self, line: Line, parts: LabelParts) -> None:
        if self.in_header:
            self._settle_header()
        self.open = self.doc.turn(parts, line.number, line.text or None)

    def _take_header(self, line: Line) -> None:
        what = line.what
        if what is What.TIME:
            self.doc.set("extra", line.text, "start time")
        elif what is What.DATE:
            self.doc.set("date", line.text)
        elif what is What.RELEASE:
            self.doc.set("extra", line.text, "release")
        elif what is What.CHROME:
            self.doc.prose(ProseKind.NOTE, line.text, line.number)
        else:
            self.header.append(_HeaderLine(line.number, line.whole or line.text, self.paragraph))

    def _take_body(self, line: Line) -> None:
        what = line.what
        if what is What.TIME:
            self.doc.set("extra", line.text, "end time")
            self.open = None
        elif what is What.END:
            self.doc.set("extra", line.whole, "closing")  # `END` as printed
            if line.text:
                self.doc.set("extra", line.text, "end time")
            self.open = None
            self.ended = True
        elif what in (What.CHROME, What.RELEASE, What.DATE) or self.ended:
            self._note(line)
        elif isinstance(self.open, DraftTurn):
            self.open.add(line.whole or line.text, line.number, join=self._joins())
        else:
            self._narration(line)

    def _joins(self) -> bool:
        """A line continues the paragraph above it (a hard wrap), or starts a new one."""
        if self.after_blank:
            return False
        if self.blank_layout:
            return True
        block = self.open
        return block is not None and bool(block.paragraphs) and _wrapped(block.paragraphs[-1][-1])

    def _note(self, line: Line) -> None:
        text = line.whole or line.text
        if isinstance(self.open, DraftProse) and self.open.kind is ProseKind.NOTE:
            self.open.add(text, line.number, join=self._joins())
        else:
            self.open = self.doc.prose(ProseKind.NOTE, text, line.number)

    def _narration(self, line: Line) -> None:
        text = line.whole or line.text
        if isinstance(self.open, DraftProse) and self.open.kind is ProseKind.NARRATION:
            self.open.add(text, line.number, join=self._joins())
            return
        self.doc.diagnose(
            "unattributed-text",
            "text after the time or closing mark has no speaker label; kept as narration",
            line.number,
        )
        self.open = self.doc.prose(ProseKind.NARRATION, text, line.number)

    # -- the header --------------------------------------------------------------------
    def _settle_header(self) -> None:
        """Source and issuer before the title, the title, the place after it, intro prose.

        The title is the longest headline-shaped line when the front matter
        gave none; lines before it are the issuing office (`THE WHITE HOUSE`,
        `Office of the Press Secretary`), short lines after it the place.
        """
        self.in_header = False
        lines = self.header
        if not lines:
            return
        titled = "title" in self.doc.metadata
        headline = [i for i, h in enumerate(lines) if _headline(h.text)]
        title_at = -1
        if not titled and headline:
            title_at = max(headline, key=lambda i: (len(lines[i].text.split()), -i))
        title_end = title_at
        if title_at >= 0:
            title = lines[title_at].text
            following = title_at + 1
            if (
                following < len(lines)
                and lines[following].paragraph == lines[title_at].paragraph
                and _is_caps(title)
                and _is_caps(lines[following].text)
                and len(title.split()) >= WRAPPED_TITLE_WORDS
            ):
                title = f"{title} {lines[following].text}"
                title_end = following
            self.doc.set("title", title)
        place: list[_HeaderLine] = []
        intro_paragraph = -1
        for index, line in enumerate(lines):
            if title_at <= index <= title_end:
                continue
            if index < title_at:
                self.doc.set("source" if index == 0 else "extra", line.text, "issuer")
            elif titled and fold(line.text.lstrip("# ")) == fold(self.doc.metadata["title"]):
                self.doc.set("extra", line.text, "title")  # the page repeats its front matter
            elif _headline(line.text) and len(line.text.split()) <= LOCATION_MAX_WORDS:
                if place and place[-1].paragraph != line.paragraph:
                    self._set_place(place)
                    place = []
                place.append(line)
            else:
                if place:
                    self._set_place(place)
                    place = []
                join = intro_paragraph == line.paragraph and self.blank_layout
                self.doc.prose_line(ProseKind.INTRO, line.text, line.number, join=join)
                intro_paragraph = line.paragraph
        if place:
            self._set_place(place)

    def _set_place(self, lines: list[_HeaderLine]) -> None:
        self.doc.set("location", ", ".join(line.text for line in lines), "location")

    def finish(self, options: ReadOptions) -> Transcript:
        if self.in_header:
            self._settle_header()
        return self.doc.finish(options)


SENTENCE_ENDS = frozenset(".?!…:;\"'”’»)]—")


def _wrapped(previous: str) -> bool:
    """Without blank lines between paragraphs, a line ending mid-sentence is a hard wrap."""
    return previous[-1:] not in SENTENCE_ENDS


def _headline(text: str) -> bool:
    return len(text) <= 200 and text[-1] not in ".,;:!?" and any(ch.isalpha() for ch in text)
