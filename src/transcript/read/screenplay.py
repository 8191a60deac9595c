"""The reader for screenplays in Fountain or plain screenplay layout (FORMATS.md §7).

    Title: The Night Ferry
    Author: Ines Calder

    INT. FERRY DECK - NIGHT

    Rain. MARA (40s) leans on the rail.

                        MARA (V.O.)
              I never liked the crossing.
                        (beat)
              Still don't.

    CUT TO:

A screenplay has no colon labels: the character cue is a line of its own in
capitals, with the dialogue right under it. Lines are read as Fountain reads
them (https://fountain.io/syntax), in this order:

1. the title page: `Key: value` lines at the very top, up to the first blank
   line (indented lines continue a value) → metadata (`Title`, `Author`,
   `Draft date`, `Source`; other keys go to `extra`);
2. boneyard `/* … */` and notes `[[ … ]]` starting a line → Prose note;
   sections `#` and synopses `=` → Prose note; `===` page breaks and PDF
   furniture (`CONTINUED:`, `(MORE)`, a bare page number) → left out, counted;
3. scene headings (`INT.`, `EXT.`, `INT./EXT.`, `EST.`, `I/E`, or forced with a
   leading `.`) → headings;
4. transitions (capitals ending in `TO:`, or forced `>`) and centered text
   (`>THE END<`) → Prose narration;
5. a character cue (capitals, digits, spaces, `.`, `'`, `-`, optional
   `(V.O.)`-style extensions and a trailing `^` for dual dialogue, or any case
   forced with a leading `@`) after a blank line and followed at once by a
   non-blank line → a turn; the dialogue runs to the next blank line (a line
   of exactly two spaces, Fountain's way to keep dialogue going, starts a new
   paragraph). Parentheticals (`(beat)`) stay in the speech as annotations;
6. anything else is action → Prose narration.

The extensions are not the name: `JOHN (V.O.)` and `JOHN` are one speaker, and
the turn keeps the printed label with its extension. A parenthesised extra that
is no camera extension (`EDITOR (TIME.NEWS)`) is an affiliation (§0 rule 5).
Every line may be indented, as screenplays taken from PDFs are.
"""

from __future__ import annotations

import re

import attrs

from ..decode import DecodedText
from ..labels import LabelParts, fold, split_label
from ..model import Annotation, AnnotationKind, Inline, ProseKind, Text, Transcript
from . import ReadOptions
from .build import DocumentBuilder, DraftTurn
from .detect import NO_FIT, SIGNATURE, Fit, Head
from .script import unknown_roles

STYLE = "screenplay-fountain"
SUFFIX = ".fountain"

MIN_CUES = 3
MIN_CHARACTERS = 2
"""The §8 qualification: at least 3 cues with dialogue, from at least 2 characters."""

MAX_NAME_CHARS = 60
MAX_EXTENSIONS = 3

TITLE_KEY = re.compile(r"([A-Za-z][A-Za-z ]{0,29}):(?:[ \t](.*))?")
"""A title-page line, `Draft date: 1 May 2027`, with its key and value (`https://…` is none)."""

SCENE_HEADING = re.compile(r"(?i)(?:int\.?/ext|int|ext|est|i/e)[. ]")
"""`INT. KITCHEN - NIGHT`, `EXT ROOF`, `INT./EXT. CAR`, `I/E VAN` (Fountain is case-blind here)."""

FORCED_HEADING = re.compile(r"\.[^.\s]")
"""`.FLASHBACK`: a heading forced with one leading period (`...` is an ellipsis, not one)."""

CUE_NAME = re.compile(r"[\w .'’\-]{1,60}")
"""The name part of a cue: letters, digits, spaces, periods, apostrophes, hyphens."""

EXTENSIONS = re.compile(r"(?:\([^()\n]{1,40}\)[ \t]*){0,3}")
"""`(V.O.) (CONT'D)`: the extensions after a cue's name, bounded."""

EXTENSION = re.compile(r"\(([^()\n]{1,40})\)")

PARENTHETICAL = re.compile(r"\([^()\n]{1,200}\)")
"""A wryly inside dialogue: `(beat)`, `(into phone)`; bounded, without nesting."""

PAGE_NUMBER = re.compile(r"\d{1,4}\.?")
PAGE_BREAK = re.compile(r"={3,}")

CAMERA_EXTENSIONS = frozenset(
    {
        "v.o.",
        "vo",
        "o.s.",
        "os",
        "o.c.",
        "oc",
        "cont'd",
        "cont’d",
        "contd",
        "cont.",
        "continuing",
        "pre-lap",
        "prelap",
        "filtered",
        "on phone",
        "on tv",
        "on radio",
        "on screen",
        "off screen",
        "voice-over",
        "voice over",
        "subtitled",
        "into phone",
        "on speaker",
    }
)
"""Screenplay extensions that say how a line is heard, never who says it."""

FURNITURE_LINES = frozenset({"continued:", "(continued)", "continued", "(more)", "(cont'd)"})
"""Page-break marks of screenplays printed to PDF: left out, counted."""

FURNITURE = "page-continuation or page-number"
MORE = "(more)"

AUTHOR_KEYS = frozenset({"author", "authors", "writer", "writers", "written by", "by"})
FIELD_KEYS = {"title": "title", "draft date": "date", "date": "date", "source": "source"}

SIGNAL = r"(?mi)^[^\S\n]*(?:title[^\S\n]*:|\.[^.\s]|>|(?:int|ext|est|i/e)[. /])|TO:[^\S\n]*$"
"""What `fit` needs besides the suffix (a heading, a transition, a title page), for the registry."""


@attrs.frozen
class Cue:
    """A character cue: the printed label, its parts, and whether it is dual dialogue."""

    parts: LabelParts
    dual: bool


def fit(head: Head) -> Fit:
    """Cue + dialogue pairs, and a screenplay mark (suffix, heading, transition, title page)."""
    lines = head.lines
    cues = 0
    names: set[str] = set()
    headings = transitions = 0
    previous_blank = True
    for index, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            previous_blank = True
            continue
        if previous_blank:
            if is_scene_heading(text):
                headings += 1
            elif is_transition(text):
                transitions += 1
            elif index + 1 < len(lines) and lines[index + 1].strip():
                cue = parse_cue(text)
                if cue is not None:
                    cues += 1
                    names.add(cue.parts.folded_name)
        previous_blank = False
    if cues < MIN_CUES or len(names) < MIN_CHARACTERS:
        return NO_FIT
    titled = _has_title_page(lines)
    suffixed = head.suffix == SUFFIX
    if not (suffixed or headings or transitions or titled):
        return NO_FIT
    signature = suffixed or (titled and headings > 0)
    return Fit(
        cues + (SIGNATURE if signature else 0.0),
        STYLE,
        f"{cues} character cues over dialogue, {headings} scene headings, "
        f"{transitions} transitions" + (", a Fountain title page" if titled else ""),
    )


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a screenplay (see the module docstring)."""
    reader = _ScreenplayReader(source.text.split("\n"))
    reader.run()
    return unknown_roles(reader.doc.finish(options), options)


# -- rules ------------------------------------------------------------------------------


def is_scene_heading(text: str) -> bool:
    """`INT. KITCHEN - NIGHT` or a forced `.FLASHBACK` (text is stripped)."""
    return SCENE_HEADING.match(text) is not None or FORCED_HEADING.match(text) is not None


def is_transition(text: str) -> bool:
    """`CUT TO:` (capitals ending in `TO:`) or a forced `>FADE OUT.` (not `>centered<`, `>>`)."""
    if text.startswith(">"):
        return not text.endswith("<") and not text.startswith(">>")
    return text.endswith("TO:") and not any(ch.islower() for ch in text)


def is_furniture(text: str) -> bool:
    """`CONTINUED:`, `(MORE)`, a bare page number `12.`: what a PDF page break leaves."""
    return text.casefold() in FURNITURE_LINES or PAGE_NUMBER.fullmatch(text) is not None


def is_centered(text: str) -> bool:
    """`>THE END<`: centered text."""
    return len(text) > 2 and text.startswith(">") and text.endswith("<")


def parse_cue(text: str) -> Cue | None:
    """A character cue (text is stripped), or None.

    Unforced: the name has a letter and no lower-case letter; extensions in
    parentheses may be any case. `@` forces any case (`@McCLANE`).
    """
    forced = text.startswith("@")
    body = text[1:].strip() if forced else text
    dual = body.endswith("^")
    if dual:
        body = body[:-1].rstrip()
    name, paren, rest = body.partition("(")
    name = name.strip()
    if not name or CUE_NAME.fullmatch(name) is None or "_" in name:
        return None
    if not any(ch.isalpha() for ch in name):
        return None
    if not forced and any(ch.islower() for ch in name):
        return None
    extras: list[str] = []
    if paren:
        tail = "(" + rest
        if EXTENSIONS.fullmatch(tail) is None:
            return None
        extras = EXTENSION.findall(tail)
    parts = split_label(name)
    if parts is None:
        return None
    printed = f"{name} {' '.join(f'({extra})' for extra in extras)}" if extras else name
    affiliation = next((e for e in extras if e.strip().casefold() not in CAMERA_EXTENSIONS), None)
    parts = attrs.evolve(
        parts,
        printed=printed,
        affiliation=affiliation,
        folded_name=parts.folded_name,
        folded_printed=fold(printed),
    )
    return Cue(parts, dual)


def _has_title_page(lines: tuple[str, ...]) -> bool:
    """The first non-blank line opens a title page, and the page has a `Title:` key."""
    started = False
    for raw in lines:
        if not raw.strip():
            if started:
                return False
            continue
        match = TITLE_KEY.fullmatch(raw.strip())
        if not started and match is None:
            return False
        started = True
        if match is not None and match.group(1).strip().casefold() == "title":
            return True
    return False


def screenplay_inline(text: str) -> tuple[Inline, ...] | None:
    """Dialogue with its parentheticals as annotations; None when it has none."""
    if "(" not in text:
        return None
    nodes: list[Inline] = []
    position = 0
    for match in PARENTHETICAL.finditer(text):
        if match.start() > position:
            nodes.append(Text(text[position : match.start()]))
        nodes.append(Annotation(AnnotationKind.ACTION, match.group()))
        position = match.end()
    if not nodes:
        return None
    if position < len(text):
        nodes.append(Text(text[position:]))
    return tuple(nodes)


def _unemphasised(word: str) -> str:
    """`_**BRICK` → `BRICK`: Fountain's emphasis marks off a title word (`M*A*S*H` stays)."""
    return word.strip("*_") or word


# -- the reader -------------------------------------------------------------------------


class _ScreenplayReader:
    """One read: the lines, an index into them, and the builder."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.index = 0
        self.doc = DocumentBuilder(STYLE, inline_rule=screenplay_inline)
        self.at_more = False
        """The last dialogue ended at a `(MORE)` page break."""

    def run(self) -> None:
        self._title_page()
        previous_blank = True
        while self.index < len(self.lines):
            number = self.index + 1
            text = self.lines[self.index].strip()
            self.index += 1
            if not text:
                previous_blank = True
                continue
            furniture = self._element(number, text, previous_blank)
            previous_blank = previous_blank and furniture

    # -- title page --------------------------------------------------------------------
    def _title_page(self) -> None:
        lines = self.lines
        start = 0
        while start < len(lines) and not lines[start].strip():
            start += 1
        if start >= len(lines) or TITLE_KEY.fullmatch(lines[start].strip()) is None:
            return
        entries: list[tuple[str, list[str]]] = []
        index = start
        while index < len(lines) and lines[index].strip():
            raw = lines[index]
            text = raw.strip()
            match = TITLE_KEY.fullmatch(text)
            indented = raw[:1] in (" ", "\t")
            if match is not None and not (indented and entries):
                value = (match.group(2) or "").strip()
                entries.append((match.group(1).strip(), [value] if value else []))
            else:
                entries[-1][1].append(text)
            index += 1
        self.index = index
        for key, values in entries:
            self._title_entry(key, values)

    def _title_entry(self, key: str, values: list[str]) -> None:
        folded = key.casefold()
        if folded in AUTHOR_KEYS and values:
            self.doc.authors.extend(values)
            return
        value = " ".join(values)
        field = FIELD_KEYS.get(folded)
        if field == "title":
            value = " ".join(_unemphasised(word) for word in value.split()) or value
        self.doc.set(field or "extra", value, key)

    # -- body --------------------------------------------------------------------------
    def _element(self, number: int, text: str, previous_blank: bool) -> bool:
        """Read the element that starts at this line; True when it was page furniture.

        Furniture is transparent: a cue after `CONTINUED:` still follows a blank line,
        and so does the `NAME (CONT'D)` cue after dialogue that ended in `(MORE)`.
        """
        doc = self.doc
        if text.startswith("/*"):
            self._block_note(number, text, "*/")
        elif text.startswith("[["):
            self._block_note(number, text, "]]", to_blank=True)
        elif PAGE_BREAK.fullmatch(text) is not None:
            doc.furniture("page-break", number)
            return True
        elif is_furniture(text):
            doc.furniture(FURNITURE, number)
            return True
        elif text[0] in "#=":
            doc.prose(ProseKind.NOTE, text, number)
        elif is_centered(text):
            doc.prose_line(ProseKind.NARRATION, text[1:-1].strip() or text, number)
        elif previous_blank and is_scene_heading(text):
            doc.heading(text[1:] if text[0] == "." else text, 2, number)
        elif previous_blank and is_transition(text):
            doc.prose_line(ProseKind.NARRATION, text.lstrip(">").strip() or text, number)
        elif previous_blank and self._next_is_text() and self._cue(number, text):
            return self.at_more
        else:
            action = text[1:] if text[0] == "!" and len(text) > 1 else text
            doc.prose_line(ProseKind.NARRATION, action, number, join=not previous_blank)
        return False

    def _next_is_text(self) -> bool:
        return self.index < len(self.lines) and bool(self.lines[self.index].strip())

    def _cue(self, number: int, text: str) -> bool:
        """A cue and its dialogue, up to the next blank line; False when text is no cue."""
        cue = parse_cue(text)
        if cue is None:
            return False
        turn = self.doc.turn(cue.parts, number)
        if cue.dual:
            self.doc.diagnose(
                "dual-dialogue", f"{cue.parts.printed} speaks with the turn before (^)", number
            )
        self._dialogue(turn)
        return True

    def _dialogue(self, turn: DraftTurn) -> None:
        lines = self.lines
        join = False
        self.at_more = False
        while self.index < len(lines):
            raw = lines[self.index]
            text = raw.strip()
            if not text:
                if raw == "  " and self.index + 1 < len(lines) and lines[self.index + 1].strip():
                    join = False  # Fountain's two spaces: the dialogue goes on, a new paragraph
                    self.index += 1
                    continue
                return
            number = self.index + 1
            self.index += 1
            if is_furniture(text):
                self.doc.furniture(FURNITURE, number)
                if text.casefold() == MORE:
                    self.at_more = True
                    return  # the speech goes on under a `NAME (CONT'D)` cue on the next page
                continue
            turn.add(text, number, join=join)
            join = True

    def _block_note(self, number: int, text: str, closer: str, *, to_blank: bool = False) -> None:
        """Boneyard or a note that may run over several lines: one Prose note, words kept.

        Boneyard runs to its `*/`; a note left open ends at a blank line too.
        """
        note = self.doc.prose(ProseKind.NOTE, text, number)
        closed = closer in text[2:]
        lines = self.lines
        while not closed and self.index < len(lines):
            line = lines[self.index].strip()
            if not line and to_blank:
                return
            self.index += 1
            if line:
                note.add(line, self.index, join=True)
            closed = closer in line
