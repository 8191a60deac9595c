"""The reader for TalkBank CHAT files (FORMATS.md §5.1): CHILDES, AphasiaBank and the like.

A CHAT file is a list of tiers, each opened by its first character:

- `@Header:<TAB>value` lines: the file frame (`@UTF8`, `@Begin`, `@End`) and
  metadata (`@Languages`, `@Participants`, `@ID`, `@Date`, `@Situation` …);
  `@Comment` and the other headers that appear between utterances are notes;
- `*CODE:<TAB>utterance`: a main tier, one turn each, however many in a row
  the same participant has;
- `%tier:<TAB>data`: a dependent tier attached to the utterance above it
  (`%mor`, `%gra`, `%com` …), never a turn and never spoken text;
- a line starting with a TAB continues the tier above it.

Speaker names come from `@Participants` (`CODE Name Role`, or `CODE Role`
when a participant has no name): the codes become aliases through
`DocumentBuilder.declare`, the document's own declaration. The utterance keeps
CHAT's codes (`[/]`, `[: fell]`, `&=laughs`, `xxx`, `(.)`, a space before the
terminator); only the media bullet (U+0015 `start_end` U+0015, in
milliseconds) is taken out, into the turn's start and end. Decoding removes
the U+0015 characters themselves (with its own diagnostic), so a bullet is
recognised with or without them: `start_end` digits ending the utterance,
after its terminator.
"""

from __future__ import annotations

import re

from ..decode import DecodedText
from ..labels import LabelParts, fold, split_label
from ..model import ProseKind, Role, Transcript
from . import ReadOptions
from .build import DocumentBuilder, DraftTurn
from .detect import NO_FIT, SIGNATURE, Fit, Head

STYLE = "chat-cha"
NAK = "\x15"
CODE_MAX_CHARS = 16
"""A participant code (`CHI`, `MOT`, `INV1`) or tier name (`mor`, `xpho`) is short."""

BULLET = re.compile(r"\x15?(\d{1,10})_(\d{1,10})\x15?[ \t]*")
"""A media bullet `•12340_14020•` (• = U+0015), with or without its U+0015 marks."""
BULLET_TAIL_CHARS = 32
TERMINATOR_ENDS = ".?!\"'"
"""CHAT terminators (`.`, `?`, `!`, `+...`, `+/.`, `+"/.`) end in one of these."""

FRAME_HEADERS = frozenset({"utf8", "begin", "end", "blank", "new episode"})
"""Headers that frame the file and carry no value."""
METADATA_HEADERS = {
    "date": "date",
    "situation": "description",
    "location": "location",
    "transcriber": "extra",
}
NOTE_HEADERS = frozenset({"comment", "bg", "eg", "g", "activities", "situation"})
"""Headers that annotate the conversation where they stand once utterances have begun."""

PROSE_TIERS = frozenset({"com", "exp", "act", "sit", "add", "gpx", "int", "eng", "flo", "alt"})
"""Dependent tiers written for people (comments, explanations, actions, translations):
kept as notes after their utterance. Coding tiers (`%mor`, `%gra`, `%pho` …) are
machine analyses of the utterance and are left out, counted in a diagnostic."""

CHAT_ROLES: dict[str, Role] = {
    "investigator": Role.INTERVIEWER,
    "interviewer": Role.INTERVIEWER,
    "narrator": Role.NARRATOR,
}
"""CHAT participant roles that name a part in the model; the others (Target_Child,
Mother …) are kept in metadata with the @Participants line."""

LANGUAGE_TAGS = {
    "eng": "en",
    "fra": "fr",
    "deu": "de",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "jpn": "ja",
    "kor": "ko",
    "zho": "zh",
    "rus": "ru",
    "pol": "pl",
    "heb": "he",
    "ara": "ar",
    "tur": "tr",
    "swe": "sv",
    "dan": "da",
    "nor": "no",
    "fin": "fi",
    "ell": "el",
    "cym": "cy",
    "gle": "ga",
    "hun": "hu",
    "ces": "cs",
    "hrv": "hr",
    "ind": "id",
    "tha": "th",
    "cat": "ca",
    "eus": "eu",
    "est": "et",
}
"""ISO 639-3 codes (what CHAT writes) whose BCP 47 form is the two-letter code."""


class Tier:
    """One tier with its continuation lines: kind `@`, `*` or `%`, its name and its value.

    A plain slotted class, one per tier (attrs would add only import time).
    """

    __slots__ = ("kind", "last_line", "line", "name", "value")

    def __init__(self, kind: str, name: str, line: int, value: list[str], last_line: int) -> None:
        self.kind = kind
        self.name = name
        self.line = line
        self.value = value
        self.last_line = last_line

    @property
    def text(self) -> str:
        """The tier's value, its continuation lines joined with single spaces."""
        if len(self.value) == 1 and "\t" not in self.value[0] and "  " not in self.value[0]:
            return self.value[0]  # the common case: one clean line
        return " ".join(" ".join(self.value).split())


def split_tier(text: str) -> tuple[str, str] | None:
    """`*MOT:\\tdo you …` → (`MOT`, `do you …`); `@Begin` → (`Begin`, ``); None if not a tier."""
    colon = text.find(":", 1, CODE_MAX_CHARS + 2)
    if colon < 0:
        if text[0] == "@" and len(text) <= 40:
            return text[1:].strip(), ""  # `@Begin`, `@New Episode`: a header without a value
        return None
    name = text[1:colon]
    if not name or not (name.isalnum() or all(ch.isalnum() or ch in "_-+ " for ch in name)):
        return None
    value = text[colon + 1 :]
    if value and value[0] not in " \t":
        return None  # `*see:this`: not a tier
    return name.strip(), value.strip()


def tiers(lines: list[str], doc: DocumentBuilder) -> list[Tier]:
    """Group lines into tiers; a line starting with TAB (or spaces) continues the tier above."""
    found: list[Tier] = []
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text:
            continue
        if raw[0] in " \t" and found:
            found[-1].value.append(text)
            found[-1].last_line = number
            continue
        split = split_tier(text) if text[0] in "@*%" else None
        if split is None:
            if found:  # not CHAT: kept with the tier above, and said so
                doc.diagnose(
                    "not-a-tier",
                    "line does not start a tier; read as a continuation of the tier above",
                    number,
                )
                found[-1].value.append(text)
                found[-1].last_line = number
            else:
                found.append(Tier("?", "", number, [text], number))
            continue
        name, value = split
        found.append(Tier(text[0], name, number, [value] if value else [], number))
    return found


def fit(head: Head) -> Fit:
    """`@UTF8`, `@Begin` or `@Participants`, plus `*CODE:<TAB>` main tiers."""
    header = False
    utterances = 0
    for line in head.lines:
        if line.startswith("@"):
            header = header or line.startswith(("@UTF8", "@Begin", "@Participants:"))
        elif line.startswith("*") and _is_main_tier(line):
            utterances += 1
    if not header or not utterances:
        return NO_FIT
    return Fit(SIGNATURE + utterances, STYLE, f"CHAT headers and {utterances} '*CODE:' tiers")


def _is_main_tier(line: str) -> bool:
    """`*MOT:<TAB>…` (or a space, where an editor replaced the TAB)."""
    colon = line.find(":", 1, CODE_MAX_CHARS + 2)
    return colon > 1 and line[colon + 1 : colon + 2] in ("\t", " ") and split_tier(line) is not None


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a CHAT file (see the module docstring)."""
    doc = DocumentBuilder(STYLE)
    reader = _ChatReader(doc)
    for tier in tiers(source.text.split("\n"), doc):
        reader.take(tier)
    reader.finish()
    return doc.finish(options)


class _ChatReader:
    """The state of one read: the last utterance, and what was left out."""

    def __init__(self, doc: DocumentBuilder) -> None:
        self.doc = doc
        self.turn: DraftTurn | None = None
        self.started = False
        self.frame: list[int] = []
        self.left_out: dict[str, list[int]] = {}
        self.declared: dict[str, str] = {}
        self.undeclared: dict[str, int] = {}
        self.parts: dict[str, LabelParts] = {}

    def take(self, tier: Tier) -> None:
        if tier.kind == "*":
            self._utterance(tier)
        elif tier.kind == "%":
            self._dependent(tier)
        elif tier.kind == "@":
            self._header(tier)
        else:  # text before the first tier
            self.doc.prose(ProseKind.NOTE, tier.text, tier.line)
            self.doc.diagnose("not-a-tier", "text before the first tier; kept as a note", tier.line)

    # -- main tiers --------------------------------------------------------------------
    def _utterance(self, tier: Tier) -> None:
        self.started = True
        code = tier.name
        parts = self.parts.get(code)
        if parts is None:
            parts = self.parts[code] = split_label(code) or _raw_parts(code)
        if code not in self.declared and code not in self.undeclared:
            self.undeclared[code] = tier.line
        text, start, end = take_bullet(tier.text)
        self.turn = self.doc.turn(parts, tier.line, text or None, start=start, end=end)
        self.turn.last_line = tier.last_line

    # -- dependent tiers ---------------------------------------------------------------
    def _dependent(self, tier: Tier) -> None:
        name = tier.name.casefold()
        if name in PROSE_TIERS and tier.text:
            self.doc.prose(ProseKind.NOTE, f"%{tier.name}: {tier.text}", tier.line)
        else:
            self.left_out.setdefault(f"%{tier.name}", []).append(tier.line)

    # -- headers -----------------------------------------------------------------------
    def _header(self, tier: Tier) -> None:
        name = tier.name
        key = name.casefold()
        value = tier.text
        if key in FRAME_HEADERS and not value:
            self.frame.append(tier.line)
        elif key == "participants":
            self.doc.set("extra", value, name)
            self._participants(value, tier.line)
        elif key == "languages":
            self.doc.set("extra", value, name)
            first = value.replace(",", " ").split()[:1]
            if first:
                self.doc.set("language", LANGUAGE_TAGS.get(first[0], first[0]))
        elif (self.started and key in NOTE_HEADERS) or key == "comment":
            self.doc.prose(
                ProseKind.NOTE, f"@{name}: {value}" if key != "comment" else value, tier.line
            )
        elif key in METADATA_HEADERS and value:
            self.doc.set(METADATA_HEADERS[key], value, name)
        else:
            self.doc.set("extra", value, name)

    def _participants(self, value: str, line: int) -> None:
        """`CHI Mila Target_Child, MOT Hanne Mother`: each code is an alias of its name."""
        names: set[str] = set()
        for entry in value.split(","):
            words = entry.split()
            if not words:
                continue
            code = words[0]
            name = " ".join(words[1:-1] if len(words) >= 3 else words[1:]).replace("_", " ")
            role = CHAT_ROLES.get(words[-1].casefold()) if len(words) >= 2 else None
            if not name or fold(name) in names:
                if name:
                    self.doc.diagnose(
                        "ambiguous-participant",
                        f"participant {code} is also called {name!r}; kept under its code",
                        line,
                    )
                name = code
            names.add(fold(name))
            self.declared[code] = name
            self.doc.declare(code, name, role)

    # -- the end -----------------------------------------------------------------------
    def finish(self) -> None:
        if self.frame:
            self.doc.diagnose(
                "chat-frame",
                f"{len(self.frame)} CHAT frame header{'s' if len(self.frame) != 1 else ''} "
                f"(@UTF8, @Begin, @End …) read (lines {_listed(self.frame)})",
                self.frame[0],
            )
        for tier, lines in self.left_out.items():
            self.doc.diagnose(
                "dependent-tier",
                f"left out {len(lines)} {tier} coding tier{'s' if len(lines) != 1 else ''} "
                f"(an analysis of the utterance above, not speech; lines {_listed(lines)})",
                lines[0],
            )
        for code, line in self.undeclared.items():
            self.doc.diagnose(
                "undeclared-participant",
                f"speaker code {code!r} is not in @Participants; the code is the name",
                line,
            )


def take_bullet(text: str) -> tuple[str, float | None, float | None]:
    """The utterance without its closing media bullet, and the bullet's times in seconds.

    The bullet is `start_end` in milliseconds at the end of the utterance,
    either between U+0015 marks or (once decoding has removed them) right
    after the terminator, so an utterance that ends in digits keeps them.
    """
    if text[-1:] not in "0123456789\x15" or not text:
        return text, None, None  # the common case: no bullet
    tail_start = max(0, len(text) - BULLET_TAIL_CHARS)
    match = None
    for candidate in BULLET.finditer(text, tail_start):
        if candidate.end() == len(text):
            match = candidate
            break
    if match is None:
        return text, None, None
    before = text[: match.start()].rstrip()
    marked = NAK in match.group()
    if not marked and (not before or before[-1] not in TERMINATOR_ENDS):
        return text, None, None
    start, end = int(match.group(1)) / 1000, int(match.group(2)) / 1000
    return before, start, max(start, end)


def _raw_parts(code: str) -> LabelParts:
    folded = fold(code)
    return LabelParts(code, code, folded_name=folded, folded_printed=folded)


def _listed(lines: list[int]) -> str:
    return ", ".join(map(str, lines[:12])) + (", …" if len(lines) > 12 else "")
