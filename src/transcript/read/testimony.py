"""The reader for depositions, trials and Supreme Court arguments (FORMATS.md §2.1–2.3).

Court transcripts share one page: numbered lines 1–25, a page number, a reporter's
header or footer (all taken off first by `furniture.page_lines`), then testimony in
two label grammars that sit at tab stops:

- `Q.` / `A.` at the first tab stop (or at the margin in PACER transcripts), then
  two spaces or a tab. A `Q.` with a single space counts too, unless what follows
  is another initial (`A. R. Whitcombe` is a name wrapped to the margin);
- colloquy in capitals, `MR. SMITH:`, `THE COURT:`, `CHIEF JUSTICE X:`, then speech.

Who `Q` and `A` are comes only from the document (FORMATS.md rule 6): `BY MR. X:`
makes the examiner the owner of `Q` until the next `BY` line, and the sworn-witness
paragraph (`NAME, having been first duly sworn, …`) makes `NAME` the owner of `A`
and of `THE WITNESS`. Because the examiner can change between examinations, the
binding is carried by each turn's label (printed `Q`, name `MR. X`) rather than by
one document-wide alias; speaker resolution then lists `Q` as an alias of each
examiner. Without those lines `Q` and `A` are the speakers.

Everything else is structure, read by small named rules in order: examination
headings and centred capitals (`EXAMINATION`, `ORAL ARGUMENT OF …`) are headings,
parentheticals (`(Recess taken.)`, `(Pause)`) are notes, `(Whereupon …)` closes the
proceedings, text before the first label is the caption. Unlabelled lines continue
the open turn: at the margin they continue its paragraph, indented they start a new
one (`Mr. Drummond.`, the Chief calling counsel, is speech).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from ..decode import DecodedText
from ..labels import LabelParts, fold, split_label
from ..model import Heading, ProseKind, Role, SourceSpan, Transcript
from . import ReadOptions
from .build import DocumentBuilder, DraftProse, DraftTurn
from .detect import NO_FIT, SIGNATURE, Fit, Head
from .furniture import PageLine, common_indent, page_lines

LABEL_SEARCH_CHARS = 64
"""A colloquy label's colon is within this many characters of the line's start."""
CENTRED_MIN = 6
"""A capitals line this far right of the margin is a centred heading, not speech."""
PARENTHETICAL_MAX_LINES = 8
"""A proceedings note in parentheses spans at most this many lines."""
SWORN_WINDOW_LINES = 5
"""The sworn-witness paragraph names the oath within this many lines of the name."""
SWORN_MAX_CHARS = 600
MIN_LABELS = 3

Q_PRINTED = "Q"
A_PRINTED = "A"
WITNESS_LABELS = frozenset({"the witness", "the deponent"})
"""Colloquy labels that stand for the sworn witness."""

EXAMINER_TITLES = frozenset({"mr", "ms", "mrs", "miss", "dr", "mx", "the", "attorney"})
"""First words of the name in a `BY MR. X:` examination header."""

NOT_LABELS = frozenset(
    {
        "appearances",
        "appearance",
        "present",
        "also present",
        "index",
        "witness",
        "witnesses",
        "exhibit",
        "exhibits",
        "examination",
        "page",
        "reported by",
        "taken by",
        "transcribed by",
        "date",
        "time",
        "place",
        "location",
        "re",
        "case",
        "case no",
        "job no",
        "note",
        "subject",
        "held at",
        "before",
    }
)
"""Capitals with a colon on caption and index pages that are field names, not speakers."""
NOT_LABEL_PREFIXES = (
    "on behalf of",
    "for the ",
    "counsel for",
    "attorney for",
    "attorneys for",
    "appearing for",
    "in re",
)

HEADING_WORDS = (
    "EXAMINATION",
    "PROCEEDINGS",
    "ARGUMENT",
    "CERTIFICATE",
    "APPEARANCES",
    "CONTENTS",
    "INDEX",
    "EXHIBITS",
    "STIPULATION",
    "SESSION",
    "REBUTTAL",
)
"""Words of a structure heading, found even when letter-spaced (`P R O C E E D I N G S`)."""

SWORN = re.compile(
    r"(?:having[ \t]{1,4}been|being|was|been|is)[ \t]{1,4}(?:[a-z]{1,12}[ \t]{1,4}){0,3}"
    r"(?:sworn|affirmed)"
)
"""`having been first duly sworn`, `was duly affirmed`, on the casefolded paragraph."""
PAGE_REFERENCE = re.compile(r"\d{1,4}:\d{1,2}")
TIMECODE = re.compile(r"[ \t]*(\d{1,2}):(\d{2}):(\d{2})(?:[.,:]\d{1,3})?(?=[ \t]{2}|\t|$)")
"""A realtime or video deposition's time of day after the line number: `10:42:13  Q.  …`."""
CLOSING_WORDS = ("whereupon",)
"""A parenthetical starting so ends the proceedings (`(Whereupon, … was submitted.)`)."""


# -- label rules, shared by `fit` and `read` ---------------------------------------------


@attrs.frozen
class QALine:
    """A `Q.`/`A.` label: which letter, the speech after it, and whether its spacing is firm."""

    letter: str
    body: str
    firm: bool
    """Two spaces or a tab after the label (one space may be an initial wrapped to the margin)."""


def qa_label(text: str) -> QALine | None:
    """`Q.   Good morning.`, `A.  Yes.`, `Q<TAB>text`; None for anything else."""
    body = text.lstrip(" \t")
    if len(body) < 2 or body[0] not in "QA":
        return None
    letter, mark = body[0], body[1]
    if mark == "\t":
        return QALine(letter, body[2:].strip(" \t"), True)
    if mark != ".":
        return None
    after = body[2:]
    if not after:
        return QALine(letter, "", False)
    speech = after.lstrip(" \t")
    gap = after[: len(after) - len(speech)]
    if not gap:
        return None
    return QALine(letter, speech, "\t" in gap or len(gap) >= 2)


def _starts_with_initial(text: str) -> bool:
    """`R. Whitcombe`: a capital and a period, as in a wrapped name."""
    return len(text) >= 2 and text[0].isupper() and text[1] == "." and text[2:3] in ("", " ")


def colloquy_label(text: str) -> tuple[LabelParts, str] | None:
    """`MR. SMITH:  Objection.` → (parts, speech); capitals and speech after the colon."""
    body = text.strip(" \t")
    colon = body.find(":", 0, LABEL_SEARCH_CHARS)
    if colon < 2:
        return None
    name, rest = body[:colon], body[colon + 1 :]
    if not rest or rest[0] not in " \t" or not rest.strip(" \t"):
        return None
    if not is_caps(name):
        return None
    folded = fold(name)
    if folded in NOT_LABELS or folded.startswith(NOT_LABEL_PREFIXES):
        return None
    parts = split_label(name)
    if parts is None:
        return None
    return parts, rest.strip(" \t")


def examiner_of(text: str) -> LabelParts | None:
    """`BY MR. TALLIS:` → the examining lawyer's label; None for any other line."""
    body = text.strip(" \t")
    if body[:3].casefold() != "by " or len(body) > LABEL_SEARCH_CHARS:
        return None
    name = body[3:].strip(" \t")
    if name.endswith(":"):
        name = name[:-1].rstrip(" \t")
    elif not is_caps(name):
        return None
    words = fold(name).split()
    if len(words) < 2 or words[0] not in EXAMINER_TITLES:
        return None
    return split_label(name)


def is_caps(text: str) -> bool:
    """At least two letters, none of them lower-case."""
    letters = 0
    for ch in text:
        if ch.isalpha():
            if ch.islower():
                return False
            letters += 1
    return letters >= 2


def _is_justice(parts: LabelParts) -> bool:
    return _is_justice_name(parts.folded_name)


def _is_justice_name(folded: str) -> bool:
    return folded.startswith(("justice ", "chief justice")) or folded == "question"


def _is_page_reference_line(text: str) -> bool:
    """A word-index entry such as `abandon 12:4 15:22`: mostly page:line references."""
    words = text.split()
    references = sum(1 for word in words if PAGE_REFERENCE.fullmatch(word.rstrip(",;")))
    return references >= 1 and references * 2 >= len(words) and not text.endswith(".")


# -- the reader --------------------------------------------------------------------------


@attrs.define
class Survey:
    """What the reading found, for the style id and for `fit`."""

    q: int = 0
    a: int = 0
    colloquy: int = 0
    justices: int = 0
    examiner: bool = False
    sworn: bool = False
    names: set[str] = attrs.field(factory=set)
    colloquy_names: dict[str, str] = attrs.field(factory=dict)
    """Folded → printed name of every colloquy speaker, for their roles."""
    examiners: set[str] = attrs.field(factory=set)

    @property
    def labels(self) -> int:
        return self.q + self.a + self.colloquy


Rule = Callable[[int], int | None]


class _Reader:
    """One read of a page-stripped testimony transcript; each `_rule_*` is one named rule.

    A rule looks at line `index` and returns the index of the next line to read
    when it took the line (and any it consumed), or None to let the next rule try.
    """

    def __init__(self, lines: Sequence[PageLine], doc: DocumentBuilder) -> None:
        self.times: dict[int, float] = {}
        """Index → seconds of a timecode printed at the start of that line (taken off it)."""
        lines = self._take_timecodes(lines)
        self.lines = lines
        self.doc = doc
        self.margin = common_indent(lines)
        self.survey = Survey()
        self.examiner: LabelParts | None = None
        self.witness: LabelParts | None = None
        self.turn: DraftTurn | None = None
        """The turn unlabelled lines continue; None after a heading, a note or a closing mark."""
        self.foldable: DraftProse | None = None
        """A note right after a turn that speech may continue past (`(Pause)`)."""
        self._resumable: DraftTurn | None = None
        """The turn `foldable` follows."""
        self.closed = False
        self.word_index: DraftProse | None = None
        self.sides: dict[str, str] = {}
        """Folded surname → side argued, from `ORAL ARGUMENT OF NAME ON BEHALF OF SIDE`."""
        self.heading_at = -2
        """Index of the last line of the last heading, so a heading's second line joins it."""
        self.previous = -1
        """Index of the last non-blank line read."""
        self.qa_indented = self._qa_labels_indented()
        self.bound: dict[tuple[str, LabelParts | None], LabelParts] = {}
        self.rules: tuple[Rule, ...] = (
            self._rule_blank,
            self._rule_examiner,
            self._rule_sworn_witness,
            self._rule_question_answer,
            self._rule_colloquy,
            self._rule_parenthetical,
            self._rule_heading,
            self._rule_word_index,
            self._rule_text,
        )

    def run(self) -> None:
        index = 0
        while index < len(self.lines):
            for rule in self.rules:
                following = rule(index)
                if following is not None:
                    if self.lines[index].stripped:
                        self.previous = following - 1
                    index = max(following, index + 1)
                    break

    def _take_timecodes(self, lines: Sequence[PageLine]) -> Sequence[PageLine]:
        """`10:42:13  Q.  Where …`: the time becomes the turn's start; columns are kept."""
        result: list[PageLine] | None = None
        for index, line in enumerate(lines):
            text = line.text
            if not text or not (text[0].isdigit() or text[0] in " \t"):
                continue
            match = TIMECODE.match(text)
            if match is None:
                continue
            hours, minutes, seconds = (int(group) for group in match.groups())
            if minutes >= 60 or seconds >= 60:
                continue
            if result is None:
                result = list(lines)
            self.times[index] = hours * 3600.0 + minutes * 60 + seconds
            result[index] = attrs.evolve(line, text=" " * match.end() + text[match.end() :])
        return lines if result is None else result

    def _qa_labels_indented(self) -> bool:
        """True when firm `Q.`/`A.` labels sit at a tab stop right of the margin (depositions)."""
        indented = at_margin = 0
        for line in self.lines:
            found = qa_label(line.text) if line.text else None
            if found is not None and found.firm:
                if line.indent > self.margin + 1:
                    indented += 1
                else:
                    at_margin += 1
        return indented > at_margin

    # -- rules -------------------------------------------------------------------------
    def _rule_blank(self, index: int) -> int | None:
        """Blank and furniture lines carry no meaning here: indentation marks paragraphs."""
        return index + 1 if not self.lines[index].stripped else None

    def _rule_examiner(self, index: int) -> int | None:
        """`BY MR. X:` binds `Q` to MR. X until the next examination header."""
        line = self.lines[index]
        parts = examiner_of(line.text)
        if parts is None:
            return None
        self.examiner = parts
        self.survey.examiner = True
        self.survey.examiners.add(parts.folded_name)
        self.doc.set("extra", parts.name, "examiner")
        self._heading(line.stripped, index, joinable=False)
        return index + 1

    def _rule_sworn_witness(self, index: int) -> int | None:
        """`NAME, having been first duly sworn, …` names the witness: `A` and `THE WITNESS`."""
        line = self.lines[index]
        text = line.stripped
        if text[:10].casefold().startswith("whereupon,"):
            text = text[len("whereupon,") :].lstrip(" \t")
        comma = text.find(",", 0, LABEL_SEARCH_CHARS)
        if comma < 2:
            return None
        name = text[:comma].strip(" \t")
        if len(name.split()) < 2 or (self.turn is not None and not is_caps(name)):
            return None
        parts = split_label(name)
        if parts is None or parts.affiliation is not None:
            return None
        end = self._sworn_paragraph_end(index)
        if end is None:
            return None
        self.witness = parts
        self.survey.sworn = True
        self.doc.set("extra", parts.name, "witness")
        self._close()
        block = self.doc.prose(ProseKind.NARRATION, line.stripped, line.number)
        for following in self.lines[index + 1 : end + 1]:
            if following.stripped:
                block.add(following.stripped, following.number, join=True)
        return end + 1

    def _sworn_paragraph_end(self, index: int) -> int | None:
        """The last line of a sworn-witness paragraph starting at `index`, or None."""
        seen: list[str] = []
        sworn_at: int | None = None
        last = min(len(self.lines), index + SWORN_WINDOW_LINES + 1)
        for position in range(index, last):
            text = self.lines[position].stripped
            if not text:
                continue
            seen.append(text.casefold())
            if sworn_at is None:
                joined = " ".join(seen)[:SWORN_MAX_CHARS]
                if SWORN.search(joined):
                    sworn_at = position
            if sworn_at is not None and text.endswith((":", ".")):
                return position
        return sworn_at

    def _rule_question_answer(self, index: int) -> int | None:
        """`Q.`/`A.` at a tab stop: a turn of the examiner or of the witness."""
        line = self.lines[index]
        found = qa_label(line.text)
        if found is None:
            return None
        if not found.firm:
            if _starts_with_initial(found.body):
                return None
            if self.qa_indented and line.indent <= self.margin + 1:
                return None
        if found.letter == "Q":
            self.survey.q += 1
            parts = self._bound(Q_PRINTED, self.examiner)
        else:
            self.survey.a += 1
            parts = self._bound(A_PRINTED, self.witness)
        self._open_turn(parts, found.body, index)
        return index + 1

    def _rule_colloquy(self, index: int) -> int | None:
        """`MR. SMITH:  text`, `THE COURT:  text`, `JUSTICE X:  text`: a speaker's turn."""
        line = self.lines[index]
        found = colloquy_label(line.text)
        if found is None:
            return None
        parts, speech = found
        if parts.folded_name in (Q_PRINTED.casefold(), A_PRINTED.casefold()):
            return None
        if parts.folded_name in WITNESS_LABELS and self.witness is not None:
            parts = self._bound(parts.printed, self.witness)
        elif parts.affiliation is None and self.sides:
            side = self.sides.get(parts.folded_name.split()[-1])
            if side is not None:
                parts = attrs.evolve(parts, affiliation=side)
        self.survey.colloquy += 1
        self.survey.justices += _is_justice(parts)
        self.survey.colloquy_names.setdefault(parts.folded_name, parts.name)
        self._open_turn(parts, speech, index)
        return index + 1

    def _rule_parenthetical(self, index: int) -> int | None:
        """`(Recess taken.)`, `(Pause)`, `(Whereupon, …)`: a proceedings note, not speech."""
        line = self.lines[index]
        text = line.stripped
        if not text.startswith("("):
            return None
        if self.turn is not None and line.indent <= self.margin + 1 and not text.endswith(")"):
            return None  # `(a) the first clause …` wrapped at the margin is speech
        end = None
        for position in range(index, min(len(self.lines), index + PARENTHETICAL_MAX_LINES)):
            if self.lines[position].stripped.endswith(")"):
                end = position
                break
        if end is None:
            return None
        closing = text[1:].casefold().startswith(CLOSING_WORDS)
        turn = self.turn
        self._close()
        note = self.doc.prose(ProseKind.NOTE, text, line.number)
        for following in self.lines[index + 1 : end + 1]:
            if following.stripped:
                note.add(following.stripped, following.number, join=True)
        if closing:
            self.closed = True
        elif turn is not None:
            self.turn, self.foldable = None, note
            self._resumable = turn
        return end + 1

    def _rule_heading(self, index: int) -> int | None:
        """Capitals set off from the margin, or naming a part of the proceedings: a heading."""
        line = self.lines[index]
        text = line.stripped
        if not is_caps(text) or text.endswith(","):
            return None
        squeezed = text.replace(" ", "")
        named = any(word in squeezed for word in HEADING_WORDS)
        if not named and line.indent < self.margin + CENTRED_MIN:
            return None
        self._heading(text, index)
        return index + 1

    def _rule_word_index(self, index: int) -> int | None:
        """After the proceedings: word-index entries (`abandon 12:4 15:22`) are a note."""
        line = self.lines[index]
        if self.turn is not None or not _is_page_reference_line(line.stripped):
            return None
        block = self.word_index
        if block is None or not self.doc.items or self.doc.items[-1] is not block:
            self.word_index = self.doc.prose(ProseKind.NOTE, line.stripped, line.number)
        else:
            block.add(line.stripped, line.number)
        return index + 1

    def _rule_text(self, index: int) -> int:
        """Anything else: the open turn goes on; before the first turn it is the caption."""
        line = self.lines[index]
        text = line.stripped
        at_margin = line.indent <= self.margin + 1
        turn = self.turn or self._resume()
        if turn is not None:
            turn.add(text, line.number, join=at_margin and bool(turn.paragraphs))
        else:
            kind = ProseKind.INTRO if self.survey.labels == 0 else ProseKind.NARRATION
            self.doc.prose_line(kind, text, line.number, join=at_margin)
        return index + 1

    # -- helpers -----------------------------------------------------------------------
    def _resume(self) -> DraftTurn | None:
        """Speech after a `(Pause)` right after a turn: the note goes back into the turn."""
        note, turn = self.foldable, self._resumable
        if note is None or turn is None or self.closed or not self.doc.items:
            return None
        if self.doc.items[-1] is not note or self.doc.items[-2] is not turn:
            return None
        self.doc.items.pop()
        turn.paragraphs.extend(note.paragraphs)
        turn.last_line = max(turn.last_line, note.last_line)
        self.turn, self.foldable, self._resumable = turn, None, None
        return turn

    def _bound(self, printed: str, person: LabelParts | None) -> LabelParts:
        """The label as printed, speaking for `person` when the document names one.

        Made once per (label, person): thousands of `Q.`/`A.` lines share it.
        """
        key = (printed, person)
        parts = self.bound.get(key)
        if parts is None:
            if person is None:
                parts = split_label(printed)
                assert parts is not None
            else:
                parts = attrs.evolve(person, printed=printed, folded_printed=fold(printed))
            self.bound[key] = parts
        return parts

    def _open_turn(self, parts: LabelParts, speech: str, index: int) -> None:
        self.survey.names.add(parts.folded_name)
        number = self.lines[index].number
        start = self.times.get(index)
        if start is not None and self.turn is not None and self.turn.end is None:
            self.turn.end = start  # a realtime transcript's next turn ends this one
        self.turn = self.doc.turn(parts, number, speech or None, start=start)
        self.foldable = self._resumable = None
        self.closed = False

    def _heading(self, text: str, index: int, *, joinable: bool = True) -> None:
        """A heading; a second capitals line right under one continues it."""
        self._close()
        number = self.lines[index].number
        last = self.doc.items[-1] if self.doc.items else None
        if joinable and self.heading_at == self.previous and isinstance(last, Heading):
            self.doc.items[-1] = Heading(
                f"{last.text} {text}", last.level, SourceSpan(_first_line(last, number), number)
            )
        else:
            self.doc.heading(text, 2, number)
        self.heading_at = index if joinable else -2
        self._note_side(self.doc.items[-1])

    def _note_side(self, heading: object) -> None:
        """`ORAL ARGUMENT OF PAUL M. DRUMMOND ON BEHALF OF THE PETITIONER`: counsel's side."""
        if not isinstance(heading, Heading):
            return
        text = " ".join(heading.text.split())
        at = text.find("ARGUMENT OF ")
        behalf = text.find(" ON BEHALF OF ")
        if at < 0 or behalf < at:
            return
        person = text[at + len("ARGUMENT OF ") : behalf].split()
        side = text[behalf + len(" ON BEHALF OF ") :].strip()
        if person and side:
            self.sides[fold(person[-1])] = side

    def _close(self) -> None:
        self.turn = None
        self.foldable = self._resumable = None


def _first_line(heading: Heading, default: int) -> int:
    return heading.span.first_line if heading.span is not None else default


def _style(survey: Survey, header: bool) -> str:
    if header or (survey.justices and not survey.q + survey.a):
        return "scotus-argument"
    if survey.q + survey.a and (survey.examiner or survey.sworn):
        return "deposition-qa"
    return "trial-qa-unnamed"


SCOTUS_HEADER = "subject to final review"


def _read_lines(raw: Sequence[str], doc: DocumentBuilder) -> _Reader:
    reader = _Reader(page_lines(raw, doc.furniture), doc)
    reader.run()
    return reader


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a deposition, trial or argument transcript (see the module docstring)."""
    doc = DocumentBuilder("testimony")
    reader = _read_lines(source.text.split("\n"), doc)
    doc.style = _style(reader.survey, SCOTUS_HEADER in source.text[:20000].casefold())
    doc.declared_roles.extend(_roles(reader.survey, doc.style))
    return doc.finish(options)


LAWYER_TITLES = ("mr ", "ms ", "mrs ", "miss ", "mx ", "general ")


def _roles(survey: Survey, style: str) -> list[tuple[str, Role]]:
    """Examiners ask and the witness answers; the bench questions counsel in an argument."""
    roles = [(Q_PRINTED, Role.INTERVIEWER), (A_PRINTED, Role.INTERVIEWEE)]
    for folded, name in survey.colloquy_names.items():
        if folded.startswith("chief justice"):
            roles.append((name, Role.MODERATOR))
        elif _is_justice_name(folded) or folded in survey.examiners:
            roles.append((name, Role.INTERVIEWER))
        elif folded.startswith(LAWYER_TITLES):
            roles.append((name, Role.INTERVIEWEE if style == "scotus-argument" else Role.COUNSEL))
    return roles


def _has_question_and_answer(lines: Sequence[PageLine]) -> bool:
    """Some line opens with a `Q.` label and some line with an `A.` label (after any timecode)."""
    letters = set()
    for line in lines:
        text = line.stripped
        if text[:1].isdigit():
            timecode = TIMECODE.match(text)
            text = text[timecode.end() :].lstrip(" \t") if timecode is not None else text
        if text[:1] in ("Q", "A") and text[1:2] in (".", "\t"):
            found = qa_label(text)
            if found is not None:
                letters.add(found.letter)
                if len(letters) == 2:
                    return True
    return False


def fit(head: Head) -> Fit:
    """Legal page layout, `Q.`/`A.` labels or the Court's header (FORMATS.md §8, step 2)."""
    doc = DocumentBuilder("testimony")
    lines = page_lines(head.lines, doc.furniture)
    layout = any(line.page_line is not None for line in lines)
    header = any(SCOTUS_HEADER in line.casefold() for line in head.lines)
    if not (layout or header or _has_question_and_answer(lines)):
        return NO_FIT  # the one other way to qualify needs a Q. and an A.: no need to read
    reader = _Reader(lines, doc)
    reader.run()
    survey = reader.survey
    pair = survey.q > 0 and survey.a > 0
    if survey.labels < MIN_LABELS or (len(survey.names) < 2 and not pair):
        return NO_FIT
    if not (layout or header or (pair and survey.q + survey.a >= MIN_LABELS)):
        return NO_FIT
    style = _style(survey, header)
    signs = [
        *(["numbered legal pages"] if layout else []),
        *(["the Court's 'Subject to Final Review' header"] if header else []),
    ]
    reason = f"{survey.q + survey.a} Q./A. and {survey.colloquy} colloquy labels"
    if signs:
        reason += " on " + " with ".join(signs)
    bonus = SIGNATURE if signs else 0.0
    return Fit(float(survey.labels) + bonus, style, reason)
