"""The reader for Westminster Hansard (FORMATS.md §1.8).

    House of Commons
    Wednesday 9 June 2027
    Harbour Infrastructure Fund
    1. Tobias Fenwick-Lowe (Arlesford and Crane) (LD): What assessment … [902114]
    The Minister for Coastal Communities (Harriet Pellow-Grant): The fund has …
    Harriet Pellow-Grant: I would be delighted to meet the hon. Gentleman.
    Several hon. Members rose—

Each line is placed by the first rule that claims it:

1. page furniture (column numbers) is counted and left out; a time of day
   (`12.31 pm`) becomes the start of the next turn;
2. whole-line brackets (`[Mr Speaker in the Chair]`) are sitting notes, or
   an annotation of the turn they interrupt (`[Interruption.]`);
3. labels: `[N. ]Name (Constituency) (Party):` (the name, with the
   constituency and party as affiliation), `Office (Name):` (the name is the
   part in parentheses, and the office is remembered so that a later bare
   `The Prime Minister:` is the same person), `Name:`, `Mr Speaker:`,
   `Hon. Members:`; a question number is metadata;
4. proceedings narration: `… was asked—`, `Several hon. Members rose—`,
   `Question put and agreed to.`;
5. the header (House, date, `The House met at …`, `Prayers`) and headings,
   which may contain a colon (`Fishing Quotas: Small Boats`);
6. any other paragraph continues the turn.

`[902114]` question identifiers and `[Interruption.]` inside speech become
annotations.
"""

from __future__ import annotations

import re

import attrs

from ..decode import DecodedText
from ..labels import LABEL_SPACES, LabelParts, fold, split_label
from ..model import Annotation, AnnotationKind, Inline, ProseKind, Role, Text, Transcript
from . import ReadOptions
from .build import DocumentBuilder, DraftTurn
from .detect import NO_FIT, Fit, Head
from .lines import Kind, is_date_line, judge_prefix

STYLE = "hansard"

LABEL_SEARCH_CHARS = 160
"""How far into a line a label's colon may be: a long office title plus a name in parentheses."""

QUESTION_NUMBER = re.compile(r"([TQ]?\d{1,4})\.\s{1,3}")
"""`1. `, `T3. `, `Q1. `: the number of an oral or topical question before the member's name."""

COLUMN_NUMBER = re.compile(r"(?:(?:Column|Col\.?)\s{0,2})?\d{1,5}\s?(?:W|WS|WH|GC)?")
"""`Column 345`, `345`, `12WS`: a column number alone on its line."""

TIME_OF_DAY = re.compile(r"(\d{1,2})[.:](\d{2})\s?(am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)
"""`12.31 pm`, `14:01`: the time printed in the margin or in an Australian label."""

HOUSES = (
    "house of commons",
    "house of lords",
    "westminster hall",
    "grand committee",
    "commons chamber",
    "lords chamber",
    "house of representatives",
    "senate",
    "legislative assembly",
    "legislative council",
    "dáil éireann",
    "seanad éireann",
)

SITTING_NOTES = (
    "prayers",
    "the house met",
    "the house of commons met",
    "the house of lords met",
    "the senate met",
    "the sitting",
    "the committee met",
    "sitting suspended",
    "sitting resumed",
)

PROCEEDINGS = (
    "question put",
    "question agreed",
    "question accordingly",
    "resolved,",
    "ordered,",
    "the house divided",
    "the committee divided",
    "division no",
    "ayes ",
    "noes ",
    "bill read",
    "bill presented",
    "motion made",
    "amendment proposed",
    "amendment made",
    "adjourned",
    "the house adjourned",
)
"""Openings of proceedings notes printed between speeches: narration, never speech."""

OFFICE_WORDS = frozenset(
    {
        "minister",
        "secretary",
        "speaker",
        "chancellor",
        "leader",
        "attorney",
        "solicitor",
        "advocate",
        "chair",
        "chairman",
        "chairwoman",
        "deputy",
        "president",
        "premier",
        "treasurer",
        "whip",
        "paymaster",
        "lord",
        "parliamentary",
        "under-secretary",
        "comptroller",
        "taoiseach",
        "tánaiste",
    }
)
"""Words of an office (`The Minister for …`, `Madam Deputy Speaker`): `Office (Name):`."""

CHAIR_WORDS = ("speaker", "chair", "chairman", "chairwoman", "president", "ceann comhairle")
"""Offices that keep order: their holder's role is moderator."""

HEADING_MAX_WORDS = 12


def fit(head: Head) -> Fit:
    """Hansard labels; a `(Constituency) (Party):` or `Office (Name):` must be among them."""
    offices: dict[str, str] = {}
    cache: LabelCache = {}
    names: list[str] = []
    seen: set[str] = set()
    shaped = 0
    for raw in head.lines:
        if ":" not in raw:
            continue
        text = raw.strip()
        if not text or ":" not in text[:LABEL_SEARCH_CHARS]:
            continue
        found = parse_label(text, offices, cache)
        if found is None or _heading_shaped(*found, seen):
            continue
        label = found[0]
        names.append(label.parts.folded_name)
        seen.add(label.parts.folded_name)
        shaped += label.shaped
    distinct = len(seen)
    if not shaped or len(names) < 3 or distinct < 2:
        return NO_FIT
    # one more than the lines explained: the parentheses are Hansard's own shape, so a
    # grammar that explains the same lines by another part of them (Rev's `(14:01):`) loses
    return Fit(
        float(len(names) + shaped + 1),
        STYLE,
        f"{len(names)} Hansard labels, {shaped} with '(Constituency) (Party)' or 'Office (Name)'",
    )


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a Hansard report (see the module docstring)."""
    reader = _HansardReader()
    strip = LABEL_SPACES + "\f\v"
    for number, raw in enumerate(source.text.split("\n"), 1):
        text = raw.strip(strip)
        if text:  # blank lines carry nothing here
            reader.take(number, text)
    reader.end()
    return group_roles(reader.doc.finish(options))


# -- labels -----------------------------------------------------------------------------


class Label:
    """A Hansard label as printed before its colon: its parts and what it says about the sitting.

    One object per printed label (`LabelCache`), shared by every line that opens with it.
    """

    __slots__ = ("appoints", "folded", "number", "office", "parts", "seconds", "shaped")

    def __init__(
        self,
        parts: LabelParts,
        *,
        number: str | None = None,
        office: str | None = None,
        shaped: bool = False,
        seconds: float | None = None,
        appoints: tuple[str, str] | None = None,
    ) -> None:
        self.parts = parts
        self.number = number
        self.office = office
        self.shaped = shaped
        self.seconds = seconds
        self.appoints = appoints
        """(folded office, holder) that an `Office (Name):` label records."""
        self.folded = fold(parts.printed)
        """The label as printed, folded: a name later lines may repeat as a label."""


LabelCache = dict[str, Label | None]
"""Labels by the text before the colon; emptied when an office changes hands."""


def parse_label(
    text: str, offices: dict[str, str], cache: LabelCache | None = None
) -> tuple[Label, str] | None:
    """The label at the start of `text` and the speech after it, or None (module docstring, rule 3).

    `offices` maps a folded office (`the prime minister`) to its holder; an
    `Office (Name):` label adds to it, a bare office label is read through it.
    A label printed again is taken from `cache` (as long as no office changed hands).
    """
    colon = text.find(": ", 0, LABEL_SEARCH_CHARS)  # not the colon of `(14:01)` or `10:30`
    if colon < 0 and text.endswith(":") and len(text) <= LABEL_SEARCH_CHARS:
        colon = len(text) - 1
    if colon <= 0:
        return None
    prefix = text[:colon]
    if cache is None or prefix not in cache:
        label = _label(prefix, offices)
        if cache is not None:
            cache[prefix] = label
    else:
        label = cache[prefix]
    if label is None:
        return None
    if label.appoints is not None:
        office, holder = label.appoints
        if offices.get(office) != holder:
            offices[office] = holder
            if cache is not None:  # bare office labels now read as the new holder
                cache.clear()
                cache[prefix] = label
    return label, text[colon + 1 :].strip()


def _label(prefix: str, offices: dict[str, str]) -> Label | None:
    """The label printed as `prefix` (the text before the colon), or None."""
    number = None
    printed = prefix.strip(LABEL_SPACES)
    numbered = QUESTION_NUMBER.match(printed)
    if numbered is not None:
        number = numbered.group(1)
        printed = printed[numbered.end() :]
    outer, groups = _groups(printed)
    if outer is None or not outer or len(groups) > 3:
        return None
    seconds = None
    if groups and TIME_OF_DAY.fullmatch(groups[-1]):
        seconds = _seconds(groups[-1])
        groups = groups[:-1]
    # An office may be longer than any name (`The Parliamentary Under-Secretary of State
    # for …`), so the `Office (Name)` shape, and a bare office whose holder is known, are
    # tried before the generic name guard.
    if len(groups) == 1 and _is_office(outer) and _is_personal_name(groups[0]):
        parts = LabelParts(
            printed,
            groups[0],
            None,
            outer,
            folded_name=fold(groups[0]),
            folded_printed=fold(printed),
        )
        return Label(
            parts,
            number=number,
            office=outer,
            shaped=True,
            seconds=seconds,
            appoints=(fold(outer), groups[0]),
        )
    holder = None if groups else offices.get(fold(outer))
    if holder is not None:
        parts = LabelParts(
            printed, holder, None, outer, folded_name=fold(holder), folded_printed=fold(printed)
        )
        return Label(parts, number=number, office=outer, seconds=seconds)
    base = split_label(outer)
    if base is None or (not groups and judge_prefix(outer).kind is not Kind.LABEL):
        return None  # `Note:`, `Re:`, `Read more:` are notes and chrome, never members
    if groups:
        affiliation = groups[0] if len(groups) == 1 else f"{groups[0]} ({', '.join(groups[1:])})"
        parts = LabelParts(
            printed, outer, affiliation, folded_name=fold(outer), folded_printed=fold(printed)
        )
        shaped = len(groups) >= 2 or seconds is not None  # `(Division) (14:01)`, Australian
        return Label(parts, number=number, shaped=shaped, seconds=seconds)
    return Label(base, number=number, shaped=number is not None, seconds=seconds)


def _groups(printed: str) -> tuple[str | None, list[str]]:
    """`Name (A) (B)` → (`Name`, [`A`, `B`]); (None, []) when the brackets are not that shape."""
    opening = printed.find("(")
    if opening < 0:
        return (None, []) if ")" in printed else (printed, [])
    outer = printed[:opening].strip(LABEL_SPACES)
    groups: list[str] = []
    rest = printed[opening:]
    while rest:
        if rest[0] != "(":
            return None, []
        closing = rest.find(")")
        if closing < 0 or "(" in rest[1:closing]:
            return None, []
        groups.append(rest[1:closing].strip(LABEL_SPACES))
        rest = rest[closing + 1 :].lstrip(LABEL_SPACES)
    return outer, groups


def _is_office(outer: str) -> bool:
    words = fold(outer).replace("-", " - ").split()
    return any(word in OFFICE_WORDS for word in words) and (
        words[0] in ("the", "madam", "mr", "mister") or len(words) >= 2
    )


def _is_personal_name(text: str) -> bool:
    """`Harriet Pellow-Grant`, `Dame Rosie Winterton`: capitalised words, no digits."""
    words = text.split()
    return (
        1 <= len(words) <= 6
        and split_label(text) is not None
        and all(w[0].isupper() for w in words if w.casefold() not in ("of", "de", "van", "von"))
    )


def _seconds(printed: str) -> float | None:
    """`12.31 pm` → 45060.0; None for an impossible clock."""
    match = TIME_OF_DAY.fullmatch(printed.strip())
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    meridiem = (match.group(3) or "").casefold().replace(".", "")
    if meridiem == "pm" and hours < 12:
        hours += 12
    elif meridiem == "am" and hours == 12:
        hours = 0
    if hours > 23 or minutes > 59:
        return None
    return float(hours * 3600 + minutes * 60)


def hansard_inline(text: str) -> tuple[Inline, ...] | None:
    """`[902114]`, `[Interruption.]`: square brackets in Hansard speech are editorial.

    The builder's inline rule for turns (`build.InlineRule`): None leaves a run as it is."""
    if "[" not in text:
        return None
    nodes: list[Inline] = []
    position = 0
    while True:
        opening = text.find("[", position)
        closing = text.find("]", opening + 1) if opening >= 0 else -1
        if opening < 0 or closing < 0 or closing - opening > 200:
            break
        if "[" in text[opening + 1 : closing]:
            nodes.append(Text(text[position : opening + 1]))
            position = opening + 1
            continue
        if opening > position:
            nodes.append(Text(text[position:opening]))
        nodes.append(Annotation(AnnotationKind.ACTION, text[opening : closing + 1]))
        position = closing + 1
    if position < len(text):
        nodes.append(Text(text[position:]))
    return tuple(nodes)


def _heading_shaped(label: Label, speech: str, known: set[str]) -> bool:
    """`Fishing Quotas: Small Boats`: a heading, not a speaker `Fishing Quotas`."""
    if label.number is not None or label.office is not None or label.shaped:
        return False
    if label.parts.folded_name in known:
        return False
    return not speech or _is_heading(speech)


GROUPS = ("members", "lords", "noble lords", "senators", "members of the house")
"""`Hon. Members:`, `Noble Lords:`: the House or a part of it, speaking together."""


def group_roles(doc: Transcript) -> Transcript:
    """A group label (`Hon. Members`) is nobody's interviewee: its role stays unknown."""
    speakers = tuple(
        attrs.evolve(s, role=Role.UNKNOWN) if fold(s.name).endswith(GROUPS) else s
        for s in doc.speakers
    )
    return attrs.evolve(doc, speakers=speakers)


def _is_heading(text: str) -> bool:
    """`Oral Answers to Questions`, `Harbour Infrastructure Fund`: short, no sentence end."""
    return (
        len(text.split()) <= HEADING_MAX_WORDS
        and text[-1] not in ".,;:!?—–-)]\"'”’"
        and text[0].isupper()
        and any(ch.isalpha() for ch in text)
    )


def _starts(text: str, openings: tuple[str, ...]) -> bool:
    folded = text[:40].casefold()
    return folded.startswith(openings)


# -- the reader -------------------------------------------------------------------------


COLUMN_NUMBER_CHARS = 16
"""The longest line `COLUMN_NUMBER` matches (`Column 12345 WS`)."""
TIME_OF_DAY_CHARS = 10
"""The longest line `TIME_OF_DAY` matches (`12.31 p.m.`)."""


class _HansardReader:
    """One read: the open turn, offices and their holders, the pending margin time."""

    def __init__(self) -> None:
        self.doc = DocumentBuilder(STYLE, inline_rule=hansard_inline)
        self.offices: dict[str, str] = {}
        self.labels: LabelCache = {}
        self.known: set[str] = set()
        self.declared: set[str] = set()
        self.open: DraftTurn | None = None
        self.in_header = True
        self.pending_time: tuple[float, str, int] | None = None

    def take(self, number: int, text: str) -> None:
        """Place one non-blank line, stripped (the module docstring's rules, in order)."""
        if len(text) <= COLUMN_NUMBER_CHARS and COLUMN_NUMBER.fullmatch(text):
            self.doc.furniture("column number", number)
            return
        if len(text) <= TIME_OF_DAY_CHARS and TIME_OF_DAY.fullmatch(text):
            seconds = _seconds(text)
            if seconds is not None:
                self.pending_time = (seconds, text, number)
                return
        if text[0] == "[" and text[-1] == "]":
            self._bracketed(number, text)
            return
        found = None
        if ":" in text[:LABEL_SEARCH_CHARS]:
            found = parse_label(text, self.offices, self.labels)
        if found is not None and not _heading_shaped(*found, self.known):
            self._turn(number, *found)
        elif text.endswith(("—", "--", "–")) or _starts(text, PROCEEDINGS):
            self.doc.prose_line(ProseKind.NARRATION, text, number)
            self.open = None
        elif self.in_header and self._header(number, text):
            self.open = None
        elif _is_heading(text):
            self.doc.heading(text, 2, number)
            self.open = None
        else:
            self._continuation(number, text)

    def end(self) -> None:
        if self.pending_time is not None:
            printed, line = self.pending_time[1:]
            self.doc.set("extra", printed, "time")
            self.doc.diagnose("unused-time", f"the time {printed!r} has no speech after it", line)

    # -- rules -------------------------------------------------------------------------
    def _bracketed(self, number: int, text: str) -> None:
        if self.open is not None:
            self._add(text, number)
        else:
            self.doc.prose(ProseKind.NOTE, text, number)

    def _header(self, number: int, text: str) -> bool:
        folded = fold(text)
        if folded in HOUSES:
            if "source" not in self.doc.metadata:
                self.doc.set("source", text)
            else:
                self.doc.prose(ProseKind.NOTE, text, number)
            return True
        if _starts(text, SITTING_NOTES):
            self.doc.prose(ProseKind.NOTE, text, number)
            return True
        if is_date_line(text) or _is_dated(text):
            self.doc.set("date", text)
            return True
        return False

    def _turn(self, number: int, label: Label, speech: str) -> None:
        self.in_header = False
        parts = label.parts
        self.known.add(parts.folded_name)
        self.known.add(label.folded)
        if label.number is not None:
            self.doc.set("extra", f"{label.number}. {parts.printed}", "question")
        if parts.printed not in self.declared:
            role = self._role(label)
            if role is not None:
                self.declared.add(parts.printed)
                self.doc.declare(parts.printed, parts.name, role)
        start = label.seconds
        if self.pending_time is not None:
            start = self.pending_time[0] if start is None else start
            self.pending_time = None
        self.open = self.doc.turn(parts, number, speech or None, start=start)

    def _role(self, label: Label) -> Role | None:
        office = fold(label.office or label.parts.name)
        if any(word in office.split() for word in CHAIR_WORDS):
            return Role.MODERATOR
        if label.office is not None:
            return Role.INTERVIEWEE
        if label.shaped:
            return Role.INTERVIEWER
        return None

    def _continuation(self, number: int, text: str) -> None:
        if self.open is None:
            if self.in_header:
                self.doc.prose(ProseKind.NOTE, text, number)
                return
            self.doc.diagnose(
                "unattributed-text", "text with no speaker label; kept as narration", number
            )
            self.doc.prose_line(ProseKind.NARRATION, text, number)
            return
        self._add(text, number)

    def _add(self, text: str, number: int) -> None:
        """A line of the open turn's speech (its own paragraph)."""
        assert self.open is not None
        self.open.add(text, number)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _is_dated(text: str) -> bool:
    """`Wednesday 9 June 2027`: a sitting date line."""
    return (
        len(text) <= 60
        and _starts(text, WEEKDAYS)
        and any(ch.isdigit() for ch in text)
        and not text.endswith(".")
    )
