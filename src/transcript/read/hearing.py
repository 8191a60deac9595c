"""The reader for congressional hearings as printed by the GPO (FORMATS.md §2.4).

The Government Publishing (formerly Printing) Office prints hearings, and the
Congressional Record, as fixed-width text, often wrapped in `<pre>` in an `.htm`
file: a banner (`[From the U.S. Government Publishing Office]`), a centred cover
page (title, `HEARING`, `BEFORE THE …`, the date), then paragraphs that start with
exactly four spaces and wrap to column 0. A speaker's paragraph opens with a title
or honorific, a surname and a period: `Mr. SMITH.`, `The CHAIRMAN.`,
`Mr. de la FONTAINE.` in older printing, `Senator Grassley.`, `The Chairman.` in
later printing.

The rules, each a small named function below:

- markup: the HTML around `<pre>` is dropped with a diagnostic; `<title>` is kept;
- banner and cover page: metadata (title, date, source, committee);
- a 4-space paragraph opening with `Title Surname.` and speech is a label; a
  paragraph that is only `Senator Haverford.` is the chair recognising him (speech),
  and `Mr. Chairman, …` (a comma) is speech. Older printing puts every label's
  surname in capitals, so in such a file a mixed-case `Mr. Smith.` is speech;
- `[The prepared statement of X follows:]` starts an inserted document: a note,
  then headings and prose, never part of a turn, until the next label;
- other bracketed paragraphs (`[Laughter.]`, `[Whereupon, …]`) are notes;
- centred lines (`STATEMENT OF NAME, TITLE, AGENCY`) are headings; the witness's
  title and agency from them go to that speaker's affiliation;
- footnotes between dashed rules are notes; page markers are furniture;
- any other paragraph continues the open turn, or is narration.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from ..decode import DecodedText
from ..labels import LabelParts, fold, split_label
from ..model import Heading, ProseKind, Role, Severity, SourceSpan, Transcript
from . import ReadOptions
from .build import DocumentBuilder, DraftProse, DraftTurn
from .detect import NO_FIT, SIGNATURE, Fit, Head
from .furniture import indent_of, page_lines

PARAGRAPH_INDENT = 4
"""GPO starts every paragraph, and so every label, exactly four spaces in."""
LABEL_SEARCH_CHARS = 120
MAX_NAME_WORDS = 6
MIN_LABELS = 3
MAX_VOCABULARY = 0.6
BANNER_LINES = 60
"""The GPO banner is within this many lines of the start (after any HTML head)."""
MARKUP_LINES = 40
"""`<pre>` opens within this many lines of an HTML-wrapped GPO file."""
HEADING_MAX_CHARS = 100
FOOTNOTE_RULE_MIN = 20
"""A dashed rule this long at column 0 opens or closes a footnote block."""
TITLE_MAX_LINES = 4
LOOKAHEAD_LINES = 3
PRESIDING_WORDS = 6
"""The presiding member is named within this many words before `presiding`."""

BANNER_MARK = "Government P"
"""`[From the U.S. Government Printing Office]`, `… Publishing Office, www.gpo.gov]`."""

HONORIFICS = frozenset(
    {
        "The",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Miss",
        "Dr.",
        "Senator",
        "Sen.",
        "Representative",
        "Rep.",
        "Delegate",
        "Chairman",
        "Chairwoman",
        "Chairperson",
        "Chair",
        "Vice",
        "Ranking",
        "Acting",
        "Speaker",
        "Colonel",
        "Col.",
        "General",
        "Gen.",
        "Admiral",
        "Adm.",
        "Captain",
        "Capt.",
        "Commander",
        "Major",
        "Maj.",
        "Lieutenant",
        "Lt.",
        "Sergeant",
        "Sgt.",
        "Secretary",
        "Under",
        "Assistant",
        "Deputy",
        "Ambassador",
        "Judge",
        "Justice",
        "Chief",
        "Governor",
        "Gov.",
        "Mayor",
        "Commissioner",
        "Director",
        "Inspector",
        "Attorney",
        "Professor",
        "Prof.",
        "Dean",
        "President",
        "Reverend",
        "Rev.",
        "Father",
        "Sister",
        "Bishop",
        "Rabbi",
        "Sheriff",
        "Chancellor",
        "Superintendent",
    }
)
"""First words of a GPO speaker label (FORMATS.md §2.4), as printed."""

ADDRESS_HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Madam", "Madame"})
OFFICE_WORDS = frozenset(
    {"chairman", "chairwoman", "chair", "president", "speaker", "secretary", "ambassador"}
)
"""`Mr. Chairman.` addresses the chair; it is never how GPO labels a speaker."""

PARTICLES = frozenset(
    {
        "de",
        "la",
        "le",
        "du",
        "des",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "y",
        "e",
        "bin",
        "al",
        "el",
        "of",
        "pro",
        "tempore",
    }
)
"""Lower-case words inside a label: `Mr. de la FONTAINE.`, `The SPEAKER pro tempore.`."""

COVER_MARKERS = (
    "hearing",
    "hearings",
    "joint hearing",
    "field hearing",
    "roundtable",
    "markup",
    "business meeting",
    "briefing",
)
"""The cover line that follows the title."""
COVER_PHRASES = ("Printed for the use of", "Available via", "Available on", "Available at")
"""Cover-page sentences GPO sets at a paragraph's indent."""
IDENTIFIER_PREFIXES = ("s. hrg.", "h. hrg.", "serial no", "serial", "[h.", "[s.", "no.")
"""Report numbers on the cover (`S. Hrg. 117-88`, `Serial No. 103-45`): not the title."""
RIGHT_ALIGNED = 40
STATEMENT_INITIALS = "SOPT"
"""First letters of the statement headings below (the line must be in capitals)."""
STATEMENT_HEADINGS = (
    "STATEMENT OF ",
    "OPENING STATEMENT OF ",
    "PREPARED STATEMENT OF ",
    "TESTIMONY OF ",
    "OPENING REMARKS OF ",
)
WITNESS_HEADINGS = ("STATEMENT OF ", "TESTIMONY OF ", "PREPARED STATEMENT OF ")
"""Headings naming a witness; `OPENING STATEMENT OF` names a member."""
INSERTION_ENDINGS = ("follows:]", "follow:]", "follows.]")
CLOSING_START = "[whereupon"

DATE = re.compile(
    r"(?:[A-Za-z]{6,9},[ \t]{1,3})?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"[ \t]{1,3}\d{1,2}(?:[ \t]{0,2}[,-][ \t]{0,2}\d{1,2})?,[ \t]{1,3}\d{4}",
    re.IGNORECASE,
)
"""`SEPTEMBER 22, 1993`, `Tuesday, April 9, 2024` (a whole cover line)."""
TAG = re.compile(r"<[^<>\n]{0,300}>")
TITLE_TAG = re.compile(r"<title>([^<]{0,500})</title>", re.IGNORECASE)


@attrs.frozen
class GpoLabel:
    """A period label as printed (without the period), and whether its name is in capitals.

    One object per printed label, shared by every paragraph that opens with it.
    """

    printed: str
    capitals: bool


LabelCache = dict[str, "GpoLabel | None"]
"""Judgements by printed prefix: a label printed 5,000 times is judged once."""


def gpo_label(text: str, cache: LabelCache | None = None) -> GpoLabel | None:
    """`Mr. de la FONTAINE. Thank you …` → its label; None for any other paragraph start.

    `text` is the paragraph without its 4-space indent. The label is an
    honorific, up to six name words or particles, and a period, with speech after
    it on the line. String tests find where the label would end (the first `. `
    after the honorific); the words before it are judged once per document.
    """
    return _label_at(text, 0, cache)


def _label_at(line: str, start: int, cache: LabelCache | None) -> GpoLabel | None:
    """`gpo_label` of `line[start:]`, without copying the line."""
    limit = start + LABEL_SEARCH_CHARS
    space = line.find(" ", start, limit)
    if space < 0 or line[start:space] not in HONORIFICS:
        return None
    end = line.find(". ", space, limit + 1)
    if end < 0:
        if len(line) <= limit or line[limit - 1] != ".":
            return None
        end = limit - 1  # the search window ends on the label's period
    printed = line[start:end]
    if cache is None:
        label = _judge_label(printed)
    elif printed in cache:
        label = cache[printed]
    else:
        label = cache[printed] = _judge_label(printed)
    if label is None:
        return None
    if line[-1] in " \t":  # trailing space: look for the speech itself
        return label if line[end + 1 :].strip(" \t") else None
    return label if len(line) > end + 1 else None


def _judge_label(printed: str) -> GpoLabel | None:
    """`Mr. de la FONTAINE` (the text before the period): an honorific, then up to six name
    words or particles, the last a name word (or a particle after a name)."""
    tokens = printed.split(" ")
    words = tokens[1:]
    if not words or len(words) > MAX_NAME_WORDS:
        return None
    *middle, last = words
    for token in middle:
        if not (_name_word(token) or token in PARTICLES):
            return None
    if not (_name_word(last) or (last in PARTICLES and len(tokens) > 2)):
        return None
    if _addresses_an_office(tokens):
        return None
    return GpoLabel(printed, any(_capitals(word) for word in words))


NAME_MARKS = str.maketrans("", "", "-'’.")


def _name_word(word: str) -> bool:
    """`FONTAINE`, `Ruiz-Tan`, `O'NEILL`, `McCAIN`: a capital, then letters and name marks."""
    return bool(word) and word[0].isupper() and word.translate(NAME_MARKS).isalpha()


def _capitals(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _addresses_an_office(words: list[str]) -> bool:
    return (
        len(words) == 2 and words[0] in ADDRESS_HONORIFICS and words[1].casefold() in OFFICE_WORDS
    )


def _is_paragraph_start(text: str) -> bool:
    """Exactly four spaces, then text."""
    return text.startswith("    ") and len(text) > PARAGRAPH_INDENT and text[4] not in " \t"


def _is_rule(text: str) -> bool:
    stripped = text.strip(" ")
    return len(stripped) >= 3 and not stripped.strip("-_=")


def _typography(text: str) -> str:
    """GPO's two backticks and two apostrophes are opening and closing quotation marks."""
    if "``" in text:
        text = text.replace("``", "“")
    if "''" in text:
        text = text.replace("''", "”")
    return text


def paragraph_labels(lines: Sequence[str]) -> dict[int, GpoLabel]:
    """Index → the label of every line that starts a 4-space paragraph with one.

    Only lines that start a paragraph with an honorific get past the string tests;
    each printed label is judged once (`gpo_label`'s cache).
    """
    cache: LabelCache = {}
    found: dict[int, GpoLabel] = {}
    for index, line in enumerate(lines):
        if line.startswith("    ") and line[4:5] not in BLANK_OR_SPACE:
            label = _label_at(line, PARAGRAPH_INDENT, cache)
            if label is not None:
                found[index] = label
    return found


BLANK_OR_SPACE = ("", " ", "\t")


def label_style(found: Iterable[GpoLabel]) -> bool | None:
    """True for capitals printing (`Mr. SMITH.`), False for mixed case, None without labels."""
    capitals = mixed = 0
    for label in found:
        if label.capitals:
            capitals += 1
        else:
            mixed += 1
    if not capitals and not mixed:
        return None
    return capitals >= mixed


# -- markup ------------------------------------------------------------------------------


def strip_markup(raw: Sequence[str], doc: DocumentBuilder) -> list[str]:
    """The text inside `<pre>`, line for line (other lines become blank); markup reported."""
    opening = next(
        (i for i, line in enumerate(raw[:MARKUP_LINES]) if "<pre" in line.casefold()), None
    )
    if opening is None:
        return list(raw)
    lines: list[str] = []
    inside = False
    for number, line in enumerate(raw, 1):
        folded = line.casefold()
        if not inside:
            start = folded.find("<pre")
            title = TITLE_TAG.search(line)
            if title is not None:
                doc.set("extra", " ".join(title.group(1).split()).strip(" -–—"), "html title")
            if start >= 0 and number - 1 >= opening:
                close = line.find(">", start)
                cut = close + 1 if close >= 0 else len(line)
                _report_markup(doc, line[:cut], number)
                lines.append(html.unescape(line[cut:]))
                inside = True
            else:
                if line.strip():
                    _report_markup(doc, line, number)
                lines.append("")
            continue
        end = folded.find("</pre")
        if end >= 0:
            _report_markup(doc, line[end:], number)
            line = line[:end]
            inside = False
        elif "<" in line and TAG.search(line):
            _report_markup(doc, " ".join(TAG.findall(line)), number)
            line = TAG.sub("", line)
        lines.append(html.unescape(line) if "&" in line else line)
    return lines


def _report_markup(doc: DocumentBuilder, text: str, number: int) -> None:
    doc.diagnose("html-markup", f"left out HTML markup {text[:200]!r}", number)


# -- the reader --------------------------------------------------------------------------


Rule = Callable[[int, str, str], bool]
"""A rule: (line number, text as printed, text without indentation) → whether it took the line."""
RULE_MARKS = "-_="
"""A dashed or ruled line starts with one of these (after any spaces)."""
WRAPPED_BREAKS = " \t" + RULE_MARKS
"""First characters that end a run of column-0 lines: an indent, a rule."""


class _Reader:
    """One read of a GPO hearing; the `_rule_*` methods are its rules, tried in order.

    A rule gets the line's number, its text as printed (after the page furniture)
    and the text without indentation, and says whether it took the line. Which
    rules can take a line follows from its shape, so `_place` tries only those:
    outside the cover page and footnotes, a line at column 0 is always a wrapped
    continuation, a 4-space line a paragraph, any other indented line a centred
    heading or a continuation.
    """

    def __init__(
        self,
        lines: Sequence[str],
        found: Mapping[int, GpoLabel],
        doc: DocumentBuilder,
        capitals: bool,
    ) -> None:
        self.lines = lines
        self.found = found
        self.parts_of: dict[str, LabelParts | None] = {}
        """Printed label → its parts: labels repeat thousands of times."""
        self.doc = doc
        self.capitals = capitals
        self.cover: list[tuple[int, str]] = []
        """(number, text) of the cover page's lines."""
        self.in_cover = True
        self.turn: DraftTurn | None = None
        self.block: DraftTurn | DraftProse | None = None
        """The block whose last paragraph a column-0 line continues."""
        self.foldable: DraftProse | None = None
        self.resumable: DraftTurn | None = None
        self.inserting = False
        self.closed = False
        self.in_footnote = False
        self.after_blank = False
        self.heading_line = -1
        self.labels: list[LabelParts] = []
        self.affiliations: dict[str, str] = {}
        """Folded surname → title and agency, from `STATEMENT OF NAME, TITLE, AGENCY`."""
        self.witnesses: set[str] = set()
        self.rules: tuple[Rule, ...] = (
            self._rule_rule,
            self._rule_footnote,
            self._rule_banner,
            self._rule_cover,
            self._rule_bracket_note,
            self._rule_statement_heading,
            self._rule_label,
            self._rule_paragraph,
            self._rule_centred,
            self._rule_wrapped,
        )
        self.paragraph_rules: tuple[Rule, ...] = self.rules[4:8]
        self.label_rules: tuple[Rule, ...] = (self._rule_label, self._rule_paragraph)
        """A paragraph opening with a label's shape is no note or statement heading: those
        start with `[` or a heading word, never with an honorific."""
        self.indented_rules: tuple[Rule, ...] = self.rules[8:]

    def run(self) -> None:
        lines = self.lines
        index = 0
        while index < len(lines):
            text = lines[index]
            if text:
                index = self._place(index, text)
                self.after_blank = False
            else:  # blank lines (and furniture) only part paragraphs
                index += 1
                self.after_blank = True
        self._settle_cover()

    def _place(self, index: int, text: str) -> int:
        """The first rule that takes line `index`, of those its shape leaves (class docstring);
        returns the index of the next line to place."""
        number = index + 1
        stripped = text.lstrip(" \t")
        if self.in_cover or self.in_footnote or stripped[0] in RULE_MARKS:
            rules = self.rules
        elif text[0] not in " \t":
            return self._take_wrapped(index)
        elif _is_paragraph_start(text):
            rules = self.label_rules if index in self.found else self.paragraph_rules
            for rule in rules:
                if rule(number, text, stripped):
                    break
            return self._add_wrapped(index + 1)
        else:
            rules = self.indented_rules
        for rule in rules:
            if rule(number, text, stripped):
                break
        return index + 1

    def _take_wrapped(self, index: int) -> int:
        """Line `index` at column 0 and the column-0 lines right under it (`_add_wrapped`)."""
        first = self.lines[index]
        self._rule_wrapped(index + 1, first, first)
        return self._add_wrapped(index + 1)

    def _add_wrapped(self, start: int) -> int:
        """The column-0 lines from `start` on continue the open block's last paragraph, as
        `_rule_wrapped` would add them one by one: joined, in one piece (a paragraph's
        lines are joined with spaces in the end anyway). Returns the next index to place."""
        lines = self.lines
        stop = start
        while stop < len(lines) and lines[stop] and lines[stop][0] not in WRAPPED_BREAKS:
            stop += 1
        if stop > start and self.block is not None:
            self.block.add(_typography(" ".join(lines[start:stop])), stop, join=True)
            return stop
        return start

    # -- rules -------------------------------------------------------------------------
    def _rule_rule(self, number: int, text: str, stripped: str) -> bool:
        """Dashed rules: a long one at column 0 before `\\1\\ …` opens a footnote block."""
        if not _is_rule(text):
            return False
        self.doc.furniture("rule", number)
        following = self._next_text(number)
        if (
            text[0] not in " \t"
            and len(text) >= FOOTNOTE_RULE_MIN
            and not self.in_cover
            and not self.in_footnote
            and following.startswith("    \\")
        ):
            self.in_footnote = True
            self._detach()
        elif self.in_footnote:
            self.in_footnote = False
            self.block = None
        return True

    def _next_text(self, number: int) -> str:
        for text in self.lines[number : number + LOOKAHEAD_LINES]:
            if text:
                return text
        return ""

    def _rule_footnote(self, number: int, text: str, stripped: str) -> bool:
        """Between the rules: `\\1\\ Source …` footnotes are notes, kept out of the turn."""
        if not self.in_footnote:
            return False
        note = _typography(stripped)
        paragraph = _is_paragraph_start(text)
        if paragraph and not note.startswith("\\"):
            self.in_footnote = False  # the closing rule is missing: the footnote has ended
            return False
        if paragraph or not isinstance(self.block, DraftProse):
            self.block = self.doc.prose(ProseKind.NOTE, note, number)
        else:
            self.block.add(note, number, join=True)
        return True

    def _rule_banner(self, number: int, text: str, stripped: str) -> bool:
        """`[House Hearing, 103 Congress]`, `[From the U.S. Government Printing Office]`."""
        if not (self.in_cover and text[0] not in " \t"):
            return False
        if BANNER_MARK in stripped and stripped.startswith("From the "):  # Congressional Record
            self.doc.set("source", stripped)
            return True
        if not (stripped.startswith("[") and stripped.endswith("]")):
            return False
        inner = stripped[1:-1].strip()
        if BANNER_MARK in inner:
            source = inner.removeprefix("From the ").split(",")[0].strip()
            self.doc.set("source", source)
            if source != inner:
                self.doc.set("extra", inner, "banner")
        else:
            self.doc.set("extra", inner, "collection")
        return True

    def _rule_cover(self, number: int, text: str, stripped: str) -> bool:
        """Until the first 4-space paragraph, lines are the cover page (metadata)."""
        if not self.in_cover:
            return False
        if _is_paragraph_start(text) and not stripped.startswith(COVER_PHRASES):
            self._settle_cover()
            return False
        self.cover.append((number, text))
        return True

    def _rule_bracket_note(self, number: int, text: str, stripped: str) -> bool:
        """`[Laughter.]`, `[Whereupon, …]`, `[The prepared statement of X follows:]`: notes."""
        if stripped[0] != "[" or not _is_paragraph_start(text):
            return False
        note_text = _typography(stripped)
        folded = note_text.casefold()
        turn = self.turn
        self._detach()
        note = self.doc.prose(ProseKind.NOTE, note_text, number)
        self.block = note
        if folded.endswith(INSERTION_ENDINGS):
            self.inserting = True
        elif folded.startswith(CLOSING_START):
            self.closed = True
        elif turn is not None and not self.inserting:
            self.foldable, self.resumable = note, turn
        return True

    def _rule_statement_heading(self, number: int, text: str, stripped: str) -> bool:
        """`STATEMENT OF NAME, TITLE` set in a paragraph's place: a heading."""
        if stripped[0] not in STATEMENT_INITIALS or not _is_paragraph_start(text):
            return False
        if not stripped.upper().startswith(STATEMENT_HEADINGS):
            return False
        if any(ch.islower() for ch in stripped):
            return False
        self._heading(stripped, number)
        return True

    def _rule_label(self, number: int, text: str, stripped: str) -> bool:
        """`    Mr. SMITH. Speech …`: a turn (capitals only, in a capitals-printed file)."""
        found = self.found.get(number - 1)
        if found is None or (self.capitals and not found.capitals):
            return False
        printed = found.printed
        if printed in self.parts_of:
            parts = self.parts_of[printed]
        else:
            parts = self.parts_of[printed] = split_label(printed)
        if parts is None:
            return False
        if self.affiliations:
            parts = self._with_affiliation(parts)
        self.labels.append(parts)
        speech = stripped[len(printed) + 1 :].lstrip(" \t")
        self.turn = self.doc.turn(parts, number, _typography(speech))
        self.block = self.turn
        self.inserting = self.closed = False
        self.foldable = self.resumable = None
        return True

    def _rule_paragraph(self, number: int, text: str, stripped: str) -> bool:
        """Any other 4-space paragraph: more of the open turn, an inserted document, narration."""
        if not _is_paragraph_start(text):
            return False
        paragraph = _typography(stripped)
        turn = self.turn or self._resume()
        if turn is not None:
            turn.add(paragraph, number)
            self.block = turn
        elif self.inserting:
            self.block = self.doc.prose(ProseKind.NOTE, paragraph, number)
        else:
            self.block = self.doc.prose(ProseKind.NARRATION, paragraph, number)
        return True

    def _rule_centred(self, number: int, text: str, stripped: str) -> bool:
        """An indented line that is not a paragraph start: a centred heading."""
        if text[0] not in " \t":
            return False
        capitals = not any(ch.islower() for ch in stripped)
        if len(stripped) > HEADING_MAX_CHARS or not (capitals or stripped[-1] not in ".,;:"):
            return False
        self._heading(_typography(stripped), number)
        return True

    def _rule_wrapped(self, number: int, text: str, stripped: str) -> bool:
        """A column-0 line continues the paragraph above it (GPO wraps to column 0)."""
        line = _typography(stripped)
        block = self.block
        if block is None:
            kind = ProseKind.NOTE if self.inserting else ProseKind.NARRATION
            self.block = self.doc.prose(kind, line, number)
        else:
            block.add(line, number, join=not self.after_blank)
        return True

    # -- helpers -----------------------------------------------------------------------
    def _detach(self) -> None:
        """Close the open turn: what follows is not its speech unless folded back."""
        self.turn = None
        self.block = None
        self.foldable = self.resumable = None

    def _resume(self) -> DraftTurn | None:
        """Speech after `[Laughter.]` right after a turn: the note goes back into the turn."""
        note, turn = self.foldable, self.resumable
        items = self.doc.items
        if note is None or turn is None or len(items) < 2 or items[-1] is not note:
            return None
        if items[-2] is not turn:
            return None
        items.pop()
        turn.paragraphs.extend(note.paragraphs)
        turn.last_line = max(turn.last_line, note.last_line)
        self.turn = turn
        self.foldable = self.resumable = None
        return turn

    def _heading(self, text: str, number: int) -> None:
        """A heading; a centred line right under one continues it."""
        self.turn = None
        self.foldable = self.resumable = None
        self.block = None
        last = self.doc.items[-1] if self.doc.items else None
        if self.heading_line == number - 1 and isinstance(last, Heading):
            first = last.span.first_line if last.span is not None else number
            text = f"{last.text} {text}"
            self.doc.items[-1] = Heading(text, last.level, SourceSpan(first, number))
        else:
            self.doc.heading(text, 2, number)
        self.heading_line = number
        self._note_statement(text)

    def _note_statement(self, text: str) -> None:
        """`STATEMENT OF COL. A. BRIGGS-AMADI, DISTRICT ENGINEER, …`: who and from where."""
        upper = text.upper()
        prefix = next((p for p in STATEMENT_HEADINGS if upper.startswith(p)), None)
        if prefix is None:
            return
        person, _, affiliation = text[len(prefix) :].partition(",")
        words = person.split()
        if not words:
            return
        surname = fold(words[-1])
        if affiliation.strip():
            self.affiliations[surname] = " ".join(affiliation.split()).strip(" ,")
        if prefix in WITNESS_HEADINGS:
            self.witnesses.add(surname)

    def _with_affiliation(self, parts: LabelParts) -> LabelParts:
        if parts.affiliation is not None or not self.affiliations:
            return parts
        affiliation = self.affiliations.get(_surname(parts))
        return parts if affiliation is None else attrs.evolve(parts, affiliation=affiliation)

    def _settle_cover(self) -> None:
        """The cover page: title up to `HEARING`, the date, the committee, the rest as extras."""
        if not self.in_cover:
            return
        self.in_cover = False
        texts: list[tuple[int, str]] = []
        for number, text in self.cover:
            stripped = text.strip(" \t")
            if indent_of(text) >= RIGHT_ALIGNED or stripped.casefold().startswith(
                IDENTIFIER_PREFIXES
            ):
                self.doc.set("extra", stripped, "report number")
            else:
                texts.append((number, " ".join(stripped.split())))
        marker = next((i for i, (_, text) in enumerate(texts) if _is_cover_marker(text)), None)
        title_lines = texts[: min(marker, TITLE_MAX_LINES)] if marker else texts[:1]
        if title_lines:
            self.doc.set("title", _typography(" ".join(text for _, text in title_lines)))
        for _, text in texts[len(title_lines) :]:
            if "date" not in self.doc.metadata and DATE.fullmatch(text):
                self.doc.set("date", text)
            elif text.upper().startswith("BEFORE THE "):
                self.doc.set("extra", text[len("BEFORE THE ") :], "committee")
            else:
                self.doc.set("extra", text, "cover")

    def roles(self) -> list[tuple[str, Role]]:
        """Witnesses answer, members ask; the chair's label word already says moderator."""
        roles: list[tuple[str, Role]] = []
        presiding = self._presiding()
        for parts in {p.folded_name: p for p in self.labels}.values():
            surname = _surname(parts)
            if surname in self.witnesses:
                roles.append((parts.name, Role.INTERVIEWEE))
            elif surname in presiding or _presiding_office(parts):
                roles.append((parts.name, Role.MODERATOR))
            elif parts.folded_name.split()[0] != "the":
                roles.append((parts.name, Role.INTERVIEWER))
        return roles

    def _presiding(self) -> set[str]:
        """Surnames named just before `presiding` in the attendance paragraph."""
        found: set[str] = set()
        for item in self.doc.items:
            if not isinstance(item, DraftProse) or item.kind is not ProseKind.NARRATION:
                continue
            for paragraph in item.paragraphs:
                text = " ".join(paragraph)
                at = text.find("presiding")
                if at < 0:
                    continue
                before = text[max(0, at - 80) : at].replace("[", " ").replace(",", " ").split()
                found.update(fold(word) for word in before[-PRESIDING_WORDS:] if word[:1].isupper())
        return found


PRESIDING_OFFICES = frozenset(
    {"chair", "chairman", "chairwoman", "chairperson", "speaker", "presiding", "president"}
)
"""`The SPEAKER pro tempore`, `The PRESIDING OFFICER`, `The Chair`: whoever runs the floor."""


def _presiding_office(parts: LabelParts) -> bool:
    words = parts.folded_name.split()
    return len(words) >= 2 and words[0] == "the" and not PRESIDING_OFFICES.isdisjoint(words[1:])


def _surname(parts: LabelParts) -> str:
    return parts.folded_name.split()[-1] if parts.folded_name else ""


def _is_cover_marker(text: str) -> bool:
    folded = text.casefold()
    return folded in COVER_MARKERS or folded.startswith(("before the ", "hearing before"))


def _style(capitals: bool) -> str:
    return "hearing-gpo-caps" if capitals else "hearing-gpo-mixed"


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a GPO hearing or Congressional Record text (see the module docstring)."""
    doc = DocumentBuilder("hearing-gpo-mixed")
    raw = strip_markup(source.text.split("\n"), doc)
    lines = page_lines(raw, doc.furniture).lines
    found = paragraph_labels(lines)
    capitals = bool(label_style(found.values()))
    doc.style = _style(capitals)
    reader = _Reader(lines, found, doc, capitals)
    reader.run()
    if "title" not in doc.metadata:
        html_title = next((value for key, value in doc.extra if key == "html title"), None)
        if html_title:
            doc.set("title", html_title)
    doc.declared_roles.extend(reader.roles())
    if not reader.labels:
        doc.diagnose(
            "no-speaker-labels",
            "no 'Title SURNAME.' paragraph labels were found",
            severity=Severity.WARNING,
        )
    return doc.finish(options)


def fit(head: Head) -> Fit:
    """GPO banner, and period labels in 4-space paragraphs (FORMATS.md §8)."""
    banner = any(
        BANNER_MARK in line and line.lstrip().startswith("[") for line in head.lines[:BANNER_LINES]
    )
    found = paragraph_labels(head.lines).values()
    capitals = bool(label_style(found))
    names = [fold(label.printed) for label in found if label.capitals or not capitals]
    counts = Counter(names)
    qualifies = len(names) >= MIN_LABELS and len(counts) >= 2
    if qualifies and len(names) >= 6 and len(counts) / len(names) > MAX_VOCABULARY:
        qualifies = False
    if not qualifies and not banner:
        return NO_FIT
    reason = f"{len(names)} 'Title SURNAME.' paragraph labels from {len(counts)} names"
    if banner:
        reason += " under the GPO banner"
    score = (float(len(names)) if qualifies else 0.0) + (SIGNATURE if banner else 0.0)
    return Fit(score, _style(capitals), reason)
