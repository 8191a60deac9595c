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
from .furniture import Pages, common_indent, has_legal_layout, line_indents, page_lines

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
QA_MARKS = (".", "\t")
"""What follows the letter of a `Q.`/`A.` label."""
QA_FOLDED = frozenset({Q_PRINTED.casefold(), A_PRINTED.casefold()})
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


QALine = tuple[str, str, bool]
"""A `Q.`/`A.` label: the letter, the speech after it, and whether its spacing is firm
(two spaces or a tab after the label; one space may be an initial wrapped to the margin).
A plain tuple: thousands of lines have one."""


def qa_label(text: str) -> QALine | None:
    """`Q.   Good morning.`, `A.  Yes.`, `Q<TAB>text`; None for anything else."""
    body = text.lstrip(" \t")
    if len(body) < 2 or body[0] not in "QA":
        return None
    letter, mark = body[0], body[1]
    if mark == "\t":
        return letter, body[2:].strip(" \t"), True
    if mark != ".":
        return None
    after = body[2:]
    if not after:
        return letter, "", False
    speech = after.lstrip(" \t")
    gap = len(after) - len(speech)
    if not gap:
        return None
    return letter, speech, gap >= 2 or "\t" in after[:gap]


def _starts_with_initial(text: str) -> bool:
    """`R. Whitcombe`: a capital and a period, as in a wrapped name."""
    return len(text) >= 2 and text[0].isupper() and text[1] == "." and text[2:3] in ("", " ")


def colloquy_label(text: str) -> tuple[LabelParts, str] | None:
    """`MR. SMITH:  Objection.` → (parts, speech); capitals and speech after the colon."""
    found = colloquy_split(text.strip(" \t"))
    if found is None:
        return None
    parts = colloquy_name(found[0])
    return None if parts is None else (parts, found[1])


def colloquy_split(text: str) -> tuple[str, str] | None:
    """`MR. SMITH:  Objection.` → (`MR. SMITH`, `Objection.`): a colon near the start with
    space and speech after it (string tests only; `text` without surrounding space)."""
    colon = text.find(":", 0, LABEL_SEARCH_CHARS)
    if colon < 2 or text[colon + 1 : colon + 2] not in (" ", "\t"):
        return None
    speech = text[colon + 2 :].lstrip(" \t")
    if not speech:
        return None
    return text[:colon], speech


def colloquy_name(name: str) -> LabelParts | None:
    """The parts of a colloquy label's name: capitals, and not a caption's field name."""
    if not is_caps(name):
        return None
    folded = fold(name)
    if folded in NOT_LABELS or folded.startswith(NOT_LABEL_PREFIXES):
        return None
    return split_label(name)


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


def continues_speech(text: str) -> bool:
    """With a turn open, a line that only `_rule_text` can take, told by how it starts.

    Colloquy labels, sworn-witness names and headings need capitals up to their colon,
    comma or end, so a lower-case letter among the first two characters rules them out
    (`first this morning …`, `Section 4 of the Act …`); a `Q.`/`A.` label has a period
    or a tab second. Of the other rules' openings, only `(` (a note), `BY ` (an
    examiner) and `Whereupon,` (a sworn witness) remain to rule out.
    """
    first, second = text[0], text[1:2]
    if not (first.isalpha() and first.islower()) and not (second.isalpha() and second.islower()):
        return False
    if first in "Bb":
        return text[:3].casefold() != "by "
    if first in "Ww":
        return not text[:10].casefold().startswith("whereupon,")
    return first != "("


ASCII_LOWER = re.compile("[a-z]")
ASCII_NON_LETTERS = "".join(chr(code) for code in range(128) if not chr(code).isalpha())


def is_caps(text: str) -> bool:
    """At least two letters, none of them lower-case.

    Lines and names are tested by the thousand, so the common answers come from C-speed
    tests: an ASCII lower-case letter anywhere says no; ASCII text without one has two
    letters or more when something is left after stripping the non-letters from both ends.
    """
    if ASCII_LOWER.search(text):
        return False
    if text.isascii():
        return len(text.strip(ASCII_NON_LETTERS)) >= 2
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
    Each rule opens with a string test that turns away the lines it cannot take,
    so a line of speech passes every rule in a few string operations.

    The lines are columns, one entry per source line: `texts` (as printed after
    the page furniture), `stripped` (without indentation) and `indents`, made
    once by `_columns` with the `Q.`/`A.` labels and timecodes found in the same pass.
    """

    def __init__(self, pages: Pages, doc: DocumentBuilder) -> None:
        self.times: dict[int, float] = {}
        """Index → seconds of a timecode printed at the start of that line (taken off it)."""
        self.qa: dict[int, QALine] = {}
        """Index → the `Q.`/`A.` label that opens that line."""
        self.texts, self.stripped, self.indents = self._columns(pages)
        self.doc = doc
        self.margin = common_indent(self.stripped, self.indents, pages.margins)
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
        self.q_parts = self._bound(Q_PRINTED, None)
        """`Q` speaking for the examiner of the moment (`BY MR. X:`), or for itself."""
        self.a_parts = self._bound(A_PRINTED, None)
        """`A` speaking for the sworn witness, or for itself."""
        self.speakers: dict[str, tuple[LabelParts, bool] | None] = {}
        """Colloquy name as printed → `_colloquy_speaker` (cleared when witness or sides change)."""
        self.rules: tuple[Rule, ...] = (
            self._rule_examiner,
            self._rule_sworn_witness,
            self._rule_question_answer,
            self._rule_colloquy,
            self._rule_parenthetical,
            self._rule_heading,
            self._rule_word_index,
        )

    def run(self) -> None:
        """Blank lines carry no meaning (indentation marks paragraphs); any other line goes to
        the first rule that takes it, and to `_rule_text` when none does. Speech that can
        only continue the open turn (`continues_speech`) goes there straight away, and a
        `Q.`/`A.` line to the two rules that can take it."""
        stripped = self.stripped
        index = 0
        while index < len(stripped):
            text = stripped[index]
            if not text:
                index += 1
                continue
            if index in self.qa:
                following = self._take_question_or_answer(index)
            elif self.turn is not None and continues_speech(text):
                following = self._rule_text(index)
            else:
                following = self._first_rule(index)
            self.previous = following - 1
            index = following

    def _take_question_or_answer(self, index: int) -> int:
        """A line that opens with `Q.`/`A.`: of the rules before the label's, only the sworn
        witness's can take it (an examiner's line opens with `BY`)."""
        following = self._rule_sworn_witness(index)
        if following is None:
            following = self._rule_question_answer(index)
        if following is None:
            following = self._first_rule(index)
        return following

    def _first_rule(self, index: int) -> int:
        """The next index after the first rule that takes line `index` (each takes one or more)."""
        for rule in self.rules:
            following = rule(index)
            if following is not None:
                return following
        return self._rule_text(index)

    def _columns(self, pages: Pages) -> tuple[list[str], list[str], list[int]]:
        """Texts, stripped texts and indentations of every line; timecodes and `Q.`/`A.` labels.

        `10:42:13  Q.  Where …`: a realtime transcript's time becomes the turn's start
        and is blanked out of the text, so the label keeps its column.
        """
        texts = list(pages.lines)
        stripped = [text.lstrip(" \t") for text in texts]
        for index in [index for index, body in enumerate(stripped) if body[:1].isdecimal()]:
            self._take_timecode(index, texts, stripped)
        self.qa = {
            index: found
            for index, body in enumerate(stripped)
            if body[1:2] in QA_MARKS and (found := qa_label(body)) is not None
        }
        return texts, stripped, line_indents(texts, stripped)

    def _take_timecode(self, index: int, texts: list[str], stripped: list[str]) -> None:
        """A leading timecode of line `index` goes to `times`, blanked out of its text."""
        text = texts[index]
        match = TIMECODE.match(text)
        if match is None:
            return
        hours, minutes, seconds = (int(group) for group in match.groups())
        if minutes >= 60 or seconds >= 60:
            return
        self.times[index] = hours * 3600.0 + minutes * 60 + seconds
        texts[index] = " " * match.end() + text[match.end() :]
        stripped[index] = texts[index].lstrip(" \t")

    def _qa_labels_indented(self) -> bool:
        """True when firm `Q.`/`A.` labels sit at a tab stop right of the margin (depositions)."""
        tab_stop = self.margin + 1
        firm = [self.indents[index] > tab_stop for index, found in self.qa.items() if found[2]]
        indented = sum(firm)
        return indented > len(firm) - indented

    # -- rules -------------------------------------------------------------------------
    def _rule_examiner(self, index: int) -> int | None:
        """`BY MR. X:` binds `Q` to MR. X until the next examination header."""
        text = self.stripped[index]
        if text[0] not in "Bb":
            return None
        parts = examiner_of(text)
        if parts is None:
            return None
        self.examiner = parts
        self.q_parts = self._bound(Q_PRINTED, parts)
        self.survey.examiner = True
        self.survey.examiners.add(parts.folded_name)
        self.doc.set("extra", parts.name, "examiner")
        self._heading(text, index, joinable=False)
        return index + 1

    def _rule_sworn_witness(self, index: int) -> int | None:
        """`NAME, having been first duly sworn, …` names the witness: `A` and `THE WITNESS`."""
        text = whole = self.stripped[index]
        if text[0] in "Ww" and text[:10].casefold().startswith("whereupon,"):
            text = text[len("whereupon,") :].lstrip(" \t")
        comma = text.find(",", 0, LABEL_SEARCH_CHARS)
        if comma < 2:
            return None
        if self.turn is not None and ASCII_LOWER.search(text, 0, comma):
            return None  # speech with a comma: under an open turn the name is in capitals
        name = text[:comma].strip(" \t")
        if (self.turn is not None and not is_caps(name)) or len(name.split()) < 2:
            return None
        parts = split_label(name)
        if parts is None or parts.affiliation is not None:
            return None
        end = self._sworn_paragraph_end(index)
        if end is None:
            return None
        self.witness = parts
        self.a_parts = self._bound(A_PRINTED, parts)
        self.speakers.clear()  # `THE WITNESS` now speaks for this witness
        self.survey.sworn = True
        self.doc.set("extra", parts.name, "witness")
        self._close()
        block = self.doc.prose(ProseKind.NARRATION, whole, index + 1)
        self._add_lines(block, index + 1, end + 1)
        return end + 1

    def _sworn_paragraph_end(self, index: int) -> int | None:
        """The last line of a sworn-witness paragraph starting at `index`, or None."""
        seen: list[str] = []
        sworn_at: int | None = None
        last = min(len(self.stripped), index + SWORN_WINDOW_LINES + 1)
        for position in range(index, last):
            text = self.stripped[position]
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
        found = self.qa.get(index)
        if found is None:
            return None
        letter, body, firm = found
        if not firm:
            if _starts_with_initial(body):
                return None
            if self.qa_indented and self.indents[index] <= self.margin + 1:
                return None
        if letter == "Q":
            self.survey.q += 1
            self._open_turn(self.q_parts, body, index)
        else:
            self.survey.a += 1
            self._open_turn(self.a_parts, body, index)
        return index + 1

    def _rule_colloquy(self, index: int) -> int | None:
        """`MR. SMITH:  text`, `THE COURT:  text`, `JUSTICE X:  text`: a speaker's turn."""
        found = colloquy_split(self.stripped[index])
        if found is None:
            return None
        name, speech = found
        if name in self.speakers:
            speaker = self.speakers[name]
        else:
            speaker = self.speakers[name] = self._colloquy_speaker(name)
        if speaker is None:
            return None
        parts, justice = speaker
        self.survey.colloquy += 1
        self.survey.justices += justice
        self._open_turn(parts, speech, index)
        return index + 1

    def _colloquy_speaker(self, name: str) -> tuple[LabelParts, bool] | None:
        """Who a colloquy label's printed name speaks for, and whether a justice: the sworn
        witness for `THE WITNESS`, counsel with the side argued. Kept in `speakers` until
        the witness or the sides change."""
        parts = colloquy_name(name)
        if parts is None or parts.folded_name in QA_FOLDED:
            return None
        if parts.folded_name in WITNESS_LABELS and self.witness is not None:
            parts = self._bound(parts.printed, self.witness)
        elif parts.affiliation is None and self.sides:
            side = self.sides.get(parts.folded_name.split()[-1])
            if side is not None:
                parts = attrs.evolve(parts, affiliation=side)
        self.survey.colloquy_names.setdefault(parts.folded_name, parts.name)
        return parts, _is_justice(parts)

    def _rule_parenthetical(self, index: int) -> int | None:
        """`(Recess taken.)`, `(Pause)`, `(Whereupon, …)`: a proceedings note, not speech."""
        text = self.stripped[index]
        if text[0] != "(":
            return None
        at_margin = self.indents[index] <= self.margin + 1
        if self.turn is not None and at_margin and not text.endswith(")"):
            return None  # `(a) the first clause …` wrapped at the margin is speech
        end = None
        for position in range(index, min(len(self.stripped), index + PARENTHETICAL_MAX_LINES)):
            if self.stripped[position].endswith(")"):
                end = position
                break
        if end is None:
            return None
        closing = text[1:].casefold().startswith(CLOSING_WORDS)
        turn = self.turn
        self._close()
        note = self.doc.prose(ProseKind.NOTE, text, index + 1)
        self._add_lines(note, index + 1, end + 1)
        if closing:
            self.closed = True
        elif turn is not None:
            self.turn, self.foldable = None, note
            self._resumable = turn
        return end + 1

    def _rule_heading(self, index: int) -> int | None:
        """Capitals set off from the margin, or naming a part of the proceedings: a heading."""
        text = self.stripped[index]
        if text[0].islower() or not is_caps(text) or text.endswith(","):
            return None
        squeezed = text.replace(" ", "")
        named = any(word in squeezed for word in HEADING_WORDS)
        if not named and self.indents[index] < self.margin + CENTRED_MIN:
            return None
        self._heading(text, index)
        return index + 1

    def _rule_word_index(self, index: int) -> int | None:
        """After the proceedings: word-index entries (`abandon 12:4 15:22`) are a note."""
        text = self.stripped[index]
        if self.turn is not None or ":" not in text or not _is_page_reference_line(text):
            return None
        block = self.word_index
        if block is None or not self.doc.items or self.doc.items[-1] is not block:
            self.word_index = self.doc.prose(ProseKind.NOTE, text, index + 1)
        else:
            block.add(text, index + 1)
        return index + 1

    def _rule_text(self, index: int) -> int:
        """Anything else: the open turn goes on; before the first turn it is the caption.

        The lines right under it at the margin that can only be more of the turn
        (`continues_speech`) go with it, as one piece of its paragraph: a paragraph's
        lines are joined with spaces in the end anyway.
        """
        text = self.stripped[index]
        at_margin = self.indents[index] <= self.margin + 1
        turn = self.turn or self._resume()
        if turn is None:
            kind = ProseKind.INTRO if self.survey.labels == 0 else ProseKind.NARRATION
            self.doc.prose_line(kind, text, index + 1, join=at_margin)
            return index + 1
        stop = self._speech_run_end(index + 1)
        if stop > index + 1:
            text = " ".join(self.stripped[index:stop])
        turn.add(text, stop, join=at_margin and bool(turn.paragraphs))
        return stop

    def _speech_run_end(self, start: int) -> int:
        """The index after the lines from `start` on that continue the open turn's paragraph:
        not blank, at the margin, and `continues_speech`."""
        stripped, indents, tab_stop = self.stripped, self.indents, self.margin + 1
        stop = start
        while (
            stop < len(stripped)
            and stripped[stop]
            and indents[stop] <= tab_stop
            and continues_speech(stripped[stop])
        ):
            stop += 1
        return stop

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

    def _add_lines(self, block: DraftProse, start: int, stop: int) -> None:
        """The non-blank lines from `start` to before `stop` continue `block`'s paragraph."""
        for position in range(start, stop):
            text = self.stripped[position]
            if text:
                block.add(text, position + 1, join=True)

    def _open_turn(self, parts: LabelParts, speech: str, index: int) -> None:
        self.survey.names.add(parts.folded_name)
        number = index + 1
        start = self.times.get(index)
        if start is not None and self.turn is not None and self.turn.end is None:
            self.turn.end = start  # a realtime transcript's next turn ends this one
        self.turn = self.doc.turn(parts, number, speech or None, start=start)
        self.foldable = self._resumable = None
        self.closed = False

    def _heading(self, text: str, index: int, *, joinable: bool = True) -> None:
        """A heading; a second capitals line right under one continues it."""
        self._close()
        number = index + 1
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
            self.speakers.clear()  # counsel's labels now carry the side

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


def _has_question_and_answer(lines: Sequence[str]) -> bool:
    """Some line opens with a `Q.` label and some line with an `A.` label (after any timecode)."""
    letters = set()
    for line in lines:
        text = line.lstrip(" \t")
        if text[:1].isdigit():
            timecode = TIMECODE.match(text)
            text = text[timecode.end() :].lstrip(" \t") if timecode is not None else text
        if text[:1] in ("Q", "A") and text[1:2] in (".", "\t"):
            found = qa_label(text)
            if found is not None:
                letters.add(found[0])
                if len(letters) == 2:
                    return True
    return False


def fit(head: Head) -> Fit:
    """Legal page layout, `Q.`/`A.` labels or the Court's header (FORMATS.md §8, step 2)."""
    header = SCOTUS_HEADER in head.text.casefold()
    if not (header or _has_question_and_answer(head.lines) or has_legal_layout(head.lines)):
        return NO_FIT  # string tests on the raw lines: taking furniture off adds no label
    doc = DocumentBuilder("testimony")
    pages = page_lines(head.lines, doc.furniture)
    layout = bool(pages.margins)
    if not (layout or header or _has_question_and_answer(pages.lines)):
        return NO_FIT  # the one other way to qualify needs a Q. and an A.: no need to read
    reader = _Reader(pages, doc)
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
