"""The reader for earnings calls (FORMATS.md §1.10): rosters, then names alone on their line.

Financial transcript publishers print a call as a title and a date, one or
two participant rosters (`Name - Title` under `Company Participants`,
`Name - Firm` under `Conference Call Participants`), and then the call: each
turn opens with a paragraph that is only the speaker's name, with no colon,
and the speech follows in the paragraphs below it.

A bare name line is ambiguous on its own (a heading such as
`Question-and-Answer Session` has the same shape), so the roster is the
declaration that makes it a label (FORMATS.md §8: "no colon plus a roster").
A line is a label when it is:

- a roster name (`Imelda Farrow`), or a roster-shaped line whose name is in
  the roster (`Imelda Farrow -- Vice President`, the Motley Fool layout);
- a part every call has (`Operator`, `Unidentified Analyst` …);
- a name-shaped line that the turn before it has just introduced ("our next
  question comes from Jane Doe"), for callers the roster forgot.

The reading is two passes: the rosters first (the Motley Fool puts its list
at the end), then the assembly. Both are linear: each line is looked at once
by string operations and short anchored patterns.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

import attrs

from ..decode import DecodedText
from ..labels import LabelParts, fold, split_label
from ..model import ProseKind, Role, Transcript
from . import ReadOptions
from .build import DocumentBuilder, DraftProse, DraftTurn
from .detect import NO_FIT, Fit, Head
from .lines import CLOSING_CHROME, Kind, is_date_line, judge_prefix

STYLE = "earnings-call"

ROSTER_HEADING = re.compile(
    r"(?:(?:company|corporate|conference\scall|call|executive|management|analyst)s?\s)?"
    r"participants?|executives|analysts|speakers",
    re.IGNORECASE,
)
"""The heading of a participant roster (`Company Participants`, `Analysts`), colon optional."""

COMPANY_SIDE_WORDS = ("company", "corporate", "executive", "management")
ANALYST_SIDE_WORDS = ("conference call", "analyst")

ROSTER_SEPARATORS = (" -- ", " - ", " – ", " — ", " —", " –")
"""Between a roster name and the title or firm: `Name - Title`, `Name -- Title` (Motley Fool)."""

ROSTER_NAME_CHARS = 80
"""A roster separator further into the line than this is a dash inside a sentence."""

FIXED_LABELS = {
    fold(label): label
    for label in (
        "Operator",
        "Moderator",
        "Unidentified Analyst",
        "Unidentified Company Representative",
        "Unidentified Company Speaker",
        "Unidentified Corporate Participant",
        "Unidentified Participant",
        "Unidentified Speaker",
        "Unknown Speaker",
        "Unknown Analyst",
    )
}
"""Parts every call has whether or not the roster lists them (FORMATS.md §1.10)."""

SECTION_HEADING = re.compile(
    r"(?:question[-\s]and[-\s]answer|questions?\s?(?:&|and)\s?answers?|q\s?&\s?a"
    r"|prepared\sremarks|presentation|opening\sremarks|management\sdiscussion"
    r"|management\spresentation|closing\sremarks)(?:\ssession|\ssection|\sportion)?:?",
    re.IGNORECASE,
)
"""Section headings of a call: `Question-and-Answer Session`, `Prepared Remarks:`."""

BOILERPLATE = re.compile(
    r"(?:copyright|©|all rights reserved|disclaimer|the information contained here"
    r"|this (?:transcript|article|document) (?:is|was|may|has)|safe harbou?r statement"
    r"|transcript (?:provided|produced) by|source:)",
    re.IGNORECASE,
)
"""Publisher notes that open a paragraph: copyright, disclaimers, safe-harbour statements."""

MAX_NAME_WORDS = 5
NAME_LINE_CHARS = 60
"""A name alone on its line is no longer than this (a long line is speech, not folded)."""
MIN_LABELS = 3
"""A grammar must explain at least this many labels to qualify (FORMATS.md §8)."""
SENTENCE_ENDS = ".?!,;…\"'”’)]"


@attrs.frozen
class RosterEntry:
    """One `Name - Title/Firm` line of a roster: who the person is, and on which side."""

    name: str
    detail: str
    role: Role | None


def fit(head: Head) -> Fit:
    """A roster, and names alone on their line that the roster declares (FORMATS.md §8)."""
    roster, roster_lines = _rosters(head.lines)
    if not roster:
        return NO_FIT
    labels = 0
    names: set[str] = set()
    for index, text in enumerate(head.lines):
        stripped = text.strip()
        if not stripped or stripped.endswith(":") or index in roster_lines:
            continue
        name = _declared_name(stripped, roster)
        if name is not None:
            labels += 1
            names.add(fold(name))
    if labels < MIN_LABELS or len(names) < 2:
        return NO_FIT
    return Fit(
        float(labels + len(roster_lines)),
        STYLE,
        f"{len(roster)} roster names, {labels} name-alone speaker lines from {len(names)} names",
    )


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read an earnings-call transcript (see the module docstring)."""
    lines = [line.strip() for line in source.text.split("\n")]
    roster, _ = _rosters(lines)
    assembler = _Assembler(DocumentBuilder(STYLE, []), roster, _blank_layout(lines))
    for number, text in enumerate(lines, 1):
        if text:
            assembler.take(number, text)
        else:
            assembler.after_blank = True
    return assembler.finish(options)


def _blank_layout(lines: list[str]) -> bool:
    """True when blank lines separate paragraphs (most text lines are followed by a blank).

    `lines` are stripped, so a blank line is ''.
    """
    followed_by_blank = sum(
        1 for current, following in itertools.pairwise(lines) if current and not following
    )
    text_lines = len(lines) - lines.count("") - (1 if lines and lines[-1] else 0)
    return followed_by_blank >= text_lines - followed_by_blank


# -- the roster ------------------------------------------------------------------------------
def _rosters(lines: Sequence[str]) -> tuple[dict[str, RosterEntry], set[int]]:
    """Every roster entry of the document, by folded name, and the indexes of the roster lines."""
    roster: dict[str, RosterEntry] = {}
    indexes: set[int] = set()
    side: Role | None = None
    in_roster = False
    for index, text in enumerate(lines):
        stripped = text.strip()
        if not stripped:
            continue
        if _is_roster_heading(stripped):
            in_roster, side = True, _roster_side(stripped)
            continue
        if not in_roster:
            continue
        entry = _roster_line(stripped, side)
        if entry is None:
            in_roster = False
            continue
        roster.setdefault(fold(entry.name), entry)
        indexes.add(index)
    return roster, indexes


ROSTER_HEADING_CHARS = 40


def _is_roster_heading(text: str) -> bool:
    """`Company Participants`, `Analysts:`: a short line (the words judged once each)."""
    return len(text) <= ROSTER_HEADING_CHARS and _roster_heading_words(text)


@functools.lru_cache(maxsize=256)
def _roster_heading_words(text: str) -> bool:
    return ROSTER_HEADING.fullmatch(text.rstrip(":").strip()) is not None


def _roster_side(heading: str) -> Role | None:
    """The side a roster heading announces: the company answers, the analysts ask.

    None for a heading that names no side (`Call participants:`).
    """
    folded = heading.casefold()
    if any(word in folded for word in COMPANY_SIDE_WORDS):
        return Role.INTERVIEWEE
    if any(word in folded for word in ANALYST_SIDE_WORDS):
        return Role.INTERVIEWER
    return None


def _roster_line(text: str, side: Role | None) -> RosterEntry | None:
    """`Imelda Farrow - Vice President, Investor Relations` → the entry; None otherwise."""
    split = _split_roster_shape(text)
    if split is None:
        return None
    name, detail = split
    firm, analyst = _analyst_suffix(detail)
    if analyst:
        return RosterEntry(name, firm, Role.INTERVIEWER)
    return RosterEntry(name, detail, side)


def _analyst_suffix(detail: str) -> tuple[str, bool]:
    """`Granger Partners -- Analyst` → (`Granger Partners`, True): the Motley Fool analyst mark."""
    for separator in ROSTER_SEPARATORS:
        firm, found, last = detail.rpartition(separator)
        if found and fold(last) == "analyst":
            return firm.strip(), True
    return detail, fold(detail) == "analyst"


def _split_roster_shape(text: str) -> tuple[str, str] | None:
    """(name, title or firm) of a `Name - Title` line whose name part is a name."""
    window = text[:ROSTER_NAME_CHARS]
    for separator in ROSTER_SEPARATORS:
        at = window.find(separator)
        if at > 0:
            name = text[:at].strip()
            detail = text[at + len(separator) :].strip()
            parts = split_label(name)
            if parts is None or not detail or not _name_shaped(parts.name):
                return None
            return parts.name, detail
    return None


def _name_shaped(name: str) -> bool:
    """A person's name: a few capitalised words, no digits, no sentence punctuation at the end."""
    words = name.split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and name[-1] not in SENTENCE_ENDS
        and not any(ch.isdigit() for ch in name)
        and all(word[0].isupper() or not word[0].isalpha() for word in words)
    )


DECLARED_NAME_CHARS = 2 * ROSTER_NAME_CHARS
"""A line longer than this declares no speaker (`_declared_name`)."""


def _declared_name(text: str, roster: dict[str, RosterEntry]) -> str | None:
    """The name a line declares as a speaker by the roster or the fixed parts, or None."""
    if len(text) > DECLARED_NAME_CHARS:
        return None
    bare = text[:-1].rstrip() if text.endswith(":") else text
    if len(bare) <= NAME_LINE_CHARS:
        key = fold(bare)
        if key in roster or key in FIXED_LABELS:
            return bare
    if not any(separator in bare for separator in ROSTER_SEPARATORS):
        return None
    split = _split_roster_shape(bare)
    if split is not None and fold(split[0]) in roster:
        return split[0]
    return None


# -- the assembly ----------------------------------------------------------------------------
class _Assembler:
    """Places every line: header, roster, speaker line, heading, note or speech."""

    def __init__(
        self, doc: DocumentBuilder, roster: dict[str, RosterEntry], blank_layout: bool
    ) -> None:
        self.doc = doc
        self.roster = roster
        self.blank_layout = blank_layout
        """Blank lines separate paragraphs, so adjacent lines are one wrapped paragraph."""
        self.open: DraftTurn | DraftProse | None = None
        self.after_blank = True
        self.in_roster = False
        self.roster_key = ""
        self.seen_turn = False
        self.parts_of: dict[str, LabelParts] = {}
        self.declared: dict[str, str | None] = {}
        """`_declared_name` of each short line: a name line recurs once a turn."""
        self.title_set = False

    def take(self, number: int, text: str) -> None:
        """Place a non-blank line, stripped (a blank one only sets `after_blank`)."""
        self._place(number, text)
        self.after_blank = False

    def _place(self, number: int, text: str) -> None:
        if self._roster_rule(number, text):
            return
        name = self._speaker_rule(text)
        paragraph_start = self.after_blank or not self.blank_layout
        if name is not None:
            self._start_turn(name, number)
        elif paragraph_start and _is_section_heading(text):
            self.doc.heading(text.rstrip(":").strip(), 2, number)
            self.open = None
        elif (paragraph_start and BOILERPLATE.match(text)) or _is_chrome(text):
            self.open = self.doc.prose(ProseKind.NOTE, text, number)
        elif paragraph_start and self._note_key_rule(number, text):
            return
        elif not self.seen_turn:
            self._header(number, text)
        elif isinstance(self.open, (DraftTurn, DraftProse)):
            self.open.add(text, number, join=self.blank_layout and not self.after_blank)
        else:  # speech under a heading, before any new name: the previous speaker goes on
            self.doc.diagnose(
                "unattributed-text",
                "text after a heading has no speaker line; kept as narration",
                number,
            )
            self.open = self.doc.prose(ProseKind.NARRATION, text, number)

    # -- rules -------------------------------------------------------------------------
    def _note_key_rule(self, number: int, text: str) -> bool:
        """`Duration: 42 minutes`, `Date: …`: a metadata or note key is not speech."""
        colon = text.find(":", 0, 40)
        if colon <= 0 or len(text) > 200:
            return False
        prefix = judge_prefix(text[:colon])
        if (
            prefix.kind is Kind.METADATA
            and prefix.field
            and self.doc.metadata.get(prefix.field) is None
        ):
            self.doc.set(prefix.field, text[colon + 1 :].strip(), prefix.key)
            self.open = None
            return True
        if prefix.kind in (Kind.METADATA, Kind.NOTE):
            self.open = self.doc.prose(ProseKind.NOTE, text, number)
            return True
        return False

    def _roster_rule(self, number: int, text: str) -> bool:
        """Roster headings and lines become metadata (`Company Participants` → entries)."""
        if _is_roster_heading(text):
            self.in_roster = True
            self.roster_key = text.rstrip(":").strip()
            self.doc.heading(self.roster_key, 2, number)
            self.open = None
            return True
        if not self.in_roster:
            return False
        if _split_roster_shape(text) is None:
            self.in_roster = False
            return False
        self.doc.set("extra", text, self.roster_key)
        return True

    def _speaker_rule(self, text: str) -> str | None:
        """The speaker a line names, when it is a speaker line (see the module docstring).

        Where blank lines separate paragraphs, a name line is a paragraph of its
        own: a line inside a wrapped paragraph is speech even if it is a name.
        """
        if self.blank_layout and not self.after_blank and self.open is not None:
            return None
        if len(text) > DECLARED_NAME_CHARS:
            return None  # a paragraph of speech: longer than any name or roster line
        if text in self.declared:
            name = self.declared[text]
        else:
            name = self.declared[text] = _declared_name(text, self.roster)
        if name is not None:
            return name
        return self._introduced_name(text)

    def _introduced_name(self, text: str) -> str | None:
        """A caller the roster forgot, introduced by the turn before (`… from Jane Doe with …`)."""
        turn = self.open
        if not isinstance(turn, DraftTurn) or not turn.paragraphs or len(text) > 60:
            return None
        parts = split_label(text)
        if parts is None or parts.name != text or len(text.split()) < 2:
            return None
        if not _name_shaped(text):
            return None
        last = " ".join(turn.paragraphs[-1])
        return text if fold(text) in fold(last) else None

    # -- blocks ------------------------------------------------------------------------
    def _start_turn(self, name: str, number: int) -> None:
        parts = self.parts_of.get(name)
        if parts is None:
            parts = self.parts_of[name] = self._label(name)
        self.open = self.doc.turn(parts, number)
        self.seen_turn = True

    def _label(self, name: str) -> LabelParts:
        """The label of a name line, with the roster's title or firm; declared once per name."""
        parts = split_label(name)
        if parts is None:  # a fixed part or roster name always splits; be safe on odd input
            parts = LabelParts(name, name, folded_name=fold(name), folded_printed=fold(name))
        entry = self.roster.get(fold(name))
        if entry is not None:
            parts = attrs.evolve(parts, affiliation=entry.detail)
            if entry.role is not None:
                self.doc.declare(parts.name, entry.name, entry.role)
        return parts

    def _header(self, number: int, text: str) -> None:
        """Before the first turn: the title, the date, then anything else as intro."""
        if not self.title_set and _headline(text):
            self.doc.set("title", text)
            self.title_set = True
            self.open = None
        elif is_date_line(text):
            self.doc.set("date", text)
            self.open = None
        elif isinstance(self.open, DraftProse) and self.blank_layout and not self.after_blank:
            self.open.add(text, number, join=True)
        else:
            self.open = self.doc.prose(ProseKind.INTRO, text, number)

    def finish(self, options: ReadOptions) -> Transcript:
        return self.doc.finish(options)


def _headline(text: str) -> bool:
    return len(text) <= 200 and text[-1] not in ".,;:!?" and any(ch.isalpha() for ch in text)


SECTION_HEADING_CHARS = 32
"""The longest line `SECTION_HEADING` matches (`Management Presentation Section:`)."""


def _is_section_heading(text: str) -> bool:
    return len(text) <= SECTION_HEADING_CHARS and SECTION_HEADING.fullmatch(text) is not None


def _is_chrome(text: str) -> bool:
    return len(text) <= 200 and CLOSING_CHROME.match(text) is not None
